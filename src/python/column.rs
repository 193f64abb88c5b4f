//! `PyColumn`: a frozen handle on an unresolved Spark expression.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyFloat, PyInt, PyString};

use super::error::{type_error, IntoPyResult};
use crate::expr::{Expr, Literal};
use crate::types::SparkType;

#[pyclass(frozen, module = "ember._native", name = "Column")]
#[derive(Clone)]
pub struct PyColumn {
    pub inner: Expr,
}

impl From<Expr> for PyColumn {
    fn from(inner: Expr) -> Self {
        PyColumn { inner }
    }
}

/// A CASE WHEN's branches and ELSE value.
type CaseParts = (Vec<(PyColumn, PyColumn)>, Option<PyColumn>);

pub fn exprs(cols: &[PyRef<'_, PyColumn>]) -> Vec<Expr> {
    cols.iter().map(|c| c.inner.clone()).collect()
}

/// A Python scalar as a Spark literal (int → int or bigint, float → double).
fn literal_of(value: &Bound<'_, PyAny>) -> PyResult<Literal> {
    if value.is_none() {
        return Ok(Literal::Null);
    }
    if value.is_instance_of::<PyBool>() {
        return Ok(Literal::Boolean(value.extract()?));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(v) = value.extract::<i32>() {
            return Ok(Literal::Integer(v));
        }
        if let Ok(v) = value.extract::<i64>() {
            return Ok(Literal::Long(v));
        }
        let v: i128 = value.extract()?;
        let digits = v.unsigned_abs().to_string().len() as u8;
        return Ok(Literal::Decimal(v, digits.min(38), 0));
    }
    if value.is_instance_of::<PyFloat>() {
        return Ok(Literal::Double(value.extract()?));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Literal::String(s.to_str()?.to_string()));
    }
    if let Ok(b) = value.cast::<PyBytes>() {
        return Ok(Literal::Binary(b.as_bytes().to_vec()));
    }
    if let Ok(b) = value.cast::<PyByteArray>() {
        return Ok(Literal::Binary(b.to_vec()));
    }
    Err(type_error(format!(
        "Unsupported literal type {}",
        value.get_type().name()?
    )))
}

#[pymethods]
impl PyColumn {
    #[staticmethod]
    #[pyo3(signature = (name, plan_id=None))]
    fn col(name: String, plan_id: Option<u64>) -> Self {
        Expr::Column { name, plan_id }.into()
    }

    #[staticmethod]
    #[pyo3(signature = (target=None))]
    fn star(target: Option<String>) -> Self {
        Expr::Star { target }.into()
    }

    /// A lambda over parameters named `params` (referred to by `col`).
    #[staticmethod]
    fn lambda_fn(params: Vec<String>, body: PyRef<'_, PyColumn>) -> Self {
        Expr::Lambda {
            params,
            body: Box::new(body.inner.clone()),
        }
        .into()
    }

    /// A DataFrame as a subquery: `scalar`, `exists`, or `in` (of `value`).
    #[staticmethod]
    #[pyo3(signature = (kind, df, value=None))]
    fn subquery(
        kind: &str,
        df: PyRef<'_, super::dataframe::PyDataFrame>,
        value: Option<PyRef<'_, PyColumn>>,
    ) -> PyResult<Self> {
        use crate::expr::{FrameQuery, SubqueryBody, SubqueryKind};
        let kind = match (kind, value) {
            ("scalar", _) => SubqueryKind::Scalar,
            ("exists", _) => SubqueryKind::Exists { negated: false },
            (_, Some(v)) => SubqueryKind::In {
                expr: Box::new(v.inner.clone()),
                negated: false,
            },
            (other, None) => {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "unknown subquery kind {other}"
                )))
            }
        };
        Ok(Expr::Subquery {
            kind,
            query: SubqueryBody::Frame(FrameQuery(df.inner.frame.clone())),
        }
        .into())
    }

    #[staticmethod]
    fn regex(pattern: String) -> Self {
        Expr::Regex { pattern }.into()
    }

    #[staticmethod]
    fn lit(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Expr::Literal(literal_of(value)?).into())
    }

    /// A literal from its internal form: `kind` is date, timestamp,
    /// timestamp_ntz, daytime, yearmonth, byte, short, long, float.
    #[staticmethod]
    fn typed_lit(kind: &str, value: &Bound<'_, PyAny>) -> PyResult<Self> {
        let lit = match kind {
            "date" => Literal::Date(value.extract()?),
            "timestamp" => Literal::Timestamp(value.extract()?),
            "timestamp_ntz" => Literal::TimestampNtz(value.extract()?),
            "daytime" => Literal::DayTimeInterval(value.extract()?),
            "yearmonth" => Literal::YearMonthInterval(value.extract()?),
            "byte" => Literal::Byte(value.extract()?),
            "short" => Literal::Short(value.extract()?),
            "long" => Literal::Long(value.extract()?),
            "float" => Literal::Float(value.extract()?),
            other => return Err(type_error(format!("unknown literal kind {other}"))),
        };
        Ok(Expr::Literal(lit).into())
    }

    #[staticmethod]
    fn decimal_lit(unscaled: i128, precision: u8, scale: i8) -> Self {
        Expr::Literal(Literal::Decimal(unscaled, precision, scale)).into()
    }

    #[staticmethod]
    #[pyo3(signature = (name, args, distinct=false))]
    fn call(name: String, args: Vec<PyRef<'_, PyColumn>>, distinct: bool) -> Self {
        Expr::Function {
            name,
            args: exprs(&args),
            distinct,
        }
        .into()
    }

    #[staticmethod]
    #[pyo3(signature = (branches, otherwise=None))]
    fn case_when(
        branches: Vec<(PyRef<'_, PyColumn>, PyRef<'_, PyColumn>)>,
        otherwise: Option<PyRef<'_, PyColumn>>,
    ) -> Self {
        Expr::CaseWhen {
            branches: branches
                .iter()
                .map(|(c, v)| (c.inner.clone(), v.inner.clone()))
                .collect(),
            otherwise: otherwise.map(|o| Box::new(o.inner.clone())),
        }
        .into()
    }

    /// `(branches, otherwise)` of a CASE WHEN, or None for other columns.
    fn case_parts(&self) -> Option<CaseParts> {
        match &self.inner {
            Expr::CaseWhen {
                branches,
                otherwise,
            } => Some((
                branches
                    .iter()
                    .map(|(c, v)| (c.clone().into(), v.clone().into()))
                    .collect(),
                otherwise.as_ref().map(|o| (**o).clone().into()),
            )),
            _ => None,
        }
    }

    #[staticmethod]
    fn sql(text: &str) -> PyResult<Self> {
        let parsed = crate::sql::parse_expression(text).py()?;
        Ok(Expr::Sql {
            text: text.to_string(),
            parsed: Box::new(parsed),
        }
        .into())
    }

    #[pyo3(signature = (names, metadata=None))]
    fn alias(&self, names: Vec<String>, metadata: Option<String>) -> Self {
        Expr::Alias {
            expr: Box::new(self.inner.clone()),
            names,
            metadata,
        }
        .into()
    }

    #[pyo3(signature = (schema_json, try_cast=false))]
    fn cast(&self, schema_json: &str, try_cast: bool) -> PyResult<Self> {
        let to = SparkType::from_json_str(schema_json).py()?;
        Ok(Expr::Cast {
            expr: Box::new(self.inner.clone()),
            to,
            try_cast,
        }
        .into())
    }

    fn extract(&self, key: PyRef<'_, PyColumn>) -> Self {
        Expr::Extract {
            expr: Box::new(self.inner.clone()),
            key: Box::new(key.inner.clone()),
        }
        .into()
    }

    #[pyo3(signature = (field, value=None))]
    fn update_field(&self, field: String, value: Option<PyRef<'_, PyColumn>>) -> Self {
        Expr::UpdateField {
            expr: Box::new(self.inner.clone()),
            field,
            value: value.map(|v| Box::new(v.inner.clone())),
        }
        .into()
    }

    fn sort(&self, ascending: bool, nulls_first: bool) -> Self {
        let inner = match &self.inner {
            Expr::Sort { expr, .. } => (**expr).clone(),
            other => other.clone(),
        };
        Expr::Sort {
            expr: Box::new(inner),
            ascending,
            nulls_first,
        }
        .into()
    }

    /// `col.over(window)`; `frame` is `(rows, start, end)` as Spark's Window API gives it.
    #[pyo3(signature = (partition_by, order_by, frame=None))]
    fn over(
        &self,
        partition_by: Vec<PyRef<'_, PyColumn>>,
        order_by: Vec<PyRef<'_, PyColumn>>,
        frame: Option<(bool, i64, i64)>,
    ) -> Self {
        Expr::Window {
            func: Box::new(self.inner.clone()),
            spec: crate::expr::WindowSpec {
                partition_by: partition_by.iter().map(|c| c.inner.clone()).collect(),
                order_by: order_by.iter().map(|c| c.inner.clone()).collect(),
                frame: frame.map(|(rows, start, end)| crate::expr::WindowFrame {
                    rows,
                    start,
                    end,
                    sql: false,
                }),
            },
        }
        .into()
    }

    /// For `pivot`: aggregates counting only rows where `condition` holds.
    fn pivot_on(&self, condition: PyRef<'_, PyColumn>) -> Self {
        self.inner.pivot_on(&condition.inner).into()
    }

    /// The alias of an aliased expression.
    fn alias_name(&self) -> Option<String> {
        match &self.inner {
            Expr::Alias { names, .. } => names.last().cloned(),
            _ => None,
        }
    }

    /// The column's name when it is a plain column reference.
    fn column_name(&self) -> Option<String> {
        match &self.inner {
            Expr::Column { name, .. } => Some(name.clone()),
            _ => None,
        }
    }

    fn is_sort(&self) -> bool {
        matches!(self.inner, Expr::Sort { .. })
    }

    fn __repr__(&self) -> String {
        self.inner.repr()
    }
}

/// Parses SQL expression text (used to validate `F.expr` eagerly).
#[pyfunction]
pub fn parse_expression(text: &str) -> PyResult<PyColumn> {
    PyColumn::sql(text)
}
