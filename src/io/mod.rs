//! Reading data sources into frames.

pub mod table_files;

use datafusion::datasource::file_format::options::ParquetReadOptions;
use datafusion::logical_expr::{Expr as DFExpr, LogicalPlanBuilder};

use crate::error::{ErrorKind, Result, SparkError};
use crate::plan::{internal_name, Frame};
use crate::session::Session;

/// `spark.read.parquet(*paths)`: files, folders or globs.
pub async fn read_parquet(session: &Session, paths: &[String]) -> Result<Frame> {
    for p in paths {
        let local = p.strip_prefix("file://").unwrap_or(p);
        let is_glob = local.contains(['*', '?', '[']);
        if !is_glob && !std::path::Path::new(local).exists() {
            return Err(path_not_found(p));
        }
    }
    let df = session
        .ctx
        .read_parquet(paths.to_vec(), ParquetReadOptions::default())
        .await?;
    let plan = df.into_unoptimized_plan();
    let mut names = vec![];
    let exprs: Vec<DFExpr> = plan
        .schema()
        .columns()
        .into_iter()
        .map(|c| {
            names.push(c.name.clone());
            DFExpr::Column(c).alias(internal_name())
        })
        .collect();
    let plan = LogicalPlanBuilder::from(plan).project(exprs)?.build()?;
    Ok(Frame::new(plan, names, &[]))
}

fn path_not_found(path: &str) -> SparkError {
    let shown = if path.contains("://") {
        path.to_string()
    } else {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.into());
        format!("file:{}", abs.display())
    };
    SparkError::new(
        ErrorKind::Analysis,
        "PATH_NOT_FOUND",
        "42K03",
        format!("Path does not exist: {shown}."),
        &[("path", shown.clone())],
    )
}
