//! Spark's analysed plans on top of DataFusion's `LogicalPlan`.
//!
//! A [`Frame`] is a DataFusion plan whose output columns carry unique
//! internal names (`#17`, like Spark's expression ids), plus the Spark-facing
//! name, qualifier and lineage of every output column. That lets Spark's rules
//! hold where DataFusion's differ: duplicate output names, case-insensitive
//! lookup, `df1.id` vs `df2.id` after a join, and output names such as
//! `(a + 1)`.

pub mod aggregate;
pub mod cache;
pub mod coerce;
pub mod explain;
pub mod generate;
pub mod join;
pub mod metadata;
pub mod no_stats;
pub mod ops;
mod outer;
pub mod partition_id;
pub mod resolve;
pub mod setops;
pub mod zip;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use datafusion::common::Column;
use datafusion::logical_expr::{Expr as DFExpr, LogicalPlan};

use crate::error::{Result, SparkError};
use crate::types::{SparkType, StructField};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A fresh id, used for plan ids and internal column names.
pub fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// A fresh internal column name.
pub fn internal_name() -> String {
    format!("#{}", next_id())
}

/// One output column of a frame.
#[derive(Debug, Clone, PartialEq)]
pub struct OutField {
    /// The name Spark shows (`df.columns`).
    pub name: String,
    /// The column's name inside the DataFusion plan.
    pub internal: String,
    /// The alias set by `df.alias("t")`, which `t.col` resolves through.
    pub qualifier: Option<String>,
    /// Ids of the frames this column has been an output of, unchanged.
    pub lineage: Vec<u64>,
}

impl OutField {
    pub fn column(&self) -> DFExpr {
        DFExpr::Column(Column::new_unqualified(&self.internal))
    }
}

/// A resolved DataFrame: a DataFusion plan and its Spark-facing columns.
#[derive(Debug, Clone)]
pub struct Frame {
    pub id: u64,
    pub plan: Arc<LogicalPlan>,
    pub fields: Arc<Vec<OutField>>,
}

impl Frame {
    /// Wraps a plan whose output columns are already internal names.
    pub fn new(plan: LogicalPlan, names: Vec<String>, lineage: &[u64]) -> Frame {
        let id = next_id();
        let fields = plan
            .schema()
            .fields()
            .iter()
            .zip(names)
            .map(|(f, name)| OutField {
                name,
                internal: f.name().clone(),
                qualifier: None,
                lineage: lineage.iter().copied().chain([id]).collect(),
            })
            .collect();
        Frame {
            id,
            plan: Arc::new(plan),
            fields: Arc::new(fields),
        }
    }

    /// A new frame over `plan` with explicit output fields.
    pub fn with_fields(plan: LogicalPlan, mut fields: Vec<OutField>) -> Frame {
        let id = next_id();
        for f in &mut fields {
            f.lineage.push(id);
        }
        Frame {
            id,
            plan: Arc::new(plan),
            fields: Arc::new(fields),
        }
    }

    pub fn names(&self) -> Vec<String> {
        self.fields.iter().map(|f| f.name.clone()).collect()
    }

    /// The Spark schema of this frame's output.
    pub fn spark_schema(&self) -> Result<SparkType> {
        let schema = self.plan.schema();
        let mut out = Vec::with_capacity(self.fields.len());
        for (f, df) in self.fields.iter().zip(schema.fields()) {
            let mut field = StructField::new(
                f.name.clone(),
                SparkType::from_arrow(df.data_type())?,
                df.is_nullable(),
            );
            field.metadata = metadata::spark_metadata(df.metadata());
            out.push(field);
        }
        Ok(SparkType::Struct(out))
    }

    /// The Arrow schema of the frame's results, with Spark's column names.
    pub fn output_schema(&self) -> datafusion::arrow::datatypes::SchemaRef {
        let schema = self.plan.schema();
        let fields: Vec<_> = self
            .fields
            .iter()
            .zip(schema.fields())
            .map(|(f, df)| df.as_ref().clone().with_name(&f.name))
            .collect();
        Arc::new(datafusion::arrow::datatypes::Schema::new(fields))
    }

    /// Finds output columns by Spark name, honouring case sensitivity.
    pub fn lookup(&self, name: &str, case_sensitive: bool) -> Vec<usize> {
        self.fields
            .iter()
            .enumerate()
            .filter(|(_, f)| names_equal(&f.name, name, case_sensitive))
            .map(|(i, _)| i)
            .collect()
    }
}

pub fn names_equal(a: &str, b: &str, case_sensitive: bool) -> bool {
    if case_sensitive {
        a == b
    } else {
        a.eq_ignore_ascii_case(b) || (a.len() != b.len() && a.to_lowercase() == b.to_lowercase())
    }
}

/// Splits a Spark attribute name into parts: `a.b`, `` `a.b`.c ``.
pub fn parse_attribute_name(name: &str) -> Result<Vec<String>> {
    let mut parts = vec![];
    let mut cur = String::new();
    let mut chars = name.chars().peekable();
    let mut in_quotes = false;
    let mut was_quoted = false;
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '`' {
                if chars.peek() == Some(&'`') {
                    chars.next();
                    cur.push('`');
                } else {
                    in_quotes = false;
                }
            } else {
                cur.push(c);
            }
        } else if c == '`' {
            in_quotes = true;
            was_quoted = true;
        } else if c == '.' {
            parts.push(std::mem::take(&mut cur));
            was_quoted = false;
        } else {
            cur.push(c);
        }
    }
    if in_quotes {
        return Err(SparkError::new(
            crate::error::ErrorKind::Analysis,
            "INVALID_ATTRIBUTE_NAME_SYNTAX",
            "42601",
            format!("Syntax error in the attribute name: {name}. Check that backticks appear in pairs, a quoted string is a complete name part and use a backtick only inside quoted name parts."),
            &[("name", name.to_string())],
        ));
    }
    let _ = was_quoted;
    parts.push(cur);
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_names_split_on_unquoted_dots() {
        assert_eq!(parse_attribute_name("a.b").unwrap(), vec!["a", "b"]);
        assert_eq!(parse_attribute_name("`a.b`.c").unwrap(), vec!["a.b", "c"]);
        assert_eq!(parse_attribute_name("x").unwrap(), vec!["x"]);
        assert!(parse_attribute_name("`a").is_err());
    }
}
