//! `PyUserFunction`: a Python function the engine calls on batches of rows.
//!
//! The engine calls back on its worker threads while the thread that ran
//! the action waits with the GIL released (`wait_for`), so taking the GIL
//! here cannot deadlock; analysis on the calling thread holds the GIL
//! already, which pyo3 allows to re-enter.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, RecordBatch};
use datafusion::arrow::datatypes::{Field, SchemaRef};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyList, PyTuple};

use super::column::PyColumn;
use super::convert::{build_array, column_to_py, rows_to_batch};
use super::error::IntoPyResult;
use crate::error::{ErrorKind, Result, SparkError};
use crate::expr::Expr;
use crate::functions::udf::{TableFunction, UdfCallback, UdfRef, UserFunction};
use crate::types::SparkType;

/// Calls `evaluate(columns, keywords, num_rows)` of a Python object.
/// `columns` holds `(values, type_json)` per argument: internal Python
/// values (row-at-a-time functions) or a pyarrow array (`vectorized`).
/// The result is a list of internal values, or a pyarrow array's
/// `__arrow_c_array__` capsules.
struct PyCallback {
    evaluate: Py<PyAny>,
    vectorized: bool,
}

impl PyCallback {
    fn run(
        &self,
        py: Python<'_>,
        args: &[ArrayRef],
        names: &[Option<String>],
        num_rows: usize,
        return_type: &SparkType,
    ) -> PyResult<ArrayRef> {
        let columns = PyList::empty(py);
        for a in args {
            let t = SparkType::from_arrow(a.data_type())
                .py()?
                .to_json()
                .to_string();
            let values = if self.vectorized {
                let field = Arc::new(Field::new("", a.data_type().clone(), true));
                let array = pyo3_arrow::PyArray::new(Arc::clone(a), field).into_pyobject(py)?;
                py.import("pyarrow")?.getattr("array")?.call1((array,))?
            } else {
                PyList::new(py, column_to_py(py, a.as_ref())?)?.into_any()
            };
            columns.append(PyTuple::new(py, [values, t.into_pyobject(py)?.into_any()])?)?;
        }
        let out = self
            .evaluate
            .bind(py)
            .call1((columns, names.to_vec(), num_rows))?;
        if self.vectorized {
            let (schema, array) = out.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()?;
            let schema = schema.cast_into::<PyCapsule>()?;
            let array = array.cast_into::<PyCapsule>()?;
            let (array, _) =
                pyo3_arrow::PyArray::from_arrow_pycapsule(&schema, &array)?.into_inner();
            return Ok(array);
        }
        let values: Vec<Bound<'_, PyAny>> = out.cast::<PyList>()?.iter().collect();
        build_array(py, &values, return_type)
    }
}

impl UdfCallback for PyCallback {
    fn invoke(
        &self,
        args: &[ArrayRef],
        names: &[Option<String>],
        num_rows: usize,
        return_type: &SparkType,
    ) -> Result<ArrayRef> {
        Python::attach(|py| {
            self.run(py, args, names, num_rows, return_type)
                .map_err(|e| python_error(py, e))
        })
    }
}

/// A Python exception raised while computing a function, as Spark reports
/// it: `PythonException` with the traceback text.
fn python_error(py: Python<'_>, err: PyErr) -> SparkError {
    if let Some(e) = engine_error(py, &err) {
        return e;
    }
    let traceback = err
        .value(py)
        .getattr("_ember_traceback")
        .and_then(|t| t.extract::<String>())
        .unwrap_or_else(|_| {
            // `format` gives the "Traceback (most recent call last):" header.
            let tb = err
                .traceback(py)
                .and_then(|t| t.format().ok())
                .unwrap_or_default();
            format!("{tb}{err}")
        });
    SparkError::python_exception(traceback)
}

/// Calls `evaluate(columns, keywords)` of a Python object, `columns` as for
/// `PyCallback`; it gives `(rows, schema_json)`: rows of internal values.
pub struct PyTableCallback {
    pub evaluate: Py<PyAny>,
}

impl TableFunction for PyTableCallback {
    fn call(
        &self,
        args: &[ArrayRef],
        names: &[Option<String>],
    ) -> Result<(SchemaRef, Vec<RecordBatch>)> {
        Python::attach(|py| {
            let run = || -> PyResult<(SchemaRef, Vec<RecordBatch>)> {
                let columns = PyList::empty(py);
                for a in args {
                    let t = SparkType::from_arrow(a.data_type())
                        .py()?
                        .to_json()
                        .to_string();
                    let values = PyList::new(py, column_to_py(py, a.as_ref())?)?.into_any();
                    columns.append(PyTuple::new(py, [values, t.into_pyobject(py)?.into_any()])?)?;
                }
                let out = self.evaluate.bind(py).call1((columns, names.to_vec()))?;
                let (rows, schema): (Bound<'_, PyList>, String) = out.extract()?;
                let schema = SparkType::from_json_str(&schema).py()?;
                let (schema, batch) = rows_to_batch(py, &rows, &schema)?;
                let batches = if batch.num_rows() == 0 {
                    vec![]
                } else {
                    vec![batch]
                };
                Ok((schema, batches))
            };
            run().map_err(|e| python_error(py, e))
        })
    }
}

/// An error of Spark's own that converting a result raised (a decimal out
/// of range): it keeps its class, condition and parameters.
fn engine_error(py: Python<'_>, err: &PyErr) -> Option<SparkError> {
    const KINDS: [ErrorKind; 8] = [
        ErrorKind::Arithmetic,
        ErrorKind::Analysis,
        ErrorKind::SparkRuntime,
        ErrorKind::IllegalArgument,
        ErrorKind::DateTime,
        ErrorKind::NumberFormat,
        ErrorKind::ArrayIndexOutOfBounds,
        ErrorKind::UnsupportedOperation,
    ];
    let value = err.value(py);
    if value.hasattr("_ember_traceback").unwrap_or(false) {
        return None;
    }
    let class = value.get_type().name().ok()?.to_string();
    let kind = KINDS.into_iter().find(|k| k.class_name() == class)?;
    let condition: Option<String> = value.call_method0("getCondition").ok()?.extract().ok()?;
    let sql_state: Option<String> = value.call_method0("getSqlState").ok()?.extract().ok()?;
    let params: std::collections::BTreeMap<String, String> = value
        .call_method0("getMessageParameters")
        .ok()?
        .extract()
        .unwrap_or_default();
    Some(SparkError {
        kind,
        condition,
        sql_state,
        params: params.into_iter().collect(),
        message: value.str().ok()?.to_string(),
    })
}

#[pyclass(frozen, module = "ember._native", name = "UserFunction")]
pub struct PyUserFunction {
    pub inner: UdfRef,
}

#[pymethods]
impl PyUserFunction {
    /// `evaluate` computes batches (see `PyCallback`); `return_type_json`
    /// is the declared type in Spark's JSON form.
    #[new]
    fn new(
        name: String,
        evaluate: Py<PyAny>,
        return_type_json: &str,
        deterministic: bool,
        vectorized: bool,
        aggregate: bool,
    ) -> PyResult<Self> {
        let return_type = SparkType::from_json_str(return_type_json).py()?;
        Ok(PyUserFunction {
            inner: UdfRef(Arc::new(UserFunction {
                name,
                return_type,
                deterministic,
                aggregate,
                callback: Arc::new(PyCallback {
                    evaluate,
                    vectorized,
                }),
            })),
        })
    }

    /// The call `f(args…)`; `keywords` names the arguments passed by keyword.
    fn call(&self, args: Vec<PyRef<'_, PyColumn>>, keywords: Vec<Option<String>>) -> PyColumn {
        Expr::Udf {
            func: self.inner.clone(),
            args: super::column::exprs(&args),
            keywords,
        }
        .into()
    }
}
