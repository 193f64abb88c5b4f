//! A pool of Python worker processes, one per task slot, each started from a
//! clean interpreter (`python -m ember.core.worker`) and reused across tasks.
//! Frames travel over the worker's stdin and stdout, each prefixed with its
//! length (u64, little-endian). A worker that dies fails only the task it
//! was running; the next task on its slot starts a new one.

use std::io::{BufReader, BufWriter, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use super::{TaskLost, TaskRunner};

/// How to start a worker.
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    pub program: String,
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
}

struct Worker {
    child: Arc<Mutex<Child>>,
    stdin: BufWriter<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Worker {
    fn start(cmd: &WorkerCommand) -> Result<Worker, String> {
        let mut child = Command::new(&cmd.program)
            .args(&cmd.args)
            .envs(cmd.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start a Python worker ({}): {e}", cmd.program))?;
        let stdin = child.stdin.take().ok_or("the worker has no stdin")?;
        let stdout = child.stdout.take().ok_or("the worker has no stdout")?;
        Ok(Worker {
            child: Arc::new(Mutex::new(child)),
            stdin: BufWriter::with_capacity(1 << 16, stdin),
            stdout: BufReader::with_capacity(1 << 16, stdout),
        })
    }

    fn call(&mut self, payload: &[u8]) -> std::io::Result<Vec<u8>> {
        self.stdin
            .write_all(&(payload.len() as u64).to_le_bytes())?;
        self.stdin.write_all(payload)?;
        self.stdin.flush()?;
        let mut len = [0u8; 8];
        self.stdout.read_exact(&mut len)?;
        let n = u64::from_le_bytes(len) as usize;
        let mut out = vec![0u8; n];
        self.stdout.read_exact(&mut out)?;
        Ok(out)
    }

    fn stop(self) {
        if let Ok(mut c) = self.child.lock() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// One worker process per slot.
pub struct WorkerPool {
    cmd: WorkerCommand,
    slots: Vec<Mutex<Option<Worker>>>,
    /// Each slot's worker process while it runs a task, so that `interrupt`
    /// can kill it without waiting for the slot's lock.
    busy: Vec<Mutex<Option<Arc<Mutex<Child>>>>>,
    /// Set by `interrupt` for the slots whose task it stopped.
    killed: Vec<AtomicBool>,
    /// Counts `interrupt` calls: a task that was starting its worker when
    /// one came is stopped as soon as the worker is registered.
    generation: AtomicU64,
}

impl WorkerPool {
    pub fn new(cmd: WorkerCommand, slots: usize) -> Self {
        WorkerPool {
            cmd,
            slots: (0..slots.max(1)).map(|_| Mutex::new(None)).collect(),
            busy: (0..slots.max(1)).map(|_| Mutex::new(None)).collect(),
            killed: (0..slots.max(1)).map(|_| AtomicBool::new(false)).collect(),
            generation: AtomicU64::new(0),
        }
    }
}

impl TaskRunner for WorkerPool {
    fn slots(&self) -> usize {
        self.slots.len()
    }

    fn run(&self, slot: usize, payload: &[u8]) -> Result<Vec<u8>, TaskLost> {
        let Some(cell) = self.slots.get(slot) else {
            return Err(TaskLost::Worker(format!("no task slot {slot}")));
        };
        let generation = self.generation.load(Ordering::SeqCst);
        let mut guard = cell
            .lock()
            .map_err(|_| TaskLost::Worker("a worker slot lock is poisoned".into()))?;
        if guard.is_none() {
            *guard = Some(Worker::start(&self.cmd).map_err(TaskLost::Worker)?);
        }
        let Some(worker) = guard.as_mut() else {
            return Err(TaskLost::Worker("no worker".into()));
        };
        self.killed[slot].store(false, Ordering::SeqCst);
        if let Ok(mut b) = self.busy[slot].lock() {
            *b = Some(worker.child.clone());
        }
        if self.generation.load(Ordering::SeqCst) != generation {
            // Interrupted while the worker started: stop before the task runs.
            if let Ok(mut b) = self.busy[slot].lock() {
                *b = None;
            }
            if let Some(w) = guard.take() {
                w.stop();
            }
            return Err(TaskLost::Cancelled);
        }
        let out = worker.call(payload);
        if let Ok(mut b) = self.busy[slot].lock() {
            *b = None;
        }
        let killed = self.killed[slot].swap(false, Ordering::SeqCst);
        match out {
            Ok(bytes) => Ok(bytes),
            Err(e) => {
                if let Some(w) = guard.take() {
                    w.stop();
                }
                if killed {
                    Err(TaskLost::Cancelled)
                } else {
                    Err(TaskLost::Worker(format!("the Python worker exited: {e}")))
                }
            }
        }
    }

    fn interrupt(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        for (b, k) in self.busy.iter().zip(&self.killed) {
            if let Ok(b) = b.lock() {
                if let Some(child) = b.as_ref() {
                    k.store(true, Ordering::SeqCst);
                    if let Ok(mut c) = child.lock() {
                        let _ = c.kill();
                    }
                }
            }
        }
    }

    fn shutdown(&self) {
        for cell in &self.slots {
            if let Ok(mut g) = cell.lock() {
                if let Some(w) = g.take() {
                    w.stop();
                }
            }
        }
    }
}

impl Drop for WorkerPool {
    fn drop(&mut self) {
        self.shutdown();
    }
}
