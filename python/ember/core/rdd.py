"""The RDD: a lazy, partitioned collection of Python objects (``pyspark.RDD``).

Each transformation adds a node to the engine's lineage graph, carrying the
pickled function; each action submits a job to the engine's scheduler, which
cuts it into stages at shuffles and runs a task per partition (in this
interpreter for ``local[1]``, in worker processes for ``local[N]``).
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import operator
import os
import shlex
import subprocess
import sys
import threading
from collections import Counter, defaultdict
from functools import reduce as _reduce
from math import isinf, isnan, log, sqrt
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple

from ember.core._pairs import PairFunctions, portable_hash
from ember.core._serial import dumps, site
from ember.core._shapes import is_split, pair_with_const
from ember.errors import PySparkNotImplementedError, PySparkRuntimeError
from ember.rddsampler import RDDRangeSampler, RDDSampler
from ember.statcounter import StatCounter
from ember.storagelevel import StorageLevel

__all__ = ["RDD", "RDDBarrier", "portable_hash", "BoundedFloat"]


class BoundedFloat(float):
    """The value of an approximate job, with its confidence and bounds."""

    confidence: float
    low: float
    high: float

    def __new__(cls, mean: float, confidence: float, low: float, high: float) -> "BoundedFloat":
        obj = float.__new__(cls, mean)
        obj.confidence = confidence
        obj.low = low
        obj.high = high
        return obj


class Partitioner:
    def __init__(self, numPartitions: int, partitionFunc: Callable[[Any], int]):
        self.numPartitions = numPartitions
        self.partitionFunc = partitionFunc

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Partitioner)
            and self.numPartitions == other.numPartitions
            and self.partitionFunc == other.partitionFunc
        )

    def __call__(self, k: Any) -> int:
        return self.partitionFunc(k) % self.numPartitions


def _identity(x: Any) -> Any:
    return x


class RDD(PairFunctions):
    """A Resilient Distributed Dataset."""

    def __init__(self, node: Any, ctx: Any, partitioner: Optional[Partitioner] = None):
        self._node = node
        self.ctx = ctx
        self.partitioner = partitioner
        self.is_cached = False
        self.is_checkpointed = False
        self._storage = StorageLevel(False, False, False, False)
        self._local_checkpoint = False
        # `(parent, c)` when this RDD is `parent.map(lambda x: (x, c))`.
        self._pair_const: Optional[Tuple["RDD", int]] = None
        # `(parent, f)` when this RDD is `parent.flatMap(f)`, `f` a `str.split()`.
        self._split_of: Optional[Tuple["RDD", Callable[[Any], Any]]] = None

    # ---- identity ------------------------------------------------------

    @property
    def context(self) -> Any:
        return self.ctx

    def id(self) -> int:
        return self._node.id

    def name(self) -> Optional[str]:
        return self._node.name()

    def setName(self, name: str) -> "RDD":
        self._node.set_name(name)
        return self

    def getNumPartitions(self) -> int:
        return self._node.num_partitions()

    def __repr__(self) -> str:
        return self.ctx._core.describe(self._node)

    def toDebugString(self) -> bytes:
        level = str(self._storage) if self.is_cached else ""
        return self.ctx._core.debug_string(self._node, level).encode()

    # ---- persistence ---------------------------------------------------

    def cache(self) -> "RDD":
        return self.persist(StorageLevel.MEMORY_ONLY)

    def persist(self, storageLevel: StorageLevel = StorageLevel.MEMORY_ONLY) -> "RDD":
        if self.is_cached and storageLevel != self._storage:
            from ember.errors.exceptions.captured import _from_native

            raise _from_native(
                "UnsupportedOperationException",
                None,
                None,
                {},
                "Cannot change storage level of an RDD after it was already assigned a level",
            )
        self.is_cached = True
        self._storage = storageLevel
        self._node.persist()
        return self

    def unpersist(self, blocking: bool = False) -> "RDD":
        self.is_cached = False
        self._storage = StorageLevel(False, False, False, False)
        self.ctx._core.unpersist(self._node)
        return self

    def getStorageLevel(self) -> StorageLevel:
        return self._storage

    def checkpoint(self) -> None:
        if self.ctx.getCheckpointDir() is None:
            raise _spark_error("Checkpoint directory has not been set in the SparkContext")
        self.is_checkpointed = True
        self._node.request_checkpoint()

    def isCheckpointed(self) -> bool:
        if self._local_checkpoint:
            return self.ctx._core.cached(self._node)[0] == self.getNumPartitions()
        return self._node.is_checkpointed()

    def localCheckpoint(self) -> None:
        self._local_checkpoint = True
        self.persist(StorageLevel(True, True, False, True))

    def isLocallyCheckpointed(self) -> bool:
        return self._local_checkpoint

    def getCheckpointFile(self) -> Optional[str]:
        files = self.ctx._core.checkpoint_files(self._node)
        if not files:
            return None
        return "file:" + os.path.dirname(str(files[0]))

    def cleanShuffleDependencies(self, blocking: bool = False) -> None:
        """Shuffle outputs live as long as the context; nothing to do."""

    # ---- narrow transformations ----------------------------------------

    def _derive(
        self, f: Callable[[int, Iterator[Any]], Iterable[Any]], keep: bool, op: str
    ) -> "RDD":
        node = self._node.map(dumps(f), "PythonRDD", site(op))
        return RDD(node, self.ctx, self.partitioner if keep else None)

    def mapPartitionsWithIndex(
        self, f: Callable[[int, Iterable[Any]], Iterable[Any]], preservesPartitioning: bool = False
    ) -> "RDD":
        return self._derive(f, preservesPartitioning, "mapPartitionsWithIndex")

    def mapPartitionsWithSplit(
        self, f: Callable[[int, Iterable[Any]], Iterable[Any]], preservesPartitioning: bool = False
    ) -> "RDD":
        return self._derive(f, preservesPartitioning, "mapPartitionsWithSplit")

    def mapPartitions(
        self, f: Callable[[Iterable[Any]], Iterable[Any]], preservesPartitioning: bool = False
    ) -> "RDD":
        def func(_: int, it: Iterator[Any]) -> Iterable[Any]:
            return f(it)

        native = getattr(f, "_ember_native", None)
        if native is not None:
            func._ember_native = native  # type: ignore[attr-defined]
        return self._derive(func, preservesPartitioning, "mapPartitions")

    def map(self, f: Callable[[Any], Any], preservesPartitioning: bool = False) -> "RDD":
        def func(_: int, it: Iterator[Any]) -> Iterable[Any]:
            return map(f, it)

        out = self._derive(func, preservesPartitioning, "map")
        c = pair_with_const(f)
        if c is not None and not preservesPartitioning:
            out._pair_const = (self, c)
        return out

    def flatMap(
        self, f: Callable[[Any], Iterable[Any]], preservesPartitioning: bool = False
    ) -> "RDD":
        def func(_: int, it: Iterator[Any]) -> Iterable[Any]:
            return itertools.chain.from_iterable(map(f, it))

        out = self._derive(func, preservesPartitioning, "flatMap")
        if is_split(f) and not preservesPartitioning:
            out._split_of = (self, f)
        return out

    def filter(self, f: Callable[[Any], bool]) -> "RDD":
        def func(_: int, it: Iterator[Any]) -> Iterable[Any]:
            return filter(f, it)

        return self._derive(func, True, "filter")

    def glom(self) -> "RDD":
        def func(_: int, it: Iterator[Any]) -> Iterable[Any]:
            yield list(it)

        return self._derive(func, False, "glom")

    def keyBy(self, f: Callable[[Any], Any]) -> "RDD":
        return self.map(lambda x: (f(x), x))

    def sample(self, withReplacement: bool, fraction: float, seed: Optional[int] = None) -> "RDD":
        if not fraction >= 0:
            raise ValueError("Fraction must be nonnegative.")
        return self._derive(RDDSampler(withReplacement, fraction, seed).func, True, "sample")

    def randomSplit(self, weights: List[float], seed: Optional[int] = None) -> List["RDD"]:
        if not all(w >= 0 for w in weights):
            raise ValueError("Weights must be nonnegative")
        s = float(sum(weights))
        if not s > 0:
            raise ValueError("Sum of weights must be positive")
        cweights = [0.0]
        for w in weights:
            cweights.append(cweights[-1] + w / s)
        if seed is None:
            import random

            seed = random.randint(0, 2**32 - 1)
        return [
            self._derive(RDDRangeSampler(lb, ub, seed).func, True, "randomSplit")
            for lb, ub in zip(cweights, cweights[1:])
        ]

    def pipe(
        self, command: str, env: Optional[Dict[str, str]] = None, checkCode: bool = False
    ) -> "RDD":
        environ = dict(env or {})

        def func(_: int, it: Iterator[Any]) -> Iterable[str]:
            proc = subprocess.Popen(
                shlex.split(command),
                env=environ or None,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )

            def feed() -> None:
                assert proc.stdin is not None
                for obj in it:
                    proc.stdin.write((str(obj).rstrip("\n") + "\n").encode("utf-8"))
                proc.stdin.close()

            t = threading.Thread(target=feed, daemon=True)
            t.start()
            assert proc.stdout is not None
            for line in proc.stdout:
                yield line.decode("utf-8").rstrip("\n")
            code = proc.wait()
            t.join()
            if checkCode and code:
                raise PySparkRuntimeError(
                    errorClass="PIPE_FUNCTION_EXITED",
                    messageParameters={"func_name": command, "error_code": str(code)},
                )

        return self._derive(func, False, "pipe")

    # ---- combining RDDs ------------------------------------------------

    def union(self, other: "RDD") -> "RDD":
        if (
            self.partitioner is not None
            and self.partitioner == other.partitioner
            and self.getNumPartitions() == other.getNumPartitions()
        ):
            # Spark's partitioner-aware union: partition i of both, together.
            n = self.getNumPartitions()
            both = self.ctx._core.union([self._node, other._node], site("union"))
            node = both.coalesce([[i, n + i] for i in range(n)], site("union"))
            return RDD(node, self.ctx, self.partitioner)
        return RDD(self.ctx._core.union([self._node, other._node], site("union")), self.ctx)

    def __add__(self, other: "RDD") -> "RDD":
        if not isinstance(other, RDD):
            raise TypeError
        return self.union(other)

    def cartesian(self, other: "RDD") -> "RDD":
        return RDD(self._node.cartesian(other._node, site("cartesian")), self.ctx)

    def zip(self, other: "RDD") -> "RDD":
        if self.getNumPartitions() != other.getNumPartitions():
            raise ValueError("Can only zip with RDD which has the same number of partitions")
        return RDD(self._node.zip(other._node, site("zip")), self.ctx)

    def zipWithIndex(self) -> "RDD":
        starts = [0]
        if self.getNumPartitions() > 1:
            counts = self.mapPartitions(lambda it: [sum(1 for _ in it)]).collect()
            for c in counts[:-1]:
                starts.append(starts[-1] + c)

        def func(k: int, it: Iterator[Any]) -> Iterable[Any]:
            for i, v in enumerate(it, starts[k]):
                yield v, i

        return self.mapPartitionsWithIndex(func)

    def zipWithUniqueId(self) -> "RDD":
        n = self.getNumPartitions()

        def func(k: int, it: Iterator[Any]) -> Iterable[Any]:
            for i, v in enumerate(it):
                yield v, i * n + k

        return self.mapPartitionsWithIndex(func)

    def coalesce(self, numPartitions: int, shuffle: bool = False) -> "RDD":
        if not numPartitions > 0:
            raise ValueError("Number of partitions must be positive.")
        if shuffle:
            return self._round_robin(numPartitions)
        n = self.getNumPartitions()
        if numPartitions >= n:
            groups = [[i] for i in range(n)]
        else:
            groups = [
                list(range(i * n // numPartitions, (i + 1) * n // numPartitions))
                for i in range(numPartitions)
            ]
        return RDD(self._node.coalesce(groups, site("coalesce")), self.ctx)

    def repartition(self, numPartitions: int) -> "RDD":
        return self.coalesce(numPartitions, shuffle=True)

    def _round_robin(self, n: int) -> "RDD":
        # As Spark's coalesce(shuffle=true) over PySpark's batches of ten:
        # each map partition starts at a seeded random position and deals
        # its batches round robin.
        def deal(index: int, it: Iterator[Any]) -> Iterable[Any]:
            position = _xorshift_int(index, n)
            batch: List[Any] = []
            for x in it:
                batch.append(x)
                if len(batch) == 10:
                    position += 1
                    yield position % n, batch
                    batch = []
            if batch:
                position += 1
                yield position % n, batch

        dealt = self.mapPartitionsWithIndex(deal)
        node = dealt._node.shuffle(n, dumps(_identity), site("repartition"))
        return RDD(node, self.ctx).mapPartitions(
            lambda it: itertools.chain.from_iterable(b for _, b in it)
        )

    # ---- actions -------------------------------------------------------

    def _run(
        self,
        f: Callable[[Iterator[Any]], Any],
        partitions: Optional[List[int]] = None,
        op: str = "collect",
    ) -> List[Any]:
        if partitions is None:
            partitions = list(range(self.getNumPartitions()))
        return self.ctx._run_job(self, f, partitions, op)

    def collect(self) -> List[Any]:
        parts = self._run(list, op="collect")
        return [x for p in parts for x in p]

    def collectWithJobGroup(
        self, groupId: str, description: str, interruptOnCancel: bool = False
    ) -> List[Any]:
        self.ctx.setJobGroup(groupId, description, interruptOnCancel)
        return self.collect()

    def toLocalIterator(self, prefetchPartitions: bool = False) -> Iterator[Any]:
        for p in range(self.getNumPartitions()):
            yield from self._run(list, [p], "toLocalIterator")[0]

    def count(self) -> int:
        return sum(self._run(_count, op="count"))

    def foreach(self, f: Callable[[Any], None]) -> None:
        def each(it: Iterator[Any]) -> None:
            for x in it:
                f(x)

        self._run(each, op="foreach")

    def foreachPartition(self, f: Callable[[Iterable[Any]], None]) -> None:
        def each(it: Iterator[Any]) -> None:
            r = f(it)
            if r is not None:
                for _ in r:
                    pass

        self._run(each, op="foreachPartition")

    def reduce(self, f: Callable[[Any, Any], Any]) -> Any:
        def part(it: Iterator[Any]) -> List[Any]:
            it = iter(it)
            try:
                first = next(it)
            except StopIteration:
                return []
            return [_reduce(f, it, first)]

        vals = [v for p in self._run(part, op="reduce") for v in p]
        if vals:
            return _reduce(f, vals)
        raise ValueError("Can not reduce() empty RDD")

    def treeReduce(self, f: Callable[[Any, Any], Any], depth: int = 2) -> Any:
        if depth < 1:
            raise ValueError("Depth cannot be smaller than 1 but got %d." % depth)
        try:
            return self.reduce(f)
        except ValueError:
            raise ValueError("Cannot reduce empty RDD.") from None

    def fold(self, zeroValue: Any, op: Callable[[Any, Any], Any]) -> Any:
        return self.aggregate(zeroValue, op, op)

    def aggregate(
        self, zeroValue: Any, seqOp: Callable[[Any, Any], Any], combOp: Callable[[Any, Any], Any]
    ) -> Any:
        def part(it: Iterator[Any]) -> Any:
            acc = zeroValue
            for obj in it:
                acc = seqOp(acc, obj)
            return acc

        return _reduce(combOp, self._run(part, op="aggregate"), zeroValue)

    def treeAggregate(
        self,
        zeroValue: Any,
        seqOp: Callable[[Any, Any], Any],
        combOp: Callable[[Any, Any], Any],
        depth: int = 2,
    ) -> Any:
        if depth < 1:
            raise ValueError("Depth cannot be smaller than 1 but got %d." % depth)
        if self.getNumPartitions() == 0:
            return zeroValue

        def part(it: Iterator[Any]) -> Any:
            acc = zeroValue
            for obj in it:
                acc = seqOp(acc, obj)
            return acc

        # As PySpark: each partition starts from zeroValue; the partials are
        # combined without it.
        return _reduce(combOp, self._run(part, op="treeAggregate"))

    def max(self, key: Optional[Callable[[Any], Any]] = None) -> Any:
        if key is None:
            return self.reduce(max)
        return self.reduce(lambda a, b: max(a, b, key=key))

    def min(self, key: Optional[Callable[[Any], Any]] = None) -> Any:
        if key is None:
            return self.reduce(min)
        return self.reduce(lambda a, b: min(a, b, key=key))

    def sum(self) -> Any:
        return self.mapPartitions(lambda x: [sum(x)]).fold(0, operator.add)

    def stats(self) -> StatCounter:
        def part(it: Iterator[Any]) -> StatCounter:
            return StatCounter(it)

        return _reduce(lambda a, b: a.mergeStats(b), self._run(part, op="stats"), StatCounter())

    def mean(self) -> float:
        return self.stats().mean()

    def variance(self) -> float:
        return self.stats().variance()

    def stdev(self) -> float:
        return self.stats().stdev()

    def sampleStdev(self) -> float:
        return self.stats().sampleStdev()

    def sampleVariance(self) -> float:
        return self.stats().sampleVariance()

    def histogram(self, buckets: Any) -> Tuple[List[Any], List[int]]:
        return _histogram(self, buckets)

    def countByValue(self) -> Dict[Any, int]:
        def part(it: Iterator[Any]) -> Dict[Any, int]:
            return Counter(it)

        out: Dict[Any, int] = defaultdict(int)
        for d in self._run(part, op="countByValue"):
            for k, v in d.items():
                out[k] += v
        return out

    def top(self, num: int, key: Optional[Callable[[Any], Any]] = None) -> List[Any]:
        parts = self._run(lambda it: heapq.nlargest(num, it, key=key), op="top")
        return heapq.nlargest(num, itertools.chain.from_iterable(parts), key=key)

    def takeOrdered(self, num: int, key: Optional[Callable[[Any], Any]] = None) -> List[Any]:
        if num < 0:
            raise ValueError("top N cannot be negative.")
        if num == 0 or self.getNumPartitions() == 0:
            return []
        parts = self._run(lambda it: heapq.nsmallest(num, it, key=key), op="takeOrdered")
        return heapq.nsmallest(num, itertools.chain.from_iterable(parts), key=key)

    def take(self, num: int) -> List[Any]:
        items: List[Any] = []
        total = self.getNumPartitions()
        scanned = 0
        scale = 4
        while len(items) < num and scanned < total:
            tries = 1
            if scanned > 0:
                if not items:
                    tries = scanned * scale
                else:
                    tries = int(1.5 * num * scanned / len(items)) - scanned
                    tries = min(max(tries, 1), scanned * scale)
            left = num - len(items)

            def upto(it: Iterator[Any], left: int = left) -> List[Any]:
                return list(itertools.islice(it, left))

            parts = list(range(scanned, min(scanned + tries, total)))
            for p in self._run(upto, parts, "take"):
                items.extend(p)
            scanned += tries
        return items[:num]

    def first(self) -> Any:
        rs = self.take(1)
        if rs:
            return rs[0]
        raise ValueError("RDD is empty")

    def isEmpty(self) -> bool:
        return self.getNumPartitions() == 0 or len(self.take(1)) == 0

    def takeSample(self, withReplacement: bool, num: int, seed: Optional[int] = None) -> List[Any]:
        import random

        numStDev = 10.0
        maxSampleSize = sys.maxsize - int(numStDev * sqrt(sys.maxsize))
        if num < 0:
            raise ValueError("Sample size cannot be negative.")
        if num > maxSampleSize:
            raise ValueError("Sample size cannot be greater than %d." % maxSampleSize)
        if num == 0 or self.getNumPartitions() == 0:
            return []
        initial = self.count()
        if initial == 0:
            return []
        rand = random.Random(seed)
        if (not withReplacement) and num >= initial:
            samples = self.collect()
            rand.shuffle(samples)
            return samples
        fraction = _fraction_for_sample_size(num, initial, withReplacement)
        samples = self.sample(withReplacement, fraction, seed).collect()
        while len(samples) < num:
            seed = rand.randint(0, sys.maxsize)
            samples = self.sample(withReplacement, fraction, seed).collect()
        rand.shuffle(samples)
        return samples[0:num]

    def countApprox(self, timeout: int, confidence: float = 0.95) -> int:
        return int(self.count())

    def sumApprox(self, timeout: int, confidence: float = 0.95) -> BoundedFloat:
        s = float(self.sum())
        return BoundedFloat(s, confidence, s, s)

    def meanApprox(self, timeout: int, confidence: float = 0.95) -> BoundedFloat:
        m = float(self.mean())
        return BoundedFloat(m, confidence, m, m)

    def countApproxDistinct(self, relativeSD: float = 0.05) -> int:
        if relativeSD < 0.000017:
            raise ValueError("relativeSD should be greater than 0.000017")
        return self.distinct().count()

    # ---- output --------------------------------------------------------

    def saveAsTextFile(self, path: str, compressionCodecClass: Optional[str] = None) -> None:
        from ember.core._files import save_partitions

        def lines(it: Iterator[Any]) -> Iterator[bytes]:
            for x in it:
                if isinstance(x, bytes):
                    yield x + b"\n"
                else:
                    yield (str(x) + "\n").encode("utf-8")

        save_partitions(self, path, lines, compressionCodecClass, "saveAsTextFile")

    def saveAsPickleFile(self, path: str, batchSize: int = 10) -> None:
        from ember.core._files import save_pickled

        save_pickled(self, path, batchSize)

    def _unsupported(self, name: str) -> Any:
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "RDD.%s" % name}
        )

    def saveAsNewAPIHadoopDataset(self, *a: Any, **k: Any) -> None:
        self._unsupported("saveAsNewAPIHadoopDataset")

    def saveAsNewAPIHadoopFile(self, *a: Any, **k: Any) -> None:
        self._unsupported("saveAsNewAPIHadoopFile")

    def saveAsHadoopDataset(self, *a: Any, **k: Any) -> None:
        self._unsupported("saveAsHadoopDataset")

    def saveAsHadoopFile(self, *a: Any, **k: Any) -> None:
        self._unsupported("saveAsHadoopFile")

    def saveAsSequenceFile(self, *a: Any, **k: Any) -> None:
        self._unsupported("saveAsSequenceFile")

    def barrier(self) -> "RDDBarrier":
        return RDDBarrier(self)

    def withResources(self, profile: Any) -> "RDD":
        return self

    def getResourceProfile(self) -> None:
        return None

    def toDF(self, schema: Any = None, sampleRatio: Optional[float] = None) -> Any:
        from ember.sql.session import SparkSession

        return SparkSession.builder.getOrCreate().createDataFrame(self, schema, sampleRatio)


class RDDBarrier:
    """``rdd.barrier()``: the stage's tasks run together. In local mode all
    of a stage's tasks are started on the slots; ``BarrierTaskContext``'s
    ``barrier()``/``allGather()`` are not available."""

    def __init__(self, rdd: RDD) -> None:
        self.rdd = rdd

    def mapPartitions(
        self, f: Callable[[Iterable[Any]], Iterable[Any]], preservesPartitioning: bool = False
    ) -> RDD:
        return self.rdd.mapPartitions(f, preservesPartitioning)

    def mapPartitionsWithIndex(
        self, f: Callable[[int, Iterable[Any]], Iterable[Any]], preservesPartitioning: bool = False
    ) -> RDD:
        return self.rdd.mapPartitionsWithIndex(f, preservesPartitioning)


def _count(it: Iterator[Any]) -> int:
    return sum(1 for _ in it)


def _spark_error(message: str) -> Exception:
    from ember.errors.exceptions.captured import _from_native

    return _from_native("SparkRuntimeException", None, None, {}, message)


def _fraction_for_sample_size(lower: int, total: int, withReplacement: bool) -> float:
    fraction = float(lower) / total
    if withReplacement:
        numStDev = 9 if lower < 12 else 5
        return fraction + numStDev * sqrt(fraction / total)
    delta = 0.00005
    gamma = -log(delta) / total
    return min(1, fraction + gamma + sqrt(gamma * gamma + 2 * gamma * fraction))


def _int32(x: int) -> int:
    x &= 0xFFFFFFFF
    return x - (1 << 32) if x & 0x80000000 else x


def _rotl32(x: int, r: int) -> int:
    x &= 0xFFFFFFFF
    return ((x << r) | (x >> (32 - r))) & 0xFFFFFFFF


def _murmur3_bytes(data: bytes, seed: int) -> int:
    """Scala's ``MurmurHash3.bytesHash``."""

    def mix_last(h: int, k: int) -> int:
        k = (k * 0xCC9E2D51) & 0xFFFFFFFF
        k = _rotl32(k, 15)
        k = (k * 0x1B873593) & 0xFFFFFFFF
        return (h ^ k) & 0xFFFFFFFF

    h = seed & 0xFFFFFFFF
    n = len(data)
    i = 0
    while n - i >= 4:
        k = int.from_bytes(data[i : i + 4], "little")
        h = mix_last(h, k)
        h = (_rotl32(h, 13) * 5 + 0xE6546B64) & 0xFFFFFFFF
        i += 4
    rest = n - i
    if rest:
        k = 0
        if rest == 3:
            k ^= data[i + 2] << 16
        if rest >= 2:
            k ^= data[i + 1] << 8
        k ^= data[i]
        h = mix_last(h, k)
    h ^= n
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    h ^= h >> 16
    return _int32(h)


def _xorshift_int(seed: int, bound: int) -> int:
    """``new XORShiftRandom(seed).nextInt(bound)`` (Spark's ``coalesce``
    with a shuffle draws each map partition's first position so)."""
    mask64 = (1 << 64) - 1
    data = (seed & mask64).to_bytes(8, "big")
    low = _murmur3_bytes(data, 0x3C074A61)
    high = _murmur3_bytes(data, low)
    state = ((high << 32) | (low & 0xFFFFFFFF)) & mask64

    def nxt(bits: int) -> int:
        nonlocal state
        x = state ^ ((state << 21) & mask64)
        x ^= x >> 35
        x ^= (x << 4) & mask64
        state = x
        return _int32(x & ((1 << bits) - 1))

    if bound & -bound == bound:
        return (bound * nxt(31)) >> 31
    while True:
        bits = nxt(31)
        val = bits % bound
        if _int32(bits - val + (bound - 1)) >= 0:
            return val


def _histogram(rdd: RDD, buckets: Any) -> Tuple[List[Any], List[int]]:
    if isinstance(buckets, int):
        if buckets < 1:
            raise ValueError("number of buckets must be >= 1")

        def comparable(x: Any) -> bool:
            return x is not None and not (type(x) is float and isnan(x))

        filtered = rdd.filter(comparable)
        minv, maxv = filtered.map(lambda x: (x, x)).reduce(
            lambda a, b: (min(a[0], b[0]), max(a[1], b[1]))
        )
        if minv == maxv or buckets == 1:
            return [minv, maxv], [filtered.count()]
        try:
            inc = (maxv - minv) / buckets
        except TypeError:
            raise TypeError("Can not generate buckets with non-number in RDD") from None
        if isinf(inc):
            raise ValueError("Can not generate buckets with infinite value")
        inc = int(inc)
        if inc * buckets != maxv - minv:
            inc = (maxv - minv) * 1.0 / buckets
        bounds = [i * inc + minv for i in range(buckets)]
        bounds.append(maxv)
        even = True
    elif isinstance(buckets, (list, tuple)):
        if len(buckets) < 2:
            raise ValueError("buckets should have more than one value")
        if any(i is None or isinstance(i, float) and isnan(i) for i in buckets):
            raise ValueError("can not have None or NaN in buckets")
        if sorted(buckets) != list(buckets):
            raise ValueError("buckets should be sorted")
        if len(set(buckets)) != len(buckets):
            raise ValueError("buckets should not contain duplicated values")
        bounds = buckets
        minv, maxv = bounds[0], bounds[-1]
        even = False
        inc = None
        try:
            steps = [bounds[i + 1] - bounds[i] for i in range(len(bounds) - 1)]
        except TypeError:
            pass
        else:
            if max(steps) - min(steps) < 1e-10:
                even = True
                inc = (maxv - minv) / (len(bounds) - 1)
    else:
        raise TypeError("buckets should be a list or tuple or number(int or long)")

    def part(it: Iterator[Any]) -> Iterable[List[int]]:
        counters = [0] * len(bounds)
        for i in it:
            if i is None or (isinstance(i, float) and isnan(i)) or i > maxv or i < minv:
                continue
            t = int((i - minv) / inc) if even else bisect.bisect_right(bounds, i) - 1
            counters[t] += 1
        last = counters.pop()
        counters[-1] += last
        return [counters]

    return bounds, rdd.mapPartitions(part).reduce(lambda a, b: [i + j for i, j in zip(a, b)])
