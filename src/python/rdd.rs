//! `PyRddContext` and `PyRdd`: Spark Core's native half. The Python `RDD`
//! pickles its functions and data; these classes build the lineage and run
//! jobs on the engine's scheduler.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};

use super::error::{to_py_err, IntoPyResult};
use crate::exec::status::StageInfo;
use crate::exec::workers::{WorkerCommand, WorkerPool};
use crate::exec::{TaskLost, TaskRunner};
use crate::rdd::{Blob, JobRequest, NodeKind, Rdd, RddContext, RddNode};

/// `local[1]`: tasks run in the driver's interpreter, through the same
/// `ember.core.worker.run_task` the worker processes run.
struct InProcess {
    run_task: Py<PyAny>,
    /// Raises `KeyboardInterrupt` in the thread running a task.
    interrupt: Py<PyAny>,
}

impl TaskRunner for InProcess {
    fn slots(&self) -> usize {
        1
    }

    fn run(&self, _slot: usize, payload: &[u8]) -> Result<Vec<u8>, TaskLost> {
        Python::attach(|py| {
            let arg = PyBytes::new(py, payload);
            let out = self
                .run_task
                .bind(py)
                .call1((arg,))
                .map_err(|e| TaskLost::Worker(e.to_string()))?;
            let bytes = out
                .cast::<PyBytes>()
                .map_err(|e| TaskLost::Worker(e.to_string()))?;
            Ok(bytes.as_bytes().to_vec())
        })
    }

    fn interrupt(&self) {
        Python::attach(|py| {
            let _ = self.interrupt.call0(py);
        })
    }
}

#[pyclass(frozen, module = "ember._native", name = "RddContext")]
pub struct PyRddContext {
    inner: Arc<RddContext>,
}

#[pyclass(frozen, module = "ember._native", name = "Rdd")]
pub struct PyRdd {
    inner: Rdd,
}

fn blob(b: &[u8]) -> Blob {
    Blob::from(b)
}

fn stage_dict<'py>(py: Python<'py>, s: &StageInfo) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
    let d = pyo3::types::PyDict::new(py);
    d.set_item("stageId", s.id)?;
    d.set_item("name", &s.name)?;
    d.set_item("numTasks", s.num_tasks)?;
    d.set_item("numActiveTasks", s.active)?;
    d.set_item("numCompletedTasks", s.completed)?;
    d.set_item("numFailedTasks", s.failed)?;
    d.set_item("submissionTime", s.submitted_ms)?;
    d.set_item("completionTime", s.completed_ms)?;
    d.set_item("recordsRead", s.records_read)?;
    d.set_item("recordsWritten", s.records_written)?;
    d.set_item("bytesRead", s.bytes_read)?;
    d.set_item("bytesWritten", s.bytes_written)?;
    d.set_item("shuffleReadBytes", s.shuffle_read_bytes)?;
    d.set_item("shuffleWriteBytes", s.shuffle_write_bytes)?;
    d.set_item("executorRunTime", s.task_time_ms)?;
    Ok(d)
}

#[pymethods]
impl PyRddContext {
    /// `slots` 1 runs tasks in this interpreter; more start worker processes
    /// with `worker_command` (program, args, environment).
    #[new]
    #[pyo3(signature = (slots, run_task, interrupt, worker_command, max_failures, progress, local_dir, memory_budget))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        slots: usize,
        run_task: Py<PyAny>,
        interrupt: Py<PyAny>,
        worker_command: (String, Vec<String>, BTreeMap<String, String>),
        max_failures: usize,
        progress: bool,
        local_dir: PathBuf,
        memory_budget: u64,
    ) -> Self {
        let runner: Arc<dyn TaskRunner> = if slots <= 1 {
            Arc::new(InProcess {
                run_task,
                interrupt,
            })
        } else {
            let (program, args, env) = worker_command;
            Arc::new(WorkerPool::new(
                WorkerCommand {
                    program,
                    args,
                    env: env.into_iter().collect(),
                },
                slots,
            ))
        };
        PyRddContext {
            inner: Arc::new(RddContext::new(
                runner,
                max_failures,
                progress,
                local_dir,
                memory_budget,
            )),
        }
    }

    fn slots(&self) -> usize {
        self.inner.slots()
    }

    fn data(&self, blocks: Vec<Bound<'_, PyBytes>>, label: &str, site: &str) -> PyRdd {
        let blocks = blocks.iter().map(|b| blob(b.as_bytes())).collect();
        PyRdd {
            inner: RddNode::new(NodeKind::Data(blocks), label, site),
        }
    }

    fn generated(&self, func: &[u8], partitions: usize, label: &str, site: &str) -> PyRdd {
        let kind = NodeKind::Generated {
            func: blob(func),
            partitions,
        };
        PyRdd {
            inner: RddNode::new(kind, label, site),
        }
    }

    fn union(&self, parents: Vec<PyRef<'_, PyRdd>>, site: &str) -> PyRdd {
        let ps = parents.iter().map(|p| p.inner.clone()).collect();
        PyRdd {
            inner: RddNode::new(NodeKind::Union(ps), "UnionRDD", site),
        }
    }

    /// Runs `func` over the given partitions of `rdd`: one pickled result
    /// per partition. Ctrl-C cancels the job.
    #[pyo3(signature = (rdd, func, partitions, site, group=None, description=None, tags=None))]
    #[allow(clippy::too_many_arguments)]
    fn run_job<'py>(
        &self,
        py: Python<'py>,
        rdd: PyRef<'_, PyRdd>,
        func: &[u8],
        partitions: Vec<usize>,
        site: String,
        group: Option<String>,
        description: Option<String>,
        tags: Option<Vec<String>>,
    ) -> PyResult<(Bound<'py, PyList>, Bound<'py, PyList>)> {
        let ctx = self.inner.clone();
        let node = rdd.inner.clone();
        let func = blob(func);
        let (tx, rx) = std::sync::mpsc::channel();
        let rx = std::sync::Mutex::new(rx);
        let recv = |timeout: Option<Duration>| match rx.lock() {
            Ok(rx) => match timeout {
                Some(t) => rx.recv_timeout(t),
                None => rx
                    .recv()
                    .map_err(|_| std::sync::mpsc::RecvTimeoutError::Disconnected),
            },
            Err(_) => Err(std::sync::mpsc::RecvTimeoutError::Disconnected),
        };
        let handle = std::thread::Builder::new()
            .name("ember-job".into())
            .spawn(move || {
                let out = ctx.run_job(JobRequest {
                    rdd: &node,
                    func,
                    partitions,
                    site,
                    group,
                    tags: tags.unwrap_or_default(),
                    description,
                });
                let _ = tx.send(out);
            })
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
        let out = loop {
            let got = py.detach(|| recv(Some(Duration::from_millis(100))));
            match got {
                Ok(out) => break out,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    if let Err(e) = py.check_signals() {
                        self.inner
                            .cancel(None, None, "because the driver was interrupted");
                        py.detach(|| {
                            let _ = recv(None);
                        });
                        let _ = handle.join();
                        return Err(e);
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(pyo3::exceptions::PyRuntimeError::new_err(
                        "the job's thread ended without a result",
                    ))
                }
            }
        };
        let _ = handle.join();
        let (blobs, accumulators) = out.map_err(to_py_err)?;
        let list = PyList::empty(py);
        for b in blobs {
            list.append(PyBytes::new(py, &b))?;
        }
        let updates = PyList::empty(py);
        for b in accumulators {
            updates.append(PyBytes::new(py, &b))?;
        }
        Ok((list, updates))
    }

    #[pyo3(signature = (group=None, tag=None, reason=None))]
    fn cancel(&self, group: Option<&str>, tag: Option<&str>, reason: Option<&str>) {
        let reason = match (group, tag, reason) {
            (_, _, Some(r)) => r.to_string(),
            (Some(g), _, None) => format!("part of cancelled job group {g}"),
            (None, Some(t), None) => format!("part of cancelled job tag {t}"),
            (None, None, None) => "as part of cancellation of all jobs".to_string(),
        };
        self.inner.cancel(group, tag, &reason);
    }

    /// `toString` of an RDD: `name Class[id] at site`.
    fn describe(&self, rdd: PyRef<'_, PyRdd>) -> String {
        rdd.inner.describe()
    }

    fn unpersist(&self, rdd: PyRef<'_, PyRdd>) -> PyResult<()> {
        self.inner.unpersist(&rdd.inner).py()
    }

    /// Forgets one cached partition (as when an executor loses a block).
    fn drop_cached_partition(&self, rdd: PyRef<'_, PyRdd>, split: usize) -> PyResult<()> {
        let id = rdd.inner.id;
        self.inner
            .store
            .remove_where(|b| *b == crate::rdd::store::BlockId::Rdd { rdd: id, split })
            .py()
    }

    fn cached(&self, rdd: PyRef<'_, PyRdd>) -> (usize, u64, u64) {
        self.inner.cached(rdd.inner.id)
    }

    fn set_checkpoint_dir(&self, dir: PathBuf) {
        self.inner.set_checkpoint_dir(dir)
    }

    fn checkpoint_files(&self, rdd: PyRef<'_, PyRdd>) -> Option<Vec<PathBuf>> {
        self.inner.checkpoint_files(rdd.inner.id)
    }

    fn debug_string(&self, rdd: PyRef<'_, PyRdd>, persistence: &str) -> String {
        let ctx = self.inner.clone();
        let cached = move |id: usize| {
            let c = ctx.cached(id);
            (c.0 > 0).then_some(c)
        };
        rdd.inner.debug_string(persistence, &cached)
    }

    /// Jobs as `(id, group, status, stage ids)`.
    fn jobs(&self) -> Vec<(usize, Option<String>, String, Vec<usize>)> {
        self.inner
            .status
            .jobs()
            .into_iter()
            .map(|j| (j.id, j.group, j.status.name().to_string(), j.stage_ids))
            .collect()
    }

    fn stage<'py>(
        &self,
        py: Python<'py>,
        id: usize,
    ) -> PyResult<Option<Bound<'py, pyo3::types::PyDict>>> {
        match self.inner.status.stage(id) {
            Some(s) => Ok(Some(stage_dict(py, &s)?)),
            None => Ok(None),
        }
    }

    fn active_stage_ids(&self) -> Vec<usize> {
        self.inner
            .status
            .active_stages()
            .into_iter()
            .map(|s| s.id)
            .collect()
    }

    fn stop(&self) {
        self.inner.shutdown()
    }
}

#[pymethods]
impl PyRdd {
    fn map(&self, func: &[u8], label: &str, site: &str) -> PyRdd {
        let kind = NodeKind::Map {
            parent: self.inner.clone(),
            func: blob(func),
        };
        PyRdd {
            inner: RddNode::new(kind, label, site),
        }
    }

    fn shuffle(&self, partitions: usize, partitioner: &[u8], site: &str) -> PyRdd {
        PyRdd {
            inner: RddNode::shuffle(self.inner.clone(), partitions, blob(partitioner), site),
        }
    }

    fn coalesce(&self, groups: Vec<Vec<usize>>, site: &str) -> PyRdd {
        let kind = NodeKind::Coalesce {
            parent: self.inner.clone(),
            groups,
        };
        PyRdd {
            inner: RddNode::new(kind, "CoalescedRDD", site),
        }
    }

    fn zip(&self, other: PyRef<'_, PyRdd>, site: &str) -> PyRdd {
        let kind = NodeKind::Zip(self.inner.clone(), other.inner.clone());
        PyRdd {
            inner: RddNode::new(kind, "ZippedPartitionsRDD2", site),
        }
    }

    fn cartesian(&self, other: PyRef<'_, PyRdd>, site: &str) -> PyRdd {
        let kind = NodeKind::Cartesian(self.inner.clone(), other.inner.clone());
        PyRdd {
            inner: RddNode::new(kind, "CartesianRDD", site),
        }
    }

    #[getter]
    fn id(&self) -> usize {
        self.inner.id
    }

    fn num_partitions(&self) -> usize {
        self.inner.num_partitions()
    }

    fn set_name(&self, name: Option<String>) {
        if let Ok(mut n) = self.inner.name.lock() {
            *n = name;
        }
    }

    fn name(&self) -> Option<String> {
        self.inner.name.lock().ok().and_then(|n| n.clone())
    }

    fn persist(&self) {
        self.inner.persisted.store(true, Ordering::Relaxed)
    }

    fn is_persisted(&self) -> bool {
        self.inner.persisted.load(Ordering::Relaxed)
    }

    fn request_checkpoint(&self) {
        self.inner
            .checkpoint_requested
            .store(true, Ordering::Relaxed)
    }

    fn is_checkpointed(&self) -> bool {
        self.inner.checkpointed.load(Ordering::Relaxed)
    }
}

/// Counts the words (`str.split()`) of an iterable of `str`: `[(word,
/// count)]` in order of first occurrence. `TypeError` on an item that is
/// not a `str` (the caller then counts in Python).
#[pyfunction]
pub fn count_split_words<'py>(
    py: Python<'py>,
    lines: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let mut counter = crate::rdd::wordcount::WordCounter::default();
    for item in lines.try_iter()? {
        let item = item?;
        let s = item.cast::<pyo3::types::PyString>()?;
        counter.add_line(&s.to_cow()?);
    }
    let out = PyList::empty(py);
    for (w, n) in counter.finish() {
        out.append((&*w, n))?;
    }
    Ok(out)
}

/// A slice `[start, end)` of a list of `(int, int)` tuples (exact types,
/// values within `i64`) as a typed block; `None` for anything else.
#[pyfunction]
pub fn encode_int_pairs<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyList>,
    start: usize,
    end: usize,
) -> PyResult<Option<Bound<'py, PyBytes>>> {
    use crate::rdd::typed::{block_len, put_header, put_pair};
    let end = end.min(items.len());
    let n = end.saturating_sub(start);
    let mut typed = true;
    // Written straight into the bytes object: no column vectors, no copy.
    let bytes = PyBytes::new_with(py, block_len(n), |buf| {
        put_header(buf, n);
        for j in 0..n {
            let item = items.get_item(start + j)?;
            let Ok(t) = item.cast_exact::<pyo3::types::PyTuple>() else {
                typed = false;
                return Ok(());
            };
            if t.len() != 2 {
                typed = false;
                return Ok(());
            }
            let (k, v) = (t.get_item(0)?, t.get_item(1)?);
            if !k.is_exact_instance_of::<pyo3::types::PyInt>()
                || !v.is_exact_instance_of::<pyo3::types::PyInt>()
            {
                typed = false;
                return Ok(());
            }
            let (Ok(k), Ok(v)) = (k.extract::<i64>(), v.extract::<i64>()) else {
                typed = false;
                return Ok(());
            };
            put_pair(buf, n, j, k, v);
        }
        Ok(())
    })?;
    Ok(typed.then_some(bytes))
}

fn pairs_list<'py>(py: Python<'py>, keys: &[i64], values: &[i64]) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for (k, v) in keys.iter().zip(values) {
        out.append((*k, *v))?;
    }
    Ok(out)
}

/// The `(int, int)` tuples of a typed block.
#[pyfunction]
pub fn decode_int_pairs<'py>(py: Python<'py>, blob: &[u8]) -> PyResult<Bound<'py, PyList>> {
    let (k, v) = crate::rdd::typed::decode_int_pairs(blob)
        .ok_or_else(|| pyo3::exceptions::PyValueError::new_err("not a typed block"))?;
    pairs_list(py, &k, &v)
}

/// `(pairs, records)`: the block's values summed by key, keys in order of
/// first occurrence; `None` if a sum leaves `i64`.
#[pyfunction]
pub fn sum_int_pairs<'py>(
    py: Python<'py>,
    blob: &[u8],
) -> PyResult<Option<(Bound<'py, PyList>, usize)>> {
    if !crate::rdd::typed::is_typed(blob) {
        return Err(pyo3::exceptions::PyValueError::new_err("not a typed block"));
    }
    match crate::rdd::typed::sum_block(blob) {
        Some((ks, vs, n)) => Ok(Some((pairs_list(py, &ks, &vs)?, n))),
        None => Ok(None),
    }
}
