//! SQL expression text → Spark's unresolved expression tree.

use super::dialect::SparkDialect;
use datafusion::sql::sqlparser::ast::{
    self, BinaryOperator, CastKind, Expr as SqlExpr, FunctionArg, FunctionArgExpr,
    FunctionArguments, UnaryOperator, Value,
};
use datafusion::sql::sqlparser::parser::Parser;

use super::parse_error;
use crate::error::{Result, SparkError};
use crate::expr::{Expr, Literal};
use crate::types::SparkType;

/// Parses Spark SQL expression text (`F.expr`, `selectExpr`, `filter("...")`).
pub fn parse_expression(text: &str) -> Result<Expr> {
    if text.trim().is_empty() {
        return Err(super::empty_statement(text));
    }
    let dialect = SparkDialect::default();
    let rewritten = super::text::rewrite_literal_suffixes(text);
    let mut parser = Parser::new(&dialect)
        .try_with_sql(&rewritten)
        .map_err(|e| parse_error(text, &e))?;
    let item = parser
        .parse_select_item()
        .map_err(|e| parse_error(text, &e))?;
    // Trailing tokens (besides an alias handled by the caller) are errors.
    if parser.peek_token().token != datafusion::sql::sqlparser::tokenizer::Token::EOF {
        let tok = parser.peek_token();
        let err = datafusion::sql::sqlparser::parser::ParserError::ParserError(format!(
            "Expected: end of input, found: {} at Line: {}, Column: {}",
            tok.token, tok.span.start.line, tok.span.start.column
        ));
        return Err(parse_error(text, &err));
    }
    select_item(&item)
}

/// `INTERVAL '3' MONTH`, `INTERVAL 90 DAY`, `INTERVAL '1 year 2 months'`:
/// a year-month or a day-time interval literal.
fn interval(iv: &ast::Interval) -> Result<Literal> {
    let text = match iv.value.as_ref() {
        SqlExpr::Value(v) => match &v.value {
            Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => s.clone(),
            Value::Number(n, _) => n.clone(),
            other => other.to_string(),
        },
        SqlExpr::UnaryOp {
            op: UnaryOperator::Minus,
            expr,
        } => format!("-{expr}"),
        other => other.to_string(),
    };
    if iv.last_field.is_some() {
        return Err(SparkError::not_implemented(&format!("interval {iv}")));
    }
    let mut pairs: Vec<(f64, String)> = vec![];
    match &iv.leading_field {
        Some(f) => {
            let n: f64 = text.trim().parse().map_err(|_| bad_interval(&text))?;
            pairs.push((n, f.to_string().to_lowercase()));
        }
        None => {
            let words: Vec<&str> = text.split_whitespace().collect();
            for chunk in words.chunks(2) {
                let [n, unit] = chunk else {
                    return Err(bad_interval(&text));
                };
                let n: f64 = n.parse().map_err(|_| bad_interval(&text))?;
                pairs.push((n, unit.to_lowercase()));
            }
        }
    }
    let (mut months, mut micros, mut ym, mut dt) = (0i64, 0f64, false, false);
    for (n, unit) in pairs {
        match unit.trim_end_matches('s') {
            "year" => (months, ym) = (months + (n * 12.0) as i64, true),
            "month" => (months, ym) = (months + n as i64, true),
            "week" => (micros, dt) = (micros + n * 7.0 * 86_400e6, true),
            "day" => (micros, dt) = (micros + n * 86_400e6, true),
            "hour" => (micros, dt) = (micros + n * 3_600e6, true),
            "minute" => (micros, dt) = (micros + n * 60e6, true),
            "second" => (micros, dt) = (micros + n * 1e6, true),
            _ => return Err(bad_interval(&text)),
        }
    }
    match (ym, dt) {
        (true, false) => Ok(Literal::YearMonthInterval(months as i32)),
        (false, true) => Ok(Literal::DayTimeInterval(micros.round() as i64)),
        _ => Err(SparkError::not_implemented(&format!(
            "interval '{text}' mixing months and days"
        ))),
    }
}

/// Spark's text for a single-unit interval literal: `INTERVAL '3' MONTH`.
fn interval_name(iv: &ast::Interval) -> Option<String> {
    let unit = iv.leading_field.as_ref()?.to_string().to_uppercase();
    if iv.last_field.is_some() {
        return None;
    }
    let value = match iv.value.as_ref() {
        SqlExpr::Value(v) => match &v.value {
            Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => s.trim().to_string(),
            Value::Number(n, _) => n.clone(),
            _ => return None,
        },
        _ => return None,
    };
    let unit = unit.trim_end_matches('S').to_string();
    Some(format!("INTERVAL '{value}' {unit}"))
}

fn bad_interval(text: &str) -> SparkError {
    SparkError::new(
        crate::error::ErrorKind::Parse,
        "INVALID_INTERVAL_FORMAT.INVALID_UNIT",
        "22006",
        format!("Error parsing '{text}' to interval."),
        &[("input", text.to_string())],
    )
}

thread_local! {
    /// The `WINDOW w AS (...)` definitions of the SELECT being converted.
    static NAMED_WINDOWS: std::cell::RefCell<Vec<(String, ast::NamedWindowExpr)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` with the SELECT's named windows visible to `OVER w`.
pub fn with_named_windows<T>(defs: &[ast::NamedWindowDefinition], f: impl FnOnce() -> T) -> T {
    let saved = NAMED_WINDOWS.with(|w| {
        std::mem::replace(
            &mut *w.borrow_mut(),
            defs.iter()
                .map(|d| (d.0.value.clone(), d.1.clone()))
                .collect(),
        )
    });
    let out = f();
    NAMED_WINDOWS.with(|w| *w.borrow_mut() = saved);
    out
}

fn named_window(name: &str, depth: usize) -> Result<crate::expr::WindowSpec> {
    let def = NAMED_WINDOWS.with(|w| {
        w.borrow()
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, d)| d.clone())
    });
    match def {
        Some(ast::NamedWindowExpr::WindowSpec(spec)) => window_spec(&spec),
        Some(ast::NamedWindowExpr::NamedWindow(other)) if depth < 16 => {
            named_window(&other.value, depth + 1)
        }
        _ => Err(SparkError::new(
            crate::error::ErrorKind::Analysis,
            "MISSING_WINDOW_SPECIFICATION",
            "42P20",
            format!("Window specification is not defined in the WINDOW clause for {name}. For more information about WINDOW clauses, please refer to 'https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select-window.html'."),
            &[("windowName", name.to_string())],
        )),
    }
}

fn window_type(w: &ast::WindowType) -> Result<crate::expr::WindowSpec> {
    match w {
        ast::WindowType::WindowSpec(spec) => window_spec(spec),
        ast::WindowType::NamedWindow(name) => named_window(&name.value, 0),
    }
}

fn window_spec(spec: &ast::WindowSpec) -> Result<crate::expr::WindowSpec> {
    let mut out = match &spec.window_name {
        Some(base) => named_window(&base.value, 0)?,
        None => crate::expr::WindowSpec::default(),
    };
    if !spec.partition_by.is_empty() {
        out.partition_by = spec
            .partition_by
            .iter()
            .map(convert)
            .collect::<Result<_>>()?;
    }
    if !spec.order_by.is_empty() {
        out.order_by = spec
            .order_by
            .iter()
            .map(order_item)
            .collect::<Result<_>>()?;
    }
    if let Some(f) = &spec.window_frame {
        let rows = match f.units {
            ast::WindowFrameUnits::Rows => true,
            ast::WindowFrameUnits::Range => false,
            ast::WindowFrameUnits::Groups => {
                return Err(SparkError::not_implemented("GROUPS window frames"))
            }
        };
        let bound = |b: &ast::WindowFrameBound| -> Result<i64> {
            let offset = |e: &SqlExpr| -> Result<i64> {
                match convert(e)? {
                    Expr::Literal(Literal::Integer(v)) => Ok(v as i64),
                    Expr::Literal(Literal::Long(v)) => Ok(v),
                    _ => Err(SparkError::not_implemented(
                        "non-integer window frame bounds",
                    )),
                }
            };
            Ok(match b {
                ast::WindowFrameBound::CurrentRow => 0,
                ast::WindowFrameBound::Preceding(None) => i64::MIN,
                ast::WindowFrameBound::Following(None) => i64::MAX,
                ast::WindowFrameBound::Preceding(Some(e)) => -offset(e)?,
                ast::WindowFrameBound::Following(Some(e)) => offset(e)?,
            })
        };
        let start = bound(&f.start_bound)?;
        let end = match &f.end_bound {
            Some(b) => bound(b)?,
            None => 0,
        };
        out.frame = Some(crate::expr::WindowFrame {
            rows,
            start,
            end,
            sql: true,
        });
    }
    Ok(out)
}

/// An `ORDER BY` / `SORT BY` item; nulls first when ascending, as in Spark.
pub fn order_item(o: &ast::OrderByExpr) -> Result<Expr> {
    let asc = o.options.asc.unwrap_or(true);
    Ok(Expr::Sort {
        expr: Box::new(convert(&o.expr)?),
        ascending: asc,
        nulls_first: o.options.nulls_first.unwrap_or(asc),
    })
}

/// A SELECT list item (`expr`, `expr AS alias`, `*`, `t.*`).
pub fn select_item(item: &ast::SelectItem) -> Result<Expr> {
    use ast::{SelectItem, SelectItemQualifiedWildcardKind};
    Ok(match item {
        SelectItem::UnnamedExpr(e) => convert(e)?,
        SelectItem::ExprWithAlias { expr, alias } => convert(expr)?.alias(alias.value.clone()),
        SelectItem::ExprWithAliases { expr, aliases } => Expr::Alias {
            expr: Box::new(convert(expr)?),
            names: aliases.iter().map(|a| a.value.clone()).collect(),
            metadata: None,
        },
        SelectItem::Wildcard(_) => Expr::Star { target: None },
        SelectItem::QualifiedWildcard(SelectItemQualifiedWildcardKind::ObjectName(n), _) => {
            Expr::Star {
                target: Some(n.to_string()),
            }
        }
        other => return Err(SparkError::not_implemented(&format!("select item {other}"))),
    })
}

/// A Spark suffixed literal (`1D`, `2L`, `1.5BD`) from its marker call.
fn suffixed_literal(suffix: &str, args: &[Expr]) -> Result<Expr> {
    let text = match args {
        [Expr::Literal(l)] => l.sql_name(),
        _ => return Err(SparkError::internal("bad literal marker")),
    };
    let bad = || SparkError::illegal_argument(format!("invalid literal {text}{suffix}"));
    let lit = match suffix {
        "l" => Literal::Long(text.parse().map_err(|_| bad())?),
        "s" => Literal::Short(text.parse().map_err(|_| bad())?),
        "y" => Literal::Byte(text.parse().map_err(|_| bad())?),
        "d" => Literal::Double(text.parse().map_err(|_| bad())?),
        "f" => Literal::Float(text.parse().map_err(|_| bad())?),
        _ => match number(&text)? {
            Literal::Integer(v) => {
                Literal::Decimal(v as i128, v.unsigned_abs().to_string().len() as u8, 0)
            }
            Literal::Long(v) => {
                Literal::Decimal(v as i128, v.unsigned_abs().to_string().len() as u8, 0)
            }
            other => other,
        },
    };
    Ok(Expr::Literal(lit))
}

fn ident_name(parts: &[ast::Ident]) -> String {
    parts
        .iter()
        .map(|i| {
            if i.value.contains('.') || i.value.contains('`') {
                format!("`{}`", i.value.replace('`', "``"))
            } else {
                i.value.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

fn binary_name(op: &BinaryOperator) -> Option<&'static str> {
    Some(match op {
        BinaryOperator::Plus => "+",
        BinaryOperator::Minus => "-",
        BinaryOperator::Multiply => "*",
        BinaryOperator::Divide => "/",
        BinaryOperator::Modulo => "%",
        BinaryOperator::Eq => "=",
        BinaryOperator::NotEq => "!=",
        BinaryOperator::Lt => "<",
        BinaryOperator::LtEq => "<=",
        BinaryOperator::Gt => ">",
        BinaryOperator::GtEq => ">=",
        BinaryOperator::Spaceship => "<=>",
        BinaryOperator::And => "and",
        BinaryOperator::Or => "or",
        BinaryOperator::BitwiseAnd => "&",
        BinaryOperator::BitwiseOr => "|",
        BinaryOperator::BitwiseXor => "^",
        BinaryOperator::StringConcat => "concat",
        BinaryOperator::MyIntegerDivide | BinaryOperator::DuckIntegerDivide => "div",
        _ => return None,
    })
}

fn number(text: &str) -> Result<Literal> {
    let lower = text.to_lowercase();
    if lower.contains('e') {
        return lower
            .parse::<f64>()
            .map(Literal::Double)
            .map_err(|_| SparkError::illegal_argument(format!("invalid number {text}")));
    }
    if let Some((int, frac)) = text.split_once('.') {
        let digits = format!("{int}{frac}");
        let trimmed = digits.trim_start_matches('0');
        let precision = trimmed.len().max(frac.len()).max(1);
        let unscaled: i128 = digits
            .parse()
            .map_err(|_| SparkError::illegal_argument(format!("invalid number {text}")))?;
        return Ok(Literal::Decimal(
            unscaled,
            precision as u8,
            frac.len() as i8,
        ));
    }
    if let Ok(v) = text.parse::<i32>() {
        return Ok(Literal::Integer(v));
    }
    if let Ok(v) = text.parse::<i64>() {
        return Ok(Literal::Long(v));
    }
    let unscaled: i128 = text
        .parse()
        .map_err(|_| SparkError::illegal_argument(format!("invalid number {text}")))?;
    Ok(Literal::Decimal(unscaled, text.len() as u8, 0))
}

fn negate(l: Literal) -> Option<Literal> {
    Some(match l {
        Literal::Integer(v) => Literal::Integer(-v),
        Literal::Long(v) => Literal::Long(-v),
        Literal::Double(v) => Literal::Double(-v),
        Literal::Decimal(v, p, s) => Literal::Decimal(-v, p, s),
        _ => return None,
    })
}

fn value(v: &Value) -> Result<Literal> {
    Ok(match v {
        Value::Number(n, true) => Literal::Long(
            n.parse()
                .map_err(|_| SparkError::illegal_argument(format!("invalid number {n}L")))?,
        ),
        Value::Number(n, false) => number(n)?,
        Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => Literal::String(unescape(s)),
        Value::Boolean(b) => Literal::Boolean(*b),
        Value::Null => Literal::Null,
        Value::HexStringLiteral(h) => {
            let bytes = (0..h.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&h[i..(i + 2).min(h.len())], 16).unwrap_or(0))
                .collect();
            Literal::Binary(bytes)
        }
        other => {
            return Err(SparkError::not_implemented(&format!("SQL literal {other}")));
        }
    })
}

/// A SQL type name → Spark type.
pub fn data_type(dt: &ast::DataType) -> Result<SparkType> {
    let text = dt.to_string();
    let text = if text.contains('<') {
        text
    } else {
        text.to_lowercase().replace(' ', "")
    };
    let text = match text.as_str() {
        "integer" => "int".to_string(),
        "text" => "string".to_string(),
        "real" => "float".to_string(),
        "doubleprecision" => "double".to_string(),
        t if t.starts_with("varchar") || t.starts_with("char") => t.to_string(),
        t => t.to_string(),
    };
    SparkType::from_name(&text).map_err(|_| {
        SparkError::new(
            crate::error::ErrorKind::Parse,
            "UNSUPPORTED_DATATYPE",
            "0A000",
            format!(
                "Unsupported data type \"{}\".",
                dt.to_string().to_uppercase()
            ),
            &[("typeName", format!("\"{}\"", dt.to_string().to_uppercase()))],
        )
    })
}

fn typed_string(dt: &ast::DataType, s: &str) -> Result<Expr> {
    let t = data_type(dt)?;
    if t == SparkType::Date {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
            let days = (d - chrono::NaiveDate::default()).num_days();
            return Ok(Expr::Literal(Literal::Date(days as i32)));
        }
    }
    if t == SparkType::Time {
        // Named by the time it reads as (`TIME '10:00:00'`).
        let shown = crate::functions::parse_time(s)
            .map(crate::functions::time_string)
            .unwrap_or_else(|| s.to_string());
        return Ok(Expr::Named {
            expr: Box::new(Expr::Cast {
                expr: Box::new(Expr::Literal(Literal::String(s.to_string()))),
                to: t,
                try_cast: false,
            }),
            name: format!("TIME '{shown}'"),
        });
    }
    let keyword = match &t {
        SparkType::Timestamp => Some("TIMESTAMP"),
        SparkType::TimestampNtz => Some("TIMESTAMP_NTZ"),
        SparkType::Date => Some("DATE"),
        _ => None,
    };
    let cast = Expr::Cast {
        expr: Box::new(Expr::Literal(Literal::String(s.to_string()))),
        to: t,
        try_cast: false,
    };
    Ok(match keyword {
        // A typed literal is named as written, like Spark's literals.
        Some(k) => Expr::Named {
            expr: Box::new(cast),
            name: format!("{k} '{s}'"),
        },
        None => cast,
    })
}

fn function_args(args: &FunctionArguments) -> Result<(Vec<Expr>, bool)> {
    match args {
        FunctionArguments::None => Ok((vec![], false)),
        FunctionArguments::Subquery(_) => Err(SparkError::not_implemented("subquery arguments")),
        FunctionArguments::List(list) => {
            let distinct = matches!(
                list.duplicate_treatment,
                Some(ast::DuplicateTreatment::Distinct)
            );
            let mut out = vec![];
            for a in &list.args {
                let e = match a {
                    FunctionArg::Unnamed(FunctionArgExpr::Expr(e))
                    | FunctionArg::Named {
                        arg: FunctionArgExpr::Expr(e),
                        ..
                    }
                    | FunctionArg::ExprNamed {
                        arg: FunctionArgExpr::Expr(e),
                        ..
                    } => convert(e)?,
                    FunctionArg::Unnamed(FunctionArgExpr::Wildcard) => Expr::Star { target: None },
                    FunctionArg::Unnamed(FunctionArgExpr::QualifiedWildcard(n)) => Expr::Star {
                        target: Some(n.to_string()),
                    },
                    other => return Err(SparkError::not_implemented(&format!("argument {other}"))),
                };
                out.push(e);
            }
            Ok((out, distinct))
        }
    }
}

/// `timestampadd(DAY, …)`, `datediff(HOUR, …)`: the unit, a bare word,
/// becomes a string.
fn unit_argument(name: &str, raw: &FunctionArguments, args: &mut [Expr]) {
    const UNIT_FIRST: &[&str] = &[
        "timestampadd",
        "timestampdiff",
        "dateadd",
        "datediff",
        "date_diff",
        "date_add",
    ];
    if args.len() != 3 || !UNIT_FIRST.contains(&name) {
        return;
    }
    if let FunctionArguments::List(list) = raw {
        if let Some(FunctionArg::Unnamed(FunctionArgExpr::Expr(SqlExpr::Identifier(i)))) =
            list.args.first()
        {
            args[0] = Expr::Literal(Literal::String(i.value.to_uppercase()));
        }
    }
}

pub fn convert(e: &SqlExpr) -> Result<Expr> {
    Ok(match e {
        // "text" is a string in Spark SQL (doubleQuotedIdentifiers is off).
        SqlExpr::Identifier(i) if i.quote_style == Some('"') => {
            Expr::Literal(Literal::String(unescape(&i.value)))
        }
        SqlExpr::Identifier(i) => Expr::col(ident_name(std::slice::from_ref(i))),
        SqlExpr::CompoundIdentifier(parts) => Expr::col(ident_name(parts)),
        SqlExpr::Value(v) => Expr::Literal(value(&v.value)?),
        SqlExpr::Nested(inner) => convert(inner)?,
        SqlExpr::BinaryOp { left, op, right } => {
            let name = binary_name(op)
                .ok_or_else(|| SparkError::not_implemented(&format!("operator {op}")))?;
            Expr::call(name, vec![convert(left)?, convert(right)?])
        }
        SqlExpr::UnaryOp { op, expr } => match op {
            UnaryOperator::Minus => {
                let inner = convert(expr)?;
                if let Expr::Literal(l) = &inner {
                    if let Some(n) = negate(l.clone()) {
                        return Ok(Expr::Literal(n));
                    }
                }
                Expr::call("-", vec![inner])
            }
            UnaryOperator::Plus => convert(expr)?,
            UnaryOperator::Not => Expr::call("not", vec![convert(expr)?]),
            UnaryOperator::BitwiseNot => Expr::call("~", vec![convert(expr)?]),
            other => return Err(SparkError::not_implemented(&format!("operator {other}"))),
        },
        SqlExpr::IsNull(x) => Expr::call("isnull", vec![convert(x)?]),
        SqlExpr::IsNotNull(x) => Expr::call("isnotnull", vec![convert(x)?]),
        SqlExpr::IsTrue(x) => Expr::call(
            "<=>",
            vec![convert(x)?, Expr::Literal(Literal::Boolean(true))],
        ),
        SqlExpr::IsFalse(x) => Expr::call(
            "<=>",
            vec![convert(x)?, Expr::Literal(Literal::Boolean(false))],
        ),
        SqlExpr::IsDistinctFrom(a, b) => Expr::call(
            "not",
            vec![Expr::call("<=>", vec![convert(a)?, convert(b)?])],
        ),
        SqlExpr::IsNotDistinctFrom(a, b) => Expr::call("<=>", vec![convert(a)?, convert(b)?]),
        SqlExpr::InList {
            expr,
            list,
            negated,
        } => {
            let mut args = vec![convert(expr)?];
            for x in list {
                args.push(convert(x)?);
            }
            let e = Expr::call("in", args);
            if *negated {
                Expr::call("not", vec![e])
            } else {
                e
            }
        }
        SqlExpr::Between {
            expr,
            negated,
            low,
            high,
        } => {
            let e = Expr::call(
                "between",
                vec![convert(expr)?, convert(low)?, convert(high)?],
            );
            if *negated {
                Expr::call("not", vec![e])
            } else {
                e
            }
        }
        SqlExpr::Like {
            negated,
            expr,
            pattern,
            escape_char,
            ..
        } => {
            let mut args = vec![convert(expr)?, convert(pattern)?];
            if let Some(c) = escape_char {
                args.push(convert(&SqlExpr::Value(c.clone()))?);
            }
            let e = Expr::call("like", args);
            if *negated {
                Expr::call("not", vec![e])
            } else {
                e
            }
        }
        SqlExpr::ILike {
            negated,
            expr,
            pattern,
            escape_char,
            ..
        } => {
            let mut args = vec![convert(expr)?, convert(pattern)?];
            if let Some(c) = escape_char {
                args.push(convert(&SqlExpr::Value(c.clone()))?);
            }
            let e = Expr::call("ilike", args);
            if *negated {
                Expr::call("not", vec![e])
            } else {
                e
            }
        }
        SqlExpr::RLike {
            negated,
            expr,
            pattern,
            ..
        } => {
            let e = Expr::call("rlike", vec![convert(expr)?, convert(pattern)?]);
            if *negated {
                Expr::call("not", vec![e])
            } else {
                e
            }
        }
        SqlExpr::Cast {
            kind,
            expr,
            data_type: dt,
            ..
        } => Expr::Cast {
            expr: Box::new(convert(expr)?),
            to: data_type(dt)?,
            try_cast: matches!(kind, CastKind::TryCast | CastKind::SafeCast),
        },
        SqlExpr::TypedString(ts) => {
            let s = match &ts.value.value {
                Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => s.clone(),
                other => other.to_string(),
            };
            typed_string(&ts.data_type, &s)?
        }
        SqlExpr::Case {
            operand,
            conditions,
            else_result,
            ..
        } => {
            let op = operand.as_ref().map(|o| convert(o)).transpose()?;
            let mut branches = vec![];
            for c in conditions {
                let cond = convert(&c.condition)?;
                let cond = match &op {
                    Some(o) => Expr::call("=", vec![o.clone(), cond]),
                    None => cond,
                };
                branches.push((cond, convert(&c.result)?));
            }
            Expr::CaseWhen {
                branches,
                otherwise: else_result
                    .as_ref()
                    .map(|e| convert(e).map(Box::new))
                    .transpose()?,
            }
        }
        SqlExpr::Function(f) => {
            let name = f.name.to_string().to_lowercase();
            let (mut args, distinct) = function_args(&f.args)?;
            unit_argument(&name, &f.args, &mut args);
            if let Some(suffix) = name.strip_prefix(super::text::LITERAL_MARKER) {
                return suffixed_literal(suffix, &args);
            }
            if name == "count" && matches!(args.as_slice(), [Expr::Star { target: None }]) {
                args = vec![Expr::Literal(Literal::Integer(1))];
            }
            let call = Expr::Function {
                name,
                args,
                distinct,
            };
            match &f.over {
                None => call,
                Some(w) => Expr::Window {
                    func: Box::new(call),
                    spec: window_type(w)?,
                },
            }
        }
        SqlExpr::CompoundFieldAccess { root, access_chain } => {
            let mut cur = convert(root)?;
            for a in access_chain {
                cur = match a {
                    ast::AccessExpr::Dot(SqlExpr::Identifier(i)) => Expr::Extract {
                        expr: Box::new(cur),
                        key: Box::new(Expr::Literal(Literal::String(i.value.clone()))),
                    },
                    ast::AccessExpr::Subscript(ast::Subscript::Index { index }) => Expr::Extract {
                        expr: Box::new(cur),
                        key: Box::new(convert(index)?),
                    },
                    other => {
                        return Err(SparkError::not_implemented(&format!(
                            "field access {other}"
                        )))
                    }
                };
            }
            cur
        }
        SqlExpr::Interval(iv) => {
            let value = Expr::Literal(interval(iv)?);
            match interval_name(iv) {
                Some(name) => Expr::Named {
                    expr: Box::new(value),
                    name,
                },
                None => value,
            }
        }
        SqlExpr::Extract { field, expr, .. } => {
            let f = Expr::Literal(Literal::String(field.to_string()));
            Expr::call("extract", vec![f, convert(expr)?])
        }
        SqlExpr::Substring {
            expr,
            substring_from,
            substring_for,
            ..
        } => {
            let mut args = vec![convert(expr)?];
            args.push(match substring_from {
                Some(f) => convert(f)?,
                None => Expr::Literal(Literal::Integer(1)),
            });
            if let Some(len) = substring_for {
                args.push(convert(len)?);
            }
            Expr::call("substring", args)
        }
        SqlExpr::Ceil { expr, field } | SqlExpr::Floor { expr, field } => {
            let name = if matches!(e, SqlExpr::Ceil { .. }) {
                "ceil"
            } else {
                "floor"
            };
            let mut args = vec![convert(expr)?];
            match field {
                ast::CeilFloorKind::Scale(v) => {
                    args.push(convert(&SqlExpr::Value(v.clone()))?);
                }
                ast::CeilFloorKind::DateTimeField(ast::DateTimeField::NoDateTime) => {}
                ast::CeilFloorKind::DateTimeField(f) => {
                    return Err(SparkError::not_implemented(&format!("{name} to {f}")))
                }
            }
            Expr::call(name, args)
        }
        SqlExpr::Position { expr, r#in } => {
            Expr::call("position", vec![convert(expr)?, convert(r#in)?])
        }
        SqlExpr::Overlay {
            expr,
            overlay_what,
            overlay_from,
            overlay_for,
        } => {
            let mut args = vec![
                convert(expr)?,
                convert(overlay_what)?,
                convert(overlay_from)?,
            ];
            if let Some(len) = overlay_for {
                args.push(convert(len)?);
            }
            Expr::call("overlay", args)
        }
        SqlExpr::Trim {
            expr,
            trim_where,
            trim_what,
            trim_characters,
        } => {
            let name = match trim_where {
                Some(ast::TrimWhereField::Leading) => "ltrim",
                Some(ast::TrimWhereField::Trailing) => "rtrim",
                _ => "trim",
            };
            let mut args = vec![convert(expr)?];
            if let Some(w) = trim_what {
                args.push(convert(w)?);
            }
            for c in trim_characters.iter().flatten() {
                args.push(convert(c)?);
            }
            Expr::call(name, args)
        }
        SqlExpr::Struct { values, fields } if fields.is_empty() => Expr::call(
            "struct",
            values.iter().map(convert).collect::<Result<Vec<_>>>()?,
        ),
        SqlExpr::Subquery(q) => Expr::Subquery {
            kind: crate::expr::SubqueryKind::Scalar,
            query: crate::expr::SubqueryBody::Sql(q.clone()),
        },
        SqlExpr::Exists { subquery, negated } => Expr::Subquery {
            kind: crate::expr::SubqueryKind::Exists { negated: *negated },
            query: crate::expr::SubqueryBody::Sql(subquery.clone()),
        },
        SqlExpr::InSubquery {
            expr,
            subquery,
            negated,
        } => Expr::Subquery {
            kind: crate::expr::SubqueryKind::In {
                expr: Box::new(convert(expr)?),
                negated: *negated,
            },
            query: crate::expr::SubqueryBody::Sql(subquery.clone()),
        },
        SqlExpr::Lambda(l) if l.syntax == ast::LambdaSyntax::Arrow => {
            let params = match &l.params {
                ast::OneOrManyWithParens::One(p) => vec![p],
                ast::OneOrManyWithParens::Many(ps) => ps.iter().collect(),
            };
            if params.iter().any(|p| p.data_type.is_some()) {
                return Err(SparkError::not_implemented("typed lambda parameters"));
            }
            Expr::Lambda {
                params: params.iter().map(|p| p.name.value.clone()).collect(),
                body: Box::new(convert(&l.body)?),
            }
        }
        SqlExpr::Wildcard(_) => Expr::Star { target: None },
        SqlExpr::QualifiedWildcard(n, _) => Expr::Star {
            target: Some(n.to_string()),
        },
        other => {
            return Err(SparkError::not_implemented(&format!(
                "SQL expression {other}"
            )))
        }
    })
}

/// Spark's unescaping of string literals: `\\` → `\`, `\n`, `\t`, `\u0041`,
/// octal `\101`, …; `\%` and `\_` stay (LIKE escapes); before any other
/// character the backslash is dropped.
pub fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' || i + 1 >= chars.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let n = chars[i + 1];
        let octal = |k: usize| {
            chars
                .get(i + k)
                .filter(|c| ('0'..='7').contains(*c))
                .is_some()
        };
        if ('0'..='3').contains(&n) && octal(2) && octal(3) {
            let v: String = chars[i + 1..i + 4].iter().collect();
            if let Some(ch) = u32::from_str_radix(&v, 8).ok().and_then(char::from_u32) {
                out.push(ch);
            }
            i += 4;
            continue;
        }
        if n == 'u' && chars.len() >= i + 6 {
            let v: String = chars[i + 2..i + 6].iter().collect();
            if let Some(ch) = u32::from_str_radix(&v, 16).ok().and_then(char::from_u32) {
                out.push(ch);
                i += 6;
                continue;
            }
        }
        match n {
            '0' => out.push('\u{0}'),
            'b' => out.push('\u{8}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'Z' => out.push('\u{1a}'),
            '%' => out.push_str("\\%"),
            '_' => out.push_str("\\_"),
            other => out.push(other),
        }
        i += 2;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_unescape_as_spark() {
        assert_eq!(unescape(r"(\\d+)"), r"(\d+)");
        assert_eq!(unescape(r"a\tb"), "a\tb");
        assert_eq!(unescape(r"\d"), "d");
        assert_eq!(unescape(r"\u0041\101"), "AA");
        assert_eq!(unescape(r"50\%"), r"50\%");
    }

    #[test]
    fn literals_follow_spark_typing() {
        assert_eq!(number("1").unwrap(), Literal::Integer(1));
        assert_eq!(number("3000000000").unwrap(), Literal::Long(3_000_000_000));
        assert_eq!(number("1.5").unwrap(), Literal::Decimal(15, 2, 1));
        assert_eq!(number("1e3").unwrap(), Literal::Double(1000.0));
    }

    #[test]
    fn between_is_a_function() {
        let e = parse_expression("a BETWEEN 1 AND 3").unwrap();
        assert_eq!(e.repr(), "between(a, 1, 3)");
        assert!(parse_expression("a +").is_err());
    }
}
