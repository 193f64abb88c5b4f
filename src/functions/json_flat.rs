//! `from_json` for flat schemas (integers, floating point, booleans and
//! strings): one pass over each text that keeps only the schema's fields,
//! with the rules of Spark's permissive JSON parser for each type.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use datafusion::arrow::array::{
    ArrayRef, BooleanArray, Float64Array, Int64Array, StringBuilder, StructArray,
};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Fields};
use datafusion::common::Result as DFResult;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// What a field's JSON value becomes.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// An integer type and its range.
    Int(i64, i64),
    /// TINYINT: Jackson reads -128 to 255 and wraps 128 to 255 around.
    Byte,
    Float,
    Bool,
    Str,
}

fn kind(t: &DataType) -> Option<Kind> {
    Some(match t {
        DataType::Int8 => Kind::Byte,
        DataType::Int16 => Kind::Int(i16::MIN.into(), i16::MAX.into()),
        DataType::Int32 => Kind::Int(i32::MIN.into(), i32::MAX.into()),
        DataType::Int64 => Kind::Int(i64::MIN, i64::MAX),
        DataType::Float32 | DataType::Float64 => Kind::Float,
        DataType::Boolean => Kind::Bool,
        DataType::Utf8 => Kind::Str,
        _ => return None,
    })
}

/// One field's value in one row; None is NULL.
#[derive(Clone)]
enum Cell {
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(String),
}

/// The struct column of `from_json` over `texts`, or None when the schema
/// is not flat (the caller decodes it another way).
pub(super) fn from_json_flat<'a>(
    texts: impl Iterator<Item = Option<&'a str>>,
    fields: &Fields,
) -> Option<DFResult<ArrayRef>> {
    let kinds = fields
        .iter()
        .map(|f| kind(f.data_type()))
        .collect::<Option<Vec<_>>>()?;
    let index = fields
        .iter()
        .enumerate()
        .map(|(i, f)| (f.name().as_str(), i))
        .collect::<HashMap<_, _>>();
    let mut columns: Vec<Vec<Option<Cell>>> = vec![vec![]; kinds.len()];
    let mut valid = vec![];
    let mut row = vec![None; kinds.len()];
    for text in texts {
        row.iter_mut().for_each(|c| *c = None);
        let text = text.map(str::trim).filter(|t| !t.is_empty());
        valid.push(text.is_some());
        if let Some(text) = text {
            let mut de = serde_json::Deserializer::from_str(text);
            let seed = RowSeed {
                index: &index,
                kinds: &kinds,
                row: &mut row,
            };
            // Text after the first value is ignored; a text that is not an
            // object, or is malformed, leaves every field NULL.
            if seed.deserialize(&mut de).is_err() {
                row.iter_mut().for_each(|c| *c = None);
            }
        }
        for (column, cell) in columns.iter_mut().zip(row.iter_mut()) {
            column.push(cell.take());
        }
    }
    Some(build(fields, &kinds, columns, valid))
}

fn build(
    fields: &Fields,
    kinds: &[Kind],
    columns: Vec<Vec<Option<Cell>>>,
    valid: Vec<bool>,
) -> DFResult<ArrayRef> {
    let arrays = fields
        .iter()
        .zip(kinds)
        .zip(columns)
        .map(|((f, k), cells)| -> DFResult<ArrayRef> {
            let array: ArrayRef = match k {
                Kind::Int(..) | Kind::Byte => Arc::new(
                    cells
                        .into_iter()
                        .map(|c| match c {
                            Some(Cell::Int(v)) => Some(v),
                            _ => None,
                        })
                        .collect::<Int64Array>(),
                ),
                Kind::Float => Arc::new(
                    cells
                        .into_iter()
                        .map(|c| match c {
                            Some(Cell::Float(v)) => Some(v),
                            _ => None,
                        })
                        .collect::<Float64Array>(),
                ),
                Kind::Bool => Arc::new(
                    cells
                        .into_iter()
                        .map(|c| match c {
                            Some(Cell::Bool(v)) => Some(v),
                            _ => None,
                        })
                        .collect::<BooleanArray>(),
                ),
                Kind::Str => {
                    let mut b = StringBuilder::with_capacity(cells.len(), cells.len() * 8);
                    for c in cells {
                        match c {
                            Some(Cell::Str(v)) => b.append_value(v),
                            _ => b.append_null(),
                        }
                    }
                    Arc::new(b.finish()) as ArrayRef
                }
            };
            Ok(cast(&array, f.data_type())?)
        })
        .collect::<DFResult<Vec<_>>>()?;
    Ok(Arc::new(StructArray::try_new(
        fields.clone(),
        arrays,
        Some(NullBuffer::from(valid)),
    )?))
}

/// Reads one JSON object into `row`, skipping the keys not in the schema.
struct RowSeed<'s> {
    index: &'s HashMap<&'s str, usize>,
    kinds: &'s [Kind],
    row: &'s mut [Option<Cell>],
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match self.index.get(key.as_ref()) {
                Some(&i) => self.row[i] = map.next_value_seed(CellSeed(self.kinds[i]))?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// One value as a field of the given kind: None when it does not fit.
struct CellSeed(Kind);

impl<'de> DeserializeSeed<'de> for CellSeed {
    type Value = Option<Cell>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<Cell>, D::Error> {
        if self.0 == Kind::Str {
            // A string field takes any value; a non-string as its JSON text.
            return Ok(match <Value as serde::Deserialize>::deserialize(d)? {
                Value::Null => None,
                Value::String(s) => Some(Cell::Str(s)),
                other => Some(Cell::Str(other.to_string())),
            });
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CellSeed {
    type Value = Option<Cell>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<Cell>, E> {
        Ok(None)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<Cell>, E> {
        Ok((self.0 == Kind::Bool).then_some(Cell::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<Cell>, E> {
        Ok(match self.0 {
            Kind::Int(lo, hi) if (lo..=hi).contains(&v) => Some(Cell::Int(v)),
            Kind::Byte if (-128..=255).contains(&v) => Some(Cell::Int(v as u8 as i8 as i64)),
            Kind::Float => Some(Cell::Float(v as f64)),
            _ => None,
        })
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<Cell>, E> {
        match i64::try_from(v) {
            Ok(v) => self.visit_i64(v),
            Err(_) => Ok((self.0 == Kind::Float).then_some(Cell::Float(v as f64))),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<Cell>, E> {
        Ok((self.0 == Kind::Float).then_some(Cell::Float(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<Cell>, E> {
        // Spark reads these quoted names as floating-point values.
        let special = match v {
            "NaN" => Some(f64::NAN),
            "Infinity" | "+Infinity" | "INF" | "+INF" => Some(f64::INFINITY),
            "-Infinity" | "-INF" => Some(f64::NEG_INFINITY),
            _ => None,
        };
        Ok(match (self.0, special) {
            (Kind::Float, Some(x)) => Some(Cell::Float(x)),
            _ => None,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Cell>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Cell>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::Array;
    use datafusion::arrow::datatypes::Field;
    use datafusion::arrow::util::display::array_value_to_string;

    fn run(texts: &[Option<&str>]) -> Vec<String> {
        let fields = Fields::from(vec![
            Field::new("a", DataType::Int32, true),
            Field::new("b", DataType::Utf8, true),
            Field::new("c", DataType::Float64, true),
        ]);
        let out = from_json_flat(texts.iter().copied(), &fields)
            .unwrap()
            .unwrap();
        (0..out.len())
            .map(|i| {
                if out.is_null(i) {
                    "NULL".to_string()
                } else {
                    array_value_to_string(&out, i).unwrap()
                }
            })
            .collect()
    }

    #[test]
    fn reads_as_sparks_permissive_parser() {
        let got = run(&[
            Some(r#"{"a": 1, "b": "x", "c": 2}"#),
            None,
            Some("   "),
            Some("[1]"),
            Some(r#"{"a": 1"#),
            Some(r#"{"a": "7", "b": 5}"#),
            Some(r#"{"a": 1.5, "b": {"x":1}, "c": "NaN"}"#),
            Some(r#"{"a": 1} {"a": 2}"#),
            Some(r#"{"a": 3000000000, "a": 4, "d": [1, {"e": 2}]}"#),
        ]);
        assert_eq!(
            got,
            vec![
                "{a: 1, b: x, c: 2.0}",
                "NULL",
                "NULL",
                "{a: , b: , c: }",
                "{a: , b: , c: }",
                "{a: , b: 5, c: }",
                "{a: , b: {\"x\":1}, c: NaN}",
                "{a: 1, b: , c: }",
                "{a: 4, b: , c: }",
            ]
        );
    }
}
