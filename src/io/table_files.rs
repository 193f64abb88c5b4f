//! The data files of managed tables: Parquet, CSV (no header) or JSON lines,
//! optionally split into Hive-style partition folders (`b=x/`, values
//! escaped as Spark escapes them, null as `__HIVE_DEFAULT_PARTITION__`).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use datafusion::arrow::array::{Array, RecordBatch, StringArray, UInt32Array};
use datafusion::arrow::compute::{cast, take};
use datafusion::arrow::datatypes::{DataType, Schema, SchemaRef};
use datafusion::datasource::file_format::csv::CsvFormat;
use datafusion::datasource::file_format::json::JsonFormat;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::file_format::FileFormat as DFFileFormat;

use crate::error::{ErrorKind, Result, SparkError};
use crate::types::{SparkType, StructField};

/// The folder name of a null partition value.
pub const DEFAULT_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// A table's file format (its `USING` provider).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Parquet,
    Csv,
    Json,
    Text,
    Orc,
}

impl FileFormat {
    /// The format a provider name names; `DATA_SOURCE_NOT_FOUND` otherwise.
    pub fn parse(name: &str) -> Result<FileFormat> {
        match name.to_ascii_lowercase().as_str() {
            "parquet" => Ok(FileFormat::Parquet),
            "csv" => Ok(FileFormat::Csv),
            "json" => Ok(FileFormat::Json),
            "text" => Ok(FileFormat::Text),
            "orc" => Ok(FileFormat::Orc),
            _ => Err(SparkError::new(
                ErrorKind::Analysis,
                "DATA_SOURCE_NOT_FOUND",
                "42K02",
                format!(
                    "Failed to find the data source: {name}. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version."
                ),
                &[("provider", name.to_string())],
            )),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            FileFormat::Parquet => "parquet",
            FileFormat::Csv => "csv",
            FileFormat::Json => "json",
            FileFormat::Text => "text",
            FileFormat::Orc => "orc",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            FileFormat::Parquet => ".snappy.parquet",
            FileFormat::Csv => ".csv",
            FileFormat::Json => ".json",
            FileFormat::Text => ".txt",
            FileFormat::Orc => ".zstd.orc",
        }
    }

    /// DataFusion's reader of the format, with a table's options (`header`,
    /// `sep`); none for text, which is read line by line.
    pub fn listing_format(self, options: &[(String, String)]) -> Option<Arc<dyn DFFileFormat>> {
        let option = |k: &str| {
            options
                .iter()
                .find(|(o, _)| o.eq_ignore_ascii_case(k))
                .map(|(_, v)| v.as_str())
        };
        Some(match self {
            FileFormat::Parquet => Arc::new(ParquetFormat::default()),
            FileFormat::Csv => {
                let header = option("header").is_some_and(|h| h.eq_ignore_ascii_case("true"));
                let mut csv = CsvFormat::default().with_has_header(header);
                if let Some(sep) = option("sep").or_else(|| option("delimiter")) {
                    if let [b] = sep.as_bytes() {
                        csv = csv.with_delimiter(*b);
                    }
                }
                Arc::new(csv)
            }
            FileFormat::Json => Arc::new(JsonFormat::default()),
            FileFormat::Text | FileFormat::Orc => return None,
        })
    }

    /// The rows of a file this format reads eagerly (text, ORC), as `schema`.
    pub fn read_eagerly(self, path: &Path, schema: &SchemaRef) -> Result<Vec<RecordBatch>> {
        match self {
            FileFormat::Orc => read_orc(path, Some(schema)),
            _ => Ok(vec![FileFormat::read_text(path, schema)?]),
        }
    }

    /// The rows of a text file: one `value` per line.
    pub fn read_text(path: &Path, schema: &SchemaRef) -> Result<RecordBatch> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            SparkError::plain(ErrorKind::SparkRuntime, format!("{}: {e}", path.display()))
        })?;
        let lines: StringArray = text.lines().map(Some).collect();
        Ok(RecordBatch::try_new(
            Arc::clone(schema),
            vec![Arc::new(lines)],
        )?)
    }

    /// `UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE` for a column the format
    /// cannot hold (CSV holds no arrays, maps or structs).
    pub fn check_columns(self, fields: &[StructField]) -> Result<()> {
        if self == FileFormat::Text {
            if fields.len() != 1 {
                return Err(SparkError::new(
                    ErrorKind::Analysis,
                    "_LEGACY_ERROR_TEMP_1290",
                    "42000",
                    format!(
                        "Text data source supports only a single column, and you have {} columns.",
                        fields.len()
                    ),
                    &[("schemaSize", fields.len().to_string())],
                ));
            }
            if fields[0].data_type != SparkType::String {
                return Err(SparkError::new(
                    ErrorKind::Analysis,
                    "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
                    "0A000",
                    format!(
                        "The Text datasource doesn't support the column `{}` of the type \"{}\".",
                        fields[0].name,
                        fields[0].data_type.sql_name()
                    ),
                    &[
                        ("columnName", format!("`{}`", fields[0].name)),
                        (
                            "columnType",
                            format!("\"{}\"", fields[0].data_type.sql_name()),
                        ),
                        ("format", "Text".into()),
                    ],
                ));
            }
            return Ok(());
        }
        if self != FileFormat::Csv {
            return Ok(());
        }
        for f in fields {
            if matches!(
                f.data_type,
                SparkType::Array(..) | SparkType::Map(..) | SparkType::Struct(_)
            ) {
                let ty = f.data_type.sql_name();
                return Err(SparkError::new(
                    ErrorKind::Analysis,
                    "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
                    "0A000",
                    format!(
                        "The CSV datasource doesn't support the column `{}` of the type \"{ty}\".",
                        f.name
                    ),
                    &[
                        ("columnName", format!("`{}`", f.name)),
                        ("columnType", format!("\"{ty}\"")),
                        ("format", "CSV".into()),
                    ],
                ));
            }
        }
        Ok(())
    }
}

fn io_error(e: impl std::fmt::Display, what: &Path) -> SparkError {
    SparkError::plain(
        ErrorKind::SparkRuntime,
        format!("writing {}: {e}", what.display()),
    )
}

/// Writes the batches as one file of `format` in `dir/sub` (created when
/// missing); returns its path relative to `dir`, or none for no rows.
pub fn write_file(
    dir: &Path,
    sub: &str,
    name_stem: &str,
    schema: &SchemaRef,
    batches: &[RecordBatch],
    format: FileFormat,
) -> Result<Option<String>> {
    if batches.iter().all(|b| b.num_rows() == 0) {
        return Ok(None);
    }
    let folder = if sub.is_empty() {
        dir.to_path_buf()
    } else {
        dir.join(sub)
    };
    std::fs::create_dir_all(&folder).map_err(|e| io_error(e, &folder))?;
    let name = format!("part-{name_stem}{}", format.extension());
    let tmp = folder.join(format!(".{name}.tmp"));
    let file = std::fs::File::create(&tmp).map_err(|e| io_error(e, &tmp))?;
    match format {
        FileFormat::Parquet => {
            let props = datafusion::parquet::file::properties::WriterProperties::builder()
                .set_compression(datafusion::parquet::basic::Compression::SNAPPY)
                .build();
            let mut w = datafusion::parquet::arrow::ArrowWriter::try_new(
                file,
                Arc::clone(schema),
                Some(props),
            )
            .map_err(|e| io_error(e, &tmp))?;
            for b in batches {
                w.write(b).map_err(|e| io_error(e, &tmp))?;
            }
            w.close().map_err(|e| io_error(e, &tmp))?;
        }
        FileFormat::Csv => {
            let mut w = datafusion::arrow::csv::WriterBuilder::new()
                .with_header(false)
                .build(std::io::BufWriter::new(file));
            for b in batches {
                w.write(b).map_err(|e| io_error(e, &tmp))?;
            }
        }
        FileFormat::Json => {
            let mut w =
                datafusion::arrow::json::LineDelimitedWriter::new(std::io::BufWriter::new(file));
            for b in batches {
                w.write(b).map_err(|e| io_error(e, &tmp))?;
            }
            w.finish().map_err(|e| io_error(e, &tmp))?;
        }
        FileFormat::Orc => {
            let mut w = orc_rust::ArrowWriterBuilder::new(file, Arc::clone(schema))
                .with_compression(orc_rust::compression::CompressionType::Zstd)
                .try_build()
                .map_err(|e| io_error(e, &tmp))?;
            for b in batches {
                w.write(b).map_err(|e| io_error(e, &tmp))?;
            }
            w.close().map_err(|e| io_error(e, &tmp))?;
        }
        FileFormat::Text => {
            use std::io::Write;
            let mut w = std::io::BufWriter::new(file);
            for b in batches {
                let text = cast(b.column(0), &DataType::Utf8)?;
                if let Some(lines) = text.as_any().downcast_ref::<StringArray>() {
                    for line in lines.iter().flatten() {
                        writeln!(w, "{line}").map_err(|e| io_error(e, &tmp))?;
                    }
                }
            }
            w.flush().map_err(|e| io_error(e, &tmp))?;
        }
    }
    std::fs::rename(&tmp, folder.join(&name)).map_err(|e| io_error(e, &folder))?;
    Ok(Some(if sub.is_empty() {
        name
    } else {
        format!("{sub}/{name}")
    }))
}

/// The rows of an ORC file, cast to `schema` (else to the Spark types of
/// the file's own columns).
pub fn read_orc(path: &Path, schema: Option<&SchemaRef>) -> Result<Vec<RecordBatch>> {
    let fail = |e: &dyn std::fmt::Display| {
        SparkError::plain(
            ErrorKind::SparkRuntime,
            format!("reading {}: {e}", path.display()),
        )
    };
    let file = std::fs::File::open(path).map_err(|e| fail(&e))?;
    let reader = orc_rust::ArrowReaderBuilder::try_new(file)
        .map_err(|e| fail(&e))?
        .build();
    let mut out = vec![];
    for batch in reader {
        let batch = batch.map_err(|e| fail(&e))?;
        let target = match schema {
            Some(s) => Arc::clone(s),
            None => orc_spark_schema(batch.schema_ref())?,
        };
        let cols = batch
            .columns()
            .iter()
            .zip(target.fields())
            .map(|(c, f)| cast(c, f.data_type()))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        out.push(RecordBatch::try_new(target, cols)?);
    }
    Ok(out)
}

/// The schema an ORC file's columns read as: their Spark types.
pub fn orc_spark_schema(schema: &SchemaRef) -> Result<SchemaRef> {
    let fields = schema
        .fields()
        .iter()
        .map(|f| {
            let t = SparkType::from_arrow(f.data_type())?;
            Ok(datafusion::arrow::datatypes::Field::new(
                f.name(),
                t.to_arrow(),
                true,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Arc::new(Schema::new(fields)))
}

/// The schema of an ORC file, as its columns read.
pub fn orc_file_schema(path: &Path) -> Result<SchemaRef> {
    let file = std::fs::File::open(path).map_err(|e| {
        SparkError::plain(
            ErrorKind::SparkRuntime,
            format!("reading {}: {e}", path.display()),
        )
    })?;
    let builder = orc_rust::ArrowReaderBuilder::try_new(file).map_err(|e| {
        SparkError::plain(
            ErrorKind::SparkRuntime,
            format!("reading {}: {e}", path.display()),
        )
    })?;
    orc_spark_schema(&builder.schema())
}

/// Splits the rows by the values of the last `n` columns: per partition
/// folder (`a=1/b=x`), the batches of the other columns.
pub fn split_partitions(
    schema: &SchemaRef,
    batches: &[RecordBatch],
    names: &[String],
) -> Result<(SchemaRef, BTreeMap<String, Vec<RecordBatch>>)> {
    let n = names.len();
    let data_len = schema.fields().len() - n;
    let data_schema = Arc::new(Schema::new(schema.fields()[..data_len].to_vec()));
    let mut out: BTreeMap<String, Vec<RecordBatch>> = BTreeMap::new();
    for batch in batches {
        if n == 0 {
            out.entry(String::new()).or_default().push(batch.clone());
            continue;
        }
        let keys = (data_len..schema.fields().len())
            .map(|i| partition_strings(batch.column(i)))
            .collect::<Result<Vec<_>>>()?;
        let mut rows: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for row in 0..batch.num_rows() {
            let path = names
                .iter()
                .zip(&keys)
                .map(|(name, k)| {
                    let v = if k.is_null(row) {
                        DEFAULT_PARTITION.to_string()
                    } else {
                        escape(k.value(row))
                    };
                    format!("{}={v}", escape(name))
                })
                .collect::<Vec<_>>()
                .join("/");
            rows.entry(path).or_default().push(row as u32);
        }
        for (path, idx) in rows {
            let idx = UInt32Array::from(idx);
            let cols = batch.columns()[..data_len]
                .iter()
                .map(|c| take(c, &idx, None))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            out.entry(path)
                .or_default()
                .push(RecordBatch::try_new(Arc::clone(&data_schema), cols)?);
        }
    }
    Ok((data_schema, out))
}

/// A partition column's values as the strings that name its folders.
fn partition_strings(col: &dyn Array) -> Result<StringArray> {
    let text = cast(col, &DataType::Utf8)?;
    let text = text
        .as_any()
        .downcast_ref::<StringArray>()
        .cloned()
        .ok_or_else(|| SparkError::internal("partition value is not a string"))?;
    // Timestamps as Spark writes them: a space between date and time.
    if matches!(col.data_type(), DataType::Timestamp(..)) {
        return Ok(text
            .iter()
            .map(|v| v.map(|s| s.replacen('T', " ", 1)))
            .collect());
    }
    Ok(text)
}

/// The (name, value) pairs of a file's partition folders, unescaped; a
/// null value for the default partition.
pub fn partition_values(file: &str) -> Vec<(String, Option<String>)> {
    let mut parts: Vec<&str> = file.split('/').collect();
    parts.pop();
    parts
        .into_iter()
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            let v = (v != DEFAULT_PARTITION).then(|| unescape(v));
            Some((unescape(k), v))
        })
        .collect()
}

/// Spark's escaping of partition names and values in paths.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if (c as u32) < 0x20 || "\"#%'*/:=?\\\x7f{[]^".contains(c) {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn unescape(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_spark() {
        assert_eq!(escape("a/b=c"), "a%2Fb%3Dc");
        assert_eq!(unescape("a%2Fb%3Dc"), "a/b=c");
        assert_eq!(unescape("100%"), "100%");
        assert_eq!(
            partition_values("b=a%2Fb/c=__HIVE_DEFAULT_PARTITION__/part-1.csv"),
            vec![
                ("b".to_string(), Some("a/b".to_string())),
                ("c".to_string(), None)
            ]
        );
    }
}
