import os
import tempfile

with tempfile.TemporaryDirectory() as d:
    df = spark.createDataFrame(
        [(1, "a", 1.5, True), (2, None, None, False)], "id long, s string, x double, b boolean"
    )
    df.write.orc(os.path.join(d, "o"))
    back = spark.read.orc(os.path.join(d, "o"))
    back.printSchema()
    back.orderBy("id").show()
    files = os.listdir(os.path.join(d, "o"))
    print(sorted({f[-11:] for f in files if f.startswith("part-")}), "_SUCCESS" in files)
    df.write.mode("overwrite").partitionBy("b").format("orc").save(os.path.join(d, "p"))
    spark.read.format("orc").load(os.path.join(d, "p")).orderBy("id").show()
    spark.read.schema("id long, s string").orc(os.path.join(d, "o")).orderBy("id").show()
    spark.createDataFrame([{"age": 100, "name": "Hyukjin Kwon"}]).write.mode("overwrite").format("orc").save(os.path.join(d, "q"))
    spark.read.orc(os.path.join(d, "q")).show()
