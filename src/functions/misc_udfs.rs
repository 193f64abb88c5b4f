//! Row-wise Spark functions without a DataFusion counterpart: `log1p`,
//! `bin`, `conv`, `mask`, `format_number`, `array_compact`, `assert_true`
//! and `raise_error`.

use std::sync::Arc;

use datafusion::arrow::array::{
    new_null_array, Array, ArrayRef, AsArray, Float64Array, StringArray,
};
use datafusion::arrow::compute::{cast, filter};
use datafusion::arrow::datatypes::{DataType, Float64Type, Int64Type};
use datafusion::common::{exec_err, Result as DFResult, ScalarValue};
use datafusion::logical_expr::{
    ColumnarValue, Expr as DFExpr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};

use super::spec::{cast_arg, Arg};
use super::{arity, call_name, Builder};
use crate::error::{to_df_error, ErrorKind, Result, SparkError};
use crate::expr::Literal;
use crate::plan::resolve::{Resolved, Resolver};

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("log1p", log1p),
    ("bin", bin),
    ("conv", conv),
    ("mask", mask),
    ("format_number", format_number),
    ("array_compact", array_compact),
    ("assert_true", assert_true),
    ("raise_error", raise_error),
    ("rand", rand),
    ("random", rand),
    ("randn", rand),
];

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Kind {
    Log1p,
    Bin,
    Conv,
    Mask,
    FormatNumber,
    ArrayCompact,
    AssertTrue,
    RaiseError,
    /// Seeded uniform [0, 1) (or standard normal) numbers, one per row in
    /// the order the rows arrive.
    Random {
        seed: i64,
        normal: bool,
    },
}

#[derive(Debug)]
struct RowUdf {
    kind: Kind,
    name: String,
    signature: Signature,
    /// The generator's state for `Random`.
    state: std::sync::Mutex<super::rng::XorShift>,
}

impl PartialEq for RowUdf {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.name == other.name
    }
}

impl Eq for RowUdf {}

impl std::hash::Hash for RowUdf {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.kind.hash(h);
        self.name.hash(h);
    }
}

fn call(kind: Kind, name: &str, args: Vec<DFExpr>) -> DFExpr {
    let seed = match &kind {
        Kind::Random { seed, .. } => *seed,
        _ => 0,
    };
    let volatility = if matches!(
        kind,
        Kind::AssertTrue | Kind::RaiseError | Kind::Random { .. }
    ) {
        Volatility::Volatile
    } else {
        Volatility::Immutable
    };
    ScalarUDF::new_from_impl(RowUdf {
        kind,
        name: format!("spark_{name}"),
        signature: if args.is_empty() {
            Signature::nullary(volatility)
        } else {
            Signature::any(args.len(), volatility)
        },
        state: std::sync::Mutex::new(super::rng::XorShift::new(seed)),
    })
    .call(args)
}

fn casts(r: &Resolver, args: Vec<Resolved>, kinds: &[Arg]) -> Result<Vec<DFExpr>> {
    args.into_iter()
        .enumerate()
        .map(|(i, a)| cast_arg(r, a, kinds.get(i).copied().unwrap_or(Arg::Any)))
        .collect()
}

fn log1p(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, _) = super::unary(name, args)?;
    let n = format!("LOG1P({})", a.name);
    let e = call(Kind::Log1p, "log1p", casts(r, vec![a], &[Arg::Double])?);
    r.make(e, n)
}

fn bin(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    let e = call(Kind::Bin, "bin", casts(r, vec![a], &[Arg::Long])?);
    r.make(e, n)
}

fn conv(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("conv", &args, &[3])?;
    let n = call_name(&name.to_lowercase(), &args);
    let kinds = [Arg::Str, Arg::Long, Arg::Long];
    r.make(call(Kind::Conv, "conv", casts(r, args, &kinds)?), n)
}

/// `mask(str, upper = 'X', lower = 'x', digit = 'n', other = NULL)`.
fn mask(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    arity("mask", &args, &[1, 2, 3, 4, 5])?;
    let defaults = [
        Literal::String("X".into()),
        Literal::String("x".into()),
        Literal::String("n".into()),
        Literal::Null,
    ];
    for d in &defaults[args.len() - 1..] {
        args.push(r.literal(d)?);
    }
    let n = call_name(&name.to_lowercase(), &args);
    let e = call(Kind::Mask, "mask", casts(r, args, &[Arg::Str; 5])?);
    r.make(e, n)
}

fn format_number(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("format_number", &args, &[2])?;
    let n = call_name(&name.to_lowercase(), &args);
    if args[1].spark_type()?.is_string() {
        return Err(SparkError::not_implemented("format_number with a pattern"));
    }
    let kinds = [Arg::Double, Arg::Long];
    let e = call(Kind::FormatNumber, "format_number", casts(r, args, &kinds)?);
    r.make(e, n)
}

fn array_compact(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    let e = call(Kind::ArrayCompact, "array_compact", vec![a.expr]);
    r.make(e, n)
}

/// `assert_true(cond[, message])`: NULL, or an error where cond is not true.
fn assert_true(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    arity("assert_true", &args, &[1, 2])?;
    if args.len() == 1 {
        let text = format!("'{}' is not true!", args[0].name);
        args.push(r.literal(&Literal::String(text))?);
    }
    let n = call_name(&name.to_lowercase(), &args);
    let kinds = [Arg::Any, Arg::Str];
    r.make(
        call(Kind::AssertTrue, "assert_true", casts(r, args, &kinds)?),
        n,
    )
}

/// `rand([seed])`, `randn([seed])`: named with the seed, a random one
/// when none is given, as Spark names them.
fn rand(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[0, 1])?;
    let seed = match args.first().map(|a| &a.expr) {
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i64),
        Some(DFExpr::Literal(v, _)) => match v.clone().cast_to(&DataType::Int64).ok() {
            Some(ScalarValue::Int64(Some(s))) => s,
            Some(ScalarValue::Int64(None)) => 0,
            _ => {
                return Err(SparkError::illegal_argument(format!(
                    "{lname} expects an integer seed"
                )))
            }
        },
        Some(_) => {
            return Err(SparkError::illegal_argument(format!(
                "{lname} expects a constant seed"
            )))
        }
    };
    let normal = lname == "randn";
    let shown = if normal { "randn" } else { "rand" };
    let n = format!("{shown}({seed})");
    let e = call(Kind::Random { seed, normal }, shown, vec![]);
    r.make(e, n)
}

fn raise_error(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    let e = call(
        Kind::RaiseError,
        "raise_error",
        casts(r, vec![a], &[Arg::Str])?,
    );
    r.make(e, n)
}

impl ScalarUDFImpl for RowUdf {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> DFResult<DataType> {
        Ok(match self.kind {
            Kind::Log1p | Kind::Random { .. } => DataType::Float64,
            Kind::ArrayCompact => arg_types[0].clone(),
            Kind::AssertTrue | Kind::RaiseError => DataType::Null,
            _ => DataType::Utf8,
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        // A random number per row, even without arguments.
        let per_row = matches!(self.kind, Kind::Random { .. });
        super::udfs::invoke_rowwise(&args, per_row, |a, n| self.eval(a, n))
    }
}

fn strings(a: &ArrayRef) -> DFResult<StringArray> {
    Ok(cast(a, &DataType::Utf8)?.as_string::<i32>().clone())
}

impl RowUdf {
    fn eval(&self, a: &[ArrayRef], n: usize) -> DFResult<ArrayRef> {
        Ok(match self.kind {
            Kind::Random { normal, .. } => {
                let mut state = self.state.lock().map_err(|_| {
                    datafusion::error::DataFusionError::Execution("rand state".into())
                })?;
                let out: Float64Array = (0..n)
                    .map(|_| {
                        Some(if normal {
                            state.next_gaussian()
                        } else {
                            state.next_double()
                        })
                    })
                    .collect();
                Arc::new(out)
            }
            Kind::Log1p => {
                let x = a[0].as_primitive::<Float64Type>();
                let out: Float64Array = x.iter().map(|v| v.map(f64::ln_1p)).collect();
                Arc::new(out)
            }
            Kind::Bin => {
                let x = a[0].as_primitive::<Int64Type>();
                let out: StringArray = x
                    .iter()
                    .map(|v| v.map(|v| format!("{:b}", v as u64)))
                    .collect();
                Arc::new(out)
            }
            Kind::Conv => {
                let (s, from, to) = (
                    strings(&a[0])?,
                    a[1].as_primitive::<Int64Type>(),
                    a[2].as_primitive::<Int64Type>(),
                );
                let out: StringArray = (0..n)
                    .map(|i| {
                        if s.is_null(i) || from.is_null(i) || to.is_null(i) {
                            return None;
                        }
                        conv_value(s.value(i), from.value(i), to.value(i))
                    })
                    .collect();
                Arc::new(out)
            }
            Kind::Mask => {
                let cols = a.iter().map(strings).collect::<DFResult<Vec<_>>>()?;
                let pick = |c: &StringArray, i: usize| -> Option<char> {
                    (!c.is_null(i)).then(|| c.value(i).chars().next()).flatten()
                };
                let out: StringArray = (0..n)
                    .map(|i| {
                        if cols[0].is_null(i) {
                            return None;
                        }
                        let (u, l, d, o) = (
                            pick(&cols[1], i),
                            pick(&cols[2], i),
                            pick(&cols[3], i),
                            pick(&cols[4], i),
                        );
                        Some(
                            cols[0]
                                .value(i)
                                .chars()
                                .map(|c| {
                                    let m = if c.is_uppercase() {
                                        u
                                    } else if c.is_lowercase() {
                                        l
                                    } else if c.is_ascii_digit() {
                                        d
                                    } else {
                                        o
                                    };
                                    m.unwrap_or(c)
                                })
                                .collect::<String>(),
                        )
                    })
                    .collect();
                Arc::new(out)
            }
            Kind::FormatNumber => {
                let (x, d) = (
                    a[0].as_primitive::<Float64Type>(),
                    a[1].as_primitive::<Int64Type>(),
                );
                let out: StringArray = (0..n)
                    .map(|i| {
                        if x.is_null(i) || d.is_null(i) || d.value(i) < 0 {
                            return None;
                        }
                        Some(format_grouped(x.value(i), d.value(i) as usize))
                    })
                    .collect();
                Arc::new(out)
            }
            Kind::ArrayCompact => {
                let Some(list) = a[0].as_list_opt::<i32>() else {
                    return exec_err!("array_compact expects an array");
                };
                let mut values = vec![];
                let mut offsets = vec![0i32];
                for i in 0..list.len() {
                    let v = list.value(i);
                    let keep = datafusion::arrow::compute::is_not_null(&v)?;
                    let kept = filter(&v, &keep)?;
                    offsets.push(offsets[offsets.len() - 1] + kept.len() as i32);
                    values.push(kept);
                }
                let field = match list.data_type() {
                    DataType::List(f) => Arc::clone(f),
                    _ => return exec_err!("array_compact expects an array"),
                };
                let refs: Vec<&dyn Array> = values.iter().map(|v| v.as_ref()).collect();
                let flat = if refs.is_empty() {
                    new_null_array(field.data_type(), 0)
                } else {
                    datafusion::arrow::compute::concat(&refs)?
                };
                Arc::new(datafusion::arrow::array::ListArray::try_new(
                    field,
                    datafusion::arrow::buffer::OffsetBuffer::new(offsets.into()),
                    flat,
                    list.nulls().cloned(),
                )?)
            }
            Kind::AssertTrue => {
                let cond = cast(&a[0], &DataType::Boolean)?;
                let cond = cond.as_boolean();
                let msg = strings(&a[1])?;
                for i in 0..n {
                    if cond.is_null(i) || !cond.value(i) {
                        return Err(user_error(msg.value(i)));
                    }
                }
                new_null_array(&DataType::Null, n)
            }
            Kind::RaiseError => {
                let msg = strings(&a[0])?;
                if n > 0 {
                    let text = if msg.is_null(0) { "null" } else { msg.value(0) };
                    return Err(user_error(text));
                }
                new_null_array(&DataType::Null, n)
            }
        })
    }
}

fn user_error(message: &str) -> datafusion::error::DataFusionError {
    to_df_error(SparkError::new(
        ErrorKind::SparkRuntime,
        "USER_RAISED_EXCEPTION",
        "P0001",
        message,
        &[("errorMessage", message.to_string())],
    ))
}

/// `conv(num, from, to)`: the digits of num (base |from|) in base |to|;
/// a negative `to` shows negative numbers signed, else as unsigned 64-bit.
fn conv_value(s: &str, from: i64, to: i64) -> Option<String> {
    if !(2..=36).contains(&from.abs()) || !(2..=36).contains(&to.abs()) {
        return None;
    }
    let s = s.trim();
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    let mut v: u64 = 0;
    for c in digits.chars() {
        let Some(d) = c.to_digit(from.unsigned_abs() as u32) else {
            break;
        };
        v = v.checked_mul(from.unsigned_abs())?.checked_add(d as u64)?;
    }
    let signed = if neg {
        (v as i64).wrapping_neg()
    } else {
        v as i64
    };
    let (negative, mut magnitude) = if to < 0 && signed < 0 {
        (true, signed.unsigned_abs())
    } else {
        (false, signed as u64)
    };
    let base = to.unsigned_abs();
    let mut out = vec![];
    loop {
        let d = (magnitude % base) as u32;
        out.push(std::char::from_digit(d, base as u32)?.to_ascii_uppercase());
        magnitude /= base;
        if magnitude == 0 {
            break;
        }
    }
    if negative {
        out.push('-');
    }
    Some(out.iter().rev().collect())
}

/// `12,332.1235`: grouped thousands, `d` decimals rounded half-even.
fn format_grouped(x: f64, d: usize) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let text = match round_half_even_text(x, d) {
        Some(t) => t,
        None => format!("{x:.d$}"),
    };
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", int),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) if d > 0 => format!("{sign}{grouped}.{f}"),
        _ => format!("{sign}{grouped}"),
    }
}

/// The shortest decimal text of x rounded half-even to d places.
fn round_half_even_text(x: f64, d: usize) -> Option<String> {
    let shortest = format!("{x}");
    let (neg, body) = match shortest.strip_prefix('-') {
        Some(b) => (true, b.to_string()),
        None => (false, shortest.clone()),
    };
    if body.contains('e') {
        return None;
    }
    let (int, frac) = body.split_once('.').unwrap_or((&body, ""));
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
    let point = int.len();
    let keep = point + d;
    if digits.len() > keep {
        let rest = &digits[keep..];
        let first = rest[0];
        let beyond = rest[1..].iter().any(|&v| v != 0);
        let last_odd = keep > 0 && digits[keep - 1] % 2 == 1;
        let up = first > 5 || (first == 5 && (beyond || last_odd));
        digits.truncate(keep);
        if up {
            let mut i = keep;
            loop {
                if i == 0 {
                    digits.insert(0, 1);
                    break;
                }
                i -= 1;
                if digits[i] == 9 {
                    digits[i] = 0;
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
    } else {
        digits.resize(keep, 0);
    }
    let point = digits.len() - d;
    let int: String = digits[..point].iter().map(|v| (v + b'0') as char).collect();
    let int = if int.is_empty() { "0".to_string() } else { int };
    let frac: String = digits[point..].iter().map(|v| (v + b'0') as char).collect();
    let sign = if neg && digits.iter().any(|&v| v != 0) {
        "-"
    } else {
        ""
    };
    Some(if d == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spark_answers() {
        assert_eq!(conv_value("100", 2, 10).as_deref(), Some("4"));
        assert_eq!(conv_value("-10", 16, -10).as_deref(), Some("-16"));
        assert_eq!(conv_value("ff", 16, 2).as_deref(), Some("11111111"));
        assert_eq!(format_grouped(12332.123456, 4), "12,332.1235");
        assert_eq!(format_grouped(1.0, 0), "1");
        assert_eq!(format_grouped(0.125, 2), "0.12");
    }
}
