//! The engine's DataFrame: a session plus an analysed frame. Transformations
//! are synchronous (analysis is eager); actions are async.

use std::sync::Arc;

use datafusion::arrow::array::RecordBatch;

use crate::error::{ErrorKind, Result, SparkError};
use crate::expr::Expr;
use crate::plan::cache::{cached, CachedTable};
use crate::plan::{ops, Frame};
use crate::session::Session;
use crate::show::{show_string, FormatOptions};

/// The SQL texts (`F.expr`, `selectExpr`, string filters) among expressions.
fn sql_texts(exprs: &[Expr]) -> Vec<&str> {
    exprs
        .iter()
        .filter_map(|e| match e {
            Expr::Sql { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[derive(Clone)]
pub struct DataFrame {
    pub session: Arc<Session>,
    pub frame: Frame,
    /// Set when this frame reads through a cache (`df.cache()`).
    pub cache: Option<Arc<CachedTable>>,
}

impl DataFrame {
    pub fn new(session: Arc<Session>, frame: Frame) -> Self {
        DataFrame {
            session,
            frame,
            cache: None,
        }
    }

    fn derive(&self, frame: Frame) -> Self {
        DataFrame::new(Arc::clone(&self.session), frame)
    }

    /// Wraps an analysis result: positions in SQL text, then the plan.
    fn analysed(&self, result: Result<Frame>, texts: &[&str]) -> Result<Self> {
        match result {
            Ok(frame) => Ok(self.derive(frame)),
            Err(mut e) => {
                for t in texts {
                    e = crate::sql::text::with_position(e, t);
                }
                Err(e.with_plan(|| self.frame.plan.display_indent().to_string()))
            }
        }
    }

    /// Resolves an expression against this frame without building a new one
    /// (`df["name"]` checks its name this way).
    pub fn check(&self, expr: &Expr) -> Result<()> {
        let s = self.session.settings();
        crate::plan::resolve::Resolver::new(&self.frame, &s)
            .resolve(expr)
            .map(|_| ())
    }

    pub fn id(&self) -> u64 {
        self.frame.id
    }

    pub fn columns(&self) -> Vec<String> {
        self.frame.names()
    }

    pub fn schema_json(&self) -> Result<String> {
        ops::schema_json(&self.frame)
    }

    // ---- transformations -------------------------------------------------

    pub fn select(&self, exprs: &[Expr]) -> Result<Self> {
        let s = self.session.settings();
        self.analysed(ops::select(&self.frame, &s, exprs), &sql_texts(exprs))
    }

    pub fn select_expr(&self, texts: &[String]) -> Result<Self> {
        let exprs = texts
            .iter()
            .map(|t| {
                crate::sql::parse_expression(t).map(|parsed| Expr::Sql {
                    text: t.clone(),
                    parsed: Box::new(parsed),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        self.select(&exprs)
    }

    pub fn aggregate(
        &self,
        groups: &[Expr],
        aggs: &[Expr],
        grouping: &crate::plan::aggregate::Grouping,
    ) -> Result<Self> {
        let s = self.session.settings();
        let mut texts = sql_texts(groups);
        texts.extend(sql_texts(aggs));
        let frame = crate::plan::aggregate::aggregate(&self.frame, &s, groups, aggs, grouping);
        self.analysed(frame, &texts)
    }

    /// `join` with a condition (or none: a cross join).
    pub fn join_on(&self, right: &DataFrame, condition: Option<&Expr>, how: &str) -> Result<Self> {
        let s = self.session.settings();
        let frame = crate::plan::join::join_on(&self.frame, &right.frame, &s, condition, how);
        self.analysed(frame, &[])
    }

    /// `join` on key names (Spark's USING join).
    pub fn join_using(&self, right: &DataFrame, keys: &[String], how: &str) -> Result<Self> {
        let s = self.session.settings();
        let frame = crate::plan::join::join_using(&self.frame, &right.frame, &s, keys, how);
        self.analysed(frame, &[])
    }

    /// `union`/`intersect`/`except` by position (`by_name`: `unionByName`).
    pub fn set_op(
        &self,
        right: &DataFrame,
        op: &str,
        all: bool,
        by_name: bool,
        allow_missing: bool,
    ) -> Result<Self> {
        use crate::plan::setops;
        let s = self.session.settings();
        let frame = if by_name {
            setops::union_by_name(&self.frame, &right.frame, &s, allow_missing)
        } else {
            setops::SetOp::parse(op)
                .and_then(|op| setops::set_op(&self.frame, &right.frame, &s, op, all))
        };
        self.analysed(frame, &[])
    }

    pub fn sample(&self, lower: f64, upper: f64, seed: i64, replace: bool) -> Result<Self> {
        self.analysed(ops::sample(&self.frame, lower, upper, seed, replace), &[])
    }

    pub fn filter(&self, condition: &Expr) -> Result<Self> {
        let s = self.session.settings();
        let texts = sql_texts(std::slice::from_ref(condition));
        self.analysed(ops::filter(&self.frame, &s, condition), &texts)
    }

    pub fn with_columns(&self, names: &[String], exprs: &[Expr]) -> Result<Self> {
        let s = self.session.settings();
        self.analysed(
            ops::with_columns(&self.frame, &s, names, exprs),
            &sql_texts(exprs),
        )
    }

    pub fn with_columns_renamed(&self, renames: &[(String, String)]) -> Self {
        let s = self.session.settings();
        self.derive(ops::rename(&self.frame, &s, renames))
    }

    pub fn drop(&self, names: &[String], cols: &[Expr]) -> Result<Self> {
        let s = self.session.settings();
        self.analysed(ops::drop(&self.frame, &s, names, cols), &[])
    }

    pub fn to_df(&self, names: &[String]) -> Result<Self> {
        Ok(self.derive(ops::to_df(&self.frame, names)?))
    }

    pub fn zip(&self, other: &DataFrame) -> Result<Self> {
        Ok(self.derive(crate::plan::zip::zip(&self.frame, &other.frame)?))
    }

    pub fn alias(&self, name: &str) -> Self {
        let frame =
            ops::alias(&self.frame, name).unwrap_or_else(|_| ops::rebase(&self.frame, Some(name)));
        self.derive(frame)
    }

    pub fn limit(&self, n: usize) -> Result<Self> {
        Ok(self.derive(ops::limit(&self.frame, 0, Some(n))?))
    }

    pub fn offset(&self, n: usize) -> Result<Self> {
        Ok(self.derive(ops::limit(&self.frame, n, None)?))
    }

    pub fn distinct(&self) -> Result<Self> {
        Ok(self.derive(ops::distinct(&self.frame)?))
    }

    pub fn drop_duplicates(&self, subset: &[String]) -> Result<Self> {
        let s = self.session.settings();
        self.analysed(ops::drop_duplicates(&self.frame, &s, subset), &[])
    }

    pub fn sort(&self, orders: &[Expr]) -> Result<Self> {
        let s = self.session.settings();
        self.analysed(ops::sort(&self.frame, &s, orders), &sql_texts(orders))
    }

    pub fn repartition(&self, n: Option<usize>, cols: &[Expr]) -> Result<Self> {
        let s = self.session.settings();
        let n = n.unwrap_or_else(|| self.session.shuffle_partitions());
        Ok(self.derive(ops::repartition(&self.frame, &s, n, cols)?))
    }

    // ---- actions ---------------------------------------------------------

    pub async fn collect(&self) -> Result<Vec<RecordBatch>> {
        self.session.execute(&self.frame).await
    }

    pub async fn take(&self, n: usize) -> Result<Vec<RecordBatch>> {
        let limited = ops::limit(&self.frame, 0, Some(n))?;
        self.session.execute(&limited).await
    }

    /// The last `n` rows, in order.
    pub async fn tail(&self, n: usize) -> Result<Vec<RecordBatch>> {
        let batches = self.collect().await?;
        let total: usize = batches.iter().map(RecordBatch::num_rows).sum();
        let mut skip = total.saturating_sub(n);
        let mut out = vec![];
        for b in batches {
            if skip >= b.num_rows() {
                skip -= b.num_rows();
                continue;
            }
            out.push(b.slice(skip, b.num_rows() - skip));
            skip = 0;
        }
        Ok(out)
    }

    pub async fn count(&self) -> Result<i64> {
        let plan = ops::count_plan(&self.frame)?;
        let frame = Frame::new(plan, vec!["count".into()], &[]);
        let batches = self.session.execute(&frame).await?;
        let value = batches
            .first()
            .and_then(|b| {
                b.column(0)
                    .as_any()
                    .downcast_ref::<datafusion::arrow::array::Int64Array>()
                    .map(|a| a.value(0))
            })
            .unwrap_or(0);
        Ok(value)
    }

    pub async fn show_string(&self, n: i64, truncate: i64, vertical: bool) -> Result<String> {
        let n = n.max(0) as usize;
        let batches = self.take(n + 1).await?;
        let total: usize = batches.iter().map(RecordBatch::num_rows).sum();
        let opts = FormatOptions {
            time_zone: self.session.settings().time_zone,
        };
        Ok(show_string(
            &self.columns(),
            &batches,
            n,
            truncate.max(0) as usize,
            vertical,
            total > n,
            &opts,
        ))
    }

    pub async fn explain_string(&self, mode: &str) -> Result<String> {
        let physical = self.session.physical_plan_text(&self.frame).await?;
        let logical = self.frame.plan.display_indent().to_string();
        Ok(match mode.to_lowercase().as_str() {
            "simple" => format!("== Physical Plan ==\n{physical}\n"),
            "extended" => format!(
                "== Parsed Logical Plan ==\n{logical}\n\n== Analyzed Logical Plan ==\n{}\n{logical}\n\n== Optimized Logical Plan ==\n{}\n\n== Physical Plan ==\n{physical}\n",
                self.frame
                    .spark_schema()?
                    .simple_string()
                    .trim_start_matches("struct<")
                    .trim_end_matches('>')
                    .replace(':', ": ")
                    .replace(',', ", "),
                self.session.optimized_plan_text(&self.frame)?
            ),
            "codegen" => format!("Found 0 WholeStageCodegen subtrees.\n== Physical Plan ==\n{physical}\n"),
            "cost" => {
                // The root's estimated size ends its first line, as in Spark.
                let logical = self.session.optimized_plan_text(&self.frame)?;
                let stats = self.session.statistics_text(&self.frame).await?;
                let (first, rest) = logical.split_once('\n').unwrap_or((&logical, ""));
                let rest = if rest.is_empty() {
                    String::new()
                } else {
                    format!("\n{rest}")
                };
                format!(
                    "== Optimized Logical Plan ==\n{first}, {stats}{rest}\n\n== Physical Plan ==\n{physical}\n"
                )
            }
            "formatted" => format!("== Physical Plan ==\n{physical}\n"),
            other => {
                return Err(SparkError::new(
                    ErrorKind::PySparkValue,
                    "UNKNOWN_EXPLAIN_MODE",
                    "",
                    format!("explain mode `{other}` is not supported."),
                    &[("explain_mode", other.to_string())],
                ))
            }
        })
    }

    /// The optimised plan with its internal column ids numbered by first
    /// appearance: equal for frames that compute the same rows the same way.
    pub fn semantic_text(&self) -> Result<String> {
        let text = self.session.optimized_plan_text(&self.frame)?;
        let re = regex::Regex::new(r"#\d+").map_err(|e| SparkError::internal(e.to_string()))?;
        let mut seen: std::collections::HashMap<String, usize> = Default::default();
        Ok(re
            .replace_all(&text, |c: &regex::Captures<'_>| {
                let n = seen.len();
                let id = *seen.entry(c[0].to_string()).or_insert(n);
                format!("#{id}")
            })
            .into_owned())
    }

    /// A frame reading through a cache of this one; runs once, on first use.
    pub fn cached(&self) -> Result<Self> {
        let (frame, table) = cached(&self.frame)?;
        Ok(DataFrame {
            session: Arc::clone(&self.session),
            frame,
            cache: Some(table),
        })
    }

    pub fn is_materialized(&self) -> bool {
        self.cache.as_ref().is_some_and(|c| c.is_materialized())
    }

    pub fn create_view(&self, name: &str, replace: bool, global: bool) -> Result<()> {
        self.session
            .create_view(name, self.frame.clone(), replace, global)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Arc;

    use datafusion::arrow::array::{Array, AsArray, Int32Array, RecordBatch, StringArray};
    use datafusion::arrow::datatypes::{DataType, Field, Int32Type, Schema};

    use super::DataFrame;
    use crate::error::ErrorKind;
    use crate::expr::{Expr, Literal};
    use crate::plan::ops;
    use crate::session::Session;

    fn people() -> DataFrame {
        let session = Session::new(BTreeMap::new()).unwrap();
        let schema = Arc::new(Schema::new(vec![
            Field::new("Id", DataType::Int32, true),
            Field::new("name", DataType::Utf8, true),
        ]));
        let batch = RecordBatch::try_new(
            Arc::clone(&schema),
            vec![
                Arc::new(Int32Array::from(vec![Some(1), Some(2), None])),
                Arc::new(StringArray::from(vec![Some("a"), None, Some("c")])),
            ],
        )
        .unwrap();
        DataFrame::new(session, ops::from_batches(schema, vec![batch]).unwrap())
    }

    fn run<T>(f: impl std::future::Future<Output = crate::error::Result<T>>) -> T {
        crate::runtime::block_on(f).unwrap().unwrap()
    }

    #[test]
    fn select_names_columns_as_spark_does() {
        let df = people();
        let plus = Expr::call("+", vec![Expr::col("id"), Expr::lit(Literal::Integer(1))]);
        let out = df.select(&[Expr::col("ID"), plus]).unwrap();
        assert_eq!(out.columns(), vec!["ID", "(id + 1)"]);
        let batches = run(out.collect());
        let sums = batches[0].column(1).as_primitive::<Int32Type>();
        assert_eq!(
            sums.iter().collect::<Vec<_>>(),
            vec![Some(2), Some(3), None]
        );
    }

    #[test]
    fn duplicate_output_names_are_allowed() {
        let df = people();
        let out = df.select(&[Expr::col("name"), Expr::col("name")]).unwrap();
        assert_eq!(out.columns(), vec!["name", "name"]);
        assert_eq!(run(out.count()), 3);
    }

    #[test]
    fn unknown_columns_fail_at_analysis() {
        let err = people().select(&[Expr::col("nme")]).err().unwrap();
        assert_eq!(err.kind, ErrorKind::Analysis);
        assert_eq!(
            err.condition.as_deref(),
            Some("UNRESOLVED_COLUMN.WITH_SUGGESTION")
        );
        assert!(err.message.contains("[`name`, `Id`]. SQLSTATE: 42703;\n"));
    }

    #[test]
    fn division_by_zero_raises_under_ansi_and_is_null_otherwise() {
        let df = people();
        let div = Expr::call("/", vec![Expr::col("id"), Expr::lit(Literal::Integer(0))]);
        let err = crate::runtime::block_on(async {
            df.select(std::slice::from_ref(&div))?.collect().await
        })
        .unwrap()
        .err()
        .unwrap();
        assert_eq!(err.condition.as_deref(), Some("DIVIDE_BY_ZERO"));
        df.session
            .set_conf("spark.sql.ansi.enabled", "false")
            .unwrap();
        let batches = run(df.select(&[div]).unwrap().collect());
        assert_eq!(batches[0].column(0).null_count(), 3);
    }

    #[test]
    fn show_prints_spark_text() {
        let df = people();
        let text = run(df.show_string(2, 20, false));
        assert_eq!(
            text,
            "+---+----+\n| Id|name|\n+---+----+\n|  1|   a|\n|  2|NULL|\n+---+----+\nonly showing top 2 rows"
        );
    }

    #[test]
    fn cache_runs_the_plan_once() {
        let df = people().cached().unwrap();
        assert!(!df.is_materialized());
        assert_eq!(run(df.count()), 3);
        assert!(df.is_materialized());
        assert_eq!(
            run(df.collect())
                .iter()
                .map(|b| b.num_rows())
                .sum::<usize>(),
            3
        );
    }
}
