"""Typed partitions of (int, int) pairs (src/rdd/typed.rs): parallelize
encodes them as int64 columns and reduceByKey(add) sums them in the engine,
with PySpark's results and order (literals recorded on PySpark 4.3); other
data, bools, big ints and overflowing sums take the Python path."""

from operator import add

PAIRS = [(3, 1), (1, 2), (3, 3), (-2, 4), (1, 5), (2**62, 2**62), (2**62, 2**62), (-1, 7), (-2, 1)]


def test_typed_pairs_partition_and_sum_as_pyspark(sc):
    r = sc.parallelize(PAIRS, 2)
    assert r.glom().collect() == [
        [(3, 1), (1, 2), (3, 3), (-2, 4)],
        [(1, 5), (4611686018427387904, 4611686018427387904),
         (4611686018427387904, 4611686018427387904), (-1, 7), (-2, 1)],
    ]  # fmt: skip
    assert r.reduceByKey(add).collect() == [
        (-2, 5), (4611686018427387904, 9223372036854775808), (-1, 7), (3, 4), (1, 7),
    ]  # fmt: skip
    assert r.reduceByKey(lambda a, b: a + b, 3).glom().collect() == [
        [(3, 4)],
        [(1, 7), (-2, 5), (-1, 7)],
        [(4611686018427387904, 9223372036854775808)],
    ]
    many = sc.parallelize([(i % 7, i) for i in range(100)], 3)
    assert many.reduceByKey(add).glom().collect() == [
        [(0, 735), (3, 679), (6, 721)],
        [(1, 750), (4, 693)],
        [(2, 665), (5, 707)],
    ]
    assert many.map(lambda kv: kv[1]).sum() == 4950


def test_other_values_take_the_python_path(sc):
    assert sc.parallelize([(1, True), (1, 2), (True, 1)], 2).reduceByKey(add).collect() == [(1, 4)]
    mixed = sc.parallelize([(1, 2), (1, 2.5), (2, 2**70)], 1).reduceByKey(add)
    assert mixed.collect() == [(1, 4.5), (2, 1180591620717411303424)]
    assert sc.parallelize([(1, 2, 3), (4, 5, 6)], 1).collect() == [(1, 2, 3), (4, 5, 6)]


def test_typed_blocks_count_their_records(sc):
    r = sc.parallelize([(i, 1) for i in range(10)], 2)
    assert r.reduceByKey(add).count() == 10
    st = sc.statusTracker()
    job = st.getJobInfo(st._core.jobs()[-1][0])
    assert st.getStageMetrics(job.stageIds[0])["recordsRead"] == 10
