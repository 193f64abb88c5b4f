//! Spark's calendar arithmetic on local date-times: month arithmetic with
//! the day clamped, truncation units, `extract` fields, whole units
//! between two date-times, `months_between`, and building dates and
//! date-times from fields with Java's messages for invalid ones.

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, Timelike};

use super::datetime_format::month_name;
use super::datetime_udf::local;
use super::datetime_zone::Zone;
use crate::error::{ErrorKind, SparkError};

type R<T> = Result<T, SparkError>;

pub(super) fn out_of_range() -> SparkError {
    SparkError::new(
        ErrorKind::Arithmetic,
        "DATETIME_OVERFLOW",
        "22008",
        "Datetime operation overflow.",
        &[],
    )
}

pub(super) fn field_out_of_bounds(message: &str) -> SparkError {
    SparkError::new(
        ErrorKind::DateTime,
        "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION",
        "22023",
        format!("{message}. "),
        &[("rangeMessage", message.to_string())],
    )
}

/// Local date-time plus months, the day clamped to the month's end.
pub(super) fn plus_months(l: &NaiveDateTime, months: i64) -> R<NaiveDateTime> {
    let r = if months >= 0 {
        l.checked_add_months(Months::new(months as u32))
    } else {
        l.checked_sub_months(Months::new(months.unsigned_abs() as u32))
    };
    r.ok_or_else(out_of_range)
}

pub(super) fn last_day_of(d: &NaiveDate) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(d.year(), d.month(), 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

/// Spark's day-of-week names for `next_day`: Monday is 0.
pub(super) fn day_of_week(s: &str) -> Option<u32> {
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
pub(super) fn part(l: &NaiveDateTime, field: &str) -> i64 {
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
pub(super) fn months_until(a: &NaiveDateTime, b: &NaiveDateTime) -> i64 {
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

pub(super) fn unit_micros(unit: &str) -> Option<i64> {
    Some(match unit {
        "MICROSECOND" => 1,
        "MILLISECOND" => 1000,
        "SECOND" => 1_000_000,
        "MINUTE" => 60_000_000,
        "HOUR" => 3_600_000_000,
        _ => return None,
    })
}

pub(super) fn illegal_day_of_week(s: &str) -> SparkError {
    SparkError::new(
        ErrorKind::IllegalArgument,
        "ILLEGAL_DAY_OF_WEEK",
        "22009",
        format!("Illegal input for day of week: {s}."),
        &[("string", s.to_string())],
    )
}

pub(super) fn ts_add(z: &Zone, unit: &str, qty: i64, micros: i64) -> R<i64> {
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

pub(super) fn months_between(l1: &NaiveDateTime, l2: &NaiveDateTime, round: bool) -> f64 {
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
pub(super) fn make_local(v: [i32; 5], sec: f64) -> R<NaiveDateTime> {
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
