//! Spark-semantics scalar functions that DataFusion lacks: ANSI-checked
//! arithmetic and casts, zero-divisor checks, Spark's cast to string and
//! Spark's `substring`.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, StringBuilder};
use datafusion::arrow::compute::kernels::numeric;
use datafusion::arrow::datatypes::{DataType, DecimalType};
use datafusion::common::Result as DFResult;
use datafusion::logical_expr::{
    ColumnarValue, Expr as DFExpr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};

use crate::error::{to_df_error, ErrorKind, SparkError};
use crate::show::{format_value, FormatOptions};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Kind {
    /// `+`, `-`, `*` on integers, raising ARITHMETIC_OVERFLOW.
    CheckedArith(char),
    /// Raises DIVIDE_BY_ZERO (or REMAINDER_BY_ZERO) for a zero divisor.
    NonZero { remainder: bool },
    /// (value, attempted cast): raises where the cast lost a non-null value.
    CastCheck { from: String, to: String },
    /// Spark's cast to string.
    ToString { time_zone: String },
    /// Spark's 1-based `substring(str, pos, len)`.
    Substring,
    /// `arr[i]`, 0-based; out of bounds raises under ANSI, else NULL.
    ArrayGet { ansi: bool },
    /// Whether an array holds a NULL element (NULL for a NULL array).
    HasNull,
    /// A decimal that overflowed its precision raises under ANSI, else NULL.
    DecimalCheck { ansi: bool },
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct SparkUdf {
    kind: Kind,
    name: String,
    signature: Signature,
}

fn call(kind: Kind, name: &str, args: Vec<DFExpr>) -> DFExpr {
    let udf = ScalarUDF::new_from_impl(SparkUdf {
        signature: Signature::any(args.len(), Volatility::Immutable),
        name: name.to_string(),
        kind,
    });
    udf.call(args)
}

pub fn checked_arith(op: &str, l: DFExpr, r: DFExpr) -> DFExpr {
    let c = op.chars().next().unwrap_or('+');
    call(
        Kind::CheckedArith(c),
        &format!("spark_checked{op}"),
        vec![l, r],
    )
}

pub fn check_nonzero(x: DFExpr, remainder: bool) -> DFExpr {
    call(Kind::NonZero { remainder }, "spark_nonzero", vec![x])
}

pub fn cast_check(value: DFExpr, attempted: DFExpr, from: String, to: String) -> DFExpr {
    call(
        Kind::CastCheck { from, to },
        "spark_cast_check",
        vec![value, attempted],
    )
}

pub fn to_spark_string(x: DFExpr, time_zone: String) -> DFExpr {
    call(Kind::ToString { time_zone }, "spark_string", vec![x])
}

pub fn decimal_check(x: DFExpr, ansi: bool) -> DFExpr {
    call(Kind::DecimalCheck { ansi }, "spark_decimal_check", vec![x])
}

pub fn array_get(array: DFExpr, index: DFExpr, ansi: bool) -> DFExpr {
    call(
        Kind::ArrayGet { ansi },
        "spark_array_get",
        vec![array, index],
    )
}

/// Runs a row-wise kernel on the arguments as arrays. A call whose
/// arguments are all scalars (and is not `per_row`) gives a scalar; the
/// kernel gets the number of rows to produce.
pub fn invoke_rowwise(
    args: &ScalarFunctionArgs,
    per_row: bool,
    kernel: impl FnOnce(&[ArrayRef], usize) -> DFResult<ArrayRef>,
) -> DFResult<ColumnarValue> {
    let scalar = !per_row
        && args
            .args
            .iter()
            .all(|a| matches!(a, ColumnarValue::Scalar(_)));
    let arrays = ColumnarValue::values_to_arrays(&args.args)?;
    let rows = if scalar { 1 } else { args.number_rows };
    let out = kernel(&arrays, rows)?;
    if scalar {
        Ok(ColumnarValue::Scalar(
            datafusion::common::ScalarValue::try_from_array(&out, 0)?,
        ))
    } else {
        Ok(ColumnarValue::Array(out))
    }
}

pub fn array_has_null(array: DFExpr) -> DFExpr {
    call(Kind::HasNull, "spark_array_has_null", vec![array])
}

pub fn spark_substring(s: DFExpr, pos: DFExpr, len: DFExpr) -> DFExpr {
    call(Kind::Substring, "spark_substring", vec![s, pos, len])
}

impl ScalarUDFImpl for SparkUdf {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> DFResult<DataType> {
        Ok(match &self.kind {
            Kind::CheckedArith(_) | Kind::NonZero { .. } | Kind::DecimalCheck { .. } => {
                arg_types[0].clone()
            }
            Kind::CastCheck { .. } => arg_types[1].clone(),
            Kind::ToString { .. } | Kind::Substring => DataType::Utf8,
            Kind::HasNull => DataType::Boolean,
            Kind::ArrayGet { .. } => match &arg_types[0] {
                DataType::List(f) | DataType::LargeList(f) => f.data_type().clone(),
                _ => DataType::Null,
            },
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        invoke_rowwise(&args, false, |a, n| self.eval(a, n))
    }
}

impl SparkUdf {
    fn eval(&self, a: &[ArrayRef], _n: usize) -> DFResult<ArrayRef> {
        match &self.kind {
            Kind::HasNull => {
                let out: datafusion::arrow::array::BooleanArray = match a[0].as_list_opt::<i32>() {
                    Some(list) => (0..list.len())
                        .map(|i| list.is_valid(i).then(|| list.value(i).null_count() > 0))
                        .collect(),
                    None => (0..a[0].len()).map(|_| None).collect(),
                };
                Ok(Arc::new(out))
            }
            Kind::CheckedArith(op) => {
                let res = match op {
                    '+' => numeric::add(&a[0], &a[1]),
                    '-' | 'n' => numeric::sub(&a[0], &a[1]),
                    _ => numeric::mul(&a[0], &a[1]),
                };
                res.map_err(|e| match e {
                    datafusion::arrow::error::ArrowError::ArithmeticOverflow(_) => {
                        let f = match op {
                            '+' => Some("try_add"),
                            '-' => Some("try_subtract"),
                            'n' => None,
                            _ => Some("try_multiply"),
                        };
                        to_df_error(SparkError::arithmetic_overflow(f))
                    }
                    other => other.into(),
                })
            }
            Kind::NonZero { remainder } => {
                let x = &a[0];
                let as_f64 = datafusion::arrow::compute::cast(x, &DataType::Float64)?;
                let f = as_f64.as_primitive::<datafusion::arrow::datatypes::Float64Type>();
                let zero = (0..f.len()).any(|i| f.is_valid(i) && f.value(i) == 0.0);
                if zero {
                    let err = if *remainder {
                        SparkError::remainder_by_zero()
                    } else {
                        SparkError::divide_by_zero()
                    };
                    return Err(to_df_error(err));
                }
                Ok(Arc::clone(x))
            }
            Kind::CastCheck { from, to } => {
                let (value, attempted) = (&a[0], &a[1]);
                for i in 0..value.len() {
                    if value.is_valid(i) && attempted.is_null(i) {
                        let opts = FormatOptions {
                            time_zone: "UTC".into(),
                        };
                        let text = format_value(value.as_ref(), i, &opts).unwrap_or_default();
                        let err = if from == "STRING" {
                            let kind = match to.as_str() {
                                "DATE" | "TIMESTAMP" | "TIMESTAMP_NTZ" => ErrorKind::DateTime,
                                "BOOLEAN" => ErrorKind::SparkRuntime,
                                _ => ErrorKind::NumberFormat,
                            };
                            SparkError::cast_invalid_input(&text, from, to, kind)
                        } else if to.starts_with("DECIMAL") {
                            SparkError::numeric_out_of_range(&text, to)
                        } else {
                            let finite = !matches!(text.as_str(), "NaN" | "Infinity" | "-Infinity");
                            let suffix = match from.as_str() {
                                _ if !finite => "",
                                "BIGINT" => "L",
                                "SMALLINT" => "S",
                                "TINYINT" => "Y",
                                "DOUBLE" => "D",
                                _ => "",
                            };
                            SparkError::cast_overflow(&format!("{text}{suffix}"), from, to)
                        };
                        return Err(to_df_error(err));
                    }
                }
                Ok(Arc::clone(attempted))
            }
            Kind::ToString { time_zone } => {
                let opts = FormatOptions {
                    time_zone: time_zone.clone(),
                };
                let x = &a[0];
                if matches!(
                    x.data_type(),
                    DataType::Binary | DataType::LargeBinary | DataType::BinaryView
                ) {
                    // A binary cast to a string is its bytes read as UTF-8.
                    let bin = datafusion::arrow::compute::cast(x, &DataType::Binary)?;
                    let out: datafusion::arrow::array::StringArray = bin
                        .as_binary::<i32>()
                        .iter()
                        .map(|v| v.map(|b| String::from_utf8_lossy(b).into_owned()))
                        .collect();
                    return Ok(Arc::new(out));
                }
                let mut b = StringBuilder::with_capacity(x.len(), x.len() * 8);
                for i in 0..x.len() {
                    b.append_option(format_value(x.as_ref(), i, &opts));
                }
                Ok(Arc::new(b.finish()))
            }
            Kind::ArrayGet { ansi } => {
                let list = datafusion::arrow::compute::cast(
                    &a[0],
                    &match a[0].data_type() {
                        DataType::LargeList(f) => DataType::List(Arc::clone(f)),
                        other => other.clone(),
                    },
                )?;
                let list = list.as_list::<i32>();
                let idx = a[1].as_primitive::<datafusion::arrow::datatypes::Int64Type>();
                let offsets = list.value_offsets();
                let mut take = Vec::with_capacity(list.len());
                for i in 0..list.len() {
                    if list.is_null(i) || idx.is_null(i) {
                        take.push(None);
                        continue;
                    }
                    let (start, end) = (offsets[i] as i64, offsets[i + 1] as i64);
                    let k = idx.value(i);
                    if k < 0 || k >= end - start {
                        if *ansi {
                            let err = SparkError::invalid_array_index(k, (end - start) as usize);
                            return Err(to_df_error(err));
                        }
                        take.push(None);
                    } else {
                        take.push(Some((start + k) as u64));
                    }
                }
                let indices = datafusion::arrow::array::UInt64Array::from(take);
                Ok(datafusion::arrow::compute::take(
                    list.values().as_ref(),
                    &indices,
                    None,
                )?)
            }
            Kind::DecimalCheck { ansi } => {
                let DataType::Decimal128(p, s) = a[0].data_type() else {
                    return Ok(Arc::clone(&a[0]));
                };
                let (p, s) = (*p, *s);
                let d = a[0].as_primitive::<datafusion::arrow::datatypes::Decimal128Type>();
                if *ansi {
                    for v in d.iter().flatten() {
                        if datafusion::arrow::datatypes::Decimal128Type::validate_decimal_precision(
                            v, p, s,
                        )
                        .is_err()
                        {
                            let text = crate::format::decimal_string(v, s);
                            let err = SparkError::numeric_out_of_range(
                                &text,
                                &format!("DECIMAL({p},{s})"),
                            );
                            return Err(to_df_error(err));
                        }
                    }
                    return Ok(Arc::clone(&a[0]));
                }
                Ok(Arc::new(d.null_if_overflow_precision(p)))
            }
            Kind::Substring => {
                let s = datafusion::arrow::compute::cast(&a[0], &DataType::Utf8)?;
                let s = s.as_string::<i32>();
                let pos = a[1].as_primitive::<datafusion::arrow::datatypes::Int64Type>();
                let len = a[2].as_primitive::<datafusion::arrow::datatypes::Int64Type>();
                let mut b = StringBuilder::with_capacity(s.len(), 0);
                for i in 0..s.len() {
                    if s.is_null(i) || pos.is_null(i) || len.is_null(i) {
                        b.append_null();
                        continue;
                    }
                    b.append_value(substring_sql(s.value(i), pos.value(i), len.value(i)));
                }
                Ok(Arc::new(b.finish()))
            }
        }
    }
}

/// Spark's `substring`: 1-based, 0 acts as 1, negative counts from the end.
pub fn substring_sql(s: &str, pos: i64, len: i64) -> String {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len() as i64;
    let start = if pos > 0 {
        pos - 1
    } else if pos < 0 {
        n + pos
    } else {
        0
    };
    let end = if len == i32::MAX as i64 || len == i64::MAX {
        i64::MAX
    } else {
        start.saturating_add(len)
    };
    let start = start.max(0);
    let end = end.min(n);
    if start >= end {
        return String::new();
    }
    chars[start as usize..end as usize].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::substring_sql;

    #[test]
    fn substring_follows_spark() {
        assert_eq!(substring_sql("Spark SQL", 5, 1), "k");
        assert_eq!(substring_sql("Spark SQL", -3, 2), "SQ");
        assert_eq!(substring_sql("Spark SQL", 0, 2), "Sp");
        assert_eq!(substring_sql("abc", 2, i32::MAX as i64), "bc");
    }
}
