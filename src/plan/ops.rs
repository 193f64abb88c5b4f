//! DataFrame transformations: each takes a frame and returns a new one,
//! analysed eagerly (a bad column name fails here, not at execution).

use std::collections::HashSet;
use std::sync::Arc;

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::{DataType, Schema, SchemaRef};
use datafusion::catalog::MemTable;
use datafusion::common::ScalarValue;
use datafusion::datasource::provider_as_source;
use datafusion::logical_expr::{Expr as DFExpr, LogicalPlan, LogicalPlanBuilder, Partitioning};

use super::resolve::{Resolved, Resolver};
use super::{internal_name, names_equal, Frame, OutField};
use crate::error::{ErrorKind, Result, SparkError};
use crate::expr::Expr;
use crate::session::Settings;

/// A fresh frame over the same plan: a new id, same columns (a view read, `df.alias`).
pub fn rebase(frame: &Frame, qualifier: Option<&str>) -> Frame {
    let fields = frame
        .fields
        .iter()
        .map(|f| OutField {
            qualifier: qualifier
                .map(str::to_string)
                .or_else(|| f.qualifier.clone()),
            ..f.clone()
        })
        .collect();
    Frame::with_fields(frame.plan.as_ref().clone(), fields)
}

/// `df.alias(name)`: the columns qualified by `name`, under fresh internal
/// names, so that a frame and its aliased self stay apart when one is a
/// correlated subquery of the other.
pub fn alias(frame: &Frame, name: &str) -> Result<Frame> {
    renamed(frame, |f| OutField {
        qualifier: Some(name.to_string()),
        ..f.clone()
    })
}

/// A frame over in-memory batches whose schema has Spark's names.
pub fn from_batches(schema: SchemaRef, batches: Vec<RecordBatch>) -> Result<Frame> {
    let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    let internal: Vec<_> = schema
        .fields()
        .iter()
        .map(|f| f.as_ref().clone().with_name(internal_name()))
        .collect();
    let internal_schema = Arc::new(Schema::new(internal));
    let batches = batches
        .into_iter()
        .map(|b| RecordBatch::try_new(Arc::clone(&internal_schema), b.columns().to_vec()))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let table = MemTable::try_new(Arc::clone(&internal_schema), vec![batches])?;
    let plan =
        LogicalPlanBuilder::scan("local", provider_as_source(Arc::new(table)), None)?.build()?;
    Ok(Frame::new(plan, names, &[]))
}

/// `spark.range(start, end, step, numPartitions)`.
pub fn range(
    ctx: &datafusion::execution::context::SessionContext,
    start: i64,
    end: i64,
    step: i64,
    partitions: Option<usize>,
) -> Result<Frame> {
    if step == 0 {
        return Err(SparkError::illegal_argument(
            "requirement failed: step (0) cannot be 0",
        ));
    }
    let scan = |lo: i64, hi: i64| -> Result<LogicalPlan> {
        let f = ctx.table_function("range")?;
        let lit = |v: i64| DFExpr::Literal(ScalarValue::Int64(Some(v)), None);
        let args = [lit(lo), lit(hi), lit(step)];
        let state = ctx.state();
        let provider = f.create_table_provider_with_args(
            datafusion::catalog::TableFunctionArgs::new(&args, &state),
        )?;
        let builder = LogicalPlanBuilder::scan("range", provider_as_source(provider), None)?;
        let value = builder.schema().field(0).name().clone();
        Ok(builder
            .project(vec![DFExpr::Column(
                datafusion::common::Column::new_unqualified(value),
            )
            .alias(internal_name())])?
            .build()?)
    };
    let plan = match partitions {
        // Spark's slices: partition i holds elements [i·n/p, (i+1)·n/p).
        Some(p) if p > 1 => {
            let n = range_len(start, end, step) as i128;
            let mut builder: Option<LogicalPlanBuilder> = None;
            for i in 0..p as i128 {
                let lo = start as i128 + (i * n / p as i128) * step as i128;
                let hi = start as i128 + ((i + 1) * n / p as i128) * step as i128;
                let part = scan(lo as i64, hi as i64)?;
                builder = Some(match builder {
                    None => LogicalPlanBuilder::from(part),
                    Some(b) => b.union(part)?,
                });
            }
            match builder {
                Some(b) => b.build()?,
                None => scan(start, end)?,
            }
        }
        _ => scan(start, end)?,
    };
    Ok(Frame::new(plan, vec!["id".into()], &[]))
}

/// The number of elements of `range(start, end, step)`.
fn range_len(start: i64, end: i64, step: i64) -> i64 {
    let (s, e, st) = (start as i128, end as i128, step as i128);
    if (st > 0 && s >= e) || (st < 0 && s <= e) {
        return 0;
    }
    ((e - s + st - st.signum()) / st) as i64
}

/// An inline table (`VALUES (1, 'a'), (2, 'b') AS t(x, y)`): columns are
/// named `col1`, `col2`, … unless named.
pub fn values(settings: &Settings, rows: &[Vec<Expr>], names: &[String]) -> Result<Frame> {
    let one_row = Frame::new(LogicalPlanBuilder::empty(true).build()?, vec![], &[]);
    let resolver = Resolver::new(&one_row, settings);
    let resolved = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|e| resolver.resolve(e))
                .collect::<Result<Vec<_>>>()
        })
        .collect::<Result<Vec<_>>>()?;
    let width = resolved.first().map_or(0, Vec::len);
    if resolved.iter().any(|r| r.len() != width) {
        return Err(SparkError::new(
            ErrorKind::Analysis,
            "INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH",
            "42000",
            "Invalid inline table. Inline table expected number of columns but found a different number of columns in a row.",
            &[],
        ));
    }
    let mut types = vec![];
    for j in 0..width {
        let column: Vec<&Resolved> = resolved.iter().map(|r| &r[j]).collect();
        types.push(super::coerce::common_type(&column, "VALUES")?);
    }
    let exprs = resolved
        .into_iter()
        .map(|r| {
            r.into_iter()
                .zip(&types)
                .map(|(x, t)| super::coerce::implicit(&resolver, x, t))
                .collect::<Result<Vec<_>>>()
        })
        .collect::<Result<Vec<_>>>()?;
    let builder = LogicalPlanBuilder::values(exprs)?;
    let projection: Vec<DFExpr> = builder
        .schema()
        .fields()
        .iter()
        .map(|f| {
            DFExpr::Column(datafusion::common::Column::new_unqualified(f.name()))
                .alias(internal_name())
        })
        .collect();
    let plan = builder.project(projection)?.build()?;
    let out_names = (0..width)
        .map(|j| {
            names
                .get(j)
                .cloned()
                .unwrap_or_else(|| format!("col{}", j + 1))
        })
        .collect();
    Ok(Frame::new(plan, out_names, &[]))
}

/// A projection item: a resolved expression or a pass-through column.
fn project(frame: &Frame, items: Vec<Resolved>) -> Result<Frame> {
    let mut used: HashSet<String> = HashSet::new();
    let mut exprs = vec![];
    let mut fields = vec![];
    for item in items {
        match item.column {
            Some(i)
                if matches!(&item.expr, DFExpr::Column(_))
                    && used.insert(frame.fields[i].internal.clone()) =>
            {
                let src = &frame.fields[i];
                exprs.push(src.column());
                fields.push(OutField {
                    name: item.output_name(),
                    ..src.clone()
                });
            }
            _ => {
                let internal = internal_name();
                let name = item.output_name();
                exprs.push(super::metadata::alias(item.expr, &internal));
                fields.push(OutField {
                    name,
                    internal,
                    qualifier: None,
                    lineage: vec![],
                });
            }
        }
    }
    let input = with_windows(frame.plan.as_ref().clone(), &mut exprs)?;
    let plan = LogicalPlanBuilder::from(input).project(exprs)?.build()?;
    Ok(Frame::with_fields(plan, fields))
}

/// Computes the window functions in `exprs` below the projection (one
/// `Window` node per distinct partitioning and ordering) and makes `exprs`
/// refer to their results.
pub(crate) fn with_windows(input: LogicalPlan, exprs: &mut [DFExpr]) -> Result<LogicalPlan> {
    use datafusion::common::tree_node::{Transformed, TreeNode};
    let windows = datafusion::logical_expr::utils::find_window_exprs(exprs.iter());
    if windows.is_empty() {
        return Ok(input);
    }
    // The Window node names its outputs after the normalised (qualified) expressions.
    let normalised = windows
        .iter()
        .map(|w| datafusion::logical_expr::expr_rewriter::normalize_col(w.clone(), &input))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let plan = LogicalPlanBuilder::window_plan(input, normalised.clone())?;
    for e in exprs.iter_mut() {
        let rewritten = e.clone().transform_down(|x| {
            if let Some(i) = windows.iter().position(|w| w == &x) {
                let name = normalised[i].schema_name().to_string();
                return Ok(Transformed::yes(DFExpr::Column(
                    datafusion::common::Column::new_unqualified(name),
                )));
            }
            Ok(Transformed::no(x))
        })?;
        *e = rewritten.data;
    }
    Ok(plan)
}

pub(crate) fn pass_through(frame: &Frame, i: usize) -> Resolved {
    let f = &frame.fields[i];
    Resolved {
        expr: f.column(),
        name: f.name.clone(),
        data_type: frame.plan.schema().field(i).data_type().clone(),
        column: Some(i),
        alias: None,
    }
}

/// Expands `*`, `t.*`, `struct.*` and regex columns; resolves the rest.
pub(crate) fn expand(frame: &Frame, settings: &Settings, exprs: &[Expr]) -> Result<Vec<Resolved>> {
    let resolver = Resolver::new(frame, settings);
    let mut items = vec![];
    for e in exprs {
        match e {
            Expr::Star { target: None } => {
                // Generator outputs being computed are not columns of the input.
                items.extend(
                    (0..frame.fields.len())
                        .filter(|i| !frame.fields[*i].name.starts_with("__generated_"))
                        .map(|i| pass_through(frame, i)),
                );
            }
            Expr::Star { target: Some(t) } => {
                let by_qualifier: Vec<usize> = frame
                    .fields
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| {
                        f.qualifier
                            .as_deref()
                            .is_some_and(|q| names_equal(q, t, settings.case_sensitive))
                    })
                    .map(|(i, _)| i)
                    .collect();
                if !by_qualifier.is_empty() {
                    items.extend(by_qualifier.into_iter().map(|i| pass_through(frame, i)));
                    continue;
                }
                let base = resolver.resolve(&Expr::col(t.clone()))?;
                let DataType::Struct(fields) = &base.data_type else {
                    return Err(SparkError::new(
                        ErrorKind::Analysis,
                        "CANNOT_RESOLVE_STAR_EXPAND",
                        "42704",
                        format!(
                            "Cannot resolve {}.* given input columns {}.",
                            crate::error::quote_ident(t),
                            frame
                                .names()
                                .iter()
                                .map(|n| crate::error::quote_ident(n))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        &[("targetString", crate::error::quote_ident(t))],
                    ));
                };
                for f in fields.iter() {
                    let e = datafusion::functions::core::expr_fn::get_field(
                        base.expr.clone(),
                        f.name().as_str(),
                    );
                    items.push(resolver.make(e, f.name().clone())?);
                }
            }
            Expr::Regex { pattern } => {
                let pat = pattern.trim_matches('`');
                let re = column_regex(pat)?;
                for (i, f) in frame.fields.iter().enumerate() {
                    if re.is_match(&f.name).unwrap_or(false) {
                        items.push(pass_through(frame, i));
                    }
                }
            }
            other => items.push(resolver.resolve(other)?),
        }
    }
    Ok(items)
}

/// A `colRegex` pattern, matching whole names with Java's regex features
/// (possessive quantifiers, atomic groups, look-around).
fn column_regex(pattern: &str) -> Result<fancy_regex::Regex> {
    fancy_regex::Regex::new(&format!("^(?:{pattern})$"))
        .map_err(|e| SparkError::illegal_argument(format!("invalid regex {pattern}: {e}")))
}

pub fn select(frame: &Frame, settings: &Settings, exprs: &[Expr]) -> Result<Frame> {
    if super::partition_id::uses(exprs)
        && !frame
            .fields
            .iter()
            .any(|f| f.name == super::partition_id::PARTITION_ID)
    {
        return select(&super::partition_id::with_ids(frame)?, settings, exprs);
    }
    if super::generate::has_generator(exprs) {
        return super::generate::select(frame, settings, exprs);
    }
    let items = expand(frame, settings, exprs)?;
    let aggregates =
        datafusion::logical_expr::utils::find_aggregate_exprs(items.iter().map(|i| &i.expr));
    if !aggregates.is_empty() {
        // A select with aggregates is a global aggregation, as in Spark.
        return super::aggregate::build_aggregate(
            frame,
            vec![],
            items,
            &super::aggregate::Grouping::Plain,
        );
    }
    project(frame, items)
}

pub fn filter(frame: &Frame, settings: &Settings, condition: &Expr) -> Result<Frame> {
    let resolver = Resolver::new(frame, settings);
    let cond = resolver.resolve(condition)?;
    if !matches!(cond.data_type, DataType::Boolean | DataType::Null) {
        let ty = cond.spark_type()?.sql_name();
        let mut err = SparkError::datatype_mismatch(
            "FILTER_NOT_BOOLEAN",
            &cond.name,
            format!(
                "Filter expression \"{}\" of type \"{ty}\" is not a boolean.",
                cond.name
            ),
        );
        err.params
            .push(("filter".into(), format!("\"{}\"", cond.name)));
        err.params.push(("type".into(), format!("\"{ty}\"")));
        return Err(err);
    }
    let plan = LogicalPlanBuilder::from(frame.plan.as_ref().clone())
        .filter(cond.expr)?
        .build()?;
    Ok(Frame::with_fields(plan, frame.fields.as_ref().clone()))
}

pub fn with_columns(
    frame: &Frame,
    settings: &Settings,
    names: &[String],
    exprs: &[Expr],
) -> Result<Frame> {
    if super::partition_id::uses(exprs)
        && !frame
            .fields
            .iter()
            .any(|f| f.name == super::partition_id::PARTITION_ID)
    {
        let with = with_columns(
            &super::partition_id::with_ids(frame)?,
            settings,
            names,
            exprs,
        )?;
        let hidden = [
            super::partition_id::PARTITION_ID,
            super::partition_id::MONOTONIC_ID,
        ]
        .map(str::to_string);
        return drop(&with, settings, &hidden, &[]);
    }
    let resolver = Resolver::new(frame, settings);
    let mut new_items = vec![];
    for (n, e) in names.iter().zip(exprs) {
        let mut r = resolver.resolve(e)?;
        r.name = n.clone();
        r.alias = None;
        if r.column.is_some() {
            // A renamed copy of a column is a new column.
            r.column = None;
        }
        new_items.push(r);
    }
    let cs = settings.case_sensitive;
    let mut items = vec![];
    let mut placed = vec![false; new_items.len()];
    for i in 0..frame.fields.len() {
        let name = &frame.fields[i].name;
        match names.iter().position(|n| names_equal(n, name, cs)) {
            Some(j) => {
                if !placed[j] {
                    items.push(new_items[j].clone());
                    placed[j] = true;
                }
            }
            None => items.push(pass_through(frame, i)),
        }
    }
    for (j, item) in new_items.into_iter().enumerate() {
        if !placed[j] {
            items.push(item);
        }
    }
    project(frame, items)
}

pub fn rename(frame: &Frame, settings: &Settings, renames: &[(String, String)]) -> Frame {
    let fields = frame
        .fields
        .iter()
        .map(|f| {
            let new = renames
                .iter()
                .find(|(old, _)| names_equal(old, &f.name, settings.case_sensitive))
                .map(|(_, new)| new.clone());
            OutField {
                name: new.unwrap_or_else(|| f.name.clone()),
                ..f.clone()
            }
        })
        .collect();
    Frame::with_fields(frame.plan.as_ref().clone(), fields)
}

pub fn to_df(frame: &Frame, names: &[String]) -> Result<Frame> {
    if names.len() != frame.fields.len() {
        let (expr, target) = (names.len().to_string(), frame.fields.len().to_string());
        return Err(SparkError::new(
            ErrorKind::Analysis,
            "ASSIGNMENT_ARITY_MISMATCH",
            "42802",
            format!(
                "The number of columns or variables assigned or aliased: {target} does not match the number of source expressions: {expr}."
            ),
            &[("numExpr", expr.clone()), ("numTarget", target.clone())],
        ));
    }
    let fields = frame
        .fields
        .iter()
        .zip(names)
        .map(|(f, n)| OutField {
            name: n.clone(),
            ..f.clone()
        })
        .collect();
    Ok(Frame::with_fields(frame.plan.as_ref().clone(), fields))
}

/// `drop`: names match case-insensitively (unknown names are ignored);
/// Column arguments drop exactly the column they resolve to.
/// `df.drop(...)`: a name drops every column of that name, as written (a
/// dot is part of the name); a Column is resolved, so an ambiguous one is an
/// error and one naming a nested field or nothing drops nothing.
pub fn drop(frame: &Frame, settings: &Settings, names: &[String], cols: &[Expr]) -> Result<Frame> {
    let resolver = Resolver::new(frame, settings);
    let mut gone: HashSet<usize> = HashSet::new();
    for name in names {
        gone.extend(frame.lookup(name, settings.case_sensitive));
    }
    for c in cols {
        match resolver.resolve(c) {
            Ok(r) => gone.extend(r.column),
            Err(e) if e.condition.as_deref() == Some("AMBIGUOUS_REFERENCE") => return Err(e),
            Err(_) => {}
        }
    }
    let items = (0..frame.fields.len())
        .filter(|i| !gone.contains(i))
        .map(|i| pass_through(frame, i))
        .collect();
    project(frame, items)
}

pub fn limit(frame: &Frame, skip: usize, fetch: Option<usize>) -> Result<Frame> {
    let plan = LogicalPlanBuilder::from(frame.plan.as_ref().clone())
        .limit(skip, fetch)?
        .build()?;
    Ok(Frame::with_fields(plan, frame.fields.as_ref().clone()))
}

pub fn distinct(frame: &Frame) -> Result<Frame> {
    let plan = LogicalPlanBuilder::from(frame.plan.as_ref().clone())
        .distinct()?
        .build()?;
    Ok(Frame::with_fields(plan, frame.fields.as_ref().clone()))
}

pub fn drop_duplicates(frame: &Frame, settings: &Settings, subset: &[String]) -> Result<Frame> {
    if subset.is_empty() {
        return distinct(frame);
    }
    let mut on = vec![];
    for name in subset {
        let hits = frame.lookup(name, settings.case_sensitive);
        if hits.is_empty() {
            let fields = frame.names().join(", ");
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "UNRESOLVED_COLUMN_AMONG_FIELD_NAMES",
                "42703",
                format!("Cannot resolve column name \"{name}\" among ({fields})."),
                &[("colName", name.clone()), ("fieldNames", fields.clone())],
            ));
        }
        on.extend(hits.iter().map(|i| frame.fields[*i].column()));
    }
    let all = frame.fields.iter().map(OutField::column).collect();
    let plan = LogicalPlanBuilder::from(frame.plan.as_ref().clone())
        .distinct_on(on, all, None)?
        .build()?;
    Ok(Frame::with_fields(plan, frame.fields.as_ref().clone()))
}

pub fn sort(frame: &Frame, settings: &Settings, orders: &[Expr]) -> Result<Frame> {
    let resolver = Resolver::new(frame, settings);
    let keys = orders
        .iter()
        .map(|o| resolver.sort_expr(o))
        .collect::<Result<Vec<_>>>()?;
    let plan = LogicalPlanBuilder::from(frame.plan.as_ref().clone())
        .sort(keys)?
        .build()?;
    Ok(Frame::with_fields(plan, frame.fields.as_ref().clone()))
}

pub fn repartition(frame: &Frame, settings: &Settings, n: usize, cols: &[Expr]) -> Result<Frame> {
    let partitioning = if cols.is_empty() {
        Partitioning::RoundRobinBatch(n.max(1))
    } else {
        let resolver = Resolver::new(frame, settings);
        let keys = cols
            .iter()
            .map(|c| resolver.resolve(c).map(|r| r.expr))
            .collect::<Result<Vec<_>>>()?;
        Partitioning::Hash(keys, n.max(1))
    };
    let plan = LogicalPlanBuilder::from(frame.plan.as_ref().clone())
        .repartition(partitioning)?
        .build()?;
    Ok(Frame::with_fields(plan, frame.fields.as_ref().clone()))
}

/// `count(*)` over a frame.
pub fn count_plan(frame: &Frame) -> Result<LogicalPlan> {
    let count = datafusion::functions_aggregate::expr_fn::count(DFExpr::Literal(
        ScalarValue::Int64(Some(1)),
        None,
    ))
    .alias("count");
    Ok(LogicalPlanBuilder::from(frame.plan.as_ref().clone())
        .aggregate(Vec::<DFExpr>::new(), vec![count])?
        .build()?)
}

/// The Spark schema of a frame as Spark JSON.
pub fn schema_json(frame: &Frame) -> Result<String> {
    Ok(frame.spark_schema()?.to_json().to_string())
}

/// A new instance of a relation: every column under a fresh internal name
/// and identity (each table reference in SQL, as Spark's new expression ids).
pub fn fresh(frame: &Frame, qualifier: Option<&str>) -> Result<Frame> {
    renamed(frame, |f| OutField {
        name: f.name.clone(),
        internal: String::new(),
        qualifier: qualifier.map(str::to_string),
        lineage: vec![],
    })
}

/// The frame's columns projected under fresh internal names; `field` gives
/// each one's other parts.
fn renamed(frame: &Frame, field: impl Fn(&OutField) -> OutField) -> Result<Frame> {
    let mut exprs = vec![];
    let mut fields = vec![];
    for f in frame.fields.iter() {
        let internal = internal_name();
        exprs.push(f.column().alias(&internal));
        fields.push(OutField {
            internal,
            ..field(f)
        });
    }
    let plan = LogicalPlanBuilder::from(frame.plan.as_ref().clone())
        .project(exprs)?
        .build()?;
    Ok(Frame::with_fields(plan, fields))
}

/// The first `n` columns, unchanged (drops hidden helper columns).
pub fn keep_first(frame: &Frame, n: usize) -> Result<Frame> {
    if n >= frame.fields.len() {
        return Ok(frame.clone());
    }
    let fields: Vec<OutField> = frame.fields[..n].to_vec();
    let exprs = fields.iter().map(OutField::column).collect::<Vec<_>>();
    let plan = LogicalPlanBuilder::from(frame.plan.as_ref().clone())
        .project(exprs)?
        .build()?;
    Ok(Frame {
        id: frame.id,
        plan: Arc::new(plan),
        fields: Arc::new(fields),
    })
}

/// `sample(fraction, seed)` without replacement: each row is kept when its
/// seeded number falls in `[lower, upper)` (`randomSplit` uses the bounds).
/// The number comes from the row's values and its occurrence among equal
/// rows, so it does not depend on how the rows are partitioned or ordered.
pub fn sample(
    frame: &Frame,
    lower: f64,
    upper: f64,
    seed: i64,
    with_replacement: bool,
) -> Result<Frame> {
    use datafusion::logical_expr::expr::WindowFunctionParams;
    let columns: Vec<DFExpr> = frame.fields.iter().map(OutField::column).collect();
    let sortable = frame
        .plan
        .schema()
        .fields()
        .iter()
        .all(|f| !matches!(f.data_type(), DataType::Map(..)));
    let mut input = frame.plan.as_ref().clone();
    let mut keys = columns.clone();
    if sortable && !columns.is_empty() {
        let mut rn = datafusion::functions_window::expr_fn::row_number();
        if let DFExpr::WindowFunction(w) = &mut rn {
            let params: &mut WindowFunctionParams = &mut w.params;
            params.partition_by = columns.clone();
        }
        let rn = datafusion::logical_expr::expr_rewriter::normalize_col(rn, &input)?;
        let name = rn.schema_name().to_string();
        input = LogicalPlanBuilder::window_plan(input, vec![rn])?;
        keys.push(DFExpr::Column(datafusion::common::Column::new_unqualified(
            name,
        )));
    }
    if keys.is_empty() {
        keys.push(DFExpr::Literal(ScalarValue::Int32(Some(0)), None));
    }
    let u = crate::functions::random::row_uniform(seed, keys);
    if with_replacement {
        // Each row appears Poisson(fraction) times.
        let copies = internal_name();
        let count = crate::functions::random::poisson_count(u, upper);
        let list = datafusion::functions_nested::expr_fn::range(
            DFExpr::Literal(ScalarValue::Int64(Some(0)), None),
            count,
            DFExpr::Literal(ScalarValue::Int64(Some(1)), None),
        );
        let mut with_list = columns.clone();
        with_list.push(list.alias(&copies));
        let plan = LogicalPlanBuilder::from(input)
            .project(with_list)?
            .unnest_column_with_options(
                copies.as_str(),
                datafusion::common::UnnestOptions::new()
                    .with_null_handling(datafusion::common::NullHandling::Drop),
            )?
            .project(columns)?
            .build()?;
        return Ok(Frame::with_fields(plan, frame.fields.as_ref().clone()));
    }
    let keep = u
        .clone()
        .gt_eq(DFExpr::Literal(ScalarValue::Float64(Some(lower)), None))
        .and(u.lt(DFExpr::Literal(ScalarValue::Float64(Some(upper)), None)));
    let plan = LogicalPlanBuilder::from(input)
        .filter(keep)?
        .project(columns)?
        .build()?;
    Ok(Frame::with_fields(plan, frame.fields.as_ref().clone()))
}
