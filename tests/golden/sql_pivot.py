spark.createDataFrame([("a", 1, 10), ("a", 2, 20), ("b", 1, 5), ("b", 1, 7)], "k string, v int, x int").createOrReplaceTempView("pv")
for q in ["SELECT * FROM pv PIVOT (sum(x) FOR v IN (1, 2)) ORDER BY k",
          "SELECT * FROM pv PIVOT (sum(x) AS s, count(x) AS c FOR v IN (1 AS one, 2 AS two)) ORDER BY k",
          "SELECT * FROM (SELECT k, v, x FROM pv) PIVOT (max(x) FOR k IN ('a', 'b')) ORDER BY v",
          "SELECT * FROM (SELECT 'r1' AS id, 1 AS q1, 2 AS q2) UNPIVOT (val FOR quarter IN (q1, q2))",
          "SELECT * FROM (SELECT 'r1' AS id, 1 AS q1, CAST(NULL AS INT) AS q2) UNPIVOT INCLUDE NULLS (val FOR quarter IN (q1 AS first, q2))"]:
    df = spark.sql(q); print(df.columns, df.collect())
