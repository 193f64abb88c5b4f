//! `bround(x[, d])`: rounding half to even at `d` decimal places, in the
//! type of `x` (a decimal's scale becomes `max(d, 0)`), as Spark's
//! `BigDecimal.setScale(d, HALF_EVEN)` gives it.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Decimal128Array, PrimitiveArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{
    ArrowPrimitiveType, DataType, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type,
    Int8Type,
};
use datafusion::common::{Result as DFResult, ScalarValue};
use datafusion::logical_expr::Expr as DFExpr;

use super::kernel::{self, Kernel};
use super::{arity, call_name, Builder};
use crate::error::{Result, SparkError};
use crate::expr::Literal;
use crate::plan::coerce;
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const TABLE: &[(&str, Builder)] = &[("bround", bround)];

#[derive(Debug, PartialEq, Eq, Hash)]
struct BRound {
    scale: i32,
    /// The result type (a decimal's precision and scale change).
    ret: DataType,
}

fn bround(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    arity("bround", &args, &[1, 2])?;
    if args.len() == 1 {
        args.push(r.literal(&Literal::Integer(0))?);
    }
    let n = call_name(&name.to_lowercase(), &args);
    let scale = match &args[1].expr {
        DFExpr::Literal(v, _) => match v.clone().cast_to(&DataType::Int32) {
            Ok(ScalarValue::Int32(Some(s))) => s,
            _ => {
                return Err(SparkError::illegal_argument(
                    "bround expects an integer scale",
                ))
            }
        },
        _ => {
            return Err(SparkError::not_implemented(
                "bround with a non-constant scale",
            ))
        }
    };
    let x = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    let (x, ret) = match x.spark_type()? {
        SparkType::Decimal(p, s) => {
            let out = if scale >= i32::from(s) {
                SparkType::Decimal(p, s)
            } else {
                let d = scale.max(0) as i16;
                coerce::bounded_decimal(i16::from(p) - i16::from(s) + d + 1, d)
            };
            (x.expr, out.to_arrow())
        }
        t if t.is_numeric() => {
            let dt = x.data_type.clone();
            (x.expr, dt)
        }
        _ => {
            let x = coerce::cast(r, x, &SparkType::Double, false)?;
            (x, DataType::Float64)
        }
    };
    r.make(
        kernel::call(
            BRound {
                scale,
                ret: ret.clone(),
            },
            ret,
            vec![x],
        ),
        n,
    )
}

impl Kernel for BRound {
    fn name(&self) -> &str {
        "spark_bround"
    }

    fn eval(&self, a: &[ArrayRef], _rows: usize) -> DFResult<ArrayRef> {
        let d = self.scale;
        let x = &a[0];
        Ok(match x.data_type() {
            DataType::Float64 => Arc::new(map::<Float64Type>(x, |v| round_double(v, d))),
            DataType::Float32 => Arc::new(map::<Float32Type>(x, |v| {
                round_text(&v.to_string(), d).map_or(v, |t| t.parse().unwrap_or(v))
            })),
            DataType::Int64 => Arc::new(map::<Int64Type>(x, |v| {
                round_integer(i128::from(v), d) as i64
            })),
            DataType::Int32 => Arc::new(map::<Int32Type>(x, |v| {
                round_integer(i128::from(v), d) as i32
            })),
            DataType::Int16 => Arc::new(map::<Int16Type>(x, |v| {
                round_integer(i128::from(v), d) as i16
            })),
            DataType::Int8 => Arc::new(map::<Int8Type>(x, |v| {
                round_integer(i128::from(v), d) as i8
            })),
            DataType::Decimal128(_, s) => {
                let s = i32::from(*s);
                let out: Decimal128Array = x
                    .as_primitive::<datafusion::arrow::datatypes::Decimal128Type>()
                    .iter()
                    .map(|v| v.map(|v| round_decimal(v, s, d)))
                    .collect();
                Arc::new(out.with_data_type(self.ret.clone()))
            }
            other => {
                let as_double = cast(x, &DataType::Float64)?;
                let out = map::<Float64Type>(&as_double, |v| round_double(v, d));
                cast(&out, other)?
            }
        })
    }
}

fn map<T: ArrowPrimitiveType>(
    x: &ArrayRef,
    f: impl Fn(T::Native) -> T::Native,
) -> PrimitiveArray<T> {
    x.as_primitive::<T>().unary(f)
}

/// `v` (unscaled at scale `s`) rounded half to even at `d` places, then
/// written at scale `max(d, 0)` (or `s` when `d >= s`).
fn round_decimal(v: i128, s: i32, d: i32) -> i128 {
    if d >= s {
        return v;
    }
    let q = div_half_even(v, 10i128.pow((s - d) as u32));
    if d < 0 {
        q * 10i128.pow((-d) as u32)
    } else {
        q
    }
}

/// `v / m` rounded half to even.
fn div_half_even(v: i128, m: i128) -> i128 {
    let (q, rem) = (v / m, v % m);
    let twice = rem.abs() * 2;
    let away = twice > m || (twice == m && q % 2 != 0);
    if away {
        q + v.signum()
    } else {
        q
    }
}

fn round_integer(v: i128, d: i32) -> i128 {
    if d >= 0 {
        return v;
    }
    if -d > 38 {
        return 0;
    }
    round_decimal(v, 0, d)
}

fn round_double(v: f64, d: i32) -> f64 {
    if !v.is_finite() {
        return v;
    }
    round_text(&v.to_string(), d).map_or(v, |t| t.parse().unwrap_or(v))
}

/// A decimal text (as Rust prints a float: digits, optional '.', optional
/// exponent) rounded half to even at `d` places.
fn round_text(text: &str, d: i32) -> Option<String> {
    let (neg, body) = match text.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, text),
    };
    let (mantissa, exp) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().ok()?),
        None => (body, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
    // The value is 0.digits × 10^point.
    let point = int.len() as i32 + exp;
    let keep = point + d;
    if keep >= digits.len() as i32 {
        return Some(text.to_string());
    }
    let mut kept: Vec<u8> = if keep > 0 {
        digits[..keep as usize].to_vec()
    } else {
        vec![]
    };
    let rest = &digits[keep.max(0) as usize..];
    let first = if keep >= 0 { rest[0] } else { 0 };
    let tail_nonzero = if keep >= 0 {
        rest[1..].iter().any(|&x| x != 0)
    } else {
        rest.iter().any(|&x| x != 0)
    };
    let last_odd = kept.last().is_some_and(|x| x % 2 == 1);
    let up = first > 5 || (first == 5 && (tail_nonzero || last_odd));
    if up {
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, 1);
                break;
            }
            i -= 1;
            if kept[i] == 9 {
                kept[i] = 0;
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    let number: String = kept.iter().map(|x| (x + b'0') as char).collect();
    let value = if number.is_empty() {
        "0".to_string()
    } else {
        format!("{number}e{}", point - keep)
    };
    Some(if neg { format!("-{value}") } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_even() {
        assert_eq!(round_double(2.5, 0), 2.0);
        assert_eq!(round_double(3.5, 0), 4.0);
        assert_eq!(round_double(-2.5, 0), -2.0);
        assert_eq!(round_double(2.125, 2), 2.12);
        assert_eq!(round_double(2.1267, 2), 2.13);
        assert_eq!(round_double(9.99, 1), 10.0);
        assert_eq!(round_double(0.05, 1), 0.0);
        assert_eq!(round_double(0.051, 1), 0.1);
        assert_eq!(round_double(1234.5, -2), 1200.0);
        assert_eq!(round_integer(25, -1), 20);
        assert_eq!(round_integer(35, -1), 40);
        assert_eq!(round_decimal(25, 1, 0), 2);
        assert_eq!(round_decimal(-35, 1, 0), -4);
    }
}
