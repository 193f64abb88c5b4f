//! Running tasks: the slots a stage's tasks run on, the Python worker
//! processes behind them, and the record of jobs, stages and tasks.

pub mod status;
pub mod workers;

/// Why a task attempt did not return a frame.
#[derive(Debug, Clone)]
pub enum TaskLost {
    /// The worker died or its pipe broke; the task can run again elsewhere.
    Worker(String),
    /// The job was cancelled while the task ran.
    Cancelled,
}

/// Runs task frames. `local[1]` runs them in the driver's interpreter;
/// `local[N]` sends them to a pool of worker processes.
pub trait TaskRunner: Send + Sync {
    /// How many tasks run at once.
    fn slots(&self) -> usize;
    /// Runs one task frame on `slot` and returns the worker's reply frame.
    fn run(&self, slot: usize, payload: &[u8]) -> Result<Vec<u8>, TaskLost>;
    /// Stops the tasks running now (a cancelled job): workers are killed
    /// and started afresh for the next task.
    fn interrupt(&self) {}
    /// Stops the workers for good.
    fn shutdown(&self) {}
}
