"""Word counts through the recognised shapes give PySpark's pairs in
PySpark's order (literals recorded on PySpark 4.3), and anything else
takes the Python path with the same answers."""

import operator
from operator import add

from ember.core._shapes import is_add, is_split, pair_with_const

LINES = ["the cat sat", "on the mat", "the\tend\u3000é é", "", "  x  "]


def test_shapes_recognised():
    def pair(word):
        return (word, 3)

    assert pair_with_const(lambda w: (w, 1)) == 1
    assert pair_with_const(pair) == 3
    assert pair_with_const(lambda w: (w, 1.0)) is None
    assert pair_with_const(lambda w: (w, True)) is None
    assert pair_with_const(lambda w: (1, w)) is None
    assert pair_with_const(lambda w, k=1: (w, k)) is None
    assert is_add(operator.add) and is_add(lambda a, b: a + b)
    assert not is_add(lambda a, b: a - b) and not is_add(max)
    assert is_split(str.split) and is_split(lambda line: line.split())
    assert not is_split(lambda line: line.split(",")) and not is_split(str.upper)


def test_word_count_as_pyspark(sc):
    r = sc.parallelize(LINES, 2)
    counts = r.flatMap(lambda line: line.split()).map(lambda w: (w, 1)).reduceByKey(add)
    assert counts.collect() == [
        ("sat", 1), ("mat", 1), ("end", 1), ("the", 3), ("cat", 1), ("on", 1), ("é", 2), ("x", 1),
    ]  # fmt: skip
    doubled = r.flatMap(str.split).map(lambda w: (w, 2)).reduceByKey(lambda a, b: a + b)
    assert doubled.glom().collect() == [
        [("sat", 2), ("mat", 2), ("end", 2)],
        [("the", 6), ("cat", 2), ("on", 2), ("é", 4), ("x", 2)],
    ]
    three = r.flatMap(lambda line: line.split()).map(lambda w: (w, 1)).reduceByKey(add, 3)
    assert three.glom().collect() == [
        [("the", 3), ("cat", 1), ("mat", 1), ("é", 2)],
        [("end", 1), ("x", 1)],
        [("sat", 1), ("on", 1)],
    ]
    tuples = sc.parallelize([(1, 2), (3, 4), (1, 5)], 2).map(lambda x: (x, 1)).reduceByKey(add)
    assert tuples.collect() == [((1, 5), 1), ((1, 2), 1), ((3, 4), 1)]


def test_other_shapes_take_the_python_path_with_the_same_answer(sc):
    r = sc.parallelize(LINES, 2)
    fused = r.flatMap(str.split).map(lambda w: (w, 1)).reduceByKey(add)
    plain = r.flatMap(lambda line: list(line.split())).map(lambda w: (w, 1))
    plain = plain.reduceByKey(lambda a, b: b + a)
    assert fused.collect() == plain.collect()


def test_bytes_lines_fall_back_to_python(sc, tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(b"a b a\nc a\n")
    r = sc.textFile(str(path), use_unicode=False)
    got = r.flatMap(lambda line: line.split()).map(lambda w: (w, 1)).reduceByKey(add)
    assert sorted(got.collect()) == [(b"a", 3), (b"b", 1), (b"c", 1)]
