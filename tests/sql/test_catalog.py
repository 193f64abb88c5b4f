"""The persistent catalog: databases and managed tables under the warehouse
folder, found again by a new process; spark.catalog; SQL commands."""

import subprocess
import sys
import textwrap

import pytest
from ember.errors import AnalysisException


def run(tmp_path, code):
    """Runs `code` in a fresh Python process whose warehouse is in tmp_path."""
    script = textwrap.dedent(
        """
        from ember.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        """
    ) + textwrap.dedent(code)
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()


def test_tables_and_databases_persist_across_processes(tmp_path):
    run(
        tmp_path,
        """
        df = spark.createDataFrame([(1, "a", 1.5), (2, "b", None)], "id int, s string, d double")
        df.write.saveAsTable("people")
        spark.sql("CREATE DATABASE sales")
        spark.sql("CREATE TABLE sales.orders (oid bigint, amount decimal(10,2)) USING parquet")
        spark.sql("INSERT INTO sales.orders VALUES (1, 9.99), (2, 5)")
        spark.sql("CREATE TABLE tens AS SELECT id * 10 AS x FROM people")
        """,
    )
    assert (tmp_path / "spark-warehouse" / "people").is_dir()
    assert (tmp_path / "spark-warehouse" / "sales.db" / "orders").is_dir()
    out = run(
        tmp_path,
        """
        print(sorted(spark.table("people").collect()))
        print(spark.table("sales.orders").schema.simpleString())
        print(spark.sql("SELECT * FROM sales.orders ORDER BY oid").collect())
        print(spark.sql("SELECT * FROM tens ORDER BY x").collect())
        print([d.name for d in spark.catalog.listDatabases()])
        print([(t.name, t.tableType, t.isTemporary, t.database) for t in spark.catalog.listTables()])
        spark.catalog.setCurrentDatabase("sales")
        print(spark.catalog.currentDatabase(), [t.name for t in spark.catalog.listTables()])
        """,
    )
    assert out == [
        "[Row(id=1, s='a', d=1.5), Row(id=2, s='b', d=None)]",
        "struct<oid:bigint,amount:decimal(10,2)>",
        "[Row(oid=1, amount=Decimal('9.99')), Row(oid=2, amount=Decimal('5.00'))]",
        "[Row(x=10), Row(x=20)]",
        "['default', 'sales']",
        "[('people', 'MANAGED', False, 'default'), ('tens', 'MANAGED', False, 'default')]",
        "sales ['orders']",
    ]


def test_save_modes_insert_into_and_drop(tmp_path):
    out = run(
        tmp_path,
        """
        df = spark.createDataFrame([(1,), (2,)], "n int")
        df.write.saveAsTable("t")
        try:
            df.write.saveAsTable("t")
        except Exception as e:
            print(type(e).__name__, e.getCondition())
        df.write.mode("ignore").saveAsTable("t")
        df.write.mode("append").saveAsTable("t")
        print(spark.table("t").count())
        spark.createDataFrame([(7,)], "m long").write.insertInto("t")
        print(sorted(r.n for r in spark.table("t").collect()))
        spark.createDataFrame([(9,)], "n int").write.insertInto("t", overwrite=True)
        print(spark.table("t").collect())
        spark.sql("INSERT OVERWRITE TABLE t SELECT 3")
        print(spark.table("t").collect())
        spark.sql("DROP TABLE t")
        print(spark.catalog.tableExists("t"))
        spark.sql("DROP TABLE IF EXISTS t")
        """,
    )
    assert out == [
        "AnalysisException TABLE_OR_VIEW_ALREADY_EXISTS",
        "4",
        "[1, 1, 2, 2, 7]",
        "[Row(n=9)]",
        "[Row(n=3)]",
        "False",
    ]
    assert not (tmp_path / "spark-warehouse" / "t").exists()


def test_two_processes_appending_to_one_table_lose_nothing(tmp_path):
    run(tmp_path, 'spark.createDataFrame([(0, 0)], "w int, i int").write.saveAsTable("log")')
    writer = textwrap.dedent(
        """
        import sys
        from ember.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        w = int(sys.argv[1])
        for i in range(25):
            spark.createDataFrame([(w, i)], "w int, i int").write.insertInto("log")
        """
    )
    procs = [subprocess.Popen([sys.executable, "-c", writer, str(w)], cwd=tmp_path) for w in (1, 2)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    out = run(
        tmp_path,
        """
        rows = spark.table("log").collect()
        print(len(rows), sorted(set((r.w, r.i) for r in rows)) == sorted({(0, 0)} | {(w, i) for w in (1, 2) for i in range(25)}))
        """,
    )
    assert out == ["51 True"]


def test_sql_commands_on_temp_views(spark):
    spark.createDataFrame([(1, "x")], "a int, c string").createOrReplaceTempView("cat_base")
    assert (
        spark.sql("CREATE OR REPLACE TEMP VIEW cat_v AS SELECT a + 1 AS b FROM cat_base").columns
        == []
    )
    assert spark.sql("SELECT * FROM cat_v").collect()[0].b == 2
    rows = spark.sql("SHOW TABLES LIKE 'cat_*'").collect()
    assert [(r.namespace, r.tableName, r.isTemporary) for r in rows] == [
        ("", "cat_base", True),
        ("", "cat_v", True),
    ]
    assert [tuple(r) for r in spark.sql("DESCRIBE cat_v").collect()] == [("b", "int", None)]
    assert spark.sql("SET cat.key=1").collect()[0].value == "1"
    assert spark.sql("SET cat.key").collect()[0].value == "1"
    spark.sql("RESET cat.key")
    assert spark.sql("SET cat.key").collect()[0].value == "<undefined>"
    spark.sql("CACHE TABLE cat_v")
    assert spark.catalog.isCached("cat_v")
    spark.catalog.uncacheTable("cat_v")
    assert not spark.catalog.isCached("cat_v")
    assert spark.sql("EXPLAIN SELECT * FROM cat_v").columns == ["plan"]
    assert spark.catalog.dropTempView("cat_v") is True
    assert spark.catalog.dropTempView("cat_v") is False
    with pytest.raises(AnalysisException) as e:
        spark.sql("DROP VIEW cat_v")
    assert e.value.getCondition() == "TABLE_OR_VIEW_NOT_FOUND"
    with pytest.raises(AnalysisException) as e:
        spark.sql("USE nope_db")
    assert e.value.getCondition() == "SCHEMA_NOT_FOUND"


def test_insert_with_a_column_list(tmp_path):
    out = run(
        tmp_path,
        """
        spark.sql("CREATE TABLE t (a int, b string, c double) USING parquet")
        spark.sql("INSERT INTO t (c, a) VALUES (1.5, 1), (2.5, 2)")
        spark.sql("INSERT INTO t (b, a) SELECT 'x', 3")
        print(sorted(spark.table("t").collect(), key=str))
        """,
    )
    assert out == ["[Row(a=1, b=None, c=1.5), Row(a=2, b=None, c=2.5), Row(a=3, b='x', c=None)]"]


def test_persistent_views_are_found_by_a_new_process(tmp_path):
    run(
        tmp_path,
        """
        spark.createDataFrame([(1, "a"), (2, "b")], "id int, s string").write.saveAsTable("base")
        spark.sql("CREATE VIEW big_ids (n) AS SELECT id * 10 FROM base")
        spark.sql("CREATE OR REPLACE VIEW b_rows AS SELECT * FROM base WHERE s = 'b'")
        """,
    )
    out = run(
        tmp_path,
        """
        print(spark.sql("SELECT * FROM big_ids ORDER BY n").collect())
        print(spark.table("b_rows").collect())
        print([r.tableName for r in spark.sql("SHOW TABLES").collect()])
        print([(t.name, t.tableType) for t in spark.catalog.listTables()])
        try:
            spark.sql("CREATE VIEW b_rows AS SELECT 1")
        except Exception as e:
            print(e.getCondition())
        spark.sql("DROP VIEW big_ids")
        print(spark.catalog.tableExists("big_ids"))
        """,
    )
    assert out == [
        "[Row(n=10), Row(n=20)]",
        "[Row(id=2, s='b')]",
        "['b_rows', 'base', 'big_ids']",
        "[('b_rows', 'VIEW'), ('base', 'MANAGED'), ('big_ids', 'VIEW')]",
        "TABLE_OR_VIEW_ALREADY_EXISTS",
        "False",
    ]


def test_partitioned_csv_and_json_tables_are_found_by_a_new_process(tmp_path):
    run(
        tmp_path,
        """
        import datetime
        df = spark.createDataFrame(
            [(1, "x", datetime.date(2024, 1, 2), 1.5), (2, "y", None, None), (3, "x", None, 2.0)],
            "id int, s string, d date, v double",
        )
        df.write.format("csv").partitionBy("s", "d").saveAsTable("pc")
        df.write.format("json").partitionBy("s").saveAsTable("pj")
        spark.sql("INSERT INTO pc SELECT 4, 0.5, 'z', DATE '2025-05-06'")
        """,
    )
    folders = sorted(p.name for p in (tmp_path / "spark-warehouse" / "pc").iterdir() if p.is_dir())
    assert folders == ["s=x", "s=y", "s=z"]
    sub = sorted(p.name for p in (tmp_path / "spark-warehouse" / "pc" / "s=x").iterdir())
    assert sub == ["d=2024-01-02", "d=__HIVE_DEFAULT_PARTITION__"]
    out = run(
        tmp_path,
        """
        print(spark.table("pc").columns, spark.table("pj").columns)
        print(spark.table("pc").orderBy("id").collect())
        print(spark.table("pj").where("s = 'x'").orderBy("id").collect())
        """,
    )
    assert out == [
        "['id', 'v', 's', 'd'] ['id', 'd', 'v', 's']",
        "[Row(id=1, v=1.5, s='x', d=datetime.date(2024, 1, 2)), Row(id=2, v=None, s='y', d=None),"
        " Row(id=3, v=2.0, s='x', d=None), Row(id=4, v=0.5, s='z', d=datetime.date(2025, 5, 6))]",
        "[Row(id=1, d=datetime.date(2024, 1, 2), v=1.5, s='x'), Row(id=3, d=None, v=2.0, s='x')]",
    ]


def test_insert_into_static_and_dynamic_partitions(tmp_path):
    out = run(
        tmp_path,
        """
        spark.sql("CREATE TABLE tp (id INT, p INT) USING parquet PARTITIONED BY (p)")
        spark.sql("INSERT INTO tp PARTITION (p = 1) SELECT 1")
        spark.sql("INSERT INTO tp PARTITION (p = 2) VALUES (5)")
        spark.sql("INSERT INTO tp VALUES (7, 3)")
        spark.sql("INSERT INTO tp PARTITION (p) SELECT 8, 4")
        print(spark.catalog.listPartitions("tp"))
        print([tuple(r) for r in spark.sql("SELECT * FROM tp ORDER BY id").collect()])
        spark.sql("INSERT OVERWRITE tp PARTITION (p = 1) SELECT 10")
        print([tuple(r) for r in spark.sql("SELECT * FROM tp ORDER BY id").collect()])
        try:
            spark.sql("INSERT INTO tp PARTITION (q = 1) SELECT 1")
        except Exception as e:
            print(type(e).__name__, e.getCondition())
        spark.sql("CREATE TABLE tq (id INT) USING parquet TBLPROPERTIES ('k1' = 'v1', k2='v2')")
        print(spark.catalog.getTableProperties("tq"))
        try:
            spark.catalog.listPartitions("tq")
        except Exception as e:
            print(type(e).__name__, e.getCondition())
        """,
    )
    assert out == [
        "[TablePartition(partition='p=1'), TablePartition(partition='p=2'), "
        "TablePartition(partition='p=3'), TablePartition(partition='p=4')]",
        "[(1, 1), (5, 2), (7, 3), (8, 4)]",
        "[(5, 2), (7, 3), (8, 4), (10, 1)]",
        "AnalysisException PARTITIONS_NOT_FOUND",
        "{'k1': 'v1', 'k2': 'v2'}",
        "AnalysisException INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY",
    ]


def test_external_tables_keep_their_files(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    out = run(
        tmp_path,
        f"""
        import os
        d = {str(data)!r}
        spark.sql(f"CREATE TABLE te (col STRING) USING TEXT LOCATION '{{d}}'")
        spark.sql("INSERT INTO te SELECT 'abc'")
        print(len([f for f in os.listdir(d) if f.endswith('.txt')]))
        spark.sql("DROP TABLE te")
        print(len([f for f in os.listdir(d) if f.endswith('.txt')]))
        spark.sql(f"CREATE TABLE te2 (col STRING) USING TEXT LOCATION '{{d}}'")
        print([r.col for r in spark.table("te2").collect()])
        spark.sql("INSERT OVERWRITE te2 SELECT 'x'")
        print([r.col for r in spark.table("te2").collect()])
        print(spark.catalog.getTable("te2").tableType)
        spark.catalog.cacheTable("te2")
        for f in os.listdir(d):
            os.remove(os.path.join(d, f))
        print(spark.table("te2").count())
        spark.catalog.refreshByPath(d)
        print(spark.table("te2").count(), spark.catalog.isCached("te2"))
        """,
    )
    assert out == ["1", "1", "['abc']", "['x']", "EXTERNAL", "1", "0 True"]


def test_recover_partitions_of_an_external_table(tmp_path):
    data = tmp_path / "data"
    out = run(
        tmp_path,
        f"""
        d = {str(data)!r}
        spark.range(3).selectExpr("id as key", "id as value").write.partitionBy(
            "key").mode("overwrite").format("csv").save(d)
        spark.sql(f"CREATE TABLE tr (key LONG, value LONG) USING csv "
                  f"OPTIONS (header false, path '{{d}}') PARTITIONED BY (key)")
        print(spark.catalog.listPartitions("tr"), spark.table("tr").count())
        spark.catalog.recoverPartitions("tr")
        print([p.partition for p in spark.catalog.listPartitions("tr")])
        print([tuple(r) for r in spark.table("tr").orderBy("value").collect()])
        spark.catalog.createTable("tbl2", path=d + "2", schema=spark.range(1).schema)
        spark.sql("INSERT INTO tbl2 VALUES (3)")
        print(spark.table("tbl2").collect(), spark.catalog.getTable("tbl2").tableType)
        try:
            spark.catalog.recoverPartitions("tbl2")
        except Exception as e:
            print(type(e).__name__, e.getCondition())
        """,
    )
    assert out == [
        "[] 0",
        "['key=0', 'key=1', 'key=2']",
        "[(0, 0), (1, 1), (2, 2)]",
        "[Row(id=3)] EXTERNAL",
        "AnalysisException NOT_A_PARTITIONED_TABLE",
    ]


def test_persistent_functions_and_input_files(tmp_path):
    out = run(
        tmp_path,
        """
        spark.sql("CREATE FUNCTION my_func1 AS 'test.org.apache.spark.sql.MyDoubleAvg'")
        print(spark.catalog.getFunction("my_func1"))
        print(spark.catalog.getFunction("spark_catalog.default.my_func1").className)
        try:
            spark.sql("CREATE FUNCTION my_func1 AS 'x.Y'")
        except Exception as e:
            print(type(e).__name__, e.getCondition())
        spark.sql("DROP FUNCTION my_func1")
        try:
            spark.sql("DROP FUNCTION my_func1")
        except Exception as e:
            print(type(e).__name__, e.getCondition())
        spark.range(3).write.json("j")
        df = spark.read.json("j")
        print(len(df.inputFiles()), df.where("id > 0").inputFiles() == df.inputFiles())
        print(df.inputFiles()[0].startswith("file:"), spark.range(1).inputFiles())
        """,
    )
    assert out == [
        "Function(name='my_func1', catalog='spark_catalog', namespace=['default'], "
        "description='N/A.', className='test.org.apache.spark.sql.MyDoubleAvg', "
        "isTemporary=False)",
        "test.org.apache.spark.sql.MyDoubleAvg",
        "AnalysisException ROUTINE_ALREADY_EXISTS",
        "AnalysisException ROUTINE_NOT_FOUND",
        "1 True",
        "True []",
    ]
