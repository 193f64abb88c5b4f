"""Operations on RDDs of ``(key, value)`` pairs: partitioning by key,
combining, grouping, joins and sorting (the pair half of ``pyspark.RDD``)."""

from __future__ import annotations

import bisect
import copy
import functools
import itertools
import os
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple

from ember.core._shapes import is_add
from ember.errors import PySparkRuntimeError
from ember.rddsampler import RDDStratifiedSampler
from ember.resultiterable import ResultIterable

if TYPE_CHECKING:
    from ember.core.rdd import RDD

__all__ = ["PairFunctions", "portable_hash"]

_MISSING = object()


@functools.lru_cache(maxsize=None)
def _seed_missing() -> bool:
    """A worker without a fixed hash seed (looked up once per process: the
    environment is read on every call otherwise, per record)."""
    return "PYTHONHASHSEED" not in os.environ and bool(os.environ.get("EMBER_WORKER"))


def portable_hash(x: Any) -> int:
    """A hash that is the same in every process: None and tuples hash as in
    CPython 2.7, everything else as ``hash`` under ``PYTHONHASHSEED``."""
    if _seed_missing():
        raise PySparkRuntimeError(errorClass="PYTHON_HASH_SEED_NOT_SET", messageParameters={})
    if x is None:
        return 0
    if isinstance(x, tuple):
        h = 0x345678
        for i in x:
            h ^= portable_hash(i)
            h *= 1000003
            h &= sys.maxsize
        h ^= len(x)
        if h == -1:
            h = -2
        return int(h)
    return hash(x)


def _sorter(
    keyfunc: Callable[[Any], Any], ascending: bool
) -> Callable[[Iterator[Tuple[Any, Any]]], Iterable[Tuple[Any, Any]]]:
    """A partition's pairs sorted by ``keyfunc(key)``."""

    def sort(it: Iterator[Tuple[Any, Any]]) -> Iterable[Tuple[Any, Any]]:
        return sorted(it, key=lambda kv: keyfunc(kv[0]), reverse=not ascending)

    return sort


def _kept(rdd: "RDD") -> bool:
    """Whether an RDD is cached or checkpointed (a fused path would skip it)."""
    return rdd.is_cached or rdd.is_checkpointed or rdd._local_checkpoint


class PairFunctions:
    """Mixed into :class:`RDD`."""

    def _default_partitions(self: "RDD") -> int:  # type: ignore[misc]
        conf = self.ctx._conf_value("spark.default.parallelism")
        if conf:
            return int(conf)
        return self.getNumPartitions()

    def keys(self: "RDD") -> "RDD":  # type: ignore[misc]
        return self.map(lambda x: x[0])

    def values(self: "RDD") -> "RDD":  # type: ignore[misc]
        return self.map(lambda x: x[1])

    def mapValues(self: "RDD", f: Callable[[Any], Any]) -> "RDD":  # type: ignore[misc]
        return self.map(lambda kv: (kv[0], f(kv[1])), True)

    def flatMapValues(self: "RDD", f: Callable[[Any], Iterable[Any]]) -> "RDD":  # type: ignore[misc]
        return self.flatMap(lambda kv: ((kv[0], x) for x in f(kv[1])), True)

    def partitionBy(  # type: ignore[misc]
        self: "RDD",
        numPartitions: Optional[int],
        partitionFunc: Callable[[Any], int] = portable_hash,
    ) -> "RDD":
        from ember.core._serial import dumps, site
        from ember.core.rdd import RDD, Partitioner

        if numPartitions is None:
            numPartitions = self._default_partitions()
        partitioner = Partitioner(numPartitions, partitionFunc)
        if self.partitioner == partitioner:
            return self
        node = self._node.shuffle(numPartitions, dumps(partitioner), site("partitionBy"))
        return RDD(node, self.ctx, partitioner)

    def combineByKey(  # type: ignore[misc]
        self: "RDD",
        createCombiner: Callable[[Any], Any],
        mergeValue: Callable[[Any, Any], Any],
        mergeCombiners: Callable[[Any, Any], Any],
        numPartitions: Optional[int] = None,
        partitionFunc: Callable[[Any], int] = portable_hash,
    ) -> "RDD":
        return self._combine(
            createCombiner, mergeValue, mergeCombiners, numPartitions, partitionFunc
        )

    def _combine(  # type: ignore[misc]
        self: "RDD",
        createCombiner: Callable[[Any], Any],
        mergeValue: Callable[[Any, Any], Any],
        mergeCombiners: Callable[[Any, Any], Any],
        numPartitions: Optional[int],
        partitionFunc: Callable[[Any], int],
        sums: bool = False,
    ) -> "RDD":
        """``combineByKey``; ``sums``: the combine is ``x``, ``a + b`` (the
        engine may sum a typed partition itself)."""
        if numPartitions is None:
            numPartitions = self._default_partitions()

        def combine(it: Iterator[Tuple[Any, Any]]) -> Iterable[Tuple[Any, Any]]:
            d: Dict[Any, Any] = {}
            get = d.get
            for k, v in it:
                c = get(k, _MISSING)
                d[k] = createCombiner(v) if c is _MISSING else mergeValue(c, v)
            return d.items()

        def merge(it: Iterator[Tuple[Any, Any]]) -> Iterable[Tuple[Any, Any]]:
            d: Dict[Any, Any] = {}
            get = d.get
            for k, c in it:
                old = get(k, _MISSING)
                d[k] = c if old is _MISSING else mergeCombiners(old, c)
            return d.items()

        if sums:
            combine._ember_native = "sum_by_key"  # type: ignore[attr-defined]
        locally = self.mapPartitions(combine, preservesPartitioning=True)
        shuffled = locally.partitionBy(numPartitions, partitionFunc)
        return shuffled.mapPartitions(merge, preservesPartitioning=True)

    def reduceByKey(  # type: ignore[misc]
        self: "RDD",
        func: Callable[[Any, Any], Any],
        numPartitions: Optional[int] = None,
        partitionFunc: Callable[[Any], int] = portable_hash,
    ) -> "RDD":
        if self._pair_const is not None and is_add(func) and not _kept(self):
            return self._count_pairs(numPartitions, partitionFunc)
        return self._combine(
            lambda x: x, func, func, numPartitions, partitionFunc, sums=is_add(func)
        )

    def _count_pairs(  # type: ignore[misc]
        self: "RDD", numPartitions: Optional[int], partitionFunc: Callable[[Any], int]
    ) -> "RDD":
        """``rdd.map(lambda x: (x, c)).reduceByKey(add)``: each map partition
        counts its records in C (``Counter``) instead of adding ``c`` once per
        record in Python; the pairs and their order are the same."""
        assert self._pair_const is not None
        parent, c = self._pair_const
        if numPartitions is None:
            numPartitions = self._default_partitions()

        def count(it: Iterator[Any]) -> Iterable[Tuple[Any, Any]]:
            counts = Counter(it)
            if c == 1:
                return counts.items()
            return ((k, n * c) for k, n in counts.items())

        def merge(it: Iterator[Tuple[Any, Any]]) -> Iterable[Tuple[Any, Any]]:
            d: Dict[Any, Any] = {}
            get = d.get
            for k, n in it:
                old = get(k, _MISSING)
                d[k] = n if old is _MISSING else old + n
            return d.items()

        if parent._split_of is not None and not _kept(parent):
            lines_rdd, split = parent._split_of

            def count_words(it: Iterator[Any]) -> Iterable[Tuple[Any, Any]]:
                from ember import _native

                lines = it if isinstance(it, list) else list(it)
                try:
                    pairs = _native.count_split_words(lines)
                except TypeError:  # not all str: Python's split and Counter
                    return count(itertools.chain.from_iterable(map(split, lines)))
                if c == 1:
                    return pairs
                return [(k, n * c) for k, n in pairs]

            locally = lines_rdd.mapPartitions(count_words)
        else:
            locally = parent.mapPartitions(count)
        return locally.partitionBy(numPartitions, partitionFunc).mapPartitions(merge, True)

    def reduceByKeyLocally(self: "RDD", func: Callable[[Any, Any], Any]) -> Dict[Any, Any]:  # type: ignore[misc]
        def part(it: Iterator[Tuple[Any, Any]]) -> Dict[Any, Any]:
            d: Dict[Any, Any] = {}
            for k, v in it:
                d[k] = func(d[k], v) if k in d else v
            return d

        out: Dict[Any, Any] = {}
        for d in self._run(part, op="reduceByKeyLocally"):
            for k, v in d.items():
                out[k] = func(out[k], v) if k in out else v
        return out

    def foldByKey(  # type: ignore[misc]
        self: "RDD",
        zeroValue: Any,
        func: Callable[[Any, Any], Any],
        numPartitions: Optional[int] = None,
        partitionFunc: Callable[[Any], int] = portable_hash,
    ) -> "RDD":
        return self.aggregateByKey(zeroValue, func, func, numPartitions, partitionFunc)

    def aggregateByKey(  # type: ignore[misc]
        self: "RDD",
        zeroValue: Any,
        seqFunc: Callable[[Any, Any], Any],
        combFunc: Callable[[Any, Any], Any],
        numPartitions: Optional[int] = None,
        partitionFunc: Callable[[Any], int] = portable_hash,
    ) -> "RDD":
        def create(v: Any) -> Any:
            return seqFunc(copy.deepcopy(zeroValue), v)

        return self.combineByKey(create, seqFunc, combFunc, numPartitions, partitionFunc)

    def groupByKey(  # type: ignore[misc]
        self: "RDD",
        numPartitions: Optional[int] = None,
        partitionFunc: Callable[[Any], int] = portable_hash,
    ) -> "RDD":
        def create(x: Any) -> List[Any]:
            return [x]

        def append(xs: List[Any], x: Any) -> List[Any]:
            xs.append(x)
            return xs

        def extend(a: List[Any], b: List[Any]) -> List[Any]:
            a.extend(b)
            return a

        grouped = self.combineByKey(create, append, extend, numPartitions, partitionFunc)
        return grouped.mapValues(ResultIterable)

    def groupBy(  # type: ignore[misc]
        self: "RDD",
        f: Callable[[Any], Any],
        numPartitions: Optional[int] = None,
        partitionFunc: Callable[[Any], int] = portable_hash,
    ) -> "RDD":
        return self.map(lambda x: (f(x), x)).groupByKey(numPartitions, partitionFunc)

    def countByKey(self: "RDD") -> Dict[Any, int]:  # type: ignore[misc]
        return self.map(lambda x: x[0]).countByValue()

    def collectAsMap(self: "RDD") -> Dict[Any, Any]:  # type: ignore[misc]
        return dict(self.collect())

    def lookup(self: "RDD", key: Any) -> List[Any]:  # type: ignore[misc]
        values = self.filter(lambda kv: kv[0] == key).values()
        # The partition is computed here only where the driver hashes as the
        # tasks did: tasks in the driver, or a fixed hash seed.
        same_hash = self.ctx._slots() == 1 or sys.flags.hash_randomization == 0
        if self.partitioner is not None and same_hash:
            parts = values._run(list, [self.partitioner(key)], "lookup")
            return [x for p in parts for x in p]
        return values.collect()

    # ---- joins ---------------------------------------------------------

    def _tagged_groups(self: "RDD", others: List["RDD"], numPartitions: Optional[int]) -> "RDD":  # type: ignore[misc]
        rdds = [self, *others]
        tagged = None
        for i, r in enumerate(rdds):
            t = r.mapValues(lambda v, i=i: (i, v))
            tagged = t if tagged is None else tagged.union(t)
        assert tagged is not None
        return tagged.groupByKey(numPartitions)

    def cogroup(self: "RDD", other: "RDD", numPartitions: Optional[int] = None) -> "RDD":  # type: ignore[misc]
        return self.groupWith(other, numPartitions=numPartitions)

    def groupWith(
        self: "RDD", other: "RDD", *others: "RDD", numPartitions: Optional[int] = None
    ) -> "RDD":  # type: ignore[misc]
        n = 2 + len(others)

        def split(vs: Iterable[Tuple[int, Any]]) -> Tuple[ResultIterable, ...]:
            out: List[List[Any]] = [[] for _ in range(n)]
            for i, v in vs:
                out[i].append(v)
            return tuple(ResultIterable(x) for x in out)

        return self._tagged_groups([other, *others], numPartitions).mapValues(split)

    def _join(
        self: "RDD", other: "RDD", numPartitions: Optional[int], left: bool, right: bool
    ) -> "RDD":  # type: ignore[misc]
        def dispatch(vs: Iterable[Tuple[int, Any]]) -> Iterable[Tuple[Any, Any]]:
            a: List[Any] = []
            b: List[Any] = []
            for i, v in vs:
                (a if i == 0 else b).append(v)
            if left and not b:
                b = [None]
            if right and not a:
                a = [None]
            return [(x, y) for x in a for y in b]

        return self._tagged_groups([other], numPartitions).flatMapValues(dispatch)

    def join(self: "RDD", other: "RDD", numPartitions: Optional[int] = None) -> "RDD":  # type: ignore[misc]
        return self._join(other, numPartitions, False, False)

    def leftOuterJoin(self: "RDD", other: "RDD", numPartitions: Optional[int] = None) -> "RDD":  # type: ignore[misc]
        return self._join(other, numPartitions, True, False)

    def rightOuterJoin(self: "RDD", other: "RDD", numPartitions: Optional[int] = None) -> "RDD":  # type: ignore[misc]
        return self._join(other, numPartitions, False, True)

    def fullOuterJoin(self: "RDD", other: "RDD", numPartitions: Optional[int] = None) -> "RDD":  # type: ignore[misc]
        return self._join(other, numPartitions, True, True)

    def subtractByKey(self: "RDD", other: "RDD", numPartitions: Optional[int] = None) -> "RDD":  # type: ignore[misc]
        def keep(pair: Tuple[Any, Tuple[Any, Any]]) -> bool:
            _, (val1, val2) = pair
            return bool(val1) and not val2

        return self.cogroup(other, numPartitions).filter(keep).flatMapValues(lambda x: x[0])

    def subtract(self: "RDD", other: "RDD", numPartitions: Optional[int] = None) -> "RDD":  # type: ignore[misc]
        rdd = other.map(lambda x: (x, True))
        return self.map(lambda x: (x, True)).subtractByKey(rdd, numPartitions).keys()

    def intersection(self: "RDD", other: "RDD") -> "RDD":  # type: ignore[misc]
        return (
            self.map(lambda v: (v, None))
            .cogroup(other.map(lambda v: (v, None)))
            .filter(lambda k_vs: all(k_vs[1]))
            .keys()
        )

    def distinct(self: "RDD", numPartitions: Optional[int] = None) -> "RDD":  # type: ignore[misc]
        return (
            self.map(lambda x: (x, None))
            .reduceByKey(lambda x, _: x, numPartitions)
            .map(lambda x: x[0])
        )

    def sampleByKey(  # type: ignore[misc]
        self: "RDD",
        withReplacement: bool,
        fractions: Dict[Any, float],
        seed: Optional[int] = None,
    ) -> "RDD":
        for fraction in fractions.values():
            assert fraction >= 0.0, "Negative fraction value: %s" % fraction
        sampler = RDDStratifiedSampler(withReplacement, fractions, seed)
        return self.mapPartitionsWithIndex(sampler.func, True)

    # ---- sorting -------------------------------------------------------

    def repartitionAndSortWithinPartitions(  # type: ignore[misc]
        self: "RDD",
        numPartitions: Optional[int] = None,
        partitionFunc: Callable[[Any], int] = portable_hash,
        ascending: bool = True,
        keyfunc: Callable[[Any], Any] = lambda x: x,
    ) -> "RDD":
        if numPartitions is None:
            numPartitions = self._default_partitions()

        sort = _sorter(keyfunc, bool(ascending))
        return self.partitionBy(numPartitions, partitionFunc).mapPartitions(sort, True)

    def sortByKey(  # type: ignore[misc]
        self: "RDD",
        ascending: Optional[bool] = True,
        numPartitions: Optional[int] = None,
        keyfunc: Callable[[Any], Any] = lambda x: x,
    ) -> "RDD":
        if numPartitions is None:
            numPartitions = self._default_partitions()

        sort = _sorter(keyfunc, bool(ascending))
        if numPartitions == 1:
            if self.getNumPartitions() > 1:
                return self.coalesce(1).mapPartitions(sort, True)
            return self.mapPartitions(sort, True)
        size = self.count()
        if not size:
            return self
        fraction = min(numPartitions * 20.0 / max(size, 1), 1.0)
        samples = self.sample(False, fraction, 1).map(lambda kv: kv[0]).collect()
        samples = sorted(samples, key=keyfunc)
        bounds = [
            samples[int(len(samples) * (i + 1) / numPartitions)] for i in range(numPartitions - 1)
        ]

        def range_partitioner(k: Any) -> int:
            p = bisect.bisect_left(bounds, keyfunc(k))
            return p if ascending else numPartitions - 1 - p  # type: ignore[operator]

        return self.partitionBy(numPartitions, range_partitioner).mapPartitions(sort, True)

    def sortBy(  # type: ignore[misc]
        self: "RDD",
        keyfunc: Callable[[Any], Any],
        ascending: bool = True,
        numPartitions: Optional[int] = None,
    ) -> "RDD":
        return self.keyBy(keyfunc).sortByKey(ascending, numPartitions).values()
