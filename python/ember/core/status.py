"""Job and stage progress (``pyspark.core.status``)."""

from __future__ import annotations

from typing import Any, Dict, List, NamedTuple, Optional

__all__ = ["SparkJobInfo", "SparkStageInfo", "StatusTracker"]


class SparkJobInfo(NamedTuple):
    jobId: int
    stageIds: List[int]
    status: str


class SparkStageInfo(NamedTuple):
    stageId: int
    currentAttemptId: int
    name: str
    numTasks: int
    numActiveTasks: int
    numCompletedTasks: int
    numFailedTasks: int


class StatusTracker:
    """Reads the record of jobs and stages the scheduler keeps."""

    def __init__(self, core: Any) -> None:
        self._core = core

    def getJobIdsForGroup(self, jobGroup: Optional[str] = None) -> List[int]:
        return [j[0] for j in self._core.jobs() if j[1] == jobGroup]

    def getActiveStageIds(self) -> List[int]:
        return list(self._core.active_stage_ids())

    def getActiveJobsIds(self) -> List[int]:
        return [j[0] for j in self._core.jobs() if j[2] == "RUNNING"]

    def getJobInfo(self, jobId: int) -> Optional[SparkJobInfo]:
        for j in self._core.jobs():
            if j[0] == jobId:
                return SparkJobInfo(j[0], list(j[3]), j[2])
        return None

    def getStageInfo(self, stageId: int) -> Optional[SparkStageInfo]:
        s = self._core.stage(stageId)
        if s is None:
            return None
        return SparkStageInfo(
            s["stageId"],
            0,
            s["name"],
            s["numTasks"],
            s["numActiveTasks"],
            s["numCompletedTasks"],
            s["numFailedTasks"],
        )

    def getStageMetrics(self, stageId: int) -> Optional[Dict[str, Any]]:
        """Ember's addition: a stage's counters (records and bytes read and
        written, shuffle bytes, task time, submission and completion times)."""
        return self._core.stage(stageId)
