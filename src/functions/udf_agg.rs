//! Grouped-aggregate user-defined functions (pandas/arrow Series → scalar):
//! a group's argument values are gathered, then the function is called once
//! per group on all of them.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, ListArray};
use datafusion::arrow::buffer::OffsetBuffer;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result as DFResult, ScalarValue};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, Expr as DFExpr, Signature, Volatility,
};

use super::udf::UdfRef;
use crate::error::{to_df_error, SparkError};

/// The call of a grouped-aggregate function on `args`.
pub(super) fn call(
    name: &str,
    func: &UdfRef,
    args: Vec<DFExpr>,
    arg_types: Vec<DataType>,
    names: Vec<Option<String>>,
) -> DFExpr {
    let volatility = if func.0.deterministic {
        Volatility::Immutable
    } else {
        Volatility::Volatile
    };
    let udaf = AggregateUDF::new_from_impl(PythonAgg {
        name: name.to_string(),
        signature: Signature::any(args.len().max(1), volatility),
        return_type: func.0.return_type.to_arrow(),
        arg_types,
        func: func.clone(),
        names,
    });
    udaf.call(args)
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct PythonAgg {
    name: String,
    signature: Signature,
    return_type: DataType,
    arg_types: Vec<DataType>,
    func: UdfRef,
    names: Vec<Option<String>>,
}

impl AggregateUDFImpl for PythonAgg {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _: &[DataType]) -> DFResult<DataType> {
        Ok(self.return_type.clone())
    }

    fn accumulator(&self, _: AccumulatorArgs) -> DFResult<Box<dyn Accumulator>> {
        Ok(Box::new(Gather {
            func: self.func.clone(),
            names: self.names.clone(),
            arg_types: self.arg_types.clone(),
            parts: vec![vec![]; self.arg_types.len()],
        }))
    }

    /// One list per argument: the values gathered so far.
    fn state_fields(&self, args: StateFieldsArgs) -> DFResult<Vec<FieldRef>> {
        Ok(self
            .arg_types
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let item = Arc::new(Field::new_list_field(t.clone(), true));
                Arc::new(Field::new(
                    format_state_name(args.name, &format!("values{i}")),
                    DataType::List(item),
                    true,
                ))
            })
            .collect())
    }
}

#[derive(Debug)]
struct Gather {
    func: UdfRef,
    names: Vec<Option<String>>,
    arg_types: Vec<DataType>,
    /// Per argument, the batches of values gathered.
    parts: Vec<Vec<ArrayRef>>,
}

impl Gather {
    fn column(&self, i: usize) -> DFResult<ArrayRef> {
        let parts: Vec<&dyn Array> = self.parts[i].iter().map(|a| a.as_ref()).collect();
        if parts.is_empty() {
            return Ok(datafusion::arrow::array::new_empty_array(
                &self.arg_types[i],
            ));
        }
        Ok(datafusion::arrow::compute::concat(&parts)?)
    }
}

impl Accumulator for Gather {
    fn update_batch(&mut self, values: &[ArrayRef]) -> DFResult<()> {
        for (part, v) in self.parts.iter_mut().zip(values) {
            part.push(Arc::clone(v));
        }
        Ok(())
    }

    fn evaluate(&mut self) -> DFResult<ScalarValue> {
        let columns = (0..self.parts.len())
            .map(|i| self.column(i))
            .collect::<DFResult<Vec<_>>>()?;
        let rows = columns.first().map_or(0, |c| c.len());
        let f = &self.func.0;
        let out = f
            .callback
            .invoke(&columns, &self.names, rows, &f.return_type)
            .map_err(to_df_error)?;
        if out.len() != 1 {
            return Err(to_df_error(SparkError::internal(format!(
                "{} returned {} values for one group",
                f.name,
                out.len()
            ))));
        }
        let target = f.return_type.to_arrow();
        let out = if out.data_type() != &target {
            datafusion::arrow::compute::cast(&out, &target)?
        } else {
            out
        };
        ScalarValue::try_from_array(&out, 0)
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
            + self
                .parts
                .iter()
                .flatten()
                .map(|a| a.get_array_memory_size())
                .sum::<usize>()
    }

    fn state(&mut self) -> DFResult<Vec<ScalarValue>> {
        (0..self.parts.len())
            .map(|i| {
                let values = self.column(i)?;
                let field = Arc::new(Field::new_list_field(values.data_type().clone(), true));
                let list = ListArray::new(
                    field,
                    OffsetBuffer::from_lengths([values.len()]),
                    values,
                    None,
                );
                Ok(ScalarValue::List(Arc::new(list)))
            })
            .collect()
    }

    /// A sliding window drops its oldest rows: the first values gathered.
    fn retract_batch(&mut self, values: &[ArrayRef]) -> DFResult<()> {
        let n = values.first().map_or(0, |v| v.len());
        for i in 0..self.parts.len() {
            let all = self.column(i)?;
            let keep = all.len().saturating_sub(n);
            self.parts[i] = vec![all.slice(all.len() - keep, keep)];
        }
        Ok(())
    }

    fn supports_retract_batch(&self) -> bool {
        true
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> DFResult<()> {
        for (part, state) in self.parts.iter_mut().zip(states) {
            let list = state.as_list::<i32>();
            for i in 0..list.len() {
                if list.is_valid(i) {
                    part.push(list.value(i));
                }
            }
        }
        Ok(())
    }
}
