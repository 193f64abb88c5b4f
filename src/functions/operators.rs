//! Operators: arithmetic, comparison, boolean, bitwise, null tests, IN, LIKE.

use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::functions::core::expr_fn as core_fn;
use datafusion::logical_expr::{binary_expr, Expr as DFExpr, Operator};

use super::udfs;
use super::{arity, call_name, Builder};
use crate::error::{Result, SparkError};
use crate::plan::coerce::{self, bounded_decimal, cast_plain, wider_numeric};
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("+", arith),
    ("-", minus),
    ("*", arith),
    ("/", divide),
    ("%", remainder),
    ("div", int_divide),
    ("negative", negative),
    ("=", compare),
    ("==", compare),
    ("<", compare),
    ("<=", compare),
    (">", compare),
    (">=", compare),
    ("!=", compare),
    ("<>", compare),
    ("<=>", null_safe_eq),
    ("and", boolean),
    ("or", boolean),
    ("!", not),
    ("not", not),
    ("&", bitwise),
    ("|", bitwise),
    ("^", bitwise),
    ("~", bitwise_not),
    ("isnull", is_null),
    ("isnotnull", is_null),
    ("isnan", is_nan),
    ("in", is_in),
    ("between", between),
    ("like", like),
    ("ilike", like),
    ("rlike", rlike),
    ("regexp", rlike),
    ("regexp_like", rlike),
    ("concat", concat),
];

fn concat(r: &Resolver, _name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let n = call_name("concat", &args);
    if !args.is_empty()
        && args
            .iter()
            .all(|a| matches!(a.data_type, DataType::List(_)))
    {
        // Arrays: one array, NULL when any is NULL.
        let any_null = args
            .iter()
            .map(|a| a.expr.clone().is_null())
            .reduce(|a, b| a.or(b))
            .ok_or_else(|| SparkError::internal("arity"))?;
        let t = args[0].data_type.clone();
        let joined = super::spec::df("array_concat", args.into_iter().map(|a| a.expr).collect())?;
        let e =
            datafusion::logical_expr::when(any_null, lit(ScalarValue::Null)).otherwise(joined)?;
        let e = crate::plan::coerce::cast_plain(e, &t);
        return r.make(e, n);
    }
    if !args.is_empty()
        && args
            .iter()
            .all(|a| matches!(a.data_type, DataType::Binary | DataType::BinaryView))
    {
        return super::string_more::concat_binary(r, args, n);
    }
    let mut acc: Option<DFExpr> = None;
    for a in args {
        let s = string_arg(r, a)?;
        acc = Some(match acc {
            None => s,
            Some(prev) => binary_expr(prev, Operator::StringConcat, s),
        });
    }
    let e = acc.unwrap_or(lit(ScalarValue::Utf8(Some(String::new()))));
    r.make(e, n)
}

fn lit(v: ScalarValue) -> DFExpr {
    DFExpr::Literal(v, None)
}

fn sym(name: &str) -> &str {
    match name {
        "==" => "=",
        "<>" => "!=",
        other => other,
    }
}

/// A string operand of arithmetic becomes a number (bigint beside an
/// integral operand under ANSI, double otherwise).
fn numeric_operand(r: &Resolver, x: Resolved, other: &SparkType) -> Result<(DFExpr, SparkType)> {
    let t = x.spark_type()?;
    if t.is_string() {
        let target = if r.settings.ansi && other.is_integral() {
            SparkType::Long
        } else {
            SparkType::Double
        };
        let e = coerce::cast(r, x, &target, r.settings.ansi)?;
        return Ok((e, target));
    }
    Ok((x.expr, t))
}

fn type_error(op: &str, l: &Resolved, r: &Resolved) -> Result<SparkError> {
    let (lt, rt) = (l.spark_type()?, r.spark_type()?);
    let expr = format!("({} {op} {})", l.name, r.name);
    Ok(if lt != rt {
        SparkError::datatype_mismatch(
            "BINARY_OP_DIFF_TYPES",
            &expr,
            format!(
                "the left and right operands of the binary operator have incompatible types (\"{}\" and \"{}\").",
                lt.sql_name(),
                rt.sql_name()
            ),
        )
    } else {
        SparkError::datatype_mismatch(
            "BINARY_OP_WRONG_TYPE",
            &expr,
            format!(
                "the binary operator requires the input type (\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\" or \"INTERVAL\"), not \"{}\".",
                lt.sql_name()
            ),
        )
    })
}

struct Operands {
    l: DFExpr,
    r: DFExpr,
    lt: SparkType,
    rt: SparkType,
    /// Decimal bounds of integer literal operands (Spark sizes a literal by its value).
    lb: Option<(u8, i8)>,
    rb: Option<(u8, i8)>,
}

/// `decimal(digits, 0)` for an integer literal, as Spark's decimal rules see it.
fn literal_bounds(x: &Resolved) -> Option<(u8, i8)> {
    let v: i128 = match &x.expr {
        DFExpr::Literal(ScalarValue::Int8(Some(v)), _) => *v as i128,
        DFExpr::Literal(ScalarValue::Int16(Some(v)), _) => *v as i128,
        DFExpr::Literal(ScalarValue::Int32(Some(v)), _) => *v as i128,
        DFExpr::Literal(ScalarValue::Int64(Some(v)), _) => *v as i128,
        _ => return None,
    };
    Some((v.unsigned_abs().to_string().len() as u8, 0))
}

/// Numeric widening; under ANSI an int or bigint meeting a float gives double.
fn wider(r: &Resolver, a: &SparkType, b: &SparkType) -> SparkType {
    use SparkType as T;
    if r.settings.ansi {
        if let (T::Float, T::Integer | T::Long) | (T::Integer | T::Long, T::Float) = (a, b) {
            return T::Double;
        }
    }
    wider_numeric(a, b)
}

fn operands(r: &Resolver, op: &str, args: Vec<Resolved>) -> Result<(Operands, String)> {
    arity(op, &args, &[2])?;
    let mut it = args.into_iter();
    let (Some(a), Some(b)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("operator needs two operands"));
    };
    let name = format!("({} {op} {})", a.name, b.name);
    let (at, bt) = (a.spark_type()?, b.spark_type()?);
    let ok = |t: &SparkType| t.is_numeric() || t.is_string() || matches!(t, SparkType::Null);
    if !ok(&at) || !ok(&bt) || (at.is_string() && bt.is_string()) && op != "+" {
        return Err(type_error(op, &a, &b)?);
    }
    let (lb, rb) = (literal_bounds(&a), literal_bounds(&b));
    let (l, lt) = numeric_operand(r, a, &bt)?;
    let (rr, rt) = numeric_operand(r, b, &lt)?;
    let (l, lt) = null_as(l, lt, &rt);
    let (rr, rt) = null_as(rr, rt, &lt);
    Ok((
        Operands {
            l,
            r: rr,
            lt,
            rt,
            lb,
            rb,
        },
        name,
    ))
}

fn null_as(e: DFExpr, t: SparkType, other: &SparkType) -> (DFExpr, SparkType) {
    if matches!(t, SparkType::Null) {
        let target = if matches!(other, SparkType::Null) {
            SparkType::Integer
        } else {
            other.clone()
        };
        (cast_plain(e, &target.to_arrow()), target)
    } else {
        (e, t)
    }
}

fn operator_of(op: &str) -> Operator {
    match op {
        "+" => Operator::Plus,
        "-" => Operator::Minus,
        "*" => Operator::Multiply,
        "/" => Operator::Divide,
        "%" => Operator::Modulo,
        "=" => Operator::Eq,
        "!=" => Operator::NotEq,
        "<" => Operator::Lt,
        "<=" => Operator::LtEq,
        ">" => Operator::Gt,
        ">=" => Operator::GtEq,
        "and" => Operator::And,
        "or" => Operator::Or,
        "&" => Operator::BitwiseAnd,
        "|" => Operator::BitwiseOr,
        _ => Operator::BitwiseXor,
    }
}

fn minus(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    if args.len() == 1 {
        let a = args
            .into_iter()
            .next()
            .ok_or_else(|| SparkError::internal("arity"))?;
        let n = format!("(- {})", a.name);
        let mut out = negative(r, "negative", vec![a])?;
        out.name = n;
        return Ok(out);
    }
    arith(r, name, args)
}

fn arith(r: &Resolver, op: &str, args: Vec<Resolved>) -> Result<Resolved> {
    if let Some(out) = super::datetime::arithmetic(r, op, &args)? {
        return Ok(out);
    }
    let (o, name) = operands(r, op, args)?;
    let op_kind = operator_of(op);
    if o.lt.is_integral() && o.rt.is_integral() {
        let t = wider(r, &o.lt, &o.rt).to_arrow();
        let (l, rr) = (cast_plain(o.l, &t), cast_plain(o.r, &t));
        let e = if r.settings.ansi {
            udfs::checked_arith(op, l, rr)
        } else {
            binary_expr(l, op_kind, rr)
        };
        return r.make(e, name);
    }
    if let (Some((p1, s1)), Some((p2, s2))) = (
        o.lb.or(o.lt.decimal_bounds()),
        o.rb.or(o.rt.decimal_bounds()),
    ) {
        let (p1, s1, p2, s2) = (p1 as i16, s1 as i16, p2 as i16, s2 as i16);
        let result = match op {
            "*" => bounded_decimal(p1 + p2 + 1, s1 + s2),
            _ => {
                let scale = s1.max(s2);
                bounded_decimal((p1 - s1).max(p2 - s2) + scale + 1, scale)
            }
        };
        let l = cast_plain(o.l, &SparkType::Decimal(p1 as u8, s1 as i8).to_arrow());
        let rr = cast_plain(o.r, &SparkType::Decimal(p2 as u8, s2 as i8).to_arrow());
        let mut e = cast_plain(binary_expr(l, op_kind, rr), &result.to_arrow());
        if matches!(result, SparkType::Decimal(38, _)) {
            e = udfs::decimal_check(e, r.settings.ansi);
        }
        return r.make(e, name);
    }
    let t = wider(r, &o.lt, &o.rt).to_arrow();
    let e = binary_expr(cast_plain(o.l, &t), op_kind, cast_plain(o.r, &t));
    r.make(e, name)
}

/// `x` unchanged, or an error (ANSI) / NULL (otherwise) where it is zero.
fn guard_zero(r: &Resolver, x: DFExpr, t: &DataType, remainder: bool) -> DFExpr {
    if r.settings.ansi {
        udfs::check_nonzero(x, remainder)
    } else {
        let zero = ScalarValue::new_zero(t).unwrap_or(ScalarValue::Int32(Some(0)));
        core_fn::nullif(x, lit(zero))
    }
}

fn divide(r: &Resolver, op: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (o, name) = operands(r, op, args)?;
    let decimal = matches!(o.lt, SparkType::Decimal(..)) || matches!(o.rt, SparkType::Decimal(..));
    if decimal && !o.lt.is_fractional() && !o.rt.is_fractional() {
        let (Some((p1, s1)), Some((p2, s2))) = (
            o.lb.or(o.lt.decimal_bounds()),
            o.rb.or(o.rt.decimal_bounds()),
        ) else {
            return Err(SparkError::internal("decimal bounds"));
        };
        let (p1, s1, p2, s2) = (p1 as i16, s1 as i16, p2 as i16, s2 as i16);
        let scale = 6.max(s1 + p2 + 1);
        let result = bounded_decimal(p1 - s1 + s2 + scale, scale);
        let lt = SparkType::Decimal(p1 as u8, s1 as i8).to_arrow();
        let rt = SparkType::Decimal(p2 as u8, s2 as i8).to_arrow();
        let right = guard_zero(r, cast_plain(o.r, &rt), &rt, false);
        // Widen the dividend's scale so DataFusion keeps the result's digits.
        let wide = bounded_decimal(38, (scale + s2).min(38 - (p1 - s1)));
        let e = binary_expr(
            cast_plain(cast_plain(o.l, &lt), &wide.to_arrow()),
            Operator::Divide,
            right,
        );
        return r.make(cast_plain(e, &result.to_arrow()), name);
    }
    let t = DataType::Float64;
    let right = guard_zero(r, cast_plain(o.r, &t), &t, false);
    let e = binary_expr(cast_plain(o.l, &t), Operator::Divide, right);
    r.make(e, name)
}

fn remainder(r: &Resolver, op: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (o, name) = operands(r, op, args)?;
    let t = wider(r, &o.lt, &o.rt).to_arrow();
    let right = guard_zero(r, cast_plain(o.r, &t), &t, true);
    let e = binary_expr(cast_plain(o.l, &t), Operator::Modulo, right);
    r.make(e, name)
}

/// `a div b`: integral division, as a bigint.
fn int_divide(r: &Resolver, op: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (o, name) = operands(r, op, args)?;
    let t = DataType::Int64;
    let (l, rr) = if o.lt.is_integral() && o.rt.is_integral() {
        (cast_plain(o.l, &t), cast_plain(o.r, &t))
    } else {
        // Non-integral operands divide exactly, then truncate.
        let f = DataType::Float64;
        let q = binary_expr(
            cast_plain(o.l, &f),
            Operator::Divide,
            guard_zero(r, cast_plain(o.r.clone(), &f), &f, false),
        );
        let e = cast_plain(datafusion::functions::math::expr_fn::trunc(vec![q]), &t);
        return r.make(e, name);
    };
    let right = guard_zero(r, rr, &t, false);
    r.make(binary_expr(l, Operator::Divide, right), name)
}

fn negative(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[1])?;
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    let n = call_name("negative", std::slice::from_ref(&a));
    let t = a.spark_type()?;
    if !t.is_numeric()
        && !matches!(
            t,
            SparkType::DayTimeInterval(..) | SparkType::YearMonthInterval(..)
        )
    {
        return Err(SparkError::datatype_mismatch(
            "UNEXPECTED_INPUT_TYPE",
            &n,
            format!(
                "The first parameter requires the (\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\" or \"INTERVAL\") type, however \"{}\" has the type \"{}\".",
                a.name,
                t.sql_name()
            ),
        ));
    }
    let e = if r.settings.ansi && t.is_integral() {
        let zero = ScalarValue::new_zero(&a.data_type).unwrap_or(ScalarValue::Int32(Some(0)));
        udfs::checked_arith("n", lit(zero), a.expr)
    } else {
        DFExpr::Negative(Box::new(a.expr))
    };
    r.make(e, n)
}

fn compare(r: &Resolver, op: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(op, &args, &[2])?;
    let op = sym(op);
    let mut it = args.into_iter();
    let (Some(a), Some(b)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let shown = if op == "!=" { "=" } else { op };
    let mut name = format!("({} {shown} {})", a.name, b.name);
    if op == "!=" {
        name = format!("(NOT {name})");
    }
    let (l, rr) = coerce::comparison_operands(r, a, b, shown)?;
    r.make(binary_expr(l, operator_of(op), rr), name)
}

fn null_safe_eq(r: &Resolver, op: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(op, &args, &[2])?;
    let mut it = args.into_iter();
    let (Some(a), Some(b)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let name = format!("({} <=> {})", a.name, b.name);
    let (l, rr) = coerce::comparison_operands(r, a, b, "<=>")?;
    r.make(binary_expr(l, Operator::IsNotDistinctFrom, rr), name)
}

fn boolean(r: &Resolver, op: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(op, &args, &[2])?;
    let mut it = args.into_iter();
    let (Some(a), Some(b)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let upper = op.to_uppercase();
    let name = format!("({} {upper} {})", a.name, b.name);
    let a = coerce::to_boolean(r, a, &upper)?;
    let b = coerce::to_boolean(r, b, &upper)?;
    r.make(binary_expr(a.expr, operator_of(op), b.expr), name)
}

fn not(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[1])?;
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    let n = format!("(NOT {})", a.name);
    let a = coerce::to_boolean(r, a, "NOT")?;
    r.make(DFExpr::Not(Box::new(a.expr)), n)
}

fn bitwise(r: &Resolver, op: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(op, &args, &[2])?;
    let mut it = args.into_iter();
    let (Some(a), Some(b)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let name = format!("({} {op} {})", a.name, b.name);
    let (at, bt) = (a.spark_type()?, b.spark_type()?);
    if !at.is_integral() || !bt.is_integral() {
        return Err(type_error(op, &a, &b)?);
    }
    let t = wider_numeric(&at, &bt).to_arrow();
    let e = binary_expr(
        cast_plain(a.expr, &t),
        operator_of(op),
        cast_plain(b.expr, &t),
    );
    r.make(e, name)
}

fn bitwise_not(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[1])?;
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    let n = format!("~{}", a.name);
    let minus_one = ScalarValue::try_from(&a.data_type)
        .ok()
        .and_then(|_| ScalarValue::new_negative_one(&a.data_type).ok())
        .unwrap_or(ScalarValue::Int64(Some(-1)));
    let e = binary_expr(a.expr, Operator::BitwiseXor, lit(minus_one));
    r.make(e, n)
}

fn is_null(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[1])?;
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    if name.eq_ignore_ascii_case("isnull") {
        let n = format!("({} IS NULL)", a.name);
        r.make(a.expr.is_null(), n)
    } else {
        let n = format!("({} IS NOT NULL)", a.name);
        r.make(a.expr.is_not_null(), n)
    }
}

fn is_nan(r: &Resolver, _name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity("isnan", &args, &[1])?;
    let n = call_name("isnan", &args);
    let a = args
        .into_iter()
        .next()
        .ok_or_else(|| SparkError::internal("arity"))?;
    let e = match a.data_type {
        DataType::Float32 | DataType::Float64 => {
            datafusion::functions::math::expr_fn::isnan(a.expr)
        }
        _ => {
            let f = cast_plain(a.expr, &DataType::Float64);
            datafusion::functions::math::expr_fn::isnan(f)
        }
    };
    // isnan(NULL) is false in Spark.
    let e = core_fn::coalesce(vec![e, lit(ScalarValue::Boolean(Some(false)))]);
    r.make(e, n)
}

fn is_in(r: &Resolver, _name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let mut it = args.into_iter();
    let value = it
        .next()
        .ok_or_else(|| SparkError::internal("in needs a value"))?;
    let list: Vec<Resolved> = it.collect();
    let name = format!(
        "({} IN ({}))",
        value.name,
        list.iter()
            .map(|x| x.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut all: Vec<&Resolved> = vec![&value];
    all.extend(list.iter());
    let target = coerce::common_type(&all, "IN")?;
    let v = coerce::implicit(r, value, &target)?;
    let items = list
        .into_iter()
        .map(|x| coerce::implicit(r, x, &target))
        .collect::<Result<Vec<_>>>()?;
    r.make(v.in_list(items, false), name)
}

fn between(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[3])?;
    let n = call_name("between", &args);
    let mut it = args.into_iter();
    let (Some(v), Some(lo), Some(hi)) = (it.next(), it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let ge = compare(r, ">=", vec![v.clone(), lo])?;
    let le = compare(r, "<=", vec![v, hi])?;
    r.make(binary_expr(ge.expr, Operator::And, le.expr), n)
}

fn string_arg(r: &Resolver, x: Resolved) -> Result<DFExpr> {
    let t = x.spark_type()?;
    if t.is_string() {
        Ok(x.expr)
    } else {
        coerce::cast(r, x, &SparkType::String, false)
    }
}

fn like(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[2, 3])?;
    let ci = name.eq_ignore_ascii_case("ilike");
    let n = if ci {
        call_name("ilike", &args[..2])
    } else {
        format!("{} LIKE {}", args[0].name, args[1].name)
    };
    let mut it = args.into_iter();
    let (Some(s), Some(p)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let escape = match it.next() {
        None => '\\',
        Some(c) => match &c.expr {
            DFExpr::Literal(
                ScalarValue::Utf8(Some(text))
                | ScalarValue::Utf8View(Some(text))
                | ScalarValue::LargeUtf8(Some(text)),
                _,
            ) => {
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(ch), None) => ch,
                    _ => {
                        return Err(SparkError::not_implemented(&format!(
                            "{name} with an escape that is not one character"
                        )))
                    }
                }
            }
            _ => {
                return Err(SparkError::not_implemented(&format!(
                    "{name} with a non-constant escape"
                )))
            }
        },
    };
    let mut pattern = string_arg(r, p)?;
    if escape != '\\' {
        // The engine escapes with a backslash only: rewrite a constant pattern.
        pattern = match &pattern {
            DFExpr::Literal(
                ScalarValue::Utf8(Some(t))
                | ScalarValue::Utf8View(Some(t))
                | ScalarValue::LargeUtf8(Some(t)),
                _,
            ) => lit(ScalarValue::Utf8(Some(backslash_escaped(t, escape)))),
            _ => {
                return Err(SparkError::not_implemented(&format!(
                    "{name} of a non-constant pattern with an escape other than backslash"
                )))
            }
        };
    }
    let e = DFExpr::Like(datafusion::logical_expr::expr::Like::new(
        false,
        Box::new(string_arg(r, s)?),
        Box::new(pattern),
        Some('\\'),
        ci,
    ));
    r.make(e, n)
}

/// A LIKE pattern escaped with `escape`, rewritten to escape with a backslash.
fn backslash_escaped(pattern: &str, escape: char) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == escape {
            if let Some(next) = chars.next() {
                if next != '%' && next != '_' && next != '\\' {
                    out.push(next);
                    continue;
                }
                out.push('\\');
                out.push(next);
                continue;
            }
            out.push(c);
        } else if c == '\\' {
            out.push_str("\\\\");
        } else {
            out.push(c);
        }
    }
    out
}

fn rlike(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(name, &args, &[2])?;
    let n = call_name(&name.to_uppercase(), &args);
    let mut it = args.into_iter();
    let (Some(s), Some(p)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let e = datafusion::functions::regex::expr_fn::regexp_like(
        string_arg(r, s)?,
        string_arg(r, p)?,
        None,
    );
    r.make(e, n)
}
