//! The pyo3 layer: the only Rust that imports pyo3. Each method converts its
//! arguments, makes one engine call and wraps the result.

mod column;
mod convert;
mod dataframe;
mod error;
mod rdd;
mod session;
mod udf;
mod variant_py;

use std::future::Future;
use std::time::Duration;

use pyo3::prelude::*;

use crate::error::Result;

/// Runs an engine future with the GIL released, checking for Ctrl-C.
pub fn wait_for<F, T>(py: Python<'_>, fut: F) -> PyResult<T>
where
    F: Future<Output = Result<T>> + Send,
    T: Send,
{
    let rt = crate::runtime::runtime().map_err(error::to_py_err)?;
    let outcome: std::result::Result<T, PyErr> = py.detach(|| {
        rt.block_on(async {
            tokio::pin!(fut);
            loop {
                tokio::select! {
                    r = &mut fut => return r.map_err(error::to_py_err),
                    _ = tokio::time::sleep(Duration::from_millis(500)) => {
                        Python::attach(|py| py.check_signals())?;
                    }
                }
            }
        })
    });
    outcome
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<session::PySession>()?;
    m.add_class::<dataframe::PyDataFrame>()?;
    m.add_class::<column::PyColumn>()?;
    m.add_class::<udf::PyUserFunction>()?;
    m.add_class::<rdd::PyRddContext>()?;
    m.add_class::<rdd::PyRdd>()?;
    m.add_function(wrap_pyfunction!(column::parse_expression, m)?)?;
    m.add_function(wrap_pyfunction!(rdd::count_split_words, m)?)?;
    m.add_function(wrap_pyfunction!(rdd::encode_int_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(rdd::decode_int_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(rdd::sum_int_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(convert::variant_to_json, m)?)?;
    m.add_function(wrap_pyfunction!(variant_py::variant_to_python, m)?)?;
    m.add_function(wrap_pyfunction!(convert::variant_from_json, m)?)?;
    m.add("SPARK_VERSION", crate::session::SPARK_VERSION)?;
    Ok(())
}
