"""Test helpers, mirroring ``pyspark.testing``.

>>> from ember.testing import assertDataFrameEqual, assertSchemaEqual

The ``spark`` pytest fixture comes from :mod:`ember.testing.pytest_plugin`.
"""

from __future__ import annotations

import sys
from typing import Any

from ember.testing.utils import assertDataFrameEqual, assertSchemaEqual

__all__ = ["assertDataFrameEqual", "assertSchemaEqual", "main"]


def main(module: Any = None, output: str = "target/test-reports") -> None:
    """Runs a module's unittest tests, like ``pyspark.testing.main``.

    Writes JUnit XML reports to ``output`` when ``xmlrunner`` is installed.
    """
    import unittest

    if module is None:
        spec = getattr(sys.modules["__main__"], "__spec__", None)
        module = spec.name if spec is not None and spec.name else "__main__"
    try:
        import xmlrunner

        runner = xmlrunner.XMLTestRunner(output=output, verbosity=2, outsuffix="")
    except ImportError:
        runner = None
    if not (3, 12) <= sys.version_info < (3, 15):
        unittest.main(module=module, testRunner=runner, verbosity=2)
        return
    # Python 3.12 to 3.14 can exit with status 5 when setUpClass fails.
    result = unittest.main(module=module, testRunner=runner, verbosity=2, exit=False).result
    if not result.wasSuccessful():
        sys.exit(1)
    if result.testsRun == 0 and not result.skipped:
        sys.exit(5)
    sys.exit(0)
