def err(thunk):
    try:
        r = thunk()
        print("OK", r)
    except Exception as e:
        print(f"{type(e).__name__}", getattr(e, "getCondition", lambda: None)(), str(e).split("\n")[0][:300])
def q(e):
    err(lambda: (lambda d: (d.columns, d.dtypes, d.collect()))(spark.sql("select " + e)))
x = "'<a><b>1</b><b>2</b><c>x</c></a>'"
for e in [f"xpath({x}, 'a/b/text()')", f"xpath({x}, 'a/b')", f"xpath({x}, 'a/z/text()')", f"xpath_string({x}, 'a/c')",
          f"xpath_string({x}, 'a/z')", f"xpath_int({x}, 'sum(a/b)')", f"xpath_long({x}, 'a/c')", f"xpath_double({x}, 'a/c')",
          f"xpath_float({x}, 'sum(a/b)')", f"xpath_number({x}, 'a/b')", f"xpath_short({x}, 'a/b')", f"xpath_boolean({x}, 'a/b')",
          f"xpath_boolean({x}, 'a/z')", f"xpath_int({x}, 'a/z')", f"xpath_double({x}, 'a/z')", "xpath_int('<a>1.7</a>', 'a')",
          "xpath_short('<a>100000</a>', 'a')", "xpath_double('<a> 1.5 </a>', 'a')", "xpath_float('<a>1.1</a>', 'a')",
          "xpath('<a><b>1</b><b></b></a>', 'a/b/text()')", "xpath('<a><b>1</b><b></b></a>', 'a/b')",
          "xpath_string('<a><![CDATA[q<]]></a>', 'a')", "xpath_int('<a>2147483648</a>', 'a')",
         ]:
    q(e)
df = spark.createDataFrame([("<a><b>1</b><b>2</b></a>", "a/b")], ["x", "p"])
df.select(F.xpath("x", F.lit("a/b/text()")), F.xpath_int(df.x, F.lit("sum(a/b)"))).show()
err(lambda: df.select(F.xpath_string("x", "p")).collect())
err(lambda: df.select(F.xpath_boolean("x", F.lit("a/c")), F.xpath_number("x", F.lit("count(a/b)")), F.xpath_short("x", F.lit("a/b[2]"))).collect())
err(lambda: df.selectExpr("xpath(x, 'a/b/text()')[1]", "xpath_long(x, 'a/b')").collect())
