//! Variant paths (`$.a[0]['b']`) and the edits on a variant tree:
//! `variant_delete`, `variant_insert`, `variant_set`, `variant_array_append`
//! and `variant_strip_nulls`.

use super::variant_value::Node;

#[derive(Debug, Clone, PartialEq)]
pub enum Seg {
    Key(String),
    Index(i64),
}

/// Parses Spark's variant path: `$` followed by `.name`, `['name']`,
/// `["name"]` or `[123]` segments. `None` when malformed.
pub fn parse_path(path: &str) -> Option<Vec<Seg>> {
    let mut rest = path.strip_prefix('$')?;
    let mut out = vec![];
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end == 0 {
                return None;
            }
            out.push(Seg::Key(r[..end].to_string()));
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let quote = r.chars().next().filter(|c| *c == '\'' || *c == '"');
            if let Some(q) = quote {
                let end = r[1..].find(q)? + 1;
                out.push(Seg::Key(r[1..end].to_string()));
                rest = r[end + 1..].strip_prefix(']')?;
            } else {
                let end = r.find(']')?;
                let digits = &r[..end];
                let negative = digits.starts_with('-');
                let body = digits.strip_prefix('-').unwrap_or(digits);
                if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let n: i64 = body.parse().unwrap_or(i64::MAX);
                out.push(Seg::Index(if negative { -n } else { n }));
                rest = &r[end + 1..];
            }
        } else {
            return None;
        }
    }
    Some(out)
}

/// The value at a path, if there is one.
pub fn get<'a>(node: &'a Node, path: &[Seg]) -> Option<&'a Node> {
    let mut cur = node;
    for s in path {
        cur = match (s, cur) {
            (Seg::Key(k), Node::Object(f)) => &f.iter().find(|(x, _)| x == k)?.1,
            (Seg::Index(i), Node::Array(items)) => items.get(usize::try_from(*i).ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn get_mut<'a>(node: &'a mut Node, path: &[Seg]) -> Option<&'a mut Node> {
    let mut cur = node;
    for s in path {
        cur = match (s, cur) {
            (Seg::Key(k), Node::Object(f)) => &mut f.iter_mut().find(|(x, _)| x == k)?.1,
            (Seg::Index(i), Node::Array(items)) => items.get_mut(usize::try_from(*i).ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// How many leading segments of the path lead through objects and arrays
/// before one meets a value of the wrong kind (all of them when none does).
pub fn mismatch_at(node: &Node, path: &[Seg]) -> usize {
    let mut cur = node;
    for (k, s) in path.iter().enumerate() {
        let next = match (s, cur) {
            (Seg::Key(key), Node::Object(f)) => f.iter().find(|(x, _)| x == key).map(|(_, v)| v),
            (Seg::Index(i), Node::Array(items)) => {
                usize::try_from(*i).ok().and_then(|i| items.get(i))
            }
            _ => return k,
        };
        match next {
            Some(n) => cur = n,
            None => return path.len(),
        }
    }
    path.len()
}

/// Removes the field or element at the path, if there is one.
pub fn delete(node: &mut Node, path: &[Seg]) {
    let Some((last, parent)) = path.split_last() else {
        return;
    };
    match (last, get_mut(node, parent)) {
        (Seg::Key(k), Some(Node::Object(f))) => f.retain(|(x, _)| x != k),
        (Seg::Index(i), Some(Node::Array(items))) => {
            if let Ok(i) = usize::try_from(*i) {
                if i < items.len() {
                    items.remove(i);
                }
            }
        }
        _ => {}
    }
}

/// How a value is put at a path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Put {
    /// Adds a new field or element; an existing field is an error.
    Insert,
    /// Replaces, or adds when `create`.
    Set { create: bool },
}

/// Why an edit cannot be made (the `try_` forms give NULL).
#[derive(Debug, PartialEq)]
pub enum EditError {
    /// The path passes through or ends at a value of the wrong kind.
    Conflict,
    /// `variant_insert` of a field that exists.
    Exists,
}

/// Puts `value` at the path, creating the objects and arrays on the way
/// when the mode creates.
pub fn put(node: &mut Node, path: &[Seg], value: Node, mode: Put) -> Result<(), EditError> {
    let creates = mode != Put::Set { create: false };
    let Some((first, rest)) = path.split_first() else {
        return match mode {
            Put::Insert => Err(EditError::Exists),
            Put::Set { .. } => {
                *node = value;
                Ok(())
            }
        };
    };
    match (first, node) {
        (Seg::Key(k), Node::Object(fields)) => match fields.iter().position(|(x, _)| x == k) {
            Some(p) => {
                if rest.is_empty() && mode == Put::Insert {
                    return Err(EditError::Exists);
                }
                put(&mut fields[p].1, rest, value, mode)
            }
            None if creates => {
                let child = created(rest, value, mode)?;
                fields.push((k.clone(), child));
                Ok(())
            }
            None => Ok(()),
        },
        (Seg::Index(i), Node::Array(items)) => {
            let Ok(i) = usize::try_from(*i) else {
                return Err(EditError::Conflict);
            };
            if i < items.len() {
                if rest.is_empty() && mode == Put::Insert {
                    items.insert(i, value);
                    return Ok(());
                }
                return put(&mut items[i], rest, value, mode);
            }
            if !creates {
                return Ok(());
            }
            let child = created(rest, value, mode)?;
            items.resize(i, Node::null());
            items.push(child);
            Ok(())
        }
        _ => Err(EditError::Conflict),
    }
}

/// The value made where the path does not exist yet: `value` itself at
/// the end of the path, an object or array holding it before that.
fn created(rest: &[Seg], value: Node, mode: Put) -> Result<Node, EditError> {
    let mut child = match rest.first() {
        None => return Ok(value),
        Some(Seg::Index(_)) => Node::Array(vec![]),
        Some(Seg::Key(_)) => Node::Object(vec![]),
    };
    put(&mut child, rest, value, mode)?;
    Ok(child)
}

/// Appends `value` to the array at the path; a missing path leaves the
/// value as it is.
pub fn append(node: &mut Node, path: &[Seg], value: Node) -> Result<(), EditError> {
    match get_mut(node, path) {
        None => Ok(()),
        Some(Node::Array(items)) => {
            items.push(value);
            Ok(())
        }
        Some(_) => Err(EditError::Conflict),
    }
}

/// Drops null object fields (and null array elements when `arrays`), at
/// every depth.
pub fn strip_nulls(node: &mut Node, arrays: bool) {
    match node {
        Node::Object(fields) => {
            fields.retain(|(_, v)| !v.is_null());
            for (_, v) in fields.iter_mut() {
                strip_nulls(v, arrays);
            }
        }
        Node::Array(items) => {
            if arrays {
                items.retain(|v| !v.is_null());
            }
            for v in items.iter_mut() {
                strip_nulls(v, arrays);
            }
        }
        Node::Leaf(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(s: &str) -> Node {
        Node::parse_json(s).unwrap()
    }

    #[test]
    fn paths() {
        assert_eq!(
            parse_path("$.a[0]['b c'][\"d\"]"),
            Some(vec![
                Seg::Key("a".into()),
                Seg::Index(0),
                Seg::Key("b c".into()),
                Seg::Key("d".into())
            ])
        );
        assert_eq!(parse_path("a"), None);
        assert_eq!(parse_path("$"), Some(vec![]));
    }

    #[test]
    fn edits() {
        let mut v = j(r#"{"a": 1, "arr": ["x", "y"]}"#);
        put(
            &mut v,
            &parse_path("$.arr[5]").unwrap(),
            j("\"z\""),
            Put::Insert,
        )
        .unwrap();
        put(&mut v, &parse_path("$.c.d").unwrap(), j("3"), Put::Insert).unwrap();
        assert_eq!(
            v.to_json(),
            r#"{"a":1,"arr":["x","y",null,null,null,"z"],"c":{"d":3}}"#
        );
        assert_eq!(
            put(&mut v, &parse_path("$.a").unwrap(), j("2"), Put::Insert),
            Err(EditError::Exists)
        );
        let mut v = j(r#"{"a":1,"b":null,"c":[1,null],"d":{"e":null,"f":4}}"#);
        strip_nulls(&mut v, true);
        assert_eq!(v.to_json(), r#"{"a":1,"c":[1],"d":{"f":4}}"#);
    }
}
