//! Spark SQL commands: views, tables, databases, `SHOW`, `DESCRIBE`,
//! `EXPLAIN`, `SET`/`RESET`, `CACHE`/`UNCACHE TABLE`, `INSERT`. Commands run
//! when `spark.sql` is called, as in Spark, and return their result rows.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, BooleanArray, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use regex::Regex;

use crate::catalog::{SaveMode, TableSpec};
use crate::error::{ErrorKind, Result, SparkError};
use crate::io::table_files::FileFormat;
use crate::plan::{ops, Frame};
use crate::session::Session;
use crate::types::{SparkType, StructField};

/// A result column of a command.
pub(super) enum Col {
    Str(&'static str, Vec<Option<String>>),
    Bool(&'static str, Vec<bool>),
}

pub(super) fn result(cols: Vec<Col>) -> Result<Frame> {
    let mut fields = vec![];
    let mut arrays: Vec<ArrayRef> = vec![];
    for c in cols {
        match c {
            Col::Str(name, v) => {
                fields.push(Field::new(name, DataType::Utf8, true));
                arrays.push(Arc::new(StringArray::from(v)));
            }
            Col::Bool(name, v) => {
                fields.push(Field::new(name, DataType::Boolean, false));
                arrays.push(Arc::new(BooleanArray::from(v)));
            }
        }
    }
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(Arc::clone(&schema), arrays)?;
    ops::from_batches(schema, vec![batch])
}

/// The empty result of DDL and other commands without output.
pub(super) fn done() -> Result<Frame> {
    let plan = datafusion::logical_expr::LogicalPlanBuilder::empty(false).build()?;
    Ok(Frame::new(plan, vec![], &[]))
}

fn re(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

use super::matches;

pattern!(SET_ALL, "SET(\\s+-v)?");
pattern!(SET_KV, "SET\\s+([^=\\s]+)\\s*=\\s*(.*?)");
pattern!(SET_GET, "SET\\s+(\\S+)");
pattern!(RESET, "RESET(\\s+(\\S+))?");
pattern!(
    CACHE,
    "CACHE\\s+(LAZY\\s+)?TABLE\\s+(\\S+)(\\s+(AS\\s+)?(SELECT.*|WITH.*))?"
);
pattern!(UNCACHE, "UNCACHE\\s+TABLE\\s+(IF\\s+EXISTS\\s+)?(\\S+)");
pattern!(CLEAR_CACHE, "CLEAR\\s+CACHE");
pattern!(
    DESCRIBE_FUNCTION,
    "DESC(RIBE)?\\s+FUNCTION\\s+(EXTENDED\\s+)?(\\S+)"
);
pattern!(
    DESCRIBE_TABLE,
    "DESC(RIBE)?\\s+(TABLE\\s+)?(EXTENDED\\s+|FORMATTED\\s+)?([^\\s(]+)"
);
pattern!(
    SHOW_TABLES,
    "SHOW\\s+(TABLES|VIEWS)(\\s+(FROM|IN)\\s+(\\S+))?(\\s+(LIKE\\s+)?'([^']*)')?"
);
pattern!(
    SHOW_DATABASES,
    "SHOW\\s+(DATABASES|SCHEMAS|NAMESPACES)(\\s+(LIKE\\s+)?'([^']*)')?"
);
pattern!(
    SHOW_COLUMNS,
    "SHOW\\s+COLUMNS\\s+(FROM|IN)\\s+(\\S+)(\\s+(FROM|IN)\\s+(\\S+))?"
);
pattern!(
    SHOW_FUNCTIONS,
    "SHOW\\s+(USER\\s+|SYSTEM\\s+|ALL\\s+)?FUNCTIONS(\\s+(LIKE\\s+)?'([^']*)')?"
);
pattern!(
    CREATE_DATABASE,
    "CREATE\\s+(DATABASE|SCHEMA|NAMESPACE)\\s+(IF\\s+NOT\\s+EXISTS\\s+)?([^\\s;]+)(\\s+.*)?"
);
pattern!(
    DROP_DATABASE,
    "DROP\\s+(DATABASE|SCHEMA|NAMESPACE)\\s+(IF\\s+EXISTS\\s+)?(\\S+?)(\\s+(CASCADE|RESTRICT))?"
);
pattern!(USE, "USE\\s+(DATABASE\\s+|SCHEMA\\s+|NAMESPACE\\s+)?(\\S+)");
pattern!(
    DROP_RELATION,
    "DROP\\s+(TABLE|VIEW)\\s+(IF\\s+EXISTS\\s+)?(\\S+?)(\\s+PURGE)?"
);
pattern!(
    CREATE_VIEW,
    "CREATE\\s+(OR\\s+REPLACE\\s+)?(GLOBAL\\s+)?(TEMPORARY\\s+|TEMP\\s+)?VIEW\\s+(IF\\s+NOT\\s+EXISTS\\s+)?([^\\s(]+)\\s*(\\((.*?)\\))?\\s+AS\\s+(.*)"
);
pattern!(
    EXPLAIN,
    "EXPLAIN\\s+(EXTENDED\\s+|FORMATTED\\s+|CODEGEN\\s+|COST\\s+)?(.*)"
);

/// Splits `db.name` (backticks allowed) into its parts.
fn name_parts(text: &str) -> Result<Vec<String>> {
    crate::plan::parse_attribute_name(text)
}

/// `(db, table)` of a possibly qualified name.
pub(crate) fn qualified(session: &Session, text: &str) -> Result<(String, String)> {
    let parts = name_parts(text)?;
    Ok(match parts.as_slice() {
        [n] => (session.current_database(), n.to_lowercase()),
        [db, n] | [_, db, n] => (db.to_lowercase(), n.to_lowercase()),
        _ => return Err(SparkError::illegal_argument(format!("invalid name {text}"))),
    })
}

/// Spark's `LIKE` patterns in SHOW commands: `*` any, `|` alternatives.
fn show_like(pattern: Option<&str>) -> impl Fn(&str) -> bool {
    let compiled = pattern.map(|p| {
        let alts: Vec<String> = p
            .split('|')
            .map(|a| regex::escape(a.trim()).replace("\\*", ".*"))
            .collect();
        re(&format!("(?i)^(?:{})$", alts.join("|")))
    });
    move |name: &str| match &compiled {
        None => true,
        Some(Some(r)) => r.is_match(name),
        Some(None) => false,
    }
}

/// Runs a command, or returns `None` for text that is a query.
pub async fn run(session: &Arc<Session>, text: &str) -> Result<Option<Frame>> {
    let t = text.trim();
    if let Some(c) = matches(&SET_KV, t) {
        session.set_conf(c[1].trim(), c[2].trim())?;
        let frame = result(vec![
            Col::Str("key", vec![Some(c[1].trim().to_string())]),
            Col::Str("value", vec![Some(c[2].trim().to_string())]),
        ])?;
        return Ok(Some(frame));
    }
    if matches(&SET_ALL, t).is_some() {
        let all = session.all_conf();
        let (keys, values): (Vec<_>, Vec<_>) =
            all.into_iter().map(|(k, v)| (Some(k), Some(v))).unzip();
        return Ok(Some(result(vec![
            Col::Str("key", keys),
            Col::Str("value", values),
        ])?));
    }
    if let Some(c) = matches(&SET_GET, t) {
        let key = c[1].to_string();
        let value = session
            .get_conf(&key)
            .unwrap_or_else(|| "<undefined>".into());
        let frame = result(vec![
            Col::Str("key", vec![Some(key)]),
            Col::Str("value", vec![Some(value)]),
        ])?;
        return Ok(Some(frame));
    }
    if let Some(c) = matches(&RESET, t) {
        match c.get(2) {
            Some(k) => session.unset_conf(k.as_str()),
            None => {
                for k in session.all_conf().keys() {
                    if session.is_modifiable(k) {
                        session.unset_conf(k);
                    }
                }
            }
        }
        return Ok(Some(done()?));
    }
    if let Some(c) = matches(&CACHE, t) {
        let name = name_parts(&c[2])?.join(".");
        if let Some(q) = c.get(5) {
            let frame = super::query::plan_query(session, q.as_str())?;
            session.create_view(&name, frame, true, false)?;
        }
        session.cache_view(&name).await?;
        return Ok(Some(done()?));
    }
    if let Some(c) = matches(&UNCACHE, t) {
        let name = name_parts(&c[2])?.join(".");
        if !session.uncache_view(&name) && c.get(1).is_none() {
            session.lookup_table(&name)?;
        }
        return Ok(Some(done()?));
    }
    if matches(&CLEAR_CACHE, t).is_some() {
        session.clear_cache();
        return Ok(Some(done()?));
    }
    if let Some(c) = matches(&DESCRIBE_FUNCTION, t) {
        let name = c[3].trim_matches('`').to_lowercase();
        if !crate::functions::exists(&name) {
            // A persistent function: its class, as Spark describes it.
            let (db, f) = qualified(session, &c[3])?;
            if let Some(class) = session.warehouse().functions(&db).get(&f.to_lowercase()) {
                let rows = vec![
                    Some(format!("Function: spark_catalog.{db}.{}", f.to_lowercase())),
                    Some(format!("Class: {class}")),
                    Some("Usage: N/A.".to_string()),
                ];
                return Ok(Some(result(vec![Col::Str("function_desc", rows)])?));
            }
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "UNRESOLVED_ROUTINE",
                "42883",
                format!("Cannot resolve routine `{name}` on search path [`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]."),
                &[("routineName", format!("`{name}`"))],
            ));
        }
        let rows = vec![
            Some(format!("Function: {name}")),
            Some(format!("Class: ember.functions.{name}")),
            Some(format!("Usage: {name}(...)")),
        ];
        return Ok(Some(result(vec![Col::Str("function_desc", rows)])?));
    }
    if let Some(c) = matches(&EXPLAIN, t) {
        let mode = c
            .get(1)
            .map_or("simple", |m| m.as_str().trim())
            .to_lowercase();
        let frame = super::query::plan_query(session, &c[2])?;
        let df = crate::dataframe::DataFrame::new(Arc::clone(session), frame);
        let mode = if mode == "simple" {
            "simple"
        } else {
            "extended"
        };
        let plan = df.explain_string(mode).await?;
        return Ok(Some(result(vec![Col::Str("plan", vec![Some(plan)])])?));
    }
    if let Some(c) = matches(&SHOW_TABLES, t) {
        return Ok(Some(show_tables(session, &c)?));
    }
    if let Some(c) = matches(&SHOW_DATABASES, t) {
        let like = show_like(c.get(4).map(|m| m.as_str()));
        let names: Vec<Option<String>> = session
            .warehouse()
            .databases()
            .into_iter()
            .filter(|d| like(d))
            .map(Some)
            .collect();
        return Ok(Some(result(vec![Col::Str("namespace", names)])?));
    }
    if let Some(c) = matches(&SHOW_COLUMNS, t) {
        let mut name = c[2].to_string();
        if let Some(db) = c.get(5) {
            name = format!("{}.{name}", db.as_str());
        }
        let frame = session.lookup_table(&name)?;
        let names = frame.names().into_iter().map(Some).collect();
        return Ok(Some(result(vec![Col::Str("col_name", names)])?));
    }
    if let Some(c) = matches(&SHOW_FUNCTIONS, t) {
        let like = show_like(c.get(4).map(|m| m.as_str()));
        let names = crate::functions::names()
            .into_iter()
            .filter(|n| like(n))
            .map(Some)
            .collect();
        return Ok(Some(result(vec![Col::Str("function", names)])?));
    }
    if let Some(c) = matches(&CREATE_DATABASE, t) {
        let db = name_parts(&c[3])?.join(".");
        session
            .warehouse()
            .create_database(&db, c.get(2).is_some())?;
        return Ok(Some(done()?));
    }
    if let Some(c) = matches(&DROP_DATABASE, t) {
        let db = name_parts(&c[3])?.join(".").to_lowercase();
        let cascade = c
            .get(5)
            .is_some_and(|m| m.as_str().eq_ignore_ascii_case("cascade"));
        session
            .warehouse()
            .drop_database(&db, c.get(2).is_some(), cascade)?;
        if session.current_database() == db {
            session.set_current_database("default")?;
        }
        return Ok(Some(done()?));
    }
    if let Some(c) = matches(&USE, t) {
        let db = name_parts(&c[2])?.join(".");
        session.set_current_database(&db)?;
        return Ok(Some(done()?));
    }
    if let Some(c) = matches(&DROP_RELATION, t) {
        return Ok(Some(drop_relation(session, &c)?));
    }
    if let Some(c) = matches(&CREATE_VIEW, t) {
        return Ok(Some(create_view(session, &c)?));
    }
    if let Some(frame) = super::ddl::run(session, t).await? {
        return Ok(Some(frame));
    }
    if matches(&DESCRIBE_TABLE, t).is_some() && !t.to_lowercase().contains("select") {
        if let Some(c) = matches(&DESCRIBE_TABLE, t) {
            return Ok(Some(describe(session, &c[4])?));
        }
    }
    Ok(None)
}

/// `(a, b) VALUES …` / `(a, b) SELECT …`: the column list, and the query.
pub(super) fn insert_columns(text: &str) -> (Option<Vec<String>>, &str) {
    let t = text.trim_start();
    if !t.starts_with('(') {
        return (None, text);
    }
    let Some(close) = t.find(')') else {
        return (None, text);
    };
    let rest = t[close + 1..].trim_start();
    let head = rest
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_uppercase();
    if !matches!(head.as_str(), "VALUES" | "SELECT" | "WITH" | "TABLE") {
        return (None, text);
    }
    let names = column_list(&t[1..close])
        .into_iter()
        .map(|n| n.trim_matches('`').to_string())
        .collect();
    (Some(names), rest)
}

/// The rows of `query` (columns in the order of `columns`) in the table's
/// column order, NULL for the table columns the list leaves out.
pub(super) fn by_column_list(
    session: &Session,
    query: &Frame,
    target: &Frame,
    columns: &[String],
) -> Result<Frame> {
    if columns.len() != query.fields.len() {
        return Err(SparkError::new(
            ErrorKind::Analysis,
            "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS",
            "21S01",
            format!(
                "Cannot write to the table, the reason is the number of data columns does not match: the column list has {} columns, data has {}.",
                columns.len(),
                query.fields.len()
            ),
            &[],
        ));
    }
    let settings = session.settings();
    // Positions, not names: a query may repeat an output name.
    let positional: Vec<String> = (0..columns.len())
        .map(|i| format!("__insert_{i}"))
        .collect();
    let query = ops::to_df(query, &positional)?;
    let mut exprs = vec![];
    for f in target.fields.iter() {
        let e = match columns
            .iter()
            .position(|c| crate::plan::names_equal(c, &f.name, settings.case_sensitive))
        {
            Some(i) => crate::expr::Expr::col(positional[i].clone()),
            None => crate::expr::Expr::Literal(crate::expr::Literal::Null),
        };
        exprs.push(e.alias(f.name.clone()));
    }
    for c in columns {
        if target.lookup(c, settings.case_sensitive).is_empty() {
            return Err(SparkError::unresolved_column(c, &target.names()));
        }
    }
    ops::select(&query, &settings, &exprs)
}

pub(super) fn not_found(shown: &str) -> SparkError {
    SparkError::new(
        ErrorKind::Analysis,
        "TABLE_OR_VIEW_NOT_FOUND",
        "42P01",
        format!("The table or view {shown} cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS."),
        &[("relationName", shown.to_string())],
    )
}

fn show_tables(session: &Session, c: &regex::Captures<'_>) -> Result<Frame> {
    let views_only = c[1].eq_ignore_ascii_case("views");
    let db = c
        .get(4)
        .map(|m| m.as_str().trim_matches('`').to_lowercase())
        .unwrap_or_else(|| session.current_database());
    if !session.warehouse().database_exists(&db) {
        return Err(crate::catalog::schema_not_found(&db));
    }
    let like = show_like(c.get(7).map(|m| m.as_str()));
    let mut rows: Vec<(String, String, bool)> = vec![];
    if !views_only {
        for t in session.warehouse().tables(&db) {
            rows.push((db.clone(), t, false));
        }
    }
    for v in session.temp_views() {
        rows.push((String::new(), v, true));
    }
    rows.retain(|(_, n, _)| like(n));
    let label = if views_only { "viewName" } else { "tableName" };
    result(vec![
        Col::Str(
            "namespace",
            rows.iter().map(|r| Some(r.0.clone())).collect(),
        ),
        Col::Str(label, rows.iter().map(|r| Some(r.1.clone())).collect()),
        Col::Bool("isTemporary", rows.iter().map(|r| r.2).collect()),
    ])
}

fn describe(session: &Session, name: &str) -> Result<Frame> {
    let frame = session.lookup_table(name)?;
    let SparkType::Struct(fields) = frame.spark_schema()? else {
        return Err(SparkError::internal("schema is not a struct"));
    };
    let mut rows: Vec<[Option<String>; 3]> = fields
        .iter()
        .zip(frame.plan.schema().fields().iter())
        .map(|(f, arrow)| {
            [
                Some(f.name.clone()),
                Some(f.data_type.simple_string()),
                arrow.metadata().get("comment").cloned(),
            ]
        })
        .collect();
    let partition = table_partition(session, name);
    if !partition.is_empty() {
        rows.push([
            Some("# Partition Information".into()),
            Some(String::new()),
            Some(String::new()),
        ]);
        rows.push([
            Some("# col_name".into()),
            Some("data_type".into()),
            Some("comment".into()),
        ]);
        for p in &partition {
            if let Some(r) = rows.iter().find(|r| r[0].as_deref() == Some(p.as_str())) {
                rows.push(r.clone());
            }
        }
    }
    let column = |i: usize| rows.iter().map(|r| r[i].clone()).collect();
    result(vec![
        Col::Str("col_name", column(0)),
        Col::Str("data_type", column(1)),
        Col::Str("comment", column(2)),
    ])
}

/// The partition columns of a managed table (none for views).
fn table_partition(session: &Session, name: &str) -> Vec<String> {
    if session.temp_view(name).is_some() {
        return vec![];
    }
    qualified(session, name)
        .ok()
        .and_then(|(db, n)| session.warehouse().read_meta(&db, &n).ok().flatten())
        .map_or(vec![], |m| m.partition)
}

fn drop_relation(session: &Session, c: &regex::Captures<'_>) -> Result<Frame> {
    let is_view = c[1].eq_ignore_ascii_case("view");
    let if_exists = c.get(2).is_some();
    let parts = name_parts(&c[3])?;
    let dropped = match parts.as_slice() {
        [n] if session.temp_view(n).is_some() => session.drop_temp_view(n),
        [db, n] if db.eq_ignore_ascii_case("global_temp") => session.drop_global_temp_view(n),
        _ if is_view => {
            let (db, n) = qualified(session, &c[3])?;
            session.warehouse().drop_view(&db, &n)?
        }
        _ => {
            let (db, n) = qualified(session, &c[3])?;
            session.invalidate_table(&db, &n);
            session.warehouse().drop_table(&db, &n)?
        }
    };
    if !dropped && !if_exists {
        let (db, n) = qualified(session, &c[3])?;
        return Err(not_found(&format!("`spark_catalog`.`{db}`.`{n}`")));
    }
    done()
}

/// Column names (and comments) of `CREATE VIEW v (a, b COMMENT '...')`.
pub(super) fn column_list(text: &str) -> Vec<String> {
    let mut out = vec![];
    let mut depth = 0;
    let mut cur = String::new();
    let mut quoted = false;
    for ch in text.chars() {
        match ch {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out.into_iter().map(|s| s.trim().to_string()).collect()
}

fn create_view(session: &Arc<Session>, c: &regex::Captures<'_>) -> Result<Frame> {
    let replace = c.get(1).is_some();
    let global = c.get(2).is_some();
    let temporary = c.get(3).is_some() || global;
    let name = name_parts(&c[5])?.join(".");
    let mut frame = super::query::plan_query(session, &c[8])?;
    if let Some(cols) = c.get(7) {
        let names: Vec<String> = column_list(cols.as_str())
            .iter()
            .map(|d| {
                d.split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .trim_matches('`')
                    .to_string()
            })
            .collect();
        if names.len() != frame.fields.len() {
            let (cond, reason) = if names.len() < frame.fields.len() {
                ("TOO_MANY_DATA_COLUMNS", "too many data columns")
            } else {
                ("NOT_ENOUGH_DATA_COLUMNS", "not enough data columns")
            };
            return Err(SparkError::new(
                ErrorKind::Analysis,
                &format!("CREATE_VIEW_COLUMN_ARITY_MISMATCH.{cond}"),
                "21S01",
                format!(
                    "Cannot create view `{name}`, the reason is {reason}:\nView columns: {}.\nData columns: {}.",
                    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
                    frame.names().iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                ),
                &[("viewName", format!("`{name}`"))],
            ));
        }
        frame = ops::to_df(&frame, &names)?;
        let comments: Vec<Option<String>> = column_list(cols.as_str())
            .iter()
            .map(|d| {
                let upper = d.to_uppercase();
                upper
                    .find(" COMMENT ")
                    .map(|i| d[i + 9..].trim().trim_matches('\'').to_string())
            })
            .collect();
        if comments.iter().any(Option::is_some) {
            frame = with_comments(&frame, &comments)?;
        }
    }
    if !temporary {
        // A persistent view keeps its SQL, planned again when read.
        let (db, view) = qualified(session, &c[5])?;
        if c.get(4).is_some() && session.warehouse().read_view(&db, &view)?.is_some() {
            return done();
        }
        let columns = if c.get(7).is_some() {
            frame.names()
        } else {
            vec![]
        };
        session
            .warehouse()
            .create_view(&db, &view, &c[8], &columns, replace)?;
        return done();
    }
    if c.get(4).is_some() && session.temp_view(&name).is_some() {
        return done();
    }
    session.create_view(&name, frame, replace, global)?;
    done()
}

/// Column comments, kept as the `comment` metadata of the columns.
fn with_comments(frame: &Frame, comments: &[Option<String>]) -> Result<Frame> {
    let exprs: Vec<datafusion::logical_expr::Expr> = frame
        .fields
        .iter()
        .zip(comments)
        .map(|(f, c)| {
            let meta = c.as_ref().map(|c| {
                std::collections::HashMap::from([("comment".to_string(), c.clone())]).into()
            });
            f.column().alias_with_metadata(&f.internal, meta)
        })
        .collect();
    let plan = datafusion::logical_expr::LogicalPlanBuilder::from(frame.plan.as_ref().clone())
        .project(exprs)?
        .build()?;
    Ok(Frame {
        id: frame.id,
        plan: Arc::new(plan),
        fields: Arc::clone(&frame.fields),
    })
}

/// The rows of `query` in the shape of `target` (by position, cast to the
/// table's types), for INSERT.
pub(super) fn conform(
    session: &Session,
    query: &Frame,
    target: &Frame,
    name: &str,
) -> Result<Frame> {
    if query.fields.len() != target.fields.len() {
        return Err(SparkError::new(
            ErrorKind::Analysis,
            "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS",
            "21S01",
            format!(
                "Cannot write to `spark_catalog`.`{}`.`{name}`, the reason is the number of data columns does not match: table has {} columns, data has {}.",
                session.current_database(),
                target.fields.len(),
                query.fields.len()
            ),
            &[("tableName", format!("`{name}`"))],
        ));
    }
    let SparkType::Struct(fields) = target.spark_schema()? else {
        return Err(SparkError::internal("schema is not a struct"));
    };
    let settings = session.settings();
    let exprs: Vec<crate::expr::Expr> = query
        .fields
        .iter()
        .zip(&fields)
        .map(|(q, t): (_, &StructField)| {
            crate::expr::Expr::Cast {
                expr: Box::new(crate::expr::Expr::col(format!(
                    "`{}`",
                    q.name.replace('`', "``")
                ))),
                to: t.data_type.clone(),
                try_cast: false,
            }
            .alias(t.name.clone())
        })
        .collect();
    ops::select(query, &settings, &exprs)
}

/// `df.write.saveAsTable(name, format, mode, partitionBy)`.
pub async fn save_as_table(
    session: &Arc<Session>,
    frame: &Frame,
    name: &str,
    mode: &str,
    format: &str,
    partition: Vec<String>,
) -> Result<()> {
    let (db, table) = qualified(session, name)?;
    let mode = SaveMode::parse(mode)?;
    let spec = TableSpec {
        format: FileFormat::parse(format)?,
        partition,
        ..TableSpec::default()
    };
    session
        .write_table(&db, &table, frame, mode, Some(spec), None)
        .await
}

/// `df.write.insertInto(name, overwrite)`: columns by position.
pub async fn insert_into(
    session: &Arc<Session>,
    frame: &Frame,
    name: &str,
    overwrite: bool,
) -> Result<()> {
    let (db, table) = qualified(session, name)?;
    let target = session
        .read_table(&db, &table)?
        .ok_or_else(|| not_found(&format!("`spark_catalog`.`{db}`.`{table}`")))?;
    let frame = conform(session, frame, &target, &table)?;
    let mode = if overwrite {
        SaveMode::Overwrite
    } else {
        SaveMode::Append
    };
    session
        .write_table(&db, &table, &frame, mode, None, None)
        .await
}
