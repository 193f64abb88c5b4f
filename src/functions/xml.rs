//! XPath functions (`xpath`, `xpath_string`, `xpath_boolean` and the
//! numeric forms), evaluated with XPath 1.0 as Spark's Java XPath does.
//! `from_xml`, `to_xml` and `schema_of_xml` are named but not available.

use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Float32Array, Float64Array, Int16Array, Int32Array,
    Int64Array, ListBuilder, StringArray, StringBuilder,
};
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::common::{exec_err, Result as DFResult};
use datafusion::logical_expr::{
    ColumnarValue, Expr as DFExpr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};
use sxd_xpath::nodeset::Node;
use sxd_xpath::{Context, Factory, Value};

use super::spec::{cast_arg, Arg};
use super::{arity, call_name, Builder};
use crate::error::{to_df_error, ErrorKind, Result, SparkError};
use crate::plan::resolve::{Resolved, Resolver};

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("xpath", xpath),
    ("xpath_string", xpath),
    ("xpath_boolean", xpath),
    ("xpath_double", xpath),
    ("xpath_number", xpath),
    ("xpath_float", xpath),
    ("xpath_int", xpath),
    ("xpath_long", xpath),
    ("xpath_short", xpath),
    ("from_xml", xml_struct),
    ("to_xml", xml_struct),
    ("schema_of_xml", xml_struct),
];

/// `from_xml`, `to_xml` and `schema_of_xml` (Spark's XML data source
/// rules) are not available yet.
fn xml_struct(_r: &Resolver, name: &str, _args: Vec<Resolved>) -> Result<Resolved> {
    Err(SparkError::not_implemented(&name.to_lowercase()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    List,
    Text,
    Boolean,
    Double,
    Float,
    Int,
    Long,
    Short,
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct XPathUdf {
    kind: Kind,
    signature: Signature,
}

fn xpath(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2])?;
    let kind = match lname.as_str() {
        "xpath" => Kind::List,
        "xpath_string" => Kind::Text,
        "xpath_boolean" => Kind::Boolean,
        "xpath_double" | "xpath_number" => Kind::Double,
        "xpath_float" => Kind::Float,
        "xpath_int" => Kind::Int,
        "xpath_long" => Kind::Long,
        _ => Kind::Short,
    };
    let n = call_name(&lname, &args);
    if !matches!(args[1].expr, DFExpr::Literal(..)) {
        return Err(SparkError::datatype_mismatch(
            "NON_FOLDABLE_INPUT",
            &n,
            format!(
                "the input `path` should be a foldable \"STRING\" expression; however, got \"{}\".",
                args[1].name
            ),
        ));
    }
    let exprs = args
        .into_iter()
        .map(|a| cast_arg(r, a, Arg::Str))
        .collect::<Result<Vec<DFExpr>>>()?;
    let udf = ScalarUDF::new_from_impl(XPathUdf {
        kind,
        signature: Signature::any(2, Volatility::Immutable),
    });
    r.make(udf.call(exprs), n)
}

impl ScalarUDFImpl for XPathUdf {
    fn name(&self) -> &str {
        "spark_xpath"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DFResult<DataType> {
        Ok(match self.kind {
            Kind::List => DataType::List(Arc::new(Field::new("element", DataType::Utf8, true))),
            Kind::Text => DataType::Utf8,
            Kind::Boolean => DataType::Boolean,
            Kind::Double => DataType::Float64,
            Kind::Float => DataType::Float32,
            Kind::Int => DataType::Int32,
            Kind::Long => DataType::Int64,
            Kind::Short => DataType::Int16,
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        super::udfs::invoke_rowwise(&args, false, |a, _| self.eval(a))
    }
}

/// What an expression gave: a node set (each node's DOM value, `None` for
/// elements) or one XPath value.
enum Found {
    Nodes(Vec<Option<String>>),
    Scalar {
        text: String,
        number: f64,
        boolean: bool,
    },
}

fn runtime(condition: &str, text: String) -> datafusion::error::DataFusionError {
    to_df_error(SparkError::new(
        ErrorKind::SparkRuntime,
        condition,
        "22023",
        text,
        &[],
    ))
}

/// DOM's `getNodeValue`: text, attribute, comment and instruction values;
/// `None` for elements and the root.
fn node_value(n: &Node) -> Option<String> {
    match n {
        Node::Text(t) => Some(t.text().to_string()),
        Node::Attribute(a) => Some(a.value().to_string()),
        Node::Comment(c) => Some(c.text().to_string()),
        Node::ProcessingInstruction(p) => Some(p.value().unwrap_or("").to_string()),
        _ => None,
    }
}

/// XPath 1.0's `number()` of text: an optional minus sign and decimal
/// digits (no exponent) between whitespace, otherwise NaN.
fn xpath_number(text: &str) -> f64 {
    let t = text.trim_matches([' ', '\t', '\n', '\r']);
    let body = t.strip_prefix('-').unwrap_or(t);
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) {
        return f64::NAN;
    }
    t.parse().unwrap_or(f64::NAN)
}

fn evaluate(xml: &str, path: &str, kind: Kind) -> DFResult<Found> {
    let package = sxd_document::parser::parse(xml).map_err(|_| {
        to_df_error(SparkError::plain(
            ErrorKind::SparkRuntime,
            format!("Error loading expression '{path}'"),
        ))
    })?;
    let doc = package.as_document();
    let compiled = match Factory::new().build(path) {
        Ok(Some(x)) => x,
        _ => {
            return Err(to_df_error(SparkError::plain(
                ErrorKind::SparkRuntime,
                format!("Invalid XPath '{path}'"),
            )))
        }
    };
    let value = compiled
        .evaluate(&Context::new(), doc.root())
        .map_err(|e| {
            runtime(
                "XPATH_EVALUATION",
                format!("Error evaluating '{path}': {e:?}."),
            )
        })?;
    Ok(match (&value, kind) {
        (Value::Nodeset(ns), Kind::List) => {
            Found::Nodes(ns.document_order().iter().map(node_value).collect())
        }
        (_, Kind::List) => {
            return Err(runtime(
                "XPATH_EVALUATION",
                format!("'{path}' does not give a node set."),
            ))
        }
        (v, _) => {
            let text = v.string();
            let number = match v {
                Value::Number(x) => *x,
                Value::Boolean(b) => f64::from(u8::from(*b)),
                _ => xpath_number(&text),
            };
            Found::Scalar {
                text,
                number,
                boolean: v.boolean(),
            }
        }
    })
}

impl XPathUdf {
    fn eval(&self, a: &[ArrayRef]) -> DFResult<ArrayRef> {
        let a = a
            .iter()
            .map(|x| datafusion::arrow::compute::cast(x, &DataType::Utf8))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let (Some(x), Some(p)) = (a[0].as_string_opt::<i32>(), a[1].as_string_opt::<i32>()) else {
            return exec_err!("xpath expects strings");
        };
        let mut found = Vec::with_capacity(x.len());
        for i in 0..x.len() {
            found.push(if x.is_null(i) || p.is_null(i) {
                None
            } else {
                Some(evaluate(x.value(i), p.value(i), self.kind)?)
            });
        }
        let scalar = |f: &Option<Found>| match f {
            Some(Found::Scalar {
                text,
                number,
                boolean,
            }) => Some((text.clone(), *number, *boolean)),
            _ => None,
        };
        Ok(match self.kind {
            Kind::List => {
                let mut b = ListBuilder::new(StringBuilder::new())
                    .with_field(Arc::new(Field::new("element", DataType::Utf8, true)));
                for f in &found {
                    match f {
                        Some(Found::Nodes(values)) => {
                            for v in values {
                                b.values().append_option(v.as_deref());
                            }
                            b.append(true);
                        }
                        _ => b.append(false),
                    }
                }
                Arc::new(b.finish())
            }
            Kind::Text => Arc::new(
                found
                    .iter()
                    .map(|f| scalar(f).map(|s| s.0))
                    .collect::<StringArray>(),
            ),
            Kind::Boolean => Arc::new(
                found
                    .iter()
                    .map(|f| scalar(f).map(|s| s.2))
                    .collect::<BooleanArray>(),
            ),
            Kind::Double => Arc::new(
                found
                    .iter()
                    .map(|f| scalar(f).map(|s| s.1))
                    .collect::<Float64Array>(),
            ),
            Kind::Float => Arc::new(
                found
                    .iter()
                    .map(|f| scalar(f).map(|s| s.1 as f32))
                    .collect::<Float32Array>(),
            ),
            // Java's narrowing of a double: NaN is 0, out of range saturates.
            Kind::Int => Arc::new(
                found
                    .iter()
                    .map(|f| scalar(f).map(|s| s.1 as i32))
                    .collect::<Int32Array>(),
            ),
            Kind::Long => Arc::new(
                found
                    .iter()
                    .map(|f| scalar(f).map(|s| s.1 as i64))
                    .collect::<Int64Array>(),
            ),
            Kind::Short => Arc::new(
                found
                    .iter()
                    .map(|f| scalar(f).map(|s| s.1 as i32 as i16))
                    .collect::<Int16Array>(),
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xpath_values() {
        let x = "<a><b>1</b><b>2</b><c>x</c></a>";
        match evaluate(x, "a/b/text()", Kind::List).unwrap() {
            Found::Nodes(v) => assert_eq!(v, vec![Some("1".into()), Some("2".into())]),
            _ => panic!("nodes"),
        }
        match evaluate(x, "sum(a/b)", Kind::Int).unwrap() {
            Found::Scalar { number, .. } => assert_eq!(number, 3.0),
            _ => panic!("scalar"),
        }
    }
}
