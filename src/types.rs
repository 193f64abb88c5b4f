//! The one mapping between Spark data types and Arrow data types, and Spark's
//! JSON schema format (the form schemas cross the Python boundary in).

use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, Fields, IntervalUnit, TimeUnit};
use serde_json::{json, Map, Value};

use crate::error::{Result, SparkError};

/// Time zone that timestamp (with local time zone) values are stored in.
pub const STORAGE_TZ: &str = "UTC";

#[derive(Debug, Clone, PartialEq)]
pub enum SparkType {
    Null,
    String,
    Char(u32),
    Varchar(u32),
    Binary,
    Boolean,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    Decimal(u8, i8),
    Date,
    Timestamp,
    TimestampNtz,
    Time,
    /// Day-time interval with start and end field (0 day, 1 hour, 2 minute, 3 second).
    DayTimeInterval(u8, u8),
    /// Year-month interval with start and end field (0 year, 1 month).
    YearMonthInterval(u8, u8),
    CalendarInterval,
    Array(Box<SparkType>, bool),
    Map(Box<SparkType>, Box<SparkType>, bool),
    Struct(Vec<StructField>),
    /// Semi-structured values, held as the Arrow/Parquet variant struct
    /// (`metadata` and `value` binaries, see [`variant_arrow`]).
    Variant,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StructField {
    pub name: String,
    pub data_type: SparkType,
    pub nullable: bool,
    pub metadata: Map<String, Value>,
}

const DT_FIELDS: [&str; 4] = ["day", "hour", "minute", "second"];
const YM_FIELDS: [&str; 2] = ["year", "month"];

fn interval_name(fields: &[&str], start: u8, end: u8) -> String {
    let s = fields.get(start as usize).copied().unwrap_or("day");
    let e = fields.get(end as usize).copied().unwrap_or("second");
    if start == end {
        format!("interval {s}")
    } else {
        format!("interval {s} to {e}")
    }
}

impl SparkType {
    /// Spark's `simpleString` / SQL-ish lower-case name (`bigint`, `array<int>`).
    pub fn simple_string(&self) -> String {
        match self {
            SparkType::Null => "void".into(),
            SparkType::String => "string".into(),
            SparkType::Char(n) => format!("char({n})"),
            SparkType::Varchar(n) => format!("varchar({n})"),
            SparkType::Binary => "binary".into(),
            SparkType::Boolean => "boolean".into(),
            SparkType::Byte => "tinyint".into(),
            SparkType::Short => "smallint".into(),
            SparkType::Integer => "int".into(),
            SparkType::Long => "bigint".into(),
            SparkType::Float => "float".into(),
            SparkType::Double => "double".into(),
            SparkType::Decimal(p, s) => format!("decimal({p},{s})"),
            SparkType::Date => "date".into(),
            SparkType::Timestamp => "timestamp".into(),
            SparkType::TimestampNtz => "timestamp_ntz".into(),
            SparkType::Time => "time(6)".into(),
            SparkType::DayTimeInterval(s, e) => interval_name(&DT_FIELDS, *s, *e),
            SparkType::YearMonthInterval(s, e) => interval_name(&YM_FIELDS, *s, *e),
            SparkType::CalendarInterval => "interval".into(),
            SparkType::Variant => "variant".into(),
            SparkType::Array(e, _) => format!("array<{}>", e.simple_string()),
            SparkType::Map(k, v, _) => format!("map<{},{}>", k.simple_string(), v.simple_string()),
            SparkType::Struct(fields) => format!(
                "struct<{}>",
                fields
                    .iter()
                    .map(|f| format!("{}:{}", f.name, f.data_type.simple_string()))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        }
    }

    /// The upper-case SQL name Spark prints in `CAST(x AS INT)` and in errors.
    pub fn sql_name(&self) -> String {
        match self {
            SparkType::Null => "VOID".into(),
            SparkType::Array(e, _) => format!("ARRAY<{}>", e.sql_name()),
            SparkType::Map(k, v, _) => format!("MAP<{}, {}>", k.sql_name(), v.sql_name()),
            SparkType::Struct(fields) => format!(
                "STRUCT<{}>",
                fields
                    .iter()
                    .map(|f| {
                        let nn = if f.nullable { "" } else { " NOT NULL" };
                        format!("{}: {}{nn}", f.name, f.data_type.sql_name())
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            other => other.simple_string().to_uppercase(),
        }
    }

    /// The name in Spark's JSON schema format (`long`, `integer`).
    fn json_name(&self) -> String {
        match self {
            SparkType::Byte => "byte".into(),
            SparkType::Short => "short".into(),
            SparkType::Integer => "integer".into(),
            SparkType::Long => "long".into(),
            SparkType::Null => "void".into(),
            other => other.simple_string(),
        }
    }

    pub fn to_json(&self) -> Value {
        match self {
            SparkType::Array(e, n) => {
                json!({"type": "array", "elementType": e.to_json(), "containsNull": n})
            }
            SparkType::Map(k, v, n) => json!({
                "type": "map", "keyType": k.to_json(), "valueType": v.to_json(),
                "valueContainsNull": n
            }),
            SparkType::Struct(fields) => json!({
                "type": "struct",
                "fields": fields.iter().map(|f| json!({
                    "name": f.name, "type": f.data_type.to_json(), "nullable": f.nullable,
                    "metadata": Value::Object(f.metadata.clone()),
                })).collect::<Vec<_>>()
            }),
            other => Value::String(other.json_name()),
        }
    }

    pub fn from_json(v: &Value) -> Result<SparkType> {
        match v {
            Value::String(s) => SparkType::from_name(s),
            Value::Object(o) => {
                let ty = o.get("type").and_then(Value::as_str).unwrap_or("");
                let flag = |k: &str| o.get(k).and_then(Value::as_bool).unwrap_or(true);
                let sub = |k: &str| -> Result<SparkType> {
                    SparkType::from_json(o.get(k).unwrap_or(&Value::Null))
                };
                match ty {
                    "array" => Ok(SparkType::Array(
                        Box::new(sub("elementType")?),
                        flag("containsNull"),
                    )),
                    "map" => Ok(SparkType::Map(
                        Box::new(sub("keyType")?),
                        Box::new(sub("valueType")?),
                        flag("valueContainsNull"),
                    )),
                    "struct" => {
                        let fields = o.get("fields").and_then(Value::as_array);
                        let mut out = vec![];
                        for f in fields.into_iter().flatten() {
                            let name = f.get("name").and_then(Value::as_str).unwrap_or("");
                            out.push(StructField {
                                name: name.to_string(),
                                data_type: SparkType::from_json(
                                    f.get("type").unwrap_or(&Value::Null),
                                )?,
                                nullable: f
                                    .get("nullable")
                                    .and_then(Value::as_bool)
                                    .unwrap_or(true),
                                metadata: f
                                    .get("metadata")
                                    .and_then(Value::as_object)
                                    .cloned()
                                    .unwrap_or_default(),
                            });
                        }
                        Ok(SparkType::Struct(out))
                    }
                    "udt" => SparkType::from_json(o.get("sqlType").unwrap_or(&Value::Null)),
                    other => Err(SparkError::illegal_argument(format!(
                        "Unsupported data type in schema JSON: {other}"
                    ))),
                }
            }
            other => Err(SparkError::illegal_argument(format!(
                "Unsupported data type in schema JSON: {other}"
            ))),
        }
    }

    pub fn from_json_str(s: &str) -> Result<SparkType> {
        let v: Value = serde_json::from_str(s)
            .map_err(|e| SparkError::illegal_argument(format!("invalid schema JSON: {e}")))?;
        SparkType::from_json(&v)
    }

    /// Parses an atomic type name as it appears in Spark's JSON format.
    pub fn from_name(name: &str) -> Result<SparkType> {
        if let Some(t) = SparkType::from_nested_name(name.trim())? {
            return Ok(t);
        }
        let n = name.trim().to_lowercase();
        let t = match n.as_str() {
            "void" | "null" => SparkType::Null,
            "string" => SparkType::String,
            "binary" => SparkType::Binary,
            "boolean" => SparkType::Boolean,
            "byte" | "tinyint" => SparkType::Byte,
            "short" | "smallint" => SparkType::Short,
            "integer" | "int" => SparkType::Integer,
            "long" | "bigint" => SparkType::Long,
            "float" => SparkType::Float,
            "double" => SparkType::Double,
            "decimal" => SparkType::Decimal(10, 0),
            "date" => SparkType::Date,
            "timestamp" | "timestamp_ltz" => SparkType::Timestamp,
            "timestamp_ntz" => SparkType::TimestampNtz,
            "time" => SparkType::Time,
            "interval" => SparkType::CalendarInterval,
            "variant" => SparkType::Variant,
            _ => return SparkType::from_param_name(&n),
        };
        Ok(t)
    }

    /// `array<t>`, `map<k, v>`, `struct<a: t, b t>` (field names keep their case).
    fn from_nested_name(text: &str) -> Result<Option<SparkType>> {
        let Some(open) = text.find('<') else {
            return Ok(None);
        };
        let Some(inner) = text[open + 1..].strip_suffix('>') else {
            return Ok(None);
        };
        let head = text[..open].trim().to_lowercase();
        let parts = split_top_level(inner);
        let t = match (head.as_str(), parts.as_slice()) {
            ("array", [e]) => SparkType::Array(Box::new(SparkType::from_name(e)?), true),
            ("map", [k, v]) => SparkType::Map(
                Box::new(SparkType::from_name(k)?),
                Box::new(SparkType::from_name(v)?),
                true,
            ),
            ("struct", fields) => {
                let mut out = vec![];
                for f in fields.iter().filter(|f| !f.trim().is_empty()) {
                    let f = f.trim();
                    let split =
                        f.find(|c: char| c == ':' || c.is_whitespace())
                            .ok_or_else(|| {
                                SparkError::illegal_argument(format!(
                                    "Unsupported data type: {text}"
                                ))
                            })?;
                    let name = f[..split].trim().trim_matches('`');
                    let ty = f[split + 1..].trim_start_matches(':').trim();
                    out.push(StructField::new(name, SparkType::from_name(ty)?, true));
                }
                SparkType::Struct(out)
            }
            _ => return Ok(None),
        };
        Ok(Some(t))
    }

    fn from_param_name(n: &str) -> Result<SparkType> {
        let args = |prefix: &str| -> Option<Vec<i64>> {
            let inner = n
                .strip_prefix(prefix)?
                .strip_prefix('(')?
                .strip_suffix(')')?;
            inner.split(',').map(|x| x.trim().parse().ok()).collect()
        };
        if let Some(a) = args("decimal") {
            if let [p, s] = a[..] {
                return Ok(SparkType::Decimal(p as u8, s as i8));
            }
        }
        if let Some([len]) = args("char").as_deref() {
            return Ok(SparkType::Char(*len as u32));
        }
        if let Some([len]) = args("varchar").as_deref() {
            return Ok(SparkType::Varchar(*len as u32));
        }
        if n.starts_with("time(") {
            return Ok(SparkType::Time);
        }
        if let Some(rest) = n.strip_prefix("interval ") {
            let parts: Vec<&str> = rest.split(" to ").collect();
            let pos = |fields: &[&str], p: &str| fields.iter().position(|f| *f == p.trim());
            let (s, e) = (parts[0], parts.get(1).copied().unwrap_or(parts[0]));
            if let (Some(s), Some(e)) = (pos(&DT_FIELDS, s), pos(&DT_FIELDS, e)) {
                return Ok(SparkType::DayTimeInterval(s as u8, e as u8));
            }
            if let (Some(s), Some(e)) = (pos(&YM_FIELDS, s), pos(&YM_FIELDS, e)) {
                return Ok(SparkType::YearMonthInterval(s as u8, e as u8));
            }
        }
        Err(SparkError::illegal_argument(format!(
            "Unsupported data type: {n}"
        )))
    }

    /// The Arrow type that holds this Spark type's values.
    pub fn to_arrow(&self) -> DataType {
        match self {
            SparkType::Null => DataType::Null,
            SparkType::String | SparkType::Char(_) | SparkType::Varchar(_) => DataType::Utf8,
            SparkType::Binary => DataType::Binary,
            SparkType::Boolean => DataType::Boolean,
            SparkType::Byte => DataType::Int8,
            SparkType::Short => DataType::Int16,
            SparkType::Integer => DataType::Int32,
            SparkType::Long => DataType::Int64,
            SparkType::Float => DataType::Float32,
            SparkType::Double => DataType::Float64,
            SparkType::Decimal(p, s) => DataType::Decimal128(*p, *s),
            SparkType::Date => DataType::Date32,
            SparkType::Timestamp => {
                DataType::Timestamp(TimeUnit::Microsecond, Some(STORAGE_TZ.into()))
            }
            SparkType::TimestampNtz => DataType::Timestamp(TimeUnit::Microsecond, None),
            SparkType::Time => DataType::Time64(TimeUnit::Microsecond),
            SparkType::DayTimeInterval(_, _) => DataType::Duration(TimeUnit::Microsecond),
            SparkType::YearMonthInterval(_, _) => DataType::Interval(IntervalUnit::YearMonth),
            SparkType::CalendarInterval => DataType::Interval(IntervalUnit::MonthDayNano),
            SparkType::Array(e, n) => {
                DataType::List(Arc::new(Field::new("element", e.to_arrow(), *n)))
            }
            SparkType::Map(k, v, n) => DataType::Map(
                Arc::new(Field::new(
                    "entries",
                    DataType::Struct(Fields::from(vec![
                        Field::new("key", k.to_arrow(), false),
                        Field::new("value", v.to_arrow(), *n),
                    ])),
                    false,
                )),
                false,
            ),
            SparkType::Struct(fields) => DataType::Struct(Fields::from(
                fields.iter().map(StructField::to_arrow).collect::<Vec<_>>(),
            )),
            SparkType::Variant => variant_arrow(),
        }
    }

    /// The Spark type an Arrow type reads as.
    pub fn from_arrow(dt: &DataType) -> Result<SparkType> {
        Ok(match dt {
            DataType::Null => SparkType::Null,
            DataType::Boolean => SparkType::Boolean,
            DataType::Int8 => SparkType::Byte,
            DataType::Int16 | DataType::UInt8 => SparkType::Short,
            DataType::Int32 | DataType::UInt16 => SparkType::Integer,
            DataType::Int64 | DataType::UInt32 => SparkType::Long,
            DataType::UInt64 => SparkType::Decimal(20, 0),
            DataType::Float16 | DataType::Float32 => SparkType::Float,
            DataType::Float64 => SparkType::Double,
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => SparkType::String,
            DataType::Binary
            | DataType::LargeBinary
            | DataType::BinaryView
            | DataType::FixedSizeBinary(_) => SparkType::Binary,
            DataType::Decimal32(p, s)
            | DataType::Decimal64(p, s)
            | DataType::Decimal128(p, s)
            | DataType::Decimal256(p, s) => SparkType::Decimal(*p, *s),
            DataType::Date32 | DataType::Date64 => SparkType::Date,
            DataType::Timestamp(_, Some(_)) => SparkType::Timestamp,
            DataType::Timestamp(_, None) => SparkType::TimestampNtz,
            DataType::Time32(_) | DataType::Time64(_) => SparkType::Time,
            DataType::Duration(_) => SparkType::DayTimeInterval(0, 3),
            DataType::Interval(IntervalUnit::YearMonth) => SparkType::YearMonthInterval(0, 1),
            DataType::Interval(_) => SparkType::CalendarInterval,
            DataType::List(f)
            | DataType::LargeList(f)
            | DataType::ListView(f)
            | DataType::LargeListView(f)
            | DataType::FixedSizeList(f, _) => SparkType::Array(
                Box::new(SparkType::from_arrow(f.data_type())?),
                f.is_nullable(),
            ),
            DataType::Map(entries, _) => match entries.data_type() {
                DataType::Struct(kv) if kv.len() == 2 => SparkType::Map(
                    Box::new(SparkType::from_arrow(kv[0].data_type())?),
                    Box::new(SparkType::from_arrow(kv[1].data_type())?),
                    kv[1].is_nullable(),
                ),
                other => {
                    return Err(SparkError::internal(format!(
                        "unexpected map entries {other}"
                    )))
                }
            },
            DataType::Struct(_) if *dt == variant_arrow() => SparkType::Variant,
            DataType::Struct(fields) => SparkType::Struct(
                fields
                    .iter()
                    .map(|f| StructField::from_arrow(f))
                    .collect::<Result<Vec<_>>>()?,
            ),
            DataType::Dictionary(_, v) => return SparkType::from_arrow(v),
            DataType::RunEndEncoded(_, f) => return SparkType::from_arrow(f.data_type()),
            other => {
                return Err(SparkError::new(
                    crate::error::ErrorKind::Analysis,
                    "UNSUPPORTED_DATATYPE",
                    "0A000",
                    format!("Unsupported data type \"{other}\"."),
                    &[("typeName", format!("\"{other}\""))],
                ))
            }
        })
    }

    pub fn is_numeric(&self) -> bool {
        self.is_integral() || self.is_fractional() || matches!(self, SparkType::Decimal(_, _))
    }

    pub fn is_integral(&self) -> bool {
        matches!(
            self,
            SparkType::Byte | SparkType::Short | SparkType::Integer | SparkType::Long
        )
    }

    pub fn is_fractional(&self) -> bool {
        matches!(self, SparkType::Float | SparkType::Double)
    }

    pub fn is_string(&self) -> bool {
        matches!(
            self,
            SparkType::String | SparkType::Char(_) | SparkType::Varchar(_)
        )
    }

    /// Precision and scale of the decimal an integral or decimal type fits in.
    pub fn decimal_bounds(&self) -> Option<(u8, i8)> {
        match self {
            SparkType::Byte => Some((3, 0)),
            SparkType::Short => Some((5, 0)),
            SparkType::Integer => Some((10, 0)),
            SparkType::Long => Some((20, 0)),
            SparkType::Decimal(p, s) => Some((*p, *s)),
            _ => None,
        }
    }
}

impl StructField {
    pub fn new(name: impl Into<String>, data_type: SparkType, nullable: bool) -> Self {
        StructField {
            name: name.into(),
            data_type,
            nullable,
            metadata: Map::new(),
        }
    }

    pub fn to_arrow(&self) -> Field {
        Field::new(&self.name, self.data_type.to_arrow(), self.nullable)
    }

    pub fn from_arrow(f: &Field) -> Result<StructField> {
        Ok(StructField::new(
            f.name().clone(),
            SparkType::from_arrow(f.data_type())?,
            f.is_nullable(),
        ))
    }
}

/// The Arrow type of a variant: the struct of the Arrow/Parquet variant
/// spec, `metadata` and `value` as non-null binary views.
pub fn variant_arrow() -> DataType {
    DataType::Struct(Fields::from(vec![
        Field::new("metadata", DataType::BinaryView, false),
        Field::new("value", DataType::BinaryView, false),
    ]))
}

/// Splits on commas outside `<…>` and `(…)`.
fn split_top_level(s: &str) -> Vec<&str> {
    let mut out = vec![];
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(s[start..].trim());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_of_nested_schema() {
        let text = r#"{"type":"struct","fields":[{"name":"id","type":"long","nullable":false,"metadata":{}},{"name":"m","type":{"type":"map","keyType":"string","valueType":"integer","valueContainsNull":true},"nullable":true,"metadata":{}},{"name":"d","type":"decimal(10,2)","nullable":true,"metadata":{}}]}"#;
        let t = SparkType::from_json_str(text).unwrap();
        assert_eq!(
            t.simple_string(),
            "struct<id:bigint,m:map<string,int>,d:decimal(10,2)>"
        );
        assert_eq!(SparkType::from_json(&t.to_json()).unwrap(), t);
    }

    #[test]
    fn arrow_round_trip_keeps_spark_types() {
        for name in [
            "timestamp",
            "timestamp_ntz",
            "date",
            "interval day to second",
            "binary",
        ] {
            let t = SparkType::from_name(name).unwrap();
            assert_eq!(SparkType::from_arrow(&t.to_arrow()).unwrap(), t);
        }
    }

    #[test]
    fn sql_names_are_upper_case() {
        let t = SparkType::Array(Box::new(SparkType::Long), true);
        assert_eq!(t.sql_name(), "ARRAY<BIGINT>");
        assert_eq!(SparkType::Decimal(10, 2).sql_name(), "DECIMAL(10,2)");
    }
}
