"""Spark SQL functions (``pyspark.sql.functions``)."""

from ember.sql.functions.builtin import *  # noqa: F401,F403
from ember.sql.functions.builtin import __all__  # noqa: F401
