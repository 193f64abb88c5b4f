//! Math functions: trigonometry, logarithms, powers, rounding, `hex`.
//! Spark names some of them in upper case (`SIN(x)`), and its logarithms
//! are NULL outside their domain.

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{when, Expr as DFExpr};
use datafusion::prelude::lit;

use super::spec::{df, f, Arg::*, Imp::*, Spec};
use super::{arity, call_name, Builder};
use crate::error::{Result, SparkError};
use crate::plan::coerce::{self, cast_plain};
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const SPECS: &[Spec] = &[
    f("acos", "ACOS", &[1], &[Double], Df("acos")),
    f("acosh", "ACOSH", &[1], &[Double], Df("acosh")),
    f("asin", "ASIN", &[1], &[Double], Df("asin")),
    f("asinh", "ASINH", &[1], &[Double], Df("asinh")),
    f("atan", "ATAN", &[1], &[Double], Df("atan")),
    f("atanh", "ATANH", &[1], &[Double], Df("atanh")),
    f("atan2", "ATAN2", &[2], &[Double], Df("atan2")),
    f("cbrt", "CBRT", &[1], &[Double], Df("cbrt")),
    f("cos", "COS", &[1], &[Double], Df("cos")),
    f(
        "cosh",
        "COSH",
        &[1],
        &[Double],
        Expr(super::strict_math::cosh),
    ),
    f("cot", "COT", &[1], &[Double], Df("cot")),
    f("csc", "CSC", &[1], &[Double], Spark("csc")),
    f("sec", "SEC", &[1], &[Double], Spark("sec")),
    f("degrees", "DEGREES", &[1], &[Double], Df("degrees")),
    f("radians", "RADIANS", &[1], &[Double], Df("radians")),
    f("e", "E", &[0], &[], Expr(|_| Ok(lit(std::f64::consts::E)))),
    f(
        "pi",
        "PI",
        &[0],
        &[],
        Expr(|_| Ok(lit(std::f64::consts::PI))),
    ),
    f("exp", "EXP", &[1], &[Double], Expr(super::strict_math::exp)),
    f("expm1", "EXPM1", &[1], &[Double], Spark("expm1")),
    f("factorial", "", &[1], &[Int], Spark("factorial")),
    f("hypot", "HYPOT", &[2], &[Double], Spark("hypot")),
    f(
        "ln",
        "ln",
        &[1],
        &[Double],
        Expr(|a| positive_only("ln", a)),
    ),
    f(
        "log10",
        "LOG10",
        &[1],
        &[Double],
        Expr(|a| positive_only("log10", a)),
    ),
    f("log2", "LOG2", &[1], &[Double], Expr(log2)),
    f("pow", "pow", &[2], &[Double], Df("power")),
    f("power", "POWER", &[2], &[Double], Df("power")),
    f("rint", "rint", &[1], &[Double], Spark("rint")),
    f("signum", "SIGNUM", &[1], &[Double], Df("signum")),
    f("sign", "sign", &[1], &[Double], Df("signum")),
    f("sin", "SIN", &[1], &[Double], Df("sin")),
    f("sinh", "SINH", &[1], &[Double], Df("sinh")),
    f("tan", "TAN", &[1], &[Double], Df("tan")),
    f("tanh", "TANH", &[1], &[Double], Df("tanh")),
    f("hex", "", &[1], &[Any], Spark("hex")),
    f("unhex", "", &[1], &[Str], Spark("unhex")),
    f("pmod", "", &[2], &[Any], Spark("pmod")),
    f("negative", "", &[1], &[Any], Spark("negative")),
];

/// Functions with more to them than a spec.
pub(super) const TABLE: &[(&str, Builder)] = &[
    ("positive", positive),
    ("log", log),
    ("ceil", ceil_floor),
    ("ceiling", ceil_floor),
    ("floor", ceil_floor),
    ("round", round),
];

/// `f(x)` where x > 0, else NULL (Spark's logarithms).
fn positive_only(name: &str, mut args: Vec<DFExpr>) -> Result<DFExpr> {
    let x = args.pop().ok_or_else(|| SparkError::internal("arity"))?;
    let value = df(name, vec![x.clone()])?;
    Ok(when(x.gt(lit(0.0)), value).end()?)
}

/// `log2(x)` as Spark computes it, with fdlibm's `log`.
fn log2(mut args: Vec<DFExpr>) -> Result<DFExpr> {
    let x = args.pop().ok_or_else(|| SparkError::internal("arity"))?;
    Ok(super::strict_math::log2(x))
}

fn positive(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, _) = super::unary(name, args)?;
    let n = format!("(+ {})", a.name);
    r.make(a.expr, n)
}

/// `log(x)` (natural, named `LOG(E(), x)`) and `log(base, x)`.
fn log(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("log", &args, &[1, 2])?;
    let mut args = args;
    if args.len() == 1 {
        let e = r.make(lit(std::f64::consts::E), "E()".into())?;
        args.insert(0, e);
    }
    let n = call_name(&name.to_uppercase(), &args);
    let mut it = args.into_iter();
    let (Some(b), Some(x)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let b = cast_plain(b.expr, &DataType::Float64);
    let x = cast_plain(x.expr, &DataType::Float64);
    let value = df("log", vec![b.clone(), x.clone()])?;
    let e = when(x.gt(lit(0.0)).and(b.gt(lit(0.0))), value).end()?;
    r.make(e, n)
}

/// `ceil`/`floor`: integral values as BIGINT, decimals as DECIMAL(p-s+1, 0);
/// with a scale d, decimals as DECIMAL(p-s+d+1, d).
fn ceil_floor(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[1, 2])?;
    let up = lname != "floor";
    let n = if args.len() == 2 {
        call_name(&lname, &args)
    } else {
        let display = match lname.as_str() {
            "ceiling" => "ceiling",
            "ceil" => "CEIL",
            _ => "FLOOR",
        };
        call_name(display, &args)
    };
    let mut it = args.into_iter();
    let a = it.next().ok_or_else(|| SparkError::internal("arity"))?;
    let scale = match it.next() {
        Some(d) => Some(literal_int(&d).ok_or_else(|| {
            SparkError::not_implemented(&format!("{lname} with a non-constant scale"))
        })?),
        None => None,
    };
    let e = match (a.spark_type()?, scale) {
        (t, Some(d)) => {
            // Spark casts a non-decimal to its decimal form, then rounds at d.
            let (p, s) = match t {
                SparkType::Decimal(p, s) => (p as i64, s as i64),
                SparkType::Byte => (3, 0),
                SparkType::Short => (5, 0),
                SparkType::Integer => (10, 0),
                SparkType::Long => (20, 0),
                SparkType::Float => (14, 7),
                SparkType::Double => (30, 15),
                _ => {
                    return Err(SparkError::not_implemented(&format!(
                        "{lname} of a non-numeric with a scale"
                    )))
                }
            };
            scaled_ceil_floor(a.expr, p, s, d, up)?
        }
        (SparkType::Decimal(p, s), None) if s > 0 => {
            scaled_ceil_floor(a.expr, p as i64, s as i64, 0, up)?
        }
        (SparkType::Decimal(..), None) => a.expr,
        (t, None) => {
            let x = if t.is_numeric() {
                cast_plain(a.expr, &DataType::Float64)
            } else {
                coerce::cast(r, a, &SparkType::Double, false)?
            };
            let v = df(if up { "ceil" } else { "floor" }, vec![x])?;
            cast_plain(v, &DataType::Int64)
        }
    };
    r.make(e, n)
}

/// `ceil`/`floor` at `d` digits of a value of decimal form DECIMAL(p, s):
/// DECIMAL(p-s+d'+1, d') with d' = min(s, max(d, 0)), as Spark's RoundCeil
/// and RoundFloor.
fn scaled_ceil_floor(x: DFExpr, p: i64, s: i64, d: i64, up: bool) -> Result<DFExpr> {
    let ds = s.min(d.max(0));
    let to = coerce::bounded_decimal((p - s + ds + 1).clamp(1, 38) as i16, ds as i16).to_arrow();
    if d < 0 {
        // Rounding to tens, hundreds…: through doubles, exact for integral results.
        let step = 10f64.powi((-d) as i32);
        let f = cast_plain(x, &DataType::Float64) / lit(step);
        let v = df(if up { "ceil" } else { "floor" }, vec![f])? * lit(step);
        return Ok(cast_plain(v, &to));
    }
    if d >= s {
        // A try-cast: nullable, as Spark's result (the cast itself never fails).
        return Ok(coerce::try_cast_plain(x, &to));
    }
    // The cast rounds half up; one step back where it went the wrong way.
    let exact = cast_plain(x, &coerce::bounded_decimal(p as i16, s as i16).to_arrow());
    let rounded = cast_plain(exact.clone(), &to);
    let step = cast_plain(lit(10f64.powi(-(ds as i32))), &to);
    let wrong = if up {
        rounded.clone().lt(exact)
    } else {
        rounded.clone().gt(exact)
    };
    let fixed = if up {
        rounded.clone() + step
    } else {
        rounded.clone() - step
    };
    Ok(cast_plain(when(wrong, fixed).otherwise(rounded)?, &to))
}

/// The value of an integer literal argument.
fn literal_int(a: &Resolved) -> Option<i64> {
    match &a.expr {
        DFExpr::Literal(v, _) => match v.clone().cast_to(&DataType::Int64).ok()? {
            datafusion::common::ScalarValue::Int64(Some(i)) => Some(i),
            _ => None,
        },
        _ => None,
    }
}

/// `round(x, d)`, half up: decimals stay decimals (scale d), integers stay
/// integers.
fn round(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(&name.to_lowercase(), &args, &[1, 2])?;
    let mut args = args;
    if args.len() == 1 {
        args.push(r.literal(&crate::expr::Literal::Integer(0))?);
    }
    let n = call_name("round", &args);
    let mut it = args.into_iter();
    let (Some(x), Some(d)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let scale = literal_int(&d)
        .ok_or_else(|| SparkError::not_implemented("round with a non-constant scale"))?;
    let e = match x.spark_type()? {
        SparkType::Decimal(p, s) => {
            if scale >= s as i64 {
                x.expr
            } else {
                let scale = scale.max(0);
                let p = (p as i64 - s as i64 + scale + 1).clamp(1, 38);
                let to = coerce::bounded_decimal(p as i16, scale as i16).to_arrow();
                cast_plain(x.expr, &to)
            }
        }
        SparkType::Float | SparkType::Double => {
            let t = x.data_type.clone();
            let v = df(
                "round",
                vec![cast_plain(x.expr, &DataType::Float64), lit(scale)],
            )?;
            cast_plain(v, &t)
        }
        t if t.is_numeric() => {
            if scale >= 0 {
                x.expr
            } else {
                let t = x.data_type.clone();
                let v = df(
                    "round",
                    vec![cast_plain(x.expr, &DataType::Float64), lit(scale)],
                )?;
                cast_plain(v, &t)
            }
        }
        _ => {
            let x = coerce::cast(r, x, &SparkType::Double, false)?;
            df("round", vec![x, lit(scale)])?
        }
    };
    r.make(e, n)
}
