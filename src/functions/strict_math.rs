//! Functions Spark computes with `StrictMath` (fdlibm), whose last digit
//! can differ from the platform's: here through `libm`, a port of fdlibm.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray, Float64Array};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Float64Type};
use datafusion::common::Result as DFResult;
use datafusion::logical_expr::Expr as DFExpr;

use super::kernel::{self, Kernel};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Strict {
    Log2,
    Exp,
    Cosh,
}

/// `log2(x)` as Spark computes it: `log(x) / log(2)`, NULL unless x > 0.
pub(super) fn log2(x: DFExpr) -> DFExpr {
    kernel::call(Strict::Log2, DataType::Float64, vec![x])
}

/// `exp(x)`, as `StrictMath.exp`.
pub(super) fn exp(mut args: Vec<DFExpr>) -> crate::error::Result<DFExpr> {
    let x = args
        .pop()
        .ok_or_else(|| crate::error::SparkError::internal("arity"))?;
    Ok(kernel::call(Strict::Exp, DataType::Float64, vec![x]))
}

/// `cosh(x)`, as `StrictMath.cosh`.
pub(super) fn cosh(mut args: Vec<DFExpr>) -> crate::error::Result<DFExpr> {
    let x = args
        .pop()
        .ok_or_else(|| crate::error::SparkError::internal("arity"))?;
    Ok(kernel::call(Strict::Cosh, DataType::Float64, vec![x]))
}

impl Kernel for Strict {
    fn name(&self) -> &str {
        match self {
            Strict::Log2 => "spark_log2",
            Strict::Exp => "spark_exp",
            Strict::Cosh => "spark_cosh",
        }
    }

    fn eval(&self, a: &[ArrayRef], _rows: usize) -> DFResult<ArrayRef> {
        let x = cast(&a[0], &DataType::Float64)?;
        let out: Float64Array = x
            .as_primitive::<Float64Type>()
            .iter()
            .map(|v| match self {
                Strict::Log2 => v
                    .filter(|v| *v > 0.0)
                    .map(|v| libm::log(v) / libm::log(2.0)),
                Strict::Exp => v.map(libm::exp),
                Strict::Cosh => v.map(libm::cosh),
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
        assert_eq!(libm::exp(1.0), 2.7182818284590455);
        assert_eq!(libm::cosh(1.0), 1.543080634815244);
        assert_eq!(libm::exp(1.0), 2.7182818284590455);
        assert_eq!(libm::cosh(1.0), 1.543080634815244);
    }
}
