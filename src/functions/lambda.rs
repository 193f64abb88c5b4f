//! Higher-order functions over arrays with lambdas: `transform`, `filter`,
//! `exists` and `forall`, on DataFusion's `array_transform`,
//! `array_filter` and `array_any_match`. The lambda's body is resolved
//! with its parameter bound to the array's element type, and named as
//! Spark names it (`lambdafunction((namedlambdavariable() + 1),
//! namedlambdavariable())`).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::expr::{HigherOrderFunction, Lambda};
use std::ops::Not;

use datafusion::logical_expr::{Expr as DFExpr, HigherOrderUDF};

use crate::error::{ErrorKind, Result, SparkError};
use crate::expr::Expr;
use crate::plan::coerce;
use crate::plan::resolve::{Resolved, Resolver};

const NAMES: &[&str] = &["transform", "filter", "exists", "forall"];

pub fn is_higher_order(name: &str) -> bool {
    let lname = name.to_lowercase();
    NAMES.contains(&lname.as_str()) || super::lambda_more::NAMES.contains(&lname.as_str())
}

pub fn names() -> impl Iterator<Item = &'static str> {
    NAMES
        .iter()
        .chain(super::lambda_more::NAMES.iter())
        .copied()
}

static HOFS: LazyLock<HashMap<String, Arc<HigherOrderUDF>>> = LazyLock::new(|| {
    datafusion::functions_nested::all_default_higher_order_functions()
        .into_iter()
        .map(|f| (f.name().to_string(), f))
        .collect()
});

fn hof(name: &str, args: Vec<DFExpr>) -> Result<DFExpr> {
    let func = HOFS
        .get(name)
        .cloned()
        .ok_or_else(|| SparkError::internal(format!("{name} is not registered")))?;
    Ok(DFExpr::HigherOrderFunction(HigherOrderFunction::new(
        func, args,
    )))
}

/// `f(array, lambda)`.
pub fn resolve(r: &Resolver, name: &str, args: &[Expr]) -> Result<Resolved> {
    let lname = name.to_lowercase();
    if super::lambda_more::NAMES.contains(&lname.as_str()) {
        return super::lambda_more::resolve(r, &lname, args);
    }
    if let [_, Expr::Lambda { params, .. }] = args {
        if params.len() == 2 && matches!(lname.as_str(), "transform" | "filter") {
            return super::lambda_more::resolve(r, &lname, args);
        }
    }
    let [array, Expr::Lambda { params, body }] = args else {
        return Err(SparkError::plain(
            ErrorKind::Analysis,
            format!("{lname} expects an array and a lambda function"),
        ));
    };
    let array = r.resolve(array)?;
    let element = match &array.data_type {
        DataType::List(f) | DataType::LargeList(f) => Arc::clone(f),
        _ => {
            return Err(SparkError::datatype_mismatch(
                "UNEXPECTED_INPUT_TYPE",
                &format!("{lname}({}, lambdafunction(...))", array.name),
                format!(
                    "The first parameter requires the \"ARRAY\" type, however \"{}\" has the type \"{}\".",
                    array.name,
                    array.spark_type()?.sql_name()
                ),
            ))
        }
    };
    if params.len() != 1 {
        return Err(SparkError::not_implemented(&format!(
            "{lname} with a lambda of {} parameters",
            params.len()
        )));
    }
    let inner = r.with_lambda(params, vec![element]);
    let mut body = inner.resolve(body)?;
    if lname != "transform" {
        body = coerce::to_boolean(&inner, body, &lname)?;
    }
    let vars = vec!["namedlambdavariable()"; params.len()].join(", ");
    let n = format!(
        "{lname}({}, lambdafunction({}, {vars}))",
        array.name, body.name
    );
    let lambda = |b: DFExpr| DFExpr::Lambda(Lambda::new(params.clone(), b));
    let e = match lname.as_str() {
        "transform" => hof("array_transform", vec![array.expr, lambda(body.expr)])?,
        "filter" => hof("array_filter", vec![array.expr, lambda(body.expr)])?,
        "exists" => hof("array_any_match", vec![array.expr, lambda(body.expr)])?,
        // forall: no element fails; NULL where none fails but some is NULL.
        _ => hof("array_any_match", vec![array.expr, lambda(body.expr.not())])?.not(),
    };
    r.make(e, n)
}
