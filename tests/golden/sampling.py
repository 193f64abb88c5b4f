df = spark.range(10)
for f in [lambda: df.sample("a"), lambda: df.sample(1.5), lambda: df.randomSplit([1.0, -1.0]), lambda: df.randomSplit([0.0, 0.0])]:
    try:
        f(); print("OK")
    except Exception as e:
        print(type(e).__name__, getattr(e, "getCondition", lambda: None)(), str(e).split("\n")[0][:200])
print(len(df.randomSplit([1.0, 2.0, 3.0], 5)), df.sample(0.0).count(), df.sample(1.0).count())
