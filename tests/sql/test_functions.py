"""Functions whose answers are not fixed values: random numbers; and the
catalogue's reach."""

import statistics

from ember.sql import functions as F


def test_rand_is_reproducible_for_a_seed_and_uniform(spark):
    a = [r[0] for r in spark.range(1000).select(F.rand(42)).collect()]
    b = [r[0] for r in spark.range(1000).select(F.rand(42)).collect()]
    assert a == b
    assert len(set(a)) == 1000
    assert all(0.0 <= x < 1.0 for x in a)
    assert 0.45 < statistics.mean(a) < 0.55
    assert spark.range(1).select(F.rand(42)).columns == ["rand(42)"]
    assert spark.sql("SELECT rand(1), random(2), randn(3)").columns == [
        "rand(1)",
        "rand(2)",
        "randn(3)",
    ]


def test_randn_is_standard_normal(spark):
    xs = [r[0] for r in spark.range(20000).select(F.randn(7)).collect()]
    assert abs(statistics.mean(xs)) < 0.05
    assert 0.95 < statistics.pstdev(xs) < 1.05


def test_unimplemented_names_say_so():
    from ember.errors import PySparkNotImplementedError

    try:
        F.counter_diff
    except PySparkNotImplementedError as e:
        assert "counter_diff" in str(e)
    else:
        raise AssertionError("expected PySparkNotImplementedError")
