//! Functions Spark computes with `StrictMath` (fdlibm), whose last digit
//! can differ from the platform's: here through `libm`, a port of fdlibm.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray, Float64Array};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Float64Type};
use datafusion::common::Result as DFResult;
use datafusion::logical_expr::Expr as DFExpr;

use super::kernel::{self, Kernel};

#[derive(Debug, PartialEq, Eq, Hash)]
struct Log2;

/// `log2(x)` as Spark computes it: `log(x) / log(2)`, NULL unless x > 0.
pub(super) fn log2(x: DFExpr) -> DFExpr {
    kernel::call(Log2, DataType::Float64, vec![x])
}

impl Kernel for Log2 {
    fn name(&self) -> &str {
        "spark_log2"
    }

    fn eval(&self, a: &[ArrayRef], _rows: usize) -> DFResult<ArrayRef> {
        let x = cast(&a[0], &DataType::Float64)?;
        let out: Float64Array = x
            .as_primitive::<Float64Type>()
            .iter()
            .map(|v| {
                v.filter(|v| *v > 0.0)
                    .map(|v| libm::log(v) / libm::log(2.0))
            })
            .collect();
        Ok(Arc::new(out))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn log2_has_fdlibms_digits() {
        assert_eq!(libm::log(3.0) / libm::log(2.0), 1.584962500721156);
        assert_eq!(libm::log(9.0) / libm::log(2.0), 3.1699250014423126);
    }
}
