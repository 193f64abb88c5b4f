//! `PySession`: SparkSession's native half.

use std::collections::BTreeMap;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyList};

use super::convert::{rows_to_batch, sparkify};
use super::dataframe::PyDataFrame;
use super::error::IntoPyResult;
use crate::dataframe::DataFrame;
use crate::plan::ops;
use crate::session::Session;
use crate::types::SparkType;

#[pyclass(frozen, module = "ember._native", name = "Session")]
pub struct PySession {
    pub inner: Arc<Session>,
}

impl PySession {
    fn df(&self, frame: crate::plan::Frame) -> PyDataFrame {
        DataFrame::new(Arc::clone(&self.inner), frame).into()
    }
}

#[pymethods]
impl PySession {
    #[new]
    #[pyo3(signature = (conf=None))]
    fn new(conf: Option<BTreeMap<String, String>>) -> PyResult<Self> {
        Ok(PySession {
            inner: Session::new(conf.unwrap_or_default()).py()?,
        })
    }

    fn new_session(&self) -> PyResult<Self> {
        Ok(PySession {
            inner: self.inner.new_session().py()?,
        })
    }

    fn conf_get(&self, key: &str) -> Option<String> {
        self.inner.get_conf(key)
    }

    fn conf_set(&self, key: &str, value: &str) -> PyResult<()> {
        self.inner.set_conf(key, value).py()
    }

    fn conf_unset(&self, key: &str) {
        self.inner.unset_conf(key)
    }

    fn conf_all(&self) -> BTreeMap<String, String> {
        self.inner.all_conf()
    }

    fn conf_is_modifiable(&self, key: &str) -> bool {
        self.inner.is_modifiable(key)
    }

    /// Rows of internal values and a Spark JSON schema → a DataFrame.
    fn create_dataframe(
        &self,
        py: Python<'_>,
        rows: &Bound<'_, PyList>,
        schema_json: &str,
    ) -> PyResult<PyDataFrame> {
        let schema = SparkType::from_json_str(schema_json).py()?;
        let (arrow_schema, batch) = rows_to_batch(py, rows, &schema)?;
        let batches = if batch.num_rows() == 0 {
            vec![]
        } else {
            vec![batch]
        };
        Ok(self.df(ops::from_batches(arrow_schema, batches).py()?))
    }

    /// An Arrow C stream (pyarrow Table, pandas via pyarrow) → a DataFrame.
    fn create_from_arrow_stream(&self, capsule: &Bound<'_, PyCapsule>) -> PyResult<PyDataFrame> {
        let table = pyo3_arrow::PyTable::from_arrow_pycapsule(capsule)?;
        let (batches, schema) = table.into_inner();
        let (schema, batches) = sparkify(batches, &schema).py()?;
        Ok(self.df(ops::from_batches(schema, batches).py()?))
    }

    #[pyo3(signature = (start, end, step=1, num_partitions=None))]
    fn range(
        &self,
        start: i64,
        end: i64,
        step: i64,
        num_partitions: Option<usize>,
    ) -> PyResult<PyDataFrame> {
        Ok(self.df(ops::range(&self.inner.ctx, start, end, step, num_partitions).py()?))
    }

    fn table(&self, name: &str) -> PyResult<PyDataFrame> {
        Ok(self.df(self.inner.lookup_table(name).py()?))
    }

    fn current_database(&self) -> String {
        self.inner.current_database()
    }

    fn drop_temp_view(&self, name: &str) -> bool {
        self.inner.drop_temp_view(name)
    }

    fn drop_global_temp_view(&self, name: &str) -> bool {
        self.inner.drop_global_temp_view(name)
    }

    /// The catalog type of `db.name`: `VIEW`, `EXTERNAL` or `MANAGED`.
    fn table_type(&self, db: &str, name: &str) -> PyResult<&'static str> {
        let warehouse = self.inner.warehouse();
        if warehouse.read_view(db, name).py()?.is_some() {
            return Ok("VIEW");
        }
        let meta = warehouse.read_meta(db, name).py()?;
        Ok(match meta {
            Some(m) if m.location.is_some() => "EXTERNAL",
            _ => "MANAGED",
        })
    }

    fn is_cached(&self, name: &str) -> bool {
        self.inner.is_cached(name)
    }

    fn save_as_table(
        &self,
        py: Python<'_>,
        df: PyRef<'_, PyDataFrame>,
        name: String,
        mode: String,
        format: String,
        partition_by: Vec<String>,
    ) -> PyResult<()> {
        let session = std::sync::Arc::clone(&self.inner);
        let frame = df.inner.frame.clone();
        super::wait_for(py, async move {
            crate::sql::commands::save_as_table(
                &session,
                &frame,
                &name,
                &mode,
                &format,
                partition_by,
            )
            .await
        })
    }

    fn insert_into(
        &self,
        py: Python<'_>,
        df: PyRef<'_, PyDataFrame>,
        name: String,
        overwrite: bool,
    ) -> PyResult<()> {
        let session = std::sync::Arc::clone(&self.inner);
        let frame = df.inner.frame.clone();
        super::wait_for(py, async move {
            crate::sql::commands::insert_into(&session, &frame, &name, overwrite).await
        })
    }

    /// The data files a read of `paths` reads, as `file:` URIs.
    #[staticmethod]
    fn input_files(paths: Vec<String>) -> PyResult<Vec<String>> {
        let listing = crate::io::files::list(&paths).py()?;
        Ok(listing
            .files()
            .map(|f| crate::io::files::qualified(&f.to_string_lossy()))
            .collect())
    }

    #[pyo3(signature = (format, paths, schema, options))]
    fn read_files(
        &self,
        py: Python<'_>,
        format: String,
        paths: Vec<String>,
        schema: Option<String>,
        options: std::collections::BTreeMap<String, String>,
    ) -> PyResult<PyDataFrame> {
        let session = std::sync::Arc::clone(&self.inner);
        let options = crate::io::Options::new(options);
        let frame = super::wait_for(py, async move {
            crate::io::read(&session, &format, &paths, schema.as_deref(), &options).await
        })?;
        Ok(self.df(frame))
    }

    #[allow(clippy::too_many_arguments)]
    fn save_files(
        &self,
        py: Python<'_>,
        df: PyRef<'_, PyDataFrame>,
        path: String,
        format: String,
        mode: String,
        partition_by: Vec<String>,
        options: std::collections::BTreeMap<String, String>,
    ) -> PyResult<()> {
        let session = std::sync::Arc::clone(&self.inner);
        let frame = df.inner.frame.clone();
        let options = crate::io::Options::new(options);
        super::wait_for(py, async move {
            crate::io::write::save(
                &session,
                &frame,
                &path,
                &format,
                &mode,
                &partition_by,
                &options,
            )
            .await
        })
    }

    fn read_parquet(&self, py: Python<'_>, paths: Vec<String>) -> PyResult<PyDataFrame> {
        let session = std::sync::Arc::clone(&self.inner);
        let frame = super::wait_for(py, async move {
            crate::io::read_parquet(&session, &paths).await
        })?;
        Ok(self.df(frame))
    }

    /// Makes `f` callable by `name` from SQL text and `call_udf`.
    fn register_udf(&self, name: &str, f: PyRef<'_, super::udf::PyUserFunction>) {
        self.inner.udfs.register(name, f.inner.clone());
    }

    /// Makes a table function callable by `name` in SQL's FROM; `evaluate`
    /// computes its rows (see `PyTableCallback`).
    fn register_udtf(&self, name: &str, evaluate: Py<PyAny>) {
        let f = super::udf::PyTableCallback { evaluate };
        self.inner.udfs.register_table(name, Arc::new(f));
    }

    fn sql(&self, py: Python<'_>, query: &str) -> PyResult<PyDataFrame> {
        let session = std::sync::Arc::clone(&self.inner);
        let text = query.to_string();
        let frame = super::wait_for(py, async move { crate::sql::sql(&session, &text).await })?;
        Ok(self.df(frame))
    }
}
