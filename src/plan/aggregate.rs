//! Aggregation: `groupBy(...).agg(...)`, global aggregates, `rollup`,
//! `cube`, `groupingSets`, `grouping()`/`grouping_id()`, and SQL's
//! `GROUP BY` forms.

use datafusion::logical_expr::{Expr as DFExpr, GroupingSet, LogicalPlanBuilder};

use super::ops::expand;
use super::resolve::{Resolved, Resolver};
use super::{internal_name, Frame, OutField};
use crate::error::{ErrorKind, Result, SparkError};
use crate::expr::Expr;
use crate::session::Settings;

/// How the grouping expressions group: plainly, or as grouping sets
/// (`Sets` holds indices into the grouping expressions).
#[derive(Debug, Clone, PartialEq)]
pub enum Grouping {
    Plain,
    Rollup,
    Cube,
    Sets(Vec<Vec<usize>>),
}

impl Grouping {
    pub fn parse(kind: &str, sets: Option<Vec<Vec<usize>>>) -> Result<Grouping> {
        Ok(match kind {
            "groupby" => Grouping::Plain,
            "rollup" => Grouping::Rollup,
            "cube" => Grouping::Cube,
            "groupingsets" => Grouping::Sets(sets.unwrap_or_default()),
            other => return Err(SparkError::internal(format!("unknown grouping {other}"))),
        })
    }

    fn grouping_set(&self, exprs: Vec<DFExpr>) -> Result<GroupingSet> {
        Ok(match self {
            Grouping::Plain | Grouping::Rollup => GroupingSet::Rollup(exprs),
            Grouping::Cube => GroupingSet::Cube(exprs),
            Grouping::Sets(sets) => GroupingSet::GroupingSets(
                sets.iter()
                    .map(|s| {
                        s.iter()
                            .map(|i| {
                                exprs.get(*i).cloned().ok_or_else(|| {
                                    SparkError::internal("grouping set index out of range")
                                })
                            })
                            .collect::<Result<Vec<_>>>()
                    })
                    .collect::<Result<Vec<_>>>()?,
            ),
        })
    }
}

/// `grouping_id()` without arguments means all grouping expressions.
fn with_grouping_columns(mut o: Resolved, groups: &[DFExpr]) -> Result<Resolved> {
    use datafusion::common::tree_node::{Transformed, TreeNode};
    o.expr = o
        .expr
        .transform_up(|e| match e {
            DFExpr::AggregateFunction(mut f)
                if f.func.name() == "grouping" && f.params.args.is_empty() =>
            {
                f.params.args = groups.to_vec();
                Ok(Transformed::yes(DFExpr::AggregateFunction(f)))
            }
            other => Ok(Transformed::no(other)),
        })?
        .data;
    Ok(o)
}

/// `groupBy(groups).agg(aggs)`: the grouping columns, then the aggregates.
pub fn aggregate(
    frame: &Frame,
    settings: &Settings,
    groups: &[Expr],
    aggs: &[Expr],
    grouping: &Grouping,
) -> Result<Frame> {
    let group_items = expand(frame, settings, groups)?;
    let resolver = Resolver::new(frame, settings);
    let mut outputs = group_items.clone();
    for a in aggs {
        outputs.push(resolver.resolve(a)?);
    }
    build_aggregate(frame, group_items, outputs, grouping)
}

/// `SELECT items … GROUP BY groups`: the select list computed per group.
pub fn group_select(
    frame: &Frame,
    settings: &Settings,
    groups: &[Expr],
    items: &[Expr],
    grouping: &Grouping,
) -> Result<Frame> {
    let group_items = expand(frame, settings, groups)?;
    let outputs = expand(frame, settings, items)?;
    build_aggregate(frame, group_items, outputs, grouping)
}

/// An `Aggregate` node over `groups` and the aggregate calls inside
/// `outputs`, then a projection computing `outputs` from its result.
pub(crate) fn build_aggregate(
    frame: &Frame,
    groups: Vec<Resolved>,
    outputs: Vec<Resolved>,
    grouping: &Grouping,
) -> Result<Frame> {
    use datafusion::common::tree_node::{Transformed, TreeNode};
    let column = |n: &str| DFExpr::Column(datafusion::common::Column::new_unqualified(n));
    let group_exprs: Vec<DFExpr> = groups.iter().map(|g| g.expr.clone()).collect();
    let outputs = outputs
        .into_iter()
        .map(|o| with_grouping_columns(o, &group_exprs))
        .collect::<Result<Vec<_>>>()?;
    let groups: Vec<(Resolved, String)> =
        groups.into_iter().map(|g| (g, internal_name())).collect();
    let aggregates: Vec<(DFExpr, String)> =
        datafusion::logical_expr::utils::find_aggregate_exprs(outputs.iter().map(|o| &o.expr))
            .into_iter()
            .map(|a| (a, internal_name()))
            .collect();
    let aggregate_exprs = aggregates.iter().map(|(a, n)| a.clone().alias(n));
    let builder = LogicalPlanBuilder::from(frame.plan.as_ref().clone());
    let (plan, group_refs) = match grouping {
        Grouping::Plain => {
            let plan = builder
                .aggregate(
                    groups.iter().map(|(g, n)| g.expr.clone().alias(n)),
                    aggregate_exprs,
                )?
                .build()?;
            let refs: Vec<DFExpr> = groups.iter().map(|(_, n)| column(n)).collect();
            (plan, refs)
        }
        sets => {
            let set = sets.grouping_set(group_exprs.clone())?;
            let plan = builder
                .aggregate(vec![DFExpr::GroupingSet(set)], aggregate_exprs)?
                .build()?;
            // Grouping-set outputs keep the expressions' own names: refer by position.
            let schema = plan.schema();
            let refs: Vec<DFExpr> = (0..groups.len())
                .map(|i| {
                    DFExpr::Column(datafusion::common::Column::from(schema.qualified_field(i)))
                })
                .collect();
            (plan, refs)
        }
    };
    let mut exprs = vec![];
    let mut fields = vec![];
    for o in outputs {
        let rewritten = o
            .expr
            .clone()
            .transform_down(|e| {
                if let Some((_, n)) = aggregates.iter().find(|(a, _)| *a == e) {
                    return Ok(Transformed::yes(column(n)));
                }
                if let Some(i) = groups.iter().position(|(g, _)| g.expr == e) {
                    return Ok(Transformed::yes(group_refs[i].clone()));
                }
                Ok(Transformed::no(e))
            })?
            .data;
        let outputs_of_aggregate: Vec<String> = group_refs
            .iter()
            .filter_map(|g| match g {
                DFExpr::Column(c) => Some(c.name.clone()),
                _ => None,
            })
            .chain(aggregates.iter().map(|(_, n)| n.clone()))
            .collect();
        let stray = rewritten
            .column_refs()
            .into_iter()
            .any(|c| !outputs_of_aggregate.contains(&c.name));
        if stray {
            return Err(missing_aggregation(&o, groups.is_empty()));
        }
        let internal = internal_name();
        let lineage = o
            .column
            .filter(|_| matches!(o.expr, DFExpr::Column(_)))
            .map(|i| frame.fields[i].lineage.clone())
            .unwrap_or_default();
        fields.push(OutField {
            name: o.output_name(),
            internal: internal.clone(),
            qualifier: None,
            lineage,
        });
        exprs.push(rewritten.alias(internal));
    }
    let plan = LogicalPlanBuilder::from(plan).project(exprs)?.build()?;
    Ok(Frame::with_fields(plan, fields))
}

fn missing_aggregation(o: &Resolved, global: bool) -> SparkError {
    if global {
        return SparkError::new(
            ErrorKind::Analysis,
            "MISSING_GROUP_BY",
            "42803",
            "The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses.",
            &[],
        );
    }
    SparkError::new(
        ErrorKind::Analysis,
        "MISSING_AGGREGATION",
        "42803",
        format!(
            "The non-aggregating expression \"{0}\" is based on columns which are not participating in the GROUP BY clause.\nAdd the columns or the expression to the GROUP BY, aggregate the expression, or use \"any_value({0})\" if you do not care which of the values within a group is returned.",
            o.name
        ),
        &[
            ("expression", format!("\"{}\"", o.name)),
            ("expressionAnyValue", format!("\"any_value({})\"", o.name)),
        ],
    )
}
