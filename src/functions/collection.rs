//! Array and map functions. Array positions are 1-based (0: not found),
//! as in Spark; `get` is 0-based.

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{when, Expr as DFExpr};
use datafusion::prelude::lit;

use super::spec::{cast_arg, Arg};
use super::spec::{df, f, fd, Arg::*, Imp::*, Lit, Spec};
use super::{arity, call_name, Builder};
use crate::error::{Result, SparkError};
use crate::plan::coerce::cast_plain;
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const SPECS: &[Spec] = &[
    f("size", "", &[1], &[Any], Expr(size)),
    f("cardinality", "", &[1], &[Any], Expr(size)),
    f("array_size", "", &[1], &[Any], Expr(array_size)),
    f("array_contains", "", &[2], &[Any], Spark("array_contains")),
    f("array_distinct", "", &[1], &[Any], Df("array_distinct")),
    f("array_max", "", &[1], &[Any], Df("array_max")),
    f("array_min", "", &[1], &[Any], Df("array_min")),
    f("array_position", "", &[2], &[Any], Expr(array_position)),
    f("array_remove", "", &[2], &[Any], Df("array_remove_all")),
    f("array_repeat", "", &[2], &[Any, Int], Typed(array_repeat)),
    f("array_union", "", &[2], &[Any], Df("array_union")),
    f("array_intersect", "", &[2], &[Any], Df("array_intersect")),
    f("array_except", "", &[2], &[Any], Df("array_except")),
    f("arrays_overlap", "", &[2], &[Any], Expr(arrays_overlap)),
    f(
        "array_join",
        "",
        &[2, 3],
        &[Any, Str],
        Df("array_to_string"),
    ),
    f("flatten", "", &[1], &[Any], Expr(flatten)),
    f("map_keys", "", &[1], &[Any], Df("map_keys")),
    f("map_values", "", &[1], &[Any], Df("map_values")),
    f("map_entries", "", &[1], &[Any], Df("map_entries")),
    f(
        "map_from_arrays",
        "",
        &[2],
        &[Any],
        Spark("map_from_arrays"),
    ),
    f(
        "map_from_entries",
        "",
        &[1],
        &[Any],
        Spark("map_from_entries"),
    ),
    f("map_contains_key", "", &[2], &[Any], Expr(map_contains_key)),
    f("slice", "", &[3], &[Any, Long, Long], Spark("slice")),
    fd(
        "sort_array",
        &[1, 2],
        &[Any, Any],
        &[Lit::B(true)],
        Expr(sort_array),
    ),
    f("array_append", "", &[2], &[Any], Expr(array_append)),
    f("array_prepend", "", &[2], &[Any], Expr(array_prepend)),
    f("shuffle", "", &[1, 2], &[Any], Spark("shuffle")),
    fd(
        "str_to_map",
        &[1, 2, 3],
        &[Str],
        &[Lit::S(","), Lit::S(":")],
        Spark("str_to_map"),
    ),
];

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("sequence", sequence),
    ("element_at", element_at),
    ("try_element_at", element_at),
    ("get", get),
    ("array_sort", array_sort),
];

/// The comparator Spark shows for `array_sort` without one.
const DEFAULT_COMPARATOR: &str = "lambdafunction((IF(((namedlambdavariable() IS NULL) AND (namedlambdavariable() IS NULL)), 0, (IF((namedlambdavariable() IS NULL), 1, (IF((namedlambdavariable() IS NULL), -1, (IF((namedlambdavariable() < namedlambdavariable()), -1, (IF((namedlambdavariable() > namedlambdavariable()), 1, 0)))))))))), namedlambdavariable(), namedlambdavariable())";

/// `array_sort(a)`: ascending, NULLs last (a comparator is not supported).
fn array_sort(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, _) = super::unary(name, args)?;
    let n = format!("array_sort({}, {DEFAULT_COMPARATOR})", a.name);
    let e = df("array_sort", vec![a.expr, lit("ASC"), lit("NULLS LAST")])?;
    r.make(e, n)
}

fn two(args: Vec<DFExpr>) -> Result<(DFExpr, DFExpr)> {
    let mut it = args.into_iter();
    match (it.next(), it.next()) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(SparkError::internal("arity")),
    }
}

/// `size`: NULL for NULL (Spark's default without legacy sizeOfNull).
fn size(args: Vec<DFExpr>) -> Result<DFExpr> {
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    let n = super::spec::spark("size", vec![a.clone()])?;
    Ok(when(
        a.is_null(),
        lit(datafusion::common::ScalarValue::Int32(None)),
    )
    .otherwise(n)?)
}

fn array_size(args: Vec<DFExpr>) -> Result<DFExpr> {
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    Ok(cast_plain(df("array_length", vec![a])?, &DataType::Int32))
}

/// `array_repeat(x, n)`: an array of n copies of x.
fn array_repeat(r: &Resolver, args: Vec<Resolved>) -> Result<DFExpr> {
    let t = args[0].data_type.clone();
    let mut it = args.into_iter();
    let (Some(x), Some(n)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let n = cast_arg(r, n, Arg::Int)?;
    let e = super::spec::spark("array_repeat", vec![x.expr, n])?;
    let item = std::sync::Arc::new(datafusion::arrow::datatypes::Field::new("element", t, true));
    Ok(cast_plain(e, &DataType::List(item)))
}

/// NULL where `a` is NULL, else `value`.
fn unless_null(a: DFExpr, value: DFExpr) -> Result<DFExpr> {
    Ok(when(a.is_null(), lit(datafusion::common::ScalarValue::Null)).otherwise(value)?)
}

fn array_append(args: Vec<DFExpr>) -> Result<DFExpr> {
    let (a, v) = two(args)?;
    unless_null(a.clone(), df("array_append", vec![a, v])?)
}

/// Whether an array holds a NULL element.
fn has_null(x: DFExpr) -> Result<DFExpr> {
    Ok(super::udfs::array_has_null(x))
}

/// One array of the inner arrays; NULL when any inner array is NULL.
fn flatten(args: Vec<DFExpr>) -> Result<DFExpr> {
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    let flat = df("flatten", vec![a.clone()])?;
    Ok(when(
        a.clone().is_null().or(has_null(a)?),
        lit(datafusion::common::ScalarValue::Null),
    )
    .otherwise(flat)?)
}

/// Whether the arrays share an element; NULL instead of false when either
/// holds a NULL.
fn arrays_overlap(args: Vec<DFExpr>) -> Result<DFExpr> {
    let (a, b) = two(args)?;
    let any = df("array_has_any", vec![a.clone(), b.clone()])?;
    let nulls = has_null(a.clone())?.or(has_null(b.clone())?);
    Ok(when(
        a.is_null().or(b.is_null()),
        lit(datafusion::common::ScalarValue::Boolean(None)),
    )
    .when(any.clone(), lit(true))
    .when(nulls, lit(datafusion::common::ScalarValue::Boolean(None)))
    .otherwise(lit(false))?)
}

/// 1-based position of the first equal element, 0 when absent.
fn array_position(args: Vec<DFExpr>) -> Result<DFExpr> {
    let (a, v) = two(args)?;
    let p = cast_plain(
        df("array_position", vec![a.clone(), v.clone()])?,
        &DataType::Int64,
    );
    Ok(when(
        a.is_null().or(v.is_null()),
        lit(datafusion::common::ScalarValue::Int64(None)),
    )
    .otherwise(df("coalesce", vec![p, lit(0i64)])?)?)
}

fn map_contains_key(args: Vec<DFExpr>) -> Result<DFExpr> {
    let (m, k) = two(args)?;
    df("array_has", vec![df("map_keys", vec![m])?, k])
}

/// `sort_array(a, asc)`: ascending puts nulls first, descending last.
fn sort_array(args: Vec<DFExpr>) -> Result<DFExpr> {
    let (a, asc) = two(args)?;
    let asc = match &asc {
        DFExpr::Literal(datafusion::common::ScalarValue::Boolean(Some(b)), _) => *b,
        _ => {
            return Err(SparkError::not_implemented(
                "sort_array with a non-constant order",
            ))
        }
    };
    let (dir, nulls) = if asc {
        ("ASC", "NULLS FIRST")
    } else {
        ("DESC", "NULLS LAST")
    };
    df("array_sort", vec![a, lit(dir), lit(nulls)])
}

fn array_prepend(args: Vec<DFExpr>) -> Result<DFExpr> {
    let (a, v) = two(args)?;
    unless_null(a.clone(), df("array_prepend", vec![v, a])?)
}

/// `sequence(start, stop[, step])`: inclusive; the step defaults to 1 or
/// -1, whichever way stop lies. Integers give the type of the inputs.
fn sequence(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("sequence", &args, &[2, 3])?;
    let n = call_name(&name.to_lowercase(), &args);
    let t = args[0].data_type.clone();
    if !t.is_integer() {
        return Err(SparkError::not_implemented("sequence of non-integers"));
    }
    let mut it = args
        .into_iter()
        .map(|a| cast_plain(a.expr, &DataType::Int64));
    let (Some(start), Some(stop)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let step = match it.next() {
        Some(s) => s,
        None => when(start.clone().lt_eq(stop.clone()), lit(1i64)).otherwise(lit(-1i64))?,
    };
    let e = df("generate_series", vec![start, stop, step])?;
    let item = std::sync::Arc::new(datafusion::arrow::datatypes::Field::new("element", t, true));
    r.make(cast_plain(e, &DataType::List(item)), n)
}

/// `element_at(array, i)` (1-based, negative from the end) and
/// `element_at(map, key)`; NULL when absent.
fn element_at(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2])?;
    let n = call_name(&lname, &args);
    let mut it = args.into_iter();
    let (Some(c), Some(k)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let e = match c.spark_type()? {
        SparkType::Map(..) => {
            let values = df("map_extract", vec![c.expr, k.expr])?;
            df("array_element", vec![values, lit(1i64)])?
        }
        _ => df(
            "array_element",
            vec![c.expr, cast_plain(k.expr, &DataType::Int64)],
        )?,
    };
    r.make(e, n)
}

/// `get(array, i)`: 0-based, NULL out of bounds.
fn get(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("get", &args, &[2])?;
    let n = call_name(&name.to_lowercase(), &args);
    let mut it = args.into_iter();
    let (Some(a), Some(i)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let i = cast_plain(i.expr, &DataType::Int64);
    r.make(super::udfs::array_get(a.expr, i, false), n)
}
