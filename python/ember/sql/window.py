"""Window specifications (``pyspark.sql.Window``)."""

from __future__ import annotations

import sys
from typing import Any, List, Tuple

__all__ = ["Window", "WindowSpec"]


class WindowSpec:
    """A window: partitioning, ordering and frame."""

    def __init__(
        self,
        partition: Tuple[Any, ...] = (),
        order: Tuple[Any, ...] = (),
        frame: Any = None,
    ) -> None:
        self._partition = partition
        self._order = order
        self._frame = frame

    def partitionBy(self, *cols: Any) -> "WindowSpec":
        return WindowSpec(tuple(_flatten(cols)), self._order, self._frame)

    def orderBy(self, *cols: Any) -> "WindowSpec":
        return WindowSpec(self._partition, tuple(_flatten(cols)), self._frame)

    def rowsBetween(self, start: int, end: int) -> "WindowSpec":
        return WindowSpec(self._partition, self._order, (True,) + _bounds(start, end))

    def rangeBetween(self, start: int, end: int) -> "WindowSpec":
        return WindowSpec(self._partition, self._order, (False,) + _bounds(start, end))

    def _native_parts(self) -> Tuple[list, list, Any]:
        from ember.sql.column import _to_col_jc

        partition = [_to_col_jc(c) for c in self._partition]
        order = [_to_col_jc(c) for c in self._order]
        return partition, order, self._frame


def _bounds(start: int, end: int) -> Tuple[int, int]:
    """Spark's frame bounds: beyond the thresholds means unbounded."""
    if start <= Window._PRECEDING_THRESHOLD:
        start = Window.unboundedPreceding
    if end >= Window._FOLLOWING_THRESHOLD:
        end = Window.unboundedFollowing
    return int(start), int(end)


def _flatten(cols: Tuple[Any, ...]) -> List[Any]:
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        return list(cols[0])
    return list(cols)


class Window:
    """Utility functions for defining windows."""

    _JAVA_MIN_LONG = -(1 << 63)
    _JAVA_MAX_LONG = (1 << 63) - 1
    _PRECEDING_THRESHOLD = max(-sys.maxsize, _JAVA_MIN_LONG)
    _FOLLOWING_THRESHOLD = min(sys.maxsize, _JAVA_MAX_LONG)

    unboundedPreceding: int = _JAVA_MIN_LONG
    unboundedFollowing: int = _JAVA_MAX_LONG
    currentRow: int = 0

    @staticmethod
    def partitionBy(*cols: Any) -> WindowSpec:
        return WindowSpec().partitionBy(*cols)

    @staticmethod
    def orderBy(*cols: Any) -> WindowSpec:
        return WindowSpec().orderBy(*cols)

    @staticmethod
    def rowsBetween(start: int, end: int) -> WindowSpec:
        return WindowSpec().rowsBetween(start, end)

    @staticmethod
    def rangeBetween(start: int, end: int) -> WindowSpec:
        return WindowSpec().rangeBetween(start, end)
