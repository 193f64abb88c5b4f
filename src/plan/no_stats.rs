//! A pass-through operator, under a name of its own, that keeps or hides
//! its input's statistics; and the rule that hides the statistics of cross
//! joins' inputs, so that DataFusion does not swap them by size: the left
//! side stays the build side and rows come left-major, as Spark's cartesian
//! product gives them.

use std::fmt;
use std::sync::Arc;

use datafusion::common::config::ConfigOptions;
use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::common::Statistics;
use datafusion::execution::{SendableRecordBatchStream, TaskContext};
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::joins::CrossJoinExec;
use datafusion::physical_plan::statistics::StatisticsArgs;
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, PhysicalExpr, PlanProperties,
};

/// The name of the operator that hides its input's statistics.
pub const NO_STATS: &str = "NoStatsExec";

/// A physical optimizer rule, run before DataFusion's join selection: the
/// inputs of each remaining cross join get unknown statistics, so the join
/// is not swapped by size and its left side stays the build side.
#[derive(Debug)]
pub struct LeftMajorCrossJoins;

impl PhysicalOptimizerRule for LeftMajorCrossJoins {
    fn optimize(
        &self,
        plan: Arc<dyn ExecutionPlan>,
        _config: &ConfigOptions,
    ) -> datafusion::common::Result<Arc<dyn ExecutionPlan>> {
        plan.transform_up(|node| {
            let Some(cross) = node.downcast_ref::<CrossJoinExec>() else {
                return Ok(Transformed::no(node));
            };
            let hide = |c: &Arc<dyn ExecutionPlan>| -> Arc<dyn ExecutionPlan> {
                Arc::new(PassThroughExec::new(Arc::clone(c), NO_STATS, false))
            };
            let joined = CrossJoinExec::new(hide(cross.left()), hide(cross.right()));
            Ok(Transformed::yes(Arc::new(joined) as Arc<dyn ExecutionPlan>))
        })
        .map(|t| t.data)
    }

    fn name(&self) -> &str {
        "left_major_cross_joins"
    }

    fn schema_check(&self) -> bool {
        true
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
