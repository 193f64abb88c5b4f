//! One SELECT block: FROM, WHERE, GROUP BY, HAVING, the select list,
//! DISTINCT and ORDER BY. HAVING and ORDER BY may use expressions that are
//! not in the select list: they are computed as hidden columns, used, and
//! dropped, as Spark's analyser does.

use std::sync::Arc;

use datafusion::sql::sqlparser::ast::{self, GroupByExpr};

use super::expr::{convert, select_item};
use super::query::{ordinal_error, Scope};
use crate::error::{Result, SparkError};
use crate::expr::{Expr, Literal};
use crate::plan::resolve::Resolver;
use crate::plan::{next_id, ops, Frame};
use crate::session::Settings;

fn hidden_name() -> String {
    format!("__hidden_{}", next_id())
}

impl Scope {
    pub(super) fn select(
        self: &Arc<Self>,
        s: &ast::Select,
        settings: &Settings,
        orders: &[Expr],
    ) -> Result<Frame> {
        let mut frame = self.from(&s.from, settings)?;
        if let Some(w) = &s.selection {
            frame = ops::filter(&frame, settings, &convert(w)?)?;
        }
        let items = super::expr::with_named_windows(&s.named_window, || {
            s.projection
                .iter()
                .map(select_item)
                .collect::<Result<Vec<_>>>()
        })?;
        let qualify = super::expr::with_named_windows(&s.named_window, || {
            s.qualify.as_ref().map(convert).transpose()
        })?;
        let groups = group_by(&frame, settings, &s.group_by, &items)?;
        let having = s.having.as_ref().map(convert).transpose()?;
        let grouped = groups.is_some() || having.is_some();
        let groups = groups.unwrap_or_default();

        // The select list plus hidden columns for HAVING and ORDER BY.
        let build = |order_hidden: bool| -> Result<(Frame, usize)> {
            let mut all = items.clone();
            let having_col = having.as_ref().map(|h| {
                let name = hidden_name();
                all.push(h.clone().alias(name.clone()));
                name
            });
            let qualify_col = qualify.as_ref().map(|q| {
                let name = hidden_name();
                all.push(q.clone().alias(name.clone()));
                name
            });
            let mut keys = vec![];
            if order_hidden {
                for o in orders {
                    if let Expr::Sort {
                        expr,
                        ascending,
                        nulls_first,
                    } = o
                    {
                        let name = hidden_name();
                        all.push(expr.as_ref().clone().alias(name.clone()));
                        keys.push(Expr::Sort {
                            expr: Box::new(Expr::col(name)),
                            ascending: *ascending,
                            nulls_first: *nulls_first,
                        });
                    }
                }
            }
            let mut out = if grouped {
                ops::group_select(&frame, settings, &groups, &all)?
            } else {
                ops::select(&frame, settings, &all)?
            };
            if let Some(c) = having_col {
                out = ops::filter(&out, settings, &Expr::col(c))?;
            }
            if let Some(c) = qualify_col {
                out = ops::filter(&out, settings, &Expr::col(c))?;
            }
            let visible = out.fields.len() - (all.len() - items.len());
            if !keys.is_empty() {
                out = ops::sort(&out, settings, &keys)?;
            }
            Ok((out, visible))
        };
        let (base, n) = match (build(false), &having) {
            (Ok(f), _) => f,
            // QUALIFY on an output alias: filter the output.
            (Err(e), None) if qualify.is_some() => {
                let out = if grouped {
                    ops::group_select(&frame, settings, &groups, &items)
                } else {
                    ops::select(&frame, settings, &items)
                }
                .map_err(|_| e)?;
                let n = out.fields.len();
                let q = qualify
                    .as_ref()
                    .ok_or_else(|| crate::error::SparkError::internal("qualify"))?;
                (ops::filter(&out, settings, q)?, n)
            }
            // HAVING on an output alias: filter the aggregated output.
            (Err(e), Some(h)) => {
                let out = ops::group_select(&frame, settings, &groups, &items).map_err(|_| e)?;
                let n = out.fields.len();
                (ops::filter(&out, settings, h)?, n)
            }
            (Err(e), None) => return Err(e),
        };
        let distinct = matches!(s.distinct, Some(ast::Distinct::Distinct));
        if distinct || orders.is_empty() {
            let mut out = ops::keep_first(&base, n)?;
            if distinct {
                out = ops::distinct(&out)?;
            }
            if !orders.is_empty() {
                out = ops::sort(&out, settings, &self.ordinals(orders, &out)?)?;
            }
            return Ok(out);
        }
        match ops::sort(&base, settings, &self.ordinals(orders, &base)?) {
            Ok(sorted) => ops::keep_first(&sorted, n),
            Err(e) => match build(true) {
                Ok((sorted, n)) => ops::keep_first(&sorted, n),
                Err(_) => Err(e),
            },
        }
    }
}

/// The grouping expressions: `GROUP BY 1` is the first select item,
/// `GROUP BY ALL` every select item without an aggregate. `None`: no GROUP BY.
fn group_by(
    frame: &Frame,
    settings: &Settings,
    group_by: &GroupByExpr,
    items: &[Expr],
) -> Result<Option<Vec<Expr>>> {
    match group_by {
        GroupByExpr::Expressions(exprs, modifiers) if modifiers.is_empty() => {
            if exprs.is_empty() {
                return Ok(None);
            }
            let mut out = vec![];
            for e in exprs {
                let g = convert(e)?;
                out.push(match g {
                    Expr::Literal(Literal::Integer(i)) => {
                        let item = usize::try_from(i)
                            .ok()
                            .and_then(|i| i.checked_sub(1))
                            .and_then(|i| items.get(i))
                            .ok_or_else(|| ordinal_error(i, items.len(), "GROUP BY"))?;
                        item.clone().strip_alias()
                    }
                    other => other,
                });
            }
            Ok(Some(out))
        }
        GroupByExpr::All(modifiers) if modifiers.is_empty() => {
            let resolver = Resolver::new(frame, settings);
            let mut out = vec![];
            for item in items {
                let r = resolver.resolve(item)?;
                let aggs =
                    datafusion::logical_expr::utils::find_aggregate_exprs(std::iter::once(&r.expr));
                if aggs.is_empty() {
                    out.push(item.clone().strip_alias());
                }
            }
            Ok(Some(out))
        }
        _ => Err(SparkError::not_implemented(
            "GROUP BY with ROLLUP, CUBE or GROUPING SETS in SQL",
        )),
    }
}
