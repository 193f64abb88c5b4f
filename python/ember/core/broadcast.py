"""Broadcast variables: a read-only value shipped once to each worker
(``pyspark.core.broadcast``). The driver writes the pickled value to the
application's local directory; tasks carry only its path and each worker
process loads it once."""

from __future__ import annotations

import os
import pickle
import threading
from typing import Any, Dict, Generic, Optional, TypeVar

from ember.errors import PySparkRuntimeError

__all__ = ["Broadcast"]

T = TypeVar("T")

_loaded: Dict[str, Any] = {}
_lock = threading.Lock()
_next_id = [0]


def _from_path(bid: int, path: str) -> "Broadcast[Any]":
    b: Broadcast[Any] = Broadcast.__new__(Broadcast)
    b._bid = bid
    b._path = path
    b._has_value = False
    b._destroyed = False
    return b


class Broadcast(Generic[T]):
    """A read-only value available to every task."""

    def __init__(self, sc: Any = None, value: Optional[T] = None, path: Optional[str] = None):
        with _lock:
            self._bid = _next_id[0]
            _next_id[0] += 1
        self._value = value
        self._has_value = True
        self._destroyed = False
        directory = path or (sc._local_dir() if sc is not None else None)
        self._path = os.path.join(directory, "broadcast_%d" % self._bid) if directory else None
        if self._path is not None:
            with open(self._path, "wb") as f:
                pickle.dump(value, f, pickle.HIGHEST_PROTOCOL)

    @property
    def id(self) -> int:
        return self._bid

    @property
    def value(self) -> T:
        if self._has_value:
            return self._value  # type: ignore[return-value]
        path = self._path or ""
        if path not in _loaded:
            try:
                with open(path, "rb") as f:
                    _loaded[path] = pickle.load(f)
            except FileNotFoundError:
                raise PySparkRuntimeError(
                    errorClass="BROADCAST_VARIABLE_NOT_LOADED",
                    messageParameters={"variable": "broadcast_%d" % self._bid},
                ) from None
        return _loaded[path]

    def dump(self, value: T, f: Any) -> None:
        """Writes ``value`` pickled to the open binary file ``f``."""
        pickle.dump(value, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def load_from_path(self, path: str) -> T:
        with open(path, "rb", 1 << 20) as f:
            return self.load(f)

    def load(self, file: Any) -> T:
        return pickle.load(file)

    def unpersist(self, blocking: bool = False) -> None:
        """Workers drop their copy; it is loaded again when next used."""
        _loaded.pop(self._path or "", None)

    def destroy(self, blocking: bool = False) -> None:
        """Removes the value everywhere; the variable cannot be used again."""
        if self._destroyed:
            self.__reduce__()
        self._destroyed = True
        if self._path and os.path.exists(self._path):
            os.remove(self._path)

    def __reduce__(self) -> Any:
        if self._destroyed:
            from ember.errors.exceptions.captured import _from_native

            raise _from_native(
                "SparkRuntimeException",
                None,
                None,
                {},
                "Attempted to use Broadcast(%d) after it was destroyed" % self._bid,
            )
        return (_from_path, (self._bid, self._path))

    def __repr__(self) -> str:
        return "<ember.core.broadcast.Broadcast object, id=%d>" % self._bid
