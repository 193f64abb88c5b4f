//! The record of jobs, stages and tasks (what `sc.statusTracker()` reads and
//! what a web UI will read later), and Spark's console progress bar.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A job's state, as `SparkJobInfo.status` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobStatus {
    Running,
    Succeeded,
    Failed,
}

impl JobStatus {
    pub fn name(self) -> &'static str {
        match self {
            JobStatus::Running => "RUNNING",
            JobStatus::Succeeded => "SUCCEEDED",
            JobStatus::Failed => "FAILED",
        }
    }
}

#[derive(Debug, Clone)]
pub struct JobInfo {
    pub id: usize,
    pub group: Option<String>,
    pub description: Option<String>,
    pub stage_ids: Vec<usize>,
    pub status: JobStatus,
    pub submitted_ms: u64,
    pub completed_ms: Option<u64>,
}

/// One stage's counters.
#[derive(Debug, Clone, Default)]
pub struct StageInfo {
    pub id: usize,
    pub name: String,
    pub num_tasks: usize,
    pub active: usize,
    pub completed: usize,
    pub failed: usize,
    pub submitted_ms: u64,
    pub completed_ms: Option<u64>,
    pub records_read: u64,
    pub records_written: u64,
    pub bytes_read: u64,
    pub bytes_written: u64,
    pub shuffle_read_bytes: u64,
    pub shuffle_write_bytes: u64,
    pub task_time_ms: u64,
    pub started: Option<Instant>,
}

#[derive(Debug, Default)]
struct Inner {
    jobs: Vec<JobInfo>,
    stages: Vec<StageInfo>,
}

/// Jobs and stages of one context, in the order they ran.
#[derive(Debug, Default)]
pub struct StatusStore {
    inner: Mutex<Inner>,
}

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

impl StatusStore {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        match self.inner.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    pub fn start_job(&self, group: Option<String>, description: Option<String>) -> usize {
        let mut g = self.lock();
        let id = g.jobs.len();
        g.jobs.push(JobInfo {
            id,
            group,
            description,
            stage_ids: vec![],
            status: JobStatus::Running,
            submitted_ms: now_ms(),
            completed_ms: None,
        });
        id
    }

    pub fn end_job(&self, job: usize, status: JobStatus) {
        let mut g = self.lock();
        if let Some(j) = g.jobs.get_mut(job) {
            j.status = status;
            j.completed_ms = Some(now_ms());
        }
    }

    pub fn start_stage(&self, job: usize, name: String, num_tasks: usize) -> usize {
        let mut g = self.lock();
        let id = g.stages.len();
        g.stages.push(StageInfo {
            id,
            name,
            num_tasks,
            submitted_ms: now_ms(),
            started: Some(Instant::now()),
            ..StageInfo::default()
        });
        if let Some(j) = g.jobs.get_mut(job) {
            j.stage_ids.push(id);
        }
        id
    }

    pub fn end_stage(&self, stage: usize) {
        let mut g = self.lock();
        if let Some(s) = g.stages.get_mut(stage) {
            s.completed_ms = Some(now_ms());
            s.active = 0;
        }
    }

    pub fn update_stage(&self, stage: usize, f: impl FnOnce(&mut StageInfo)) {
        let mut g = self.lock();
        if let Some(s) = g.stages.get_mut(stage) {
            f(s);
        }
    }

    pub fn jobs(&self) -> Vec<JobInfo> {
        self.lock().jobs.clone()
    }

    pub fn job(&self, id: usize) -> Option<JobInfo> {
        self.lock().jobs.get(id).cloned()
    }

    pub fn stage(&self, id: usize) -> Option<StageInfo> {
        self.lock().stages.get(id).cloned()
    }

    pub fn active_stages(&self) -> Vec<StageInfo> {
        self.lock()
            .stages
            .iter()
            .filter(|s| s.completed_ms.is_none())
            .cloned()
            .collect()
    }
}

/// Spark's `ConsoleProgressBar`: after a stage has run 500 ms, redraws
/// `[Stage 1:====>        (3 + 2) / 8]` on stderr every 200 ms, and
/// clears the line when the job ends.
pub struct ProgressBar {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ProgressBar {
    pub fn start(status: Arc<StatusStore>) -> ProgressBar {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("ember-progress".into())
            .spawn(move || {
                let width = std::env::var("COLUMNS")
                    .ok()
                    .and_then(|c| c.parse::<usize>().ok())
                    .unwrap_or(80);
                let mut last = String::new();
                while !flag.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(200));
                    let stages: Vec<StageInfo> = status
                        .active_stages()
                        .into_iter()
                        .filter(|s| {
                            s.started
                                .is_some_and(|t| t.elapsed() >= Duration::from_millis(500))
                        })
                        .take(3)
                        .collect();
                    if stages.is_empty() {
                        continue;
                    }
                    let bar = render(&stages, width);
                    if bar != last {
                        eprint!("\r{bar}\r");
                        last = bar;
                    }
                }
                if !last.is_empty() {
                    eprint!("\r{}\r", " ".repeat(width));
                }
            })
            .ok();
        ProgressBar { stop, thread }
    }
}

impl Drop for ProgressBar {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The bar's text for the stages shown, `width` columns in all.
pub fn render(stages: &[StageInfo], width: usize) -> String {
    let each = width / stages.len().max(1);
    let mut out = String::new();
    for s in stages {
        let header = format!("[Stage {}:", s.id);
        let tailer = format!("({} + {}) / {}]", s.completed, s.active, s.num_tasks);
        let w = each.saturating_sub(header.len() + tailer.len());
        out.push_str(&header);
        if w > 0 && s.num_tasks > 0 {
            let percent = w * s.completed / s.num_tasks;
            for i in 0..w {
                out.push(match i.cmp(&percent) {
                    std::cmp::Ordering::Less => '=',
                    std::cmp::Ordering::Equal => '>',
                    std::cmp::Ordering::Greater => ' ',
                });
            }
        }
        out.push_str(&tailer);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_text_as_spark_draws_it() {
        let s = StageInfo {
            id: 1,
            num_tasks: 2,
            completed: 1,
            active: 1,
            ..StageInfo::default()
        };
        // Recorded from PySpark 4.3: `[Stage 1:=====…=>     …(1 + 1) / 2]`, 80 wide.
        let bar = render(&[s], 80);
        assert_eq!(bar.len(), 80);
        assert_eq!(
            bar,
            format!("[Stage 1:{}>{}(1 + 1) / 2]", "=".repeat(29), " ".repeat(29))
        );
    }
}
