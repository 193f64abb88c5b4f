//! JSON functions: `from_json`, `to_json`, `get_json_object`,
//! `json_array_length`, `json_object_keys` and `schema_of_json`.

use std::sync::Arc;

use datafusion::arrow::array::{
    new_null_array, Array, ArrayRef, AsArray, Int32Array, ListBuilder, StringArray, StringBuilder,
    StructArray,
};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::datatypes::{DataType, Field, Fields, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::common::{exec_err, Result as DFResult, ScalarValue};
use datafusion::logical_expr::{
    ColumnarValue, Expr as DFExpr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};
use serde_json::Value;

use super::spec::{cast_arg, Arg};
use super::{arity, call_name, Builder};
use crate::error::{Result, SparkError};
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("from_json", from_json),
    ("to_json", to_json),
    ("get_json_object", get_json_object),
    ("json_array_length", json_array_length),
    ("json_object_keys", json_object_keys),
    ("schema_of_json", schema_of_json),
];

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Kind {
    FromJson(DataType),
    ToJson,
    GetJsonObject,
    ArrayLength,
    ObjectKeys,
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct JsonUdf {
    kind: Kind,
    signature: Signature,
}

fn call(kind: Kind, args: Vec<DFExpr>) -> DFExpr {
    ScalarUDF::new_from_impl(JsonUdf {
        signature: Signature::any(args.len(), Volatility::Immutable),
        kind,
    })
    .call(args)
}

/// A string literal argument's text.
fn literal_text(a: &Resolved, what: &str) -> Result<String> {
    match &a.expr {
        DFExpr::Literal(ScalarValue::Utf8(Some(s)), _) => Ok(s.clone()),
        _ => Err(SparkError::not_implemented(&format!(
            "{what} that is not a constant"
        ))),
    }
}

/// A schema given as DDL (`a INT, b STRING`), as a type name or as JSON.
fn parse_schema(text: &str) -> Result<SparkType> {
    let t = text.trim();
    if t.starts_with('{') {
        return SparkType::from_json_str(t);
    }
    if let Ok(ty) = SparkType::from_name(t) {
        return Ok(ty);
    }
    SparkType::from_name(&format!("struct<{t}>"))
}

/// `from_json(json, schema[, options])`: a struct of the schema; NULL for
/// malformed input.
fn from_json(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("from_json", &args, &[2, 3])?;
    let n = format!("{}({})", name.to_lowercase(), args[0].name);
    let schema = parse_schema(&literal_text(&args[1], "a from_json schema")?)?;
    if !matches!(schema, SparkType::Struct(_)) {
        return Err(SparkError::not_implemented(
            "from_json to a type other than a struct",
        ));
    }
    let t = schema.to_arrow();
    let json = cast_arg(
        r,
        args.into_iter()
            .next()
            .ok_or_else(|| SparkError::internal("arity"))?,
        Arg::Str,
    )?;
    r.make(call(Kind::FromJson(t), vec![json]), n)
}

fn to_json(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("to_json", &args, &[1, 2])?;
    let n = format!("{}({})", name.to_lowercase(), args[0].name);
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    if a.data_type == crate::types::variant_arrow() {
        return r.make(super::variant::to_json_expr(a.expr), n);
    }
    if !matches!(a.data_type, DataType::Struct(_)) {
        return Err(SparkError::not_implemented(
            "to_json of a value that is not a struct",
        ));
    }
    r.make(call(Kind::ToJson, vec![a.expr]), n)
}

fn get_json_object(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("get_json_object", &args, &[2])?;
    let n = call_name(&name.to_lowercase(), &args);
    let exprs = args
        .into_iter()
        .map(|a| cast_arg(r, a, Arg::Str))
        .collect::<Result<Vec<_>>>()?;
    r.make(call(Kind::GetJsonObject, exprs), n)
}

fn json_array_length(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    r.make(call(Kind::ArrayLength, vec![cast_arg(r, a, Arg::Str)?]), n)
}

fn json_object_keys(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    r.make(call(Kind::ObjectKeys, vec![cast_arg(r, a, Arg::Str)?]), n)
}

/// `schema_of_json(json)`: the DDL of the type Spark infers for a constant.
fn schema_of_json(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("schema_of_json", &args, &[1, 2])?;
    let n = format!("{}({})", name.to_lowercase(), args[0].name);
    let text = literal_text(&args[0], "a schema_of_json argument")?;
    let v: Value = serde_json::from_str(&text).map_err(|e| {
        SparkError::illegal_argument(format!("Cannot infer a schema from {text:?}: {e}"))
    })?;
    r.make(datafusion::prelude::lit(infer(&v)), n)
}

/// Spark's inferred JSON type: integers BIGINT, other numbers DOUBLE,
/// object fields sorted by name.
fn infer(v: &Value) -> String {
    match v {
        Value::Null | Value::String(_) => "STRING".into(),
        Value::Bool(_) => "BOOLEAN".into(),
        Value::Number(n) if n.is_i64() || n.is_u64() => "BIGINT".into(),
        Value::Number(_) => "DOUBLE".into(),
        Value::Array(items) => {
            let inner = items
                .iter()
                .find(|i| !i.is_null())
                .map_or("STRING".to_string(), infer);
            format!("ARRAY<{inner}>")
        }
        Value::Object(m) => {
            let mut fields: Vec<(&String, &Value)> = m.iter().collect();
            fields.sort_by(|a, b| a.0.cmp(b.0));
            let inner = fields
                .iter()
                .map(|(k, v)| format!("{k}: {}", infer(v)))
                .collect::<Vec<_>>()
                .join(", ");
            format!("STRUCT<{inner}>")
        }
    }
}

impl ScalarUDFImpl for JsonUdf {
    fn name(&self) -> &str {
        match self.kind {
            Kind::FromJson(_) => "spark_from_json",
            Kind::ToJson => "spark_to_json",
            Kind::GetJsonObject => "spark_get_json_object",
            Kind::ArrayLength => "spark_json_array_length",
            Kind::ObjectKeys => "spark_json_object_keys",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DFResult<DataType> {
        Ok(match &self.kind {
            Kind::FromJson(t) => t.clone(),
            Kind::ToJson | Kind::GetJsonObject => DataType::Utf8,
            Kind::ArrayLength => DataType::Int32,
            Kind::ObjectKeys => {
                DataType::List(Arc::new(Field::new("element", DataType::Utf8, true)))
            }
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        super::udfs::invoke_rowwise(&args, false, |a, _| self.eval(a))
    }
}

fn parsed(s: &StringArray, i: usize) -> Option<Value> {
    if s.is_null(i) {
        return None;
    }
    serde_json::from_str(s.value(i)).ok()
}

impl JsonUdf {
    fn eval(&self, a: &[ArrayRef]) -> DFResult<ArrayRef> {
        // Text arrives as Utf8, Utf8View or LargeUtf8; the kernels read Utf8.
        let a = a
            .iter()
            .map(|x| match x.data_type() {
                DataType::Utf8View | DataType::LargeUtf8 => {
                    datafusion::arrow::compute::cast(x, &DataType::Utf8)
                }
                _ => Ok(Arc::clone(x)),
            })
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let a = a.as_slice();
        match &self.kind {
            Kind::FromJson(t) => match a[0].as_string_opt::<i32>() {
                Some(s) => from_json_array(s, t),
                None => exec_err!("from_json expects a string"),
            },
            Kind::ToJson => to_json_array(&a[0]),
            Kind::GetJsonObject => {
                let (Some(s), Some(p)) = (a[0].as_string_opt::<i32>(), a[1].as_string_opt::<i32>())
                else {
                    return exec_err!("get_json_object expects strings");
                };
                let out: StringArray = (0..s.len())
                    .map(|i| {
                        let v = parsed(s, i)?;
                        if p.is_null(i) {
                            return None;
                        }
                        let found = json_path(&v, p.value(i))?;
                        match found {
                            Value::Null => None,
                            Value::String(t) => Some(t.clone()),
                            other => Some(other.to_string()),
                        }
                    })
                    .collect();
                Ok(Arc::new(out))
            }
            Kind::ArrayLength => {
                let Some(s) = a[0].as_string_opt::<i32>() else {
                    return exec_err!("json_array_length expects a string");
                };
                let out: Int32Array = (0..s.len())
                    .map(|i| match parsed(s, i)? {
                        Value::Array(items) => Some(items.len() as i32),
                        _ => None,
                    })
                    .collect();
                Ok(Arc::new(out))
            }
            Kind::ObjectKeys => {
                let Some(s) = a[0].as_string_opt::<i32>() else {
                    return exec_err!("json_object_keys expects a string");
                };
                let mut out = ListBuilder::new(StringBuilder::new())
                    .with_field(Arc::new(Field::new("element", DataType::Utf8, true)));
                for i in 0..s.len() {
                    let keys = (!s.is_null(i))
                        .then(|| serde_json::from_str::<OrderedKeys>(s.value(i)).ok())
                        .flatten();
                    match keys {
                        Some(OrderedKeys(k)) => {
                            for key in k {
                                out.values().append_value(key);
                            }
                            out.append(true);
                        }
                        None => out.append(false),
                    }
                }
                Ok(Arc::new(out.finish()))
            }
        }
    }
}

/// The struct of each row's JSON object, as Spark's permissive parser makes
/// it: NULL for a NULL or blank text, all fields NULL for a text that is not
/// a JSON object, and NULL for a field whose value does not fit its type.
/// Text after the first JSON value is ignored.
fn from_json_array(s: &StringArray, t: &DataType) -> DFResult<ArrayRef> {
    let DataType::Struct(fields) = t else {
        return exec_err!("from_json expects a struct schema");
    };
    if let Some(array) = super::json_flat::from_json_flat(s.iter(), fields) {
        return array;
    }
    let mut objects = Vec::with_capacity(s.len());
    let mut valid = Vec::with_capacity(s.len());
    for text in s.iter() {
        let text = text.map(str::trim).filter(|t| !t.is_empty());
        valid.push(text.is_some());
        let first = text.and_then(|t| {
            serde_json::Deserializer::from_str(t)
                .into_iter::<Value>()
                .next()
                .and_then(|v| v.ok())
        });
        objects.push(match first {
            Some(Value::Object(m)) => m,
            _ => Default::default(),
        });
    }
    let columns = fields
        .iter()
        .map(|f| field_column(f, &objects))
        .collect::<DFResult<Vec<_>>>()?;
    Ok(Arc::new(StructArray::try_new(
        Fields::clone(fields),
        columns,
        Some(NullBuffer::from(valid)),
    )?))
}

/// One field of `from_json_array`'s struct: the whole column decoded at
/// once, or row by row (NULL where a value does not fit) when that fails.
fn field_column(f: &Arc<Field>, objects: &[serde_json::Map<String, Value>]) -> DFResult<ArrayRef> {
    let rows = objects
        .iter()
        .map(|o| {
            let mut one = serde_json::Map::new();
            if let Some(v) = o.get(f.name()) {
                one.insert(f.name().clone(), v.clone());
            }
            Value::Object(one)
        })
        .collect::<Vec<_>>();
    let decode = |rows: &[Value]| -> DFResult<ArrayRef> {
        let schema = Arc::new(Schema::new(vec![Arc::clone(f)]));
        let mut decoder = datafusion::arrow::json::ReaderBuilder::new(schema)
            .with_coerce_primitive(true)
            .with_batch_size(rows.len().max(1))
            .build_decoder()?;
        decoder.serialize(rows)?;
        match decoder.flush()? {
            Some(b) if b.num_rows() == rows.len() => Ok(Arc::clone(b.column(0))),
            _ => exec_err!("from_json: rows lost in decoding"),
        }
    };
    if let Ok(column) = decode(&rows) {
        return Ok(column);
    }
    let null = new_null_array(f.data_type(), 1);
    let parts = rows
        .chunks(1)
        .map(|row| decode(row).unwrap_or_else(|_| Arc::clone(&null)))
        .collect::<Vec<_>>();
    let refs = parts.iter().map(|a| a.as_ref()).collect::<Vec<_>>();
    Ok(datafusion::arrow::compute::concat(&refs)?)
}

/// Each row's struct as compact JSON (NULL fields left out).
fn to_json_array(a: &ArrayRef) -> DFResult<ArrayRef> {
    let Some(st) = a.as_struct_opt() else {
        return exec_err!("to_json expects a struct");
    };
    let schema = Arc::new(Schema::new(st.fields().clone()));
    let batch = RecordBatch::try_new(schema, st.columns().to_vec())?;
    let mut buf = Vec::new();
    {
        let mut w = datafusion::arrow::json::LineDelimitedWriter::new(&mut buf);
        w.write(&batch)?;
        w.finish()?;
    }
    let text = String::from_utf8_lossy(&buf);
    let out: StringArray = text
        .lines()
        .enumerate()
        .map(|(i, line)| (!st.is_null(i)).then(|| line.to_string()))
        .collect();
    Ok(Arc::new(out))
}

/// The value at a JSONPath (`$`, `.name`, `['name']`, `[n]`).
fn json_path<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    let mut rest = path.trim().strip_prefix('$')?;
    let mut cur = v;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let key = &r[..end];
            if key.is_empty() {
                return None;
            }
            cur = cur.as_object()?.get(key)?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            let inner = r[..end].trim();
            if let Some(key) = inner.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')) {
                cur = cur.as_object()?.get(key)?;
            } else {
                let idx: usize = inner.parse().ok()?;
                cur = cur.as_array()?.get(idx)?;
            }
            rest = &r[end + 1..];
        } else {
            return None;
        }
    }
    Some(cur)
}

/// The keys of a JSON object, in document order.
struct OrderedKeys(Vec<String>);

impl<'de> serde::Deserialize<'de> for OrderedKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Keys;
        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = OrderedKeys;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut m: M,
            ) -> std::result::Result<OrderedKeys, M::Error> {
                let mut keys = vec![];
                while let Some((k, _)) = m.next_entry::<String, serde::de::IgnoredAny>()? {
                    keys.push(k);
                }
                Ok(OrderedKeys(keys))
            }
        }
        d.deserialize_map(Keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_inference() {
        let v: Value = serde_json::from_str(r#"{"a": {"b": [1, {"c": "x"}]}}"#).unwrap();
        assert_eq!(
            json_path(&v, "$.a.b[1].c"),
            Some(&Value::String("x".into()))
        );
        assert_eq!(
            json_path(&v, "$['a'].b[0]").map(Value::to_string),
            Some("1".into())
        );
        assert_eq!(json_path(&v, "$.z"), None);
        let v: Value = serde_json::from_str(r#"{"b": 1.5, "a": [1]}"#).unwrap();
        assert_eq!(infer(&v), "STRUCT<a: ARRAY<BIGINT>, b: DOUBLE>");
    }
}
