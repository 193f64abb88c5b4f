def err(thunk):
    try:
        r = thunk()
        print("OK", r)
    except Exception as e:
        print(f"{type(e).__name__}", getattr(e, "getCondition", lambda: None)(), str(e).split("\n")[0][:300])
df = spark.createDataFrame([1, 2, 2, 3], "INT")
dfs = spark.createDataFrame([("a",), ("b",), (None,), ("a",), ("",)], "s string")
dfi = spark.createDataFrame([1, 2, 3, 4, 5], "INT")
dff = spark.createDataFrame([1.0, 2.0, 3.0, 4.0, 5.0], "FLOAT")
dfd = spark.createDataFrame([1.0, 2.0, 3.0, 4.0, 5.0], "DOUBLE")
kv = spark.createDataFrame([(1, 10.0, 10), (2, 20.0, 20), (2, 30.0, 30)], ["key", "value", "iv"])
# HLL
err(lambda: df.agg(F.hll_sketch_estimate(F.hll_sketch_agg("value"))).collect())
err(lambda: df.agg(F.hll_sketch_estimate(F.hll_sketch_agg("value", 5))).dtypes)
err(lambda: dfs.agg(F.hll_sketch_estimate(F.hll_sketch_agg("s"))).collect())
err(lambda: spark.range(1000).agg(F.hll_sketch_estimate(F.hll_sketch_agg("id", 14))).collect())
err(lambda: df.agg(F.hll_sketch_agg("value", 3)).collect())
err(lambda: df.agg(F.hll_sketch_agg("value", F.col("value"))).collect())
err(lambda: spark.createDataFrame([1.5], "DOUBLE").agg(F.hll_sketch_agg("value")).collect())
two = spark.range(5).agg(F.hll_sketch_agg("id", 10).alias("a"), F.hll_sketch_agg("id", 12).alias("b"))
err(lambda: two.select(F.hll_sketch_estimate(F.hll_union("a", "b"))).collect())
err(lambda: two.select(F.hll_sketch_estimate(F.hll_union("a", "b", True))).collect())
err(lambda: two.select("a").union(two.select("b")).agg(F.hll_sketch_estimate(F.hll_union_agg("a", True))).collect())
err(lambda: spark.range(1).select(F.hll_sketch_estimate(F.lit(b"abc"))).collect())
err(lambda: spark.range(1).select(F.hll_sketch_estimate(F.lit(None).cast("binary"))).collect())
# Theta
err(lambda: df.agg(F.hex(F.theta_sketch_agg("value"))).collect())
err(lambda: dfs.agg(F.theta_sketch_estimate(F.theta_sketch_agg("s"))).collect())
err(lambda: dfd.agg(F.theta_sketch_estimate(F.theta_sketch_agg("value", 5))).collect())
err(lambda: spark.createDataFrame([], "v int").agg(F.hex(F.theta_sketch_agg("v"))).collect())
err(lambda: df.agg(F.theta_sketch_agg("value", 27)).collect())
err(lambda: spark.sql("select theta_sketch_agg(true)").collect())
err(lambda: spark.range(1).select(F.theta_sketch_estimate(F.lit(b"abc"))).collect())
ts = spark.createDataFrame([(1, 2), (2, 3), (3, 4)], "v1 int, v2 int").agg(F.theta_sketch_agg("v1").alias("a"), F.theta_sketch_agg("v2").alias("b"))
err(lambda: ts.select(F.theta_sketch_estimate(F.theta_union("a", "b")), F.theta_sketch_estimate(F.theta_intersection("a", "b")), F.theta_sketch_estimate(F.theta_difference("a", "b"))).collect())
err(lambda: ts.select(F.theta_union("a", "b", 2)).collect())
err(lambda: ts.select(F.theta_sketch_estimate(F.theta_union("a", F.lit(None).cast("binary")))).collect())
tu = ts.select("a").union(ts.select("b"))
err(lambda: tu.agg(F.theta_sketch_estimate(F.theta_union_agg("a")), F.theta_sketch_estimate(F.theta_intersection_agg("a"))).collect())
# KLL
for t, d in [("bigint", dfi), ("float", dff), ("double", dfd)]:
    sk = d.agg(getattr(F, "kll_sketch_agg_" + t)("value").alias("s"))
    err(lambda: sk.select(getattr(F, "kll_sketch_get_n_" + t)("s"), getattr(F, "kll_sketch_get_quantile_" + t)("s", F.lit(0.5)), getattr(F, "kll_sketch_get_rank_" + t)("s", F.lit(3))).collect())
    err(lambda: sk.select(getattr(F, "kll_sketch_get_quantile_" + t)("s", F.array(F.lit(0.0), F.lit(0.25), F.lit(1.0))), getattr(F, "kll_sketch_get_rank_" + t)("s", F.array(F.lit(1), F.lit(4)))).dtypes)
    err(lambda: sk.select(getattr(F, "kll_sketch_get_quantile_" + t)("s", F.array(F.lit(0.0), F.lit(0.25), F.lit(1.0))), getattr(F, "kll_sketch_get_rank_" + t)("s", F.array(F.lit(1), F.lit(4)))).collect())
    err(lambda: print(sk.select(getattr(F, "kll_sketch_to_string_" + t)("s")).first()[0]))
    err(lambda: sk.select(getattr(F, "kll_sketch_get_n_" + t)(getattr(F, "kll_sketch_merge_" + t)("s", "s"))).collect())
    err(lambda: sk.union(sk).agg(getattr(F, "kll_sketch_get_n_" + t)(getattr(F, "kll_merge_agg_" + t)("s"))).collect())
err(lambda: dfi.agg(F.kll_sketch_agg_bigint("value", 5)).collect())
err(lambda: dfd.agg(F.kll_sketch_agg_bigint("value")).collect())
err(lambda: dfi.agg(F.kll_sketch_agg_float("value")).collect())
err(lambda: dfi.agg(F.kll_sketch_agg_bigint("value").alias("s")).select(F.kll_sketch_get_quantile_bigint("s", F.lit(1.5))).collect())
err(lambda: spark.range(1).select(F.kll_sketch_get_n_bigint(F.lit(b"abc"))).collect())
err(lambda: spark.range(1000).agg(F.kll_sketch_agg_bigint("id", 100).alias("s")).select(F.kll_sketch_get_n_bigint("s"), F.kll_sketch_get_quantile_bigint("s", F.lit(0.0)), F.kll_sketch_get_quantile_bigint("s", F.lit(1.0))).collect())
err(lambda: spark.sql("select kll_sketch_get_n_bigint(kll_sketch_agg_bigint(col)), kll_sketch_get_quantile_bigint(kll_sketch_agg_bigint(col, 100), 0.5) from values (1), (2), (null) as t(col)").collect())
# Tuple
for m in ["sum", "min", "max", "alwaysone"]:
    err(lambda: kv.agg(F.tuple_sketch_agg_double("key", "value", 12, m).alias("d"), F.tuple_sketch_agg_integer("key", "iv", 12, m).alias("i")).select(F.tuple_sketch_estimate_double("d"), F.tuple_sketch_summary_double("d"), F.tuple_sketch_summary_double("d", "max"), F.tuple_sketch_summary_double("d", "alwaysone"), F.tuple_sketch_summary_integer("i", "sum"), F.tuple_sketch_summary_integer("i", "min"), F.tuple_sketch_theta_integer("i")).collect())
err(lambda: kv.agg(F.tuple_sketch_agg_double("key", "value", 12, "avg")).collect())
err(lambda: kv.agg(F.tuple_sketch_agg_double("key", "value", 2)).collect())
err(lambda: spark.range(1).select(F.tuple_sketch_estimate_double(F.lit(b"abc"))).collect())
q2 = "select {f}(tuple_sketch_agg_integer(k1, v1), tuple_sketch_agg_integer(k2, v2){extra}) as x from values (1, 10, 2, 5), (2, 20, 3, 7), (3, 30, 4, 9) as t(k1, v1, k2, v2)"
for f, extra in [("tuple_union_integer", ""), ("tuple_union_integer", ", 12, 'min'"), ("tuple_intersection_integer", ""), ("tuple_intersection_integer", ", 'max'"), ("tuple_difference_integer", "")]:
    err(lambda: spark.sql(q2.format(f=f, extra=extra)).selectExpr("tuple_sketch_summary_integer(x)", "tuple_sketch_summary_integer(x, 'max')", "tuple_sketch_estimate_integer(x)").collect())
q = "select {f}(tuple_sketch_agg_double(k1, v1), theta_sketch_agg(k2)) as x from values (1, 10.0D, 1), (2, 20.0D, 2), (3, 30.0D, 4) as t(k1, v1, k2)"
for f in ["tuple_union_theta_double", "tuple_intersection_theta_double", "tuple_difference_theta_double"]:
    err(lambda: spark.sql(q.format(f=f)).selectExpr("tuple_sketch_summary_double(x)", "tuple_sketch_summary_double(x, 'max')", "tuple_sketch_estimate_double(x)").collect())
err(lambda: spark.sql("select tuple_sketch_summary_integer(tuple_union_agg_integer(s, 12, 'max')), tuple_sketch_summary_integer(tuple_intersection_agg_integer(s, 'min')), tuple_sketch_summary_integer(tuple_union_agg_integer(s)), tuple_sketch_summary_integer(tuple_intersection_agg_integer(s)) from (select tuple_sketch_agg_integer(k, v) as s from values (1, 1, 10), (1, 2, 20), (2, 1, 5), (2, 3, 7) as t(g, k, v) group by g)").collect())
err(lambda: spark.createDataFrame([], "k int, v double").agg(F.tuple_sketch_agg_double("k", "v").alias("s")).select(F.tuple_sketch_estimate_double("s"), F.tuple_sketch_summary_double("s")).collect())
# SQL names
err(lambda: spark.sql("select hll_union(hll_sketch_agg(v), hll_sketch_agg(v)), theta_union(theta_sketch_agg(v), theta_sketch_agg(v)), tuple_sketch_summary_double(tuple_sketch_agg_double(v, 1.0D)), tuple_union_theta_double(tuple_sketch_agg_double(v, 1.0D), theta_sketch_agg(v)), tuple_intersection_theta_double(tuple_sketch_agg_double(v, 1.0D), theta_sketch_agg(v)), tuple_intersection_double(tuple_sketch_agg_double(v, 1.0D), tuple_sketch_agg_double(v, 1.0D)) from values (1) as t(v)").columns)
err(lambda: spark.sql("select hll_sketch_estimate(hll_sketch_agg(col)), theta_sketch_estimate(theta_sketch_agg(col, 10)), kll_sketch_get_n_bigint(kll_sketch_agg_bigint(col)), tuple_sketch_estimate_double(tuple_sketch_agg_double(col, cast(col as double))) from values (1),(2),(2) as t(col)").collect())
