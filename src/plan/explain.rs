//! `df.explain()`'s physical plan in Spark's words and tree layout: each
//! operator under the name of Spark's operator that does the same work
//! (`BroadcastHashJoin` for a hash join whose build side is collected once,
//! `Exchange` for a repartitioning, `InMemoryTableScan` for a cached frame),
//! followed by the engine's own description of it.

use std::sync::Arc;

use datafusion::physical_plan::{displayable, ExecutionPlan};

/// The plan as Spark prints it: `+- ` before a last child, `:- ` before the
/// others, `:  ` continuing a branch that has more siblings below.
pub fn spark_tree(plan: &Arc<dyn ExecutionPlan>) -> String {
    let mut out = String::new();
    render(plan, &mut Vec::new(), &mut out);
    out
}

fn render(plan: &Arc<dyn ExecutionPlan>, last: &mut Vec<bool>, out: &mut String) {
    if let Some((is_last, ancestors)) = last.split_last() {
        for a in ancestors {
            out.push_str(if *a { "   " } else { ":  " });
        }
        out.push_str(if *is_last { "+- " } else { ":- " });
    }
    out.push_str(&describe(plan.as_ref()));
    out.push('\n');
    // The statistics-hiding pass-through is not an operator of Spark's.
    let children: Vec<&Arc<dyn ExecutionPlan>> = plan
        .children()
        .into_iter()
        .map(|c| match c.children().first() {
            Some(inner) if c.name() == super::no_stats::NO_STATS => *inner,
            _ => c,
        })
        .collect();
    let n = children.len();
    for (i, child) in children.into_iter().enumerate() {
        last.push(i + 1 == n);
        render(child, last, out);
        last.pop();
    }
}

/// One operator: Spark's name, then the engine's details.
fn describe(plan: &dyn ExecutionPlan) -> String {
    let line = displayable(plan).one_line().to_string();
    let line = line.trim_end();
    let (engine, details) = line.split_once(": ").unwrap_or((line, ""));
    let name = spark_name(engine, details);
    if details.is_empty() {
        name
    } else {
        format!("{name} {details}")
    }
}

fn spark_name(engine: &str, details: &str) -> String {
    let name = match engine {
        "HashJoinExec" if details.contains("mode=CollectLeft") => "BroadcastHashJoin",
        "HashJoinExec" => "ShuffledHashJoin",
        "SortMergeJoinExec" | "SortMergeJoin" => "SortMergeJoin",
        "CrossJoinExec" => "CartesianProduct",
        "NestedLoopJoinExec" => "BroadcastNestedLoopJoin",
        "ProjectionExec" => "Project",
        "FilterExec" => "Filter",
        "AggregateExec" => "HashAggregate",
        "SortExec" => "Sort",
        "RepartitionExec" => "Exchange",
        "CoalescePartitionsExec" | "SortPreservingMergeExec" => "Exchange SinglePartition",
        "GlobalLimitExec" => "GlobalLimit",
        "LocalLimitExec" => "LocalLimit",
        "UnionExec" | "InterleaveExec" => "Union",
        "BoundedWindowAggExec" | "WindowAggExec" => "Window",
        "EmptyExec" => "LocalTableScan <empty>",
        "PlaceholderRowExec" => "Scan OneRowRelation",
        "LazyMemoryExec" => "Range",
        "DataSourceExec" => {
            return match ["parquet", "csv", "json", "arrow", "avro"]
                .iter()
                .find(|f| details.contains(&format!("file_type={f}")))
            {
                Some(f) => format!("FileScan {f}"),
                None => "LocalTableScan".into(),
            }
        }
        other => other.strip_suffix("Exec").unwrap_or(other),
    };
    name.to_string()
}

/// `Statistics(sizeInBytes=…, rowCount=…)`, sizes as Spark writes them.
pub fn statistics(bytes: Option<usize>, rows: Option<usize>) -> String {
    let size = match bytes {
        None => "unknown".to_string(),
        Some(b) => {
            let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
            let mut value = b as f64;
            let mut unit = 0;
            while value >= 1024.0 && unit + 1 < units.len() {
                value /= 1024.0;
                unit += 1;
            }
            format!("{value:.1} {}", units[unit])
        }
    };
    match rows {
        Some(r) => format!("Statistics(sizeInBytes={size}, rowCount={r})"),
        None => format!("Statistics(sizeInBytes={size})"),
    }
}
