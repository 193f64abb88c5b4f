# reflect / java_method / try_reflect: the static Java methods Spark's docs use;
# input_file_* outside file scans.
df = spark.createDataFrame([("a5cf6c42-0c85-418f-af6c-3e4e5b1328f2",)], ["a"])
df.select(F.reflect(F.lit("java.util.UUID"), F.lit("fromString"), "a")).show(truncate=False)
df.select(F.java_method(F.lit("java.util.UUID"), F.lit("fromString"), "a")).show(truncate=False)
df.select(F.try_reflect(F.lit("java.util.UUID"), F.lit("fromString"), F.lit("bad"))).show()
for q in [
    "reflect('java.util.UUID', 'fromString', 'A5CF6C42-0c85-418f-af6c-3e4e5b1328f2')",
    "reflect('java.lang.Math', 'max', 2, 3)",
    "reflect('java.lang.Math', 'max', 2.5D, 3D)",
    "reflect('java.lang.Math', 'abs', -2L)",
    "reflect('java.lang.Math', 'sqrt', 2D)",
    "reflect('java.lang.Math', 'floorDiv', -7, 2)",
    "reflect('java.lang.Math', 'floorMod', -7, 2)",
    "reflect('java.lang.String', 'valueOf', 1.5D)",
    "reflect('java.lang.String', 'valueOf', true)",
    "reflect('java.lang.Integer', 'parseInt', '12')",
    "java_method('java.lang.Integer', 'toHexString', 255)",
    "java_method('java.lang.Integer', 'toHexString', -1)",
    "reflect('java.lang.Long', 'toBinaryString', 5L)",
    "reflect('java.net.URLDecoder', 'decode', '%2Fa+b', 'UTF-8')",
    "reflect('java.net.URLEncoder', 'encode', 'a b/c', 'UTF-8')",
    "try_reflect('java.net.URLDecoder', 'decode', '%')",
    "try_reflect('java.lang.Integer', 'parseInt', 'x')",
    "length(reflect('java.util.UUID', 'randomUUID'))",
]:
    df2 = spark.sql("SELECT " + q)
    print(df2.columns, df2.collect())
for q in [
    "reflect('java.wrongclass', 'valueOf', 1)",
    "reflect('java.lang.Math', 'sqrt', 4)",
    "reflect('java.util.UUID', 'nope', 1)",
]:
    try:
        spark.sql("SELECT " + q).collect()
    except Exception as e:
        print(type(e).__name__, e.getCondition())
spark.range(2).select(
    F.input_file_name(), F.input_file_block_start(), F.input_file_block_length()
).show()
print(spark.sql("SELECT input_file_name(), input_file_block_start()").collect())
