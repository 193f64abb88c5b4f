//! Row-wise kernels of the date and time functions that need Spark's
//! calendar and time-zone semantics. Timestamps cross into these kernels as
//! microseconds (`Int64`: an instant for TIMESTAMP, a local date-time for
//! TIMESTAMP_NTZ, which the builders pass with zone `UTC`) and dates as
//! days since the epoch (`Int32`).

use std::sync::Arc;

use chrono::{Datelike, NaiveDateTime};
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

use super::datetime_calendar::{
    day_of_week, field_out_of_bounds, illegal_day_of_week, last_day_of, make_date, make_local,
    months_between, months_until, out_of_range, part, trunc_local, ts_add, unit_micros,
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
        super::udfs::invoke_rowwise(&args, false, |a, n| self.eval(a, n).map_err(to_df_error))
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

pub(super) fn local(z: &Zone, micros: i64) -> R<NaiveDateTime> {
    z.to_local(micros).ok_or_else(out_of_range)
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

impl DtUdf {
    fn eval(&self, a: &[ArrayRef], rows: usize) -> R<ArrayRef> {
        match &self.kind {
            Kind::Format { tz } => {
                let z = session(tz)?;
                let ts = i64s(arg(a, 0)?)?;
                let p = strs(arg(a, 1)?)?;
                let mut cache = PatternCache::default();
                let mut b = StringBuilder::with_capacity(rows, rows * 16);
                let mut text = String::new();
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
                    text.clear();
                    pat::format_into(toks, &m, &mut text)?;
                    b.append_value(&text);
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
