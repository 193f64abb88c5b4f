"""``pyspark.files``."""

from ember.core.files import SparkFiles

__all__ = ["SparkFiles"]
