import datetime, decimal
for q, a in [("SELECT :x + 1, :s AS s, :d, :b, :n, :f", {"x": 5, "s": "it's", "d": datetime.date(2024,1,2), "b": True, "n": None, "f": 1.5}), ("SELECT ? * 2, ?", [21, "q"]), ("SELECT :x", {}), ("SELECT ?", []), ("SELECT ':x', :x", {"x": 1}), ("SELECT :dec, :arr", {"dec": decimal.Decimal("1.50"), "arr": [1,2]})]:
    try:
        df = spark.sql(q, args=a); print(df.columns, df.collect())
    except Exception as e:
        print(type(e).__name__, getattr(e, "getCondition", lambda: None)(), str(e).split("\n")[0][:200])
