//! Typed partitions: a partition of `(int, int)` pairs travels as two
//! little-endian `i64` columns instead of pickled tuples, and
//! `reduceByKey(add)` over such a partition sums in the engine. The pairs,
//! their order (first occurrence of each key) and the sums are what the
//! Python combine would give; a sum that leaves `i64` falls back to Python.

/// The first bytes of a typed block (a pickle starts with `0x80`).
pub const INT_PAIRS_MAGIC: &[u8; 8] = b"EMBRI2\0\0";

/// Encodes pairs as `magic | u64 count | keys | values`.
pub fn encode_int_pairs(keys: &[i64], values: &[i64]) -> Vec<u8> {
    let n = keys.len().min(values.len());
    let mut out = Vec::with_capacity(16 + 16 * n);
    out.extend_from_slice(INT_PAIRS_MAGIC);
    out.extend_from_slice(&(n as u64).to_le_bytes());
    for k in &keys[..n] {
        out.extend_from_slice(&k.to_le_bytes());
    }
    for v in &values[..n] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out
}

/// The size of a typed block of `n` pairs.
pub fn block_len(n: usize) -> usize {
    16 + 16 * n
}

/// Writes the header of a typed block of `n` pairs into `buf`
/// (`block_len(n)` bytes); [`put_pair`] then fills the columns.
pub fn put_header(buf: &mut [u8], n: usize) {
    buf[..8].copy_from_slice(INT_PAIRS_MAGIC);
    buf[8..16].copy_from_slice(&(n as u64).to_le_bytes());
}

/// Writes pair `j` of a typed block of `n` pairs.
pub fn put_pair(buf: &mut [u8], n: usize, j: usize, key: i64, value: i64) {
    let k = 16 + 8 * j;
    let v = 16 + 8 * (n + j);
    buf[k..k + 8].copy_from_slice(&key.to_le_bytes());
    buf[v..v + 8].copy_from_slice(&value.to_le_bytes());
}

/// The key and value columns of a typed block, as raw little-endian bytes,
/// and its pair count; `None` if `blob` is not one.
fn columns(blob: &[u8]) -> Option<(&[u8], &[u8], usize)> {
    let rest = blob.strip_prefix(INT_PAIRS_MAGIC.as_slice())?;
    let (count, body) = rest.split_at_checked(8)?;
    let n = u64::from_le_bytes(count.try_into().ok()?) as usize;
    if body.len() != n.checked_mul(16)? {
        return None;
    }
    let (k, v) = body.split_at(8 * n);
    Some((k, v, n))
}

fn read_i64(c: &[u8]) -> i64 {
    i64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]])
}

/// The key and value columns of a typed block, or `None` if `blob` is not one.
pub fn decode_int_pairs(blob: &[u8]) -> Option<(Vec<i64>, Vec<i64>)> {
    let (k, v, _) = columns(blob)?;
    let col = |b: &[u8]| -> Vec<i64> { b.chunks_exact(8).map(read_i64).collect() };
    Some((col(k), col(v)))
}

pub fn is_typed(blob: &[u8]) -> bool {
    blob.starts_with(INT_PAIRS_MAGIC)
}

/// Sums the values of each key, keys in order of first occurrence; `None`
/// when a sum overflows `i64`.
pub fn sum_by_key(keys: &[i64], values: &[i64]) -> Option<(Vec<i64>, Vec<i64>)> {
    sum_pairs(keys.iter().copied().zip(values.iter().copied()))
}

/// [`sum_by_key`] straight over a typed block, without decoding it first.
pub fn sum_block(blob: &[u8]) -> Option<(Vec<i64>, Vec<i64>, usize)> {
    let (k, v, n) = columns(blob)?;
    let pairs = k
        .chunks_exact(8)
        .map(read_i64)
        .zip(v.chunks_exact(8).map(read_i64));
    let (ks, vs) = sum_pairs(pairs)?;
    Some((ks, vs, n))
}

fn sum_pairs(pairs: impl Iterator<Item = (i64, i64)>) -> Option<(Vec<i64>, Vec<i64>)> {
    let mut index: foldhash::HashMap<i64, usize> = foldhash::HashMap::default();
    let (mut ks, mut vs) = (Vec::new(), Vec::new());
    for (k, v) in pairs {
        match index.get(&k) {
            Some(&i) => vs[i] = i64::checked_add(vs[i], v)?,
            None => {
                index.insert(k, ks.len());
                ks.push(k);
                vs.push(v);
            }
        }
    }
    Some((ks, vs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_sum_in_first_occurrence_order() {
        let blob = encode_int_pairs(&[3, 1, 3, -2, 1], &[1, 2, 3, 4, 5]);
        let mut direct = vec![0u8; block_len(5)];
        put_header(&mut direct, 5);
        for (j, (k, v)) in [(3, 1), (1, 2), (3, 3), (-2, 4), (1, 5)]
            .into_iter()
            .enumerate()
        {
            put_pair(&mut direct, 5, j, k, v);
        }
        assert_eq!(direct, blob);
        assert!(is_typed(&blob));
        let (k, v) = decode_int_pairs(&blob).unwrap();
        assert_eq!(k, vec![3, 1, 3, -2, 1]);
        assert_eq!(v, vec![1, 2, 3, 4, 5]);
        assert_eq!(sum_by_key(&k, &v), Some((vec![3, 1, -2], vec![4, 7, 4])));
        assert_eq!(sum_by_key(&[1, 1], &[i64::MAX, 1]), None);
        assert_eq!(sum_block(&blob), Some((vec![3, 1, -2], vec![4, 7, 4], 5)));
        assert!(decode_int_pairs(&blob[..blob.len() - 1]).is_none());
        assert!(decode_int_pairs(b"\x80\x05pickle").is_none());
    }
}
