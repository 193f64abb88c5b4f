//! Tuple sketches with the summaries Spark keeps: a double or an integer
//! value and the mode that combines them (`sum`, `min`, `max`,
//! `alwaysone`), serialized as DataSketches Java's `DoubleSummary` /
//! `IntegerSummary` (the value, little-endian, then the mode's ordinal).

use datasketches::codec::{SketchBytes, SketchSlice};
use datasketches::error::{Error as SketchError, ErrorKind};
use datasketches::theta::CompactThetaSketch;
use datasketches::tuple::{
    CompactTupleSketch, SummaryCombinePolicy, SummaryPolicy, SummaryUpdatePolicy,
};

/// A compact empty Tuple sketch, as DataSketches Java writes it.
pub const EMPTY: [u8; 8] = [1, 3, 9, 1, 0, 0x0E, 0xCC, 0x93];

/// How a summary folds in values, as Spark's `mode` argument names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Sum,
    Min,
    Max,
    AlwaysOne,
}

impl Mode {
    pub fn parse(s: &str) -> Option<Mode> {
        Some(match s.to_lowercase().as_str() {
            "sum" => Mode::Sum,
            "min" => Mode::Min,
            "max" => Mode::Max,
            "alwaysone" => Mode::AlwaysOne,
            _ => return None,
        })
    }

    fn ordinal(self) -> u8 {
        match self {
            Mode::Sum => 0,
            Mode::Min => 1,
            Mode::Max => 2,
            Mode::AlwaysOne => 3,
        }
    }

    fn from_ordinal(b: u8) -> Mode {
        match b {
            1 => Mode::Min,
            2 => Mode::Max,
            3 => Mode::AlwaysOne,
            _ => Mode::Sum,
        }
    }
}

/// A summary value: `f64` (double sketches) or `i32` (integer sketches).
pub trait Value: Copy + PartialOrd + Send + Sync + std::fmt::Debug + 'static {
    const SIZE: usize;
    fn zero() -> Self;
    fn one() -> Self;
    fn lowest() -> Self;
    fn highest() -> Self;
    fn add(self, o: Self) -> Self;
    fn write(self, bytes: &mut SketchBytes);
    fn read(cursor: &mut SketchSlice<'_>) -> Option<Self>;
    fn to_f64(self) -> f64;
}

impl Value for f64 {
    const SIZE: usize = 8;
    fn zero() -> Self {
        0.0
    }
    fn one() -> Self {
        1.0
    }
    fn lowest() -> Self {
        f64::NEG_INFINITY
    }
    fn highest() -> Self {
        f64::INFINITY
    }
    fn add(self, o: Self) -> Self {
        self + o
    }
    fn write(self, bytes: &mut SketchBytes) {
        bytes.write_f64_le(self);
    }
    fn read(cursor: &mut SketchSlice<'_>) -> Option<Self> {
        cursor.read_f64_le().ok()
    }
    fn to_f64(self) -> f64 {
        self
    }
}

impl Value for i32 {
    const SIZE: usize = 4;
    fn zero() -> Self {
        0
    }
    fn one() -> Self {
        1
    }
    fn lowest() -> Self {
        i32::MIN
    }
    fn highest() -> Self {
        i32::MAX
    }
    fn add(self, o: Self) -> Self {
        self.wrapping_add(o)
    }
    fn write(self, bytes: &mut SketchBytes) {
        bytes.write_i32_le(self);
    }
    fn read(cursor: &mut SketchSlice<'_>) -> Option<Self> {
        cursor.read_i32_le().ok()
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary<V> {
    pub value: V,
    pub mode: Mode,
}

impl<V: Value> Summary<V> {
    pub fn new(mode: Mode) -> Self {
        let value = match mode {
            Mode::Sum => V::zero(),
            Mode::Min => V::highest(),
            Mode::Max => V::lowest(),
            Mode::AlwaysOne => V::one(),
        };
        Summary { value, mode }
    }

    /// Folds `v` in by `mode`.
    fn fold(&mut self, v: V, mode: Mode) {
        self.value = match mode {
            Mode::Sum => self.value.add(v),
            Mode::Min if v < self.value => v,
            Mode::Max if v > self.value => v,
            Mode::Min | Mode::Max => self.value,
            Mode::AlwaysOne => V::one(),
        };
    }
}

impl<V: Value> datasketches::tuple::TupleSummaryValue for Summary<V> {
    fn serialize_size(&self) -> usize {
        V::SIZE + 1
    }

    fn serialize_value(&self, bytes: &mut SketchBytes) {
        self.value.write(bytes);
        bytes.write_u8(self.mode.ordinal());
    }

    fn deserialize_value(cursor: &mut SketchSlice<'_>) -> Result<Self, SketchError> {
        let short = || SketchError::new(ErrorKind::InvalidData, "summary: insufficient data");
        let value = V::read(cursor).ok_or_else(short)?;
        let mode = cursor.read_u8().map_err(|_| short())?;
        Ok(Summary {
            value,
            mode: Mode::from_ordinal(mode),
        })
    }
}

/// Creates summaries and folds values in by one mode (updates, unions and
/// intersections alike).
#[derive(Debug, Clone, Copy)]
pub struct Policy<V> {
    pub mode: Mode,
    pub marker: std::marker::PhantomData<V>,
}

impl<V> Policy<V> {
    pub fn new(mode: Mode) -> Self {
        Policy {
            mode,
            marker: std::marker::PhantomData,
        }
    }
}

impl<V: Value> SummaryPolicy for Policy<V> {
    type Summary = Summary<V>;
    fn create(&self) -> Summary<V> {
        Summary::new(self.mode)
    }
}

impl<V: Value> SummaryUpdatePolicy<V> for Policy<V> {
    fn update(&self, summary: &mut Summary<V>, value: V) {
        summary.fold(value, self.mode);
    }
}

impl<V: Value> SummaryCombinePolicy for Policy<V> {
    fn combine(&self, summary: &mut Summary<V>, other: &Summary<V>) {
        summary.fold(other.value, self.mode);
        summary.mode = self.mode;
    }
}

/// The entries of a Theta sketch as a Tuple sketch whose summaries are
/// `summary` (how Spark mixes Theta sketches into Tuple set operations).
pub fn from_theta<V: Value>(
    theta: &CompactThetaSketch,
    summary: Summary<V>,
) -> Result<CompactTupleSketch<Summary<V>>, SketchError> {
    if theta.is_empty() {
        return CompactTupleSketch::deserialize(&EMPTY);
    }
    let entries: Vec<u64> = theta.iter().map(|e| e.hash()).collect();
    let estimating = theta.is_estimation_mode();
    let mut bytes = SketchBytes::with_capacity(24 + entries.len() * (9 + V::SIZE));
    bytes.write_u8(if estimating { 3 } else { 2 });
    bytes.write_u8(3); // serial version
    bytes.write_u8(9); // Tuple family
    bytes.write_u8(1); // sketch type
    bytes.write_u8(0);
    bytes.write_u8(0x0A); // read-only, compact
    bytes.write_u16_le(theta.seed_hash());
    bytes.write_u32_le(entries.len() as u32);
    bytes.write_u32_le(0);
    if estimating {
        bytes.write_u64_le(theta.theta64());
    }
    for h in entries {
        bytes.write_u64_le(h);
        summary.value.write(&mut bytes);
        bytes.write_u8(summary.mode.ordinal());
    }
    CompactTupleSketch::deserialize(&bytes.into_bytes())
}

/// Spark's `tuple_sketch_summary_*`: the retained summaries folded by `mode`
/// (`alwaysone` counts them).
pub fn aggregate<V: Value>(sketch: &CompactTupleSketch<Summary<V>>, mode: Mode) -> f64 {
    let values = sketch.iter().map(|e| e.summary().value.to_f64());
    match mode {
        Mode::Sum => values.fold(0.0, |a, v| a + v),
        Mode::Min => values
            .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.min(v))))
            .unwrap_or(0.0),
        Mode::Max => values
            .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))))
            .unwrap_or(0.0),
        Mode::AlwaysOne => sketch.num_retained() as f64,
    }
}
