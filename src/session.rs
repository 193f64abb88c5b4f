//! A Spark session: DataFusion context, runtime SQL configuration, temporary
//! views and execution of frames.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};

use datafusion::arrow::array::RecordBatch;
use datafusion::execution::context::{SessionConfig, SessionContext};
use datafusion::physical_plan::collect_partitioned;

use crate::error::{ErrorKind, Result, SparkError};
use crate::plan::Frame;
use crate::types::SparkType;

pub const SPARK_VERSION: &str = "4.3.0";

/// The settings analysis reads, taken from the conf at call time.
#[derive(Debug, Clone)]
pub struct Settings {
    pub ansi: bool,
    pub case_sensitive: bool,
    pub time_zone: String,
    /// Frames of the queries enclosing a subquery, innermost first: the
    /// columns a correlated subquery can refer to.
    pub outer: Vec<Frame>,
    /// Plans subqueries met in SQL text (set while planning `spark.sql`).
    pub subqueries: Option<crate::plan::resolve::Subqueries>,
    pub current_database: String,
    /// The session's registered user-defined functions.
    pub udfs: Arc<crate::functions::udf::Registry>,
}

type Views = Arc<RwLock<HashMap<String, Frame>>>;

pub struct Session {
    pub ctx: SessionContext,
    /// The state simple pipelines are planned with (see `planner`).
    pipeline: datafusion::execution::session_state::SessionState,
    conf: RwLock<BTreeMap<String, String>>,
    views: Views,
    /// `global_temp` views, shared by every session of the process.
    global_views: Views,
    /// The current database (`USE db`).
    current_db: RwLock<String>,
    /// Views replaced by their materialised rows by `CACHE TABLE`, by name.
    cached_views: RwLock<HashMap<String, Frame>>,
    /// Managed tables cached in memory (`CACHE TABLE t`), by `db.name`.
    cached_tables: RwLock<HashMap<String, Frame>>,
    /// The session itself, for planning a persistent view's SQL on lookup.
    me: std::sync::Weak<Session>,
    /// User-defined functions registered by name.
    pub udfs: Arc<crate::functions::udf::Registry>,
}

/// Spark's defaults for the keys Ember reads.
fn default_conf(key: &str) -> Option<String> {
    Some(match key {
        "spark.sql.ansi.enabled" => "true".into(),
        "spark.sql.caseSensitive" => "false".into(),
        "spark.sql.session.timeZone" => local_time_zone(),
        "spark.sql.shuffle.partitions" => "200".into(),
        "spark.sql.warehouse.dir" => "spark-warehouse".into(),
        "spark.sql.globalTempDatabase" => "global_temp".into(),
        "spark.sql.execution.arrow.pyspark.enabled" => "false".into(),
        "spark.sql.repl.eagerEval.enabled" => "false".into(),
        "spark.sql.repl.eagerEval.maxNumRows" => "20".into(),
        "spark.sql.repl.eagerEval.truncate" => "20".into(),
        "spark.sql.pyspark.inferNestedDictAsStruct.enabled" => "false".into(),
        "spark.sql.timestampType" => "TIMESTAMP_LTZ".into(),
        "spark.app.name" => "ember".into(),
        "spark.master" => "local[*]".into(),
        _ => return None,
    })
}

/// Static (not runtime-modifiable) keys.
fn is_static(key: &str) -> bool {
    matches!(
        key,
        "spark.sql.warehouse.dir" | "spark.sql.globalTempDatabase" | "spark.master"
    ) || (key.starts_with("spark.") && !key.starts_with("spark.sql."))
}

fn local_time_zone() -> String {
    if let Ok(tz) = std::env::var("TZ") {
        let tz = tz.trim_start_matches(':').to_string();
        if !tz.is_empty() && tz.parse::<chrono_tz::Tz>().is_ok() {
            return tz;
        }
    }
    if let Ok(link) = std::fs::read_link("/etc/localtime") {
        let s = link.to_string_lossy().to_string();
        if let Some((_, name)) = s.split_once("zoneinfo/") {
            if name.parse::<chrono_tz::Tz>().is_ok() {
                return name.to_string();
            }
        }
    }
    if let Ok(name) = std::fs::read_to_string("/etc/timezone") {
        let name = name.trim();
        if name.parse::<chrono_tz::Tz>().is_ok() {
            return name.to_string();
        }
    }
    "UTC".into()
}

impl Session {
    pub fn new(conf: BTreeMap<String, String>) -> Result<Arc<Session>> {
        Session::build(conf, Arc::default())
    }

    fn build(conf: BTreeMap<String, String>, global_views: Views) -> Result<Arc<Session>> {
        let partitions = std::thread::available_parallelism().map_or(2, |n| n.get());
        let mut config = SessionConfig::new()
            .with_target_partitions(partitions)
            .with_information_schema(false);
        let opts = config.options_mut();
        opts.optimizer.enable_round_robin_repartition = false;
        opts.execution.coalesce_batches = true;
        let state = datafusion::execution::session_state::SessionStateBuilder::new()
            .with_config(config)
            .with_default_features()
            .with_query_planner(Arc::new(crate::plan::partition_id::EmberQueryPlanner))
            .with_physical_optimizer_rules(physical_rules())
            .build();
        let ctx = SessionContext::new_with_state(state);
        let pipeline = crate::planner::pipeline_state(ctx.state());
        let session = Arc::new_cyclic(|me| Session {
            ctx,
            pipeline,
            conf: RwLock::new(BTreeMap::new()),
            views: Arc::default(),
            global_views,
            current_db: RwLock::new("default".into()),
            cached_views: RwLock::default(),
            cached_tables: RwLock::default(),
            me: me.clone(),
            udfs: Arc::default(),
        });
        for (k, v) in conf {
            session.set_conf(&k, &v)?;
        }
        Ok(session)
    }

    /// A new session sharing global temp views but nothing else.
    pub fn new_session(&self) -> Result<Arc<Session>> {
        let conf = self.conf.read().map(|c| c.clone()).unwrap_or_default();
        let static_conf = conf.into_iter().filter(|(k, _)| is_static(k)).collect();
        Session::build(static_conf, Arc::clone(&self.global_views))
    }

    pub fn settings(&self) -> Settings {
        let conf = self.conf.read();
        let get = |k: &str| {
            conf.as_ref()
                .ok()
                .and_then(|c| c.get(k).cloned())
                .or_else(|| default_conf(k))
                .unwrap_or_default()
        };
        Settings {
            ansi: get("spark.sql.ansi.enabled").eq_ignore_ascii_case("true"),
            case_sensitive: get("spark.sql.caseSensitive").eq_ignore_ascii_case("true"),
            time_zone: get("spark.sql.session.timeZone"),
            outer: vec![],
            subqueries: None,
            current_database: self.current_database(),
            udfs: Arc::clone(&self.udfs),
        }
    }

    pub fn get_conf(&self, key: &str) -> Option<String> {
        self.conf
            .read()
            .ok()
            .and_then(|c| c.get(key).cloned())
            .or_else(|| default_conf(key))
    }

    pub fn set_conf(&self, key: &str, value: &str) -> Result<()> {
        let bool_keys = [
            "spark.sql.ansi.enabled",
            "spark.sql.caseSensitive",
            "spark.sql.execution.arrow.pyspark.enabled",
            "spark.sql.repl.eagerEval.enabled",
        ];
        if bool_keys.contains(&key) && !matches!(value.to_lowercase().as_str(), "true" | "false") {
            return Err(SparkError::new(
                ErrorKind::IllegalArgument,
                "INVALID_CONF_VALUE.TYPE_MISMATCH",
                "22022",
                format!("The value '{value}' in the config \"{key}\" is invalid. It should be a/an 'boolean' value."),
                &[("confValue", value.to_string()), ("confName", key.to_string())],
            ));
        }
        if key == "spark.sql.session.timeZone"
            && value.parse::<chrono_tz::Tz>().is_err()
            && !is_offset(value)
        {
            return Err(SparkError::new(
                ErrorKind::IllegalArgument,
                "INVALID_CONF_VALUE.TIME_ZONE",
                "22022",
                format!("The value '{value}' in the config \"{key}\" is invalid. Cannot resolve the given timezone."),
                &[("confValue", value.to_string()), ("confName", key.to_string())],
            ));
        }
        if key == "spark.sql.shuffle.partitions" && value.parse::<u32>().map_or(true, |n| n == 0) {
            return Err(SparkError::illegal_argument(format!(
                "The value of spark.sql.shuffle.partitions should be a positive integer, got '{value}'"
            )));
        }
        if key.starts_with("datafusion.") {
            // DataFusion's own options pass through, for tuning.
            let state = self.ctx.state_ref();
            let mut state = state.write();
            state.config_mut().options_mut().set(key, value)?;
        }
        if let Ok(mut c) = self.conf.write() {
            c.insert(key.to_string(), value.to_string());
        }
        Ok(())
    }

    pub fn unset_conf(&self, key: &str) {
        if let Ok(mut c) = self.conf.write() {
            c.remove(key);
        }
    }

    /// Every explicitly set key, with the defaults Ember reports.
    pub fn all_conf(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for k in ["spark.app.name", "spark.master"] {
            if let Some(v) = default_conf(k) {
                out.insert(k.to_string(), v);
            }
        }
        if let Ok(c) = self.conf.read() {
            out.extend(c.clone());
        }
        out
    }

    pub fn is_modifiable(&self, key: &str) -> bool {
        key.starts_with("spark.sql.") && !is_static(key)
    }

    pub fn shuffle_partitions(&self) -> usize {
        self.get_conf("spark.sql.shuffle.partitions")
            .and_then(|v| v.parse().ok())
            .unwrap_or(200)
    }

    // ---- temporary views -------------------------------------------------

    pub fn create_view(&self, name: &str, frame: Frame, replace: bool, global: bool) -> Result<()> {
        let views = if global {
            &self.global_views
        } else {
            &self.views
        };
        let key = name.to_lowercase();
        let mut map = views
            .write()
            .map_err(|_| SparkError::internal("view registry poisoned"))?;
        if !replace && map.contains_key(&key) {
            let shown = if global {
                format!("`global_temp`.`{name}`")
            } else {
                format!("`{name}`")
            };
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS",
                "42P07",
                format!("Cannot create the temporary view {shown} because it already exists.\nChoose a different name, drop or replace the existing view,  or add the IF NOT EXISTS clause to tolerate pre-existing views."),
                &[("relationName", shown.clone())],
            ));
        }
        map.insert(key, frame);
        Ok(())
    }

    /// The frame a table name refers to (`name`, `global_temp.name`).
    pub fn lookup_table(&self, name: &str) -> Result<Frame> {
        let parts = crate::plan::parse_attribute_name(name)?;
        let found = match parts.as_slice() {
            [n] => match self.temp_view(n) {
                Some(f) => Some(f),
                None => self.read_table(&self.current_database(), n)?,
            },
            [db, n] if db.eq_ignore_ascii_case("global_temp") => self
                .global_views
                .read()
                .ok()
                .and_then(|m| m.get(&n.to_lowercase()).cloned()),
            [db, n] | [_, db, n] => self.read_table(db, n)?,
            _ => None,
        };
        match found {
            Some(frame) => Ok(crate::plan::ops::rebase(
                &frame,
                parts.last().map(String::as_str),
            )),
            None => {
                let shown = parts
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(".");
                Err(SparkError::new(
                    ErrorKind::Analysis,
                    "TABLE_OR_VIEW_NOT_FOUND",
                    "42P01",
                    format!("The table or view {shown} cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS."),
                    &[
                        ("relationName", shown.clone()),
                        (
                            "searchPath",
                            "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]"
                                .into(),
                        ),
                    ],
                ))
            }
        }
    }

    pub fn temp_view(&self, name: &str) -> Option<Frame> {
        self.views
            .read()
            .ok()
            .and_then(|m| m.get(&name.to_lowercase()).cloned())
    }

    /// Temporary view names, sorted.
    pub fn temp_views(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .views
            .read()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        names.sort();
        names
    }

    pub fn drop_temp_view(&self, name: &str) -> bool {
        let key = name.to_lowercase();
        if let Ok(mut c) = self.cached_views.write() {
            c.remove(&key);
        }
        self.views
            .write()
            .map(|mut m| m.remove(&key).is_some())
            .unwrap_or(false)
    }

    pub fn drop_global_temp_view(&self, name: &str) -> bool {
        self.global_views
            .write()
            .map(|mut m| m.remove(&name.to_lowercase()).is_some())
            .unwrap_or(false)
    }

    // ---- caching of views --------------------------------------------------

    /// `CACHE TABLE v`: the view reads its rows, computed now, from memory.
    pub async fn cache_view(&self, name: &str) -> Result<()> {
        let key = name.to_lowercase();
        let Some(frame) = self.temp_view(&key) else {
            // A managed table: its rows, computed now, replace its scan.
            let frame = self.lookup_table(name)?;
            let Some(table_key) = self.table_key(name)? else {
                return Err(SparkError::not_implemented(
                    "CACHE TABLE on a global temporary view",
                ));
            };
            if self.is_cached(name) {
                return Ok(());
            }
            let batches = self.execute(&frame).await?;
            let cached = crate::plan::ops::from_batches(frame.output_schema(), batches)?;
            if let Ok(mut c) = self.cached_tables.write() {
                c.insert(table_key, cached);
            }
            return Ok(());
        };
        if self.is_cached(&key) {
            return Ok(());
        }
        let batches = self.execute(&frame).await?;
        let cached = crate::plan::ops::from_batches(frame.output_schema(), batches)?;
        if let Ok(mut c) = self.cached_views.write() {
            c.insert(key.clone(), frame);
        }
        self.create_view(&key, cached, true, false)
    }

    /// The `db.name` key of a managed table's name; none for a temporary
    /// or global temporary view.
    fn table_key(&self, name: &str) -> Result<Option<String>> {
        let parts = crate::plan::parse_attribute_name(name)?;
        Ok(match parts.as_slice() {
            [n] if self.temp_view(n).is_some() => None,
            [n] => Some(format!("{}.{}", self.current_database(), n.to_lowercase())),
            [db, _] if db.eq_ignore_ascii_case("global_temp") => None,
            [db, n] | [_, db, n] => Some(format!("{}.{}", db.to_lowercase(), n.to_lowercase())),
            _ => None,
        })
    }

    /// Forgets a managed table's cached rows (after it changes).
    pub fn invalidate_table(&self, db: &str, name: &str) {
        if let Ok(mut c) = self.cached_tables.write() {
            c.remove(&format!("{}.{}", db.to_lowercase(), name.to_lowercase()));
        }
    }

    /// `REFRESH TABLE`: a cached table reads its rows again.
    pub async fn refresh_table(&self, db: &str, name: &str) -> Result<()> {
        let key = format!("{}.{}", db.to_lowercase(), name.to_lowercase());
        let was_cached = self
            .cached_tables
            .write()
            .ok()
            .and_then(|mut c| c.remove(&key))
            .is_some();
        if was_cached {
            self.cache_view(&format!("`{db}`.`{name}`")).await?;
        }
        Ok(())
    }

    /// `REFRESH 'path'`: the cached tables whose data lies under `path`
    /// read their rows again.
    pub async fn refresh_path(&self, path: &str) -> Result<()> {
        let path = path.strip_prefix("file:").unwrap_or(path);
        let root = std::path::absolute(path).unwrap_or_else(|_| path.into());
        let keys: Vec<String> = self
            .cached_tables
            .read()
            .map(|c| c.keys().cloned().collect())
            .unwrap_or_default();
        let warehouse = self.warehouse();
        for key in keys {
            let Some((db, name)) = key.split_once('.') else {
                continue;
            };
            if let Some(meta) = warehouse.read_meta(db, name)? {
                if warehouse.data_dir(db, name, &meta).starts_with(&root) {
                    self.refresh_table(db, name).await?;
                }
            }
        }
        Ok(())
    }

    fn cached_table(&self, db: &str, name: &str) -> Option<Frame> {
        self.cached_tables.read().ok().and_then(|c| {
            c.get(&format!("{}.{}", db.to_lowercase(), name.to_lowercase()))
                .cloned()
        })
    }

    pub fn uncache_view(&self, name: &str) -> bool {
        if let Ok(Some(k)) = self.table_key(name) {
            if let Ok(mut c) = self.cached_tables.write() {
                if c.remove(&k).is_some() {
                    return true;
                }
            }
        }
        let key = name.to_lowercase();
        let original = self
            .cached_views
            .write()
            .ok()
            .and_then(|mut c| c.remove(&key));
        match original {
            Some(frame) => self.create_view(&key, frame, true, false).is_ok(),
            None => false,
        }
    }

    pub fn is_cached(&self, name: &str) -> bool {
        if let Ok(Some(k)) = self.table_key(name) {
            if self.cached_tables.read().is_ok_and(|c| c.contains_key(&k)) {
                return true;
            }
        }
        self.cached_views
            .read()
            .map(|c| c.contains_key(&name.to_lowercase()))
            .unwrap_or(false)
    }

    pub fn clear_cache(&self) {
        let names: Vec<String> = self
            .cached_views
            .read()
            .map(|c| c.keys().cloned().collect())
            .unwrap_or_default();
        for n in names {
            self.uncache_view(&n);
        }
        if let Ok(mut c) = self.cached_tables.write() {
            c.clear();
        }
    }

    // ---- the persistent catalog --------------------------------------------

    pub fn warehouse(&self) -> crate::catalog::Warehouse {
        let dir = self
            .get_conf("spark.sql.warehouse.dir")
            .unwrap_or_else(|| "spark-warehouse".into());
        crate::catalog::Warehouse::new(&dir)
    }

    pub fn current_database(&self) -> String {
        self.current_db
            .read()
            .map(|d| d.clone())
            .unwrap_or_else(|_| "default".into())
    }

    pub fn set_current_database(&self, db: &str) -> Result<()> {
        if !self.warehouse().database_exists(db) {
            return Err(crate::catalog::schema_not_found(db));
        }
        if let Ok(mut d) = self.current_db.write() {
            *d = db.to_lowercase();
        }
        Ok(())
    }

    /// A managed table as a frame, if it exists.
    pub fn read_table(&self, db: &str, name: &str) -> Result<Option<Frame>> {
        use datafusion::logical_expr::{lit, Expr as DFExpr, LogicalPlanBuilder};
        if let Some(cached) = self.cached_table(db, name) {
            return Ok(Some(cached));
        }
        let warehouse = self.warehouse();
        let Some(meta) = warehouse.read_meta(db, name)? else {
            return self.read_view(db, name);
        };
        let spark = SparkType::from_json_str(&meta.schema)?;
        let SparkType::Struct(fields) = &spark else {
            return Err(SparkError::internal("table schema is not a struct"));
        };
        let arrow_fields: Vec<_> = fields.iter().map(|f| f.to_arrow()).collect();
        let schema = Arc::new(datafusion::arrow::datatypes::Schema::new(
            arrow_fields.clone(),
        ));
        let files = warehouse.data_files(&meta);
        if files.is_empty() {
            return crate::plan::ops::from_batches(schema, vec![]).map(Some);
        }
        let format = crate::io::table_files::FileFormat::parse(&meta.provider)?;
        let n_data = fields.len() - meta.partition.len();
        let data_schema = Arc::new(datafusion::arrow::datatypes::Schema::new(
            arrow_fields[..n_data].to_vec(),
        ));
        // One scan per partition folder, its values as literals: filters
        // on partition columns fold to true or false and prune the folders.
        let mut groups: std::collections::BTreeMap<String, Vec<&String>> = Default::default();
        for f in &files {
            groups
                .entry(crate::catalog::folder_of(f).to_string())
                .or_default()
                .push(f);
        }
        let dir = warehouse.data_dir(db, name, &meta);
        let mut plans = vec![];
        for files in groups.values() {
            let scan = self.scan_files(&dir, files, format, &meta.options, &data_schema, name)?;
            let values = crate::io::table_files::partition_values(files[0]);
            let mut exprs: Vec<DFExpr> = scan
                .schema()
                .columns()
                .into_iter()
                .map(|c| DFExpr::Column(c).alias(crate::plan::internal_name()))
                .collect();
            for (f, arrow) in fields[n_data..].iter().zip(&arrow_fields[n_data..]) {
                let value = values
                    .iter()
                    .find(|(k, _)| *k == f.name)
                    .and_then(|(_, v)| v.clone());
                let value =
                    lit(datafusion::common::ScalarValue::Utf8(value).cast_to(arrow.data_type())?);
                // Nullable, as the table's column is (folded away when optimised).
                let value = datafusion::logical_expr::when(lit(true), value).end()?;
                exprs.push(value.alias(crate::plan::internal_name()));
            }
            plans.push(LogicalPlanBuilder::from(scan).project(exprs)?.build()?);
        }
        let names = fields.iter().map(|f| f.name.clone()).collect();
        let mut plans = plans.into_iter();
        let first = plans
            .next()
            .ok_or_else(|| SparkError::internal("table without scans"))?;
        let mut builder = LogicalPlanBuilder::from(first);
        for p in plans {
            builder = builder.union(p)?;
        }
        Ok(Some(Frame::new(builder.build()?, names, &[])))
    }

    /// A scan of some of a table's files.
    fn scan_files(
        &self,
        dir: &std::path::Path,
        files: &[&String],
        format: crate::io::table_files::FileFormat,
        options: &[(String, String)],
        schema: &datafusion::arrow::datatypes::SchemaRef,
        name: &str,
    ) -> Result<datafusion::logical_expr::LogicalPlan> {
        use datafusion::datasource::listing::{
            ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl,
        };
        let Some(listing) = format.listing_format(options) else {
            // Text and ORC: read now.
            let mut batches = vec![];
            for f in files {
                batches.extend(format.read_eagerly(&dir.join(f), schema)?);
            }
            let table =
                datafusion::datasource::MemTable::try_new(Arc::clone(schema), vec![batches])?;
            let source = datafusion::datasource::provider_as_source(Arc::new(table));
            return Ok(
                datafusion::logical_expr::LogicalPlanBuilder::scan(name, source, None)?.build()?,
            );
        };
        let urls = files
            .iter()
            .map(|f| ListingTableUrl::parse(dir.join(f).to_string_lossy()))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let options = ListingOptions::new(listing).with_file_extension("");
        let config = ListingTableConfig::new_with_multi_paths(urls)
            .with_listing_options(options)
            .with_schema(Arc::clone(schema));
        let table = ListingTable::try_new(config)?;
        let source = datafusion::datasource::provider_as_source(Arc::new(table));
        Ok(datafusion::logical_expr::LogicalPlanBuilder::scan(name, source, None)?.build()?)
    }

    /// A persistent view: its SQL planned now, in its database.
    fn read_view(&self, db: &str, name: &str) -> Result<Option<Frame>> {
        let Some((text, columns)) = self.warehouse().read_view(db, name)? else {
            return Ok(None);
        };
        let Some(me) = self.me.upgrade() else {
            return Ok(None);
        };
        let mut frame = crate::sql::plan_query(&me, &text)?;
        if !columns.is_empty() {
            frame = crate::plan::ops::to_df(&frame, &columns)?;
        }
        Ok(Some(frame))
    }

    /// Runs `frame` and writes its rows into a table. Appends and overwrites
    /// of an existing table keep its format, partitions and location; with
    /// `replace`, an overwrite replaces only the partitions of those values.
    pub async fn write_table(
        &self,
        db: &str,
        name: &str,
        frame: &Frame,
        mode: crate::catalog::SaveMode,
        spec: Option<crate::catalog::TableSpec>,
        replace: Option<&[(String, Option<String>)]>,
    ) -> Result<()> {
        use crate::catalog::{SaveMode, TableSpec};
        let existing = self.warehouse().read_meta(db, name)?;
        let spec = match (spec, existing) {
            (Some(s), _) if mode != SaveMode::Append && replace.is_none() => s,
            (_, Some(m)) => TableSpec::of(&m)?,
            (s, None) => s.unwrap_or_default(),
        };
        // Table columns are nullable, as Spark writes Parquet tables, and
        // partition columns come last.
        let SparkType::Struct(mut fields) = frame.spark_schema()? else {
            return Err(SparkError::internal("frame schema is not a struct"));
        };
        for f in &mut fields {
            f.nullable = true;
        }
        let mut order: Vec<usize> = (0..fields.len())
            .filter(|i| {
                !spec
                    .partition
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(&fields[*i].name))
            })
            .collect();
        for p in &spec.partition {
            let Some(i) = fields.iter().position(|f| f.name.eq_ignore_ascii_case(p)) else {
                return Err(partition_column_missing(db, name, p, &fields));
            };
            order.push(i);
        }
        if order.len() == spec.partition.len() {
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "ALL_PARTITION_COLUMNS_NOT_ALLOWED",
                "KD005",
                "Cannot use all columns for partition columns.",
                &[],
            ));
        }
        let fields: Vec<_> = order.iter().map(|i| fields[*i].clone()).collect();
        let spec = TableSpec {
            partition: fields[fields.len() - spec.partition.len()..]
                .iter()
                .map(|f| f.name.clone())
                .collect(),
            ..spec
        };
        spec.format.check_columns(&fields)?;
        let spark = SparkType::Struct(fields.clone());
        let schema = Arc::new(datafusion::arrow::datatypes::Schema::new(
            fields.iter().map(|f| f.to_arrow()).collect::<Vec<_>>(),
        ));
        let batches = self
            .execute(frame)
            .await?
            .into_iter()
            .map(|b| {
                let cols = order
                    .iter()
                    .zip(schema.fields())
                    .map(|(i, f)| datafusion::arrow::compute::cast(b.column(*i), f.data_type()))
                    .collect::<std::result::Result<Vec<_>, _>>()?;
                Ok(RecordBatch::try_new(Arc::clone(&schema), cols)?)
            })
            .collect::<Result<Vec<_>>>()?;
        self.invalidate_table(db, name);
        self.warehouse()
            .write(db, name, &schema, &spark, &batches, mode, &spec, replace)
    }

    // ---- execution -------------------------------------------------------

    /// Runs a frame; batches come back per partition, in partition order,
    /// with Spark's column names.
    pub async fn execute(&self, frame: &Frame) -> Result<Vec<RecordBatch>> {
        let physical = self.physical_plan(frame).await?;
        let parts = collect_partitioned(physical, self.ctx.task_ctx()).await?;
        let schema = frame.output_schema();
        let mut out = vec![];
        for batch in parts.into_iter().flatten() {
            if batch.num_rows() == 0 {
                continue;
            }
            out.push(RecordBatch::try_new(
                Arc::clone(&schema),
                batch.columns().to_vec(),
            )?);
        }
        Ok(out)
    }

    /// Runs a frame as one stream of batches (its partitions merged), for
    /// passes that fold over every row without holding them.
    pub async fn execute_stream(
        &self,
        frame: &Frame,
    ) -> Result<datafusion::physical_plan::SendableRecordBatchStream> {
        let physical = self.physical_plan(frame).await?;
        Ok(datafusion::physical_plan::execute_stream(
            physical,
            self.ctx.task_ctx(),
        )?)
    }

    /// Plans a frame for execution, with the rule set its shape needs.
    async fn physical_plan(
        &self,
        frame: &Frame,
    ) -> Result<std::sync::Arc<dyn datafusion::physical_plan::ExecutionPlan>> {
        if crate::planner::is_pipeline(&frame.plan) {
            Ok(self.pipeline.create_physical_plan(&frame.plan).await?)
        } else {
            Ok(self.ctx.state().create_physical_plan(&frame.plan).await?)
        }
    }

    /// The physical plan text of a frame.
    pub async fn physical_plan_text(&self, frame: &Frame) -> Result<String> {
        let physical = self.physical_plan(frame).await?;
        Ok(crate::plan::explain::spark_tree(&physical))
    }

    /// The plan's estimated size, as Spark's `explain(mode="cost")` shows it.
    pub async fn statistics_text(&self, frame: &Frame) -> Result<String> {
        let physical = self.physical_plan(frame).await?;
        let stats = datafusion::physical_plan::statistics::StatisticsContext::default().compute(
            physical.as_ref(),
            &datafusion::physical_plan::statistics::StatisticsArgs::new(),
        )?;
        let bytes = stats.total_byte_size.get_value().copied();
        let rows = stats.num_rows.get_value().copied();
        Ok(crate::plan::explain::statistics(bytes, rows))
    }

    pub fn optimized_plan_text(&self, frame: &Frame) -> Result<String> {
        let plan = self.ctx.state().optimize(&frame.plan)?;
        let text = plan.display_indent().to_string();
        Ok(text)
    }
}

/// DataFusion's physical optimizer rules, after Ember's rule that keeps the
/// remaining cross joins left-major.
fn physical_rules(
) -> Vec<Arc<dyn datafusion::physical_optimizer::PhysicalOptimizerRule + Send + Sync>> {
    let mut rules: Vec<
        Arc<dyn datafusion::physical_optimizer::PhysicalOptimizerRule + Send + Sync>,
    > = vec![Arc::new(crate::plan::no_stats::LeftMajorCrossJoins)];
    rules.extend(datafusion::physical_optimizer::optimizer::PhysicalOptimizer::new().rules);
    rules
}

fn is_offset(v: &str) -> bool {
    let v = v.trim_start_matches("GMT").trim_start_matches("UTC");
    v.is_empty()
        || ((v.starts_with('+') || v.starts_with('-'))
            && v[1..].split(':').all(|p| p.parse::<u8>().is_ok()))
}

/// `COLUMN_NOT_DEFINED_IN_TABLE` for a partition column the table lacks.
fn partition_column_missing(
    db: &str,
    name: &str,
    column: &str,
    fields: &[crate::types::StructField],
) -> SparkError {
    let cols = fields
        .iter()
        .map(|f| format!("`{}`", f.name))
        .collect::<Vec<_>>()
        .join(", ");
    SparkError::new(
        ErrorKind::Analysis,
        "COLUMN_NOT_DEFINED_IN_TABLE",
        "42703",
        format!(
            "partition column `{column}` is not defined in table `spark_catalog`.`{db}`.`{name}`, defined table columns are: {cols}."
        ),
        &[("colType", "partition".into()), ("colName", format!("`{column}`"))],
    )
}
