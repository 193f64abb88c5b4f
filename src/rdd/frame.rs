//! The frames exchanged with the Python code that runs tasks: a JSON header
//! followed by binary blobs (pickled batches, pickled functions).
//!
//! ```text
//! u32 header length | header (JSON) | u32 blob count | (u64 length | bytes)*
//! ```

use std::sync::Arc;

use serde_json::Value;

use crate::error::{Result, SparkError};

/// A blob shared without copying between the graph, the stores and frames.
pub type Blob = Arc<[u8]>;

/// A decoded frame.
#[derive(Debug, Clone)]
pub struct Frame {
    pub header: Value,
    pub blobs: Vec<Blob>,
}

impl Frame {
    /// Encodes the frame.
    pub fn encode(header: &Value, blobs: &[Blob]) -> Vec<u8> {
        let head = header.to_string();
        let total: usize = blobs.iter().map(|b| b.len() + 8).sum::<usize>() + head.len() + 8;
        let mut out = Vec::with_capacity(total);
        out.extend_from_slice(&(head.len() as u32).to_le_bytes());
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(&(blobs.len() as u32).to_le_bytes());
        for b in blobs {
            out.extend_from_slice(&(b.len() as u64).to_le_bytes());
            out.extend_from_slice(b);
        }
        out
    }

    /// Decodes a frame.
    pub fn decode(bytes: &[u8]) -> Result<Frame> {
        let mut pos = 0usize;
        let head_len = read_u32(bytes, &mut pos)? as usize;
        let head = take(bytes, &mut pos, head_len)?;
        let header: Value = serde_json::from_slice(head)
            .map_err(|e| SparkError::internal(format!("a task frame has a bad header: {e}")))?;
        let n = read_u32(bytes, &mut pos)? as usize;
        let mut blobs = Vec::with_capacity(n);
        for _ in 0..n {
            let len = read_u64(bytes, &mut pos)? as usize;
            blobs.push(Blob::from(take(bytes, &mut pos, len)?));
        }
        Ok(Frame { header, blobs })
    }
}

fn take<'a>(bytes: &'a [u8], pos: &mut usize, len: usize) -> Result<&'a [u8]> {
    let end = pos.checked_add(len).filter(|e| *e <= bytes.len());
    match end {
        Some(end) => {
            let s = &bytes[*pos..end];
            *pos = end;
            Ok(s)
        }
        None => Err(SparkError::internal("a task frame is truncated")),
    }
}

fn read_u32(bytes: &[u8], pos: &mut usize) -> Result<u32> {
    let s = take(bytes, pos, 4)?;
    Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn read_u64(bytes: &[u8], pos: &mut usize) -> Result<u64> {
    let s = take(bytes, pos, 8)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Ok(u64::from_le_bytes(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let header = serde_json::json!({"k": "data", "b": 0});
        let blobs: Vec<Blob> = vec![Blob::from(&b"abc"[..]), Blob::from(&b""[..])];
        let bytes = Frame::encode(&header, &blobs);
        let f = Frame::decode(&bytes).unwrap();
        assert_eq!(f.header, header);
        assert_eq!(f.blobs.len(), 2);
        assert_eq!(&*f.blobs[0], b"abc");
        assert!(Frame::decode(&bytes[..bytes.len() - 1]).is_err());
    }
}
