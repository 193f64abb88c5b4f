//! Time windows (`window`, `window_time`, `session_window`), `time_bucket`
//! and the partition transforms (`years`, `months`, `days`, `hours`,
//! `bucket`), which compute nothing outside `partitionedBy`.

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Result as DFResult, ScalarValue};
use datafusion::functions::core::expr_fn::{get_field, named_struct};
use datafusion::logical_expr::{
    ColumnarValue, Expr as DFExpr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};
use datafusion::prelude::lit;

use super::{arity, call_name, Builder};
use crate::error::{ErrorKind, Result, SparkError};
use crate::plan::coerce::cast_plain;
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("window", window),
    ("window_time", window_time),
    ("session_window", session_window),
    ("time_bucket", time_bucket),
    ("years", transform),
    ("months", transform),
    ("days", transform),
    ("hours", transform),
    ("bucket", transform),
];

/// A duration as `window` reads it (`'10 minutes'`, `'1 day 12 hours'`), in
/// microseconds.
pub fn duration_micros(text: &str) -> Result<i64> {
    let invalid = || {
        SparkError::illegal_argument(format!(
            "The provided interval ({text}) did not correspond to a valid interval string."
        ))
    };
    let t = text.trim().to_lowercase();
    let t = t.strip_prefix("interval").unwrap_or(&t).trim().to_string();
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || !words.len().is_multiple_of(2) {
        return Err(invalid());
    }
    let mut total: i64 = 0;
    for pair in words.chunks(2) {
        let n: i64 = pair[0].parse().map_err(|_| invalid())?;
        let unit = pair[1].trim_end_matches('s');
        let per = match unit {
            "week" => 7 * 86_400_000_000,
            "day" => 86_400_000_000,
            "hour" => 3_600_000_000,
            "minute" => 60_000_000,
            "second" => 1_000_000,
            "millisecond" => 1000,
            "microsecond" => 1,
            "month" | "year" => {
                return Err(SparkError::illegal_argument(format!(
                    "Intervals greater than a month is not supported ({text})."
                )))
            }
            _ => return Err(invalid()),
        };
        total = n
            .checked_mul(per)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(invalid)?;
    }
    Ok(total)
}

fn literal_text(fname: &str, a: &Resolved) -> Result<String> {
    match &a.expr {
        DFExpr::Literal(ScalarValue::Utf8(Some(s)), _)
        | DFExpr::Literal(ScalarValue::LargeUtf8(Some(s)), _)
        | DFExpr::Literal(ScalarValue::Utf8View(Some(s)), _) => Ok(s.clone()),
        _ => Err(SparkError::not_implemented(&format!(
            "{fname} with a duration that is not a string literal"
        ))),
    }
}

/// The time column as microseconds and the type of the window's bounds.
fn time_column(r: &Resolver, fname: &str, a: Resolved) -> Result<(DFExpr, SparkType)> {
    let t = a.spark_type()?;
    match t {
        SparkType::Timestamp | SparkType::TimestampNtz => {
            Ok((cast_plain(a.expr, &DataType::Int64), t))
        }
        SparkType::Null | SparkType::Date => {
            let e = crate::plan::coerce::cast(r, a, &SparkType::Timestamp, false)?;
            Ok((cast_plain(e, &DataType::Int64), SparkType::Timestamp))
        }
        t if t.is_string() => {
            let e = crate::plan::coerce::cast(r, a, &SparkType::Timestamp, r.settings.ansi)?;
            Ok((cast_plain(e, &DataType::Int64), SparkType::Timestamp))
        }
        _ => Err(SparkError::datatype_mismatch(
            "UNEXPECTED_INPUT_TYPE",
            &format!("{fname}({})", a.name),
            format!(
                "The first parameter requires the (\"TIMESTAMP\" or \"TIMESTAMP_NTZ\") type, however \"{}\" has the type \"{}\".",
                a.name,
                t.sql_name()
            ),
        )),
    }
}

fn bounds(start: DFExpr, end: DFExpr, t: &SparkType) -> DFExpr {
    let to = t.to_arrow();
    named_struct(vec![
        lit("start"),
        cast_plain(start, &to),
        lit("end"),
        cast_plain(end, &to),
    ])
}

/// `window(time, windowDuration[, slideDuration[, startTime]])`: the
/// tumbling window a time falls into, as `struct<start, end>`.
fn window(r: &Resolver, _name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("window", &args, &[2, 3, 4])?;
    let mut it = args.into_iter();
    let (Some(ts), Some(w)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let width = duration_micros(&literal_text("window", &w)?)?;
    let slide = match it.next() {
        Some(s) => duration_micros(&literal_text("window", &s)?)?,
        None => width,
    };
    let start = match it.next() {
        Some(s) => duration_micros(&literal_text("window", &s)?)?,
        None => 0,
    };
    let shown = format!("window({}, {width}, {slide}, {start})", ts.name);
    if width <= 0 || slide <= 0 {
        let (what, v) = if width <= 0 {
            ("window_duration", width)
        } else {
            ("slide_duration", slide)
        };
        return Err(SparkError::datatype_mismatch(
            "VALUE_OUT_OF_RANGE",
            &shown,
            format!(
                "The `{what}` must be between (0, 9223372036854775807] (current value = {v}L)."
            ),
        ));
    }
    if slide > width {
        return Err(SparkError::datatype_mismatch(
            "PARAMETER_CONSTRAINT_VIOLATION",
            &shown,
            format!("The `slide_duration`({slide}L) must be <= the `window_duration`({width}L)."),
        ));
    }
    if slide != width {
        return Err(SparkError::not_implemented(
            "window with a slide duration other than the window duration (sliding windows)",
        ));
    }
    let (t, ty) = time_column(r, "window", ts)?;
    let w = lit(width);
    let offset = t.clone() - lit(start);
    let lo = t - (offset % w.clone() + w.clone()) % w.clone();
    let hi = lo.clone() + w;
    let mut out = r.make(bounds(lo, hi, &ty), "window".to_string())?;
    out.alias = Some("window".into());
    Ok(out)
}

/// `window_time(window)`: the window's end less one microsecond.
fn window_time(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    let SparkType::Struct(fields) = a.spark_type()? else {
        return Err(not_a_window(&n));
    };
    let end = fields.iter().find(|f| f.name == "end");
    let Some(ty @ (SparkType::Timestamp | SparkType::TimestampNtz)) = end.map(|f| &f.data_type)
    else {
        return Err(not_a_window(&n));
    };
    let micros = cast_plain(get_field(a.expr, "end"), &DataType::Int64) - lit(1i64);
    r.make(cast_plain(micros, &ty.to_arrow()), n)
}

fn not_a_window(shown: &str) -> SparkError {
    SparkError::new(
        ErrorKind::Analysis,
        "_LEGACY_ERROR_TEMP_3050",
        "",
        format!("The input is not a correct window column: {shown}"),
        &[],
    )
}

fn session_window(_r: &Resolver, _name: &str, _args: Vec<Resolved>) -> Result<Resolved> {
    Err(SparkError::not_implemented("session_window"))
}

/// `time_bucket(size, ts[, origin])` for a day-time interval size: the
/// start of the bucket `ts` falls into, counted from `origin` (the epoch).
fn time_bucket(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    arity("time_bucket", &args, &[2, 3])?;
    let lname = name.to_lowercase();
    let ty = args[1].spark_type()?;
    if !matches!(ty, SparkType::Timestamp | SparkType::TimestampNtz) {
        return Err(SparkError::not_implemented(&format!(
            "time_bucket of {}",
            ty.sql_name()
        )));
    }
    if args.len() == 2 {
        let origin = match ty {
            SparkType::Timestamp => crate::expr::Literal::Timestamp(0),
            _ => crate::expr::Literal::TimestampNtz(0),
        };
        args.push(r.literal(&origin)?);
    }
    let n = call_name(&lname, &args);
    let mut it = args.into_iter();
    let (Some(size), Some(ts), Some(origin)) = (it.next(), it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let size = match (&size.expr, size.spark_type()?) {
        (DFExpr::Literal(ScalarValue::DurationMicrosecond(Some(us)), _), _) if *us > 0 => *us,
        _ => {
            return Err(SparkError::not_implemented(
                "time_bucket with a size that is not a positive day-time interval literal",
            ))
        }
    };
    if size >= 86_400_000_000 && ty == SparkType::Timestamp && r.settings.time_zone != "UTC" {
        return Err(SparkError::not_implemented(
            "time_bucket of a TIMESTAMP by whole days outside UTC",
        ));
    }
    let t = cast_plain(ts.expr, &DataType::Int64);
    let o = cast_plain(origin.expr, &DataType::Int64);
    let s = lit(size);
    let off = t.clone() - o;
    let lo = t - (off % s.clone() + s.clone()) % s;
    r.make(cast_plain(lo, &ty.to_arrow()), n)
}

/// The partition transforms: typed as Spark types them, failing when
/// computed, as outside `DataFrameWriterV2.partitionedBy` they must.
fn transform(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (n, arg) = if lname == "bucket" {
        arity("bucket", &args, &[2])?;
        (call_name("bucket", &args), args.into_iter().nth(1))
    } else {
        let (a, n) = super::unary(&lname, args)?;
        (n, Some(a))
    };
    let arg = arg.ok_or_else(|| SparkError::internal("arity"))?;
    let udf = ScalarUDF::new_from_impl(Transform {
        name: lname.clone(),
        signature: Signature::any(1, Volatility::Volatile),
    });
    r.make(udf.call(vec![arg.expr]), n)
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct Transform {
    name: String,
    signature: Signature,
}

impl ScalarUDFImpl for Transform {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _args: &[DataType]) -> DFResult<DataType> {
        Ok(DataType::Int32)
    }

    fn invoke_with_args(&self, _args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        let e = SparkError::new(
            ErrorKind::SparkRuntime,
            "PARTITION_TRANSFORM_EXPRESSION_NOT_IN_PARTITIONED_BY",
            "42S23",
            format!(
                "The expression \"{}(boundreference())\" must be inside 'partitionedBy'.",
                self.name
            ),
            &[("expression", format!("\"{}(boundreference())\"", self.name))],
        );
        Err(crate::error::to_df_error(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_spark_reads_them() {
        assert_eq!(duration_micros("5 seconds").ok(), Some(5_000_000));
        assert_eq!(
            duration_micros("1 day 12 hours").ok(),
            Some(36 * 3_600_000_000)
        );
        assert!(duration_micros("1 month").is_err());
        assert!(duration_micros("five").is_err());
    }
}
