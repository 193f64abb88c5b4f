# spark.read.csv/json/text/parquet and df.write.save: options, inference,
# partition folders, save modes, the text Spark writes.
import datetime
import decimal
import glob
import os
import re
import tempfile


def listing(path):
    names = sorted(n for n in os.listdir(path) if not n.endswith(".crc"))
    return [re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "UUID", n) for n in names]


def contents(path):
    return [open(f).read() for f in sorted(glob.glob(path + "/part-*"))]


d = tempfile.mkdtemp()
p = os.path.join(d, "a.csv")
with open(p, "w") as f:
    f.write("id,name,score,when,flag,day\n")
    f.write("1,Alice,1.5,2024-01-02 03:04:05,true,2024-01-02\n")
    f.write('2,,2,2024-01-02T03:04:05,false,2024-01-03\n3000000000,"B,ob",,,,\n')
for opts in [dict(), dict(header=True), dict(header=True, inferSchema=True)]:
    df = spark.read.csv(p, **opts)
    print(sorted(opts.items()), df.dtypes)
    df.show()
print(spark.read.csv(p, header=True, inferSchema=True, timestampFormat="yyyy-MM-dd HH:mm:ss").dtypes)
print(spark.read.csv(p, header=True, schema="a int, b string, c double").collect())
print(spark.read.format("csv").option("header", "true").load(p).columns)
print(spark.read.csv(p, sep=";").columns)
print(spark.read.csv(p, header=True, nullValue="Alice").select("name").collect())

j = os.path.join(d, "a.json")
with open(j, "w") as f:
    f.write('{"z": 1, "a": "x", "n": null, "arr": [1,2], "s": {"y": 1.5, "b": true}}\n')
    f.write('{"z": 2.5, "a": 3, "t": "2024-01-01T00:00:00"}\n')
df = spark.read.json(j)
print(df.dtypes)
df.show()
print(spark.read.json(j, schema="z double, a string").collect())
m = os.path.join(d, "m.json")
with open(m, "w") as f:
    f.write('[{"a": 1}, {"a": 2,\n "b": "x"}]')
print(spark.read.json(m, multiLine=True).collect())

t = os.path.join(d, "a.txt")
with open(t, "w") as f:
    f.write("hello world\n\nline 3\r\nlast")
df = spark.read.text(t)
print(df.dtypes, df.collect())
print(spark.read.text(t, wholetext=True).collect())

out = os.path.join(d, "out")
sdf = spark.createDataFrame(
    [
        (1, 'a"b', 1.5, datetime.datetime(2024, 1, 2, 3, 4, 5, 123000), datetime.date(2024, 1, 2), None, True, decimal.Decimal("1.50"), "", " pad "),
        (2, "x,y", 2.5, None, None, "n", False, None, None, "q"),
    ],
    "i int, s string, d double, ts timestamp, dt date, n string, b boolean, dec decimal(5,2), e string, w string",
)
sdf.coalesce(1).write.csv(out)
print(listing(out))
print(contents(out))
sdf.coalesce(1).write.mode("overwrite").csv(out, header=True, nullValue="NA")
print(contents(out))
back = spark.read.csv(out, header=True, inferSchema=True, nullValue="NA")
print(back.dtypes)
print(back.drop("e").orderBy("i").collect())
sdf.coalesce(1).write.mode("overwrite").json(out)
print(listing(out))
print(contents(out))
print(spark.read.json(out).orderBy("i").collect())
for mode in ["error", "errorifexists", None]:
    try:
        sdf.write.save(out, format="json", mode=mode)
    except Exception as e:
        print(type(e).__name__, str(e).split(" SQLSTATE")[0].replace(out, "OUT"))
sdf.write.mode("ignore").parquet(out)
print(listing(out))
sdf.coalesce(1).write.mode("overwrite").parquet(out)
print(listing(out))
sdf.write.mode("append").parquet(out)
print(spark.read.parquet(out).count(), spark.read.parquet(out).dtypes == sdf.dtypes)
sdf.select("s").coalesce(1).write.mode("overwrite").text(out)
print(listing(out), contents(out))
for bad in [sdf, sdf.select("s", "n")]:
    try:
        bad.write.mode("overwrite").text(out)
    except Exception as e:
        print(type(e).__name__, str(e).split(" SQLSTATE")[0])
try:
    sdf.write.mode("sideways").parquet(out)
except Exception as e:
    print(type(e).__name__, str(e).split(" SQLSTATE")[0])

part = os.path.join(d, "part")
spark.createDataFrame(
    [(1, "x", 10), (2, "y", 20), (3, None, 10)], "a int, s string, k int"
).write.partitionBy("k", "s").parquet(part)
print(listing(part), listing(os.path.join(part, "k=10")))
r = spark.read.parquet(part)
print(r.dtypes)
print(r.orderBy("a").collect())
print(spark.read.parquet(os.path.join(part, "k=10")).orderBy("a").collect())
print(r.filter("k = 20").collect())
try:
    spark.read.csv(os.path.join(d, "nope"))
except Exception as e:
    print(type(e).__name__, str(e).split(" SQLSTATE")[0].replace(d, "DIR"))
