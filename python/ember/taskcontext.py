"""``pyspark.taskcontext``: what a task knows about itself."""

from __future__ import annotations

from typing import Any, Dict, Optional

__all__ = ["TaskContext", "BarrierTaskContext", "BarrierTaskInfo"]


class TaskContext:
    """The running task's stage, partition and attempt (``TaskContext.get()``
    inside a task; ``None`` in the driver)."""

    _taskContext: Optional["TaskContext"] = None

    def __init__(self, header: Optional[Dict[str, Any]] = None) -> None:
        h = header or {}
        self._stageId = int(h.get("stage", 0))
        self._partitionId = int(h.get("partition", 0))
        self._attemptNumber = int(h.get("attempt", 0))
        self._taskAttemptId = int(h.get("tid", 0))
        self._localProperties: Dict[str, str] = {}

    @classmethod
    def get(cls) -> Optional["TaskContext"]:
        return cls._taskContext

    def stageId(self) -> int:
        return self._stageId

    def partitionId(self) -> int:
        return self._partitionId

    def attemptNumber(self) -> int:
        return self._attemptNumber

    def taskAttemptId(self) -> int:
        return self._taskAttemptId

    def getLocalProperty(self, key: str) -> Optional[str]:
        return self._localProperties.get(key)

    def cpus(self) -> int:
        return 1

    def resources(self) -> Dict[str, Any]:
        return {}


class BarrierTaskInfo:
    def __init__(self, address: str) -> None:
        self.address = address


class BarrierTaskContext(TaskContext):
    """Barrier execution is not available; the class exists for imports."""
