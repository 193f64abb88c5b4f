//! Functions of float vectors (`ARRAY<FLOAT>`): `vector_cosine_similarity`,
//! `vector_inner_product`, `vector_l2_distance`, `vector_norm`,
//! `vector_normalize`, and the aggregates `vector_avg` and `vector_sum`.
//! A vector with a NULL element gives NULL (the aggregates skip it).

use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Float32Array, Float32Builder, ListArray, ListBuilder,
};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, Float32Type};
use datafusion::common::Result as DFResult;
use datafusion::logical_expr::expr::AggregateFunction;
use datafusion::logical_expr::Expr as DFExpr;

use super::kernel::{self, Kernel};
use super::{arity, call_name, Builder};
use crate::error::{to_df_error, ErrorKind, Result, SparkError};
use crate::expr::Literal;
use crate::plan::coerce::cast_plain;
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("vector_cosine_similarity", pairwise),
    ("vector_inner_product", pairwise),
    ("vector_l2_distance", pairwise),
    ("vector_norm", norm),
    ("vector_normalize", norm),
];

/// The aggregates of this family.
pub(super) const AGGREGATES: &[(&str, Builder)] =
    &[("vector_avg", aggregate), ("vector_sum", aggregate)];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Vector {
    Cosine,
    Inner,
    L2,
    Norm,
    Normalize,
    Sum,
    Avg,
}

impl Vector {
    fn sql(self) -> &'static str {
        match self {
            Vector::Cosine => "vector_cosine_similarity",
            Vector::Inner => "vector_inner_product",
            Vector::L2 => "vector_l2_distance",
            Vector::Norm => "vector_norm",
            Vector::Normalize => "vector_normalize",
            Vector::Sum => "vector_sum",
            Vector::Avg => "vector_avg",
        }
    }

    fn of(name: &str) -> Vector {
        match name {
            "vector_cosine_similarity" => Vector::Cosine,
            "vector_inner_product" => Vector::Inner,
            "vector_l2_distance" => Vector::L2,
            "vector_norm" => Vector::Norm,
            "vector_normalize" => Vector::Normalize,
            "vector_sum" => Vector::Sum,
            _ => Vector::Avg,
        }
    }
}

fn float_list() -> DataType {
    DataType::List(Arc::new(Field::new("element", DataType::Float32, true)))
}

/// Spark requires `ARRAY<FLOAT>` exactly.
fn check_vector(call: &str, a: &Resolved, ordinal: &str) -> Result<()> {
    let t = a.spark_type()?;
    if let SparkType::Array(e, _) = &t {
        if **e == SparkType::Float {
            return Ok(());
        }
    }
    Err(SparkError::datatype_mismatch(
        "UNEXPECTED_INPUT_TYPE",
        call,
        format!(
            "The {ordinal} parameter requires the \"ARRAY<FLOAT>\" type, however \"{}\" has the type \"{}\".",
            a.name,
            t.sql_name()
        ),
    ))
}

fn pairwise(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2])?;
    let n = call_name(&lname, &args);
    check_vector(&n, &args[0], "first")?;
    check_vector(&n, &args[1], "second")?;
    let exprs = args
        .into_iter()
        .map(|a| cast_plain(a.expr, &float_list()))
        .collect();
    r.make(
        kernel::call(Vector::of(&lname), DataType::Float32, exprs),
        n,
    )
}

/// `vector_norm(v[, degree = 2.0])`, `vector_normalize(v[, degree])`.
fn norm(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[1, 2])?;
    if args.len() == 1 {
        args.push(r.literal(&Literal::Float(2.0))?);
    }
    let n = call_name(&lname, &args);
    check_vector(&n, &args[0], "first")?;
    let kind = Vector::of(&lname);
    let ret = if kind == Vector::Norm {
        DataType::Float32
    } else {
        float_list()
    };
    let mut it = args.into_iter();
    let (Some(v), Some(d)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let exprs = vec![
        cast_plain(v.expr, &float_list()),
        cast_plain(d.expr, &DataType::Float32),
    ];
    r.make(kernel::call(kind, ret, exprs), n)
}

/// `vector_sum(v)`, `vector_avg(v)`: the vectors collected, then summed.
fn aggregate(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (a, n) = super::unary(&lname, args)?;
    check_vector(&n, &a, "first")?;
    let x = cast_plain(a.expr, &float_list());
    let filter = Box::new(x.clone().is_not_null());
    let collected = DFExpr::AggregateFunction(AggregateFunction::new_udf(
        datafusion::functions_aggregate::array_agg::array_agg_udaf(),
        vec![x],
        false,
        Some(filter),
        vec![],
        None,
    ));
    let ret = DataType::List(Arc::new(Field::new("element", DataType::Float32, false)));
    r.make(kernel::call(Vector::of(&lname), ret, vec![collected]), n)
}

fn dimension_error(f: &str, a: usize, b: usize) -> datafusion::error::DataFusionError {
    to_df_error(SparkError::new(
        ErrorKind::SparkRuntime,
        "VECTOR_DIMENSION_MISMATCH",
        "22000",
        format!("Vectors passed to `{f}` must have the same dimension, but got {a} and {b}."),
        &[
            ("functionName", format!("`{f}`")),
            ("leftDim", a.to_string()),
            ("rightDim", b.to_string()),
        ],
    ))
}

fn lists(a: &ArrayRef) -> DFResult<ListArray> {
    Ok(cast(a, &float_list())?.as_list::<i32>().clone())
}

/// The elements of row `i`; None when the row or an element is NULL.
fn elements(l: &ListArray, i: usize) -> Option<Vec<f32>> {
    if l.is_null(i) {
        return None;
    }
    let v = l.value(i);
    let f = v.as_primitive::<Float32Type>();
    if f.null_count() > 0 {
        return None;
    }
    Some(f.values().to_vec())
}

/// The norm of a degree: 1, 2 or infinity.
fn lp_norm(v: &[f32], degree: f32) -> Option<f64> {
    let v = v.iter().map(|x| f64::from(*x));
    if degree == 1.0 {
        Some(v.map(f64::abs).sum())
    } else if degree == 2.0 {
        Some(v.map(|x| x * x).sum::<f64>().sqrt())
    } else if degree == f32::INFINITY {
        Some(v.fold(0.0f64, |m, x| m.max(x.abs())))
    } else {
        None
    }
}

fn degree_error(f: &str, degree: f32) -> datafusion::error::DataFusionError {
    to_df_error(SparkError::new(
        ErrorKind::SparkRuntime,
        "INVALID_VECTOR_NORM_DEGREE",
        "22023",
        format!(
            "For the `{f}` function, degree must be 1.0, 2.0, or float('inf'), but got {degree:?}."
        ),
        &[("functionName", format!("`{f}`"))],
    ))
}

impl Kernel for Vector {
    fn name(&self) -> &str {
        self.sql()
    }

    fn eval(&self, a: &[ArrayRef], rows: usize) -> DFResult<ArrayRef> {
        let f = self.sql();
        match self {
            Vector::Cosine | Vector::Inner | Vector::L2 => {
                let (l, r) = (lists(&a[0])?, lists(&a[1])?);
                let mut out = Float32Builder::new();
                for i in 0..rows {
                    let (Some(x), Some(y)) = (elements(&l, i), elements(&r, i)) else {
                        out.append_null();
                        continue;
                    };
                    if x.len() != y.len() {
                        return Err(dimension_error(f, x.len(), y.len()));
                    }
                    let pairs = x
                        .iter()
                        .zip(&y)
                        .map(|(p, q)| (f64::from(*p), f64::from(*q)));
                    let v = match self {
                        Vector::Inner => Some(pairs.map(|(p, q)| p * q).sum::<f64>()),
                        Vector::L2 => {
                            Some(pairs.map(|(p, q)| (p - q) * (p - q)).sum::<f64>().sqrt())
                        }
                        _ => {
                            let dot: f64 = pairs.map(|(p, q)| p * q).sum();
                            let norm = |v: &[f32]| {
                                v.iter()
                                    .map(|p| f64::from(*p) * f64::from(*p))
                                    .sum::<f64>()
                                    .sqrt()
                            };
                            let (nx, ny) = (norm(&x), norm(&y));
                            (nx > 0.0 && ny > 0.0).then(|| dot / (nx * ny))
                        }
                    };
                    let v = v.map(|v| v as f32);
                    out.append_option(v);
                }
                Ok(Arc::new(out.finish()))
            }
            Vector::Norm | Vector::Normalize => {
                let l = lists(&a[0])?;
                let d = cast(&a[1], &DataType::Float32)?;
                let d = d.as_primitive::<Float32Type>();
                let mut norms = Float32Builder::new();
                let mut vectors = ListBuilder::new(Float32Builder::new())
                    .with_field(Arc::new(Field::new("element", DataType::Float32, true)));
                for i in 0..rows {
                    let (Some(x), false) = (elements(&l, i), d.is_null(i)) else {
                        norms.append_null();
                        vectors.append(false);
                        continue;
                    };
                    let n = lp_norm(&x, d.value(i)).ok_or_else(|| degree_error(f, d.value(i)))?;
                    norms.append_value(n as f32);
                    if n > 0.0 {
                        for v in &x {
                            vectors.values().append_value((f64::from(*v) / n) as f32);
                        }
                        vectors.append(true);
                    } else {
                        vectors.append(false);
                    }
                }
                if *self == Vector::Norm {
                    Ok(Arc::new(norms.finish()))
                } else {
                    Ok(Arc::new(vectors.finish()))
                }
            }
            Vector::Sum | Vector::Avg => {
                let groups = a[0].as_list::<i32>();
                let mut out = ListBuilder::new(Float32Builder::new())
                    .with_field(Arc::new(Field::new("element", DataType::Float32, false)));
                for i in 0..rows {
                    if groups.is_null(i) {
                        out.append(false);
                        continue;
                    }
                    let vs = lists(&groups.value(i))?;
                    let mut total: Option<Vec<f64>> = None;
                    let mut count = 0usize;
                    for j in 0..vs.len() {
                        let Some(x) = elements(&vs, j) else {
                            continue;
                        };
                        let t = total.get_or_insert_with(|| vec![0.0; x.len()]);
                        if t.len() != x.len() {
                            return Err(dimension_error(f, t.len(), x.len()));
                        }
                        for (s, v) in t.iter_mut().zip(&x) {
                            *s += f64::from(*v);
                        }
                        count += 1;
                    }
                    match total {
                        None => out.append(false),
                        Some(t) => {
                            let div = if *self == Vector::Avg {
                                count as f64
                            } else {
                                1.0
                            };
                            let vals: Float32Array =
                                t.iter().map(|s| Some((s / div) as f32)).collect();
                            out.values().append_slice(vals.values());
                            out.append(true);
                        }
                    }
                }
                Ok(Arc::new(out.finish()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norms_of_degrees() {
        assert_eq!(lp_norm(&[3.0, 4.0], 2.0), Some(5.0));
        assert_eq!(lp_norm(&[3.0, -4.0], 1.0), Some(7.0));
        assert_eq!(lp_norm(&[3.0, -4.0], f32::INFINITY), Some(4.0));
        assert_eq!(lp_norm(&[3.0, 4.0], 3.0), None);
    }
}
