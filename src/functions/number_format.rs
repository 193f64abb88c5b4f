//! Spark's number format strings (`'$99,999.00'`, `'S9.99'`, `'99PR'`):
//! `to_char`/`to_varchar` of numbers (dates and binaries go to
//! `date_format`, `hex`, `base64` and `decode`), `to_number` and
//! `try_to_number`, as Spark's `ToNumberParser` reads and writes them.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Decimal128Builder, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Decimal128Type};
use datafusion::common::{Result as DFResult, ScalarValue};
use datafusion::logical_expr::Expr as DFExpr;

use super::kernel::{self, Kernel};
use super::spec::{cast_arg, Arg};
use super::{arity, call_name, Builder};
use crate::error::{to_df_error, ErrorKind, Result, SparkError};
use crate::format::decimal_string;
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("to_char", to_char),
    ("to_varchar", to_char),
    ("to_number", to_number),
    ("try_to_number", to_number),
];

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Token {
    /// Digits of the format ('0' or '9'), as written.
    Digits(String),
    Separator,
    Point,
    Dollar,
    /// 'S': '+' or '-'.
    PlusMinus,
    /// 'MI': '-' or a space.
    Minus,
    OpenBracket,
    CloseBracket,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Format {
    text: String,
    tokens: Vec<Token>,
}

fn invalid(format: &str, detail: &str, sub: &str) -> SparkError {
    SparkError::new(
        ErrorKind::Analysis,
        &format!("INVALID_FORMAT.{sub}"),
        "42601",
        format!("The format is invalid: '{format}'. {detail}"),
        &[("format", format!("'{format}'"))],
    )
}

impl Format {
    fn parse(text: &str) -> Result<Format> {
        let upper = text.to_uppercase();
        if !upper.contains(['0', '9']) {
            return Err(invalid(
                &upper,
                "The format string requires at least one number digit.",
                "WRONG_NUM_DIGIT",
            ));
        }
        let mut tokens = vec![];
        let chars: Vec<char> = upper.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '0' | '9' => {
                    let start = i;
                    while i < chars.len() && matches!(chars[i], '0' | '9') {
                        i += 1;
                    }
                    tokens.push(Token::Digits(chars[start..i].iter().collect()));
                    continue;
                }
                ',' | 'G' => tokens.push(Token::Separator),
                '.' | 'D' => tokens.push(Token::Point),
                '$' => tokens.push(Token::Dollar),
                'S' => tokens.push(Token::PlusMinus),
                'M' if chars.get(i + 1) == Some(&'I') => {
                    tokens.push(Token::Minus);
                    i += 1;
                }
                'P' if chars.get(i + 1) == Some(&'R') && i + 2 == chars.len() => {
                    tokens.insert(0, Token::OpenBracket);
                    tokens.push(Token::CloseBracket);
                    i += 1;
                }
                _ => {
                    return Err(invalid(
                        &upper,
                        &format!("Unexpected character '{c}' found in the format string '{upper}'; the structure of the format string must match: `[MI|S]` `[$]` `[0|9|G|,]*` `[.|D]` `[0|9]*` `[$]` `[PR|MI|S]`."),
                        "UNEXPECTED_TOKEN",
                    ))
                }
            }
            i += 1;
        }
        let count = |f: &dyn Fn(&Token) -> bool| tokens.iter().filter(|t| f(t)).count();
        if count(&|t| matches!(t, Token::Digits(_))) == 0 {
            return Err(invalid(
                &upper,
                "The format string requires at least one number digit.",
                "WRONG_NUM_DIGIT",
            ));
        }
        if count(&|t| *t == Token::Point) > 1 {
            return Err(invalid(
                &upper,
                "At most one . or D is allowed in the number format.",
                "WRONG_NUM_TOKEN",
            ));
        }
        if count(&|t| *t == Token::Dollar) > 1 {
            return Err(invalid(
                &upper,
                "At most one $ is allowed in the number format.",
                "WRONG_NUM_TOKEN",
            ));
        }
        let first_digit = tokens.iter().position(|t| matches!(t, Token::Digits(_)));
        if let (Some(d), Some(c)) = (first_digit, tokens.iter().position(|t| *t == Token::Dollar)) {
            if c > d {
                return Err(invalid(
                    &upper,
                    "Currency characters must appear before digits in the number format.",
                    "CUR_MUST_BEFORE_DIGIT",
                ));
            }
        }
        Ok(Format {
            text: text.to_string(),
            tokens,
        })
    }

    /// The format's digits before and after the decimal point.
    fn digits(&self) -> (usize, usize) {
        let (mut before, mut after, mut point) = (0, 0, false);
        for t in &self.tokens {
            match t {
                Token::Point => point = true,
                Token::Digits(d) if point => after += d.len(),
                Token::Digits(d) => before += d.len(),
                _ => {}
            }
        }
        (before, after)
    }

    /// The sizes of the digit groups before the point, right to left.
    fn groups(&self) -> Vec<usize> {
        let mut groups = vec![0];
        for t in &self.tokens {
            match t {
                Token::Point => break,
                Token::Digits(d) => {
                    if let Some(last) = groups.last_mut() {
                        *last += d.len();
                    }
                }
                Token::Separator => groups.push(0),
                _ => {}
            }
        }
        groups.reverse();
        groups
    }

    /// `to_char` of a plain decimal text (`-12.50`).
    fn format(&self, value: &str) -> String {
        let negative = value.starts_with('-');
        let digits = value.trim_start_matches('-');
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        let (want_int, want_frac) = self.digits();
        let out_of_range = int.len() > want_int || frac.len() > want_frac;
        let padded_int = format!("{}{int}", " ".repeat(want_int.saturating_sub(int.len())));
        let padded_frac = format!("{frac}{}", "0".repeat(want_frac.saturating_sub(frac.len())));
        let (mut int_chars, mut frac_chars) = (padded_int.chars(), padded_frac.chars());
        let mut out = String::new();
        let mut after_point = false;
        for t in &self.tokens {
            match t {
                Token::Digits(d) if after_point => {
                    out.extend(frac_chars.by_ref().take(d.len()));
                }
                Token::Digits(d) => {
                    let zeros = d.starts_with('0');
                    for _ in 0..d.len() {
                        let c = int_chars.next().unwrap_or(' ');
                        out.push(if c == ' ' && zeros { '0' } else { c });
                    }
                }
                Token::Separator => {
                    let c = if out.ends_with(' ') || out.is_empty() || out.ends_with('$') {
                        ' '
                    } else {
                        ','
                    };
                    out.push(c);
                }
                Token::Point => {
                    if out.ends_with(' ') {
                        out.pop();
                        out.push('0');
                    }
                    out.push('.');
                    after_point = true;
                }
                Token::Dollar => out.push('$'),
                Token::PlusMinus => {
                    strip_lone_point(&mut out);
                    out.push(if negative { '-' } else { '+' });
                }
                Token::Minus => {
                    if negative {
                        strip_lone_point(&mut out);
                        out.push('-');
                    } else {
                        out.push(' ');
                    }
                }
                Token::OpenBracket => {
                    if negative {
                        out.push('<');
                    }
                }
                Token::CloseBracket => {
                    strip_lone_point(&mut out);
                    if negative {
                        out.push('>');
                    } else {
                        out.push_str("  ");
                    }
                }
            }
        }
        strip_lone_point(&mut out);
        if out_of_range {
            out = out
                .chars()
                .map(|c| if c.is_ascii_digit() { '#' } else { c })
                .collect();
        }
        out
    }

    /// `to_number`: the unscaled value at the format's scale, or None when
    /// the text does not match the format.
    fn parse_number(&self, text: &str) -> Option<i128> {
        let mut s = text.trim();
        let mut negative = false;
        if self.tokens.first() == Some(&Token::OpenBracket) {
            if let Some(inner) = s.strip_prefix('<').and_then(|x| x.strip_suffix('>')) {
                s = inner;
                negative = true;
            }
        }
        let mut chars = s.chars().peekable();
        let mut int_digits = String::new();
        let mut int_groups: Vec<usize> = vec![0];
        let mut frac_digits = String::new();
        let mut seen_point = false;
        for t in &self.tokens {
            match t {
                Token::OpenBracket | Token::CloseBracket => {}
                Token::Dollar => {
                    if chars.next() != Some('$') {
                        return None;
                    }
                }
                Token::PlusMinus | Token::Minus => match chars.peek() {
                    Some('-') => {
                        negative = true;
                        chars.next();
                    }
                    Some('+') if *t == Token::PlusMinus => {
                        chars.next();
                    }
                    _ => {}
                },
                Token::Point => {
                    if chars.peek() == Some(&'.') {
                        chars.next();
                    }
                    seen_point = true;
                }
                Token::Digits(_) | Token::Separator if seen_point => {
                    while let Some(c) = chars.peek().filter(|c| c.is_ascii_digit()) {
                        frac_digits.push(*c);
                        chars.next();
                    }
                }
                Token::Digits(_) | Token::Separator => {
                    while let Some(c) = chars.peek().copied() {
                        if c.is_ascii_digit() {
                            int_digits.push(c);
                            if let Some(last) = int_groups.last_mut() {
                                *last += 1;
                            }
                        } else if c == ',' && !int_digits.is_empty() {
                            int_groups.push(0);
                        } else {
                            break;
                        }
                        chars.next();
                    }
                }
            }
        }
        if chars.next().is_some() || (int_digits.is_empty() && frac_digits.is_empty()) {
            return None;
        }
        let (want_int, want_frac) = self.digits();
        if frac_digits.len() > want_frac || int_digits.len() > want_int {
            return None;
        }
        let leading_zero = self.tokens.iter().find_map(|t| match t {
            Token::Digits(d) => Some(d.starts_with('0')),
            Token::Point => Some(false),
            _ => None,
        });
        if leading_zero == Some(true) && int_digits.len() != want_int {
            return None;
        }
        int_groups.reverse();
        let format_groups = self.groups();
        if int_groups.len() > format_groups.len()
            || int_groups.iter().zip(&format_groups).any(|(i, f)| i > f)
        {
            return None;
        }
        let text = format!("{int_digits}{frac_digits:0<want_frac$}");
        let v: i128 = if text.is_empty() {
            0
        } else {
            text.parse().ok()?
        };
        Some(if negative { -v } else { v })
    }
}

fn strip_lone_point(out: &mut String) {
    if out.ends_with('.') {
        out.pop();
        out.push(' ');
    }
}

fn format_arg(a: &Resolved, what: &str) -> Result<String> {
    match &a.expr {
        DFExpr::Literal(ScalarValue::Utf8(Some(s)), _) => Ok(s.clone()),
        _ => Err(SparkError::not_implemented(&format!(
            "{what} with a non-constant format"
        ))),
    }
}

/// `to_char(x, fmt)`, `to_varchar(x, fmt)`: numbers by the number format;
/// dates and timestamps by `date_format`; binaries as `hex`, `base64` or
/// UTF-8 text.
fn to_char(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(&name.to_lowercase(), &args, &[2])?;
    let t = args[0].spark_type()?;
    match t {
        SparkType::Date | SparkType::Timestamp | SparkType::TimestampNtz => {
            return super::resolve_call(r, "date_format", args, false);
        }
        SparkType::Binary => {
            let fmt = format_arg(&args[1], "to_char of a binary")?;
            let mut it = args.into_iter();
            let x = it.next().ok_or_else(|| SparkError::internal("arity"))?;
            return match fmt.to_lowercase().replace(['-', '_'], "").as_str() {
                "hex" => super::resolve_call(r, "hex", vec![x], false),
                "base64" => super::resolve_call(r, "base64", vec![x], false),
                "utf8" => {
                    let f = r.literal(&crate::expr::Literal::String(fmt))?;
                    super::resolve_call(r, "decode", vec![x, f], false)
                }
                _ => Err(SparkError::new(
                    ErrorKind::Analysis,
                    "INVALID_PARAMETER_VALUE.BINARY_FORMAT",
                    "22023",
                    format!("The value of parameter(s) `format` in `to_char` is invalid: expects one of binary formats 'base64', 'hex', 'utf-8', but got '{fmt}'."),
                    &[],
                )),
            };
        }
        ref t if t.is_numeric() => {}
        other => {
            return Err(SparkError::datatype_mismatch(
                "UNEXPECTED_INPUT_TYPE",
                &call_name("to_char", &args),
                format!(
                    "The first parameter requires the \"DECIMAL\" type, however \"{}\" has the type \"{}\".",
                    args[0].name,
                    other.sql_name()
                ),
            ))
        }
    }
    let n = call_name("to_char", &args);
    let format = Format::parse(&format_arg(&args[1], "to_char")?)?;
    let x = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    r.make(
        kernel::call(NumberFormat::ToChar(format), DataType::Utf8, vec![x.expr]),
        n,
    )
}

/// `to_number(str, fmt)`, `try_to_number(str, fmt)`: a decimal with the
/// format's digits and scale.
fn to_number(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2])?;
    let n = call_name(&lname, &args);
    let format = Format::parse(&format_arg(&args[1], &lname)?)?;
    let (before, after) = format.digits();
    let ret = DataType::Decimal128((before + after).clamp(1, 38) as u8, after as i8);
    let x = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    let kind = NumberFormat::ToNumber {
        format,
        lenient: lname == "try_to_number",
    };
    r.make(
        kernel::call(kind, ret.clone(), vec![cast_arg(r, x, Arg::Str)?]),
        n,
    )
}

#[derive(Debug, PartialEq, Eq, Hash)]
enum NumberFormat {
    ToChar(Format),
    ToNumber { format: Format, lenient: bool },
}

/// The plain decimal text of row `i` of a numeric array.
fn plain_text(a: &ArrayRef, i: usize) -> DFResult<String> {
    Ok(match a.data_type() {
        DataType::Decimal128(_, s) => {
            decimal_string(a.as_primitive::<Decimal128Type>().value(i), *s)
        }
        DataType::Float64 | DataType::Float32 => {
            let d = cast(&a.slice(i, 1), &DataType::Float64)?;
            let v = d
                .as_primitive::<datafusion::arrow::datatypes::Float64Type>()
                .value(0);
            format!("{v}")
        }
        _ => {
            let s = cast(&a.slice(i, 1), &DataType::Utf8)?;
            s.as_string::<i32>().value(0).to_string()
        }
    })
}

impl Kernel for NumberFormat {
    fn name(&self) -> &str {
        match self {
            NumberFormat::ToChar(_) => "spark_to_char",
            NumberFormat::ToNumber { .. } => "spark_to_number",
        }
    }

    fn eval(&self, a: &[ArrayRef], rows: usize) -> DFResult<ArrayRef> {
        match self {
            NumberFormat::ToChar(format) => {
                let x = &a[0];
                let mut out = Vec::with_capacity(rows);
                for i in 0..rows {
                    if x.is_null(i) {
                        out.push(None);
                        continue;
                    }
                    let text = plain_text(x, i)?;
                    if text.contains(['e', 'E', 'N', 'i']) {
                        // Infinity and NaN have no digits to format.
                        out.push(None);
                        continue;
                    }
                    out.push(Some(format.format(&text)));
                }
                Ok(Arc::new(StringArray::from(out)))
            }
            NumberFormat::ToNumber { format, lenient } => {
                let s = cast(&a[0], &DataType::Utf8)?;
                let s = s.as_string::<i32>();
                let (before, after) = format.digits();
                let mut out = Decimal128Builder::with_capacity(rows).with_data_type(
                    DataType::Decimal128((before + after).clamp(1, 38) as u8, after as i8),
                );
                for v in s.iter() {
                    let Some(text) = v else {
                        out.append_null();
                        continue;
                    };
                    match format.parse_number(text) {
                        Some(n) => out.append_value(n),
                        None if *lenient => out.append_null(),
                        None => {
                            return Err(to_df_error(SparkError::new(
                                ErrorKind::IllegalArgument,
                                "INVALID_FORMAT.MISMATCH_INPUT",
                                "42601",
                                format!(
                                    "The format is invalid: {}. The input \"STRING\" {text} does not match the format.",
                                    format.text
                                ),
                                &[],
                            )))
                        }
                    }
                }
                Ok(Arc::new(out.finish()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(f: &str, v: &str) -> String {
        Format::parse(f).unwrap().format(v)
    }

    fn num(f: &str, v: &str) -> Option<i128> {
        Format::parse(f).unwrap().parse_number(v)
    }

    #[test]
    fn formats_as_spark() {
        assert_eq!(fmt("$99.99", "78.12"), "$78.12");
        assert_eq!(fmt("999.99S", "-78.12"), " 78.12-");
        assert_eq!(fmt("9,999.00", "1234.5"), "1,234.50");
        assert_eq!(fmt("000", "12"), "012");
        assert_eq!(fmt("99.9PR", "-12.5"), "<12.5>");
        assert_eq!(fmt("99.9PR", "12.5"), "12.5  ");
        assert_eq!(fmt("S99.9", "12.5"), "+12.5");
        assert_eq!(fmt("99", "123"), "##");
        assert_eq!(fmt("9999", "5"), "   5");
        assert_eq!(fmt("9,999", "5"), "    5");
        assert_eq!(fmt("0,999", "5"), "0,  5");
        assert_eq!(fmt("9.9", "0"), "0.0");
        assert_eq!(fmt("99.", "12.3"), "## ");
        assert_eq!(fmt("0999.00", "12"), "0012.00");
        assert_eq!(fmt("$999", "12"), "$ 12");
        assert_eq!(fmt("MI9", "5"), " 5");
    }

    #[test]
    fn parses_as_spark() {
        assert_eq!(num("$99.99", "$78.12"), Some(7812));
        assert_eq!(num("99,999", "12,345"), Some(12345));
        assert_eq!(num("99,999", "12,34"), Some(1234));
        assert_eq!(num("99,999", "12345"), None);
        assert_eq!(num("99,999", "1,2345"), None);
        assert_eq!(num("99PR", "<12>"), Some(-12));
        assert_eq!(num("99MI", "12-"), Some(-12));
        assert_eq!(num("S99", "+12"), Some(12));
        assert_eq!(num("999.999", "12"), Some(12000));
        assert_eq!(num("000", "007"), Some(7));
        assert_eq!(num("000", "7"), None);
        assert_eq!(num("$99.99", "77"), None);
        assert_eq!(num("9.9", ".5"), Some(5));
        assert_eq!(num("9", ""), None);
        assert_eq!(num("S9", "-"), None);
    }
}
