//! Resolution of the higher-order functions computed in `lambda_udfs`:
//! `aggregate`/`reduce`, `zip_with`, `map_filter`, `map_zip_with`,
//! `transform_keys`, `transform_values`, and `transform`/`filter` with an
//! `(x, i)` lambda. Each lambda's body is resolved with its parameters
//! bound to the types the function gives them, and the call is named as
//! Spark names it (`aggregate(a, 0, lambdafunction((namedlambdavariable() +
//! namedlambdavariable()), namedlambdavariable(), namedlambdavariable()),
//! lambdafunction(namedlambdavariable(), namedlambdavariable()))`).

use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::logical_expr::expr::{HigherOrderFunction, Lambda, LambdaVariable};
use datafusion::logical_expr::Expr as DFExpr;

use super::lambda_udfs::{self, Kind};
use crate::error::{ErrorKind, Result, SparkError};
use crate::expr::Expr;
use crate::plan::coerce;
use crate::plan::resolve::{Resolved, Resolver};

pub(super) const NAMES: &[&str] = &[
    "aggregate",
    "reduce",
    "zip_with",
    "map_filter",
    "map_zip_with",
    "transform_keys",
    "transform_values",
];

const ORDINALS: &[&str] = &["first", "second", "third", "fourth"];

/// The function of `lname`, how many value arguments precede its lambdas,
/// and the numbers of arguments it takes.
fn shape(lname: &str) -> Result<(Kind, usize, &'static [usize])> {
    Ok(match lname {
        "aggregate" | "reduce" => (Kind::Aggregate, 2, &[3, 4]),
        "zip_with" => (Kind::ZipWith, 2, &[3]),
        "map_zip_with" => (Kind::MapZipWith, 2, &[3]),
        "map_filter" => (Kind::MapFilter, 1, &[2]),
        "transform_keys" => (Kind::TransformKeys, 1, &[2]),
        "transform_values" => (Kind::TransformValues, 1, &[2]),
        "transform" => (Kind::TransformIndexed, 1, &[2]),
        "filter" => (Kind::FilterIndexed, 1, &[2]),
        other => {
            return Err(SparkError::internal(format!(
                "{other} is not a lambda function"
            )))
        }
    })
}

fn wrong_args(lname: &str, expected: &[usize], actual: usize) -> SparkError {
    let want = expected
        .iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(" or ");
    SparkError::new(
        ErrorKind::Analysis,
        "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
        "42605",
        format!(
            "The `{lname}` requires {want} parameters but the actual number is {actual}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix."
        ),
        &[
            ("functionName", format!("`{lname}`")),
            ("expectedNum", want.clone()),
            ("actualNum", actual.to_string()),
            ("docroot", "https://spark.apache.org/docs/latest".into()),
        ],
    )
}

/// Spark's error for a value argument of the wrong type.
fn type_error(call: &str, position: usize, want: &str, arg: &Resolved) -> Result<SparkError> {
    Ok(SparkError::datatype_mismatch(
        "UNEXPECTED_INPUT_TYPE",
        call,
        format!(
            "The {} parameter requires the \"{want}\" type, however \"{}\" has the type \"{}\".",
            ORDINALS.get(position).unwrap_or(&"next"),
            arg.name,
            arg.spark_type()?.sql_name()
        ),
    ))
}

fn is_list(r: &Resolved) -> bool {
    matches!(r.data_type, DataType::List(_))
}

fn is_map(r: &Resolved) -> bool {
    matches!(r.data_type, DataType::Map(..))
}

fn map_key(r: &Resolved) -> Option<&DataType> {
    match &r.data_type {
        DataType::Map(e, _) => match e.data_type() {
            DataType::Struct(kv) => kv.first().map(|k| k.data_type()),
            _ => None,
        },
        _ => None,
    }
}

/// `f(values…, lambdas…)` for the functions of [`NAMES`], and
/// `transform`/`filter` with an `(x, i)` lambda.
pub fn resolve(r: &Resolver, lname: &str, args: &[Expr]) -> Result<Resolved> {
    let (kind, n_values, arities) = shape(lname)?;
    if !arities.contains(&args.len()) {
        return Err(wrong_args(lname, arities, args.len()));
    }
    let values = args[..n_values]
        .iter()
        .map(|a| r.resolve(a))
        .collect::<Result<Vec<_>>>()?;
    let call = || {
        let mut parts: Vec<String> = values.iter().map(|v| v.name.clone()).collect();
        parts.extend(
            args[n_values..]
                .iter()
                .map(|_| "lambdafunction(...)".to_string()),
        );
        format!("{lname}({})", parts.join(", "))
    };
    match kind {
        Kind::MapFilter | Kind::TransformKeys | Kind::TransformValues if !is_map(&values[0]) => {
            return Err(type_error(&call(), 0, "MAP", &values[0])?)
        }
        Kind::MapZipWith => {
            for (i, v) in values.iter().enumerate() {
                if !is_map(v) {
                    return Err(type_error(&call(), i, "MAP", v)?);
                }
            }
            if map_key(&values[0]) != map_key(&values[1]) {
                return Err(SparkError::datatype_mismatch(
                    "MAP_ZIP_WITH_DIFF_TYPES",
                    &call(),
                    format!(
                        "Input to the function `map_zip_with` should have been two maps with compatible key types, but it's [\"{}\", \"{}\"].",
                        values[0].spark_type()?.sql_name(),
                        values[1].spark_type()?.sql_name()
                    ),
                ));
            }
        }
        Kind::ZipWith => {
            for (i, v) in values.iter().enumerate() {
                if !is_list(v) {
                    return Err(type_error(&call(), i, "ARRAY", v)?);
                }
            }
        }
        Kind::Aggregate | Kind::TransformIndexed | Kind::FilterIndexed if !is_list(&values[0]) => {
            return Err(type_error(&call(), 0, "ARRAY", &values[0])?)
        }
        _ => {}
    }
    let fields: Vec<FieldRef> = values
        .iter()
        .map(|v| Arc::new(Field::new(v.name.clone(), v.data_type.clone(), true)))
        .collect();
    let params = lambda_udfs::params(kind, &fields)?;

    let mut lambdas: Vec<(DFExpr, Resolved)> = vec![];
    for (i, arg) in args[n_values..].iter().enumerate() {
        let Expr::Lambda {
            params: names,
            body,
        } = arg
        else {
            return Err(SparkError::plain(
                ErrorKind::Analysis,
                format!(
                    "{lname} expects a lambda function as its argument {}",
                    n_values + i + 1
                ),
            ));
        };
        let fields = params.get(i).cloned().unwrap_or_default();
        if names.len() != fields.len() {
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH",
                "42K0D",
                format!(
                    "Invalid lambda function call. A higher order function expects {} arguments, but got {}.",
                    fields.len(),
                    names.len()
                ),
                &[
                    ("expectedNumArgs", fields.len().to_string()),
                    ("actualNumArgs", names.len().to_string()),
                ],
            ));
        }
        let inner = r.with_lambda(names, fields);
        let mut body = inner.resolve(body)?;
        if matches!(kind, Kind::MapFilter | Kind::FilterIndexed) {
            body = coerce::to_boolean(&inner, body, lname)?;
        }
        let vars = vec!["namedlambdavariable()"; names.len()].join(", ");
        body.name = format!("lambdafunction({}, {vars})", body.name);
        let lambda = DFExpr::Lambda(Lambda::new(names.clone(), body.expr.clone()));
        lambdas.push((lambda, body));
    }
    if kind == Kind::Aggregate {
        check_merge(&call(), &values[1], &lambdas[0].1)?;
        if lambdas.len() == 1 {
            lambdas.push(identity(r, &params[1])?);
        }
    }

    let name = format!(
        "{lname}({})",
        values
            .iter()
            .map(|v| v.name.as_str())
            .chain(lambdas.iter().map(|(_, b)| b.name.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let args: Vec<DFExpr> = values
        .into_iter()
        .map(|v| v.expr)
        .chain(lambdas.into_iter().map(|(l, _)| l))
        .collect();
    let e = DFExpr::HigherOrderFunction(HigherOrderFunction::new(lambda_udfs::udf(kind), args));
    r.make(e, name)
}

/// Spark requires the merge lambda to return the accumulator's type.
fn check_merge(call: &str, zero: &Resolved, merge: &Resolved) -> Result<()> {
    if merge.data_type.equals_datatype(&zero.data_type) {
        return Ok(());
    }
    Err(SparkError::datatype_mismatch(
        "UNEXPECTED_INPUT_TYPE",
        call,
        format!(
            "The third parameter requires the \"{}\" type, however \"{}\" has the type \"{}\".",
            zero.spark_type()?.sql_name(),
            merge.name,
            merge.spark_type()?.sql_name()
        ),
    ))
}

/// `acc -> acc`, the default finish of `aggregate`.
fn identity(r: &Resolver, params: &[FieldRef]) -> Result<(DFExpr, Resolved)> {
    let field = params
        .first()
        .cloned()
        .ok_or_else(|| SparkError::internal("aggregate's finish takes one parameter"))?;
    let name = "__aggregate_acc".to_string();
    let var = DFExpr::LambdaVariable(LambdaVariable::new(name.clone(), Some(field)));
    let inner = r.with_lambda(std::slice::from_ref(&name), params.to_vec());
    let body = inner.make(
        var.clone(),
        "lambdafunction(namedlambdavariable(), namedlambdavariable())".into(),
    )?;
    Ok((DFExpr::Lambda(Lambda::new(vec![name], var)), body))
}
