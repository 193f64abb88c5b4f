//! The resolver: Spark's unresolved expressions → DataFusion expressions
//! with Spark's types, coercions and output names.

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{DFSchema, ScalarValue};
use datafusion::functions::core::expr_fn as core_fn;
use datafusion::logical_expr::{Expr as DFExpr, ExprSchemable, SortExpr};

use super::coerce;
use super::{parse_attribute_name, Frame};
use crate::error::{ErrorKind, Result, SparkError};
use crate::expr::{Expr, Literal};
use crate::functions;
use crate::session::Settings;
use crate::types::SparkType;

/// A resolved expression: DataFusion form, Spark output name and type.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub expr: DFExpr,
    pub name: String,
    pub data_type: DataType,
    /// Index of the input column when the expression is just that column.
    pub column: Option<usize>,
    /// The output column name when it differs from the SQL text in `name`:
    /// an alias (`s AS z` is named `z`), or a cast column (`CAST(a AS INT)`
    /// is named `a`) — at the top level only, as in Spark.
    pub alias: Option<String>,
}

impl Resolved {
    /// The name this expression gets as an output column.
    pub fn output_name(&self) -> String {
        self.alias.clone().unwrap_or_else(|| self.name.clone())
    }

    pub fn spark_type(&self) -> Result<SparkType> {
        SparkType::from_arrow(&self.data_type)
    }
}

/// Plans the query of a subquery expression; `settings.outer` holds the
/// frames its correlated columns resolve against.
pub trait SubqueryPlanner: Send + Sync {
    fn plan(
        &self,
        query: &datafusion::sql::sqlparser::ast::Query,
        settings: &Settings,
    ) -> Result<Frame>;
}

#[derive(Clone)]
pub struct Subqueries(pub std::sync::Arc<dyn SubqueryPlanner>);

impl std::fmt::Debug for Subqueries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Subqueries")
    }
}

/// Spark's error for `x[...]` / `x.f` on a value that is not a struct, array or map.
fn extract_base_error(base: &Resolved) -> Result<SparkError> {
    let ty = base.spark_type()?.sql_name();
    Ok(SparkError::new(
        ErrorKind::Analysis,
        "INVALID_EXTRACT_BASE_FIELD_TYPE",
        "42000",
        format!(
            "Can't extract a value from \"{}\". Need a complex type [STRUCT, ARRAY, MAP] but got \"{ty}\".",
            base.name
        ),
        &[
            ("base", format!("\"{}\"", base.name)),
            ("other", format!("\"{ty}\"")),
        ],
    ))
}

pub struct Resolver<'a> {
    pub frame: &'a Frame,
    pub settings: &'a Settings,
    /// Parameters of the lambdas being resolved, innermost last.
    pub lambdas: Vec<(String, datafusion::arrow::datatypes::FieldRef)>,
}

impl<'a> Resolver<'a> {
    pub fn new(frame: &'a Frame, settings: &'a Settings) -> Self {
        Resolver {
            frame,
            settings,
            lambdas: vec![],
        }
    }

    /// A resolver for a lambda's body: the parameters bound to `fields`.
    pub fn with_lambda(
        &self,
        params: &[String],
        fields: Vec<datafusion::arrow::datatypes::FieldRef>,
    ) -> Resolver<'a> {
        let mut lambdas = self.lambdas.clone();
        lambdas.extend(params.iter().cloned().zip(fields));
        Resolver {
            frame: self.frame,
            settings: self.settings,
            lambdas,
        }
    }

    pub fn schema(&self) -> &DFSchema {
        self.frame.plan.schema()
    }

    /// Wraps a DataFusion expression, computing its type.
    pub fn make(&self, expr: DFExpr, name: String) -> Result<Resolved> {
        let data_type = expr.get_type(self.schema())?;
        Ok(Resolved {
            expr,
            name,
            data_type,
            column: None,
            alias: None,
        })
    }

    pub fn resolve(&self, e: &Expr) -> Result<Resolved> {
        match e {
            Expr::Column { name, plan_id } => {
                if plan_id.is_none() {
                    if let Some((n, field)) = self
                        .lambdas
                        .iter()
                        .rev()
                        .find(|(n, _)| n.eq_ignore_ascii_case(name))
                    {
                        let var = datafusion::logical_expr::expr::LambdaVariable::new(
                            n.clone(),
                            Some(std::sync::Arc::clone(field)),
                        );
                        return self
                            .make(DFExpr::LambdaVariable(var), "namedlambdavariable()".into());
                    }
                }
                self.resolve_column(name, *plan_id)
            }
            Expr::Lambda { .. } => Err(SparkError::plain(
                ErrorKind::Analysis,
                format!(
                    "A lambda function is only valid as an argument of a higher-order function: {}",
                    e.repr()
                ),
            )),
            Expr::Star { .. } | Expr::Regex { .. } => Err(SparkError::new(
                ErrorKind::Analysis,
                "INVALID_USAGE_OF_STAR_OR_REGEX",
                "42000",
                format!("Invalid usage of '{}' in expression.", e.repr()),
                &[
                    ("elem", format!("'{}'", e.repr())),
                    ("prettyName", "expression".into()),
                ],
            )),
            Expr::Literal(l) => self.literal(l),
            Expr::Alias {
                expr,
                names,
                metadata,
            } => {
                if let Expr::Star { .. } | Expr::Regex { .. } = expr.as_ref() {
                    return Err(SparkError::new(
                        ErrorKind::Analysis,
                        "INVALID_USAGE_OF_STAR_OR_REGEX",
                        "42000",
                        format!("Invalid usage of '{}' in expression `alias`.", expr.repr()),
                        &[
                            ("elem", format!("'{}'", expr.repr())),
                            ("prettyName", "expression `alias`".into()),
                        ],
                    ));
                }
                let mut r = self.resolve(expr)?;
                if names.len() != 1 {
                    let joined = names.join(", ");
                    return Err(SparkError::new(
                        ErrorKind::Analysis,
                        "MULTI_ALIAS_WITHOUT_GENERATOR",
                        "42K0E",
                        format!(
                            "Multi part aliasing ({joined}) is not supported with \"{}\" as it is not a generator function.",
                            r.name
                        ),
                        &[("expr", format!("\"{}\"", r.name)), ("names", joined.clone())],
                    ));
                }
                r.name = format!("{} AS {}", r.name, names[0]);
                r.alias = Some(names[0].clone());
                if let Some(m) = metadata {
                    r.expr = super::metadata::carry(r.expr, m);
                }
                Ok(r)
            }
            Expr::Cast { expr, to, try_cast } => {
                let inner = self.resolve(expr)?;
                let kw = if *try_cast { "TRY_CAST" } else { "CAST" };
                let name = format!("{kw}({} AS {})", inner.name, to.sql_name());
                let alias = matches!(**expr, Expr::Column { .. }).then(|| inner.output_name());
                let ansi = self.settings.ansi && !*try_cast;
                let expr = coerce::cast(self, inner, to, ansi)?;
                let mut r = self.make(expr, name)?;
                r.alias = alias;
                Ok(r)
            }
            Expr::Function {
                name,
                args,
                distinct,
            } => {
                if functions::lambda::is_higher_order(name) {
                    return functions::lambda::resolve(self, name, args);
                }
                if name == super::outer::OUTER {
                    return self.outer_reference(args);
                }
                let mut resolved = vec![];
                for a in args {
                    if let Expr::Star { target: None } = a {
                        // `f(*)`: every column of the input.
                        let n = self.frame.fields.len();
                        resolved.extend((0..n).map(|i| super::ops::pass_through(self.frame, i)));
                    } else {
                        resolved.push(self.resolve(a)?);
                    }
                }
                functions::resolve_call(self, name, resolved, *distinct)
            }
            Expr::CaseWhen {
                branches,
                otherwise,
            } => self.case_when(branches, otherwise.as_deref()),
            Expr::Extract { expr, key } => {
                let base = self.resolve(expr)?;
                self.extract(base, key)
            }
            Expr::UpdateField { expr, field, value } => {
                let base = self.resolve(expr)?;
                let value = value.as_ref().map(|v| self.resolve(v)).transpose()?;
                self.update_field(base, field, value)
            }
            Expr::Sort { .. } => Err(SparkError::plain(
                ErrorKind::Analysis,
                format!("Sort order {} is only valid in orderBy/sort.", e.repr()),
            )),
            Expr::Sql { parsed, .. } => self.resolve(parsed),
            Expr::Subquery { kind, query } => self.subquery(kind, query),
            Expr::Window { func, spec } => functions::window::resolve_window(self, func, spec),
            Expr::Udf {
                func,
                args,
                keywords,
            } => {
                let resolved = args
                    .iter()
                    .map(|a| self.resolve(a))
                    .collect::<Result<Vec<_>>>()?;
                functions::udf::resolve(self, &func.0.name, func, resolved, keywords)
            }
            Expr::Named { expr, name } => {
                let mut r = self.resolve(expr)?;
                r.name = name.clone();
                r.alias = None;
                Ok(r)
            }
        }
    }

    fn subquery(
        &self,
        kind: &crate::expr::SubqueryKind,
        query: &crate::expr::SubqueryBody,
    ) -> Result<Resolved> {
        use crate::expr::SubqueryKind;
        use datafusion::logical_expr::expr::{Exists, InSubquery};
        use datafusion::logical_expr::Subquery;
        let mut inner = self.settings.clone();
        inner.outer.insert(0, self.frame.clone());
        let frame = match query {
            crate::expr::SubqueryBody::Frame(f) => Frame {
                plan: std::sync::Arc::new(self.bind_outer(&f.0.plan)?),
                ..f.0.clone()
            },
            crate::expr::SubqueryBody::Sql(q) => {
                let planner =
                    self.settings.subqueries.clone().ok_or_else(|| {
                        SparkError::not_implemented("subqueries outside spark.sql")
                    })?;
                planner.0.plan(q, &inner)?
            }
        };
        let subquery = |plan: datafusion::logical_expr::LogicalPlan| {
            let outer_ref_columns = plan.all_out_ref_exprs();
            Subquery {
                subquery: std::sync::Arc::new(plan),
                outer_ref_columns,
                spans: Default::default(),
            }
        };
        let one_column = || -> Result<()> {
            if frame.fields.len() == 1 {
                return Ok(());
            }
            Err(SparkError::new(
                ErrorKind::Analysis,
                "INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
                "42823",
                format!(
                    "Invalid subquery: Scalar subquery must return only one column, but got {}.",
                    frame.fields.len()
                ),
                &[("number", frame.fields.len().to_string())],
            ))
        };
        match kind {
            SubqueryKind::Scalar => {
                one_column()?;
                let sq = subquery(frame.plan.as_ref().clone());
                let name = format!(
                    "scalarsubquery({})",
                    sq.outer_ref_columns
                        .iter()
                        .filter_map(|e| match e {
                            DFExpr::OuterReferenceColumn(_, c) => self
                                .settings
                                .outer
                                .iter()
                                .chain(std::iter::once(self.frame))
                                .flat_map(|f| f.fields.iter())
                                .find(|f| f.internal == c.name)
                                .map(|f| f.name.clone()),
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                self.make(DFExpr::ScalarSubquery(sq), name)
            }
            SubqueryKind::Exists { negated } => {
                let sq = subquery(frame.plan.as_ref().clone());
                let e = DFExpr::Exists(Exists::new(sq, *negated));
                let name = if *negated {
                    "(NOT exists())"
                } else {
                    "exists()"
                };
                self.make(e, name.into())
            }
            SubqueryKind::In { expr, negated } => {
                let value = self.resolve(expr)?;
                let multi = match value.spark_type()? {
                    crate::types::SparkType::Struct(fs)
                        if frame.fields.len() > 1 && fs.len() == frame.fields.len() =>
                    {
                        // `struct(a, b) IN (SELECT x, y …)`: its rows as structs.
                        let args = fs
                            .iter()
                            .zip(frame.fields.iter())
                            .flat_map(|(f, o)| {
                                [datafusion::logical_expr::lit(f.name.clone()), o.column()]
                            })
                            .collect();
                        let e = datafusion::functions::core::expr_fn::named_struct(args)
                            .alias(super::internal_name());
                        let plan = datafusion::logical_expr::LogicalPlanBuilder::from(
                            frame.plan.as_ref().clone(),
                        )
                        .project(vec![e])?
                        .build()?;
                        Some(Frame::new(plan, vec!["struct".into()], &[]))
                    }
                    _ => None,
                };
                if multi.is_none() {
                    one_column()?;
                }
                let frame = multi.unwrap_or_else(|| frame.clone());
                let column = super::ops::pass_through(&frame, 0);
                let (vt, ct) = (value.spark_type()?, column.spark_type()?);
                let target = coerce::widen(&vt, &ct)
                    .ok_or_else(|| {
                        SparkError::datatype_mismatch(
                            "INVALID_IN_SUBQUERY",
                            &format!("({} IN (listquery()))", value.name),
                            format!(
                                "The data type of one or more elements in the left hand side of an IN subquery is not compatible with the data type of the output of the subquery. Mismatched columns: [{}, {}].",
                                vt.sql_name(),
                                ct.sql_name()
                            ),
                        )
                    })?
                    .to_arrow();
                let name = format!("({} IN (listquery()))", value.name);
                let sub_resolver = Resolver::new(&frame, &inner);
                let projected =
                    datafusion::logical_expr::LogicalPlanBuilder::from(frame.plan.as_ref().clone())
                        .project(vec![coerce::implicit(&sub_resolver, column, &target)?
                            .alias(super::internal_name())])?
                        .build()?;
                let lhs = coerce::implicit(self, value, &target)?;
                let e = DFExpr::InSubquery(InSubquery::new(
                    Box::new(lhs),
                    subquery(projected),
                    *negated,
                ));
                let name = if *negated {
                    format!("(NOT {name})")
                } else {
                    name
                };
                self.make(e, name)
            }
        }
    }

    pub fn literal(&self, l: &Literal) -> Result<Resolved> {
        let expr = DFExpr::Literal(l.to_scalar(), None);
        let data_type = l.spark_type().to_arrow();
        Ok(Resolved {
            expr,
            name: l.sql_name(),
            data_type,
            column: None,
            alias: None,
        })
    }

    fn resolve_column(&self, name: &str, plan_id: Option<u64>) -> Result<Resolved> {
        let parts = parse_attribute_name(name)?;
        let cs = self.settings.case_sensitive;
        let frame = self.frame;
        let candidates: Vec<usize> = match plan_id {
            Some(p) if p != frame.id => frame
                .fields
                .iter()
                .enumerate()
                .filter(|(_, f)| f.lineage.contains(&p))
                .map(|(i, _)| i)
                .collect(),
            _ => (0..frame.fields.len()).collect(),
        };
        let matches = |n: &str, qual: Option<&str>| -> Vec<usize> {
            candidates
                .iter()
                .copied()
                .filter(|i| {
                    let f = &frame.fields[*i];
                    super::names_equal(&f.name, n, cs)
                        && match qual {
                            None => true,
                            Some(q) => f
                                .qualifier
                                .as_deref()
                                .is_some_and(|fq| super::names_equal(fq, q, cs)),
                        }
                })
                .collect()
        };
        // A qualified name (`t.col`) first, then a column with nested fields.
        let (hits, rest) = if parts.len() > 1 {
            let q = matches(&parts[1], Some(&parts[0]));
            if q.is_empty() {
                (matches(&parts[0], None), &parts[1..])
            } else {
                (q, &parts[2..])
            }
        } else {
            (matches(&parts[0], None), &parts[1..])
        };
        let idx = match hits.as_slice() {
            [i] => *i,
            [] if parts.len() > 1 && plan_id.is_none() && self.settings.outer.is_empty() => {
                // A qualified reference lists qualified candidates, as Spark does.
                let names: Vec<String> = candidates
                    .iter()
                    .map(|i| {
                        let f = &frame.fields[*i];
                        match &f.qualifier {
                            Some(q) => format!("{q}.{}", f.name),
                            None => f.name.clone(),
                        }
                    })
                    .collect();
                return Err(SparkError::unresolved_column(name, &names));
            }
            [] if plan_id.is_none() && !self.settings.outer.is_empty() => {
                match self.outer_column(&parts)? {
                    Some(r) => return Ok(r),
                    None => {
                        let names: Vec<String> = candidates
                            .iter()
                            .map(|i| frame.fields[*i].name.clone())
                            .collect();
                        return Err(SparkError::unresolved_column(name, &names));
                    }
                }
            }
            [] => {
                let names: Vec<String> = candidates
                    .iter()
                    .map(|i| frame.fields[*i].name.clone())
                    .collect();
                let shown = if plan_id.is_some() && candidates.is_empty() {
                    frame.names()
                } else {
                    names
                };
                return Err(SparkError::unresolved_column(name, &shown));
            }
            many => {
                // Spark lists the reference as written, once per candidate.
                let names = vec![parts[0].clone(); many.len()];
                return Err(SparkError::ambiguous_reference(&parts[0], &names));
            }
        };
        let field = &frame.fields[idx];
        let data_type = frame.plan.schema().field(idx).data_type().clone();
        let mut r = Resolved {
            expr: field.column(),
            name: if rest.is_empty() {
                parts.last().cloned().unwrap_or_default()
            } else {
                parts[parts.len() - rest.len() - 1].clone()
            },
            data_type,
            column: Some(idx),
            alias: None,
        };
        for part in rest {
            r = self.struct_field(r, part, true)?;
        }
        Ok(r)
    }

    /// A column of an enclosing query (a correlated subquery's reference).
    fn outer_column(&self, parts: &[String]) -> Result<Option<Resolved>> {
        let cs = self.settings.case_sensitive;
        for outer in &self.settings.outer {
            let find = |n: &str, qual: Option<&str>| -> Vec<usize> {
                outer
                    .fields
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| {
                        super::names_equal(&f.name, n, cs)
                            && qual.is_none_or(|q| {
                                f.qualifier
                                    .as_deref()
                                    .is_some_and(|fq| super::names_equal(fq, q, cs))
                            })
                    })
                    .map(|(i, _)| i)
                    .collect()
            };
            let (hits, rest) = match parts {
                [q, n, rest @ ..] if !find(n, Some(q)).is_empty() => (find(n, Some(q)), rest),
                [n, rest @ ..] => (find(n, None), rest),
                [] => return Ok(None),
            };
            let idx = match hits.as_slice() {
                [i] => *i,
                [] => continue,
                many => {
                    let names = vec![parts[0].clone(); many.len()];
                    return Err(SparkError::ambiguous_reference(&parts[0], &names));
                }
            };
            let field = std::sync::Arc::clone(
                outer
                    .plan
                    .schema()
                    .inner()
                    .fields()
                    .get(idx)
                    .ok_or_else(|| SparkError::internal("outer field"))?,
            );
            let data_type = field.data_type().clone();
            let column = datafusion::common::Column::new_unqualified(&outer.fields[idx].internal);
            let mut r = Resolved {
                expr: DFExpr::OuterReferenceColumn(field, column),
                name: outer.fields[idx].name.clone(),
                data_type,
                column: None,
                alias: None,
            };
            for part in rest {
                r = self.struct_field(r, part, true)?;
            }
            return Ok(Some(r));
        }
        Ok(None)
    }

    /// `base.field` for a struct; `short_name` keeps only the field name.
    fn struct_field(&self, base: Resolved, field: &str, short_name: bool) -> Result<Resolved> {
        let DataType::Struct(fields) = &base.data_type else {
            return Err(extract_base_error(&base)?);
        };
        let cs = self.settings.case_sensitive;
        let hits: Vec<_> = fields
            .iter()
            .filter(|f| super::names_equal(f.name(), field, cs))
            .collect();
        let Some(f) = hits.first() else {
            let names: Vec<String> = fields.iter().map(|f| f.name().clone()).collect();
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "FIELD_NOT_FOUND",
                "42704",
                format!(
                    "No such struct field {} in {}.",
                    crate::error::quote_ident(field),
                    names
                        .iter()
                        .map(|n| crate::error::quote_ident(n))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                &[("fieldName", crate::error::quote_ident(field))],
            ));
        };
        let name = if short_name {
            f.name().clone()
        } else {
            format!("{}.{}", base.name, f.name())
        };
        self.make(core_fn::get_field(base.expr, f.name().as_str()), name)
    }

    fn extract(&self, base: Resolved, key: &Expr) -> Result<Resolved> {
        let key = self.resolve(key)?;
        match &base.data_type {
            DataType::Struct(_) => {
                let DFExpr::Literal(ScalarValue::Utf8(Some(k)), _) = &key.expr else {
                    return Err(SparkError::plain(
                        ErrorKind::Analysis,
                        "Field name should be a non-null string literal",
                    ));
                };
                let k = k.clone();
                self.struct_field(base, &k, false)
            }
            DataType::List(_) | DataType::LargeList(_) => {
                let name = format!("{}[{}]", base.name, key.name);
                let idx = coerce::cast_plain(key.expr, &DataType::Int64);
                let e = crate::functions::udfs::array_get(base.expr, idx, self.settings.ansi);
                self.make(e, name)
            }
            DataType::Map(_, _) => {
                let name = format!("{}[{}]", base.name, key.name);
                let e = datafusion::functions_nested::expr_fn::map_extract(base.expr, key.expr);
                let e = datafusion::functions_nested::expr_fn::array_element(
                    e,
                    DFExpr::Literal(ScalarValue::Int64(Some(1)), None),
                );
                self.make(e, name)
            }
            _ => Err(extract_base_error(&base)?),
        }
    }

    /// `withField`/`dropFields` of a field path (`e.g` is field `g` of
    /// struct field `e`).
    fn update_field(
        &self,
        base: Resolved,
        field: &str,
        value: Option<Resolved>,
    ) -> Result<Resolved> {
        let parts = parse_attribute_name(field)?;
        let Some((head, rest)) = parts.split_first() else {
            return self.update_one_field(base, field, value);
        };
        if rest.is_empty() {
            return self.update_one_field(base, head, value);
        }
        let inner = self.struct_field(base.clone(), head, false)?;
        let path = rest
            .iter()
            .map(|p| format!("`{}`", p.replace('`', "``")))
            .collect::<Vec<_>>()
            .join(".");
        let updated = self.update_field(inner, &path, value)?;
        self.update_one_field(base, head, Some(updated))
    }

    fn update_one_field(
        &self,
        base: Resolved,
        field: &str,
        value: Option<Resolved>,
    ) -> Result<Resolved> {
        let DataType::Struct(fields) = &base.data_type else {
            return Err(SparkError::datatype_mismatch(
                "UNEXPECTED_INPUT_TYPE",
                &base.name,
                "struct expected".into(),
            ));
        };
        let cs = self.settings.case_sensitive;
        let mut args = vec![];
        let mut replaced = false;
        let mut kept = 0;
        for f in fields.iter() {
            if super::names_equal(f.name(), field, cs) {
                if let Some(v) = &value {
                    if !replaced {
                        args.push(DFExpr::Literal(
                            ScalarValue::Utf8(Some(f.name().clone())),
                            None,
                        ));
                        args.push(v.expr.clone());
                        replaced = true;
                        kept += 1;
                    }
                }
                continue;
            }
            args.push(DFExpr::Literal(
                ScalarValue::Utf8(Some(f.name().clone())),
                None,
            ));
            args.push(core_fn::get_field(base.expr.clone(), f.name().as_str()));
            kept += 1;
        }
        if let (Some(v), false) = (&value, replaced) {
            args.push(DFExpr::Literal(
                ScalarValue::Utf8(Some(field.to_string())),
                None,
            ));
            args.push(v.expr.clone());
            kept += 1;
        }
        if kept == 0 {
            return Err(SparkError::new(
                ErrorKind::Analysis,
                "DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS",
                "42K09",
                format!("Cannot resolve \"update_fields({})\" due to data type mismatch: Cannot drop all fields in struct.", base.name),
                &[],
            ));
        }
        let desc = match &value {
            Some(v) => format!("WithField({})", v.name),
            None => "dropfield()".into(),
        };
        let name = format!("update_fields({}, {desc})", base.name);
        let rebuilt = core_fn::named_struct(args);
        let guarded = DFExpr::Case(datafusion::logical_expr::expr::Case {
            expr: None,
            when_then_expr: vec![(
                Box::new(base.expr.clone().is_null()),
                Box::new(DFExpr::Literal(ScalarValue::Null, None)),
            )],
            else_expr: Some(Box::new(rebuilt.clone())),
        });
        let data_type = rebuilt.get_type(self.schema())?;
        let guarded = coerce::cast_plain(guarded, &data_type);
        self.make(guarded, name)
    }

    fn case_when(&self, branches: &[(Expr, Expr)], otherwise: Option<&Expr>) -> Result<Resolved> {
        let mut conds = vec![];
        let mut values = vec![];
        for (c, v) in branches {
            let c = self.resolve(c)?;
            conds.push(coerce::to_boolean(self, c, "CASE WHEN")?);
            values.push(self.resolve(v)?);
        }
        let other = otherwise.map(|o| self.resolve(o)).transpose()?;
        let mut all: Vec<&Resolved> = values.iter().collect();
        if let Some(o) = &other {
            all.push(o);
        }
        let target = coerce::common_type(&all, "CASE")?;
        let mut name = "CASE".to_string();
        let mut whens = vec![];
        for (c, v) in conds.into_iter().zip(values) {
            name.push_str(&format!(" WHEN {} THEN {}", c.name, v.name));
            whens.push((
                Box::new(c.expr),
                Box::new(coerce::implicit(self, v, &target)?),
            ));
        }
        let else_expr = match other {
            Some(o) => {
                name.push_str(&format!(" ELSE {}", o.name));
                Some(Box::new(coerce::implicit(self, o, &target)?))
            }
            None => None,
        };
        name.push_str(" END");
        let e = DFExpr::Case(datafusion::logical_expr::expr::Case {
            expr: None,
            when_then_expr: whens,
            else_expr,
        });
        self.make(e, name)
    }

    /// A sort key: `Expr::Sort`, or a plain expression sorted ascending.
    pub fn sort_expr(&self, e: &Expr) -> Result<SortExpr> {
        self.sort_key(e).map(|(key, _)| key)
    }

    /// A sort key with the resolved key expression (its name and type):
    /// Spark names the key `x ASC NULLS FIRST`.
    pub fn sort_key(&self, e: &Expr) -> Result<(SortExpr, Resolved)> {
        let (inner, asc, nulls_first) = match e {
            Expr::Sort {
                expr,
                ascending,
                nulls_first,
            } => (expr.as_ref(), *ascending, *nulls_first),
            other => (other, true, true),
        };
        let mut r = self.resolve(inner)?;
        let key = SortExpr::new(r.expr.clone(), asc, nulls_first);
        r.name = format!(
            "{} {} NULLS {}",
            r.name,
            if asc { "ASC" } else { "DESC" },
            if nulls_first { "FIRST" } else { "LAST" }
        );
        Ok((key, r))
    }
}
