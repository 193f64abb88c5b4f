"""Shared fixtures: one session for the whole test run, in UTC."""

import pytest


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    from ember.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("ember-tests")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("warehouse")))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(autouse=True)
def _ansi_default(request):
    """Each test starts with Spark's defaults for the conf keys tests flip."""
    yield
    if "spark" in request.fixturenames:
        session = request.getfixturevalue("spark")
        session.conf.set("spark.sql.ansi.enabled", "true")
        session.conf.set("spark.sql.caseSensitive", "false")
