//! Time zones as Spark reads them (region ids, `Z`/`UTC`, offsets such as
//! `+08:00` or `GMT-8`, Java's short ids such as `PST`), conversions between
//! instants and local date-times, and Spark's cast of a string to a date or
//! a timestamp.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use chrono_tz::{OffsetName, Tz};

use crate::error::{ErrorKind, SparkError};

pub const MICROS_PER_SEC: i64 = 1_000_000;
pub const MICROS_PER_DAY: i64 = 86_400 * MICROS_PER_SEC;

/// A time zone: a region of the tz database or a fixed offset.
#[derive(Debug, Clone, PartialEq)]
pub enum Zone {
    Region(Tz),
    /// Seconds east of UTC, and the id as written (`+08:00`, `UTC`).
    Fixed(i32, String),
}

/// Java's `ZoneId.SHORT_IDS`, which Spark accepts.
const SHORT_IDS: &[(&str, &str)] = &[
    ("ACT", "Australia/Darwin"),
    ("AET", "Australia/Sydney"),
    ("AGT", "America/Argentina/Buenos_Aires"),
    ("ART", "Africa/Cairo"),
    ("AST", "America/Anchorage"),
    ("BET", "America/Sao_Paulo"),
    ("BST", "Asia/Dhaka"),
    ("CAT", "Africa/Harare"),
    ("CNT", "America/St_Johns"),
    ("CST", "America/Chicago"),
    ("CTT", "Asia/Shanghai"),
    ("EAT", "Africa/Addis_Ababa"),
    ("ECT", "Europe/Paris"),
    ("IET", "America/Indiana/Indianapolis"),
    ("IST", "Asia/Kolkata"),
    ("JST", "Asia/Tokyo"),
    ("MIT", "Pacific/Apia"),
    ("NET", "Asia/Yerevan"),
    ("NST", "Pacific/Auckland"),
    ("PLT", "Asia/Karachi"),
    ("PNT", "America/Phoenix"),
    ("PRT", "America/Puerto_Rico"),
    ("PST", "America/Los_Angeles"),
    ("SST", "Pacific/Guadalcanal"),
    ("VST", "Asia/Ho_Chi_Minh"),
    ("EST", "-05:00"),
    ("MST", "-07:00"),
    ("HST", "-10:00"),
];

/// `±h`, `±hh`, `±hh:mm`, `±hhmm`, `±hh:mm:ss`: seconds east of UTC.
pub fn parse_offset(s: &str) -> Option<i32> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit() || b == b':') {
        return None;
    }
    let parts: Vec<&str> = if rest.contains(':') {
        rest.split(':').collect()
    } else if rest.len() <= 2 {
        vec![rest]
    } else if rest.len() == 4 {
        vec![&rest[..2], &rest[2..]]
    } else if rest.len() == 6 {
        vec![&rest[..2], &rest[2..4], &rest[4..]]
    } else {
        return None;
    };
    let nums: Vec<i32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (h, m, sec) = match nums[..] {
        [h] => (h, 0, 0),
        [h, m] => (h, m, 0),
        [h, m, s] => (h, m, s),
        _ => return None,
    };
    if parts.len() > 1 && parts[1..].iter().any(|p| p.len() != 2) {
        return None;
    }
    if h > 18 || m > 59 || sec > 59 || (h == 18 && (m > 0 || sec > 0)) {
        return None;
    }
    Some(sign * (h * 3600 + m * 60 + sec))
}

impl Zone {
    /// A zone id as Spark's `getZoneId` reads it; `None` when invalid.
    pub fn parse(id: &str) -> Option<Zone> {
        let s = id.trim();
        if s.eq_ignore_ascii_case("Z") || s == "UTC" || s == "GMT" || s == "UT" {
            return Some(Zone::Fixed(0, s.to_string()));
        }
        if let Some(off) = parse_offset(s) {
            return Some(Zone::Fixed(off, s.to_string()));
        }
        for prefix in ["UTC", "GMT", "UT"] {
            if let Some(rest) = s.strip_prefix(prefix) {
                if let Some(off) = parse_offset(rest) {
                    return Some(Zone::Fixed(off, s.to_string()));
                }
            }
        }
        if let Some((_, target)) = SHORT_IDS.iter().find(|(k, _)| *k == s) {
            if let Some(off) = parse_offset(target) {
                return Some(Zone::Fixed(off, target.to_string()));
            }
            return target.parse::<Tz>().ok().map(Zone::Region);
        }
        s.parse::<Tz>().ok().map(Zone::Region)
    }

    /// The zone, or Spark's INVALID_TIMEZONE error.
    pub fn parse_or_err(id: &str) -> Result<Zone, SparkError> {
        Zone::parse(id).ok_or_else(|| invalid_timezone(id))
    }

    /// Seconds east of UTC at an instant (a UTC date-time).
    pub fn offset_at(&self, utc: &NaiveDateTime) -> i32 {
        match self {
            Zone::Fixed(o, _) => *o,
            Zone::Region(tz) => tz.offset_from_utc_datetime(utc).fix().local_minus_utc(),
        }
    }

    /// The local date-time of an instant given in microseconds.
    pub fn to_local(&self, micros: i64) -> Option<NaiveDateTime> {
        let utc = DateTime::from_timestamp_micros(micros)?.naive_utc();
        Some(utc + Duration::seconds(self.offset_at(&utc) as i64))
    }

    /// The instant of a local date-time, as Java's `ZonedDateTime.of` picks
    /// it: the earlier offset in an overlap, shifted forward in a gap.
    pub fn to_utc_micros(&self, local: &NaiveDateTime) -> i64 {
        let offset = match self {
            Zone::Fixed(o, _) => *o,
            Zone::Region(tz) => match tz.offset_from_local_datetime(local) {
                chrono::LocalResult::Single(o) => o.fix().local_minus_utc(),
                chrono::LocalResult::Ambiguous(a, b) => {
                    a.fix().local_minus_utc().max(b.fix().local_minus_utc())
                }
                chrono::LocalResult::None => {
                    let before = *local - Duration::days(1);
                    tz.offset_from_utc_datetime(&before).fix().local_minus_utc()
                }
            },
        };
        local.and_utc().timestamp_micros() - offset as i64 * MICROS_PER_SEC
    }

    /// The id (`VV`).
    pub fn id(&self) -> String {
        match self {
            Zone::Region(tz) => tz.name().to_string(),
            Zone::Fixed(_, id) => id.clone(),
        }
    }

    /// The short name at an instant (`z`): `PST`, `UTC`, or the offset.
    pub fn short_name(&self, utc: &NaiveDateTime) -> String {
        match self {
            Zone::Region(tz) => {
                let off = tz.offset_from_utc_datetime(utc);
                match off.abbreviation() {
                    Some(a) if !a.starts_with(['+', '-']) => a.to_string(),
                    _ => offset_colon(off.fix().local_minus_utc(), true),
                }
            }
            Zone::Fixed(0, id) if id == "UTC" || id == "GMT" || id == "UT" => id.clone(),
            Zone::Fixed(0, _) => "Z".into(),
            Zone::Fixed(o, _) => offset_colon(*o, true),
        }
    }
}

/// `+hh:mm` (`Z` for zero when `z_for_zero`).
pub fn offset_colon(secs: i32, z_for_zero: bool) -> String {
    if secs == 0 && z_for_zero {
        return "Z".into();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    let mut s = format!("{sign}{:02}:{:02}", a / 3600, a / 60 % 60);
    if !a.is_multiple_of(60) {
        s.push_str(&format!(":{:02}", a % 60));
    }
    s
}

pub fn invalid_timezone(id: &str) -> SparkError {
    SparkError::new(
        ErrorKind::DateTime,
        "INVALID_TIMEZONE",
        "22009",
        format!(
            "The timezone: {id} is invalid. The timezone must be either a region-based zone ID or a zone offset. Region IDs must have the form 'area/city', such as 'America/Los_Angeles'. Zone offsets must be in the format '(+|-)HH', '(+|-)HH:mm’ or '(+|-)HH:mm:ss', e.g '-08' , '+01:00' or '-13:33:33', and must be in the range from -18:00 to +18:00. 'Z' and 'UTC' are accepted as synonyms for '+00:00'."
        ),
        &[("timeZone", id.to_string())],
    )
}

/// Days since the epoch of a date.
pub fn days_of(d: &NaiveDate) -> i32 {
    d.num_days_from_ce() - EPOCH_CE_DAYS
}

/// The date of a day count since the epoch.
pub fn date_of(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(EPOCH_CE_DAYS)?)
}

const EPOCH_CE_DAYS: i32 = 719_163;

/// A local date-time as microseconds since the epoch (no zone applied).
pub fn local_micros(dt: &NaiveDateTime) -> i64 {
    dt.and_utc().timestamp_micros()
}

/// The local date-time of microseconds since the epoch (no zone applied).
pub fn local_of(micros: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp_micros(micros).map(|d| d.naive_utc())
}

/// The digits at the start of `s` (at most `max`): value and count.
fn digits(s: &[u8], max: usize) -> (i64, usize) {
    let mut v: i64 = 0;
    let mut n = 0;
    while n < s.len() && n < max && s[n].is_ascii_digit() {
        v = v * 10 + (s[n] - b'0') as i64;
        n += 1;
    }
    (v, n)
}

/// Spark's `stringToDate`: `[+-]yyyy[-[m]m[-[d]d]]`, then optionally a
/// space or `T` and anything.
pub fn cast_to_date(text: &str) -> Option<i32> {
    let s = text.trim().as_bytes();
    let (date, rest) = parse_date_part(s)?;
    if !rest.is_empty() && rest[0] != b' ' && rest[0] != b'T' {
        return None;
    }
    Some(days_of(&date))
}

fn parse_date_part(s: &[u8]) -> Option<(NaiveDate, &[u8])> {
    let (neg, s) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (y, n) = digits(s, 7);
    if n < 4 {
        return None;
    }
    let y = if neg { -y } else { y };
    let mut rest = &s[n..];
    let (mut m, mut d) = (1, 1);
    if rest.first() == Some(&b'-') {
        let (v, n) = digits(&rest[1..], 2);
        if n == 0 {
            return None;
        }
        m = v;
        rest = &rest[1 + n..];
        if rest.first() == Some(&b'-') {
            let (v, n) = digits(&rest[1..], 2);
            if n == 0 {
                return None;
            }
            d = v;
            rest = &rest[1 + n..];
        }
    }
    let date = NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)?;
    Some((date, rest))
}

/// Spark's `stringToTimestamp`: the local date-time and the zone written
/// in the text, if any.
pub fn cast_to_local(text: &str) -> Option<(NaiveDateTime, Option<Zone>)> {
    let s = text.trim().as_bytes();
    let (date, mut rest) = parse_date_part(s)?;
    let mut time = NaiveTime::MIN;
    if rest.is_empty() {
        return Some((date.and_time(time), None));
    }
    if rest[0] != b' ' && rest[0] != b'T' {
        return None;
    }
    rest = &rest[1..];
    let (h, n) = digits(rest, 2);
    if n > 0 {
        rest = &rest[n..];
        if rest.first() != Some(&b':') {
            return None;
        }
        let (mi, n) = digits(&rest[1..], 2);
        if n == 0 {
            return None;
        }
        rest = &rest[1 + n..];
        let (mut sec, mut us) = (0, 0);
        if rest.first() == Some(&b':') {
            let (v, n) = digits(&rest[1..], 2);
            if n == 0 {
                return None;
            }
            sec = v;
            rest = &rest[1 + n..];
            if rest.first() == Some(&b'.') {
                let (v, n) = digits(&rest[1..], 9);
                us = if n > 6 {
                    v / 10i64.pow(n as u32 - 6)
                } else {
                    v * 10i64.pow(6 - n as u32)
                };
                rest = &rest[1 + n..];
            }
        }
        time = NaiveTime::from_hms_micro_opt(h as u32, mi as u32, sec as u32, us as u32)?;
    }
    let zone_text = std::str::from_utf8(rest).ok()?.trim();
    let zone = if zone_text.is_empty() {
        None
    } else {
        Some(Zone::parse(zone_text)?)
    };
    Some((date.and_time(time), zone))
}

/// Spark's cast of a string to a timestamp (microseconds since the epoch,
/// an instant) in the session zone.
pub fn cast_to_timestamp(text: &str, session: &Zone) -> Option<i64> {
    let (local, zone) = cast_to_local(text)?;
    Some(zone.as_ref().unwrap_or(session).to_utc_micros(&local))
}

/// Spark's cast of a string to a timestamp without time zone.
pub fn cast_to_timestamp_ntz(text: &str) -> Option<i64> {
    cast_to_local(text).map(|(l, _)| local_micros(&l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_parse_as_spark_reads_them() {
        assert_eq!(
            Zone::parse("+08:00"),
            Some(Zone::Fixed(28800, "+08:00".into()))
        );
        assert_eq!(
            Zone::parse("GMT-8").map(|z| z.offset_at(&NaiveDateTime::MIN)),
            Some(-28800)
        );
        assert!(matches!(Zone::parse("PST"), Some(Zone::Region(_))));
        assert!(Zone::parse("Foo/Bar").is_none());
        assert!(Zone::parse("America/Los_Angeles").is_some());
    }

    #[test]
    fn strings_cast_to_timestamps() {
        let utc = Zone::parse("UTC").unwrap_or(Zone::Fixed(0, "UTC".into()));
        assert_eq!(
            cast_to_timestamp("1970-01-01 00:00:01", &utc),
            Some(1_000_000)
        );
        assert_eq!(
            cast_to_timestamp("1970-01-01T00:00:01Z", &utc),
            Some(1_000_000)
        );
        assert_eq!(
            cast_to_timestamp("1970-01-01 01:00:00+01:00", &utc),
            Some(0)
        );
        assert_eq!(cast_to_timestamp("1970", &utc), Some(0));
        assert_eq!(cast_to_timestamp("xx", &utc), None);
        assert_eq!(cast_to_date("2024-01-02 03:04"), Some(19724));
    }
}
