//! String functions: lengths, case, padding and trimming, searching,
//! replacing, encodings. Positions are 1-based and 0 means "not found", as
//! in Spark.

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{when, Expr as DFExpr};
use datafusion::prelude::lit;

use super::spec::{df, f, fd, Arg::*, Imp::*, Lit, Spec, VAR};
use crate::error::{Result, SparkError};
use crate::plan::coerce::cast_plain;
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const SPECS: &[Spec] = &[
    f("ascii", "", &[1], &[Str], Spark("ascii")),
    f("base64", "", &[1], &[Bin], Spark("base64")),
    f("unbase64", "", &[1], &[Str], Spark("unbase64")),
    f("bit_length", "", &[1], &[Str], Df("bit_length")),
    f("octet_length", "", &[1], &[Str], Df("octet_length")),
    f("char", "", &[1], &[Long], Spark("char")),
    f("chr", "", &[1], &[Long], Spark("char")),
    f("char_length", "", &[1], &[Any], Spark("length")),
    f("character_length", "", &[1], &[Any], Spark("length")),
    f("length", "", &[1], &[Any], Spark("length")),
    f("len", "", &[1], &[Any], Spark("length")),
    f("concat_ws", "", VAR, &[Str, Any], Spark("concat_ws")),
    f("elt", "", VAR, &[Int, Any], Spark("elt")),
    f(
        "format_string",
        "",
        VAR,
        &[Str, Any],
        Spark("format_string"),
    ),
    f("printf", "", VAR, &[Str, Any], Spark("format_string")),
    f("initcap", "", &[1], &[Str], Df("initcap")),
    f("instr", "", &[2], &[Str], Df("strpos")),
    f("lcase", "", &[1], &[Str], Df("lower")),
    f("ucase", "", &[1], &[Str], Df("upper")),
    f(
        "left",
        "",
        &[2],
        &[Str, Long],
        Expr(|a| clamp_len("left", a)),
    ),
    f(
        "right",
        "",
        &[2],
        &[Str, Long],
        Expr(|a| clamp_len("right", a)),
    ),
    f(
        "levenshtein",
        "",
        &[2, 3],
        &[Str, Str, Int],
        Expr(levenshtein),
    ),
    fd(
        "locate",
        &[2, 3],
        &[Str, Str, Long],
        &[Lit::I(1)],
        Expr(locate),
    ),
    fd(
        "position",
        &[2, 3],
        &[Str, Str, Long],
        &[Lit::I(1)],
        Expr(locate),
    ),
    fd(
        "lpad",
        &[2, 3],
        &[Str, Long, Str],
        &[Lit::S(" ")],
        Df("lpad"),
    ),
    fd(
        "rpad",
        &[2, 3],
        &[Str, Long, Str],
        &[Lit::S(" ")],
        Df("rpad"),
    ),
    f("btrim", "", &[1, 2], &[Str], Df("btrim")),
    fd(
        "overlay",
        &[3, 4],
        &[Str, Str, Long, Long],
        &[Lit::I(-1)],
        Expr(overlay),
    ),
    f("repeat", "", &[2], &[Str, Long], Df("repeat")),
    fd("replace", &[2, 3], &[Str], &[Lit::S("")], Df("replace")),
    f("reverse", "", &[1], &[Any], Typed(reverse)),
    f("soundex", "", &[1], &[Str], Spark("soundex")),
    f("space", "", &[1], &[Int], Spark("space")),
    f("split_part", "", &[3], &[Str, Str, Long], Df("split_part")),
    f(
        "substring_index",
        "",
        &[3],
        &[Str, Str, Long],
        Df("substr_index"),
    ),
    f("translate", "", &[3], &[Str], Df("translate")),
    f("find_in_set", "", &[2], &[Str], Df("find_in_set")),
    f("quote", "", &[1], &[Str], Spark("quote")),
    f("luhn_check", "", &[1], &[Str], Spark("luhn_check")),
    f("is_valid_utf8", "", &[1], &[Str], Spark("is_valid_utf8")),
    f(
        "make_valid_utf8",
        "",
        &[1],
        &[Str],
        Spark("make_valid_utf8"),
    ),
    f("ilike", "", &[2], &[Str], Spark("ilike")),
    f("url_encode", "", &[1], &[Str], Spark("url_encode")),
    f("url_decode", "", &[1], &[Str], Spark("url_decode")),
    f("try_url_decode", "", &[1], &[Str], Spark("try_url_decode")),
    f("parse_url", "", &[2, 3], &[Str], Spark("parse_url")),
    f("try_parse_url", "", &[2, 3], &[Str], Spark("try_parse_url")),
];

/// Functions with more to them than a spec.
pub(super) const TABLE: &[(&str, super::Builder)] =
    &[("trim", trim), ("ltrim", trim), ("rtrim", trim)];

/// `trim`/`ltrim`/`rtrim(str[, chars])`; with chars Spark names the call
/// `TRIM(BOTH chars FROM str)` (LEADING, TRAILING).
fn trim(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    super::arity(&lname, &args, &[1, 2])?;
    let n = match args.as_slice() {
        [s, chars] => {
            let side = match lname.as_str() {
                "ltrim" => "LEADING",
                "rtrim" => "TRAILING",
                _ => "BOTH",
            };
            format!("TRIM({side} {} FROM {})", chars.name, s.name)
        }
        _ => super::call_name(&lname, &args),
    };
    let mut exprs = vec![];
    for a in args {
        exprs.push(super::spec::cast_arg(r, a, Str)?);
    }
    let f = if lname == "trim" {
        "btrim"
    } else {
        lname.as_str()
    };
    r.make(df(f, exprs)?, n)
}

fn three(args: Vec<DFExpr>) -> Result<(DFExpr, DFExpr, DFExpr)> {
    let mut it = args.into_iter();
    match (it.next(), it.next(), it.next()) {
        (Some(a), Some(b), Some(c)) => Ok((a, b, c)),
        _ => Err(SparkError::internal("arity")),
    }
}

/// `left`/`right`: an empty string for a length below 1.
fn clamp_len(name: &str, args: Vec<DFExpr>) -> Result<DFExpr> {
    let mut it = args.into_iter();
    let (Some(s), Some(n)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let v = df(name, vec![s.clone(), n.clone()])?;
    Ok(when(n.lt(lit(1i64)).and(s.is_not_null()), lit("")).otherwise(v)?)
}

/// `levenshtein(l, r[, threshold])`: -1 beyond the threshold.
fn levenshtein(args: Vec<DFExpr>) -> Result<DFExpr> {
    let mut it = args.into_iter();
    let (Some(l), Some(r)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let d = df("levenshtein", vec![l, r])?;
    Ok(match it.next() {
        None => d,
        Some(t) => when(d.clone().gt(t), lit(-1i32)).otherwise(d)?,
    })
}

/// `locate(substr, str, pos)`: the 1-based position of substr in str at
/// or after pos; 0 when absent or pos < 1.
fn locate(args: Vec<DFExpr>) -> Result<DFExpr> {
    let (sub, s, pos) = three(args)?;
    let tail = df("substr", vec![s, pos.clone()])?;
    let found = cast_plain(df("strpos", vec![tail, sub])?, &DataType::Int64);
    let e = when(pos.clone().lt(lit(1i64)), lit(0i64))
        .when(found.clone().eq(lit(0i64)), lit(0i64))
        .otherwise(found + pos - lit(1i64))?;
    Ok(cast_plain(e, &DataType::Int32))
}

/// `overlay(input, replace, pos, len)`; len -1: the replacement's length.
fn overlay(args: Vec<DFExpr>) -> Result<DFExpr> {
    let mut it = args.into_iter();
    let (Some(s), Some(r), Some(pos), Some(len)) = (it.next(), it.next(), it.next(), it.next())
    else {
        return Err(SparkError::internal("arity"));
    };
    let short = df("overlay", vec![s.clone(), r.clone(), pos.clone()])?;
    let long = df("overlay", vec![s, r, pos, len.clone()])?;
    Ok(when(len.lt(lit(0i64)), short).otherwise(long)?)
}

/// `reverse` of a string or of an array.
fn reverse(_r: &Resolver, args: Vec<Resolved>) -> Result<DFExpr> {
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    match a.spark_type()? {
        SparkType::Array(..) => df("array_reverse", vec![a.expr]),
        _ => df("reverse", vec![cast_plain(a.expr, &DataType::Utf8)]),
    }
}
