"""``pyspark.core.context``."""

from ember.context import SparkContext

__all__ = ["SparkContext"]
