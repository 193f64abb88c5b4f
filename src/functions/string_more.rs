//! More string functions: `to_base32`, `from_base32`,
//! `jaro_winkler_similarity`, `sentences`, `regexp_extract_all`,
//! `try_to_binary`, `collation`, `collate` and `current_path`.

use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BinaryArray, BinaryBuilder, Float64Array, ListBuilder, StringArray,
    StringBuilder,
};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, Int64Type};
use datafusion::common::{Result as DFResult, ScalarValue};
use datafusion::logical_expr::Expr as DFExpr;
use datafusion::prelude::lit;
use unicode_segmentation::UnicodeSegmentation;

use super::kernel::{self, Kernel};
use super::spec::{cast_arg, Arg};
use super::{arity, call_name, Builder};
use crate::error::{to_df_error, ErrorKind, Result, SparkError};
use crate::expr::Literal;
use crate::plan::resolve::{Resolved, Resolver};

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("to_base32", to_base32),
    ("from_base32", from_base32),
    ("jaro_winkler_similarity", jaro_winkler_similarity),
    ("sentences", sentences),
    ("regexp_extract_all", regexp_extract_all),
    ("try_to_binary", try_to_binary),
    ("collation", collation),
    ("collate", collate),
    ("current_path", current_path),
];

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Str {
    ToBase32,
    FromBase32,
    JaroWinkler,
    Sentences,
    ExtractAll,
    /// `try_to_binary` with this format (lower case).
    TryToBinary(String),
    /// `concat` of binaries.
    ConcatBinary,
}

/// Arguments cast to the kinds given (the last kind repeats).
fn cast_all(r: &Resolver, args: Vec<Resolved>, kinds: &[Arg]) -> Result<Vec<DFExpr>> {
    args.into_iter()
        .enumerate()
        .map(|(i, a)| {
            let k = kinds.get(i).or(kinds.last()).copied().unwrap_or(Arg::Any);
            cast_arg(r, a, k)
        })
        .collect()
}

fn to_base32(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    let e = kernel::call(
        Str::ToBase32,
        DataType::Utf8,
        vec![cast_arg(r, a, Arg::Bin)?],
    );
    r.make(e, n)
}

fn from_base32(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    let e = kernel::call(
        Str::FromBase32,
        DataType::Binary,
        vec![cast_arg(r, a, Arg::Str)?],
    );
    r.make(e, n)
}

fn jaro_winkler_similarity(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("jaro_winkler_similarity", &args, &[2])?;
    let n = call_name(&name.to_lowercase(), &args);
    let e = kernel::call(
        Str::JaroWinkler,
        DataType::Float64,
        cast_all(r, args, &[Arg::Str])?,
    );
    r.make(e, n)
}

/// `sentences(str[, language[, country]])`: the locale arguments default
/// to '' (and only name the output; the segmentation is Unicode's).
fn sentences(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    arity("sentences", &args, &[1, 2, 3])?;
    while args.len() < 3 {
        args.push(r.literal(&Literal::String(String::new()))?);
    }
    let n = call_name(&name.to_lowercase(), &args);
    let words = Field::new("element", DataType::Utf8, false);
    let ret = DataType::List(Arc::new(Field::new(
        "element",
        DataType::List(Arc::new(words)),
        false,
    )));
    let e = kernel::call(Str::Sentences, ret, cast_all(r, args, &[Arg::Str])?);
    r.make(e, n)
}

/// `regexp_extract_all(str, regexp[, idx = 1])`: the idx-th group of every
/// match ('' when the group took no part).
fn regexp_extract_all(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    arity("regexp_extract_all", &args, &[2, 3])?;
    if args.len() == 2 {
        args.push(r.literal(&Literal::Integer(1))?);
    }
    let n = call_name(&name.to_lowercase(), &args);
    let ret = DataType::List(Arc::new(Field::new("element", DataType::Utf8, true)));
    let e = kernel::call(
        Str::ExtractAll,
        ret,
        cast_all(r, args, &[Arg::Str, Arg::Str, Arg::Long])?,
    );
    r.make(e, n)
}

/// `try_to_binary(str[, fmt])`: as `to_binary`, NULL where the text (or
/// the format) is not valid.
fn try_to_binary(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("try_to_binary", &args, &[1, 2])?;
    let n = call_name(&name.to_lowercase(), &args);
    let fmt = match args.get(1).map(|f| &f.expr) {
        None => "hex".to_string(),
        Some(DFExpr::Literal(ScalarValue::Utf8(Some(f)), _)) => f.to_lowercase(),
        Some(DFExpr::Literal(v, _)) if v.is_null() => {
            return r.make(lit(ScalarValue::Binary(None)), n);
        }
        Some(_) => {
            return Err(SparkError::not_implemented(
                "try_to_binary with a non-constant format",
            ))
        }
    };
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    let e = kernel::call(
        Str::TryToBinary(fmt),
        DataType::Binary,
        vec![cast_arg(r, a, Arg::Str)?],
    );
    r.make(e, n)
}

/// `concat` of binaries: a binary, NULL when any is NULL.
pub(super) fn concat_binary(r: &Resolver, args: Vec<Resolved>, n: String) -> Result<Resolved> {
    let exprs = cast_all(r, args, &[Arg::Bin])?;
    r.make(kernel::call(Str::ConcatBinary, DataType::Binary, exprs), n)
}

fn string_input(name: &str, a: &Resolved, ordinal: &str) -> Result<()> {
    if matches!(
        a.data_type,
        DataType::Utf8 | DataType::Utf8View | DataType::LargeUtf8
    ) {
        return Ok(());
    }
    let sql = format!("{name}({})", a.name);
    Err(SparkError::datatype_mismatch(
        "UNEXPECTED_INPUT_TYPE",
        &sql,
        format!(
            "The {ordinal} parameter requires the \"STRING\" type, however \"{}\" has the type \"{}\".",
            a.name,
            a.spark_type()?.sql_name()
        ),
    ))
}

const DEFAULT_COLLATION: &str = "SYSTEM.BUILTIN.UTF8_BINARY";

/// `collation(str)`: the collation of a string; strings here are all
/// `UTF8_BINARY`.
fn collation(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    string_input("collation", &a, "first")?;
    r.make(lit(DEFAULT_COLLATION), n)
}

/// Spark's built-in collation names other than `UTF8_BINARY` (which is the
/// only one strings here have).
fn is_known_collation(name: &str) -> bool {
    let upper = name.to_uppercase();
    let base = upper.split('_').next().unwrap_or("");
    matches!(
        upper.as_str(),
        "UTF8_LCASE" | "UNICODE" | "UNICODE_CI" | "UNICODE_AI" | "UNICODE_CI_AI"
    ) || (base.len() == 2 && base.chars().all(|c| c.is_ascii_alphabetic()))
}

/// `collate(str, name)`: `UTF8_BINARY` leaves the string as it is; other
/// collations are not supported.
fn collate(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("collate", &args, &[2])?;
    let target = match &args[1].expr {
        DFExpr::Literal(ScalarValue::Utf8(Some(s)), _) => s.clone(),
        _ => {
            return Err(SparkError::not_implemented(
                "collate with a non-constant collation name",
            ))
        }
    };
    let n = format!("{}({}, {target})", name.to_lowercase(), args[0].name);
    let upper = target.to_uppercase();
    let plain = upper
        .strip_prefix("SYSTEM.BUILTIN.")
        .unwrap_or(upper.as_str());
    if plain != "UTF8_BINARY" {
        if is_known_collation(plain) {
            return Err(SparkError::not_implemented(&format!("collation {plain}")));
        }
        return Err(SparkError::new(
            ErrorKind::SparkRuntime,
            "COLLATION_INVALID_NAME",
            "42704",
            format!("The value {target} does not represent a correct collation name."),
            &[("collationName", target.clone())],
        ));
    }
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    string_input("collate", &a, "first")?;
    r.make(a.expr, n)
}

/// `current_path()`: the schemas a function name is looked up in.
fn current_path(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("current_path", &args, &[0])?;
    let db = &r.settings.current_database;
    let path = format!("system.builtin,system.session,spark_catalog.{db}");
    r.make(lit(path), format!("{}()", name.to_lowercase()))
}

fn utf8(a: &ArrayRef) -> DFResult<StringArray> {
    Ok(cast(a, &DataType::Utf8)?.as_string::<i32>().clone())
}

fn binary(a: &ArrayRef) -> DFResult<BinaryArray> {
    Ok(cast(a, &DataType::Binary)?.as_binary::<i32>().clone())
}

impl Kernel for Str {
    fn name(&self) -> &str {
        match self {
            Str::ToBase32 => "spark_to_base32",
            Str::FromBase32 => "spark_from_base32",
            Str::JaroWinkler => "spark_jaro_winkler_similarity",
            Str::Sentences => "spark_sentences",
            Str::ExtractAll => "spark_regexp_extract_all",
            Str::TryToBinary(_) => "spark_try_to_binary",
            Str::ConcatBinary => "spark_concat_binary",
        }
    }

    fn eval(&self, a: &[ArrayRef], rows: usize) -> DFResult<ArrayRef> {
        Ok(match self {
            Str::ToBase32 => {
                let b = binary(&a[0])?;
                let out: StringArray = b.iter().map(|v| v.map(base32_encode)).collect();
                Arc::new(out)
            }
            Str::FromBase32 => {
                let s = utf8(&a[0])?;
                let out: BinaryArray = s.iter().map(|v| v.map(base32_decode)).collect();
                Arc::new(out)
            }
            Str::JaroWinkler => {
                let (l, r) = (utf8(&a[0])?, utf8(&a[1])?);
                let out: Float64Array = l
                    .iter()
                    .zip(r.iter())
                    .map(|(l, r)| Some(jaro_winkler(l?, r?)))
                    .collect();
                Arc::new(out)
            }
            Str::Sentences => {
                let s = utf8(&a[0])?;
                let words = Field::new("element", DataType::Utf8, false);
                let inner = ListBuilder::new(StringBuilder::new()).with_field(Arc::new(words));
                let mut out = ListBuilder::new(inner).with_field(Arc::new(Field::new(
                    "element",
                    DataType::List(Arc::new(Field::new("element", DataType::Utf8, false))),
                    false,
                )));
                for v in s.iter() {
                    let Some(text) = v else {
                        out.append(false);
                        continue;
                    };
                    for sentence in split_sentences(text) {
                        for w in sentence {
                            out.values().values().append_value(w);
                        }
                        out.values().append(true);
                    }
                    out.append(true);
                }
                Arc::new(out.finish())
            }
            Str::ExtractAll => extract_all(a, rows)?,
            Str::ConcatBinary => {
                let parts = a.iter().map(binary).collect::<DFResult<Vec<_>>>()?;
                let mut out = BinaryBuilder::new();
                for i in 0..rows {
                    if parts.iter().any(|p| p.is_null(i)) {
                        out.append_null();
                        continue;
                    }
                    let joined: Vec<u8> = parts.iter().flat_map(|p| p.value(i).to_vec()).collect();
                    out.append_value(joined);
                }
                Arc::new(out.finish())
            }
            Str::TryToBinary(fmt) => {
                let s = utf8(&a[0])?;
                let mut out = BinaryBuilder::new();
                for v in s.iter() {
                    match v.and_then(|t| decode_binary(t, fmt)) {
                        Some(b) => out.append_value(b),
                        None => out.append_null(),
                    }
                }
                Arc::new(out.finish())
            }
        })
    }
}

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base 32, padded with '='.
fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let bits = buf.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        let chars = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < chars {
                out.push(BASE32[((bits >> (35 - 5 * i)) & 31) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Base 32 decoded leniently, as Apache Commons Codec does: either case,
/// characters outside the alphabet skipped, decoding stops at '='; a
/// partial trailing byte is dropped.
fn base32_decode(text: &str) -> Vec<u8> {
    let mut out = vec![];
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a',
            b'2'..=b'7' => c - b'2' + 26,
            b'=' => break,
            _ => continue,
        };
        acc = ((acc << 5) | u32::from(v)) & 0xFFFF;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// Jaro–Winkler similarity as Apache Commons Text computes it (scaling
/// factor 0.1, common prefix up to 4).
fn jaro_winkler(left: &str, right: &str) -> f64 {
    if left == right {
        return 1.0;
    }
    let (l, r): (Vec<char>, Vec<char>) = (left.chars().collect(), right.chars().collect());
    let (max, min) = if l.len() > r.len() {
        (&l, &r)
    } else {
        (&r, &l)
    };
    let range = (max.len() / 2).saturating_sub(1);
    let mut match_index = vec![None; min.len()];
    let mut match_flags = vec![false; max.len()];
    let mut matches = 0usize;
    for (mi, c1) in min.iter().enumerate() {
        let lo = mi.saturating_sub(range);
        let hi = (mi + range + 1).min(max.len());
        for xi in lo..hi {
            if !match_flags[xi] && *c1 == max[xi] {
                match_index[mi] = Some(xi);
                match_flags[xi] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let ms1: Vec<char> = min
        .iter()
        .zip(&match_index)
        .filter(|(_, m)| m.is_some())
        .map(|(c, _)| *c)
        .collect();
    let ms2: Vec<char> = max
        .iter()
        .zip(&match_flags)
        .filter(|(_, f)| **f)
        .map(|(c, _)| *c)
        .collect();
    let half_transpositions = ms1.iter().zip(&ms2).filter(|(a, b)| a != b).count();
    let prefix = l
        .iter()
        .zip(&r)
        .take(4.min(min.len()))
        .take_while(|(a, b)| a == b)
        .count();
    let m = matches as f64;
    let j = (m / l.len() as f64 + m / r.len() as f64 + (m - half_transpositions as f64 / 2.0) / m)
        / 3.0;
    if j < 0.7 {
        j
    } else {
        j + 0.1 * prefix as f64 * (1.0 - j)
    }
}

/// The words of each sentence, as Java's sentence and word break iterators
/// give them: sentences and words by Unicode's rules, words kept when they
/// start with a letter or digit, and words joined by a hyphen kept whole.
fn split_sentences(text: &str) -> Vec<Vec<&str>> {
    text.split_sentence_bound_indices()
        .map(|(start, sentence)| {
            let mut words: Vec<&str> = vec![];
            let mut pending: Option<(usize, usize)> = None;
            let mut hyphen = false;
            for (i, w) in sentence.split_word_bound_indices() {
                let (s, e) = (start + i, start + i + w.len());
                let wordy = w.chars().next().is_some_and(char::is_alphanumeric);
                match (&mut pending, wordy) {
                    (Some((_, end)), true) if hyphen => {
                        *end = e;
                        hyphen = false;
                    }
                    (Some(_), false) if w == "-" && !hyphen => hyphen = true,
                    (p, true) => {
                        if let Some((a, b)) = p.take() {
                            words.push(&text[a..b]);
                        }
                        *p = Some((s, e));
                        hyphen = false;
                    }
                    (p, false) => {
                        if let Some((a, b)) = p.take() {
                            words.push(&text[a..b]);
                        }
                        hyphen = false;
                    }
                }
            }
            if let Some((a, b)) = pending {
                words.push(&text[a..b]);
            }
            words
        })
        .collect()
}

fn extract_all(a: &[ArrayRef], rows: usize) -> DFResult<ArrayRef> {
    let (s, p) = (utf8(&a[0])?, utf8(&a[1])?);
    let idx = cast(&a[2], &DataType::Int64)?;
    let idx = idx.as_primitive::<Int64Type>();
    let mut out = ListBuilder::new(StringBuilder::new()).with_field(Arc::new(Field::new(
        "element",
        DataType::Utf8,
        true,
    )));
    let mut cache: Option<(String, regex::Regex)> = None;
    for i in 0..rows {
        if s.is_null(i) || p.is_null(i) || idx.is_null(i) {
            out.append(false);
            continue;
        }
        let pattern = p.value(i);
        if cache.as_ref().map(|(k, _)| k.as_str()) != Some(pattern) {
            let re = regex::Regex::new(pattern).map_err(|e| {
                to_df_error(SparkError::plain(
                    ErrorKind::IllegalArgument,
                    format!("Invalid regular expression {pattern:?}: {e}"),
                ))
            })?;
            cache = Some((pattern.to_string(), re));
        }
        let Some((_, re)) = cache.as_ref() else {
            return Err(datafusion::error::DataFusionError::Internal(
                "regex cache".into(),
            ));
        };
        let group = idx.value(i);
        let groups = re.captures_len() - 1;
        if group < 0 || group as usize > groups {
            return Err(to_df_error(SparkError::new(
                ErrorKind::SparkRuntime,
                "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX",
                "22023",
                format!(
                    "The value of parameter(s) `idx` in `regexp_extract_all` is invalid: Expects group index between 0 and {groups}, but got {group}."
                ),
                &[
                    ("parameter", "`idx`".into()),
                    ("functionName", "`regexp_extract_all`".into()),
                ],
            )));
        }
        for c in re.captures_iter(s.value(i)) {
            out.values()
                .append_value(c.get(group as usize).map_or("", |m| m.as_str()));
        }
        out.append(true);
    }
    Ok(Arc::new(out.finish()))
}

/// `to_binary`'s decodings; None for malformed text or an unknown format.
fn decode_binary(text: &str, fmt: &str) -> Option<Vec<u8>> {
    match fmt.replace(['-', '_'], "").as_str() {
        "utf8" => Some(text.as_bytes().to_vec()),
        "hex" => unhex(text),
        "base64" => base64_decode(text),
        _ => None,
    }
}

/// Hex digits as bytes; an odd count reads the first digit alone.
fn unhex(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text
        .chars()
        .map(|c| c.to_digit(16).map(|d| d as u8))
        .collect::<Option<_>>()?;
    let mut out = Vec::with_capacity(digits.len().div_ceil(2));
    let rest = if !digits.len().is_multiple_of(2) {
        out.push(digits[0]);
        &digits[1..]
    } else {
        &digits[..]
    };
    for pair in rest.chunks(2) {
        out.push(pair[0] << 4 | pair[1]);
    }
    Some(out)
}

/// Base 64 (MIME alphabet, padding optional, whitespace ignored).
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = vec![];
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut padding = false;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                padding = true;
                continue;
            }
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ => return None,
        };
        if padding {
            return None;
        }
        acc = ((acc << 6) | u32::from(v)) & 0xFFFF;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_round_trips() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI======");
        assert_eq!(base32_encode(b"fo"), "MZXQ====");
        assert_eq!(base32_decode("MZXW6YTBOI======"), b"foobar");
        assert_eq!(base32_decode("mzxw6"), b"foo");
        assert_eq!(base32_decode("!!"), b"");
    }

    #[test]
    fn jaro_winkler_matches_commons_text() {
        assert_eq!(jaro_winkler("MARTHA", "MARHTA"), 0.9611111111111111);
        assert_eq!(jaro_winkler("DIXON", "DICKSONX"), 0.8133333333333332);
        assert_eq!(jaro_winkler("a", ""), 0.0);
        assert_eq!(jaro_winkler("", ""), 1.0);
    }

    #[test]
    fn sentences_split_as_java() {
        assert_eq!(
            split_sentences("Hi there! Good morning."),
            vec![vec!["Hi", "there"], vec!["Good", "morning"]]
        );
        assert_eq!(
            split_sentences("it's 3.5 dollars, e.g. this; x-y z_w"),
            vec![vec!["it's", "3.5", "dollars", "e.g", "this", "x-y", "z_w"]]
        );
    }
}
