//! Set operations: `union`/`unionAll`/`unionByName`, `intersect[All]`,
//! `subtract`/`exceptAll`, and SQL's `UNION`/`INTERSECT`/`EXCEPT`.
//!
//! Columns pair up by position (by name for `unionByName`) and widen to a
//! common type as Spark's set operations do; the result keeps the left
//! side's names and column identities, so `df.union(other).select(df.a)`
//! resolves.

use datafusion::logical_expr::{Expr as DFExpr, LogicalPlan, LogicalPlanBuilder};

use super::coerce::{implicit, widen};
use super::ops::pass_through;
use super::resolve::{Resolved, Resolver};
use super::{internal_name, names_equal, Frame, OutField};
use crate::error::{ErrorKind, Result, SparkError};
use crate::session::Settings;
use crate::types::SparkType;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetOp {
    Union,
    Intersect,
    Except,
}

impl SetOp {
    pub fn parse(name: &str) -> Result<SetOp> {
        match name {
            "union" => Ok(SetOp::Union),
            "intersect" => Ok(SetOp::Intersect),
            "except" => Ok(SetOp::Except),
            other => Err(SparkError::internal(format!(
                "unknown set operation {other}"
            ))),
        }
    }

    fn sql(self) -> &'static str {
        match self {
            SetOp::Union => "UNION",
            SetOp::Intersect => "INTERSECT",
            SetOp::Except => "EXCEPT",
        }
    }
}

/// Spark's ordinal words in error messages: first, second, third, 4th, …
fn ordinal(i: usize) -> String {
    match i {
        0 => "first".into(),
        1 => "second".into(),
        2 => "third".into(),
        n => format!("{}th", n + 1),
    }
}

fn num_columns_mismatch(op: SetOp, first: usize, other: usize) -> SparkError {
    SparkError::new(
        ErrorKind::Analysis,
        "NUM_COLUMNS_MISMATCH",
        "42826",
        format!(
            "{} can only be performed on inputs with the same number of columns, but the first input has {first} columns and the second input has {other} columns.",
            op.sql()
        ),
        &[
            ("operator", op.sql().into()),
            ("firstNumColumns", first.to_string()),
            ("invalidOrdinalNum", "second".into()),
            ("invalidNumColumns", other.to_string()),
        ],
    )
}

fn incompatible(op: SetOp, column: usize, left: &SparkType, right: &SparkType) -> SparkError {
    let (l, r) = (
        format!("\"{}\"", left.sql_name()),
        format!("\"{}\"", right.sql_name()),
    );
    SparkError::new(
        ErrorKind::Analysis,
        "INCOMPATIBLE_COLUMN_TYPE",
        "42825",
        format!(
            "{} can only be performed on tables with compatible column types. The {} column of the second table is {r} type which is not compatible with {l} at the same column of the first table..",
            op.sql(),
            ordinal(column)
        ),
        &[
            ("tableOrdinalNumber", "second".into()),
            ("columnOrdinalNumber", ordinal(column)),
            ("dataType2", l),
            ("operator", op.sql().into()),
            ("hint", String::new()),
            ("dataType1", r),
        ],
    )
}

/// `left <op> right` by position. `all` keeps duplicates (`UNION ALL`,
/// `intersectAll`, `exceptAll`); DataFrame `union` is always `all`.
pub fn set_op(
    left: &Frame,
    right: &Frame,
    settings: &Settings,
    op: SetOp,
    all: bool,
) -> Result<Frame> {
    let left_items: Vec<Resolved> = (0..left.fields.len())
        .map(|i| pass_through(left, i))
        .collect();
    let right_items: Vec<Resolved> = (0..right.fields.len())
        .map(|i| pass_through(right, i))
        .collect();
    combine(left, left_items, right, right_items, settings, op, all)
}

/// `unionByName`: the right side's columns matched to the left's by name;
/// with `allow_missing`, columns either side lacks are filled with nulls and
/// the right side's extra columns come last.
pub fn union_by_name(
    left: &Frame,
    right: &Frame,
    settings: &Settings,
    allow_missing: bool,
) -> Result<Frame> {
    let cs = settings.case_sensitive;
    let null_of = |frame: &Frame, i: usize| -> Result<Resolved> {
        let lr = Resolver::new(frame, settings);
        let t = frame.plan.schema().field(i).data_type().clone();
        lr.make(
            super::coerce::cast_plain(
                DFExpr::Literal(datafusion::common::ScalarValue::Null, None),
                &t,
            ),
            frame.fields[i].name.clone(),
        )
    };
    let mut left_items: Vec<Resolved> = (0..left.fields.len())
        .map(|i| pass_through(left, i))
        .collect();
    let mut right_items = vec![];
    for (i, f) in left.fields.iter().enumerate() {
        match right.lookup(&f.name, cs).first() {
            Some(j) => right_items.push(pass_through(right, *j)),
            None if allow_missing => right_items.push(null_of(left, i)?),
            None => {
                let fields = right.names().join(", ");
                return Err(SparkError::new(
                    ErrorKind::Analysis,
                    "UNRESOLVED_COLUMN_AMONG_FIELD_NAMES",
                    "42703",
                    format!(
                        "Cannot resolve column name \"{}\" among ({fields}).",
                        f.name
                    ),
                    &[("colName", f.name.clone()), ("fieldNames", fields.clone())],
                ));
            }
        }
    }
    let mut extra_left_fields = vec![];
    for (j, f) in right.fields.iter().enumerate() {
        if !left
            .fields
            .iter()
            .any(|l| names_equal(&l.name, &f.name, cs))
        {
            if !allow_missing {
                return Err(num_columns_mismatch(
                    SetOp::Union,
                    left.fields.len(),
                    right.fields.len(),
                ));
            }
            right_items.push(pass_through(right, j));
            left_items.push(null_of(right, j)?);
            extra_left_fields.push(OutField {
                internal: String::new(),
                qualifier: None,
                lineage: vec![],
                ..f.clone()
            });
        }
    }
    let mut frame = combine(
        left,
        left_items,
        right,
        right_items,
        settings,
        SetOp::Union,
        true,
    )?;
    // Names of columns only the right side has come from the right.
    let n = left.fields.len();
    let fields = std::sync::Arc::make_mut(&mut frame.fields);
    for (k, f) in extra_left_fields.into_iter().enumerate() {
        fields[n + k].name = f.name;
    }
    Ok(frame)
}

fn combine(
    left: &Frame,
    left_items: Vec<Resolved>,
    right: &Frame,
    right_items: Vec<Resolved>,
    settings: &Settings,
    op: SetOp,
    all: bool,
) -> Result<Frame> {
    if left_items.len() != right_items.len() {
        return Err(num_columns_mismatch(
            op,
            left_items.len(),
            right_items.len(),
        ));
    }
    let mut targets = vec![];
    for (i, (l, r)) in left_items.iter().zip(&right_items).enumerate() {
        let (lt, rt) = (l.spark_type()?, r.spark_type()?);
        let t = widen(&lt, &rt).ok_or_else(|| incompatible(op, i, &lt, &rt))?;
        targets.push(t.to_arrow());
    }
    let names: Vec<String> = targets.iter().map(|_| internal_name()).collect();
    let side = |frame: &Frame, items: Vec<Resolved>| -> Result<LogicalPlan> {
        let resolver = Resolver::new(frame, settings);
        let exprs = items
            .into_iter()
            .zip(&targets)
            .zip(&names)
            .map(|((item, t), name)| Ok(implicit(&resolver, item, t)?.alias(name)))
            .collect::<Result<Vec<_>>>()?;
        Ok(LogicalPlanBuilder::from(frame.plan.as_ref().clone())
            .project(exprs)?
            .build()?)
    };
    let (lp, rp) = (side(left, left_items)?, side(right, right_items)?);
    let plan = match op {
        SetOp::Union => {
            let b = LogicalPlanBuilder::from(lp).union(rp)?;
            if all {
                b.build()?
            } else {
                b.distinct()?.build()?
            }
        }
        SetOp::Intersect if !all => LogicalPlanBuilder::intersect(lp, rp, false)?,
        SetOp::Except if !all => LogicalPlanBuilder::except(lp, rp, false)?,
        _ => by_counts(lp, rp, &names, op)?,
    };
    let fields = names
        .into_iter()
        .enumerate()
        .map(|(i, internal)| match left.fields.get(i) {
            Some(f) => OutField {
                internal,
                ..f.clone()
            },
            None => OutField {
                name: String::new(),
                internal,
                qualifier: None,
                lineage: vec![],
            },
        })
        .collect();
    Ok(Frame::with_fields(plan, fields))
}

/// `INTERSECT ALL` / `EXCEPT ALL` as Spark plans them: count each distinct
/// row on both sides, keep `min(l, r)` (intersect) or `l - r` (except)
/// copies.
fn by_counts(lp: LogicalPlan, rp: LogicalPlan, names: &[String], op: SetOp) -> Result<LogicalPlan> {
    use datafusion::functions_aggregate::expr_fn::sum;
    use datafusion::logical_expr::{col, lit, when};
    let cols: Vec<DFExpr> = names.iter().map(|n| col(quoted(n))).collect();
    let (lc, rc, n, rep) = (
        internal_name(),
        internal_name(),
        internal_name(),
        internal_name(),
    );
    let tag = |plan: LogicalPlan, l: i64, r: i64| -> Result<LogicalPlan> {
        let mut exprs = cols.clone();
        exprs.push(lit(l).alias(&lc));
        exprs.push(lit(r).alias(&rc));
        Ok(LogicalPlanBuilder::from(plan).project(exprs)?.build()?)
    };
    let counted = LogicalPlanBuilder::from(tag(lp, 1, 0)?)
        .union(tag(rp, 0, 1)?)?
        .aggregate(
            cols.clone(),
            vec![
                sum(col(quoted(&lc))).alias(&lc),
                sum(col(quoted(&rc))).alias(&rc),
            ],
        )?
        .build()?;
    let copies = match op {
        SetOp::Intersect => when(col(quoted(&lc)).lt(col(quoted(&rc))), col(quoted(&lc)))
            .otherwise(col(quoted(&rc)))?,
        _ => col(quoted(&lc)) - col(quoted(&rc)),
    };
    let mut with_list = cols.clone();
    with_list.push(
        datafusion::functions_nested::expr_fn::range(lit(0i64), col(quoted(&n)), lit(1i64))
            .alias(&rep),
    );
    let mut with_n = cols.clone();
    with_n.push(copies.alias(&n));
    let plan = LogicalPlanBuilder::from(counted)
        .project(with_n)?
        .filter(col(quoted(&n)).gt(lit(0i64)))?
        .project(with_list)?
        .unnest_column(rep.as_str())?
        .project(cols)?
        .build()?;
    Ok(plan)
}

/// A column reference by exact (internal) name.
fn quoted(name: &str) -> datafusion::common::Column {
    datafusion::common::Column::new_unqualified(name)
}
