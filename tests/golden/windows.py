import decimal
def err(thunk):
    try:
        r = thunk()
        print("OK", r)
    except Exception as e:
        print(f"{type(e).__name__}", getattr(e, "getCondition", lambda: None)(), str(e).split("\n")[0][:240])
D = decimal.Decimal
df = spark.createDataFrame([
    ("a", 1, 10, 1.5, D("1.10"), "p"),
    ("a", 2, 20, None, D("2.20"), None),
    ("a", 2, 30, 3.5, None, "r"),
    ("a", 4, None, 4.5, D("4.40"), "s"),
    ("b", 1, 5, 0.5, D("0.50"), None),
    ("b", None, 7, 7.5, D("7.70"), "u"),
    (None, 3, 9, 9.5, D("9.90"), "v"),
], "g string, o int, x bigint, d double, m decimal(10,2), s string")
def q(*cols):
    return sorted(df.select("g", "o", "x", *cols).collect(), key=str)
w = Window.partitionBy("g").orderBy("o", "x")
err(lambda: q(F.row_number().over(w).alias("rn"), F.rank().over(w).alias("rk"), F.dense_rank().over(w).alias("dr")))
wo = Window.partitionBy("g").orderBy("o")
err(lambda: q(F.rank().over(wo).alias("rk"), F.dense_rank().over(wo).alias("dr"), F.percent_rank().over(wo).alias("pr"), F.cume_dist().over(wo).alias("cd")))
err(lambda: q(F.ntile(2).over(w).alias("nt")))
err(lambda: q(F.lag("x").over(w).alias("l1"), F.lead("x").over(w).alias("d1")))
err(lambda: q(F.lag("x", 2, -1).over(w).alias("l2"), F.lead("x", 2, 0).over(w).alias("d2")))
err(lambda: q(F.nth_value("x", 2).over(w).alias("n2")))
err(lambda: q(F.first("s").over(w).alias("f"), F.first("s", ignorenulls=True).over(w).alias("fi")))
err(lambda: q(F.last("s").over(w).alias("l"), F.last("s", ignorenulls=True).over(w).alias("li")))
wp = Window.partitionBy("g")
err(lambda: q(F.sum("x").over(wp).alias("s"), F.avg("x").over(wp).alias("a"), F.count("x").over(wp).alias("c"), F.min("d").over(wp).alias("mn"), F.max("m").over(wp).alias("mx")))
err(lambda: q(F.sum("x").over(wo).alias("s"), F.count("*").over(wo).alias("c"), F.max("x").over(wo).alias("mx")))
err(lambda: q(F.sum("m").over(wo).alias("sm"), F.avg("m").over(wo).alias("am"), F.avg("d").over(wo).alias("ad")))
err(lambda: df.select(F.sum("m").over(wo).alias("sm"), F.avg("m").over(wo).alias("am"), F.sum("x").over(wo).alias("sx"), F.avg("x").over(wp).alias("ax"), F.count("x").over(wp).alias("c")).dtypes)
err(lambda: df.select(F.row_number().over(w), F.rank().over(w), F.percent_rank().over(w), F.ntile(2).over(w), F.cume_dist().over(w)).dtypes)
err(lambda: q(F.sum("x").over(w.rowsBetween(-1, 1)).alias("s")))
err(lambda: q(F.sum("x").over(w.rowsBetween(Window.unboundedPreceding, Window.currentRow)).alias("s")))
err(lambda: q(F.sum("x").over(wo.rangeBetween(-2, 0)).alias("s"), F.count("*").over(wo.rangeBetween(-2, 0)).alias("c")))
err(lambda: q(F.sum("x").over(w.rowsBetween(Window.currentRow, Window.unboundedFollowing)).alias("s")))
err(lambda: q(F.last("x").over(w.rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)).alias("l")))
err(lambda: q(F.sum("x").over(wo.rangeBetween(0, Window.unboundedFollowing)).alias("s")))
wd = Window.partitionBy("g").orderBy(F.col("o").desc(), F.col("x").desc())
err(lambda: q(F.row_number().over(wd).alias("rn"), F.sum("x").over(wd).alias("s")))
err(lambda: q(F.row_number().over(Window.orderBy(F.col("o").desc_nulls_last(), "x")).alias("rn")))
err(lambda: q(F.row_number().over(Window.orderBy("o", "x")).alias("rn"), F.rank().over(Window.orderBy("o")).alias("rk")))
err(lambda: q(F.sum("x").over(Window.orderBy(F.col("o").desc()).rangeBetween(-1, 0)).alias("s")))
err(lambda: q(F.count("*").over(Window.partitionBy("s")).alias("c")))
err(lambda: df.select(F.row_number().over(w)).columns)
err(lambda: df.select(F.rank().over(w), F.lag("x", 1).over(w), F.lead("x", 2, 0).over(w)).columns)
err(lambda: df.select(F.sum("x").over(wp), F.count("*").over(wo), F.first("s", True).over(w)).columns)
err(lambda: df.select(F.sum("x").over(w.rowsBetween(-1, 1)), F.avg("x").over(wo.rangeBetween(-2, 0))).columns)
err(lambda: df.select(F.ntile(2).over(w), F.nth_value("x", 2).over(w), F.percent_rank().over(w)).columns)
err(lambda: df.withColumn("rn", F.row_number().over(w)).columns)
err(lambda: df.select(F.row_number().over(wp)).collect())
err(lambda: df.select(F.row_number()).collect())
err(lambda: df.select(F.sum("x").over(w.rangeBetween(-1, 0))).collect())
err(lambda: df.select(F.sum("x").over(Window.partitionBy("g").orderBy("s").rangeBetween(-1, 0))).collect())
df.createOrReplaceTempView("wt")
err(lambda: sorted(spark.sql("SELECT g, o, x, row_number() OVER (PARTITION BY g ORDER BY o, x) AS rn, sum(x) OVER (PARTITION BY g ORDER BY o) AS s FROM wt").collect(), key=str))
err(lambda: spark.sql("SELECT g, row_number() OVER (PARTITION BY g ORDER BY o, x), sum(x) OVER (PARTITION BY g), rank() OVER w, avg(x) OVER (ORDER BY o ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM wt WINDOW w AS (PARTITION BY g ORDER BY o)").columns)
err(lambda: sorted(spark.sql("SELECT g, o, x, sum(x) OVER w AS s, lag(x) OVER w AS l FROM wt WINDOW w AS (PARTITION BY g ORDER BY o, x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)").collect(), key=str))
err(lambda: sorted(spark.sql("SELECT g, o, x, sum(x) OVER (PARTITION BY g ORDER BY o, x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s, max(x) OVER w AS m FROM wt WINDOW w AS (PARTITION BY g ORDER BY o DESC, x DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING)").collect(), key=str))
err(lambda: sorted(spark.sql("SELECT g, o, x, sum(x) OVER (PARTITION BY g ORDER BY o RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s FROM wt").collect(), key=str))
err(lambda: sorted(spark.sql("SELECT g, o, x FROM wt QUALIFY row_number() OVER (PARTITION BY g ORDER BY x DESC) = 1").collect(), key=str))
err(lambda: sorted(spark.sql("SELECT g, x, rank() OVER (PARTITION BY g ORDER BY o) AS r FROM wt QUALIFY r <= 2").collect(), key=str))
err(lambda: spark.sql("SELECT g, count(*) OVER w2 FROM wt WINDOW w AS (PARTITION BY g)").collect())
err(lambda: spark.sql("SELECT row_number() OVER (PARTITION BY g) FROM wt").collect())
