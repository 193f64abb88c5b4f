def err(thunk):
    try:
        r = thunk()
        print("OK", r)
    except Exception as e:
        print(f"{type(e).__name__}", getattr(e, "getCondition", lambda: None)(), str(e).split("\n")[0][:240])
a = spark.createDataFrame([(1, "a1"), (2, "a2"), (None, "an")], "k int, v string")
b = spark.createDataFrame([(1, "b1"), (3, "b3"), (None, "bn")], "K int, v string")
err(lambda: a.join(b, "k", "lft"))
for how in ["inner", "left", "right", "full", "semi", "anti", "left_outer", "fullouter", "leftsemi"]:
    err(lambda: (how, a.join(b, "k", how).columns, sorted(a.join(b, "k", how).collect(), key=str)))
err(lambda: a.crossJoin(b).columns)
err(lambda: sorted(a.crossJoin(b).collect(), key=str))
for how in ["inner", "left", "right", "full", "semi", "anti"]:
    err(lambda: (how, a.join(b, a.k == b.K, how).columns, sorted(a.join(b, a.k == b.K, how).collect(), key=str)))
err(lambda: a.join(b, [a.k == b.K, a.v != b.v]).select(a.v, b.v).collect())
err(lambda: a.join(b, a.k == b.K).select("v"))
err(lambda: a.join(b, a.k.eqNullSafe(b.K)).select(a.v, b.v).orderBy(a.v).collect())
err(lambda: a.join(b).count())
err(lambda: a.join(b, on=["k"]).columns)
x = spark.createDataFrame([(1, 2, 3)], "k1 int, k2 int, p int")
y = spark.createDataFrame([(3, 2, 1)], "q int, k2 int, k1 int")
err(lambda: x.join(y, ["k2", "k1"]).columns)
err(lambda: x.join(y, ["k2", "k1"]).collect())
err(lambda: a.join(b, "nope"))
s1 = a.alias("s1"); s2 = a.alias("s2")
err(lambda: s1.join(s2, F.col("s1.k") == F.col("s2.k")).select("s1.v", "s2.v").collect())
err(lambda: a.join(a, "k").columns)
err(lambda: a.join(b, a.k == b.K).groupBy(a.v).count().orderBy("v").collect())
