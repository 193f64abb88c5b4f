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
use crate::plan::aggregate::{self, Grouping};
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
        // SORT BY and CLUSTER BY order within partitions in Spark; a global
        // order satisfies that. DISTRIBUTE BY only places rows.
        let sort_by: Vec<Expr>;
        let orders = if !orders.is_empty() {
            orders
        } else if !s.sort_by.is_empty() {
            sort_by = s
                .sort_by
                .iter()
                .map(super::expr::order_item)
                .collect::<Result<_>>()?;
            &sort_by
        } else {
            sort_by = s.cluster_by.iter().map(convert).collect::<Result<_>>()?;
            &sort_by
        };
        let mut frame = self.from(&s.from, settings)?;
        for lv in &s.lateral_views {
            let call = convert(&lv.lateral_view)?;
            let table = lv
                .lateral_view_name
                .0
                .last()
                .and_then(|p| p.as_ident())
                .map(|i| i.value.clone());
            let aliases: Vec<String> = lv
                .lateral_col_alias
                .iter()
                .map(|a| a.value.clone())
                .collect();
            frame = crate::plan::generate::lateral(
                &frame,
                settings,
                &call,
                lv.outer,
                table.as_deref(),
                &aliases,
            )?;
        }
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
        let (groups, grouping) = groups.unwrap_or((vec![], Grouping::Plain));

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
                aggregate::group_select(&frame, settings, &groups, &all, &grouping)?
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
                    aggregate::group_select(&frame, settings, &groups, &items, &grouping)
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
                let out = aggregate::group_select(&frame, settings, &groups, &items, &grouping)
                    .map_err(|_| e)?;
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
/// `GROUP BY ALL` every select item without an aggregate, and `ROLLUP`,
/// `CUBE`, `GROUPING SETS` group by sets. `None`: no GROUP BY.
fn group_by(
    frame: &Frame,
    settings: &Settings,
    group_by: &GroupByExpr,
    items: &[Expr],
) -> Result<Option<(Vec<Expr>, Grouping)>> {
    let ordinal = |g: Expr| -> Result<Expr> {
        Ok(match g {
            Expr::Literal(Literal::Integer(i)) => {
                let item = usize::try_from(i)
                    .ok()
                    .and_then(|i| i.checked_sub(1))
                    .and_then(|i| items.get(i))
                    .ok_or_else(|| ordinal_error(i, items.len(), "GROUP BY"))?;
                item.clone().strip_alias()
            }
            other => other,
        })
    };
    match group_by {
        GroupByExpr::Expressions(exprs, modifiers) => {
            if exprs.is_empty() {
                return Ok(None);
            }
            if let [single] = exprs.as_slice() {
                let flat = |lists: &Vec<Vec<ast::Expr>>| -> Result<Vec<Expr>> {
                    lists
                        .iter()
                        .flatten()
                        .map(|e| ordinal(convert(e)?))
                        .collect()
                };
                match single {
                    ast::Expr::Rollup(lists) => return Ok(Some((flat(lists)?, Grouping::Rollup))),
                    ast::Expr::Cube(lists) => return Ok(Some((flat(lists)?, Grouping::Cube))),
                    ast::Expr::GroupingSets(sets) => {
                        let mut all: Vec<Expr> = vec![];
                        let mut indices = vec![];
                        for set in sets {
                            let mut idx = vec![];
                            for e in set {
                                let g = ordinal(convert(e)?)?;
                                let i = match all.iter().position(|x| *x == g) {
                                    Some(i) => i,
                                    None => {
                                        all.push(g);
                                        all.len() - 1
                                    }
                                };
                                idx.push(i);
                            }
                            indices.push(idx);
                        }
                        return Ok(Some((all, Grouping::Sets(indices))));
                    }
                    _ => {}
                }
            }
            let out = exprs
                .iter()
                .map(|e| ordinal(convert(e)?))
                .collect::<Result<Vec<_>>>()?;
            let grouping = match modifiers.as_slice() {
                [] => Grouping::Plain,
                [ast::GroupByWithModifier::Rollup] => Grouping::Rollup,
                [ast::GroupByWithModifier::Cube] => Grouping::Cube,
                _ => return Err(SparkError::not_implemented("this GROUP BY modifier")),
            };
            Ok(Some((out, grouping)))
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
            Ok(Some((out, Grouping::Plain)))
        }
        _ => Err(SparkError::not_implemented("GROUP BY ALL with modifiers")),
    }
}
