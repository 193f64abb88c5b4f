"""Ember SQL: the ``pyspark.sql`` API."""

from ember.sql import functions, types
from ember.sql.column import Column
from ember.sql.dataframe import DataFrame
from ember.sql.group import GroupedData
from ember.sql.observation import Observation
from ember.sql.session import SparkSession
from ember.sql.types import Row
from ember.sql.window import Window, WindowSpec

__all__ = [
    "Column",
    "DataFrame",
    "GroupedData",
    "Observation",
    "Row",
    "SparkSession",
    "Window",
    "WindowSpec",
    "functions",
    "types",
]
