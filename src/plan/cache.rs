//! `df.cache()`: a table that runs its plan once, on first read, and serves
//! the kept batches to every later read.

use std::sync::Arc;

use async_trait::async_trait;
use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::catalog::{Session as CatalogSession, TableProvider};
use datafusion::common::Result as DFResult;
use datafusion::datasource::memory::MemorySourceConfig;
use datafusion::datasource::provider_as_source;
use datafusion::logical_expr::{Expr as DFExpr, LogicalPlan, LogicalPlanBuilder, TableType};
use datafusion::physical_plan::{collect_partitioned, ExecutionPlan};
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
        // Under Spark's name for the scan of a cache.
        Ok(Arc::new(super::no_stats::PassThroughExec::new(
            exec,
            "InMemoryTableScanExec",
            true,
        )))
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
