//! Regular-expression functions: `regexp_extract`, `regexp_replace`,
//! `regexp_count`, `regexp_instr`, `regexp_substr` and `split`. Patterns are
//! Rust `regex` syntax, which agrees with Java's for everything but
//! look-around and back-references (those are rejected, not misread);
//! replacement strings use Java's `$n` and `\$`.

use std::sync::Arc;

use datafusion::arrow::array::builder::make_view;
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, ListArray, ListBuilder, StringArray, StringBuilder, StringViewArray,
};
use datafusion::arrow::buffer::{OffsetBuffer, ScalarBuffer};
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::common::{exec_err, Result as DFResult, ScalarValue};
use datafusion::logical_expr::{
    ColumnarValue, Expr as DFExpr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};
use datafusion::prelude::lit;

use super::spec::{cast_arg, df, Arg};
use super::{arity, call_name, Builder};
use crate::error::{Result, SparkError};
use crate::expr::Literal;
use crate::plan::coerce::cast_plain;
use crate::plan::resolve::{Resolved, Resolver};

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("regexp_extract", regexp_extract),
    ("regexp_replace", regexp_replace),
    ("regexp_count", regexp_count),
    ("regexp_instr", regexp_instr),
    ("regexp_substr", regexp_substr),
    ("split", split),
];

/// Resolved arguments cast to strings except the trailing integers.
fn strings(r: &Resolver, args: Vec<Resolved>, n_strings: usize) -> Result<Vec<DFExpr>> {
    args.into_iter()
        .enumerate()
        .map(|(i, a)| {
            let kind = if i < n_strings { Arg::Str } else { Arg::Long };
            cast_arg(r, a, kind)
        })
        .collect()
}

/// `(pattern)`: the whole match becomes group 1 (for `regexp_substr`).
fn grouped(pattern: DFExpr) -> Result<DFExpr> {
    df("concat", vec![lit("("), pattern, lit(")")])
}

/// `regexp_extract(str, regexp, idx = 1)`: the idx-th group of the first
/// match; '' when nothing matches or the group took no part.
fn regexp_extract(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    arity(&name.to_lowercase(), &args, &[2, 3])?;
    if args.len() == 2 {
        args.push(r.literal(&Literal::Integer(1))?);
    }
    let n = call_name("regexp_extract", &args);
    let exprs = strings(r, args, 2)?;
    let udf = ScalarUDF::new_from_impl(Split {
        signature: Signature::any(3, Volatility::Immutable),
        extract: true,
    });
    r.make(udf.call(exprs), n)
}

/// `regexp_substr(str, regexp)`: the first match, NULL when none.
fn regexp_substr(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(&name.to_lowercase(), &args, &[2])?;
    let n = call_name("regexp_substr", &args);
    let mut it = strings(r, args, 2)?.into_iter();
    let (Some(s), Some(p)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let groups = df("regexp_match", vec![s, grouped(p)?])?;
    r.make(df("array_element", vec![groups, lit(1i64)])?, n)
}

/// `regexp_replace(str, regexp, rep, pos = 1)`: every match replaced.
fn regexp_replace(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    arity(&name.to_lowercase(), &args, &[3, 4])?;
    if args.len() == 3 {
        args.push(r.literal(&Literal::Integer(1))?);
    }
    let n = call_name("regexp_replace", &args);
    if !matches!(&args[3].expr, DFExpr::Literal(v, _) if v.clone().cast_to(&DataType::Int64).ok() == Some(ScalarValue::Int64(Some(1))))
    {
        return Err(SparkError::not_implemented(
            "regexp_replace with a position",
        ));
    }
    let rep = match &args[2].expr {
        DFExpr::Literal(ScalarValue::Utf8(Some(t)), _) => lit(java_replacement(t)),
        _ => {
            return Err(SparkError::not_implemented(
                "regexp_replace with a non-constant replacement",
            ))
        }
    };
    args.truncate(2);
    let mut it = strings(r, args, 2)?.into_iter();
    let (Some(s), Some(p)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    r.make(df("regexp_replace", vec![s, p, rep, lit("g")])?, n)
}

/// Java's replacement syntax (`$1`, `\$`) in the `regex` crate's (`${1}`, `$$`).
fn java_replacement(t: &str) -> String {
    let mut out = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('$') => out.push_str("$$"),
                Some(other) => out.push(other),
                None => {}
            },
            '$' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                if digits.is_empty() {
                    out.push_str("$$");
                } else {
                    out.push_str(&format!("${{{digits}}}"));
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn regexp_count(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(&name.to_lowercase(), &args, &[2])?;
    let n = call_name("regexp_count", &args);
    let e = df("regexp_count", strings(r, args, 2)?)?;
    r.make(cast_plain(e, &DataType::Int32), n)
}

/// `regexp_instr(str, regexp, idx = 0)`: 1-based position of the first
/// match, 0 when none.
fn regexp_instr(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    arity(&name.to_lowercase(), &args, &[2, 3])?;
    if args.len() == 2 {
        args.push(r.literal(&Literal::Integer(0))?);
    }
    let n = call_name("regexp_instr", &args);
    if !matches!(&args[2].expr, DFExpr::Literal(v, _) if v.clone().cast_to(&DataType::Int64).ok() == Some(ScalarValue::Int64(Some(0))))
    {
        return Err(SparkError::not_implemented(
            "regexp_instr with a group index",
        ));
    }
    args.truncate(2);
    let e = df("regexp_instr", strings(r, args, 2)?)?;
    r.make(cast_plain(e, &DataType::Int32), n)
}

/// `split(str, regex, limit = -1)`, as Java's `String.split`.
fn split(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    arity(&name.to_lowercase(), &args, &[2, 3])?;
    if args.len() == 2 {
        args.push(r.literal(&Literal::Integer(-1))?);
    }
    let n = call_name("split", &args);
    let exprs = strings(r, args, 2)?;
    let udf = ScalarUDF::new_from_impl(Split {
        signature: Signature::any(3, Volatility::Immutable),
        extract: false,
    });
    r.make(udf.call(exprs), n)
}

/// `split` (a list of parts) or, with `extract`, `regexp_extract` (a group).
#[derive(Debug, PartialEq, Eq, Hash)]
struct Split {
    signature: Signature,
    extract: bool,
}

impl ScalarUDFImpl for Split {
    fn name(&self) -> &str {
        if self.extract {
            "spark_regexp_extract"
        } else {
            "spark_split"
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DFResult<DataType> {
        if self.extract {
            return Ok(DataType::Utf8);
        }
        Ok(DataType::List(split_element()))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        let all_scalar = args
            .args
            .iter()
            .all(|a| matches!(a, ColumnarValue::Scalar(_)));
        if let (
            false,
            false,
            [ColumnarValue::Array(s), ColumnarValue::Scalar(p), ColumnarValue::Scalar(l)],
        ) = (self.extract, all_scalar, args.args.as_slice())
        {
            if let (Some(s), ScalarValue::Utf8(Some(p)), ScalarValue::Int64(Some(l))) =
                (s.as_string_opt::<i32>(), p, l)
            {
                if !p.is_empty() && regex::escape(p) == *p {
                    return Ok(ColumnarValue::Array(split_column(s, p, *l)?));
                }
            }
        }
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let (Some(s), Some(p), Some(l)) = (
            arrays[0].as_string_opt::<i32>(),
            arrays[1].as_string_opt::<i32>(),
            arrays[2].as_primitive_opt::<datafusion::arrow::datatypes::Int64Type>(),
        ) else {
            return exec_err!("split expects (string, string, bigint)");
        };
        let mut out = ListBuilder::new(StringBuilder::new()).with_field(Arc::new(Field::new(
            "element",
            DataType::Utf8,
            true,
        )));
        let mut groups = StringBuilder::new();
        let mut cache: Option<(String, regex::Regex)> = None;
        for i in 0..s.len() {
            if s.is_null(i) || p.is_null(i) || l.is_null(i) {
                out.append(false);
                groups.append_null();
                continue;
            }
            let pattern = p.value(i);
            if cache.as_ref().map(|(k, _)| k.as_str()) != Some(pattern) {
                let re = regex::Regex::new(pattern).map_err(|e| {
                    crate::error::to_df_error(SparkError::plain(
                        crate::error::ErrorKind::IllegalArgument,
                        format!("Invalid regular expression {pattern:?}: {e}"),
                    ))
                })?;
                cache = Some((pattern.to_string(), re));
            }
            let Some((_, re)) = cache.as_ref() else {
                return exec_err!("regex cache");
            };
            if self.extract {
                let idx = l.value(i);
                if idx < 0 || idx as usize >= re.captures_len() {
                    return Err(crate::error::to_df_error(SparkError::new(
                        crate::error::ErrorKind::IllegalArgument,
                        "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX",
                        "22023",
                        format!(
                            "The value of parameter(s) `idx` in `regexp_extract` is invalid: Expects group index between 0 and {}, but got {idx}.",
                            re.captures_len() - 1
                        ),
                        &[],
                    )));
                }
                let text = re
                    .captures(s.value(i))
                    .and_then(|c| c.get(idx as usize))
                    .map_or("", |m| m.as_str());
                groups.append_value(text);
                continue;
            }
            java_split(re, s.value(i), l.value(i), |part| {
                out.values().append_value(part)
            });
            out.append(true);
        }
        let array: ArrayRef = if self.extract {
            Arc::new(groups.finish())
        } else {
            datafusion::arrow::compute::cast(&out.finish(), &DataType::List(split_element()))?
        };
        if all_scalar {
            Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(
                &array, 0,
            )?))
        } else {
            Ok(ColumnarValue::Array(array))
        }
    }
}

/// `split` of a whole column by a constant separator without regex syntax.
/// The parts are views into the input's own bytes: nothing is copied.
fn split_column(s: &StringArray, sep: &str, limit: i64) -> DFResult<ArrayRef> {
    let too_long =
        || datafusion::common::DataFusionError::Execution("split: input too long".into());
    let data = s.values();
    if u32::try_from(data.len()).is_err() {
        return Err(too_long());
    }
    let base = data.as_ptr() as usize;
    let mut views: Vec<u128> = Vec::with_capacity(s.len() * 4);
    let mut lists: Vec<i32> = Vec::with_capacity(s.len() + 1);
    lists.push(0);
    for text in s.iter() {
        if let Some(text) = text {
            literal_split(sep, text, limit, |part| {
                // Where the part starts in the input's value buffer (< 2^32).
                let offset = (part.as_ptr() as usize - base) as u32;
                views.push(make_view(part.as_bytes(), 0, offset));
            });
        }
        lists.push(i32::try_from(views.len()).map_err(|_| too_long())?);
    }
    let parts = StringViewArray::try_new(ScalarBuffer::from(views), vec![data.clone()], None)?;
    let list = ListArray::try_new(
        split_element(),
        OffsetBuffer::new(ScalarBuffer::from(lists)),
        Arc::new(parts),
        s.nulls().cloned(),
    )?;
    Ok(Arc::new(list))
}

/// The element of `split`'s list: string views, never NULL.
fn split_element() -> Arc<Field> {
    Arc::new(Field::new("element", DataType::Utf8View, false))
}

/// Java's `String.split(regex, limit)`: at most `limit` parts when positive,
/// all parts otherwise (Spark keeps trailing empty strings); a zero-width
/// match at the start yields no leading empty part. Each part goes to `part`.
fn java_split<'a>(re: &regex::Regex, s: &'a str, limit: i64, mut part: impl FnMut(&'a str)) {
    if s.is_empty() {
        return part("");
    }
    let mut parts = 0i64;
    let mut last = 0;
    for m in re.find_iter(s) {
        if limit > 0 && parts == limit - 1 {
            break;
        }
        if m.end() == 0 {
            continue;
        }
        if m.start() == m.end() && m.start() >= s.len() {
            break;
        }
        part(&s[last..m.start()]);
        parts += 1;
        last = m.end();
    }
    part(&s[last..]);
}

/// `java_split` by a pattern without regex syntax, as Java's own fast path
/// does it: plain substring search (memchr for one character).
fn literal_split<'a>(sep: &str, s: &'a str, limit: i64, mut part: impl FnMut(&'a str)) {
    if let ([b], false) = (sep.as_bytes(), limit > 0) {
        // One ASCII byte: a plain scan beats a searcher on short texts.
        let mut start = 0;
        for (i, c) in s.bytes().enumerate() {
            if c == *b {
                part(&s[start..i]);
                start = i + 1;
            }
        }
        return part(&s[start..]);
    }
    let mut chars = sep.chars();
    match (chars.next(), chars.next(), limit > 0) {
        (Some(c), None, true) => s.splitn(limit as usize, c).for_each(part),
        (Some(c), None, false) => s.split(c).for_each(part),
        (_, _, true) => s.splitn(limit as usize, sep).for_each(part),
        (_, _, false) => s.split(sep).for_each(part),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(re: &str, s: &str, limit: i64) -> Vec<String> {
        let mut out = vec![];
        let re = regex::Regex::new(re).unwrap();
        java_split(&re, s, limit, |p| out.push(p.to_string()));
        out
    }

    fn literal_parts(sep: &str, s: &str, limit: i64) -> Vec<String> {
        let mut out = vec![];
        literal_split(sep, s, limit, |p| out.push(p.to_string()));
        out
    }

    #[test]
    fn splits_as_java() {
        assert_eq!(
            parts("[ABC]", "oneAtwoBthreeC", -1),
            vec!["one", "two", "three", ""]
        );
        assert_eq!(
            parts("[ABC]", "oneAtwoBthreeC", 2),
            vec!["one", "twoBthreeC"]
        );
        assert_eq!(parts("", "abc", -1), vec!["a", "b", "c"]);
    }

    #[test]
    fn literal_separators_split_as_the_regex_does() {
        for (s, limit) in [
            ("a,b,,c,", -1),
            ("a,b,,c,", 0),
            ("a,b,,c,", 2),
            ("a,b,,c,", 9),
            (",", -1),
            ("", -1),
            ("abc", 1),
        ] {
            assert_eq!(
                literal_parts(",", s, limit),
                parts(",", s, limit),
                "{s:?} {limit}"
            );
        }
        assert_eq!(literal_parts("ab", "xabyab", -1), vec!["x", "y", ""]);
    }

    #[test]
    fn java_replacements() {
        assert_eq!(java_replacement("<$1>"), "<${1}>");
        assert_eq!(java_replacement("\\$5"), "$$5");
    }
}
