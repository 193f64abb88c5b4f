# Managed tables in CSV and JSON, partitioned by columns.
import os

spark.sql("CREATE TABLE tf_c (a INT, b STRING, d DATE) USING csv PARTITIONED BY (b)")
spark.sql(
    "INSERT INTO tf_c VALUES (1, DATE '2024-01-02', 'x'), (2, NULL, NULL),"
    " (3, DATE '2024-03-04', 'a/b=c')"
)
spark.table("tf_c").orderBy("a").show()
spark.table("tf_c").printSchema()
spark.sql("DESCRIBE TABLE tf_c").show(truncate=False)
print([(c.name, c.isPartition) for c in spark.catalog.listColumns("tf_c")])
wh = spark.conf.get("spark.sql.warehouse.dir").replace("file:", "")
print(sorted(d for d in os.listdir(os.path.join(wh, "tf_c")) if "=" in d))
spark.table("tf_c").where("b = 'x'").show()
spark.sql(
    "CREATE TABLE tf_j USING json PARTITIONED BY (k)"
    " AS SELECT id, id % 2 AS k, CAST(id AS STRING) AS s FROM range(4)"
)
spark.table("tf_j").orderBy("id").show()
spark.table("tf_j").printSchema()
spark.range(3).selectExpr("id", "array(id) AS arr", "map('k', id) AS m").write.format(
    "json"
).saveAsTable("tf_j2")
spark.table("tf_j2").orderBy("id").show()
try:
    spark.range(3).selectExpr("id", "array(id) AS arr").write.format("csv").saveAsTable("tf_c2")
except Exception as e:
    print(type(e).__name__, e)
df = spark.range(4).selectExpr("id", "id % 2 AS p", "'' AS e", "CAST(NULL AS STRING) AS n")
df.write.partitionBy("p").format("csv").saveAsTable("tf_c3")
spark.table("tf_c3").orderBy("id").show()
spark.sql("INSERT INTO tf_c3 SELECT 9, 'z', 'q', 7")
spark.table("tf_c3").orderBy("id").show()
spark.sql("INSERT OVERWRITE tf_c3 SELECT 10, 'y', 'r', 1")
spark.table("tf_c3").show()
try:
    spark.sql("CREATE TABLE tf_bad (a INT) USING csv PARTITIONED BY (zz)")
except Exception as e:
    print(type(e).__name__, e)
for t in ["tf_c", "tf_j", "tf_j2", "tf_c3"]:
    spark.sql("DROP TABLE " + t)
