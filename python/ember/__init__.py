"""Ember: Apache Spark without the JVM.

``from ember.sql import SparkSession, functions as F`` and write PySpark code;
or call :func:`alias_pyspark` once and ``import pyspark`` resolves to Ember.
"""

from ember._alias import alias_pyspark
from ember.conf import SparkConf
from ember.context import SparkContext
from ember.storagelevel import StorageLevel

__version__ = "0.1.0"

__all__ = ["SparkConf", "SparkContext", "StorageLevel", "alias_pyspark", "__version__"]
