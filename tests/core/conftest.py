"""Spark Core fixtures: the test session's SparkContext (local[2])."""

import pytest


@pytest.fixture(scope="session")
def sc(spark):
    return spark.sparkContext
