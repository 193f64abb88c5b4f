"""The demo job prints exactly what PySpark 4.3 prints for the same program
(tests/golden/demo.txt was produced by running examples/demo.py on PySpark)."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).parent.parent


def test_demo_output_matches_pyspark():
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "demo.py")],
        capture_output=True,
        text=True,
        check=True,
        env={"TZ": "UTC", "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout == (ROOT / "tests" / "golden" / "demo.txt").read_text()
