//! The persistent catalog: databases and managed tables under
//! `spark.sql.warehouse.dir` (default `./spark-warehouse`).
//!
//! Layout, as Spark's: the `default` database is the warehouse folder
//! itself, another database `db` is the folder `db.db`, and a table is a
//! folder of Parquet files inside its database folder. A table's folder also
//! holds `_ember_table.json`: its Spark schema, provider and the data files
//! of its current version. Writers add new files first and then replace the
//! metadata file atomically (write and rename) under a lock file, so two
//! sessions writing one table never leave it half-written: a reader sees the
//! old version or the new one.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::SchemaRef;
use serde_json::{json, Value};

use crate::error::{ErrorKind, Result, SparkError};
use crate::io::table_files::{self, FileFormat};
use crate::types::SparkType;

const META: &str = "_ember_table.json";
const LOCK: &str = "_ember_table.lock";
const VIEW: &str = "_ember_view.json";
const FUNCTIONS: &str = "_ember_functions.json";

#[derive(Debug, Clone)]
pub struct TableMeta {
    /// The Spark schema in Spark's JSON form.
    pub schema: String,
    pub provider: String,
    /// Partition columns, in order; the last columns of the schema.
    pub partition: Vec<String>,
    /// Data files of the current version, relative to the table folder
    /// (managed tables; an external table's files are those at its location).
    pub files: Vec<String>,
    /// An external table's folder.
    pub location: Option<String>,
    /// Options of the data source (`OPTIONS (header true)`).
    pub options: Vec<(String, String)>,
    /// `TBLPROPERTIES`.
    pub properties: Vec<(String, String)>,
    /// The partition folders (`k=v/...`) an external partitioned table knows.
    pub partitions: Vec<String>,
}

fn pairs_json(pairs: &[(String, String)]) -> Value {
    Value::Array(pairs.iter().map(|(k, v)| json!([k, v])).collect())
}

fn pairs(v: Option<&Value>) -> Vec<(String, String)> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|p| Some((p.get(0)?.as_str()?.into(), p.get(1)?.as_str()?.into())))
                .collect()
        })
        .unwrap_or_default()
}

impl TableMeta {
    fn to_json(&self) -> String {
        json!({
            "schema": self.schema,
            "provider": self.provider,
            "partition": self.partition,
            "files": self.files,
            "location": self.location,
            "options": pairs_json(&self.options),
            "properties": pairs_json(&self.properties),
            "partitions": self.partitions,
        })
        .to_string()
    }

    fn from_json(text: &str) -> Option<TableMeta> {
        let v: Value = serde_json::from_str(text).ok()?;
        Some(TableMeta {
            schema: v.get("schema")?.as_str()?.to_string(),
            provider: v.get("provider")?.as_str()?.to_string(),
            partition: strings(v.get("partition")),
            files: strings(Some(v.get("files")?)),
            location: v
                .get("location")
                .and_then(Value::as_str)
                .map(str::to_string),
            options: pairs(v.get("options")),
            properties: pairs(v.get("properties")),
            partitions: strings(v.get("partitions")),
        })
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|f| f.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// How a new table stores its rows: its file format and partition columns,
/// and for an external table its folder and options.
#[derive(Debug, Clone)]
pub struct TableSpec {
    pub format: FileFormat,
    pub partition: Vec<String>,
    pub location: Option<String>,
    pub options: Vec<(String, String)>,
    pub properties: Vec<(String, String)>,
}

impl Default for TableSpec {
    fn default() -> Self {
        TableSpec {
            format: FileFormat::Parquet,
            partition: vec![],
            location: None,
            options: vec![],
            properties: vec![],
        }
    }
}

impl TableSpec {
    /// The spec an existing table was created with.
    pub fn of(meta: &TableMeta) -> Result<TableSpec> {
        Ok(TableSpec {
            format: FileFormat::parse(&meta.provider)?,
            partition: meta.partition.clone(),
            location: meta.location.clone(),
            options: meta.options.clone(),
            properties: meta.properties.clone(),
        })
    }
}

/// The data files under an external table's folder (relative paths; names
/// starting with `_` or `.` skipped), sorted; none when it is missing.
pub fn list_data_files(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if name.starts_with('_') || name.starts_with('.') {
                continue;
            }
            let rel = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}/{name}")
            };
            if e.path().is_dir() {
                walk(&e.path(), &rel, out);
            } else {
                out.push(rel);
            }
        }
    }
    let mut out = vec![];
    walk(dir, "", &mut out);
    out.sort();
    out
}

/// The partition folder of a data file (`a=1/b=x`), empty at the top.
pub fn folder_of(file: &str) -> &str {
    file.rsplit_once('/').map_or("", |(d, _)| d)
}

/// The static `(column, value)` pairs of a partition spec; a null value is
/// the default partition.
pub type PartitionValues = Vec<(String, Option<String>)>;

/// How a write treats an existing table (`DataFrameWriter.mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveMode {
    Append,
    Overwrite,
    ErrorIfExists,
    Ignore,
}

impl SaveMode {
    pub fn parse(mode: &str) -> Result<SaveMode> {
        Ok(match mode.to_lowercase().as_str() {
            "append" => SaveMode::Append,
            "overwrite" => SaveMode::Overwrite,
            "error" | "errorifexists" | "default" => SaveMode::ErrorIfExists,
            "ignore" => SaveMode::Ignore,
            _ => {
                return Err(SparkError::new(
                    ErrorKind::Analysis,
                    "INVALID_SAVE_MODE",
                    "42000",
                    format!(
                        "The specified save mode \"{mode}\" is invalid. Valid save modes include \"append\", \"overwrite\", \"ignore\", \"error\", \"errorifexists\", and \"default\"."
                    ),
                    &[("mode", format!("\"{mode}\""))],
                ))
            }
        })
    }
}

pub struct Warehouse {
    root: PathBuf,
}

fn io_error(e: std::io::Error, what: &Path) -> SparkError {
    SparkError::plain(ErrorKind::SparkRuntime, format!("{}: {e}", what.display()))
}

pub fn schema_not_found(db: &str) -> SparkError {
    SparkError::new(
        ErrorKind::Analysis,
        "SCHEMA_NOT_FOUND",
        "42704",
        format!("The schema `spark_catalog`.`{db}` cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a catalog, verify the current_schema() output, or qualify the name with the correct catalog.\nTo tolerate the error on drop use DROP SCHEMA IF EXISTS."),
        &[("schemaName", format!("`spark_catalog`.`{db}`"))],
    )
}

pub fn table_exists_error(db: &str, name: &str) -> SparkError {
    let shown = format!("`spark_catalog`.`{db}`.`{name}`");
    SparkError::new(
        ErrorKind::Analysis,
        "TABLE_OR_VIEW_ALREADY_EXISTS",
        "42P07",
        format!("Cannot create table or view {shown} because it already exists.\nChoose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects."),
        &[("relationName", shown.clone())],
    )
}

impl Warehouse {
    pub fn new(dir: &str) -> Warehouse {
        let dir = dir.strip_prefix("file:").unwrap_or(dir);
        let root = std::path::absolute(dir).unwrap_or_else(|_| PathBuf::from(dir));
        Warehouse { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn db_dir(&self, db: &str) -> PathBuf {
        if db.eq_ignore_ascii_case("default") {
            self.root.clone()
        } else {
            self.root.join(format!("{}.db", db.to_lowercase()))
        }
    }

    pub fn table_dir(&self, db: &str, name: &str) -> PathBuf {
        self.db_dir(db).join(name.to_lowercase())
    }

    pub fn database_exists(&self, db: &str) -> bool {
        db.eq_ignore_ascii_case("default") || self.db_dir(db).is_dir()
    }

    /// `default` and every `*.db` folder, sorted.
    pub fn databases(&self) -> Vec<String> {
        let mut out = vec!["default".to_string()];
        if let Ok(entries) = std::fs::read_dir(&self.root) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if let Some(db) = name.strip_suffix(".db") {
                    if e.path().is_dir() {
                        out.push(db.to_string());
                    }
                }
            }
        }
        out.sort();
        out
    }

    pub fn create_database(&self, db: &str, if_not_exists: bool) -> Result<()> {
        if self.database_exists(db) {
            if if_not_exists {
                return Ok(());
            }
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "SCHEMA_ALREADY_EXISTS",
                "42P06",
                format!("Cannot create schema `{db}` because it already exists.\nChoose a different name, drop the existing schema, or add the IF NOT EXISTS clause to tolerate pre-existing schema."),
                &[("schemaName", format!("`{db}`"))],
            ));
        }
        let dir = self.db_dir(db);
        std::fs::create_dir_all(&dir).map_err(|e| io_error(e, &dir))
    }

    pub fn drop_database(&self, db: &str, if_exists: bool, cascade: bool) -> Result<()> {
        if db.eq_ignore_ascii_case("default") {
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "UNSUPPORTED_FEATURE.DROP_DATABASE",
                "0A000",
                "The feature is not supported: Drop the default database `spark_catalog`.`default`.",
                &[("database", "`spark_catalog`.`default`".into())],
            ));
        }
        if !self.database_exists(db) {
            return if if_exists {
                Ok(())
            } else {
                Err(schema_not_found(db))
            };
        }
        if !cascade && !self.tables(db).is_empty() {
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "SCHEMA_NOT_EMPTY",
                "2BP01",
                format!("Cannot drop a schema `{db}` because it contains objects.\nUse DROP SCHEMA ... CASCADE to drop the schema and all its objects."),
                &[("schemaName", format!("`{db}`"))],
            ));
        }
        let dir = self.db_dir(db);
        std::fs::remove_dir_all(&dir).map_err(|e| io_error(e, &dir))
    }

    /// The persistent functions of a database (`CREATE FUNCTION f AS
    /// 'class'`): name → class name.
    pub fn functions(&self, db: &str) -> std::collections::BTreeMap<String, String> {
        let path = self.db_dir(db).join(FUNCTIONS);
        std::fs::read_to_string(path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Stores (or, with `class` none, removes) a persistent function;
    /// whether it existed before.
    pub fn set_function(&self, db: &str, name: &str, class: Option<&str>) -> Result<bool> {
        if !self.database_exists(db) {
            return Err(schema_not_found(db));
        }
        let dir = self.db_dir(db);
        std::fs::create_dir_all(&dir).map_err(|e| io_error(e, &dir))?;
        let mut all = self.functions(db);
        let key = name.to_lowercase();
        let existed = match class {
            Some(c) => all.insert(key, c.to_string()).is_some(),
            None => all.remove(&key).is_some(),
        };
        let tmp = dir.join(format!(".{FUNCTIONS}.{}", unique()));
        let text = serde_json::to_string(&all).map_err(|e| SparkError::internal(e.to_string()))?;
        std::fs::write(&tmp, text).map_err(|e| io_error(e, &tmp))?;
        std::fs::rename(&tmp, dir.join(FUNCTIONS)).map_err(|e| io_error(e, &dir))?;
        Ok(existed)
    }

    /// The managed tables and persistent views of a database, sorted.
    pub fn tables(&self, db: &str) -> Vec<String> {
        let mut out = vec![];
        if let Ok(entries) = std::fs::read_dir(self.db_dir(db)) {
            for e in entries.flatten() {
                if e.path().join(META).is_file() || e.path().join(VIEW).is_file() {
                    out.push(e.file_name().to_string_lossy().to_string());
                }
            }
        }
        out.sort();
        out
    }

    /// The folder holding a table's data files: its location when external.
    pub fn data_dir(&self, db: &str, name: &str, meta: &TableMeta) -> PathBuf {
        match &meta.location {
            Some(l) => PathBuf::from(l),
            None => self.table_dir(db, name),
        }
    }

    /// The data files of a table's current version, relative to its data
    /// folder; an external partitioned table's only in the partitions it knows.
    pub fn data_files(&self, meta: &TableMeta) -> Vec<String> {
        match &meta.location {
            None => meta.files.clone(),
            Some(l) => {
                let files = list_data_files(Path::new(l));
                if meta.partition.is_empty() {
                    return files.into_iter().filter(|f| !f.contains('/')).collect();
                }
                files
                    .into_iter()
                    .filter(|f| meta.partitions.iter().any(|p| p == folder_of(f)))
                    .collect()
            }
        }
    }

    /// Replaces a table's metadata (its partitions or properties).
    pub fn update_meta(&self, db: &str, name: &str, f: impl FnOnce(&mut TableMeta)) -> Result<()> {
        let dir = self.table_dir(db, name);
        let _lock = Lock::acquire(&dir)?;
        let Some(mut meta) = self.read_meta(db, name)? else {
            return Ok(());
        };
        f(&mut meta);
        self.store_meta(&dir, &meta)
    }

    fn store_meta(&self, dir: &Path, meta: &TableMeta) -> Result<()> {
        let tmp = dir.join(format!(".{META}.{}", unique()));
        std::fs::write(&tmp, meta.to_json()).map_err(|e| io_error(e, &tmp))?;
        std::fs::rename(&tmp, dir.join(META)).map_err(|e| io_error(e, dir))
    }

    pub fn table_exists(&self, db: &str, name: &str) -> bool {
        self.table_dir(db, name).join(META).is_file()
    }

    /// Stores a persistent view: its SQL text and column names.
    pub fn create_view(
        &self,
        db: &str,
        name: &str,
        text: &str,
        columns: &[String],
        replace: bool,
    ) -> Result<()> {
        if !self.database_exists(db) {
            return Err(schema_not_found(db));
        }
        let dir = self.table_dir(db, name);
        if !replace && (dir.join(VIEW).is_file() || dir.join(META).is_file()) {
            return Err(table_exists_error(db, name));
        }
        if dir.join(META).is_file() {
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE",
                "42809",
                format!("The table `spark_catalog`.`{db}`.`{name}` does not support CREATE OR REPLACE VIEW."),
                &[("tableName", format!("`spark_catalog`.`{db}`.`{name}`"))],
            ));
        }
        std::fs::create_dir_all(&dir).map_err(|e| io_error(e, &dir))?;
        let text = json!({"sql": text, "columns": columns}).to_string();
        let tmp = dir.join(format!(".{VIEW}.{}", unique()));
        std::fs::write(&tmp, text).map_err(|e| io_error(e, &tmp))?;
        std::fs::rename(&tmp, dir.join(VIEW)).map_err(|e| io_error(e, &dir))
    }

    /// A persistent view's SQL text and column names.
    pub fn read_view(&self, db: &str, name: &str) -> Result<Option<(String, Vec<String>)>> {
        let path = self.table_dir(db, name).join(VIEW);
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Ok(None);
        };
        let v: Value = serde_json::from_str(&text)
            .map_err(|e| SparkError::internal(format!("{}: {e}", path.display())))?;
        let sql = v
            .get("sql")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let columns = v
            .get("columns")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|c| c.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Some((sql, columns)))
    }

    pub fn drop_view(&self, db: &str, name: &str) -> Result<bool> {
        let dir = self.table_dir(db, name);
        if !dir.join(VIEW).is_file() {
            return Ok(false);
        }
        std::fs::remove_dir_all(&dir).map_err(|e| io_error(e, &dir))?;
        Ok(true)
    }

    pub fn read_meta(&self, db: &str, name: &str) -> Result<Option<TableMeta>> {
        let path = self.table_dir(db, name).join(META);
        match std::fs::read_to_string(&path) {
            Ok(text) => TableMeta::from_json(&text).map(Some).ok_or_else(|| {
                SparkError::internal(format!("{}: bad table metadata", path.display()))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_error(e, &path)),
        }
    }

    pub fn drop_table(&self, db: &str, name: &str) -> Result<bool> {
        let dir = self.table_dir(db, name);
        if !dir.join(META).is_file() {
            return Ok(false);
        }
        let _lock = Lock::acquire(&dir)?;
        std::fs::remove_file(dir.join(META)).map_err(|e| io_error(e, &dir))?;
        drop(_lock);
        std::fs::remove_dir_all(&dir).map_err(|e| io_error(e, &dir))?;
        Ok(true)
    }

    /// Writes `batches` as a new version (overwrite) or added files (append).
    /// Creates the table when it does not exist, as `spec` says; the
    /// partition columns are the last columns of `schema`. An overwrite with
    /// `replace` set replaces only the partitions with those values.
    #[allow(clippy::too_many_arguments)]
    pub fn write(
        &self,
        db: &str,
        name: &str,
        schema: &SchemaRef,
        spark_schema: &SparkType,
        batches: &[RecordBatch],
        mode: SaveMode,
        spec: &TableSpec,
        replace: Option<&[(String, Option<String>)]>,
    ) -> Result<()> {
        if !self.database_exists(db) {
            return Err(schema_not_found(db));
        }
        let dir = self.table_dir(db, name);
        std::fs::create_dir_all(&dir).map_err(|e| io_error(e, &dir))?;
        let lock = Lock::acquire(&dir)?;
        let existing = self.read_meta(db, name)?;
        match (mode, &existing) {
            (SaveMode::ErrorIfExists, Some(_)) => return Err(table_exists_error(db, name)),
            (SaveMode::Ignore, Some(_)) => return Ok(()),
            _ => {}
        }
        let location = match &existing {
            Some(m) => m.location.clone(),
            None => spec.location.clone(),
        };
        let data_dir = location.as_ref().map_or(dir.clone(), PathBuf::from);
        let current = match &existing {
            Some(m) => self.data_files(m),
            None if location.is_some() => list_data_files(&data_dir),
            None => vec![],
        };
        let (data_schema, parts) = table_files::split_partitions(schema, batches, &spec.partition)?;
        let stem = unique();
        let mut written = vec![];
        for (sub, batches) in &parts {
            written.extend(table_files::write_file(
                &data_dir,
                sub,
                &stem,
                &data_schema,
                batches,
                spec.format,
            )?);
        }
        // A table keeps the schema it was created with.
        let schema_json = match (&existing, mode) {
            (Some(m), SaveMode::Append) => m.schema.clone(),
            (Some(m), _) if replace.is_some() => m.schema.clone(),
            _ => spark_schema.to_json().to_string(),
        };
        let replaced = |f: &String| match replace {
            None => true,
            Some(values) => {
                let have = table_files::partition_values(f);
                values
                    .iter()
                    .all(|(k, v)| have.iter().any(|(hk, hv)| hk == k && hv == v))
            }
        };
        let (mut files, old): (Vec<String>, Vec<String>) = match mode {
            SaveMode::Overwrite => current.into_iter().partition(|f| !replaced(f)),
            _ => (current, vec![]),
        };
        let mut partitions = existing.as_ref().map_or(vec![], |m| m.partitions.clone());
        if location.is_some() && !spec.partition.is_empty() {
            for f in &written {
                let folder = folder_of(f).to_string();
                if !partitions.contains(&folder) {
                    partitions.push(folder);
                }
            }
            partitions.sort();
        }
        files.extend(written);
        let meta = TableMeta {
            schema: schema_json,
            provider: spec.format.name().into(),
            partition: spec.partition.clone(),
            files: if location.is_some() { vec![] } else { files },
            location,
            options: spec.options.clone(),
            properties: spec.properties.clone(),
            partitions,
        };
        self.store_meta(&dir, &meta)?;
        drop(lock);
        for f in old {
            let path = data_dir.join(f);
            let _ = std::fs::remove_file(&path);
            // Partition folders left empty go too.
            let mut parent = path.parent();
            while let Some(p) = parent.filter(|p| *p != data_dir) {
                if std::fs::remove_dir(p).is_err() {
                    break;
                }
                parent = p.parent();
            }
        }
        Ok(())
    }
}

fn unique() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}-{}", std::process::id(), crate::plan::next_id())
}

/// A lock file held while a table's metadata changes.
struct Lock {
    path: PathBuf,
}

impl Lock {
    fn acquire(dir: &Path) -> Result<Lock> {
        let path = dir.join(LOCK);
        let start = Instant::now();
        loop {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(_) => return Ok(Lock { path }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    // A lock left by a crashed writer goes stale.
                    let stale = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > Duration::from_secs(120));
                    if stale {
                        let _ = std::fs::remove_file(&path);
                        continue;
                    }
                    if start.elapsed() > Duration::from_secs(120) {
                        return Err(SparkError::plain(
                            ErrorKind::SparkRuntime,
                            format!("timed out waiting for the table lock {}", path.display()),
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) => return Err(io_error(e, &path)),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::Int32Array;
    use datafusion::arrow::datatypes::{Field, Schema};
    use std::sync::Arc;

    fn warehouse() -> Warehouse {
        let dir = std::env::temp_dir().join(format!("ember-catalog-{}", unique()));
        Warehouse::new(&dir.to_string_lossy())
    }

    fn batch(values: &[i32]) -> (SchemaRef, SparkType, RecordBatch) {
        let schema = Arc::new(Schema::new(vec![Field::new("n", DataType::Int32, true)]));
        let spark = SparkType::from_arrow(&DataType::Struct(schema.fields().clone())).unwrap();
        let b = RecordBatch::try_new(
            Arc::clone(&schema),
            vec![Arc::new(Int32Array::from(values.to_vec()))],
        )
        .unwrap();
        (schema, spark, b)
    }

    use datafusion::arrow::datatypes::DataType;

    #[test]
    fn databases_are_folders() {
        let w = warehouse();
        assert_eq!(w.databases(), vec!["default"]);
        w.create_database("sales", false).unwrap();
        assert!(w.create_database("sales", false).is_err());
        w.create_database("sales", true).unwrap();
        assert_eq!(w.databases(), vec!["default", "sales"]);
        assert!(w.root().join("sales.db").is_dir());
        w.drop_database("sales", false, false).unwrap();
        assert_eq!(w.databases(), vec!["default"]);
        assert!(w.drop_database("default", true, true).is_err());
    }

    #[test]
    fn writes_append_and_overwrite_versions() {
        let w = warehouse();
        let (schema, spark, b) = batch(&[1, 2]);
        w.write(
            "default",
            "t",
            &schema,
            &spark,
            std::slice::from_ref(&b),
            SaveMode::ErrorIfExists,
            &TableSpec::default(),
            None,
        )
        .unwrap();
        let err = w
            .write(
                "default",
                "t",
                &schema,
                &spark,
                std::slice::from_ref(&b),
                SaveMode::ErrorIfExists,
                &TableSpec::default(),
                None,
            )
            .unwrap_err();
        assert_eq!(
            err.condition.as_deref(),
            Some("TABLE_OR_VIEW_ALREADY_EXISTS")
        );
        w.write(
            "default",
            "t",
            &schema,
            &spark,
            std::slice::from_ref(&b),
            SaveMode::Append,
            &TableSpec::default(),
            None,
        )
        .unwrap();
        assert_eq!(w.read_meta("default", "t").unwrap().unwrap().files.len(), 2);
        w.write(
            "default",
            "t",
            &schema,
            &spark,
            &[b],
            SaveMode::Overwrite,
            &TableSpec::default(),
            None,
        )
        .unwrap();
        let meta = w.read_meta("default", "t").unwrap().unwrap();
        assert_eq!(meta.files.len(), 1);
        // Superseded files are gone; only the current one remains.
        let parquet: Vec<_> = std::fs::read_dir(w.table_dir("default", "t"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".parquet"))
            .collect();
        assert_eq!(parquet.len(), 1);
        assert_eq!(w.tables("default"), vec!["t"]);
        assert!(w.drop_table("default", "t").unwrap());
        assert!(!w.table_exists("default", "t"));
    }
}
