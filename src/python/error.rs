//! The one place engine errors become Python exceptions of PySpark's classes.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::error::{ErrorKind, SparkError};

/// Builds the Python exception for an engine error.
pub fn to_py_err(err: SparkError) -> PyErr {
    Python::attach(|py| match build(py, &err) {
        Ok(e) => e,
        Err(e) => e,
    })
}

fn build(py: Python<'_>, err: &SparkError) -> PyResult<PyErr> {
    let params = PyDict::new(py);
    for (k, v) in &err.params {
        params.set_item(k, v)?;
    }
    let exc = if err.kind.class_name().starts_with("PySpark") {
        let errors = py.import("ember.errors")?;
        let cls = errors.getattr(err.kind.class_name())?;
        let kwargs = PyDict::new(py);
        match &err.condition {
            Some(c) => {
                kwargs.set_item("errorClass", c)?;
                kwargs.set_item("messageParameters", params)?;
            }
            None => kwargs.set_item("message", &err.message)?,
        }
        match cls.call((), Some(&kwargs)) {
            Ok(e) => e,
            // A condition the Python table lacks: keep the engine's text.
            Err(_) => {
                let kwargs = PyDict::new(py);
                kwargs.set_item("message", &err.message)?;
                cls.call((), Some(&kwargs))?
            }
        }
    } else {
        let captured = py.import("ember.errors.exceptions.captured")?;
        captured.getattr("_from_native")?.call1((
            err.kind.class_name(),
            err.condition.clone(),
            err.sql_state.clone(),
            params,
            err.message.clone(),
        ))?
    };
    Ok(PyErr::from_value(exc))
}

/// `?` on engine results inside `#[pymethods]`.
pub trait IntoPyResult<T> {
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for crate::error::Result<T> {
    fn py(self) -> PyResult<T> {
        self.map_err(to_py_err)
    }
}

impl From<SparkError> for PyErr {
    fn from(err: SparkError) -> PyErr {
        to_py_err(err)
    }
}

/// A `TypeError`-like engine error for bad arguments from Python.
pub fn type_error(message: impl Into<String>) -> PyErr {
    to_py_err(SparkError::plain(ErrorKind::PySparkType, message))
}
