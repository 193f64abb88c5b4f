//! Declarative entries of the function catalogue: a function's arity, the
//! type each argument is cast to, its default arguments, the name Spark
//! gives its output column, and the DataFusion (or datafusion-spark)
//! function that computes it. Functions whose semantics need more are
//! written as builders in their family's module.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{Expr as DFExpr, ScalarUDF};

use super::{arity, call_name};
use crate::error::{Result, SparkError};
use crate::expr::Literal;
use crate::plan::coerce::{self, cast_plain};
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

/// The type an argument is cast to before the call.
#[derive(Clone, Copy, Debug)]
pub(super) enum Arg {
    /// Left as it is.
    Any,
    Double,
    Long,
    Int,
    Str,
    Bin,
}

/// A default argument, filled in (and shown in the column name) when the
/// call leaves it out.
#[derive(Clone, Copy, Debug)]
pub(super) enum Lit {
    I(i32),
    S(&'static str),
    B(bool),
}

/// How the call is computed.
#[derive(Clone, Copy)]
pub(super) enum Imp {
    /// DataFusion's function of this name.
    Df(&'static str),
    /// datafusion-spark's function of this name.
    Spark(&'static str),
    /// An expression of the cast arguments.
    Expr(fn(Vec<DFExpr>) -> Result<DFExpr>),
    /// An expression of the resolved arguments (types known).
    Typed(fn(&Resolver, Vec<Resolved>) -> Result<DFExpr>),
}

/// Any number of arguments.
pub(super) const VAR: &[usize] = &[];

pub(super) struct Spec {
    pub name: &'static str,
    /// The name in the output column (`SIN`); empty: as `name`.
    pub display: &'static str,
    pub arity: &'static [usize],
    /// Per argument; the last one repeats.
    pub args: &'static [Arg],
    /// Defaults of the trailing arguments.
    pub defaults: &'static [Lit],
    pub imp: Imp,
}

/// A spec with the usual parts: `f(name, display, arity, args, imp)`.
pub(super) const fn f(
    name: &'static str,
    display: &'static str,
    arity: &'static [usize],
    args: &'static [Arg],
    imp: Imp,
) -> Spec {
    Spec {
        name,
        display,
        arity,
        args,
        defaults: &[],
        imp,
    }
}

/// A spec with default trailing arguments.
pub(super) const fn fd(
    name: &'static str,
    arity: &'static [usize],
    args: &'static [Arg],
    defaults: &'static [Lit],
    imp: Imp,
) -> Spec {
    Spec {
        name,
        display: "",
        arity,
        args,
        defaults,
        imp,
    }
}

fn tables() -> impl Iterator<Item = &'static Spec> {
    super::math::SPECS
        .iter()
        .chain(super::string::SPECS.iter())
        .chain(super::collection::SPECS.iter())
        .chain(super::misc::SPECS.iter())
}

pub(super) fn find(name: &str) -> Option<&'static Spec> {
    tables().find(|s| s.name == name)
}

pub(super) fn names() -> impl Iterator<Item = &'static str> {
    tables().map(|s| s.name)
}

/// The builder of every spec'd function.
pub(super) fn call(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    let key = name.to_lowercase();
    let spec = find(&key).ok_or_else(|| SparkError::internal(format!("no spec for {key}")))?;
    if !spec.arity.is_empty() {
        arity(&key, &args, spec.arity)?;
    }
    let max = spec.arity.iter().copied().max().unwrap_or(0);
    let first_default = max.saturating_sub(spec.defaults.len());
    if args.len() < max && args.len() >= first_default {
        for d in &spec.defaults[args.len() - first_default..] {
            args.push(r.literal(&literal(*d))?);
        }
    }
    let display = if spec.display.is_empty() {
        key.as_str()
    } else {
        spec.display
    };
    let out_name = call_name(display, &args);
    let expr = match spec.imp {
        Imp::Typed(build) => build(r, args)?,
        imp => {
            let mut exprs = Vec::with_capacity(args.len());
            for (i, a) in args.into_iter().enumerate() {
                let kind = spec
                    .args
                    .get(i)
                    .or(spec.args.last())
                    .copied()
                    .unwrap_or(Arg::Any);
                exprs.push(cast_arg(r, a, kind)?);
            }
            match imp {
                Imp::Df(n) => udf(&DF_UDFS, n)?.call(exprs),
                Imp::Spark(n) => udf(&SPARK_UDFS, n)?.call(exprs),
                Imp::Expr(build) => build(exprs)?,
                Imp::Typed(_) => return Err(SparkError::internal("typed")),
            }
        }
    };
    r.make(expr, out_name)
}

fn literal(l: Lit) -> Literal {
    match l {
        Lit::I(v) => Literal::Integer(v),
        Lit::S(v) => Literal::String(v.to_string()),
        Lit::B(v) => Literal::Boolean(v),
    }
}

/// An argument cast to the type the function takes (Spark's implicit cast).
pub(super) fn cast_arg(r: &Resolver, a: Resolved, kind: Arg) -> Result<DFExpr> {
    let to = match kind {
        Arg::Any => return Ok(a.expr),
        Arg::Double => SparkType::Double,
        Arg::Long => SparkType::Long,
        Arg::Int => SparkType::Integer,
        Arg::Str => SparkType::String,
        Arg::Bin => SparkType::Binary,
    };
    if a.spark_type()? == to {
        // Text as Utf8: the Spark kernels here read that layout.
        if to == SparkType::String && a.data_type != DataType::Utf8 {
            return Ok(cast_plain(a.expr, &DataType::Utf8));
        }
        return Ok(a.expr);
    }
    if matches!(a.data_type, DataType::Null) {
        return Ok(cast_plain(a.expr, &to.to_arrow()));
    }
    coerce::cast(r, a, &to, false)
}

type Udfs = LazyLock<HashMap<String, Arc<ScalarUDF>>>;

fn by_name(udfs: Vec<Arc<ScalarUDF>>) -> HashMap<String, Arc<ScalarUDF>> {
    let mut m = HashMap::new();
    for f in udfs {
        for a in f.aliases() {
            m.insert(a.clone(), Arc::clone(&f));
        }
        m.insert(f.name().to_string(), f);
    }
    m
}

static DF_UDFS: Udfs = LazyLock::new(|| {
    let mut all = datafusion::functions::all_default_functions();
    all.extend(datafusion::functions_nested::all_default_nested_functions());
    by_name(all)
});

static SPARK_UDFS: Udfs =
    LazyLock::new(|| by_name(datafusion_spark::all_default_scalar_functions()));

fn udf(udfs: &Udfs, name: &str) -> Result<Arc<ScalarUDF>> {
    udfs.get(name)
        .cloned()
        .ok_or_else(|| SparkError::internal(format!("function {name} is not registered")))
}

/// DataFusion's function of this name, called.
pub(super) fn df(name: &str, args: Vec<DFExpr>) -> Result<DFExpr> {
    Ok(udf(&DF_UDFS, name)?.call(args))
}

/// datafusion-spark's function of this name, called.
pub(super) fn spark(name: &str, args: Vec<DFExpr>) -> Result<DFExpr> {
    Ok(udf(&SPARK_UDFS, name)?.call(args))
}
