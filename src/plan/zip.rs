//! `df.zip(other)`: the columns of two frames side by side, row by row. Both
//! must compute the same rows: the same plan under their chains of
//! projections, whose expressions are then evaluated over that one plan.

use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::logical_expr::{Expr as DFExpr, LogicalPlan, LogicalPlanBuilder};

use super::{internal_name, Frame, OutField};
use crate::error::{ErrorKind, Result, SparkError};

/// The plan under `plan`'s projections, and `plan`'s output columns as
/// expressions over it.
fn strip_projections(plan: &LogicalPlan) -> Result<(LogicalPlan, Vec<DFExpr>)> {
    match plan {
        LogicalPlan::Projection(p) => {
            let (base, inner) = strip_projections(&p.input)?;
            let schema = p.input.schema();
            let mut out = vec![];
            for e in &p.expr {
                let e = e.clone().unalias().transform(|x| match x {
                    DFExpr::Column(c) => {
                        let i = schema.index_of_column(&c)?;
                        Ok(Transformed::yes(inner[i].clone()))
                    }
                    other => Ok(Transformed::no(other)),
                })?;
                out.push(e.data);
            }
            Ok((base, out))
        }
        other => {
            let cols = other
                .schema()
                .columns()
                .into_iter()
                .map(DFExpr::Column)
                .collect();
            Ok((other.clone(), cols))
        }
    }
}

pub fn zip(left: &Frame, right: &Frame) -> Result<Frame> {
    let (base, mut exprs) = strip_projections(&left.plan)?;
    let (other, right_exprs) = strip_projections(&right.plan)?;
    if base != other {
        return Err(SparkError::new(
            ErrorKind::Analysis,
            "ZIP_PLANS_NOT_MERGEABLE",
            "42K03",
            "The two DataFrames in zip() cannot be merged. They must produce the same canonicalized plan after stripping outer Project chains, and must not contain non-scalar Python UDFs.",
            &[],
        ));
    }
    exprs.extend(right_exprs);
    let mut fields = vec![];
    let mut aliased = vec![];
    for (f, e) in left.fields.iter().chain(right.fields.iter()).zip(exprs) {
        let internal = internal_name();
        aliased.push(e.alias(&internal));
        fields.push(OutField {
            internal,
            ..f.clone()
        });
    }
    let plan = LogicalPlanBuilder::from(base).project(aliased)?.build()?;
    Ok(Frame::with_fields(plan, fields))
}
