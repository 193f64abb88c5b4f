//! `schema_of_variant_agg(v)`: the merged schema of a group's variants.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result as DFResult, ScalarValue};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility,
};

use super::variant_arrow::read;
use super::variant_schema::{merge, of, Schema};
use crate::error::Result;
use crate::plan::resolve::{Resolved, Resolver};

pub(super) fn schema_of_variant_agg(
    r: &Resolver,
    name: &str,
    args: Vec<Resolved>,
) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    let v = super::variant::variant_input("schema_of_variant_agg", &n, a)?;
    let udf = AggregateUDF::new_from_impl(SchemaAgg {
        signature: Signature::any(1, Volatility::Immutable),
    });
    r.make(udf.call(vec![v]), n)
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct SchemaAgg {
    signature: Signature,
}

impl AggregateUDFImpl for SchemaAgg {
    fn name(&self) -> &str {
        "spark_schema_of_variant_agg"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DFResult<DataType> {
        Ok(DataType::Utf8)
    }

    fn accumulator(&self, _args: AccumulatorArgs) -> DFResult<Box<dyn Accumulator>> {
        Ok(Box::new(SchemaAcc(Schema::Void)))
    }

    fn state_fields(&self, _args: StateFieldsArgs) -> DFResult<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new("schema", DataType::Utf8, true))])
    }
}

#[derive(Debug)]
struct SchemaAcc(Schema);

impl Accumulator for SchemaAcc {
    fn update_batch(&mut self, values: &[ArrayRef]) -> DFResult<()> {
        for i in 0..values[0].len() {
            if let Some(n) = read(values[0].as_ref(), i) {
                self.0 = merge(&self.0, &of(&n));
            }
        }
        Ok(())
    }

    fn evaluate(&mut self) -> DFResult<ScalarValue> {
        Ok(ScalarValue::Utf8(Some(self.0.sql())))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.0.sql().len()
    }

    fn state(&mut self) -> DFResult<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Utf8(Some(self.0.to_json().to_string()))])
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> DFResult<()> {
        let s = datafusion::arrow::compute::cast(&states[0], &DataType::Utf8)?;
        let s = s.as_string::<i32>();
        for i in 0..s.len() {
            if s.is_null(i) {
                continue;
            }
            let parsed = serde_json::from_str(s.value(i))
                .ok()
                .and_then(|v| Schema::from_json(&v));
            if let Some(other) = parsed {
                self.0 = merge(&self.0, &other);
            }
        }
        Ok(())
    }
}
