//! DataSketches-based functions: HLL, Theta, Tuple and KLL sketches, kept
//! as BINARY in Apache DataSketches' serialized formats (the `datasketches`
//! crate reads and writes them). This module checks the arguments and names
//! the calls as Spark does; `sketches_agg` holds the aggregates,
//! `sketches_scalar` the functions of serialized sketches.

use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::common::ScalarValue;
use datafusion::logical_expr::expr::{AggregateFunction, AggregateFunctionParams};
use datafusion::logical_expr::Expr as DFExpr;

use super::sketches_agg::{udaf, AggKind};
use super::sketches_kll::Kll;
use super::sketches_scalar::{udf, FnKind};
use super::sketches_tuple::Mode;
use super::{arity, call_name, Builder};
use crate::error::{ErrorKind, Result, SparkError};
use crate::expr::Literal;
use crate::plan::coerce::{self, cast_plain};
use crate::plan::resolve::{Resolved, Resolver};
use crate::types::SparkType;

pub(super) const AGGREGATES: &[(&str, Builder)] = &[
    ("hll_sketch_agg", hll_sketch_agg),
    ("hll_union_agg", hll_union_agg),
    ("theta_sketch_agg", theta_sketch_agg),
    ("theta_union_agg", theta_set_agg),
    ("theta_intersection_agg", theta_set_agg),
    ("kll_sketch_agg_bigint", kll_agg),
    ("kll_sketch_agg_float", kll_agg),
    ("kll_sketch_agg_double", kll_agg),
    ("kll_merge_agg_bigint", kll_agg),
    ("kll_merge_agg_float", kll_agg),
    ("kll_merge_agg_double", kll_agg),
    ("tuple_sketch_agg_double", tuple_sketch_agg),
    ("tuple_sketch_agg_integer", tuple_sketch_agg),
    ("tuple_union_agg_double", tuple_set_agg),
    ("tuple_union_agg_integer", tuple_set_agg),
    ("tuple_intersection_agg_double", tuple_set_agg),
    ("tuple_intersection_agg_integer", tuple_set_agg),
];

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("hll_sketch_estimate", scalar),
    ("hll_union", scalar),
    ("theta_sketch_estimate", scalar),
    ("theta_union", scalar),
    ("theta_intersection", scalar),
    ("theta_difference", scalar),
    ("kll_sketch_get_n_bigint", scalar),
    ("kll_sketch_get_n_float", scalar),
    ("kll_sketch_get_n_double", scalar),
    ("kll_sketch_get_quantile_bigint", scalar),
    ("kll_sketch_get_quantile_float", scalar),
    ("kll_sketch_get_quantile_double", scalar),
    ("kll_sketch_get_rank_bigint", scalar),
    ("kll_sketch_get_rank_float", scalar),
    ("kll_sketch_get_rank_double", scalar),
    ("kll_sketch_merge_bigint", scalar),
    ("kll_sketch_merge_float", scalar),
    ("kll_sketch_merge_double", scalar),
    ("kll_sketch_to_string_bigint", scalar),
    ("kll_sketch_to_string_float", scalar),
    ("kll_sketch_to_string_double", scalar),
    ("tuple_sketch_estimate_double", scalar),
    ("tuple_sketch_estimate_integer", scalar),
    ("tuple_sketch_summary_double", scalar),
    ("tuple_sketch_summary_integer", scalar),
    ("tuple_sketch_theta_double", scalar),
    ("tuple_sketch_theta_integer", scalar),
    ("tuple_union_double", scalar),
    ("tuple_union_integer", scalar),
    ("tuple_intersection_double", scalar),
    ("tuple_intersection_integer", scalar),
    ("tuple_difference_double", scalar),
    ("tuple_difference_integer", scalar),
    ("tuple_union_theta_double", scalar),
    ("tuple_union_theta_integer", scalar),
    ("tuple_intersection_theta_double", scalar),
    ("tuple_intersection_theta_integer", scalar),
    ("tuple_difference_theta_double", scalar),
    ("tuple_difference_theta_integer", scalar),
];

/// The sketch families, for their invalid-buffer errors.
#[derive(Debug, Clone, Copy)]
pub enum Family {
    Hll,
    Theta,
    Tuple,
    Kll,
}

/// A Spark error with a condition.
pub fn err(kind: ErrorKind, condition: &str, state: &str, text: String) -> SparkError {
    SparkError::new(kind, condition, state, text, &[])
}

/// Spark's error for bytes that are not a sketch of the family.
pub fn invalid_buffer(name: &str, family: Family) -> SparkError {
    let (cond, state, what, by) = match family {
        Family::Hll => ("HLL", "22546", "HLL", "the `hll_sketch_agg` function"),
        Family::Theta => ("THETA", "22000", "Theta", "the `theta_sketch_agg` function"),
        Family::Tuple => (
            "TUPLE",
            "22000",
            "Tuple",
            "the corresponding `tuple_sketch_agg_*` function",
        ),
        Family::Kll => ("KLL", "22000", "KLL", "the `kll_sketch_agg` function"),
    };
    err(
        ErrorKind::SparkRuntime,
        &format!("{cond}_INVALID_INPUT_SKETCH_BUFFER"),
        state,
        format!(
            "Invalid call to `{name}`; only valid {what} sketch buffers are supported as inputs (such as those produced by {by})."
        ),
    )
}

/// The value of a constant argument.
fn constant(a: &Resolved) -> Option<ScalarValue> {
    match &a.expr {
        DFExpr::Literal(v, _) => Some(v.clone()),
        DFExpr::Cast(c) => match c.expr.as_ref() {
            DFExpr::Literal(v, _) => v.cast_to(c.field.data_type()).ok(),
            _ => None,
        },
        DFExpr::Alias(al) => constant(&Resolved {
            expr: al.expr.as_ref().clone(),
            name: a.name.clone(),
            data_type: a.data_type.clone(),
            column: None,
            alias: None,
        }),
        _ => None,
    }
}

fn constant_i64(a: &Resolved) -> Option<Option<i64>> {
    let v = constant(a)?;
    if v.is_null() {
        return Some(None);
    }
    match v.cast_to(&DataType::Int64).ok()? {
        ScalarValue::Int64(x) => Some(x),
        _ => None,
    }
}

fn constant_str(a: &Resolved) -> Option<Option<String>> {
    let v = constant(a)?;
    if v.is_null() {
        return Some(None);
    }
    match v.cast_to(&DataType::Utf8).ok()? {
        ScalarValue::Utf8(x) => Some(x),
        _ => None,
    }
}

fn non_foldable(call: &str, what: &str, ty: &str, a: &Resolved) -> SparkError {
    SparkError::datatype_mismatch(
        "NON_FOLDABLE_INPUT",
        call,
        format!(
            "the input {what} should be a foldable {ty} expression; however, got {}.",
            a.name
        ),
    )
}

fn type_check_failure(call: &str, inner: SparkError) -> SparkError {
    SparkError::datatype_mismatch(
        "TYPE_CHECK_FAILURE_WITH_HINT",
        call,
        format!("{}.", inner.message),
    )
}

fn unexpected_type(call: &str, wanted: &str, a: &Resolved) -> Result<SparkError> {
    Ok(SparkError::datatype_mismatch(
        "UNEXPECTED_INPUT_TYPE",
        call,
        format!(
            "The first parameter requires the {wanted} type, however \"{}\" has the type \"{}\".",
            a.name,
            a.spark_type()?.sql_name()
        ),
    ))
}

fn aggregate(name: &str, kind: AggKind, args: Vec<DFExpr>) -> DFExpr {
    DFExpr::AggregateFunction(AggregateFunction {
        func: udaf(name, kind),
        params: AggregateFunctionParams {
            args,
            distinct: false,
            filter: None,
            order_by: vec![],
            null_treatment: None,
        },
    })
}

fn lit(r: &Resolver, l: Literal) -> Result<Resolved> {
    r.literal(&l)
}

/// Fills in default trailing arguments up to `defaults`' length past `fixed`.
fn with_defaults(
    r: &Resolver,
    mut args: Vec<Resolved>,
    fixed: usize,
    defaults: &[Literal],
) -> Result<Vec<Resolved>> {
    while args.len() < fixed + defaults.len() {
        let d = defaults
            .get(args.len() - fixed)
            .cloned()
            .ok_or_else(|| SparkError::internal("default"))?;
        args.push(lit(r, d)?);
    }
    Ok(args)
}

fn binary(a: Resolved) -> DFExpr {
    if a.data_type == DataType::Binary {
        a.expr
    } else {
        cast_plain(a.expr, &DataType::Binary)
    }
}

/// A key of a Theta or Tuple sketch, in the layout the accumulator reads.
fn theta_key(r: &Resolver, call: &str, a: Resolved) -> Result<DFExpr> {
    let t = a.spark_type()?;
    Ok(match &t {
        SparkType::Integer | SparkType::Long => coerce::cast(r, a, &SparkType::Long, false)?,
        SparkType::Float | SparkType::Double => coerce::cast(r, a, &SparkType::Double, false)?,
        SparkType::String | SparkType::Char(_) | SparkType::Varchar(_) => {
            cast_plain(a.expr, &DataType::Utf8)
        }
        SparkType::Binary => binary(a),
        SparkType::Array(e, _) if matches!(**e, SparkType::Integer | SparkType::Long) => {
            let item = e.to_arrow();
            cast_plain(
                a.expr,
                &DataType::List(std::sync::Arc::new(Field::new("element", item, true))),
            )
        }
        _ => {
            return Err(unexpected_type(
                call,
                "(\"ARRAY<INT>\" or \"ARRAY<BIGINT>\" or \"BINARY\" or \"DOUBLE\" or \"FLOAT\" or \"INT\" or \"BIGINT\" or \"STRING\")",
                &a,
            )?)
        }
    })
}

fn two(args: Vec<Resolved>) -> Result<(Resolved, Resolved, Vec<Resolved>)> {
    let mut it = args.into_iter();
    let (Some(a), Some(b)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    Ok((a, b, it.collect()))
}

fn first(args: Vec<Resolved>) -> Result<(Resolved, Vec<Resolved>)> {
    let mut it = args.into_iter();
    let a = it.next().ok_or_else(|| SparkError::internal("arity"))?;
    Ok((a, it.collect()))
}

fn hll_sketch_agg(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[1, 2])?;
    let args = with_defaults(r, args, 1, &[Literal::Integer(12)])?;
    let n = call_name(&lname, &args);
    let (col, rest) = first(args)?;
    let lg = rest.first().ok_or_else(|| SparkError::internal("arity"))?;
    let Some(lg) = constant_i64(lg) else {
        return Err(err(
            ErrorKind::SparkRuntime,
            "HLL_K_MUST_BE_CONSTANT",
            "42K0E",
            format!("Invalid call to `{lname}`; the `K` value must be a constant value, but got a non-constant expression."),
        ));
    };
    let key = match col.spark_type()? {
        SparkType::Integer | SparkType::Long => coerce::cast(r, col, &SparkType::Long, false)?,
        SparkType::String | SparkType::Char(_) | SparkType::Varchar(_) => {
            cast_plain(col.expr, &DataType::Utf8)
        }
        SparkType::Binary => binary(col),
        _ => {
            return Err(unexpected_type(
                &n,
                "(\"INT\" or \"BIGINT\" or \"STRING\" or \"BINARY\")",
                &col,
            )?)
        }
    };
    let kind = AggKind::HllSketch {
        lg_k: lg.unwrap_or(0),
    };
    r.make(aggregate(&lname, kind, vec![key]), n)
}

fn hll_union_agg(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[1, 2])?;
    let args = with_defaults(r, args, 1, &[Literal::Boolean(false)])?;
    let n = call_name(&lname, &args);
    let (col, rest) = first(args)?;
    let allow = match rest.first().and_then(constant) {
        Some(ScalarValue::Boolean(b)) => b.unwrap_or(false),
        _ => {
            return Err(non_foldable(
                &n,
                "allowDifferentLgConfigK",
                "boolean",
                &rest[0],
            ))
        }
    };
    r.make(
        aggregate(&lname, AggKind::HllUnion { allow }, vec![binary(col)]),
        n,
    )
}

fn theta_sketch_agg(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[1, 2])?;
    let args = with_defaults(r, args, 1, &[Literal::Integer(12)])?;
    let n = call_name(&lname, &args);
    let (col, rest) = first(args)?;
    let Some(lg) = constant_i64(&rest[0]) else {
        return Err(non_foldable(&n, "lgNomEntries", "int", &rest[0]));
    };
    let key = theta_key(r, &n, col)?;
    let kind = AggKind::ThetaSketch {
        lg: lg.unwrap_or(0),
    };
    r.make(aggregate(&lname, kind, vec![key]), n)
}

fn theta_set_agg(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let union = lname == "theta_union_agg";
    let args = if union {
        arity(&lname, &args, &[1, 2])?;
        with_defaults(r, args, 1, &[Literal::Integer(12)])?
    } else {
        arity(&lname, &args, &[1])?;
        args
    };
    let n = call_name(&lname, &args);
    let (col, rest) = first(args)?;
    let kind = match rest.first() {
        Some(lg) => match constant_i64(lg) {
            Some(lg) => AggKind::ThetaUnion {
                lg: lg.unwrap_or(0),
            },
            None => return Err(non_foldable(&n, "lgNomEntries", "int", lg)),
        },
        None => AggKind::ThetaIntersection,
    };
    r.make(aggregate(&lname, kind, vec![binary(col)]), n)
}

fn kll_of(name: &str) -> Kll {
    if name.ends_with("_bigint") {
        Kll::Bigint
    } else if name.ends_with("_float") {
        Kll::Float
    } else {
        Kll::Double
    }
}

fn kll_agg(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[1, 2])?;
    let n = call_name(&lname, &args);
    let ty = kll_of(&lname);
    let (col, rest) = first(args)?;
    let k = match rest.first() {
        None => None,
        Some(k) => match constant_i64(k) {
            Some(Some(v)) => {
                if !(8..=65535).contains(&v) {
                    let inner = err(
                        ErrorKind::Analysis,
                        "KLL_SKETCH_K_OUT_OF_RANGE",
                        "22003",
                        format!("For function `{lname}`, the k parameter must be between 8 and 65535 (inclusive), but got {v}."),
                    );
                    return Err(type_check_failure(&n, inner));
                }
                Some(v)
            }
            _ => return Err(non_foldable(&n, "k", "int", k)),
        },
    };
    let kind = if lname.starts_with("kll_merge_agg") {
        AggKind::KllMerge { ty, k }
    } else {
        AggKind::KllSketch {
            ty,
            k: k.unwrap_or(200),
        }
    };
    let input = if matches!(kind, AggKind::KllMerge { .. }) {
        binary(col)
    } else {
        let t = col.spark_type()?;
        let ok = match ty {
            Kll::Bigint => matches!(
                t,
                SparkType::Byte | SparkType::Short | SparkType::Integer | SparkType::Long
            ),
            Kll::Float => t == SparkType::Float,
            Kll::Double => matches!(t, SparkType::Float | SparkType::Double),
        };
        if !ok && t != SparkType::Null {
            let wanted = match ty {
                Kll::Bigint => "(\"TINYINT\" or \"INT\" or \"BIGINT\" or \"SMALLINT\")",
                Kll::Float => "\"FLOAT\"",
                Kll::Double => "(\"FLOAT\" or \"DOUBLE\")",
            };
            return Err(unexpected_type(&n, wanted, &col)?);
        }
        cast_plain(col.expr, &ty.item_type())
    };
    r.make(aggregate(&lname, kind, vec![input]), n)
}

/// A constant `mode` argument, checked.
fn mode_arg(lname: &str, call: &str, a: &Resolved) -> Result<Mode> {
    let Some(m) = constant_str(a) else {
        return Err(non_foldable(call, "mode", "string", a));
    };
    let m = m.unwrap_or_default();
    Mode::parse(&m)
        .ok_or_else(|| type_check_failure(call, super::sketches_scalar::invalid_mode(lname, &m)))
}

/// A constant `lgNomEntries` argument of a Tuple function, checked.
fn tuple_lg_arg(lname: &str, call: &str, a: &Resolved) -> Result<i64> {
    let Some(lg) = constant_i64(a) else {
        return Err(non_foldable(call, "lgNomEntries", "int", a));
    };
    let lg = lg.unwrap_or(0);
    if !(4..=26).contains(&lg) {
        let e = super::sketches_agg::lg_nom_entries_error(lname, lg);
        return Err(type_check_failure(call, e));
    }
    Ok(lg)
}

fn tuple_sketch_agg(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2, 3, 4])?;
    let args = with_defaults(
        r,
        args,
        2,
        &[Literal::Integer(12), Literal::String("sum".into())],
    )?;
    let n = call_name(&lname, &args);
    let int = lname.ends_with("_integer");
    let (key, value, rest) = two(args)?;
    let lg = tuple_lg_arg(&lname, &n, &rest[0])?;
    let mode = mode_arg(&lname, &n, &rest[1])?;
    let key = theta_key(r, &n, key)?;
    let value = if int {
        coerce::cast(r, value, &SparkType::Integer, true)?
    } else {
        coerce::cast(r, value, &SparkType::Double, false)?
    };
    let kind = AggKind::TupleSketch { int, lg, mode };
    r.make(aggregate(&lname, kind, vec![key, value]), n)
}

fn tuple_set_agg(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let int = lname.ends_with("_integer");
    let union = lname.starts_with("tuple_union");
    let args = if union {
        arity(&lname, &args, &[1, 2, 3])?;
        with_defaults(
            r,
            args,
            1,
            &[Literal::Integer(12), Literal::String("sum".into())],
        )?
    } else {
        arity(&lname, &args, &[1, 2])?;
        with_defaults(r, args, 1, &[Literal::String("sum".into())])?
    };
    let n = call_name(&lname, &args);
    let (col, rest) = first(args)?;
    let kind = if union {
        AggKind::TupleUnion {
            int,
            lg: tuple_lg_arg(&lname, &n, &rest[0])?,
            mode: mode_arg(&lname, &n, &rest[1])?,
        }
    } else {
        AggKind::TupleIntersection {
            int,
            mode: mode_arg(&lname, &n, &rest[0])?,
        }
    };
    r.make(aggregate(&lname, kind, vec![binary(col)]), n)
}

/// An argument after the sketches of a row-wise function.
#[derive(Clone, Copy)]
enum A {
    Long,
    Str,
    Bool,
}

/// How many sketches a function takes, its other arguments with their
/// defaults, and its kind.
type ScalarSpec = (usize, Vec<(A, Literal)>, FnKind);

/// The sketches a function takes, its defaults, and its kind.
fn scalar_spec(lname: &str) -> Option<ScalarSpec> {
    let int = lname.ends_with("_integer");
    let ty = kll_of(lname);
    let lg = (A::Long, Literal::Integer(12));
    let mode = (A::Str, Literal::String("sum".into()));
    let strip = lname
        .trim_end_matches("_integer")
        .trim_end_matches("_double")
        .trim_end_matches("_float")
        .trim_end_matches("_bigint");
    Some(match strip {
        "hll_sketch_estimate" => (1, vec![], FnKind::HllEstimate),
        "hll_union" => (
            2,
            vec![(A::Bool, Literal::Boolean(false))],
            FnKind::HllUnion,
        ),
        "theta_sketch_estimate" => (1, vec![], FnKind::ThetaEstimate),
        "theta_union" => (2, vec![lg], FnKind::ThetaUnion),
        "theta_intersection" => (2, vec![], FnKind::ThetaIntersection),
        "theta_difference" => (2, vec![], FnKind::ThetaDifference),
        "kll_sketch_get_n" => (1, vec![], FnKind::KllN(ty)),
        "kll_sketch_merge" => (2, vec![], FnKind::KllMerge(ty)),
        "kll_sketch_to_string" => (1, vec![], FnKind::KllToString(ty)),
        "tuple_sketch_estimate" => (1, vec![], FnKind::TupleEstimate(int)),
        "tuple_sketch_summary" => (1, vec![mode], FnKind::TupleSummary(int)),
        "tuple_sketch_theta" => (1, vec![], FnKind::TupleTheta(int)),
        "tuple_union" => (2, vec![lg, mode], FnKind::TupleUnion(int)),
        "tuple_intersection" => (2, vec![mode], FnKind::TupleIntersection(int)),
        "tuple_difference" => (2, vec![], FnKind::TupleDifference(int)),
        "tuple_union_theta" => (2, vec![lg, mode], FnKind::TupleUnionTheta(int)),
        "tuple_intersection_theta" => (2, vec![mode], FnKind::TupleIntersectionTheta(int)),
        "tuple_difference_theta" => (2, vec![], FnKind::TupleDifferenceTheta(int)),
        _ => return None,
    })
}

fn scalar(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    if lname.starts_with("kll_sketch_get_quantile") || lname.starts_with("kll_sketch_get_rank") {
        return kll_lookup(r, &lname, args);
    }
    let (sketches, extra, kind) =
        scalar_spec(&lname).ok_or_else(|| SparkError::internal(format!("no sketch fn {lname}")))?;
    let sizes: Vec<usize> = (sketches..=sketches + extra.len()).collect();
    arity(&lname, &args, &sizes)?;
    let defaults: Vec<Literal> = extra.iter().map(|(_, l)| l.clone()).collect();
    let args = with_defaults(r, args, sketches, &defaults)?;
    let n = call_name(&lname, &args);
    let mut exprs = Vec::with_capacity(args.len());
    for (i, a) in args.into_iter().enumerate() {
        if i < sketches {
            exprs.push(binary(a));
            continue;
        }
        let (kind, _) = &extra[i - sketches];
        if matches!(kind, A::Str)
            && matches!(
                scalar_spec(&lname).map(|s| s.2),
                Some(FnKind::TupleSummary(_))
                    | Some(FnKind::TupleUnion(_))
                    | Some(FnKind::TupleIntersection(_))
                    | Some(FnKind::TupleUnionTheta(_))
                    | Some(FnKind::TupleIntersectionTheta(_))
            )
        {
            mode_arg(&lname, &n, &a)?;
        }
        let t = match kind {
            A::Long => DataType::Int64,
            A::Str => DataType::Utf8,
            A::Bool => DataType::Boolean,
        };
        exprs.push(cast_plain(a.expr, &t));
    }
    r.make(udf(&lname, kind).call(exprs), n)
}

/// `kll_sketch_get_quantile_*(sketch, rank)` / `kll_sketch_get_rank_*(sketch, item)`,
/// the second argument a constant or an array of constants.
fn kll_lookup(r: &Resolver, lname: &str, args: Vec<Resolved>) -> Result<Resolved> {
    arity(lname, &args, &[2])?;
    let n = call_name(lname, &args);
    let ty = kll_of(lname);
    let quantile = lname.starts_with("kll_sketch_get_quantile");
    let (sketch, arg, _) = two(args)?;
    let foldable = constant(&arg).is_some()
        || (arg.expr.column_refs().is_empty()
            && !matches!(&arg.expr, DFExpr::AggregateFunction(_)));
    let item = if quantile {
        DataType::Float64
    } else {
        ty.item_type()
    };
    if !foldable {
        let (what, sql) = if quantile {
            ("`rank`", "\"DOUBLE\"")
        } else {
            (
                "`quantile`",
                match ty {
                    Kll::Bigint => "\"BIGINT\"",
                    Kll::Float => "\"FLOAT\"",
                    Kll::Double => "\"DOUBLE\"",
                },
            )
        };
        return Err(non_foldable(&n, what, sql, &arg));
    }
    let is_array = matches!(arg.data_type, DataType::List(_));
    let t = if is_array {
        DataType::List(std::sync::Arc::new(Field::new("element", item, true)))
    } else {
        item
    };
    let kind = if quantile {
        FnKind::KllQuantile(ty, is_array)
    } else {
        FnKind::KllRank(ty, is_array)
    };
    let e = udf(lname, kind).call(vec![binary(sketch), cast_plain(arg.expr, &t)]);
    r.make(e, n)
}
