df = spark.createDataFrame([(1, [1, 2], {"a": 1}), (2, [], None), (3, None, {"b": 2, "c": 3})], "id int, arr array<int>, m map<string,int>")
for c in [F.explode("arr"), F.explode_outer("arr"), F.posexplode("arr"), F.posexplode_outer("arr").alias("p", "v"), F.explode("m"), F.explode(F.col("arr")).alias("e")]:
    r = df.select("id", c)
    print(r.columns, r.schema.simpleString(), sorted(r.collect(), key=str))
s = spark.createDataFrame([(1, [(1, "x"), (2, "y")])], "id int, a array<struct<n:int,s:string>>")
print(s.select("id", F.inline("a")).collect())
print(df.selectExpr("id", "explode(arr) as x").collect())
df.createOrReplaceTempView("xt")
print(spark.sql("select id, explode(arr) from xt").collect())
print(df.select(F.explode("arr"), F.explode("arr").alias("b")).count())
try:
    df.select(F.explode("id")).collect()
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0][:200])
