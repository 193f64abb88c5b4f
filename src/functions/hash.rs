//! `hash(…)`: Spark's Murmur3 (x86, 32 bits, seed 42) of the values, each
//! value's hash seeding the next, with Spark's per-type encodings.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Int32Array};
use datafusion::arrow::datatypes::{
    DataType, Date32Type, Decimal128Type, Float32Type, Float64Type, Int16Type, Int32Type,
    Int64Type, Int8Type, TimeUnit, TimestampMicrosecondType,
};
use datafusion::common::{exec_err, Result as DFResult};
use datafusion::logical_expr::{
    ColumnarValue, Expr as DFExpr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};

use super::{call_name, Builder};
use crate::error::Result;
use crate::plan::resolve::{Resolved, Resolver};

pub(super) const TABLE: &[(&str, Builder)] = &[("hash", hash)];

fn hash(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let n = call_name(&name.to_lowercase(), &args);
    let exprs: Vec<DFExpr> = args.into_iter().map(|a| a.expr).collect();
    let udf = ScalarUDF::new_from_impl(Murmur3 {
        signature: Signature::variadic_any(Volatility::Immutable),
    });
    r.make(udf.call(exprs), n)
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct Murmur3 {
    signature: Signature,
}

const SEED: i32 = 42;

impl ScalarUDFImpl for Murmur3 {
    fn name(&self) -> &str {
        "spark_murmur3_hash"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DFResult<DataType> {
        Ok(DataType::Int32)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        let n = args.number_rows;
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let mut seeds = vec![SEED; n];
        for a in &arrays {
            for (row, seed) in seeds.iter_mut().enumerate() {
                *seed = hash_value(a.as_ref(), row, *seed)?;
            }
        }
        Ok(ColumnarValue::Array(
            Arc::new(Int32Array::from(seeds)) as ArrayRef
        ))
    }
}

/// The hash of one value, seeded; a NULL leaves the seed as it is.
fn hash_value(a: &dyn Array, i: usize, seed: i32) -> DFResult<i32> {
    if a.is_null(i) {
        return Ok(seed);
    }
    Ok(match a.data_type() {
        DataType::Boolean => hash_int(i32::from(a.as_boolean().value(i)), seed),
        DataType::Int8 => hash_int(i32::from(a.as_primitive::<Int8Type>().value(i)), seed),
        DataType::Int16 => hash_int(i32::from(a.as_primitive::<Int16Type>().value(i)), seed),
        DataType::Int32 => hash_int(a.as_primitive::<Int32Type>().value(i), seed),
        DataType::Date32 => hash_int(a.as_primitive::<Date32Type>().value(i), seed),
        DataType::Int64 => hash_long(a.as_primitive::<Int64Type>().value(i), seed),
        DataType::Timestamp(TimeUnit::Microsecond, _) => {
            hash_long(a.as_primitive::<TimestampMicrosecondType>().value(i), seed)
        }
        DataType::Float32 => {
            let v = a.as_primitive::<Float32Type>().value(i);
            let bits = if v == 0.0 {
                0
            } else if v.is_nan() {
                0x7fc0_0000
            } else {
                v.to_bits() as i32
            };
            hash_int(bits, seed)
        }
        DataType::Float64 => {
            let v = a.as_primitive::<Float64Type>().value(i);
            let bits = if v == 0.0 {
                0
            } else if v.is_nan() {
                0x7ff8_0000_0000_0000
            } else {
                v.to_bits() as i64
            };
            hash_long(bits, seed)
        }
        DataType::Decimal128(p, _) if *p <= 18 => {
            hash_long(a.as_primitive::<Decimal128Type>().value(i) as i64, seed)
        }
        DataType::Utf8 => hash_bytes(a.as_string::<i32>().value(i).as_bytes(), seed),
        DataType::LargeUtf8 => hash_bytes(a.as_string::<i64>().value(i).as_bytes(), seed),
        DataType::Utf8View => hash_bytes(a.as_string_view().value(i).as_bytes(), seed),
        DataType::Binary => hash_bytes(a.as_binary::<i32>().value(i), seed),
        DataType::List(_) => {
            let items = a.as_list::<i32>().value(i);
            let mut h = seed;
            for j in 0..items.len() {
                h = hash_value(items.as_ref(), j, h)?;
            }
            h
        }
        DataType::Struct(_) => {
            let s = a.as_struct();
            let mut h = seed;
            for c in s.columns() {
                h = hash_value(c.as_ref(), i, h)?;
            }
            h
        }
        other => return exec_err!("hash of {other} is not supported"),
    })
}

fn mix_k1(k1: i32) -> i32 {
    (k1.wrapping_mul(0xcc9e_2d51_u32 as i32))
        .rotate_left(15)
        .wrapping_mul(0x1b87_3593)
}

fn mix_h1(h1: i32, k1: i32) -> i32 {
    (h1 ^ k1)
        .rotate_left(13)
        .wrapping_mul(5)
        .wrapping_add(0xe654_6b64_u32 as i32)
}

fn fmix(h1: i32, length: i32) -> i32 {
    let mut h = (h1 ^ length) as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^= h >> 16;
    h as i32
}

fn hash_int(v: i32, seed: i32) -> i32 {
    fmix(mix_h1(seed, mix_k1(v)), 4)
}

fn hash_long(v: i64, seed: i32) -> i32 {
    let low = v as i32;
    let high = (v >> 32) as i32;
    let h1 = mix_h1(seed, mix_k1(low));
    fmix(mix_h1(h1, mix_k1(high)), 8)
}

/// Spark's `hashUnsafeBytes`: 4-byte little-endian words, then each
/// remaining byte (sign-extended) on its own.
fn hash_bytes(b: &[u8], seed: i32) -> i32 {
    let aligned = b.len() - b.len() % 4;
    let mut h1 = seed;
    for w in b[..aligned].chunks_exact(4) {
        let word = i32::from_le_bytes([w[0], w[1], w[2], w[3]]);
        h1 = mix_h1(h1, mix_k1(word));
    }
    for &byte in &b[aligned..] {
        h1 = mix_h1(h1, mix_k1(i32::from(byte as i8)));
    }
    fmix(h1, b.len() as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spark_values() {
        // Answers of Spark 4.3's hash(): hash(1), hash('Spark'), hash(1, 'a').
        assert_eq!(hash_int(1, SEED), -559_580_957);
        assert_eq!(hash_bytes(b"Spark", SEED), 228_093_765);
        assert_eq!(hash_bytes(b"a", hash_int(1, SEED)), -936_062_819);
    }
}
