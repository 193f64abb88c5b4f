"""SparkContext: the application's context (``pyspark.SparkContext``).

This release carries the application-level settings the DataFrame API
needs; the RDD API arrives with Spark Core.
"""

from __future__ import annotations

import os
from typing import Any, Optional

from ember.conf import SparkConf
from ember.errors import PySparkNotImplementedError

__all__ = ["SparkContext"]


class SparkContext:
    """The context of a running application."""

    _active: Optional["SparkContext"] = None

    def __init__(
        self,
        master: Optional[str] = None,
        appName: Optional[str] = None,
        conf: Optional[SparkConf] = None,
        **kwargs: Any,
    ) -> None:
        from ember.sql.session import SparkSession

        builder = SparkSession.builder
        if conf is not None:
            builder = builder.config(conf=conf)
        if master:
            builder = builder.master(master)
        if appName:
            builder = builder.appName(appName)
        self._session = builder.getOrCreate()
        self._session._sc = self
        SparkContext._active = self

    @classmethod
    def _for_session(cls, session: Any) -> "SparkContext":
        sc = cls.__new__(cls)
        sc._session = session
        SparkContext._active = sc
        return sc

    @classmethod
    def getOrCreate(cls, conf: Optional[SparkConf] = None) -> "SparkContext":
        if cls._active is not None:
            return cls._active
        return cls(conf=conf)

    @property
    def master(self) -> str:
        return self._session.conf.get("spark.master", "local[*]")

    @property
    def appName(self) -> str:
        return self._session.conf.get("spark.app.name", "ember")

    @property
    def version(self) -> str:
        return self._session.version

    @property
    def defaultParallelism(self) -> int:
        master = self.master
        if master.startswith("local[") and master.endswith("]"):
            n = master[6:-1]
            if n.isdigit():
                return int(n)
        if master == "local":
            return 1
        return os.cpu_count() or 1

    @property
    def applicationId(self) -> str:
        return "local-%d" % id(self._session)

    def setLogLevel(self, logLevel: str) -> None:
        """Accepted for compatibility: Ember logs nothing by default."""

    def getConf(self) -> SparkConf:
        conf = SparkConf()
        for k, v in self._session.conf.getAll.items():
            conf.set(k, v)
        return conf

    def stop(self) -> None:
        self._session.stop()
        if SparkContext._active is self:
            SparkContext._active = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "SparkContext.%s" % name}
        )
