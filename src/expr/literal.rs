//! Literal values: their Spark type, their name in column headers, their
//! `repr`, and their DataFusion scalar.

use chrono::{DateTime, NaiveDate};
use datafusion::common::ScalarValue;

use crate::format::{decimal_string, java_double, java_float};
use crate::types::{SparkType, STORAGE_TZ};

#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Null,
    Boolean(bool),
    Byte(i8),
    Short(i16),
    Integer(i32),
    Long(i64),
    Float(f32),
    Double(f64),
    /// Unscaled value, precision, scale.
    Decimal(i128, u8, i8),
    String(String),
    Binary(Vec<u8>),
    /// Days since the epoch.
    Date(i32),
    /// Microseconds since the epoch, UTC.
    Timestamp(i64),
    TimestampNtz(i64),
    /// Microseconds.
    DayTimeInterval(i64),
    /// Months.
    YearMonthInterval(i32),
}

impl Literal {
    pub fn spark_type(&self) -> SparkType {
        match self {
            Literal::Null => SparkType::Null,
            Literal::Boolean(_) => SparkType::Boolean,
            Literal::Byte(_) => SparkType::Byte,
            Literal::Short(_) => SparkType::Short,
            Literal::Integer(_) => SparkType::Integer,
            Literal::Long(_) => SparkType::Long,
            Literal::Float(_) => SparkType::Float,
            Literal::Double(_) => SparkType::Double,
            Literal::Decimal(_, p, s) => SparkType::Decimal(*p, *s),
            Literal::String(_) => SparkType::String,
            Literal::Binary(_) => SparkType::Binary,
            Literal::Date(_) => SparkType::Date,
            Literal::Timestamp(_) => SparkType::Timestamp,
            Literal::TimestampNtz(_) => SparkType::TimestampNtz,
            Literal::DayTimeInterval(_) => SparkType::DayTimeInterval(0, 3),
            Literal::YearMonthInterval(_) => SparkType::YearMonthInterval(0, 1),
        }
    }

    /// The literal's text in an output column name (`1`, `x`, `NULL`, `1.0E20`).
    pub fn sql_name(&self) -> String {
        match self {
            Literal::Null => "NULL".into(),
            Literal::Boolean(b) => b.to_string(),
            Literal::Byte(v) => v.to_string(),
            Literal::Short(v) => v.to_string(),
            Literal::Integer(v) => v.to_string(),
            Literal::Long(v) => v.to_string(),
            Literal::Float(v) => java_float(*v),
            Literal::Double(v) => java_double(*v),
            Literal::Decimal(v, _, s) => decimal_string(*v, *s),
            Literal::String(s) => s.clone(),
            Literal::Binary(b) => format!("X'{}'", hex_upper(b)),
            Literal::Date(d) => format!("DATE '{}'", date_string(*d)),
            Literal::Timestamp(t) => format!("TIMESTAMP '{}'", timestamp_string(*t)),
            Literal::TimestampNtz(t) => format!("TIMESTAMP_NTZ '{}'", timestamp_string(*t)),
            Literal::DayTimeInterval(us) => crate::show::day_time_interval(*us),
            Literal::YearMonthInterval(m) => crate::show::year_month_interval(*m),
        }
    }

    /// The literal as `Column.__repr__` shows it (strings quoted, longs with `L`).
    pub fn repr(&self) -> String {
        match self {
            Literal::String(s) => format!("'{s}'"),
            Literal::Long(v) => format!("{v}L"),
            Literal::Byte(v) => format!("{v}Y"),
            Literal::Short(v) => format!("{v}S"),
            other => other.sql_name(),
        }
    }

    pub fn to_scalar(&self) -> ScalarValue {
        match self {
            Literal::Null => ScalarValue::Null,
            Literal::Boolean(b) => ScalarValue::Boolean(Some(*b)),
            Literal::Byte(v) => ScalarValue::Int8(Some(*v)),
            Literal::Short(v) => ScalarValue::Int16(Some(*v)),
            Literal::Integer(v) => ScalarValue::Int32(Some(*v)),
            Literal::Long(v) => ScalarValue::Int64(Some(*v)),
            Literal::Float(v) => ScalarValue::Float32(Some(*v)),
            Literal::Double(v) => ScalarValue::Float64(Some(*v)),
            Literal::Decimal(v, p, s) => ScalarValue::Decimal128(Some(*v), *p, *s),
            Literal::String(s) => ScalarValue::Utf8(Some(s.clone())),
            Literal::Binary(b) => ScalarValue::Binary(Some(b.clone())),
            Literal::Date(d) => ScalarValue::Date32(Some(*d)),
            Literal::Timestamp(t) => {
                ScalarValue::TimestampMicrosecond(Some(*t), Some(STORAGE_TZ.into()))
            }
            Literal::TimestampNtz(t) => ScalarValue::TimestampMicrosecond(Some(*t), None),
            Literal::DayTimeInterval(us) => ScalarValue::DurationMicrosecond(Some(*us)),
            Literal::YearMonthInterval(m) => ScalarValue::IntervalYearMonth(Some(*m)),
        }
    }
}

fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

pub fn date_string(days: i32) -> String {
    NaiveDate::from_num_days_from_ce_opt(days + 719_163)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| days.to_string())
}

/// `yyyy-MM-dd HH:mm:ss[.ffffff]` with trailing fraction zeros dropped.
pub fn timestamp_string(micros: i64) -> String {
    match DateTime::from_timestamp_micros(micros) {
        Some(dt) => {
            let base = dt.format("%Y-%m-%d %H:%M:%S").to_string();
            let frac = micros.rem_euclid(1_000_000);
            if frac == 0 {
                base
            } else {
                let f = format!("{frac:06}");
                format!("{base}.{}", f.trim_end_matches('0'))
            }
        }
        None => micros.to_string(),
    }
}
