"""The 22 TPC-H queries written with the PySpark DataFrame API.

Each ``qNN(spark, t)`` takes the session and ``t``, a dict of the eight tables
(lineitem, orders, customer, part, partsupp, supplier, nation, region) as
DataFrames, and returns a DataFrame with the same columns, in the same order,
and the same rows in the same order as ``queries/qNN.sql`` (the validation
parameters of the TPC-H specification). Plain PySpark: it runs on PySpark as
well as on Ember (after ``ember.alias_pyspark()``).

Subqueries become joins: EXISTS / IN a left-semi join, NOT EXISTS / NOT IN a
left-anti join, correlated aggregates a grouped aggregate joined back.
"""

from datetime import date
from decimal import Decimal

from pyspark.sql import functions as F

col = F.col


def disc_price():
    """The discounted price, in most queries."""
    return col("l_extendedprice") * (1 - col("l_discount"))


def q01(spark, t):
    """Q1: pricing summary report."""
    return (
        t["lineitem"]
        .filter(col("l_shipdate") <= F.date_sub(F.lit(date(1998, 12, 1)), 90))
        .groupBy("l_returnflag", "l_linestatus")
        .agg(
            F.sum("l_quantity").alias("sum_qty"),
            F.sum("l_extendedprice").alias("sum_base_price"),
            F.sum(disc_price()).alias("sum_disc_price"),
            F.sum(disc_price() * (1 + col("l_tax"))).alias("sum_charge"),
            F.avg("l_quantity").alias("avg_qty"),
            F.avg("l_extendedprice").alias("avg_price"),
            F.avg("l_discount").alias("avg_disc"),
            F.count("*").alias("count_order"),
        )
        .orderBy("l_returnflag", "l_linestatus")
    )


def q02(spark, t):
    """Q2: minimum cost supplier."""
    europe = (
        t["region"]
        .filter(col("r_name") == "EUROPE")
        .join(t["nation"], col("r_regionkey") == col("n_regionkey"))
        .join(t["supplier"], col("n_nationkey") == col("s_nationkey"))
        .join(t["partsupp"], col("s_suppkey") == col("ps_suppkey"))
    )
    min_cost = europe.groupBy("ps_partkey").agg(F.min("ps_supplycost").alias("min_cost"))
    brass = t["part"].filter((col("p_size") == 15) & col("p_type").endswith("BRASS"))
    return (
        brass.join(europe, col("p_partkey") == col("ps_partkey"))
        .join(min_cost, "ps_partkey")
        .filter(col("ps_supplycost") == col("min_cost"))
        .select(
            "s_acctbal",
            "s_name",
            "n_name",
            "p_partkey",
            "p_mfgr",
            "s_address",
            "s_phone",
            "s_comment",
        )
        .orderBy(col("s_acctbal").desc(), "n_name", "s_name", "p_partkey")
        .limit(100)
    )


def q03(spark, t):
    """Q3: shipping priority."""
    customer = t["customer"].filter(col("c_mktsegment") == "BUILDING")
    orders = t["orders"].filter(col("o_orderdate") < date(1995, 3, 15))
    lineitem = t["lineitem"].filter(col("l_shipdate") > date(1995, 3, 15))
    return (
        customer.join(orders, col("c_custkey") == col("o_custkey"))
        .join(lineitem, col("l_orderkey") == col("o_orderkey"))
        .groupBy("l_orderkey", "o_orderdate", "o_shippriority")
        .agg(F.sum(disc_price()).alias("revenue"))
        .select("l_orderkey", "revenue", "o_orderdate", "o_shippriority")
        .orderBy(col("revenue").desc(), "o_orderdate")
        .limit(10)
    )


def q04(spark, t):
    """Q4: order priority checking."""
    orders = t["orders"].filter(
        (col("o_orderdate") >= date(1993, 7, 1)) & (col("o_orderdate") < date(1993, 10, 1))
    )
    late = t["lineitem"].filter(col("l_commitdate") < col("l_receiptdate"))
    return (
        orders.join(late, col("o_orderkey") == col("l_orderkey"), "left_semi")
        .groupBy("o_orderpriority")
        .agg(F.count("*").alias("order_count"))
        .orderBy("o_orderpriority")
    )


def q05(spark, t):
    """Q5: local supplier volume."""
    orders = t["orders"].filter(
        (col("o_orderdate") >= date(1994, 1, 1)) & (col("o_orderdate") < date(1995, 1, 1))
    )
    return (
        t["region"]
        .filter(col("r_name") == "ASIA")
        .join(t["nation"], col("r_regionkey") == col("n_regionkey"))
        .join(t["customer"], col("n_nationkey") == col("c_nationkey"))
        .join(orders, col("c_custkey") == col("o_custkey"))
        .join(t["lineitem"], col("o_orderkey") == col("l_orderkey"))
        .join(
            t["supplier"],
            (col("l_suppkey") == col("s_suppkey")) & (col("c_nationkey") == col("s_nationkey")),
        )
        .groupBy("n_name")
        .agg(F.sum(disc_price()).alias("revenue"))
        .orderBy(col("revenue").desc())
    )


def q06(spark, t):
    """Q6: forecasting revenue change."""
    return (
        t["lineitem"]
        .filter(
            (col("l_shipdate") >= date(1994, 1, 1))
            & (col("l_shipdate") < date(1995, 1, 1))
            & col("l_discount").between(0.05, 0.07)
            & (col("l_quantity") < 24)
        )
        .agg(F.sum(col("l_extendedprice") * col("l_discount")).alias("revenue"))
    )


def q07(spark, t):
    """Q7: volume shipping."""
    supp_nation = t["nation"].select(
        col("n_nationkey").alias("supp_nationkey"), col("n_name").alias("supp_nation")
    )
    cust_nation = t["nation"].select(
        col("n_nationkey").alias("cust_nationkey"), col("n_name").alias("cust_nation")
    )
    lineitem = t["lineitem"].filter(col("l_shipdate").between(date(1995, 1, 1), date(1996, 12, 31)))
    return (
        t["supplier"]
        .join(supp_nation, col("s_nationkey") == col("supp_nationkey"))
        .join(lineitem, col("s_suppkey") == col("l_suppkey"))
        .join(t["orders"], col("l_orderkey") == col("o_orderkey"))
        .join(t["customer"], col("o_custkey") == col("c_custkey"))
        .join(cust_nation, col("c_nationkey") == col("cust_nationkey"))
        .filter(
            ((col("supp_nation") == "FRANCE") & (col("cust_nation") == "GERMANY"))
            | ((col("supp_nation") == "GERMANY") & (col("cust_nation") == "FRANCE"))
        )
        .select(
            "supp_nation",
            "cust_nation",
            F.year("l_shipdate").alias("l_year"),
            disc_price().alias("volume"),
        )
        .groupBy("supp_nation", "cust_nation", "l_year")
        .agg(F.sum("volume").alias("revenue"))
        .orderBy("supp_nation", "cust_nation", "l_year")
    )


def q08(spark, t):
    """Q8: national market share."""
    america = (
        t["region"]
        .filter(col("r_name") == "AMERICA")
        .join(t["nation"], col("r_regionkey") == col("n_regionkey"))
        .select("n_nationkey")
    )
    supp_nation = t["nation"].select(
        col("n_nationkey").alias("supp_nationkey"), col("n_name").alias("nation")
    )
    orders = t["orders"].filter(col("o_orderdate").between(date(1995, 1, 1), date(1996, 12, 31)))
    return (
        t["part"]
        .filter(col("p_type") == "ECONOMY ANODIZED STEEL")
        .join(t["lineitem"], col("p_partkey") == col("l_partkey"))
        .join(t["supplier"], col("l_suppkey") == col("s_suppkey"))
        .join(orders, col("l_orderkey") == col("o_orderkey"))
        .join(t["customer"], col("o_custkey") == col("c_custkey"))
        .join(america, col("c_nationkey") == col("n_nationkey"))
        .join(supp_nation, col("s_nationkey") == col("supp_nationkey"))
        .select(F.year("o_orderdate").alias("o_year"), disc_price().alias("volume"), "nation")
        .groupBy("o_year")
        .agg(
            (
                F.sum(F.when(col("nation") == "BRAZIL", col("volume")).otherwise(0))
                / F.sum("volume")
            ).alias("mkt_share")
        )
        .orderBy("o_year")
    )


def q09(spark, t):
    """Q9: product type profit measure."""
    return (
        t["part"]
        .filter(col("p_name").contains("green"))
        .join(t["lineitem"], col("p_partkey") == col("l_partkey"))
        .join(t["supplier"], col("l_suppkey") == col("s_suppkey"))
        .join(
            t["partsupp"],
            (col("l_suppkey") == col("ps_suppkey")) & (col("l_partkey") == col("ps_partkey")),
        )
        .join(t["orders"], col("l_orderkey") == col("o_orderkey"))
        .join(t["nation"], col("s_nationkey") == col("n_nationkey"))
        .select(
            col("n_name").alias("nation"),
            F.year("o_orderdate").alias("o_year"),
            (disc_price() - col("ps_supplycost") * col("l_quantity")).alias("amount"),
        )
        .groupBy("nation", "o_year")
        .agg(F.sum("amount").alias("sum_profit"))
        .orderBy("nation", col("o_year").desc())
    )


def q10(spark, t):
    """Q10: returned item reporting."""
    orders = t["orders"].filter(
        (col("o_orderdate") >= date(1993, 10, 1)) & (col("o_orderdate") < date(1994, 1, 1))
    )
    returned = t["lineitem"].filter(col("l_returnflag") == "R")
    return (
        t["customer"]
        .join(orders, col("c_custkey") == col("o_custkey"))
        .join(returned, col("o_orderkey") == col("l_orderkey"))
        .join(t["nation"], col("c_nationkey") == col("n_nationkey"))
        .groupBy("c_custkey", "c_name", "c_acctbal", "c_phone", "n_name", "c_address", "c_comment")
        .agg(F.sum(disc_price()).alias("revenue"))
        .select(
            "c_custkey",
            "c_name",
            "revenue",
            "c_acctbal",
            "n_name",
            "c_address",
            "c_phone",
            "c_comment",
        )
        .orderBy(col("revenue").desc())
        .limit(20)
    )


def q11(spark, t):
    """Q11: important stock identification."""
    german = (
        t["partsupp"]
        .join(t["supplier"], col("ps_suppkey") == col("s_suppkey"))
        .join(
            t["nation"].filter(col("n_name") == "GERMANY"), col("s_nationkey") == col("n_nationkey")
        )
        .withColumn("stock_value", col("ps_supplycost") * col("ps_availqty"))
    )
    threshold = german.agg((F.sum("stock_value") * Decimal("0.0001")).alias("threshold"))
    return (
        german.groupBy("ps_partkey")
        .agg(F.sum("stock_value").alias("value"))
        .crossJoin(threshold)
        .filter(col("value") > col("threshold"))
        .select("ps_partkey", "value")
        .orderBy(col("value").desc())
    )


def q12(spark, t):
    """Q12: shipping modes and order priority."""
    lineitem = t["lineitem"].filter(
        col("l_shipmode").isin("MAIL", "SHIP")
        & (col("l_commitdate") < col("l_receiptdate"))
        & (col("l_shipdate") < col("l_commitdate"))
        & (col("l_receiptdate") >= date(1994, 1, 1))
        & (col("l_receiptdate") < date(1995, 1, 1))
    )
    high = col("o_orderpriority").isin("1-URGENT", "2-HIGH")
    return (
        t["orders"]
        .join(lineitem, col("o_orderkey") == col("l_orderkey"))
        .groupBy("l_shipmode")
        .agg(
            F.sum(F.when(high, 1).otherwise(0)).alias("high_line_count"),
            F.sum(F.when(~high, 1).otherwise(0)).alias("low_line_count"),
        )
        .orderBy("l_shipmode")
    )


def q13(spark, t):
    """Q13: customer distribution."""
    orders = t["orders"].filter(~col("o_comment").like("%special%requests%"))
    return (
        t["customer"]
        .join(orders, col("c_custkey") == col("o_custkey"), "left")
        .groupBy("c_custkey")
        .agg(F.count("o_orderkey").alias("c_count"))
        .groupBy("c_count")
        .agg(F.count("*").alias("custdist"))
        .orderBy(col("custdist").desc(), col("c_count").desc())
    )


def q14(spark, t):
    """Q14: promotion effect."""
    lineitem = t["lineitem"].filter(
        (col("l_shipdate") >= date(1995, 9, 1)) & (col("l_shipdate") < date(1995, 10, 1))
    )
    promo = F.when(col("p_type").startswith("PROMO"), disc_price()).otherwise(0)
    return lineitem.join(t["part"], col("l_partkey") == col("p_partkey")).agg(
        (100.00 * F.sum(promo) / F.sum(disc_price())).alias("promo_revenue")
    )


def q15(spark, t):
    """Q15: top supplier."""
    revenue = (
        t["lineitem"]
        .filter((col("l_shipdate") >= date(1996, 1, 1)) & (col("l_shipdate") < date(1996, 4, 1)))
        .groupBy(col("l_suppkey").alias("supplier_no"))
        .agg(F.sum(disc_price()).alias("total_revenue"))
    )
    top = revenue.agg(F.max("total_revenue").alias("max_revenue"))
    return (
        t["supplier"]
        .join(revenue, col("s_suppkey") == col("supplier_no"))
        .join(top, col("total_revenue") == col("max_revenue"))
        .select("s_suppkey", "s_name", "s_address", "s_phone", "total_revenue")
        .orderBy("s_suppkey")
    )


def q16(spark, t):
    """Q16: parts/supplier relationship."""
    complaints = t["supplier"].filter(col("s_comment").like("%Customer%Complaints%"))
    part = t["part"].filter(
        (col("p_brand") != "Brand#45")
        & ~col("p_type").startswith("MEDIUM POLISHED")
        & col("p_size").isin(49, 14, 23, 45, 19, 3, 36, 9)
    )
    return (
        t["partsupp"]
        .join(complaints, col("ps_suppkey") == col("s_suppkey"), "left_anti")
        .join(part, col("ps_partkey") == col("p_partkey"))
        .groupBy("p_brand", "p_type", "p_size")
        .agg(F.countDistinct("ps_suppkey").alias("supplier_cnt"))
        .orderBy(col("supplier_cnt").desc(), "p_brand", "p_type", "p_size")
    )


def q17(spark, t):
    """Q17: small-quantity-order revenue."""
    part = t["part"].filter((col("p_brand") == "Brand#23") & (col("p_container") == "MED BOX"))
    small = (
        t["lineitem"]
        .groupBy(col("l_partkey").alias("small_partkey"))
        .agg((Decimal("0.2") * F.avg("l_quantity")).alias("small_qty"))
    )
    return (
        t["lineitem"]
        .join(part, col("l_partkey") == col("p_partkey"))
        .join(small, col("p_partkey") == col("small_partkey"))
        .filter(col("l_quantity") < col("small_qty"))
        .agg((F.sum("l_extendedprice") / 7.0).alias("avg_yearly"))
    )


def q18(spark, t):
    """Q18: large volume customer."""
    big = (
        t["lineitem"]
        .groupBy(col("l_orderkey").alias("big_orderkey"))
        .agg(F.sum("l_quantity").alias("total_qty"))
        .filter(col("total_qty") > 300)
    )
    return (
        t["orders"]
        .join(big, col("o_orderkey") == col("big_orderkey"), "left_semi")
        .join(t["customer"], col("o_custkey") == col("c_custkey"))
        .join(t["lineitem"], col("o_orderkey") == col("l_orderkey"))
        .groupBy("c_name", "c_custkey", "o_orderkey", "o_orderdate", "o_totalprice")
        .agg(F.sum("l_quantity"))
        .orderBy(col("o_totalprice").desc(), "o_orderdate")
        .limit(100)
    )


def q19(spark, t):
    """Q19: discounted revenue."""

    def bought(brand, containers, quantity, max_size):
        return (
            (col("p_brand") == brand)
            & col("p_container").isin(containers)
            & col("l_quantity").between(quantity, quantity + 10)
            & col("p_size").between(1, max_size)
        )

    lineitem = t["lineitem"].filter(
        col("l_shipmode").isin("AIR", "AIR REG") & (col("l_shipinstruct") == "DELIVER IN PERSON")
    )
    return (
        lineitem.join(t["part"], col("l_partkey") == col("p_partkey"))
        .filter(
            bought("Brand#12", ["SM CASE", "SM BOX", "SM PACK", "SM PKG"], 1, 5)
            | bought("Brand#23", ["MED BAG", "MED BOX", "MED PKG", "MED PACK"], 10, 10)
            | bought("Brand#34", ["LG CASE", "LG BOX", "LG PACK", "LG PKG"], 20, 15)
        )
        .agg(F.sum(disc_price()).alias("revenue"))
    )


def q20(spark, t):
    """Q20: potential part promotion."""
    forest = t["part"].filter(col("p_name").startswith("forest"))
    shipped = (
        t["lineitem"]
        .filter((col("l_shipdate") >= date(1994, 1, 1)) & (col("l_shipdate") < date(1995, 1, 1)))
        .groupBy("l_partkey", "l_suppkey")
        .agg((Decimal("0.5") * F.sum("l_quantity")).alias("half_qty"))
    )
    excess = (
        t["partsupp"]
        .join(forest, col("ps_partkey") == col("p_partkey"), "left_semi")
        .join(
            shipped,
            (col("ps_partkey") == col("l_partkey")) & (col("ps_suppkey") == col("l_suppkey")),
        )
        .filter(col("ps_availqty") > col("half_qty"))
    )
    return (
        t["supplier"]
        .join(
            t["nation"].filter(col("n_name") == "CANADA"), col("s_nationkey") == col("n_nationkey")
        )
        .join(excess, col("s_suppkey") == col("ps_suppkey"), "left_semi")
        .select("s_name", "s_address")
        .orderBy("s_name")
    )


def q21(spark, t):
    """Q21: suppliers who kept orders waiting."""
    late = t["lineitem"].filter(col("l_receiptdate") > col("l_commitdate"))
    others = t["lineitem"].select(
        col("l_orderkey").alias("l2_orderkey"), col("l_suppkey").alias("l2_suppkey")
    )
    others_late = late.select(
        col("l_orderkey").alias("l3_orderkey"), col("l_suppkey").alias("l3_suppkey")
    )
    return (
        late.join(t["supplier"], col("l_suppkey") == col("s_suppkey"))
        .join(
            t["nation"].filter(col("n_name") == "SAUDI ARABIA"),
            col("s_nationkey") == col("n_nationkey"),
        )
        .join(
            t["orders"].filter(col("o_orderstatus") == "F"), col("l_orderkey") == col("o_orderkey")
        )
        .join(
            others,
            (col("l2_orderkey") == col("l_orderkey")) & (col("l2_suppkey") != col("l_suppkey")),
            "left_semi",
        )
        .join(
            others_late,
            (col("l3_orderkey") == col("l_orderkey")) & (col("l3_suppkey") != col("l_suppkey")),
            "left_anti",
        )
        .groupBy("s_name")
        .agg(F.count("*").alias("numwait"))
        .orderBy(col("numwait").desc(), "s_name")
        .limit(100)
    )


def q22(spark, t):
    """Q22: global sales opportunity."""
    codes = ["13", "31", "23", "29", "30", "18", "17"]
    customer = t["customer"].withColumn("cntrycode", F.substring("c_phone", 1, 2))
    customer = customer.filter(col("cntrycode").isin(codes))
    average = customer.filter(col("c_acctbal") > 0.00).agg(F.avg("c_acctbal").alias("avg_acctbal"))
    return (
        customer.crossJoin(average)
        .filter(col("c_acctbal") > col("avg_acctbal"))
        .join(t["orders"], col("c_custkey") == col("o_custkey"), "left_anti")
        .groupBy("cntrycode")
        .agg(F.count("*").alias("numcust"), F.sum("c_acctbal").alias("totacctbal"))
        .orderBy("cntrycode")
    )
