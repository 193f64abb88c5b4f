import datetime, decimal
def err(thunk):
    try:
        r = thunk()
        print("OK", r)
    except Exception as e:
        print(f"{type(e).__name__}", getattr(e, "getCondition", lambda: None)(), str(e).split("\n")[0][:150])
df = spark.createDataFrame([(1, 2, True, False, "abc", 1.5, None)], "a int, b int, p boolean, q boolean, s string, d double, n int")
for c in [df.a + df.d, df.a * 1.5, df.a - df.b, df.a + F.lit(3000000000), df.a / 2, df.d / 0.5, df.a % df.b, df.a + df.n,
          df.s + 1, F.lit("5") * 2, df.a == "1", df.s > 1, df.a.cast("long") + 1, -df.d, df.a.cast("decimal(5,2)") + 1,
          df.a.cast("decimal(5,2)") / 3, df.a.cast("decimal(5,2)") * df.d, F.lit(decimal.Decimal("1.10")) + F.lit(decimal.Decimal("2.205")),
          df.a.cast("byte") + df.a.cast("short"), df.a.cast("float") + 1, df.p | df.n.isNull(), df.a.isin(1, "2"), df.s.isin("abc", None),
          F.coalesce(df.n, df.a), F.coalesce(df.n, df.d), df.a.between(0, 1.5), df.s.substr(2, 5), df.s[1:2], df.d.cast("int"), df.d.cast("string"),
          F.lit(2.0).cast("string"), F.lit(1e21).cast("string"), F.lit(123456789.0).cast("string"), F.lit(0.0001).cast("string"),
          df.p.cast("int"), df.p.cast("string"), F.lit(None) + 1, F.lit(None) == 1, df.n == None, df.a.eqNullSafe(None),
          F.struct("a", df.s.alias("z")), F.struct(df.a + 1), F.array(df.a, df.d), F.array(), F.create_map(F.lit("k"), df.a),
          F.lit(datetime.datetime(2024,1,2,3,4,5)), F.lit(datetime.date(2024,1,2)).cast("string"), F.lit(datetime.datetime(2024,1,2,3,4,5,123000)).cast("string"),
          F.lit("2024-01-02").cast("date"), F.lit(" 12 ").cast("int"), F.lit("1.5").cast("int"), F.lit("1e3").cast("double"), F.lit("true").cast("boolean"),
          F.lit(300).cast("byte"), F.lit(1.9).cast("int"), F.lit(-1.9).cast("int"), F.abs(F.lit(-3)), F.sqrt(F.lit(4)), F.upper(df.s), df.s.like("a_c"), df.s.rlike("b"),
          df.s.contains("b"), df.s.startswith("ab"), F.expr("a + b * 2"), F.expr("CASE a WHEN 1 THEN 'one' END"), F.expr("-a"), F.expr("a != 1"), F.expr("s || 'x'"),
          F.expr("1e3"), F.expr("1.5"), F.expr("TRY_CAST(s AS INT)"), F.expr("a <=> NULL"), F.expr("NOT p"), F.expr("a IN (1, 2)"), F.expr("s LIKE 'a%'"),
          F.expr("CAST(a AS STRING)"), F.expr("DATE '2024-01-01'"), F.expr("X'0A'"), F.expr("array(1,2)[0]"), F.expr("a % 0"), F.expr("2147483647 + a"),
          ]:
    err(lambda: (df.select(c).dtypes, df.select(c).collect()))
