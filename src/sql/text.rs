//! Token-level helpers over SQL text: Spark's typed numeric literals
//! (`1L`, `1.5D`, `1.5BD`, `1S`, `1Y`, `1F`), which generic SQL tokenizers
//! split into a number and a word, and positions of names for error messages.

use datafusion::sql::sqlparser::dialect::GenericDialect;
use datafusion::sql::sqlparser::tokenizer::{Location, Token, Tokenizer};

use crate::error::SparkError;

/// Marker function a suffixed literal is rewritten into (`1D` → `__ember_lit_d(1)`).
pub const LITERAL_MARKER: &str = "__ember_lit_";

const SUFFIXES: [&str; 6] = ["L", "D", "BD", "S", "Y", "F"];

/// Byte offset of a 1-based line/column location in `text`.
fn offset(text: &str, loc: Location) -> Option<usize> {
    let mut line_start = 0;
    for _ in 1..loc.line {
        line_start += text[line_start..].find('\n')? + 1;
    }
    let line = &text[line_start..];
    let col = (loc.column as usize).saturating_sub(1);
    Some(line_start + line.char_indices().nth(col).map_or(line.len(), |(i, _)| i))
}

/// Rewrites Spark's suffixed numeric literals into marker calls (`2L` the
/// tokenizer already knows: it marks the number as long).
pub fn rewrite_literal_suffixes(text: &str) -> String {
    let dialect = GenericDialect {};
    let Ok(tokens) = Tokenizer::new(&dialect, text).tokenize_with_location() else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut copied = 0;
    let significant: Vec<&_> = tokens
        .iter()
        .filter(|t| !matches!(t.token, Token::Whitespace(_)))
        .collect();
    let operand_before = |i: usize| -> bool {
        i > 0
            && match &significant[i - 1].token {
                Token::Number(..) | Token::RParen | Token::SingleQuotedString(_) => true,
                Token::Word(w) => {
                    w.quote_style.is_some()
                        || w.keyword == datafusion::sql::sqlparser::keywords::Keyword::NoKeyword
                }
                _ => false,
            }
    };
    let operand_after = |i: usize| -> bool {
        significant.get(i + 1).is_some_and(|t| {
            matches!(
                t.token,
                Token::Number(..)
                    | Token::LParen
                    | Token::Word(_)
                    | Token::Minus
                    | Token::SingleQuotedString(_)
            )
        })
    };
    for (i, t) in significant.iter().enumerate() {
        // `a DIV b` (integral division) becomes `a // b`, the generic
        // dialect's spelling; the width stays the same for error positions.
        if let Token::Word(w) = &t.token {
            if w.quote_style.is_none()
                && w.value.eq_ignore_ascii_case("div")
                && operand_before(i)
                && operand_after(i)
            {
                if let (Some(start), Some(end)) =
                    (offset(text, t.span.start), offset(text, t.span.end))
                {
                    if start >= copied {
                        out.push_str(&text[copied..start]);
                        out.push_str("// ");
                        copied = end;
                    }
                }
            }
        }
    }
    let text_owned;
    let text = if copied > 0 {
        out.push_str(&text[copied..]);
        text_owned = std::mem::take(&mut out);
        copied = 0;
        text_owned.as_str()
    } else {
        text
    };
    let Ok(tokens) = Tokenizer::new(&dialect, text).tokenize_with_location() else {
        return text.to_string();
    };
    for pair in tokens.windows(2) {
        let (Token::Number(n, _), Token::Word(w)) = (&pair[0].token, &pair[1].token) else {
            continue;
        };
        let suffix = w.value.to_uppercase();
        if w.quote_style.is_some()
            || !SUFFIXES.contains(&suffix.as_str())
            || pair[0].span.end != pair[1].span.start
        {
            continue;
        }
        let (Some(start), Some(end)) = (
            offset(text, pair[0].span.start),
            offset(text, pair[1].span.end),
        ) else {
            continue;
        };
        out.push_str(&text[copied..start]);
        out.push_str(&format!("{LITERAL_MARKER}{}({n})", suffix.to_lowercase()));
        copied = end;
    }
    if copied == 0 {
        return text.to_string();
    }
    out.push_str(&text[copied..]);
    out
}

/// Adds Spark's `; line L pos P` to an unresolved column or routine error
/// whose name appears in `text`.
pub fn with_position(mut err: SparkError, text: &str) -> SparkError {
    let key = match err.condition.as_deref() {
        Some(c) if c.starts_with("UNRESOLVED_COLUMN") => "objectName",
        Some("UNRESOLVED_ROUTINE") => "routineName",
        _ => return err,
    };
    if err.message.contains("; line ") {
        return err;
    }
    let Some((_, object)) = err.params.iter().find(|(k, _)| k == key) else {
        return err;
    };
    let last = object
        .rsplit('.')
        .next()
        .unwrap_or(object)
        .trim_matches('`')
        .to_string();
    let parts: Vec<String> = object
        .split('.')
        .map(|p| p.trim_matches('`').to_string())
        .collect();
    let dialect = GenericDialect {};
    let Ok(tokens) = Tokenizer::new(&dialect, text).tokenize_with_location() else {
        return err;
    };
    let words: Vec<_> = tokens
        .iter()
        .filter(|t| !matches!(t.token, Token::Whitespace(_)))
        .collect();
    let is_word =
        |t: &Token, name: &str| matches!(t, Token::Word(w) if w.value.eq_ignore_ascii_case(name));
    // The whole dotted reference (`t.zz`) first, then its last part.
    let dotted = (parts.len() > 1)
        .then(|| {
            (0..words.len()).find(|&i| {
                parts.iter().enumerate().all(|(k, p)| {
                    let at = i + 2 * k;
                    words.get(at).is_some_and(|t| is_word(&t.token, p))
                        && (k == 0 || words.get(at - 1).is_some_and(|t| t.token == Token::Period))
                })
            })
        })
        .flatten()
        .map(|i| words[i]);
    let hit = dotted.or_else(|| {
        tokens.iter().find(|t| match &t.token {
            Token::Word(w) => w.value.eq_ignore_ascii_case(&last),
            _ => false,
        })
    });
    if let Some(t) = hit {
        err.message.push_str(&format!(
            "; line {} pos {}",
            t.span.start.line,
            t.span.start.column.saturating_sub(1)
        ));
    }
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixed_literals_become_markers() {
        assert_eq!(
            rewrite_literal_suffixes("SELECT 1D, 2S + x, 'a 1D', 1.5BD"),
            "SELECT __ember_lit_d(1), __ember_lit_s(2) + x, 'a 1D', __ember_lit_bd(1.5)"
        );
        assert_eq!(rewrite_literal_suffixes("SELECT 1 d"), "SELECT 1 d");
    }
}
