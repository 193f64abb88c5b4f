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
                    Some(_) => {
                        return Err(SparkError::not_implemented(&format!(
                            "table function {name}"
                        )))
                    }
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
