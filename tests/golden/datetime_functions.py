# Date and time functions through SQL and the DataFrame API: the output
# name, type and value, in a fixed session time zone; parse errors.
import datetime

spark.conf.set("spark.sql.session.timeZone", "UTC")

EXPRESSIONS = """
date_format(DATE '2024-01-02', 'yyyy/MM/dd')
date_format(TIMESTAMP '2024-07-02 13:04:05.123456', 'yyyy-MM-dd HH:mm:ss.SSS a E EEEE MMM MMMM D Q h K k')
date_format(TIMESTAMP '2024-07-02 13:04:05', 'z VV O OOOO X XX XXX x Z ZZZZZ')
date_format(TIMESTAMP '2024-01-02 03:04:05', '''T''HH''o''''clock''')
date_format('2024-01-02 10:00:00', 'yy d M L G QQQ')
date_format(TIMESTAMP_NTZ '2024-01-02 03:04:05', 'yyyy-MM-dd HH:mm')
to_date('2024-01-02')
to_date('2024-01-02 23:59:59')
to_date('02/01/2024', 'dd/MM/yyyy')
to_date(TIMESTAMP '2024-01-02 23:30:00')
to_timestamp('2024-01-02 03:04:05')
to_timestamp('2024-01-02T03:04:05Z')
to_timestamp('2024-01-02 03:04', 'yyyy-MM-dd HH:mm')
to_timestamp('20240102 030405.123', 'yyyyMMdd HHmmss.SSS')
to_timestamp('2024 Jan 02 01:02:03 PM', 'yyyy MMM dd hh:mm:ss a')
to_timestamp('2024-01-02 03:04:05 +0800', 'yyyy-MM-dd HH:mm:ss Z')
to_timestamp('2024-01-02', 'yyyy-MM-dd[ HH]')
to_timestamp_ltz('2024-01-02 03:04:05')
to_timestamp_ntz('2024-01-02 03:04:05')
to_timestamp_ntz('2024/01/02', 'yyyy/MM/dd')
try_to_timestamp('xx')
try_to_timestamp('2024-01-02', 'yyyy-MM-dd')
try_to_date('2024-02-30', 'yyyy-MM-dd')
unix_timestamp('2024-01-02 03:04:05')
unix_timestamp('2024-01-02', 'yyyy-MM-dd')
unix_timestamp(TIMESTAMP '1970-01-01 00:00:01')
to_unix_timestamp('1970-01-01 00:00:00')
from_unixtime(0)
from_unixtime(1700000000, 'yyyy-MM-dd')
last_day(DATE '2024-02-10')
next_day(DATE '2024-02-10', 'Mon')
next_day('2024-02-10', 'SUNDAY')
months_between(TIMESTAMP '1997-02-28 10:30:00', DATE '1996-10-30')
months_between('1997-02-28 10:30:00', '1996-10-30', false)
months_between(DATE '2024-03-31', DATE '2024-02-29')
trunc(DATE '2024-05-17', 'MM')
trunc(DATE '2024-05-17', 'week')
trunc(DATE '2024-05-17', 'foo')
date_trunc('HOUR', TIMESTAMP '2024-05-17 13:45:12')
date_trunc('quarter', TIMESTAMP '2024-05-17 13:45:12')
dayofweek(DATE '2024-05-19')
weekofyear(DATE '2024-01-01')
weekday(DATE '2024-05-19')
dayname(DATE '2024-05-17')
monthname(DATE '2024-05-17')
make_date(2024, 2, 29)
make_timestamp(2024, 2, 29, 1, 2, 3.5)
make_timestamp(2024, 2, 29, 1, 2, 3.5, 'CET')
make_timestamp(2024, 2, 29, 1, 2, 60)
make_timestamp_ltz(2024, 2, 29, 1, 2, 3.5)
make_timestamp_ntz(2024, 2, 29, 1, 2, 3.5)
current_timezone()
current_date() = current_date()
typeof(current_timestamp())
typeof(localtimestamp())
date_from_unix_date(1)
unix_date(DATE '1970-01-02')
unix_micros(TIMESTAMP '1970-01-01 00:00:01')
unix_millis(TIMESTAMP '1970-01-01 00:00:01')
unix_seconds(TIMESTAMP '1970-01-01 00:00:01')
timestamp_seconds(1230219000)
timestamp_seconds(1.5)
timestamp_millis(1230219000123)
timestamp_micros(1230219000123123)
from_utc_timestamp('2016-08-31', 'Asia/Seoul')
to_utc_timestamp('2016-08-31', 'Asia/Seoul')
from_utc_timestamp(TIMESTAMP '2016-08-31 00:00:00', 'PST')
date_diff(DATE '2024-03-01', DATE '2024-02-01')
date_part('YEAR', TIMESTAMP '2019-08-12 01:00:00.123456')
date_part('SECONDS', TIMESTAMP '2019-08-12 01:00:00.123456')
date_part('doy', DATE '2019-08-12')
datepart('week', TIMESTAMP '2019-08-12 01:00:00.123456')
extract(YEAR FROM TIMESTAMP '2019-08-12 01:00:00.123456')
extract(SECOND FROM TIMESTAMP '2019-08-12 01:00:00.123456')
extract(DOW FROM DATE '2024-01-03')
timestampadd(DAY, 1, TIMESTAMP '2024-01-31 00:00:00')
timestampadd(MONTH, 1, TIMESTAMP '2024-01-31 00:00:00')
timestampadd(HOUR, -2, TIMESTAMP_NTZ '2024-01-31 00:00:00')
timestampdiff(HOUR, TIMESTAMP '2024-01-31 00:00:00', TIMESTAMP '2024-02-01 05:00:00')
timestampdiff(MONTH, TIMESTAMP '2024-01-31 00:00:00', TIMESTAMP '2024-02-29 00:00:00')
datediff(DAY, TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-03 00:00:00')
convert_timezone('Europe/Brussels', 'America/Los_Angeles', timestamp_ntz'2021-12-06 00:00:00')
convert_timezone('Asia/Tokyo', timestamp_ntz'2021-12-06 00:00:00')
make_dt_interval(1, 12, 30, 01.001001)
CAST(make_ym_interval(1, 2) AS STRING)
CAST(make_interval(1, 2, 3, 4, 5, 6, 7.5) AS STRING)
"""
for e in EXPRESSIONS.strip().splitlines():
    df = spark.sql("SELECT " + e)
    print(e, "|", df.columns[0], "|", df.dtypes[0][1], "|", repr(df.collect()[0][0]))

# Strings and epoch seconds read and shown in another session time zone.
spark.conf.set("spark.sql.session.timeZone", "America/Los_Angeles")
ZONED = """
date_format(to_timestamp('2024-07-02 13:04:05'), 'yyyy-MM-dd HH:mm:ss z VV O XXX Z')
date_format('2024-01-02 03:04:05', 'h:mm a zzzz')
unix_timestamp('2024-01-02 03:04:05')
unix_timestamp(to_date('2024-01-02'))
from_unixtime(0)
CAST(to_timestamp('2024-03-10 01:30:00') AS STRING)
CAST(date_trunc('DAY', '2024-03-10 12:00:00') AS STRING)
CAST(make_timestamp(2024, 3, 10, 2, 30, 0) AS STRING)
CAST(timestampadd(DAY, 1, to_timestamp('2024-03-09 12:00:00')) AS STRING)
timestampdiff(HOUR, to_timestamp('2024-03-10 00:00:00'), to_timestamp('2024-03-11 00:00:00'))
current_timezone()
hour(to_timestamp('2024-01-02 03:04:05')) = date_part('hour', to_timestamp('2024-01-02 03:04:05'))
CAST(localtimestamp() AS DATE) = current_date()
"""
for e in ZONED.strip().splitlines():
    df = spark.sql("SELECT " + e)
    print(e, "|", df.columns[0], "|", df.dtypes[0][1], "|", repr(df.collect()[0][0]))
spark.conf.set("spark.sql.session.timeZone", "UTC")

df = spark.createDataFrame(
    [(datetime.datetime(2024, 1, 2, 3, 4, 5), datetime.date(2024, 1, 2), "2024-01-02 03:04:05", 1700000000)],
    "ts timestamp, dt date, s string, n bigint",
)
tests = [
    ("date_format", lambda: F.date_format("ts", "yyyy-MM-dd'T'HH:mm")),
    ("to_date", lambda: F.to_date("s")),
    ("to_date_fmt", lambda: F.to_date("s", "yyyy-MM-dd HH:mm:ss")),
    ("to_timestamp", lambda: F.to_timestamp("s")),
    ("to_timestamp_fmt", lambda: F.to_timestamp("s", "yyyy-MM-dd HH:mm:ss")),
    ("to_timestamp_ltz", lambda: F.to_timestamp_ltz("s", F.lit("yyyy-MM-dd HH:mm:ss"))),
    ("to_timestamp_ntz", lambda: F.to_timestamp_ntz("s")),
    ("try_to_timestamp", lambda: F.try_to_timestamp(F.lit("nope"))),
    ("try_to_date", lambda: F.try_to_date(F.lit("2024-13-01"), "yyyy-MM-dd")),
    ("unix_timestamp", lambda: F.unix_timestamp("s")),
    ("to_unix_timestamp", lambda: F.to_unix_timestamp("s")),
    ("from_unixtime", lambda: F.from_unixtime("n")),
    ("last_day", lambda: F.last_day("dt")),
    ("next_day", lambda: F.next_day("dt", "Fri")),
    ("months_between", lambda: F.months_between("ts", "dt")),
    ("months_between_raw", lambda: F.months_between("ts", "dt", False)),
    ("trunc", lambda: F.trunc("dt", "year")),
    ("date_trunc", lambda: F.date_trunc("month", "ts")),
    ("dayofweek", lambda: F.dayofweek("dt")),
    ("weekofyear", lambda: F.weekofyear("dt")),
    ("weekday", lambda: F.weekday("dt")),
    ("dayname", lambda: F.dayname("dt")),
    ("monthname", lambda: F.monthname("dt")),
    ("make_date", lambda: F.make_date(F.lit(2024), F.lit(3), F.lit(1))),
    ("make_timestamp", lambda: F.make_timestamp(F.lit(2024), F.lit(1), F.lit(2), F.lit(3), F.lit(4), F.lit(5))),
    (
        "make_timestamp_tz",
        lambda: F.make_timestamp(F.lit(2024), F.lit(1), F.lit(2), F.lit(3), F.lit(4), F.lit(5), F.lit("UTC")),
    ),
    (
        "make_timestamp_ltz",
        lambda: F.make_timestamp_ltz(F.lit(2024), F.lit(1), F.lit(2), F.lit(3), F.lit(4), F.lit(5)),
    ),
    (
        "make_timestamp_ntz",
        lambda: F.make_timestamp_ntz(F.lit(2024), F.lit(1), F.lit(2), F.lit(3), F.lit(4), F.lit(5)),
    ),
    ("current_timezone", lambda: F.current_timezone()),
    ("date_from_unix_date", lambda: F.date_from_unix_date(F.lit(19000))),
    ("unix_date", lambda: F.unix_date("dt")),
    ("unix_micros", lambda: F.unix_micros("ts")),
    ("unix_millis", lambda: F.unix_millis("ts")),
    ("unix_seconds", lambda: F.unix_seconds("ts")),
    ("timestamp_seconds", lambda: F.timestamp_seconds("n")),
    ("timestamp_millis", lambda: F.timestamp_millis("n")),
    ("timestamp_micros", lambda: F.timestamp_micros("n")),
    ("from_utc_timestamp", lambda: F.from_utc_timestamp("ts", "Asia/Tokyo")),
    ("to_utc_timestamp", lambda: F.to_utc_timestamp("ts", F.lit("+08:00"))),
    ("date_diff", lambda: F.date_diff("dt", F.lit("2023-12-25"))),
    ("date_part", lambda: F.date_part(F.lit("hour"), "ts")),
    ("datepart", lambda: F.datepart(F.lit("month"), "dt")),
    ("extract", lambda: F.extract(F.lit("second"), "ts")),
    ("timestamp_add", lambda: F.timestamp_add("WEEK", F.lit(2), "ts")),
    ("timestamp_diff", lambda: F.timestamp_diff("DAY", "dt", "ts")),
    ("convert_timezone", lambda: F.convert_timezone(None, F.lit("Asia/Tokyo"), "ts")),
    ("convert_timezone3", lambda: F.convert_timezone(F.lit("UTC"), F.lit("Asia/Tokyo"), "ts")),
    ("make_dt_interval", lambda: F.make_dt_interval(F.lit(2))),
]
for label, make in tests:
    out = df.select(make())
    print(label, "|", out.columns[0], "|", out.dtypes[0][1], "|", repr(out.collect()[0][0]))

out = df.select(F.current_date(), F.curdate(), F.current_timestamp(), F.now(), F.localtimestamp())
print(out.columns, [t for _, t in out.dtypes])
out = df.select(F.make_interval(), F.make_ym_interval(), F.make_dt_interval(), F.unix_timestamp())
print(out.columns, [t for _, t in out.dtypes])

for e in [
    "to_timestamp('xx')",
    "to_timestamp('xx', 'yyyy-MM-dd')",
    "to_date('2024-02-30', 'yyyy-MM-dd')",
    "to_date('2024-1-2', 'yyyy-MM-dd')",
    "to_date('2024-01-02x', 'yyyy-MM-dd')",
    "to_timestamp('2024-13-02', 'yyyy-MM-dd')",
    "unix_timestamp('xx')",
    "date_format(DATE'2024-01-02', 'yyyy P')",
    "date_format(DATE'2024-01-02', 'YYYY')",
    "date_format(DATE'2024-01-02', 'dddd')",
    "make_date(2024, 2, 30)",
    "make_timestamp(2024, 2, 28, 25, 0, 0)",
    "next_day(DATE'2024-01-02', 'xx')",
    "from_utc_timestamp(TIMESTAMP'2024-01-01 00:00:00', 'Foo/Bar')",
]:
    try:
        spark.sql("SELECT " + e).collect()
        print(e, "| no error")
    except Exception as ex:
        print(e, "|", type(ex).__name__, "|", getattr(ex, "getCondition", lambda: None)())
