//! Geospatial values from WKB: `st_geogfromwkb`, `st_geomfromwkb`,
//! `st_setsrid`, `st_srid` and `st_asbinary`. Spark's GEOGRAPHY and
//! GEOMETRY types are not in the type system yet: a value is carried as a
//! struct of its WKB and its SRID (field `geography` or `geometry`), which
//! is what shows when such a value is collected directly.

use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BinaryArray, BinaryBuilder, Int32Array, StructArray,
};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, Fields, Int32Type};
use datafusion::common::{Result as DFResult, ScalarValue};
use datafusion::logical_expr::Expr as DFExpr;

use super::kernel::{self, Kernel};
use super::spec::{cast_arg, Arg};
use super::{arity, call_name, Builder};
use crate::error::{to_df_error, ErrorKind, Result, SparkError};
use crate::expr::Literal;
use crate::plan::resolve::{Resolved, Resolver};

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("st_geogfromwkb", from_wkb),
    ("st_geomfromwkb", from_wkb),
    ("st_setsrid", set_srid),
    ("st_srid", srid),
    ("st_asbinary", as_binary),
];

const GEOGRAPHY_SRID: i32 = 4326;

fn geo_type(geography: bool) -> DataType {
    let name = if geography { "geography" } else { "geometry" };
    DataType::Struct(Fields::from(vec![
        Field::new(name, DataType::Binary, false),
        Field::new("srid", DataType::Int32, false),
    ]))
}

/// Whether a type is a geospatial value, and which.
fn geo_kind(t: &DataType) -> Option<bool> {
    match t {
        DataType::Struct(f) if f.len() == 2 && f[1].name() == "srid" => {
            match f[0].name().as_str() {
                "geography" => Some(true),
                "geometry" => Some(false),
                _ => None,
            }
        }
        _ => None,
    }
}

fn geo_arg(call: &str, a: &Resolved) -> Result<bool> {
    geo_kind(&a.data_type).ok_or_else(|| {
        SparkError::datatype_mismatch(
            "UNEXPECTED_INPUT_TYPE",
            call,
            format!(
                "The first parameter requires the (\"GEOGRAPHY\" or \"GEOMETRY\") type, however \"{}\" has the type \"{}\".",
                a.name,
                a.spark_type().map(|t| t.sql_name()).unwrap_or_default()
            ),
        )
    })
}

#[derive(Debug, PartialEq, Eq, Hash)]
enum Geo {
    /// WKB (and SRID) to a value; checks the WKB.
    FromWkb {
        geography: bool,
    },
    SetSrid {
        geography: bool,
    },
    Srid,
    /// WKB out, little-endian or not.
    AsBinary,
}

fn from_wkb(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let geography = lname == "st_geogfromwkb";
    if geography {
        arity(&lname, &args, &[1])?;
    } else {
        arity(&lname, &args, &[1, 2])?;
        if args.len() == 1 {
            args.push(r.literal(&Literal::Integer(0))?);
        }
    }
    let n = call_name(&lname, &args);
    let mut exprs = vec![];
    for (i, a) in args.into_iter().enumerate() {
        exprs.push(cast_arg(r, a, if i == 0 { Arg::Bin } else { Arg::Int })?);
    }
    if geography {
        exprs.push(datafusion::prelude::lit(GEOGRAPHY_SRID));
    }
    r.make(
        kernel::call(Geo::FromWkb { geography }, geo_type(geography), exprs),
        n,
    )
}

fn set_srid(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[2])?;
    let n = call_name(&lname, &args);
    let geography = geo_arg(&n, &args[0])?;
    let mut it = args.into_iter();
    let (Some(g), Some(s)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    let exprs = vec![g.expr, cast_arg(r, s, Arg::Int)?];
    r.make(
        kernel::call(Geo::SetSrid { geography }, geo_type(geography), exprs),
        n,
    )
}

fn srid(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let (a, n) = super::unary(name, args)?;
    geo_arg(&n, &a)?;
    r.make(kernel::call(Geo::Srid, DataType::Int32, vec![a.expr]), n)
}

/// `st_asbinary(geo[, endianness = 'NDR'])`.
fn as_binary(r: &Resolver, name: &str, mut args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    arity(&lname, &args, &[1, 2])?;
    if args.len() == 1 {
        args.push(r.literal(&Literal::String("NDR".into()))?);
    }
    let n = call_name(&lname, &args);
    geo_arg(&n, &args[0])?;
    let mut it = args.into_iter();
    let (Some(g), Some(e)) = (it.next(), it.next()) else {
        return Err(SparkError::internal("arity"));
    };
    if let DFExpr::Literal(ScalarValue::Utf8(Some(text)), _) = &e.expr {
        endianness(text).map_err(|e| *e)?;
    }
    let exprs = vec![g.expr, cast_arg(r, e, Arg::Str)?];
    r.make(kernel::call(Geo::AsBinary, DataType::Binary, exprs), n)
}

fn illegal(condition: &str, text: String) -> SparkError {
    SparkError::new(ErrorKind::IllegalArgument, condition, "22023", text, &[])
}

/// Whether the endianness name asks for little-endian output.
fn endianness(text: &str) -> std::result::Result<bool, Box<SparkError>> {
    match text.to_uppercase().as_str() {
        "NDR" => Ok(true),
        "XDR" => Ok(false),
        _ => Err(Box::new(illegal(
            "ST_INVALID_ENDIANNESS_VALUE",
            format!(
                "Endianness '{text}' must be either 'NDR' (little-endian) or 'XDR' (big-endian)."
            ),
        ))),
    }
}

fn check_srid(srid: i32, geography: bool) -> Result<()> {
    let ok = if geography {
        srid == GEOGRAPHY_SRID
    } else {
        srid >= 0
    };
    if ok {
        return Ok(());
    }
    Err(illegal(
        "ST_INVALID_SRID_VALUE",
        format!("Invalid or unsupported SRID (spatial reference identifier) value: {srid}."),
    ))
}

fn values(geo: &StructArray) -> DFResult<(BinaryArray, Int32Array)> {
    let wkb = cast(geo.column(0), &DataType::Binary)?
        .as_binary::<i32>()
        .clone();
    let srid = geo.column(1).as_primitive::<Int32Type>().clone();
    Ok((wkb, srid))
}

fn geo_array(
    geography: bool,
    wkb: BinaryArray,
    srid: Int32Array,
    nulls: Option<NullBuffer>,
) -> DFResult<ArrayRef> {
    let DataType::Struct(fields) = geo_type(geography) else {
        return Err(datafusion::error::DataFusionError::Internal(
            "geo type".into(),
        ));
    };
    Ok(Arc::new(StructArray::try_new(
        fields,
        vec![Arc::new(wkb), Arc::new(srid)],
        nulls,
    )?))
}

impl Kernel for Geo {
    fn name(&self) -> &str {
        match self {
            Geo::FromWkb { geography: true } => "st_geogfromwkb",
            Geo::FromWkb { geography: false } => "st_geomfromwkb",
            Geo::SetSrid { .. } => "st_setsrid",
            Geo::Srid => "st_srid",
            Geo::AsBinary => "st_asbinary",
        }
    }

    fn eval(&self, a: &[ArrayRef], rows: usize) -> DFResult<ArrayRef> {
        match self {
            Geo::FromWkb { geography } | Geo::SetSrid { geography } => {
                let (wkb, input_nulls) = if let Geo::SetSrid { .. } = self {
                    let g = a[0].as_struct();
                    (values(g)?.0, g.nulls().cloned())
                } else {
                    let b = cast(&a[0], &DataType::Binary)?.as_binary::<i32>().clone();
                    let n = b.nulls().cloned();
                    (b, n)
                };
                let srid = cast(&a[1], &DataType::Int32)?;
                let srid = srid.as_primitive::<Int32Type>();
                let mut out_wkb = BinaryBuilder::new();
                let mut out_srid = Vec::with_capacity(rows);
                let mut valid = Vec::with_capacity(rows);
                for i in 0..rows {
                    let present =
                        input_nulls.as_ref().is_none_or(|n| n.is_valid(i)) && !srid.is_null(i);
                    if !present {
                        out_wkb.append_value(b"");
                        out_srid.push(0);
                        valid.push(false);
                        continue;
                    }
                    let s = srid.value(i);
                    check_srid(s, *geography).map_err(to_df_error)?;
                    let bytes = wkb.value(i);
                    if let Geo::FromWkb { .. } = self {
                        reencode(bytes, true).map_err(to_df_error)?;
                    }
                    out_wkb.append_value(bytes);
                    out_srid.push(s);
                    valid.push(true);
                }
                geo_array(
                    *geography,
                    out_wkb.finish(),
                    Int32Array::from(out_srid),
                    Some(NullBuffer::from(valid)),
                )
            }
            Geo::Srid => {
                let g = a[0].as_struct();
                let (_, srid) = values(g)?;
                let out: Int32Array = (0..rows)
                    .map(|i| (!g.is_null(i)).then(|| srid.value(i)))
                    .collect();
                Ok(Arc::new(out))
            }
            Geo::AsBinary => {
                let g = a[0].as_struct();
                let (wkb, _) = values(g)?;
                let e = cast(&a[1], &DataType::Utf8)?;
                let e = e.as_string::<i32>();
                let mut out = BinaryBuilder::new();
                for i in 0..rows {
                    if g.is_null(i) || e.is_null(i) {
                        out.append_null();
                        continue;
                    }
                    let little = endianness(e.value(i)).map_err(|e| to_df_error(*e))?;
                    out.append_value(reencode(wkb.value(i), little).map_err(to_df_error)?);
                }
                Ok(Arc::new(out.finish()))
            }
        }
    }
}

/// A WKB reader that writes the same geometry in the requested byte order.
struct Wkb<'a> {
    input: &'a [u8],
    pos: usize,
    little: bool,
    out: Vec<u8>,
}

fn parse_error(pos: usize) -> SparkError {
    illegal(
        "WKB_PARSE_ERROR",
        format!("Error parsing WKB: Unexpected end of WKB buffer at position {pos}"),
    )
}

impl Wkb<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8]> {
        let end = self.pos + n;
        let bytes = self
            .input
            .get(self.pos..end)
            .ok_or_else(|| parse_error(self.pos))?;
        self.pos = end;
        Ok(bytes)
    }

    fn word(&mut self, little_in: bool) -> Result<u32> {
        let b = self.take(4)?;
        let b = [b[0], b[1], b[2], b[3]];
        let v = if little_in {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        };
        let out = if self.little {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        };
        self.out.extend(out);
        Ok(v)
    }

    fn double(&mut self, little_in: bool) -> Result<()> {
        let b = self.take(8)?;
        let mut raw = [0u8; 8];
        raw.copy_from_slice(b);
        if little_in != self.little {
            raw.reverse();
        }
        self.out.extend(raw);
        Ok(())
    }

    fn geometry(&mut self) -> Result<()> {
        let start = self.pos;
        self.body()
            .map_err(|e| match e.message.contains("Unexpected end") {
                true => parse_error(start),
                false => e,
            })
    }

    fn body(&mut self) -> Result<()> {
        let order = self.take(1)?[0];
        let little_in = match order {
            0 => false,
            1 => true,
            _ => {
                return Err(illegal(
                    "WKB_PARSE_ERROR",
                    format!(
                        "Error parsing WKB: Invalid byte order {order} at position {}",
                        self.pos - 1
                    ),
                ))
            }
        };
        self.out.push(u8::from(self.little));
        let code = self.word(little_in)?;
        let dims =
            2 + usize::from(matches!(code / 1000, 1 | 2)) + 2 * usize::from(code / 1000 == 3);
        let points = |w: &mut Self, n: u32| -> Result<()> {
            for _ in 0..n * dims as u32 {
                w.double(little_in)?;
            }
            Ok(())
        };
        match code % 1000 {
            1 => points(self, 1),
            2 => {
                let n = self.word(little_in)?;
                points(self, n)
            }
            3 => {
                let rings = self.word(little_in)?;
                for _ in 0..rings {
                    let n = self.word(little_in)?;
                    points(self, n)?;
                }
                Ok(())
            }
            4..=7 => {
                let n = self.word(little_in)?;
                for _ in 0..n {
                    self.geometry()?;
                }
                Ok(())
            }
            other => Err(illegal(
                "WKB_PARSE_ERROR",
                format!("Error parsing WKB: Invalid or unsupported type {other} at position 1"),
            )),
        }
    }
}

/// The WKB in the given byte order; an error when it does not parse.
fn reencode(input: &[u8], little: bool) -> Result<Vec<u8>> {
    let mut w = Wkb {
        input,
        pos: 0,
        little,
        out: Vec::with_capacity(input.len()),
    };
    w.geometry()?;
    Ok(w.out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_byte_order() {
        let ndr = [
            1u8, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0x40,
        ];
        let xdr = reencode(&ndr, false).unwrap();
        assert_eq!(
            xdr,
            [0u8, 0, 0, 0, 1, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0]
        );
        assert_eq!(reencode(&xdr, true).unwrap(), ndr);
        assert!(reencode(&[1, 1], true).is_err());
    }
}
