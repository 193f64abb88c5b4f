//! The sketch functions of serialized sketches, row by row: estimates,
//! two-sketch unions / intersections / differences, KLL quantiles and
//! ranks, Tuple summaries.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BooleanArray, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Float64Type, Int64Type};
use datafusion::common::{Result as DFResult, ScalarValue};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use datasketches::common::SearchCriteria;
use datasketches::hll::{HllType, HllUnion};
use datasketches::kll::{KllFloat, KllSketch};
use datasketches::theta::{ThetaANotB, ThetaIntersection};
use datasketches::tuple::{TupleANotB, TupleIntersection};

use super::sketches::{err, invalid_buffer, Family};
use super::sketches_agg::{
    hll_different_lg_k, hll_read, kll_read, lg_nom_entries, theta_read, theta_union, tuple_read,
    tuple_union,
};
use super::sketches_kll::{summary, Item, Kll};
use super::sketches_tuple::{aggregate, from_theta, Mode, Policy, Summary, Value};
use crate::error::{to_df_error, ErrorKind, Result, SparkError};

/// Runs `body` with `$T` the item type of the KLL variant `t`.
macro_rules! kll_dispatch {
    ($t:expr, $T:ident, $body:block) => {
        match $t {
            Kll::Bigint => {
                type $T = i64;
                $body
            }
            Kll::Float => {
                type $T = KllFloat<f32>;
                $body
            }
            Kll::Double => {
                type $T = KllFloat<f64>;
                $body
            }
        }
    };
}

/// Runs `body` with `$V` the summary value type (`int`: integer).
macro_rules! tuple_dispatch {
    ($int:expr, $V:ident, $body:block) => {
        if $int {
            type $V = i32;
            $body
        } else {
            type $V = f64;
            $body
        }
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FnKind {
    HllEstimate,
    HllUnion,
    ThetaEstimate,
    ThetaUnion,
    ThetaIntersection,
    ThetaDifference,
    KllN(Kll),
    /// The rank argument is an array.
    KllQuantile(Kll, bool),
    KllRank(Kll, bool),
    KllMerge(Kll),
    KllToString(Kll),
    /// `int`: integer summaries.
    TupleEstimate(bool),
    TupleSummary(bool),
    TupleTheta(bool),
    TupleUnion(bool),
    TupleIntersection(bool),
    TupleDifference(bool),
    TupleUnionTheta(bool),
    TupleIntersectionTheta(bool),
    TupleDifferenceTheta(bool),
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub struct SketchFn {
    name: String,
    kind: FnKind,
    signature: Signature,
}

pub fn udf(name: &str, kind: FnKind) -> Arc<ScalarUDF> {
    Arc::new(ScalarUDF::from(SketchFn {
        name: name.to_string(),
        kind,
        signature: Signature::variadic_any(Volatility::Immutable),
    }))
}

fn list_of(t: DataType) -> DataType {
    DataType::List(Arc::new(Field::new("element", t, true)))
}

impl ScalarUDFImpl for SketchFn {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DFResult<DataType> {
        Ok(match self.kind {
            FnKind::HllEstimate | FnKind::ThetaEstimate | FnKind::KllN(_) => DataType::Int64,
            FnKind::KllQuantile(t, false) => t.item_type(),
            FnKind::KllQuantile(t, true) => list_of(t.item_type()),
            FnKind::KllRank(_, false) => DataType::Float64,
            FnKind::KllRank(_, true) => list_of(DataType::Float64),
            FnKind::KllToString(_) => DataType::Utf8,
            FnKind::TupleEstimate(_) | FnKind::TupleTheta(_) => DataType::Float64,
            FnKind::TupleSummary(true) => DataType::Int64,
            FnKind::TupleSummary(false) => DataType::Float64,
            _ => DataType::Binary,
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        super::udfs::invoke_rowwise(&args, false, |a, n| {
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                out.push(self.row(a, i).map_err(to_df_error)?);
            }
            let t = self.return_type(&[])?;
            if out.is_empty() {
                return Ok(datafusion::arrow::array::new_empty_array(&t));
            }
            ScalarValue::iter_to_array(out)
        })
    }
}

fn bytes_at(a: &ArrayRef, i: usize) -> Option<&[u8]> {
    let b = a.as_binary_opt::<i32>()?;
    b.is_valid(i).then(|| b.value(i))
}

fn i64_at(a: Option<&ArrayRef>, i: usize) -> Option<i64> {
    let a = a?.as_primitive_opt::<Int64Type>()?;
    a.is_valid(i).then(|| a.value(i))
}

fn str_at(a: Option<&ArrayRef>, i: usize) -> Option<String> {
    let a = a?.as_any().downcast_ref::<StringArray>()?;
    a.is_valid(i).then(|| a.value(i).to_string())
}

fn bool_at(a: Option<&ArrayRef>, i: usize) -> Option<bool> {
    let a = a?.as_any().downcast_ref::<BooleanArray>()?;
    a.is_valid(i).then(|| a.value(i))
}

fn mode_at(name: &str, a: Option<&ArrayRef>, i: usize) -> Result<Mode> {
    let s = str_at(a, i).unwrap_or_else(|| "sum".to_string());
    Mode::parse(&s).ok_or_else(|| invalid_mode(name, &s))
}

/// Spark's error for a summary mode it does not know.
pub fn invalid_mode(name: &str, mode: &str) -> SparkError {
    err(
        ErrorKind::SparkRuntime,
        "TUPLE_INVALID_SKETCH_MODE",
        "22023",
        format!(
            "Invalid call to `{name}`: mode '{mode}' is not supported. Valid modes are: sum, min, max, alwaysone."
        ),
    )
}

fn internal(e: &dyn std::fmt::Display) -> SparkError {
    SparkError::internal(e.to_string())
}

fn bin(b: Vec<u8>) -> ScalarValue {
    ScalarValue::Binary(Some(b))
}

/// `empty` when the sketch has no entries, else its image.
fn tuple_bytes<V: Value>(s: &datasketches::tuple::CompactTupleSketch<Summary<V>>) -> Vec<u8> {
    if s.is_empty() {
        super::sketches_tuple::EMPTY.to_vec()
    } else {
        s.serialize()
    }
}

impl SketchFn {
    fn row(&self, a: &[ArrayRef], i: usize) -> Result<ScalarValue> {
        type BinaryFn<'f> = dyn Fn(&[u8], &[u8]) -> Result<ScalarValue> + 'f;
        let name = self.name.as_str();
        let null = ScalarValue::try_from(self.return_type(&[]).map_err(SparkError::from)?)
            .map_err(SparkError::from)?;
        let Some(first) = a.first().and_then(|x| bytes_at(x, i)) else {
            return Ok(null);
        };
        let second = a.get(1).and_then(|x| bytes_at(x, i));
        let two = |f: &BinaryFn| match second {
            Some(s) => f(first, s),
            None => Ok(null.clone()),
        };
        Ok(match self.kind {
            FnKind::HllEstimate => {
                ScalarValue::Int64(Some(hll_read(name, first)?.estimate().round() as i64))
            }
            FnKind::HllUnion => two(&|x, y| {
                let (x, y) = (hll_read(name, x)?, hll_read(name, y)?);
                let allow = bool_at(a.get(2), i).unwrap_or(false);
                if !allow && x.lg_config_k() != y.lg_config_k() {
                    return Err(hll_different_lg_k(name, x.lg_config_k(), y.lg_config_k()));
                }
                let mut u = HllUnion::new(x.lg_config_k().min(y.lg_config_k()))
                    .map_err(|e| internal(&e))?;
                u.update(&x);
                u.update(&y);
                Ok(bin(u.to_sketch(HllType::Hll8).serialize()))
            })?,
            FnKind::ThetaEstimate => {
                ScalarValue::Int64(Some(theta_read(name, first)?.estimate().round() as i64))
            }
            FnKind::ThetaUnion => two(&|x, y| {
                let lg = lg_nom_entries(name, i64_at(a.get(2), i).unwrap_or(12))?;
                let mut u = theta_union(lg)?;
                u.update(&theta_read(name, x)?).map_err(|e| internal(&e))?;
                u.update(&theta_read(name, y)?).map_err(|e| internal(&e))?;
                Ok(bin(u.to_sketch(true).serialize_compressed()))
            })?,
            FnKind::ThetaIntersection => two(&|x, y| {
                let mut t = ThetaIntersection::default();
                t.update(&theta_read(name, x)?).map_err(|e| internal(&e))?;
                t.update(&theta_read(name, y)?).map_err(|e| internal(&e))?;
                let s = t
                    .to_sketch(true)
                    .ok_or_else(|| SparkError::internal("intersection"))?;
                Ok(bin(s.serialize_compressed()))
            })?,
            FnKind::ThetaDifference => two(&|x, y| {
                let (x, y) = (theta_read(name, x)?, theta_read(name, y)?);
                let s = ThetaANotB::default()
                    .compute(&x, &y, true)
                    .map_err(|e| internal(&e))?;
                Ok(bin(s.serialize_compressed()))
            })?,
            FnKind::KllN(t) => ScalarValue::Int64(Some(kll_dispatch!(t, T, {
                kll_read::<T>(name, first)?.n() as i64
            }))),
            FnKind::KllQuantile(t, _) => {
                kll_dispatch!(t, T, { kll_quantile::<T>(name, first, a.get(1), i)? })
            }
            FnKind::KllRank(t, _) => {
                kll_dispatch!(t, T, { kll_rank::<T>(name, first, a.get(1), i)? })
            }
            FnKind::KllMerge(t) => two(&|x, y| {
                kll_dispatch!(t, T, {
                    let mut x = kll_read::<T>(name, x)?;
                    x.merge(&kll_read::<T>(name, y)?)
                        .map_err(|e| internal(&e))?;
                    Ok(bin(x.serialize()))
                })
            })?,
            FnKind::KllToString(t) => kll_dispatch!(t, T, {
                ScalarValue::Utf8(Some(summary(&kll_read::<T>(name, first)?, first)))
            }),
            FnKind::TupleEstimate(int) => tuple_dispatch!(int, V, {
                ScalarValue::Float64(Some(tuple_read::<V>(name, first)?.estimate()))
            }),
            FnKind::TupleTheta(int) => tuple_dispatch!(int, V, {
                ScalarValue::Float64(Some(tuple_read::<V>(name, first)?.theta()))
            }),
            FnKind::TupleSummary(int) => {
                let mode = mode_at(name, a.get(1), i)?;
                if int {
                    let v = aggregate(&tuple_read::<i32>(name, first)?, mode);
                    ScalarValue::Int64(Some(v as i64))
                } else {
                    ScalarValue::Float64(Some(aggregate(&tuple_read::<f64>(name, first)?, mode)))
                }
            }
            FnKind::TupleUnion(int) => two(&|x, y| {
                tuple_dispatch!(int, V, {
                    let lg = lg_nom_entries(name, i64_at(a.get(2), i).unwrap_or(12))?;
                    let mut u = tuple_union::<V>(lg, mode_at(name, a.get(3), i)?)?;
                    u.update(&tuple_read::<V>(name, x)?)
                        .map_err(|e| internal(&e))?;
                    u.update(&tuple_read::<V>(name, y)?)
                        .map_err(|e| internal(&e))?;
                    Ok(bin(tuple_bytes(&u.to_sketch(false))))
                })
            })?,
            FnKind::TupleUnionTheta(int) => two(&|x, y| {
                tuple_dispatch!(int, V, {
                    let lg = lg_nom_entries(name, i64_at(a.get(2), i).unwrap_or(12))?;
                    let mode = mode_at(name, a.get(3), i)?;
                    let mut u = tuple_union::<V>(lg, mode)?;
                    u.update(&tuple_read::<V>(name, x)?)
                        .map_err(|e| internal(&e))?;
                    let theta = theta_as_tuple::<V>(name, y, Mode::Sum)?;
                    u.update(&theta).map_err(|e| internal(&e))?;
                    Ok(bin(tuple_bytes(&u.to_sketch(false))))
                })
            })?,
            FnKind::TupleIntersection(int) | FnKind::TupleIntersectionTheta(int) => {
                let theta = matches!(self.kind, FnKind::TupleIntersectionTheta(_));
                two(&|x, y| {
                    tuple_dispatch!(int, V, {
                        let mode = mode_at(name, a.get(2), i)?;
                        let mut t = TupleIntersection::new(Policy::<V>::new(mode));
                        t.update(&tuple_read::<V>(name, x)?)
                            .map_err(|e| internal(&e))?;
                        let y = if theta {
                            theta_as_tuple::<V>(name, y, mode)?
                        } else {
                            tuple_read::<V>(name, y)?
                        };
                        t.update(&y).map_err(|e| internal(&e))?;
                        let s = t
                            .to_sketch(false)
                            .ok_or_else(|| SparkError::internal("intersection"))?;
                        Ok(bin(tuple_bytes(&s)))
                    })
                })?
            }
            FnKind::TupleDifference(int) | FnKind::TupleDifferenceTheta(int) => {
                let theta = matches!(self.kind, FnKind::TupleDifferenceTheta(_));
                two(&|x, y| {
                    tuple_dispatch!(int, V, {
                        let x = tuple_read::<V>(name, x)?;
                        let y = if theta {
                            theta_as_tuple::<V>(name, y, Mode::Sum)?
                        } else {
                            tuple_read::<V>(name, y)?
                        };
                        let s = TupleANotB::default()
                            .compute(&x, &y, false)
                            .map_err(|e| internal(&e))?;
                        Ok(bin(tuple_bytes(&s)))
                    })
                })?
            }
        })
    }
}

/// A Theta sketch's entries as a Tuple sketch, each with the summary an
/// operation of `mode` leaves unchanged.
fn theta_as_tuple<V: Value>(
    name: &str,
    b: &[u8],
    mode: Mode,
) -> Result<datasketches::tuple::CompactTupleSketch<Summary<V>>> {
    let theta = theta_read(name, b)?;
    let identity = match mode {
        Mode::Sum => Summary {
            value: V::zero(),
            mode: Mode::Sum,
        },
        m => Summary::new(m),
    };
    from_theta(&theta, identity).map_err(|_| invalid_buffer(name, Family::Theta))
}

/// Spark's error for a rank outside [0, 1].
fn rank_out_of_range(name: &str) -> SparkError {
    err(
        ErrorKind::SparkRuntime,
        "KLL_SKETCH_INVALID_QUANTILE_RANGE",
        "22003",
        format!(
            "For function `{name}`, the quantile value must be between 0.0 and 1.0 (inclusive)."
        ),
    )
}

fn kll_quantile<T: Item>(
    name: &str,
    b: &[u8],
    ranks: Option<&ArrayRef>,
    i: usize,
) -> Result<ScalarValue> {
    let sketch: KllSketch<T> = kll_read(name, b)?;
    let one = |r: f64| -> Result<ScalarValue> {
        if !(0.0..=1.0).contains(&r) {
            return Err(rank_out_of_range(name));
        }
        match sketch.quantile(r, SearchCriteria::Inclusive) {
            Ok(Some(v)) => Ok(T::scalar(Some(v))),
            _ => Err(invalid_buffer(name, Family::Kll)),
        }
    };
    let Some(ranks) = ranks else {
        return Err(SparkError::internal("rank"));
    };
    match ranks.data_type() {
        DataType::List(_) => {
            let l = ranks
                .as_list_opt::<i32>()
                .ok_or_else(|| SparkError::internal("ranks"))?;
            if l.is_null(i) {
                return element_list(&[], &T::scalar(None).data_type());
            }
            let items = l.value(i);
            let items = items
                .as_primitive_opt::<Float64Type>()
                .ok_or_else(|| SparkError::internal("ranks"))?;
            let mut out = Vec::with_capacity(items.len());
            for r in items.iter() {
                out.push(match r {
                    Some(r) => one(r)?,
                    None => T::scalar(None),
                });
            }
            element_list(&out, &T::scalar(None).data_type())
        }
        _ => {
            let r = ranks
                .as_primitive_opt::<Float64Type>()
                .ok_or_else(|| SparkError::internal("rank"))?;
            if r.is_null(i) {
                return Ok(T::scalar(None));
            }
            one(r.value(i))
        }
    }
}

fn kll_rank<T: Item>(
    name: &str,
    b: &[u8],
    items: Option<&ArrayRef>,
    i: usize,
) -> Result<ScalarValue> {
    let sketch: KllSketch<T> = kll_read(name, b)?;
    let one = |v: Option<T>| -> Result<ScalarValue> {
        let Some(v) = v else {
            return Ok(ScalarValue::Float64(None));
        };
        match sketch.rank(&v, SearchCriteria::Inclusive) {
            Some(r) => Ok(ScalarValue::Float64(Some(r))),
            None => Err(invalid_buffer(name, Family::Kll)),
        }
    };
    let Some(items) = items else {
        return Err(SparkError::internal("rank"));
    };
    match items.data_type() {
        DataType::List(_) => {
            let l = items
                .as_list_opt::<i32>()
                .ok_or_else(|| SparkError::internal("items"))?;
            if l.is_null(i) {
                return element_list(&[], &DataType::Float64);
            }
            let values = l.value(i);
            let mut out = Vec::with_capacity(values.len());
            for j in 0..values.len() {
                out.push(one(T::at(&values, j))?);
            }
            element_list(&out, &DataType::Float64)
        }
        _ => one(T::at(items, i)),
    }
}

/// A list value whose item field is named `element`, as Spark's arrays are.
fn element_list(values: &[ScalarValue], item: &DataType) -> Result<ScalarValue> {
    use datafusion::arrow::array::{new_empty_array, ListArray};
    use datafusion::arrow::buffer::OffsetBuffer;
    let array = if values.is_empty() {
        new_empty_array(item)
    } else {
        ScalarValue::iter_to_array(values.iter().cloned())?
    };
    let field = Arc::new(Field::new("element", item.clone(), true));
    let list = ListArray::try_new(
        field,
        OffsetBuffer::from_lengths([array.len()]),
        array,
        None,
    )?;
    Ok(ScalarValue::List(Arc::new(list)))
}
