//! `reflect`, `java_method` and `try_reflect` without a JVM: the static Java
//! methods Spark's documentation uses (`java.util.UUID`, `java.lang.Math`,
//! number parsing and formatting, URL coding) computed as Java computes
//! them; any other class or method is Spark's analysis error. Also the
//! input-file functions, which give `''`/-1 for rows not read from files.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, StringBuilder};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Result as DFResult, ScalarValue};
use datafusion::logical_expr::{
    ColumnarValue, Expr as DFExpr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};

use super::{call_name, Builder};
use crate::error::{to_df_error, ErrorKind, Result, SparkError};
use crate::format::{java_double, java_float};
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("reflect", reflect),
    ("java_method", reflect),
    ("try_reflect", reflect),
    ("input_file_name", input_file),
    ("input_file_block_start", input_file),
    ("input_file_block_length", input_file),
    ("spark_partition_id", partition_bound),
    ("monotonically_increasing_id", partition_bound),
];

fn mismatch(name: &str, sub: &str, text: String) -> SparkError {
    SparkError::datatype_mismatch(sub, name, text)
}

fn literal_string(a: &Resolved) -> Option<String> {
    match &a.expr {
        DFExpr::Literal(ScalarValue::Utf8(Some(s)), _)
        | DFExpr::Literal(ScalarValue::LargeUtf8(Some(s)), _)
        | DFExpr::Literal(ScalarValue::Utf8View(Some(s)), _) => Some(s.clone()),
        _ => None,
    }
}

/// The Java type letter of a Spark type, as Spark's reflection maps them.
fn java_letter(t: &SparkType) -> Option<char> {
    Some(match t {
        SparkType::Boolean => 'Z',
        SparkType::Byte => 'B',
        SparkType::Short => 'S',
        SparkType::Integer => 'I',
        SparkType::Long => 'J',
        SparkType::Float => 'F',
        SparkType::Double => 'D',
        SparkType::String | SparkType::Char(_) | SparkType::Varchar(_) => 'T',
        _ => return None,
    })
}

const CLASSES: &[&str] = &[
    "java.util.UUID",
    "java.lang.Math",
    "java.lang.String",
    "java.lang.Integer",
    "java.lang.Long",
    "java.lang.Double",
    "java.lang.Boolean",
    "java.net.URLDecoder",
    "java.net.URLEncoder",
    "scala.Predef",
];

/// Whether `class.method(sig)` is a static method computed here.
fn supported(class: &str, method: &str, sig: &str) -> bool {
    const UNARY_D: &[&str] = &[
        "sqrt",
        "cbrt",
        "exp",
        "log",
        "log10",
        "log1p",
        "expm1",
        "sin",
        "cos",
        "tan",
        "asin",
        "acos",
        "atan",
        "sinh",
        "cosh",
        "tanh",
        "ceil",
        "floor",
        "rint",
        "signum",
        "toDegrees",
        "toRadians",
    ];
    match class {
        "java.util.UUID" => matches!((method, sig), ("randomUUID", "") | ("fromString", "T")),
        "java.lang.Math" => match method {
            "abs" => matches!(sig, "I" | "J" | "F" | "D"),
            "max" | "min" => matches!(sig, "II" | "JJ" | "FF" | "DD"),
            "pow" | "atan2" | "hypot" => sig == "DD",
            "floorDiv" | "floorMod" => matches!(sig, "II" | "JJ"),
            m => UNARY_D.contains(&m) && sig == "D",
        },
        "java.lang.String" => method == "valueOf" && matches!(sig, "Z" | "I" | "J" | "F" | "D"),
        "java.lang.Integer" => match method {
            "parseInt" => sig == "T",
            "toHexString" | "toBinaryString" | "toOctalString" | "toString" => sig == "I",
            _ => false,
        },
        "java.lang.Long" => match method {
            "parseLong" => sig == "T",
            "toHexString" | "toBinaryString" | "toOctalString" | "toString" => sig == "J",
            _ => false,
        },
        "java.lang.Double" => matches!((method, sig), ("parseDouble", "T") | ("toString", "D")),
        "java.lang.Boolean" => matches!((method, sig), ("parseBoolean", "T")),
        "java.net.URLDecoder" => method == "decode" && matches!(sig, "T" | "TT"),
        "java.net.URLEncoder" => method == "encode" && matches!(sig, "T" | "TT"),
        "scala.Predef" => method == "require" && sig == "Z",
        _ => false,
    }
}

fn reflect(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let key = name.to_lowercase();
    let out_name = call_name(&key, &args);
    if args.len() < 2 {
        super::arity(&key, &args, &[2])?;
    }
    let (Some(class), Some(method)) = (literal_string(&args[0]), literal_string(&args[1])) else {
        return Err(mismatch(
            &out_name,
            "NON_FOLDABLE_INPUT",
            "the class and method names must be foldable string expressions".into(),
        ));
    };
    let mut sig = String::new();
    let ordinals = ["third", "fourth", "fifth", "sixth", "seventh", "eighth"];
    for (i, a) in args[2..].iter().enumerate() {
        let t = a.spark_type()?;
        match java_letter(&t) {
            Some(c) => sig.push(c),
            None => {
                let nth = ordinals.get(i).copied().unwrap_or("next");
                return Err(SparkError::new(
                    ErrorKind::Analysis,
                    "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                    "42K09",
                    format!(
                        "Cannot resolve \"{out_name}\" due to data type mismatch: The {nth} parameter requires the (\"BOOLEAN\" or \"TINYINT\" or \"SMALLINT\" or \"INT\" or \"BIGINT\" or \"FLOAT\" or \"DOUBLE\" or \"STRING\") type, however \"{}\" has the type \"{}\".",
                        a.name,
                        t.sql_name()
                    ),
                    &[("sqlExpr", format!("\"{out_name}\""))],
                ));
            }
        }
    }
    if !CLASSES.contains(&class.as_str()) {
        return Err(mismatch(
            &out_name,
            "UNEXPECTED_CLASS_TYPE",
            format!("class {class} not found."),
        ));
    }
    if !supported(&class, &method, &sig) {
        return Err(mismatch(
            &out_name,
            "UNEXPECTED_STATIC_METHOD",
            format!(
                "cannot find a static method {method} that matches the argument types in {class}."
            ),
        ));
    }
    let volatility = if method == "randomUUID" {
        Volatility::Volatile
    } else {
        Volatility::Immutable
    };
    let values: Vec<DFExpr> = args.into_iter().skip(2).map(|a| a.expr).collect();
    let signature = if values.is_empty() {
        Signature::nullary(volatility)
    } else {
        Signature::any(values.len(), volatility)
    };
    let udf = ScalarUDF::new_from_impl(JavaStatic {
        name: key.clone(),
        class,
        method,
        lenient: key == "try_reflect",
        signature,
    });
    r.make(udf.call(values), out_name)
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct JavaStatic {
    name: String,
    class: String,
    method: String,
    /// try_reflect: an exception gives NULL.
    lenient: bool,
    signature: Signature,
}

impl ScalarUDFImpl for JavaStatic {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _: &[DataType]) -> DFResult<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        let rows = args.number_rows;
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let mut b = StringBuilder::with_capacity(rows, rows * 8);
        for i in 0..rows {
            let row = arrays
                .iter()
                .map(|a: &ArrayRef| {
                    let idx = if a.len() == rows { i } else { 0 };
                    ScalarValue::try_from_array(a, idx)
                })
                .collect::<DFResult<Vec<_>>>()?;
            match invoke(&self.class, &self.method, &row) {
                Ok(v) => b.append_option(v),
                Err(_) if self.lenient => b.append_null(),
                Err(e) => return Err(to_df_error(SparkError::plain(ErrorKind::SparkRuntime, e))),
            }
        }
        Ok(ColumnarValue::Array(Arc::new(b.finish())))
    }
}

/// A Java exception's `toString`.
type Thrown = String;

fn int(v: &ScalarValue) -> std::result::Result<i64, Thrown> {
    match v {
        ScalarValue::Int8(Some(x)) => Ok(i64::from(*x)),
        ScalarValue::Int16(Some(x)) => Ok(i64::from(*x)),
        ScalarValue::Int32(Some(x)) => Ok(i64::from(*x)),
        ScalarValue::Int64(Some(x)) => Ok(*x),
        _ => Err("java.lang.NullPointerException".into()),
    }
}

fn dbl(v: &ScalarValue) -> std::result::Result<f64, Thrown> {
    match v {
        ScalarValue::Float32(Some(x)) => Ok(f64::from(*x)),
        ScalarValue::Float64(Some(x)) => Ok(*x),
        _ => Err("java.lang.NullPointerException".into()),
    }
}

fn text(v: &ScalarValue) -> std::result::Result<String, Thrown> {
    match v {
        ScalarValue::Utf8(Some(s))
        | ScalarValue::LargeUtf8(Some(s))
        | ScalarValue::Utf8View(Some(s)) => Ok(s.clone()),
        _ => Err("java.lang.NullPointerException".into()),
    }
}

/// `String.valueOf` of a number or boolean argument.
fn value_of(v: &ScalarValue) -> std::result::Result<String, Thrown> {
    match v {
        ScalarValue::Float32(Some(x)) => Ok(java_float(*x)),
        ScalarValue::Float64(Some(x)) => Ok(java_double(*x)),
        ScalarValue::Boolean(Some(x)) => Ok(x.to_string()),
        other => int(other).map(|x| x.to_string()),
    }
}

fn invoke(
    class: &str,
    method: &str,
    a: &[ScalarValue],
) -> std::result::Result<Option<String>, Thrown> {
    let is_int = matches!(a.first(), Some(ScalarValue::Int32(_)));
    let is_float = matches!(a.first(), Some(ScalarValue::Float32(_)));
    let is_double = matches!(a.first(), Some(ScalarValue::Float64(_)));
    let float_out = |x: f64| {
        if is_float {
            java_float(x as f32)
        } else {
            java_double(x)
        }
    };
    let out = match (class, method) {
        ("java.util.UUID", "randomUUID") => random_uuid(),
        ("java.util.UUID", "fromString") => uuid_from_string(&text(&a[0])?)?,
        ("java.lang.Math", "abs") if is_float || is_double => float_out(dbl(&a[0])?.abs()),
        ("java.lang.Math", "abs") if is_int => (int(&a[0])? as i32).wrapping_abs().to_string(),
        ("java.lang.Math", "abs") => int(&a[0])?.wrapping_abs().to_string(),
        ("java.lang.Math", "max" | "min") if is_float || is_double => {
            let (x, y) = (dbl(&a[0])?, dbl(&a[1])?);
            let v = if x.is_nan() || y.is_nan() {
                f64::NAN
            } else if method == "max" {
                x.max(y)
            } else {
                x.min(y)
            };
            float_out(v)
        }
        ("java.lang.Math", "max") => int(&a[0])?.max(int(&a[1])?).to_string(),
        ("java.lang.Math", "min") => int(&a[0])?.min(int(&a[1])?).to_string(),
        ("java.lang.Math", "floorDiv" | "floorMod") => {
            let (x, y) = (int(&a[0])?, int(&a[1])?);
            if y == 0 {
                return Err("java.lang.ArithmeticException: / by zero".into());
            }
            let mut floor = x.wrapping_div(y);
            if x % y != 0 && ((x ^ y) < 0) {
                floor -= 1;
            }
            if method == "floorDiv" {
                floor.to_string()
            } else {
                (x - floor * y).to_string()
            }
        }
        ("java.lang.Math", "pow") => java_double(dbl(&a[0])?.powf(dbl(&a[1])?)),
        ("java.lang.Math", "atan2") => java_double(dbl(&a[0])?.atan2(dbl(&a[1])?)),
        ("java.lang.Math", "hypot") => java_double(dbl(&a[0])?.hypot(dbl(&a[1])?)),
        ("java.lang.Math", m) => {
            let x = dbl(&a[0])?;
            java_double(match m {
                "sqrt" => x.sqrt(),
                "cbrt" => x.cbrt(),
                "exp" => x.exp(),
                "log" => x.ln(),
                "log10" => x.log10(),
                "log1p" => x.ln_1p(),
                "expm1" => x.exp_m1(),
                "sin" => x.sin(),
                "cos" => x.cos(),
                "tan" => x.tan(),
                "asin" => x.asin(),
                "acos" => x.acos(),
                "atan" => x.atan(),
                "sinh" => x.sinh(),
                "cosh" => x.cosh(),
                "tanh" => x.tanh(),
                "ceil" => x.ceil(),
                "floor" => x.floor(),
                "rint" => x.round_ties_even(),
                "signum" => {
                    if x == 0.0 || x.is_nan() {
                        x
                    } else {
                        x.signum()
                    }
                }
                "toDegrees" => x.to_degrees(),
                _ => x.to_radians(),
            })
        }
        ("java.lang.String", "valueOf") => value_of(&a[0])?,
        ("java.lang.Integer" | "java.lang.Long", "parseInt" | "parseLong") => {
            let s = text(&a[0])?;
            let parsed = if method == "parseInt" {
                s.parse::<i32>().map(i64::from).ok()
            } else {
                s.parse::<i64>().ok()
            };
            let shown = if s.is_empty() {
                String::new()
            } else {
                format!("\"{s}\"")
            };
            match parsed {
                Some(v) if !s.starts_with('+') || s.len() > 1 => v.to_string(),
                _ => {
                    return Err(format!(
                        "java.lang.NumberFormatException: For input string: {shown}"
                    ))
                }
            }
        }
        ("java.lang.Integer", m) => {
            let v = int(&a[0])? as i32;
            let u = v as u32;
            match m {
                "toHexString" => format!("{u:x}"),
                "toBinaryString" => format!("{u:b}"),
                "toOctalString" => format!("{u:o}"),
                _ => v.to_string(),
            }
        }
        ("java.lang.Long", m) => {
            let v = int(&a[0])?;
            let u = v as u64;
            match m {
                "toHexString" => format!("{u:x}"),
                "toBinaryString" => format!("{u:b}"),
                "toOctalString" => format!("{u:o}"),
                _ => v.to_string(),
            }
        }
        ("java.lang.Double", "parseDouble") => {
            let s = text(&a[0])?;
            let t = s.trim();
            let t = t.strip_suffix(['d', 'D', 'f', 'F']).unwrap_or(t);
            match t.parse::<f64>() {
                Ok(v) if !t.eq_ignore_ascii_case("inf") && !t.eq_ignore_ascii_case("nan") => {
                    java_double(v)
                }
                _ if t == "NaN" => "NaN".into(),
                _ if t == "Infinity" || t == "+Infinity" => "Infinity".into(),
                _ if t == "-Infinity" => "-Infinity".into(),
                _ => {
                    return Err(format!(
                        "java.lang.NumberFormatException: For input string: \"{s}\""
                    ))
                }
            }
        }
        ("java.lang.Double", _) => java_double(dbl(&a[0])?),
        ("java.lang.Boolean", _) => text(&a[0])
            .map(|s| s.eq_ignore_ascii_case("true"))
            .unwrap_or(false)
            .to_string(),
        ("scala.Predef", _) => match a[0] {
            ScalarValue::Boolean(Some(true)) => return Ok(None),
            _ => return Err("java.lang.IllegalArgumentException: requirement failed".into()),
        },
        ("java.net.URLDecoder", _) => url_decode(&text(&a[0])?, &charset(a)?)?,
        ("java.net.URLEncoder", _) => url_encode(&text(&a[0])?, &charset(a)?)?,
        _ => return Err(format!("java.lang.NoSuchMethodException: {class}.{method}")),
    };
    Ok(Some(out))
}

/// The charset argument of URL coding; the platform's (UTF-8) when left out.
fn charset(a: &[ScalarValue]) -> std::result::Result<String, Thrown> {
    a.get(1).map_or(Ok("UTF-8".to_string()), text)
}

fn check_charset(enc: &str) -> std::result::Result<(), Thrown> {
    if matches!(
        enc.to_ascii_uppercase().replace('_', "-").as_str(),
        "UTF-8" | "UTF8"
    ) {
        Ok(())
    } else {
        Err(format!("java.io.UnsupportedEncodingException: {enc}"))
    }
}

/// `URLDecoder.decode(s, "UTF-8")`: `+` is a space, `%xy` a byte.
fn url_decode(s: &str, enc: &str) -> std::result::Result<String, Thrown> {
    check_charset(enc)?;
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hex = s.get(i + 1..i + 3).filter(|h| h.len() == 2);
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => out.push(b),
                    None => {
                        return Err("java.lang.IllegalArgumentException: URLDecoder: Incomplete trailing escape (%) pattern".into())
                    }
                }
                i += 3;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// `URLEncoder.encode(s, "UTF-8")`: letters, digits and `.-*_` kept, space
/// as `+`, every other byte `%XY`.
fn url_encode(s: &str, enc: &str) -> std::result::Result<String, Thrown> {
    check_charset(enc)?;
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'*' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    Ok(out)
}

/// `UUID.fromString(s).toString()`: five dash-separated hex groups.
fn uuid_from_string(s: &str) -> std::result::Result<String, Thrown> {
    let bad = || format!("java.lang.IllegalArgumentException: Invalid UUID string: {s}");
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 5 || s.len() > 36 {
        return Err(bad());
    }
    let widths = [8usize, 4, 4, 4, 12];
    let mut out = Vec::with_capacity(5);
    for (p, w) in parts.iter().zip(widths) {
        if p.is_empty() || p.len() > w {
            return Err(bad());
        }
        let v = u64::from_str_radix(p, 16).map_err(|_| bad())?;
        out.push(format!("{v:0w$x}"));
    }
    Ok(out.join("-"))
}

static UUID_STATE: AtomicU64 = AtomicU64::new(0);

fn next_random() -> u64 {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let mut z = UUID_STATE
        .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
        .wrapping_add(seed);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A random (version 4) UUID.
fn random_uuid() -> String {
    let hi = (next_random() & !0xF000) | 0x4000;
    let lo = (next_random() & !(0b11 << 62)) | (0b10 << 62);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xFFFF,
        hi & 0xFFFF,
        lo >> 48,
        lo & 0xFFFF_FFFF_FFFF
    )
}

/// Whether the frame reads files (whose names and blocks Ember does not track).
fn reads_files(r: &Resolver) -> bool {
    use datafusion::common::tree_node::{TreeNode, TreeNodeRecursion};
    use datafusion::logical_expr::LogicalPlan;
    let mut files = false;
    let _ = r.frame.plan.apply(|node| {
        if let LogicalPlan::TableScan(scan) = node {
            if let Ok(p) = datafusion::datasource::source_as_provider(&scan.source) {
                if p.is::<datafusion::datasource::listing::ListingTable>() {
                    files = true;
                    return Ok(TreeNodeRecursion::Stop);
                }
            }
        }
        Ok(TreeNodeRecursion::Continue)
    });
    files
}

fn input_file(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let key = name.to_lowercase();
    super::arity(&key, &args, &[0])?;
    if reads_files(r) {
        return Err(SparkError::not_implemented(&format!(
            "{key} on a file scan"
        )));
    }
    let value = if key == "input_file_name" {
        ScalarValue::Utf8(Some(String::new()))
    } else {
        ScalarValue::Int64(Some(-1))
    };
    r.make(DFExpr::Literal(value, None), format!("{key}()"))
}

/// The partition's index or Spark's row id: hidden columns that
/// `select`/`withColumn` add to a frame that uses these functions.
fn partition_bound(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lower = name.to_lowercase();
    if !args.is_empty() {
        return Err(SparkError::new(
            ErrorKind::Analysis,
            "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
            "42605",
            format!(
                "The `{lower}` requires 0 parameters but the actual number is {}.",
                args.len()
            ),
            &[],
        ));
    }
    let (hidden, shown) = if lower == "spark_partition_id" {
        (
            crate::plan::partition_id::PARTITION_ID,
            "SPARK_PARTITION_ID()",
        )
    } else {
        (
            crate::plan::partition_id::MONOTONIC_ID,
            "monotonically_increasing_id()",
        )
    };
    let column = crate::expr::Expr::Column {
        name: hidden.to_string(),
        plan_id: None,
    };
    let resolved = r.resolve(&column).map_err(|_| {
        SparkError::not_implemented(&format!("{lower} outside select and withColumn"))
    })?;
    r.make(resolved.expr, shown.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_text_is_normalised() {
        assert_eq!(
            uuid_from_string("A5CF6C42-0c85-418f-af6c-3e4e5b1328f2").ok(),
            Some("a5cf6c42-0c85-418f-af6c-3e4e5b1328f2".to_string())
        );
        assert!(uuid_from_string("bad").is_err());
        assert_eq!(random_uuid().len(), 36);
    }

    #[test]
    fn url_coding_follows_java() {
        assert_eq!(url_decode("%2Fa+b", "UTF-8").ok(), Some("/a b".to_string()));
        assert!(url_decode("%", "UTF-8").is_err());
        assert_eq!(
            url_encode("a b/c", "UTF-8").ok(),
            Some("a+b%2Fc".to_string())
        );
    }
}
