import decimal
def err(thunk):
    try:
        r = thunk()
        print("OK", r)
    except Exception as e:
        print(f"{type(e).__name__}", getattr(e, "getCondition", lambda: None)(), str(e).split("\n")[0][:240])
D = decimal.Decimal
df = spark.createDataFrame([
    (1, 10, 1.5, "x", D("1.10"), True),
    (2, None, None, "y", None, None),
    (None, 30, 3.5, None, D("3.30"), False),
    (4, 40, None, "x", D("4.40"), None),
    (None, None, None, None, None, None),
], "i int, l bigint, d double, s string, m decimal(10,2), b boolean")
def c(x):
    return sorted(x.collect(), key=str)
err(lambda: c(df.fillna(0)))
err(lambda: df.fillna(0).dtypes)
err(lambda: c(df.na.fill(2.5)))
err(lambda: c(df.fillna("z")))
err(lambda: c(df.fillna({"i": -1, "d": 0.5, "s": "q", "m": 9})))
err(lambda: c(df.fillna(7, subset=["l", "s"])))
err(lambda: c(df.fillna(True)))
err(lambda: c(df.na.fill("z", "s")))
err(lambda: df.fillna([1, 2]))
err(lambda: df.fillna({"nope": 1}))
err(lambda: c(df.dropna()))
err(lambda: c(df.dropna(how="all")))
err(lambda: c(df.na.drop(thresh=4)))
err(lambda: c(df.dropna(subset=["i", "s"])))
err(lambda: c(df.dropna(how="all", subset=["d", "m"])))
err(lambda: df.dropna(how="some"))
err(lambda: c(df.replace(10, 11)))
err(lambda: c(df.replace("x", "xx")))
err(lambda: c(df.na.replace([1, 4], [100, 400])))
err(lambda: c(df.replace({"x": "X", "y": None})))
err(lambda: c(df.replace(1.5, 9.0, subset=["d"])))
err(lambda: df.replace([1, 2], [3]))
nums = spark.createDataFrame([(1, 2.0, "a", D("1.5")), (2, 4.0, "b", D("2.5")), (3, 7.0, "b", None), (4, None, "c", D("4.0"))], "x int, y double, g string, m decimal(4,1)").coalesce(1)  # one partition: stddev digits do not depend on the split
err(lambda: nums.describe().columns)
err(lambda: nums.describe().collect())
err(lambda: nums.describe("y").collect())
err(lambda: nums.describe().show())
err(lambda: nums.summary().collect())
err(lambda: nums.summary("count", "min", "25%", "max").collect())
err(lambda: (nums.stat.corr("x", "y"), nums.stat.cov("x", "y"), nums.corr("x", "x")))
err(lambda: nums.stat.corr("x", "g"))
err(lambda: (nums.crosstab("g", "x").columns, c(nums.crosstab("g", "x"))))
err(lambda: (nums.freqItems(["g", "x"]).columns, [sorted(v) for v in nums.freqItems(["g", "x"]).collect()[0]]))
err(lambda: (nums.approxQuantile("x", [0.5], 0.0), nums.approxQuantile(["x", "y"], [0.0, 0.5, 1.0], 0.0)))
wide = spark.createDataFrame([(1, 10, 1.5), (2, None, 2.5)], "id int, a int, b double")
err(lambda: (wide.unpivot("id", ["a", "b"], "var", "val").dtypes, c(wide.unpivot("id", ["a", "b"], "var", "val"))))
err(lambda: c(wide.melt(["id"], None, "k", "v")))
err(lambda: wide.unpivot("id", [], "var", "val"))
ex = spark.createDataFrame([(1, [1, 2], {"k": "v"}), (2, [], None), (3, None, {})], "id int, arr array<int>, mp map<string,string>")
err(lambda: (ex.select("id", F.explode("arr")).columns, c(ex.select("id", F.explode("arr")))))
err(lambda: (ex.select("id", F.posexplode("arr")).columns, c(ex.select("id", F.posexplode("arr")))))
err(lambda: (ex.select("id", F.explode_outer("arr")).columns, c(ex.select("id", F.explode_outer("arr")))))
err(lambda: (ex.select("id", F.explode("mp")).columns, ex.select("id", F.posexplode_outer("mp")).columns, c(ex.select("id", F.posexplode_outer("mp")))))
st = spark.createDataFrame([(1, [(1, "a"), (2, "b")])], "id int, xs array<struct<p:int,q:string>>")
err(lambda: (st.select("id", F.inline("xs")).columns, st.select("id", F.inline("xs")).collect()))
err(lambda: (ex.select(F.explode("arr").alias("e")).columns, ex.select(F.posexplode("arr").alias("p", "e")).columns))
err(lambda: c(ex.select(F.explode("arr").alias("e"), F.explode("arr"))))
