# stack(n, …): values spread over n rows, col0, col1, … (NULL-padded).
df = spark.createDataFrame([(1, 2, 3)], "a int, b int, c int")
df.select(F.stack(F.lit(2), df.a, df.b, df.c)).show()
df.select(F.stack(F.lit(2), df.a, df.b, df.c).alias("x", "y")).show()
spark.sql("SELECT stack(2, 1, 'a', 2, 'b')").show()
