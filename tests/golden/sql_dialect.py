import decimal
def err(thunk):
    try:
        r = thunk()
        print("OK", r)
    except Exception as e:
        print(f"{type(e).__name__}", getattr(e, "getCondition", lambda: None)(), str(e).split("\n")[0][:240])
def perr(sql):
    # parse errors start with a newline: print the whole message, one " | " per line
    try:
        print("OK", spark.sql(sql).columns)
    except Exception as e:
        print(f"{type(e).__name__}", getattr(e, "getCondition", lambda: None)(), " | ".join(str(e).strip().split("\n")[:5]))
D = decimal.Decimal
spark.createDataFrame([(1, 10, "x", 1.5, D("1.10")), (2, 20, "y", None, D("2.20")), (2, 30, "y", 3.5, None), (3, None, "z", 4.5, D("4.40")), (None, 50, None, 5.5, D("5.50"))],
                      "a int, b bigint, c string, d double, m decimal(10,2)").createOrReplaceTempView("t")
spark.createDataFrame([(1, "one"), (2, "two"), (4, "four"), (None, "nil")], "a int, name string").createOrReplaceTempView("u")
spark.createDataFrame([([1, 2, 3], {"k": 7}, (5, "f"))], "arr array<int>, m map<string,int>, s struct<f:int,g:string>").createOrReplaceTempView("cx")
def q(sql, **kw):
    df = spark.sql(sql, **kw)
    return (df.columns, sorted(df.collect(), key=str))
def o(sql, **kw):
    df = spark.sql(sql, **kw)
    return (df.columns, df.collect())
for j in ["JOIN", "LEFT JOIN", "RIGHT OUTER JOIN", "FULL OUTER JOIN"]:
    err(lambda: (j, q(f"SELECT * FROM t {j} u ON t.a = u.a")))
err(lambda: (q("SELECT * FROM t LEFT SEMI JOIN u ON t.a = u.a"), q("SELECT * FROM t LEFT ANTI JOIN u ON t.a = u.a")))
err(lambda: q("SELECT * FROM t JOIN u USING (a)"))
err(lambda: q("SELECT * FROM t FULL JOIN u USING (a)"))
err(lambda: q("SELECT * FROM t NATURAL JOIN u"))
err(lambda: (spark.sql("SELECT * FROM t CROSS JOIN u").columns, spark.sql("SELECT * FROM t CROSS JOIN u").count()))
err(lambda: q("SELECT t.b, u.name FROM t, u WHERE t.a = u.a AND t.b > 10"))
err(lambda: o("WITH x AS (SELECT a, sum(b) AS sb FROM t GROUP BY a), y AS (SELECT * FROM x WHERE sb > 10) SELECT y.a, sb, name FROM y LEFT JOIN u ON y.a = u.a ORDER BY y.a"))
err(lambda: q("SELECT s.k, s.total FROM (SELECT a AS k, sum(b) AS total FROM (SELECT * FROM t WHERE c IS NOT NULL) inner_t GROUP BY a) AS s WHERE s.total > 10"))
err(lambda: q("SELECT a, b, (SELECT max(b) FROM t) AS mx, b = (SELECT min(b) FROM t) AS is_min FROM t"))
err(lambda: q("SELECT u.a, name, (SELECT count(*) FROM t WHERE t.a = u.a) AS n, (SELECT sum(b) FROM t WHERE t.a = u.a) AS s FROM u"))
err(lambda: q("SELECT a, b FROM t WHERE a IN (SELECT a FROM u WHERE name <> 'one')"))
err(lambda: (q("SELECT a, b FROM t WHERE a NOT IN (SELECT a FROM u)"), q("SELECT a, b FROM t WHERE a NOT IN (SELECT a FROM u WHERE a IS NOT NULL)")))
err(lambda: (q("SELECT a, name FROM u WHERE EXISTS (SELECT 1 FROM t WHERE t.a = u.a AND t.b > 15)"), q("SELECT a, name FROM u WHERE NOT EXISTS (SELECT 1 FROM t WHERE t.a = u.a)")))
err(lambda: (q("SELECT c, count(*) FROM t GROUP BY c HAVING sum(b) > 10"), q("SELECT c FROM t GROUP BY c HAVING max(d) > 4")))
err(lambda: q("SELECT a % 2, count(*) AS n FROM t GROUP BY 1"))
err(lambda: q("SELECT c, a > 1 AS big, sum(b) FROM t GROUP BY ALL"))
err(lambda: o("SELECT c, b FROM t ORDER BY 2 DESC"))
err(lambda: (o("SELECT a AS k, b * 2 AS bb FROM t ORDER BY bb NULLS FIRST"), o("SELECT c FROM t ORDER BY b DESC NULLS LAST")))
err(lambda: (o("SELECT a FROM t UNION SELECT a FROM u ORDER BY a"), o("SELECT a FROM t UNION ALL SELECT a FROM u ORDER BY a")))
err(lambda: [o(f"SELECT a FROM t {op} SELECT a FROM u ORDER BY a") for op in ["INTERSECT", "EXCEPT", "EXCEPT ALL", "MINUS"]])
err(lambda: o("SELECT DISTINCT a, c FROM t ORDER BY a, c"))
err(lambda: o("SELECT a, b FROM t ORDER BY b LIMIT 2 OFFSET 1"))
err(lambda: spark.sql("SELECT a + 1, count(*), sum(b), t.a, max(a) + 1, avg(d), c || 'x', -a FROM t GROUP BY t.a, c, d").columns)
err(lambda: spark.sql("SELECT 1, 'x', 1.5, NULL, true, CAST(a AS string), a AS `weird name`, upper(c), b * 2 + 1 FROM t").columns)
err(lambda: q("SELECT a, CASE WHEN a = 1 THEN 'one' WHEN a > 1 THEN 'many' ELSE 'none' END AS w, CASE c WHEN 'y' THEN 1 END AS y FROM t"))
err(lambda: o("SELECT 7 DIV 2, -7 DIV 2, 7 % -3, NULL <=> NULL, 1 <=> NULL, 'a' || 'b' || NULL, 'abc' RLIKE '^a.c$', 'x' REGEXP 'y'"))
err(lambda: o("SELECT DATE '2024-02-28' + INTERVAL '1' DAY, TIMESTAMP '2024-01-01 10:00:00', X'0A', 1L, 1.5D, 1.5BD, 10Y, 5S, 1e2, 0.1"))
err(lambda: spark.sql("SELECT DATE '2024-02-28' + INTERVAL '1' DAY, TIMESTAMP '2024-01-01 10:00:00', X'0A', 1L, 1.5D, 1.5BD, 10Y, 5S, 1e2, 0.1, 1.5, 2147483648").dtypes)
err(lambda: o("SELECT arr[0], arr[2], m['k'], m['zz'], s.f, s.g FROM cx"))
err(lambda: spark.sql("SELECT arr[5] FROM cx").collect())
err(lambda: o("SELECT TRY_CAST('12' AS int), TRY_CAST('x' AS int), '12'::int + 1, 3.7::int, CAST('2024-01-02' AS date), '1.5'::double, CAST(1.5 AS decimal(4,1))"))
err(lambda: spark.sql("SELECT CAST('x' AS int)").collect())
err(lambda: (o("SELECT :x + 1, :x + 1 AS r, :s AS s", args={"x": 5, "s": "hi"}), q("SELECT a FROM t WHERE a = :k", args={"k": 2})))
err(lambda: o("SELECT ? * 2, ?", args=[21, "q"]))
perr("SELEC 1")
perr("SELECT 1 +")
err(lambda: spark.sql("SELECT * FROM nope_tbl"))
err(lambda: spark.sql("SELECT zz FROM t"))
err(lambda: spark.sql("SELECT t.zz, a FROM t"))
err(lambda: spark.sql("SELECT a, sum(b) FROM t"))
