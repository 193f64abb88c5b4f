//! Table statements of Spark SQL: `CREATE TABLE … USING … [OPTIONS]
//! [PARTITIONED BY] [LOCATION] [COMMENT] [TBLPROPERTIES] [AS query]`,
//! `INSERT INTO|OVERWRITE t [PARTITION (…)] query`, `SHOW PARTITIONS`,
//! `SHOW TBLPROPERTIES`, `ALTER TABLE … RECOVER PARTITIONS`/`MSCK REPAIR
//! TABLE`, and `REFRESH TABLE t`/`REFRESH 'path'`.

use std::sync::Arc;

use datafusion::arrow::datatypes::Schema;
use datafusion::sql::sqlparser::parser::ParserError;

use super::commands::{
    by_column_list, column_list, conform, done, insert_columns, not_found, qualified, result, Col,
};
use crate::catalog::{list_data_files, PartitionValues, SaveMode, TableSpec};
use crate::error::{ErrorKind, Result, SparkError};
use crate::io::table_files::FileFormat;
use crate::plan::{ops, Frame};
use crate::session::Session;
use crate::types::{SparkType, StructField};

use super::matches;

pattern!(
    CREATE_TABLE,
    "CREATE\\s+(OR\\s+REPLACE\\s+)?(EXTERNAL\\s+)?TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?([^\\s(]+)\\s*(.*)"
);
pattern!(
    INSERT,
    "INSERT\\s+(INTO|OVERWRITE)\\s+(TABLE\\s+)?([^\\s(]+)\\s+(.*)"
);
pattern!(SHOW_PARTITIONS, "SHOW\\s+PARTITIONS\\s+(\\S+)");
pattern!(SHOW_TBLPROPERTIES, "SHOW\\s+TBLPROPERTIES\\s+(\\S+)");
pattern!(
    RECOVER,
    "(?:ALTER\\s+TABLE\\s+(\\S+)\\s+RECOVER\\s+PARTITIONS|MSCK\\s+REPAIR\\s+TABLE\\s+(\\S+))"
);
pattern!(REFRESH_TABLE, "REFRESH\\s+TABLE\\s+(\\S+)");
pattern!(
    CREATE_FUNCTION,
    "CREATE\\s+(OR\\s+REPLACE\\s+)?FUNCTION\\s+(IF\\s+NOT\\s+EXISTS\\s+)?(\\S+)\\s+AS\\s+'([^']*)'(\\s+USING\\s+.*)?"
);
pattern!(
    DROP_FUNCTION,
    "DROP\\s+FUNCTION\\s+(IF\\s+EXISTS\\s+)?(\\S+)"
);
pattern!(REFRESH_PATH, "REFRESH\\s+'(.*)'");

/// Runs one of these statements; none when `t` is another.
pub async fn run(session: &Arc<Session>, t: &str) -> Result<Option<Frame>> {
    if let Some(c) = matches(&CREATE_TABLE, t) {
        return create_table(session, &c, t).await.map(Some);
    }
    if let Some(c) = matches(&INSERT, t) {
        return insert(session, &c).await.map(Some);
    }
    if let Some(c) = matches(&SHOW_PARTITIONS, t) {
        let rows = partitions(session, &c[1], "SHOW PARTITIONS")?;
        return result(vec![Col::Str(
            "partition",
            rows.into_iter().map(Some).collect(),
        )])
        .map(Some);
    }
    if let Some(c) = matches(&SHOW_TBLPROPERTIES, t) {
        let (db, name) = qualified(session, &c[1])?;
        let meta = session
            .warehouse()
            .read_meta(&db, &name)?
            .ok_or_else(|| not_found(&format!("`spark_catalog`.`{db}`.`{name}`")))?;
        let (keys, values): (Vec<_>, Vec<_>) = meta
            .properties
            .into_iter()
            .map(|(k, v)| (Some(k), Some(v)))
            .unzip();
        return result(vec![Col::Str("key", keys), Col::Str("value", values)]).map(Some);
    }
    if let Some(c) = matches(&RECOVER, t) {
        let shown = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
        recover_partitions(session, shown)?;
        return done().map(Some);
    }
    if let Some(c) = matches(&REFRESH_TABLE, t) {
        let (db, name) = qualified(session, &c[1])?;
        session.lookup_table(&c[1])?;
        session.refresh_table(&db, &name).await?;
        return done().map(Some);
    }
    if let Some(c) = matches(&CREATE_FUNCTION, t) {
        let (db, name) = qualified(session, &c[3])?;
        let exists = session
            .warehouse()
            .functions(&db)
            .contains_key(&name.to_lowercase());
        if exists && c.get(2).is_some() {
            return done().map(Some);
        }
        if exists && c.get(1).is_none() {
            let shown = format!("`spark_catalog`.`{db}`.`{}`", name.to_lowercase());
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "ROUTINE_ALREADY_EXISTS",
                "42723",
                format!("Cannot create the routine {shown} because it already exists.\nChoose a different name, drop or replace the existing routine, or add the IF NOT EXISTS clause to tolerate a pre-existing routine."),
                &[("routineName", shown.clone())],
            ));
        }
        session.warehouse().set_function(&db, &name, Some(&c[4]))?;
        return done().map(Some);
    }
    if let Some(c) = matches(&DROP_FUNCTION, t) {
        let (db, name) = qualified(session, &c[2])?;
        if !session.warehouse().set_function(&db, &name, None)? && c.get(1).is_none() {
            let shown = format!("`spark_catalog`.`{db}`.`{}`", name.to_lowercase());
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "ROUTINE_NOT_FOUND",
                "42883",
                format!("The routine {shown} cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema and catalog, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP ... IF EXISTS."),
                &[("routineName", shown.clone())],
            ));
        }
        return done().map(Some);
    }
    if let Some(c) = matches(&REFRESH_PATH, t) {
        session.refresh_path(&c[1]).await?;
        return done().map(Some);
    }
    Ok(None)
}

/// What follows a `CREATE TABLE` name and column list.
#[derive(Default)]
struct Clauses {
    provider: Option<String>,
    options: Vec<(String, String)>,
    partition: Vec<String>,
    location: Option<String>,
    properties: Vec<(String, String)>,
    query: Option<String>,
}

/// A cursor over statement text, for its clauses.
struct Cursor<'t> {
    full: &'t str,
    pos: usize,
}

impl<'t> Cursor<'t> {
    fn rest(&self) -> &'t str {
        &self.full[self.pos..]
    }

    fn skip_ws(&mut self) {
        let r = self.rest();
        self.pos += r.len() - r.trim_start().len();
    }

    /// Consumes `words` (case-insensitive, whitespace between) when next.
    fn keyword(&mut self, words: &[&str]) -> bool {
        let start = self.pos;
        for w in words {
            self.skip_ws();
            let r = self.rest();
            let ok = r.len() >= w.len()
                && r[..w.len()].eq_ignore_ascii_case(w)
                && !r[w.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_');
            if !ok {
                self.pos = start;
                return false;
            }
            self.pos += w.len();
        }
        true
    }

    /// A `'quoted'` string, unescaped.
    fn string(&mut self) -> Result<String> {
        self.skip_ws();
        let r = self.rest();
        let Some(quote) = r.chars().next().filter(|c| *c == '\'' || *c == '"') else {
            return Err(self.error());
        };
        let mut out = String::new();
        let mut chars = r.char_indices().skip(1).peekable();
        while let Some((i, ch)) = chars.next() {
            match ch {
                '\\' => {
                    if let Some((_, next)) = chars.next() {
                        out.push(next);
                    }
                }
                c if c == quote => {
                    if chars.peek().is_some_and(|(_, n)| *n == quote) {
                        chars.next();
                        out.push(quote);
                    } else {
                        self.pos += i + 1;
                        return Ok(out);
                    }
                }
                c => out.push(c),
            }
        }
        Err(self.error())
    }

    /// The text inside the next balanced parentheses.
    fn group(&mut self) -> Result<&'t str> {
        self.skip_ws();
        let r = self.rest();
        if !r.starts_with('(') {
            return Err(self.error());
        }
        let mut depth = 0;
        let mut quote: Option<char> = None;
        for (i, ch) in r.char_indices() {
            match (quote, ch) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"' | '`') => quote = Some(ch),
                (None, '(') => depth += 1,
                (None, ')') => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos += i + 1;
                        return Ok(&r[1..i]);
                    }
                }
                _ => {}
            }
        }
        Err(self.error())
    }

    /// A word: a provider or option name.
    fn word(&mut self) -> Result<&'t str> {
        self.skip_ws();
        let r = self.rest();
        let n = r
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(r.len());
        if n == 0 {
            return Err(self.error());
        }
        self.pos += n;
        Ok(&r[..n])
    }

    /// Spark's `PARSE_SYNTAX_ERROR` at the cursor.
    fn error(&self) -> SparkError {
        let r = self.rest().trim_start();
        let at = self.full.len() - r.len();
        let token: String = r
            .split(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or_default()
            .to_string();
        let found = if token.is_empty() {
            "EOF".to_string()
        } else {
            token
        };
        let err = ParserError::ParserError(format!(
            "Expected: clause, found: {found} at Line: 1, Column: {}",
            at + 1
        ));
        super::parse_error(self.full, &err)
    }
}

/// `key [=] value, ...` of `OPTIONS (...)` and `TBLPROPERTIES (...)`.
fn key_values(text: &str) -> Result<Vec<(String, String)>> {
    let mut out = vec![];
    for item in column_list(text) {
        let mut cur = Cursor {
            full: &item,
            pos: 0,
        };
        cur.skip_ws();
        let key = if cur.rest().starts_with('\'') || cur.rest().starts_with('"') {
            cur.string()?
        } else {
            cur.word()?.to_string()
        };
        cur.skip_ws();
        if cur.rest().starts_with('=') {
            cur.pos += 1;
        }
        cur.skip_ws();
        let value = if cur.rest().starts_with('\'') || cur.rest().starts_with('"') {
            cur.string()?
        } else {
            cur.rest().trim().to_string()
        };
        out.push((key, value));
    }
    Ok(out)
}

fn clauses(cur: &mut Cursor<'_>) -> Result<Clauses> {
    let mut c = Clauses::default();
    loop {
        cur.skip_ws();
        if cur.rest().is_empty() || cur.rest() == ";" {
            return Ok(c);
        }
        if cur.keyword(&["USING"]) {
            c.provider = Some(cur.word()?.to_string());
        } else if cur.keyword(&["OPTIONS"]) {
            c.options.extend(key_values(cur.group()?)?);
        } else if cur.keyword(&["PARTITIONED", "BY"]) {
            c.partition = column_list(cur.group()?)
                .iter()
                .filter_map(|d| d.split_whitespace().next())
                .map(|n| n.trim_matches('`').to_string())
                .collect();
        } else if cur.keyword(&["LOCATION"]) {
            c.location = Some(cur.string()?);
        } else if cur.keyword(&["COMMENT"]) {
            let comment = cur.string()?;
            c.properties.push(("comment".into(), comment));
        } else if cur.keyword(&["TBLPROPERTIES"]) {
            c.properties.extend(key_values(cur.group()?)?);
        } else if cur.keyword(&["AS"]) {
            c.query = Some(cur.rest().to_string());
            return Ok(c);
        } else if cur.keyword(&["SELECT"]) || cur.keyword(&["WITH"]) || cur.keyword(&["VALUES"]) {
            let r = cur.rest();
            let head = &cur.full[..cur.pos];
            let word = head.rsplit(char::is_whitespace).next().unwrap_or_default();
            c.query = Some(format!("{word}{r}"));
            return Ok(c);
        } else {
            return Err(cur.error());
        }
    }
}

/// A folder path of a `LOCATION` or `path` option (a `file:` URI allowed).
fn local_path(location: &str) -> String {
    let p = location
        .strip_prefix("file://")
        .or_else(|| location.strip_prefix("file:"))
        .unwrap_or(location);
    std::path::absolute(p).map_or_else(|_| p.to_string(), |a| a.to_string_lossy().to_string())
}

async fn create_table(session: &Arc<Session>, c: &regex::Captures<'_>, t: &str) -> Result<Frame> {
    let replace = c.get(1).is_some();
    let if_not_exists = c.get(3).is_some();
    let (db, name) = qualified(session, &c[4])?;
    let tail = c.get(5).map_or(t.len(), |m| m.start());
    let mut cur = Cursor { full: t, pos: tail };
    cur.skip_ws();
    let columns = if cur.rest().starts_with('(') {
        Some(cur.group()?)
    } else {
        None
    };
    let mut cl = clauses(&mut cur)?;
    let format = match &cl.provider {
        Some(f) => FileFormat::parse(f)?,
        None => FileFormat::Parquet,
    };
    if let Some(i) = cl
        .options
        .iter()
        .position(|(k, _)| k.eq_ignore_ascii_case("path"))
    {
        let (_, path) = cl.options.remove(i);
        cl.location.get_or_insert(path);
    }
    let exists = session.warehouse().table_exists(&db, &name);
    if exists && if_not_exists {
        return done();
    }
    if exists && !replace {
        return Err(crate::catalog::table_exists_error(&db, &name));
    }
    let frame = match (&cl.query, columns) {
        (Some(q), _) => super::query::plan_query(session, q)?,
        (None, Some(cols)) => {
            let mut fields = vec![];
            for def in column_list(cols) {
                let mut it = def.splitn(2, char::is_whitespace);
                let col = it.next().unwrap_or_default().trim_matches('`').to_string();
                let ty = it.next().unwrap_or_default().trim();
                let upper = ty.to_uppercase();
                let end = [" COMMENT", " NOT NULL"]
                    .iter()
                    .filter_map(|k| upper.find(k))
                    .min()
                    .unwrap_or(ty.len());
                fields.push(StructField::new(
                    col,
                    SparkType::from_name(&ty[..end])?,
                    true,
                ));
            }
            let schema = Arc::new(Schema::new(
                fields.iter().map(StructField::to_arrow).collect::<Vec<_>>(),
            ));
            ops::from_batches(schema, vec![])?
        }
        (None, None) => {
            return Err(SparkError::illegal_argument(
                "CREATE TABLE needs a column list or AS SELECT",
            ))
        }
    };
    let location = cl.location.as_deref().map(local_path);
    if cl.query.is_some() {
        if let Some(l) = &location {
            if !list_data_files(std::path::Path::new(l)).is_empty() {
                return Err(SparkError::new(
                    ErrorKind::Analysis,
                    "LOCATION_ALREADY_EXISTS",
                    "42710",
                    format!("Cannot name the managed table as `spark_catalog`.`{db}`.`{name}`, as its associated location 'file:{l}' already exists. Please pick a different table name, or remove the existing location first."),
                    &[("location", format!("'file:{l}'")), ("identifier", format!("`spark_catalog`.`{db}`.`{name}`"))],
                ));
            }
        }
    }
    let spec = TableSpec {
        format,
        partition: cl.partition,
        location,
        options: cl.options,
        properties: cl.properties,
    };
    let mode = if exists {
        SaveMode::Overwrite
    } else {
        SaveMode::ErrorIfExists
    };
    session
        .write_table(&db, &name, &frame, mode, Some(spec), None)
        .await?;
    done()
}

/// `INSERT INTO|OVERWRITE t [PARTITION (p = v, q)] [(cols)] query`.
async fn insert(session: &Arc<Session>, c: &regex::Captures<'_>) -> Result<Frame> {
    let (db, name) = qualified(session, &c[3])?;
    let shown = format!("`spark_catalog`.`{db}`.`{name}`");
    let target = session
        .read_table(&db, &name)?
        .ok_or_else(|| not_found(&shown))?;
    let text = c.get(4).map_or("", |m| m.as_str());
    let mut cur = Cursor { full: text, pos: 0 };
    let spec = if cur.keyword(&["PARTITION"]) {
        Some(key_values(cur.group()?)?)
    } else {
        None
    };
    let (columns, text) = insert_columns(cur.rest());
    let mut query = super::query::plan_query(session, text)?;
    if let Some(columns) = columns {
        query = by_column_list(session, &query, &target, &columns)?;
    }
    let overwrite = c[1].eq_ignore_ascii_case("overwrite");
    let mut replace = None;
    if let Some(spec) = spec {
        let partition = session
            .warehouse()
            .read_meta(&db, &name)?
            .map_or(vec![], |m| m.partition);
        let (q, statics) =
            with_static_partitions(session, &query, &target, &partition, &spec, &shown)?;
        query = q;
        if overwrite {
            replace = Some(statics);
        }
    }
    let frame = conform(session, &query, &target, &name)?;
    let mode = if overwrite {
        SaveMode::Overwrite
    } else {
        SaveMode::Append
    };
    session
        .write_table(&db, &name, &frame, mode, None, replace.as_deref())
        .await?;
    done()
}

/// The query's rows with the static values of a `PARTITION (p = v)` spec
/// put in their columns; the spec's static (name, value) pairs.
fn with_static_partitions(
    session: &Session,
    query: &Frame,
    target: &Frame,
    partition: &[String],
    spec: &[(String, String)],
    shown: &str,
) -> Result<(Frame, PartitionValues)> {
    let cs = session.settings().case_sensitive;
    for (k, _) in spec {
        if !partition.iter().any(|p| crate::plan::names_equal(p, k, cs)) {
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "PARTITIONS_NOT_FOUND",
                "428FT",
                format!("The partition(s) `{k}` cannot be found in table {shown}.\nVerify the partition specification and table name.\nTo tolerate the error on drop use ALTER TABLE … DROP IF EXISTS PARTITION."),
                &[("partitionList", format!("`{k}`")), ("tableName", shown.to_string())],
            ));
        }
    }
    // `p` alone (no value) is dynamic; `p = v` static.
    let statics: Vec<(String, String)> = spec
        .iter()
        .filter(|(k, v)| !v.is_empty() && !k.contains(char::is_whitespace))
        .map(|(k, v)| {
            let name = partition
                .iter()
                .find(|p| crate::plan::names_equal(p, k, cs))
                .cloned()
                .unwrap_or_else(|| k.clone());
            (name, v.clone())
        })
        .collect();
    let positional: Vec<String> = (0..query.fields.len())
        .map(|i| format!("__insert_{i}"))
        .collect();
    let renamed = ops::to_df(query, &positional)?;
    let mut next = 0;
    let mut exprs = vec![];
    for f in target.fields.iter() {
        let e = match statics
            .iter()
            .find(|(k, _)| crate::plan::names_equal(k, &f.name, cs))
        {
            Some((_, v)) => crate::expr::Expr::Literal(crate::expr::Literal::String(v.clone())),
            None => {
                let Some(col) = positional.get(next) else {
                    return Err(SparkError::new(
                        ErrorKind::Analysis,
                        "INSERT_PARTITION_COLUMN_ARITY_MISMATCH",
                        "21S01",
                        format!("Cannot write to {shown}, the reason is the number of data columns does not match: table has {} columns, data has {} columns.", target.fields.len(), query.fields.len() + statics.len()),
                        &[("tableName", shown.to_string())],
                    ));
                };
                next += 1;
                crate::expr::Expr::col(col.clone())
            }
        };
        exprs.push(e.alias(f.name.clone()));
    }
    let frame = ops::select(&renamed, &session.settings(), &exprs)?;
    Ok((
        frame,
        statics.into_iter().map(|(k, v)| (k, Some(v))).collect(),
    ))
}

/// The partition folders of a partitioned table, as `SHOW PARTITIONS`
/// lists them.
pub fn partitions(session: &Session, shown: &str, command: &str) -> Result<Vec<String>> {
    let (db, name) = qualified(session, shown)?;
    let warehouse = session.warehouse();
    let Some(meta) = warehouse.read_meta(&db, &name)? else {
        session.lookup_table(shown)?;
        return Err(not_partitioned(&db, &name, command));
    };
    if meta.partition.is_empty() {
        return Err(SparkError::new(
            ErrorKind::Analysis,
            "INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY",
            "42601",
            format!("The partition command is invalid. Table `spark_catalog`.`{db}`.`{name}` is not partitioned."),
            &[("name", format!("`spark_catalog`.`{db}`.`{name}`"))],
        ));
    }
    let mut out: Vec<String> = warehouse
        .data_files(&meta)
        .iter()
        .map(|f| crate::catalog::folder_of(f).to_string())
        .collect();
    if meta.location.is_some() {
        out.extend(meta.partitions.iter().cloned());
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn not_partitioned(db: &str, name: &str, command: &str) -> SparkError {
    SparkError::new(
        ErrorKind::Analysis,
        "NOT_A_PARTITIONED_TABLE",
        "42809",
        format!("Operation {command} is not allowed for `spark_catalog`.`{db}`.`{name}` because it is not a partitioned table."),
        &[("operation", command.to_string()), ("tableIdentWithDB", format!("`spark_catalog`.`{db}`.`{name}`"))],
    )
}

/// `ALTER TABLE t RECOVER PARTITIONS`: an external table learns the
/// partition folders under its location.
fn recover_partitions(session: &Session, shown: &str) -> Result<()> {
    let (db, name) = qualified(session, shown)?;
    let warehouse = session.warehouse();
    let command = "ALTER TABLE RECOVER PARTITIONS";
    let Some(meta) = warehouse.read_meta(&db, &name)? else {
        session.lookup_table(shown)?;
        return Err(not_partitioned(&db, &name, command));
    };
    if meta.partition.is_empty() {
        return Err(not_partitioned(&db, &name, command));
    }
    let Some(location) = &meta.location else {
        return Ok(());
    };
    let depth = meta.partition.len();
    let mut found: Vec<String> = list_data_files(std::path::Path::new(location))
        .iter()
        .map(|f| crate::catalog::folder_of(f).to_string())
        .filter(|d| d.split('/').count() == depth && d.split('/').all(|p| p.contains('=')))
        .collect();
    found.sort();
    found.dedup();
    session.invalidate_table(&db, &name);
    warehouse.update_meta(&db, &name, |m| m.partitions = found)
}
