"""Ember: Apache Spark without the JVM.

``from ember.sql import SparkSession, functions as F`` and write PySpark code;
or call :func:`alias_pyspark` once and ``import pyspark`` resolves to Ember.
"""

from ember._alias import alias_pyspark
from ember.accumulators import Accumulator, AccumulatorParam
from ember.conf import SparkConf
from ember.context import SparkContext
from ember.core.broadcast import Broadcast
from ember.core.rdd import RDD
from ember.core.status import SparkJobInfo, SparkStageInfo, StatusTracker
from ember.storagelevel import StorageLevel

__version__ = "0.1.0"

__all__ = [
    "Accumulator",
    "AccumulatorParam",
    "Broadcast",
    "RDD",
    "SparkConf",
    "SparkContext",
    "SparkJobInfo",
    "SparkStageInfo",
    "StatusTracker",
    "StorageLevel",
    "alias_pyspark",
    "__version__",
]
