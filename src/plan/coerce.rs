//! Spark's implicit type coercion and casts (ANSI mode aware).

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::Expr as DFExpr;

use super::resolve::{Resolved, Resolver};
use crate::error::{ErrorKind, Result, SparkError};
use crate::functions::udfs;
use crate::types::SparkType;

pub fn cast_plain(expr: DFExpr, to: &DataType) -> DFExpr {
    DFExpr::Cast(datafusion::logical_expr::Cast::new(
        Box::new(expr),
        to.clone(),
    ))
}

pub fn try_cast_plain(expr: DFExpr, to: &DataType) -> DFExpr {
    DFExpr::TryCast(datafusion::logical_expr::TryCast::new(
        Box::new(expr),
        to.clone(),
    ))
}

/// Casts `r` to `to` with Spark's semantics: under ANSI a malformed or
/// overflowing value raises, otherwise it becomes NULL.
pub fn cast(resolver: &Resolver, r: Resolved, to: &SparkType, ansi: bool) -> Result<DFExpr> {
    let target = to.to_arrow();
    if r.data_type == target {
        return Ok(r.expr);
    }
    if let Some(e) = crate::functions::variant::cast_expr(&r, to, !ansi)? {
        return Ok(e);
    }
    let from = r.spark_type()?;
    if matches!(to, SparkType::Time) || matches!(from, SparkType::Time) && !to.is_string() {
        if let Some(e) = crate::functions::cast_time(resolver, &r, &from, to, ansi)? {
            return Ok(e);
        }
    }
    if to.is_string() {
        return Ok(udfs::to_spark_string(
            r.expr,
            resolver.settings.time_zone.clone(),
        ));
    }
    if matches!(from, SparkType::Null) {
        return Ok(cast_plain(r.expr, &target));
    }
    check_castable(&from, to).map_err(|mut e| {
        let shown = r.output_name();
        e.message = e.message.replacen(
            "Cannot resolve due",
            &format!("Cannot resolve \"{shown}\" due"),
            1,
        );
        e.params.push(("sqlExpr".into(), format!("\"{shown}\"")));
        e
    })?;
    if let Some(e) = timestamp_seconds(&r, &from, to, &target) {
        return Ok(e);
    }
    if from.is_string() {
        if let Some(e) = crate::functions::cast_text_to_datetime(
            r.expr.clone(),
            resolver.settings.time_zone.clone(),
            to,
            ansi,
        ) {
            // The kernel gives micros or days as integers.
            let raw = if *to == SparkType::Date {
                cast_plain(e, &DataType::Int32)
            } else {
                e
            };
            return Ok(cast_plain(raw, &target));
        }
    }
    let needs_check = from.is_string() || (from.is_numeric() && to.is_numeric());
    if !needs_check {
        return Ok(cast_plain(r.expr, &target));
    }
    let source = if from.is_string() {
        DFExpr::ScalarFunction(datafusion::logical_expr::expr::ScalarFunction::new_udf(
            datafusion::functions::string::btrim(),
            vec![r.expr.clone()],
        ))
    } else {
        r.expr.clone()
    };
    let attempted = try_cast_plain(source, &target);
    if ansi {
        Ok(udfs::cast_check(
            r.expr,
            attempted,
            from.sql_name(),
            to.sql_name(),
        ))
    } else {
        Ok(attempted)
    }
}

/// Spark counts seconds when casting between numbers and timestamps.
fn timestamp_seconds(
    r: &Resolved,
    from: &SparkType,
    to: &SparkType,
    target: &DataType,
) -> Option<DFExpr> {
    use datafusion::common::ScalarValue;
    let micros = |v: f64| DFExpr::Literal(ScalarValue::Float64(Some(v)), None);
    match (from, to) {
        (f, SparkType::Timestamp) if f.is_numeric() => {
            let scaled = cast_plain(r.expr.clone(), &DataType::Float64) * micros(1e6);
            Some(cast_plain(cast_plain(scaled, &DataType::Int64), target))
        }
        (SparkType::Timestamp, t) if t.is_numeric() => {
            let us = cast_plain(r.expr.clone(), &DataType::Int64);
            let secs = if t.is_integral() {
                let div = DFExpr::Literal(ScalarValue::Int64(Some(1_000_000)), None);
                // floor division, as Spark does for instants before the epoch
                datafusion::functions::math::expr_fn::floor(
                    cast_plain(us, &DataType::Float64) / cast_plain(div, &DataType::Float64),
                )
            } else {
                cast_plain(us, &DataType::Float64) / micros(1e6)
            };
            Some(cast_plain(secs, target))
        }
        _ => None,
    }
}

fn check_castable(from: &SparkType, to: &SparkType) -> Result<()> {
    use SparkType as T;
    let ok = match (from, to) {
        (T::Null, _) => true,
        (a, b) if a == b => true,
        (_, b) if b.is_string() => true,
        (a, b) if a.is_string() => !matches!(b, T::Array(..) | T::Map(..) | T::Struct(_)),
        (a, b) if a.is_numeric() && b.is_numeric() => true,
        (T::Boolean, b) | (b, T::Boolean) if b.is_numeric() => true,
        (T::Date, T::Timestamp | T::TimestampNtz)
        | (T::Timestamp | T::TimestampNtz, T::Date | T::Timestamp | T::TimestampNtz) => true,
        (T::Timestamp, b) | (b, T::Timestamp) if b.is_numeric() => true,
        (T::Array(a, _), T::Array(b, _)) => check_castable(a, b).is_ok(),
        (T::Map(k1, v1, _), T::Map(k2, v2, _)) => {
            check_castable(k1, k2).is_ok() && check_castable(v1, v2).is_ok()
        }
        (T::Struct(a), T::Struct(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(x, y)| check_castable(&x.data_type, &y.data_type).is_ok())
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(SparkError::new(
            ErrorKind::Analysis,
            "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
            "42K09",
            format!(
                "Cannot resolve due to data type mismatch: cannot cast \"{}\" to \"{}\".",
                from.sql_name(),
                to.sql_name()
            ),
            &[
                ("srcType", format!("\"{}\"", from.sql_name())),
                ("targetType", format!("\"{}\"", to.sql_name())),
            ],
        ))
    }
}

/// An implicit conversion to `to`: strings go through Spark's cast (so a
/// malformed value raises under ANSI), other types through a plain cast.
pub fn implicit(resolver: &Resolver, r: Resolved, to: &DataType) -> Result<DFExpr> {
    if &r.data_type == to {
        return Ok(r.expr);
    }
    if r.spark_type()?.is_string() {
        let target = SparkType::from_arrow(to)?;
        if !target.is_string() {
            return cast(resolver, r, &target, resolver.settings.ansi);
        }
    }
    Ok(cast_plain(r.expr, to))
}

/// Requires a boolean (or NULL) operand.
pub fn to_boolean(resolver: &Resolver, r: Resolved, context: &str) -> Result<Resolved> {
    match r.data_type {
        DataType::Boolean => Ok(r),
        DataType::Null => {
            let e = cast_plain(r.expr, &DataType::Boolean);
            resolver.make(e, r.name)
        }
        _ => Err(SparkError::datatype_mismatch(
            "UNEXPECTED_INPUT_TYPE",
            &r.name,
            format!(
                "{context} requires the \"BOOLEAN\" type, however \"{}\" has the type \"{}\".",
                r.name,
                r.spark_type()?.sql_name()
            ),
        )),
    }
}

/// The numeric type two numeric types widen to.
pub fn wider_numeric(a: &SparkType, b: &SparkType) -> SparkType {
    use SparkType as T;
    let rank = |t: &SparkType| match t {
        T::Byte => 1,
        T::Short => 2,
        T::Integer => 3,
        T::Long => 4,
        T::Float => 6,
        T::Double => 7,
        _ => 5,
    };
    match (a, b) {
        (T::Decimal(..), _) | (_, T::Decimal(..)) if !a.is_fractional() && !b.is_fractional() => {
            let (p1, s1) = a.decimal_bounds().unwrap_or((38, 18));
            let (p2, s2) = b.decimal_bounds().unwrap_or((38, 18));
            let scale = s1.max(s2);
            let range = (p1 as i16 - s1 as i16).max(p2 as i16 - s2 as i16);
            bounded_decimal(range + scale as i16, scale as i16)
        }
        _ => {
            if rank(a) >= rank(b) {
                a.clone()
            } else {
                b.clone()
            }
        }
    }
}

/// A decimal type, adjusted as Spark does when the precision exceeds 38.
pub fn bounded_decimal(precision: i16, scale: i16) -> SparkType {
    if precision <= 38 {
        return SparkType::Decimal(precision.max(1) as u8, scale as i8);
    }
    let int_digits = precision - scale;
    let min_scale = scale.min(6);
    let adjusted = (38 - int_digits).max(min_scale);
    SparkType::Decimal(38, adjusted as i8)
}

/// The common type of several values (CASE branches, coalesce, array).
pub fn common_type(values: &[&Resolved], context: &str) -> Result<DataType> {
    let mut acc: Option<SparkType> = None;
    for v in values {
        let t = v.spark_type()?;
        if matches!(t, SparkType::Null) {
            continue;
        }
        acc = Some(match acc {
            None => t,
            Some(a) => widen(&a, &t).ok_or_else(|| {
                SparkError::datatype_mismatch(
                    "DATA_DIFF_TYPES",
                    context,
                    format!(
                        "Input to `{}` should all be the same type, but it's [\"{}\", \"{}\"].",
                        context.to_lowercase(),
                        a.sql_name(),
                        t.sql_name()
                    ),
                )
            })?,
        });
    }
    Ok(acc.unwrap_or(SparkType::Null).to_arrow())
}

/// Spark's (ANSI) widening of two types, if any.
pub fn widen(a: &SparkType, b: &SparkType) -> Option<SparkType> {
    use SparkType as T;
    if a == b {
        return Some(a.clone());
    }
    match (a, b) {
        (T::Null, x) | (x, T::Null) => Some(x.clone()),
        (x, y) if x.is_numeric() && y.is_numeric() => Some(wider_numeric(x, y)),
        (s, n) | (n, s) if s.is_string() && n.is_numeric() => Some(match n {
            t if t.is_integral() => T::Long,
            _ => T::Double,
        }),
        (s, t) | (t, s) if s.is_string() && t.is_string() => Some(T::String),
        (s, d @ (T::Date | T::Timestamp | T::TimestampNtz))
        | (d @ (T::Date | T::Timestamp | T::TimestampNtz), s)
            if s.is_string() =>
        {
            Some(d.clone())
        }
        (T::Date, T::Timestamp) | (T::Timestamp, T::Date) => Some(T::Timestamp),
        (T::Date, T::TimestampNtz) | (T::TimestampNtz, T::Date) => Some(T::TimestampNtz),
        (T::Timestamp, T::TimestampNtz) | (T::TimestampNtz, T::Timestamp) => Some(T::Timestamp),
        (T::Array(x, n1), T::Array(y, n2)) => Some(T::Array(Box::new(widen(x, y)?), *n1 || *n2)),
        (T::Map(k1, v1, n1), T::Map(k2, v2, n2)) => Some(T::Map(
            Box::new(widen(k1, k2)?),
            Box::new(widen(v1, v2)?),
            *n1 || *n2,
        )),
        _ => None,
    }
}

/// Casts both sides of a comparison to a common type, Spark's way.
pub fn comparison_operands(
    resolver: &Resolver,
    l: Resolved,
    r: Resolved,
    op_name: &str,
) -> Result<(DFExpr, DFExpr)> {
    let (lt, rt) = (l.spark_type()?, r.spark_type()?);
    let target = widen(&lt, &rt).ok_or_else(|| {
        SparkError::datatype_mismatch(
            "BINARY_OP_DIFF_TYPES",
            &format!("({} {op_name} {})", l.name, r.name),
            format!(
                "the left and right operands of the binary operator have incompatible types (\"{}\" and \"{}\").",
                lt.sql_name(),
                rt.sql_name()
            ),
        )
    })?;
    let ansi = resolver.settings.ansi;
    let conv = |x: Resolved, t: &SparkType| -> Result<DFExpr> {
        if x.spark_type()? == *t {
            Ok(x.expr)
        } else if x.spark_type()?.is_string() {
            cast(resolver, x, t, ansi)
        } else {
            Ok(cast_plain(x.expr, &t.to_arrow()))
        }
    };
    Ok((conv(l, &target)?, conv(r, &target)?))
}
