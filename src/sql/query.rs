//! Plain SELECT queries (projection, FROM a view or `range(...)`, WHERE,
//! DISTINCT, ORDER BY, LIMIT, OFFSET) planned through the DataFrame ops.

use datafusion::sql::sqlparser::ast::{
    self, Expr as SqlExpr, FunctionArg, FunctionArgExpr, GroupByExpr, LimitClause, OrderByKind,
    SetExpr, Statement, TableFactor, Value,
};
use datafusion::sql::sqlparser::dialect::GenericDialect;
use datafusion::sql::sqlparser::parser::Parser;

use super::expr::convert;
use super::parse_error;
use crate::error::{Result, SparkError};
use crate::expr::{Expr, Literal};
use crate::plan::{ops, Frame};
use crate::session::Session;

/// Plans a SQL query into a frame, eagerly analysed.
pub fn plan_query(session: &Session, text: &str) -> Result<Frame> {
    plan(session, text)
        .map_err(|e| super::text::with_position(e, text).with_plan(|| text.to_string()))
}

fn plan(session: &Session, text: &str) -> Result<Frame> {
    if text.trim().is_empty() {
        return Err(super::empty_statement(text));
    }
    let dialect = GenericDialect {};
    let rewritten = super::text::rewrite_literal_suffixes(text);
    let statements = Parser::parse_sql(&dialect, &rewritten).map_err(|e| parse_error(text, &e))?;
    let [Statement::Query(query)] = statements.as_slice() else {
        return Err(SparkError::not_implemented(
            "SQL statements other than a single query",
        ));
    };
    if query.with.is_some() {
        return Err(SparkError::not_implemented("WITH clauses"));
    }
    let SetExpr::Select(select) = query.body.as_ref() else {
        return Err(SparkError::not_implemented("set operations in SQL"));
    };
    let settings = session.settings();
    let mut frame = from_clause(session, &select.from)?;
    if let Some(w) = &select.selection {
        frame = ops::filter(&frame, &settings, &convert(w)?)?;
    }
    let groups = match &select.group_by {
        GroupByExpr::Expressions(e, modifiers) if modifiers.is_empty() => {
            e.iter().map(convert).collect::<Result<Vec<_>>>()?
        }
        _ => {
            return Err(SparkError::not_implemented(
                "GROUP BY ALL, ROLLUP, CUBE in SQL",
            ))
        }
    };
    if select.having.is_some() {
        return Err(SparkError::not_implemented("HAVING in SQL"));
    }
    let items = select
        .projection
        .iter()
        .map(super::expr::select_item)
        .collect::<Result<Vec<_>>>()?;
    let orders = match &query.order_by {
        Some(ob) => match &ob.kind {
            OrderByKind::Expressions(list) => list
                .iter()
                .map(|o| {
                    let asc = o.options.asc.unwrap_or(true);
                    Ok(Expr::Sort {
                        expr: Box::new(convert(&o.expr)?),
                        ascending: asc,
                        nulls_first: o.options.nulls_first.unwrap_or(asc),
                    })
                })
                .collect::<Result<Vec<_>>>()?,
            OrderByKind::All(_) => return Err(SparkError::not_implemented("ORDER BY ALL")),
        },
        None => vec![],
    };
    let projected = if groups.is_empty() {
        ops::select(&frame, &settings, &items)?
    } else {
        ops::group_select(&frame, &settings, &groups, &items)?
    };
    let mut out = if orders.is_empty() {
        projected
    } else {
        match ops::sort(&projected, &settings, &orders) {
            Ok(sorted) => sorted,
            Err(e) if !groups.is_empty() => return Err(e),
            Err(_) => {
                let sorted = ops::sort(&frame, &settings, &orders)?;
                ops::select(&sorted, &settings, &items)?
            }
        }
    };
    if matches!(select.distinct, Some(ast::Distinct::Distinct)) {
        out = ops::distinct(&out)?;
    }
    if let Some(limit) = &query.limit_clause {
        let (limit, offset) = match limit {
            LimitClause::LimitOffset { limit, offset, .. } => {
                (limit.as_ref(), offset.as_ref().map(|o| &o.value))
            }
            LimitClause::OffsetCommaLimit { offset, limit } => (Some(limit), Some(offset)),
        };
        let fetch = limit.map(int_value).transpose()?;
        let skip = offset.map(int_value).transpose()?.unwrap_or(0);
        out = ops::limit(&out, skip, fetch)?;
    }
    Ok(out)
}

fn int_value(e: &SqlExpr) -> Result<usize> {
    match e {
        SqlExpr::Value(v) => match &v.value {
            Value::Number(n, _) => n
                .parse()
                .map_err(|_| SparkError::illegal_argument(format!("invalid LIMIT {n}"))),
            other => Err(SparkError::illegal_argument(format!(
                "invalid LIMIT {other}"
            ))),
        },
        other => Err(SparkError::illegal_argument(format!(
            "invalid LIMIT {other}"
        ))),
    }
}

fn from_clause(session: &Session, from: &[ast::TableWithJoins]) -> Result<Frame> {
    let [table] = from else {
        if from.is_empty() {
            // SELECT without FROM reads one empty row.
            let plan = datafusion::logical_expr::LogicalPlanBuilder::empty(true).build()?;
            return Ok(Frame::new(plan, vec![], &[]));
        }
        return Err(SparkError::not_implemented("several FROM items (joins)"));
    };
    if !table.joins.is_empty() {
        return Err(SparkError::not_implemented("JOIN in SQL"));
    }
    match &table.relation {
        TableFactor::Table {
            name, alias, args, ..
        } => {
            let frame = match args {
                Some(a) if name.to_string().eq_ignore_ascii_case("range") => {
                    let mut nums = vec![];
                    for arg in &a.args {
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
                    ops::range(&session.ctx, start, end, step, parts)?
                }
                Some(_) => {
                    return Err(SparkError::not_implemented(&format!(
                        "table function {name}"
                    )))
                }
                None => {
                    let parts: Vec<String> = name
                        .0
                        .iter()
                        .map(|p| p.as_ident().map(|i| i.value.clone()).unwrap_or_default())
                        .collect();
                    let quoted = parts
                        .iter()
                        .map(|p| format!("`{}`", p.replace('`', "``")))
                        .collect::<Vec<_>>()
                        .join(".");
                    session.lookup_table(&quoted)?
                }
            };
            Ok(match alias {
                Some(a) => ops::rebase(&frame, Some(&a.name.value)),
                None => frame,
            })
        }
        TableFactor::Derived {
            subquery, alias, ..
        } => {
            let SetExpr::Values(values) = subquery.body.as_ref() else {
                return Err(SparkError::not_implemented("subqueries in FROM"));
            };
            let rows = values
                .rows
                .iter()
                .map(|r| r.iter().map(convert).collect::<Result<Vec<_>>>())
                .collect::<Result<Vec<_>>>()?;
            let names: Vec<String> = alias
                .as_ref()
                .map(|a| a.columns.iter().map(|c| c.name.value.clone()).collect())
                .unwrap_or_default();
            let frame = ops::values(&session.settings(), &rows, &names)?;
            Ok(match alias {
                Some(a) => ops::rebase(&frame, Some(&a.name.value)),
                None => frame,
            })
        }
        other => Err(SparkError::not_implemented(&format!("FROM {other}"))),
    }
}
