"""Spark Core: RDDs, broadcast variables, accumulators and job status."""
