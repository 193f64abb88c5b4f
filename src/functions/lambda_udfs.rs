//! Higher-order functions DataFusion does not have, with Spark's semantics:
//! `transform`/`filter` with the element's index, `zip_with`, `map_filter`,
//! `transform_keys`, `transform_values`, `map_zip_with` and `aggregate`.
//!
//! Each gathers the lambda's parameters of every row into flat arrays,
//! evaluates the lambda once over them (captured columns spread to match)
//! and rebuilds the arrays or maps. `aggregate` folds: step `k` evaluates
//! the merge lambda on the rows that have a `k`-th element.

use std::collections::HashSet;
use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Int32Array, ListArray, MapArray, StructArray,
    UInt32Array,
};
use datafusion::arrow::buffer::OffsetBuffer;
use datafusion::arrow::compute::{cast, interleave, nullif, take, take_arrays};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::arrow::row::{RowConverter, SortField};
use datafusion::common::{exec_err, plan_err, DataFusionError, Result};
use datafusion::logical_expr::{
    ColumnarValue, HigherOrderFunctionArgs, HigherOrderReturnFieldArgs, HigherOrderSignature,
    HigherOrderUDF, HigherOrderUDFImpl, LambdaArgument, LambdaParametersProgress, ValueOrLambda,
    Volatility,
};

use crate::error::{ErrorKind, SparkError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `transform(array, (x, i) -> …)`
    TransformIndexed,
    /// `filter(array, (x, i) -> …)`
    FilterIndexed,
    ZipWith,
    MapFilter,
    TransformKeys,
    TransformValues,
    MapZipWith,
    /// `aggregate(array, zero, (acc, x) -> …, acc -> …)`
    Aggregate,
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct SparkHof {
    kind: Kind,
    signature: HigherOrderSignature,
}

/// The function computing `kind`.
pub fn udf(kind: Kind) -> Arc<HigherOrderUDF> {
    Arc::new(HigherOrderUDF::new_from_impl(SparkHof {
        kind,
        signature: HigherOrderSignature::variadic_any(Volatility::Immutable),
    }))
}

fn element(f: &FieldRef) -> Result<FieldRef> {
    match f.data_type() {
        DataType::List(e) => Ok(Arc::clone(e)),
        other => plan_err!("expected an array, got {other}"),
    }
}

/// The map's entries field and its key and value fields.
fn entries(f: &FieldRef) -> Result<(FieldRef, FieldRef, FieldRef)> {
    if let DataType::Map(e, _) = f.data_type() {
        if let DataType::Struct(kv) = e.data_type() {
            if kv.len() == 2 {
                return Ok((Arc::clone(e), Arc::clone(&kv[0]), Arc::clone(&kv[1])));
            }
        }
    }
    plan_err!("expected a map, got {}", f.data_type())
}

fn nullable(f: &FieldRef) -> FieldRef {
    Arc::new(f.as_ref().clone().with_nullable(true))
}

/// The parameters of each lambda of `kind`, from its value arguments.
pub fn params(kind: Kind, values: &[FieldRef]) -> Result<Vec<Vec<FieldRef>>> {
    let first = values
        .first()
        .ok_or_else(|| DataFusionError::Plan("missing argument".into()))?;
    let second = || {
        values
            .get(1)
            .ok_or_else(|| DataFusionError::Plan("missing argument".into()))
    };
    Ok(match kind {
        Kind::TransformIndexed | Kind::FilterIndexed => vec![vec![
            element(first)?,
            Arc::new(Field::new("i", DataType::Int32, false)),
        ]],
        Kind::ZipWith => vec![vec![
            nullable(&element(first)?),
            nullable(&element(second()?)?),
        ]],
        Kind::MapFilter | Kind::TransformKeys | Kind::TransformValues => {
            let (_, k, v) = entries(first)?;
            vec![vec![k, v]]
        }
        Kind::MapZipWith => {
            let (_, k, v1) = entries(first)?;
            let (_, _, v2) = entries(second()?)?;
            vec![vec![k, nullable(&v1), nullable(&v2)]]
        }
        Kind::Aggregate => {
            let acc: FieldRef = Arc::new(Field::new("acc", second()?.data_type().clone(), true));
            vec![vec![Arc::clone(&acc), element(first)?], vec![acc]]
        }
    })
}

fn map_type(entries: &FieldRef, key: FieldRef, value: FieldRef) -> DataType {
    let e = Field::new(
        entries.name(),
        DataType::Struct(Fields::from(vec![key, value])),
        false,
    );
    DataType::Map(Arc::new(e), false)
}

impl HigherOrderUDFImpl for SparkHof {
    fn name(&self) -> &str {
        match self.kind {
            Kind::TransformIndexed => "spark_transform_indexed",
            Kind::FilterIndexed => "spark_filter_indexed",
            Kind::ZipWith => "spark_zip_with",
            Kind::MapFilter => "spark_map_filter",
            Kind::TransformKeys => "spark_transform_keys",
            Kind::TransformValues => "spark_transform_values",
            Kind::MapZipWith => "spark_map_zip_with",
            Kind::Aggregate => "spark_aggregate",
        }
    }

    fn signature(&self) -> &HigherOrderSignature {
        &self.signature
    }

    fn lambda_parameters(
        &self,
        _step: usize,
        fields: &[ValueOrLambda<FieldRef, Option<FieldRef>>],
    ) -> Result<LambdaParametersProgress> {
        let values: Vec<FieldRef> = fields
            .iter()
            .filter_map(|f| match f {
                ValueOrLambda::Value(v) => Some(Arc::clone(v)),
                ValueOrLambda::Lambda(_) => None,
            })
            .collect();
        Ok(LambdaParametersProgress::Complete(params(
            self.kind, &values,
        )?))
    }

    fn return_field_from_args(&self, args: HigherOrderReturnFieldArgs) -> Result<FieldRef> {
        let mut values = vec![];
        let mut lambdas = vec![];
        for a in args.arg_fields {
            match a {
                ValueOrLambda::Value(v) => values.push(Arc::clone(v)),
                ValueOrLambda::Lambda(l) => lambdas.push(Arc::clone(l)),
            }
        }
        let (Some(first), Some(body)) = (values.first(), lambdas.first()) else {
            return plan_err!("{} expects a value and a lambda", self.name());
        };
        let item = |f: &FieldRef| Arc::new(Field::new("item", f.data_type().clone(), true));
        let ty = match self.kind {
            Kind::TransformIndexed | Kind::ZipWith => DataType::List(item(body)),
            Kind::FilterIndexed | Kind::MapFilter => first.data_type().clone(),
            Kind::TransformValues => {
                let (e, k, v) = entries(first)?;
                map_type(
                    &e,
                    k,
                    Arc::new(Field::new(v.name(), body.data_type().clone(), true)),
                )
            }
            Kind::TransformKeys => {
                let (e, k, v) = entries(first)?;
                map_type(
                    &e,
                    Arc::new(Field::new(k.name(), body.data_type().clone(), false)),
                    v,
                )
            }
            Kind::MapZipWith => {
                let (e, k, v) = entries(first)?;
                map_type(
                    &e,
                    k,
                    Arc::new(Field::new(v.name(), body.data_type().clone(), true)),
                )
            }
            Kind::Aggregate => lambdas
                .get(1)
                .map(|f| f.data_type().clone())
                .unwrap_or_else(|| body.data_type().clone()),
        };
        Ok(Arc::new(Field::new(self.name(), ty, true)))
    }

    fn invoke_with_args(&self, args: HigherOrderFunctionArgs) -> Result<ColumnarValue> {
        let n = args.number_rows;
        let mut values = vec![];
        let mut lambdas = vec![];
        for a in &args.args {
            match a {
                ValueOrLambda::Value(v) => values.push(v.to_array(n)?),
                ValueOrLambda::Lambda(l) => lambdas.push(l),
            }
        }
        let Some(f) = lambdas.first() else {
            return exec_err!("{} expects a lambda", self.name());
        };
        let ret = args.return_field.data_type();
        let out = match self.kind {
            Kind::TransformIndexed | Kind::FilterIndexed => {
                indexed(self.kind, list_arg(&values, 0)?, f, ret)?
            }
            Kind::ZipWith => zip_with(list_arg(&values, 0)?, list_arg(&values, 1)?, f, ret)?,
            Kind::MapFilter | Kind::TransformKeys | Kind::TransformValues => {
                map_entries_fn(self.kind, map_arg(&values, 0)?, f, ret)?
            }
            Kind::MapZipWith => map_zip_with(map_arg(&values, 0)?, map_arg(&values, 1)?, f, ret)?,
            Kind::Aggregate => {
                let zero = values
                    .get(1)
                    .ok_or_else(|| DataFusionError::Execution("missing zero".into()))?;
                aggregate(list_arg(&values, 0)?, zero, f, lambdas.get(1).copied())?
            }
        };
        Ok(ColumnarValue::Array(out))
    }
}

fn list_arg(values: &[ArrayRef], i: usize) -> Result<&ListArray> {
    match values.get(i).and_then(|a| a.as_list_opt::<i32>()) {
        Some(l) => Ok(l),
        None => exec_err!("expected an array argument"),
    }
}

fn map_arg(values: &[ArrayRef], i: usize) -> Result<&MapArray> {
    match values.get(i).and_then(|a| a.as_map_opt()) {
        Some(m) => Ok(m),
        None => exec_err!("expected a map argument"),
    }
}

fn to_df(e: SparkError) -> DataFusionError {
    crate::error::to_df_error(e)
}

/// Evaluates `f` on parameter arrays of one length; captured columns are
/// spread by `rows` (the row of each parameter value), or kept as they are.
fn eval(f: &LambdaArgument, params: &[ArrayRef], rows: Option<&UInt32Array>) -> Result<ArrayRef> {
    let len = params.first().map_or(0, |p| p.len());
    type Param = Box<dyn Fn() -> Result<ArrayRef>>;
    let fns: Vec<Param> = params
        .iter()
        .map(|p| {
            let p = Arc::clone(p);
            Box::new(move || Ok(Arc::clone(&p))) as Param
        })
        .collect();
    let refs: Vec<&dyn Fn() -> Result<ArrayRef>> = fns.iter().map(|f| f.as_ref()).collect();
    f.evaluate(&refs, |cols| match rows {
        Some(r) => Ok(take_arrays(cols, r, None)?),
        None => Ok(cols.to_vec()),
    })?
    .into_array(len)
}

fn list_field(ret: &DataType) -> Result<FieldRef> {
    match ret {
        DataType::List(f) => Ok(Arc::clone(f)),
        other => exec_err!("expected an array result, got {other}"),
    }
}

/// Start and end of row `i`'s elements; empty for a NULL row.
fn span(offsets: &[i32], valid: bool, i: usize) -> (usize, usize) {
    if valid {
        (offsets[i] as usize, offsets[i + 1] as usize)
    } else {
        (0, 0)
    }
}

fn indexed(kind: Kind, list: &ListArray, f: &LambdaArgument, ret: &DataType) -> Result<ArrayRef> {
    let offsets = list.value_offsets();
    let (mut idx, mut rows, mut pos, mut lens) = (vec![], vec![], vec![], vec![]);
    for i in 0..list.len() {
        let (s, e) = span(offsets, list.is_valid(i), i);
        for j in s..e {
            idx.push(j as u32);
            rows.push(i as u32);
            pos.push((j - s) as i32);
        }
        lens.push(e - s);
    }
    let elems = take(list.values(), &UInt32Array::from(idx), None)?;
    let rows = UInt32Array::from(rows);
    let out = eval(
        f,
        &[Arc::clone(&elems), Arc::new(Int32Array::from(pos))],
        Some(&rows),
    )?;
    let (values, lens) = if kind == Kind::FilterIndexed {
        let mask = out.as_boolean();
        let mut kept = vec![];
        let mut new_lens = vec![0usize; lens.len()];
        for (j, row) in rows.values().iter().enumerate() {
            if mask.is_valid(j) && mask.value(j) {
                kept.push(j as u32);
                new_lens[*row as usize] += 1;
            }
        }
        (take(&elems, &UInt32Array::from(kept), None)?, new_lens)
    } else {
        (out, lens)
    };
    Ok(Arc::new(ListArray::try_new(
        list_field(ret)?,
        OffsetBuffer::from_lengths(lens),
        values,
        list.nulls().cloned(),
    )?))
}

fn zip_with(a: &ListArray, b: &ListArray, f: &LambdaArgument, ret: &DataType) -> Result<ArrayRef> {
    let (oa, ob) = (a.value_offsets(), b.value_offsets());
    let (mut ia, mut ib, mut rows, mut lens) = (vec![], vec![], vec![], vec![]);
    let mut valid = vec![];
    for i in 0..a.len() {
        let ok = a.is_valid(i) && b.is_valid(i);
        valid.push(ok);
        let (sa, ea) = span(oa, ok, i);
        let (sb, eb) = span(ob, ok, i);
        let len = (ea - sa).max(eb - sb);
        for k in 0..len {
            ia.push((sa + k < ea).then_some((sa + k) as u32));
            ib.push((sb + k < eb).then_some((sb + k) as u32));
            rows.push(i as u32);
        }
        lens.push(len);
    }
    let x = take(a.values(), &UInt32Array::from(ia), None)?;
    let y = take(b.values(), &UInt32Array::from(ib), None)?;
    let out = eval(f, &[x, y], Some(&UInt32Array::from(rows)))?;
    Ok(Arc::new(ListArray::try_new(
        list_field(ret)?,
        OffsetBuffer::from_lengths(lens),
        out,
        Some(valid.into()),
    )?))
}

fn map_parts(ret: &DataType) -> Result<(FieldRef, Fields)> {
    if let DataType::Map(e, _) = ret {
        if let DataType::Struct(kv) = e.data_type() {
            return Ok((Arc::clone(e), kv.clone()));
        }
    }
    exec_err!("expected a map result, got {ret}")
}

fn make_map(
    ret: &DataType,
    lens: Vec<usize>,
    keys: ArrayRef,
    values: ArrayRef,
    nulls: Option<datafusion::arrow::buffer::NullBuffer>,
) -> Result<ArrayRef> {
    let (entries, kv) = map_parts(ret)?;
    let st = StructArray::try_new(kv, vec![keys, values], None)?;
    Ok(Arc::new(MapArray::try_new(
        entries,
        OffsetBuffer::from_lengths(lens),
        st,
        nulls,
        false,
    )?))
}

/// Fails on a NULL key or a key repeated within a row (Spark's default
/// `mapKeyDedupPolicy`).
fn check_keys(keys: &ArrayRef, lens: &[usize]) -> Result<()> {
    if keys.null_count() > 0 {
        return Err(to_df(SparkError::new(
            ErrorKind::SparkRuntime,
            "NULL_MAP_KEY",
            "2200E",
            "Cannot use null as map key.",
            &[],
        )));
    }
    let conv = RowConverter::new(vec![SortField::new(keys.data_type().clone())])?;
    let rows = conv.convert_columns(&[Arc::clone(keys)])?;
    let mut start = 0;
    for len in lens {
        let mut seen = HashSet::new();
        for j in start..start + len {
            if !seen.insert(rows.row(j)) {
                let key = datafusion::common::ScalarValue::try_from_array(keys, j)?;
                return Err(to_df(SparkError::new(
                    ErrorKind::SparkRuntime,
                    "DUPLICATED_MAP_KEY",
                    "23505",
                    format!(
                        "Duplicate map key {key} was found, please check the input data. If you want to remove the duplicated keys, you can set \"spark.sql.mapKeyDedupPolicy\" to \"LAST_WIN\" so that the key inserted at last takes precedence."
                    ),
                    &[
                        ("key", key.to_string()),
                        ("mapKeyDedupPolicy", "\"spark.sql.mapKeyDedupPolicy\"".into()),
                    ],
                )));
            }
        }
        start += len;
    }
    Ok(())
}

fn map_entries_fn(
    kind: Kind,
    m: &MapArray,
    f: &LambdaArgument,
    ret: &DataType,
) -> Result<ArrayRef> {
    let offsets = m.value_offsets();
    let (mut idx, mut rows, mut lens) = (vec![], vec![], vec![]);
    for i in 0..m.len() {
        let (s, e) = span(offsets, m.is_valid(i), i);
        for j in s..e {
            idx.push(j as u32);
            rows.push(i as u32);
        }
        lens.push(e - s);
    }
    let idx = UInt32Array::from(idx);
    let keys = take(m.keys(), &idx, None)?;
    let vals = take(m.values(), &idx, None)?;
    let rows = UInt32Array::from(rows);
    let out = eval(f, &[Arc::clone(&keys), Arc::clone(&vals)], Some(&rows))?;
    let nulls = m.nulls().cloned();
    match kind {
        Kind::MapFilter => {
            let mask = out.as_boolean();
            let mut kept = vec![];
            let mut new_lens = vec![0usize; lens.len()];
            for (j, row) in rows.values().iter().enumerate() {
                if mask.is_valid(j) && mask.value(j) {
                    kept.push(j as u32);
                    new_lens[*row as usize] += 1;
                }
            }
            let kept = UInt32Array::from(kept);
            let k = take(&keys, &kept, None)?;
            let v = take(&vals, &kept, None)?;
            make_map(ret, new_lens, k, v, nulls)
        }
        Kind::TransformKeys => {
            check_keys(&out, &lens)?;
            make_map(ret, lens, out, vals, nulls)
        }
        _ => make_map(ret, lens, keys, out, nulls),
    }
}

fn map_zip_with(
    a: &MapArray,
    b: &MapArray,
    f: &LambdaArgument,
    ret: &DataType,
) -> Result<ArrayRef> {
    let conv = RowConverter::new(vec![SortField::new(a.keys().data_type().clone())])?;
    let ka = conv.convert_columns(&[Arc::clone(a.keys())])?;
    let kb = conv.convert_columns(&[Arc::clone(b.keys())])?;
    let (oa, ob) = (a.value_offsets(), b.value_offsets());
    let (mut keys, mut ia, mut ib, mut rows, mut lens, mut valid) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for i in 0..a.len() {
        let ok = a.is_valid(i) && b.is_valid(i);
        valid.push(ok);
        let (sa, ea) = span(oa, ok, i);
        let (sb, eb) = span(ob, ok, i);
        let before = keys.len();
        for j in sa..ea {
            let other = (sb..eb).find(|&t| kb.row(t) == ka.row(j));
            keys.push((0, j));
            ia.push(Some(j as u32));
            ib.push(other.map(|t| t as u32));
        }
        for t in sb..eb {
            if !(sa..ea).any(|j| ka.row(j) == kb.row(t)) {
                keys.push((1, t));
                ia.push(None);
                ib.push(Some(t as u32));
            }
        }
        rows.extend(std::iter::repeat_n(i as u32, keys.len() - before));
        lens.push(keys.len() - before);
    }
    let k = interleave(&[a.keys().as_ref(), b.keys().as_ref()], &keys)?;
    let v1 = take(a.values(), &UInt32Array::from(ia), None)?;
    let v2 = take(b.values(), &UInt32Array::from(ib), None)?;
    let out = eval(f, &[Arc::clone(&k), v1, v2], Some(&UInt32Array::from(rows)))?;
    make_map(ret, lens, k, out, Some(valid.into()))
}

fn aggregate(
    list: &ListArray,
    zero: &ArrayRef,
    merge: &LambdaArgument,
    finish: Option<&LambdaArgument>,
) -> Result<ArrayRef> {
    let offsets = list.value_offsets();
    let lens: Vec<usize> = (0..list.len())
        .map(|i| {
            let (s, e) = span(offsets, list.is_valid(i), i);
            e - s
        })
        .collect();
    let longest = lens.iter().copied().max().unwrap_or(0);
    let mut acc = Arc::clone(zero);
    for k in 0..longest {
        let active: Vec<u32> = (0..lens.len())
            .filter(|&i| lens[i] > k)
            .map(|i| i as u32)
            .collect();
        let elems: Vec<u32> = active
            .iter()
            .map(|&i| offsets[i as usize] as u32 + k as u32)
            .collect();
        let active = UInt32Array::from(active);
        let x = take(list.values(), &UInt32Array::from(elems), None)?;
        let a = take(&acc, &active, None)?;
        let next = eval(merge, &[a, x], Some(&active))?;
        let next = if next.data_type() == acc.data_type() {
            next
        } else {
            cast(&next, acc.data_type())?
        };
        let mut p = 0;
        let picks: Vec<(usize, usize)> = lens
            .iter()
            .enumerate()
            .map(|(i, len)| {
                if *len > k {
                    p += 1;
                    (1, p - 1)
                } else {
                    (0, i)
                }
            })
            .collect();
        acc = interleave(&[acc.as_ref(), next.as_ref()], &picks)?;
    }
    let out = match finish {
        Some(f) => eval(f, &[acc], None)?,
        None => acc,
    };
    if list.null_count() == 0 {
        return Ok(out);
    }
    let is_null = BooleanArray::from((0..list.len()).map(|i| list.is_null(i)).collect::<Vec<_>>());
    Ok(nullif(&out, &is_null)?)
}
