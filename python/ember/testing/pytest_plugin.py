"""pytest plugin: a session-wide ``spark`` fixture, so that a suite written for
PySpark that asks for ``spark`` runs on Ember unchanged.

Registered through the ``pytest11`` entry point ``ember``. A ``spark`` fixture
defined in a suite's own ``conftest.py`` or test module overrides this one.
Importing this module does not import the engine; the fixture does, on first
use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

import pytest

if TYPE_CHECKING:
    from ember.sql import SparkSession


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    """A local Ember :class:`SparkSession`, stopped at the end of the session."""
    from ember.sql import SparkSession

    session = SparkSession.builder.master("local[2]").appName("pytest").getOrCreate()
    try:
        yield session
    finally:
        session.stop()
