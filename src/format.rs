//! Java's text forms of numbers, which Spark uses in column names, `show()`
//! and casts to string (`1.0E7`, `1.0E-4`, `NaN`, `Infinity`).

/// `Double.toString`: plain notation for 1e-3 <= |x| < 1e7, otherwise
/// computerised scientific notation; always at least one fraction digit.
pub fn java_double(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    java_from_sci(&format!("{x:e}"), x.abs() >= 1e-3 && x.abs() < 1e7)
}

/// `Float.toString`, with float precision digits.
pub fn java_float(x: f32) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    java_from_sci(&format!("{x:e}"), x.abs() >= 1e-3 && x.abs() < 1e7)
}

/// Rewrites Rust's shortest `{:e}` form (`-1.2345e20`) the way Java prints it.
fn java_from_sci(sci: &str, plain: bool) -> String {
    let (neg, body) = match sci.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, sci),
    };
    let (mantissa, exp) = body.split_once('e').unwrap_or((body, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let sign = if neg { "-" } else { "" };
    if !plain {
        let (first, rest) = digits.split_at(1);
        let rest = if rest.is_empty() { "0" } else { rest };
        return format!("{sign}{first}.{rest}E{exp}");
    }
    let point = exp + 1; // digits before the decimal point
    let (int_part, frac_part) = if point <= 0 {
        (
            "0".to_string(),
            format!("{}{}", "0".repeat((-point) as usize), digits),
        )
    } else if point as usize >= digits.len() {
        (
            format!("{}{}", digits, "0".repeat(point as usize - digits.len())),
            String::new(),
        )
    } else {
        let (i, f) = digits.split_at(point as usize);
        (i.to_string(), f.to_string())
    };
    let frac = if frac_part.is_empty() {
        "0".to_string()
    } else {
        frac_part
    };
    format!("{sign}{int_part}.{frac}")
}

/// A decimal's unscaled value printed at its scale (`150`, 2 → `1.50`).
pub fn decimal_string(unscaled: i128, scale: i8) -> String {
    if scale <= 0 {
        let zeros = "0".repeat((-scale) as usize);
        return format!("{unscaled}{zeros}");
    }
    let neg = unscaled < 0;
    let digits = unscaled.unsigned_abs().to_string();
    let scale = scale as usize;
    let padded = if digits.len() <= scale {
        format!("{}{}", "0".repeat(scale + 1 - digits.len()), digits)
    } else {
        digits
    };
    let (i, f) = padded.split_at(padded.len() - scale);
    format!("{}{i}.{f}", if neg { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_print_like_java() {
        let cases = [
            (1e7, "1.0E7"),
            (1e-4, "1.0E-4"),
            (0.001, "0.001"),
            (1234567.0, "1234567.0"),
            (-0.0, "-0.0"),
            (1.5, "1.5"),
            (1e20, "1.0E20"),
            (123456789.123, "1.23456789123E8"),
            (0.1 + 0.2, "0.30000000000000004"),
            (100.0, "100.0"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (x, want) in cases {
            assert_eq!(java_double(x), want, "{x}");
        }
        assert_eq!(java_float(std::f32::consts::PI), "3.1415927");
    }

    #[test]
    fn decimals_keep_their_scale() {
        assert_eq!(decimal_string(150, 2), "1.50");
        assert_eq!(decimal_string(-5, 3), "-0.005");
        assert_eq!(decimal_string(12, 0), "12");
    }
}
