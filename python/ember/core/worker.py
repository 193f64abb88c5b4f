"""The Python side of a task: decodes a task frame, computes one partition
through the stage's pipelined functions and writes the reply frame.

The engine sends frames of a JSON header and binary blobs (pickled batches
and cloudpickled functions); ``run_task`` is called in the driver for
``local[1]`` and by :func:`main` in each worker process for ``local[N]``.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import pickle
import signal
import struct
import sys
import threading
import traceback
from typing import Any, Callable, Dict, Iterator, List, Tuple

__all__ = ["run_task", "main"]

_PROTOCOL = pickle.HIGHEST_PROTOCOL
# The first bytes of a typed block of (int, int) pairs (src/rdd/typed.rs).
_TYPED = b"EMBRI2\0\0"


def dump_batch(items: Any) -> bytes:
    """Pickles a batch of records. Without the memo (records are small and
    seldom share objects) pickling is several times faster; a batch with a
    cycle is pickled the usual way."""
    buf = io.BytesIO()
    p = pickle.Pickler(buf, _PROTOCOL)
    p.fast = True
    try:
        p.dump(items)
    except (ValueError, RecursionError):
        return pickle.dumps(items, _PROTOCOL)
    return buf.getvalue()


def decode(payload: bytes) -> Tuple[Dict[str, Any], List[memoryview]]:
    view = memoryview(payload)
    (hlen,) = struct.unpack_from("<I", view, 0)
    header = json.loads(bytes(view[4 : 4 + hlen]))
    pos = 4 + hlen
    (n,) = struct.unpack_from("<I", view, pos)
    pos += 4
    blobs = []
    for _ in range(n):
        (size,) = struct.unpack_from("<Q", view, pos)
        pos += 8
        blobs.append(view[pos : pos + size])
        pos += size
    return header, blobs


def encode(header: Dict[str, Any], blobs: List[bytes]) -> bytes:
    head = json.dumps(header).encode()
    parts = [struct.pack("<I", len(head)), head, struct.pack("<I", len(blobs))]
    for b in blobs:
        parts.append(struct.pack("<Q", len(b)))
        parts.append(b)
    return b"".join(parts)


class _Task:
    def __init__(self, header: Dict[str, Any], blobs: List[memoryview]) -> None:
        self.header = header
        self.blobs = blobs
        self.funcs: Dict[int, Callable[..., Any]] = {}
        self.tees: List[Tuple[List[int], bytes]] = []
        self.records_in = 0

    def func(self, i: int) -> Callable[..., Any]:
        f = self.funcs.get(i)
        if f is None:
            f = pickle.loads(self.blobs[i])
            self.funcs[i] = f
        return f

    def data(self, i: int) -> List[Any]:
        blob = self.blobs[i]
        if blob[:8] == _TYPED:
            from ember import _native

            items = _native.decode_int_pairs(bytes(blob))
        else:
            items = pickle.loads(blob)
        self.records_in += len(items)
        return items

    def iterate(self, node: Dict[str, Any]) -> Iterator[Any]:
        k = node["k"]
        if k == "data":
            return iter(self.data(node["b"]))
        if k == "map":
            f = self.func(node["f"])
            child = node["c"]
            if getattr(f, "_ember_native", None) == "sum_by_key" and child["k"] == "data":
                blob = self.blobs[child["b"]]
                if blob[:8] == _TYPED:
                    from ember import _native

                    summed = _native.sum_int_pairs(bytes(blob))
                    if summed is not None:
                        self.records_in += summed[1]
                        return iter(summed[0])
            return f(node["s"], self.iterate(child))
        if k == "gen":
            return iter(self.func(node["f"])(node["s"]))
        if k == "chain":
            return itertools.chain.from_iterable(self.iterate(c) for c in node["c"])
        if k == "zip":
            return _zip(self.iterate(node["c"][0]), self.iterate(node["c"][1]))
        if k == "cart":
            right = list(self.iterate(node["c"][1]))
            return ((x, y) for x in self.iterate(node["c"][0]) for y in right)
        if k == "tee":
            items = list(self.iterate(node["c"]))
            self.tees.append(([node["id"], node["s"]], dump_batch(items)))
            return iter(items)
        raise ValueError("unknown task node %r" % k)

    def run(self) -> bytes:
        from ember import accumulators
        from ember.taskcontext import TaskContext

        accumulators._start_task()
        TaskContext._taskContext = TaskContext(self.header)
        it = self.iterate(self.header["tree"])
        out = self.header["out"]
        kind = out["k"]
        blobs: List[bytes]
        if kind == "result":
            value = self.func(out["f"])(it)
            blobs = [pickle.dumps(value, _PROTOCOL)]
            written = 1
        elif kind == "shuffle":
            n = out["n"]
            part = self.func(out["p"])
            buckets: List[List[Any]] = [[] for _ in range(n)]
            for kv in it:
                buckets[part(kv[0])].append(kv)
            blobs = [dump_batch(b) if b else b"" for b in buckets]
            written = sum(len(b) for b in buckets)
        else:
            items = list(it)
            blobs = [dump_batch(items)]
            written = len(items)
        header: Dict[str, Any] = {
            "ok": True,
            "rin": self.records_in,
            "rout": written,
            "tees": [t[0] for t in self.tees],
        }
        blobs.extend(t[1] for t in self.tees)
        updates = accumulators._task_updates()
        if updates:
            header["acc"] = len(blobs)
            blobs.append(pickle.dumps(updates, _PROTOCOL))
        return encode(header, blobs)


def _zip(a: Iterator[Any], b: Iterator[Any]) -> Iterator[Any]:
    sentinel = object()
    for x, y in itertools.zip_longest(a, b, fillvalue=sentinel):
        if x is sentinel or y is sentinel:
            raise ValueError("Can only zip RDDs with same number of elements in each partition")
        yield (x, y)


_running: set = set()


def run_task(payload: bytes) -> bytes:
    """Runs one task frame and returns the reply frame."""
    tid = threading.get_ident()
    _running.add(tid)
    try:
        header, blobs = decode(payload)
        return _Task(header, blobs).run()
    except BaseException as e:  # noqa: BLE001 - every failure goes back to the driver
        if isinstance(e, KeyboardInterrupt):
            raise
        tb = traceback.format_exc()
        return encode({"ok": False, "tb": tb, "exc": type(e).__name__}, [])
    finally:
        _running.discard(tid)
        from ember.taskcontext import TaskContext

        TaskContext._taskContext = None


def interrupt() -> None:
    """Stops the tasks running in this process (``local[1]``: a cancelled
    job) by raising ``KeyboardInterrupt`` in their threads."""
    import ctypes

    for tid in list(_running):
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(tid), ctypes.py_object(KeyboardInterrupt)
        )


def main() -> None:
    """A worker process: tasks in on stdin, replies out on stdout, each
    prefixed with its length. Prints of user code go to stderr."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inp = os.fdopen(os.dup(0), "rb")
    out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    os.environ["EMBER_WORKER"] = "1"
    while True:
        head = inp.read(8)
        if len(head) < 8:
            return
        (n,) = struct.unpack("<Q", head)
        payload = inp.read(n)
        if len(payload) < n:
            return
        reply = run_task(payload)
        out.write(struct.pack("<Q", len(reply)))
        out.write(reply)
        out.flush()


if __name__ == "__main__":
    main()
