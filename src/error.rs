//! Engine errors: one typed error carrying Spark's exception class, condition,
//! SQLSTATE, message parameters and the final message text. The Python layer
//! maps [`ErrorKind`] to PySpark's exception classes in one place
//! (`src/python/error.rs`).

use std::fmt;

use datafusion::arrow::error::ArrowError;
use datafusion::error::DataFusionError;

/// The PySpark exception class an error surfaces as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Analysis,
    Parse,
    Arithmetic,
    NumberFormat,
    DateTime,
    ArrayIndexOutOfBounds,
    IllegalArgument,
    UnsupportedOperation,
    SparkRuntime,
    SparkUpgrade,
    PySparkType,
    PySparkValue,
    PySparkNotImplemented,
    /// An exception raised by a user's Python function.
    Python,
    Unknown,
}

impl ErrorKind {
    /// The class name, as `ember.errors` names it.
    pub fn class_name(self) -> &'static str {
        match self {
            ErrorKind::Analysis => "AnalysisException",
            ErrorKind::Parse => "ParseException",
            ErrorKind::Arithmetic => "ArithmeticException",
            ErrorKind::NumberFormat => "NumberFormatException",
            ErrorKind::DateTime => "DateTimeException",
            ErrorKind::ArrayIndexOutOfBounds => "ArrayIndexOutOfBoundsException",
            ErrorKind::IllegalArgument => "IllegalArgumentException",
            ErrorKind::UnsupportedOperation => "UnsupportedOperationException",
            ErrorKind::SparkRuntime => "SparkRuntimeException",
            ErrorKind::SparkUpgrade => "SparkUpgradeException",
            ErrorKind::PySparkType => "PySparkTypeError",
            ErrorKind::PySparkValue => "PySparkValueError",
            ErrorKind::PySparkNotImplemented => "PySparkNotImplementedError",
            ErrorKind::Python => "PythonException",
            ErrorKind::Unknown => "UnknownException",
        }
    }
}

/// A Spark error: class, condition, SQLSTATE, parameters and message text.
#[derive(Debug, Clone)]
pub struct SparkError {
    pub kind: ErrorKind,
    pub condition: Option<String>,
    pub sql_state: Option<String>,
    pub params: Vec<(String, String)>,
    pub message: String,
}

pub type Result<T, E = SparkError> = std::result::Result<T, E>;

impl fmt::Display for SparkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SparkError {}

impl SparkError {
    /// An error with a Spark condition; the message becomes
    /// `[CONDITION] text SQLSTATE: xxxxx`.
    pub fn new(
        kind: ErrorKind,
        condition: &str,
        sql_state: &str,
        text: impl AsRef<str>,
        params: &[(&str, String)],
    ) -> Self {
        SparkError {
            kind,
            condition: Some(condition.to_string()),
            sql_state: Some(sql_state.to_string()),
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_string(), v.clone()))
                .collect(),
            message: if condition.starts_with("_LEGACY_ERROR") {
                text.as_ref().to_string()
            } else {
                format!("[{condition}] {} SQLSTATE: {sql_state}", text.as_ref())
            },
        }
    }

    /// An exception raised by a user's Python function, as Spark reports
    /// it: `PythonException` with the worker's traceback.
    pub fn python_exception(traceback: String) -> Self {
        let msg = "An exception was thrown from the Python worker";
        SparkError {
            kind: ErrorKind::Python,
            condition: Some("PYTHON_EXCEPTION".into()),
            sql_state: Some("38000".into()),
            message: format!("{msg}:\n{}", traceback.trim_end()),
            params: vec![("msg".into(), msg.into()), ("traceback".into(), traceback)],
        }
    }

    /// An error without a condition (Spark's legacy errors).
    pub fn plain(kind: ErrorKind, message: impl Into<String>) -> Self {
        SparkError {
            kind,
            condition: None,
            sql_state: None,
            params: vec![],
            message: message.into(),
        }
    }

    /// Appends text after the message (Spark appends `;` and the plan for
    /// analysis errors).
    pub fn with_suffix(mut self, suffix: &str) -> Self {
        self.message.push_str(suffix);
        self
    }

    pub fn internal(message: impl Into<String>) -> Self {
        SparkError::plain(ErrorKind::Unknown, message)
    }

    pub fn illegal_argument(message: impl Into<String>) -> Self {
        SparkError::plain(ErrorKind::IllegalArgument, message)
    }

    pub fn not_implemented(feature: &str) -> Self {
        SparkError::new(
            ErrorKind::PySparkNotImplemented,
            "NOT_IMPLEMENTED",
            "0A000",
            format!("{feature} is not implemented."),
            &[("feature", feature.to_string())],
        )
    }

    pub fn unresolved_column(name: &str, candidates: &[String]) -> Self {
        let object = quote_ident(name);
        if candidates.is_empty() {
            return SparkError::new(
                ErrorKind::Analysis,
                "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
                "42703",
                format!(
                    "A column, variable, or function parameter with name {object} cannot be resolved."
                ),
                &[("objectName", object.clone())],
            );
        }
        let proposal = suggest(name, candidates)
            .iter()
            .map(|c| quote_ident(c))
            .collect::<Vec<_>>()
            .join(", ");
        SparkError::new(
            ErrorKind::Analysis,
            "UNRESOLVED_COLUMN.WITH_SUGGESTION",
            "42703",
            format!(
                "A column, variable, or function parameter with name {object} cannot be resolved. \
                 Did you mean one of the following? [{proposal}]."
            ),
            &[
                ("objectName", object.clone()),
                ("proposal", proposal.clone()),
            ],
        )
    }

    pub fn ambiguous_reference(name: &str, matches: &[String]) -> Self {
        let name = quote_ident(name);
        let refs = format!(
            "[{}]",
            matches
                .iter()
                .map(|m| quote_ident(m))
                .collect::<Vec<_>>()
                .join(", ")
        );
        SparkError::new(
            ErrorKind::Analysis,
            "AMBIGUOUS_REFERENCE",
            "42704",
            format!("Reference {name} is ambiguous, could be: {refs}."),
            &[("name", name.clone()), ("referenceNames", refs.clone())],
        )
    }

    pub fn divide_by_zero() -> Self {
        SparkError::new(
            ErrorKind::Arithmetic,
            "DIVIDE_BY_ZERO",
            "22012",
            "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. \
             If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
            &[("config", "\"spark.sql.ansi.enabled\"".to_string())],
        )
    }

    pub fn remainder_by_zero() -> Self {
        SparkError::new(
            ErrorKind::Arithmetic,
            "REMAINDER_BY_ZERO",
            "22012",
            "Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL instead. \
             If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
            &[("config", "\"spark.sql.ansi.enabled\"".to_string())],
        )
    }

    /// `try_fn` names the tolerant function to suggest, if Spark suggests one.
    pub fn arithmetic_overflow(try_fn: Option<&str>) -> Self {
        let alternative = try_fn
            .map(|f| format!(" Use '{f}' to tolerate overflow and return NULL instead."))
            .unwrap_or_default();
        SparkError::new(
            ErrorKind::Arithmetic,
            "ARITHMETIC_OVERFLOW",
            "22003",
            format!(
                "overflow.{alternative} If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error."
            ),
            &[
                ("message", "overflow".to_string()),
                ("alternative", alternative.clone()),
                ("config", "\"spark.sql.ansi.enabled\"".to_string()),
            ],
        )
    }

    pub fn cast_invalid_input(value: &str, source: &str, target: &str, kind: ErrorKind) -> Self {
        let expression = format!("'{value}'");
        SparkError::new(
            kind,
            "CAST_INVALID_INPUT",
            "22018",
            format!(
                "The value {expression} of the type \"{source}\" cannot be cast to \"{target}\" because it is malformed. \
                 Correct the value as per the syntax, or change its target type. \
                 Use `try_cast` to tolerate malformed input and return NULL instead."
            ),
            &[
                ("expression", expression.clone()),
                ("sourceType", format!("\"{source}\"")),
                ("targetType", format!("\"{target}\"")),
                ("ansiConfig", "\"spark.sql.ansi.enabled\"".to_string()),
            ],
        )
    }

    pub fn cast_overflow(value: &str, source: &str, target: &str) -> Self {
        SparkError::new(
            ErrorKind::Arithmetic,
            "CAST_OVERFLOW",
            "22003",
            format!(
                "The value {value} of the type \"{source}\" cannot be cast to \"{target}\" due to an overflow. \
                 Use `try_cast` to tolerate overflow and return NULL instead."
            ),
            &[
                ("value", value.to_string()),
                ("sourceType", format!("\"{source}\"")),
                ("targetType", format!("\"{target}\"")),
                ("ansiConfig", "\"spark.sql.ansi.enabled\"".to_string()),
            ],
        )
    }

    /// A decimal value that does not fit `target` (`DECIMAL(p,s)`).
    pub fn numeric_out_of_range(value: &str, target: &str) -> Self {
        let (p, s) = target
            .trim_start_matches("DECIMAL(")
            .trim_end_matches(')')
            .split_once(',')
            .unwrap_or(("38", "18"));
        SparkError::new(
            ErrorKind::Arithmetic,
            "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
            "22003",
            format!(
                " {value} cannot be represented as Decimal({p}, {s}). If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error, and return NULL instead."
            ),
            &[
                ("value", value.to_string()),
                ("precision", p.to_string()),
                ("scale", s.to_string()),
                ("config", "\"spark.sql.ansi.enabled\"".to_string()),
            ],
        )
    }

    pub fn invalid_array_index(index: i64, size: usize) -> Self {
        SparkError::new(
            ErrorKind::ArrayIndexOutOfBounds,
            "INVALID_ARRAY_INDEX",
            "22003",
            format!(
                "The index {index} is out of bounds. The array has {size} elements. \
                 Use the SQL function `get()` to tolerate accessing element at invalid index and return NULL instead."
            ),
            &[("indexValue", index.to_string()), ("arraySize", size.to_string())],
        )
    }

    pub fn datatype_mismatch(sub: &str, sql_expr: &str, text: String) -> Self {
        SparkError::new(
            ErrorKind::Analysis,
            &format!("DATATYPE_MISMATCH.{sub}"),
            "42K09",
            format!("Cannot resolve \"{sql_expr}\" due to data type mismatch: {text}"),
            &[("sqlExpr", format!("\"{sql_expr}\""))],
        )
    }
}

impl SparkError {
    /// Spark's checks that report the plan append `;` and the plan's text to
    /// the message (`… SQLSTATE: 42703;\n'Project …`).
    pub fn with_plan(mut self, plan: impl FnOnce() -> String) -> Self {
        const WITH_PLAN: [&str; 9] = [
            "WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE",
            "UNRESOLVED_COLUMN.",
            "NUM_COLUMNS_MISMATCH",
            "INCOMPATIBLE_COLUMN_TYPE",
            "DATATYPE_MISMATCH",
            "MULTI_ALIAS_WITHOUT_GENERATOR",
            "INVALID_LIMIT_LIKE_EXPRESSION",
            "MISSING_GROUP_BY",
            "MISSING_AGGREGATION",
        ];
        let reports_plan = self
            .condition
            .as_deref()
            .is_some_and(|c| WITH_PLAN.iter().any(|p| c.starts_with(p)));
        if reports_plan && self.kind == ErrorKind::Analysis && !self.message.contains('\n') {
            self.message.push_str(";\n");
            self.message.push_str(&plan());
        }
        self
    }
}

/// Backtick-quotes an identifier the way Spark prints names in errors.
pub fn quote_ident(name: &str) -> String {
    name.split('.')
        .map(|p| format!("`{}`", p.replace('`', "``")))
        .collect::<Vec<_>>()
        .join(".")
}

/// Orders candidate names by similarity to `name`, as Spark's suggestions do.
fn suggest(name: &str, candidates: &[String]) -> Vec<String> {
    let target = name.to_lowercase();
    let mut scored: Vec<(usize, &String)> = candidates
        .iter()
        .map(|c| (levenshtein(&target, &c.to_lowercase()), c))
        .collect();
    // Ties go to the shorter name, then alphabetical order, as Spark lists them.
    scored.sort_by(|(d1, a), (d2, b)| {
        (d1, a.chars().count(), a.as_str()).cmp(&(d2, b.chars().count(), b.as_str()))
    });
    scored.into_iter().take(5).map(|(_, c)| c.clone()).collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The Spark error somewhere in a chain of wrapped errors, if any.
fn find_spark(err: &(dyn std::error::Error + 'static)) -> Option<SparkError> {
    let mut cur = Some(err);
    while let Some(e) = cur {
        if let Some(spark) = e.downcast_ref::<SparkError>() {
            return Some(spark.clone());
        }
        cur = e.source();
    }
    None
}

impl From<DataFusionError> for SparkError {
    fn from(err: DataFusionError) -> Self {
        if let Some(spark) = find_spark(&err) {
            return spark;
        }
        match err {
            DataFusionError::External(inner) => match inner.downcast::<SparkError>() {
                Ok(spark) => *spark,
                Err(other) => match other.downcast::<DataFusionError>() {
                    Ok(df) => SparkError::from(*df),
                    Err(other) => match other.downcast::<ArrowError>() {
                        Ok(arrow) => SparkError::from(*arrow),
                        Err(other) => SparkError::internal(other.to_string()),
                    },
                },
            },
            DataFusionError::Context(_, inner) => SparkError::from(*inner),
            DataFusionError::Shared(inner) => match std::sync::Arc::try_unwrap(inner) {
                Ok(e) => SparkError::from(e),
                Err(shared) => SparkError::internal(shared.to_string()),
            },
            DataFusionError::ArrowError(arrow, _) => SparkError::from(*arrow),
            DataFusionError::SQL(e, _) => SparkError::plain(ErrorKind::Parse, e.to_string()),
            DataFusionError::Plan(msg) => SparkError::plain(ErrorKind::Analysis, msg),
            DataFusionError::NotImplemented(msg) => SparkError::plain(
                ErrorKind::UnsupportedOperation,
                format!("Not supported: {msg}"),
            ),
            other => {
                let text = other.to_string();
                if text.contains("Divide by zero") {
                    SparkError::divide_by_zero()
                } else {
                    SparkError::internal(text)
                }
            }
        }
    }
}

impl From<ArrowError> for SparkError {
    fn from(err: ArrowError) -> Self {
        match err {
            ArrowError::ExternalError(inner) => match inner.downcast::<SparkError>() {
                Ok(spark) => *spark,
                Err(other) => match other.downcast::<DataFusionError>() {
                    Ok(df) => SparkError::from(*df),
                    Err(other) => SparkError::internal(other.to_string()),
                },
            },
            ArrowError::DivideByZero => SparkError::divide_by_zero(),
            ArrowError::ArithmeticOverflow(_) => SparkError::arithmetic_overflow(None),
            other => SparkError::internal(other.to_string()),
        }
    }
}

/// Wraps a Spark error so it can travel through DataFusion's execution.
pub fn to_df_error(err: SparkError) -> DataFusionError {
    DataFusionError::External(Box::new(err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unresolved_column_suggests_by_similarity() {
        let err = SparkError::unresolved_column("nme", &["id".into(), "name".into()]);
        assert_eq!(
            err.message,
            "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name \
             `nme` cannot be resolved. Did you mean one of the following? [`name`, `id`]. SQLSTATE: 42703"
        );
        assert_eq!(err.params[1], ("proposal".into(), "`name`, `id`".into()));
    }

    #[test]
    fn spark_errors_survive_datafusion_wrapping() {
        let wrapped = to_df_error(SparkError::divide_by_zero());
        let back = SparkError::from(DataFusionError::Context("ctx".into(), Box::new(wrapped)));
        assert_eq!(back.condition.as_deref(), Some("DIVIDE_BY_ZERO"));
        assert_eq!(back.kind, ErrorKind::Arithmetic);
    }
}
