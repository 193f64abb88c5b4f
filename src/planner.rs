//! Rule sets for DataFusion's optimizers. A simple pipeline (scans, filters,
//! projections, sorts, limits, distinct) is planned with the rules that can
//! change it; everything else gets DataFusion's full set. Planning is most of
//! a small query's latency, and most rules have nothing to do on a pipeline.

use std::sync::Arc;

use datafusion::common::tree_node::{TreeNode, TreeNodeRecursion};
use datafusion::execution::session_state::{SessionState, SessionStateBuilder};
use datafusion::logical_expr::LogicalPlan;
use datafusion::optimizer::eliminate_filter::EliminateFilter;
use datafusion::optimizer::eliminate_limit::EliminateLimit;
use datafusion::optimizer::optimize_projections::OptimizeProjections;
use datafusion::optimizer::push_down_filter::PushDownFilter;
use datafusion::optimizer::push_down_limit::PushDownLimit;
use datafusion::optimizer::replace_distinct_aggregate::ReplaceDistinctWithAggregate;
use datafusion::optimizer::simplify_expressions::SimplifyExpressions;
use datafusion::optimizer::OptimizerRule;
use datafusion::physical_optimizer::ensure_coop::EnsureCooperative;
use datafusion::physical_optimizer::ensure_requirements::EnsureRequirements;
use datafusion::physical_optimizer::filter_pushdown::FilterPushdown;
use datafusion::physical_optimizer::limit_pushdown::LimitPushdown;
use datafusion::physical_optimizer::output_requirements::OutputRequirements;
use datafusion::physical_optimizer::projection_pushdown::ProjectionPushdown;
use datafusion::physical_optimizer::PhysicalOptimizerRule;

/// A state whose optimizers carry only the rules a pipeline needs.
pub fn pipeline_state(full: SessionState) -> SessionState {
    let logical: Vec<Arc<dyn OptimizerRule + Send + Sync>> = vec![
        Arc::new(SimplifyExpressions::new()),
        Arc::new(ReplaceDistinctWithAggregate::new()),
        Arc::new(EliminateFilter::new()),
        Arc::new(EliminateLimit::new()),
        Arc::new(PushDownLimit::new()),
        Arc::new(PushDownFilter::new()),
        Arc::new(OptimizeProjections::new()),
    ];
    let physical: Vec<Arc<dyn PhysicalOptimizerRule + Send + Sync>> = vec![
        Arc::new(OutputRequirements::new_add_mode()),
        Arc::new(FilterPushdown::new()),
        Arc::new(EnsureRequirements::new()),
        Arc::new(ProjectionPushdown::new()),
        Arc::new(OutputRequirements::new_remove_mode()),
        Arc::new(LimitPushdown::new()),
        Arc::new(EnsureCooperative::new()),
    ];
    SessionStateBuilder::new_from_existing(full)
        .with_optimizer_rules(logical)
        .with_physical_optimizer_rules(physical)
        .build()
}

/// Whether a plan is a simple pipeline: no joins, aggregates, windows,
/// unions, subqueries or other operators that the full rule set rewrites.
pub fn is_pipeline(plan: &LogicalPlan) -> bool {
    let mut simple = true;
    let _ = plan.apply(|node| {
        let ok = matches!(
            node,
            LogicalPlan::TableScan(_)
                | LogicalPlan::Projection(_)
                | LogicalPlan::Filter(_)
                | LogicalPlan::Limit(_)
                | LogicalPlan::Sort(_)
                | LogicalPlan::Repartition(_)
                | LogicalPlan::Distinct(_)
                | LogicalPlan::EmptyRelation(_)
                | LogicalPlan::Values(_)
                | LogicalPlan::SubqueryAlias(_)
        ) && node
            .expressions()
            .iter()
            .all(|e| !e.contains_outer() && !has_subquery(e));
        if ok {
            Ok(TreeNodeRecursion::Continue)
        } else {
            simple = false;
            Ok(TreeNodeRecursion::Stop)
        }
    });
    simple
}

fn has_subquery(e: &datafusion::logical_expr::Expr) -> bool {
    let mut found = false;
    let _ = e.apply(|x| {
        if matches!(
            x,
            datafusion::logical_expr::Expr::ScalarSubquery(_)
                | datafusion::logical_expr::Expr::Exists(_)
                | datafusion::logical_expr::Expr::InSubquery(_)
        ) {
            found = true;
            return Ok(TreeNodeRecursion::Stop);
        }
        Ok(TreeNodeRecursion::Continue)
    });
    found
}
