//! Building a task's frame: the tree that computes one partition through the
//! narrow dependencies of a stage, down to data blocks, generators, cached
//! blocks and shuffle outputs.

use std::collections::HashMap;
use std::sync::atomic::Ordering;

use serde_json::{json, Value};

use super::frame::Blob;
use super::graph::{NodeKind, Rdd};
use super::store::{BlockId, BlockStore};
use crate::error::{Result, SparkError};

/// What a task does with the records its tree yields.
#[derive(Debug, Clone)]
pub enum Output {
    /// `f(iterator)`, pickled: an action's per-partition result.
    Result(Blob),
    /// Buckets the `(key, value)` records into `n` blocks by `partitioner(key)`.
    Shuffle {
        shuffle: usize,
        n: usize,
        partitioner: Blob,
    },
    /// The records, pickled as one block (checkpoints).
    Block,
}

pub struct TaskBuilder<'a> {
    store: &'a BlockStore,
    checkpoints: &'a HashMap<usize, Vec<std::path::PathBuf>>,
    pub blobs: Vec<Blob>,
    seen: HashMap<usize, usize>,
    pub input_bytes: u64,
    pub shuffle_bytes: u64,
}

impl<'a> TaskBuilder<'a> {
    pub fn new(
        store: &'a BlockStore,
        checkpoints: &'a HashMap<usize, Vec<std::path::PathBuf>>,
    ) -> Self {
        TaskBuilder {
            store,
            checkpoints,
            blobs: Vec::new(),
            seen: HashMap::new(),
            input_bytes: 0,
            shuffle_bytes: 0,
        }
    }

    /// The frame's index of a blob; a function used twice travels once.
    fn blob(&mut self, b: &Blob) -> usize {
        let key = b.as_ptr() as usize;
        if let Some(i) = self.seen.get(&key) {
            return *i;
        }
        self.blobs.push(b.clone());
        self.seen.insert(key, self.blobs.len() - 1);
        self.blobs.len() - 1
    }

    fn data(&mut self, b: Blob) -> Value {
        self.input_bytes += b.len() as u64;
        self.blobs.push(b);
        json!({"k": "data", "b": self.blobs.len() - 1})
    }

    /// The header of a task computing `split` of `rdd` into `out`.
    pub fn header(&mut self, rdd: &Rdd, split: usize, out: &Output) -> Result<Value> {
        let tree = self.tree(rdd, split)?;
        let out = match out {
            Output::Result(f) => json!({"k": "result", "f": self.blob(f)}),
            Output::Shuffle { n, partitioner, .. } => {
                json!({"k": "shuffle", "n": n, "p": self.blob(partitioner)})
            }
            Output::Block => json!({"k": "block"}),
        };
        Ok(json!({"tree": tree, "out": out}))
    }

    fn tree(&mut self, rdd: &Rdd, split: usize) -> Result<Value> {
        if rdd.checkpointed.load(Ordering::Relaxed) {
            if let Some(files) = self.checkpoints.get(&rdd.id) {
                let path = files.get(split).ok_or_else(|| {
                    SparkError::internal(format!("checkpoint of RDD {} lacks {split}", rdd.id))
                })?;
                let bytes = std::fs::read(path).map_err(|e| {
                    SparkError::internal(format!(
                        "cannot read the checkpoint file {}: {e}",
                        path.display()
                    ))
                })?;
                return Ok(self.data(Blob::from(bytes)));
            }
        }
        let cached = rdd.persisted.load(Ordering::Relaxed);
        if cached {
            if let Some(b) = self.store.get(&BlockId::Rdd { rdd: rdd.id, split })? {
                return Ok(self.data(b));
            }
        }
        let t = match &rdd.kind {
            NodeKind::Data(blocks) => {
                let b = blocks
                    .get(split)
                    .cloned()
                    .ok_or_else(|| SparkError::internal("no such partition"))?;
                self.data(b)
            }
            NodeKind::Generated { func, .. } => {
                json!({"k": "gen", "f": self.blob(func), "s": split})
            }
            NodeKind::Map { parent, func } => {
                let c = self.tree(parent, split)?;
                json!({"k": "map", "f": self.blob(func), "s": split, "c": c})
            }
            NodeKind::Union(parents) => {
                let mut at = split;
                let mut found = None;
                for p in parents {
                    let n = p.num_partitions();
                    if at < n {
                        found = Some(p);
                        break;
                    }
                    at -= n;
                }
                let p = found.ok_or_else(|| SparkError::internal("no such union partition"))?;
                self.tree(p, at)?
            }
            NodeKind::Coalesce { parent, groups } => {
                let group = groups
                    .get(split)
                    .ok_or_else(|| SparkError::internal("no such partition"))?;
                let mut cs = Vec::with_capacity(group.len());
                for &g in group {
                    cs.push(self.tree(parent, g)?);
                }
                json!({"k": "chain", "c": cs})
            }
            NodeKind::Zip(a, b) => {
                let (x, y) = (self.tree(a, split)?, self.tree(b, split)?);
                json!({"k": "zip", "c": [x, y]})
            }
            NodeKind::Cartesian(a, b) => {
                let nb = b.num_partitions().max(1);
                let (x, y) = (self.tree(a, split / nb)?, self.tree(b, split % nb)?);
                json!({"k": "cart", "c": [x, y]})
            }
            NodeKind::Shuffle {
                parent, shuffle_id, ..
            } => {
                let mut idx = Vec::new();
                for map in 0..parent.num_partitions() {
                    let id = BlockId::Shuffle {
                        shuffle: *shuffle_id,
                        map,
                        reduce: split,
                    };
                    let b = self.store.get(&id)?.ok_or_else(|| {
                        SparkError::internal(format!(
                            "the output of shuffle {shuffle_id} map {map} is missing"
                        ))
                    })?;
                    if !b.is_empty() {
                        self.shuffle_bytes += b.len() as u64;
                        self.blobs.push(b);
                        idx.push(self.blobs.len() - 1);
                    }
                }
                json!({"k": "chain", "c": idx.iter().map(|i| json!({"k": "data", "b": i})).collect::<Vec<_>>()})
            }
        };
        if cached {
            return Ok(json!({"k": "tee", "id": rdd.id, "s": split, "c": t}));
        }
        Ok(t)
    }
}
