"""Ember: Apache Spark without the JVM.

``from ember.sql import SparkSession, functions as F`` and write PySpark code;
or call :func:`alias_pyspark` once and ``import pyspark`` resolves to Ember.
"""

from ember._alias import alias_pyspark
from ember.accumulators import Accumulator, AccumulatorParam
from ember.conf import SparkConf
from ember.context import SparkContext
from ember.core.broadcast import Broadcast
from ember.core.files import SparkFiles
from ember.core.rdd import RDD
from ember.core.status import SparkJobInfo, SparkStageInfo, StatusTracker
from ember.storagelevel import StorageLevel
from ember.taskcontext import BarrierTaskContext, BarrierTaskInfo, TaskContext
from ember.util import InheritableThread, inheritable_thread_target

__version__ = "0.1.0"

__all__ = [
    "Accumulator",
    "AccumulatorParam",
    "BarrierTaskContext",
    "BarrierTaskInfo",
    "InheritableThread",
    "SparkFiles",
    "TaskContext",
    "inheritable_thread_target",
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
