//! `VariantVal.toPython()`: a variant as Python values, as PySpark gives
//! them (`Decimal` for decimals, `date`/`datetime` for dates and
//! timestamps, `dict` and `list` for objects and arrays).

use parquet_variant::Variant;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

use pyo3::types::IntoPyDict;

use super::error::type_error;

#[pyfunction]
pub fn variant_to_python<'py>(
    py: Python<'py>,
    value: &[u8],
    metadata: &[u8],
) -> PyResult<Bound<'py, PyAny>> {
    let v = Variant::try_new(metadata, value).map_err(|_| type_error("malformed variant bytes"))?;
    to_python(py, &v)
}

fn epoch_plus<'py>(py: Python<'py>, micros: i64, utc: bool) -> PyResult<Bound<'py, PyAny>> {
    let dt = py.import("datetime")?;
    let epoch = if utc {
        let tz = dt.getattr("timezone")?.getattr("utc")?;
        dt.getattr("datetime")?
            .call((1970, 1, 1, 0, 0, 0, 0, tz), None)?
    } else {
        dt.getattr("datetime")?.call1((1970, 1, 1))?
    };
    let delta = dt
        .getattr("timedelta")?
        .call((), Some(&[("microseconds", micros)].into_py_dict(py)?))?;
    epoch.call_method1("__add__", (delta,))
}

fn to_python<'py>(py: Python<'py>, v: &Variant) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Variant::Null => py.None().into_bound(py),
        Variant::BooleanTrue => true.into_pyobject(py)?.to_owned().into_any(),
        Variant::BooleanFalse => false.into_pyobject(py)?.to_owned().into_any(),
        Variant::Int8(i) => i.into_pyobject(py)?.into_any(),
        Variant::Int16(i) => i.into_pyobject(py)?.into_any(),
        Variant::Int32(i) => i.into_pyobject(py)?.into_any(),
        Variant::Int64(i) => i.into_pyobject(py)?.into_any(),
        Variant::Float(f) => f.into_pyobject(py)?.into_any(),
        Variant::Double(f) => f.into_pyobject(py)?.into_any(),
        Variant::Decimal4(_) | Variant::Decimal8(_) | Variant::Decimal16(_) => {
            let text = crate::functions::variant::scalar_text(v);
            py.import("decimal")?.getattr("Decimal")?.call1((text,))?
        }
        Variant::String(s) => s.into_pyobject(py)?.into_any(),
        Variant::ShortString(s) => s.as_str().into_pyobject(py)?.into_any(),
        Variant::Binary(b) => PyBytes::new(py, b).into_any(),
        Variant::Date(d) => {
            use chrono::Datelike;
            py.import("datetime")?
                .getattr("date")?
                .call1((d.year(), d.month(), d.day()))?
        }
        Variant::TimestampMicros(t) | Variant::TimestampNanos(t) => {
            epoch_plus(py, t.timestamp_micros(), true)?
        }
        Variant::TimestampNtzMicros(t) | Variant::TimestampNtzNanos(t) => {
            epoch_plus(py, t.and_utc().timestamp_micros(), false)?
        }
        Variant::Uuid(u) => py
            .import("uuid")?
            .getattr("UUID")?
            .call1((u.to_string(),))?,
        Variant::Object(o) => {
            let d = PyDict::new(py);
            for (k, val) in o.iter() {
                d.set_item(k, to_python(py, &val)?)?;
            }
            d.into_any()
        }
        Variant::List(l) => {
            let items = l
                .iter()
                .map(|val| to_python(py, &val))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        other => {
            let text = crate::functions::variant::scalar_text(other);
            text.into_pyobject(py)?.into_any()
        }
    })
}
