//! Spark's text forms of values (`show()`, casts to string) and the exact
//! layout of `DataFrame.show()`.

use chrono::{DateTime, TimeZone};
use chrono_tz::Tz;
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, GenericListArray, OffsetSizeTrait, RecordBatch,
};
use datafusion::arrow::datatypes::{
    DataType, Date32Type, Date64Type, Decimal128Type, DurationMicrosecondType, Float32Type,
    Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, IntervalUnit, IntervalYearMonthType,
    TimeUnit, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};

use crate::expr::literal::{date_string, timestamp_string};
use crate::format::{decimal_string, java_double, java_float};

/// How values print: the session time zone for timestamps.
#[derive(Debug, Clone)]
pub struct FormatOptions {
    pub time_zone: String,
}

/// The text of one value, `None` for SQL NULL.
pub fn format_value(array: &dyn Array, i: usize, opts: &FormatOptions) -> Option<String> {
    if array.is_null(i) {
        return None;
    }
    Some(match array.data_type() {
        DataType::Null => return None,
        DataType::Boolean => array.as_boolean().value(i).to_string(),
        DataType::Int8 => array.as_primitive::<Int8Type>().value(i).to_string(),
        DataType::Int16 => array.as_primitive::<Int16Type>().value(i).to_string(),
        DataType::Int32 => array.as_primitive::<Int32Type>().value(i).to_string(),
        DataType::Int64 => array.as_primitive::<Int64Type>().value(i).to_string(),
        DataType::UInt8 => array.as_primitive::<UInt8Type>().value(i).to_string(),
        DataType::UInt16 => array.as_primitive::<UInt16Type>().value(i).to_string(),
        DataType::UInt32 => array.as_primitive::<UInt32Type>().value(i).to_string(),
        DataType::UInt64 => array.as_primitive::<UInt64Type>().value(i).to_string(),
        DataType::Float32 => java_float(array.as_primitive::<Float32Type>().value(i)),
        DataType::Float64 => java_double(array.as_primitive::<Float64Type>().value(i)),
        DataType::Decimal128(_, s) => {
            decimal_string(array.as_primitive::<Decimal128Type>().value(i), *s)
        }
        DataType::Utf8 => array.as_string::<i32>().value(i).to_string(),
        DataType::LargeUtf8 => array.as_string::<i64>().value(i).to_string(),
        DataType::Utf8View => array.as_string_view().value(i).to_string(),
        DataType::Binary => hex_bytes(array.as_binary::<i32>().value(i)),
        DataType::LargeBinary => hex_bytes(array.as_binary::<i64>().value(i)),
        DataType::BinaryView => hex_bytes(array.as_binary_view().value(i)),
        DataType::Date32 => date_string(array.as_primitive::<Date32Type>().value(i)),
        DataType::Date64 => {
            let ms = array.as_primitive::<Date64Type>().value(i);
            date_string((ms.div_euclid(86_400_000)) as i32)
        }
        DataType::Timestamp(unit, tz) => {
            let micros = timestamp_micros(array, i, unit);
            match tz {
                Some(_) => zoned_timestamp(micros, &opts.time_zone),
                None => timestamp_string(micros),
            }
        }
        DataType::Time64(TimeUnit::Microsecond) => crate::functions::time_string(
            array
                .as_primitive::<datafusion::arrow::datatypes::Time64MicrosecondType>()
                .value(i),
        ),
        DataType::Duration(TimeUnit::Microsecond) => {
            day_time_interval(array.as_primitive::<DurationMicrosecondType>().value(i))
        }
        DataType::Interval(IntervalUnit::YearMonth) => {
            year_month_interval(array.as_primitive::<IntervalYearMonthType>().value(i))
        }
        DataType::Interval(IntervalUnit::MonthDayNano) => {
            let v = array
                .as_primitive::<datafusion::arrow::datatypes::IntervalMonthDayNanoType>()
                .value(i);
            calendar_interval(v.months, v.days, v.nanoseconds / 1000)
        }
        DataType::List(_) => list(array.as_list::<i32>(), i, opts),
        DataType::LargeList(_) => list(array.as_list::<i64>(), i, opts),
        DataType::Map(_, _) => {
            let m = array.as_map();
            let entries = m.value(i);
            let (k, v) = (entries.column(0), entries.column(1));
            let parts: Vec<String> = (0..entries.len())
                .map(|j| {
                    format!(
                        "{} -> {}",
                        nested(k.as_ref(), j, opts),
                        nested(v.as_ref(), j, opts)
                    )
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        DataType::Struct(_) if *array.data_type() == crate::types::variant_arrow() => {
            crate::functions::variant::json_at(array, i)?
        }
        DataType::Struct(_) => {
            let s = array.as_struct();
            let parts: Vec<String> = s
                .columns()
                .iter()
                .map(|c| nested(c.as_ref(), i, opts))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        _ => datafusion::arrow::util::display::array_value_to_string(array, i).unwrap_or_default(),
    })
}

fn nested(array: &dyn Array, i: usize, opts: &FormatOptions) -> String {
    format_value(array, i, opts).unwrap_or_else(|| "NULL".into())
}

fn list<O: OffsetSizeTrait>(l: &GenericListArray<O>, i: usize, opts: &FormatOptions) -> String {
    let values: ArrayRef = l.value(i);
    let parts: Vec<String> = (0..values.len())
        .map(|j| nested(values.as_ref(), j, opts))
        .collect();
    format!("[{}]", parts.join(", "))
}

fn hex_bytes(b: &[u8]) -> String {
    let parts: Vec<String> = b.iter().map(|x| format!("{x:02X}")).collect();
    format!("[{}]", parts.join(" "))
}

fn timestamp_micros(array: &dyn Array, i: usize, unit: &TimeUnit) -> i64 {
    use datafusion::arrow::datatypes::{
        TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
        TimestampSecondType,
    };
    match unit {
        TimeUnit::Second => array.as_primitive::<TimestampSecondType>().value(i) * 1_000_000,
        TimeUnit::Millisecond => array.as_primitive::<TimestampMillisecondType>().value(i) * 1000,
        TimeUnit::Microsecond => array.as_primitive::<TimestampMicrosecondType>().value(i),
        TimeUnit::Nanosecond => array.as_primitive::<TimestampNanosecondType>().value(i) / 1000,
    }
}

/// A UTC instant shown in the session time zone.
pub fn zoned_timestamp(micros: i64, tz: &str) -> String {
    let Ok(zone) = tz.parse::<Tz>() else {
        return timestamp_string(micros);
    };
    let Some(utc) = DateTime::from_timestamp_micros(micros) else {
        return micros.to_string();
    };
    let local = zone.from_utc_datetime(&utc.naive_utc()).naive_local();
    let local_micros = local.and_utc().timestamp_micros();
    timestamp_string(local_micros)
}

/// Spark's text of a calendar interval: `1 years 2 months 3 days 4 hours
/// 5 minutes 6.5 seconds`, units of zero left out.
pub fn calendar_interval(months: i32, days: i32, micros: i64) -> String {
    if months == 0 && days == 0 && micros == 0 {
        return "0 seconds".into();
    }
    let mut parts = vec![];
    let mut unit = |v: i64, name: &str| {
        if v != 0 {
            parts.push(format!("{v} {name}"));
        }
    };
    unit((months / 12) as i64, "years");
    unit((months % 12) as i64, "months");
    unit(days as i64, "days");
    unit(micros / 3_600_000_000, "hours");
    unit(micros % 3_600_000_000 / 60_000_000, "minutes");
    let rest = micros % 60_000_000;
    if rest != 0 {
        let sign = if rest < 0 { "-" } else { "" };
        let a = rest.unsigned_abs();
        let frac = format!("{:06}", a % 1_000_000);
        let frac = frac.trim_end_matches('0');
        let secs = if frac.is_empty() {
            format!("{sign}{}", a / 1_000_000)
        } else {
            format!("{sign}{}.{frac}", a / 1_000_000)
        };
        parts.push(format!("{secs} seconds"));
    }
    parts.join(" ")
}

pub fn year_month_interval(m: i32) -> String {
    let sign = if m < 0 { "-" } else { "" };
    let m = m.unsigned_abs();
    format!("INTERVAL '{sign}{}-{}' YEAR TO MONTH", m / 12, m % 12)
}

pub fn day_time_interval(us: i64) -> String {
    let sign = if us < 0 { "-" } else { "" };
    let us = us.unsigned_abs();
    let secs = us / 1_000_000;
    let frac = us % 1_000_000;
    let (d, h, m, s) = (secs / 86400, secs / 3600 % 24, secs / 60 % 60, secs % 60);
    let frac = if frac == 0 {
        String::new()
    } else {
        format!(".{frac:06}")
    };
    format!("INTERVAL '{sign}{d} {h:02}:{m:02}:{s:02}{frac}' DAY TO SECOND")
}

/// Display width of a string as Spark counts it: UTF-16 units, with East
/// Asian wide and fullwidth characters counting double.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| c.len_utf16() + usize::from(is_wide(c)))
        .sum()
}

fn is_wide(c: char) -> bool {
    let c = c as u32;
    (0x1100..=0x115F).contains(&c)
        || (0x2E80..=0xA4CF).contains(&c) && c != 0x303F
        || (0xAC00..=0xD7A3).contains(&c)
        || (0xF900..=0xFAFF).contains(&c)
        || (0xFE30..=0xFE4F).contains(&c)
        || (0xFF00..=0xFF60).contains(&c)
        || (0xFFE0..=0xFFE6).contains(&c)
}

/// Keeps the first `n` UTF-16 units; a split surrogate pair prints `?`.
fn take_utf16(s: &str, n: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.len_utf16();
        if used + w > n {
            if used < n {
                out.push('?');
            }
            break;
        }
        out.push(c);
        used += w;
    }
    out
}

fn cell_text(value: Option<String>, truncate: usize) -> String {
    let s = value
        .unwrap_or_else(|| "NULL".into())
        .replace('\n', "\\n")
        .replace('\t', "\\t");
    let len: usize = s.chars().map(char::len_utf16).sum();
    if truncate > 0 && len > truncate {
        if truncate < 4 {
            take_utf16(&s, truncate)
        } else {
            take_utf16(&s, truncate - 3) + "..."
        }
    } else {
        s
    }
}

fn pad(s: &str, width: usize, left_align: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(display_width(s)));
    if left_align {
        format!("{s}{fill}")
    } else {
        format!("{fill}{s}")
    }
}

/// The text `df.show(n, truncate, vertical)` prints. `batches` hold up to
/// `n` rows; `has_more` says whether more rows exist.
pub fn show_string(
    names: &[String],
    batches: &[RecordBatch],
    n: usize,
    truncate: usize,
    vertical: bool,
    has_more: bool,
    opts: &FormatOptions,
) -> String {
    let mut rows: Vec<Vec<String>> = vec![];
    'outer: for b in batches {
        for i in 0..b.num_rows() {
            if rows.len() >= n {
                break 'outer;
            }
            rows.push(
                b.columns()
                    .iter()
                    .map(|c| cell_text(format_value(c.as_ref(), i, opts), truncate))
                    .collect(),
            );
        }
    }
    let mut out = String::new();
    if vertical {
        vertical_layout(&mut out, names, &rows);
    } else {
        let widths: Vec<usize> = names
            .iter()
            .enumerate()
            .map(|(j, name)| {
                rows.iter()
                    .map(|r| display_width(&r[j]))
                    .chain([display_width(name), 3])
                    .max()
                    .unwrap_or(3)
            })
            .collect();
        let sep: String = widths
            .iter()
            .map(|w| format!("+{}", "-".repeat(*w)))
            .collect::<String>()
            + "+\n";
        let left = truncate == 0;
        let line = |cells: &[String]| -> String {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("|{}", pad(c, *w, left)))
                .collect::<String>()
                + "|\n"
        };
        out.push_str(&sep);
        out.push_str(&line(names));
        out.push_str(&sep);
        for r in &rows {
            out.push_str(&line(r));
        }
        out.push_str(&sep);
    }
    if has_more {
        let word = if n == 1 { "row" } else { "rows" };
        out.push_str(&format!("only showing top {n} {word}"));
    }
    out
}

fn vertical_layout(out: &mut String, names: &[String], rows: &[Vec<String>]) {
    if rows.is_empty() {
        out.push_str("(0 rows)");
        return;
    }
    let name_w = names
        .iter()
        .map(|n| display_width(n))
        .max()
        .unwrap_or(0)
        .max(3);
    let value_w = rows
        .iter()
        .flat_map(|r| r.iter().map(|c| display_width(c)))
        .max()
        .unwrap_or(0)
        .max(3);
    for (i, r) in rows.iter().enumerate() {
        let head = format!("-RECORD {i}");
        let total = name_w + value_w + 5;
        out.push_str(&head);
        out.push_str(&"-".repeat(total.saturating_sub(display_width(&head))));
        out.push('\n');
        for (name, cell) in names.iter().zip(r) {
            out.push_str(&format!(
                " {} | {} \n",
                pad(name, name_w, true),
                pad(cell, value_w, true)
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::{Float64Array, Int32Array, StringArray};
    use datafusion::arrow::datatypes::{Field, Schema};
    use std::sync::Arc;

    fn opts() -> FormatOptions {
        FormatOptions {
            time_zone: "UTC".into(),
        }
    }

    fn sample() -> RecordBatch {
        let schema = Schema::new(vec![
            Field::new("id", DataType::Int32, true),
            Field::new("name", DataType::Utf8, true),
            Field::new("x", DataType::Float64, true),
        ]);
        RecordBatch::try_new(
            Arc::new(schema),
            vec![
                Arc::new(Int32Array::from(vec![Some(1), Some(22), Some(-333)])),
                Arc::new(StringArray::from(vec![
                    Some("a"),
                    None,
                    Some("hello world"),
                ])),
                Arc::new(Float64Array::from(vec![Some(1.5), None, Some(2.0)])),
            ],
        )
        .unwrap()
    }

    #[test]
    fn show_matches_spark_layout() {
        let names = vec!["id".to_string(), "name".into(), "x".into()];
        let text = show_string(&names, &[sample().slice(0, 2)], 2, 20, false, true, &opts());
        assert_eq!(
            text,
            "+---+----+----+\n| id|name|   x|\n+---+----+----+\n|  1|   a| 1.5|\n| 22|NULL|NULL|\n+---+----+----+\nonly showing top 2 rows"
        );
    }

    #[test]
    fn vertical_show_pads_records() {
        let names = vec!["id".to_string(), "name".into(), "x".into()];
        let text = show_string(&names, &[sample()], 1, 20, true, true, &opts());
        assert_eq!(
            text,
            "-RECORD 0---\n id   | 1   \n name | a   \n x    | 1.5 \nonly showing top 1 row"
        );
    }

    #[test]
    fn truncation_keeps_17_characters() {
        assert_eq!(
            cell_text(Some("a".repeat(25)), 20),
            format!("{}...", "a".repeat(17))
        );
        assert_eq!(cell_text(Some("aaaaaa".into()), 5), "aa...");
        assert_eq!(cell_text(Some("aaaaaa".into()), 3), "aaa");
    }

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(display_width("日本語"), 6);
        assert_eq!(display_width("😀"), 2);
        assert_eq!(
            take_utf16(&"😀".repeat(12), 17),
            format!("{}?", "😀".repeat(8))
        );
    }
}
