//! Row-wise kernels of the date and time functions that need Spark's
//! calendar and time-zone semantics. Timestamps cross into these kernels as
//! microseconds (`Int64`: an instant for TIMESTAMP, a local date-time for
//! TIMESTAMP_NTZ, which the builders pass with zone `UTC`) and dates as
//! days since the epoch (`Int32`).

use std::sync::Arc;

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, Timelike};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Decimal128Builder, Float64Array, Int32Array,
    Int64Array, StringArray, StringBuilder,
};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Float64Type, Int32Type, Int64Type};
use datafusion::common::Result as DFResult;
use datafusion::logical_expr::{
    ColumnarValue, Expr as DFExpr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};

use super::datetime_format::{self as pat, day_name, month_name, Moment, Tok};
use super::datetime_zone::{
    self as zone, date_of, days_of, local_micros, local_of, Zone, MICROS_PER_DAY,
};
use crate::error::{to_df_error, ErrorKind, SparkError};

/// What a parse produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Out {
    /// An instant (TIMESTAMP), in microseconds.
    Ts,
    /// A local date-time (TIMESTAMP_NTZ), in microseconds.
    Ntz,
    /// Days since the epoch.
    Date,
    /// Whole seconds since the epoch (`unix_timestamp`).
    Seconds,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Kind {
    /// (instant, pattern) → string.
    Format {
        tz: String,
    },
    /// (text, pattern) → `out`; a failure raises CANNOT_PARSE_TIMESTAMP
    /// suggesting `suggest`, or is NULL when `suggest` is None.
    Parse {
        tz: String,
        out: Out,
        suggest: Option<String>,
    },
    /// (text) → `out` by Spark's cast; raises when `fail`.
    Cast {
        tz: String,
        out: Out,
        fail: bool,
    },
    /// (instant) → local date-time in `tz`, or back.
    ToLocal {
        tz: String,
    },
    FromLocal {
        tz: String,
    },
    /// (instant, zone) → `from_utc_timestamp` / `to_utc_timestamp`.
    FromUtc,
    ToUtc,
    /// (source zone, target zone, local date-time) → local date-time.
    ConvertTz,
    /// (year, month, day) → date.
    MakeDate {
        fail: bool,
    },
    /// (year, month, day, hour, min, sec[, zone]) → instant or local.
    MakeTs {
        tz: String,
        ntz: bool,
        fail: bool,
    },
    /// (unit, instant) → instant, truncated in `tz`.
    TruncTs {
        tz: String,
    },
    /// (date, unit) → date.
    TruncDate,
    /// (instant, instant, round) → double.
    MonthsBetween {
        tz: String,
    },
    /// (date, day of week) → date.
    NextDay {
        fail: bool,
    },
    LastDay,
    /// (instant) → a field of its local date-time.
    Part {
        field: String,
        tz: String,
    },
    /// (quantity, instant) → instant.
    TsAdd {
        unit: String,
        tz: String,
    },
    /// (instant, instant) → whole units between.
    TsDiff {
        unit: String,
        tz: String,
    },
    /// (date) → name.
    DayName,
    MonthName,
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct DtUdf {
    kind: Kind,
    name: String,
    signature: Signature,
}

/// The kernel `kind` called on `args`.
pub fn call(kind: Kind, args: Vec<DFExpr>) -> DFExpr {
    let udf = ScalarUDF::new_from_impl(DtUdf {
        name: format!("spark_dt_{}", kind_name(&kind)),
        signature: Signature::any(args.len(), Volatility::Immutable),
        kind,
    });
    udf.call(args)
}

fn kind_name(k: &Kind) -> &'static str {
    match k {
        Kind::Format { .. } => "format",
        Kind::Parse { .. } => "parse",
        Kind::Cast { .. } => "cast",
        Kind::ToLocal { .. } => "to_local",
        Kind::FromLocal { .. } => "from_local",
        Kind::FromUtc => "from_utc",
        Kind::ToUtc => "to_utc",
        Kind::ConvertTz => "convert_tz",
        Kind::MakeDate { .. } => "make_date",
        Kind::MakeTs { .. } => "make_ts",
        Kind::TruncTs { .. } => "trunc_ts",
        Kind::TruncDate => "trunc_date",
        Kind::MonthsBetween { .. } => "months_between",
        Kind::NextDay { .. } => "next_day",
        Kind::LastDay => "last_day",
        Kind::Part { .. } => "part",
        Kind::TsAdd { .. } => "ts_add",
        Kind::TsDiff { .. } => "ts_diff",
        Kind::DayName => "dayname",
        Kind::MonthName => "monthname",
    }
}

fn out_type(out: Out) -> DataType {
    match out {
        Out::Date => DataType::Int32,
        _ => DataType::Int64,
    }
}

impl ScalarUDFImpl for DtUdf {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _args: &[DataType]) -> DFResult<DataType> {
        Ok(match &self.kind {
            Kind::Format { .. } | Kind::DayName | Kind::MonthName => DataType::Utf8,
            Kind::Parse { out, .. } | Kind::Cast { out, .. } => out_type(*out),
            Kind::MakeDate { .. } | Kind::TruncDate | Kind::NextDay { .. } | Kind::LastDay => {
                DataType::Int32
            }
            Kind::MonthsBetween { .. } => DataType::Float64,
            Kind::Part { field, .. } if field == "SECOND" => DataType::Decimal128(8, 6),
            Kind::Part { .. } => DataType::Int32,
            _ => DataType::Int64,
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        let n = args.number_rows;
        let all_scalar = args
            .args
            .iter()
            .all(|a| matches!(a, ColumnarValue::Scalar(_)));
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let rows = if all_scalar { 1 } else { n };
        let out = self.eval(&arrays, rows).map_err(to_df_error)?;
        if all_scalar {
            Ok(ColumnarValue::Scalar(
                datafusion::common::ScalarValue::try_from_array(&out, 0)?,
            ))
        } else {
            Ok(ColumnarValue::Array(out))
        }
    }
}

type R<T> = Result<T, SparkError>;

fn arrow_err(e: datafusion::arrow::error::ArrowError) -> SparkError {
    SparkError::internal(e.to_string())
}

fn i64s(a: &ArrayRef) -> R<Int64Array> {
    Ok(cast(a, &DataType::Int64)
        .map_err(arrow_err)?
        .as_primitive::<Int64Type>()
        .clone())
}

fn i32s(a: &ArrayRef) -> R<Int32Array> {
    Ok(cast(a, &DataType::Int32)
        .map_err(arrow_err)?
        .as_primitive::<Int32Type>()
        .clone())
}

fn f64s(a: &ArrayRef) -> R<Float64Array> {
    Ok(cast(a, &DataType::Float64)
        .map_err(arrow_err)?
        .as_primitive::<Float64Type>()
        .clone())
}

fn strs(a: &ArrayRef) -> R<StringArray> {
    Ok(cast(a, &DataType::Utf8)
        .map_err(arrow_err)?
        .as_string::<i32>()
        .clone())
}

fn bools(a: &ArrayRef) -> R<BooleanArray> {
    Ok(cast(a, &DataType::Boolean)
        .map_err(arrow_err)?
        .as_boolean()
        .clone())
}

fn arg(a: &[ArrayRef], i: usize) -> R<&ArrayRef> {
    a.get(i).ok_or_else(|| SparkError::internal("arity"))
}

fn get<A: Array>(a: &A, i: usize) -> Option<usize> {
    // Arrays of one row (scalars) serve every row.
    let j = if a.len() == 1 { 0 } else { i };
    a.is_valid(j).then_some(j)
}

fn session(tz: &str) -> R<Zone> {
    Zone::parse_or_err(tz)
}

/// A compiled pattern, kept while the pattern repeats.
#[derive(Default)]
struct PatternCache(Option<(String, Vec<Tok>)>, bool);

impl PatternCache {
    fn parsing() -> Self {
        PatternCache(None, true)
    }

    fn get(&mut self, p: &str) -> R<&[Tok]> {
        if self.0.as_ref().is_none_or(|(q, _)| q != p) {
            let toks = if self.1 {
                pat::compile_for_parse(p)?
            } else {
                pat::compile(p)?
            };
            self.0 = Some((p.to_string(), toks));
        }
        Ok(self.0.as_ref().map(|(_, t)| t.as_slice()).unwrap_or(&[]))
    }
}

fn out_of_range() -> SparkError {
    SparkError::new(
        ErrorKind::Arithmetic,
        "DATETIME_OVERFLOW",
        "22008",
        "Datetime operation overflow.",
        &[],
    )
}

fn local(z: &Zone, micros: i64) -> R<NaiveDateTime> {
    z.to_local(micros).ok_or_else(out_of_range)
}

pub fn field_out_of_bounds(message: &str) -> SparkError {
    SparkError::new(
        ErrorKind::DateTime,
        "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION",
        "22023",
        format!("{message}. "),
        &[("rangeMessage", message.to_string())],
    )
}

fn cannot_parse(text: &str, e: &pat::ParseError, suggest: &str) -> SparkError {
    let message = e.message(text);
    SparkError::new(
        ErrorKind::DateTime,
        "CANNOT_PARSE_TIMESTAMP",
        "22007",
        format!(
            "{message}. Use `{suggest}` to tolerate invalid input string and return NULL instead."
        ),
        &[
            ("message", message.clone()),
            ("func", format!("`{suggest}`")),
        ],
    )
}

fn cast_error(text: &str, out: Out) -> SparkError {
    let to = match out {
        Out::Date => "DATE",
        Out::Ntz => "TIMESTAMP_NTZ",
        _ => "TIMESTAMP",
    };
    SparkError::cast_invalid_input(text, "STRING", to, ErrorKind::DateTime)
}

/// A parsed local date-time as `out`.
fn finish(local: &NaiveDateTime, zone: Option<&Zone>, session: &Zone, out: Out) -> i64 {
    match out {
        Out::Ntz => local_micros(local),
        Out::Date => days_of(&local.date()) as i64,
        Out::Ts => zone.unwrap_or(session).to_utc_micros(local),
        Out::Seconds => zone
            .unwrap_or(session)
            .to_utc_micros(local)
            .div_euclid(1_000_000),
    }
}

fn build_out(out: Out, values: Vec<Option<i64>>) -> ArrayRef {
    match out {
        Out::Date => Arc::new(Int32Array::from(
            values
                .into_iter()
                .map(|v| v.map(|d| d as i32))
                .collect::<Vec<_>>(),
        )),
        _ => Arc::new(Int64Array::from(values)),
    }
}

fn i64_out(values: Vec<Option<i64>>) -> ArrayRef {
    Arc::new(Int64Array::from(values))
}

fn i32_out(values: Vec<Option<i32>>) -> ArrayRef {
    Arc::new(Int32Array::from(values))
}

/// Local date-time plus months, the day clamped to the month's end.
fn plus_months(l: &NaiveDateTime, months: i64) -> R<NaiveDateTime> {
    let r = if months >= 0 {
        l.checked_add_months(Months::new(months as u32))
    } else {
        l.checked_sub_months(Months::new(months.unsigned_abs() as u32))
    };
    r.ok_or_else(out_of_range)
}

fn last_day_of(d: &NaiveDate) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(d.year(), d.month(), 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

/// Spark's day-of-week names for `next_day`: Monday is 0.
fn day_of_week(s: &str) -> Option<u32> {
    let u = s.trim().to_uppercase();
    let names = [
        ("MO", "MON", "MONDAY"),
        ("TU", "TUE", "TUESDAY"),
        ("WE", "WED", "WEDNESDAY"),
        ("TH", "THU", "THURSDAY"),
        ("FR", "FRI", "FRIDAY"),
        ("SA", "SAT", "SATURDAY"),
        ("SU", "SUN", "SUNDAY"),
    ];
    names
        .iter()
        .position(|(a, b, c)| u == *a || u == *b || u == *c)
        .map(|i| i as u32)
}

/// Truncates a local date-time to a unit of `date_trunc`/`trunc`; None for
/// an unknown unit.
pub fn trunc_local(l: &NaiveDateTime, unit: &str) -> Option<NaiveDateTime> {
    let d = l.date();
    let day = |d: NaiveDate| d.and_hms_opt(0, 0, 0);
    match unit.to_uppercase().as_str() {
        "YEAR" | "YYYY" | "YY" => day(NaiveDate::from_ymd_opt(d.year(), 1, 1)?),
        "QUARTER" => day(NaiveDate::from_ymd_opt(
            d.year(),
            (d.month() - 1) / 3 * 3 + 1,
            1,
        )?),
        "MONTH" | "MM" | "MON" => day(NaiveDate::from_ymd_opt(d.year(), d.month(), 1)?),
        "WEEK" => day(d - Duration::days(d.weekday().num_days_from_monday() as i64)),
        "DAY" | "DD" => day(d),
        "HOUR" => d.and_hms_opt(l.hour(), 0, 0),
        "MINUTE" => d.and_hms_opt(l.hour(), l.minute(), 0),
        "SECOND" => d.and_hms_opt(l.hour(), l.minute(), l.second()),
        "MILLISECOND" => d.and_hms_micro_opt(
            l.hour(),
            l.minute(),
            l.second(),
            l.nanosecond() / 1_000_000 * 1000,
        ),
        "MICROSECOND" => Some(*l),
        _ => None,
    }
}

/// A field of a local date-time, as `extract` gives it (seconds in
/// microseconds).
fn part(l: &NaiveDateTime, field: &str) -> i64 {
    let d = l.date();
    (match field {
        "YEAR" => d.year(),
        "YEAROFWEEK" => d.iso_week().year(),
        "QUARTER" => (d.month() as i32 - 1) / 3 + 1,
        "MONTH" => d.month() as i32,
        "WEEK" => d.iso_week().week() as i32,
        "DAY" => d.day() as i32,
        "DAYOFWEEK" => d.weekday().number_from_sunday() as i32,
        "DAYOFWEEK_ISO" => d.weekday().number_from_monday() as i32,
        "WEEKDAY" => d.weekday().num_days_from_monday() as i32,
        "DOY" => d.ordinal() as i32,
        "HOUR" => l.hour() as i32,
        "MINUTE" => l.minute() as i32,
        "SECOND" => {
            return l.second() as i64 * 1_000_000 + (l.nanosecond() / 1000) as i64;
        }
        "SECOND_OF_MINUTE" => l.second() as i32,
        _ => 0,
    }) as i64
}

/// Whole months from `a` to `b` (local date-times), as Java counts them.
fn months_until(a: &NaiveDateTime, b: &NaiveDateTime) -> i64 {
    let ma = a.year() as i64 * 12 + a.month0() as i64;
    let mb = b.year() as i64 * 12 + b.month0() as i64;
    let mut m = mb - ma;
    let key = |x: &NaiveDateTime| (x.day(), x.time());
    if m > 0 && key(b) < key(a) {
        m -= 1;
    } else if m < 0 && key(b) > key(a) {
        m += 1;
    }
    m
}

fn unit_micros(unit: &str) -> Option<i64> {
    Some(match unit {
        "MICROSECOND" => 1,
        "MILLISECOND" => 1000,
        "SECOND" => 1_000_000,
        "MINUTE" => 60_000_000,
        "HOUR" => 3_600_000_000,
        _ => return None,
    })
}

impl DtUdf {
    fn eval(&self, a: &[ArrayRef], rows: usize) -> R<ArrayRef> {
        match &self.kind {
            Kind::Format { tz } => {
                let z = session(tz)?;
                let ts = i64s(arg(a, 0)?)?;
                let p = strs(arg(a, 1)?)?;
                let mut cache = PatternCache::default();
                let mut b = StringBuilder::with_capacity(rows, rows * 16);
                for i in 0..rows {
                    let (Some(x), Some(y)) = (get(&ts, i), get(&p, i)) else {
                        b.append_null();
                        continue;
                    };
                    let toks = cache.get(p.value(y))?;
                    let micros = ts.value(x);
                    let utc = local_of(micros).ok_or_else(out_of_range)?;
                    let m = Moment {
                        local: local(&z, micros)?,
                        utc,
                        zone: &z,
                    };
                    b.append_value(pat::format(toks, &m)?);
                }
                Ok(Arc::new(b.finish()))
            }
            Kind::Parse { tz, out, suggest } => {
                let z = session(tz)?;
                let s = strs(arg(a, 0)?)?;
                let p = strs(arg(a, 1)?)?;
                let mut cache = PatternCache::parsing();
                let mut values = Vec::with_capacity(rows);
                for i in 0..rows {
                    let (Some(x), Some(y)) = (get(&s, i), get(&p, i)) else {
                        values.push(None);
                        continue;
                    };
                    let toks = cache.get(p.value(y))?;
                    let text = s.value(x);
                    match pat::parse(toks, text) {
                        Ok(parsed) => {
                            values.push(Some(finish(&parsed.local, parsed.zone.as_ref(), &z, *out)))
                        }
                        Err(e) => match suggest {
                            Some(f) => return Err(cannot_parse(text, &e, f)),
                            None => values.push(None),
                        },
                    }
                }
                Ok(build_out(*out, values))
            }
            Kind::Cast { tz, out, fail } => {
                let z = session(tz)?;
                let s = strs(arg(a, 0)?)?;
                let mut values = Vec::with_capacity(rows);
                for i in 0..rows {
                    let Some(x) = get(&s, i) else {
                        values.push(None);
                        continue;
                    };
                    let text = s.value(x);
                    let v = match out {
                        Out::Date => zone::cast_to_date(text).map(|d| d as i64),
                        Out::Ntz => zone::cast_to_timestamp_ntz(text),
                        _ => zone::cast_to_timestamp(text, &z),
                    };
                    if v.is_none() && *fail {
                        return Err(cast_error(text.trim(), *out));
                    }
                    values.push(v);
                }
                Ok(build_out(*out, values))
            }
            Kind::ToLocal { tz } | Kind::FromLocal { tz } => {
                let z = session(tz)?;
                let to_local = matches!(self.kind, Kind::ToLocal { .. });
                let ts = i64s(arg(a, 0)?)?;
                let mut values = Vec::with_capacity(rows);
                for i in 0..rows {
                    let Some(x) = get(&ts, i) else {
                        values.push(None);
                        continue;
                    };
                    let v = ts.value(x);
                    values.push(Some(if to_local {
                        local_micros(&local(&z, v)?)
                    } else {
                        z.to_utc_micros(&local_of(v).ok_or_else(out_of_range)?)
                    }));
                }
                Ok(i64_out(values))
            }
            Kind::FromUtc | Kind::ToUtc => {
                let from = matches!(self.kind, Kind::FromUtc);
                let ts = i64s(arg(a, 0)?)?;
                let tzs = strs(arg(a, 1)?)?;
                let mut values = Vec::with_capacity(rows);
                for i in 0..rows {
                    let (Some(x), Some(y)) = (get(&ts, i), get(&tzs, i)) else {
                        values.push(None);
                        continue;
                    };
                    let z = Zone::parse_or_err(tzs.value(y))?;
                    let v = ts.value(x);
                    values.push(Some(if from {
                        local_micros(&local(&z, v)?)
                    } else {
                        z.to_utc_micros(&local_of(v).ok_or_else(out_of_range)?)
                    }));
                }
                Ok(i64_out(values))
            }
            Kind::ConvertTz => {
                let src = strs(arg(a, 0)?)?;
                let dst = strs(arg(a, 1)?)?;
                let ts = i64s(arg(a, 2)?)?;
                let mut values = Vec::with_capacity(rows);
                for i in 0..rows {
                    let (Some(x), Some(y), Some(k)) = (get(&src, i), get(&dst, i), get(&ts, i))
                    else {
                        values.push(None);
                        continue;
                    };
                    let s = Zone::parse_or_err(src.value(x))?;
                    let d = Zone::parse_or_err(dst.value(y))?;
                    let l = local_of(ts.value(k)).ok_or_else(out_of_range)?;
                    values.push(Some(local_micros(&local(&d, s.to_utc_micros(&l))?)));
                }
                Ok(i64_out(values))
            }
            Kind::MakeDate { fail } => {
                let (y, m, d) = (i32s(arg(a, 0)?)?, i32s(arg(a, 1)?)?, i32s(arg(a, 2)?)?);
                let mut values = Vec::with_capacity(rows);
                for i in 0..rows {
                    let (Some(p), Some(q), Some(r)) = (get(&y, i), get(&m, i), get(&d, i)) else {
                        values.push(None);
                        continue;
                    };
                    match make_date(y.value(p), m.value(q), d.value(r)) {
                        Ok(date) => values.push(Some(days_of(&date))),
                        Err(e) if *fail => return Err(field_out_of_bounds(&e)),
                        Err(_) => values.push(None),
                    }
                }
                Ok(i32_out(values))
            }
            Kind::MakeTs { tz, ntz, fail } => {
                let z = session(tz)?;
                let ints: Vec<Int32Array> =
                    (0..5).map(|k| arg(a, k).and_then(i32s)).collect::<R<_>>()?;
                let secs = f64s(arg(a, 5)?)?;
                let zones = match a.get(6) {
                    Some(t) => Some(strs(t)?),
                    None => None,
                };
                let mut values = Vec::with_capacity(rows);
                'rows: for i in 0..rows {
                    let mut v = [0i32; 5];
                    for (k, arr) in ints.iter().enumerate() {
                        let Some(j) = get(arr, i) else {
                            values.push(None);
                            continue 'rows;
                        };
                        v[k] = arr.value(j);
                    }
                    let Some(j) = get(&secs, i) else {
                        values.push(None);
                        continue;
                    };
                    let row_zone = match &zones {
                        Some(zs) => match get(zs, i) {
                            Some(k) => Some(Zone::parse_or_err(zs.value(k))?),
                            None => {
                                values.push(None);
                                continue;
                            }
                        },
                        None => None,
                    };
                    match make_local(v, secs.value(j)) {
                        Ok(l) => values.push(Some(if *ntz {
                            local_micros(&l)
                        } else {
                            row_zone.as_ref().unwrap_or(&z).to_utc_micros(&l)
                        })),
                        Err(e) if *fail => return Err(e),
                        Err(_) => values.push(None),
                    }
                }
                Ok(i64_out(values))
            }
            Kind::TruncTs { tz } => {
                let z = session(tz)?;
                let units = strs(arg(a, 0)?)?;
                let ts = i64s(arg(a, 1)?)?;
                let mut values = Vec::with_capacity(rows);
                for i in 0..rows {
                    let (Some(x), Some(y)) = (get(&units, i), get(&ts, i)) else {
                        values.push(None);
                        continue;
                    };
                    let l = local(&z, ts.value(y))?;
                    values.push(trunc_local(&l, units.value(x)).map(|t| z.to_utc_micros(&t)));
                }
                Ok(i64_out(values))
            }
            Kind::TruncDate => {
                let days = i32s(arg(a, 0)?)?;
                let units = strs(arg(a, 1)?)?;
                let mut values = Vec::with_capacity(rows);
                for i in 0..rows {
                    let (Some(x), Some(y)) = (get(&days, i), get(&units, i)) else {
                        values.push(None);
                        continue;
                    };
                    let unit = units.value(y).to_uppercase();
                    let ok = matches!(
                        unit.as_str(),
                        "YEAR" | "YYYY" | "YY" | "QUARTER" | "MONTH" | "MM" | "MON" | "WEEK"
                    );
                    let d = date_of(days.value(x)).ok_or_else(out_of_range)?;
                    let t = d
                        .and_hms_opt(0, 0, 0)
                        .and_then(|l| trunc_local(&l, &unit))
                        .filter(|_| ok);
                    values.push(t.map(|t| days_of(&t.date())));
                }
                Ok(i32_out(values))
            }
            Kind::MonthsBetween { tz } => {
                let z = session(tz)?;
                let (t1, t2) = (i64s(arg(a, 0)?)?, i64s(arg(a, 1)?)?);
                let round = bools(arg(a, 2)?)?;
                let mut values = Vec::with_capacity(rows);
                for i in 0..rows {
                    let (Some(x), Some(y), Some(r)) = (get(&t1, i), get(&t2, i), get(&round, i))
                    else {
                        values.push(None);
                        continue;
                    };
                    let (l1, l2) = (local(&z, t1.value(x))?, local(&z, t2.value(y))?);
                    values.push(Some(months_between(&l1, &l2, round.value(r))));
                }
                Ok(Arc::new(Float64Array::from(values)))
            }
            Kind::NextDay { fail } => {
                let days = i32s(arg(a, 0)?)?;
                let names = strs(arg(a, 1)?)?;
                let mut values = Vec::with_capacity(rows);
                for i in 0..rows {
                    let (Some(x), Some(y)) = (get(&days, i), get(&names, i)) else {
                        values.push(None);
                        continue;
                    };
                    let Some(dow) = day_of_week(names.value(y)) else {
                        if *fail {
                            return Err(illegal_day_of_week(names.value(y)));
                        }
                        values.push(None);
                        continue;
                    };
                    let d = date_of(days.value(x)).ok_or_else(out_of_range)?;
                    let cur = d.weekday().num_days_from_monday();
                    let ahead = (dow + 7 - cur - 1) % 7 + 1;
                    values.push(Some(days.value(x) + ahead as i32));
                }
                Ok(i32_out(values))
            }
            Kind::LastDay | Kind::DayName | Kind::MonthName => {
                let days = i32s(arg(a, 0)?)?;
                let dates = (0..rows).map(|i| get(&days, i).and_then(|x| date_of(days.value(x))));
                Ok(match self.kind {
                    Kind::LastDay => i32_out(
                        dates
                            .map(|d| d.and_then(|d| last_day_of(&d)).map(|d| days_of(&d)))
                            .collect(),
                    ),
                    Kind::DayName => {
                        Arc::new(StringArray::from_iter(dates.map(|d| {
                            d.map(|d| day_name(d.weekday().num_days_from_monday(), false))
                        })))
                    }
                    _ => Arc::new(StringArray::from_iter(
                        dates.map(|d| d.map(|d| month_name(d.month(), false))),
                    )),
                })
            }
            Kind::Part { field, tz } => {
                let z = session(tz)?;
                let ts = i64s(arg(a, 0)?)?;
                let mut values = Vec::with_capacity(rows);
                for i in 0..rows {
                    let Some(x) = get(&ts, i) else {
                        values.push(None);
                        continue;
                    };
                    values.push(Some(part(&local(&z, ts.value(x))?, field)));
                }
                if field == "SECOND" {
                    let mut b = Decimal128Builder::with_capacity(rows);
                    for v in values {
                        b.append_option(v.map(|v| v as i128));
                    }
                    let arr = b
                        .finish()
                        .with_precision_and_scale(8, 6)
                        .map_err(arrow_err)?;
                    return Ok(Arc::new(arr));
                }
                Ok(i32_out(
                    values.into_iter().map(|v| v.map(|v| v as i32)).collect(),
                ))
            }
            Kind::TsAdd { unit, tz } => {
                let z = session(tz)?;
                let qty = i64s(arg(a, 0)?)?;
                let ts = i64s(arg(a, 1)?)?;
                let mut values = Vec::with_capacity(rows);
                for i in 0..rows {
                    let (Some(x), Some(y)) = (get(&qty, i), get(&ts, i)) else {
                        values.push(None);
                        continue;
                    };
                    values.push(Some(ts_add(&z, unit, qty.value(x), ts.value(y))?));
                }
                Ok(i64_out(values))
            }
            Kind::TsDiff { unit, tz } => {
                let z = session(tz)?;
                let (t1, t2) = (i64s(arg(a, 0)?)?, i64s(arg(a, 1)?)?);
                let mut values = Vec::with_capacity(rows);
                for i in 0..rows {
                    let (Some(x), Some(y)) = (get(&t1, i), get(&t2, i)) else {
                        values.push(None);
                        continue;
                    };
                    let (ls, le) = (local(&z, t1.value(x))?, local(&z, t2.value(y))?);
                    let v = match unit_micros(unit) {
                        Some(u) => (local_micros(&le) - local_micros(&ls)) / u,
                        None => match unit.as_str() {
                            "DAY" => (local_micros(&le) - local_micros(&ls)) / MICROS_PER_DAY,
                            "WEEK" => {
                                (local_micros(&le) - local_micros(&ls)) / (7 * MICROS_PER_DAY)
                            }
                            "MONTH" => months_until(&ls, &le),
                            "QUARTER" => months_until(&ls, &le) / 3,
                            _ => months_until(&ls, &le) / 12,
                        },
                    };
                    values.push(Some(v));
                }
                Ok(i64_out(values))
            }
        }
    }
}

fn illegal_day_of_week(s: &str) -> SparkError {
    SparkError::new(
        ErrorKind::IllegalArgument,
        "ILLEGAL_DAY_OF_WEEK",
        "22009",
        format!("Illegal input for day of week: {s}."),
        &[("string", s.to_string())],
    )
}

fn ts_add(z: &Zone, unit: &str, qty: i64, micros: i64) -> R<i64> {
    if let Some(u) = unit_micros(unit) {
        return qty
            .checked_mul(u)
            .and_then(|d| micros.checked_add(d))
            .ok_or_else(out_of_range);
    }
    let l = local(z, micros)?;
    let moved = match unit {
        "DAY" | "DAYOFYEAR" => l.checked_add_signed(Duration::days(qty)),
        "WEEK" => l.checked_add_signed(Duration::weeks(qty)),
        "MONTH" => plus_months(&l, qty).ok(),
        "QUARTER" => plus_months(&l, qty * 3).ok(),
        _ => plus_months(&l, qty * 12).ok(),
    }
    .ok_or_else(out_of_range)?;
    Ok(z.to_utc_micros(&moved))
}

fn months_between(l1: &NaiveDateTime, l2: &NaiveDateTime, round: bool) -> f64 {
    let (d1, d2) = (l1.date(), l2.date());
    let month_diff =
        (d1.year() as i64 * 12 + d1.month() as i64) - (d2.year() as i64 * 12 + d2.month() as i64);
    let is_last = |d: &NaiveDate| last_day_of(d).is_some_and(|l| l == *d);
    if d1.day() == d2.day() || (is_last(&d1) && is_last(&d2)) {
        return month_diff as f64;
    }
    let secs = |l: &NaiveDateTime| l.num_seconds_from_midnight() as i64;
    let seconds_diff = (d1.day() as i64 - d2.day() as i64) * 86_400 + secs(l1) - secs(l2);
    let diff = month_diff as f64 + seconds_diff as f64 / (31.0 * 86_400.0);
    if round {
        (diff * 1e8).round() / 1e8
    } else {
        diff
    }
}

/// A date from fields, or Java's message for the invalid one.
pub fn make_date(y: i32, m: i32, d: i32) -> Result<NaiveDate, String> {
    if !(1..=12).contains(&m) {
        return Err(format!(
            "Invalid value for MonthOfYear (valid values 1 - 12): {m}"
        ));
    }
    if !(1..=31).contains(&d) {
        return Err(format!(
            "Invalid value for DayOfMonth (valid values 1 - 28/31): {d}"
        ));
    }
    NaiveDate::from_ymd_opt(y, m as u32, d as u32).ok_or_else(|| {
        if !(-999_999_999..=999_999_999).contains(&y) || NaiveDate::from_ymd_opt(y, 1, 1).is_none()
        {
            format!("Invalid value for Year (valid values -999999999 - 999999999): {y}")
        } else {
            format!(
                "Invalid date '{} {d}'",
                month_name(m as u32, true).to_uppercase()
            )
        }
    })
}

/// A local date-time from fields (seconds with a fraction; 60 with no
/// fraction is the next minute, as in Spark).
fn make_local(v: [i32; 5], sec: f64) -> R<NaiveDateTime> {
    let date = make_date(v[0], v[1], v[2]).map_err(|e| field_out_of_bounds(&e))?;
    let check = |name: &str, range: (i32, i32), x: i32| {
        if x < range.0 || x > range.1 {
            Err(field_out_of_bounds(&format!(
                "Invalid value for {name} (valid values {} - {}): {x}",
                range.0, range.1
            )))
        } else {
            Ok(())
        }
    };
    check("HourOfDay", (0, 23), v[3])?;
    check("MinuteOfHour", (0, 59), v[4])?;
    let micros = (sec * 1e6).round() as i64;
    let (whole, frac) = (micros.div_euclid(1_000_000), micros.rem_euclid(1_000_000));
    if whole == 60 && frac == 0 {
        let base = date.and_hms_opt(v[3] as u32, v[4] as u32, 0);
        return base
            .map(|b| b + Duration::minutes(1))
            .ok_or_else(out_of_range);
    }
    if !(0..=59).contains(&whole) {
        return Err(field_out_of_bounds(&format!(
            "Invalid value for SecondOfMinute (valid values 0 - 59): {whole}"
        )));
    }
    date.and_hms_micro_opt(v[3] as u32, v[4] as u32, whole as u32, frac as u32)
        .ok_or_else(out_of_range)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap_or(NaiveDateTime::MIN)
    }

    #[test]
    fn months_between_as_spark() {
        let v = months_between(&dt("1997-02-28 10:30:00"), &dt("1996-10-30 00:00:00"), true);
        assert_eq!(v, 3.94959677);
        assert_eq!(
            months_between(&dt("2024-03-31 00:00:00"), &dt("2024-02-29 00:00:00"), true),
            1.0
        );
    }

    #[test]
    fn truncation_and_units() {
        let l = dt("2024-05-17 13:45:12");
        assert_eq!(trunc_local(&l, "week"), Some(dt("2024-05-13 00:00:00")));
        assert_eq!(trunc_local(&l, "quarter"), Some(dt("2024-04-01 00:00:00")));
        assert_eq!(trunc_local(&l, "foo"), None);
        assert_eq!(
            months_until(&dt("2024-01-31 00:00:00"), &dt("2024-02-29 00:00:00")),
            0
        );
        assert_eq!(
            make_date(2024, 2, 30),
            Err("Invalid date 'FEBRUARY 30'".into())
        );
        assert_eq!(day_of_week("mon"), Some(0));
    }
}
