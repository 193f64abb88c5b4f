//! Variant functions: `parse_json`, `try_parse_json`, `is_variant_null`,
//! `is_valid_variant`, `variant_get`, `try_variant_get`,
//! `schema_of_variant`, `to_variant_object` and the edits (`variant_delete`,
//! `variant_insert`, `variant_set`, `variant_array_append`,
//! `variant_strip_nulls` and their `try_` forms). Casts from and to VARIANT
//! and `to_json` of a variant come here too.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BooleanArray, StringArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{exec_err, Result as DFResult, ScalarValue};
use datafusion::logical_expr::{
    ColumnarValue, Expr as DFExpr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};
use datafusion::prelude::lit;

use super::spec::{cast_arg, Arg};
use super::variant_arrow::{cast_node, read, to_node, write};
use super::variant_edit::{self as edit, EditError, Put, Seg};
use super::variant_value::Node;
use super::{arity, call_name, Builder};
use crate::error::{to_df_error, ErrorKind, Result, SparkError};
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::{variant_arrow, SparkType};

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("parse_json", parse_json),
    ("try_parse_json", parse_json),
    ("is_variant_null", is_variant_null),
    ("is_valid_variant", is_valid_variant),
    ("variant_get", variant_get),
    ("try_variant_get", variant_get),
    ("schema_of_variant", schema_of_variant),
    ("to_variant_object", to_variant_object),
    ("variant_delete", variant_delete),
    ("variant_insert", variant_put),
    ("try_variant_insert", variant_put),
    ("variant_set", variant_put),
    ("try_variant_set", variant_put),
    ("variant_array_append", variant_put),
    ("try_variant_array_append", variant_put),
    ("variant_strip_nulls", variant_strip_nulls),
    (
        "schema_of_variant_agg",
        super::variant_agg::schema_of_variant_agg,
    ),
];

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Edit {
    Insert,
    Set,
    Append,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Parse {
        try_: bool,
    },
    IsNull,
    IsValid,
    /// `variant_get` (by `func`, `try_`) or a cast (`func` empty).
    Get {
        to: SparkType,
        try_: bool,
        func: String,
    },
    SchemaOf,
    ToVariant,
    ToJson,
    Delete,
    Put {
        edit: Edit,
        try_: bool,
        func: String,
    },
    StripNulls,
}

#[derive(Debug)]
struct VariantUdf {
    kind: Kind,
    signature: Signature,
}

impl PartialEq for VariantUdf {
    fn eq(&self, o: &Self) -> bool {
        self.kind == o.kind
    }
}
impl Eq for VariantUdf {}
impl std::hash::Hash for VariantUdf {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.name().hash(h);
        format!("{:?}", self.kind).hash(h);
    }
}

fn call(kind: Kind, args: Vec<DFExpr>) -> DFExpr {
    ScalarUDF::new_from_impl(VariantUdf {
        signature: Signature::any(args.len(), Volatility::Immutable),
        kind,
    })
    .call(args)
}

fn is_variant(a: &Resolved) -> bool {
    a.data_type == variant_arrow()
}

/// An argument that must be a VARIANT (NULL is taken as one).
fn variant_arg(_func: &str, name: &str, a: Resolved, pos: usize) -> Result<DFExpr> {
    if is_variant(&a) {
        return Ok(a.expr);
    }
    if a.data_type == DataType::Null {
        return Ok(crate::plan::coerce::cast_plain(a.expr, &variant_arrow()));
    }
    Err(SparkError::datatype_mismatch(
        "UNEXPECTED_INPUT_TYPE",
        name,
        format!(
            "The {} parameter requires the \"VARIANT\" type, however \"{}\" has the type \"{}\".",
            ordinal(pos),
            a.name,
            a.spark_type()?.sql_name()
        ),
    ))
}

/// A VARIANT argument's expression, or Spark's type mismatch error.
pub(super) fn variant_input(func: &str, name: &str, a: Resolved) -> Result<DFExpr> {
    variant_arg(func, name, a, 0)
}

fn ordinal(i: usize) -> &'static str {
    ["first", "second", "third", "fourth", "fifth"]
        .get(i)
        .copied()
        .unwrap_or("next")
}

/// A constant string argument.
fn literal_text(a: &Resolved, what: &str) -> Result<String> {
    match &a.expr {
        DFExpr::Literal(ScalarValue::Utf8(Some(s)), _)
        | DFExpr::Literal(ScalarValue::Utf8View(Some(s)), _)
        | DFExpr::Literal(ScalarValue::LargeUtf8(Some(s)), _) => Ok(s.clone()),
        _ => Err(SparkError::not_implemented(&format!(
            "{what} that is not a constant"
        ))),
    }
}

fn parse_json(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (a, n) = super::unary(&lname, args)?;
    let try_ = lname.starts_with("try_");
    r.make(
        call(Kind::Parse { try_ }, vec![cast_arg(r, a, Arg::Str)?]),
        n,
    )
}

fn is_variant_null(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    let v = variant_arg("is_variant_null", &n, a, 0)?;
    r.make(call(Kind::IsNull, vec![v]), n)
}

fn is_valid_variant(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    let v = variant_arg("is_valid_variant", &n, a, 0)?;
    r.make(call(Kind::IsValid, vec![v]), n)
}

fn schema_of_variant(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    let v = variant_arg("schema_of_variant", &n, a, 0)?;
    r.make(call(Kind::SchemaOf, vec![v]), n)
}

fn to_variant_object(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    let t = a.spark_type()?;
    if !matches!(
        t,
        SparkType::Array(..) | SparkType::Map(..) | SparkType::Struct(_) | SparkType::Variant
    ) {
        return Err(cannot_cast(&n, &t));
    }
    r.make(call(Kind::ToVariant, vec![a.expr]), n)
}

fn cannot_cast(shown: &str, from: &SparkType) -> SparkError {
    SparkError::datatype_mismatch(
        "CAST_WITHOUT_SUGGESTION",
        shown,
        format!("cannot cast \"{}\" to \"VARIANT\".", from.sql_name()),
    )
}

/// Whether CAST(t AS VARIANT) is allowed: atomic types and arrays of them.
fn castable_to_variant(t: &SparkType) -> bool {
    match t {
        SparkType::Array(e, _) => castable_to_variant(e),
        SparkType::Map(..) | SparkType::Struct(_) => false,
        SparkType::CalendarInterval | SparkType::Time => false,
        _ => true,
    }
}

/// `variant_get(v, path[, type])`: the value at the path cast to the type
/// (VARIANT when left out), NULL when there is none.
fn variant_get(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2, 3])?;
    let n = format!("{lname}({}, {})", args[0].name, args[1].name);
    let to = match args.get(2) {
        Some(t) => SparkType::from_name(&literal_text(t, "a variant_get type")?)?,
        None => SparkType::Variant,
    };
    let mut it = args.into_iter();
    let (v, path) = match (it.next(), it.next()) {
        (Some(v), Some(p)) => (v, p),
        _ => return Err(SparkError::internal("arity")),
    };
    let v = variant_arg(&lname, &n, v, 0)?;
    let path = cast_arg(r, path, Arg::Str)?;
    let kind = Kind::Get {
        to,
        try_: lname.starts_with("try_"),
        func: lname.clone(),
    };
    r.make(call(kind, vec![v, path]), n)
}

/// CAST(x AS VARIANT) and CAST(v AS t) for a variant `v`; `None` when
/// neither side is a variant.
pub fn cast_expr(r: &Resolved, to: &SparkType, try_: bool) -> Result<Option<DFExpr>> {
    if is_variant(r) {
        let kind = Kind::Get {
            to: to.clone(),
            try_,
            func: String::new(),
        };
        return Ok(Some(call(kind, vec![r.expr.clone(), lit("$")])));
    }
    if *to == SparkType::Variant {
        let from = r.spark_type()?;
        if !castable_to_variant(&from) {
            let kw = if try_ { "TRY_CAST" } else { "CAST" };
            return Err(cannot_cast(&format!("{kw}({} AS VARIANT)", r.name), &from));
        }
        return Ok(Some(call(Kind::ToVariant, vec![r.expr.clone()])));
    }
    Ok(None)
}

/// The JSON text of an encoded variant (`None` when the bytes are invalid).
/// A scalar variant's text as Spark renders it (decimals with their scale).
pub fn scalar_text(v: &parquet_variant::Variant) -> String {
    super::variant_value::scalar_text(v)
}

pub fn json_of(metadata: &[u8], value: &[u8]) -> Option<String> {
    Node::decode(metadata, value).map(|n| n.to_json())
}

/// The `(metadata, value)` encoding of JSON text (`None` when malformed).
pub fn encode_json(text: &str) -> Option<(Vec<u8>, Vec<u8>)> {
    Node::parse_json(text).ok().map(|n| n.encode())
}

/// The JSON text of row `i` of a variant column.
pub fn json_at(a: &dyn Array, i: usize) -> Option<String> {
    read(a, i).map(|n| n.to_json())
}

/// `to_json(v)` of a variant.
pub fn to_json_expr(v: DFExpr) -> DFExpr {
    call(Kind::ToJson, vec![v])
}

fn variant_delete(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    if args.len() < 2 {
        arity("variant_delete", &args, &[2])?;
    }
    let n = call_name(&name.to_lowercase(), &args);
    let mut it = args.into_iter();
    let v = it.next().ok_or_else(|| SparkError::internal("arity"))?;
    let mut exprs = vec![variant_arg("variant_delete", &n, v, 0)?];
    for p in it {
        exprs.push(cast_arg(r, p, Arg::Str)?);
    }
    r.make(call(Kind::Delete, exprs), n)
}

/// `variant_insert(v, path, value)`, `variant_set(v, path, value[,
/// createIfMissing])`, `variant_array_append(v, path, value)` and their
/// `try_` forms.
fn variant_put(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let base = lname.trim_start_matches("try_");
    let (edit, counts): (Edit, &[usize]) = match base {
        "variant_insert" => (Edit::Insert, &[3]),
        "variant_set" => (Edit::Set, &[3, 4]),
        _ => (Edit::Append, &[3]),
    };
    arity(&lname, &args, counts)?;
    let mut args = args;
    if edit == Edit::Set && args.len() == 3 {
        args.push(r.make(lit(true), "true".into())?);
    }
    let n = call_name(&lname, &args);
    let mut it = args.into_iter();
    let (Some(v), Some(path), Some(value)) = (it.next(), it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let vt = value.spark_type()?;
    if !castable_to_variant(&vt) {
        return Err(SparkError::datatype_mismatch(
            "CAST_WITHOUT_SUGGESTION",
            &n,
            format!("cannot cast \"{}\" to \"VARIANT\".", vt.sql_name()),
        ));
    }
    let mut exprs = vec![
        variant_arg(&lname, &n, v, 0)?,
        cast_arg(r, path, Arg::Str)?,
        value.expr,
    ];
    if let Some(create) = it.next() {
        exprs.push(create.expr);
    }
    let kind = Kind::Put {
        edit,
        try_: lname.starts_with("try_"),
        func: base.to_string(),
    };
    r.make(call(kind, exprs), n)
}

fn variant_strip_nulls(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("variant_strip_nulls", &args, &[1, 2])?;
    let mut args = args;
    if args.len() == 1 {
        args.push(r.make(lit(true), "true".into())?);
    }
    let n = call_name(&name.to_lowercase(), &args);
    let mut it = args.into_iter();
    let (Some(v), Some(arrays)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let v = variant_arg("variant_strip_nulls", &n, v, 0)?;
    r.make(call(Kind::StripNulls, vec![v, arrays.expr]), n)
}

impl ScalarUDFImpl for VariantUdf {
    fn name(&self) -> &str {
        match &self.kind {
            Kind::Parse { .. } => "spark_parse_json",
            Kind::IsNull => "spark_is_variant_null",
            Kind::IsValid => "spark_is_valid_variant",
            Kind::Get { .. } => "spark_variant_get",
            Kind::SchemaOf => "spark_schema_of_variant",
            Kind::ToVariant => "spark_to_variant",
            Kind::ToJson => "spark_variant_to_json",
            Kind::Delete => "spark_variant_delete",
            Kind::Put { .. } => "spark_variant_put",
            Kind::StripNulls => "spark_variant_strip_nulls",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DFResult<DataType> {
        Ok(match &self.kind {
            Kind::IsNull | Kind::IsValid => DataType::Boolean,
            Kind::SchemaOf | Kind::ToJson => DataType::Utf8,
            Kind::Get { to, .. } => to.to_arrow(),
            _ => variant_arrow(),
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        super::udfs::invoke_rowwise(&args, false, |a, rows| self.eval(a, rows))
    }
}

/// A Spark runtime error with a condition.
fn runtime(condition: &str, text: String) -> datafusion::error::DataFusionError {
    to_df_error(SparkError::new(
        ErrorKind::SparkRuntime,
        condition,
        "22023",
        text,
        &[],
    ))
}

const VALID_PATH: &str = "A valid path should start with `$` and is followed by segments like `[123]`, `.name`, `['name']`, or `[\"name\"]`.";

fn text_at(a: &ArrayRef, i: usize) -> Option<String> {
    let s = a.as_string_opt::<i32>()?;
    (!s.is_null(i)).then(|| s.value(i).to_string())
}

impl VariantUdf {
    fn eval(&self, a: &[ArrayRef], rows: usize) -> DFResult<ArrayRef> {
        let a: Vec<ArrayRef> = a
            .iter()
            .map(|x| match x.data_type() {
                DataType::Utf8View | DataType::LargeUtf8 => {
                    datafusion::arrow::compute::cast(x, &DataType::Utf8)
                }
                _ => Ok(Arc::clone(x)),
            })
            .collect::<std::result::Result<_, _>>()?;
        let rows = a.first().map_or(rows, |x| x.len());
        match &self.kind {
            Kind::Parse { try_ } => {
                let Some(s) = a[0].as_string_opt::<i32>() else {
                    return exec_err!("parse_json expects a string");
                };
                let mut out = Vec::with_capacity(rows);
                for i in 0..rows {
                    if s.is_null(i) {
                        out.push(None);
                        continue;
                    }
                    match Node::parse_json(s.value(i)) {
                        Ok(n) => out.push(Some(n)),
                        Err(_) if *try_ => out.push(None),
                        Err(_) => return Err(runtime(
                            "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
                            format!("Malformed records are detected in record parsing: {}.\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. ", s.value(i)),
                        )),
                    }
                }
                write(out)
            }
            Kind::IsNull => Ok(Arc::new(
                (0..rows)
                    .map(|i| Some(read(a[0].as_ref(), i).is_some_and(|n| n.is_null())))
                    .collect::<BooleanArray>(),
            )),
            Kind::IsValid => Ok(Arc::new(
                (0..rows)
                    .map(|i| (!a[0].is_null(i)).then(|| read(a[0].as_ref(), i).is_some()))
                    .collect::<BooleanArray>(),
            )),
            Kind::ToJson => Ok(Arc::new(
                (0..rows)
                    .map(|i| read(a[0].as_ref(), i).map(|n| n.to_json()))
                    .collect::<StringArray>(),
            )),
            Kind::SchemaOf => Ok(Arc::new(
                (0..rows)
                    .map(|i| read(a[0].as_ref(), i).map(|n| super::variant_schema::of(&n).sql()))
                    .collect::<StringArray>(),
            )),
            Kind::ToVariant => write(
                (0..rows)
                    .map(|i| to_node(a[0].as_ref(), i))
                    .collect::<DFResult<_>>()?,
            ),
            Kind::Get { to, try_, func } => self.get(&a, rows, to, *try_, func),
            Kind::Delete => {
                let mut out = Vec::with_capacity(rows);
                for i in 0..rows {
                    let Some(mut n) = read(a[0].as_ref(), i) else {
                        out.push(None);
                        continue;
                    };
                    for p in &a[1..] {
                        let Some(text) = text_at(p, i) else { continue };
                        let path = edit_path(&text, "variant_delete", false)?;
                        edit::delete(&mut n, &path);
                    }
                    out.push(Some(n));
                }
                write(out)
            }
            Kind::Put {
                edit: e,
                try_,
                func,
            } => {
                let mut out = Vec::with_capacity(rows);
                for i in 0..rows {
                    let (Some(mut n), Some(text), Some(value)) = (
                        read(a[0].as_ref(), i),
                        text_at(&a[1], i),
                        to_node(a[2].as_ref(), i)?,
                    ) else {
                        out.push(None);
                        continue;
                    };
                    let path = edit_path(&text, func, *e == Edit::Append)?;
                    let done = match e {
                        Edit::Insert => edit::put(&mut n, &path, value, Put::Insert),
                        Edit::Set => {
                            let create = a
                                .get(3)
                                .and_then(|c| c.as_boolean_opt())
                                .is_none_or(|c| c.is_null(i) || c.value(i));
                            edit::put(&mut n, &path, value, Put::Set { create })
                        }
                        Edit::Append => edit::append(&mut n, &path, value),
                    };
                    match done {
                        Ok(()) => out.push(Some(n)),
                        Err(_) if *try_ => out.push(None),
                        Err(err) => {
                            let before = read(a[0].as_ref(), i).unwrap_or_else(Node::null);
                            return Err(edit_error(err, &text, &before, &path, func));
                        }
                    }
                }
                write(out)
            }
            Kind::StripNulls => {
                let arrays = a[1].as_boolean_opt();
                write(
                    (0..rows)
                        .map(|i| {
                            let mut n = read(a[0].as_ref(), i)?;
                            let keep = arrays.is_none_or(|b| b.is_null(i) || b.value(i));
                            edit::strip_nulls(&mut n, keep);
                            Some(n)
                        })
                        .collect(),
                )
            }
        }
    }

    fn get(
        &self,
        a: &[ArrayRef],
        rows: usize,
        to: &SparkType,
        try_: bool,
        func: &str,
    ) -> DFResult<ArrayRef> {
        let target = to.to_arrow();
        let mut out = Vec::with_capacity(rows);
        for i in 0..rows {
            let (Some(n), Some(text)) = (read(a[0].as_ref(), i), text_at(&a[1], i)) else {
                out.push(ScalarValue::try_from(&target)?);
                continue;
            };
            let Some(path) = edit::parse_path(&text)
                .filter(|p| p.iter().all(|s| !matches!(s, Seg::Index(x) if *x < 0)))
            else {
                return Err(runtime(
                    "INVALID_VARIANT_GET_PATH",
                    format!("The path `{text}` is not a valid variant extraction path in ``{func}``.\nA valid path should start with `$` and is followed by zero or more segments like `[123]`, `.name`, `['name']`, or `[\"name\"]`."),
                ));
            };
            let Some(found) = edit::get(&n, &path) else {
                out.push(ScalarValue::try_from(&target)?);
                continue;
            };
            match cast_node(found, to) {
                Ok(v) => out.push(v),
                Err(()) if try_ => out.push(ScalarValue::try_from(&target)?),
                Err(()) => {
                    let hint = "try_variant_get";
                    return Err(runtime(
                        "INVALID_VARIANT_CAST",
                        format!(
                            "The variant value `{}` cannot be cast into `\"{}\"`. Please use `{hint}` instead.",
                            found.to_json(),
                            to.sql_name()
                        ),
                    ));
                }
            }
        }
        if out.is_empty() {
            return Ok(datafusion::arrow::array::new_empty_array(&target));
        }
        let arr = ScalarValue::iter_to_array(out)?;
        if arr.data_type() != &target {
            return Ok(datafusion::arrow::compute::cast(&arr, &target)?);
        }
        Ok(arr)
    }
}

/// The path of an edit: negative indexes are not targets, nor is `$`
/// alone unless `root` (an append to the top-level array).
fn edit_path(text: &str, func: &str, root: bool) -> DFResult<Vec<Seg>> {
    match edit::parse_path(text) {
        Some(p)
            if (root || !p.is_empty())
                && p.iter().all(|s| !matches!(s, Seg::Index(x) if *x < 0)) =>
        {
            Ok(p)
        }
        _ => Err(runtime(
            "INVALID_VARIANT_PATH",
            format!("The path '{text}' is not a valid `{func}` target.\n{VALID_PATH}"),
        )),
    }
}

fn edit_error(
    err: EditError,
    text: &str,
    before: &Node,
    path: &[Seg],
    func: &str,
) -> datafusion::error::DataFusionError {
    let at = edit::mismatch_at(before, path);
    let mut prefix = String::from("$");
    for s in &path[..at] {
        match s {
            Seg::Key(k) => prefix.push_str(&format!(".{k}")),
            Seg::Index(i) => prefix.push_str(&format!("[{i}]")),
        }
    }
    match (err, path.last()) {
        (EditError::Exists, Some(Seg::Key(k))) => runtime(
            "VARIANT_DUPLICATE_KEY",
            format!("Failed to build variant because of a duplicate object key `{k}`."),
        ),
        _ => runtime(
            "VARIANT_PATH_TYPE_MISMATCH",
            format!("The path '{text}' is incompatible with the variant value at '{prefix}' in `{func}`."),
        ),
    }
}
