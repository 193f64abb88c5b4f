//! Spark's column metadata (`col.alias(name, metadata={...})`,
//! `df.withMetadata`): a JSON object kept in the Arrow field's metadata
//! under one key, so it travels with the column through later plans.

use std::collections::HashMap;

use datafusion::logical_expr::expr::{Alias, FieldMetadata};
use datafusion::logical_expr::Expr as DFExpr;
use serde_json::{Map, Value};

/// The Arrow metadata key holding a column's Spark metadata (JSON).
pub const KEY: &str = "spark.metadata";

/// The alias name that marks an expression carrying metadata until it is
/// projected under its internal name.
const CARRIER: &str = "__with_spark_metadata";

/// `expr`, carrying the Spark metadata `json` to its projected column.
pub fn carry(expr: DFExpr, json: &str) -> DFExpr {
    let metadata = FieldMetadata::from(HashMap::from([(KEY.to_string(), json.to_string())]));
    DFExpr::Alias(Alias::new(expr, None::<&str>, CARRIER).with_metadata(Some(metadata)))
}

/// `expr AS name`, with the metadata it carries.
pub fn alias(expr: DFExpr, name: &str) -> DFExpr {
    match expr {
        DFExpr::Alias(a) if a.name == CARRIER => a.expr.alias_with_metadata(name, a.metadata),
        other => other.alias(name),
    }
}

/// A column's Spark metadata from its Arrow field's: the JSON object, and a
/// `comment` kept on its own.
pub fn spark_metadata(arrow: &HashMap<String, String>) -> Map<String, Value> {
    let mut out = arrow
        .get(KEY)
        .and_then(|j| serde_json::from_str::<Value>(j).ok())
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default();
    if let Some(c) = arrow.get("comment") {
        out.entry("comment")
            .or_insert_with(|| Value::String(c.clone()));
    }
    out
}
