spark.createDataFrame([(1, [1, 2], {"a": 1}), (2, [], None)], "id int, arr array<int>, m map<string,int>").createOrReplaceTempView("lv")
for q in ["SELECT id, x FROM lv LATERAL VIEW explode(arr) t AS x ORDER BY id, x",
          "SELECT id, t.x FROM lv LATERAL VIEW OUTER explode(arr) t AS x ORDER BY id, x",
          "SELECT id, k, v FROM lv LATERAL VIEW explode(m) e AS k, v",
          "SELECT id, pos, val FROM lv LATERAL VIEW posexplode(arr) p AS pos, val ORDER BY id, pos",
          "SELECT id FROM lv DISTRIBUTE BY id SORT BY id",
          "SELECT id FROM lv CLUSTER BY id"]:
    df = spark.sql(q); print(df.columns, df.collect())
