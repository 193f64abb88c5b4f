"""Observation: metrics of a DataFrame read after an action (values as
PySpark 4.3's DataFrame.observe example gives them)."""

import pytest
from ember.errors import PySparkValueError
from ember.sql import Observation
from ember.sql import functions as F


def test_observed_metrics_after_an_action(spark):
    df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], schema=["age", "name"])
    observation = Observation("my metrics")
    observed = df.observe(observation, F.count(F.lit(1)).alias("count"), F.max("age"))
    assert observed.count() == 2
    assert observation.get == {"count": 2, "max(age)": 5}


def test_an_observation_observes_once(spark):
    df = spark.range(3)
    o = Observation()
    df.observe(o, F.sum("id"))
    with pytest.raises(PySparkValueError):
        df.observe(o, F.sum("id"))
    with pytest.raises(PySparkValueError):
        Observation().get
