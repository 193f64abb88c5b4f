//! The schema Spark finds for variant values (`schema_of_variant`,
//! `schema_of_variant_agg`): integers are BIGINT, decimals keep their own
//! precision, objects list their fields by name, and types that do not
//! merge become VARIANT.

use std::collections::BTreeMap;

use parquet_variant::Variant;

use super::variant_value::Node;

#[derive(Debug, Clone, PartialEq)]
pub enum Schema {
    Void,
    Boolean,
    Long,
    Decimal(u8, u8),
    Float,
    Double,
    String,
    Binary,
    Date,
    Timestamp,
    TimestampNtz,
    Time,
    Uuid,
    Variant,
    Array(Box<Schema>),
    Object(BTreeMap<String, Schema>),
}

fn decimal(unscaled: i128, scale: u8) -> Schema {
    let digits = unscaled.unsigned_abs().to_string().len() as u8;
    Schema::Decimal(digits.max(scale), scale)
}

/// The schema of one value.
pub fn of(n: &Node) -> Schema {
    match n {
        Node::Array(items) => Schema::Array(Box::new(
            items
                .iter()
                .map(of)
                .fold(Schema::Void, |a, b| merge(&a, &b)),
        )),
        Node::Object(fields) => {
            Schema::Object(fields.iter().map(|(k, v)| (k.clone(), of(v))).collect())
        }
        Node::Leaf(_) => match n.primitive() {
            None | Some(Variant::Null) => Schema::Void,
            Some(Variant::BooleanTrue | Variant::BooleanFalse) => Schema::Boolean,
            Some(Variant::Int8(_) | Variant::Int16(_) | Variant::Int32(_) | Variant::Int64(_)) => {
                Schema::Long
            }
            Some(Variant::Decimal4(d)) => decimal(d.integer() as i128, d.scale()),
            Some(Variant::Decimal8(d)) => decimal(d.integer() as i128, d.scale()),
            Some(Variant::Decimal16(d)) => decimal(d.integer(), d.scale()),
            Some(Variant::Float(_)) => Schema::Float,
            Some(Variant::Double(_)) => Schema::Double,
            Some(Variant::String(_) | Variant::ShortString(_)) => Schema::String,
            Some(Variant::Binary(_)) => Schema::Binary,
            Some(Variant::Date(_)) => Schema::Date,
            Some(Variant::TimestampMicros(_) | Variant::TimestampNanos(_)) => Schema::Timestamp,
            Some(Variant::TimestampNtzMicros(_) | Variant::TimestampNtzNanos(_)) => {
                Schema::TimestampNtz
            }
            Some(Variant::Time(_)) => Schema::Time,
            Some(Variant::Uuid(_)) => Schema::Uuid,
            Some(Variant::Object(_) | Variant::List(_)) => Schema::Variant,
        },
    }
}

fn as_decimal(s: &Schema) -> Option<(u8, u8)> {
    match s {
        Schema::Long => Some((20, 0)),
        Schema::Decimal(p, s) => Some((*p, *s)),
        _ => None,
    }
}

/// The schema that holds values of both.
pub fn merge(a: &Schema, b: &Schema) -> Schema {
    use Schema as S;
    match (a, b) {
        (S::Void, x) | (x, S::Void) => x.clone(),
        (x, y) if x == y => x.clone(),
        (S::Array(x), S::Array(y)) => S::Array(Box::new(merge(x, y))),
        (S::Object(x), S::Object(y)) => {
            let mut out = x.clone();
            for (k, v) in y {
                let m = match out.get(k) {
                    Some(e) => merge(e, v),
                    None => v.clone(),
                };
                out.insert(k.clone(), m);
            }
            S::Object(out)
        }
        (S::Float | S::Double, S::Float | S::Double) => S::Double,
        (S::Float | S::Double, y) | (y, S::Float | S::Double) if as_decimal(y).is_some() => {
            S::Double
        }
        _ => match (as_decimal(a), as_decimal(b)) {
            (Some((p1, s1)), Some((p2, s2))) => {
                let scale = s1.max(s2);
                let range = (p1 - s1).max(p2 - s2);
                if range as u16 + scale as u16 > 38 {
                    S::Double
                } else {
                    S::Decimal(range + scale, scale)
                }
            }
            _ => S::Variant,
        },
    }
}

impl Schema {
    /// Spark's text of the schema (`OBJECT<a: BIGINT, b: ARRAY<STRING>>`).
    pub fn sql(&self) -> String {
        match self {
            Schema::Void => "VOID".into(),
            Schema::Boolean => "BOOLEAN".into(),
            Schema::Long => "BIGINT".into(),
            Schema::Decimal(p, s) => format!("DECIMAL({p},{s})"),
            Schema::Float => "FLOAT".into(),
            Schema::Double => "DOUBLE".into(),
            Schema::String => "STRING".into(),
            Schema::Binary => "BINARY".into(),
            Schema::Date => "DATE".into(),
            Schema::Timestamp => "TIMESTAMP".into(),
            Schema::TimestampNtz => "TIMESTAMP_NTZ".into(),
            Schema::Time => "TIME(6)".into(),
            Schema::Uuid => "UUID".into(),
            Schema::Variant => "VARIANT".into(),
            Schema::Array(e) => format!("ARRAY<{}>", e.sql()),
            Schema::Object(f) => format!(
                "OBJECT<{}>",
                f.iter()
                    .map(|(k, v)| format!("{k}: {}", v.sql()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

impl Schema {
    /// The schema as JSON (the state of `schema_of_variant_agg`).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::{json, Value};
        match self {
            Schema::Decimal(p, s) => json!(["decimal", p, s]),
            Schema::Array(e) => json!(["array", e.to_json()]),
            Schema::Object(f) => Value::Array(vec![
                json!("object"),
                Value::Object(f.iter().map(|(k, v)| (k.clone(), v.to_json())).collect()),
            ]),
            other => json!(other.sql()),
        }
    }

    pub fn from_json(v: &serde_json::Value) -> Option<Schema> {
        use serde_json::Value;
        Some(match v {
            Value::String(s) => match s.as_str() {
                "VOID" => Schema::Void,
                "BOOLEAN" => Schema::Boolean,
                "BIGINT" => Schema::Long,
                "FLOAT" => Schema::Float,
                "DOUBLE" => Schema::Double,
                "STRING" => Schema::String,
                "BINARY" => Schema::Binary,
                "DATE" => Schema::Date,
                "TIMESTAMP" => Schema::Timestamp,
                "TIMESTAMP_NTZ" => Schema::TimestampNtz,
                "TIME(6)" => Schema::Time,
                "UUID" => Schema::Uuid,
                _ => Schema::Variant,
            },
            Value::Array(items) => match (items.first()?.as_str()?, &items[1..]) {
                ("decimal", [p, s]) => Schema::Decimal(p.as_u64()? as u8, s.as_u64()? as u8),
                ("array", [e]) => Schema::Array(Box::new(Schema::from_json(e)?)),
                ("object", [Value::Object(f)]) => Schema::Object(
                    f.iter()
                        .map(|(k, v)| Some((k.clone(), Schema::from_json(v)?)))
                        .collect::<Option<_>>()?,
                ),
                _ => return None,
            },
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(j: &str) -> String {
        of(&Node::parse_json(j).unwrap()).sql()
    }

    #[test]
    fn schemas_as_spark_finds_them() {
        assert_eq!(
            s(r#"{"a":[1,2.5],"b":null,"c":"x","d":true,"e":12345678901}"#),
            "OBJECT<a: ARRAY<DECIMAL(21,1)>, b: VOID, c: STRING, d: BOOLEAN, e: BIGINT>"
        );
        assert_eq!(s("[1.25, 100.5]"), "ARRAY<DECIMAL(5,2)>");
        assert_eq!(s(r#"[[1],["x"]]"#), "ARRAY<ARRAY<VARIANT>>");
        assert_eq!(s("[1, 1.5e0]"), "ARRAY<DOUBLE>");
        assert_eq!(
            s(r#"[{"a":1},{"b":2}]"#),
            "ARRAY<OBJECT<a: BIGINT, b: BIGINT>>"
        );
        assert_eq!(s("{}"), "OBJECT<>");
        assert_eq!(s("[]"), "ARRAY<VOID>");
    }
}
