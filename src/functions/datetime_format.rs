//! Spark's datetime patterns (`yyyy-MM-dd HH:mm:ss`, `MMM d, y`, `'T'`, …):
//! a pattern is compiled once into tokens, which then format local
//! date-times and parse text as Spark's DateTimeFormatter-based formatter
//! does (strict field widths, case-insensitive names, optional sections).

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::datetime_zone::{offset_colon, parse_offset, Zone};
use crate::error::{ErrorKind, SparkError};

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Lit(String),
    /// A pattern letter and how many times it is repeated.
    Field(char, usize),
    /// `[` and `]`: an optional section.
    Open,
    Close,
}

const DOC: &str = "https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html";

fn recognition_error(pattern: &str) -> SparkError {
    SparkError::new(
        ErrorKind::SparkUpgrade,
        "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION",
        "42K0B",
        format!(
            "You may get a different result due to the upgrading to Spark >= 3.0:\nFail to recognize '{pattern}' pattern in the DateTimeFormatter.\n1) You can set \"spark.sql.legacy.timeParserPolicy\" to \"LEGACY\" to restore the behavior before Spark 3.0.\n2) You can form a valid datetime pattern with the guide from '{DOC}'."
        ),
        &[
            ("pattern", format!("'{pattern}'")),
            ("config", "\"spark.sql.legacy.timeParserPolicy\"".into()),
            ("docroot", "https://spark.apache.org/docs/latest".into()),
        ],
    )
}

fn letter_error(pattern: &str, c: char) -> SparkError {
    match c {
        'c' | 'e' => SparkError::new(
            ErrorKind::IllegalArgument,
            "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN",
            "42K0B",
            format!("You may get a different result due to the upgrading to Spark >= 3.0:\nAll week-based patterns are unsupported since Spark 3.0, detected week-based character: {c}.\nPlease use the SQL function EXTRACT instead."),
            &[("c", c.to_string())],
        ),
        'Y' | 'W' | 'w' | 'u' => recognition_error(pattern),
        'A' | 'B' | 'n' | 'N' | 'p' => SparkError::new(
            ErrorKind::IllegalArgument,
            "INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER",
            "22007",
            format!("Unrecognized datetime pattern: {pattern}. Illegal pattern character found in datetime pattern: {c}. Please provide legal character."),
            &[("pattern", pattern.to_string()), ("c", c.to_string())],
        ),
        _ => SparkError::new(
            ErrorKind::SparkRuntime,
            "INVALID_DATETIME_PATTERN.WITH_SUGGESTION",
            "22007",
            format!("Unrecognized datetime pattern: '{pattern}'. You can form a valid datetime pattern with the guide from '{DOC}'."),
            &[("pattern", format!("'{pattern}'")), ("docroot", "https://spark.apache.org/docs/latest".into())],
        ),
    }
}

/// The largest count each pattern letter takes.
fn max_count(c: char) -> Option<usize> {
    Some(match c {
        'G' | 'M' | 'L' | 'Q' | 'q' | 'X' | 'x' | 'Z' => 5,
        'y' => 10,
        'd' | 'h' | 'K' | 'k' | 'H' | 'm' | 's' | 'V' => 2,
        'D' => 3,
        'E' | 'z' | 'O' => 4,
        'F' | 'a' => 1,
        'S' => 9,
        _ => return None,
    })
}

/// Compiles a Spark datetime pattern; an unknown or misused letter raises
/// Spark's error for it.
pub fn compile(pattern: &str) -> Result<Vec<Tok>, SparkError> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = vec![];
    let mut lit = String::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            if chars.get(i + 1) == Some(&'\'') {
                lit.push('\'');
                i += 2;
                continue;
            }
            let mut j = i + 1;
            loop {
                match chars.get(j) {
                    None => return Err(recognition_error(pattern)),
                    Some('\'') if chars.get(j + 1) == Some(&'\'') => {
                        lit.push('\'');
                        j += 2;
                    }
                    Some('\'') => break,
                    Some(ch) => {
                        lit.push(*ch);
                        j += 1;
                    }
                }
            }
            i = j + 1;
            continue;
        }
        if c.is_ascii_alphabetic() {
            let Some(max) = max_count(c) else {
                return Err(letter_error(pattern, c));
            };
            let mut n = 1;
            while chars.get(i + n) == Some(&c) {
                n += 1;
            }
            let bad = n > max || (c == 'V' && n != 2) || (c == 'O' && n != 1 && n != 4);
            if bad {
                return Err(if c == 'V' || c == 'O' {
                    letter_error(pattern, 'P')
                } else {
                    recognition_error(pattern)
                });
            }
            if !lit.is_empty() {
                out.push(Tok::Lit(std::mem::take(&mut lit)));
            }
            out.push(Tok::Field(c, n));
            i += n;
            continue;
        }
        match c {
            '[' | ']' => {
                if !lit.is_empty() {
                    out.push(Tok::Lit(std::mem::take(&mut lit)));
                }
                if c == '[' {
                    depth += 1;
                    out.push(Tok::Open);
                } else {
                    if depth == 0 {
                        return Err(recognition_error(pattern));
                    }
                    depth -= 1;
                    out.push(Tok::Close);
                }
            }
            '{' | '}' | '#' => return Err(recognition_error(pattern)),
            _ => lit.push(c),
        }
        i += 1;
    }
    if !lit.is_empty() {
        out.push(Tok::Lit(lit));
    }
    out.extend(std::iter::repeat_n(Tok::Close, depth));
    Ok(out)
}

/// Compiles a pattern for parsing: `E`, `F`, `q` and `Q` only format.
pub fn compile_for_parse(pattern: &str) -> Result<Vec<Tok>, SparkError> {
    let toks = compile(pattern)?;
    let format_only = toks
        .iter()
        .any(|t| matches!(t, Tok::Field('E' | 'F' | 'q' | 'Q', _)));
    if format_only {
        return Err(recognition_error(pattern));
    }
    Ok(toks)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub fn month_name(m: u32, full: bool) -> &'static str {
    let name = MONTHS[(m as usize + 11) % 12];
    if full {
        name
    } else {
        &name[..3]
    }
}

/// Monday is 0.
pub fn day_name(d: u32, full: bool) -> &'static str {
    let name = DAYS[d as usize % 7];
    if full {
        name
    } else {
        &name[..3]
    }
}

/// Appends `v` zero-padded to `width` digits (a minus sign before them).
fn push_padded(out: &mut String, v: i64, width: usize) {
    if v < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut n = v.unsigned_abs();
    let mut len = 0;
    loop {
        digits[len] = b'0' + (n % 10) as u8;
        n /= 10;
        len += 1;
        if n == 0 {
            break;
        }
    }
    for _ in len..width {
        out.push('0');
    }
    for d in digits[..len].iter().rev() {
        out.push(*d as char);
    }
}

fn ordinal(q: u32) -> &'static str {
    ["1st", "2nd", "3rd", "4th"][(q as usize + 3) % 4]
}

/// An instant to format: its local date-time, its zone and its offset.
pub struct Moment<'a> {
    pub local: NaiveDateTime,
    pub utc: NaiveDateTime,
    pub zone: &'a Zone,
}

/// Formats a moment with a compiled pattern.
#[cfg(test)]
pub fn format(toks: &[Tok], m: &Moment) -> Result<String, SparkError> {
    let mut out = String::new();
    format_into(toks, m, &mut out)?;
    Ok(out)
}

/// Appends a moment formatted with a compiled pattern to `out`.
pub fn format_into(toks: &[Tok], m: &Moment, out: &mut String) -> Result<(), SparkError> {
    let l = &m.local;
    let off = || m.zone.offset_at(&m.utc);
    for t in toks {
        let (c, n) = match t {
            Tok::Lit(s) => {
                out.push_str(s);
                continue;
            }
            Tok::Field(c, n) => (*c, *n),
            Tok::Open | Tok::Close => continue,
        };
        let year = l.year() as i64;
        let quarter = (l.month() - 1) / 3 + 1;
        let h12 = |h: u32| if h.is_multiple_of(12) { 12 } else { h % 12 };
        let number = match (c, n) {
            ('y', 2) => Some(year.rem_euclid(100)),
            ('y', _) => Some(if year > 0 { year } else { 1 - year }),
            ('M' | 'L', 1 | 2) => Some(l.month() as i64),
            ('d', _) => Some(l.day() as i64),
            ('D', _) => Some(l.ordinal() as i64),
            ('Q' | 'q', 1 | 2) => Some(quarter as i64),
            ('h', _) => Some(h12(l.hour()) as i64),
            ('K', _) => Some((l.hour() % 12) as i64),
            ('k', _) => Some(if l.hour() == 0 { 24 } else { l.hour() } as i64),
            ('H', _) => Some(l.hour() as i64),
            ('m', _) => Some(l.minute() as i64),
            ('s', _) => Some(l.second() as i64),
            _ => None,
        };
        if let Some(v) = number {
            push_padded(out, v, n);
            continue;
        }
        let s: String = match (c, n) {
            ('G', 4) => if year > 0 {
                "Anno Domini"
            } else {
                "Before Christ"
            }
            .into(),
            ('G', 5) => if year > 0 { "A" } else { "B" }.into(),
            ('G', _) => if year > 0 { "AD" } else { "BC" }.into(),
            ('M' | 'L', 3) => month_name(l.month(), false).into(),
            ('M' | 'L', 4) => month_name(l.month(), true).into(),
            ('M' | 'L', 5) => month_name(l.month(), true)[..1].into(),
            ('Q' | 'q', 3) => format!("Q{quarter}"),
            ('Q' | 'q', 4) => format!("{} quarter", ordinal(quarter)),
            ('Q' | 'q', 5) => quarter.to_string(),
            ('E', 4) => day_name(l.weekday().num_days_from_monday(), true).into(),
            ('E', _) => day_name(l.weekday().num_days_from_monday(), false).into(),
            ('F', _) => ((l.day() - 1) % 7 + 1).to_string(),
            ('a', _) => if l.hour() < 12 { "AM" } else { "PM" }.into(),
            ('S', n) => format!("{:09}", l.nanosecond() % 1_000_000_000)[..n].to_string(),
            ('V', _) => m.zone.id(),
            ('z', 4) => match m.zone.short_name(&m.utc).as_str() {
                "UTC" => "Coordinated Universal Time".into(),
                "GMT" => "Greenwich Mean Time".into(),
                "PST" => "Pacific Standard Time".into(),
                "PDT" => "Pacific Daylight Time".into(),
                _ => {
                    return Err(SparkError::not_implemented(
                        "date_format with the full zone name 'zzzz'",
                    ))
                }
            },
            ('z', _) => m.zone.short_name(&m.utc),
            ('O', n) => gmt(off(), n == 4),
            ('X', _) if off() == 0 => "Z".into(),
            ('X' | 'x', n) => iso_offset(off(), n),
            ('Z', 4) => gmt(off(), true),
            ('Z', 5) => offset_colon(off(), true),
            ('Z', _) => iso_offset(off(), 2),
            _ => return Err(letter_error(&c.to_string(), c)),
        };
        out.push_str(&s);
    }
    Ok(())
}

/// `GMT`, `GMT-8`, `GMT+5:30` (or `GMT-08:00` when long).
fn gmt(off: i32, long: bool) -> String {
    if off == 0 {
        return "GMT".into();
    }
    let sign = if off < 0 { '-' } else { '+' };
    let a = off.unsigned_abs();
    let (h, m) = (a / 3600, a / 60 % 60);
    if long {
        format!("GMT{sign}{h:02}:{m:02}")
    } else if m == 0 {
        format!("GMT{sign}{h}")
    } else {
        format!("GMT{sign}{h}:{m:02}")
    }
}

/// `X`/`x` offsets: 1 `+hh[mm]`, 2 `+hhmm`, 3 `+hh:mm`, 4 `+hhmm[ss]`, 5 `+hh:mm[:ss]`.
fn iso_offset(off: i32, n: usize) -> String {
    let sign = if off < 0 { '-' } else { '+' };
    let a = off.unsigned_abs();
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    match n {
        1 if m == 0 => format!("{sign}{h:02}"),
        1 | 2 => format!("{sign}{h:02}{m:02}"),
        3 => format!("{sign}{h:02}:{m:02}"),
        4 if s != 0 => format!("{sign}{h:02}{m:02}{s:02}"),
        4 => format!("{sign}{h:02}{m:02}"),
        _ if s != 0 => format!("{sign}{h:02}:{m:02}:{s:02}"),
        _ => format!("{sign}{h:02}:{m:02}"),
    }
}

/// Why a text did not parse, as Java's DateTimeParseException words it.
#[derive(Debug, Clone, PartialEq)]
pub enum ParseError {
    At(usize),
    Unparsed(usize),
    Invalid(String),
}

impl ParseError {
    pub fn message(&self, text: &str) -> String {
        match self {
            ParseError::At(i) => format!("Text '{text}' could not be parsed at index {i}"),
            ParseError::Unparsed(i) => {
                format!("Text '{text}' could not be parsed, unparsed text found at index {i}")
            }
            ParseError::Invalid(m) => format!("Text '{text}' could not be parsed: {m}"),
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Fields {
    year: Option<i64>,
    bc: bool,
    month: Option<i64>,
    day: Option<i64>,
    doy: Option<i64>,
    hour: Option<(char, i64)>,
    pm: Option<bool>,
    minute: Option<i64>,
    second: Option<i64>,
    micros: Option<i64>,
    zone: Option<Zone>,
}

/// A parsed text: its local date-time and the zone it named, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub local: NaiveDateTime,
    pub zone: Option<Zone>,
}

fn is_numeric(c: char, n: usize) -> bool {
    match c {
        'y' | 'd' | 'D' | 'h' | 'K' | 'k' | 'H' | 'm' | 's' | 'F' => true,
        'M' | 'L' | 'Q' | 'q' => n <= 2,
        _ => false,
    }
}

/// (min, max) digits a numeric field takes when parsing.
fn widths(c: char, n: usize) -> (usize, usize) {
    match (c, n) {
        ('y', 2) => (2, 2),
        ('y', 3) => (3, 19),
        ('y', n) if n >= 4 => (n, 19),
        ('D', 2) => (2, 3),
        (_, 1) => (1, 19),
        (_, n) => (n, 19.min(n.max(2))),
    }
}

/// Parses a text with a compiled pattern.
pub fn parse(toks: &[Tok], text: &str) -> Result<Parsed, ParseError> {
    let s = text.as_bytes();
    let mut pos = 0;
    let mut f = Fields::default();
    parse_seq(toks, s, &mut pos, &mut f).map_err(ParseError::At)?;
    if pos < s.len() {
        return Err(ParseError::Unparsed(pos));
    }
    resolve(f)
}

/// The index of the `Close` matching the `Open` at `i`.
fn matching_close(toks: &[Tok], i: usize) -> usize {
    let mut depth = 0;
    for (j, t) in toks.iter().enumerate().skip(i) {
        match t {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    toks.len()
}

fn parse_seq(toks: &[Tok], s: &[u8], pos: &mut usize, f: &mut Fields) -> Result<(), usize> {
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Open => {
                let j = matching_close(toks, i);
                let (save_pos, save_f) = (*pos, f.clone());
                if parse_seq(&toks[i + 1..j.min(toks.len())], s, pos, f).is_err() {
                    *pos = save_pos;
                    *f = save_f;
                }
                i = j + 1;
                continue;
            }
            Tok::Close => {}
            Tok::Lit(l) => {
                let lb = l.as_bytes();
                let end = *pos + lb.len();
                if end > s.len() || !s[*pos..end].eq_ignore_ascii_case(lb) {
                    return Err(*pos);
                }
                *pos = end;
            }
            Tok::Field(c, n) => {
                let (c, n) = (*c, *n);
                if is_numeric(c, n) {
                    let (min, max) = widths(c, n);
                    let reserved: usize = toks[i + 1..]
                        .iter()
                        .map_while(|t| match t {
                            Tok::Field(c2, n2) if is_numeric(*c2, *n2) => {
                                let (a, b) = widths(*c2, *n2);
                                (a == b).then_some(a)
                            }
                            _ => None,
                        })
                        .sum();
                    let avail = s[*pos..].iter().take_while(|b| b.is_ascii_digit()).count();
                    let take = if max > min {
                        avail.saturating_sub(reserved).min(max)
                    } else {
                        max
                    };
                    // Wider years need a sign in strict parsing.
                    if take < min || avail < take || (c == 'y' && n >= 4 && take > n) {
                        return Err(*pos);
                    }
                    let mut v: i64 = 0;
                    for b in &s[*pos..*pos + take] {
                        v = v.saturating_mul(10).saturating_add((b - b'0') as i64);
                    }
                    *pos += take;
                    set_numeric(f, c, n, v);
                } else {
                    parse_text(f, c, n, s, pos)?;
                }
            }
        }
        i += 1;
    }
    Ok(())
}

fn set_numeric(f: &mut Fields, c: char, n: usize, v: i64) {
    match c {
        'y' if n == 2 => f.year = Some(2000 + v),
        'y' => f.year = Some(v),
        'M' | 'L' => f.month = Some(v),
        'd' => f.day = Some(v),
        'D' => f.doy = Some(v),
        'h' | 'K' | 'k' | 'H' => f.hour = Some((c, v)),
        'm' => f.minute = Some(v),
        's' => f.second = Some(v),
        _ => {}
    }
}

/// Matches one of `names` (case-insensitively) at `pos`: its index.
fn match_name<'a>(
    s: &[u8],
    pos: &mut usize,
    names: impl Iterator<Item = &'a str>,
) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, name) in names.enumerate() {
        let nb = name.as_bytes();
        let end = *pos + nb.len();
        if end <= s.len()
            && s[*pos..end].eq_ignore_ascii_case(nb)
            && best.is_none_or(|(_, l)| nb.len() > l)
        {
            best = Some((i, nb.len()));
        }
    }
    let (i, len) = best?;
    *pos += len;
    Some(i)
}

fn parse_text(f: &mut Fields, c: char, n: usize, s: &[u8], pos: &mut usize) -> Result<(), usize> {
    let start = *pos;
    let fail = |_| start;
    match c {
        'M' | 'L' => {
            let full = n == 4;
            let i = match_name(s, pos, (1..=12).map(|m| month_name(m, full))).ok_or(start)?;
            f.month = Some(i as i64 + 1);
        }
        'E' => {
            match_name(s, pos, (0..7).map(|d| day_name(d, n == 4))).ok_or(start)?;
        }
        'a' => {
            let i = match_name(s, pos, ["AM", "PM"].into_iter()).ok_or(start)?;
            f.pm = Some(i == 1);
        }
        'G' => {
            let names = ["AD", "BC", "Anno Domini", "Before Christ"];
            let i = match_name(s, pos, names.into_iter()).ok_or(start)?;
            f.bc = i % 2 == 1;
        }
        'S' => {
            let avail = s[*pos..].iter().take_while(|b| b.is_ascii_digit()).count();
            let take = avail.min(n);
            if take == 0 {
                return Err(start);
            }
            let mut v: i64 = 0;
            for b in &s[*pos..*pos + take] {
                v = v * 10 + (b - b'0') as i64;
            }
            let v = if take > 6 {
                v / 10i64.pow(take as u32 - 6)
            } else {
                v * 10i64.pow(6 - take as u32)
            };
            *pos += take;
            f.micros = Some(v);
        }
        'Q' | 'q' => {
            let i = match n {
                3 => match_name(s, pos, ["Q1", "Q2", "Q3", "Q4"].into_iter()),
                _ => match_name(s, pos, (1..=4).map(ordinal)),
            };
            i.ok_or(start)?;
        }
        'V' | 'z' => {
            let len = s[*pos..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || b"/_+-:".contains(b))
                .count();
            let id = std::str::from_utf8(&s[*pos..*pos + len]).map_err(fail)?;
            f.zone = Some(Zone::parse(id).ok_or(start)?);
            *pos += len;
        }
        'O' => {
            if !s[*pos..].starts_with(b"GMT") {
                return Err(start);
            }
            *pos += 3;
            let off = take_offset(s, pos).unwrap_or(0);
            f.zone = Some(Zone::Fixed(off, "GMT".into()));
        }
        'X' | 'x' | 'Z' => {
            if (c == 'X' || (c == 'Z' && n == 5)) && s.get(*pos).is_some_and(|b| *b == b'Z') {
                *pos += 1;
                f.zone = Some(Zone::Fixed(0, "Z".into()));
                return Ok(());
            }
            if c == 'Z' && n == 4 {
                if !s[*pos..].starts_with(b"GMT") {
                    return Err(start);
                }
                *pos += 3;
            }
            let off = take_offset(s, pos).ok_or(start)?;
            f.zone = Some(Zone::Fixed(off, offset_colon(off, false)));
        }
        _ => return Err(start),
    }
    Ok(())
}

fn take_offset(s: &[u8], pos: &mut usize) -> Option<i32> {
    let len = s[*pos..]
        .iter()
        .enumerate()
        .take_while(|(i, b)| {
            (*i == 0 && (**b == b'+' || **b == b'-'))
                || (*i > 0 && (b.is_ascii_digit() || **b == b':'))
        })
        .count();
    let text = std::str::from_utf8(&s[*pos..*pos + len]).ok()?;
    let off = parse_offset(text)?;
    *pos += len;
    Some(off)
}

fn invalid(field: &str, range: &str, v: i64) -> ParseError {
    ParseError::Invalid(format!(
        "Invalid value for {field} (valid values {range}): {v}"
    ))
}

fn resolve(f: Fields) -> Result<Parsed, ParseError> {
    let mut year = f.year.unwrap_or(1970);
    if f.bc {
        year = 1 - year;
    }
    let date = match (f.doy, f.month, f.day) {
        (Some(doy), None, None) => {
            if !(1..=366).contains(&doy) {
                return Err(invalid("DayOfYear", "1 - 365/366", doy));
            }
            NaiveDate::from_yo_opt(year as i32, doy as u32).ok_or_else(|| {
                ParseError::Invalid(format!(
                    "Invalid date 'DayOfYear 366' as '{year}' is not a leap year"
                ))
            })?
        }
        (_, m, d) => {
            let (m, d) = (m.unwrap_or(1), d.unwrap_or(1));
            if !(1..=12).contains(&m) {
                return Err(invalid("MonthOfYear", "1 - 12", m));
            }
            if !(1..=31).contains(&d) {
                return Err(invalid("DayOfMonth", "1 - 28/31", d));
            }
            NaiveDate::from_ymd_opt(year as i32, m as u32, d as u32).ok_or_else(|| {
                ParseError::Invalid(format!(
                    "Invalid date '{} {d}'",
                    month_name(m as u32, true).to_uppercase()
                ))
            })?
        }
    };
    let hour = match f.hour {
        None => 0,
        Some(('H', h)) if !(0..=23).contains(&h) => {
            return Err(invalid("HourOfDay", "0 - 23", h));
        }
        Some(('k', h)) if !(1..=24).contains(&h) => {
            return Err(invalid("ClockHourOfDay", "1 - 24", h));
        }
        Some(('h', h)) if !(1..=12).contains(&h) => {
            return Err(invalid("ClockHourOfAmPm", "1 - 12", h));
        }
        Some(('K', h)) if !(0..=11).contains(&h) => {
            return Err(invalid("HourOfAmPm", "0 - 11", h));
        }
        Some(('H', h)) => h,
        Some(('k', h)) => h % 24,
        Some((_, h)) => h % 12 + if f.pm == Some(true) { 12 } else { 0 },
    };
    let minute = f.minute.unwrap_or(0);
    if !(0..=59).contains(&minute) {
        return Err(invalid("MinuteOfHour", "0 - 59", minute));
    }
    let second = f.second.unwrap_or(0);
    if !(0..=59).contains(&second) {
        return Err(invalid("SecondOfMinute", "0 - 59", second));
    }
    let time = NaiveTime::from_hms_micro_opt(
        hour as u32,
        minute as u32,
        second as u32,
        f.micros.unwrap_or(0) as u32,
    )
    .ok_or_else(|| ParseError::Invalid("Invalid time".into()))?;
    Ok(Parsed {
        local: date.and_time(time),
        zone: f.zone,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(pattern: &str, local: &str, zone: &str) -> String {
        let toks = compile(pattern).unwrap_or_default();
        let local = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M:%S%.f")
            .unwrap_or(NaiveDateTime::MIN);
        let zone = Zone::parse(zone).unwrap_or(Zone::Fixed(0, "UTC".into()));
        let utc = local - chrono::Duration::seconds(zone.offset_at(&local) as i64);
        format(
            &toks,
            &Moment {
                local,
                utc,
                zone: &zone,
            },
        )
        .unwrap_or_default()
    }

    fn parsed(pattern: &str, text: &str) -> Result<String, ParseError> {
        let toks = compile(pattern).map_err(|e| ParseError::Invalid(e.message))?;
        parse(&toks, text).map(|p| p.local.format("%Y-%m-%d %H:%M:%S%.f").to_string())
    }

    #[test]
    fn patterns_compile_into_fields_and_literals() {
        assert_eq!(
            compile("yyyy-MM-dd'T'HH''").ok(),
            Some(vec![
                Tok::Field('y', 4),
                Tok::Lit("-".into()),
                Tok::Field('M', 2),
                Tok::Lit("-".into()),
                Tok::Field('d', 2),
                Tok::Lit("T".into()),
                Tok::Field('H', 2),
                Tok::Lit("'".into()),
            ])
        );
        let err = |p: &str| {
            compile(p)
                .err()
                .and_then(|e| e.condition)
                .unwrap_or_default()
        };
        assert_eq!(err("yyyy P"), "INVALID_DATETIME_PATTERN.WITH_SUGGESTION");
        assert_eq!(
            err("YYYY"),
            "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"
        );
        assert_eq!(
            err("dddd"),
            "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"
        );
        assert_eq!(err("n"), "INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER");
    }

    #[test]
    fn formats_as_spark() {
        let ts = "2024-01-02 13:04:05.123456";
        assert_eq!(
            fmt(
                "yyyy-MM-dd HH:mm:ss.SSS a E EEEE MMM MMMM D Q h K k",
                ts,
                "UTC"
            ),
            "2024-01-02 13:04:05.123 PM Tue Tuesday Jan January 2 1 1 1 13"
        );
        assert_eq!(
            fmt("XXX Z VV z zzzz O x xx", ts, "UTC"),
            "Z +0000 UTC UTC Coordinated Universal Time GMT +00 +0000"
        );
        assert_eq!(fmt("yyy y yy yyyyy", ts, "UTC"), "2024 2024 24 02024");
        assert_eq!(
            fmt("G GGGG QQQ QQQQ qq", ts, "UTC"),
            "AD Anno Domini Q1 1st quarter 01"
        );
        assert_eq!(fmt("S SS SSSSSSSSS", ts, "UTC"), "1 12 123456000");
        assert_eq!(fmt("'T'HH'o''clock'", ts, "UTC"), "T13o'clock");
        assert_eq!(
            fmt(
                "z VV O OOOO X XX XXX x Z ZZZZ ZZZZZ",
                "2024-07-02 13:04:05",
                "America/Los_Angeles"
            ),
            "PDT America/Los_Angeles GMT-7 GMT-07:00 -07 -0700 -07:00 -07 -0700 GMT-07:00 -07:00"
        );
        assert_eq!(
            fmt("VV O OOOO X XX XXX", ts, "+05:30"),
            "+05:30 GMT+5:30 GMT+05:30 +0530 +0530 +05:30"
        );
    }

    #[test]
    fn parses_as_spark() {
        let ok = |p: &str, t: &str| parsed(p, t).unwrap_or_else(|e| format!("{e:?}"));
        assert_eq!(ok("yyyyMMdd", "20240102"), "2024-01-02 00:00:00");
        assert_eq!(ok("yyyy-M-d", "2024-1-15"), "2024-01-15 00:00:00");
        assert_eq!(ok("yy-MM-dd", "24-01-02"), "2024-01-02 00:00:00");
        assert_eq!(ok("yyyy MMM dd", "2024 jan 02"), "2024-01-02 00:00:00");
        assert_eq!(
            ok("yyyy-MM-dd hh:mm:ss a", "2024-01-02 01:02:03 PM"),
            "2024-01-02 13:02:03"
        );
        assert_eq!(
            ok("yyyy-MM-dd HH:mm:ss.SSS", "2024-01-02 03:04:05.1"),
            "2024-01-02 03:04:05.100"
        );
        assert_eq!(ok("yyyy-DDD", "2024-060"), "2024-02-29 00:00:00");
        assert_eq!(ok("MM", "12"), "1970-12-01 00:00:00");
        assert_eq!(ok("yyyy-MM-dd[ HH]", "2024-01-02"), "2024-01-02 00:00:00");
        assert_eq!(
            ok("yyyy-MM-dd[ HH]", "2024-01-02 03"),
            "2024-01-02 03:00:00"
        );
        assert_eq!(ok("hh:mm", "12:00"), "1970-01-01 00:00:00");
        assert_eq!(parsed("yyyy-MM-dd", "2024-1-2"), Err(ParseError::At(5)));
        assert_eq!(parsed("yyyy-MM-dd", "12345-01-02"), Err(ParseError::At(0)));
        assert_eq!(
            parsed("yyyy-MM-dd", "2024-01-02x"),
            Err(ParseError::Unparsed(10))
        );
        assert_eq!(
            parsed("yyyy-MM-dd", "2024-02-30"),
            Err(ParseError::Invalid("Invalid date 'FEBRUARY 30'".into()))
        );
        assert_eq!(
            parsed("yyyy-MM-dd", "2024-13-02").map_err(|e| e.message("x")),
            Err("Text 'x' could not be parsed: Invalid value for MonthOfYear (valid values 1 - 12): 13".into())
        );
    }

    #[test]
    fn parses_zones() {
        let toks = compile("yyyy-MM-dd HH:mm:ss Z").unwrap_or_default();
        let p = parse(&toks, "2024-01-02 03:04:05 +0800").ok();
        assert_eq!(
            p.and_then(|p| p.zone),
            Some(Zone::Fixed(28800, "+08:00".into()))
        );
        let toks = compile("yyyy-MM-dd HH:mm:ss VV").unwrap_or_default();
        assert!(parse(&toks, "2024-01-02 03:04:05 America/New_York").is_ok());
    }
}
