//! SQL queries → frames, through the same ops the DataFrame API uses.
//!
//! A [`Scope`] holds what names in a query can refer to: the common table
//! expressions of its `WITH` clauses (innermost first), then the session's
//! views. It also plans subqueries met in expressions (see
//! `plan::resolve::SubqueryPlanner`), with the enclosing frames in
//! `Settings::outer` for correlated columns.

use std::sync::Arc;

use super::dialect::SparkDialect;
use datafusion::sql::sqlparser::ast::{self, SetExpr, SetOperator, SetQuantifier, Statement};
use datafusion::sql::sqlparser::parser::Parser;

use super::expr::convert;
use super::parse_error;
use crate::error::{Result, SparkError};
use crate::expr::Expr;
use crate::plan::resolve::{Subqueries, SubqueryPlanner};
use crate::plan::setops::{self, SetOp};
use crate::plan::{names_equal, ops, Frame};
use crate::session::{Session, Settings};

/// Plans a SQL query into a frame, eagerly analysed.
pub fn plan_query(session: &Arc<Session>, text: &str) -> Result<Frame> {
    plan(session, text).map_err(|mut e| {
        if e.condition.as_deref() == Some("MISSING_GROUP_BY") && !e.message.contains("; line ") {
            e.message.push_str("; line 1 pos 0");
        }
        super::text::with_position(e, text).with_plan(|| text.to_string())
    })
}

fn plan(session: &Arc<Session>, text: &str) -> Result<Frame> {
    if text.trim().is_empty() {
        return Err(super::empty_statement(text));
    }
    let dialect = SparkDialect::default();
    let rewritten = super::text::rewrite_literal_suffixes(text);
    let statements = Parser::parse_sql(&dialect, &rewritten).map_err(|e| parse_error(text, &e))?;
    let [Statement::Query(query)] = statements.as_slice() else {
        return Err(SparkError::not_implemented(
            "SQL statements other than a single query",
        ));
    };
    let scope = Arc::new(Scope {
        session: Arc::clone(session),
        ctes: vec![],
        parent: None,
    });
    scope.query(query, &session.settings())
}

pub(super) struct Scope {
    pub session: Arc<Session>,
    ctes: Vec<(String, Frame)>,
    parent: Option<Arc<Scope>>,
}

impl SubqueryPlanner for Scope {
    fn plan(&self, query: &ast::Query, settings: &Settings) -> Result<Frame> {
        // `query` needs the scope behind an Arc: a cheap copy of this one.
        let me = Arc::new(Scope {
            session: Arc::clone(&self.session),
            ctes: self.ctes.clone(),
            parent: self.parent.clone(),
        });
        me.query(query, settings)
    }
}

impl Scope {
    /// A CTE visible from this scope, by name.
    pub fn cte(&self, name: &str, case_sensitive: bool) -> Option<&Frame> {
        self.ctes
            .iter()
            .rev()
            .find(|(n, _)| names_equal(n, name, case_sensitive))
            .map(|(_, f)| f)
            .or_else(|| {
                self.parent
                    .as_deref()
                    .and_then(|p| p.cte(name, case_sensitive))
            })
    }

    /// Plans a query: `WITH`, the body, `ORDER BY`, `LIMIT`/`OFFSET`.
    pub fn query(self: &Arc<Self>, q: &ast::Query, settings: &Settings) -> Result<Frame> {
        let scope = match &q.with {
            None => Arc::clone(self),
            Some(with) => {
                let mut scope = Scope {
                    session: Arc::clone(&self.session),
                    ctes: vec![],
                    parent: Some(Arc::clone(self)),
                };
                for cte in &with.cte_tables {
                    let current = Arc::new(Scope {
                        session: Arc::clone(&self.session),
                        ctes: scope.ctes.clone(),
                        parent: Some(Arc::clone(self)),
                    });
                    let mut frame = current.query(&cte.query, &current.settings(settings))?;
                    let names: Vec<String> = cte
                        .alias
                        .columns
                        .iter()
                        .map(|c| c.name.value.clone())
                        .collect();
                    if !names.is_empty() {
                        frame = ops::to_df(&frame, &names)?;
                    }
                    scope.ctes.push((cte.alias.name.value.clone(), frame));
                }
                Arc::new(scope)
            }
        };
        let settings = scope.settings(settings);
        let orders = order_by(q)?;
        let mut frame = match q.body.as_ref() {
            SetExpr::Select(select) => scope.select(select, &settings, &orders)?,
            other => {
                let frame = scope.set_expr(other, &settings)?;
                if orders.is_empty() {
                    frame
                } else {
                    ops::sort(&frame, &settings, &scope.ordinals(&orders, &frame)?)?
                }
            }
        };
        if let Some(limit) = &q.limit_clause {
            let (limit, offset) = match limit {
                ast::LimitClause::LimitOffset { limit, offset, .. } => {
                    (limit.as_ref(), offset.as_ref().map(|o| &o.value))
                }
                ast::LimitClause::OffsetCommaLimit { offset, limit } => (Some(limit), Some(offset)),
            };
            let fetch = limit.map(int_value).transpose()?;
            let skip = offset.map(int_value).transpose()?.unwrap_or(0);
            frame = ops::limit(&frame, skip, fetch)?;
        }
        Ok(frame)
    }

    /// The settings for planning in this scope: subqueries plan here.
    fn settings(self: &Arc<Self>, settings: &Settings) -> Settings {
        let mut s = settings.clone();
        s.subqueries = Some(Subqueries(Arc::clone(self) as Arc<dyn SubqueryPlanner>));
        s
    }

    pub(super) fn set_expr(self: &Arc<Self>, body: &SetExpr, settings: &Settings) -> Result<Frame> {
        match body {
            SetExpr::Select(select) => self.select(select, settings, &[]),
            SetExpr::Query(q) => self.query(q, settings),
            SetExpr::SetOperation {
                op,
                set_quantifier,
                left,
                right,
            } => {
                let l = self.set_expr(left, settings)?;
                let r = self.set_expr(right, settings)?;
                let all = matches!(set_quantifier, SetQuantifier::All);
                match (op, set_quantifier) {
                    (SetOperator::Union, SetQuantifier::ByName | SetQuantifier::AllByName) => {
                        let u = setops::union_by_name(&l, &r, settings, false)?;
                        if matches!(set_quantifier, SetQuantifier::ByName) {
                            ops::distinct(&u)
                        } else {
                            Ok(u)
                        }
                    }
                    (SetOperator::Union, _) => setops::set_op(&l, &r, settings, SetOp::Union, all),
                    (SetOperator::Intersect, _) => {
                        setops::set_op(&l, &r, settings, SetOp::Intersect, all)
                    }
                    (SetOperator::Except | SetOperator::Minus, _) => {
                        setops::set_op(&l, &r, settings, SetOp::Except, all)
                    }
                }
            }
            SetExpr::Values(values) => {
                let rows = values
                    .rows
                    .iter()
                    .map(|r| r.iter().map(convert).collect::<Result<Vec<_>>>())
                    .collect::<Result<Vec<_>>>()?;
                ops::values(settings, &rows, &[])
            }
            other => Err(SparkError::not_implemented(&format!("SQL query {other}"))),
        }
    }

    /// `ORDER BY 2` refers to the second output column.
    pub(super) fn ordinals(&self, orders: &[Expr], frame: &Frame) -> Result<Vec<Expr>> {
        orders
            .iter()
            .map(|o| match o {
                Expr::Sort {
                    expr,
                    ascending,
                    nulls_first,
                } => Ok(Expr::Sort {
                    expr: Box::new(
                        output_ordinal(expr, frame, "ORDER BY")?.unwrap_or_else(|| *expr.clone()),
                    ),
                    ascending: *ascending,
                    nulls_first: *nulls_first,
                }),
                other => Ok(other.clone()),
            })
            .collect()
    }
}

/// An integer literal in `ORDER BY`/`GROUP BY` as a reference to the n-th
/// output column.
pub(super) fn output_ordinal(e: &Expr, frame: &Frame, clause: &str) -> Result<Option<Expr>> {
    let Expr::Literal(crate::expr::Literal::Integer(n)) = e else {
        return Ok(None);
    };
    let n = *n;
    if n < 1 || n as usize > frame.fields.len() {
        return Err(ordinal_error(n, frame.fields.len(), clause));
    }
    let name = &frame.fields[n as usize - 1].name;
    Ok(Some(Expr::col(format!("`{}`", name.replace('`', "``")))))
}

pub(super) fn ordinal_error(n: i32, size: usize, clause: &str) -> SparkError {
    let (condition, what) = if clause == "ORDER BY" {
        ("ORDER_BY_POS_OUT_OF_RANGE", "ORDER BY")
    } else {
        ("GROUP_BY_POS_OUT_OF_RANGE", "GROUP BY")
    };
    SparkError::new(
        crate::error::ErrorKind::Analysis,
        condition,
        "42805",
        format!("{what} position {n} is not in select list (valid range is [1, {size}])."),
        &[("index", n.to_string()), ("size", size.to_string())],
    )
}

fn order_by(q: &ast::Query) -> Result<Vec<Expr>> {
    let Some(ob) = &q.order_by else {
        return Ok(vec![]);
    };
    match &ob.kind {
        ast::OrderByKind::Expressions(list) => list.iter().map(super::expr::order_item).collect(),
        ast::OrderByKind::All(_) => Err(SparkError::not_implemented("ORDER BY ALL")),
    }
}

fn int_value(e: &ast::Expr) -> Result<usize> {
    if let ast::Expr::Value(v) = e {
        if let ast::Value::Number(n, _) = &v.value {
            return n
                .parse()
                .map_err(|_| SparkError::illegal_argument(format!("invalid LIMIT {n}")));
        }
    }
    Err(SparkError::illegal_argument(format!("invalid LIMIT {e}")))
}
