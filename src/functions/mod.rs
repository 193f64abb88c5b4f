//! The Spark function registry: one table of names that serves `F.x(...)`,
//! `F.expr("x(...)")`, `selectExpr` and `spark.sql`.
//!
//! Operators are functions named by their symbol, as in Spark's column nodes.
//! Each entry resolves already-resolved arguments into a DataFusion
//! expression and names the output the way Spark does.

mod aggregate;
mod aggregate_ext;
mod bround;
mod collection;
mod crypto;
mod datetime;
mod datetime_build;
mod datetime_calendar;
mod datetime_format;
mod datetime_udf;
mod datetime_zone;
mod geo;
mod hash;
mod json;
mod json_flat;
mod kernel;
pub mod lambda;
mod lambda_more;
mod lambda_udfs;
mod math;
mod misc;
mod misc_udfs;
mod number_format;
mod operators;
pub mod random;
mod reflect;
mod regex;
pub(crate) mod rng;
mod scalar;
mod sketches;
mod sketches_agg;
mod sketches_kll;
mod sketches_scalar;
mod sketches_tuple;
mod spec;
mod stats;
mod strict_math;
mod string;
mod string_more;
mod time_type;
mod time_window;
pub mod udf;
mod udf_agg;
pub mod udfs;
pub mod variant;
mod variant_agg;
mod variant_arrow;
mod variant_edit;
mod variant_schema;
mod variant_value;
mod vector;
pub mod window;
mod xml;

pub use time_type::{cast_time, parse_time, time_string};

use crate::error::{ErrorKind, Result, SparkError};
use crate::plan::resolve::{Resolved, Resolver};

type Builder = fn(&Resolver, &str, Vec<Resolved>) -> Result<Resolved>;

/// name (lower case) → builder. Family tables are concatenated here.
fn lookup(name: &str) -> Option<Builder> {
    all_tables()
        .find(|(n, _)| *n == name)
        .map(|(_, b)| *b)
        .or_else(|| spec::find(name).map(|_| spec::call as Builder))
}

fn all_tables() -> impl Iterator<Item = &'static (&'static str, Builder)> {
    operators::TABLE
        .iter()
        .chain(scalar::TABLE.iter())
        .chain(aggregate::TABLE.iter())
        .chain(datetime::TABLE.iter())
        .chain(datetime_build::TABLE.iter())
        .chain(window::TABLE.iter())
        .chain(stats::TABLE.iter())
        .chain(math::TABLE.iter())
        .chain(misc::TABLE.iter())
        .chain(collection::TABLE.iter())
        .chain(string::TABLE.iter())
        .chain(hash::TABLE.iter())
        .chain(regex::TABLE.iter())
        .chain(aggregate_ext::TABLE.iter())
        .chain(misc_udfs::TABLE.iter())
        .chain(json::TABLE.iter())
        .chain(reflect::TABLE.iter())
        .chain(variant::TABLE.iter())
        .chain(xml::TABLE.iter())
        .chain(string_more::TABLE.iter())
        .chain(rng::TABLE.iter())
        .chain(bround::TABLE.iter())
        .chain(crypto::TABLE.iter())
        .chain(vector::TABLE.iter())
        .chain(number_format::TABLE.iter())
        .chain(geo::TABLE.iter())
        .chain(vector::AGGREGATES.iter())
        .chain(sketches::TABLE.iter())
        .chain(sketches::AGGREGATES.iter())
        .chain(time_type::TABLE.iter())
        .chain(time_window::TABLE.iter())
}

/// Whether a function of this name exists.
pub fn exists(name: &str) -> bool {
    lookup(&name.to_lowercase()).is_some() || lambda::is_higher_order(name)
}

/// The names of the functions (operators by symbol included), sorted.
pub fn names() -> Vec<String> {
    let mut out: Vec<String> = all_tables()
        .map(|(n, _)| n.to_string())
        .chain(spec::names().map(str::to_string))
        .chain(lambda::names().map(str::to_string))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether `name` is an aggregate function.
pub fn is_aggregate(name: &str) -> bool {
    let key = name.to_lowercase();
    aggregate::TABLE
        .iter()
        .chain(stats::TABLE.iter())
        .chain(aggregate_ext::TABLE.iter())
        .chain(vector::AGGREGATES.iter())
        .any(|(n, _)| *n == key)
        || key == "schema_of_variant_agg"
}

pub fn resolve_call(
    resolver: &Resolver,
    name: &str,
    args: Vec<Resolved>,
    distinct: bool,
) -> Result<Resolved> {
    let key = name.to_lowercase();
    if distinct {
        if key == "count" {
            return aggregate::count_distinct(resolver, args);
        }
        if matches!(key.as_str(), "sum" | "avg" | "mean") {
            // The aggregate over distinct values, named `sum(DISTINCT x)`.
            let mut out = resolve_call(resolver, name, args, false)?;
            let datafusion::logical_expr::Expr::AggregateFunction(mut f) = out.expr else {
                return Err(SparkError::not_implemented(&format!(
                    "{key}(DISTINCT ...) of this type"
                )));
            };
            f.params.distinct = true;
            out.expr = datafusion::logical_expr::Expr::AggregateFunction(f);
            out.name = out.name.replacen('(', "(DISTINCT ", 1);
            return Ok(out);
        }
        return Err(SparkError::not_implemented(&format!("{key}(DISTINCT ...)")));
    }
    match lookup(&key) {
        Some(build) => build(resolver, name, args),
        None if resolver.settings.udfs.get(&key).is_some() => {
            let f = resolver
                .settings
                .udfs
                .get(&key)
                .ok_or_else(|| SparkError::internal("udf"))?;
            let shown = f.0.name.clone();
            udf::resolve(resolver, &shown, &f, args, &[])
        }
        None => Err(SparkError::new(
            ErrorKind::Analysis,
            "UNRESOLVED_ROUTINE",
            "42883",
            format!(
                "Cannot resolve routine `{key}` on search path [`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]."
            ),
            &[
                ("routineName", format!("`{key}`")),
                (
                    "searchPath",
                    "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]".into(),
                ),
            ],
        )),
    }
}

/// `name(a, b)`: Spark's default output name for a call.
pub fn call_name(name: &str, args: &[Resolved]) -> String {
    format!(
        "{name}({})",
        args.iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// The single argument of a one-argument function, and the call's Spark
/// name (`f(a)`, the function name in lower case).
pub(super) fn unary(name: &str, args: Vec<Resolved>) -> Result<(Resolved, String)> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[1])?;
    let n = call_name(&lname, &args);
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    Ok((a, n))
}

pub fn arity(name: &str, args: &[Resolved], expected: &[usize]) -> Result<()> {
    if expected.contains(&args.len()) {
        return Ok(());
    }
    let want = expected
        .iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(" or ");
    Err(SparkError::new(
        ErrorKind::Analysis,
        "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
        "42605",
        format!(
            "The `{name}` requires {want} parameters but the actual number is {}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.",
            args.len()
        ),
        &[
            ("functionName", format!("`{name}`")),
            ("expectedNum", want.clone()),
            ("actualNum", args.len().to_string()),
            ("docroot", "https://spark.apache.org/docs/latest".into()),
        ],
    ))
}

// ---- datetime text helpers, for the file sources -----------------------

/// A compiled Spark datetime pattern, for parsing.
pub type DatetimeTok = datetime_format::Tok;

/// Compiles a Spark datetime pattern for parsing.
pub fn compile_datetime_parse(pattern: &str) -> Result<Vec<DatetimeTok>> {
    datetime_format::compile_for_parse(pattern)
}

/// Whether a text parses with a compiled Spark datetime pattern.
pub fn parses_datetime(toks: &[DatetimeTok], text: &str) -> bool {
    datetime_format::parse(toks, text).is_ok()
}

/// Whether a text casts to a timestamp (Spark's `stringToTimestamp`).
pub fn cast_to_local_datetime(text: &str) -> Option<chrono::NaiveDateTime> {
    datetime_zone::cast_to_local(text).map(|(dt, _)| dt)
}

/// Spark's cast of text to a date, timestamp or timestamp without zone
/// (in the session time zone); `fail` raises on malformed text.
pub fn cast_text_to_datetime(
    expr: datafusion::logical_expr::Expr,
    tz: String,
    to: &crate::types::SparkType,
    fail: bool,
) -> Option<datafusion::logical_expr::Expr> {
    use crate::types::SparkType;
    let out = match to {
        SparkType::Timestamp => datetime_udf::Out::Ts,
        SparkType::TimestampNtz => datetime_udf::Out::Ntz,
        SparkType::Date => datetime_udf::Out::Date,
        _ => return None,
    };
    Some(datetime_udf::call(
        datetime_udf::Kind::Cast { tz, out, fail },
        vec![expr],
    ))
}
