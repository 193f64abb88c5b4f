//! `df.write.save(path)`: a folder of `part-…` files in Parquet, CSV, JSON
//! Lines or text, optionally in Hive-style partition folders, finished by
//! `_SUCCESS`, with Spark's save modes and Spark's text of values.

use std::io::Write;
use std::path::{Path, PathBuf};

use datafusion::arrow::array::{Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::SchemaRef;

use crate::catalog::SaveMode;
use crate::error::{ErrorKind, Result, SparkError};
use crate::expr::{Expr, Literal};
use crate::io::files::qualified;
use crate::io::options::Options;
use crate::io::table_files::{self, FileFormat};
use crate::plan::Frame;
use crate::session::Session;
use crate::types::{SparkType, StructField};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Parquet,
    Csv,
    Json,
    Text,
    Orc,
}

impl Format {
    fn parse(name: &str) -> Result<Format> {
        match name.to_ascii_lowercase().as_str() {
            "parquet" => Ok(Format::Parquet),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "text" => Ok(Format::Text),
            "orc" => Ok(Format::Orc),
            "xml" | "avro" => Err(SparkError::not_implemented(&format!(
                "writing format {name:?}"
            ))),
            _ => FileFormat::parse(name).map(|_| Format::Parquet),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Parquet => ".snappy.parquet",
            Format::Csv => ".csv",
            Format::Json => ".json",
            Format::Text => ".txt",
            Format::Orc => ".zstd.orc",
        }
    }
}

/// Writes a frame's rows under `path`.
pub async fn save(
    session: &Session,
    frame: &Frame,
    path: &str,
    format: &str,
    mode: &str,
    partition_by: &[String],
    options: &Options,
) -> Result<()> {
    let format = Format::parse(format)?;
    let mode = SaveMode::parse(mode)?;
    let local = path.strip_prefix("file://").unwrap_or(path);
    let local = local.strip_prefix("file:").unwrap_or(local);
    let dir = PathBuf::from(local);
    if dir.exists() {
        match mode {
            SaveMode::ErrorIfExists => return Err(path_exists(path)),
            SaveMode::Ignore => return Ok(()),
            _ => {}
        }
    }
    let SparkType::Struct(fields) = frame.spark_schema()? else {
        return Err(SparkError::internal("frame schema is not a struct"));
    };
    // Data columns first, then the partition columns, as Spark lays them out.
    let mut data: Vec<&StructField> = vec![];
    for f in &fields {
        if !partition_by.iter().any(|p| p.eq_ignore_ascii_case(&f.name)) {
            data.push(f);
        }
    }
    let mut parts: Vec<&StructField> = vec![];
    for p in partition_by {
        let f = fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(p))
            .ok_or_else(|| partition_missing(p, &fields))?;
        parts.push(f);
    }
    if data.is_empty() && !parts.is_empty() {
        return Err(SparkError::new(
            ErrorKind::Analysis,
            "ALL_PARTITION_COLUMNS_NOT_ALLOWED",
            "KD005",
            "Cannot use all columns for partition columns.",
            &[],
        ));
    }
    let data_fields: Vec<StructField> = data.iter().map(|f| (*f).clone()).collect();
    match format {
        Format::Csv => FileFormat::Csv.check_columns(&data_fields)?,
        Format::Text => check_text(&data_fields)?,
        _ => {}
    }
    let exprs = output_exprs(format, &data, &parts, options);
    let shaped = crate::plan::ops::select(frame, &session.settings(), &exprs)?;
    let batches = session.execute(&shaped).await?;
    let schema = shaped.output_schema();
    let part_names: Vec<String> = parts.iter().map(|f| f.name.clone()).collect();
    let (data_schema, folders) = table_files::split_partitions(&schema, &batches, &part_names)?;

    if dir.exists() && mode == SaveMode::Overwrite {
        std::fs::remove_dir_all(&dir).map_err(|e| io_error(e, &dir))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| io_error(e, &dir))?;
    let stem = format!("00000-{}-c000", uuid::Uuid::new_v4());
    let header = options.bool_of("header", false)?;
    for (sub, batches) in &folders {
        match format {
            Format::Parquet | Format::Orc => {
                let f = if format == Format::Orc {
                    FileFormat::Orc
                } else {
                    FileFormat::Parquet
                };
                table_files::write_file(&dir, sub, &stem, &data_schema, batches, f)?;
            }
            _ => write_lines(
                &dir,
                sub,
                &stem,
                format,
                &data_schema,
                batches,
                header,
                options,
            )?,
        }
    }
    let success = dir.join("_SUCCESS");
    std::fs::write(&success, b"").map_err(|e| io_error(e, &success))?;
    Ok(())
}

/// The columns to write: Parquet keeps values; CSV writes each value as
/// Spark's text; JSON writes one object per row; partition columns last.
fn output_exprs(
    format: Format,
    data: &[&StructField],
    parts: &[&StructField],
    options: &Options,
) -> Vec<Expr> {
    let col = |f: &StructField| Expr::Column {
        name: format!("`{}`", f.name.replace('`', "``")),
        plan_id: None,
    };
    let alias = |e: Expr, name: &str| Expr::Alias {
        expr: Box::new(e),
        names: vec![name.to_string()],
        metadata: None,
    };
    let func = |name: &str, args: Vec<Expr>| Expr::Function {
        name: name.into(),
        args,
        distinct: false,
    };
    let mut out: Vec<Expr> = match format {
        Format::Parquet | Format::Orc | Format::Text => data.iter().map(|f| col(f)).collect(),
        Format::Csv => data
            .iter()
            .map(|f| {
                let c = col(f);
                let text = match &f.data_type {
                    SparkType::String => c,
                    SparkType::Timestamp => func(
                        "date_format",
                        vec![
                            c,
                            Expr::Literal(Literal::String(
                                options
                                    .get("timestampFormat")
                                    .unwrap_or("yyyy-MM-dd'T'HH:mm:ss.SSSXXX".into()),
                            )),
                        ],
                    ),
                    SparkType::TimestampNtz => func(
                        "date_format",
                        vec![
                            c,
                            Expr::Literal(Literal::String(
                                options
                                    .get("timestampNTZFormat")
                                    .unwrap_or("yyyy-MM-dd'T'HH:mm:ss.SSS".into()),
                            )),
                        ],
                    ),
                    SparkType::Date => func(
                        "date_format",
                        vec![
                            c,
                            Expr::Literal(Literal::String(
                                options.get("dateFormat").unwrap_or("yyyy-MM-dd".into()),
                            )),
                        ],
                    ),
                    _ => Expr::Cast {
                        expr: Box::new(c),
                        to: SparkType::String,
                        try_cast: false,
                    },
                };
                alias(text, &f.name)
            })
            .collect(),
        Format::Json => vec![alias(
            func(
                "to_json",
                vec![func("struct", data.iter().map(|f| col(f)).collect())],
            ),
            "value",
        )],
    };
    out.extend(parts.iter().map(|f| col(f)));
    out
}

#[allow(clippy::too_many_arguments)]
fn write_lines(
    dir: &Path,
    sub: &str,
    stem: &str,
    format: Format,
    schema: &SchemaRef,
    batches: &[RecordBatch],
    header: bool,
    options: &Options,
) -> Result<()> {
    if batches.iter().all(|b| b.num_rows() == 0) {
        return Ok(());
    }
    let folder = if sub.is_empty() {
        dir.to_path_buf()
    } else {
        dir.join(sub)
    };
    std::fs::create_dir_all(&folder).map_err(|e| io_error(e, &folder))?;
    let name = format!("part-{stem}{}", format.extension());
    let tmp = folder.join(format!(".{name}.tmp"));
    let file = std::fs::File::create(&tmp).map_err(|e| io_error(e, &tmp))?;
    let mut w = std::io::BufWriter::new(file);
    let line_sep = options.get("lineSep").unwrap_or("\n".into());
    let csv = CsvWriteOptions::parse(options)?;
    let mut out = String::new();
    if format == Format::Csv && header {
        let names: Vec<String> = schema
            .fields()
            .iter()
            .map(|f| csv.field(Some(f.name())))
            .collect();
        out.push_str(&names.join(&csv.sep));
        out.push_str(&line_sep);
    }
    for b in batches {
        let cols: Vec<&StringArray> = b
            .columns()
            .iter()
            .map(|c| {
                c.as_any()
                    .downcast_ref::<StringArray>()
                    .ok_or_else(|| SparkError::internal("a text column is not a string"))
            })
            .collect::<Result<_>>()?;
        for row in 0..b.num_rows() {
            match format {
                Format::Csv => {
                    let fields: Vec<String> = cols
                        .iter()
                        .map(|c| csv.field((!c.is_null(row)).then(|| c.value(row))))
                        .collect();
                    out.push_str(&fields.join(&csv.sep));
                }
                _ => {
                    if let Some(c) = cols.first().filter(|c| !c.is_null(row)) {
                        out.push_str(c.value(row));
                    }
                }
            }
            out.push_str(&line_sep);
        }
        w.write_all(out.as_bytes()).map_err(|e| io_error(e, &tmp))?;
        out.clear();
    }
    w.write_all(out.as_bytes()).map_err(|e| io_error(e, &tmp))?;
    w.flush().map_err(|e| io_error(e, &tmp))?;
    drop(w);
    std::fs::rename(&tmp, folder.join(&name)).map_err(|e| io_error(e, &folder))?;
    Ok(())
}

/// Spark's CSV writing options, and its quoting of a value.
struct CsvWriteOptions {
    sep: String,
    quote: char,
    escape: char,
    null_value: String,
    empty_value: String,
    quote_all: bool,
}

impl CsvWriteOptions {
    fn parse(o: &Options) -> Result<CsvWriteOptions> {
        let quote = o.char_of(&["quote"], b'"')? as char;
        Ok(CsvWriteOptions {
            sep: (o.char_of(&["sep", "delimiter"], b',')? as char).to_string(),
            quote,
            escape: o.char_of(&["escape"], b'\\')? as char,
            null_value: o.get("nullValue").unwrap_or_default(),
            empty_value: o
                .get("emptyValue")
                .unwrap_or_else(|| format!("{quote}{quote}")),
            quote_all: o.bool_of("quoteAll", false)?,
        })
    }

    /// A value as the CSV writer writes it: trimmed of surrounding
    /// whitespace, quoted when it holds the separator, a quote or a line
    /// break, inner quotes escaped.
    fn field(&self, v: Option<&str>) -> String {
        let Some(v) = v else {
            return self.null_value.clone();
        };
        let v = v.trim_matches(|c: char| c <= ' ');
        if v.is_empty() {
            return self.empty_value.clone();
        }
        let needs = self.quote_all
            || v.contains(&self.sep)
            || v.contains(self.quote)
            || v.contains(['\n', '\r']);
        if !needs {
            return v.to_string();
        }
        let mut out = String::with_capacity(v.len() + 2);
        out.push(self.quote);
        for c in v.chars() {
            if c == self.quote || (c == self.escape && self.escape != self.quote) {
                out.push(self.escape);
            }
            out.push(c);
        }
        out.push(self.quote);
        out
    }
}

fn check_text(fields: &[StructField]) -> Result<()> {
    // Spark checks each column's type before the number of columns.
    if let Some(f) = fields.iter().find(|f| f.data_type != SparkType::String) {
        let ty = f.data_type.sql_name();
        return Err(SparkError::new(
            ErrorKind::Analysis,
            "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
            "0A000",
            format!(
                "The Text datasource doesn't support the column `{}` of the type \"{ty}\".",
                f.name
            ),
            &[
                ("columnName", format!("`{}`", f.name)),
                ("columnType", format!("\"{ty}\"")),
                ("format", "Text".into()),
            ],
        ));
    }
    if fields.len() != 1 {
        return Err(SparkError::plain(
            ErrorKind::Analysis,
            format!(
                "Text data source supports only a single column, and you have {} columns.",
                fields.len()
            ),
        ));
    }
    Ok(())
}

fn partition_missing(p: &str, fields: &[StructField]) -> SparkError {
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    SparkError::plain(
        ErrorKind::Analysis,
        format!(
            "Partition column `{p}` not found in schema struct<{}>",
            names.join(",")
        ),
    )
}

fn path_exists(path: &str) -> SparkError {
    let shown = qualified(path.trim_end_matches('/'));
    SparkError::new(
        ErrorKind::Analysis,
        "PATH_ALREADY_EXISTS",
        "42K04",
        format!("Path {shown} already exists. Set mode as \"overwrite\" to overwrite the existing path."),
        &[("outputPath", shown.clone())],
    )
}

fn io_error(e: impl std::fmt::Display, what: &Path) -> SparkError {
    SparkError::plain(
        ErrorKind::SparkRuntime,
        format!("writing {}: {e}", what.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_csv_values_as_spark() {
        let o = CsvWriteOptions::parse(&Options::default()).unwrap();
        assert_eq!(o.field(Some("a\"b")), "\"a\\\"b\"");
        assert_eq!(o.field(Some("x,y")), "\"x,y\"");
        assert_eq!(o.field(Some("")), "\"\"");
        assert_eq!(o.field(Some("  pad ")), "pad");
        assert_eq!(o.field(None), "");
        assert_eq!(o.field(Some("plain")), "plain");
    }
}
