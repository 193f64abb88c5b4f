"""Locate PySpark 4.3's Python sources, read as text and never imported.

``EMBER_PYSPARK_SRC`` may name a folder holding ``pyspark/``. Otherwise the
PySpark source distribution is downloaded once with pip into
``~/.cache/ember-compat`` (``EMBER_COMPAT_CACHE`` overrides it) and its
``.py`` files are extracted there.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PYSPARK_VERSION = "4.3.0"

# Tried in order: the small client-only sdist, then the full one (same Python sources).
DISTRIBUTIONS = ("pyspark-client", "pyspark")


class SourcesUnavailable(RuntimeError):
    """The PySpark sources could neither be found nor downloaded."""


def cache_dir() -> Path:
    """The folder that keeps the extracted sources."""
    default = Path.home() / ".cache" / "ember-compat"
    return Path(os.environ.get("EMBER_COMPAT_CACHE", default))


def pyspark_dir() -> Path:
    """The path of PySpark 4.3's ``pyspark`` package folder, fetching it if needed."""
    override = os.environ.get("EMBER_PYSPARK_SRC")
    if override:
        path = Path(override).expanduser() / "pyspark"
        if not (path / "sql" / "functions" / "builtin.py").is_file():
            raise SourcesUnavailable(f"EMBER_PYSPARK_SRC={override} has no pyspark/ sources")
        return path
    target = cache_dir() / f"pyspark-{PYSPARK_VERSION}"
    if not (target / "pyspark").is_dir():
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target.parent / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (target / "pyspark").is_dir():
                _fetch(target)
    return target / "pyspark"


def version(pyspark: Path) -> str:
    """The version named in ``pyspark/version.py``."""
    text = (pyspark / "version.py").read_text()
    match = re.search(r"__version__[^=]*=\s*['\"]([^'\"]+)", text)
    return match.group(1) if match else "unknown"


def _fetch(target: Path) -> None:
    errors = []
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        for dist in DISTRIBUTIONS:
            cmd = [sys.executable, "-m", "pip", "download", f"{dist}=={PYSPARK_VERSION}"]
            cmd += ["--no-deps", "--no-binary", ":all:", "-q", "-d", tmp]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            archives = sorted(Path(tmp).glob("*.tar.gz"))
            if proc.returncode == 0 and archives:
                staging = Path(tmp) / "extracted"
                _extract(archives[0], staging)
                shutil.rmtree(target, ignore_errors=True)
                staging.rename(target)
                return
            last = (proc.stderr.strip().splitlines() or ["no sdist"])[-1]
            errors.append(f"{dist}: {last}")
    raise SourcesUnavailable(
        f"could not download PySpark {PYSPARK_VERSION} sources ({'; '.join(errors)}); "
        "set EMBER_PYSPARK_SRC to a folder containing pyspark/"
    )


def _extract(archive: Path, dest: Path) -> None:
    """Extract the ``pyspark/**.py`` files of an sdist into ``dest/pyspark``."""
    with tarfile.open(archive) as tar:
        members = []
        for member in tar:
            parts = member.name.split("/")
            if member.isfile() and len(parts) > 2 and parts[1] == "pyspark":
                if member.name.endswith(".py"):
                    member.name = "/".join(parts[1:])
                    members.append(member)
        if not members:
            raise SourcesUnavailable(f"{archive.name} holds no pyspark/ sources")
        tar.extractall(dest, members=members, filter="data")
