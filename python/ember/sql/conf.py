"""RuntimeConfig: ``spark.conf`` (``pyspark.sql.conf.RuntimeConfig``)."""

from __future__ import annotations

from typing import Any, Dict, Optional

from ember.errors.exceptions.captured import _from_native

__all__ = ["RuntimeConfig"]

_NoValue = object()


class RuntimeConfig:
    """User-facing configuration of a session: ``spark.conf.get/set/unset``."""

    def __init__(self, jss: Any) -> None:
        self._jss = jss

    def set(self, key: str, value: Any) -> None:
        if isinstance(value, bool):
            value = "true" if value else "false"
        self._jss.conf_set(key, str(value))

    def get(self, key: str, default: Any = _NoValue) -> Optional[str]:
        value = self._jss.conf_get(key)
        if value is not None:
            return value
        if default is _NoValue:
            raise _from_native(
                "SparkNoSuchElementException",
                "SQL_CONF_NOT_FOUND",
                "42K0I",
                {"sqlConf": '"%s"' % key},
                '[SQL_CONF_NOT_FOUND] The SQL config "%s" cannot be found. '
                "Please verify that the config exists. SQLSTATE: 42K0I" % key,
            )
        return default

    def unset(self, key: str) -> None:
        self._jss.conf_unset(key)

    @property
    def getAll(self) -> Dict[str, str]:
        return dict(self._jss.conf_all())

    def isModifiable(self, key: str) -> bool:
        return self._jss.conf_is_modifiable(key)
