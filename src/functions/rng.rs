//! Spark's random number generator (`XORShiftRandom`, seeded through
//! MurmurHash3) and the functions drawn from it besides `rand`/`randn`:
//! `uniform(min, max[, seed])` and `randstr(length[, seed])`. Values are
//! Spark's for a single partition (Spark seeds partition `i` with
//! `seed + i`).

use std::sync::{Arc, Mutex};

use datafusion::arrow::array::{ArrayRef, Float64Array, StringArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Result as DFResult, ScalarValue};
use datafusion::logical_expr::Expr as DFExpr;

use super::kernel::{self, Kernel};
use super::{arity, Builder};
use crate::error::{Result, SparkError};
use crate::plan::coerce::cast_plain;
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const TABLE: &[(&str, Builder)] = &[("uniform", uniform), ("randstr", randstr)];

/// `java.util.Random`'s interface over Spark's xorshift generator.
#[derive(Debug, Clone)]
pub struct XorShift {
    seed: u64,
    next_gaussian: Option<f64>,
}

fn mix(h: u32, k: u32) -> u32 {
    let h = mix_last(h, k);
    h.rotate_left(13).wrapping_mul(5).wrapping_add(0xe654_6b64)
}

fn mix_last(h: u32, k: u32) -> u32 {
    let k = k
        .wrapping_mul(0xcc9e_2d51)
        .rotate_left(15)
        .wrapping_mul(0x1b87_3593);
    h ^ k
}

/// Scala's `MurmurHash3.bytesHash`.
fn bytes_hash(data: &[u8], seed: u32) -> u32 {
    let mut h = seed;
    let mut chunks = data.chunks_exact(4);
    for c in &mut chunks {
        h = mix(h, u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let mut k = 0u32;
        for (i, b) in tail.iter().enumerate() {
            k ^= u32::from(*b) << (8 * i);
        }
        h = mix_last(h, k);
    }
    let mut h = h ^ data.len() as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

impl XorShift {
    /// `new XORShiftRandom(seed)`.
    pub fn new(seed: i64) -> Self {
        let bytes = seed.to_be_bytes();
        let low = bytes_hash(&bytes, 0x3c07_4a61);
        let high = bytes_hash(&bytes, low);
        XorShift {
            seed: (u64::from(high) << 32) | u64::from(low),
            next_gaussian: None,
        }
    }

    fn next(&mut self, bits: u32) -> i32 {
        let mut s = self.seed ^ (self.seed << 21);
        s ^= s >> 35;
        s ^= s << 4;
        self.seed = s;
        (s & ((1u64 << bits) - 1)) as i32
    }

    pub fn next_int(&mut self) -> i32 {
        self.next(32)
    }

    pub fn next_double(&mut self) -> f64 {
        let hi = i64::from(self.next(26)) << 27;
        (hi + i64::from(self.next(27))) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// `java.util.Random.nextGaussian` (the polar method, in pairs).
    pub fn next_gaussian(&mut self) -> f64 {
        if let Some(g) = self.next_gaussian.take() {
            return g;
        }
        loop {
            let v1 = 2.0 * self.next_double() - 1.0;
            let v2 = 2.0 * self.next_double() - 1.0;
            let s = v1 * v1 + v2 * v2;
            if s < 1.0 && s != 0.0 {
                let multiplier = (-2.0 * s.ln() / s).sqrt();
                self.next_gaussian = Some(v2 * multiplier);
                return v1 * multiplier;
            }
        }
    }
}

/// A seed given as a constant integer, or a random one.
fn seed_of(name: &str, a: Option<&Resolved>) -> Result<i64> {
    match a.map(|a| &a.expr) {
        None => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i64)),
        Some(DFExpr::Literal(v, _)) => match v.clone().cast_to(&DataType::Int64) {
            Ok(ScalarValue::Int64(Some(s))) => Ok(s),
            Ok(ScalarValue::Int64(None)) => Ok(0),
            _ => Err(SparkError::illegal_argument(format!(
                "{name} expects an integer seed"
            ))),
        },
        Some(_) => Err(SparkError::not_implemented(&format!(
            "{name} with a non-constant seed"
        ))),
    }
}

#[derive(Debug)]
struct Draw {
    seed: i64,
    /// The string length for `randstr`; None for `uniform`'s doubles.
    chars: Option<usize>,
    state: Mutex<XorShift>,
}

impl PartialEq for Draw {
    fn eq(&self, other: &Self) -> bool {
        self.seed == other.seed && self.chars == other.chars
    }
}

impl Eq for Draw {}

impl std::hash::Hash for Draw {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.seed.hash(h);
        self.chars.hash(h);
    }
}

fn draw(seed: i64, chars: Option<usize>) -> Draw {
    Draw {
        seed,
        chars,
        state: Mutex::new(XorShift::new(seed)),
    }
}

impl Kernel for Draw {
    fn name(&self) -> &str {
        if self.chars.is_some() {
            "spark_randstr"
        } else {
            "spark_rand"
        }
    }

    fn volatile(&self) -> bool {
        true
    }

    fn eval(&self, _args: &[ArrayRef], rows: usize) -> DFResult<ArrayRef> {
        let mut rng = self
            .state
            .lock()
            .map_err(|_| datafusion::error::DataFusionError::Execution("rand state".into()))?;
        Ok(match self.chars {
            None => Arc::new(
                (0..rows)
                    .map(|_| Some(rng.next_double()))
                    .collect::<Float64Array>(),
            ),
            Some(n) => {
                let out: StringArray = (0..rows)
                    .map(|_| Some(random_string(&mut rng, n)))
                    .collect();
                Arc::new(out)
            }
        })
    }
}

/// Spark's `ExpressionImplUtils.randStr`: characters from 0-9, a-z, A-Z.
fn random_string(rng: &mut XorShift, n: usize) -> String {
    (0..n)
        .map(|_| {
            let v = (rng.next_int() % 62).unsigned_abs() as u8;
            match v {
                0..=9 => (b'0' + v) as char,
                10..=35 => (b'a' + v - 10) as char,
                _ => (b'A' + v - 36) as char,
            }
        })
        .collect()
}

/// The numbers `rand(seed)` gives, one per row.
pub fn random_doubles(seed: i64) -> DFExpr {
    kernel::call(draw(seed, None), DataType::Float64, vec![])
}

/// The name of a call whose seed shows only when given.
fn seeded_name(name: &str, args: &[Resolved]) -> String {
    super::call_name(name, args)
}

fn constant(name: &str, a: &Resolved, what: &str) -> Result<()> {
    if matches!(a.expr, DFExpr::Literal(..)) {
        return Ok(());
    }
    Err(SparkError::not_implemented(&format!(
        "{name} with a non-constant {what}"
    )))
}

/// `uniform(min, max[, seed])`: `min + (max - min) * rand(seed)` in the
/// type of the bounds (integers truncate).
fn uniform(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("uniform", &args, &[2, 3])?;
    let n = seeded_name(&name.to_lowercase(), &args);
    constant("uniform", &args[0], "minimum")?;
    constant("uniform", &args[1], "maximum")?;
    let seed = seed_of("uniform", args.get(2))?;
    let (lo, hi) = (args[0].spark_type()?, args[1].spark_type()?);
    let out = uniform_type(&lo, &hi).ok_or_else(|| {
        SparkError::datatype_mismatch(
            "UNEXPECTED_INPUT_TYPE",
            &n,
            "The first and second parameters require the \"NUMERIC\" type.".to_string(),
        )
    })?;
    let mut it = args.into_iter();
    let (Some(min), Some(max)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let min = cast_plain(min.expr, &DataType::Float64);
    let max = cast_plain(max.expr, &DataType::Float64);
    let v = min.clone() + (max - min) * random_doubles(seed);
    r.make(cast_plain(v, &out.to_arrow()), n)
}

/// Spark's result type of `uniform`: integers widen, then DOUBLE, FLOAT,
/// then a decimal bound's type.
fn uniform_type(lo: &SparkType, hi: &SparkType) -> Option<SparkType> {
    use SparkType as T;
    let rank = |t: &T| match t {
        T::Byte => Some(1),
        T::Short => Some(2),
        T::Integer => Some(3),
        T::Long => Some(4),
        _ => None,
    };
    if let (Some(a), Some(b)) = (rank(lo), rank(hi)) {
        return Some(if a >= b { lo.clone() } else { hi.clone() });
    }
    for t in [T::Double, T::Float] {
        if *lo == t || *hi == t {
            return Some(t);
        }
    }
    [lo, hi]
        .into_iter()
        .find(|t| matches!(t, T::Decimal(..)))
        .cloned()
}

/// `randstr(length[, seed])`: a string of random letters and digits.
fn randstr(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("randstr", &args, &[1, 2])?;
    let n = seeded_name(&name.to_lowercase(), &args);
    let len = match &args[0].expr {
        DFExpr::Literal(v, _) => match v.clone().cast_to(&DataType::Int64) {
            Ok(ScalarValue::Int64(Some(l))) if l >= 0 => l as usize,
            _ => {
                return Err(SparkError::illegal_argument(
                    "randstr expects a non-negative integer length",
                ))
            }
        },
        _ => {
            return Err(SparkError::not_implemented(
                "randstr with a non-constant length",
            ))
        }
    };
    let seed = seed_of("randstr", args.get(1))?;
    r.make(
        kernel::call(draw(seed, Some(len)), DataType::Utf8, vec![]),
        n,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_sparks_numbers() {
        let mut rng = XorShift::new(3);
        assert_eq!(rng.next_double(), 0.25738143505962285);
        assert_eq!(rng.next_double(), 0.6698885713796182);
        let mut rng = XorShift::new(3);
        assert_eq!(random_string(&mut rng, 16), "nurJIpH4cmmMnsCG");
    }
}
