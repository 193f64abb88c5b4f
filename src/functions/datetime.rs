//! Date and time functions: fields (`year`, `month`, …), day arithmetic
//! (`date_add`, `date_sub`, `datediff`, `add_months`) and the `+`/`-` of
//! dates and timestamps with intervals and day counts.

use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::logical_expr::{binary_expr, Expr as DFExpr, Operator};
use datafusion::prelude::lit;

use super::{arity, call_name, Builder};
use crate::error::{Result, SparkError};
use crate::plan::coerce::{self, cast_plain};
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("year", field),
    ("quarter", field),
    ("month", field),
    ("day", field),
    ("dayofmonth", field),
    ("dayofyear", field),
    ("hour", field),
    ("minute", field),
    ("second", field),
    ("date_add", date_add),
    ("dateadd", date_add),
    ("date_sub", date_add),
    ("datediff", datediff),
    ("date_diff", datediff),
    ("add_months", add_months),
];

const MICROS_PER_DAY: i64 = 86_400_000_000;

fn two(args: Vec<Resolved>) -> Result<(Resolved, Resolved)> {
    let mut it = args.into_iter();
    match (it.next(), it.next()) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(SparkError::internal("arity")),
    }
}

/// A date operand: dates as they are, timestamps and strings cast.
fn as_date(r: &Resolver, a: Resolved) -> Result<DFExpr> {
    match a.spark_type()? {
        SparkType::Date => Ok(a.expr),
        SparkType::Null => Ok(cast_plain(a.expr, &DataType::Date32)),
        t if t.is_string() || matches!(t, SparkType::Timestamp | SparkType::TimestampNtz) => {
            coerce::cast(r, a, &SparkType::Date, r.settings.ansi)
        }
        t => Err(SparkError::datatype_mismatch(
            "UNEXPECTED_INPUT_TYPE",
            &a.name,
            format!(
                "The first parameter requires the \"DATE\" type, however \"{}\" has the type \"{}\".",
                a.name,
                t.sql_name()
            ),
        )),
    }
}

fn field(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (a, n) = super::unary(name, args)?;
    let part = match lname.as_str() {
        "dayofmonth" | "day" => "DAY",
        "dayofyear" => "DOY",
        "second" => "SECOND_OF_MINUTE",
        "year" => "YEAR",
        "quarter" => "QUARTER",
        "month" => "MONTH",
        "hour" => "HOUR",
        _ => "MINUTE",
    };
    let e = super::datetime_build::field_of(r, &lname, a, part)?;
    r.make(e, n)
}

/// Days since the epoch of a date, as an int.
fn epoch_days(e: DFExpr) -> DFExpr {
    cast_plain(e, &DataType::Int32)
}

fn days_operand(r: &Resolver, fname: &str, d: Resolved) -> Result<DFExpr> {
    match d.spark_type()? {
        SparkType::Byte | SparkType::Short | SparkType::Integer | SparkType::Null => {
            Ok(cast_plain(d.expr, &DataType::Int32))
        }
        t if t.is_string() => coerce::cast(r, d, &SparkType::Integer, r.settings.ansi),
        t => Err(SparkError::datatype_mismatch(
            "UNEXPECTED_INPUT_TYPE",
            &format!("{fname}({})", d.name),
            format!(
                "The second parameter requires the (\"INT\" or \"SMALLINT\" or \"TINYINT\") type, however \"{}\" has the type \"{}\".",
                d.name,
                t.sql_name()
            ),
        )),
    }
}

/// `date + days` as a date.
fn plus_days(start: DFExpr, days: DFExpr, op: Operator) -> DFExpr {
    cast_plain(binary_expr(epoch_days(start), op, days), &DataType::Date32)
}

fn date_add(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    if lname == "dateadd" && args.len() == 3 {
        return super::datetime_build::timestamp_add(r, name, args);
    }
    arity(&lname, &args, &[2])?;
    let shown = if lname == "dateadd" {
        "date_add"
    } else {
        lname.as_str()
    };
    let n = call_name(shown, &args);
    let (a, d) = two(args)?;
    let start = as_date(r, a)?;
    let days = days_operand(r, &lname, d)?;
    let op = if lname == "date_sub" {
        Operator::Minus
    } else {
        Operator::Plus
    };
    r.make(plus_days(start, days, op), n)
}

fn datediff(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    if args.len() == 3 {
        return super::datetime_build::timestamp_diff(r, name, args);
    }
    arity(&lname, &args, &[2])?;
    let n = call_name(&lname, &args);
    let (a, b) = two(args)?;
    let e = binary_expr(
        epoch_days(as_date(r, a)?),
        Operator::Minus,
        epoch_days(as_date(r, b)?),
    );
    r.make(e, n)
}

fn add_months(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[2])?;
    let n = call_name("add_months", &args);
    let (a, m) = two(args)?;
    let start = as_date(r, a)?;
    let months = days_operand(r, "add_months", m)?;
    let interval = cast_plain(
        months,
        &DataType::Interval(datafusion::arrow::datatypes::IntervalUnit::YearMonth),
    );
    r.make(binary_expr(start, Operator::Plus, interval), n)
}

/// `date ± interval`, `date ± days`, `timestamp ± interval`: `None` when
/// the operands are not dates or timestamps.
pub(super) fn arithmetic(r: &Resolver, op: &str, args: &[Resolved]) -> Result<Option<Resolved>> {
    let [a, b] = args else {
        return Ok(None);
    };
    if op != "+" && op != "-" {
        return Ok(None);
    }
    let (at, bt) = (a.spark_type()?, b.spark_type()?);
    let dop = if op == "+" {
        Operator::Plus
    } else {
        Operator::Minus
    };
    let out = match (&at, &bt) {
        (SparkType::Date, SparkType::DayTimeInterval(..)) => {
            let days = match &b.expr {
                DFExpr::Literal(ScalarValue::DurationMicrosecond(Some(us)), _)
                    if us % MICROS_PER_DAY == 0 =>
                {
                    Some((us / MICROS_PER_DAY) as i32)
                }
                _ => None,
            };
            match days {
                Some(d) => {
                    let shown = if op == "+" {
                        format!("extractansiintervaldays({})", b.name)
                    } else {
                        format!("(- extractansiintervaldays({}))", b.name)
                    };
                    let name = format!("date_add({}, {shown})", a.name);
                    r.make(plus_days(a.expr.clone(), lit(d), dop), name)?
                }
                None => {
                    let ts = cast_plain(a.expr.clone(), &SparkType::Timestamp.to_arrow());
                    let name = format!("{} {op} {}", a.name, b.name);
                    r.make(binary_expr(ts, dop, b.expr.clone()), name)?
                }
            }
        }
        (
            SparkType::Date | SparkType::Timestamp | SparkType::TimestampNtz,
            SparkType::YearMonthInterval(..),
        )
        | (SparkType::Timestamp | SparkType::TimestampNtz, SparkType::DayTimeInterval(..)) => {
            let name = format!("{} {op} {}", a.name, b.name);
            r.make(binary_expr(a.expr.clone(), dop, b.expr.clone()), name)?
        }
        (SparkType::Date, t) if t.is_integral() && !matches!(t, SparkType::Long) => {
            let f = if op == "+" { "date_add" } else { "date_sub" };
            let name = format!("{f}({}, {})", a.name, b.name);
            let days = cast_plain(b.expr.clone(), &DataType::Int32);
            r.make(plus_days(a.expr.clone(), days, dop), name)?
        }
        (t, SparkType::Date) if op == "+" && t.is_integral() && !matches!(t, SparkType::Long) => {
            let name = format!("date_add({}, {})", b.name, a.name);
            let days = cast_plain(a.expr.clone(), &DataType::Int32);
            r.make(plus_days(b.expr.clone(), days, dop), name)?
        }
        _ => return Ok(None),
    };
    Ok(Some(out))
}
