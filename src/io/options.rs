//! Data source options: string keys matched case-insensitively, as Spark's
//! `CaseInsensitiveMap`, and values given as text.

use std::collections::BTreeMap;

use crate::error::{Result, SparkError};

#[derive(Debug, Clone, Default)]
pub struct Options {
    map: BTreeMap<String, String>,
}

impl Options {
    pub fn new(map: BTreeMap<String, String>) -> Options {
        Options {
            map: map
                .into_iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), v))
                .collect(),
        }
    }

    pub fn get(&self, key: &str) -> Option<String> {
        self.map.get(&key.to_ascii_lowercase()).cloned()
    }

    /// A boolean option (`true`/`false`, any case).
    pub fn bool_of(&self, key: &str, default: bool) -> Result<bool> {
        match self.get(key) {
            None => Ok(default),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
            Some(v) => Err(SparkError::illegal_argument(format!(
                "{key} flag can be true or false, not {v}"
            ))),
        }
    }

    /// A one-character option, under any of `keys`; `\t` and `\u0001`
    /// escapes as Spark accepts them.
    pub fn char_of(&self, keys: &[&str], default: u8) -> Result<u8> {
        let Some(v) = keys.iter().find_map(|k| self.get(k)) else {
            return Ok(default);
        };
        let text = match v.as_str() {
            "\\t" => "\t".to_string(),
            "\\\"" => "\"".to_string(),
            "\\'" => "'".to_string(),
            "\\\\" => "\\".to_string(),
            s if s.starts_with("\\u") && s.len() == 6 => u32::from_str_radix(&s[2..], 16)
                .ok()
                .and_then(char::from_u32)
                .map_or(s.to_string(), |c| c.to_string()),
            s => s.to_string(),
        };
        match text.as_bytes() {
            [] => Ok(0),
            [b] => Ok(*b),
            _ => Err(SparkError::illegal_argument(format!(
                "Delimiter cannot be more than one character: {v}"
            ))),
        }
    }

    /// An integer option.
    pub fn int_of(&self, key: &str, default: i64) -> Result<i64> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse()
                .map_err(|_| SparkError::illegal_argument(format!("{key} should be an integer"))),
        }
    }
}
