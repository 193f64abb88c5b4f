//! The files behind `spark.read.<format>(paths)`: files, folders (recursively,
//! skipping names that start with `_` or `.`, as Hadoop does) and globs,
//! with Hive-style partition folders (`k=v/`) discovered as columns.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::logical_expr::{lit, Expr as DFExpr, LogicalPlan, LogicalPlanBuilder};

use crate::error::{ErrorKind, Result, SparkError};
use crate::io::table_files::{partition_values, DEFAULT_PARTITION};

/// The files to read, grouped by partition folder.
pub struct Listing {
    /// (partition values of the folder, files in it), in path order.
    pub groups: Vec<(Vec<Option<String>>, Vec<PathBuf>)>,
    /// The partition columns and the types their values suggest.
    pub partitions: Vec<(String, DataType)>,
}

impl Listing {
    pub fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.groups.iter().flat_map(|(_, f)| f.iter())
    }

    pub fn is_empty(&self) -> bool {
        self.groups.iter().all(|(_, f)| f.is_empty())
    }
}

/// Lists the data files of `paths`; `PATH_NOT_FOUND` for a missing path.
pub fn list(paths: &[String]) -> Result<Listing> {
    let mut found: Vec<(PathBuf, String)> = vec![];
    for p in paths {
        let local = p.strip_prefix("file://").unwrap_or(p);
        let local = local.strip_prefix("file:").unwrap_or(local);
        let matches: Vec<PathBuf> = if local.contains(['*', '?', '[', '{']) {
            glob::glob(local)
                .map_err(|e| SparkError::illegal_argument(format!("invalid path {p}: {e}")))?
                .filter_map(|m| m.ok())
                .collect()
        } else {
            vec![PathBuf::from(local)]
        };
        if matches.is_empty() || !matches.iter().all(|m| m.exists()) {
            return Err(path_not_found(p));
        }
        for root in matches {
            if root.is_dir() {
                walk(&root, &root, &mut found)?;
            } else {
                found.push((root, String::new()));
            }
        }
    }
    // Partition columns, in folder order, from the first file that has them.
    let mut names: Vec<String> = vec![];
    for (_, rel) in &found {
        for (k, _) in partition_values(rel) {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&k)) {
                names.push(k);
            }
        }
    }
    let mut groups: BTreeMap<Vec<Option<String>>, Vec<PathBuf>> = BTreeMap::new();
    let mut order: Vec<Vec<Option<String>>> = vec![];
    for (file, rel) in found {
        let values = partition_values(&rel);
        let key: Vec<Option<String>> = names
            .iter()
            .map(|n| {
                values
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(n))
                    .and_then(|(_, v)| v.clone())
            })
            .collect();
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(file);
    }
    let partitions = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let values = order.iter().filter_map(|k| k[i].as_deref());
            (n.clone(), infer_partition_type(values))
        })
        .collect();
    let groups = order
        .into_iter()
        .filter_map(|k| groups.remove(&k).map(|f| (k, f)))
        .collect();
    Ok(Listing { groups, partitions })
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, String)>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| read_error(e, dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        if name.starts_with('_') || name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, out)?;
        } else {
            let rel = path
                .strip_prefix(root)
                .map_or(String::new(), |r| r.to_string_lossy().into_owned());
            out.push((path, rel));
        }
    }
    Ok(())
}

/// Spark's partition value inference: int, bigint, double, else string.
fn infer_partition_type<'a>(values: impl Iterator<Item = &'a str>) -> DataType {
    let mut ty = DataType::Null;
    for v in values {
        let t = if v.parse::<i32>().is_ok() {
            DataType::Int32
        } else if v.parse::<i64>().is_ok() {
            DataType::Int64
        } else if v.parse::<f64>().is_ok() && !v.ends_with(['d', 'D', 'f', 'F']) {
            DataType::Float64
        } else {
            DataType::Utf8
        };
        ty = match (&ty, &t) {
            (DataType::Null, _) => t,
            (a, b) if a == b => t,
            (DataType::Utf8, _) | (_, DataType::Utf8) => DataType::Utf8,
            (DataType::Float64, _) | (_, DataType::Float64) => DataType::Float64,
            _ => DataType::Int64,
        };
    }
    if ty == DataType::Null {
        DataType::Utf8
    } else {
        ty
    }
}

/// Adds the partition values of a folder's scan as literal columns, after
/// the scan's own, each aliased to a fresh internal name.
pub fn with_partition_values(
    scan: LogicalPlan,
    partitions: &[(String, DataType)],
    values: &[Option<String>],
) -> Result<LogicalPlan> {
    let mut exprs: Vec<DFExpr> = scan
        .schema()
        .columns()
        .into_iter()
        .map(|c| DFExpr::Column(c).alias(crate::plan::internal_name()))
        .collect();
    for ((_, ty), v) in partitions.iter().zip(values) {
        let v = v.clone().filter(|v| v != DEFAULT_PARTITION);
        let value = lit(ScalarValue::Utf8(v).cast_to(ty)?);
        // Nullable, as Spark's partition columns are (folded when optimised).
        let value = datafusion::logical_expr::when(lit(true), value).end()?;
        exprs.push(value.alias(crate::plan::internal_name()));
    }
    Ok(LogicalPlanBuilder::from(scan).project(exprs)?.build()?)
}

/// A frame over rows read into memory, one set of batches per folder of
/// the listing (in its order), the folders' values as columns.
pub fn in_memory(
    listing: &Listing,
    schema: datafusion::arrow::datatypes::SchemaRef,
    groups: Vec<Vec<datafusion::arrow::array::RecordBatch>>,
    names: Vec<String>,
) -> Result<crate::plan::Frame> {
    if groups.is_empty() {
        return crate::plan::ops::from_batches(schema, vec![]);
    }
    let mut plans = vec![];
    for ((values, _), batches) in listing.groups.iter().zip(groups) {
        let frame = crate::plan::ops::from_batches(std::sync::Arc::clone(&schema), batches)?;
        plans.push(with_partition_values(
            frame.plan.as_ref().clone(),
            &listing.partitions,
            values,
        )?);
    }
    Ok(crate::plan::Frame::new(union_all(plans)?, names, &[]))
}

/// Unions the per-folder plans.
pub fn union_all(plans: Vec<LogicalPlan>) -> Result<LogicalPlan> {
    let mut plans = plans.into_iter();
    let first = plans
        .next()
        .ok_or_else(|| SparkError::internal("a file source without files"))?;
    let mut builder = LogicalPlanBuilder::from(first);
    for p in plans {
        builder = builder.union(p)?;
    }
    Ok(builder.build()?)
}

fn read_error(e: impl std::fmt::Display, what: &Path) -> SparkError {
    SparkError::plain(
        ErrorKind::SparkRuntime,
        format!("reading {}: {e}", what.display()),
    )
}

/// Spark's text of a local path: `file:/abs/path`.
pub fn qualified(path: &str) -> String {
    if path.contains("://") || path.starts_with("file:") {
        return path.to_string();
    }
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.into());
    format!("file:{}", abs.display())
}

pub fn path_not_found(path: &str) -> SparkError {
    let shown = qualified(path);
    SparkError::new(
        ErrorKind::Analysis,
        "PATH_NOT_FOUND",
        "42K03",
        format!("Path does not exist: {shown}."),
        &[("path", shown.clone())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_types_widen_as_spark() {
        assert_eq!(
            infer_partition_type(["1", "2"].into_iter()),
            DataType::Int32
        );
        assert_eq!(
            infer_partition_type(["1", "3000000000"].into_iter()),
            DataType::Int64
        );
        assert_eq!(
            infer_partition_type(["1", "1.5"].into_iter()),
            DataType::Float64
        );
        assert_eq!(infer_partition_type(["1", "x"].into_iter()), DataType::Utf8);
        assert_eq!(infer_partition_type([].into_iter()), DataType::Utf8);
    }

    #[test]
    fn lists_folders_with_partitions() {
        let dir = std::env::temp_dir().join(format!("ember-files-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for sub in ["k=1", "k=2", "_temporary"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
            std::fs::write(dir.join(sub).join("part-0.csv"), "a\n").unwrap();
        }
        std::fs::write(dir.join("_SUCCESS"), "").unwrap();
        let l = list(&[dir.to_string_lossy().into_owned()]).unwrap();
        assert_eq!(l.partitions, vec![("k".to_string(), DataType::Int32)]);
        assert_eq!(l.groups.len(), 2);
        assert_eq!(l.files().count(), 2);
        let missing = list(&[dir.join("nope").to_string_lossy().into_owned()]);
        assert!(missing.is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
