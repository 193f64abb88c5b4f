//! More aggregates: `min_by`/`max_by`, `percentile`, bitwise aggregates,
//! linear regression (`regr_*`) and `string_agg`/`listagg`, over
//! DataFusion's aggregate functions.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::expr::{AggregateFunction, AggregateFunctionParams};
use datafusion::logical_expr::{AggregateUDF, Expr as DFExpr, SortExpr};

use super::{arity, call_name, Builder};
use crate::error::{Result, SparkError};
use crate::expr::Literal;
use crate::plan::coerce::cast_plain;
use crate::plan::resolve::{Resolved, Resolver};

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("min_by", min_max_by),
    ("max_by", min_max_by),
    ("percentile", percentile),
    ("bit_and", bitwise),
    ("bit_or", bitwise),
    ("bit_xor", bitwise),
    ("regr_count", regr),
    ("regr_avgx", regr),
    ("regr_avgy", regr),
    ("regr_sxx", regr),
    ("regr_syy", regr),
    ("regr_sxy", regr),
    ("regr_slope", regr),
    ("regr_intercept", regr),
    ("regr_r2", regr),
    ("try_sum", try_sum),
    ("string_agg", string_agg),
    ("listagg", string_agg),
];

static UDAFS: LazyLock<HashMap<String, Arc<AggregateUDF>>> = LazyLock::new(|| {
    datafusion::functions_aggregate::all_default_aggregate_functions()
        .into_iter()
        .map(|f| (f.name().to_string(), f))
        .collect()
});

fn udaf(name: &str) -> Result<Arc<AggregateUDF>> {
    UDAFS
        .get(name)
        .cloned()
        .ok_or_else(|| SparkError::internal(format!("aggregate {name} is not registered")))
}

fn aggregate(
    name: &str,
    args: Vec<DFExpr>,
    filter: Option<DFExpr>,
    order_by: Vec<SortExpr>,
) -> Result<DFExpr> {
    Ok(DFExpr::AggregateFunction(AggregateFunction {
        func: udaf(name)?,
        params: AggregateFunctionParams {
            args,
            distinct: false,
            filter: filter.map(Box::new),
            order_by,
            null_treatment: None,
        },
    }))
}

/// `min_by(x, y)`: x of the row with the smallest y (rows with NULL y skipped).
fn min_max_by(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2])?;
    let n = call_name(&lname, &args);
    let mut it = args.into_iter();
    let (Some(x), Some(y)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let asc = lname == "min_by";
    let order = vec![y.expr.clone().sort(asc, false)];
    let e = aggregate(
        "first_value",
        vec![x.expr],
        Some(y.expr.is_not_null()),
        order,
    )?;
    r.make(e, n)
}

/// `percentile(x, p, frequency = 1)`: exact, interpolated between values.
fn percentile(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    arity(&name.to_lowercase(), &args, &[2, 3])?;
    if args.len() == 2 {
        args.push(r.literal(&Literal::Integer(1))?);
    }
    let n = call_name("percentile", &args);
    let mut it = args.into_iter();
    let (Some(x), Some(p), Some(freq)) = (it.next(), it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let is_one = matches!(&freq.expr, DFExpr::Literal(v, _)
        if v.clone().cast_to(&DataType::Int64).ok() == Some(datafusion::common::ScalarValue::Int64(Some(1))));
    if !is_one || matches!(p.data_type, DataType::List(_)) {
        return Err(SparkError::not_implemented(
            "percentile with frequencies or several percentages",
        ));
    }
    let x = cast_plain(x.expr, &DataType::Float64);
    let e = aggregate(
        "percentile_cont",
        vec![x, cast_plain(p.expr, &DataType::Float64)],
        None,
        vec![],
    )?;
    r.make(e, n)
}

fn bitwise(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (a, n) = super::unary(&lname, args)?;
    let e = aggregate(&lname, vec![a.expr], None, vec![])?;
    r.make(e, n)
}

/// `regr_*(y, x)` over the rows where both are non-null.
fn regr(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2])?;
    let n = call_name(&lname, &args);
    let args: Vec<DFExpr> = args
        .into_iter()
        .map(|a| cast_plain(a.expr, &DataType::Float64))
        .collect();
    let e = if lname == "regr_r2" {
        // As Spark: NULL when x does not vary, 1 when only y does not.
        let (y, x) = (args[0].clone(), args[1].clone());
        let both = Some(y.clone().is_not_null().and(x.clone().is_not_null()));
        let var_x = aggregate("var_pop", vec![x], both.clone(), vec![])?;
        let var_y = aggregate("var_pop", vec![y], both, vec![])?;
        let zero = datafusion::logical_expr::lit(0.0f64);
        datafusion::logical_expr::when(
            var_x.eq(zero.clone()),
            datafusion::logical_expr::lit(datafusion::common::ScalarValue::Float64(None)),
        )
        .when(var_y.eq(zero), datafusion::logical_expr::lit(1.0f64))
        .otherwise(aggregate(&lname, args, None, vec![])?)?
    } else {
        aggregate(&lname, args, None, vec![])?
    };
    let t = if lname == "regr_count" {
        DataType::Int64
    } else {
        DataType::Float64
    };
    r.make(cast_plain(e, &t), n)
}

/// `try_sum(x)`: the sum, or NULL when it overflows (datafusion-spark's).
fn try_sum(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (a, n) = super::unary(&lname, args)?;
    let t = a.spark_type()?;
    if !(t.is_numeric() || matches!(t, crate::types::SparkType::Null)) {
        return Err(SparkError::datatype_mismatch(
            "UNEXPECTED_INPUT_TYPE",
            &n,
            format!(
                "The first parameter requires the \"NUMERIC\" or \"ANSI INTERVAL\" type, however \"{}\" has the type \"{}\".",
                a.name,
                t.sql_name()
            ),
        ));
    }
    let arg = if t.is_integral() || matches!(t, crate::types::SparkType::Null) {
        cast_plain(a.expr, &DataType::Int64)
    } else if matches!(t, crate::types::SparkType::Decimal(..)) {
        a.expr
    } else {
        cast_plain(a.expr, &DataType::Float64)
    };
    let e = DFExpr::AggregateFunction(AggregateFunction {
        func: datafusion_spark::function::aggregate::try_sum(),
        params: AggregateFunctionParams {
            args: vec![arg],
            distinct: false,
            filter: None,
            order_by: vec![],
            null_treatment: None,
        },
    });
    r.make(e, n)
}

/// `string_agg(x, delimiter = '')` / `listagg`.
fn string_agg(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[1, 2])?;
    if args.len() == 1 {
        args.push(r.literal(&Literal::String(String::new()))?);
    }
    let n = call_name(&lname, &args);
    let exprs: Vec<DFExpr> = args
        .into_iter()
        .map(|a| cast_plain(a.expr, &DataType::Utf8))
        .collect();
    let e = aggregate("string_agg", exprs, None, vec![])?;
    r.make(cast_plain(e, &DataType::Utf8), n)
}
