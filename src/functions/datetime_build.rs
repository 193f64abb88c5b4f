//! Builders of the date and time functions with Spark's patterns, time
//! zones and calendar: formatting and parsing (`date_format`, `to_date`,
//! `to_timestamp`, `unix_timestamp`, …), construction (`make_date`,
//! `make_timestamp`, …), truncation, fields (`extract`, `date_part`, …),
//! zone conversions and unit arithmetic (`timestampadd`, `timestampdiff`).

use datafusion::arrow::datatypes::{DataType, IntervalUnit};
use datafusion::common::ScalarValue;
use datafusion::logical_expr::Expr as DFExpr;
use datafusion::prelude::lit;

use super::datetime_udf::{call, Kind, Out};
use super::datetime_zone::MICROS_PER_DAY;
use super::spec::spark;
use super::{arity, call_name, Builder};
use crate::error::{ErrorKind, Result, SparkError};
use crate::plan::coerce::{self, cast_plain};
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("date_format", date_format),
    ("from_unixtime", from_unixtime),
    ("to_date", to_date),
    ("try_to_date", to_date),
    ("to_timestamp", to_timestamp),
    ("to_timestamp_ltz", to_timestamp),
    ("try_to_timestamp", to_timestamp),
    ("to_timestamp_ntz", to_timestamp),
    ("unix_timestamp", unix_timestamp),
    ("to_unix_timestamp", unix_timestamp),
    ("last_day", date_fn),
    ("next_day", date_fn),
    ("trunc", date_fn),
    ("dayofweek", date_fn),
    ("weekofyear", date_fn),
    ("weekday", date_fn),
    ("dayname", date_fn),
    ("monthname", date_fn),
    ("months_between", months_between),
    ("date_trunc", date_trunc),
    ("make_date", make_date),
    ("make_timestamp", make_timestamp),
    ("make_timestamp_ltz", make_timestamp),
    ("make_timestamp_ntz", make_timestamp),
    ("try_make_timestamp", make_timestamp),
    ("try_make_timestamp_ltz", make_timestamp),
    ("try_make_timestamp_ntz", make_timestamp),
    ("current_date", current),
    ("curdate", current),
    ("current_timestamp", current),
    ("now", current),
    ("localtimestamp", current),
    ("current_timezone", current),
    ("date_from_unix_date", epoch_fn),
    ("unix_date", epoch_fn),
    ("unix_micros", epoch_fn),
    ("unix_millis", epoch_fn),
    ("unix_seconds", epoch_fn),
    ("timestamp_seconds", epoch_fn),
    ("timestamp_millis", epoch_fn),
    ("timestamp_micros", epoch_fn),
    ("from_utc_timestamp", utc_shift),
    ("to_utc_timestamp", utc_shift),
    ("date_part", date_part),
    ("datepart", date_part),
    ("extract", date_part),
    ("timestampadd", timestamp_add),
    ("timestamp_add", timestamp_add),
    ("timestampdiff", timestamp_diff),
    ("timestamp_diff", timestamp_diff),
    ("convert_timezone", convert_timezone),
    ("make_interval", make_interval),
    ("make_dt_interval", make_interval),
    ("make_ym_interval", make_interval),
    ("try_make_interval", make_interval),
];

const DEFAULT_FORMAT: &str = "yyyy-MM-dd HH:mm:ss";

fn tz(r: &Resolver) -> String {
    r.settings.time_zone.clone()
}

fn ts_type() -> DataType {
    SparkType::Timestamp.to_arrow()
}

fn ntz_type() -> DataType {
    SparkType::TimestampNtz.to_arrow()
}

fn i64_of(e: DFExpr) -> DFExpr {
    cast_plain(e, &DataType::Int64)
}

pub(super) fn mismatch(fname: &str, a: &Resolved, pos: &str, want: &str) -> Result<SparkError> {
    Ok(SparkError::datatype_mismatch(
        "UNEXPECTED_INPUT_TYPE",
        &format!("{fname}({})", a.name),
        format!(
            "The {pos} parameter requires the {want} type, however \"{}\" has the type \"{}\".",
            a.name,
            a.spark_type()?.sql_name()
        ),
    ))
}

/// A timestamp-like operand as microseconds and the zone its local time
/// is read in: TIMESTAMP (and dates and strings, cast) in the session
/// zone, TIMESTAMP_NTZ as is.
fn instant(r: &Resolver, fname: &str, a: Resolved) -> Result<(DFExpr, String)> {
    let zone = tz(r);
    let e = match a.spark_type()? {
        SparkType::Timestamp => i64_of(a.expr),
        SparkType::TimestampNtz => return Ok((i64_of(a.expr), "UTC".into())),
        SparkType::Date => call(
            Kind::FromLocal { tz: zone.clone() },
            vec![i64_of(cast_plain(a.expr, &DataType::Int32)) * lit(MICROS_PER_DAY)],
        ),
        SparkType::Null => cast_plain(a.expr, &DataType::Int64),
        t if t.is_string() => call(
            Kind::Cast {
                tz: zone.clone(),
                out: Out::Ts,
                fail: r.settings.ansi,
            },
            vec![a.expr],
        ),
        _ => return Err(mismatch(fname, &a, "first", "\"TIMESTAMP\"")?),
    };
    Ok((e, zone))
}

/// A date operand as days since the epoch.
fn days(r: &Resolver, fname: &str, a: Resolved) -> Result<DFExpr> {
    Ok(match a.spark_type()? {
        SparkType::Date | SparkType::Null => cast_plain(a.expr, &DataType::Int32),
        SparkType::Timestamp | SparkType::TimestampNtz => {
            let (e, zone) = instant(r, fname, a)?;
            let local = call(Kind::ToLocal { tz: zone }, vec![e]);
            cast_plain(
                cast_plain(cast_plain(local, &ntz_type()), &DataType::Date32),
                &DataType::Int32,
            )
        }
        t if t.is_string() => call(
            Kind::Cast {
                tz: tz(r),
                out: Out::Date,
                fail: r.settings.ansi,
            },
            vec![a.expr],
        ),
        _ => return Err(mismatch(fname, &a, "first", "\"DATE\"")?),
    })
}

fn str_arg(r: &Resolver, a: Resolved) -> Result<DFExpr> {
    super::spec::cast_arg(r, a, super::spec::Arg::Str)
}

fn take<const N: usize>(args: Vec<Resolved>) -> Result<[Resolved; N]> {
    args.try_into().map_err(|_| SparkError::internal("arity"))
}

/// The value of a string literal argument.
fn literal_str(a: &Resolved) -> Option<String> {
    match &a.expr {
        DFExpr::Literal(ScalarValue::Utf8(Some(s)) | ScalarValue::LargeUtf8(Some(s)), _) => {
            Some(s.clone())
        }
        _ => None,
    }
}

fn string_lit(r: &Resolver, s: &str) -> Result<Resolved> {
    r.literal(&crate::expr::Literal::String(s.to_string()))
}

fn date_format(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("date_format", &args, &[2])?;
    let n = call_name(&name.to_lowercase(), &args);
    let [a, p] = take(args)?;
    let (e, zone) = instant(r, "date_format", a)?;
    let p = str_arg(r, p)?;
    r.make(call(Kind::Format { tz: zone }, vec![e, p]), n)
}

fn from_unixtime(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    arity("from_unixtime", &args, &[1, 2])?;
    if args.len() == 1 {
        args.push(string_lit(r, DEFAULT_FORMAT)?);
    }
    let n = call_name(&name.to_lowercase(), &args);
    let [s, p] = take(args)?;
    let secs = coerce::cast(r, s, &SparkType::Long, r.settings.ansi)?;
    let p = str_arg(r, p)?;
    let e = call(
        Kind::Format { tz: tz(r) },
        vec![secs * lit(1_000_000i64), p],
    );
    r.make(e, n)
}

/// What `to_date`/`to_timestamp…` produce and the function a failure
/// suggests (None: NULL instead).
fn parse_target(r: &Resolver, lname: &str) -> (Out, Option<String>) {
    let (out, try_fn) = match lname {
        "to_date" => (Out::Date, Some("try_to_date")),
        "try_to_date" => (Out::Date, None),
        "try_to_timestamp" => (Out::Ts, None),
        "to_timestamp_ntz" => (Out::Ntz, Some("try_to_timestamp")),
        _ => (Out::Ts, Some("try_to_timestamp")),
    };
    let suggest = if r.settings.ansi { try_fn } else { None };
    (out, suggest.map(str::to_string))
}

fn out_type(out: Out) -> DataType {
    match out {
        Out::Date => DataType::Date32,
        Out::Ntz => ntz_type(),
        Out::Ts => ts_type(),
        Out::Seconds => DataType::Int64,
    }
}

fn to_date(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[1, 2])?;
    to_target(r, &lname, args)
}

fn to_timestamp(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[1, 2])?;
    to_target(r, &lname, args)
}

/// `to_date`, `to_timestamp`, … of a string (with or without a pattern),
/// or of a date or timestamp (the pattern ignored).
fn to_target(r: &Resolver, lname: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let n = call_name(lname, &args);
    let (out, suggest) = parse_target(r, lname);
    let mut it = args.into_iter();
    let a = it.next().ok_or_else(|| SparkError::internal("arity"))?;
    let pattern = it.next();
    let t = a.spark_type()?;
    let zone = tz(r);
    let e = if t.is_string() {
        let raw = match pattern {
            Some(p) => {
                let p = str_arg(r, p)?;
                call(
                    Kind::Parse {
                        tz: zone,
                        out,
                        suggest,
                    },
                    vec![a.expr, p],
                )
            }
            None => call(
                Kind::Cast {
                    tz: zone,
                    out,
                    fail: suggest.is_some(),
                },
                vec![a.expr],
            ),
        };
        cast_plain(raw, &out_type(out))
    } else {
        match (out, &t) {
            (Out::Date, _) => cast_plain(days(r, lname, a)?, &DataType::Date32),
            (Out::Ntz, SparkType::Timestamp) => cast_plain(
                call(Kind::ToLocal { tz: zone }, vec![i64_of(a.expr)]),
                &ntz_type(),
            ),
            (Out::Ntz, SparkType::Date) => cast_plain(
                i64_of(cast_plain(a.expr, &DataType::Int32)) * lit(MICROS_PER_DAY),
                &ntz_type(),
            ),
            (_, SparkType::TimestampNtz) => cast_plain(
                call(Kind::FromLocal { tz: zone }, vec![i64_of(a.expr)]),
                &ts_type(),
            ),
            (_, SparkType::Timestamp | SparkType::Date | SparkType::Null) => {
                let (e, _) = instant(r, lname, a)?;
                cast_plain(e, &out_type(out))
            }
            (Out::Ts, t) if t.is_numeric() => coerce::cast(r, a, &SparkType::Timestamp, false)?,
            _ => {
                return Err(mismatch(
                    lname,
                    &a,
                    "first",
                    "(\"STRING\" or \"DATE\" or \"TIMESTAMP\" or \"TIMESTAMP_NTZ\")",
                )?)
            }
        }
    };
    r.make(e, n)
}

fn unix_timestamp(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let allowed: &[usize] = if lname == "unix_timestamp" {
        &[0, 1, 2]
    } else {
        &[1, 2]
    };
    arity(&lname, &args, allowed)?;
    if args.is_empty() {
        args.push(current(r, "current_timestamp", vec![])?);
    }
    if args.len() == 1 {
        args.push(string_lit(r, DEFAULT_FORMAT)?);
    }
    let n = call_name(&lname, &args);
    let [a, p] = take(args)?;
    let e = match a.spark_type()? {
        t if t.is_string() => {
            let suggest = r.settings.ansi.then(|| "try_to_timestamp".to_string());
            let p = str_arg(r, p)?;
            call(
                Kind::Parse {
                    tz: tz(r),
                    out: Out::Seconds,
                    suggest,
                },
                vec![a.expr, p],
            )
        }
        SparkType::TimestampNtz => floor_div(i64_of(a.expr), 1_000_000),
        _ => {
            let (e, _) = instant(r, &lname, a)?;
            floor_div(e, 1_000_000)
        }
    };
    r.make(e, n)
}

/// Division rounding toward negative infinity.
fn floor_div(e: DFExpr, d: i64) -> DFExpr {
    let f = datafusion::functions::math::expr_fn::floor(
        cast_plain(e, &DataType::Float64) / lit(d as f64),
    );
    cast_plain(f, &DataType::Int64)
}

/// Functions of a date: `last_day`, `next_day`, `trunc`, `dayofweek`, …
fn date_fn(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let two = matches!(lname.as_str(), "next_day" | "trunc");
    arity(&lname, &args, if two { &[2] } else { &[1] })?;
    let n = call_name(&lname, &args);
    let mut it = args.into_iter();
    let a = it.next().ok_or_else(|| SparkError::internal("arity"))?;
    let d = days(r, &lname, a)?;
    let second = match it.next() {
        Some(b) => Some(str_arg(r, b)?),
        None => None,
    };
    let to_date = |e: DFExpr| cast_plain(e, &DataType::Date32);
    let part = |field: &str| {
        call(
            Kind::Part {
                field: field.into(),
                tz: "UTC".into(),
            },
            vec![i64_of(d.clone()) * lit(MICROS_PER_DAY)],
        )
    };
    let e = match (lname.as_str(), second) {
        ("last_day", _) => to_date(call(Kind::LastDay, vec![d])),
        ("next_day", Some(s)) => to_date(call(
            Kind::NextDay {
                fail: r.settings.ansi,
            },
            vec![d, s],
        )),
        ("trunc", Some(s)) => to_date(call(Kind::TruncDate, vec![d, s])),
        ("dayofweek", _) => part("DAYOFWEEK"),
        ("weekofyear", _) => part("WEEK"),
        ("weekday", _) => part("WEEKDAY"),
        ("dayname", _) => call(Kind::DayName, vec![d]),
        ("monthname", _) => call(Kind::MonthName, vec![d]),
        _ => return Err(SparkError::internal(format!("date function {lname}"))),
    };
    r.make(e, n)
}

fn months_between(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    arity("months_between", &args, &[2, 3])?;
    if args.len() == 2 {
        args.push(r.literal(&crate::expr::Literal::Boolean(true))?);
    }
    let n = call_name(&name.to_lowercase(), &args);
    let [a, b, round] = take(args)?;
    let (ea, zone) = instant(r, "months_between", a)?;
    let (eb, _) = instant(r, "months_between", b)?;
    let round = cast_plain(round.expr, &DataType::Boolean);
    r.make(
        call(Kind::MonthsBetween { tz: zone }, vec![ea, eb, round]),
        n,
    )
}

fn date_trunc(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("date_trunc", &args, &[2])?;
    let n = call_name(&name.to_lowercase(), &args);
    let [unit, a] = take(args)?;
    let unit = str_arg(r, unit)?;
    let (e, zone) = instant(r, "date_trunc", a)?;
    let e = cast_plain(call(Kind::TruncTs { tz: zone }, vec![unit, e]), &ts_type());
    r.make(e, n)
}

fn int_arg(r: &Resolver, a: Resolved) -> Result<DFExpr> {
    super::spec::cast_arg(r, a, super::spec::Arg::Int)
}

fn make_date(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("make_date", &args, &[3])?;
    let n = call_name(&name.to_lowercase(), &args);
    let mut exprs = vec![];
    for a in args {
        exprs.push(int_arg(r, a)?);
    }
    let e = call(
        Kind::MakeDate {
            fail: r.settings.ansi,
        },
        exprs,
    );
    r.make(cast_plain(e, &DataType::Date32), n)
}

fn make_timestamp(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let base = lname.trim_start_matches("try_");
    let fail = r.settings.ansi && base == lname;
    let ntz = base == "make_timestamp_ntz";
    if matches!(args.len(), 2 | 3) && base != "make_timestamp_ltz" {
        return super::time_type::make_timestamp_of(r, &lname, ntz, fail, args);
    }
    arity(&lname, &args, if ntz { &[6] } else { &[6, 7] })?;
    let n = call_name(&lname, &args);
    let mut exprs = vec![];
    for (i, a) in args.into_iter().enumerate() {
        exprs.push(match i {
            5 => super::spec::cast_arg(r, a, super::spec::Arg::Double)?,
            6 => str_arg(r, a)?,
            _ => int_arg(r, a)?,
        });
    }
    let kind = Kind::MakeTs {
        tz: tz(r),
        ntz,
        fail,
    };
    let to = if ntz { ntz_type() } else { ts_type() };
    r.make(cast_plain(call(kind, exprs), &to), n)
}

/// `current_date()`, `current_timestamp()`, `now()`, `localtimestamp()`,
/// `current_timezone()`: the query's start in the session zone.
fn current(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[0])?;
    let now = cast_plain(datafusion::functions::datetime::expr_fn::now(), &ts_type());
    let local = || call(Kind::ToLocal { tz: tz(r) }, vec![i64_of(now.clone())]);
    let (e, shown) = match lname.as_str() {
        "current_date" | "curdate" => (
            cast_plain(cast_plain(local(), &ntz_type()), &DataType::Date32),
            "current_date",
        ),
        "localtimestamp" => (cast_plain(local(), &ntz_type()), "localtimestamp"),
        "current_timezone" => (lit(tz(r)), "current_timezone"),
        "now" => (now.clone(), "now"),
        _ => (now.clone(), "current_timestamp"),
    };
    r.make(e, format!("{shown}()"))
}

/// Conversions between dates or timestamps and counts since the epoch.
fn epoch_fn(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (a, n) = super::unary(&lname, args)?;
    let t = a.spark_type()?;
    let timestamp_in = |a: Resolved| -> Result<DFExpr> {
        match a.spark_type()? {
            SparkType::Timestamp => Ok(i64_of(a.expr)),
            SparkType::Null => Ok(cast_plain(a.expr, &DataType::Int64)),
            _ => Err(mismatch(&lname, &a, "first", "\"TIMESTAMP\"")?),
        }
    };
    let long_in = |a: Resolved| -> Result<DFExpr> {
        if !(a.spark_type()?.is_integral() || matches!(a.data_type, DataType::Null)) {
            return Err(mismatch(&lname, &a, "first", "\"BIGINT\"")?);
        }
        Ok(i64_of(a.expr))
    };
    let e = match lname.as_str() {
        "date_from_unix_date" => {
            let v = super::spec::cast_arg(r, a, super::spec::Arg::Int)?;
            cast_plain(v, &DataType::Date32)
        }
        "unix_date" => {
            if !matches!(t, SparkType::Date | SparkType::Null) {
                return Err(mismatch(&lname, &a, "first", "\"DATE\"")?);
            }
            cast_plain(a.expr, &DataType::Int32)
        }
        "unix_micros" => timestamp_in(a)?,
        "unix_millis" => floor_div(timestamp_in(a)?, 1000),
        "unix_seconds" => floor_div(timestamp_in(a)?, 1_000_000),
        "timestamp_micros" => cast_plain(long_in(a)?, &ts_type()),
        "timestamp_millis" => cast_plain(long_in(a)? * lit(1000i64), &ts_type()),
        _ => {
            if !(t.is_numeric() || matches!(t, SparkType::Null)) {
                return Err(mismatch(&lname, &a, "first", "\"NUMERIC\"")?);
            }
            coerce::cast(r, a, &SparkType::Timestamp, false)?
        }
    };
    r.make(e, n)
}

fn utc_shift(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2])?;
    let n = call_name(&lname, &args);
    let [a, z] = take(args)?;
    let (e, _) = instant(r, &lname, a)?;
    let z = str_arg(r, z)?;
    let kind = if lname == "from_utc_timestamp" {
        Kind::FromUtc
    } else {
        Kind::ToUtc
    };
    r.make(cast_plain(call(kind, vec![e, z]), &ts_type()), n)
}

/// A field of a date or timestamp operand as an int (`year`, `hour`, …):
/// timestamps are read in the session time zone.
pub(super) fn field_of(r: &Resolver, fname: &str, a: Resolved, field: &str) -> Result<DFExpr> {
    let time = matches!(field, "HOUR" | "MINUTE" | "SECOND_OF_MINUTE");
    let (e, zone) = if time {
        instant(r, fname, a)?
    } else {
        let d = days(r, fname, a)?;
        (i64_of(d) * lit(MICROS_PER_DAY), "UTC".to_string())
    };
    let kind = Kind::Part {
        field: field.into(),
        tz: zone,
    };
    Ok(call(kind, vec![e]))
}

/// Spark's names of the fields `extract` takes.
fn extract_field(f: &str) -> Option<&'static str> {
    Some(match f.to_uppercase().as_str() {
        "YEAR" | "Y" | "YEARS" | "YR" | "YRS" => "YEAR",
        "YEAROFWEEK" => "YEAROFWEEK",
        "QUARTER" | "QTR" => "QUARTER",
        "MONTH" | "MON" | "MONS" | "MONTHS" => "MONTH",
        "WEEK" | "W" | "WEEKS" => "WEEK",
        "DAY" | "D" | "DAYS" | "DAYOFMONTH" => "DAY",
        "DAYOFWEEK" | "DOW" => "DAYOFWEEK",
        "DAYOFWEEK_ISO" | "DOW_ISO" => "DAYOFWEEK_ISO",
        "DOY" => "DOY",
        "HOUR" | "H" | "HOURS" | "HR" | "HRS" => "HOUR",
        "MINUTE" | "M" | "MIN" | "MINS" | "MINUTES" => "MINUTE",
        "SECOND" | "S" | "SEC" | "SECONDS" | "SECS" => "SECOND",
        _ => return None,
    })
}

fn date_part(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2])?;
    let [f, src] = take(args)?;
    let n = if lname == "date_part" {
        format!("date_part({}, {})", f.name, src.name)
    } else {
        format!("{lname}({} FROM {})", f.name, src.name)
    };
    let Some(text) = literal_str(&f) else {
        return Err(SparkError::not_implemented(&format!(
            "{lname} with a field that is not a string literal"
        )));
    };
    let t = src.spark_type()?;
    let Some(field) = extract_field(&text) else {
        return Err(SparkError::new(
            ErrorKind::Analysis,
            "INVALID_EXTRACT_FIELD",
            "42601",
            format!(
                "Cannot extract {} from \"{}\".",
                crate::error::quote_ident(&text),
                src.name
            ),
            &[
                ("field", crate::error::quote_ident(&text)),
                ("expr", format!("\"{}\"", src.name)),
            ],
        ));
    };
    let time_field = matches!(field, "HOUR" | "MINUTE" | "SECOND");
    let (e, zone) = match t {
        SparkType::Date if !time_field => {
            let d = days(r, &lname, src)?;
            (i64_of(d) * lit(MICROS_PER_DAY), "UTC".to_string())
        }
        SparkType::DayTimeInterval(..)
        | SparkType::YearMonthInterval(..)
        | SparkType::CalendarInterval => {
            return Err(SparkError::not_implemented(&format!(
                "{lname} of an interval"
            )))
        }
        _ => instant(r, &lname, src)?,
    };
    r.make(
        call(
            Kind::Part {
                field: field.into(),
                tz: zone,
            },
            vec![e],
        ),
        n,
    )
}

const UNITS: &[&str] = &[
    "YEAR",
    "QUARTER",
    "MONTH",
    "WEEK",
    "DAY",
    "DAYOFYEAR",
    "HOUR",
    "MINUTE",
    "SECOND",
    "MILLISECOND",
    "MICROSECOND",
];

fn unit_of(fname: &str, a: &Resolved) -> Result<String> {
    let text = literal_str(a).unwrap_or_else(|| a.name.clone());
    let u = text.to_uppercase();
    if UNITS.contains(&u.as_str()) {
        return Ok(u);
    }
    Err(SparkError::new(
        ErrorKind::Analysis,
        "INVALID_PARAMETER_VALUE.DATETIME_UNIT",
        "22023",
        format!(
            "The value of parameter(s) `unit` in `{fname}` is invalid: expects one of the units without quotes YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal '{text}'."
        ),
        &[
            ("functionName", format!("`{fname}`")),
            ("parameter", "`unit`".into()),
            ("invalidValue", format!("'{text}'")),
        ],
    ))
}

pub(super) fn timestamp_add(r: &Resolver, _name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("timestampadd", &args, &[3])?;
    let n = call_name("timestampadd", &args);
    let [u, q, a] = take(args)?;
    let unit = unit_of("timestampadd", &u)?;
    let q = super::spec::cast_arg(r, q, super::spec::Arg::Long)?;
    let ntz = matches!(a.spark_type()?, SparkType::TimestampNtz);
    let (e, zone) = instant(r, "timestampadd", a)?;
    let e = call(Kind::TsAdd { unit, tz: zone }, vec![q, e]);
    let to = if ntz { ntz_type() } else { ts_type() };
    r.make(cast_plain(e, &to), n)
}

pub(super) fn timestamp_diff(r: &Resolver, _name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("timestampdiff", &args, &[3])?;
    let n = call_name("timestampdiff", &args);
    let [u, a, b] = take(args)?;
    let unit = unit_of("timestampdiff", &u)?;
    let (ea, zone) = instant(r, "timestampdiff", a)?;
    let (eb, _) = instant(r, "timestampdiff", b)?;
    r.make(call(Kind::TsDiff { unit, tz: zone }, vec![ea, eb]), n)
}

fn convert_timezone(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    arity("convert_timezone", &args, &[2, 3])?;
    if args.len() == 2 {
        args.insert(0, current(r, "current_timezone", vec![])?);
    }
    let n = call_name(&name.to_lowercase(), &args);
    let [s, d, a] = take(args)?;
    let local = match a.spark_type()? {
        SparkType::TimestampNtz => i64_of(a.expr),
        SparkType::Null => cast_plain(a.expr, &DataType::Int64),
        _ => {
            let (e, zone) = instant(r, "convert_timezone", a)?;
            call(Kind::ToLocal { tz: zone }, vec![e])
        }
    };
    let (s, d) = (str_arg(r, s)?, str_arg(r, d)?);
    let e = call(Kind::ConvertTz, vec![s, d, local]);
    r.make(cast_plain(e, &ntz_type()), n)
}

/// `make_interval` (a calendar interval), `make_dt_interval` (day to
/// second), `make_ym_interval` (year to month); left-out trailing
/// arguments are 0.
fn make_interval(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let max = match lname.as_str() {
        "make_interval" | "try_make_interval" => 7,
        "make_dt_interval" => 4,
        _ => 2,
    };
    arity(&lname, &args, &(0..=max).collect::<Vec<_>>())?;
    while args.len() < max {
        let zero = if args.len() == max - 1 && lname != "make_ym_interval" {
            crate::expr::Literal::Decimal(0, 1, 0)
        } else {
            crate::expr::Literal::Integer(0)
        };
        args.push(r.literal(&zero)?);
    }
    let n = call_name(&lname, &args);
    let mut exprs = vec![];
    for (i, a) in args.into_iter().enumerate() {
        let kind = if i == max - 1 && lname != "make_ym_interval" {
            super::spec::Arg::Double
        } else {
            super::spec::Arg::Int
        };
        exprs.push(super::spec::cast_arg(r, a, kind)?);
    }
    let e = match lname.as_str() {
        "make_ym_interval" => {
            let mut it = exprs.into_iter();
            let (Some(y), Some(m)) = (it.next(), it.next()) else {
                return Err(SparkError::internal("arity"));
            };
            let months = y * lit(12i32) + m;
            cast_plain(months, &DataType::Interval(IntervalUnit::YearMonth))
        }
        f => spark(f.trim_start_matches("try_"), exprs)?,
    };
    r.make(e, n)
}
