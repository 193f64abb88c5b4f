//! Window functions: ranking (`row_number`, `rank`, `dense_rank`,
//! `percent_rank`, `cume_dist`, `ntile`), offsets (`lag`, `lead`,
//! `nth_value`), and every aggregate `over` a window, with Spark's default
//! frames and output names.

use datafusion::arrow::datatypes::DataType;
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::common::ScalarValue;
use datafusion::functions_window::expr_fn as wf;
use datafusion::logical_expr::expr::{WindowFunction, WindowFunctionParams};
use datafusion::logical_expr::{
    Expr as DFExpr, SortExpr, WindowFrame as DFFrame, WindowFrameBound, WindowFrameUnits,
    WindowFunctionDefinition,
};

use super::{call_name, Builder};
use crate::error::{ErrorKind, Result, SparkError};
use crate::expr::{Expr, Literal, WindowFrame, WindowSpec};
use crate::plan::coerce::cast_plain;
use crate::plan::resolve::{Resolved, Resolver};

/// Window-only functions: used without `over`, they are an error.
pub(super) const TABLE: &[(&str, Builder)] = &[
    ("row_number", without_over),
    ("rank", without_over),
    ("dense_rank", without_over),
    ("percent_rank", without_over),
    ("cume_dist", without_over),
    ("ntile", without_over),
    ("lag", without_over),
    ("lead", without_over),
    ("nth_value", without_over),
];

fn without_over(_r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let shown = call_name(&name.to_lowercase(), &args);
    Err(SparkError::new(
        ErrorKind::Analysis,
        "WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE",
        "42601",
        format!("Window function \"{shown}\" requires an OVER clause."),
        &[("funcName", format!("\"{shown}\""))],
    ))
}

/// How a function's frame is chosen and shown.
enum Kind {
    /// Ranking: always `ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`.
    Ranking,
    /// `lag`/`lead`: a one-row frame at the offset.
    Offset(i64),
    /// Aggregates, `cume_dist`, `nth_value`: the spec's frame or the default.
    Framed,
}

fn not_ordered(name: &str) -> SparkError {
    SparkError::new(
        ErrorKind::Analysis,
        "WINDOW_FUNCTION_FRAME_NOT_ORDERED",
        "42601",
        format!("Window function {name} requires the window to be ordered. You need to add an ORDER BY clause. For example: SELECT {name}() OVER (PARTITION BY window_partition ORDER BY window_ordering) FROM table."),
        &[("windowFunction", name.to_string())],
    )
}

fn int_literal(e: &Expr) -> Option<i64> {
    match e {
        Expr::Literal(Literal::Integer(v)) => Some(*v as i64),
        Expr::Literal(Literal::Long(v)) => Some(*v),
        Expr::Literal(Literal::Short(v)) => Some(*v as i64),
        Expr::Literal(Literal::Byte(v)) => Some(*v as i64),
        _ => None,
    }
}

pub fn resolve_window(r: &Resolver, func: &Expr, spec: &WindowSpec) -> Result<Resolved> {
    let partition = spec
        .partition_by
        .iter()
        .map(|e| r.resolve(e))
        .collect::<Result<Vec<_>>>()?;
    let mut order: Vec<SortExpr> = vec![];
    let mut order_names = vec![];
    let mut order_types = vec![];
    for e in &spec.order_by {
        let (key, x) = r.sort_key(e)?;
        order_names.push(x.name);
        order_types.push(x.data_type);
        order.push(key);
    }
    let no_args = vec![];
    let (name, args) = match func {
        Expr::Function { name, args, .. } => (name.as_str(), args),
        // A user-defined aggregate: resolved as any aggregate is, below.
        Expr::Udf { .. } => ("", &no_args),
        _ => {
            let inner = r.resolve(func)?;
            return Err(unsupported(&inner.name));
        }
    };
    let lname = name.to_lowercase();
    let (kind, expr, shown, cast_int) = match lname.as_str() {
        "row_number" | "rank" | "dense_rank" | "percent_rank" | "ntile" | "cume_dist" => {
            if order.is_empty() {
                return Err(not_ordered(&lname));
            }
            let (e, shown) = match lname.as_str() {
                "row_number" => (wf::row_number(), "row_number()".to_string()),
                "rank" => (wf::rank(), "RANK()".to_string()),
                "dense_rank" => (wf::dense_rank(), "DENSE_RANK()".to_string()),
                "percent_rank" => (wf::percent_rank(), "PERCENT_RANK()".to_string()),
                "cume_dist" => (wf::cume_dist(), "cume_dist()".to_string()),
                _ => {
                    let n = args.first().and_then(int_literal).ok_or_else(|| {
                        SparkError::illegal_argument("ntile requires an integer literal")
                    })?;
                    (
                        wf::ntile(datafusion::prelude::lit(n)),
                        format!("ntile({n})"),
                    )
                }
            };
            let kind = if lname == "cume_dist" {
                Kind::Framed
            } else {
                Kind::Ranking
            };
            (
                kind,
                e,
                shown,
                lname != "percent_rank" && lname != "cume_dist",
            )
        }
        "lag" | "lead" => {
            if order.is_empty() {
                return Err(not_ordered(&lname));
            }
            let value = r.resolve(args.first().ok_or_else(|| {
                SparkError::illegal_argument(format!("{lname} needs a column"))
            })?)?;
            let offset = match args.get(1) {
                Some(e) => int_literal(e).ok_or_else(|| {
                    SparkError::illegal_argument(format!("{lname} offset must be an integer"))
                })?,
                None => 1,
            };
            let default = match args.get(2) {
                Some(e) => Some(r.resolve(e)?),
                None => None,
            };
            let default_name = default
                .as_ref()
                .map_or("NULL".to_string(), |d| d.name.clone());
            let default_value = match default.map(|d| d.expr) {
                None => None,
                Some(DFExpr::Literal(v, _)) if v.is_null() => None,
                Some(DFExpr::Literal(v, _)) => Some(v.cast_to(&value.data_type)?),
                Some(_) => {
                    return Err(SparkError::not_implemented(&format!(
                        "{lname} with a non-literal default"
                    )))
                }
            };
            let shown = format!("{lname}({}, {offset}, {default_name})", value.name);
            let e = if lname == "lag" {
                wf::lag(value.expr, Some(offset), default_value)
            } else {
                wf::lead(value.expr, Some(offset), default_value)
            };
            let at = if lname == "lag" { -offset } else { offset };
            (Kind::Offset(at), e, shown, false)
        }
        "nth_value" => {
            let value = r.resolve(
                args.first()
                    .ok_or_else(|| SparkError::illegal_argument("nth_value needs a column"))?,
            )?;
            let n = args.get(1).and_then(int_literal).ok_or_else(|| {
                SparkError::illegal_argument("nth_value requires an integer literal offset")
            })?;
            let shown = format!("nth_value({}, {n})", value.name);
            (Kind::Framed, wf::nth_value(value.expr, n), shown, false)
        }
        _ => {
            let inner = r.resolve(func)?;
            (Kind::Framed, inner.expr, inner.name, false)
        }
    };
    let has_order = !order.is_empty();
    let (frame, frame_name) = match (&kind, spec.frame) {
        (Kind::Ranking, _) => (
            DFFrame::new_bounds(
                WindowFrameUnits::Rows,
                WindowFrameBound::Preceding(ScalarValue::UInt64(None)),
                WindowFrameBound::CurrentRow,
            ),
            "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW".to_string(),
        ),
        (Kind::Offset(_), Some(_)) => {
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "_LEGACY_ERROR_TEMP_1035",
                "42000",
                format!("Cannot specify window frame for {lname} function."),
                &[("prettyName", lname.clone())],
            ))
        }
        (Kind::Offset(at), None) => (
            DFFrame::new_bounds(
                WindowFrameUnits::Rows,
                WindowFrameBound::Preceding(ScalarValue::UInt64(None)),
                WindowFrameBound::Following(ScalarValue::UInt64(None)),
            ),
            format!("ROWS BETWEEN {at} FOLLOWING AND {at} FOLLOWING"),
        ),
        (Kind::Framed, Some(f)) => {
            let partition_names: Vec<&str> = partition.iter().map(|p| p.name.as_str()).collect();
            if !f.rows && order.len() > 1 && (bounded(f.start) || bounded(f.end)) {
                return Err(range_multi_order(&partition_names, &order_names, &f));
            }
            if !f.rows && (bounded(f.start) || bounded(f.end)) {
                if let Some(t) = order_types.first() {
                    let st = crate::types::SparkType::from_arrow(t)?;
                    if !st.is_numeric() {
                        return Err(range_type(&f, &st));
                    }
                }
            }
            (df_frame(&f, order_types.first())?, frame_name(&f))
        }
        (Kind::Framed, None) if has_order => (
            DFFrame::new_bounds(
                WindowFrameUnits::Range,
                WindowFrameBound::Preceding(ScalarValue::Null),
                WindowFrameBound::CurrentRow,
            ),
            "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW".to_string(),
        ),
        (Kind::Framed, None) => (
            DFFrame::new_bounds(
                WindowFrameUnits::Rows,
                WindowFrameBound::Preceding(ScalarValue::UInt64(None)),
                WindowFrameBound::Following(ScalarValue::UInt64(None)),
            ),
            "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING".to_string(),
        ),
    };
    let mut spec_parts = vec![];
    if !partition.is_empty() {
        let names: Vec<&str> = partition.iter().map(|p| p.name.as_str()).collect();
        spec_parts.push(format!("PARTITION BY {}", names.join(", ")));
    }
    if !order_names.is_empty() {
        spec_parts.push(format!("ORDER BY {}", order_names.join(", ")));
    }
    spec_parts.push(frame_name);
    let name = format!("{shown} OVER ({})", spec_parts.join(" "));
    let partition_by: Vec<DFExpr> = partition.into_iter().map(|p| p.expr).collect();
    let windowed = over(expr, &partition_by, &order, &frame)?;
    let Some(windowed) = windowed else {
        return Err(unsupported(&shown));
    };
    let out = if cast_int {
        cast_plain(windowed, &DataType::Int32)
    } else {
        windowed
    };
    r.make(out, name)
}

fn bounded(v: i64) -> bool {
    v != i64::MIN && v != i64::MAX && v != 0
}

fn unsupported(name: &str) -> SparkError {
    SparkError::new(
        ErrorKind::Analysis,
        "UNSUPPORTED_EXPR_FOR_WINDOW",
        "42P20",
        format!("Expression \"{name}\" not supported within a window function."),
        &[("sqlExpr", format!("\"{name}\""))],
    )
}

fn range_type(f: &WindowFrame, t: &crate::types::SparkType) -> SparkError {
    SparkError::datatype_mismatch(
        "SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE",
        &frame_name(f),
        format!(
            "The data type of the lower bound \"{}\" does not match the expected data type (\"NUMERIC\" or \"INTERVAL\").",
            t.sql_name()
        ),
    )
}

fn range_multi_order(partition: &[&str], order_names: &[String], f: &WindowFrame) -> SparkError {
    let by = if partition.is_empty() {
        String::new()
    } else {
        format!("PARTITION BY {} ", partition.join(", "))
    };
    let sql = format!(
        "({by}ORDER BY {} {})",
        order_names.join(", "),
        frame_name(f)
    );
    SparkError::datatype_mismatch(
        "RANGE_FRAME_MULTI_ORDER",
        &sql,
        format!(
            "A range window frame with value boundaries cannot be used in a window specification with multiple order by expressions: {}.",
            order_names.join(",")
        ),
    )
}

/// Spark's text for a frame in output names: offsets as `N FOLLOWING`.
fn frame_name(f: &WindowFrame) -> String {
    let bound = |v: i64| match v {
        i64::MIN => "UNBOUNDED PRECEDING".to_string(),
        i64::MAX => "UNBOUNDED FOLLOWING".to_string(),
        0 => "CURRENT ROW".to_string(),
        n if n < 0 && f.sql => format!("{} PRECEDING", n.unsigned_abs()),
        n => format!("{n} FOLLOWING"),
    };
    format!(
        "{} BETWEEN {} AND {}",
        if f.rows { "ROWS" } else { "RANGE" },
        bound(f.start),
        bound(f.end)
    )
}

/// DataFusion's frame; RANGE offsets take the ordering column's type.
fn df_frame(f: &WindowFrame, order_type: Option<&DataType>) -> Result<DFFrame> {
    let value = |n: u64| -> Result<ScalarValue> {
        if f.rows {
            return Ok(ScalarValue::UInt64(Some(n)));
        }
        let v = ScalarValue::Int64(Some(n as i64));
        Ok(match order_type {
            Some(t) => v.cast_to(t)?,
            None => v,
        })
    };
    let unbounded = || {
        if f.rows {
            ScalarValue::UInt64(None)
        } else {
            ScalarValue::Null
        }
    };
    let bound = |v: i64| -> Result<WindowFrameBound> {
        Ok(match v {
            i64::MIN => WindowFrameBound::Preceding(unbounded()),
            i64::MAX => WindowFrameBound::Following(unbounded()),
            0 => WindowFrameBound::CurrentRow,
            n if n < 0 => WindowFrameBound::Preceding(value(n.unsigned_abs())?),
            n => WindowFrameBound::Following(value(n as u64)?),
        })
    };
    let units = if f.rows {
        WindowFrameUnits::Rows
    } else {
        WindowFrameUnits::Range
    };
    Ok(DFFrame::new_bounds(units, bound(f.start)?, bound(f.end)?))
}

/// Puts every window or aggregate function in `expr` over the window;
/// `None` when there is none.
fn over(
    expr: DFExpr,
    partition_by: &[DFExpr],
    order_by: &[SortExpr],
    frame: &DFFrame,
) -> Result<Option<DFExpr>> {
    let mut found = false;
    let out = expr.transform_up(|e| match e {
        DFExpr::WindowFunction(mut w) => {
            found = true;
            w.params.partition_by = partition_by.to_vec();
            w.params.order_by = order_by.to_vec();
            w.params.window_frame = frame.clone();
            Ok(Transformed::yes(DFExpr::WindowFunction(w)))
        }
        DFExpr::AggregateFunction(agg) => {
            found = true;
            let w = WindowFunction {
                fun: WindowFunctionDefinition::AggregateUDF(agg.func),
                params: WindowFunctionParams {
                    args: agg.params.args,
                    partition_by: partition_by.to_vec(),
                    order_by: order_by.to_vec(),
                    window_frame: frame.clone(),
                    filter: agg.params.filter,
                    null_treatment: agg.params.null_treatment,
                    distinct: agg.params.distinct,
                },
            };
            Ok(Transformed::yes(DFExpr::WindowFunction(Box::new(w))))
        }
        other => Ok(Transformed::no(other)),
    })?;
    Ok(found.then_some(out.data))
}
