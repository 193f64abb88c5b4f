//! Scalar functions needed by Column's methods: conditional, struct/array/map
//! construction, and the string predicates.

use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::functions::core::expr_fn as core_fn;
use datafusion::logical_expr::Expr as DFExpr;

use super::{arity, call_name, Builder};
use crate::error::{ErrorKind, Result, SparkError};
use crate::plan::coerce::{self, cast_plain};
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("coalesce", coalesce),
    ("struct", make_struct),
    ("named_struct", named_struct),
    ("array", array),
    ("map", create_map),
    ("create_map", create_map),
    ("startswith", string_predicate),
    ("endswith", string_predicate),
    ("contains", string_predicate),
    ("substr", substring),
    ("substring", substring),
    ("upper", string_unary),
    ("lower", string_unary),
    ("abs", abs),
    ("sqrt", sqrt),
    ("current_database", current_database),
    ("current_schema", current_database),
];

fn current_database(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(&name.to_lowercase(), &args, &[0])?;
    let db = r.settings.current_database.clone();
    r.make(
        DFExpr::Literal(ScalarValue::Utf8(Some(db)), None),
        "current_schema()".into(),
    )
}

pub(super) fn coalesce(r: &Resolver, _name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    if args.is_empty() {
        return Err(SparkError::new(
            ErrorKind::Analysis,
            "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
            "42605",
            "The `coalesce` requires > 0 parameters but the actual number is 0. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.",
            &[
                ("functionName", "`coalesce`".into()),
                ("expectedNum", "> 0".into()),
                ("actualNum", "0".into()),
                ("docroot", "https://spark.apache.org/docs/latest".into()),
            ],
        ));
    }
    let name = call_name("coalesce", &args);
    let refs: Vec<&Resolved> = args.iter().collect();
    let t = coerce::common_type(&refs, "coalesce")?;
    let exprs = args
        .into_iter()
        .map(|a| coerce::implicit(r, a, &t))
        .collect::<Result<Vec<_>>>()?;
    r.make(core_fn::coalesce(exprs), name)
}

fn make_struct(r: &Resolver, _name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let name = call_name("struct", &args);
    let mut pairs = vec![];
    for (i, a) in args.into_iter().enumerate() {
        let field = match (&a.alias, a.column) {
            (Some(alias), _) => alias.clone(),
            (None, Some(_)) => a.name.clone(),
            (None, None) => format!("col{}", i + 1),
        };
        pairs.push(DFExpr::Literal(ScalarValue::Utf8(Some(field)), None));
        pairs.push(a.expr);
    }
    r.make(core_fn::named_struct(pairs), name)
}

/// Functions of key/value pairs take an even number of arguments.
fn even_arity(name: &str, args: &[Resolved]) -> Result<()> {
    if args.len().is_multiple_of(2) {
        return Ok(());
    }
    Err(SparkError::new(
        ErrorKind::Analysis,
        "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
        "42605",
        format!(
            "The `{name}` requires 2n (n > 0) parameters but the actual number is {}.",
            args.len()
        ),
        &[],
    ))
}

fn named_struct(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    even_arity(name, &args)?;
    let n = call_name("named_struct", &args);
    r.make(
        core_fn::named_struct(args.into_iter().map(|a| a.expr).collect()),
        n,
    )
}

fn array(r: &Resolver, _name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let name = call_name("array", &args);
    let refs: Vec<&Resolved> = args.iter().collect();
    let mut t = coerce::common_type(&refs, "array")?;
    if t == DataType::Null && !args.is_empty() {
        t = DataType::Null;
    }
    if args.is_empty() {
        t = DataType::Null;
    }
    let exprs: Vec<DFExpr> = args
        .into_iter()
        .map(|a| coerce::implicit(r, a, &t))
        .collect::<Result<Vec<_>>>()?;
    let arr = datafusion::functions_nested::expr_fn::make_array(exprs);
    let spark_t = SparkType::Array(Box::new(SparkType::from_arrow(&t)?), true);
    r.make(cast_plain(arr, &spark_t.to_arrow()), name)
}

fn create_map(r: &Resolver, _name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    even_arity("map", &args)?;
    let name = call_name("map", &args);
    let keys: Vec<&Resolved> = args.iter().step_by(2).collect();
    let values: Vec<&Resolved> = args.iter().skip(1).step_by(2).collect();
    let kt = coerce::common_type(&keys, "map")?;
    let vt = coerce::common_type(&values, "map")?;
    let mut ks = vec![];
    let mut vs = vec![];
    for (i, a) in args.into_iter().enumerate() {
        if i % 2 == 0 {
            ks.push(cast_plain(a.expr, &kt));
        } else {
            vs.push(cast_plain(a.expr, &vt));
        }
    }
    let e = datafusion::functions_nested::map::map(ks, vs);
    r.make(e, name)
}

fn string_predicate(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[2])?;
    let lname = name.to_lowercase();
    let n = call_name(&lname, &args);
    let mut it = args.into_iter();
    let (Some(s), Some(p)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let s = to_string(r, s)?;
    let p = to_string(r, p)?;
    use datafusion::functions::string::expr_fn as sf;
    let e = match lname.as_str() {
        "startswith" => sf::starts_with(s, p),
        "endswith" => sf::ends_with(s, p),
        _ => sf::contains(s, p),
    };
    r.make(e, n)
}

fn to_string(r: &Resolver, x: Resolved) -> Result<DFExpr> {
    if x.spark_type()?.is_string() {
        Ok(x.expr)
    } else {
        coerce::cast(r, x, &SparkType::String, false)
    }
}

fn substring(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[2, 3])?;
    let lname = name.to_lowercase();
    let mut args = args;
    if args.len() == 2 {
        let max = r.literal(&crate::expr::Literal::Integer(i32::MAX))?;
        args.push(max);
    }
    let n = call_name(&lname, &args);
    let mut it = args.into_iter();
    let (Some(s), Some(pos), Some(len)) = (it.next(), it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let s = to_string(r, s)?;
    let pos = cast_plain(pos.expr, &DataType::Int64);
    let len = cast_plain(len.expr, &DataType::Int64);
    r.make(super::udfs::spark_substring(s, pos, len), n)
}

fn string_unary(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[1])?;
    let lname = name.to_lowercase();
    let n = call_name(&lname, &args);
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    let s = to_string(r, a)?;
    use datafusion::functions::string::expr_fn as sf;
    let e = if lname == "upper" {
        sf::upper(s)
    } else {
        sf::lower(s)
    };
    r.make(e, n)
}

fn abs(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[1])?;
    let n = call_name("abs", &args);
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    r.make(datafusion::functions::math::expr_fn::abs(a.expr), n)
}

fn sqrt(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[1])?;
    let n = call_name("SQRT", &args);
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    // NaN below zero, as Java's Math.sqrt.
    let x = cast_plain(a.expr, &DataType::Float64);
    let e = datafusion::logical_expr::when(
        x.clone().lt(datafusion::prelude::lit(0.0)),
        datafusion::prelude::lit(f64::NAN),
    )
    .otherwise(datafusion::functions::math::expr_fn::sqrt(x))?;
    r.make(e, n)
}
