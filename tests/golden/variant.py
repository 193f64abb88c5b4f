def err(thunk):
    try:
        r = thunk()
        print("OK", r)
    except Exception as e:
        print(f"{type(e).__name__}", getattr(e, "getCondition", lambda: None)(), str(e).split("\n")[0][:300])
def q(e):
    err(lambda: (lambda d: (d.columns, d.collect()))(spark.sql("select " + e)))
df = spark.createDataFrame([('{"a": 1, "b": [1, 2.5, "x"], "c": {"d": null}}',), ('[1,2]',), (None,)], "j string")
v = df.select(F.parse_json("j").alias("v"))
v.printSchema()
v.show(truncate=False)
df.select(F.parse_json("j")).show()
print(v.collect())
r = v.collect()[0][0]
print(type(r).__name__, repr(r), str(r), r.toJson())
print(v.dtypes, v.schema, repr(v.schema.fields[0].dataType))
spark.sql("select parse_json('{\"a\":1}'), typeof(parse_json('1')), cast(parse_json('{\"b\":2,\"a\":1.50}') as string), to_json(parse_json('[1,null]'))").show(truncate=False)
j = "parse_json('{\"a\": 1, \"arr\": [\"x\", \"y\"]}')"
for e in ["parse_json('{\"a\":1}') as v", "typeof(parse_json('1'))",
          "variant_get(parse_json('{\"a\":[{\"b\":\"7\"}]}'), '$.a[0].b', 'int')",
          "variant_get(parse_json('{\"a\":[{\"b\":\"7\"}]}'), '$.a[0]', 'string')",
          "variant_get(parse_json('{\"a\":1.5}'), '$.a', 'int')",
          "try_variant_get(parse_json('{\"a\":\"x\"}'), '$.a', 'int')",
          "variant_get(parse_json('{\"a\":\"x\"}'), '$.a', 'int')",
          "variant_get(parse_json('1'), 'a', 'int')",
          "variant_get(parse_json('{\"a\":1}'), '$.z', 'int')",
          "variant_get(parse_json('{\"a\":1}'), '$.a')",
          "variant_get(parse_json('{\"a\":1}'), '$', 'variant')",
          "variant_get(parse_json('[1,2]'), '$[5]', 'int')",
          "variant_get(parse_json('[1,2]'), '$[-1]', 'int')",
          "variant_get(parse_json('{\"a b\":1}'), '$[\"a b\"]', 'int')",
          "variant_get(parse_json('{\"a b\":1}'), \"$['a b']\", 'int')",
          "variant_get(parse_json('{\"a\":{\"b\":1,\"c\":\"x\"}}'), '$.a', 'struct<b int, c string>')",
          "variant_get(parse_json('{\"a\":{\"b\":1,\"c\":\"x\"}}'), '$.a', 'map<string,string>')",
          "variant_get(parse_json('1'), '$', 'boolean')", "variant_get(parse_json('\"true\"'), '$', 'boolean')",
          "variant_get(parse_json('300'), '$', 'tinyint')", "variant_get(parse_json('1.5'), '$', 'double')",
          "variant_get(parse_json('1.5'), '$', 'decimal(5,2)')", "variant_get(parse_json('\"2020-01-02\"'), '$', 'date')",
          "variant_get(parse_json('{\"a\":1}'), '$.a', 'string')", "variant_get(parse_json('true'), '$', 'string')",
          "variant_get(parse_json('[1,2]'), '$', 'int')", "try_variant_get(parse_json('1'), '$', 'binary')",
          "schema_of_variant(parse_json('{\"a\":[1,2.5],\"b\":null,\"c\":\"x\",\"d\":true, \"e\": 12345678901}'))",
          "schema_of_variant(parse_json('[1, \"a\"]'))", "schema_of_variant(parse_json('[1, 1.5e0]'))",
          "schema_of_variant(parse_json('[null, 2]'))", "schema_of_variant(parse_json('[]'))", "schema_of_variant(parse_json('{}'))",
          "schema_of_variant(parse_json('[{\"a\":1},{\"b\":2}]'))", "schema_of_variant(parse_json('[[1],[\"x\"]]'))",
          "schema_of_variant(parse_json('[1.25, 100.5]'))", "schema_of_variant(parse_json('[true, 1]'))",
          "is_variant_null(parse_json('null'))", "is_variant_null(null)", "is_valid_variant(NULL)", "is_valid_variant(parse_json('1'))",
          "try_parse_json('{bad')", "cast(parse_json('\"abc\"') as string)", "cast(parse_json('12') as int)",
          "cast(parse_json('\"x\"') as int)", "try_cast(parse_json('\"x\"') as int)",
          "to_json(parse_json('{\"a\":\"q\\\\\"x\",\"b\":1e10}'))", "to_json(parse_json('\"\\\\u0001\\\\t/é\"'))",
          "parse_json('1e400')", "parse_json('123456789012345678901234567890')", "parse_json('1.000')",
          "parse_json('1 2')", "parse_json(' [1] ')",
          f"to_json(variant_insert({j}, '$.a', 2))", f"to_json(variant_insert({j}, '$.a.b', 2))",
          f"to_json(variant_insert({j}, '$', 2))", f"to_json(variant_insert({j}, 'a', 2))",
          f"to_json(variant_insert({j}, '$.x.y[1]', 2))", f"to_json(variant_insert({j}, '$.arr[-1]', 2))",
          f"to_json(try_variant_insert({j}, '$.a', 2))",
          f"to_json(variant_set({j}, '$.a.b', 2))", f"to_json(variant_set({j}, '$', 2))",
          f"to_json(variant_set({j}, '$.x[2]', 2))", f"to_json(variant_set({j}, '$.a', cast(3 as double)))",
          f"variant_set({j}, '$.a', 300)", f"to_json(variant_set({j}, '$.zz', 1, false))",
          f"to_json(variant_delete({j}, '$'))", f"to_json(variant_delete({j}, '$.arr[0]', '$.a'))",
          f"to_json(variant_array_append({j}, '$.a', 1))", f"to_json(try_variant_array_append({j}, '$.a', 1))",
          f"to_json(variant_array_append({j}, '$.arr', array(1,2)))",
          f"to_json(variant_strip_nulls(parse_json('[null, {{\"a\": null, \"b\": [null]}}]'), false))",
          "variant_strip_nulls(parse_json('null'))",
          "schema_of_variant(to_variant_object(named_struct('d', date'2020-01-01', 't', timestamp'2020-01-01 00:00:00', 'b', X'01', 'f', cast(1 as float))))",
          "to_json(to_variant_object(named_struct('d', date'2020-01-01', 't', timestamp'2020-01-01 00:00:00', 'b', X'01', 'f', cast(1 as float), 'n', timestamp_ntz'2020-01-01 00:00:00')))",
          "to_variant_object(named_struct('a', 1))", "to_variant_object(array(1,2))", "to_variant_object(map('a', 1))",
          "cast(1 as variant)", "cast(array(1) as variant)",
          "cast(to_variant_object(named_struct('d', date'2020-01-01')) as string)",
         ]:
    q(e)
vals = spark.createDataFrame([('{"k": [1, {"z": 2}]}', "$.k[1].z")], "j string, p string")
vv = vals.select(F.parse_json("j").alias("v"), "p")
err(lambda: vv.select(F.variant_get("v", F.col("p"), "long"), F.try_variant_get(vv.v, "$.k", "array<string>")).collect())
err(lambda: vv.select(F.to_json(F.variant_set("v", "$.k[0]", F.lit("q")))).collect())
err(lambda: vv.select(F.to_json(F.variant_delete("v", "$.k[1]", F.lit(None)))).collect())
err(lambda: vv.select(F.schema_of_variant("v"), F.is_variant_null("v")).collect())
err(lambda: vv.selectExpr("variant_get(v, '$.k[0]', 'int') + 1", "to_json(v)").collect())
q("schema_of_variant_agg(v) from (select parse_json(j) v from values ('{\"a\":1}'), ('{\"a\":1.5,\"b\":\"x\"}'), (null) t(j))")
sdf = spark.createDataFrame([(1, '{"a":[1]}'), (1, '{"a":["x"]}'), (2, '3')], "k int, j string")
err(lambda: sorted(sdf.groupBy("k").agg(F.schema_of_variant_agg(F.parse_json("j"))).collect()))
err(lambda: sdf.select(F.schema_of_variant_agg(F.parse_json("j")).alias("s")).collect())
