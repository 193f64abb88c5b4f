//! Spark's TIME type (a time of day in microseconds, Arrow `Time64(µs)`):
//! its casts and the functions that make, take apart, truncate and compare
//! times (`make_time`, `time_from_seconds`, `time_to_micros`, `time_trunc`,
//! `time_diff`, `to_time`, `current_time`, …).

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Decimal128Array, Int64Array};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Decimal128Type, Int64Type, TimeUnit};
use datafusion::common::Result as DFResult;
use datafusion::logical_expr::{
    ColumnarValue, Expr as DFExpr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};
use datafusion::prelude::lit;

use super::datetime_build::mismatch;
use super::datetime_format as pat;
use super::datetime_udf::{call as dt_call, Kind};
use super::{arity, call_name, Builder};
use crate::error::{to_df_error, ErrorKind, Result, SparkError};
use crate::plan::coerce::cast_plain;
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub const MICROS_PER_DAY: i64 = 86_400_000_000;

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("make_time", make_time),
    ("time_from_seconds", from_units),
    ("time_from_millis", from_units),
    ("time_from_micros", from_units),
    ("time_to_seconds", to_units),
    ("time_to_millis", to_units),
    ("time_to_micros", to_units),
    ("time_trunc", time_trunc),
    ("time_diff", time_diff),
    ("to_time", to_time),
    ("try_to_time", to_time),
    ("current_time", current_time),
];

fn time_type() -> DataType {
    DataType::Time64(TimeUnit::Microsecond)
}

/// A kernel of this module.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Op {
    /// (hour, minute, micros of the minute) → time.
    Make,
    /// (count) → time: the count times `scale` microseconds.
    FromUnits { scale: i64 },
    /// (micros as decimal(…, 6)) → time.
    FromDecimal,
    /// (unit, time) → time.
    Trunc,
    /// (unit, start, end) → whole units between.
    Diff,
    /// (text[, pattern]) → time; `cast` words errors as a cast does,
    /// `fail` false gives NULL.
    Parse { fail: bool, cast: bool },
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct TimeUdf {
    op: Op,
    name: String,
    signature: Signature,
}

fn call(op: Op, args: Vec<DFExpr>) -> DFExpr {
    let name = format!("spark_time_{op:?}")
        .to_lowercase()
        .replace(|c: char| !c.is_ascii_alphanumeric(), "_");
    ScalarUDF::new_from_impl(TimeUdf {
        signature: Signature::any(args.len(), Volatility::Immutable),
        op,
        name,
    })
    .call(args)
}

impl ScalarUDFImpl for TimeUdf {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _args: &[DataType]) -> DFResult<DataType> {
        Ok(DataType::Int64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        super::udfs::invoke_rowwise(&args, false, |a, n| self.eval(a, n).map_err(to_df_error))
    }
}

type R<T> = std::result::Result<T, SparkError>;

fn i64s(a: &ArrayRef) -> R<Int64Array> {
    Ok(cast(a, &DataType::Int64)
        .map_err(|e| SparkError::internal(e.to_string()))?
        .as_primitive::<Int64Type>()
        .clone())
}

fn strs(a: &ArrayRef) -> R<Vec<Option<String>>> {
    let s = cast(a, &DataType::Utf8).map_err(|e| SparkError::internal(e.to_string()))?;
    let s = s.as_string::<i32>();
    Ok((0..s.len())
        .map(|i| s.is_valid(i).then(|| s.value(i).to_string()))
        .collect())
}

fn at<T: Clone>(v: &[Option<T>], i: usize) -> Option<T> {
    if v.len() == 1 {
        v[0].clone()
    } else {
        v.get(i).cloned().flatten()
    }
}

fn ints(a: &ArrayRef) -> R<Vec<Option<i64>>> {
    Ok(i64s(a)?.iter().collect())
}

fn arg(a: &[ArrayRef], i: usize) -> R<&ArrayRef> {
    a.get(i).ok_or_else(|| SparkError::internal("arity"))
}

fn out_of_range(nanos: i128) -> SparkError {
    SparkError::new(
        ErrorKind::DateTime,
        "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION",
        "22023",
        format!(
            "Invalid TIME value: must be between 00:00:00 and 23:59:59.999999999, but got {nanos} nanoseconds. "
        ),
        &[("rangeMessage", format!("Invalid TIME value: must be between 00:00:00 and 23:59:59.999999999, but got {nanos} nanoseconds"))],
    )
}

fn field_bounds(field: &str, max: i64, v: i64) -> SparkError {
    let text = format!("Invalid value for {field} (valid values 0 - {max}): {v}");
    SparkError::new(
        ErrorKind::DateTime,
        "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION",
        "22023",
        format!("{text}. "),
        &[("rangeMessage", text.clone())],
    )
}

fn bad_unit(fname: &str, unit: &str) -> SparkError {
    SparkError::new(
        ErrorKind::IllegalArgument,
        "INVALID_PARAMETER_VALUE.TIME_UNIT",
        "22023",
        format!(
            "The value of parameter(s) `unit` in `{fname}` is invalid: expects one of the units 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND', but got ''{unit}''."
        ),
        &[
            ("parameter", "`unit`".into()),
            ("functionName", format!("`{fname}`")),
            ("invalidValue", format!("'{unit}'")),
        ],
    )
}

fn unit_micros(fname: &str, unit: &str) -> R<i64> {
    Ok(match unit.to_uppercase().as_str() {
        "HOUR" => 3_600_000_000,
        "MINUTE" => 60_000_000,
        "SECOND" => 1_000_000,
        "MILLISECOND" => 1000,
        "MICROSECOND" => 1,
        _ => return Err(bad_unit(fname, unit)),
    })
}

fn cannot_parse(text: &str, format: &str) -> SparkError {
    SparkError::new(
        ErrorKind::DateTime,
        "CANNOT_PARSE_TIME",
        "22010",
        format!(
            "The input string '{text}' cannot be parsed to a TIME value because it does not match to the datetime format '{format}'."
        ),
        &[("input", format!("'{text}'")), ("format", format!("'{format}'"))],
    )
}

/// Spark's text of a time: `HH:mm:ss` and the fraction without trailing zeros.
pub fn time_string(micros: i64) -> String {
    let m = micros.rem_euclid(MICROS_PER_DAY);
    let (h, mi, s, f) = (
        m / 3_600_000_000,
        m / 60_000_000 % 60,
        m / 1_000_000 % 60,
        m % 1_000_000,
    );
    let mut out = format!("{h:02}:{mi:02}:{s:02}");
    if f != 0 {
        let frac = format!("{f:06}");
        out.push('.');
        out.push_str(frac.trim_end_matches('0'));
    }
    out
}

/// A time of day as Spark's cast reads it: `H[H]:m[m][:s[s][.fraction]]`,
/// blanks around it allowed; the fraction is cut to microseconds.
pub fn parse_time(text: &str) -> Option<i64> {
    let t = text.trim();
    let parts: Vec<&str> = t.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let num = |p: &str, max: i64| -> Option<i64> {
        if p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse::<i64>().ok().filter(|v| *v <= max)
    };
    let h = num(parts[0], 23)?;
    let m = num(parts[1], 59)?;
    let (s, frac) = match parts.get(2) {
        None => (0, 0),
        Some(p) => {
            let (whole, f) = match p.split_once('.') {
                Some((w, f)) => (w, Some(f)),
                None => (*p, None),
            };
            let s = num(whole, 59)?;
            let frac = match f {
                None => 0,
                Some(f) => {
                    if f.is_empty() || f.len() > 9 || !f.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    let mut d = f.chars().take(6).collect::<String>();
                    while d.len() < 6 {
                        d.push('0');
                    }
                    d.parse::<i64>().ok()?
                }
            };
            (s, frac)
        }
    };
    Some(((h * 60 + m) * 60 + s) * 1_000_000 + frac)
}

impl TimeUdf {
    fn eval(&self, a: &[ArrayRef], n: usize) -> R<ArrayRef> {
        let mut out: Vec<Option<i64>> = Vec::with_capacity(n);
        match &self.op {
            Op::Make => {
                let (h, m, s) = (ints(arg(a, 0)?)?, ints(arg(a, 1)?)?, ints(arg(a, 2)?)?);
                for i in 0..n {
                    let (Some(h), Some(m), Some(s)) = (at(&h, i), at(&m, i), at(&s, i)) else {
                        out.push(None);
                        continue;
                    };
                    if !(0..24).contains(&h) {
                        return Err(field_bounds("HourOfDay", 23, h));
                    }
                    if !(0..60).contains(&m) {
                        return Err(field_bounds("MinuteOfHour", 59, m));
                    }
                    if !(0..60_000_000).contains(&s) {
                        return Err(field_bounds("SecondOfMinute", 59, s.div_euclid(1_000_000)));
                    }
                    out.push(Some((h * 60 + m) * 60_000_000 + s));
                }
            }
            Op::FromUnits { scale } => {
                let v = ints(arg(a, 0)?)?;
                for i in 0..n {
                    out.push(match at(&v, i) {
                        None => None,
                        Some(x) => {
                            let us = x as i128 * *scale as i128;
                            if !(0..MICROS_PER_DAY as i128).contains(&us) {
                                return Err(out_of_range(us * 1000));
                            }
                            Some(us as i64)
                        }
                    });
                }
            }
            Op::FromDecimal => {
                let d = arg(a, 0)?;
                let d: &Decimal128Array = d.as_primitive::<Decimal128Type>();
                for i in 0..n {
                    let j = if d.len() == 1 { 0 } else { i };
                    if d.is_null(j) {
                        out.push(None);
                        continue;
                    }
                    let us = d.value(j);
                    if !(0..MICROS_PER_DAY as i128).contains(&us) {
                        return Err(out_of_range(us * 1000));
                    }
                    out.push(Some(us as i64));
                }
            }
            Op::Trunc => {
                let (u, t) = (strs(arg(a, 0)?)?, ints(arg(a, 1)?)?);
                for i in 0..n {
                    let (Some(u), Some(t)) = (at(&u, i), at(&t, i)) else {
                        out.push(None);
                        continue;
                    };
                    let step = unit_micros("time_trunc", &u)?;
                    out.push(Some(t - t.rem_euclid(step)));
                }
            }
            Op::Diff => {
                let (u, s, e) = (strs(arg(a, 0)?)?, ints(arg(a, 1)?)?, ints(arg(a, 2)?)?);
                for i in 0..n {
                    let (Some(u), Some(s), Some(e)) = (at(&u, i), at(&s, i), at(&e, i)) else {
                        out.push(None);
                        continue;
                    };
                    let step = unit_micros("time_diff", &u)?;
                    out.push(Some((e - s) / step));
                }
            }
            Op::Parse { fail, cast } => {
                let text = strs(arg(a, 0)?)?;
                let fmt = match a.get(1) {
                    Some(f) => Some(strs(f)?),
                    None => None,
                };
                for i in 0..n {
                    let Some(t) = at(&text, i) else {
                        out.push(None);
                        continue;
                    };
                    let (v, shown) = match &fmt {
                        None => (parse_time(&t), "HH:mm:ss.SSSSSS".to_string()),
                        Some(f) => {
                            let Some(p) = at(f, i) else {
                                out.push(None);
                                continue;
                            };
                            let v = pat::compile_for_parse(&p)
                                .ok()
                                .and_then(|toks| pat::parse(&toks, &t).ok())
                                .map(|parsed| {
                                    let tm = parsed.local.time();
                                    chrono::Timelike::num_seconds_from_midnight(&tm) as i64
                                        * 1_000_000
                                        + (chrono::Timelike::nanosecond(&tm) / 1000) as i64
                                });
                            (v, p)
                        }
                    };
                    match v {
                        Some(v) => out.push(Some(v)),
                        None if !*fail => out.push(None),
                        None if *cast => {
                            return Err(SparkError::cast_invalid_input(
                                &t,
                                "STRING",
                                "TIME(6)",
                                ErrorKind::DateTime,
                            ))
                        }
                        None => return Err(cannot_parse(&t, &shown)),
                    }
                }
            }
        }
        Ok(Arc::new(Int64Array::from(out)))
    }
}

fn as_time(e: DFExpr) -> DFExpr {
    cast_plain(e, &time_type())
}

fn micros_of(e: DFExpr) -> DFExpr {
    cast_plain(e, &DataType::Int64)
}

/// A TIME operand as microseconds since midnight.
fn time_arg(r: &Resolver, fname: &str, a: Resolved, pos: &str) -> Result<DFExpr> {
    match a.spark_type()? {
        SparkType::Time | SparkType::Null => Ok(micros_of(a.expr)),
        t if t.is_string() => Ok(micros_of(cast_to_time(r, a, true)?)),
        _ => Err(mismatch(fname, &a, pos, "\"TIME\"")?),
    }
}

/// Casts to and from TIME; None when neither side is TIME.
pub fn cast_time(
    r: &Resolver,
    a: &Resolved,
    from: &SparkType,
    to: &SparkType,
    ansi: bool,
) -> Result<Option<DFExpr>> {
    let e = a.expr.clone();
    Ok(Some(match (from, to) {
        (SparkType::Time, SparkType::Time) => e,
        (f, SparkType::Time) if f.is_string() => as_time(call(
            Op::Parse {
                fail: ansi,
                cast: true,
            },
            vec![e],
        )),
        (SparkType::Timestamp | SparkType::TimestampNtz, SparkType::Time) => {
            let local = match from {
                SparkType::Timestamp => dt_call(
                    Kind::ToLocal {
                        tz: r.settings.time_zone.clone(),
                    },
                    vec![micros_of(e)],
                ),
                _ => micros_of(e),
            };
            let m = lit(MICROS_PER_DAY);
            as_time((local % m.clone() + m.clone()) % m)
        }
        (SparkType::Time, t) if t.is_integral() => {
            cast_plain(micros_of(e) / lit(1_000_000i64), &t.to_arrow())
        }
        (SparkType::Time, SparkType::Decimal(p, s)) => {
            let secs = cast_plain(micros_of(e), &DataType::Decimal128(38, 0))
                / lit(datafusion::common::ScalarValue::Decimal128(
                    Some(1_000_000),
                    38,
                    0,
                ));
            cast_plain(secs, &DataType::Decimal128(*p, *s))
        }
        (SparkType::Time, SparkType::Timestamp | SparkType::TimestampNtz) => {
            // Today's date in the session zone at that time of day.
            let now = datafusion::functions::datetime::expr_fn::now();
            let today = dt_call(
                Kind::ToLocal {
                    tz: r.settings.time_zone.clone(),
                },
                vec![micros_of(cast_plain(now, &SparkType::Timestamp.to_arrow()))],
            );
            let m = lit(MICROS_PER_DAY);
            let local = today.clone() - (today % m.clone() + m.clone()) % m + micros_of(e);
            match to {
                SparkType::Timestamp => cast_plain(
                    dt_call(
                        Kind::FromLocal {
                            tz: r.settings.time_zone.clone(),
                        },
                        vec![local],
                    ),
                    &to.to_arrow(),
                ),
                _ => cast_plain(local, &to.to_arrow()),
            }
        }
        _ => return Ok(None),
    }))
}

fn cast_to_time(r: &Resolver, a: Resolved, ansi: bool) -> Result<DFExpr> {
    let from = a.spark_type()?;
    cast_time(r, &a, &from, &SparkType::Time, ansi)?
        .ok_or_else(|| SparkError::internal("not a cast to TIME"))
}

fn make_time(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("make_time", &args, &[3])?;
    let n = call_name(&name.to_lowercase(), &args);
    let mut it = args.into_iter();
    let (Some(h), Some(m), Some(s)) = (it.next(), it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let h = super::spec::cast_arg(r, h, super::spec::Arg::Int)?;
    let m = super::spec::cast_arg(r, m, super::spec::Arg::Int)?;
    let s = crate::plan::coerce::cast(r, s, &SparkType::Decimal(16, 6), r.settings.ansi)?;
    // Seconds with six decimals, scaled to whole microseconds.
    let micros = cast_plain(
        cast_plain(s, &DataType::Decimal128(16, 6))
            * lit(datafusion::common::ScalarValue::Decimal128(
                Some(1_000_000),
                7,
                0,
            )),
        &DataType::Int64,
    );
    let e = call(Op::Make, vec![micros_of(h), micros_of(m), micros]);
    r.make(as_time(e), n)
}

fn from_units(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (a, n) = super::unary(&lname, args)?;
    let t = a.spark_type()?;
    if !(t.is_numeric() || matches!(t, SparkType::Null)) {
        return Err(mismatch(&lname, &a, "first", "\"NUMERIC\"")?);
    }
    let e = match lname.as_str() {
        "time_from_seconds" if !t.is_integral() => {
            let d = crate::plan::coerce::cast(r, a, &SparkType::Decimal(38, 6), false)?;
            // Seconds with six decimals, scaled to whole microseconds.
            let scaled = cast_plain(
                cast_plain(d, &DataType::Decimal128(32, 6))
                    * lit(datafusion::common::ScalarValue::Decimal128(
                        Some(1_000_000),
                        7,
                        0,
                    )),
                &DataType::Decimal128(38, 0),
            );
            call(Op::FromDecimal, vec![scaled])
        }
        f => {
            let scale = match f {
                "time_from_seconds" => 1_000_000,
                "time_from_millis" => 1000,
                _ => 1,
            };
            call(Op::FromUnits { scale }, vec![micros_of(a.expr)])
        }
    };
    r.make(as_time(e), n)
}

fn to_units(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (a, n) = super::unary(&lname, args)?;
    let us = time_arg(r, &lname, a, "first")?;
    let e = match lname.as_str() {
        "time_to_seconds" => {
            let d = cast_plain(us, &DataType::Decimal128(20, 0));
            cast_plain(
                d / lit(datafusion::common::ScalarValue::Decimal128(
                    Some(1_000_000),
                    20,
                    0,
                )),
                &DataType::Decimal128(14, 6),
            )
        }
        "time_to_millis" => us / lit(1000i64),
        _ => us,
    };
    r.make(e, n)
}

fn unit_arg(r: &Resolver, a: Resolved) -> Result<DFExpr> {
    super::spec::cast_arg(r, a, super::spec::Arg::Str)
}

fn time_trunc(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("time_trunc", &args, &[2])?;
    let n = call_name(&name.to_lowercase(), &args);
    let mut it = args.into_iter();
    let (Some(u), Some(t)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let t = time_arg(r, "time_trunc", t, "second")?;
    let e = call(Op::Trunc, vec![unit_arg(r, u)?, t]);
    r.make(as_time(e), n)
}

fn time_diff(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("time_diff", &args, &[3])?;
    let n = call_name(&name.to_lowercase(), &args);
    let mut it = args.into_iter();
    let (Some(u), Some(s), Some(e)) = (it.next(), it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let s = time_arg(r, "time_diff", s, "second")?;
    let e = time_arg(r, "time_diff", e, "third")?;
    let out = call(Op::Diff, vec![unit_arg(r, u)?, s, e]);
    r.make(out, n)
}

fn to_time(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[1, 2])?;
    let inner = call_name("to_time", &args);
    let n = if lname == "try_to_time" {
        format!("try_to_time({inner})")
    } else {
        inner
    };
    let fail = lname == "to_time";
    let mut exprs = vec![];
    for a in args {
        exprs.push(super::spec::cast_arg(r, a, super::spec::Arg::Str)?);
    }
    let e = call(Op::Parse { fail, cast: false }, exprs);
    r.make(as_time(e), n)
}

fn current_time(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[0, 1])?;
    let precision = match args.first() {
        None => 6,
        Some(a) => match &a.expr {
            DFExpr::Literal(v, _) => v
                .to_string()
                .parse::<u32>()
                .ok()
                .filter(|p| *p <= 6)
                .ok_or_else(|| {
                    SparkError::illegal_argument(format!(
                        "The precision of current_time must be in [0, 6], got {v}"
                    ))
                })?,
            _ => {
                return Err(SparkError::not_implemented(
                    "current_time of a non-literal precision",
                ))
            }
        },
    };
    let now = cast_plain(
        datafusion::functions::datetime::expr_fn::now(),
        &SparkType::Timestamp.to_arrow(),
    );
    let local = dt_call(
        Kind::ToLocal {
            tz: r.settings.time_zone.clone(),
        },
        vec![micros_of(now)],
    );
    let m = lit(MICROS_PER_DAY);
    let of_day = (local % m.clone() + m.clone()) % m;
    let step = lit(10i64.pow(6 - precision));
    let cut = of_day.clone() - of_day % step;
    r.make(as_time(cut), format!("current_time({precision})"))
}

/// `make_timestamp(date, time[, zone])` and its `_ntz` / `try_` forms: the
/// local date-time of a date and a time, read in the zone (the session's
/// unless given).
pub(super) fn make_timestamp_of(
    r: &Resolver,
    lname: &str,
    ntz: bool,
    _fail: bool,
    args: Vec<Resolved>,
) -> Result<Resolved> {
    arity(lname, &args, if ntz { &[2] } else { &[2, 3] })?;
    let n = call_name(lname, &args);
    let mut it = args.into_iter();
    let (Some(d), Some(t)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let zone = match it.next() {
        None => r.settings.time_zone.clone(),
        Some(z) => match &z.expr {
            DFExpr::Literal(v, _) if !v.is_null() => v.to_string(),
            _ => {
                return Err(SparkError::not_implemented(&format!(
                    "{lname} with a time zone that is not a literal"
                )))
            }
        },
    };
    let days = match d.spark_type()? {
        SparkType::Date | SparkType::Null => cast_plain(d.expr, &DataType::Int32),
        _ => return Err(mismatch(lname, &d, "first", "\"DATE\"")?),
    };
    let t = time_arg(r, lname, t, "second")?;
    let local = micros_of(days) * lit(MICROS_PER_DAY) + t;
    let e = if ntz {
        cast_plain(local, &SparkType::TimestampNtz.to_arrow())
    } else {
        cast_plain(
            dt_call(Kind::FromLocal { tz: zone }, vec![local]),
            &SparkType::Timestamp.to_arrow(),
        )
    };
    r.make(e, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_and_print_as_spark_does() {
        assert_eq!(parse_time("1:2:3"), Some(3_723_000_000));
        assert_eq!(parse_time(" 12:00 "), Some(43_200_000_000));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("10:11:12.1234567"), Some(36_672_123_456));
        assert_eq!(time_string(36_672_123_400), "10:11:12.1234");
        assert_eq!(time_string(0), "00:00:00");
    }
}
