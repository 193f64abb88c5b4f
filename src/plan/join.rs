//! Joins: expression joins keep both sides' columns apart by DataFrame
//! identity; USING joins (`on="k"`) merge the key columns as Spark does.

use datafusion::common::JoinType;
use datafusion::logical_expr::{Expr as DFExpr, LogicalPlanBuilder};

use super::resolve::Resolver;
use super::{internal_name, Frame, OutField};
use crate::error::{ErrorKind, Result, SparkError};
use crate::expr::Expr;
use crate::session::Settings;

const SUPPORTED: &str = "'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'";

/// Spark's join type names (case and underscores ignored as Spark does).
pub fn join_type(how: &str) -> Result<JoinType> {
    Ok(match how.to_lowercase().replace('_', "").as_str() {
        "inner" | "cross" => JoinType::Inner,
        "outer" | "full" | "fullouter" => JoinType::Full,
        "left" | "leftouter" => JoinType::Left,
        "right" | "rightouter" => JoinType::Right,
        "semi" | "leftsemi" => JoinType::LeftSemi,
        "anti" | "leftanti" => JoinType::LeftAnti,
        _ => {
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "UNSUPPORTED_JOIN_TYPE",
                "0A000",
                format!(
                    "Unsupported join type '{how}'. Supported join types include: {SUPPORTED}."
                ),
                &[
                    ("typ", format!("'{how}'")),
                    ("supported", SUPPORTED.to_string()),
                ],
            ))
        }
    })
}

/// The right side with fresh internal names where they collide with the
/// left's (a self-join reads the same plan twice).
fn distinct_right(left: &Frame, right: &Frame) -> Result<Frame> {
    let taken: std::collections::HashSet<&str> =
        left.fields.iter().map(|f| f.internal.as_str()).collect();
    if !right
        .fields
        .iter()
        .any(|f| taken.contains(f.internal.as_str()))
    {
        return Ok(right.clone());
    }
    let mut exprs = vec![];
    let mut fields = vec![];
    for f in right.fields.iter() {
        let internal = internal_name();
        exprs.push(f.column().alias(&internal));
        fields.push(OutField {
            internal,
            ..f.clone()
        });
    }
    let plan = LogicalPlanBuilder::from(right.plan.as_ref().clone())
        .project(exprs)?
        .build()?;
    Ok(Frame {
        id: right.id,
        plan: std::sync::Arc::new(plan),
        fields: std::sync::Arc::new(fields),
    })
}

/// `left.join(right, on=condition, how)`; no condition is a cross join.
pub fn join_on(
    left: &Frame,
    right: &Frame,
    settings: &Settings,
    condition: Option<&Expr>,
    how: &str,
) -> Result<Frame> {
    let jt = join_type(how)?;
    let right = distinct_right(left, right)?;
    let both = LogicalPlanBuilder::from(left.plan.as_ref().clone())
        .cross_join(right.plan.as_ref().clone())?
        .build()?;
    let mut fields: Vec<OutField> = left.fields.iter().cloned().collect();
    fields.extend(right.fields.iter().cloned());
    let combined = Frame {
        id: super::next_id(),
        plan: std::sync::Arc::new(both.clone()),
        fields: std::sync::Arc::new(fields.clone()),
    };
    let plan = match condition {
        // A cross join that stays one keeps its left side as the build side
        // (see `no_stats::LeftMajorCrossJoins`): rows come left-major.
        None => both,
        Some(c) => {
            let resolver = Resolver::new(&combined, settings);
            let cond = resolver.resolve(c)?;
            let cond = super::coerce::to_boolean(&resolver, cond, "JOIN")?;
            LogicalPlanBuilder::from(left.plan.as_ref().clone())
                .join_on(right.plan.as_ref().clone(), jt, vec![cond.expr])?
                .build()?
        }
    };
    if matches!(jt, JoinType::LeftSemi | JoinType::LeftAnti) {
        fields.truncate(left.fields.len());
    }
    Ok(Frame::with_fields(plan, fields))
}

/// `left.join(right, on=["k", ...], how)`: one merged column per key.
pub fn join_using(
    left: &Frame,
    right: &Frame,
    settings: &Settings,
    keys: &[String],
    how: &str,
) -> Result<Frame> {
    let jt = join_type(how)?;
    let right = distinct_right(left, right)?;
    let cs = settings.case_sensitive;
    let find = |frame: &Frame, key: &str, side: &str| -> Result<usize> {
        let hits = frame.lookup(key, cs);
        match hits.as_slice() {
            [i] => Ok(*i),
            [] => Err(SparkError::new(
                ErrorKind::Analysis,
                "UNRESOLVED_USING_COLUMN_FOR_JOIN",
                "42703",
                format!(
                    "USING column `{key}` cannot be resolved on the {side} side of the join. The {side}-side columns: [{}].",
                    frame.names().iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                ),
                &[("colName", format!("`{key}`")), ("side", side.into())],
            )),
            _ => Err(SparkError::ambiguous_reference(key, &vec![key.to_string(); hits.len()])),
        }
    };
    let mut pairs = vec![];
    for k in keys {
        pairs.push((find(left, k, "left")?, find(&right, k, "right")?));
    }
    let on: Vec<DFExpr> = pairs
        .iter()
        .map(|(l, r)| left.fields[*l].column().eq(right.fields[*r].column()))
        .collect();
    let joined = LogicalPlanBuilder::from(left.plan.as_ref().clone())
        .join_on(right.plan.as_ref().clone(), jt, on)?
        .build()?;
    let mut exprs = vec![];
    let mut fields = vec![];
    for (l, r) in &pairs {
        let (lf, rf) = (&left.fields[*l], &right.fields[*r]);
        let (expr, src) = match jt {
            JoinType::Right => (rf.column(), rf),
            JoinType::Full => (
                datafusion::functions::core::expr_fn::coalesce(vec![lf.column(), rf.column()]),
                lf,
            ),
            _ => (lf.column(), lf),
        };
        let internal = internal_name();
        exprs.push(expr.alias(&internal));
        fields.push(OutField {
            internal,
            lineage: if matches!(jt, JoinType::Full) {
                vec![]
            } else {
                src.lineage.clone()
            },
            ..src.clone()
        });
    }
    let is_key = |side: &[(usize, usize)], i: usize, left_side: bool| {
        side.iter()
            .any(|(l, r)| if left_side { *l == i } else { *r == i })
    };
    for (i, f) in left.fields.iter().enumerate() {
        if !is_key(&pairs, i, true) {
            exprs.push(f.column());
            fields.push(f.clone());
        }
    }
    if !matches!(jt, JoinType::LeftSemi | JoinType::LeftAnti) {
        for (i, f) in right.fields.iter().enumerate() {
            if !is_key(&pairs, i, false) {
                exprs.push(f.column());
                fields.push(f.clone());
            }
        }
    }
    let plan = LogicalPlanBuilder::from(joined).project(exprs)?.build()?;
    Ok(Frame::with_fields(plan, fields))
}
