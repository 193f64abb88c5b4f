"""``SparkFiles``: files added with ``sc.addFile`` / ``sc.addArchive``,
found by name in the driver and in tasks."""

from __future__ import annotations

import os
import tempfile
from typing import ClassVar, Optional

__all__ = ["SparkFiles"]


class SparkFiles:
    """Resolves paths to files added through ``SparkContext.addFile``."""

    _root_directory: ClassVar[Optional[str]] = None

    def __init__(self) -> None:
        raise NotImplementedError("Do not construct SparkFiles objects")

    @classmethod
    def get(cls, filename: str) -> str:
        return os.path.abspath(os.path.join(cls.getRootDirectory(), filename))

    @classmethod
    def getRootDirectory(cls) -> str:
        if cls._root_directory is None:
            root = os.environ.get("EMBER_SPARK_FILES")
            if not root:
                root = tempfile.mkdtemp(prefix="ember-userFiles-")
                os.environ["EMBER_SPARK_FILES"] = root
            cls._root_directory = root
        return cls._root_directory
