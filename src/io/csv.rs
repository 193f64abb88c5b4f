//! `spark.read.csv`: Spark's CSV options, header names and type inference.
//!
//! Files are scanned lazily by DataFusion as text columns; Spark's types are
//! then given by casts (a user schema, or the types `inferSchema` finds in
//! one pass over the values, as Spark does).

use std::sync::Arc;

use datafusion::arrow::array::{Array, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::datasource::file_format::csv::CsvFormat;
use datafusion::datasource::listing::{
    ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl,
};
use datafusion::logical_expr::{LogicalPlan, LogicalPlanBuilder};
use futures::StreamExt;

use crate::error::{ErrorKind, Result, SparkError};
use crate::expr::{Expr, Literal};
use crate::io::files::{self, Listing};
use crate::io::options::Options;
use crate::plan::Frame;
use crate::session::Session;
use crate::types::{SparkType, StructField};

/// Spark's CSV reading options.
pub struct CsvOptions {
    pub sep: u8,
    pub quote: u8,
    pub escape: u8,
    pub comment: Option<u8>,
    pub header: bool,
    pub infer_schema: bool,
    pub null_value: String,
    pub multi_line: bool,
    pub prefer_date: bool,
    pub date_format: Option<String>,
    pub timestamp_format: Option<String>,
}

impl CsvOptions {
    pub fn parse(o: &Options) -> Result<CsvOptions> {
        Ok(CsvOptions {
            sep: o.char_of(&["sep", "delimiter"], b',')?,
            quote: o.char_of(&["quote"], b'"')?,
            escape: o.char_of(&["escape"], b'\\')?,
            comment: match o.get("comment") {
                Some(c) if !c.is_empty() => Some(o.char_of(&["comment"], b'#')?),
                _ => None,
            },
            header: o.bool_of("header", false)?,
            infer_schema: o.bool_of("inferSchema", false)?,
            null_value: o.get("nullValue").unwrap_or_default(),
            multi_line: o.bool_of("multiLine", false)?,
            prefer_date: o.bool_of("preferDate", true)?,
            date_format: o.get("dateFormat"),
            timestamp_format: o.get("timestampFormat"),
        })
    }
}

/// Reads CSV files as a frame.
pub async fn read(
    session: &Session,
    paths: &[String],
    schema: Option<Vec<StructField>>,
    options: &Options,
) -> Result<Frame> {
    let opts = CsvOptions::parse(options)?;
    let listing = files::list(paths)?;
    let header = match listing.files().next() {
        Some(first) => header_names(first, &opts)?,
        None if schema.is_none() => return Err(unable_to_infer("CSV")),
        None => vec![],
    };
    let parts: Vec<String> = listing.partitions.iter().map(|(n, _)| n.clone()).collect();
    if let Some(fields) = schema {
        // A schema names the columns by position (the header is skipped).
        let width = header.len();
        let scan_names: Vec<String> = (0..width)
            .map(|i| format!("_c{i}"))
            .chain(parts.iter().cloned())
            .collect();
        let frame = Frame::new(scan_text(&listing, width, &opts)?, scan_names, &[]);
        let data = data_fields(&fields, &listing);
        let mut exprs: Vec<Expr> = data
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let value = if i < width {
                    null_value(column(&format!("_c{i}")), &opts)
                } else {
                    Expr::Literal(Literal::Null)
                };
                alias(typed(value, &f.data_type, &opts), &f.name)
            })
            .collect();
        for p in &parts {
            let ty = fields
                .iter()
                .find(|f| f.name.eq_ignore_ascii_case(p))
                .map(|f| f.data_type.clone());
            exprs.push(match ty {
                Some(ty) => alias(typed(column(p), &ty, &opts), p),
                None => column(p),
            });
        }
        return crate::plan::ops::select(&frame, &session.settings(), &exprs);
    }
    let n_data = header.len();
    let mut all_names = header;
    all_names.extend(parts);
    let frame = Frame::new(scan_text(&listing, n_data, &opts)?, all_names.clone(), &[]);
    if !opts.infer_schema {
        if opts.null_value.is_empty() {
            return Ok(frame);
        }
        let exprs: Vec<Expr> = all_names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                if i < n_data {
                    alias(null_value(column(name), &opts), name)
                } else {
                    column(name)
                }
            })
            .collect();
        return crate::plan::ops::select(&frame, &session.settings(), &exprs);
    }
    let types = infer_types(session, &frame, n_data, &opts).await?;
    let exprs: Vec<Expr> = all_names
        .iter()
        .enumerate()
        .map(|(i, name)| match types.get(i) {
            Some(ty) if i < n_data => {
                alias(typed(null_value(column(name), &opts), ty, &opts), name)
            }
            _ => column(name),
        })
        .collect();
    crate::plan::ops::select(&frame, &session.settings(), &exprs)
}

fn column(name: &str) -> Expr {
    Expr::Column {
        name: format!("`{}`", name.replace('`', "``")),
        plan_id: None,
    }
}

/// The value, or null where the text is the `nullValue` option's.
fn null_value(e: Expr, opts: &CsvOptions) -> Expr {
    if opts.null_value.is_empty() {
        return e;
    }
    Expr::Function {
        name: "nullif".into(),
        args: vec![e, Expr::Literal(Literal::String(opts.null_value.clone()))],
        distinct: false,
    }
}

fn alias(e: Expr, name: &str) -> Expr {
    Expr::Alias {
        expr: Box::new(e),
        names: vec![name.to_string()],
        metadata: None,
    }
}

/// The data columns of a user schema: those that aren't partition folders.
fn data_fields(fields: &[StructField], listing: &Listing) -> Vec<StructField> {
    fields
        .iter()
        .filter(|f| {
            !listing
                .partitions
                .iter()
                .any(|(p, _)| p.eq_ignore_ascii_case(&f.name))
        })
        .cloned()
        .collect()
}

/// A text column as a value of `ty`: a forgiving cast (a malformed value
/// is null, as in Spark's PERMISSIVE mode), through the format options.
fn typed(col: Expr, ty: &SparkType, opts: &CsvOptions) -> Expr {
    let format = match ty {
        SparkType::Timestamp | SparkType::TimestampNtz => opts.timestamp_format.as_ref(),
        SparkType::Date => opts.date_format.as_ref(),
        _ => None,
    };
    if let Some(fmt) = format {
        let f = if *ty == SparkType::Date {
            "try_to_date"
        } else {
            "try_to_timestamp"
        };
        let parsed = Expr::Function {
            name: f.into(),
            args: vec![col, Expr::Literal(Literal::String(fmt.clone()))],
            distinct: false,
        };
        return Expr::Cast {
            expr: Box::new(parsed),
            to: ty.clone(),
            try_cast: true,
        };
    }
    Expr::Cast {
        expr: Box::new(col),
        to: ty.clone(),
        try_cast: true,
    }
}

fn csv_format(opts: &CsvOptions, header: bool) -> CsvFormat {
    CsvFormat::default()
        .with_has_header(header)
        .with_delimiter(opts.sep)
        .with_quote(opts.quote)
        .with_escape(Some(opts.escape))
        .with_comment(opts.comment)
        .with_newlines_in_values(opts.multi_line)
        .with_truncated_rows(true)
}

/// The column names: the first record's fields (deduplicated as Spark
/// does), or `_c0`, `_c1`, … without a header.
fn header_names(first: &std::path::Path, opts: &CsvOptions) -> Result<Vec<String>> {
    let file = std::fs::File::open(first).map_err(|e| {
        SparkError::plain(
            ErrorKind::SparkRuntime,
            format!("reading {}: {e}", first.display()),
        )
    })?;
    let mut format = datafusion::arrow::csv::reader::Format::default()
        .with_header(false)
        .with_delimiter(opts.sep)
        .with_quote(opts.quote)
        .with_escape(opts.escape);
    if let Some(c) = opts.comment {
        format = format.with_comment(c);
    }
    let mut reader = std::io::BufReader::new(file);
    let (inferred, _) = format.infer_schema(&mut reader, Some(1))?;
    let width = inferred.fields().len();
    if !opts.header {
        return Ok((0..width).map(|i| format!("_c{i}")).collect());
    }
    let file = std::fs::File::open(first)
        .map_err(|e| SparkError::plain(ErrorKind::SparkRuntime, e.to_string()))?;
    let text_schema = Arc::new(Schema::new(
        (0..width)
            .map(|i| Field::new(format!("c{i}"), DataType::Utf8, true))
            .collect::<Vec<_>>(),
    ));
    let mut rd = datafusion::arrow::csv::ReaderBuilder::new(text_schema)
        .with_format(format)
        .with_batch_size(1)
        .build(file)?;
    let raw: Vec<String> = match rd.next() {
        Some(batch) => {
            let batch = batch?;
            (0..width)
                .map(|i| {
                    batch
                        .column(i)
                        .as_any()
                        .downcast_ref::<StringArray>()
                        .filter(|a| !a.is_null(0))
                        .map(|a| a.value(0).to_string())
                        .unwrap_or_default()
                })
                .collect()
        }
        None => vec![],
    };
    Ok(dedup_header(raw))
}

/// Spark's header names: empty names become `_c<i>`; repeated names get
/// their position appended (`a0`, `a1`).
fn dedup_header(raw: Vec<String>) -> Vec<String> {
    raw.iter()
        .enumerate()
        .map(|(i, n)| {
            if n.is_empty() {
                format!("_c{i}")
            } else if raw.iter().filter(|m| m.eq_ignore_ascii_case(n)).count() > 1 {
                format!("{n}{i}")
            } else {
                n.clone()
            }
        })
        .collect()
}

/// One lazy text scan per partition folder, its values as columns.
fn scan_text(listing: &Listing, width: usize, opts: &CsvOptions) -> Result<LogicalPlan> {
    let schema: SchemaRef = Arc::new(Schema::new(
        (0..width)
            .map(|i| Field::new(format!("c{i}"), DataType::Utf8, true))
            .collect::<Vec<_>>(),
    ));
    if listing.is_empty() {
        return Ok(crate::plan::ops::from_batches(schema, vec![])?
            .plan
            .as_ref()
            .clone());
    }
    let mut plans = vec![];
    for (values, group) in &listing.groups {
        let urls = group
            .iter()
            .map(|f| ListingTableUrl::parse(f.to_string_lossy()))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let options =
            ListingOptions::new(Arc::new(csv_format(opts, opts.header))).with_file_extension("");
        let config = ListingTableConfig::new_with_multi_paths(urls)
            .with_listing_options(options)
            .with_schema(Arc::clone(&schema));
        let table = ListingTable::try_new(config)?;
        let source = datafusion::datasource::provider_as_source(Arc::new(table));
        let scan = LogicalPlanBuilder::scan("csv", source, None)?.build()?;
        plans.push(files::with_partition_values(
            scan,
            &listing.partitions,
            values,
        )?);
    }
    files::union_all(plans)
}

/// The Spark types of the first `n` columns, from every value (one pass).
async fn infer_types(
    session: &Session,
    frame: &Frame,
    n: usize,
    opts: &CsvOptions,
) -> Result<Vec<SparkType>> {
    let ts_format = match &opts.timestamp_format {
        Some(f) => Some(crate::functions::compile_datetime_parse(f)?),
        None => None,
    };
    let mut kinds = vec![Kind::Null; n];
    let mut stream = session.execute_stream(frame).await?;
    while let Some(batch) = stream.next().await {
        let batch = batch?;
        for (i, kind) in kinds.iter_mut().enumerate() {
            let Some(col) = batch.column(i).as_any().downcast_ref::<StringArray>() else {
                continue;
            };
            for v in col.iter().flatten() {
                if *kind == Kind::String {
                    break;
                }
                *kind = kind.merge(infer_value(v, opts, ts_format.as_deref()));
            }
        }
    }
    Ok(kinds.into_iter().map(Kind::spark_type).collect())
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Null,
    Int,
    Long,
    Double,
    Boolean,
    Date,
    Timestamp,
    String,
}

impl Kind {
    fn merge(self, other: Kind) -> Kind {
        use Kind::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Null, b) => b,
            (a, Null) => a,
            (Int | Long | Double, Int | Long | Double) => {
                if self == Double || other == Double {
                    Double
                } else {
                    Long
                }
            }
            (Date | Timestamp, Date | Timestamp) => Timestamp,
            _ => String,
        }
    }

    fn spark_type(self) -> SparkType {
        match self {
            Kind::Null | Kind::String => SparkType::String,
            Kind::Int => SparkType::Integer,
            Kind::Long => SparkType::Long,
            Kind::Double => SparkType::Double,
            Kind::Boolean => SparkType::Boolean,
            Kind::Date => SparkType::Date,
            Kind::Timestamp => SparkType::Timestamp,
        }
    }
}

/// The type Spark's CSV inference gives one value.
fn infer_value(
    v: &str,
    opts: &CsvOptions,
    ts_format: Option<&[crate::functions::DatetimeTok]>,
) -> Kind {
    if v == opts.null_value {
        return Kind::Null;
    }
    let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if v.parse::<i32>().is_ok() {
            return Kind::Int;
        }
        if v.parse::<i64>().is_ok() {
            return Kind::Long;
        }
    }
    if matches!(v, "NaN" | "Infinity" | "-Infinity" | "+Infinity")
        || (v.parse::<f64>().is_ok()
            && !v.eq_ignore_ascii_case("inf")
            && !v.eq_ignore_ascii_case("infinity")
            && !v.eq_ignore_ascii_case("nan"))
    {
        return Kind::Double;
    }
    if opts.prefer_date && is_date(v, opts) {
        return Kind::Date;
    }
    let is_ts = match ts_format {
        Some(toks) => crate::functions::parses_datetime(toks, v),
        None => v.len() > 10 && crate::functions::cast_to_local_datetime(v).is_some(),
    };
    if is_ts {
        return Kind::Timestamp;
    }
    if v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false") {
        return Kind::Boolean;
    }
    Kind::String
}

fn is_date(v: &str, opts: &CsvOptions) -> bool {
    match &opts.date_format {
        Some(f) => crate::functions::compile_datetime_parse(f)
            .map(|t| crate::functions::parses_datetime(&t, v))
            .unwrap_or(false),
        None => {
            let b = v.as_bytes();
            b.len() == 10
                && b[4] == b'-'
                && b[7] == b'-'
                && b.iter()
                    .enumerate()
                    .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
                && crate::functions::cast_to_local_datetime(v).is_some()
        }
    }
}

pub fn unable_to_infer(format: &str) -> SparkError {
    SparkError::new(
        ErrorKind::Analysis,
        "UNABLE_TO_INFER_SCHEMA",
        "42KD9",
        format!("Unable to infer schema for {format}. It must be specified manually."),
        &[("format", format.to_string())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> CsvOptions {
        CsvOptions::parse(&Options::default()).unwrap()
    }

    #[test]
    fn infers_values_as_spark() {
        let o = opts();
        let kinds: Vec<Kind> = [
            "1",
            "3000000000",
            "1.5",
            "2024-01-02",
            "2024-01-02 03:04:05",
            "2024-01-02T03:04:05",
            "true",
            "x",
            "",
        ]
        .iter()
        .map(|v| infer_value(v, &o, None))
        .collect();
        use Kind::*;
        assert_eq!(
            kinds,
            vec![Int, Long, Double, Date, Timestamp, Timestamp, Boolean, String, Null]
        );
        assert_eq!(Int.merge(Double), Double);
        assert_eq!(Int.merge(Long), Long);
        assert_eq!(Date.merge(Timestamp), Timestamp);
        assert_eq!(Int.merge(Boolean), String);
    }

    #[test]
    fn header_names_dedup_as_spark() {
        assert_eq!(
            dedup_header(vec!["a".into(), "".into(), "A".into(), "b".into()]),
            vec!["a0", "_c1", "A2", "b"]
        );
    }
}
