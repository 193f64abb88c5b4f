"""Files as RDDs: Hadoop's splits of text files (``textFile``), whole files,
pickle files, and the atomic writes of ``saveAsTextFile`` and
``saveAsPickleFile`` (each task writes its part under ``_temporary``; the
driver moves the parts in place and writes ``_SUCCESS``)."""

from __future__ import annotations

import bz2
import glob
import gzip
import os
import pickle
import shutil
import uuid
import zlib
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, List, Optional, Tuple

if TYPE_CHECKING:
    from ember.core.rdd import RDD

# Hadoop's local file system block size, the largest split.
_BLOCK_SIZE = 32 * 1024 * 1024
_SPLIT_SLOP = 1.1
_CODECS = {
    "org.apache.hadoop.io.compress.GzipCodec": ".gz",
    "org.apache.hadoop.io.compress.BZip2Codec": ".bz2",
    "org.apache.hadoop.io.compress.DefaultCodec": ".deflate",
}
_UNSPLITTABLE = (".gz", ".bz2", ".deflate")


def _strip_scheme(path: str) -> str:
    if path.startswith("file://"):
        return path[len("file://") :]
    if path.startswith("file:"):
        return path[len("file:") :]
    return path


def list_files(paths: str) -> List[str]:
    """The files a path list names: files, folders (their visible files)
    and globs, comma separated."""
    from ember.errors.exceptions.captured import _from_native

    out: List[str] = []
    for raw in paths.split(","):
        p = _strip_scheme(raw.strip())
        matches = sorted(glob.glob(p)) if glob.has_magic(p) else ([p] if os.path.exists(p) else [])
        if not matches:
            raise _from_native(
                "IllegalArgumentException",
                None,
                None,
                {},
                "Input path does not exist: file:%s" % os.path.abspath(p),
            )
        for m in matches:
            if os.path.isdir(m):
                for name in sorted(os.listdir(m)):
                    full = os.path.join(m, name)
                    if os.path.isfile(full) and not name.startswith((".", "_")):
                        out.append(os.path.abspath(full))
            else:
                out.append(os.path.abspath(m))
    return out


def text_splits(files: List[str], min_partitions: int) -> List[Tuple[str, int, int]]:
    """Hadoop ``FileInputFormat.getSplits``: `(path, start, length)`."""
    sizes = [os.path.getsize(f) for f in files]
    goal = sum(sizes) // max(min_partitions, 1)
    split_size = max(1, min(goal, _BLOCK_SIZE))
    splits: List[Tuple[str, int, int]] = []
    for f, size in zip(files, sizes):
        if size == 0:
            continue  # Spark drops empty splits (spark.hadoopRDD.ignoreEmptySplits)
        if f.endswith(_UNSPLITTABLE):
            splits.append((f, 0, size))
            continue
        remaining = size
        while remaining / split_size > _SPLIT_SLOP:
            splits.append((f, size - remaining, split_size))
            remaining -= split_size
        if remaining:
            splits.append((f, size - remaining, remaining))
    return splits


def _open(path: str) -> Any:
    if path.endswith(".gz"):
        return gzip.open(path, "rb")
    if path.endswith(".bz2"):
        return bz2.open(path, "rb")
    return open(path, "rb")


def _read_compressed(path: str) -> bytes:
    if path.endswith(".deflate"):
        with open(path, "rb") as f:
            return zlib.decompress(f.read())
    with _open(path) as f:
        return f.read()


def read_lines(path: str, start: int, length: int, use_unicode: bool) -> Iterator[Any]:
    """The lines of one split, as Hadoop's ``LineRecordReader`` reads them:
    a split other than the first skips through its first newline, and a
    split reads every line that starts at or before its end."""
    if path.endswith(_UNSPLITTABLE):
        chunk = _read_compressed(path)
    else:
        with open(path, "rb") as f:
            f.seek(start)
            chunk = f.read(length) + f.readline()
        if start != 0:
            nl = chunk.find(b"\n")
            chunk = b"" if nl < 0 else chunk[nl + 1 :]
    if not chunk:
        return iter(())
    if chunk.endswith(b"\n"):
        chunk = chunk[:-1]
    if use_unicode:
        text = chunk.decode("utf-8", "replace")
        lines = text.split("\n")
        if "\r" in text:
            lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
        return iter(lines)
    blines = chunk.split(b"\n")
    if b"\r" in chunk:
        blines = [ln[:-1] if ln.endswith(b"\r") else ln for ln in blines]
    return iter(blines)


def whole_files(files: List[str], min_partitions: int) -> List[List[str]]:
    """Hadoop's ``CombineFileInputFormat`` as ``wholeTextFiles`` sets it up:
    files packed in order into splits of at least total / minPartitions
    bytes."""
    sizes = [os.path.getsize(f) for f in files]
    most = -(-sum(sizes) // max(min_partitions, 1))
    groups: List[List[str]] = []
    cur: List[str] = []
    size = 0
    for f, n in zip(files, sizes):
        cur.append(f)
        size += n
        if size >= most:
            groups.append(cur)
            cur, size = [], 0
    if cur:
        groups.append(cur)
    return groups


def read_whole(paths: List[str], use_unicode: bool) -> Iterator[Tuple[str, Any]]:
    for p in paths:
        data = _read_compressed(p) if p.endswith(_UNSPLITTABLE) else open(p, "rb").read()
        yield "file:" + p, data.decode("utf-8", "replace") if use_unicode else data


def _exists_error(path: str) -> Exception:
    from ember.errors.exceptions.captured import _from_native

    return _from_native(
        "IllegalArgumentException",
        None,
        None,
        {},
        "Output directory file:%s already exists" % os.path.abspath(path),
    )


def save_partitions(
    rdd: "RDD",
    path: str,
    encode: Callable[[Iterator[Any]], Iterable[bytes]],
    codec: Optional[str],
    op: str,
) -> None:
    target = os.path.abspath(_strip_scheme(path))
    if os.path.exists(target):
        raise _exists_error(path)
    ext = ""
    if codec is not None:
        if codec not in _CODECS:
            raise ValueError("Unknown compression codec: %s" % codec)
        ext = _CODECS[codec]
    attempt = uuid.uuid4().hex
    temp = os.path.join(target, "_temporary", attempt)
    os.makedirs(temp, exist_ok=True)

    def write(index: int, it: Iterator[Any]) -> Iterable[str]:
        name = "part-%05d%s" % (index, ext)
        tmp = os.path.join(temp, name)
        data = b"".join(encode(it))
        if ext == ".gz":
            with gzip.open(tmp, "wb") as f:
                f.write(data)
        elif ext == ".bz2":
            with bz2.open(tmp, "wb") as f:
                f.write(data)
        elif ext == ".deflate":
            with open(tmp, "wb") as f:
                f.write(zlib.compress(data))
        else:
            with open(tmp, "wb") as f:
                f.write(data)
        return [name]

    try:
        names = rdd.mapPartitionsWithIndex(write).collect()
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    for name in names:
        os.replace(os.path.join(temp, name), os.path.join(target, name))
    shutil.rmtree(os.path.join(target, "_temporary"), ignore_errors=True)
    open(os.path.join(target, "_SUCCESS"), "wb").close()


def save_pickled(rdd: "RDD", path: str, batch_size: int) -> None:
    def encode(it: Iterator[Any]) -> Iterable[bytes]:
        batch: List[Any] = []
        for x in it:
            batch.append(x)
            if len(batch) >= max(batch_size, 1):
                yield _frame(pickle.dumps(batch, pickle.HIGHEST_PROTOCOL))
                batch = []
        if batch:
            yield _frame(pickle.dumps(batch, pickle.HIGHEST_PROTOCOL))

    save_partitions(rdd, path, encode, None, "saveAsPickleFile")


def _frame(b: bytes) -> bytes:
    return len(b).to_bytes(8, "little") + b


def read_pickled(path: str) -> Iterator[Any]:
    with open(path, "rb") as f:
        while True:
            head = f.read(8)
            if len(head) < 8:
                return
            yield from pickle.loads(f.read(int.from_bytes(head, "little")))


def read_binary(paths: List[str]) -> Iterator[Tuple[str, bytes]]:
    for p in paths:
        with open(p, "rb") as f:
            yield "file:" + p, f.read()


def read_records(path: str, length: int) -> Iterator[bytes]:
    with _open(path) as f:
        while True:
            rec = f.read(length)
            if len(rec) < length:
                return
            yield rec
