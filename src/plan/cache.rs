//! `df.cache()`: a table that runs its plan once, on first read, and serves
//! the kept batches to every later read.

use std::sync::Arc;

use async_trait::async_trait;
use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::catalog::{Session as CatalogSession, TableProvider};
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::Result as DFResult;
use datafusion::common::Statistics;
use datafusion::datasource::memory::MemorySourceConfig;
use datafusion::datasource::provider_as_source;
use datafusion::execution::{SendableRecordBatchStream, TaskContext};
use datafusion::logical_expr::{Expr as DFExpr, LogicalPlan, LogicalPlanBuilder, TableType};
use datafusion::physical_plan::statistics::StatisticsArgs;
use datafusion::physical_plan::{
    collect_partitioned, DisplayAs, DisplayFormatType, ExecutionPlan, PhysicalExpr, PlanProperties,
};
use tokio::sync::OnceCell;

use super::Frame;
use crate::error::Result;

#[derive(Debug)]
pub struct CachedTable {
    schema: SchemaRef,
    plan: Arc<LogicalPlan>,
    data: OnceCell<Vec<Vec<RecordBatch>>>,
}

impl CachedTable {
    pub fn is_materialized(&self) -> bool {
        self.data.initialized()
    }
}

#[async_trait]
impl TableProvider for CachedTable {
    fn schema(&self) -> SchemaRef {
        Arc::clone(&self.schema)
    }

    fn table_type(&self) -> TableType {
        TableType::Temporary
    }

    async fn scan(
        &self,
        state: &dyn CatalogSession,
        projection: Option<&Vec<usize>>,
        _filters: &[DFExpr],
        _limit: Option<usize>,
    ) -> DFResult<Arc<dyn ExecutionPlan>> {
        let parts = self
            .data
            .get_or_try_init(|| async {
                let physical = state.create_physical_plan(&self.plan).await?;
                collect_partitioned(physical, state.task_ctx()).await
            })
            .await?;
        let exec = MemorySourceConfig::try_new_exec(parts, self.schema(), projection.cloned())?;
        Ok(Arc::new(InMemoryTableScanExec { input: exec }))
    }
}

/// The scan of a cache: its kept batches, under Spark's name for it.
#[derive(Debug)]
struct InMemoryTableScanExec {
    input: Arc<dyn ExecutionPlan>,
}

impl DisplayAs for InMemoryTableScanExec {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "InMemoryTableScanExec")
    }
}

impl ExecutionPlan for InMemoryTableScanExec {
    fn name(&self) -> &'static str {
        "InMemoryTableScanExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        self.input.properties()
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        vec![&self.input]
    }

    fn maintains_input_order(&self) -> Vec<bool> {
        vec![true]
    }

    fn benefits_from_input_partitioning(&self) -> Vec<bool> {
        vec![false]
    }

    fn apply_expressions(
        &self,
        _f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> DFResult<TreeNodeRecursion>,
    ) -> DFResult<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    fn statistics_from_inputs(
        &self,
        input_stats: &[Arc<Statistics>],
        _args: &StatisticsArgs,
    ) -> DFResult<Arc<Statistics>> {
        input_stats
            .first()
            .cloned()
            .ok_or_else(|| datafusion::error::DataFusionError::Internal("no input".into()))
    }

    #[allow(deprecated)]
    fn with_new_children(
        self: Arc<Self>,
        mut children: Vec<Arc<dyn ExecutionPlan>>,
    ) -> DFResult<Arc<dyn ExecutionPlan>> {
        Ok(Arc::new(InMemoryTableScanExec {
            input: children.swap_remove(0),
        }))
    }

    fn execute(
        &self,
        partition: usize,
        context: Arc<TaskContext>,
    ) -> DFResult<SendableRecordBatchStream> {
        self.input.execute(partition, context)
    }
}

/// A frame with the same columns that reads through a cache of `frame`.
pub fn cached(frame: &Frame) -> Result<(Frame, Arc<CachedTable>)> {
    let table = Arc::new(CachedTable {
        schema: Arc::new(frame.plan.schema().as_arrow().clone()),
        plan: Arc::clone(&frame.plan),
        data: OnceCell::new(),
    });
    let source = provider_as_source(Arc::clone(&table) as Arc<dyn TableProvider>);
    let plan = LogicalPlanBuilder::scan("cache", source, None)?.build()?;
    let fields = frame.fields.as_ref().clone();
    Ok((Frame::with_fields(plan, fields), table))
}
