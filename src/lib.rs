//! # Ember: Apache Spark without the JVM
//!
//! ```text
//! python/ember/…        PySpark-shaped API: normalise arguments, one native call, wrap
//!        │  pyo3
//! python/               the only module that imports pyo3: PySession, PyDataFrame, PyColumn,
//!                       value conversion, and the mapping of engine errors to PySpark's classes
//!        │
//! catalog               the persistent warehouse: databases and managed Parquet tables
//! session               SparkSession state: DataFusion context, SQL conf, temp views, execution
//! dataframe             the engine's DataFrame: eager analysis, async actions
//! expr                  Spark's unresolved expression tree (what a Column is) and its repr
//! plan                  frames (plans with Spark's column identities), the resolver, Spark's
//!                       type coercion, the DataFrame operations, caching
//! functions             the Spark function registry (operators and functions by name)
//! io                    data sources read into frames (Parquet)
//! sql                   Spark SQL text → the same expressions and plans
//! types                 Spark data types ⇄ Arrow, Spark's JSON schema form
//! show                  Spark's text form of values and the `show()` layout
//! format                Java's number formats as Spark prints them
//! runtime               the shared tokio runtime
//! error                 typed engine errors with Spark's conditions and SQLSTATEs
//! ```

/// The engine allocates and frees many short-lived buffers (batches, strings,
/// hash tables); mimalloc serves them faster than the system allocator and
/// returns memory to the system without a page fault per large buffer.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod catalog;
pub mod dataframe;
pub mod error;
pub mod exec;
pub mod expr;
pub mod format;
pub mod functions;
pub mod io;
pub mod plan;
pub mod planner;
pub mod rdd;
pub mod runtime;
pub mod session;
pub mod show;
pub mod sql;
pub mod types;

#[cfg(feature = "python")]
mod python;
