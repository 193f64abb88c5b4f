//! Blocks the scheduler keeps between tasks: shuffle map outputs and cached
//! partitions. Blocks live in memory up to a budget; past it, new blocks are
//! written to files under the local directory and read back when a task
//! needs them.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use super::frame::Blob;
use crate::error::{Result, SparkError};

/// Which block: a shuffle's map output for one reducer, or a cached
/// partition of an RDD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockId {
    Shuffle {
        shuffle: usize,
        map: usize,
        reduce: usize,
    },
    Rdd {
        rdd: usize,
        split: usize,
    },
}

#[derive(Debug)]
enum Stored {
    Memory(Blob),
    Disk(PathBuf, u64),
}

#[derive(Debug, Default)]
struct Inner {
    blocks: HashMap<BlockId, Stored>,
    memory: u64,
    spill_files: u64,
}

/// The block store of one context.
#[derive(Debug)]
pub struct BlockStore {
    inner: Mutex<Inner>,
    budget: u64,
    dir: PathBuf,
}

impl BlockStore {
    pub fn new(budget: u64, dir: PathBuf) -> Self {
        BlockStore {
            inner: Mutex::new(Inner::default()),
            budget,
            dir,
        }
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Inner>> {
        self.inner
            .lock()
            .map_err(|_| SparkError::internal("the block store lock is poisoned"))
    }

    /// Stores a block, in memory while the budget allows, else on disk.
    pub fn put(&self, id: BlockId, blob: Blob) -> Result<()> {
        let len = blob.len() as u64;
        let mut inner = self.lock()?;
        if let Some(old) = inner.blocks.remove(&id) {
            release(&mut inner, old);
        }
        if inner.memory + len <= self.budget || len == 0 {
            inner.memory += len;
            inner.blocks.insert(id, Stored::Memory(blob));
            return Ok(());
        }
        inner.spill_files += 1;
        let path = self.dir.join(format!(
            "block-{}-{}.bin",
            std::process::id(),
            inner.spill_files
        ));
        drop(inner);
        std::fs::create_dir_all(&self.dir)
            .and_then(|_| std::fs::write(&path, &blob))
            .map_err(|e| {
                SparkError::internal(format!("cannot spill a block to {}: {e}", path.display()))
            })?;
        self.lock()?.blocks.insert(id, Stored::Disk(path, len));
        Ok(())
    }

    /// A block's bytes, read back from disk if it was spilled.
    pub fn get(&self, id: &BlockId) -> Result<Option<Blob>> {
        let path = match self.lock()?.blocks.get(id) {
            None => return Ok(None),
            Some(Stored::Memory(b)) => return Ok(Some(b.clone())),
            Some(Stored::Disk(p, _)) => p.clone(),
        };
        let bytes = std::fs::read(&path).map_err(|e| {
            SparkError::internal(format!(
                "cannot read a spilled block {}: {e}",
                path.display()
            ))
        })?;
        Ok(Some(Blob::from(bytes)))
    }

    pub fn contains(&self, id: &BlockId) -> bool {
        self.lock()
            .map(|i| i.blocks.contains_key(id))
            .unwrap_or(false)
    }

    /// Drops the blocks `keep` rejects.
    pub fn remove_where(&self, drop: impl Fn(&BlockId) -> bool) -> Result<()> {
        let mut inner = self.lock()?;
        let ids: Vec<BlockId> = inner.blocks.keys().filter(|k| drop(k)).copied().collect();
        for id in ids {
            if let Some(old) = inner.blocks.remove(&id) {
                release(&mut inner, old);
            }
        }
        Ok(())
    }

    /// `(blocks, memory bytes, disk bytes)` of the blocks `pick` selects.
    pub fn usage(&self, pick: impl Fn(&BlockId) -> bool) -> (usize, u64, u64) {
        let Ok(inner) = self.lock() else {
            return (0, 0, 0);
        };
        let mut out = (0, 0, 0);
        for (id, b) in inner.blocks.iter() {
            if pick(id) {
                out.0 += 1;
                match b {
                    Stored::Memory(m) => out.1 += m.len() as u64,
                    Stored::Disk(_, n) => out.2 += n,
                }
            }
        }
        out
    }
}

fn release(inner: &mut Inner, old: Stored) {
    match old {
        Stored::Memory(b) => inner.memory -= b.len() as u64,
        Stored::Disk(p, _) => {
            let _ = std::fs::remove_file(p);
        }
    }
}

impl Drop for BlockStore {
    fn drop(&mut self) {
        if let Ok(inner) = self.inner.get_mut() {
            for (_, b) in inner.blocks.drain() {
                if let Stored::Disk(p, _) = b {
                    let _ = std::fs::remove_file(p);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spills_past_the_budget() {
        let dir = std::env::temp_dir().join(format!("ember-store-test-{}", std::process::id()));
        let store = BlockStore::new(4, dir.clone());
        let a = BlockId::Rdd { rdd: 1, split: 0 };
        let b = BlockId::Rdd { rdd: 1, split: 1 };
        store.put(a, Blob::from(&b"abc"[..])).unwrap();
        store.put(b, Blob::from(&b"defgh"[..])).unwrap();
        assert_eq!(store.usage(|_| true), (2, 3, 5));
        assert_eq!(&*store.get(&b).unwrap().unwrap(), b"defgh");
        store.remove_where(|id| *id == b).unwrap();
        assert_eq!(store.usage(|_| true), (1, 3, 0));
        assert!(store.get(&b).unwrap().is_none());
        let _ = std::fs::remove_dir_all(dir);
    }
}
