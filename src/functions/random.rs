//! Seeded row sampling: a number in `[0, 1)` per row, computed from the
//! seed and the given values (a row's columns and its occurrence among equal
//! rows), so `sample` and `randomSplit` give the same rows for the same seed
//! however the rows are partitioned, and the splits of `randomSplit` are
//! disjoint and cover the input.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Float64Array};
use datafusion::arrow::datatypes::DataType;
use datafusion::arrow::row::{RowConverter, SortField};
use datafusion::common::Result as DFResult;
use datafusion::logical_expr::{
    ColumnarValue, Expr as DFExpr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};

#[derive(Debug, PartialEq, Eq, Hash)]
struct RowUniform {
    seed: i64,
    signature: Signature,
}

/// SplitMix64's finaliser: a well-mixed 64-bit value.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = mix(seed ^ 0x9e37_79b9_7f4a_7c15);
    for chunk in bytes.chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        h = mix(h ^ u64::from_le_bytes(word));
    }
    mix(h ^ bytes.len() as u64)
}

/// A uniform `[0, 1)` double per row from `seed` and the values of `columns`.
pub fn row_uniform(seed: i64, columns: Vec<DFExpr>) -> DFExpr {
    let udf = ScalarUDF::new_from_impl(RowUniform {
        seed,
        signature: Signature::variadic_any(Volatility::Immutable),
    });
    udf.call(columns)
}

impl ScalarUDFImpl for RowUniform {
    fn name(&self) -> &str {
        "ember_row_uniform"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DFResult<DataType> {
        Ok(DataType::Float64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        let n = args.number_rows;
        let arrays: Vec<ArrayRef> = args
            .args
            .iter()
            .map(|a| a.to_array(n))
            .collect::<DFResult<_>>()?;
        let fields = arrays
            .iter()
            .map(|a| SortField::new(a.data_type().clone()))
            .collect();
        let converter = RowConverter::new(fields)?;
        let rows = converter.convert_columns(&arrays)?;
        let seed = self.seed as u64;
        let values: Float64Array = (0..n)
            .map(|i| {
                let h = hash_bytes(seed, rows.row(i).as_ref());
                Some((h >> 11) as f64 / (1u64 << 53) as f64)
            })
            .collect();
        Ok(ColumnarValue::Array(Arc::new(values)))
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct PoissonCount {
    signature: Signature,
}

/// Poisson(`mean`) draws by inverting the CDF at `u` (a `[0, 1)` column):
/// how many copies of a row sampling with replacement keeps.
pub fn poisson_count(u: DFExpr, mean: f64) -> DFExpr {
    let udf = ScalarUDF::new_from_impl(PoissonCount {
        signature: Signature::any(2, Volatility::Immutable),
    });
    udf.call(vec![u, datafusion::prelude::lit(mean)])
}

fn inverse_poisson(u: f64, mean: f64) -> i64 {
    let mut p = (-mean).exp();
    let mut cdf = p;
    let mut k = 0i64;
    while u >= cdf && k < 10_000 {
        k += 1;
        p *= mean / k as f64;
        cdf += p;
    }
    k
}

impl ScalarUDFImpl for PoissonCount {
    fn name(&self) -> &str {
        "ember_poisson_count"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DFResult<DataType> {
        Ok(DataType::Int64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        use datafusion::arrow::array::{AsArray, Int64Array};
        use datafusion::arrow::datatypes::Float64Type;
        let n = args.number_rows;
        let u = args.args[0].to_array(n)?;
        let mean = args.args[1].to_array(n)?;
        let (u, mean) = (
            u.as_primitive::<Float64Type>(),
            mean.as_primitive::<Float64Type>(),
        );
        let out: Int64Array = (0..n)
            .map(|i| Some(inverse_poisson(u.value(i), mean.value(i))))
            .collect();
        Ok(ColumnarValue::Array(Arc::new(out)))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn poisson_inversion_matches_the_distribution() {
        assert_eq!(super::inverse_poisson(0.0, 1.0), 0);
        assert_eq!(super::inverse_poisson(0.5, 1.0), 1);
        assert_eq!(super::inverse_poisson(0.99, 1.0), 4);
        assert_eq!(super::inverse_poisson(0.3, 0.0), 0);
    }

    #[test]
    fn the_hash_depends_on_seed_and_bytes() {
        use super::hash_bytes;
        assert_eq!(hash_bytes(1, b"abc"), hash_bytes(1, b"abc"));
        assert_ne!(hash_bytes(1, b"abc"), hash_bytes(2, b"abc"));
        assert_ne!(hash_bytes(1, b"abc"), hash_bytes(1, b"abd"));
    }
}
