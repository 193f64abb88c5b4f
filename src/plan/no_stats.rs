//! A pass-through node whose statistics are unknown, and the pass-through
//! operator it (and the scan of a cache) plans into. Under the left side of
//! a cross join it keeps DataFusion from swapping the join's inputs by size,
//! so the rows come left-major, as Spark's cartesian product gives them.

use std::fmt;
use std::sync::Arc;

use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::{DFSchemaRef, Statistics};
use datafusion::execution::{SendableRecordBatchStream, TaskContext};
use datafusion::logical_expr::physical_planning_context::PhysicalPlanningContext;
use datafusion::logical_expr::{
    Expr as DFExpr, Extension, LogicalPlan, UserDefinedLogicalNode, UserDefinedLogicalNodeCore,
};
use datafusion::physical_plan::statistics::StatisticsArgs;
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, PhysicalExpr, PlanProperties,
};
use datafusion::physical_planner::{ExtensionPlanner, PhysicalPlanner};

/// `plan`, with its statistics hidden.
pub fn hide_statistics(plan: LogicalPlan) -> LogicalPlan {
    LogicalPlan::Extension(Extension {
        node: Arc::new(NoStats { input: plan }),
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd)]
struct NoStats {
    input: LogicalPlan,
}

impl UserDefinedLogicalNodeCore for NoStats {
    fn name(&self) -> &str {
        "NoStats"
    }

    fn inputs(&self) -> Vec<&LogicalPlan> {
        vec![&self.input]
    }

    fn schema(&self) -> &DFSchemaRef {
        self.input.schema()
    }

    fn expressions(&self) -> Vec<DFExpr> {
        vec![]
    }

    fn prevent_predicate_push_down_columns(&self) -> std::collections::HashSet<String> {
        std::collections::HashSet::new()
    }

    fn necessary_children_exprs(&self, output_columns: &[usize]) -> Option<Vec<Vec<usize>>> {
        Some(vec![output_columns.to_vec()])
    }

    fn fmt_for_explain(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "NoStats")
    }

    fn with_exprs_and_inputs(
        &self,
        _exprs: Vec<DFExpr>,
        mut inputs: Vec<LogicalPlan>,
    ) -> datafusion::common::Result<Self> {
        Ok(NoStats {
            input: inputs.swap_remove(0),
        })
    }
}

/// An operator that passes its input through unchanged, under a name of its
/// own; its statistics are its input's, or unknown.
#[derive(Debug)]
pub struct PassThroughExec {
    input: Arc<dyn ExecutionPlan>,
    name: &'static str,
    keep_statistics: bool,
}

impl PassThroughExec {
    pub fn new(input: Arc<dyn ExecutionPlan>, name: &'static str, keep_statistics: bool) -> Self {
        PassThroughExec {
            input,
            name,
            keep_statistics,
        }
    }
}

impl DisplayAs for PassThroughExec {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.name)
    }
}

impl ExecutionPlan for PassThroughExec {
    fn name(&self) -> &'static str {
        self.name
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
        _f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> datafusion::common::Result<TreeNodeRecursion>,
    ) -> datafusion::common::Result<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    fn statistics_from_inputs(
        &self,
        input_stats: &[Arc<Statistics>],
        _args: &StatisticsArgs,
    ) -> datafusion::common::Result<Arc<Statistics>> {
        match input_stats.first() {
            Some(s) if self.keep_statistics => Ok(Arc::clone(s)),
            _ => Ok(Arc::new(Statistics::new_unknown(&self.schema()))),
        }
    }

    #[allow(deprecated)]
    fn with_new_children(
        self: Arc<Self>,
        mut children: Vec<Arc<dyn ExecutionPlan>>,
    ) -> datafusion::common::Result<Arc<dyn ExecutionPlan>> {
        Ok(Arc::new(PassThroughExec::new(
            children.swap_remove(0),
            self.name,
            self.keep_statistics,
        )))
    }

    fn execute(
        &self,
        partition: usize,
        context: Arc<TaskContext>,
    ) -> datafusion::common::Result<SendableRecordBatchStream> {
        self.input.execute(partition, context)
    }
}

/// Plans the node.
pub struct NoStatsPlanner;

#[async_trait::async_trait]
impl ExtensionPlanner for NoStatsPlanner {
    async fn plan_extension(
        &self,
        _planner: &dyn PhysicalPlanner,
        node: &dyn UserDefinedLogicalNode,
        _logical_inputs: &[&LogicalPlan],
        physical_inputs: &[Arc<dyn ExecutionPlan>],
        _session: &dyn datafusion::catalog::Session,
        _ctx: &PhysicalPlanningContext,
    ) -> datafusion::common::Result<Option<Arc<dyn ExecutionPlan>>> {
        if node.as_any().downcast_ref::<NoStats>().is_none() {
            return Ok(None);
        }
        Ok(Some(Arc::new(PassThroughExec::new(
            Arc::clone(&physical_inputs[0]),
            "NoStatsExec",
            false,
        ))))
    }
}
