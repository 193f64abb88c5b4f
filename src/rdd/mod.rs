//! Spark Core: the RDD lineage graph, the DAG scheduler that cuts a job into
//! stages at shuffle boundaries and runs one task per partition, the block
//! store for shuffle outputs and cached partitions, and checkpoints.
//!
//! The engine never looks inside records or functions: partitions travel as
//! pickled batches and functions as pickled closures, and the Python code of
//! `ember.core.worker` runs them (see [`frame`] for the task frame).

pub mod frame;
pub mod graph;
pub mod scheduler;
pub mod store;
mod task;
pub mod typed;
pub mod wordcount;

pub use frame::{Blob, Frame};
pub use graph::{NodeKind, Rdd, RddNode};
pub use scheduler::{JobRequest, RddContext};
