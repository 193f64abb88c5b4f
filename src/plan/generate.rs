//! Generators in a select list: `explode`, `explode_outer`, `posexplode`,
//! `posexplode_outer`, `inline`, `inline_outer`. Each is planned as an
//! `Unnest` below the projection; several generators multiply (a cross
//! product per input row), as in Spark 4.
//!
//! Output names are Spark's: `col` for array elements, `key`/`value` for
//! maps, `pos` before them for the `pos*` variants, the struct's fields for
//! `inline`; or the names given with `alias(...)`.

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{NullHandling, UnnestOptions};
use datafusion::functions::core::expr_fn::get_field;
use datafusion::logical_expr::{Expr as DFExpr, LogicalPlanBuilder};
use datafusion::prelude::lit;

use super::resolve::Resolver;
use super::{internal_name, Frame, OutField};
use crate::error::{ErrorKind, Result, SparkError};
use crate::expr::Expr;
use crate::session::Settings;

const GENERATORS: [&str; 6] = [
    "explode",
    "explode_outer",
    "posexplode",
    "posexplode_outer",
    "inline",
    "inline_outer",
];

/// A generator call (under optional aliases): name, argument, aliases.
/// `stack(n, v1, …)` is `inline` of an array of n structs `col0, col1, …`.
fn generator(e: &Expr) -> Option<(String, Expr, Vec<String>)> {
    match e {
        Expr::Alias { expr, names, .. } => generator(expr).map(|(n, a, _)| (n, a, names.clone())),
        Expr::Sql { parsed, .. } => generator(parsed),
        Expr::Function { name, args, .. } if GENERATORS.contains(&name.to_lowercase().as_str()) => {
            match args.as_slice() {
                [a] => Some((name.to_lowercase(), a.clone(), vec![])),
                _ => None,
            }
        }
        Expr::Function { name, args, .. } if name.eq_ignore_ascii_case("stack") => {
            let [Expr::Literal(crate::expr::Literal::Integer(n)), values @ ..] = args.as_slice()
            else {
                return None;
            };
            let n = usize::try_from(*n).ok().filter(|n| *n > 0)?;
            let width = values.len().div_ceil(n);
            let rows = (0..n)
                .map(|row| {
                    let mut fields = vec![];
                    for col in 0..width {
                        // A missing value is a NULL of its column's type.
                        let v = values.get(row * width + col).cloned().unwrap_or_else(|| {
                            let first = values[col].clone();
                            Expr::call("nullif", vec![first.clone(), first])
                        });
                        fields.push(Expr::Literal(crate::expr::Literal::String(format!(
                            "col{col}"
                        ))));
                        fields.push(v);
                    }
                    Expr::call("named_struct", fields)
                })
                .collect();
            Some(("inline".into(), Expr::call("array", rows), vec![]))
        }
        _ => None,
    }
}

fn alias_mismatch(expected: usize, aliases: &[String]) -> SparkError {
    SparkError::new(
        ErrorKind::Analysis,
        "UDTF_ALIAS_NUMBER_MISMATCH",
        "42802",
        format!(
            "The number of aliases supplied in the AS clause does not match the number of columns output by the UDTF. Expected {expected} aliases, but got {}.",
            aliases.join(", ")
        ),
        &[
            ("aliasesSize", aliases.len().to_string()),
            ("aliasesNames", aliases.join(", ")),
        ],
    )
}

pub fn has_generator(exprs: &[Expr]) -> bool {
    exprs.iter().any(|e| generator(e).is_some())
}

/// `select(exprs)` where some are generators.
pub fn select(frame: &Frame, settings: &Settings, exprs: &[Expr]) -> Result<Frame> {
    let mut cur = frame.clone();
    let mut items = vec![];
    for e in exprs {
        let Some((name, arg, aliases)) = generator(e) else {
            items.push(e.clone());
            continue;
        };
        let (next, outputs) = generate(&cur, settings, &name, &arg)?;
        cur = next;
        if !aliases.is_empty() && aliases.len() != outputs.len() {
            return Err(alias_mismatch(outputs.len(), &aliases));
        }
        for (i, (hidden, default)) in outputs.into_iter().enumerate() {
            let shown = aliases.get(i).cloned().unwrap_or(default);
            items.push(Expr::col(format!("`{hidden}`")).alias(shown));
        }
    }
    let mut out = super::ops::select(&cur, settings, &items)?;
    // Generator outputs are new columns, not the hidden ones they come from.
    let fields = std::sync::Arc::make_mut(&mut out.fields);
    for f in fields.iter_mut() {
        if f.name.starts_with("__generated_") {
            f.lineage.clear();
        }
    }
    Ok(out)
}

/// Adds the generator's output columns to `frame` (under hidden names);
/// returns the new frame and `(hidden name, Spark name)` per output.
fn generate(
    frame: &Frame,
    settings: &Settings,
    name: &str,
    arg: &Expr,
) -> Result<(Frame, Vec<(String, String)>)> {
    let resolver = Resolver::new(frame, settings);
    let input = resolver.resolve(arg)?;
    let outer = name.ends_with("_outer");
    let with_pos = name.starts_with("posexplode");
    let inline = name.starts_with("inline");
    let (list, is_map) = match &input.data_type {
        DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(..) => {
            (input.expr.clone(), false)
        }
        DataType::Map(..) if !inline => (
            datafusion::functions_nested::expr_fn::map_entries(input.expr.clone()),
            true,
        ),
        other => {
            let expected = if inline {
                "\"ARRAY<STRUCT>\""
            } else {
                "(\"ARRAY\" or \"MAP\")"
            };
            return Err(SparkError::datatype_mismatch(
                "UNEXPECTED_INPUT_TYPE",
                &format!("{name}({})", input.name),
                format!(
                    "The first parameter requires the {expected} type, however \"{}\" has the type \"{}\".",
                    input.name,
                    crate::types::SparkType::from_arrow(other)?.sql_name()
                ),
            ));
        }
    };
    let value = internal_name();
    let pos = internal_name();
    let mut exprs: Vec<DFExpr> = frame.fields.iter().map(OutField::column).collect();
    exprs.push(list.clone().alias(&value));
    let mut columns = vec![datafusion::common::Column::new_unqualified(&value)];
    if with_pos {
        let n = datafusion::functions_nested::expr_fn::cardinality(list);
        let positions = datafusion::functions_nested::expr_fn::range(
            lit(0i32),
            datafusion::logical_expr::cast(n, DataType::Int32),
            lit(1i32),
        );
        exprs.push(positions.alias(&pos));
        columns.push(datafusion::common::Column::new_unqualified(&pos));
    }
    let options = UnnestOptions::new().with_null_handling(if outer {
        NullHandling::PreserveAndExpandEmpty
    } else {
        NullHandling::Drop
    });
    let unnested = LogicalPlanBuilder::from(frame.plan.as_ref().clone())
        .project(exprs)?
        .unnest_columns_with_options(columns, options)?
        .build()?;
    // Name the outputs: positions, then the element (or its parts).
    let element = DFExpr::Column(datafusion::common::Column::new_unqualified(&value));
    let mut out_exprs: Vec<DFExpr> = frame.fields.iter().map(OutField::column).collect();
    let mut outputs = vec![];
    let mut add = |e: DFExpr, spark: &str| {
        let hidden = format!("__generated_{}", crate::plan::next_id());
        out_exprs.push(e.alias(&hidden));
        outputs.push((hidden, spark.to_string()));
    };
    if with_pos {
        add(
            datafusion::logical_expr::cast(
                DFExpr::Column(datafusion::common::Column::new_unqualified(&pos)),
                DataType::Int32,
            ),
            "pos",
        );
    }
    let element_type = unnested
        .schema()
        .field_with_unqualified_name(&value)
        .map(|f| f.data_type().clone())?;
    if is_map {
        add(get_field(element.clone(), "key"), "key");
        add(get_field(element, "value"), "value");
    } else if inline {
        let DataType::Struct(fields) = &element_type else {
            return Err(SparkError::datatype_mismatch(
                "UNEXPECTED_INPUT_TYPE",
                &format!("{name}({})", input.name),
                format!(
                    "The first parameter requires the \"ARRAY<STRUCT>\" type, however \"{}\" has the type \"{}\".",
                    input.name,
                    input.spark_type()?.sql_name()
                ),
            ));
        };
        for f in fields.iter() {
            add(get_field(element.clone(), f.name().as_str()), f.name());
        }
    } else {
        add(element, "col");
    }
    let plan = LogicalPlanBuilder::from(unnested)
        .project(out_exprs)?
        .build()?;
    let mut fields: Vec<OutField> = frame.fields.as_ref().clone();
    for (hidden, _) in &outputs {
        fields.push(OutField {
            name: hidden.clone(),
            internal: hidden.clone(),
            qualifier: None,
            lineage: vec![],
        });
    }
    Ok((Frame::with_fields(plan, fields), outputs))
}

/// `LATERAL VIEW [OUTER] gen(arg) t AS a, b`: the generator's columns, named
/// by the aliases and qualified by `t`, next to each input row's columns.
pub fn lateral(
    frame: &Frame,
    settings: &Settings,
    call: &Expr,
    outer: bool,
    table: Option<&str>,
    aliases: &[String],
) -> Result<Frame> {
    let Some((name, arg, _)) = generator(call) else {
        return Err(SparkError::not_implemented(&format!(
            "LATERAL VIEW of {}",
            call.repr()
        )));
    };
    let name = if outer && !name.ends_with("_outer") {
        format!("{name}_outer")
    } else {
        name
    };
    let (mut next, outputs) = generate(frame, settings, &name, &arg)?;
    if !aliases.is_empty() && aliases.len() != outputs.len() {
        return Err(alias_mismatch(outputs.len(), aliases));
    }
    let fields = std::sync::Arc::make_mut(&mut next.fields);
    for (i, (hidden, default)) in outputs.iter().enumerate() {
        if let Some(f) = fields.iter_mut().find(|f| &f.internal == hidden) {
            f.name = aliases.get(i).cloned().unwrap_or_else(|| default.clone());
            f.qualifier = table.map(str::to_string);
        }
    }
    Ok(next)
}
