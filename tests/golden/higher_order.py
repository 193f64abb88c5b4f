# Higher-order functions with Python lambdas: names, types and values.
df = spark.createDataFrame([(1, [1, 2, None]), (2, [5, 6]), (3, None)], "id int, a array<int>")
for name, f in [
    ("transform", lambda: F.transform("a", lambda x: x + 1)),
    ("filter", lambda: F.filter("a", lambda x: x > 1)),
    ("exists", lambda: F.exists("a", lambda x: x > 1)),
    ("forall", lambda: F.forall("a", lambda x: x > 0)),
    ("nested", lambda: F.transform("a", lambda x: F.coalesce(x, F.col("id")) * 2)),
]:
    out = df.orderBy("id").select(f())
    print(name, out.columns[0], out.dtypes[0][1], [r[0] for r in out.collect()])
