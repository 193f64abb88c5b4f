//! The DAG scheduler. An action submits a job; the job's stages are cut at
//! shuffle dependencies (a map stage per shuffle whose outputs are missing,
//! then the result stage); each stage runs one task per partition on the
//! runner's slots. Narrow dependencies are pipelined inside a task. A failed
//! task runs again up to `spark.task.maxFailures` times.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::frame::{Blob, Frame};
use super::graph::{NodeKind, Rdd};
use super::store::{BlockId, BlockStore};
use super::task::{Output, TaskBuilder};
use crate::error::{ErrorKind, Result, SparkError};
use crate::exec::status::{JobStatus, ProgressBar, StatusStore};
use crate::exec::{TaskLost, TaskRunner};

/// What an action asks for.
pub struct JobRequest<'a> {
    pub rdd: &'a Rdd,
    /// `f(iterator)` run on each partition; its pickled value comes back.
    pub func: Blob,
    pub partitions: Vec<usize>,
    /// The action's call site, which names the result stage.
    pub site: String,
    pub group: Option<String>,
    pub tags: Vec<String>,
    pub description: Option<String>,
}

struct Cancel {
    job: usize,
    group: Option<String>,
    tags: Vec<String>,
    flag: Arc<AtomicBool>,
    reason: Arc<Mutex<String>>,
}

/// The Spark Core state of one application.
pub struct RddContext {
    pub store: BlockStore,
    pub status: Arc<StatusStore>,
    runner: Arc<dyn TaskRunner>,
    max_failures: usize,
    progress: bool,
    shuffles_done: Mutex<HashSet<usize>>,
    checkpoints: Mutex<HashMap<usize, Vec<PathBuf>>>,
    checkpoint_dir: Mutex<Option<PathBuf>>,
    cancels: Mutex<Vec<Cancel>>,
    tasks: AtomicUsize,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}

impl RddContext {
    pub fn new(
        runner: Arc<dyn TaskRunner>,
        max_failures: usize,
        progress: bool,
        local_dir: PathBuf,
        memory_budget: u64,
    ) -> Self {
        RddContext {
            store: BlockStore::new(memory_budget, local_dir),
            status: Arc::new(StatusStore::default()),
            runner,
            max_failures: max_failures.max(1),
            progress,
            shuffles_done: Mutex::new(HashSet::new()),
            checkpoints: Mutex::new(HashMap::new()),
            checkpoint_dir: Mutex::new(None),
            cancels: Mutex::new(Vec::new()),
            tasks: AtomicUsize::new(0),
        }
    }

    pub fn slots(&self) -> usize {
        self.runner.slots()
    }

    pub fn set_checkpoint_dir(&self, dir: PathBuf) {
        *lock(&self.checkpoint_dir) = Some(dir);
    }

    pub fn checkpoint_dir(&self) -> Option<PathBuf> {
        lock(&self.checkpoint_dir).clone()
    }

    /// Runs an action's job: each partition's pickled result, and the
    /// accumulator updates of the tasks that succeeded.
    pub fn run_job(&self, req: JobRequest<'_>) -> Result<(Vec<Blob>, Vec<Blob>)> {
        let job = self
            .status
            .start_job(req.group.clone(), req.description.clone());
        let flag = Arc::new(AtomicBool::new(false));
        let reason = Arc::new(Mutex::new(String::new()));
        lock(&self.cancels).push(Cancel {
            job,
            group: req.group.clone(),
            tags: req.tags.clone(),
            flag: flag.clone(),
            reason: reason.clone(),
        });
        let bar = self
            .progress
            .then(|| ProgressBar::start(self.status.clone()));
        let run = Run {
            ctx: self,
            job,
            cancel: &flag,
            reason: &reason,
            accumulators: Mutex::new(Vec::new()),
        };
        let out = run
            .job(&req)
            .map(|r| (r, std::mem::take(&mut *lock(&run.accumulators))));
        drop(bar);
        lock(&self.cancels).retain(|c| c.job != job);
        self.status.end_job(
            job,
            if out.is_ok() {
                JobStatus::Succeeded
            } else {
                JobStatus::Failed
            },
        );
        out
    }

    /// Cancels the running jobs of a group, or with a tag (neither: every
    /// job).
    pub fn cancel(&self, group: Option<&str>, tag: Option<&str>, reason: &str) {
        let mut any = false;
        for c in lock(&self.cancels).iter() {
            let hit = match (group, tag) {
                (Some(g), _) => c.group.as_deref() == Some(g),
                (None, Some(t)) => c.tags.iter().any(|x| x == t),
                (None, None) => true,
            };
            if hit {
                *lock(&c.reason) = reason.to_string();
                c.flag.store(true, Ordering::SeqCst);
                any = true;
            }
        }
        if any {
            self.runner.interrupt();
        }
    }

    /// Forgets an RDD's cached partitions.
    pub fn unpersist(&self, rdd: &Rdd) -> Result<()> {
        rdd.persisted.store(false, Ordering::Relaxed);
        let id = rdd.id;
        self.store
            .remove_where(|b| matches!(b, BlockId::Rdd { rdd, .. } if *rdd == id))
    }

    /// `(partitions, memory bytes, disk bytes)` cached for an RDD.
    pub fn cached(&self, rdd: usize) -> (usize, u64, u64) {
        self.store
            .usage(|b| matches!(b, BlockId::Rdd { rdd: r, .. } if *r == rdd))
    }

    pub fn checkpoint_files(&self, rdd: usize) -> Option<Vec<PathBuf>> {
        lock(&self.checkpoints).get(&rdd).cloned()
    }

    pub fn shutdown(&self) {
        self.runner.shutdown();
    }
}

/// One job while it runs.
struct Run<'a> {
    ctx: &'a RddContext,
    job: usize,
    cancel: &'a AtomicBool,
    reason: &'a Mutex<String>,
    accumulators: Mutex<Vec<Blob>>,
}

impl Run<'_> {
    fn job(&self, req: &JobRequest<'_>) -> Result<Vec<Blob>> {
        let mut seen = HashSet::new();
        self.prepare(req.rdd, &mut seen)?;
        let out = self.stage(
            &req.site,
            req.rdd,
            &req.partitions,
            &Output::Result(req.func.clone()),
        )?;
        self.checkpoint(req.rdd)?;
        Ok(out)
    }

    /// Runs the map stages of the shuffles `rdd` needs and lacks, parents first.
    fn prepare(&self, rdd: &Rdd, seen: &mut HashSet<usize>) -> Result<()> {
        if !seen.insert(rdd.id) || rdd.checkpointed.load(Ordering::Relaxed) {
            return Ok(());
        }
        if rdd.persisted.load(Ordering::Relaxed)
            && self.ctx.cached(rdd.id).0 == rdd.num_partitions()
        {
            return Ok(());
        }
        if let NodeKind::Shuffle {
            parent,
            partitions,
            partitioner,
            shuffle_id,
        } = &rdd.kind
        {
            if lock(&self.ctx.shuffles_done).contains(shuffle_id) {
                return Ok(());
            }
            self.prepare(parent, seen)?;
            let splits: Vec<usize> = (0..parent.num_partitions()).collect();
            let out = Output::Shuffle {
                shuffle: *shuffle_id,
                n: *partitions,
                partitioner: partitioner.clone(),
            };
            self.stage(&rdd.site, parent, &splits, &out)?;
            lock(&self.ctx.shuffles_done).insert(*shuffle_id);
            return Ok(());
        }
        for (p, _) in rdd.parents() {
            self.prepare(p, seen)?;
        }
        Ok(())
    }

    /// Saves the RDDs of the lineage that asked for a checkpoint.
    fn checkpoint(&self, rdd: &Rdd) -> Result<()> {
        let mut todo = Vec::new();
        let mut stack = vec![rdd.clone()];
        let mut seen = HashSet::new();
        while let Some(r) = stack.pop() {
            if !seen.insert(r.id) || r.checkpointed.load(Ordering::Relaxed) {
                continue;
            }
            if r.checkpoint_requested.load(Ordering::Relaxed) {
                todo.push(r.clone());
            }
            for (p, _) in r.parents() {
                stack.push(p.clone());
            }
        }
        for r in todo {
            let dir = self.ctx.checkpoint_dir().ok_or_else(|| {
                SparkError::plain(
                    ErrorKind::SparkRuntime,
                    "Checkpoint directory has not been set in the SparkContext",
                )
            })?;
            let mut seen = HashSet::new();
            self.prepare(&r, &mut seen)?;
            let splits: Vec<usize> = (0..r.num_partitions()).collect();
            let blocks = self.stage("checkpoint", &r, &splits, &Output::Block)?;
            let rdd_dir = dir.join(format!("rdd-{}", r.id));
            std::fs::create_dir_all(&rdd_dir).map_err(|e| io_error(&rdd_dir, e))?;
            let mut files = Vec::with_capacity(blocks.len());
            for (i, b) in blocks.iter().enumerate() {
                let path = rdd_dir.join(format!("part-{i:05}"));
                std::fs::write(&path, b).map_err(|e| io_error(&path, e))?;
                files.push(path);
            }
            lock(&self.ctx.checkpoints).insert(r.id, files);
            r.mark_checkpointed();
        }
        Ok(())
    }

    fn cancelled(&self) -> Option<SparkError> {
        if !self.cancel.load(Ordering::SeqCst) {
            return None;
        }
        let reason = lock(self.reason).clone();
        Some(SparkError::new(
            ErrorKind::SparkRuntime,
            "SPARK_JOB_CANCELLED",
            "XXKDA",
            format!("Job {} cancelled {reason}", self.job),
            &[("jobId", self.job.to_string()), ("reason", reason.clone())],
        ))
    }

    /// Runs one stage: a task per split, on the runner's slots, with retries.
    fn stage(&self, name: &str, rdd: &Rdd, splits: &[usize], out: &Output) -> Result<Vec<Blob>> {
        let ctx = self.ctx;
        let stage = ctx
            .status
            .start_stage(self.job, name.to_string(), splits.len());
        let queue: Mutex<VecDeque<(usize, usize)>> =
            Mutex::new(splits.iter().enumerate().map(|(i, _)| (i, 0)).collect());
        let results: Mutex<Vec<Option<Blob>>> = Mutex::new(vec![None; splits.len()]);
        let failure: Mutex<Option<SparkError>> = Mutex::new(None);
        let pending = AtomicUsize::new(splits.len());
        let slots = ctx.runner.slots().min(splits.len()).max(1);
        std::thread::scope(|s| {
            for slot in 0..slots {
                let (queue, results, failure, pending) = (&queue, &results, &failure, &pending);
                s.spawn(move || loop {
                    if lock(failure).is_some() || pending.load(Ordering::SeqCst) == 0 {
                        return;
                    }
                    if let Some(e) = self.cancelled() {
                        lock(failure).get_or_insert(e);
                        return;
                    }
                    let Some((i, attempt)) = lock(queue).pop_front() else {
                        std::thread::sleep(Duration::from_millis(2));
                        continue;
                    };
                    match self.task(stage, slot, rdd, splits[i], attempt, out) {
                        Ok(Some(b)) => {
                            lock(results)[i] = Some(b);
                            pending.fetch_sub(1, Ordering::SeqCst);
                        }
                        Ok(None) => lock(queue).push_back((i, attempt + 1)),
                        Err(e) => {
                            lock(failure).get_or_insert(e);
                            return;
                        }
                    }
                });
            }
        });
        ctx.status.end_stage(stage);
        if let Some(e) = lock(&failure).take() {
            return Err(e);
        }
        let results = std::mem::take(&mut *lock(&results));
        Ok(results
            .into_iter()
            .map(|r| r.unwrap_or_else(|| Blob::from(&[][..])))
            .collect())
    }

    /// One attempt of a task. `Ok(None)`: it failed and may run again.
    fn task(
        &self,
        stage: usize,
        slot: usize,
        rdd: &Rdd,
        split: usize,
        attempt: usize,
        out: &Output,
    ) -> Result<Option<Blob>> {
        let ctx = self.ctx;
        let checkpoints = lock(&ctx.checkpoints).clone();
        let mut b = TaskBuilder::new(&ctx.store, &checkpoints);
        let mut header = b.header(rdd, split, out)?;
        let tid = ctx.tasks.fetch_add(1, Ordering::Relaxed);
        if let Some(h) = header.as_object_mut() {
            h.insert("stage".into(), stage.into());
            h.insert("partition".into(), split.into());
            h.insert("attempt".into(), attempt.into());
            h.insert("tid".into(), tid.into());
        }
        let payload = Frame::encode(&header, &b.blobs);
        let (input_bytes, shuffle_bytes) = (b.input_bytes, b.shuffle_bytes);
        drop(b);
        ctx.status.update_stage(stage, |s| s.active += 1);
        let started = Instant::now();
        let reply = ctx.runner.run(slot, &payload);
        let elapsed = started.elapsed().as_millis() as u64;
        let fail = |ctx: &RddContext, err: SparkError| -> Result<Option<Blob>> {
            ctx.status.update_stage(stage, |s| {
                s.active = s.active.saturating_sub(1);
                s.failed += 1;
            });
            if attempt + 1 >= self.ctx.max_failures {
                Err(err)
            } else {
                Ok(None)
            }
        };
        let reply = match reply {
            Ok(r) => Frame::decode(&r)?,
            Err(TaskLost::Cancelled) => {
                // Stopped for this job's cancellation, or for another job's
                // (the workers are shared): then it runs again.
                if let Some(e) = self.cancelled() {
                    return Err(e);
                }
                ctx.status
                    .update_stage(stage, |s| s.active = s.active.saturating_sub(1));
                return Ok(None);
            }
            Err(TaskLost::Worker(msg)) => {
                if let Some(e) = self.cancelled() {
                    return Err(e);
                }
                let err = SparkError::plain(
                    ErrorKind::SparkRuntime,
                    format!(
                        "Job aborted due to stage failure: Task {split} in stage {stage}.0 \
                         failed {} times, most recent failure: {msg}",
                        attempt + 1
                    ),
                );
                return fail(ctx, err);
            }
        };
        let h = &reply.header;
        if h.get("ok").and_then(Value::as_bool) != Some(true) {
            return fail(ctx, python_error(h));
        }
        let outputs = match out {
            Output::Shuffle { n, .. } => *n,
            _ => 1,
        };
        if reply.blobs.len() < outputs {
            return fail(
                ctx,
                SparkError::internal("a worker replied with too few blocks"),
            );
        }
        let mut written = 0u64;
        if let Output::Shuffle { shuffle, n, .. } = out {
            for reduce in 0..*n {
                let blob = reply.blobs[reduce].clone();
                written += blob.len() as u64;
                ctx.store.put(
                    BlockId::Shuffle {
                        shuffle: *shuffle,
                        map: split,
                        reduce,
                    },
                    blob,
                )?;
            }
        }
        self.store_tees(&reply, outputs)?;
        if let Some(i) = h.get("acc").and_then(Value::as_u64) {
            if let Some(b) = reply.blobs.get(i as usize) {
                lock(&self.accumulators).push(b.clone());
            }
        }
        let first = match out {
            Output::Shuffle { .. } => Blob::from(&[][..]),
            _ => reply.blobs[0].clone(),
        };
        let shuffle_write = if matches!(out, Output::Shuffle { .. }) {
            written
        } else {
            written += first.len() as u64;
            0
        };
        let (rin, rout) = counts(h);
        ctx.status.update_stage(stage, |s| {
            s.active = s.active.saturating_sub(1);
            s.completed += 1;
            s.records_read += rin;
            s.records_written += rout;
            s.bytes_read += input_bytes;
            s.shuffle_read_bytes += shuffle_bytes;
            s.bytes_written += written;
            s.shuffle_write_bytes += shuffle_write;
            s.task_time_ms += elapsed;
        });
        Ok(Some(first))
    }

    fn store_tees(&self, reply: &Frame, outputs: usize) -> Result<()> {
        let Some(tees) = reply.header.get("tees").and_then(Value::as_array) else {
            return Ok(());
        };
        for (k, t) in tees.iter().enumerate() {
            let (Some(rdd), Some(split)) = (
                t.get(0).and_then(Value::as_u64),
                t.get(1).and_then(Value::as_u64),
            ) else {
                continue;
            };
            if let Some(b) = reply.blobs.get(outputs + k) {
                self.ctx.store.put(
                    BlockId::Rdd {
                        rdd: rdd as usize,
                        split: split as usize,
                    },
                    b.clone(),
                )?;
            }
        }
        Ok(())
    }
}

fn counts(h: &Value) -> (u64, u64) {
    (
        h.get("rin").and_then(Value::as_u64).unwrap_or(0),
        h.get("rout").and_then(Value::as_u64).unwrap_or(0),
    )
}

fn io_error(path: &std::path::Path, e: std::io::Error) -> SparkError {
    SparkError::plain(
        ErrorKind::SparkRuntime,
        format!("cannot write {}: {e}", path.display()),
    )
}

/// The user's exception from a reply header.
fn python_error(h: &Value) -> SparkError {
    let traceback = h.get("tb").and_then(Value::as_str).unwrap_or("");
    SparkError::python_exception(traceback.to_string())
}
