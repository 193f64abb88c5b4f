//! `spark_partition_id()` and `monotonically_increasing_id()`: values only
//! the running partition knows. A frame whose expressions use them gets a
//! node that adds two hidden columns per row: the partition's index, and
//! Spark's id (the partition index in the upper 31 bits, the row's position
//! within the partition in the lower 33).

use std::fmt;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Int32Array, Int64Array, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::{DFSchema, DFSchemaRef};
use datafusion::execution::context::QueryPlanner;
use datafusion::execution::{SendableRecordBatchStream, TaskContext};
use datafusion::logical_expr::physical_planning_context::PhysicalPlanningContext;
use datafusion::logical_expr::{
    Expr as DFExpr, Extension, LogicalPlan, UserDefinedLogicalNode, UserDefinedLogicalNodeCore,
};
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, PhysicalExpr, PlanProperties,
};
use datafusion::physical_planner::{DefaultPhysicalPlanner, ExtensionPlanner, PhysicalPlanner};
use futures::StreamExt;

use crate::error::Result;
use crate::expr::Expr;
use crate::plan::{Frame, OutField};

/// The hidden column of the partition index.
pub const PARTITION_ID: &str = "__generated_spark_partition_id";
/// The hidden column of Spark's monotonically increasing id.
pub const MONOTONIC_ID: &str = "__generated_monotonically_increasing_id";

const FUNCTIONS: [&str; 2] = ["spark_partition_id", "monotonically_increasing_id"];

/// Whether any expression calls one of the partition-aware functions.
pub fn uses(exprs: &[Expr]) -> bool {
    exprs.iter().any(|e| {
        let text = e.repr().to_lowercase();
        FUNCTIONS.iter().any(|f| text.contains(&format!("{f}(")))
    })
}

/// The frame with the two hidden columns added (once).
pub fn with_ids(frame: &Frame) -> Result<Frame> {
    if frame.fields.iter().any(|f| f.name == PARTITION_ID) {
        return Ok(frame.clone());
    }
    let node = PartitionIds::try_new(frame.plan.as_ref().clone())?;
    let plan = LogicalPlan::Extension(Extension {
        node: Arc::new(node),
    });
    let n = plan.schema().fields().len();
    let mut fields: Vec<OutField> = frame.fields.iter().cloned().collect();
    for (name, f) in [PARTITION_ID, MONOTONIC_ID]
        .into_iter()
        .zip(&plan.schema().fields()[n - 2..])
    {
        fields.push(OutField {
            name: name.into(),
            internal: f.name().clone(),
            qualifier: None,
            lineage: vec![],
        });
    }
    Ok(Frame::with_fields(plan, fields))
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct PartitionIds {
    input: LogicalPlan,
    schema: DFSchemaRef,
}

impl PartialOrd for PartitionIds {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        self.input.partial_cmp(&other.input)
    }
}

impl PartitionIds {
    fn try_new(input: LogicalPlan) -> Result<PartitionIds> {
        let mut fields: Vec<Field> = input
            .schema()
            .fields()
            .iter()
            .map(|f| f.as_ref().clone())
            .collect();
        fields.push(Field::new(
            crate::plan::internal_name(),
            DataType::Int32,
            false,
        ));
        fields.push(Field::new(
            crate::plan::internal_name(),
            DataType::Int64,
            false,
        ));
        let schema = Arc::new(DFSchema::try_from(Schema::new(fields))?);
        Ok(PartitionIds { input, schema })
    }
}

impl UserDefinedLogicalNodeCore for PartitionIds {
    fn name(&self) -> &str {
        "PartitionIds"
    }

    fn inputs(&self) -> Vec<&LogicalPlan> {
        vec![&self.input]
    }

    fn schema(&self) -> &DFSchemaRef {
        &self.schema
    }

    fn expressions(&self) -> Vec<DFExpr> {
        vec![]
    }

    fn fmt_for_explain(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "PartitionIds")
    }

    fn with_exprs_and_inputs(
        &self,
        _exprs: Vec<DFExpr>,
        mut inputs: Vec<LogicalPlan>,
    ) -> datafusion::common::Result<Self> {
        let input = inputs.swap_remove(0);
        // Keep the output names: the columns above refer to them.
        let mut fields: Vec<Field> = input
            .schema()
            .fields()
            .iter()
            .map(|f| f.as_ref().clone())
            .collect();
        let n = self.schema.fields().len();
        fields.extend(
            self.schema.fields()[n - 2..]
                .iter()
                .map(|f| f.as_ref().clone()),
        );
        let schema = Arc::new(DFSchema::try_from(Schema::new(fields))?);
        Ok(PartitionIds { input, schema })
    }
}

#[derive(Debug)]
struct PartitionIdsExec {
    input: Arc<dyn ExecutionPlan>,
    schema: SchemaRef,
    properties: Arc<PlanProperties>,
    /// Whether the rows must come as one partition (after `coalesce(1)`).
    single: bool,
}

impl PartitionIdsExec {
    fn new(input: Arc<dyn ExecutionPlan>, schema: SchemaRef, single: bool) -> PartitionIdsExec {
        let inp = input.properties();
        let partitioning = if single {
            datafusion::physical_plan::Partitioning::UnknownPartitioning(1)
        } else {
            inp.partitioning.clone()
        };
        let properties = Arc::new(PlanProperties::new(
            datafusion::physical_expr::EquivalenceProperties::new(Arc::clone(&schema)),
            partitioning,
            inp.emission_type,
            inp.boundedness,
        ));
        PartitionIdsExec {
            input,
            schema,
            properties,
            single,
        }
    }
}

impl DisplayAs for PartitionIdsExec {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "PartitionIdsExec")
    }
}

impl ExecutionPlan for PartitionIdsExec {
    fn name(&self) -> &'static str {
        "PartitionIdsExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
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

    fn required_input_distribution(&self) -> Vec<datafusion::physical_plan::Distribution> {
        vec![if self.single {
            datafusion::physical_plan::Distribution::SinglePartition
        } else {
            datafusion::physical_plan::Distribution::UnspecifiedDistribution
        }]
    }

    fn apply_expressions(
        &self,
        _f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> datafusion::common::Result<TreeNodeRecursion>,
    ) -> datafusion::common::Result<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    #[allow(deprecated)]
    fn with_new_children(
        self: Arc<Self>,
        mut children: Vec<Arc<dyn ExecutionPlan>>,
    ) -> datafusion::common::Result<Arc<dyn ExecutionPlan>> {
        Ok(Arc::new(PartitionIdsExec::new(
            children.swap_remove(0),
            Arc::clone(&self.schema),
            self.single,
        )))
    }

    fn execute(
        &self,
        partition: usize,
        context: Arc<TaskContext>,
    ) -> datafusion::common::Result<SendableRecordBatchStream> {
        let input = self.input.execute(partition, context)?;
        let schema = Arc::clone(&self.schema);
        let out_schema = Arc::clone(&schema);
        let mut row: i64 = 0;
        let base = (partition as i64) << 33;
        let stream = input.map(move |batch| {
            let batch = batch?;
            let n = batch.num_rows();
            let pid: ArrayRef = Arc::new(Int32Array::from(vec![partition as i32; n]));
            let ids: ArrayRef = Arc::new(Int64Array::from_iter_values(
                (row..row + n as i64).map(|r| base + r),
            ));
            row += n as i64;
            let mut cols = batch.columns().to_vec();
            cols.push(pid);
            cols.push(ids);
            Ok(RecordBatch::try_new(Arc::clone(&schema), cols)?)
        });
        Ok(Box::pin(RecordBatchStreamAdapter::new(out_schema, stream)))
    }
}

/// Plans the node.
struct IdsPlanner;

#[async_trait::async_trait]
impl ExtensionPlanner for IdsPlanner {
    async fn plan_extension(
        &self,
        _planner: &dyn PhysicalPlanner,
        node: &dyn UserDefinedLogicalNode,
        logical_inputs: &[&LogicalPlan],
        physical_inputs: &[Arc<dyn ExecutionPlan>],
        _session: &dyn datafusion::catalog::Session,
        _ctx: &PhysicalPlanningContext,
    ) -> datafusion::common::Result<Option<Arc<dyn ExecutionPlan>>> {
        if node.as_any().downcast_ref::<PartitionIds>().is_none() {
            return Ok(None);
        }
        let schema: SchemaRef = Arc::new(node.schema().as_arrow().clone());
        let single = matches!(
            logical_inputs.first(),
            Some(LogicalPlan::Repartition(r))
                if r.partitioning_scheme.partition_count() == Some(1)
        );
        Ok(Some(Arc::new(PartitionIdsExec::new(
            Arc::clone(&physical_inputs[0]),
            schema,
            single,
        ))))
    }
}

/// DataFusion's planner, with Ember's extension nodes.
#[derive(Debug)]
pub struct EmberQueryPlanner;

#[async_trait::async_trait]
impl QueryPlanner for EmberQueryPlanner {
    async fn create_physical_plan(
        &self,
        plan: &LogicalPlan,
        session: &dyn datafusion::catalog::Session,
    ) -> datafusion::common::Result<Arc<dyn ExecutionPlan>> {
        DefaultPhysicalPlanner::with_extension_planners(vec![Arc::new(IdsPlanner)])
            .create_physical_plan(plan, session)
            .await
    }
}
