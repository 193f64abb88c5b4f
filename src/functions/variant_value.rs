//! Variant values as a tree: built from JSON text (Spark's number rules),
//! read from and written to the variant binary encoding (`parquet-variant`),
//! and rendered as Spark renders them (`to_json`, `schema_of_variant`).

use parquet_variant::{
    ObjectFieldBuilder, Variant, VariantBuilder, VariantBuilderExt, VariantDecimal16,
    VariantDecimal4, VariantDecimal8,
};

use crate::format::{decimal_string, java_double, java_float};

/// The metadata of a variant without object keys.
pub const EMPTY_METADATA: [u8; 3] = [1, 0, 0];

/// A variant value. Primitives keep their encoded bytes (they never refer
/// to the metadata), so a value passes through unchanged.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Leaf(Vec<u8>),
    Array(Vec<Node>),
    /// Fields in order of insertion; keys are unique.
    Object(Vec<(String, Node)>),
}

/// Why a JSON text is not a variant.
#[derive(Debug)]
pub enum JsonError {
    Malformed,
    DuplicateKey,
}

impl Node {
    pub fn leaf<'m, 'v>(v: impl Into<Variant<'m, 'v>>) -> Node {
        let mut b = VariantBuilder::new();
        b.append_value(v);
        Node::Leaf(b.finish().1)
    }

    pub fn null() -> Node {
        Node::Leaf(vec![0])
    }

    /// The primitive of a leaf (`None` for arrays and objects).
    pub fn primitive(&self) -> Option<Variant<'static, '_>> {
        match self {
            Node::Leaf(bytes) => Variant::try_new(&EMPTY_METADATA, bytes).ok(),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.primitive(), Some(Variant::Null))
    }

    /// Reads an encoded variant.
    pub fn decode(metadata: &[u8], value: &[u8]) -> Option<Node> {
        Some(Node::from_variant(&Variant::try_new(metadata, value).ok()?))
    }

    fn from_variant(v: &Variant) -> Node {
        match v {
            Variant::Object(o) => Node::Object(
                o.iter()
                    .map(|(k, v)| (k.to_string(), Node::from_variant(&v)))
                    .collect(),
            ),
            Variant::List(l) => Node::Array(l.iter().map(|v| Node::from_variant(&v)).collect()),
            other => Node::leaf(other.clone()),
        }
    }

    /// The `(metadata, value)` encoding, keys in order of first use.
    pub fn encode(&self) -> (Vec<u8>, Vec<u8>) {
        let mut b = VariantBuilder::new();
        self.append(&mut b);
        let (mut metadata, value) = b.finish();
        // Spark leaves the "sorted keys" flag unset.
        if let Some(h) = metadata.first_mut() {
            *h &= !0x10;
        }
        (metadata, value)
    }

    fn append(&self, b: &mut impl VariantBuilderExt) {
        match self {
            Node::Leaf(_) => match self.primitive() {
                Some(v) => b.append_value(v),
                None => b.append_value(Variant::Null),
            },
            Node::Array(items) => {
                let mut l = b.new_list();
                for i in items {
                    i.append(&mut l);
                }
                l.finish();
            }
            Node::Object(fields) => {
                let mut o = b.new_object();
                for (k, v) in fields {
                    let mut f = ObjectFieldBuilder::new(k, &mut o);
                    v.append(&mut f);
                }
                o.finish();
            }
        }
    }

    /// Parses JSON text as Spark's `parse_json` does: integers take the
    /// smallest integer type, other numbers without an exponent are
    /// decimals when they fit 38 digits, the rest doubles.
    pub fn parse_json(text: &str) -> Result<Node, JsonError> {
        let mut p = Parser {
            s: text.as_bytes(),
            i: 0,
        };
        p.ws();
        // Like Spark's parser, the first value is read and the rest ignored.
        p.value(0)
    }

    /// Spark's JSON text of a variant (object keys sorted, decimals plain).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        match self {
            Node::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write_json(out);
                }
                out.push(']');
            }
            Node::Object(fields) => {
                out.push('{');
                for (i, (k, v)) in sorted(fields).into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    quote(k, out);
                    out.push(':');
                    v.write_json(out);
                }
                out.push('}');
            }
            Node::Leaf(_) => match self.primitive() {
                Some(Variant::String(s)) => quote(s, out),
                Some(Variant::ShortString(s)) => quote(s.as_str(), out),
                Some(Variant::Binary(b)) => {
                    use base64::Engine;
                    quote(&base64::engine::general_purpose::STANDARD.encode(b), out)
                }
                Some(
                    v @ (Variant::Date(_)
                    | Variant::TimestampMicros(_)
                    | Variant::TimestampNtzMicros(_)
                    | Variant::TimestampNanos(_)
                    | Variant::TimestampNtzNanos(_)
                    | Variant::Time(_)
                    | Variant::Uuid(_)),
                ) => quote(&scalar_text(&v), out),
                Some(v) => out.push_str(&scalar_text(&v)),
                None => out.push_str("null"),
            },
        }
    }

    /// The text of a value cast to STRING: a string as it is, anything
    /// else as JSON.
    pub fn to_text(&self) -> String {
        match self.primitive() {
            Some(Variant::String(s)) => s.to_string(),
            Some(Variant::ShortString(s)) => s.as_str().to_string(),
            Some(v) if !matches!(v, Variant::Binary(_)) => scalar_text(&v),
            _ => self.to_json(),
        }
    }
}

/// Object fields ordered by key, as Spark stores and prints them.
pub fn sorted(fields: &[(String, Node)]) -> Vec<&(String, Node)> {
    let mut f: Vec<&(String, Node)> = fields.iter().collect();
    f.sort_by(|a, b| a.0.cmp(&b.0));
    f
}

/// The text of a primitive (numbers as Java prints them).
pub fn scalar_text(v: &Variant) -> String {
    match v {
        Variant::Null => "null".into(),
        Variant::BooleanTrue => "true".into(),
        Variant::BooleanFalse => "false".into(),
        Variant::Int8(x) => x.to_string(),
        Variant::Int16(x) => x.to_string(),
        Variant::Int32(x) => x.to_string(),
        Variant::Int64(x) => x.to_string(),
        Variant::Float(x) => java_float(*x),
        Variant::Double(x) => java_double(*x),
        Variant::Decimal4(d) => plain_decimal(d.integer() as i128, d.scale()),
        Variant::Decimal8(d) => plain_decimal(d.integer() as i128, d.scale()),
        Variant::Decimal16(d) => plain_decimal(d.integer(), d.scale()),
        Variant::String(s) => s.to_string(),
        Variant::ShortString(s) => s.as_str().to_string(),
        Variant::Date(d) => d.format("%Y-%m-%d").to_string(),
        Variant::TimestampMicros(t) | Variant::TimestampNanos(t) => {
            let n = t.naive_utc();
            format!("{}{}+00:00", n.format("%Y-%m-%d %H:%M:%S"), fraction(&n))
        }
        Variant::TimestampNtzMicros(n) | Variant::TimestampNtzNanos(n) => {
            format!("{}{}", n.format("%Y-%m-%d %H:%M:%S"), fraction(n))
        }
        Variant::Time(t) => t.format("%H:%M:%S%.6f").to_string(),
        Variant::Uuid(u) => u.to_string(),
        Variant::Binary(b) => {
            use base64::Engine;
            base64::engine::general_purpose::STANDARD.encode(b)
        }
        Variant::Object(_) | Variant::List(_) => String::new(),
    }
}

/// `.ffffff` without trailing zeros; nothing for whole seconds.
fn fraction(t: &chrono::NaiveDateTime) -> String {
    use chrono::Timelike;
    let ns = t.nanosecond();
    if ns == 0 {
        return String::new();
    }
    let digits = format!("{ns:09}");
    format!(".{}", digits.trim_end_matches('0'))
}

/// A decimal without trailing zeros (Java's `stripTrailingZeros().toPlainString()`).
fn plain_decimal(mut unscaled: i128, mut scale: u8) -> String {
    while scale > 0 && unscaled % 10 == 0 {
        unscaled /= 10;
        scale -= 1;
    }
    decimal_string(unscaled, scale as i8)
}

/// A JSON string literal, escaped as Jackson escapes.
fn quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A decimal node of the smallest width that holds it (Spark's `appendDecimal`).
pub fn decimal_node(unscaled: i128, scale: u8) -> Option<Node> {
    let digits = unscaled.unsigned_abs().to_string().len() as u8;
    let precision = digits.max(scale);
    if precision > 38 {
        return None;
    }
    Some(if precision <= 9 {
        Node::leaf(VariantDecimal4::try_new(unscaled as i32, scale).ok()?)
    } else if precision <= 18 {
        Node::leaf(VariantDecimal8::try_new(unscaled as i64, scale).ok()?)
    } else {
        Node::leaf(VariantDecimal16::try_new(unscaled, scale).ok()?)
    })
}

/// An integer node of the smallest width (Spark's `appendLong`).
pub fn int_node(i: i64) -> Node {
    if let Ok(x) = i8::try_from(i) {
        Node::leaf(x)
    } else if let Ok(x) = i16::try_from(i) {
        Node::leaf(x)
    } else if let Ok(x) = i32::try_from(i) {
        Node::leaf(x)
    } else {
        Node::leaf(i)
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

const MAX_DEPTH: usize = 1000;

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, lit: &str) -> Result<(), JsonError> {
        if self.s[self.i..].starts_with(lit.as_bytes()) {
            self.i += lit.len();
            Ok(())
        } else {
            Err(JsonError::Malformed)
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, JsonError> {
        if depth > MAX_DEPTH {
            return Err(JsonError::Malformed);
        }
        match self.peek().ok_or(JsonError::Malformed)? {
            b'n' => self.eat("null").map(|_| Node::null()),
            b't' => self.eat("true").map(|_| Node::leaf(true)),
            b'f' => self.eat("false").map(|_| Node::leaf(false)),
            b'"' => Ok(Node::leaf(self.string()?.as_str())),
            b'[' => {
                self.i += 1;
                let mut items = vec![];
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    return Ok(Node::Array(items));
                }
                loop {
                    self.ws();
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Node::Array(items));
                        }
                        _ => return Err(JsonError::Malformed),
                    }
                }
            }
            b'{' => {
                self.i += 1;
                let mut fields: Vec<(String, Node)> = vec![];
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    return Ok(Node::Object(fields));
                }
                loop {
                    self.ws();
                    if self.peek() != Some(b'"') {
                        return Err(JsonError::Malformed);
                    }
                    let k = self.string()?;
                    self.ws();
                    self.eat(":")?;
                    self.ws();
                    let v = self.value(depth + 1)?;
                    if fields.iter().any(|(x, _)| *x == k) {
                        return Err(JsonError::DuplicateKey);
                    }
                    fields.push((k, v));
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(Node::Object(fields));
                        }
                        _ => return Err(JsonError::Malformed),
                    }
                }
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(JsonError::Malformed),
        }
    }

    fn number(&mut self) -> Result<Node, JsonError> {
        let start = self.i;
        let digits = |p: &mut Self| {
            let s = p.i;
            while p.peek().is_some_and(|c| c.is_ascii_digit()) {
                p.i += 1;
            }
            p.i - s
        };
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        let n = digits(self);
        if n == 0 || (n > 1 && self.s[int_start] == b'0') {
            return Err(JsonError::Malformed);
        }
        let mut integral = true;
        if self.peek() == Some(b'.') {
            self.i += 1;
            integral = false;
            if digits(self) == 0 {
                return Err(JsonError::Malformed);
            }
        }
        let mut exponent = false;
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            exponent = true;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if digits(self) == 0 {
                return Err(JsonError::Malformed);
            }
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).map_err(|_| JsonError::Malformed)?;
        if integral && !exponent {
            if let Ok(i) = text.parse::<i64>() {
                return Ok(int_node(i));
            }
        }
        if !exponent {
            let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
            let digits_text = format!("{whole}{frac}");
            if let Ok(unscaled) = digits_text.parse::<i128>() {
                if let Some(n) = decimal_node(unscaled, frac.len() as u8) {
                    return Ok(n);
                }
            }
        }
        text.parse::<f64>()
            .map(Node::leaf)
            .map_err(|_| JsonError::Malformed)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.eat("\"")?;
        let mut out = String::new();
        loop {
            let start = self.i;
            while self
                .peek()
                .is_some_and(|c| c != b'"' && c != b'\\' && c >= 0x20)
            {
                self.i += 1;
            }
            out.push_str(
                std::str::from_utf8(&self.s[start..self.i]).map_err(|_| JsonError::Malformed)?,
            );
            match self.peek().ok_or(JsonError::Malformed)? {
                b'"' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.i += 1;
                    let c = self.peek().ok_or(JsonError::Malformed)?;
                    self.i += 1;
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                self.eat("\\u")?;
                                let lo = self.hex4()?;
                                0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF)
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code).ok_or(JsonError::Malformed)?);
                        }
                        _ => return Err(JsonError::Malformed),
                    }
                }
                _ => return Err(JsonError::Malformed),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let h = self.s.get(self.i..self.i + 4).ok_or(JsonError::Malformed)?;
        self.i += 4;
        u32::from_str_radix(
            std::str::from_utf8(h).map_err(|_| JsonError::Malformed)?,
            16,
        )
        .map_err(|_| JsonError::Malformed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(j: &str) -> (Vec<u8>, Vec<u8>) {
        Node::parse_json(j).unwrap().encode()
    }

    #[test]
    fn encodes_as_spark_does() {
        assert_eq!(
            enc(r#"{"a":1}"#),
            (
                b"\x01\x01\x00\x01a".to_vec(),
                b"\x02\x01\x00\x00\x02\x0c\x01".to_vec()
            )
        );
        assert_eq!(
            enc("[1,2]").1,
            b"\x03\x02\x00\x02\x04\x0c\x01\x0c\x02".to_vec()
        );
        assert_eq!(enc("1.000").1, b" \x03\xe8\x03\x00\x00".to_vec());
        assert_eq!(
            enc("1e400").1,
            b"\x1c\x00\x00\x00\x00\x00\x00\xf0\x7f".to_vec()
        );
        let (m, v) = enc(r#"{"a": 1, "b": [1, 2.5, "x"], "c": {"d": null}}"#);
        assert_eq!(m, b"\x01\x04\x00\x01\x02\x03\x04abcd".to_vec());
        assert_eq!(v, b"\x02\x03\x00\x01\x02\x00\x02\x12\x18\x0c\x01\x03\x03\x00\x02\x08\n\x0c\x01 \x01\x19\x00\x00\x00\x05x\x02\x01\x03\x00\x01\x00".to_vec());
    }

    #[test]
    fn json_text() {
        let n = Node::parse_json(r#"{"b":2,"a":1.50,"c":"q\"x","d":1e10}"#).unwrap();
        assert_eq!(n.to_json(), r#"{"a":1.5,"b":2,"c":"q\"x","d":1.0E10}"#);
        assert!(Node::parse_json("{bad").is_err());
        assert!(Node::parse_json(r#"{"a":1,"a":2}"#).is_err());
    }
}
