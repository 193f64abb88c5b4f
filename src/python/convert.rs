//! Python values ⇄ Arrow arrays, column by column, directed by the Spark
//! type. Values arrive in their *internal* form (dates as day numbers,
//! timestamps as microseconds, decimals as unscaled ints, structs as tuples,
//! maps as dicts), as `ember.sql.types` prepares them.

use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BinaryBuilder, BooleanBuilder, Decimal128Builder,
    DurationMicrosecondArray, Float32Builder, Float64Builder, Int16Builder, Int32Builder,
    Int64Builder, Int8Builder, IntervalYearMonthArray, ListArray, MapArray, NullArray,
    PrimitiveArray, RecordBatch, StringBuilder, StructArray,
};
use datafusion::arrow::buffer::{NullBuffer, OffsetBuffer};
use datafusion::arrow::datatypes::{
    DataType, Date32Type, Date64Type, Decimal128Type, DurationMicrosecondType, Field, Fields,
    Float16Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, IntervalUnit,
    IntervalYearMonthType, Schema, Time64MicrosecondType, TimeUnit, TimestampMicrosecondType,
    UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};

use super::error::type_error;
use crate::format::decimal_string;
use crate::types::{SparkType, StructField};

fn none_or<'a, 'py>(v: &'a Bound<'py, PyAny>) -> Option<&'a Bound<'py, PyAny>> {
    if v.is_none() {
        None
    } else {
        Some(v)
    }
}

macro_rules! prim {
    ($values:expr, $builder:ty, $t:ty) => {{
        let mut b = <$builder>::with_capacity($values.len());
        for v in $values {
            match none_or(v) {
                None => b.append_null(),
                Some(v) => b.append_value(v.extract::<$t>()?),
            }
        }
        Arc::new(b.finish()) as ArrayRef
    }};
}

fn nulls_of(values: &[Bound<'_, PyAny>]) -> Option<NullBuffer> {
    if values.iter().any(|v| v.is_none()) {
        Some(NullBuffer::from(
            values.iter().map(|v| !v.is_none()).collect::<Vec<_>>(),
        ))
    } else {
        None
    }
}

/// Builds one Arrow column of Spark type `t` from internal Python values.
pub fn build_array(
    py: Python<'_>,
    values: &[Bound<'_, PyAny>],
    t: &SparkType,
) -> PyResult<ArrayRef> {
    Ok(match t {
        SparkType::Null => Arc::new(NullArray::new(values.len())),
        SparkType::Boolean => prim!(values, BooleanBuilder, bool),
        SparkType::Byte => prim!(values, Int8Builder, i8),
        SparkType::Short => prim!(values, Int16Builder, i16),
        SparkType::Integer => prim!(values, Int32Builder, i32),
        SparkType::Long => prim!(values, Int64Builder, i64),
        SparkType::Float => prim!(values, Float32Builder, f32),
        SparkType::Double => prim!(values, Float64Builder, f64),
        SparkType::String | SparkType::Char(_) | SparkType::Varchar(_) => {
            let mut b = StringBuilder::with_capacity(values.len(), values.len() * 8);
            for v in values {
                match none_or(v) {
                    None => b.append_null(),
                    Some(v) => match v.cast::<PyString>() {
                        Ok(s) => b.append_value(s.to_str()?),
                        Err(_) => b.append_value(v.str()?.to_str()?),
                    },
                }
            }
            Arc::new(b.finish())
        }
        SparkType::Binary => {
            let mut b = BinaryBuilder::with_capacity(values.len(), values.len() * 8);
            for v in values {
                match none_or(v) {
                    None => b.append_null(),
                    Some(v) => {
                        if let Ok(bytes) = v.cast::<PyBytes>() {
                            b.append_value(bytes.as_bytes());
                        } else if let Ok(arr) = v.cast::<PyByteArray>() {
                            b.append_value(arr.to_vec());
                        } else {
                            return Err(type_error("binary values must be bytes"));
                        }
                    }
                }
            }
            Arc::new(b.finish())
        }
        SparkType::Decimal(p, s) => {
            let mut b = Decimal128Builder::with_capacity(values.len());
            for v in values {
                match none_or(v) {
                    None => b.append_null(),
                    Some(v) => b.append_value(v.extract::<i128>()?),
                }
            }
            Arc::new(
                b.finish()
                    .with_precision_and_scale(*p, *s)
                    .map_err(|e| type_error(e.to_string()))?,
            )
        }
        SparkType::Date => {
            let v: Vec<Option<i32>> = values
                .iter()
                .map(|v| none_or(v).map(|x| x.extract()).transpose())
                .collect::<PyResult<_>>()?;
            Arc::new(PrimitiveArray::<Date32Type>::from(v))
        }
        SparkType::Timestamp | SparkType::TimestampNtz => {
            let v: Vec<Option<i64>> = values
                .iter()
                .map(|v| none_or(v).map(|x| x.extract()).transpose())
                .collect::<PyResult<_>>()?;
            let arr = PrimitiveArray::<TimestampMicrosecondType>::from(v);
            match t {
                SparkType::Timestamp => Arc::new(arr.with_timezone(crate::types::STORAGE_TZ)),
                _ => Arc::new(arr),
            }
        }
        SparkType::Time => {
            let v: Vec<Option<i64>> = values
                .iter()
                .map(|v| none_or(v).map(|x| x.extract()).transpose())
                .collect::<PyResult<_>>()?;
            Arc::new(PrimitiveArray::<Time64MicrosecondType>::from(v))
        }
        SparkType::DayTimeInterval(..) => {
            let v: Vec<Option<i64>> = values
                .iter()
                .map(|v| none_or(v).map(|x| x.extract()).transpose())
                .collect::<PyResult<_>>()?;
            Arc::new(DurationMicrosecondArray::from(v))
        }
        SparkType::YearMonthInterval(..) => {
            let v: Vec<Option<i32>> = values
                .iter()
                .map(|v| none_or(v).map(|x| x.extract()).transpose())
                .collect::<PyResult<_>>()?;
            Arc::new(IntervalYearMonthArray::from(v))
        }
        SparkType::CalendarInterval => {
            return Err(type_error(
                "CalendarIntervalType values cannot be created from Python",
            ))
        }
        SparkType::Array(elem, contains_null) => {
            let mut children = vec![];
            let mut offsets = vec![0i32];
            for v in values {
                if let Some(v) = none_or(v) {
                    for item in v.try_iter()? {
                        children.push(item?);
                    }
                }
                offsets.push(children.len() as i32);
            }
            let child = build_array(py, &children, elem)?;
            let field = Arc::new(Field::new("element", elem.to_arrow(), *contains_null));
            Arc::new(
                ListArray::try_new(
                    field,
                    OffsetBuffer::new(offsets.into()),
                    child,
                    nulls_of(values),
                )
                .map_err(|e| type_error(e.to_string()))?,
            )
        }
        SparkType::Map(k, val, value_null) => {
            let mut keys = vec![];
            let mut vals = vec![];
            let mut offsets = vec![0i32];
            for v in values {
                if let Some(v) = none_or(v) {
                    let d = v
                        .cast::<PyDict>()
                        .map_err(|_| type_error("map values must be dicts"))?;
                    for (key, value) in d.iter() {
                        keys.push(key);
                        vals.push(value);
                    }
                }
                offsets.push(keys.len() as i32);
            }
            let karr = build_array(py, &keys, k)?;
            let varr = build_array(py, &vals, val)?;
            let entries = StructArray::try_new(
                Fields::from(vec![
                    Field::new("key", k.to_arrow(), false),
                    Field::new("value", val.to_arrow(), *value_null),
                ]),
                vec![karr, varr],
                None,
            )
            .map_err(|e| type_error(e.to_string()))?;
            let field = Arc::new(Field::new("entries", entries.data_type().clone(), false));
            Arc::new(
                MapArray::try_new(
                    field,
                    OffsetBuffer::new(offsets.into()),
                    entries,
                    nulls_of(values),
                    false,
                )
                .map_err(|e| type_error(e.to_string()))?,
            )
        }
        SparkType::Struct(fields) => build_struct(py, values, fields)?,
        SparkType::Variant => {
            // (metadata, value) byte pairs, as `VariantType.toInternal` gives them
            let fields = [
                StructField::new("metadata", SparkType::Binary, false),
                StructField::new("value", SparkType::Binary, false),
            ];
            let pairs = build_struct(py, values, &fields)?;
            datafusion::arrow::compute::cast(&pairs, &t.to_arrow())
                .map_err(|e| type_error(e.to_string()))?
        }
    })
}

fn build_struct(
    py: Python<'_>,
    values: &[Bound<'_, PyAny>],
    fields: &[StructField],
) -> PyResult<ArrayRef> {
    let mut columns: Vec<Vec<Bound<'_, PyAny>>> =
        vec![Vec::with_capacity(values.len()); fields.len()];
    for v in values {
        match none_or(v) {
            None => {
                for c in columns.iter_mut() {
                    c.push(py.None().into_bound(py));
                }
            }
            Some(v) => {
                let t = v
                    .cast::<PyTuple>()
                    .map_err(|_| type_error("struct values must be tuples"))?;
                if t.len() != fields.len() {
                    return Err(type_error(format!(
                        "struct value has {} fields, the schema {}",
                        t.len(),
                        fields.len()
                    )));
                }
                for (j, c) in columns.iter_mut().enumerate() {
                    c.push(t.get_item(j)?);
                }
            }
        }
    }
    let arrays = columns
        .iter()
        .zip(fields)
        .map(|(c, f)| build_array(py, c, &f.data_type))
        .collect::<PyResult<Vec<_>>>()?;
    let arrow_fields = Fields::from(fields.iter().map(StructField::to_arrow).collect::<Vec<_>>());
    if fields.is_empty() {
        return Ok(Arc::new(StructArray::new_empty_fields(
            values.len(),
            nulls_of(values),
        )));
    }
    Ok(Arc::new(
        StructArray::try_new(arrow_fields, arrays, nulls_of(values))
            .map_err(|e| type_error(e.to_string()))?,
    ))
}

/// Rows of internal values (tuples) → one record batch with `schema`.
pub fn rows_to_batch(
    py: Python<'_>,
    rows: &Bound<'_, PyList>,
    schema: &SparkType,
) -> PyResult<(Arc<Schema>, RecordBatch)> {
    let SparkType::Struct(fields) = schema else {
        return Err(type_error("schema must be a struct type"));
    };
    let values: Vec<Bound<'_, PyAny>> = rows.iter().collect();
    let arrow_schema = Arc::new(Schema::new(
        fields.iter().map(StructField::to_arrow).collect::<Vec<_>>(),
    ));
    let arr = build_struct(py, &values, fields)?;
    let columns = arr.as_struct().columns().to_vec();
    let batch = RecordBatch::try_new_with_options(
        Arc::clone(&arrow_schema),
        columns,
        &datafusion::arrow::array::RecordBatchOptions::new().with_row_count(Some(values.len())),
    )
    .map_err(|e| type_error(e.to_string()))?;
    Ok((arrow_schema, batch))
}

// ---- Arrow → Python ------------------------------------------------------

/// One column as internal Python values.
pub fn column_to_py<'py>(py: Python<'py>, a: &dyn Array) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let n = a.len();
    let none = || py.None().into_bound(py);
    macro_rules! each {
        ($arr:expr, |$v:ident| $conv:expr) => {{
            let arr = $arr;
            (0..n)
                .map(|i| {
                    if arr.is_null(i) {
                        Ok(none())
                    } else {
                        let $v = arr.value(i);
                        Ok($conv.into_pyobject(py)?.into_any())
                    }
                })
                .collect::<PyResult<Vec<_>>>()?
        }};
    }
    Ok(match a.data_type() {
        DataType::Null => (0..n).map(|_| none()).collect(),
        DataType::Boolean => each!(a.as_boolean(), |v| pyo3::types::PyBool::new(py, v)
            .to_owned()),
        DataType::Int8 => each!(a.as_primitive::<Int8Type>(), |v| v),
        DataType::Int16 => each!(a.as_primitive::<Int16Type>(), |v| v),
        DataType::Int32 => each!(a.as_primitive::<Int32Type>(), |v| v),
        DataType::Int64 => each!(a.as_primitive::<Int64Type>(), |v| v),
        DataType::UInt8 => each!(a.as_primitive::<UInt8Type>(), |v| v),
        DataType::UInt16 => each!(a.as_primitive::<UInt16Type>(), |v| v),
        DataType::UInt32 => each!(a.as_primitive::<UInt32Type>(), |v| v),
        DataType::UInt64 => each!(a.as_primitive::<UInt64Type>(), |v| v),
        DataType::Float16 => each!(a.as_primitive::<Float16Type>(), |v| f32::from(v)),
        DataType::Float32 => each!(a.as_primitive::<Float32Type>(), |v| v as f64),
        DataType::Float64 => each!(a.as_primitive::<Float64Type>(), |v| v),
        DataType::Utf8 => each!(a.as_string::<i32>(), |v| v),
        DataType::LargeUtf8 => each!(a.as_string::<i64>(), |v| v),
        DataType::Utf8View => each!(a.as_string_view(), |v| v),
        DataType::Binary => each!(a.as_binary::<i32>(), |v| PyBytes::new(py, v)),
        DataType::LargeBinary => each!(a.as_binary::<i64>(), |v| PyBytes::new(py, v)),
        DataType::BinaryView => each!(a.as_binary_view(), |v| PyBytes::new(py, v)),
        DataType::Decimal128(_, s) => {
            let s = *s;
            each!(a.as_primitive::<Decimal128Type>(), |v| decimal_string(v, s))
        }
        DataType::Date32 => each!(a.as_primitive::<Date32Type>(), |v| v),
        DataType::Date64 => each!(a.as_primitive::<Date64Type>(), |v| v.div_euclid(86_400_000)),
        DataType::Timestamp(TimeUnit::Microsecond, _) => {
            each!(a.as_primitive::<TimestampMicrosecondType>(), |v| v)
        }
        DataType::Timestamp(_, tz) => {
            let cast = datafusion::arrow::compute::cast(
                a,
                &DataType::Timestamp(TimeUnit::Microsecond, tz.clone()),
            )
            .map_err(|e| type_error(e.to_string()))?;
            return column_to_py(py, cast.as_ref());
        }
        DataType::Time64(TimeUnit::Microsecond) => {
            each!(a.as_primitive::<Time64MicrosecondType>(), |v| v)
        }
        DataType::Duration(TimeUnit::Microsecond) => {
            each!(a.as_primitive::<DurationMicrosecondType>(), |v| v)
        }
        DataType::Interval(IntervalUnit::YearMonth) => {
            each!(a.as_primitive::<IntervalYearMonthType>(), |v| v)
        }
        DataType::List(_) | DataType::LargeList(_) => {
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                if a.is_null(i) {
                    out.push(none());
                    continue;
                }
                let child = match a.data_type() {
                    DataType::List(_) => a.as_list::<i32>().value(i),
                    _ => a.as_list::<i64>().value(i),
                };
                let items = column_to_py(py, child.as_ref())?;
                out.push(PyList::new(py, items)?.into_any());
            }
            out
        }
        DataType::Map(_, _) => {
            let m = a.as_map();
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                if a.is_null(i) {
                    out.push(none());
                    continue;
                }
                let entries = m.value(i);
                let keys = column_to_py(py, entries.column(0).as_ref())?;
                let vals = column_to_py(py, entries.column(1).as_ref())?;
                let pairs = keys
                    .into_iter()
                    .zip(vals)
                    .map(|(k, v)| PyTuple::new(py, [k, v]))
                    .collect::<PyResult<Vec<_>>>()?;
                out.push(PyList::new(py, pairs)?.into_any());
            }
            out
        }
        DataType::Struct(_) => {
            let s = a.as_struct();
            let cols = s
                .columns()
                .iter()
                .map(|c| column_to_py(py, c.as_ref()))
                .collect::<PyResult<Vec<_>>>()?;
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                if a.is_null(i) {
                    out.push(none());
                } else {
                    out.push(PyTuple::new(py, cols.iter().map(|c| c[i].clone()))?.into_any());
                }
            }
            out
        }
        DataType::Dictionary(_, _) | DataType::RunEndEncoded(_, _) | DataType::ListView(_) => {
            let target = SparkType::from_arrow(a.data_type())
                .map_err(super::error::to_py_err)?
                .to_arrow();
            let cast = datafusion::arrow::compute::cast(a, &target)
                .map_err(|e| type_error(e.to_string()))?;
            return column_to_py(py, cast.as_ref());
        }
        other => {
            return Err(type_error(format!(
                "cannot convert Arrow type {other} to Python"
            )))
        }
    })
}

/// Batches → a list of row tuples of internal values.
pub fn batches_to_rows<'py>(
    py: Python<'py>,
    batches: &[RecordBatch],
) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for b in batches {
        let cols = b
            .columns()
            .iter()
            .map(|c| column_to_py(py, c.as_ref()))
            .collect::<PyResult<Vec<_>>>()?;
        for i in 0..b.num_rows() {
            out.append(PyTuple::new(py, cols.iter().map(|c| c[i].clone()))?)?;
        }
    }
    Ok(out)
}

/// Casts Arrow data from outside (pyarrow, pandas) to the types Spark uses.
pub fn sparkify(
    batches: Vec<RecordBatch>,
    schema: &Schema,
) -> crate::error::Result<(Arc<Schema>, Vec<RecordBatch>)> {
    let mut fields = vec![];
    for f in schema.fields() {
        let t = SparkType::from_arrow(f.data_type())?.to_arrow();
        fields.push(Field::new(f.name(), t, f.is_nullable()));
    }
    let target = Arc::new(Schema::new(fields));
    let mut out = vec![];
    for b in batches {
        let cols = b
            .columns()
            .iter()
            .zip(target.fields())
            .map(|(c, f)| {
                if c.data_type() == f.data_type() {
                    Ok(Arc::clone(c))
                } else {
                    datafusion::arrow::compute::cast(c, f.data_type())
                }
            })
            .collect::<std::result::Result<Vec<_>, _>>()?;
        out.push(RecordBatch::try_new(Arc::clone(&target), cols)?);
    }
    Ok((target, out))
}

/// A variant's JSON text (`VariantVal.toJson`).
#[pyfunction]
pub fn variant_to_json(value: &[u8], metadata: &[u8]) -> PyResult<String> {
    crate::functions::variant::json_of(metadata, value)
        .ok_or_else(|| type_error("malformed variant bytes"))
}

/// JSON text as variant `(value, metadata)` bytes (`VariantVal.parseJson`).
#[pyfunction]
pub fn variant_from_json(text: &str) -> PyResult<(Vec<u8>, Vec<u8>)> {
    crate::functions::variant::encode_json(text)
        .map(|(m, v)| (v, m))
        .ok_or_else(|| type_error("malformed JSON text"))
}
