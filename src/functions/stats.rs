//! Statistical and collecting aggregates: standard deviation, variance,
//! correlation, covariance, percentiles, median, `collect_list`/`collect_set`,
//! `count_if`, `bool_and`/`bool_or`, `approx_count_distinct`.

use datafusion::arrow::datatypes::DataType;
use datafusion::functions_aggregate::expr_fn as agg;
use datafusion::logical_expr::expr::AggregateFunction;
use datafusion::logical_expr::{Expr as DFExpr, ExprSchemable};
use datafusion::prelude::lit;

use super::{arity, call_name, Builder};
use crate::error::{Result, SparkError};
use crate::plan::coerce::{self, cast_plain};
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("stddev", moment),
    ("stddev_samp", moment),
    ("std", moment),
    ("stddev_pop", moment),
    ("variance", moment),
    ("var_samp", moment),
    ("var_pop", moment),
    ("corr", pairwise),
    ("covar_samp", pairwise),
    ("covar_pop", pairwise),
    ("median", moment),
    ("percentile_approx", percentile_approx),
    ("approx_percentile", percentile_approx),
    ("collect_list", collect),
    ("array_agg", collect),
    ("collect_set", collect),
    ("count_if", count_if),
    ("bool_and", boolean),
    ("every", boolean),
    ("bool_or", boolean),
    ("some", boolean),
    ("any", boolean),
    ("approx_count_distinct", approx_count_distinct),
];

/// A numeric argument as double, as Spark's statistical aggregates take it.
fn double(r: &Resolver, fname: &str, a: Resolved) -> Result<DFExpr> {
    let t = a.spark_type()?;
    if !(t.is_numeric() || t.is_string() || matches!(t, SparkType::Null)) {
        return Err(SparkError::datatype_mismatch(
            "UNEXPECTED_INPUT_TYPE",
            &format!("{fname}({})", a.name),
            format!(
                "The first parameter requires the \"DOUBLE\" type, however \"{}\" has the type \"{}\".",
                a.name,
                t.sql_name()
            ),
        ));
    }
    coerce::cast(r, a, &SparkType::Double, r.settings.ansi)
}

fn moment(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (a, n) = super::unary(name, args)?;
    let x = double(r, &lname, a)?;
    let e = match lname.as_str() {
        "stddev_pop" => agg::stddev_pop(x),
        "variance" | "var_samp" => agg::var_sample(x),
        "var_pop" => agg::var_pop(x),
        "median" => agg::median(x),
        _ => agg::stddev(x),
    };
    r.make(e, n)
}

fn pairwise(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2])?;
    let n = call_name(&lname, &args);
    let mut it = args.into_iter();
    let (Some(a), Some(b)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let (x, y) = (double(r, &lname, a)?, double(r, &lname, b)?);
    let e = match lname.as_str() {
        "covar_samp" => agg::covar_samp(x, y),
        "covar_pop" => agg::covar_pop(x, y),
        _ => agg::corr(x, y),
    };
    r.make(e, n)
}

/// `array_agg` of the non-null values (`distinct` for sets).
fn non_null_values(x: DFExpr, distinct: bool) -> DFExpr {
    let filter = Box::new(x.clone().is_not_null());
    DFExpr::AggregateFunction(AggregateFunction::new_udf(
        datafusion::functions_aggregate::array_agg::array_agg_udaf(),
        vec![x],
        distinct,
        Some(filter),
        vec![],
        None,
    ))
}

fn collect(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (a, n) = super::unary(name, args)?;
    let e = non_null_values(a.expr, lname == "collect_set");
    // An empty group collects an empty array, not null.
    let t = e.get_type(r.schema())?;
    let empty = cast_plain(
        datafusion::functions_nested::expr_fn::make_array(vec![]),
        &t,
    );
    let e = datafusion::functions::core::expr_fn::coalesce(vec![e, empty]);
    r.make(e, n)
}

/// `percentile_approx(x, p[, accuracy])`: the smallest value such that no
/// more than `p` of the values are below it (exact, from the sorted values).
fn percentile_approx(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2, 3])?;
    let mut shown = args.iter().map(|a| a.name.clone()).collect::<Vec<_>>();
    if shown.len() == 2 {
        shown.push("10000".into());
    }
    let n = format!("{lname}({})", shown.join(", "));
    let mut it = args.into_iter();
    let (Some(x), Some(p)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let sorted = datafusion::functions_nested::expr_fn::array_sort(
        non_null_values(x.expr, false),
        lit("ASC"),
        lit("NULLS FIRST"),
    );
    let count = cast_plain(
        datafusion::functions_nested::expr_fn::cardinality(sorted.clone()),
        &DataType::Float64,
    );
    let pick = |p: DFExpr| -> DFExpr {
        let rank = datafusion::functions::math::expr_fn::ceil(p * count.clone());
        let idx = datafusion::functions::core::expr_fn::greatest(vec![
            cast_plain(rank, &DataType::Int64),
            lit(1i64),
        ]);
        datafusion::functions_nested::expr_fn::array_element(sorted.clone(), idx)
    };
    let e = match &p.data_type {
        DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(..) => {
            let mut inner = &p.expr;
            while let DFExpr::Cast(c) = inner {
                inner = &c.expr;
            }
            let len = match inner {
                DFExpr::ScalarFunction(f) => f.args.len(),
                DFExpr::Literal(datafusion::common::ScalarValue::List(a), _) => {
                    datafusion::arrow::array::Array::len(&a.value(0))
                }
                _ => {
                    return Err(SparkError::illegal_argument(format!(
                        "{lname} needs literal percentages"
                    )))
                }
            };
            let picks = (1..=len as i64)
                .map(|i| {
                    let pi = datafusion::functions_nested::expr_fn::array_element(
                        p.expr.clone(),
                        lit(i),
                    );
                    pick(cast_plain(pi, &DataType::Float64))
                })
                .collect();
            datafusion::functions_nested::expr_fn::make_array(picks)
        }
        _ => pick(cast_plain(p.expr, &DataType::Float64)),
    };
    r.make(e, n)
}

fn count_if(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[1])?;
    let n = call_name("count_if", &args);
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    let cond = coerce::to_boolean(r, a, "count_if")?;
    let e = agg::count(datafusion::logical_expr::when(cond.expr, lit(1)).end()?);
    r.make(e, n)
}

fn boolean(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (a, n) = super::unary(name, args)?;
    let b = coerce::to_boolean(r, a, &lname)?;
    let e = match lname.as_str() {
        "bool_and" | "every" => agg::bool_and(b.expr),
        _ => agg::bool_or(b.expr),
    };
    r.make(e, n)
}

fn approx_count_distinct(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[1, 2])?;
    let n = call_name("approx_count_distinct", &args[..1]);
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    r.make(
        cast_plain(agg::approx_distinct(a.expr), &DataType::Int64),
        n,
    )
}
