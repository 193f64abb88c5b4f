//! The sketch aggregates (`hll_sketch_agg`, `theta_union_agg`,
//! `kll_sketch_agg_double`, `tuple_intersection_agg_integer`, …) as one
//! DataFusion aggregate whose accumulator holds a DataSketches sketch; the
//! partial state is the sketch's serialized image.

use std::fmt::Debug;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Float64Type, Int32Type, Int64Type};
use datafusion::common::{Result as DFResult, ScalarValue};
use datafusion::logical_expr::function::AccumulatorArgs;
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};
use datasketches::hash::value::{canonical_float, raw_bytes};
use datasketches::hll::{HllSketch, HllType, HllUnion};
use datasketches::kll::{KllFloat, KllSketch};
use datasketches::theta::{
    CompactThetaSketch, ThetaIntersection, ThetaSketch, ThetaSketchBuilder, ThetaUnion,
    ThetaUnionBuilder,
};
use datasketches::tuple::{
    CompactTupleSketch, TupleIntersection, TupleSketch, TupleSketchBuilder, TupleUnion,
    TupleUnionBuilder,
};

use super::sketches::{err, invalid_buffer, Family};
use super::sketches_kll::{Item, Kll, DEFAULT_K};
use super::sketches_tuple::{Mode, Policy, Summary, Value};
use crate::error::{ErrorKind, Result, SparkError};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AggKind {
    HllSketch { lg_k: i64 },
    HllUnion { allow: bool },
    ThetaSketch { lg: i64 },
    ThetaUnion { lg: i64 },
    ThetaIntersection,
    KllSketch { ty: Kll, k: i64 },
    KllMerge { ty: Kll, k: Option<i64> },
    TupleSketch { int: bool, lg: i64, mode: Mode },
    TupleUnion { int: bool, lg: i64, mode: Mode },
    TupleIntersection { int: bool, mode: Mode },
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub struct SketchAgg {
    name: String,
    kind: AggKind,
    signature: Signature,
}

impl SketchAgg {
    pub fn new(name: &str, kind: AggKind) -> Self {
        SketchAgg {
            name: name.to_string(),
            kind,
            signature: Signature::variadic_any(Volatility::Immutable),
        }
    }
}

impl AggregateUDFImpl for SketchAgg {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DFResult<DataType> {
        Ok(DataType::Binary)
    }

    fn accumulator(&self, _args: AccumulatorArgs) -> DFResult<Box<dyn Accumulator>> {
        let sketcher = sketcher(&self.name, &self.kind).map_err(crate::error::to_df_error)?;
        Ok(Box::new(SketchAcc { sketcher }))
    }
}

/// What each kind of aggregate does with its input rows and partial states.
trait Sketcher: Send + Sync + Debug {
    /// Folds in a batch of input rows.
    fn update(&mut self, values: &[ArrayRef]) -> Result<()>;
    /// Folds in a serialized sketch (a partial state or an input sketch).
    fn merge(&mut self, bytes: &[u8]) -> Result<()>;
    /// The partial state; None when nothing was seen (intersections).
    fn partial(&mut self) -> Result<Option<Vec<u8>>>;
    /// The final value.
    fn result(&mut self) -> Result<Option<Vec<u8>>>;
}

#[derive(Debug)]
struct SketchAcc {
    sketcher: Box<dyn Sketcher>,
}

impl Accumulator for SketchAcc {
    fn update_batch(&mut self, values: &[ArrayRef]) -> DFResult<()> {
        self.sketcher
            .update(values)
            .map_err(crate::error::to_df_error)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> DFResult<()> {
        let Some(a) = states.first() else {
            return Ok(());
        };
        let Some(a) = a.as_binary_opt::<i32>() else {
            return Ok(());
        };
        for b in a.iter().flatten() {
            self.sketcher.merge(b).map_err(crate::error::to_df_error)?;
        }
        Ok(())
    }

    fn state(&mut self) -> DFResult<Vec<ScalarValue>> {
        let p = self.sketcher.partial().map_err(crate::error::to_df_error)?;
        Ok(vec![ScalarValue::Binary(p)])
    }

    fn evaluate(&mut self) -> DFResult<ScalarValue> {
        let r = self.sketcher.result().map_err(crate::error::to_df_error)?;
        Ok(ScalarValue::Binary(r))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + 4096
    }
}

fn sketcher(name: &str, kind: &AggKind) -> Result<Box<dyn Sketcher>> {
    let name = name.to_string();
    Ok(match kind.clone() {
        AggKind::HllSketch { lg_k } => {
            let lg = hll_lg_k(&name, lg_k)?;
            let sketch = HllSketch::new(lg, HllType::Hll8).map_err(|e| internal(&e))?;
            Box::new(HllAgg { lg, sketch })
        }
        AggKind::HllUnion { allow } => Box::new(HllUnionAgg {
            name,
            allow,
            union: None,
        }),
        AggKind::ThetaSketch { lg } => {
            let lg = lg_nom_entries(&name, lg)?;
            Box::new(ThetaAgg {
                name,
                lg,
                sketch: ThetaSketchBuilder::default()
                    .lg_k(lg)
                    .build()
                    .map_err(|e| internal(&e))?,
                union: None,
            })
        }
        AggKind::ThetaUnion { lg } => {
            let lg = lg_nom_entries(&name, lg)?;
            Box::new(ThetaUnionAgg {
                name,
                union: theta_union(lg)?,
            })
        }
        AggKind::ThetaIntersection => Box::new(ThetaIntersectionAgg {
            name,
            inter: ThetaIntersection::default(),
        }),
        AggKind::KllSketch { ty, k } => match ty {
            Kll::Bigint => Box::new(KllAgg::<i64>::new(name, k)?),
            Kll::Float => Box::new(KllAgg::<KllFloat<f32>>::new(name, k)?),
            Kll::Double => Box::new(KllAgg::<KllFloat<f64>>::new(name, k)?),
        },
        AggKind::KllMerge { ty, k } => match ty {
            Kll::Bigint => Box::new(KllMergeAgg::<i64>::new(name, k)),
            Kll::Float => Box::new(KllMergeAgg::<KllFloat<f32>>::new(name, k)),
            Kll::Double => Box::new(KllMergeAgg::<KllFloat<f64>>::new(name, k)),
        },
        AggKind::TupleSketch { int, lg, mode } => {
            let lg = lg_nom_entries(&name, lg)?;
            if int {
                Box::new(TupleAgg::<i32>::new(name, lg, mode)?)
            } else {
                Box::new(TupleAgg::<f64>::new(name, lg, mode)?)
            }
        }
        AggKind::TupleUnion { int, lg, mode } => {
            let lg = lg_nom_entries(&name, lg)?;
            if int {
                Box::new(TupleUnionAgg::<i32>::new(name, lg, mode)?)
            } else {
                Box::new(TupleUnionAgg::<f64>::new(name, lg, mode)?)
            }
        }
        AggKind::TupleIntersection { int, mode } => {
            if int {
                Box::new(TupleInterAgg::<i32>::new(name, mode))
            } else {
                Box::new(TupleInterAgg::<f64>::new(name, mode))
            }
        }
    })
}

fn internal(e: &dyn std::fmt::Display) -> SparkError {
    SparkError::internal(e.to_string())
}

/// `lgConfigK` of an HLL sketch, 4 to 21.
pub fn hll_lg_k(name: &str, lg: i64) -> Result<u8> {
    if !(4..=21).contains(&lg) {
        return Err(err(
            ErrorKind::SparkRuntime,
            "HLL_INVALID_LG_K",
            "22546",
            format!(
                "Invalid call to `{name}`; the `lgConfigK` value must be between 4 and 21, inclusive: {lg}."
            ),
        ));
    }
    Ok(lg as u8)
}

/// `lgNomEntries` of a Theta or Tuple sketch, 4 to 26.
pub fn lg_nom_entries(name: &str, lg: i64) -> Result<u8> {
    if !(4..=26).contains(&lg) {
        return Err(lg_nom_entries_error(name, lg));
    }
    Ok(lg as u8)
}

pub fn lg_nom_entries_error(name: &str, lg: i64) -> SparkError {
    err(
        ErrorKind::SparkRuntime,
        "SKETCH_INVALID_LG_NOM_ENTRIES",
        "22003",
        format!(
            "Invalid call to `{name}`; the `lgNomEntries` value must be between 4 and 26, inclusive: {lg}."
        ),
    )
}

pub fn theta_union(lg: u8) -> Result<ThetaUnion> {
    ThetaUnionBuilder::default()
        .lg_k(lg)
        .build()
        .map_err(|e| internal(&e))
}

pub fn hll_read(name: &str, b: &[u8]) -> Result<HllSketch> {
    HllSketch::deserialize(b).map_err(|_| invalid_buffer(name, Family::Hll))
}

pub fn theta_read(name: &str, b: &[u8]) -> Result<CompactThetaSketch> {
    CompactThetaSketch::deserialize(b).map_err(|_| invalid_buffer(name, Family::Theta))
}

pub fn tuple_read<V: Value>(name: &str, b: &[u8]) -> Result<CompactTupleSketch<Summary<V>>> {
    CompactTupleSketch::deserialize(b).map_err(|_| invalid_buffer(name, Family::Tuple))
}

pub fn kll_read<T: Item>(name: &str, b: &[u8]) -> Result<KllSketch<T>> {
    KllSketch::deserialize(b).map_err(|_| invalid_buffer(name, Family::Kll))
}

/// One key of a Theta or Tuple sketch, hashed as DataSketches Java hashes
/// the value Spark passes it (longs, canonical doubles, raw bytes; empty
/// strings, binaries and arrays are skipped).
enum Key<'a> {
    Long(i64),
    Double(f64),
    Bytes(&'a [u8]),
    Owned(Vec<u8>),
}

/// Calls `f(row, key)` for each usable key of `a`.
fn each_key(a: &ArrayRef, mut f: impl FnMut(usize, Key<'_>)) -> Result<()> {
    match a.data_type() {
        DataType::Int64 => {
            for (i, v) in a.as_primitive::<Int64Type>().iter().enumerate() {
                if let Some(v) = v {
                    f(i, Key::Long(v));
                }
            }
        }
        DataType::Float64 => {
            for (i, v) in a.as_primitive::<Float64Type>().iter().enumerate() {
                if let Some(v) = v {
                    f(i, Key::Double(v));
                }
            }
        }
        DataType::Utf8 => {
            for (i, v) in a.as_string::<i32>().iter().enumerate() {
                if let Some(v) = v.filter(|v| !v.is_empty()) {
                    f(i, Key::Bytes(v.as_bytes()));
                }
            }
        }
        DataType::Binary => {
            for (i, v) in a.as_binary::<i32>().iter().enumerate() {
                if let Some(v) = v.filter(|v| !v.is_empty()) {
                    f(i, Key::Bytes(v));
                }
            }
        }
        DataType::List(field) => {
            let list = a.as_list::<i32>();
            for i in 0..list.len() {
                if list.is_null(i) {
                    continue;
                }
                let items = list.value(i);
                if items.is_empty() {
                    continue;
                }
                let mut bytes = Vec::new();
                match field.data_type() {
                    DataType::Int32 => {
                        if let Some(items) = items.as_primitive_opt::<Int32Type>() {
                            for v in items.iter() {
                                bytes.extend_from_slice(&v.unwrap_or(0).to_le_bytes());
                            }
                        }
                    }
                    _ => {
                        if let Some(items) = items.as_primitive_opt::<Int64Type>() {
                            for v in items.iter() {
                                bytes.extend_from_slice(&v.unwrap_or(0).to_le_bytes());
                            }
                        }
                    }
                }
                f(i, Key::Owned(bytes));
            }
        }
        other => return Err(SparkError::internal(format!("sketch key of type {other}"))),
    }
    Ok(())
}

macro_rules! update_key {
    ($sketch:expr, $key:expr $(, $value:expr)?) => {
        match $key {
            Key::Long(v) => $sketch.update(v $(, $value)?),
            Key::Double(v) => $sketch.update(canonical_float::from_f64(v) $(, $value)?),
            Key::Bytes(b) => $sketch.update(raw_bytes::from_slice(b) $(, $value)?),
            Key::Owned(b) => $sketch.update(raw_bytes::from_slice(&b) $(, $value)?),
        }
    };
}

#[derive(Debug)]
struct HllAgg {
    lg: u8,
    sketch: HllSketch,
}

impl Sketcher for HllAgg {
    fn update(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(a) = values.first() else {
            return Ok(());
        };
        each_key(a, |_, k| update_key!(self.sketch, k))
    }

    fn merge(&mut self, bytes: &[u8]) -> Result<()> {
        let other = hll_read("hll_sketch_agg", bytes)?;
        let mut u = HllUnion::new(self.lg).map_err(|e| internal(&e))?;
        u.update(&self.sketch);
        u.update(&other);
        self.sketch = u.to_sketch(HllType::Hll8);
        Ok(())
    }

    fn partial(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(Some(self.sketch.serialize()))
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        self.partial()
    }
}

#[derive(Debug)]
struct HllUnionAgg {
    name: String,
    allow: bool,
    union: Option<HllUnion>,
}

/// Spark's error for HLL sketches of different `lgConfigK`.
pub fn hll_different_lg_k(name: &str, a: u8, b: u8) -> SparkError {
    err(
        ErrorKind::SparkRuntime,
        "HLL_UNION_DIFFERENT_LG_K",
        "22000",
        format!(
            "Sketches have different `lgConfigK` values: {a} and {b}. Set the `allowDifferentLgConfigK` parameter to true to call `{name}` with different `lgConfigK` values."
        ),
    )
}

impl Sketcher for HllUnionAgg {
    fn update(&mut self, values: &[ArrayRef]) -> Result<()> {
        merge_inputs(self, values)
    }

    fn merge(&mut self, bytes: &[u8]) -> Result<()> {
        let sketch = hll_read(&self.name, bytes)?;
        let union = match &mut self.union {
            Some(u) => {
                if !self.allow && u.lg_config_k() != sketch.lg_config_k() {
                    return Err(hll_different_lg_k(
                        &self.name,
                        u.lg_config_k(),
                        sketch.lg_config_k(),
                    ));
                }
                u
            }
            None => self
                .union
                .insert(HllUnion::new(sketch.lg_config_k()).map_err(|e| internal(&e))?),
        };
        union.update(&sketch);
        Ok(())
    }

    fn partial(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(self
            .union
            .as_ref()
            .map(|u| u.to_sketch(HllType::Hll8).serialize()))
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        match self.partial()? {
            Some(b) => Ok(Some(b)),
            None => Ok(Some(
                HllSketch::new(12, HllType::Hll8)
                    .map_err(|e| internal(&e))?
                    .serialize(),
            )),
        }
    }
}

#[derive(Debug)]
struct ThetaAgg {
    name: String,
    lg: u8,
    sketch: ThetaSketch,
    union: Option<ThetaUnion>,
}

impl ThetaAgg {
    fn current(&mut self) -> Result<CompactThetaSketch> {
        match &mut self.union {
            None => Ok(self.sketch.compact(true)),
            Some(u) => {
                u.update(&self.sketch).map_err(|e| internal(&e))?;
                self.sketch.reset();
                Ok(u.to_sketch(true))
            }
        }
    }
}

impl Sketcher for ThetaAgg {
    fn update(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(a) = values.first() else {
            return Ok(());
        };
        each_key(a, |_, k| update_key!(self.sketch, k))
    }

    fn merge(&mut self, bytes: &[u8]) -> Result<()> {
        let other = theta_read(&self.name, bytes)?;
        let u = match &mut self.union {
            Some(u) => u,
            None => self.union.insert(theta_union(self.lg)?),
        };
        u.update(&other).map_err(|e| internal(&e))
    }

    fn partial(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(Some(self.current()?.serialize()))
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(Some(self.current()?.serialize_compressed()))
    }
}

#[derive(Debug)]
struct ThetaUnionAgg {
    name: String,
    union: ThetaUnion,
}

impl Sketcher for ThetaUnionAgg {
    fn update(&mut self, values: &[ArrayRef]) -> Result<()> {
        merge_inputs(self, values)
    }

    fn merge(&mut self, bytes: &[u8]) -> Result<()> {
        let other = theta_read(&self.name, bytes)?;
        self.union.update(&other).map_err(|e| internal(&e))
    }

    fn partial(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(Some(self.union.to_sketch(true).serialize()))
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(Some(self.union.to_sketch(true).serialize_compressed()))
    }
}

/// Folds in each non-null input sketch.
fn merge_inputs(s: &mut dyn Sketcher, values: &[ArrayRef]) -> Result<()> {
    let Some(a) = values.first() else {
        return Ok(());
    };
    let Some(a) = a.as_binary_opt::<i32>() else {
        return Ok(());
    };
    for b in a.iter().flatten() {
        s.merge(b)?;
    }
    Ok(())
}

#[derive(Debug)]
struct ThetaIntersectionAgg {
    name: String,
    inter: ThetaIntersection,
}

/// DataSketches' image of an empty compact Theta sketch.
const EMPTY_THETA: [u8; 8] = [1, 3, 3, 0, 0, 0x1E, 0, 0];

impl Sketcher for ThetaIntersectionAgg {
    fn update(&mut self, values: &[ArrayRef]) -> Result<()> {
        merge_inputs(self, values)
    }

    fn merge(&mut self, bytes: &[u8]) -> Result<()> {
        let other = theta_read(&self.name, bytes)?;
        self.inter.update(&other).map_err(|e| internal(&e))
    }

    fn partial(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(self.inter.to_sketch(true).map(|s| s.serialize()))
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(Some(self.inter.to_sketch(true).map_or_else(
            || EMPTY_THETA.to_vec(),
            |s| s.serialize_compressed(),
        )))
    }
}

/// `k` of a KLL sketch, 8 to 65535 (checked when the call is resolved).
fn kll_k(k: i64) -> Result<u16> {
    u16::try_from(k).map_err(|_| SparkError::internal(format!("KLL k {k}")))
}

#[derive(Debug)]
struct KllAgg<T: Item> {
    name: String,
    sketch: KllSketch<T>,
}

impl<T: Item> KllAgg<T> {
    fn new(name: String, k: i64) -> Result<Self> {
        let sketch = KllSketch::new(kll_k(k)?).map_err(|e| internal(&e))?;
        Ok(KllAgg { name, sketch })
    }
}

impl<T: Item> Sketcher for KllAgg<T> {
    fn update(&mut self, values: &[ArrayRef]) -> Result<()> {
        if let Some(a) = values.first() {
            T::each(a, |v| self.sketch.update(v));
        }
        Ok(())
    }

    fn merge(&mut self, bytes: &[u8]) -> Result<()> {
        let other = kll_read::<T>(&self.name, bytes)?;
        self.sketch.merge(&other).map_err(|e| internal(&e))
    }

    fn partial(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(Some(self.sketch.serialize()))
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        self.partial()
    }
}

#[derive(Debug)]
struct KllMergeAgg<T: Item> {
    name: String,
    k: Option<i64>,
    sketch: Option<KllSketch<T>>,
}

impl<T: Item> KllMergeAgg<T> {
    fn new(name: String, k: Option<i64>) -> Self {
        KllMergeAgg {
            name,
            k,
            sketch: None,
        }
    }
}

impl<T: Item> Sketcher for KllMergeAgg<T> {
    fn update(&mut self, values: &[ArrayRef]) -> Result<()> {
        merge_inputs(self, values)
    }

    fn merge(&mut self, bytes: &[u8]) -> Result<()> {
        let other = kll_read::<T>(&self.name, bytes)?;
        let sketch = match &mut self.sketch {
            Some(s) => s,
            None => {
                let k = match self.k {
                    Some(k) => kll_k(k)?,
                    None => other.k(),
                };
                self.sketch
                    .insert(KllSketch::new(k).map_err(|e| internal(&e))?)
            }
        };
        sketch.merge(&other).map_err(|e| internal(&e))
    }

    fn partial(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(self.sketch.as_ref().map(KllSketch::serialize))
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        match self.partial()? {
            Some(b) => Ok(Some(b)),
            None => {
                let k = match self.k {
                    Some(k) => kll_k(k)?,
                    None => DEFAULT_K,
                };
                let empty = KllSketch::<T>::new(k).map_err(|e| internal(&e))?;
                Ok(Some(empty.serialize()))
            }
        }
    }
}

/// The summary value at row `i` of a summary column (cast to the summary type).
trait SummaryColumn: Value {
    fn at(a: &ArrayRef, i: usize) -> Option<Self>;
}

impl SummaryColumn for f64 {
    fn at(a: &ArrayRef, i: usize) -> Option<Self> {
        let a = a.as_primitive_opt::<Float64Type>()?;
        a.is_valid(i).then(|| a.value(i))
    }
}

impl SummaryColumn for i32 {
    fn at(a: &ArrayRef, i: usize) -> Option<Self> {
        let a = a.as_primitive_opt::<Int32Type>()?;
        a.is_valid(i).then(|| a.value(i))
    }
}

pub fn tuple_union<V: Value>(lg: u8, mode: Mode) -> Result<TupleUnion<Policy<V>>> {
    TupleUnionBuilder::new(Policy::new(mode))
        .lg_k(lg)
        .build()
        .map_err(|e| internal(&e))
}

#[derive(Debug)]
struct TupleAgg<V: Value> {
    name: String,
    lg: u8,
    mode: Mode,
    sketch: TupleSketch<Policy<V>>,
    union: Option<TupleUnion<Policy<V>>>,
}

impl<V: Value> TupleAgg<V> {
    fn new(name: String, lg: u8, mode: Mode) -> Result<Self> {
        let sketch = TupleSketchBuilder::new(Policy::new(mode))
            .lg_k(lg)
            .build()
            .map_err(|e| internal(&e))?;
        Ok(TupleAgg {
            name,
            lg,
            mode,
            sketch,
            union: None,
        })
    }

    fn current(&mut self) -> Result<CompactTupleSketch<Summary<V>>> {
        match &mut self.union {
            None => Ok(self.sketch.compact(false)),
            Some(u) => {
                u.update(&self.sketch).map_err(|e| internal(&e))?;
                self.sketch.reset();
                Ok(u.to_sketch(false))
            }
        }
    }
}

impl<V: Value + SummaryColumn> Sketcher for TupleAgg<V> {
    fn update(&mut self, values: &[ArrayRef]) -> Result<()> {
        let (Some(keys), Some(vals)) = (values.first(), values.get(1)) else {
            return Ok(());
        };
        let sketch = &mut self.sketch;
        each_key(keys, |i, k| {
            if let Some(v) = V::at(vals, i) {
                update_key!(sketch, k, v)
            }
        })
    }

    fn merge(&mut self, bytes: &[u8]) -> Result<()> {
        let other = tuple_read::<V>(&self.name, bytes)?;
        let (lg, mode) = (self.lg, self.mode);
        let u = match &mut self.union {
            Some(u) => u,
            None => self.union.insert(tuple_union(lg, mode)?),
        };
        u.update(&other).map_err(|e| internal(&e))
    }

    fn partial(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(Some(self.current()?.serialize()))
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        let s = self.current()?;
        Ok(Some(if s.is_empty() {
            super::sketches_tuple::EMPTY.to_vec()
        } else {
            s.serialize()
        }))
    }
}

#[derive(Debug)]
struct TupleUnionAgg<V: Value> {
    name: String,
    union: TupleUnion<Policy<V>>,
}

impl<V: Value> TupleUnionAgg<V> {
    fn new(name: String, lg: u8, mode: Mode) -> Result<Self> {
        Ok(TupleUnionAgg {
            name,
            union: tuple_union(lg, mode)?,
        })
    }
}

impl<V: Value> Sketcher for TupleUnionAgg<V> {
    fn update(&mut self, values: &[ArrayRef]) -> Result<()> {
        merge_inputs(self, values)
    }

    fn merge(&mut self, bytes: &[u8]) -> Result<()> {
        let other = tuple_read::<V>(&self.name, bytes)?;
        self.union.update(&other).map_err(|e| internal(&e))
    }

    fn partial(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(Some(self.union.to_sketch(false).serialize()))
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        let s = self.union.to_sketch(false);
        Ok(Some(if s.is_empty() {
            super::sketches_tuple::EMPTY.to_vec()
        } else {
            s.serialize()
        }))
    }
}

#[derive(Debug)]
struct TupleInterAgg<V: Value> {
    name: String,
    inter: TupleIntersection<Policy<V>>,
}

impl<V: Value> TupleInterAgg<V> {
    fn new(name: String, mode: Mode) -> Self {
        TupleInterAgg {
            name,
            inter: TupleIntersection::new(Policy::new(mode)),
        }
    }
}

impl<V: Value> Sketcher for TupleInterAgg<V> {
    fn update(&mut self, values: &[ArrayRef]) -> Result<()> {
        merge_inputs(self, values)
    }

    fn merge(&mut self, bytes: &[u8]) -> Result<()> {
        let other = tuple_read::<V>(&self.name, bytes)?;
        self.inter.update(&other).map_err(|e| internal(&e))
    }

    fn partial(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(self.inter.to_sketch(false).map(|s| s.serialize()))
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(Some(match self.inter.to_sketch(false) {
            Some(s) if !s.is_empty() => s.serialize(),
            _ => super::sketches_tuple::EMPTY.to_vec(),
        }))
    }
}

/// The aggregate as a DataFusion function.
pub fn udaf(name: &str, kind: AggKind) -> Arc<datafusion::logical_expr::AggregateUDF> {
    Arc::new(datafusion::logical_expr::AggregateUDF::from(
        SketchAgg::new(name, kind),
    ))
}
