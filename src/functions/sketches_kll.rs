//! KLL quantile sketches of bigint, float and double items: the item types
//! Spark's `kll_*_bigint` / `_float` / `_double` functions take, and the
//! summary text of `kll_sketch_to_string_*` (DataSketches Java's `toString`).

use std::fmt::Debug;

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Float32Type, Float64Type, Int64Type};
use datafusion::common::ScalarValue;
use datasketches::kll::{KllFloat, KllSketch, KllValue};

use crate::format::{java_double, java_float};

/// The default `k` of a new sketch.
pub const DEFAULT_K: u16 = 200;

/// Which of the three item types a function works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kll {
    Bigint,
    Float,
    Double,
}

impl Kll {
    pub fn item_type(self) -> DataType {
        match self {
            Kll::Bigint => DataType::Int64,
            Kll::Float => DataType::Float32,
            Kll::Double => DataType::Float64,
        }
    }
}

/// An item type of a KLL sketch.
pub trait Item: KllValue + Ord + Clone + Send + Sync + Debug + 'static {
    /// DataSketches Java's class name (`KllLongsSketch`).
    const CLASS: &'static str;
    const SIZE: usize;
    /// Calls `f` with each non-null, non-NaN item of `a` (already cast to
    /// the item type).
    fn each(a: &ArrayRef, f: impl FnMut(Self));
    /// The item at row `i` of `a`, if any.
    fn at(a: &ArrayRef, i: usize) -> Option<Self>;
    fn scalar(v: Option<Self>) -> ScalarValue;
    fn show(&self) -> String;
}

impl Item for i64 {
    const CLASS: &'static str = "KllLongsSketch";
    const SIZE: usize = 8;
    fn each(a: &ArrayRef, mut f: impl FnMut(Self)) {
        if let Some(a) = a.as_primitive_opt::<Int64Type>() {
            a.iter().flatten().for_each(&mut f);
        }
    }
    fn at(a: &ArrayRef, i: usize) -> Option<Self> {
        let a = a.as_primitive_opt::<Int64Type>()?;
        a.is_valid(i).then(|| a.value(i))
    }
    fn scalar(v: Option<Self>) -> ScalarValue {
        ScalarValue::Int64(v)
    }
    fn show(&self) -> String {
        self.to_string()
    }
}

impl Item for KllFloat<f32> {
    const CLASS: &'static str = "KllFloatsSketch";
    const SIZE: usize = 4;
    fn each(a: &ArrayRef, mut f: impl FnMut(Self)) {
        if let Some(a) = a.as_primitive_opt::<Float32Type>() {
            a.iter()
                .flatten()
                .filter_map(|v| KllFloat::<f32>::new(v).ok())
                .for_each(&mut f);
        }
    }
    fn at(a: &ArrayRef, i: usize) -> Option<Self> {
        let a = a.as_primitive_opt::<Float32Type>()?;
        if a.is_valid(i) {
            KllFloat::<f32>::new(a.value(i)).ok()
        } else {
            None
        }
    }
    fn scalar(v: Option<Self>) -> ScalarValue {
        ScalarValue::Float32(v.map(KllFloat::into_inner))
    }
    fn show(&self) -> String {
        java_float(**self)
    }
}

impl Item for KllFloat<f64> {
    const CLASS: &'static str = "KllDoublesSketch";
    const SIZE: usize = 8;
    fn each(a: &ArrayRef, mut f: impl FnMut(Self)) {
        if let Some(a) = a.as_primitive_opt::<Float64Type>() {
            a.iter()
                .flatten()
                .filter_map(|v| KllFloat::<f64>::new(v).ok())
                .for_each(&mut f);
        }
    }
    fn at(a: &ArrayRef, i: usize) -> Option<Self> {
        let a = a.as_primitive_opt::<Float64Type>()?;
        if a.is_valid(i) {
            KllFloat::<f64>::new(a.value(i)).ok()
        } else {
            None
        }
    }
    fn scalar(v: Option<Self>) -> ScalarValue {
        ScalarValue::Float64(v.map(KllFloat::into_inner))
    }
    fn show(&self) -> String {
        java_double(**self)
    }
}

/// DataSketches Java's summary of a sketch, as `kll_sketch_to_string_*`
/// returns it. `bytes` is the sketch's serialized form (its level count).
pub fn summary<T: Item>(sketch: &KllSketch<T>, bytes: &[u8]) -> String {
    let k = sketch.k();
    let m: u8 = 8;
    let n = sketch.n();
    let empty = sketch.is_empty();
    // Full images store the level count at byte 14; empty and one-item
    // images have a single level.
    let levels = if n > 1 {
        bytes.get(14).copied().unwrap_or(1).max(1) as usize
    } else {
        1
    };
    let capacity = total_capacity(k, m, levels);
    let retained = sketch.num_retained();
    let updatable = 20 + (levels + 1) * 4 + (2 + capacity) * T::SIZE;
    let compact = match n {
        0 => 8,
        1 => 8 + T::SIZE,
        _ => 20 + levels * 4 + (2 + retained) * T::SIZE,
    };
    let item = |v: Option<&T>| v.map_or_else(|| "NaN".to_string(), Item::show);
    let pct = |e: f64| format!("{:.3}%", e * 100.0);
    let mut s = String::new();
    s.push_str(&format!("### Kll{} Summary:\n", T::CLASS));
    s.push_str(&format!("   K                      : {k}\n"));
    s.push_str(&format!("   Dynamic min K          : {}\n", sketch.min_k()));
    s.push_str(&format!("   M                      : {m}\n"));
    s.push_str(&format!("   N                      : {n}\n"));
    s.push_str(&format!(
        "   Epsilon                : {}\n",
        pct(sketch.normalized_rank_error())
    ));
    s.push_str(&format!(
        "   Epsilon PMF            : {}\n",
        pct(sketch.normalized_pmf_error())
    ));
    s.push_str(&format!("   Empty                  : {empty}\n"));
    s.push_str(&format!(
        "   Estimation Mode        : {}\n",
        sketch.is_estimation_mode()
    ));
    s.push_str(&format!("   Levels                 : {levels}\n"));
    s.push_str("   Level 0 Sorted         : false\n");
    s.push_str(&format!("   Capacity Items         : {capacity}\n"));
    s.push_str(&format!("   Retained Items         : {retained}\n"));
    s.push_str(&format!(
        "   Free Space             : {}\n",
        capacity.saturating_sub(retained)
    ));
    s.push_str("   ReadOnly               : false\n");
    s.push_str(&format!("   Updatable Storage Bytes: {updatable}\n"));
    s.push_str(&format!("   Compact Storage Bytes  : {compact}\n"));
    s.push_str(&format!(
        "   Min Item               : {}\n",
        item(sketch.min_item())
    ));
    s.push_str(&format!(
        "   Max Item               : {}\n",
        item(sketch.max_item())
    ));
    s.push_str("### End sketch summary\n");
    format!("\n{s}")
}

const POWERS_OF_THREE: [u64; 31] = [
    1,
    3,
    9,
    27,
    81,
    243,
    729,
    2187,
    6561,
    19683,
    59049,
    177147,
    531441,
    1594323,
    4782969,
    14348907,
    43046721,
    129140163,
    387420489,
    1162261467,
    3486784401,
    10460353203,
    31381059609,
    94143178827,
    282429536481,
    847288609443,
    2541865828329,
    7625597484987,
    22876792454961,
    68630377364883,
    205891132094649,
];

fn shallow_capacity(k: u64, depth: usize) -> u64 {
    let scaled = (k << (depth + 1)) / POWERS_OF_THREE[depth];
    (scaled + 1) >> 1
}

fn capacity_at_depth(k: u16, depth: usize) -> u64 {
    if depth < POWERS_OF_THREE.len() {
        return shallow_capacity(k as u64, depth);
    }
    let half = depth / 2;
    shallow_capacity(shallow_capacity(k as u64, half), depth - half)
}

/// The items all levels of a sketch of `levels` levels can hold.
fn total_capacity(k: u16, m: u8, levels: usize) -> usize {
    (0..levels)
        .map(|level| capacity_at_depth(k, levels - level - 1).max(m as u64) as usize)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacity_matches_datasketches() {
        assert_eq!(total_capacity(200, 8, 1), 200);
        assert_eq!(total_capacity(200, 8, 3), 422);
    }

    #[test]
    fn summary_of_five_longs() {
        let mut s = KllSketch::<i64>::new(200).unwrap();
        for v in 1..=5 {
            s.update(v);
        }
        let text = summary(&s, &s.serialize());
        assert!(text.contains("   Compact Storage Bytes  : 80\n"));
        assert!(text.contains("   Updatable Storage Bytes: 1644\n"));
        assert!(text.contains("   Epsilon                : 1.329%\n"));
    }
}
