"""Ember's demo job: a small sales report, written exactly as in PySpark.

Run it with ``make demo``.
"""

import datetime
from decimal import Decimal

from ember.sql import SparkSession
from ember.sql import functions as F

spark = SparkSession.builder.master("local[2]").appName("demo").getOrCreate()

orders = spark.createDataFrame(
    [
        (1, "alice", "Lisbon", Decimal("120.50"), datetime.date(2026, 3, 1)),
        (2, "bob", "Porto", Decimal("35.00"), datetime.date(2026, 3, 1)),
        (3, "carol", None, Decimal("980.00"), datetime.date(2026, 3, 2)),
        (4, "alice", "Lisbon", Decimal("15.25"), datetime.date(2026, 3, 3)),
        (5, "dave", "Faro", Decimal("410.00"), datetime.date(2026, 3, 3)),
    ],
    "order_id int, customer string, city string, amount decimal(10,2), day date",
)

print("The orders, and their schema:")
orders.show()
orders.printSchema()

report = (
    orders.where(F.col("amount") > 20)
    .withColumn("size", F.when(F.col("amount") >= 400, "large").otherwise("regular"))
    .withColumn("city", F.coalesce(F.col("city"), F.lit("(unknown)")))
    .withColumn("amount_with_vat", F.col("amount") * F.lit(Decimal("1.23")))
    .select("order_id", "customer", F.upper("city").alias("city"), "size", "amount_with_vat")
    .orderBy(F.desc("amount_with_vat"))
)

print("Orders over 20, largest first, with VAT:")
report.show()

report.createOrReplaceTempView("report")
print("The same data through SQL:")
spark.sql(
    "SELECT customer, amount_with_vat FROM report WHERE size = 'large' ORDER BY customer"
).show()

print("Collected rows:", report.limit(2).collect())
spark.stop()
