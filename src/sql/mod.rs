//! The Spark SQL front end: text → the same expression tree and plans the
//! DataFrame API builds. This covers expressions (`F.expr`, `selectExpr`,
//! string filters) and plain SELECT queries over temporary views.

/// A statement pattern over the whole text (case-insensitive, `.` matching
/// newlines, an optional trailing `;`), compiled once.
macro_rules! pattern {
    ($name:ident, $re:expr) => {
        static $name: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
            regex::Regex::new(concat!("(?is)^\\s*", $re, "\\s*;?\\s*$")).ok()
        });
    };
}

/// The captures of a statement pattern over the whole text.
fn matches<'t>(
    pattern: &std::sync::LazyLock<Option<regex::Regex>>,
    text: &'t str,
) -> Option<regex::Captures<'t>> {
    pattern.as_ref().and_then(|r| r.captures(text))
}

pub mod commands;
mod ddl;
mod dialect;
mod expr;
mod from;
mod query;
mod select;
pub mod text;

pub use expr::parse_expression;
pub use query::plan_query;

/// Runs `spark.sql(text)`: a command runs now; a query is planned.
pub async fn sql(
    session: &std::sync::Arc<crate::session::Session>,
    text: &str,
) -> crate::error::Result<crate::plan::Frame> {
    match commands::run(session, text).await {
        Ok(Some(frame)) => Ok(frame),
        Ok(None) => plan_query(session, text),
        Err(e) => Err(text::with_position(e, text)),
    }
}

use datafusion::sql::sqlparser::parser::ParserError;

use crate::error::{ErrorKind, SparkError};

/// Spark's `PARSE_EMPTY_STATEMENT` for blank SQL text.
pub(crate) fn empty_statement(text: &str) -> SparkError {
    SparkError {
        kind: ErrorKind::Parse,
        condition: Some("PARSE_EMPTY_STATEMENT".into()),
        sql_state: Some("42617".into()),
        params: vec![],
        message: format!(
            "\n[PARSE_EMPTY_STATEMENT] Syntax error, unexpected empty statement. SQLSTATE: 42617 (line 1, pos 0)\n\n== SQL ==\n{text}\n^^^\n"
        ),
    }
}

/// Spark's `PARSE_SYNTAX_ERROR` for a parser error on `text`.
pub(crate) fn parse_error(text: &str, err: &ParserError) -> SparkError {
    let msg = err.to_string();
    // sqlparser: "... found: TOKEN at Line: L, Column: C"
    let (token, line, col) = match msg.split_once("found: ") {
        Some((_, rest)) => {
            let (tok, pos) = rest
                .split_once(" at Line: ")
                .unwrap_or((rest, "1, Column: 1"));
            let (l, c) = pos.split_once(", Column: ").unwrap_or(("1", "1"));
            (
                tok.trim().to_string(),
                l.trim().parse::<usize>().unwrap_or(1),
                c.trim().parse::<usize>().unwrap_or(1),
            )
        }
        None => ("end of input".to_string(), 1, text.len() + 1),
    };
    // At the end of input Spark points just past the last character.
    let (token, line, col) = if token == "EOF" || token == "end of input" {
        let last = text.lines().count().max(1);
        let width = text.lines().last().map_or(0, |l| l.chars().count());
        ("end of input".to_string(), last, width + 1)
    } else {
        (format!("'{token}'"), line, col)
    };
    let pos = col.saturating_sub(1);
    let mut caret_line = String::new();
    if let Some(l) = text.lines().nth(line.saturating_sub(1)) {
        let _ = l;
        caret_line = format!("{}^^^", "-".repeat(pos));
    }
    let message = format!(
        "\n[PARSE_SYNTAX_ERROR] Syntax error at or near {token}. SQLSTATE: 42601 (line {line}, pos {pos})\n\n== SQL ==\n{text}\n{caret_line}\n"
    );
    SparkError {
        kind: ErrorKind::Parse,
        condition: Some("PARSE_SYNTAX_ERROR".into()),
        sql_state: Some("42601".into()),
        params: vec![("error".into(), token), ("hint".into(), String::new())],
        message,
    }
}
