//! `col.outer()`: a DataFrame subquery's reference to a column of the query
//! it is used in (`df2.where(col("a") == col("t.a").outer()).exists()`).
//! The subquery frame is built before that query is known, so the reference
//! starts as a pending outer column (a null placeholder, named by the column
//! as written); when the subquery is used, its plan's pending references are
//! resolved against the enclosing frame.

use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::common::Column;
use datafusion::logical_expr::{Expr as DFExpr, LogicalPlan};

use super::resolve::{Resolved, Resolver};
use crate::error::{Result, SparkError};
use crate::expr::Expr;

/// The function name `Column.outer()` builds.
pub const OUTER: &str = "__outer";

/// The prefix of a pending outer column's name.
const PENDING: &str = "__pending_outer:";

impl Resolver<'_> {
    /// `outer(col)`: a column of an enclosing query — found now when the
    /// enclosing frames are known (SQL), else pending.
    pub fn outer_reference(&self, args: &[Expr]) -> Result<Resolved> {
        let [Expr::Column { name, .. }] = args else {
            return Err(SparkError::not_implemented(
                "outer() of an expression that is not a column",
            ));
        };
        if !self.settings.outer.is_empty() {
            let mut sub = self.settings.clone();
            let outer = sub.outer.remove(0);
            let r = Resolver::new(&outer, &sub).resolve(&Expr::col(name.clone()))?;
            if let DFExpr::Column(c) = &r.expr {
                let field = Arc::new(Field::new(&c.name, r.data_type.clone(), true));
                return Ok(Resolved {
                    expr: DFExpr::OuterReferenceColumn(field, c.clone()),
                    column: None,
                    ..r
                });
            }
        }
        let field = Arc::new(Field::new(PENDING, DataType::Null, true));
        let column = Column::new_unqualified(format!("{PENDING}{name}"));
        let shown = crate::plan::parse_attribute_name(name)?
            .last()
            .cloned()
            .unwrap_or_else(|| name.clone());
        Ok(Resolved {
            expr: DFExpr::OuterReferenceColumn(field, column),
            name: shown,
            data_type: DataType::Null,
            column: None,
            alias: None,
        })
    }

    /// `plan` with its pending outer columns resolved against this
    /// resolver's frame.
    pub fn bind_outer(&self, plan: &LogicalPlan) -> Result<LogicalPlan> {
        let mut failure: Option<SparkError> = None;
        let bound = plan.clone().transform_up(|node| {
            let node = node.map_expressions(|e| {
                e.transform(|e| match &e {
                    DFExpr::OuterReferenceColumn(_, c) if c.name.starts_with(PENDING) => {
                        let name = &c.name[PENDING.len()..];
                        match self.resolve(&Expr::col(name.to_string())) {
                            Ok(Resolved {
                                expr: DFExpr::Column(col),
                                data_type,
                                ..
                            }) => {
                                let field = Arc::new(Field::new(&col.name, data_type, true));
                                Ok(Transformed::yes(DFExpr::OuterReferenceColumn(field, col)))
                            }
                            Ok(_) => Ok(Transformed::no(e)),
                            Err(err) => {
                                failure.get_or_insert(err);
                                Ok(Transformed::no(e))
                            }
                        }
                    }
                    _ => Ok(Transformed::no(e)),
                })
            })?;
            if node.transformed {
                Ok(Transformed::yes(node.data.recompute_schema()?))
            } else {
                Ok(node)
            }
        })?;
        if let Some(err) = failure {
            return Err(err);
        }
        Ok(bound.data)
    }
}
