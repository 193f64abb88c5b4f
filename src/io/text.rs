//! `spark.read.text`: one `value` row per line (or per file, `wholetext`).

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};

use crate::error::{ErrorKind, Result, SparkError};
use crate::io::files;
use crate::io::options::Options;
use crate::plan::Frame;
use crate::types::{SparkType, StructField};

/// Reads text files as a frame of one string column.
pub fn read(
    paths: &[String],
    schema: Option<Vec<StructField>>,
    options: &Options,
) -> Result<Frame> {
    let whole = options.bool_of("wholetext", false)?;
    let sep = options.get("lineSep");
    let listing = files::list(paths)?;
    let name = match schema.as_deref() {
        None => "value".to_string(),
        Some([f]) if f.data_type == SparkType::String => f.name.clone(),
        Some(fields) => {
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "TEXT_DATA_SOURCE_SCHEMA",
                "42000",
                format!(
                    "Text data source supports only a single column, and you have {} columns.",
                    fields.len()
                ),
                &[],
            ))
        }
    };
    let schema = Arc::new(Schema::new(vec![Field::new(&name, DataType::Utf8, true)]));
    let mut names = vec![name];
    names.extend(listing.partitions.iter().map(|(n, _)| n.clone()));
    let mut groups = vec![];
    for (_, group) in &listing.groups {
        let mut lines: Vec<String> = vec![];
        for f in group {
            let text = std::fs::read(f).map_err(|e| {
                SparkError::plain(
                    ErrorKind::SparkRuntime,
                    format!("reading {}: {e}", f.display()),
                )
            })?;
            let text = String::from_utf8_lossy(&text).into_owned();
            if whole {
                lines.push(text);
            } else {
                split_lines(&text, sep.as_deref(), &mut lines);
            }
        }
        let col: ArrayRef = Arc::new(StringArray::from(lines));
        groups.push(vec![RecordBatch::try_new(Arc::clone(&schema), vec![col])?]);
    }
    files::in_memory(&listing, schema, groups, names)
}

/// Lines as Hadoop's reader splits them: `\n`, `\r\n` or `\r` (or `sep`),
/// with no empty last line after a final separator.
fn split_lines(text: &str, sep: Option<&str>, out: &mut Vec<String>) {
    if let Some(sep) = sep.filter(|s| !s.is_empty()) {
        let mut parts: Vec<&str> = text.split(sep).collect();
        if parts.last() == Some(&"") {
            parts.pop();
        }
        out.extend(parts.into_iter().map(str::to_string));
        return;
    }
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                out.push(rest[..i].to_string());
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => {
                out.push(rest.to_string());
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lines_as_hadoop() {
        let mut out = vec![];
        split_lines("hello world\n\nline 3\r\nlast", None, &mut out);
        assert_eq!(out, vec!["hello world", "", "line 3", "last"]);
        let mut out = vec![];
        split_lines("a,b,", Some(","), &mut out);
        assert_eq!(out, vec!["a", "b"]);
        let mut out = vec![];
        split_lines("a\n", None, &mut out);
        assert_eq!(out, vec!["a"]);
    }
}
