//! Spark's *unresolved* expression tree: what a PySpark `Column` is.
//!
//! Operators are functions named by their symbol (`+`, `=`, `and`), as in
//! Spark's own column nodes, so `repr(col)` prints the same prefix form
//! (`+(a, 1)`). The resolver (`crate::plan::resolve`) turns a tree into a
//! DataFusion expression plus Spark's output column name.

pub mod literal;

pub use literal::Literal;

use crate::types::SparkType;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A column by (possibly dotted) name; `plan_id` ties `df.col` to its DataFrame.
    Column {
        name: String,
        plan_id: Option<u64>,
    },
    /// `*` or `target.*`.
    Star {
        target: Option<String>,
    },
    /// `df.colRegex("`(a|b)`")`.
    Regex {
        pattern: String,
    },
    Literal(Literal),
    Alias {
        expr: Box<Expr>,
        names: Vec<String>,
        metadata: Option<String>,
    },
    Cast {
        expr: Box<Expr>,
        to: SparkType,
        try_cast: bool,
    },
    /// A function or operator call, by Spark name.
    Function {
        name: String,
        args: Vec<Expr>,
        distinct: bool,
    },
    CaseWhen {
        branches: Vec<(Expr, Expr)>,
        otherwise: Option<Box<Expr>>,
    },
    /// `st['x']`, `arr[0]`, `m['k']`, `st.x`.
    Extract {
        expr: Box<Expr>,
        key: Box<Expr>,
    },
    /// `withField` (with a value) and `dropFields` (without).
    UpdateField {
        expr: Box<Expr>,
        field: String,
        value: Option<Box<Expr>>,
    },
    Sort {
        expr: Box<Expr>,
        ascending: bool,
        nulls_first: bool,
    },
    /// `F.expr("...")`: the parsed tree, with the text kept for `repr`.
    Sql {
        text: String,
        parsed: Box<Expr>,
    },
    /// An expression Spark names by its SQL text rather than its value
    /// (`INTERVAL '1' DAY`, `TIMESTAMP '2024-01-01 10:00:00'`).
    Named {
        expr: Box<Expr>,
        name: String,
    },
    /// A lambda of a higher-order function (`x -> x + 1`); its parameters
    /// are referred to as columns of these names inside the body.
    Lambda {
        params: Vec<String>,
        body: Box<Expr>,
    },
    /// `func.over(window)`.
    Window {
        func: Box<Expr>,
        spec: WindowSpec,
    },
    /// A call of a user-defined function; `keywords` holds the keyword each
    /// argument was passed by (None: positional).
    Udf {
        func: crate::functions::udf::UdfRef,
        args: Vec<Expr>,
        keywords: Vec<Option<String>>,
    },
    /// A subquery: scalar, `EXISTS` or `IN`. SQL text is planned when
    /// resolved, against the enclosing query's columns (correlation); a
    /// DataFrame's (`df.scalar()`, `col.isin(df)`) is already planned.
    Subquery {
        kind: SubqueryKind,
        query: SubqueryBody,
    },
}

/// A window: partitioning, ordering (`Expr::Sort` or plain expressions,
/// ascending) and an optional frame.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WindowSpec {
    pub partition_by: Vec<Expr>,
    pub order_by: Vec<Expr>,
    pub frame: Option<WindowFrame>,
}

/// A frame as Spark's Window API gives it: offsets from the current row,
/// `i64::MIN` for unbounded preceding and `i64::MAX` for unbounded following.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WindowFrame {
    pub rows: bool,
    pub start: i64,
    pub end: i64,
    /// Written in SQL (`1 PRECEDING`), which names offsets differently
    /// from the Window API (`-1 FOLLOWING`).
    pub sql: bool,
}

impl WindowFrame {
    /// `ROWS BETWEEN -1 AND 1` as `Column.__repr__` shows it.
    fn repr(&self) -> String {
        let bound = |v: i64| match v {
            i64::MIN => "UNBOUNDED PRECEDING".to_string(),
            i64::MAX => "UNBOUNDED FOLLOWING".to_string(),
            0 => "CURRENT ROW".to_string(),
            n if self.rows => n.to_string(),
            n => format!("{n}L"),
        };
        format!(
            "{} BETWEEN {} AND {}",
            if self.rows { "ROWS" } else { "RANGE" },
            bound(self.start),
            bound(self.end)
        )
    }
}

impl WindowSpec {
    fn repr(&self) -> String {
        let mut parts = vec![];
        if !self.partition_by.is_empty() {
            let p: Vec<String> = self.partition_by.iter().map(Expr::repr).collect();
            parts.push(format!("PARTITION BY {}", p.join(", ")));
        }
        if !self.order_by.is_empty() {
            let o: Vec<String> = self
                .order_by
                .iter()
                .map(|e| match e {
                    Expr::Sort { .. } => e.repr(),
                    other => format!("{} ASC NULLS FIRST", other.repr()),
                })
                .collect();
            parts.push(format!("ORDER BY {}", o.join(", ")));
        }
        if let Some(f) = &self.frame {
            parts.push(f.repr());
        }
        parts.join(" ")
    }
}

/// The query of a subquery expression.
#[derive(Debug, Clone, PartialEq)]
pub enum SubqueryBody {
    Sql(Box<datafusion::sql::sqlparser::ast::Query>),
    Frame(FrameQuery),
}

/// A DataFrame's plan as a subquery; equal when the frame is the same.
#[derive(Debug, Clone)]
pub struct FrameQuery(pub crate::plan::Frame);

impl PartialEq for FrameQuery {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum SubqueryKind {
    Scalar,
    Exists { negated: bool },
    In { expr: Box<Expr>, negated: bool },
}

impl Expr {
    pub fn col(name: impl Into<String>) -> Expr {
        Expr::Column {
            name: name.into(),
            plan_id: None,
        }
    }

    pub fn lit(value: Literal) -> Expr {
        Expr::Literal(value)
    }

    pub fn call(name: &str, args: Vec<Expr>) -> Expr {
        Expr::Function {
            name: name.to_string(),
            args,
            distinct: false,
        }
    }

    pub fn alias(self, name: impl Into<String>) -> Expr {
        Expr::Alias {
            expr: Box::new(self.strip_alias()),
            names: vec![name.into()],
            metadata: None,
        }
    }

    /// For `pivot`: every aggregate call's arguments only count rows where
    /// `condition` holds (`sum(x)` → `sum(CASE WHEN condition THEN x END)`).
    pub fn pivot_on(&self, condition: &Expr) -> Expr {
        match self {
            Expr::Function {
                name,
                args,
                distinct,
            } if crate::functions::is_aggregate(name) => Expr::Function {
                name: name.clone(),
                args: args
                    .iter()
                    .map(|a| Expr::CaseWhen {
                        branches: vec![(condition.clone(), a.clone())],
                        otherwise: None,
                    })
                    .collect(),
                distinct: *distinct,
            },
            Expr::Function {
                name,
                args,
                distinct,
            } => Expr::Function {
                name: name.clone(),
                args: args.iter().map(|a| a.pivot_on(condition)).collect(),
                distinct: *distinct,
            },
            Expr::Alias {
                expr,
                names,
                metadata,
            } => Expr::Alias {
                expr: Box::new(expr.pivot_on(condition)),
                names: names.clone(),
                metadata: metadata.clone(),
            },
            Expr::Cast { expr, to, try_cast } => Expr::Cast {
                expr: Box::new(expr.pivot_on(condition)),
                to: to.clone(),
                try_cast: *try_cast,
            },
            other => other.clone(),
        }
    }

    /// The expression under any aliases (the last alias wins in Spark).
    pub fn strip_alias(self) -> Expr {
        match self {
            Expr::Alias { expr, .. } => expr.strip_alias(),
            other => other,
        }
    }

    /// The text PySpark's `Column.__repr__` shows between `Column<'` and `'>`.
    pub fn repr(&self) -> String {
        match self {
            Expr::Column { name, .. } => name.clone(),
            Expr::Star { target: None } => "*".into(),
            Expr::Star { target: Some(t) } => format!("{t}.*"),
            Expr::Regex { pattern } => pattern.clone(),
            Expr::Literal(l) => l.repr(),
            Expr::Alias { expr, names, .. } => {
                if names.len() == 1 {
                    format!("{} AS {}", expr.repr(), names[0])
                } else {
                    format!("{} AS ({})", expr.repr(), names.join(", "))
                }
            }
            Expr::Cast { expr, to, try_cast } => {
                let kw = if *try_cast { "TRY_CAST" } else { "CAST" };
                format!("{kw}({} AS {})", expr.repr(), to.sql_name())
            }
            Expr::Function {
                name,
                args,
                distinct,
            } => {
                let d = if *distinct { "DISTINCT " } else { "" };
                format!("{name}({d}{})", join(args.iter().map(Expr::repr)))
            }
            Expr::CaseWhen {
                branches,
                otherwise,
            } => {
                let mut s = "CASE".to_string();
                for (c, v) in branches {
                    s.push_str(&format!(" WHEN {} THEN {}", c.repr(), v.repr()));
                }
                if let Some(o) = otherwise {
                    s.push_str(&format!(" ELSE {}", o.repr()));
                }
                s + " END"
            }
            Expr::Extract { expr, key } => format!("{}[{}]", expr.repr(), key.repr()),
            Expr::UpdateField { expr, field, value } => match value {
                Some(v) => format!("update_field({}, {field}, {})", expr.repr(), v.repr()),
                None => format!("drop_field({}, {field})", expr.repr()),
            },
            Expr::Sort {
                expr,
                ascending,
                nulls_first,
            } => format!(
                "{} {} NULLS {}",
                expr.repr(),
                if *ascending { "ASC" } else { "DESC" },
                if *nulls_first { "FIRST" } else { "LAST" }
            ),
            Expr::Sql { text, .. } => text.clone(),
            Expr::Window { func, spec } => format!("{} OVER ({})", func.repr(), spec.repr()),
            Expr::Named { name, .. } => name.clone(),
            Expr::Udf {
                func,
                args,
                keywords,
            } => {
                let shown = args.iter().enumerate().map(|(i, a)| {
                    match keywords.get(i).cloned().flatten() {
                        Some(k) => format!("{k} => {}", a.repr()),
                        None => a.repr(),
                    }
                });
                format!("{}({})", func.0.name, join(shown))
            }
            Expr::Lambda { params, body } => {
                format!("lambdafunction({}, {})", body.repr(), params.join(", "))
            }
            Expr::Subquery { kind, .. } => match kind {
                SubqueryKind::Scalar => "scalarsubquery()".into(),
                SubqueryKind::Exists { .. } => "exists()".into(),
                SubqueryKind::In { expr, .. } => format!("({} IN (listquery()))", expr.repr()),
            },
        }
    }
}

pub(crate) fn join(parts: impl Iterator<Item = String>) -> String {
    parts.collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_uses_prefix_form() {
        let e = Expr::call("+", vec![Expr::col("a"), Expr::lit(Literal::Integer(1))]);
        assert_eq!(e.repr(), "+(a, 1)");
        let e = Expr::call(
            "=",
            vec![Expr::col("a"), Expr::lit(Literal::String("x".into()))],
        );
        assert_eq!(e.repr(), "=(a, 'x')");
        let s = Expr::Sort {
            expr: Box::new(Expr::col("a")),
            ascending: false,
            nulls_first: false,
        };
        assert_eq!(s.repr(), "a DESC NULLS LAST");
        assert_eq!(Expr::col("a").alias("z").repr(), "a AS z");
    }
}
