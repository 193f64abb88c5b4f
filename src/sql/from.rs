//! The FROM clause: tables and views (each reference a new instance),
//! CTEs, derived tables, `VALUES`, `range(...)`, and every join form.

use std::sync::Arc;

use datafusion::sql::sqlparser::ast::{
    self, FunctionArg, FunctionArgExpr, JoinConstraint, JoinOperator, TableFactor,
};

use super::expr::convert;
use super::query::Scope;
use crate::error::{Result, SparkError};
use crate::expr::{Expr, Literal};
use crate::plan::{join, ops, Frame};
use crate::session::Settings;

impl Scope {
    /// All FROM items: comma-separated items are cross joined (a WHERE
    /// condition turns them into equi-joins when optimised).
    pub(super) fn from(
        self: &Arc<Self>,
        from: &[ast::TableWithJoins],
        settings: &Settings,
    ) -> Result<Frame> {
        let mut acc: Option<Frame> = None;
        for item in from {
            let mut frame = self.relation(&item.relation, settings)?;
            for j in &item.joins {
                let right = self.relation(&j.relation, settings)?;
                frame = self.join(&frame, &right, &j.join_operator, settings)?;
            }
            acc = Some(match acc {
                None => frame,
                Some(left) => join::join_on(&left, &frame, settings, None, "cross")?,
            });
        }
        match acc {
            Some(f) => Ok(f),
            // SELECT without FROM reads one empty row.
            None => {
                let plan = datafusion::logical_expr::LogicalPlanBuilder::empty(true).build()?;
                Ok(Frame::new(plan, vec![], &[]))
            }
        }
    }

    fn join(
        self: &Arc<Self>,
        left: &Frame,
        right: &Frame,
        op: &JoinOperator,
        settings: &Settings,
    ) -> Result<Frame> {
        let (how, constraint) = match op {
            JoinOperator::Join(c) | JoinOperator::Inner(c) => ("inner", c),
            JoinOperator::Left(c) | JoinOperator::LeftOuter(c) => ("left", c),
            JoinOperator::Right(c) | JoinOperator::RightOuter(c) => ("right", c),
            JoinOperator::FullOuter(c) => ("full", c),
            JoinOperator::CrossJoin(c) => ("cross", c),
            JoinOperator::Semi(c) | JoinOperator::LeftSemi(c) => ("left_semi", c),
            JoinOperator::Anti(c) | JoinOperator::LeftAnti(c) => ("left_anti", c),
            _ => return Err(SparkError::not_implemented("this join form")),
        };
        match constraint {
            JoinConstraint::On(e) => join::join_on(left, right, settings, Some(&convert(e)?), how),
            JoinConstraint::Using(names) => {
                let keys: Vec<String> = names.iter().map(|n| n.to_string()).collect();
                join::join_using(left, right, settings, &keys, how)
            }
            JoinConstraint::Natural => {
                let keys: Vec<String> = left
                    .names()
                    .into_iter()
                    .filter(|n| !right.lookup(n, settings.case_sensitive).is_empty())
                    .collect();
                if keys.is_empty() {
                    join::join_on(left, right, settings, None, how)
                } else {
                    join::join_using(left, right, settings, &keys, how)
                }
            }
            JoinConstraint::None => join::join_on(left, right, settings, None, how),
        }
    }

    fn relation(self: &Arc<Self>, rel: &TableFactor, settings: &Settings) -> Result<Frame> {
        match rel {
            TableFactor::Table {
                name, alias, args, ..
            } => {
                let parts: Vec<String> = name
                    .0
                    .iter()
                    .map(|p| p.as_ident().map(|i| i.value.clone()).unwrap_or_default())
                    .collect();
                let frame = match args {
                    Some(a) if name.to_string().eq_ignore_ascii_case("range") => {
                        self.range(&a.args)?
                    }
                    Some(a) => match self.session.udfs.table(&name.to_string()) {
                        Some(f) => table_function(f.as_ref(), &a.args)?,
                        None => {
                            return Err(SparkError::not_implemented(&format!(
                                "table function {name}"
                            )))
                        }
                    },
                    None => {
                        let cte = match parts.as_slice() {
                            [n] => self.cte(n, settings.case_sensitive).cloned(),
                            _ => None,
                        };
                        let frame = match cte {
                            Some(f) => f,
                            None => {
                                let quoted = parts
                                    .iter()
                                    .map(|p| format!("`{}`", p.replace('`', "``")))
                                    .collect::<Vec<_>>()
                                    .join(".");
                                self.session.lookup_table(&quoted)?
                            }
                        };
                        let q = parts.last().map(String::as_str);
                        ops::fresh(&frame, q)?
                    }
                };
                aliased(frame, alias.as_ref())
            }
            TableFactor::Derived {
                subquery, alias, ..
            } => {
                let frame = self.query(subquery, settings)?;
                let frame = ops::fresh(&frame, None)?;
                aliased(frame, alias.as_ref())
            }
            TableFactor::NestedJoin {
                table_with_joins,
                alias,
            } => {
                let frame = self.from(std::slice::from_ref(table_with_joins.as_ref()), settings)?;
                aliased(frame, alias.as_ref())
            }
            TableFactor::Pivot {
                table,
                aggregate_functions,
                value_column,
                value_source,
                alias,
                ..
            } => {
                let input = self.relation(table, settings)?;
                let frame = pivot(
                    &input,
                    settings,
                    aggregate_functions,
                    value_column,
                    value_source,
                )?;
                aliased(frame, alias.as_ref())
            }
            TableFactor::Unpivot {
                table,
                value,
                name,
                columns,
                null_inclusion,
                alias,
            } => {
                let input = self.relation(table, settings)?;
                let include_nulls =
                    matches!(null_inclusion, Some(ast::NullInclusion::IncludeNulls));
                let frame = unpivot(&input, settings, value, &name.value, columns, include_nulls)?;
                aliased(frame, alias.as_ref())
            }
            other => Err(SparkError::not_implemented(&format!("FROM {other}"))),
        }
    }

    fn range(&self, args: &[FunctionArg]) -> Result<Frame> {
        let mut nums = vec![];
        for arg in args {
            let FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) = arg else {
                return Err(SparkError::illegal_argument("range() takes numbers"));
            };
            let v = match convert(e)? {
                Expr::Literal(Literal::Integer(v)) => v as i64,
                Expr::Literal(Literal::Long(v)) => v,
                _ => return Err(SparkError::illegal_argument("range() takes numbers")),
            };
            nums.push(v);
        }
        let (start, end, step) = match nums.as_slice() {
            [e] => (0, *e, 1),
            [s, e] => (*s, *e, 1),
            [s, e, st, ..] => (*s, *e, *st),
            [] => return Err(SparkError::illegal_argument("range() needs an end")),
        };
        let parts = nums.get(3).map(|n| *n as usize);
        ops::range(&self.session.ctx, start, end, step, parts)
    }
}

/// `AS t` qualifies the columns; `AS t(a, b)` also renames them.
fn aliased(frame: Frame, alias: Option<&ast::TableAlias>) -> Result<Frame> {
    let Some(a) = alias else {
        return Ok(frame);
    };
    let names: Vec<String> = a.columns.iter().map(|c| c.name.value.clone()).collect();
    let frame = if names.is_empty() {
        frame
    } else {
        ops::to_df(&frame, &names)?
    };
    Ok(ops::rebase(&frame, Some(&a.name.value)))
}

/// The rows of a user-defined table function called on literal arguments
/// (`f(1, x => 'a')`).
fn table_function(
    f: &dyn crate::functions::udf::TableFunction,
    args: &[FunctionArg],
) -> Result<Frame> {
    let mut values = vec![];
    let mut names = vec![];
    for arg in args {
        let (name, e) = match arg {
            FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) => (None, e),
            FunctionArg::Named {
                name,
                arg: FunctionArgExpr::Expr(e),
                ..
            } => (Some(name.value.clone()), e),
            _ => return Err(SparkError::not_implemented("this table function argument")),
        };
        let Expr::Literal(l) = convert(e)? else {
            return Err(SparkError::not_implemented(
                "table function arguments that are not literals",
            ));
        };
        values.push(l.to_scalar().to_array_of_size(1)?);
        names.push(name);
    }
    let (schema, batches) = f.call(&values, &names)?;
    ops::from_batches(schema, batches)
}

/// The column names an expression refers to.
fn referenced(e: &Expr, out: &mut Vec<String>) {
    match e {
        Expr::Column { name, .. } => out.push(name.to_lowercase()),
        Expr::Function { args, .. } | Expr::Udf { args, .. } => {
            args.iter().for_each(|a| referenced(a, out))
        }
        Expr::Alias { expr, .. } | Expr::Cast { expr, .. } | Expr::Named { expr, .. } => {
            referenced(expr, out)
        }
        Expr::CaseWhen {
            branches,
            otherwise,
        } => {
            for (c, v) in branches {
                referenced(c, out);
                referenced(v, out);
            }
            if let Some(o) = otherwise {
                referenced(o, out);
            }
        }
        Expr::Extract { expr, key } => {
            referenced(expr, out);
            referenced(key, out);
        }
        _ => {}
    }
}

/// `PIVOT (agg [AS a], ... FOR col IN (v [AS l], ...))`: grouped by the
/// columns neither the aggregates nor the pivot column use.
fn pivot(
    input: &Frame,
    settings: &Settings,
    aggregates: &[ast::ExprWithAlias],
    value_column: &[ast::Expr],
    values: &ast::PivotValueSource,
) -> Result<Frame> {
    let [pcol] = value_column else {
        return Err(SparkError::not_implemented("PIVOT over several columns"));
    };
    let ast::PivotValueSource::List(values) = values else {
        return Err(SparkError::not_implemented(
            "PIVOT values from ANY or a subquery",
        ));
    };
    let pcol = convert(pcol)?;
    let aggs = aggregates
        .iter()
        .map(|a| Ok((convert(&a.expr)?, a.alias.as_ref().map(|i| i.value.clone()))))
        .collect::<Result<Vec<_>>>()?;
    let mut used = vec![];
    referenced(&pcol, &mut used);
    for (a, _) in &aggs {
        referenced(a, &mut used);
    }
    let groups: Vec<Expr> = input
        .fields
        .iter()
        .filter(|f| !used.contains(&f.name.to_lowercase()))
        .map(|f| Expr::col(format!("`{}`", f.name.replace('`', "``"))))
        .collect();
    let mut items = groups.clone();
    for v in values {
        let value = convert(&v.expr)?;
        let label = match (&v.alias, &value) {
            (Some(a), _) => a.value.clone(),
            (None, Expr::Literal(l)) => l.sql_name(),
            (None, other) => other.repr(),
        };
        let cond = Expr::call("=", vec![pcol.clone(), value]);
        let present = Expr::call(
            ">",
            vec![
                Expr::call(
                    "count",
                    vec![Expr::CaseWhen {
                        branches: vec![(cond.clone(), Expr::Literal(Literal::Integer(1)))],
                        otherwise: None,
                    }],
                ),
                Expr::Literal(Literal::Integer(0)),
            ],
        );
        for (a, alias) in &aggs {
            let name = if aggs.len() == 1 {
                label.clone()
            } else {
                format!("{label}_{}", alias.clone().unwrap_or_else(|| a.repr()))
            };
            items.push(
                Expr::CaseWhen {
                    branches: vec![(present.clone(), a.pivot_on(&cond))],
                    otherwise: None,
                }
                .alias(name),
            );
        }
    }
    crate::plan::aggregate::group_select(
        input,
        settings,
        &groups,
        &items,
        &crate::plan::aggregate::Grouping::Plain,
    )
}

/// `UNPIVOT [INCLUDE NULLS] (value FOR name IN (c1 [AS l1], ...))`.
fn unpivot(
    input: &Frame,
    settings: &Settings,
    value: &ast::Expr,
    name: &str,
    columns: &[ast::ExprWithAlias],
    include_nulls: bool,
) -> Result<Frame> {
    let value_name = value.to_string();
    let mut used = vec![];
    let mut structs = vec![];
    for c in columns {
        let col = convert(&c.expr)?;
        referenced(&col, &mut used);
        let label = match &c.alias {
            Some(a) => a.value.clone(),
            None => col.repr(),
        };
        structs.push(Expr::call(
            "named_struct",
            vec![
                Expr::Literal(Literal::String(name.to_string())),
                Expr::Literal(Literal::String(label)),
                Expr::Literal(Literal::String(value_name.clone())),
                col,
            ],
        ));
    }
    let mut items: Vec<Expr> = input
        .fields
        .iter()
        .filter(|f| !used.contains(&f.name.to_lowercase()))
        .map(|f| Expr::col(format!("`{}`", f.name.replace('`', "``"))))
        .collect();
    items.push(Expr::call("inline", vec![Expr::call("array", structs)]));
    let out = ops::select(input, settings, &items)?;
    if include_nulls {
        return Ok(out);
    }
    let quoted = format!("`{}`", value_name.replace('`', "``"));
    ops::filter(
        &out,
        settings,
        &Expr::call("isnotnull", vec![Expr::col(quoted)]),
    )
}
