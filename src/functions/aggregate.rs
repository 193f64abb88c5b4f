//! Aggregate functions: count, sum, avg/mean, min, max. They resolve to
//! DataFusion aggregate expressions; `plan::ops` lifts them into an
//! `Aggregate` node.

use datafusion::arrow::datatypes::DataType;
use datafusion::functions_aggregate::expr_fn as agg;

use super::{arity, call_name, Builder};
use crate::error::{Result, SparkError};
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("count", count),
    ("sum", sum),
    ("avg", avg),
    ("mean", avg),
    ("min", min_max),
    ("max", min_max),
    ("first", first_last),
    ("first_value", first_last),
    ("last", first_last),
    ("last_value", first_last),
    ("any_value", first_last),
    ("grouping", grouping),
    ("grouping_id", grouping),
];

fn one(name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[1])?;
    args.into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))
}

fn numeric_only(r: &Resolver, name: &str, a: &Resolved) -> Result<()> {
    let t = a.spark_type()?;
    if t.is_numeric() || t.is_string() || matches!(t, crate::types::SparkType::Null) {
        return Ok(());
    }
    let _ = r;
    Err(SparkError::datatype_mismatch(
        "UNEXPECTED_INPUT_TYPE",
        &format!("{name}({})", a.name),
        format!(
            "The first parameter requires the \"NUMERIC\" or \"ANSI INTERVAL\" type, however \"{}\" has the type \"{}\".",
            a.name,
            t.sql_name()
        ),
    ))
}

fn count(r: &Resolver, _name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let name = call_name("count", &args);
    let e = match args.len() {
        0 => {
            return Err(arity("count", &args, &[1])
                .err()
                .unwrap_or_else(|| SparkError::internal("count")))
        }
        1 => {
            let a = args
                .into_iter()
                .next()
                .ok_or_else(|| SparkError::internal("arity"))?;
            agg::count(a.expr)
        }
        _ => {
            // count(a, b) counts rows where every argument is non-null
            let all = args
                .iter()
                .map(|a| a.expr.clone().is_not_null())
                .reduce(|x, y| x.and(y))
                .ok_or_else(|| SparkError::internal("count needs an argument"))?;
            agg::count(datafusion::logical_expr::when(all, datafusion::prelude::lit(1)).end()?)
        }
    };
    r.make(e, name)
}

/// `count(DISTINCT a)`.
pub fn count_distinct(r: &Resolver, args: Vec<Resolved>) -> Result<Resolved> {
    let name = format!(
        "count(DISTINCT {})",
        args.iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if args.len() > 1 {
        // Distinct tuples of rows where every value is non-null.
        let all_set = args
            .iter()
            .map(|a| a.expr.clone().is_not_null())
            .reduce(|a, b| a.and(b))
            .ok_or_else(|| SparkError::internal("arity"))?;
        let mut fields = vec![];
        for (i, a) in args.into_iter().enumerate() {
            fields.push(datafusion::prelude::lit(format!("c{i}")));
            fields.push(a.expr);
        }
        let tuple = datafusion::functions::core::expr_fn::named_struct(fields);
        let e = datafusion::logical_expr::Expr::AggregateFunction(
            datafusion::logical_expr::expr::AggregateFunction::new_udf(
                datafusion::functions_aggregate::count::count_udaf(),
                vec![tuple],
                true,
                Some(Box::new(all_set)),
                vec![],
                None,
            ),
        );
        return r.make(e, name);
    }
    let a = one("count", args)?;
    r.make(agg::count_distinct(a.expr), name)
}

fn sum(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let a = one(name, args)?;
    numeric_only(r, "sum", &a)?;
    let n = call_name("sum", std::slice::from_ref(&a));
    let input = match a.data_type {
        DataType::Int8 | DataType::Int16 | DataType::Int32 => {
            crate::plan::coerce::cast_plain(a.expr, &DataType::Int64)
        }
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Float32 => {
            crate::plan::coerce::cast(r, a, &SparkType::Double, r.settings.ansi)?
        }
        _ => a.expr,
    };
    r.make(agg::sum(input), n)
}

fn avg(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let a = one(name, args)?;
    numeric_only(r, "avg", &a)?;
    // F.mean names its column avg(a); SQL mean(a) keeps its own name
    let shown = if name == "mean" { "mean" } else { "avg" };
    let n = call_name(shown, std::slice::from_ref(&a));
    let input = match a.data_type {
        DataType::Decimal128(p, s) => {
            // One more digit than Spark's result scale, then rounded half-up
            // to it: DataFusion's decimal average truncates.
            let result = crate::plan::coerce::bounded_decimal(p as i16 + 4, s as i16 + 4);
            let wide = DataType::Decimal128((p + 1).min(38), (s + 1).min(38));
            let e = agg::avg(crate::plan::coerce::cast_plain(a.expr, &wide));
            return r.make(crate::plan::coerce::cast_plain(e, &result.to_arrow()), n);
        }
        DataType::Float64 => a.expr,
        _ => crate::plan::coerce::cast(r, a, &SparkType::Double, r.settings.ansi)?,
    };
    r.make(agg::avg(input), n)
}

fn min_max(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let a = one(&lname, args)?;
    let n = call_name(&lname, std::slice::from_ref(&a));
    let e = if lname == "min" {
        agg::min(a.expr)
    } else {
        agg::max(a.expr)
    };
    r.make(e, n)
}

/// `first(col, ignorenulls)`, `last(...)`, `any_value(...)`: named
/// without the flag, as Spark names them.
fn first_last(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    use datafusion::logical_expr::expr::{AggregateFunction, NullTreatment};
    let lname = name.to_lowercase();
    arity(&lname, &args, &[1, 2])?;
    let mut it = args.into_iter();
    let value = it.next().ok_or_else(|| SparkError::internal("arity"))?;
    let ignore_nulls = match it.next().map(|a| a.expr) {
        None => false,
        Some(datafusion::logical_expr::Expr::Literal(
            datafusion::common::ScalarValue::Boolean(Some(b)),
            _,
        )) => b,
        Some(_) => {
            return Err(SparkError::illegal_argument(format!(
                "The second argument of {lname} must be a boolean literal"
            )))
        }
    };
    let n = call_name(&lname, std::slice::from_ref(&value));
    let udaf = if lname.starts_with("last") {
        datafusion::functions_aggregate::first_last::last_value_udaf()
    } else {
        datafusion::functions_aggregate::first_last::first_value_udaf()
    };
    let treatment = ignore_nulls.then_some(NullTreatment::IgnoreNulls);
    let e = datafusion::logical_expr::Expr::AggregateFunction(AggregateFunction::new_udf(
        udaf,
        vec![value.expr],
        false,
        None,
        vec![],
        treatment,
    ));
    r.make(e, n)
}

/// `grouping(col)` (tinyint) and `grouping_id(cols...)` (bigint): which
/// grouping expressions a row of a rollup/cube/grouping sets aggregates
/// away. `grouping_id()` means every grouping expression.
fn grouping(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    use datafusion::logical_expr::expr::AggregateFunction;
    let lname = name.to_lowercase();
    if lname == "grouping" {
        arity(&lname, &args, &[1])?;
    }
    let n = call_name(&lname, &args);
    let e = datafusion::logical_expr::Expr::AggregateFunction(AggregateFunction::new_udf(
        datafusion::functions_aggregate::grouping::grouping_udaf(),
        args.into_iter().map(|a| a.expr).collect(),
        false,
        None,
        vec![],
        None,
    ));
    let t = if lname == "grouping" {
        DataType::Int8
    } else {
        DataType::Int64
    };
    r.make(crate::plan::coerce::cast_plain(e, &t), n)
}
