//! Hashes, null handling (`nvl`, `nvl2`, `nullif`, …), comparisons across
//! columns (`greatest`, `least`), bit functions, `typeof` and `version`.

use datafusion::logical_expr::{when, Expr as DFExpr};
use datafusion::prelude::lit;

use super::spec::{df, f, Arg::*, Imp::*, Spec, VAR};
use super::{arity, call_name, Builder};
use crate::error::{Result, SparkError};
use crate::plan::coerce::{self, cast_plain};
use crate::plan::resolve::{Resolved, Resolver};

pub(super) const SPECS: &[Spec] = &[
    f("md5", "", &[1], &[Bin], Df("md5")),
    f("sha", "", &[1], &[Bin], Spark("sha1")),
    f("sha1", "", &[1], &[Bin], Spark("sha1")),
    f("sha2", "", &[2], &[Bin, Int], Spark("sha2")),
    f("crc32", "", &[1], &[Bin], Spark("crc32")),
    f("xxhash64", "", VAR, &[Any], Spark("xxhash64")),
    f("nullif", "", &[2], &[Any], Df("nullif")),
    f("greatest", "", VAR, &[Any], Df("greatest")),
    f("least", "", VAR, &[Any], Df("least")),
    f("nanvl", "", &[2], &[Double], Df("nanvl")),
    f("equal_null", "", &[2], &[Any], Expr(equal_null)),
    f("bit_count", "", &[1], &[Any], Spark("bit_count")),
    f(
        "bitmap_bit_position",
        "",
        &[1],
        &[Long],
        Spark("bitmap_bit_position"),
    ),
    f(
        "bitmap_bucket_number",
        "",
        &[1],
        &[Long],
        Spark("bitmap_bucket_number"),
    ),
    f("bitmap_count", "", &[1], &[Bin], Spark("bitmap_count")),
    f("bit_get", "", &[2], &[Any, Int], Spark("bit_get")),
    f("getbit", "", &[2], &[Any, Int], Spark("bit_get")),
    f("shiftleft", "", &[2], &[Any, Int], Spark("shiftleft")),
    f("shiftright", "", &[2], &[Any, Int], Spark("shiftright")),
    f(
        "shiftrightunsigned",
        "",
        &[2],
        &[Any, Int],
        Spark("shiftrightunsigned"),
    ),
    f(
        "width_bucket",
        "",
        &[4],
        &[Double, Double, Double, Long],
        Spark("width_bucket"),
    ),
    f("uuid", "", &[0], &[], Df("uuid")),
];

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("nvl", nvl),
    ("ifnull", nvl),
    ("zeroifnull", zeroifnull),
    ("nullifzero", nullifzero),
    ("nvl2", nvl2),
    ("typeof", type_of),
    ("version", version),
    ("current_catalog", session_value),
    ("current_user", session_value),
    ("user", session_value),
    ("session_user", session_value),
    ("encode", charset),
    ("decode", charset),
    ("to_binary", to_binary),
    ("validate_utf8", validate_utf8),
    ("try_validate_utf8", validate_utf8),
    ("try_add", try_arith),
    ("try_subtract", try_arith),
    ("try_multiply", try_arith),
    ("try_divide", try_arith),
    ("try_mod", try_arith),
    ("boolean", cast_fn),
    ("tinyint", cast_fn),
    ("smallint", cast_fn),
    ("int", cast_fn),
    ("bigint", cast_fn),
    ("float", cast_fn),
    ("double", cast_fn),
    ("decimal", cast_fn),
    ("date", cast_fn),
    ("timestamp", cast_fn),
    ("binary", cast_fn),
    ("string", cast_fn),
];

/// `float(x)`, `int(x)`, `date(x)`, …: a cast, named as its input.
fn cast_fn(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (a, _) = super::unary(&lname, args)?;
    let to = crate::types::SparkType::from_name(&lname)?;
    let n = a.name.clone();
    let alias = Some(a.output_name());
    let e = coerce::cast(r, a, &to, r.settings.ansi)?;
    let mut out = r.make(e, n)?;
    out.alias = alias;
    Ok(out)
}

fn equal_null(args: Vec<DFExpr>) -> Result<DFExpr> {
    let mut it = args.into_iter();
    let (Some(a), Some(b)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    Ok(DFExpr::BinaryExpr(
        datafusion::logical_expr::BinaryExpr::new(
            Box::new(a),
            datafusion::logical_expr::Operator::IsNotDistinctFrom,
            Box::new(b),
        ),
    ))
}

/// `nvl(a, b)` / `ifnull(a, b)`: `coalesce` under the function's name.
fn nvl(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2])?;
    let n = call_name(&lname, &args);
    let c = super::scalar::coalesce(r, "coalesce", args)?;
    r.make(c.expr, n)
}

fn zeroifnull(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    let zero = r.literal(&crate::expr::Literal::Integer(0))?;
    let c = super::scalar::coalesce(r, "coalesce", vec![a, zero])?;
    r.make(c.expr, n)
}

fn nullifzero(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    let t = a.data_type.clone();
    let e = df("nullif", vec![a.expr, cast_plain(lit(0), &t)])?;
    r.make(e, n)
}

/// `nvl2(a, b, c)`: b where a is not null, else c.
fn nvl2(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("nvl2", &args, &[3])?;
    let n = call_name(&name.to_lowercase(), &args);
    let mut it = args.into_iter();
    let (Some(a), Some(b), Some(c)) = (it.next(), it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let t = coerce::common_type(&[&b, &c], "nvl2")?;
    let e = when(a.expr.is_not_null(), cast_plain(b.expr, &t)).otherwise(cast_plain(c.expr, &t))?;
    r.make(e, n)
}

fn type_of(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    let t = a.spark_type()?.simple_string();
    r.make(lit(t), n)
}

fn version(r: &Resolver, _name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("version", &args, &[0])?;
    let v = format!("4.3.0 ember-{}", env!("CARGO_PKG_VERSION"));
    r.make(lit(v), "version()".into())
}

/// `try_add`/`try_subtract`/`try_multiply`: NULL where integers overflow;
/// `try_divide`/`try_mod`: NULL for a zero divisor.
fn try_arith(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    use datafusion::arrow::datatypes::DataType;
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2])?;
    let n = call_name(&lname, &args);
    let op = match lname.as_str() {
        "try_add" => "+",
        "try_subtract" => "-",
        "try_multiply" => "*",
        "try_divide" => "/",
        _ => "%",
    };
    if matches!(op, "/" | "%") {
        let divisor = args[1].expr.clone();
        let value = super::resolve_call(r, op, args, false)?;
        let zero = cast_plain(lit(0), &value.data_type);
        let e = when(
            cast_plain(divisor, &value.data_type).eq(zero),
            cast_plain(lit(datafusion::common::ScalarValue::Null), &value.data_type),
        )
        .otherwise(value.expr)?;
        return r.make(e, n);
    }
    let integral = args.iter().all(|a| a.data_type.is_integer());
    if !integral {
        let value = super::resolve_call(r, op, args, false)?;
        return r.make(value.expr, n);
    }
    let t = if args
        .iter()
        .any(|a| matches!(a.data_type, DataType::Int64 | DataType::UInt64))
    {
        DataType::Int64
    } else {
        DataType::Int32
    };
    let wide = DataType::Decimal128(38, 0);
    let mut it = args.into_iter().map(|a| cast_plain(a.expr, &wide));
    let (Some(a), Some(b)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let exact = match op {
        "+" => a + b,
        "-" => a - b,
        _ => a * b,
    };
    let (lo, hi) = if t == DataType::Int64 {
        (i64::MIN as i128, i64::MAX as i128)
    } else {
        (i32::MIN as i128, i32::MAX as i128)
    };
    let bound = |v: i128| lit(datafusion::common::ScalarValue::Decimal128(Some(v), 38, 0));
    let fits = exact.clone().between(bound(lo), bound(hi));
    let e = when(fits, crate::plan::coerce::try_cast_plain(exact, &t))
        .otherwise(cast_plain(lit(datafusion::common::ScalarValue::Null), &t))?;
    r.make(e, n)
}

/// `current_catalog()`, `current_user()` (the process's user), …
fn session_value(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[0])?;
    let v = if lname == "current_catalog" {
        "spark_catalog".to_string()
    } else {
        std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "unknown".into())
    };
    r.make(lit(v), format!("{lname}()"))
}

fn is_utf8_name(c: &Resolved) -> Option<bool> {
    match &c.expr {
        DFExpr::Literal(datafusion::common::ScalarValue::Utf8(Some(s)), _) => {
            let n = s.to_lowercase().replace(['-', '_'], "");
            Some(n == "utf8")
        }
        _ => None,
    }
}

/// `encode(str, charset)` / `decode(bin, charset)`, UTF-8 only.
fn charset(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    use datafusion::arrow::datatypes::DataType;
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2])?;
    let n = call_name(&lname, &args);
    if is_utf8_name(&args[1]) != Some(true) {
        return Err(SparkError::not_implemented(&format!(
            "{lname} with a charset other than UTF-8"
        )));
    }
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    let to = if lname == "encode" {
        DataType::Binary
    } else {
        DataType::Utf8
    };
    let from = if lname == "encode" {
        DataType::Utf8
    } else {
        DataType::Binary
    };
    r.make(cast_plain(cast_plain(a.expr, &from), &to), n)
}

/// `to_binary(str[, fmt])`: fmt hex (the default), utf-8 or base64.
fn to_binary(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    use datafusion::arrow::datatypes::DataType;
    let lname = name.to_lowercase();
    arity(&lname, &args, &[1, 2])?;
    let n = call_name(&lname, &args);
    let fmt = match args.get(1).map(|f| &f.expr) {
        None => "hex".to_string(),
        Some(DFExpr::Literal(datafusion::common::ScalarValue::Utf8(Some(f)), _)) => {
            f.to_lowercase()
        }
        Some(_) => {
            return Err(SparkError::not_implemented(
                "to_binary with a non-constant format",
            ))
        }
    };
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    let s = cast_plain(a.expr, &DataType::Utf8);
    let e = match fmt.replace(['-', '_'], "").as_str() {
        "utf8" => cast_plain(s, &DataType::Binary),
        "hex" | "base64" => {
            let decoded = df("decode", vec![s, lit(fmt.as_str())])?;
            cast_plain(decoded, &DataType::Binary)
        }
        other => {
            return Err(SparkError::not_implemented(&format!(
                "to_binary format {other}"
            )))
        }
    };
    r.make(e, n)
}

/// `validate_utf8(str)`: strings are valid UTF-8 here, so the value itself.
fn validate_utf8(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    let e = super::spec::cast_arg(r, a, super::spec::Arg::Str)?;
    r.make(e, n)
}
