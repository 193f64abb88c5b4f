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
    let e = aggregate(&lname, args, None, vec![])?;
    let t = if lname == "regr_count" {
        DataType::Int64
    } else {
        DataType::Float64
    };
    r.make(cast_plain(e, &t), n)
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
