//! Reading and writing data sources: `spark.read.<format>` and
//! `df.write.<format>`.

pub mod csv;
pub mod files;
pub mod json_source;
pub mod options;
pub mod table_files;
pub mod text;
pub mod write;

use datafusion::datasource::file_format::options::ParquetReadOptions;
use datafusion::logical_expr::{Expr as DFExpr, LogicalPlanBuilder};

use crate::error::{Result, SparkError};
use crate::plan::{internal_name, Frame};
use crate::session::Session;
use crate::types::{SparkType, StructField};

pub use files::path_not_found;
pub use options::Options;

/// `spark.read.format(format).schema(schema).options(…).load(paths)`; the
/// schema as Spark's JSON.
pub async fn read(
    session: &Session,
    format: &str,
    paths: &[String],
    schema: Option<&str>,
    options: &Options,
) -> Result<Frame> {
    let fields = match schema {
        None => None,
        Some(text) => Some(schema_fields(text)?),
    };
    match format.to_ascii_lowercase().as_str() {
        "parquet" => {
            let merge = options.bool_of("mergeSchema", false)?;
            let frame = read_parquet_files(session, paths, merge).await?;
            match fields {
                Some(fields) => conform(session, &frame, &fields),
                None => Ok(frame),
            }
        }
        "csv" => csv::read(session, paths, fields, options).await,
        "json" => json_source::read(paths, fields, options),
        "text" => text::read(paths, fields, options),
        "orc" => read_orc(paths, fields),
        "xml" | "avro" | "jdbc" => Err(SparkError::not_implemented(&format!(
            "reading format {format:?}"
        ))),
        other => Err(match table_files::FileFormat::parse(other) {
            Err(e) => e,
            Ok(_) => SparkError::internal(format!("no reader for {other}")),
        }),
    }
}

/// `spark.read.orc(paths)`: the files' rows, read now; partition folders
/// as columns.
fn read_orc(paths: &[String], fields: Option<Vec<StructField>>) -> Result<Frame> {
    let listing = files::list(paths)?;
    let schema = match &fields {
        Some(fields) => std::sync::Arc::new(datafusion::arrow::datatypes::Schema::new(
            fields.iter().map(StructField::to_arrow).collect::<Vec<_>>(),
        )),
        None => match listing.files().next() {
            Some(first) => table_files::orc_file_schema(first)?,
            None => {
                return Err(SparkError::new(
                    crate::error::ErrorKind::Analysis,
                    "UNABLE_TO_INFER_SCHEMA",
                    "42KD9",
                    "Unable to infer schema for ORC. It must be specified manually.",
                    &[("format", "ORC".into())],
                ))
            }
        },
    };
    let mut names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    names.extend(listing.partitions.iter().map(|(n, _)| n.clone()));
    let mut groups = vec![];
    for (_, group) in &listing.groups {
        let mut batches = vec![];
        for f in group {
            batches.extend(table_files::read_orc(f, Some(&schema))?);
        }
        groups.push(batches);
    }
    files::in_memory(&listing, schema, groups, names)
}

/// A schema given as Spark's JSON.
fn schema_fields(text: &str) -> Result<Vec<StructField>> {
    match SparkType::from_json_str(text)? {
        SparkType::Struct(fields) => Ok(fields),
        other => Ok(vec![StructField::new("value", other, true)]),
    }
}

/// `spark.read.parquet(*paths)`: files, folders or globs, partition
/// folders as columns.
pub async fn read_parquet(session: &Session, paths: &[String]) -> Result<Frame> {
    read_parquet_files(session, paths, false).await
}

/// A frame with a user schema's columns, by name: cast to its types, null
/// where the data has no such column.
fn conform(session: &Session, frame: &Frame, fields: &[StructField]) -> Result<Frame> {
    let have = frame.names();
    let exprs: Vec<crate::expr::Expr> = fields
        .iter()
        .map(|f| {
            let value = match have.iter().find(|n| n.eq_ignore_ascii_case(&f.name)) {
                Some(n) => crate::expr::Expr::Column {
                    name: format!("`{}`", n.replace('`', "``")),
                    plan_id: None,
                },
                None => crate::expr::Expr::Literal(crate::expr::Literal::Null),
            };
            crate::expr::Expr::Alias {
                expr: Box::new(crate::expr::Expr::Cast {
                    expr: Box::new(value),
                    to: f.data_type.clone(),
                    try_cast: false,
                }),
                names: vec![f.name.clone()],
                metadata: None,
            }
        })
        .collect();
    crate::plan::ops::select(frame, &session.settings(), &exprs)
}

/// One scan of Parquet files (each file apart with `merge`: the union of
/// their columns, by name).
async fn scan_parquet(
    session: &Session,
    files: Vec<String>,
    merge: bool,
) -> Result<(datafusion::logical_expr::LogicalPlan, Vec<String>)> {
    let options = || ParquetReadOptions {
        file_extension: "",
        ..Default::default()
    };
    let sets: Vec<Vec<String>> = if merge {
        files.into_iter().map(|f| vec![f]).collect()
    } else {
        vec![files]
    };
    let mut scans = vec![];
    let mut names: Vec<String> = vec![];
    let mut types: Vec<datafusion::arrow::datatypes::DataType> = vec![];
    for set in sets {
        let plan = session
            .ctx
            .read_parquet(set, options())
            .await?
            .into_unoptimized_plan();
        for f in plan.schema().fields() {
            if !names.contains(f.name()) {
                names.push(f.name().clone());
                types.push(f.data_type().clone());
            }
        }
        scans.push(plan);
    }
    let mut plans = vec![];
    for plan in scans {
        let schema = plan.schema().clone();
        let exprs: Vec<DFExpr> = names
            .iter()
            .zip(&types)
            .map(|(n, ty)| {
                let value = match schema.fields().iter().position(|f| f.name() == n) {
                    Some(i) => {
                        DFExpr::Column(datafusion::common::Column::from(schema.qualified_field(i)))
                    }
                    None => datafusion::logical_expr::cast(
                        datafusion::logical_expr::lit(datafusion::common::ScalarValue::Null),
                        ty.clone(),
                    ),
                };
                value.alias(internal_name())
            })
            .collect();
        plans.push(LogicalPlanBuilder::from(plan).project(exprs)?.build()?);
    }
    // The union needs one set of names: the first scan's.
    let mut plans = plans.into_iter();
    let first = plans
        .next()
        .ok_or_else(|| SparkError::internal("a Parquet source without files"))?;
    let first_names: Vec<String> = first
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let mut builder = LogicalPlanBuilder::from(first);
    for p in plans {
        let renamed: Vec<DFExpr> = p
            .schema()
            .columns()
            .into_iter()
            .zip(&first_names)
            .map(|(c, n)| DFExpr::Column(c).alias(n))
            .collect();
        builder = builder.union(LogicalPlanBuilder::from(p).project(renamed)?.build()?)?;
    }
    Ok((builder.build()?, names))
}

async fn read_parquet_files(session: &Session, paths: &[String], merge: bool) -> Result<Frame> {
    let listing = files::list(paths)?;
    if listing.is_empty() {
        return Err(csv::unable_to_infer("Parquet"));
    }
    let mut plans = vec![];
    let mut names: Vec<String> = vec![];
    for (values, group) in &listing.groups {
        let group: Vec<String> = group
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let (plan, group_names) = scan_parquet(session, group, merge).await?;
        if names.is_empty() {
            names = group_names;
        }
        plans.push(files::with_partition_values(
            plan,
            &listing.partitions,
            values,
        )?);
    }
    names.extend(listing.partitions.iter().map(|(n, _)| n.clone()));
    Ok(Frame::new(files::union_all(plans)?, names, &[]))
}
