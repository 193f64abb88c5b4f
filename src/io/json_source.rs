//! `spark.read.json`: JSON Lines (or one document per file with
//! `multiLine`), with Spark's schema inference: fields sorted by name,
//! integers as bigint, other numbers as double, conflicts as string.

use std::collections::BTreeMap;
use std::sync::Arc;

use datafusion::arrow::datatypes::{Schema, SchemaRef};
use serde_json::Value;

use crate::error::{ErrorKind, Result, SparkError};
use crate::io::files::{self, Listing};
use crate::io::options::Options;
use crate::plan::Frame;
use crate::types::{SparkType, StructField};

/// Reads JSON files as a frame.
pub fn read(
    paths: &[String],
    schema: Option<Vec<StructField>>,
    options: &Options,
) -> Result<Frame> {
    let multi_line = options.bool_of("multiLine", false)?;
    let listing = files::list(paths)?;
    let mut docs: Vec<Vec<Value>> = vec![];
    for (_, group) in &listing.groups {
        let mut rows = vec![];
        for f in group {
            read_values(f, multi_line, &mut rows)?;
        }
        docs.push(rows);
    }
    let fields = match schema {
        Some(fields) => fields
            .into_iter()
            .filter(|f| !is_partition(&listing, &f.name))
            .collect(),
        None => {
            let mut ty = Inferred::Null;
            for v in docs.iter().flatten() {
                ty = ty.merge(Inferred::of(v));
            }
            match ty {
                Inferred::Struct(fields) => fields
                    .into_iter()
                    .map(|(name, t)| StructField::new(name, t.spark_type(), true))
                    .collect(),
                _ if docs.iter().all(Vec::is_empty) => {
                    return Err(crate::io::csv::unable_to_infer("JSON"))
                }
                _ => vec![],
            }
        }
    };
    let schema: SchemaRef = Arc::new(Schema::new(
        fields.iter().map(|f| f.to_arrow()).collect::<Vec<_>>(),
    ));
    let mut names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
    names.extend(listing.partitions.iter().map(|(n, _)| n.clone()));
    let mut groups = vec![];
    for rows in &docs {
        let objects: Vec<&Value> = rows.iter().filter(|v| v.is_object()).collect();
        let mut decoder = datafusion::arrow::json::ReaderBuilder::new(Arc::clone(&schema))
            .with_coerce_primitive(true)
            .build_decoder()?;
        decoder.serialize(&objects)?;
        groups.push(decoder.flush()?.into_iter().collect());
    }
    files::in_memory(&listing, schema, groups, names)
}

fn is_partition(listing: &Listing, name: &str) -> bool {
    listing
        .partitions
        .iter()
        .any(|(p, _)| p.eq_ignore_ascii_case(name))
}

fn read_values(path: &std::path::Path, multi_line: bool, out: &mut Vec<Value>) -> Result<()> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        SparkError::plain(
            ErrorKind::SparkRuntime,
            format!("reading {}: {e}", path.display()),
        )
    })?;
    if multi_line {
        match serde_json::from_str::<Value>(&text).map_err(|e| malformed(path, e))? {
            Value::Array(items) => out.extend(items),
            v => out.push(v),
        }
        return Ok(());
    }
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(line).map_err(|e| malformed(path, e))?);
    }
    Ok(())
}

fn malformed(path: &std::path::Path, e: serde_json::Error) -> SparkError {
    SparkError::new(
        ErrorKind::SparkRuntime,
        "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
        "22023",
        format!(
            "Malformed records are detected in record parsing: {}: {e}.",
            path.display()
        ),
        &[],
    )
}

/// The type Spark's JSON inference gives a value.
#[derive(Debug, Clone, PartialEq)]
enum Inferred {
    Null,
    Boolean,
    Long,
    Double,
    String,
    Array(Box<Inferred>),
    Struct(BTreeMap<String, Inferred>),
}

impl Inferred {
    fn of(v: &Value) -> Inferred {
        match v {
            Value::Null => Inferred::Null,
            Value::Bool(_) => Inferred::Boolean,
            Value::Number(n) if n.is_i64() => Inferred::Long,
            Value::Number(_) => Inferred::Double,
            Value::String(_) => Inferred::String,
            Value::Array(items) => Inferred::Array(Box::new(
                items
                    .iter()
                    .fold(Inferred::Null, |t, v| t.merge(Inferred::of(v))),
            )),
            Value::Object(map) => Inferred::Struct(
                map.iter()
                    .map(|(k, v)| (k.clone(), Inferred::of(v)))
                    .collect(),
            ),
        }
    }

    fn merge(self, other: Inferred) -> Inferred {
        use Inferred::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Null, b) => b,
            (a, Null) => a,
            (Long, Double) | (Double, Long) => Double,
            (Array(a), Array(b)) => Array(Box::new(a.merge(*b))),
            (Struct(mut a), Struct(b)) => {
                for (k, t) in b {
                    let merged = match a.remove(&k) {
                        Some(old) => old.merge(t),
                        None => t,
                    };
                    a.insert(k, merged);
                }
                Struct(a)
            }
            _ => String,
        }
    }

    fn spark_type(self) -> SparkType {
        match self {
            Inferred::Null | Inferred::String => SparkType::String,
            Inferred::Boolean => SparkType::Boolean,
            Inferred::Long => SparkType::Long,
            Inferred::Double => SparkType::Double,
            Inferred::Array(t) => SparkType::Array(Box::new(t.spark_type()), true),
            Inferred::Struct(fields) => SparkType::Struct(
                fields
                    .into_iter()
                    .map(|(k, t)| StructField::new(k, t.spark_type(), true))
                    .collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infers_as_spark() {
        let a: Value = serde_json::from_str(r#"{"z": 1, "a": "x", "s": {"y": 1.5}}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"z": 2.5, "a": 3, "n": null}"#).unwrap();
        let t = Inferred::of(&a).merge(Inferred::of(&b)).spark_type();
        assert_eq!(
            t.simple_string(),
            "struct<a:string,n:string,s:struct<y:double>,z:double>"
        );
    }
}
