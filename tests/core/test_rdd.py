"""The RDD API, checked against values recorded from PySpark 4.3 (local[2]).

Exact partition contents (glom), sampling outputs and shuffle placements are
PySpark's own: sampling is seeded per partition (``Random(seed ^ split)``),
repartition/coalesce(shuffle=True) move pickled batches of up to 10 elements,
and hash partitioning of ints is ``hash(k) % n``.
"""

import gzip
import os
import re
from operator import add

import pytest
from ember import StorageLevel
from ember.errors import PythonException, UnsupportedOperationException


def listed(kvs):
    """(k, ResultIterable-or-tuple-of-them) pairs as sorted plain lists."""
    out = []
    for k, v in kvs:
        if isinstance(v, tuple):
            out.append((k, tuple(sorted(x) for x in v)))
        else:
            out.append((k, sorted(v)))
    return sorted(out)


def visible_files(path):
    return sorted(f for f in os.listdir(path) if not f.startswith("."))


# ---------------------------------------------------------------- transformations


def test_map(sc):
    assert sc.parallelize([2, 3, 4]).map(lambda x: x * 2).collect() == [4, 6, 8]


def test_flat_map(sc):
    rdd = sc.parallelize([2, 3, 4])
    assert rdd.flatMap(lambda x: range(1, x)).collect() == [1, 1, 2, 1, 2, 3]
    assert rdd.flatMap(lambda x: [(x, x), (x, x)]).collect() == [
        (2, 2),
        (2, 2),
        (3, 3),
        (3, 3),
        (4, 4),
        (4, 4),
    ]


def test_filter(sc):
    assert sc.parallelize([1, 2, 3, 4, 5]).filter(lambda x: x % 2 == 0).collect() == [2, 4]


def test_map_partitions(sc):
    def f(it):
        yield sum(it)

    assert sc.parallelize([1, 2, 3, 4], 2).mapPartitions(f).collect() == [3, 7]


def test_map_partitions_with_index(sc):
    def g(i, it):
        yield (i, sum(it))

    assert sc.parallelize([1, 2, 3, 4], 4).mapPartitionsWithIndex(g).collect() == [
        (0, 1),
        (1, 2),
        (2, 3),
        (3, 4),
    ]
    out = sc.parallelize(range(7), 3).mapPartitionsWithIndex(lambda i, it: [(i, list(it))])
    assert out.collect() == [(0, [0, 1]), (1, [2, 3]), (2, [4, 5, 6])]


def test_map_partitions_with_split(sc):
    rdd = sc.parallelize([1, 2, 3, 4], 4)
    assert rdd.mapPartitionsWithSplit(lambda s, it: [s]).collect() == [0, 1, 2, 3]


def test_glom(sc):
    assert sc.parallelize([1, 2, 3, 4], 2).glom().collect() == [[1, 2], [3, 4]]
    assert sc.parallelize(range(5), 3).glom().collect() == [[0], [1, 2], [3, 4]]
    assert sc.parallelize(range(10), 4).glom().collect() == [[0, 1], [2, 3, 4], [5, 6], [7, 8, 9]]
    assert sc.parallelize(range(10)).glom().collect() == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    assert sc.parallelize(["a", "b", "c", "d", "e"], 2).glom().collect() == [
        ["a", "b"],
        ["c", "d", "e"],
    ]
    assert sc.parallelize([], 2).glom().collect() == [[], []]


def test_distinct(sc):
    assert sorted(sc.parallelize([1, 1, 2, 3]).distinct().collect()) == [1, 2, 3]
    rdd = sc.parallelize([1, 1, 2, 3, 5, 4, 4], 2).distinct()
    # int keys hash to themselves: evens to partition 0, odds to partition 1
    assert [sorted(p) for p in rdd.glom().collect()] == [[2, 4], [1, 3, 5]]
    assert sorted(sc.parallelize([(1, 2), (1, 2), (2, 1)]).distinct().collect()) == [(1, 2), (2, 1)]


def test_distinct_num_partitions(sc):
    assert sc.parallelize([1, 1, 2, 3, 5, 4, 4], 2).distinct(3).getNumPartitions() == 3
    assert sc.parallelize([1, 1], 3).distinct().getNumPartitions() == 3


def test_sample_without_replacement_is_seeded(sc):
    rdd = sc.parallelize(range(100), 4)
    assert rdd.sample(False, 0.1, 81).collect() == [4, 26, 39, 41, 42, 52, 63, 76, 80, 86, 97]
    assert rdd.sample(False, 0.1, 81).glom().collect() == [
        [4],
        [26, 39, 41, 42],
        [52, 63],
        [76, 80, 86, 97],
    ]
    assert rdd.sample(False, 0.2, 42).collect() == [
        0, 3, 4, 10, 14, 17, 18, 31, 32, 33, 34, 35, 37, 41, 42,
        44, 45, 46, 48, 52, 56, 66, 78, 79, 81, 84, 86, 92, 94, 98,
    ]  # fmt: skip
    assert rdd.sample(False, 0.5, 1).count() == 35


def test_sample_small_partitions(sc):
    rdd = sc.parallelize(range(20), 2)
    assert rdd.sample(False, 0.3, 123).collect() == [1, 4, 5, 7, 9, 11, 16, 18]
    assert rdd.sample(False, 0.5, 5).glom().collect() == [[1, 2, 3, 5, 6, 8], [11, 13, 15, 18]]
    assert sc.parallelize(range(5), 2).sample(False, 1.0, 9).collect() == [0, 1, 2, 3, 4]
    assert sc.parallelize(range(5), 2).sample(False, 0.0, 9).collect() == []


def test_sample_with_replacement_is_seeded(sc):
    rdd = sc.parallelize(range(100), 4)
    assert rdd.sample(True, 0.1, 7).collect() == [6, 47, 64, 66, 73, 74, 77, 83, 90, 98, 99]
    assert sc.parallelize(range(20), 2).sample(True, 0.3, 123).collect() == [0, 14, 16, 17]
    assert sc.parallelize(range(10), 2).sample(True, 1.5, 3).collect() == [
        0, 0, 0, 1, 2, 2, 2, 3, 4, 4, 5, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 9,
    ]  # fmt: skip


def test_sample_negative_fraction(sc):
    with pytest.raises(ValueError, match="Fraction must be nonnegative."):
        sc.parallelize([1]).sample(False, -0.5, 1)
    with pytest.raises(ValueError, match="Fraction must be nonnegative."):
        sc.parallelize([1]).sample(True, -0.5, 1)


def test_random_split_is_seeded(sc):
    parts = sc.parallelize(range(20), 2).randomSplit([2, 3], 17)
    assert [p.collect() for p in parts] == [
        [7, 9, 10, 11, 12, 17, 18],
        [0, 1, 2, 3, 4, 5, 6, 8, 13, 14, 15, 16, 19],
    ]
    parts = sc.parallelize(range(10), 2).randomSplit([0.2, 0.3, 0.5], 99)
    assert [p.collect() for p in parts] == [[2, 4, 9], [5], [0, 1, 3, 6, 7, 8]]


def test_random_split_negative_weight(sc):
    with pytest.raises(ValueError, match="Weights must be nonnegative"):
        sc.parallelize([1]).randomSplit([-1.0, 2.0])


def test_union(sc):
    rdd = sc.parallelize([1, 1, 2, 3])
    assert rdd.union(rdd).collect() == [1, 1, 2, 3, 1, 1, 2, 3]
    assert sc.parallelize([1, 2], 2).union(sc.parallelize([3], 3)).getNumPartitions() == 5


def test_intersection(sc):
    a = sc.parallelize([1, 10, 2, 3, 4, 5])
    b = sc.parallelize([1, 6, 2, 3, 7, 8])
    assert sorted(a.intersection(b).collect()) == [1, 2, 3]
    a3 = sc.parallelize([1, 2, 3], 3)
    assert a3.intersection(sc.parallelize([2], 1)).getNumPartitions() == 4


def test_subtract(sc):
    x = sc.parallelize([("a", 1), ("b", 4), ("b", 5), ("a", 3)])
    y = sc.parallelize([("a", 3), ("c", None)])
    assert sorted(x.subtract(y).collect()) == [("a", 1), ("b", 4), ("b", 5)]
    ints = sc.parallelize([1, 2, 3, 4, 5, 5], 2).subtract(sc.parallelize([2, 5], 2))
    assert sorted(ints.collect()) == [1, 3, 4]
    assert sc.parallelize([1, 2, 3], 3).subtract(sc.parallelize([2], 1)).getNumPartitions() == 4


def test_cartesian(sc):
    rdd = sc.parallelize([1, 2])
    assert sorted(rdd.cartesian(rdd).collect()) == [(1, 1), (1, 2), (2, 1), (2, 2)]
    c = sc.parallelize([1, 2], 2).cartesian(sc.parallelize(["a", "b", "c"], 2))
    assert c.collect() == [(1, "a"), (1, "b"), (1, "c"), (2, "a"), (2, "b"), (2, "c")]
    c3 = sc.parallelize([1, 2], 2).cartesian(sc.parallelize(["a", "b", "c"], 3))
    assert c3.getNumPartitions() == 6


def test_zip(sc):
    x = sc.parallelize(range(0, 5))
    y = sc.parallelize(range(1000, 1005))
    assert x.zip(y).collect() == [(0, 1000), (1, 1001), (2, 1002), (3, 1003), (4, 1004)]
    a = sc.parallelize([1, 2, 3], 2)
    assert a.zip(a.map(lambda v: v * 10)).collect() == [(1, 10), (2, 20), (3, 30)]


def test_zip_different_partition_counts(sc):
    with pytest.raises(
        ValueError, match="Can only zip with RDD which has the same number of partitions"
    ):
        sc.parallelize([1, 2], 2).zip(sc.parallelize([1, 2], 1))


def test_zip_different_partition_sizes(sc):
    z = sc.parallelize([1, 2, 3], 2).zip(sc.parallelize([1, 2, 3, 4], 2))
    with pytest.raises(
        Exception, match="Can only zip RDDs with same number of elements in each partition"
    ):
        z.collect()


def test_zip_with_index(sc):
    assert sc.parallelize(["a", "b", "c", "d"], 3).zipWithIndex().collect() == [
        ("a", 0),
        ("b", 1),
        ("c", 2),
        ("d", 3),
    ]
    assert sc.parallelize([1, 2, 3], 5).zipWithIndex().collect() == [(1, 0), (2, 1), (3, 2)]


def test_zip_with_unique_id(sc):
    assert sc.parallelize(["a", "b", "c", "d", "e"], 3).zipWithUniqueId().collect() == [
        ("a", 0),
        ("b", 1),
        ("c", 4),
        ("d", 2),
        ("e", 5),
    ]
    assert sc.parallelize(range(7), 3).zipWithUniqueId().collect() == [
        (0, 0),
        (1, 3),
        (2, 1),
        (3, 4),
        (4, 2),
        (5, 5),
        (6, 8),
    ]


def test_key_by(sc):
    assert sc.parallelize(range(0, 3)).keyBy(lambda x: x * x).collect() == [(0, 0), (1, 1), (4, 2)]
    assert sc.parallelize([1], 3).keyBy(lambda x: x).getNumPartitions() == 3


def test_group_by(sc):
    rdd = sc.parallelize([1, 1, 2, 3, 5, 8])
    grouped = rdd.groupBy(lambda x: x % 2)
    assert listed(grouped.collect()) == [(0, [2, 8]), (1, [1, 1, 3, 5])]
    assert type(grouped.first()[1]).__name__ == "ResultIterable"
    assert sc.parallelize([1, 2], 3).groupBy(lambda x: x, 5).getNumPartitions() == 5


def test_sort_by(sc):
    tmp = [("a", 1), ("b", 2), ("1", 3), ("d", 4), ("2", 5)]
    assert sc.parallelize(tmp).sortBy(lambda x: x[0]).collect() == [
        ("1", 3),
        ("2", 5),
        ("a", 1),
        ("b", 2),
        ("d", 4),
    ]
    assert sc.parallelize(tmp).sortBy(lambda x: x[1]).collect() == [
        ("a", 1),
        ("b", 2),
        ("1", 3),
        ("d", 4),
        ("2", 5),
    ]
    desc = sc.parallelize([5, 3, 9, 1, 7], 2).sortBy(lambda x: x, ascending=False)
    assert desc.collect() == [9, 7, 5, 3, 1]


def test_sort_by_range_partitions(sc):
    rdd = sc.parallelize([5, 3, 9, 1, 7, 2], 2).sortBy(lambda x: x, numPartitions=3)
    assert rdd.glom().collect() == [[1, 2, 3], [5, 7], [9]]
    assert sc.parallelize([3, 1, 2], 3).sortBy(lambda x: x).getNumPartitions() == 3


def test_pipe(sc):
    assert sc.parallelize(["1", "2", "", "3"]).pipe("cat").collect() == ["1", "2", "", "3"]
    assert sc.parallelize([1, 2, 3], 2).pipe("cat").collect() == ["1", "2", "3"]
    assert sc.parallelize(["a", "b", "c"], 1).pipe("wc -l").collect() == ["3"]


def test_pipe_env(sc):
    out = sc.parallelize(["x"], 1).pipe('sh -c "echo $FOO"', env={"FOO": "bar"})
    assert out.collect() == ["bar"]


def test_pipe_exit_code(sc):
    assert sc.parallelize(["x"], 1).pipe("false").collect() == []
    with pytest.raises(PythonException) as info:
        sc.parallelize(["x"], 1).pipe("false", checkCode=True).collect()
    assert "[PIPE_FUNCTION_EXITED] Pipe function `false` exited with error code 1." in str(
        info.value
    )


def test_coalesce(sc):
    assert sc.parallelize([1, 2, 3, 4, 5], 3).glom().collect() == [[1], [2, 3], [4, 5]]
    assert sc.parallelize([1, 2, 3, 4, 5], 3).coalesce(1).glom().collect() == [[1, 2, 3, 4, 5]]
    assert sc.parallelize(range(10), 5).coalesce(2).glom().collect() == [
        [0, 1, 2, 3],
        [4, 5, 6, 7, 8, 9],
    ]
    assert sc.parallelize(range(12), 4).coalesce(3).glom().collect() == [
        [0, 1, 2],
        [3, 4, 5],
        [6, 7, 8, 9, 10, 11],
    ]


def test_coalesce_cannot_grow_without_shuffle(sc):
    assert sc.parallelize(range(4), 2).coalesce(4).getNumPartitions() == 2


def test_coalesce_with_shuffle(sc):
    rdd = sc.parallelize(range(10), 2).coalesce(4, shuffle=True)
    assert rdd.glom().collect() == [[], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [], []]
    rdd = sc.parallelize(range(30), 3).coalesce(2, shuffle=True)
    assert rdd.glom().collect() == [
        [20, 21, 22, 23, 24, 25, 26, 27, 28, 29],
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
    ]


def test_repartition(sc):
    rdd = sc.parallelize([1, 2, 3, 4, 5, 6, 7], 4)
    assert rdd.glom().collect() == [[1], [2, 3], [4, 5], [6, 7]]
    assert len(rdd.repartition(2).glom().collect()) == 2
    assert len(rdd.repartition(10).glom().collect()) == 10
    assert rdd.repartition(2).glom().collect() == [[4, 5, 6, 7], [1, 2, 3]]
    assert rdd.repartition(10).glom().collect() == [
        [],
        [],
        [],
        [],
        [2, 3],
        [],
        [],
        [],
        [6, 7],
        [1, 4, 5],
    ]


def test_repartition_moves_batches_of_ten(sc):
    assert sc.parallelize(range(10), 2).repartition(3).glom().collect() == [
        [0, 1, 2, 3, 4],
        [5, 6, 7, 8, 9],
        [],
    ]
    assert sc.parallelize(range(6), 3).repartition(1).glom().collect() == [[0, 1, 2, 3, 4, 5]]
    assert sc.parallelize(range(30), 2).repartition(3).glom().collect() == [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
        [25, 26, 27, 28, 29],
    ]
    assert sc.parallelize(list(range(40)), 2).repartition(4).glom().collect() == [
        [],
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29],
        [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39],
        [],
    ]
    assert sc.parallelize(["a", "b", "c", "d", "e"], 2).repartition(3).glom().collect() == [
        ["a", "b"],
        ["c", "d", "e"],
        [],
    ]


def test_repartition_and_coalesce_need_positive_counts(sc):
    with pytest.raises(ValueError, match="Number of partitions must be positive."):
        sc.parallelize([1]).repartition(0).collect()
    with pytest.raises(ValueError, match="Number of partitions must be positive."):
        sc.parallelize([1]).coalesce(0).collect()


def test_repartition_and_sort_within_partitions(sc):
    rdd = sc.parallelize([(0, 5), (3, 8), (2, 6), (0, 8), (3, 8), (1, 3)])
    asc = rdd.repartitionAndSortWithinPartitions(2, lambda x: x % 2, True)
    assert asc.glom().collect() == [[(0, 5), (0, 8), (2, 6)], [(1, 3), (3, 8), (3, 8)]]
    desc = rdd.repartitionAndSortWithinPartitions(2, lambda x: x % 2, False)
    assert desc.glom().collect() == [[(2, 6), (0, 5), (0, 8)], [(3, 8), (3, 8), (1, 3)]]
    keyed = rdd.repartitionAndSortWithinPartitions(2, lambda x: x % 2, True, keyfunc=lambda k: -k)
    assert keyed.glom().collect() == [[(2, 6), (0, 5), (0, 8)], [(3, 8), (3, 8), (1, 3)]]


def test_partition_by_int_keys(sc):
    pairs = sc.parallelize([1, 2, 3, 4, 2, 4, 1]).map(lambda x: (x, x))
    assert pairs.partitionBy(2).glom().collect() == [
        [(2, 2), (4, 4), (2, 2), (4, 4)],
        [(1, 1), (3, 3), (1, 1)],
    ]
    three = sc.parallelize([(i, str(i)) for i in range(8)], 2).partitionBy(3)
    assert three.glom().collect() == [
        [(0, "0"), (3, "3"), (6, "6")],
        [(1, "1"), (4, "4"), (7, "7")],
        [(2, "2"), (5, "5")],
    ]


def test_partition_by_custom_function(sc):
    rdd = sc.parallelize([(i, i) for i in range(6)], 2).partitionBy(2, lambda k: 0 if k < 4 else 1)
    assert rdd.glom().collect() == [[(0, 0), (1, 1), (2, 2), (3, 3)], [(4, 4), (5, 5)]]


def test_partition_by_portable_hash_of_special_keys(sc):
    # hash(-1) == -2, portable_hash(None) == 0, hash(True) == 1
    rdd = sc.parallelize(
        [(-1, "a"), (-2, "b"), (-3, "c"), (None, "n"), (2.5, "f"), (True, "t")], 1
    ).partitionBy(3)
    assert rdd.glom().collect() == [
        [(-3, "c"), (None, "n"), (2.5, "f")],
        [(-1, "a"), (-2, "b"), (True, "t")],
        [],
    ]


def test_partitioner(sc):
    assert sc.parallelize([(1, 1)]).partitioner is None
    pb = sc.parallelize([(1, 1)]).partitionBy(3)
    assert pb.partitioner.numPartitions == 3
    assert pb.partitionBy(3) is pb
    assert pb.mapValues(lambda v: v).partitioner == pb.partitioner
    assert pb.map(lambda v: v).partitioner is None


# ---------------------------------------------------------------- key-value operations


def test_reduce_by_key(sc):
    rdd = sc.parallelize([(1, 1), (2, 1), (1, 1)])
    assert sorted(rdd.reduceByKey(add).collect()) == [(1, 2), (2, 1)]
    tens = sc.parallelize([(i % 3, i) for i in range(10)], 2)
    assert sorted(tens.reduceByKey(add).collect()) == [(0, 18), (1, 12), (2, 15)]
    assert tens.reduceByKey(add, 3).glom().collect() == [[(0, 18)], [(1, 12)], [(2, 15)]]
    assert sc.parallelize([(1, 1)], 3).reduceByKey(lambda a, b: a).getNumPartitions() == 3


def test_reduce_by_key_locally(sc):
    rdd = sc.parallelize([(1, 1), (2, 1), (1, 1)])
    assert rdd.reduceByKeyLocally(add) == {1: 2, 2: 1}


def test_group_by_key(sc):
    rdd = sc.parallelize([(1, 1), (2, 1), (1, 1)])
    assert listed(rdd.groupByKey().collect()) == [(1, [1, 1]), (2, [1])]
    assert sorted(rdd.groupByKey().mapValues(len).collect()) == [(1, 2), (2, 1)]
    tens = sc.parallelize([(i % 3, i) for i in range(10)], 2)
    assert listed(tens.groupByKey().collect()) == [
        (0, [0, 3, 6, 9]),
        (1, [1, 4, 7]),
        (2, [2, 5, 8]),
    ]
    assert tens.groupByKey(3).getNumPartitions() == 3


def test_aggregate_by_key(sc):
    rdd = sc.parallelize([(1, 1), (2, 2), (1, 3), (2, 4), (3, 5)], 2)
    out = rdd.aggregateByKey(
        (0, 0), lambda x, y: (x[0] + y, x[1] + 1), lambda x, y: (x[0] + y[0], x[1] + y[1])
    )
    assert sorted(out.collect()) == [(1, (4, 2)), (2, (6, 2)), (3, (5, 1))]
    lists = rdd.aggregateByKey([], lambda a, v: a + [v], lambda a, b: a + b).mapValues(sorted)
    assert sorted(lists.collect()) == [(1, [1, 3]), (2, [2, 4]), (3, [5])]
    np2 = sc.parallelize([(1, 1)], 3).aggregateByKey(0, add, add, 2)
    assert np2.getNumPartitions() == 2


def test_aggregate_by_key_zero_value_is_not_shared(sc):
    rdd = sc.parallelize([(1, 1), (2, 2), (1, 3)], 1)
    out = rdd.aggregateByKey([], lambda a, v: (a.append(v), a)[1], lambda a, b: a + b)
    assert sorted(out.collect()) == [(1, [1, 3]), (2, [2])]


def test_fold_by_key(sc):
    rdd = sc.parallelize([(1, 1), (2, 1), (1, 1)])
    assert sorted(rdd.foldByKey(0, add).collect()) == [(1, 2), (2, 1)]
    rdd2 = sc.parallelize([(1, 1), (2, 2), (1, 3), (2, 4), (3, 5)], 2)
    assert sorted(rdd2.foldByKey(1, lambda a, b: a * b).collect()) == [(1, 3), (2, 8), (3, 5)]
    assert sc.parallelize([(1, 1)], 3).foldByKey(0, add, 2).getNumPartitions() == 2


def test_combine_by_key(sc):
    def to_list(a):
        return [a]

    def append(a, b):
        a.append(b)
        return a

    def extend(a, b):
        a.extend(b)
        return a

    x = sc.parallelize([(1, 1), (2, 1), (1, 2)], 2)
    out = x.combineByKey(to_list, append, extend).mapValues(sorted)
    assert sorted(out.collect()) == [(1, [1, 2]), (2, [1])]
    rdd = sc.parallelize([(1, 1), (2, 2), (1, 3), (2, 4), (3, 5)], 2)
    avg = rdd.combineByKey(
        lambda v: (v, 1),
        lambda c, v: (c[0] + v, c[1] + 1),
        lambda a, b: (a[0] + b[0], a[1] + b[1]),
    ).mapValues(lambda c: c[0] / c[1])
    assert sorted(avg.collect()) == [(1, 2.0), (2, 3.0), (3, 5.0)]
    np2 = sc.parallelize([(1, 1)], 3).combineByKey(lambda v: v, add, add, 2)
    assert np2.getNumPartitions() == 2


def test_sort_by_key(sc):
    tmp = [("a", 1), ("b", 2), ("1", 3), ("d", 4), ("2", 5)]
    expected = [("1", 3), ("2", 5), ("a", 1), ("b", 2), ("d", 4)]
    assert sc.parallelize(tmp).sortByKey().first() == ("1", 3)
    assert sc.parallelize(tmp).sortByKey(True, 1).collect() == expected
    assert sc.parallelize(tmp).sortByKey(True, 2).collect() == expected


def test_sort_by_key_keyfunc(sc):
    tmp = [("Mary", 1), ("had", 2), ("a", 3), ("little", 4), ("lamb", 5)]
    tmp += [("whose", 6), ("fleece", 7), ("was", 8), ("white", 9)]
    out = sc.parallelize(tmp).sortByKey(True, 3, keyfunc=lambda k: k.lower())
    assert out.collect() == [
        ("a", 3),
        ("fleece", 7),
        ("had", 2),
        ("lamb", 5),
        ("little", 4),
        ("Mary", 1),
        ("was", 8),
        ("white", 9),
        ("whose", 6),
    ]


def test_sort_by_key_ascending_descending_and_partitions(sc):
    rdd = sc.parallelize([(5, "e"), (3, "c"), (9, "i"), (1, "a"), (7, "g"), (2, "b")], 2)
    assert rdd.sortByKey(False).collect() == [
        (9, "i"),
        (7, "g"),
        (5, "e"),
        (3, "c"),
        (2, "b"),
        (1, "a"),
    ]
    assert rdd.sortByKey(True, 3).glom().collect() == [
        [(1, "a"), (2, "b"), (3, "c")],
        [(5, "e"), (7, "g")],
        [(9, "i")],
    ]
    assert rdd.sortByKey(False, 3).glom().collect() == [
        [(9, "i")],
        [(7, "g"), (5, "e")],
        [(3, "c"), (2, "b"), (1, "a")],
    ]
    assert rdd.sortByKey().getNumPartitions() == 2
    assert rdd.sortByKey(numPartitions=1).glom().collect() == [
        [(1, "a"), (2, "b"), (3, "c"), (5, "e"), (7, "g"), (9, "i")]
    ]


def test_sort_by_key_tuple_keys_and_empty(sc):
    rdd = sc.parallelize([((2, "a"), 1), ((1, "z"), 2), ((1, "b"), 3)], 2)
    assert rdd.sortByKey().collect() == [((1, "b"), 3), ((1, "z"), 2), ((2, "a"), 1)]
    empty = sc.parallelize([], 2).sortByKey()
    assert empty.collect() == []
    assert empty.getNumPartitions() == 2


def test_join(sc):
    a = sc.parallelize([(1, 1), (2, 4)])
    b = sc.parallelize([(1, 2), (1, 3)])
    assert sorted(a.join(b).collect()) == [(1, (1, 2)), (1, (1, 3))]
    x = sc.parallelize([(1, "a"), (2, "b"), (3, "c")], 2)
    y = sc.parallelize([(1, "x"), (1, "y"), (3, "z"), (4, "w")], 2)
    assert sorted(x.join(y).collect()) == [(1, ("a", "x")), (1, ("a", "y")), (3, ("c", "z"))]
    assert x.join(y, 3).getNumPartitions() == 3
    # default: the partition count of the union of both sides
    assert x.join(y).getNumPartitions() == 4


def test_outer_joins(sc):
    x = sc.parallelize([(1, "a"), (2, "b"), (3, "c")], 2)
    y = sc.parallelize([(1, "x"), (1, "y"), (3, "z"), (4, "w")], 2)
    assert sorted(x.leftOuterJoin(y).collect()) == [
        (1, ("a", "x")),
        (1, ("a", "y")),
        (2, ("b", None)),
        (3, ("c", "z")),
    ]
    assert sorted(x.rightOuterJoin(y).collect()) == [
        (1, ("a", "x")),
        (1, ("a", "y")),
        (3, ("c", "z")),
        (4, (None, "w")),
    ]
    assert sorted(x.fullOuterJoin(y).collect()) == [
        (1, ("a", "x")),
        (1, ("a", "y")),
        (2, ("b", None)),
        (3, ("c", "z")),
        (4, (None, "w")),
    ]


def test_outer_joins_docstring_examples(sc):
    x = sc.parallelize([(1, 1), (2, 4)])
    y = sc.parallelize([(1, 2)])
    assert sorted(x.leftOuterJoin(y).collect()) == [(1, (1, 2)), (2, (4, None))]
    assert sorted(y.rightOuterJoin(x).collect()) == [(1, (2, 1)), (2, (None, 4))]
    y2 = sc.parallelize([(1, 2), (3, 4)])
    assert sorted(x.fullOuterJoin(y2).collect()) == [(1, (1, 2)), (2, (4, None)), (3, (None, 4))]


def test_cogroup(sc):
    x = sc.parallelize([(1, 1), (2, 4)])
    y = sc.parallelize([(1, 2)])
    out = x.cogroup(y).collect()
    assert listed(out) == [(1, ([1], [2])), (2, ([4], []))]
    first = x.cogroup(y).first()[1]
    assert type(first) is tuple
    assert type(first[0]).__name__ == "ResultIterable"
    np5 = sc.parallelize([(1, 1)], 3).cogroup(sc.parallelize([(1, 2)], 2))
    assert np5.getNumPartitions() == 5


def test_group_with(sc):
    w = sc.parallelize([(5, 6), (7, 8)])
    x = sc.parallelize([(5, 1), (7, 2)])
    y = sc.parallelize([(5, 2)])
    z = sc.parallelize([(7, 3)])
    assert listed(w.groupWith(x, y, z).collect()) == [
        (5, ([6], [1], [2], [])),
        (7, ([8], [2], [], [3])),
    ]
    assert listed(x.groupWith(y).collect()) == [(5, ([1], [2])), (7, ([2], []))]


def test_subtract_by_key(sc):
    x = sc.parallelize([(1, 1), (2, 4), (2, 5), (3, 2)])
    y = sc.parallelize([(3, 3), (4, None)])
    assert sorted(x.subtractByKey(y).collect()) == [(1, 1), (2, 4), (2, 5)]


def test_map_values_and_flat_map_values(sc):
    x = sc.parallelize([(1, ["apple", "banana", "lemon"]), (2, ["grapes"])])
    assert sorted(x.mapValues(len).collect()) == [(1, 3), (2, 1)]
    y = sc.parallelize([(1, ["x", "y", "z"]), (2, ["p", "r"])])
    assert y.flatMapValues(lambda v: v).collect() == [
        (1, "x"),
        (1, "y"),
        (1, "z"),
        (2, "p"),
        (2, "r"),
    ]


def test_keys_and_values(sc):
    m = sc.parallelize([(1, 2), (3, 4)])
    assert m.keys().collect() == [1, 3]
    assert m.values().collect() == [2, 4]
    assert sc.parallelize([("a", 1.5), ("b", 2)]).values().sum() == 3.5


def test_count_by_key(sc):
    counts = sc.parallelize([(1, 1), (2, 1), (1, 1)]).countByKey()
    assert type(counts).__name__ == "defaultdict"
    assert sorted(counts.items()) == [(1, 2), (2, 1)]
    strs = sc.parallelize([("a", 1), ("b", 1), ("a", 2)]).countByKey()
    assert sorted(strs.items()) == [("a", 2), ("b", 1)]


def test_collect_as_map(sc):
    assert sc.parallelize([(1, 2), (3, 4)]).collectAsMap() == {1: 2, 3: 4}
    # the later value of a repeated key wins
    assert sc.parallelize([(1, "a"), (1, "b"), (2, "c")], 2).collectAsMap() == {1: "b", 2: "c"}


def test_lookup(sc):
    rdd = sc.parallelize(list(zip(range(1000), range(1000))), 10)
    assert rdd.lookup(42) == [42]
    assert rdd.lookup(1024) == []
    grouped = rdd.groupByKey()
    assert grouped.lookup(1024) == []
    assert [list(v) for v in grouped.lookup(42)] == [[42]]
    assert rdd.sortByKey().lookup(42) == [42]
    assert sc.parallelize([(1, "a"), (2, "b"), (1, "c")], 2).lookup(1) == ["a", "c"]


def test_lookup_on_non_pairs_fails_in_the_worker(sc):
    with pytest.raises(PythonException, match="TypeError: 'int' object is not subscriptable"):
        sc.parallelize([1, 2]).lookup(1)


def test_sample_by_key(sc):
    fractions = {1: 0.2, 2: 0.4}
    rdd = sc.parallelize(fractions.keys()).cartesian(sc.parallelize(range(0, 1000)))
    sample = dict(rdd.sampleByKey(False, fractions, 2).groupByKey().collect())
    assert sorted((k, len(v)) for k, v in sample.items()) == [(1, 191), (2, 382)]


def test_sample_by_key_small(sc):
    rdd = sc.parallelize([(i % 2, i) for i in range(20)], 2)
    assert rdd.sampleByKey(False, {0: 0.5, 1: 0.3}, 7).collect() == [
        (0, 0),
        (0, 2),
        (0, 4),
        (1, 9),
        (0, 10),
        (0, 16),
        (1, 19),
    ]
    assert rdd.sampleByKey(True, {0: 0.5, 1: 1.5}, 11).collect() == [
        (1, 1), (1, 1), (1, 1), (1, 3), (1, 3), (0, 4), (1, 7), (1, 7), (1, 7), (1, 11),
        (0, 12), (0, 12), (1, 13), (1, 13), (1, 15), (1, 15), (0, 16), (1, 17), (1, 17),
        (1, 17), (1, 17),
    ]  # fmt: skip


def test_reduce_by_key_on_non_pairs_fails_in_the_worker(sc):
    with pytest.raises(PythonException, match="TypeError: cannot unpack non-iterable int object"):
        sc.parallelize([1, 2]).reduceByKey(add).collect()


# ---------------------------------------------------------------- actions


def test_collect_count_first(sc):
    assert sc.parallelize([1, 2, 3], 2).collect() == [1, 2, 3]
    assert sc.parallelize([2, 3, 4]).count() == 3
    assert sc.parallelize([2, 3, 4]).first() == 2


def test_take(sc):
    assert sc.parallelize([2, 3, 4, 5, 6]).cache().take(2) == [2, 3]
    assert sc.parallelize([2, 3, 4, 5, 6]).take(10) == [2, 3, 4, 5, 6]
    assert sc.parallelize(range(100), 100).filter(lambda x: x > 90).take(3) == [91, 92, 93]
    assert sc.parallelize([1, 2]).take(0) == []
    assert sc.parallelize([1, 2]).take(-1) == []


def test_top(sc):
    assert sc.parallelize([10, 4, 2, 12, 3]).top(1) == [12]
    assert sc.parallelize([2, 3, 4, 5, 6], 2).top(2) == [6, 5]
    assert sc.parallelize([10, 4, 2, 12, 3]).top(3, key=str) == [4, 3, 2]
    assert sc.parallelize([(1, 2), (3, 1), (2, 5)], 2).top(2, key=lambda t: t[1]) == [
        (2, 5),
        (1, 2),
    ]
    assert sc.parallelize(["b", "a", "c"], 2).top(2) == ["c", "b"]
    assert sc.parallelize([1]).top(-1) == []


def test_take_ordered(sc):
    rdd = sc.parallelize([10, 1, 2, 9, 3, 4, 5, 6, 7], 2)
    assert rdd.takeOrdered(6) == [1, 2, 3, 4, 5, 6]
    assert rdd.takeOrdered(6, key=lambda x: -x) == [10, 9, 7, 6, 5, 4]
    assert sc.parallelize([3, 1]).takeOrdered(0) == []
    assert sc.parallelize(["bb", "a", "ccc", "dd"], 2).takeOrdered(3, key=len) == ["a", "bb", "dd"]
    assert sc.parallelize([(2, "x"), (1, "y"), (1, "a")], 2).takeOrdered(2) == [(1, "a"), (1, "y")]


def test_take_ordered_negative(sc):
    with pytest.raises(ValueError, match="top N cannot be negative."):
        sc.parallelize([1]).takeOrdered(-1)


def test_take_sample_is_seeded(sc):
    rdd = sc.parallelize(range(0, 10))
    assert rdd.takeSample(True, 20, 1) == [
        0, 6, 3, 4, 3, 1, 3, 7, 3, 5, 3, 0, 0, 9, 6, 5, 7, 9, 4, 7,
    ]  # fmt: skip
    assert rdd.takeSample(False, 5, 2) == [5, 9, 3, 4, 6]
    assert rdd.takeSample(False, 15, 3) == [1, 5, 6, 0, 9, 4, 7, 2, 8, 3]
    hundred = sc.parallelize(range(100), 4)
    assert hundred.takeSample(True, 3, 42) == [55, 94, 46]
    assert hundred.takeSample(False, 4, 42) == [31, 34, 10, 78]


def test_take_sample_small(sc):
    letters = sc.parallelize(["a", "b", "c", "d", "e", "f"], 3)
    assert letters.takeSample(False, 3, 8) == ["f", "e", "a"]
    assert sc.parallelize([1, 2, 3], 2).takeSample(True, 5, 4) == [3, 2, 3, 2, 2]
    assert sc.parallelize(range(6), 2).takeSample(False, 6, 13) == [3, 0, 4, 1, 5, 2]
    assert sc.parallelize(range(10)).takeSample(False, 0, 1) == []
    assert sc.parallelize([]).takeSample(False, 3, 1) == []


def test_take_sample_negative(sc):
    with pytest.raises(ValueError, match="Sample size cannot be negative."):
        sc.parallelize([1]).takeSample(False, -1, 1)


def test_reduce(sc):
    assert sc.parallelize([1, 2, 3, 4, 5]).reduce(add) == 15
    assert sc.parallelize(["a", "b", "c", "d"], 3).reduce(add) == "abcd"
    with_empty = sc.parallelize([], 10).union(sc.parallelize([7], 1))
    assert with_empty.reduce(add) == 7


def test_reduce_empty(sc):
    with pytest.raises(ValueError, match=re.escape("Can not reduce() empty RDD")):
        sc.parallelize([]).reduce(add)


def test_fold(sc):
    assert sc.parallelize([1, 2, 3, 4, 5]).fold(0, add) == 15
    # the zero value is used once per partition and once more for the merge
    assert sc.parallelize([1, 2, 3], 3).fold(10, add) == 46
    assert sc.parallelize([]).fold(0, add) == 0


def test_aggregate(sc):
    def seq_op(x, y):
        return (x[0] + y, x[1] + 1)

    def comb_op(x, y):
        return (x[0] + y[0], x[1] + y[1])

    assert sc.parallelize([1, 2, 3, 4]).aggregate((0, 0), seq_op, comb_op) == (10, 4)
    assert sc.parallelize([]).aggregate((0, 0), seq_op, comb_op) == (0, 0)
    assert sc.parallelize([1, 2, 3], 3).aggregate(1, add, add) == 10


def test_tree_reduce(sc):
    rdd = sc.parallelize([-5, -4, -3, -2, -1, 1, 2, 3, 4], 10)
    assert rdd.treeReduce(add) == -5
    assert rdd.treeReduce(add, 1) == -5
    assert rdd.treeReduce(add, 2) == -5
    assert rdd.treeReduce(add, 5) == -5
    assert rdd.treeReduce(add, 10) == -5


def test_tree_reduce_errors(sc):
    rdd = sc.parallelize([1, 2], 2)
    with pytest.raises(ValueError, match="Depth cannot be smaller than 1 but got 0."):
        rdd.treeReduce(add, 0)
    with pytest.raises(ValueError, match="Cannot reduce empty RDD."):
        sc.parallelize([], 2).treeReduce(add)


def test_tree_aggregate(sc):
    rdd = sc.parallelize([-5, -4, -3, -2, -1, 1, 2, 3, 4], 10)
    assert rdd.treeAggregate(0, add, add) == -5
    assert rdd.treeAggregate(0, add, add, 1) == -5
    assert rdd.treeAggregate(0, add, add, 5) == -5
    assert sc.parallelize([], 3).treeAggregate(0, add, add) == 0
    assert sc.parallelize([1, 2, 3], 3).treeAggregate(1, add, add) == 9
    with pytest.raises(ValueError, match="Depth cannot be smaller than 1 but got 0."):
        rdd.treeAggregate(0, add, add, 0)


def test_sum_and_mean(sc):
    assert sc.parallelize([1.0, 2.0, 3.0]).sum() == 6.0
    s = sc.parallelize([1, 2, 3]).sum()
    assert s == 6 and isinstance(s, int)
    assert sc.parallelize([]).sum() == 0
    assert sc.parallelize([1, 2.5], 2).sum() == 3.5
    assert sc.parallelize([1, 2, 3]).mean() == 2.0
    assert sc.parallelize([1, 2, 3, 4]).mean() == 2.5
    assert sc.parallelize([]).mean() == 0.0


def test_sum_of_strings_fails_in_the_worker(sc):
    with pytest.raises(PythonException, match="unsupported operand type"):
        sc.parallelize(["a", "b"]).sum()


def test_max_and_min(sc):
    rdd = sc.parallelize([1.0, 5.0, 43.0, 10.0])
    assert rdd.max() == 43.0
    assert rdd.max(key=str) == 5.0
    rdd2 = sc.parallelize([2.0, 5.0, 43.0, 10.0])
    assert rdd2.min() == 2.0
    assert rdd2.min(key=str) == 10.0
    assert sc.parallelize([("a", 3), ("b", 1), ("c", 2)]).min(key=lambda t: t[1]) == ("b", 1)
    assert sc.parallelize([(1, "b"), (2, "a"), (2, "c")]).max() == (2, "c")
    assert sc.parallelize(["apple", "pear", "fig"]).max() == "pear"
    assert sc.parallelize(["apple", "pear", "fig"]).min(key=len) == "fig"


def test_max_min_empty(sc):
    with pytest.raises(ValueError, match=re.escape("Can not reduce() empty RDD")):
        sc.parallelize([]).max()
    with pytest.raises(ValueError, match=re.escape("Can not reduce() empty RDD")):
        sc.parallelize([]).min()


def test_variance_and_stdev(sc):
    rdd = sc.parallelize([1, 2, 3])
    assert rdd.stdev() == 0.816496580927726
    assert rdd.variance() == 0.6666666666666666
    assert rdd.sampleStdev() == 1.0
    assert rdd.sampleVariance() == 1.0
    rdd8 = sc.parallelize([2, 4, 4, 4, 5, 5, 7, 9], 3)
    assert rdd8.stdev() == 2.0
    assert rdd8.sampleVariance() == 4.571428571428571
    assert sc.parallelize([1.5, 2.5, 4.0], 2).variance() == 1.0555555555555556


def test_variance_of_too_few_values_is_nan(sc):
    import math

    assert math.isnan(sc.parallelize([]).stdev())
    assert math.isnan(sc.parallelize([1]).sampleStdev())


def test_stats(sc):
    st = sc.parallelize([1, 2, 3, 4], 2).stats()
    assert type(st).__name__ == "StatCounter"
    assert str(st) == "(count: 4, mean: 2.5, stdev: 1.118033988749895, max: 4, min: 1)"
    assert repr(st) == "(count: 4, mean: 2.5, stdev: 1.118033988749895, max: 4, min: 1)"
    assert (st.count(), st.mean(), st.sum(), st.min(), st.max()) == (4, 2.5, 10.0, 1, 4)
    assert (st.variance(), st.stdev()) == (1.25, 1.118033988749895)
    assert (st.sampleVariance(), st.sampleStdev()) == (1.6666666666666667, 1.2909944487358056)
    st2 = sc.parallelize([1.5, 2.5, -3.0], 2).stats()
    assert str(st2) == (
        "(count: 3, mean: 0.3333333333333333, stdev: 2.3921166824012206, max: 2.5, min: -3.0)"
    )
    st3 = sc.parallelize([0.1, 0.2, 0.3]).stats()
    assert str(st3) == (
        "(count: 3, mean: 0.19999999999999998, stdev: 0.0816496580927726, max: 0.3, min: 0.1)"
    )


def test_stats_empty(sc):
    st = sc.parallelize([], 2).stats()
    assert str(st) == "(count: 0, mean: 0.0, stdev: nan, max: -inf, min: inf)"
    assert (st.count(), st.mean(), st.sum(), st.min(), st.max()) == (
        0,
        0.0,
        0.0,
        float("inf"),
        float("-inf"),
    )


def test_stats_as_dict(sc):
    st = sc.parallelize([1, 2, 3, 4]).stats()
    assert st.asDict() == {
        "count": 4,
        "mean": 2.5,
        "sum": 10.0,
        "min": 1,
        "max": 4,
        "stdev": 1.2909944487358056,
        "variance": 1.6666666666666667,
    }
    assert st.asDict(sample=True) == {
        "count": 4,
        "mean": 2.5,
        "sum": 10.0,
        "min": 1,
        "max": 4,
        "stdev": 1.118033988749895,
        "variance": 1.25,
    }


def test_stat_counter_merge(sc):
    from ember.statcounter import StatCounter

    s = StatCounter([1.0, 2.0, 3.0])
    assert str(s) == "(count: 3, mean: 2.0, stdev: 0.816496580927726, max: 3.0, min: 1.0)"
    s.merge(4.0)
    assert str(s) == "(count: 4, mean: 2.5, stdev: 1.118033988749895, max: 4.0, min: 1.0)"
    s2 = s.copy()
    s2.mergeStats(StatCounter([10.0, 20.0]))
    assert (
        str(s2)
        == "(count: 6, mean: 6.666666666666667, stdev: 6.6248689714505975, max: 20.0, min: 1.0)"
    )
    assert str(s) == "(count: 4, mean: 2.5, stdev: 1.118033988749895, max: 4.0, min: 1.0)"
    assert str(StatCounter()) == "(count: 0, mean: 0.0, stdev: nan, max: -inf, min: inf)"


def test_histogram_int_buckets(sc):
    rdd = sc.parallelize(range(51))
    assert rdd.histogram(2) == ([0, 25, 50], [25, 26])
    assert rdd.histogram(3) == ([0.0, 16.666666666666668, 33.333333333333336, 50], [17, 17, 17])
    assert sc.parallelize([1.0, 2.5, 3.5, 4.0, 10.0], 2).histogram(3) == (
        [1.0, 4.0, 7.0, 10.0],
        [3, 1, 1],
    )
    assert sc.parallelize([1, 2, 3, 4, 5, 6]).histogram(3) == (
        [1.0, 2.666666666666667, 4.333333333333334, 6],
        [2, 2, 2],
    )
    assert sc.parallelize([3, 3, 3]).histogram(4) == ([3, 3], [3])
    assert sc.parallelize([1, 2, 3]).histogram(1) == ([1, 3], [3])


def test_histogram_list_buckets(sc):
    rdd = sc.parallelize(range(51))
    assert rdd.histogram([0, 5, 25, 50]) == ([0, 5, 25, 50], [5, 20, 26])
    assert rdd.histogram([0, 15, 30, 45, 60]) == ([0, 15, 30, 45, 60], [15, 15, 15, 6])
    strs = sc.parallelize(["ab", "ac", "b", "bd", "ef"])
    assert strs.histogram(("a", "b", "c")) == (("a", "b", "c"), [2, 2])
    assert sc.parallelize([0.0, 0.5, 1.0]).histogram([0.0, 0.5, 1.0]) == ([0.0, 0.5, 1.0], [1, 2])
    assert sc.parallelize([0, 1, 5, 10]).histogram([0, 1, 10]) == ([0, 1, 10], [1, 3])


def test_histogram_skips_nan_and_out_of_range(sc):
    nan = float("nan")
    assert sc.parallelize([1.0, nan, 2.0, 5.0]).histogram([0, 2, 6]) == ([0, 2, 6], [1, 2])
    assert sc.parallelize([-1, 0, 1, 10, 11]).histogram([0, 5, 10]) == ([0, 5, 10], [2, 1])


def test_histogram_errors(sc):
    rdd = sc.parallelize([1, 2])
    with pytest.raises(ValueError, match="number of buckets must be >= 1"):
        rdd.histogram(0)
    with pytest.raises(ValueError, match="buckets should be sorted"):
        rdd.histogram([3, 1, 2])
    with pytest.raises(ValueError, match="buckets should have more than one value"):
        rdd.histogram([1])
    with pytest.raises(ValueError, match=re.escape("Can not reduce() empty RDD")):
        sc.parallelize([]).histogram(2)
    with pytest.raises(ValueError, match="Can not generate buckets with infinite value"):
        sc.parallelize([1.0, float("inf")]).histogram(2)


def test_count_by_value(sc):
    counts = sc.parallelize([1, 2, 1, 2, 2], 2).countByValue()
    assert type(counts).__name__ == "defaultdict"
    assert sorted(counts.items()) == [(1, 2), (2, 3)]
    assert sorted(sc.parallelize(["a", "b", "a"]).countByValue().items()) == [("a", 2), ("b", 1)]


def test_foreach_with_accumulator(sc):
    acc = sc.accumulator(0)
    assert sc.parallelize([1, 2, 3, 4, 5], 2).foreach(lambda x: acc.add(x)) is None
    assert acc.value == 15


def test_foreach_partition(sc):
    acc = sc.accumulator(0)

    def f(it):
        for x in it:
            acc.add(x * 10)

    assert sc.parallelize([1, 2, 3, 4, 5], 3).foreachPartition(f) is None
    assert acc.value == 150
    calls = sc.accumulator(0)
    sc.parallelize(range(6), 3).foreachPartition(lambda it: calls.add(1))
    assert calls.value == 3


def test_is_empty(sc):
    assert sc.parallelize([]).isEmpty() is True
    assert sc.parallelize([1]).isEmpty() is False
    assert sc.parallelize([1, 2], 4).filter(lambda x: x > 5).isEmpty() is True


def test_to_local_iterator(sc):
    it = sc.parallelize(range(10), 3).toLocalIterator()
    assert iter(it) is it
    assert list(it) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    pre = sc.parallelize(range(5), 2).toLocalIterator(prefetchPartitions=True)
    assert list(pre) == [0, 1, 2, 3, 4]


def test_get_num_partitions(sc):
    assert sc.parallelize([1, 2, 3, 4], 2).getNumPartitions() == 2
    assert sc.parallelize([1, 2, 3, 4]).getNumPartitions() == 2


def test_collect_with_job_group(sc):
    assert sc.parallelize([1, 2, 3], 2).collectWithJobGroup("gX", "descX") == [1, 2, 3]


def test_barrier_map_partitions(sc):
    rdd = sc.parallelize([1, 2, 3, 4], 2)
    assert type(rdd.barrier()).__name__ == "RDDBarrier"
    assert rdd.barrier().mapPartitions(lambda it: [sum(it)]).collect() == [3, 7]


def test_approximate_actions(sc):
    rdd = sc.parallelize(range(1000), 10)
    assert rdd.countApprox(60000, 0.95) == 1000
    assert type(rdd.sumApprox(60000, 0.95)).__name__ == "BoundedFloat"
    assert float(rdd.sumApprox(60000, 0.95)) == 499500.0
    assert float(rdd.meanApprox(60000, 0.95)) == 499.5


def test_count_approx_distinct(sc):
    # PySpark's HyperLogLog++ estimates 1006; Ember counts exactly, within
    # relativeSD (0.05) of every estimate (docs/rdd.md).
    assert sc.parallelize(range(1000), 10).countApproxDistinct() == 1000
    assert sc.parallelize([1, 2, 2, 3, 3, 3]).countApproxDistinct() == 3
    assert sc.parallelize(["a", "b", "a"]).countApproxDistinct(0.05) == 2
    with pytest.raises(ValueError, match="relativeSD should be greater than 0.000017"):
        sc.parallelize([1]).countApproxDistinct(0.000001)


# ---------------------------------------------------------------- errors


def test_first_of_empty_rdd(sc):
    with pytest.raises(ValueError, match="RDD is empty"):
        sc.parallelize([]).first()


def test_user_exception_in_map_is_a_python_exception(sc):
    with pytest.raises(PythonException, match="ZeroDivisionError") as info:
        sc.parallelize([1, 0], 2).map(lambda x: 1 / x).collect()
    msg = str(info.value)
    assert "Traceback (most recent call last)" in msg
    assert "ZeroDivisionError: division by zero" in msg


def test_user_exception_in_count_and_foreach(sc):
    with pytest.raises(PythonException, match="KeyError: 1"):
        sc.parallelize([1], 1).map(lambda x: {}[x]).count()

    def boom(x):
        raise RuntimeError("boom %d" % x)

    with pytest.raises(PythonException, match="RuntimeError: boom 3") as info:
        sc.parallelize([3], 1).foreach(boom)
    assert "in boom" in str(info.value)


def test_user_exception_in_reduce(sc):
    with pytest.raises(
        PythonException, match="TypeError: unsupported operand type\\(s\\) for \\+: 'int' and 'str'"
    ):
        sc.parallelize([1, "a"], 1).reduce(add)


def test_session_usable_after_a_failed_job(sc):
    with pytest.raises(PythonException):
        sc.parallelize([0], 1).map(lambda x: 1 / x).collect()
    assert sc.parallelize([1, 2], 2).map(lambda x: x + 1).collect() == [2, 3]


# ---------------------------------------------------------------- naming, persistence


def test_set_name_and_name(sc):
    rdd = sc.parallelize([1, 2], 2)
    assert rdd.name() is None
    assert rdd.setName("RDD1") is rdd
    assert rdd.name() == "RDD1"


def test_id_is_an_int(sc):
    rdd = sc.parallelize([1, 2])
    assert isinstance(rdd.id(), int)
    assert rdd.id() != sc.parallelize([1]).id()
    assert rdd.context is sc
    assert rdd.ctx is sc


def test_cache_and_unpersist(sc):
    rdd = sc.parallelize([1, 2], 2)
    assert str(rdd.getStorageLevel()) == "Serialized 1x Replicated"
    assert repr(rdd.getStorageLevel()) == "StorageLevel(False, False, False, False, 1)"
    assert rdd.cache() is rdd
    assert rdd.is_cached is True
    assert str(rdd.getStorageLevel()) == "Memory Serialized 1x Replicated"
    assert repr(rdd.getStorageLevel()) == "StorageLevel(False, True, False, False, 1)"
    assert rdd.collect() == [1, 2]
    assert rdd.unpersist() is rdd
    assert rdd.is_cached is False
    assert str(rdd.getStorageLevel()) == "Serialized 1x Replicated"


def test_persist_levels(sc):
    rdd = sc.parallelize(["b", "a", "c"])
    assert rdd.persist() is rdd
    assert str(rdd.getStorageLevel()) == "Memory Serialized 1x Replicated"
    rdd.unpersist()
    rdd.persist(StorageLevel.DISK_ONLY)
    assert str(rdd.getStorageLevel()) == "Disk Serialized 1x Replicated"
    assert sorted(rdd.collect()) == ["a", "b", "c"]
    rdd.unpersist(blocking=True)
    rdd.persist(StorageLevel.MEMORY_AND_DISK_2)
    assert str(rdd.getStorageLevel()) == "Disk Memory Serialized 2x Replicated"
    rdd.unpersist()


def test_persist_cannot_change_level(sc):
    rdd = sc.parallelize([1]).persist(StorageLevel.DISK_ONLY)
    with pytest.raises(
        UnsupportedOperationException,
        match="Cannot change storage level of an RDD after it was already assigned a level",
    ):
        rdd.persist(StorageLevel.MEMORY_ONLY)
    rdd.unpersist()


def test_storage_level_strings():
    assert str(StorageLevel.DISK_ONLY) == "Disk Serialized 1x Replicated"
    assert str(StorageLevel.DISK_ONLY_2) == "Disk Serialized 2x Replicated"
    assert str(StorageLevel.DISK_ONLY_3) == "Disk Serialized 3x Replicated"
    assert str(StorageLevel.MEMORY_AND_DISK) == "Disk Memory Serialized 1x Replicated"
    assert str(StorageLevel.MEMORY_AND_DISK_2) == "Disk Memory Serialized 2x Replicated"
    assert str(StorageLevel.MEMORY_AND_DISK_DESER) == "Disk Memory Deserialized 1x Replicated"
    assert str(StorageLevel.MEMORY_ONLY) == "Memory Serialized 1x Replicated"
    assert str(StorageLevel.MEMORY_ONLY_2) == "Memory Serialized 2x Replicated"
    assert str(StorageLevel.OFF_HEAP) == "Disk Memory OffHeap Serialized 1x Replicated"
    assert str(StorageLevel.NONE) == "Serialized 1x Replicated"
    custom = StorageLevel(True, True, False, False, 3)
    assert str(custom) == "Disk Memory Serialized 3x Replicated"
    assert repr(custom) == "StorageLevel(True, True, False, False, 3)"
    assert StorageLevel.MEMORY_ONLY == StorageLevel(False, True, False, False)


def test_accumulator_counts_recomputations_unless_cached(sc):
    acc = sc.accumulator(0)
    rdd = sc.parallelize(range(4), 2).map(lambda x: (acc.add(1), x)[1])
    assert acc.value == 0
    rdd.count()
    assert acc.value == 4
    rdd.collect()
    assert acc.value == 8
    rdd.cache()
    rdd.count()
    rdd.count()
    assert acc.value == 12
    rdd.unpersist()


def test_checkpoint(sc, tmp_path):
    sc.setCheckpointDir(str(tmp_path))
    rdd = sc.parallelize(range(5), 2).map(lambda x: x * 2)
    assert rdd.isCheckpointed() is False
    assert rdd.getCheckpointFile() is None
    assert rdd.checkpoint() is None
    assert rdd.isCheckpointed() is False
    assert rdd.collect() == [0, 2, 4, 6, 8]
    assert rdd.isCheckpointed() is True
    assert rdd.isLocallyCheckpointed() is False
    path = rdd.getCheckpointFile()
    assert re.fullmatch("file:" + re.escape(str(tmp_path)) + r"/[0-9a-f-]{36}/rdd-\d+", path), path
    assert visible_files(path[len("file:") :]) == ["part-00000", "part-00001"]
    assert rdd.collect() == [0, 2, 4, 6, 8]
    assert rdd.map(lambda x: x + 1).collect() == [1, 3, 5, 7, 9]


def test_local_checkpoint(sc):
    rdd = sc.parallelize(range(4), 2).map(lambda x: x + 1)
    assert rdd.localCheckpoint() is None
    assert rdd.isLocallyCheckpointed() is True
    assert rdd.isCheckpointed() is False
    assert rdd.collect() == [1, 2, 3, 4]
    assert rdd.isCheckpointed() is True
    assert str(rdd.getStorageLevel()) == "Disk Memory Deserialized 1x Replicated"
    assert rdd.getCheckpointFile() is None


def test_to_debug_string(sc):
    rdd = sc.parallelize([1, 2, 3], 2).map(lambda x: (x, x)).reduceByKey(add)
    text = rdd.toDebugString()
    assert isinstance(text, bytes)
    lines = text.decode().splitlines()
    # PySpark 4.3 prints (ids vary):
    # (2) PythonRDD[14] at RDD at PythonRDD.scala:59 []
    #  |  MapPartitionsRDD[13] at mapPartitions at PythonRDD.scala:197 []
    #  |  ShuffledRDD[12] at partitionBy at NativeMethodAccessorImpl.java:0 []
    #  +-(2) PairwiseRDD[11] at reduceByKey at <snippet>:71 []
    #     |  PythonRDD[10] at reduceByKey at <snippet>:71 []
    #     |  ParallelCollectionRDD[9] at readRDDFromFile at PythonRDD.scala:326 []
    assert lines[0].startswith("(2) ")
    assert any(line.startswith(" +-(2) ") for line in lines)
    assert "ParallelCollectionRDD" in lines[-1]
    simple = sc.parallelize([1, 2, 3], 2).toDebugString().decode()
    assert simple.startswith("(2) ParallelCollectionRDD[")


def test_clean_shuffle_dependencies(sc):
    rdd = sc.parallelize([(1, 2)]).reduceByKey(lambda a, b: a)
    assert rdd.cleanShuffleDependencies() is None


# ---------------------------------------------------------------- saving and loading


def test_save_as_text_file(sc, tmp_path):
    out = str(tmp_path / "out")
    sc.parallelize(["foo", "bar", "baz"], 2).saveAsTextFile(out)
    assert visible_files(out) == ["_SUCCESS", "part-00000", "part-00001"]
    with open(os.path.join(out, "part-00000")) as f:
        assert f.read() == "foo\n"
    with open(os.path.join(out, "part-00001")) as f:
        assert f.read() == "bar\nbaz\n"
    assert sorted(sc.textFile(out).collect()) == ["bar", "baz", "foo"]


def test_save_as_text_file_writes_str_of_each_element(sc, tmp_path):
    out = str(tmp_path / "out")
    sc.parallelize([1, None, "x", (1, 2), 1.5], 3).saveAsTextFile(out)
    contents = []
    for name in ["part-00000", "part-00001", "part-00002"]:
        with open(os.path.join(out, name)) as f:
            contents.append(f.read())
    assert contents == ["1\n", "None\nx\n", "(1, 2)\n1.5\n"]


def test_save_as_text_file_multiline_and_empty(sc, tmp_path):
    out = str(tmp_path / "multi")
    sc.parallelize(["a\nb", "c"], 1).saveAsTextFile(out)
    with open(os.path.join(out, "part-00000")) as f:
        assert f.read() == "a\nb\nc\n"
    assert sc.textFile(out).collect() == ["a", "b", "c"]
    empty = str(tmp_path / "empty")
    sc.parallelize([], 2).saveAsTextFile(empty)
    assert visible_files(empty) == ["_SUCCESS", "part-00000", "part-00001"]
    assert os.path.getsize(os.path.join(empty, "part-00000")) == 0
    assert os.path.getsize(os.path.join(empty, "part-00001")) == 0


def test_save_as_text_file_gzip(sc, tmp_path):
    out = str(tmp_path / "gz")
    sc.parallelize(["foo", "bar"], 2).saveAsTextFile(
        out, compressionCodecClass="org.apache.hadoop.io.compress.GzipCodec"
    )
    assert visible_files(out) == ["_SUCCESS", "part-00000.gz", "part-00001.gz"]
    with gzip.open(os.path.join(out, "part-00000.gz")) as f:
        assert f.read() == b"foo\n"
    with gzip.open(os.path.join(out, "part-00001.gz")) as f:
        assert f.read() == b"bar\n"
    assert sorted(sc.textFile(out).collect()) == ["bar", "foo"]


def test_save_as_text_file_existing_directory(sc, tmp_path):
    out = str(tmp_path / "out")
    sc.parallelize(["a"]).saveAsTextFile(out)
    with pytest.raises(Exception, match="already exists"):
        sc.parallelize(["b"]).saveAsTextFile(out)


def test_save_as_pickle_file_round_trip(sc, tmp_path):
    out = str(tmp_path / "pk")
    data = [1, 2, "spark", "rdd", (3, {"a": [1]})]
    sc.parallelize(data, 3).saveAsPickleFile(out)
    assert visible_files(out) == ["_SUCCESS", "part-00000", "part-00001", "part-00002"]
    back = sc.pickleFile(out).collect()
    assert sorted(map(str, back)) == ["(3, {'a': [1]})", "1", "2", "rdd", "spark"]
    assert sc.pickleFile(out).getNumPartitions() == 3
    out2 = str(tmp_path / "pk2")
    sc.parallelize(range(25), 2).saveAsPickleFile(out2, batchSize=5)
    assert sorted(sc.pickleFile(out2).collect()) == list(range(25))


# ---------------------------------------------------------------- DataFrames


def test_rdd_to_df(sc, spark):
    rdd = sc.parallelize([("Alice", 1), ("Bob", 5)])
    df = rdd.toDF()
    assert df.schema.simpleString() == "struct<_1:string,_2:bigint>"
    assert [tuple(r) for r in df.collect()] == [("Alice", 1), ("Bob", 5)]
    named = rdd.toDF(["name", "age"])
    assert named.schema.simpleString() == "struct<name:string,age:bigint>"
    assert [r.asDict() for r in named.collect()] == [
        {"name": "Alice", "age": 1},
        {"name": "Bob", "age": 5},
    ]
    ddl = rdd.toDF("name string, age int")
    assert ddl.schema.simpleString() == "struct<name:string,age:int>"
    assert [r.asDict() for r in ddl.collect()] == [
        {"name": "Alice", "age": 1},
        {"name": "Bob", "age": 5},
    ]


def test_rdd_of_rows_to_df(sc, spark):
    from ember.sql import Row

    df = sc.parallelize([Row(a=1, b="x"), Row(a=2, b=None)]).toDF()
    assert df.schema.simpleString() == "struct<a:bigint,b:string>"
    assert df.collect() == [Row(a=1, b="x"), Row(a=2, b=None)]
    nested = sc.parallelize([(1, [1, 2], {"k": 1.0})]).toDF()
    assert (
        nested.schema.simpleString() == "struct<_1:bigint,_2:array<bigint>,_3:map<string,double>>"
    )
    mixed = sc.parallelize([(1, None), (2, "b")]).toDF(["a", "b"])
    assert mixed.schema.simpleString() == "struct<a:bigint,b:string>"


def test_rdd_to_df_errors(sc, spark):
    from ember.errors import PySparkValueError

    with pytest.raises(PySparkValueError, match="CANNOT_DETERMINE_TYPE"):
        sc.parallelize([(1, None)]).toDF(["a", "b"])
    with pytest.raises(ValueError, match="RDD is empty"):
        sc.emptyRDD().toDF()


def test_create_data_frame_from_rdd(sc, spark):
    from ember.sql import Row
    from ember.sql import types as T

    df = spark.createDataFrame(sc.parallelize([(1, 2.0, "a"), (2, 3.5, "b")], 2), ["i", "d", "s"])
    assert df.schema.simpleString() == "struct<i:bigint,d:double,s:string>"
    assert df.collect() == [Row(i=1, d=2.0, s="a"), Row(i=2, d=3.5, s="b")]
    assert df.rdd.getNumPartitions() == 2
    schema = T.StructType([T.StructField("k", T.LongType()), T.StructField("v", T.StringType())])
    df2 = spark.createDataFrame(sc.parallelize([(1, "a")]), schema)
    assert df2.schema.simpleString() == "struct<k:bigint,v:string>"
    assert df2.collect() == [Row(k=1, v="a")]
    df3 = spark.createDataFrame(sc.parallelize([{"x": 1, "y": "q"}]))
    assert df3.schema.simpleString() == "struct<x:bigint,y:string>"
    assert df3.collect() == [Row(x=1, y="q")]


def test_df_rdd(sc, spark):
    from ember.sql import Row

    assert spark.range(3).rdd.collect() == [Row(id=0), Row(id=1), Row(id=2)]
    df = spark.createDataFrame([(1, "a"), (2, "b")], ["n", "s"])
    assert df.rdd.map(lambda r: (r.n * 10, r["s"])).collect() == [(10, "a"), (20, "b")]
    assert type(spark.range(1).rdd).__name__ == "RDD"
    assert type(spark.range(1).rdd.first()).__name__ == "Row"
    # PySpark keeps the DataFrame's 3 partitions; Ember's df.rdd parallelizes
    # the rows into defaultParallelism partitions (docs/rdd.md).
    assert spark.range(0, 10, 1, 3).rdd.getNumPartitions() == 2


def test_df_foreach(sc, spark):
    acc = sc.accumulator(0)
    assert spark.range(5).foreach(lambda r: acc.add(r.id)) is None
    assert acc.value == 10
    rows = sc.accumulator(0)
    spark.range(6).foreachPartition(lambda it: rows.add(sum(1 for _ in it)))
    assert rows.value == 6
