spark.conf.set("spark.sql.timeType.enabled", "true")

def err(thunk):
    try:
        print("OK", thunk())
    except Exception as e:
        print(type(e).__name__, getattr(e, "getCondition", lambda: None)())


df = spark.createDataFrame([("10:30:45.123456", 1, 2, 3.5)], "s string, h int, m int, sec double")
t = df.select(F.to_time("s").alias("t"))
t.show(truncate=False)
t.printSchema()
print(t.collect())
df.select(F.make_time("h", "m", "sec")).show(truncate=False)
df.select(F.try_to_time(F.lit("25:00:00")), F.to_time(F.lit("10.30"), F.lit("HH.mm"))).show()
err(lambda: df.select(F.to_time(F.lit("nope"))).collect())
spark.sql("SELECT TIME '09:08:07' AS a, time_trunc('HOUR', TIME '09:08:07') AS b").show()
spark.sql("SELECT time_diff('MINUTE', TIME '09:00:00', TIME '10:30:00') AS d").show()
spark.sql("SELECT time_to_seconds(TIME '01:02:03.5') AS s, time_to_millis(TIME '01:02:03.5') AS ms, time_from_micros(3723000001) AS t").show(truncate=False)
spark.sql("SELECT cast('12:34:56' AS TIME) AS t, cast(TIME '12:34:56' AS STRING) AS s").show()
spark.sql("SELECT try_make_interval(1, 2, 0, 3) AS i").show(truncate=False)
spark.sql("SELECT try_make_timestamp_ntz(2024, 2, 30, 1, 2, 3) AS a, try_make_timestamp_ntz(2024, 2, 28, 1, 2, 3) AS b").show()
ev = spark.createDataFrame([("2024-01-01 10:03:00", 1), ("2024-01-01 10:07:00", 2), ("2024-01-01 10:12:00", 3)], "ts string, v int").select(F.col("ts").cast("timestamp").alias("ts"), "v")
w = ev.groupBy(F.window("ts", "10 minutes")).agg(F.sum("v").alias("s")).orderBy("window")
w.show(truncate=False)
ev.groupBy(F.window("ts", "10 minutes")).agg(F.max("v")).select(F.window_time("window").alias("wt")).orderBy("wt").show(truncate=False)
err(lambda: ev.select(F.window("ts", "-1 minutes")).collect())
