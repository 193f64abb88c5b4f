//! User-defined functions, engine side. A function defined outside the
//! engine (in Python) is a [`UdfCallback`]: Arrow arrays in, one Arrow
//! array out. Calling it in a query makes a DataFusion scalar function
//! (volatile when the user marked it non-deterministic) named as Spark names
//! it: `f(a, b => x)`.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, RwLock};

use datafusion::arrow::array::{ArrayRef, RecordBatch};
use datafusion::arrow::datatypes::{DataType, SchemaRef};
use datafusion::common::Result as DFResult;
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};

use crate::error::{to_df_error, Result, SparkError};
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

/// Computes a user-defined function over one batch of rows.
pub trait UdfCallback: Send + Sync {
    /// `args` are the argument columns (all `num_rows` long), `names` the
    /// keyword each was passed by (None: positional). The result has
    /// `num_rows` values of `return_type`.
    fn invoke(
        &self,
        args: &[ArrayRef],
        names: &[Option<String>],
        num_rows: usize,
        return_type: &SparkType,
    ) -> Result<ArrayRef>;
}

/// A user-defined function: its name, declared type and how it runs.
pub struct UserFunction {
    pub name: String,
    pub return_type: SparkType,
    pub deterministic: bool,
    /// A grouped aggregate: called once per group on all its values.
    pub aggregate: bool,
    pub callback: Arc<dyn UdfCallback>,
}

/// A shared handle on a user-defined function; equal when it is the same
/// function.
#[derive(Clone)]
pub struct UdfRef(pub Arc<UserFunction>);

impl PartialEq for UdfRef {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for UdfRef {}

impl Hash for UdfRef {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (Arc::as_ptr(&self.0) as *const () as usize).hash(state);
    }
}

impl std::fmt::Debug for UdfRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "UserFunction({})", self.0.name)
    }
}

/// A user-defined table function: the rows it gives for constant arguments.
pub trait TableFunction: Send + Sync {
    /// `args` hold one value each; `names` the keyword each was passed by.
    fn call(
        &self,
        args: &[ArrayRef],
        names: &[Option<String>],
    ) -> Result<(SchemaRef, Vec<RecordBatch>)>;
}

/// The functions a session registered by name (`spark.udf.register`,
/// `spark.udtf.register`).
#[derive(Default)]
pub struct Registry {
    by_name: RwLock<HashMap<String, UdfRef>>,
    tables: RwLock<HashMap<String, Arc<dyn TableFunction>>>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Registry")
    }
}

impl Registry {
    pub fn register(&self, name: &str, f: UdfRef) {
        if let Ok(mut m) = self.by_name.write() {
            m.insert(name.to_lowercase(), f);
        }
    }

    pub fn register_table(&self, name: &str, f: Arc<dyn TableFunction>) {
        if let Ok(mut m) = self.tables.write() {
            m.insert(name.to_lowercase(), f);
        }
    }

    pub fn table(&self, name: &str) -> Option<Arc<dyn TableFunction>> {
        self.tables
            .read()
            .ok()
            .and_then(|m| m.get(&name.to_lowercase()).cloned())
    }

    pub fn get(&self, name: &str) -> Option<UdfRef> {
        self.by_name
            .read()
            .ok()
            .and_then(|m| m.get(&name.to_lowercase()).cloned())
    }
}

/// A call of `f`: the argument values and the keywords they were given by,
/// named `name(a, k => b)`.
pub fn resolve(
    r: &Resolver,
    name: &str,
    f: &UdfRef,
    args: Vec<Resolved>,
    keywords: &[Option<String>],
) -> Result<Resolved> {
    let shown: Vec<String> = args
        .iter()
        .enumerate()
        .map(|(i, a)| match keywords.get(i).cloned().flatten() {
            Some(k) => format!("{k} => {}", a.name),
            None => a.name.clone(),
        })
        .collect();
    let out_name = format!("{name}({})", shown.join(", "));
    let volatility = if f.0.deterministic {
        Volatility::Immutable
    } else {
        Volatility::Volatile
    };
    let names: Vec<Option<String>> = (0..args.len())
        .map(|i| keywords.get(i).cloned().flatten())
        .collect();
    if f.0.aggregate {
        let types = args.iter().map(|a| a.data_type.clone()).collect();
        let exprs = args.into_iter().map(|a| a.expr).collect();
        let call = super::udf_agg::call(name, f, exprs, types, names);
        return r.make(call, out_name);
    }
    // A zero-argument function takes no columns but still runs per row.
    let signature = if args.is_empty() {
        Signature::nullary(volatility)
    } else {
        Signature::any(args.len(), volatility)
    };
    let udf = ScalarUDF::new_from_impl(PythonScalar {
        name: name.to_string(),
        signature,
        return_type: f.0.return_type.to_arrow(),
        func: f.clone(),
        names,
    });
    let exprs = args.into_iter().map(|a| a.expr).collect();
    r.make(udf.call(exprs), out_name)
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct PythonScalar {
    name: String,
    signature: Signature,
    return_type: DataType,
    func: UdfRef,
    names: Vec<Option<String>>,
}

impl ScalarUDFImpl for PythonScalar {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DFResult<DataType> {
        Ok(self.return_type.clone())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        let rows = args.number_rows;
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let arrays: Vec<ArrayRef> = arrays
            .into_iter()
            .map(|a| {
                if a.len() == rows {
                    Ok(a)
                } else {
                    // A scalar argument broadcast to every row.
                    let s = datafusion::common::ScalarValue::try_from_array(&a, 0)?;
                    s.to_array_of_size(rows)
                }
            })
            .collect::<DFResult<_>>()?;
        let out = self
            .func
            .0
            .callback
            .invoke(&arrays, &self.names, rows, &self.func.0.return_type)
            .map_err(to_df_error)?;
        if out.len() != rows {
            return Err(to_df_error(SparkError::internal(format!(
                "{} returned {} values for {rows} rows",
                self.name,
                out.len()
            ))));
        }
        if out.data_type() != &self.return_type {
            let cast = datafusion::arrow::compute::cast(&out, &self.return_type)?;
            return Ok(ColumnarValue::Array(cast));
        }
        Ok(ColumnarValue::Array(out))
    }
}
