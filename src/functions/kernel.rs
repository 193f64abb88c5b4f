//! A scalar function from a row-wise kernel: the kernel gets the arguments
//! as arrays and returns the result array; the return type is fixed when
//! the call is built (the resolver knows the argument types then).

use std::fmt::Debug;
use std::hash::Hash;

use datafusion::arrow::array::ArrayRef;
use datafusion::arrow::datatypes::DataType;
use datafusion::common::Result as DFResult;
use datafusion::logical_expr::{
    ColumnarValue, Expr as DFExpr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};

/// The computation of one function.
pub(super) trait Kernel: Debug + PartialEq + Eq + Hash + Send + Sync + 'static {
    /// DataFusion's name of the function (shown in plans only).
    fn name(&self) -> &str;

    /// The result for `rows` rows of the arguments (all arrays of that
    /// length; a constant argument comes as an array too).
    fn eval(&self, args: &[ArrayRef], rows: usize) -> DFResult<ArrayRef>;

    /// A fresh value per row (random functions): never folded to a constant.
    fn volatile(&self) -> bool {
        false
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct KernelUdf<K: Kernel> {
    kernel: K,
    ret: DataType,
    signature: Signature,
}

/// The call of `kernel` on `args`, giving `ret`.
pub(super) fn call<K: Kernel>(kernel: K, ret: DataType, args: Vec<DFExpr>) -> DFExpr {
    let volatility = if kernel.volatile() {
        Volatility::Volatile
    } else {
        Volatility::Immutable
    };
    let signature = if args.is_empty() {
        Signature::nullary(volatility)
    } else {
        Signature::any(args.len(), volatility)
    };
    ScalarUDF::new_from_impl(KernelUdf {
        kernel,
        ret,
        signature,
    })
    .call(args)
}

impl<K: Kernel> ScalarUDFImpl for KernelUdf<K> {
    fn name(&self) -> &str {
        self.kernel.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DFResult<DataType> {
        Ok(self.ret.clone())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DFResult<ColumnarValue> {
        let per_row = self.kernel.volatile();
        super::udfs::invoke_rowwise(&args, per_row, |a, n| self.kernel.eval(a, n))
    }
}
