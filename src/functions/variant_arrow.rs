//! Variant values in Arrow: reading and writing the variant struct
//! (`metadata`, `value`), Arrow values as variants (`to_variant_object`,
//! the value of `variant_set`), and variants cast to Spark types
//! (`variant_get`, `CAST(v AS t)`).

use std::sync::Arc;

use chrono::{DateTime, NaiveDate};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BinaryViewBuilder, BooleanBufferBuilder, StructArray,
};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::compute::CastOptions;
use datafusion::arrow::datatypes::*;
use datafusion::common::{exec_err, Result as DFResult, ScalarValue};
use parquet_variant::Variant;

use super::variant_value::{decimal_node, int_node, sorted, Node};
use crate::types::{variant_arrow, SparkType};

/// Row `i` of a variant column (`None` for NULL or undecodable bytes).
pub fn read(a: &dyn Array, i: usize) -> Option<Node> {
    let s = a.as_struct_opt()?;
    if s.is_null(i) {
        return None;
    }
    let bytes = |c: &ArrayRef| -> Option<Vec<u8>> {
        match c.data_type() {
            DataType::BinaryView => Some(c.as_binary_view().value(i).to_vec()),
            DataType::Binary => Some(c.as_binary::<i32>().value(i).to_vec()),
            DataType::LargeBinary => Some(c.as_binary::<i64>().value(i).to_vec()),
            _ => None,
        }
    };
    let m = bytes(s.column_by_name("metadata")?)?;
    let v = bytes(s.column_by_name("value")?)?;
    Node::decode(&m, &v)
}

/// A variant column of the given rows.
pub fn write(rows: Vec<Option<Node>>) -> DFResult<ArrayRef> {
    let mut m = BinaryViewBuilder::with_capacity(rows.len());
    let mut v = BinaryViewBuilder::with_capacity(rows.len());
    let mut valid = BooleanBufferBuilder::new(rows.len());
    for r in rows {
        match r {
            Some(n) => {
                let (meta, value) = n.encode();
                m.append_value(meta);
                v.append_value(value);
                valid.append(true);
            }
            None => {
                m.append_value(b"");
                v.append_value(b"");
                valid.append(false);
            }
        }
    }
    let DataType::Struct(fields) = variant_arrow() else {
        return exec_err!("variant type is a struct");
    };
    Ok(Arc::new(StructArray::try_new(
        fields,
        vec![Arc::new(m.finish()), Arc::new(v.finish())],
        Some(NullBuffer::new(valid.finish())),
    )?))
}

/// Row `i` of any column as a variant (`None` for SQL NULL). Nested NULLs
/// become variant nulls; maps need string keys.
pub fn to_node(a: &dyn Array, i: usize) -> DFResult<Option<Node>> {
    if a.is_null(i) {
        return Ok(None);
    }
    if *a.data_type() == variant_arrow() {
        return Ok(read(a, i));
    }
    let elem = |x: &dyn Array, j: usize| -> DFResult<Node> {
        Ok(to_node(x, j)?.unwrap_or_else(Node::null))
    };
    Ok(Some(match a.data_type() {
        DataType::Null => return Ok(None),
        DataType::Boolean => Node::leaf(a.as_boolean().value(i)),
        DataType::Int8 => int_node(a.as_primitive::<Int8Type>().value(i) as i64),
        DataType::Int16 => int_node(a.as_primitive::<Int16Type>().value(i) as i64),
        DataType::Int32 => int_node(a.as_primitive::<Int32Type>().value(i) as i64),
        DataType::Int64 => int_node(a.as_primitive::<Int64Type>().value(i)),
        DataType::Float32 => Node::leaf(a.as_primitive::<Float32Type>().value(i)),
        DataType::Float64 => Node::leaf(a.as_primitive::<Float64Type>().value(i)),
        DataType::Decimal128(_, s) => {
            let x = a.as_primitive::<Decimal128Type>().value(i);
            match decimal_node(x, (*s).max(0) as u8) {
                Some(n) => n,
                None => return exec_err!("decimal out of the variant range"),
            }
        }
        DataType::Utf8 => Node::leaf(a.as_string::<i32>().value(i)),
        DataType::LargeUtf8 => Node::leaf(a.as_string::<i64>().value(i)),
        DataType::Utf8View => Node::leaf(a.as_string_view().value(i)),
        DataType::Binary => Node::leaf(a.as_binary::<i32>().value(i)),
        DataType::BinaryView => Node::leaf(a.as_binary_view().value(i)),
        DataType::Date32 => {
            let d = a.as_primitive::<Date32Type>().value(i);
            match NaiveDate::from_num_days_from_ce_opt(d + 719_163) {
                Some(d) => Node::leaf(d),
                None => return exec_err!("date out of range"),
            }
        }
        DataType::Timestamp(TimeUnit::Microsecond, tz) => {
            let us = a.as_primitive::<TimestampMicrosecondType>().value(i);
            let Some(t) = DateTime::from_timestamp_micros(us) else {
                return exec_err!("timestamp out of range");
            };
            match tz {
                Some(_) => Node::leaf(t),
                None => Node::leaf(t.naive_utc()),
            }
        }
        DataType::List(_) => {
            let l = a.as_list::<i32>().value(i);
            Node::Array((0..l.len()).map(|j| elem(&l, j)).collect::<DFResult<_>>()?)
        }
        DataType::Struct(_) => {
            let s = a.as_struct();
            Node::Object(
                s.fields()
                    .iter()
                    .zip(s.columns())
                    .map(|(f, c)| Ok((f.name().clone(), elem(c.as_ref(), i)?)))
                    .collect::<DFResult<_>>()?,
            )
        }
        DataType::Map(_, _) => {
            let e = a.as_map().value(i);
            let (k, v) = (e.column(0), e.column(1));
            let mut fields: Vec<(String, Node)> = vec![];
            for j in 0..e.len() {
                let key = match to_node(k.as_ref(), j)?.and_then(|n| match n.primitive() {
                    Some(Variant::String(s)) => Some(s.to_string()),
                    Some(Variant::ShortString(s)) => Some(s.as_str().to_string()),
                    _ => None,
                }) {
                    Some(k) => k,
                    None => return exec_err!("a variant object needs string keys"),
                };
                let value = elem(v.as_ref(), j)?;
                match fields.iter_mut().find(|(x, _)| *x == key) {
                    Some(f) => f.1 = value,
                    None => fields.push((key, value)),
                }
            }
            Node::Object(fields)
        }
        other => return exec_err!("cannot make a variant of {other}"),
    }))
}

/// A variant value cast to a Spark type: `Ok(None)` for NULL (a variant
/// null), `Err(())` when the value does not fit the type.
pub fn cast_node(n: &Node, to: &SparkType) -> Result<ScalarValue, ()> {
    let target = to.to_arrow();
    let null = || ScalarValue::try_from(&target).map_err(|_| ());
    if n.is_null() {
        return null();
    }
    match (to, n) {
        (SparkType::Variant, _) => {
            let a = write(vec![Some(n.clone())]).map_err(|_| ())?;
            ScalarValue::try_from_array(&a, 0).map_err(|_| ())
        }
        (t, _) if t.is_string() => Ok(ScalarValue::Utf8(Some(n.to_text()))),
        (SparkType::Array(e, _), Node::Array(items)) => {
            let vals = items
                .iter()
                .map(|x| cast_node(x, e))
                .collect::<Result<Vec<_>, ()>>()?;
            Ok(ScalarValue::List(ScalarValue::new_list_nullable(
                &vals,
                &e.to_arrow(),
            )))
        }
        (SparkType::Struct(fields), Node::Object(items)) => {
            let mut cols = vec![];
            for f in fields {
                let v = match items.iter().find(|(k, _)| *k == f.name) {
                    Some((_, x)) => cast_node(x, &f.data_type)?,
                    None => ScalarValue::try_from(&f.data_type.to_arrow()).map_err(|_| ())?,
                };
                cols.push(v.to_array().map_err(|_| ())?);
            }
            let DataType::Struct(arrow_fields) = target else {
                return Err(());
            };
            let s = StructArray::try_new(arrow_fields, cols, None).map_err(|_| ())?;
            Ok(ScalarValue::Struct(Arc::new(s)))
        }
        (SparkType::Map(k, v, _), Node::Object(items)) if k.is_string() => {
            let keys: Vec<ScalarValue> = sorted(items)
                .iter()
                .map(|(k, _)| ScalarValue::Utf8(Some(k.clone())))
                .collect();
            let vals = sorted(items)
                .iter()
                .map(|(_, x)| cast_node(x, v))
                .collect::<Result<Vec<_>, ()>>()?;
            let (ka, va) = (
                ScalarValue::iter_to_array(keys).map_err(|_| ())?,
                if vals.is_empty() {
                    datafusion::arrow::array::new_empty_array(&v.to_arrow())
                } else {
                    ScalarValue::iter_to_array(vals).map_err(|_| ())?
                },
            );
            let DataType::Map(entries, sorted_keys) = &target else {
                return Err(());
            };
            let DataType::Struct(kv) = entries.data_type() else {
                return Err(());
            };
            let ka = if ka.is_empty() {
                datafusion::arrow::array::new_empty_array(kv[0].data_type())
            } else {
                ka
            };
            let st = StructArray::try_new(kv.clone(), vec![ka, va], None).map_err(|_| ())?;
            let offsets = datafusion::arrow::buffer::OffsetBuffer::from_lengths([items.len()]);
            let m = datafusion::arrow::array::MapArray::try_new(
                Arc::clone(entries),
                offsets,
                st,
                None,
                *sorted_keys,
            )
            .map_err(|_| ())?;
            Ok(ScalarValue::Map(Arc::new(m)))
        }
        (_, Node::Leaf(_)) => {
            let v = n.primitive().ok_or(())?;
            if (*to == SparkType::Binary) != matches!(v, Variant::Binary(_)) {
                return Err(());
            }
            let source = primitive_scalar(&v).ok_or(())?;
            let out = source
                .cast_to_with_options(
                    &target,
                    &CastOptions {
                        safe: true,
                        ..Default::default()
                    },
                )
                .map_err(|_| ())?;
            if out.is_null() {
                Err(())
            } else {
                Ok(out)
            }
        }
        _ => Err(()),
    }
}

/// A primitive as the Arrow scalar of its Spark type.
fn primitive_scalar(v: &Variant) -> Option<ScalarValue> {
    Some(match v {
        Variant::BooleanTrue => ScalarValue::Boolean(Some(true)),
        Variant::BooleanFalse => ScalarValue::Boolean(Some(false)),
        Variant::Int8(x) => ScalarValue::Int64(Some(*x as i64)),
        Variant::Int16(x) => ScalarValue::Int64(Some(*x as i64)),
        Variant::Int32(x) => ScalarValue::Int64(Some(*x as i64)),
        Variant::Int64(x) => ScalarValue::Int64(Some(*x)),
        Variant::Float(x) => ScalarValue::Float32(Some(*x)),
        Variant::Double(x) => ScalarValue::Float64(Some(*x)),
        Variant::Decimal4(d) => {
            ScalarValue::Decimal128(Some(d.integer() as i128), 38, d.scale() as i8)
        }
        Variant::Decimal8(d) => {
            ScalarValue::Decimal128(Some(d.integer() as i128), 38, d.scale() as i8)
        }
        Variant::Decimal16(d) => ScalarValue::Decimal128(Some(d.integer()), 38, d.scale() as i8),
        Variant::String(s) => ScalarValue::Utf8(Some(s.trim().to_string())),
        Variant::ShortString(s) => ScalarValue::Utf8(Some(s.as_str().trim().to_string())),
        Variant::Binary(b) => ScalarValue::Binary(Some(b.to_vec())),
        Variant::Date(d) => ScalarValue::Date32(Some(
            (d.signed_duration_since(NaiveDate::default())).num_days() as i32,
        )),
        Variant::TimestampMicros(t) => {
            ScalarValue::TimestampMicrosecond(Some(t.timestamp_micros()), Some("UTC".into()))
        }
        Variant::TimestampNtzMicros(t) => {
            ScalarValue::TimestampMicrosecond(Some(t.and_utc().timestamp_micros()), None)
        }
        _ => return None,
    })
}
