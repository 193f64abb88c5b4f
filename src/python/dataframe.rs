//! `PyDataFrame`: DataFrame's native half.

use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyList};

use super::column::{exprs, PyColumn};
use super::convert::batches_to_rows;
use super::error::IntoPyResult;
use super::wait_for;
use crate::dataframe::DataFrame;

#[pyclass(frozen, module = "ember._native", name = "DataFrame")]
pub struct PyDataFrame {
    pub inner: DataFrame,
}

impl From<DataFrame> for PyDataFrame {
    fn from(inner: DataFrame) -> Self {
        PyDataFrame { inner }
    }
}

type Cols<'a> = Vec<PyRef<'a, PyColumn>>;

#[pymethods]
impl PyDataFrame {
    fn id(&self) -> u64 {
        self.inner.id()
    }

    fn columns(&self) -> Vec<String> {
        self.inner.columns()
    }

    fn schema_json(&self) -> PyResult<String> {
        self.inner.schema_json().py()
    }

    fn select(&self, cols: Cols<'_>) -> PyResult<Self> {
        Ok(self.inner.select(&exprs(&cols)).py()?.into())
    }

    fn check(&self, col: PyRef<'_, PyColumn>) -> PyResult<()> {
        self.inner.check(&col.inner).py()
    }

    fn select_expr(&self, texts: Vec<String>) -> PyResult<Self> {
        Ok(self.inner.select_expr(&texts).py()?.into())
    }

    #[pyo3(signature = (groups, aggs, kind="groupby", sets=None))]
    fn aggregate(
        &self,
        groups: Cols<'_>,
        aggs: Cols<'_>,
        kind: &str,
        sets: Option<Vec<Vec<usize>>>,
    ) -> PyResult<Self> {
        let grouping = crate::plan::aggregate::Grouping::parse(kind, sets).py()?;
        Ok(self
            .inner
            .aggregate(&exprs(&groups), &exprs(&aggs), &grouping)
            .py()?
            .into())
    }

    #[pyo3(signature = (right, condition, how))]
    fn join_on(
        &self,
        right: PyRef<'_, PyDataFrame>,
        condition: Option<PyRef<'_, PyColumn>>,
        how: &str,
    ) -> PyResult<Self> {
        let cond = condition.as_ref().map(|c| &c.inner);
        Ok(self.inner.join_on(&right.inner, cond, how).py()?.into())
    }

    fn join_using(
        &self,
        right: PyRef<'_, PyDataFrame>,
        keys: Vec<String>,
        how: &str,
    ) -> PyResult<Self> {
        Ok(self.inner.join_using(&right.inner, &keys, how).py()?.into())
    }

    #[pyo3(signature = (right, op, all, by_name=false, allow_missing=false))]
    fn set_op(
        &self,
        right: PyRef<'_, PyDataFrame>,
        op: &str,
        all: bool,
        by_name: bool,
        allow_missing: bool,
    ) -> PyResult<Self> {
        Ok(self
            .inner
            .set_op(&right.inner, op, all, by_name, allow_missing)
            .py()?
            .into())
    }

    #[pyo3(signature = (lower, upper, seed, with_replacement=false))]
    fn sample(&self, lower: f64, upper: f64, seed: i64, with_replacement: bool) -> PyResult<Self> {
        Ok(self
            .inner
            .sample(lower, upper, seed, with_replacement)
            .py()?
            .into())
    }

    fn filter(&self, condition: PyRef<'_, PyColumn>) -> PyResult<Self> {
        Ok(self.inner.filter(&condition.inner).py()?.into())
    }

    fn with_columns(&self, names: Vec<String>, cols: Cols<'_>) -> PyResult<Self> {
        Ok(self.inner.with_columns(&names, &exprs(&cols)).py()?.into())
    }

    fn with_columns_renamed(&self, renames: Vec<(String, String)>) -> Self {
        self.inner.with_columns_renamed(&renames).into()
    }

    fn drop(&self, names: Vec<String>, cols: Cols<'_>) -> PyResult<Self> {
        Ok(self.inner.drop(&names, &exprs(&cols)).py()?.into())
    }

    fn to_df(&self, names: Vec<String>) -> PyResult<Self> {
        Ok(self.inner.to_df(&names).py()?.into())
    }

    fn zip(&self, other: PyRef<'_, PyDataFrame>) -> PyResult<Self> {
        Ok(self.inner.zip(&other.inner).py()?.into())
    }

    fn alias(&self, name: &str) -> Self {
        self.inner.alias(name).into()
    }

    fn limit(&self, n: usize) -> PyResult<Self> {
        Ok(self.inner.limit(n).py()?.into())
    }

    fn offset(&self, n: usize) -> PyResult<Self> {
        Ok(self.inner.offset(n).py()?.into())
    }

    fn distinct(&self) -> PyResult<Self> {
        Ok(self.inner.distinct().py()?.into())
    }

    fn drop_duplicates(&self, subset: Vec<String>) -> PyResult<Self> {
        Ok(self.inner.drop_duplicates(&subset).py()?.into())
    }

    fn sort(&self, cols: Cols<'_>) -> PyResult<Self> {
        Ok(self.inner.sort(&exprs(&cols)).py()?.into())
    }

    #[pyo3(signature = (num_partitions, cols))]
    fn repartition(&self, num_partitions: Option<usize>, cols: Cols<'_>) -> PyResult<Self> {
        Ok(self
            .inner
            .repartition(num_partitions, &exprs(&cols))
            .py()?
            .into())
    }

    fn collect<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let batches = wait_for(py, self.inner.collect())?;
        batches_to_rows(py, &batches)
    }

    fn take<'py>(&self, py: Python<'py>, n: usize) -> PyResult<Bound<'py, PyList>> {
        let batches = wait_for(py, self.inner.take(n))?;
        batches_to_rows(py, &batches)
    }

    fn tail<'py>(&self, py: Python<'py>, n: usize) -> PyResult<Bound<'py, PyList>> {
        let batches = wait_for(py, self.inner.tail(n))?;
        batches_to_rows(py, &batches)
    }

    fn count(&self, py: Python<'_>) -> PyResult<i64> {
        wait_for(py, self.inner.count())
    }

    fn show_string(
        &self,
        py: Python<'_>,
        n: i64,
        truncate: i64,
        vertical: bool,
    ) -> PyResult<String> {
        wait_for(py, self.inner.show_string(n, truncate, vertical))
    }

    fn explain_string(&self, py: Python<'_>, mode: &str) -> PyResult<String> {
        wait_for(py, self.inner.explain_string(mode))
    }

    fn semantic_text(&self) -> PyResult<String> {
        self.inner.semantic_text().py()
    }

    fn cached(&self) -> PyResult<Self> {
        Ok(self.inner.cached().py()?.into())
    }

    fn is_materialized(&self) -> bool {
        self.inner.is_materialized()
    }

    fn create_view(&self, name: &str, replace: bool, global_view: bool) -> PyResult<()> {
        self.inner.create_view(name, replace, global_view).py()
    }

    /// The results as an Arrow table object (`pyo3_arrow`'s `Table`).
    fn to_arrow_table<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let batches = wait_for(py, self.inner.collect())?;
        let schema = self.inner.frame.output_schema();
        let table = pyo3_arrow::PyTable::try_new(batches, schema)?;
        Ok(Bound::new(py, table)?.into_any())
    }

    /// The Arrow PyCapsule stream protocol.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let table = self.to_arrow_table(py)?;
        table.call_method1("__arrow_c_stream__", (requested_schema,))
    }
}
