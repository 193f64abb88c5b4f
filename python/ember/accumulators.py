"""Accumulators: variables tasks add to and the driver reads
(``pyspark.accumulators``)."""

from __future__ import annotations

import threading
from typing import Any, Dict, Generic, TypeVar

from ember.errors import PySparkRuntimeError

__all__ = [
    "Accumulator",
    "AccumulatorParam",
    "INT_ACCUMULATOR_PARAM",
    "FLOAT_ACCUMULATOR_PARAM",
    "COMPLEX_ACCUMULATOR_PARAM",
]

T = TypeVar("T")

# The driver's accumulators, by id; a task's copies live in `_task`.
_registry: Dict[int, "Accumulator[Any]"] = {}
_task = threading.local()
_lock = threading.Lock()
_next_id = [0]


class AccumulatorParam(Generic[T]):
    """How to add values of an accumulator's type."""

    def zero(self, value: T) -> T:
        raise NotImplementedError

    def addInPlace(self, value1: T, value2: T) -> T:
        raise NotImplementedError


class AddingAccumulatorParam(AccumulatorParam[T]):
    def __init__(self, zero_value: T) -> None:
        self.zero_value = zero_value

    def zero(self, value: T) -> T:
        return self.zero_value

    def addInPlace(self, value1: T, value2: T) -> T:
        value1 += value2  # type: ignore[operator]
        return value1


INT_ACCUMULATOR_PARAM = AddingAccumulatorParam(0)
FLOAT_ACCUMULATOR_PARAM = AddingAccumulatorParam(0.0)
COMPLEX_ACCUMULATOR_PARAM = AddingAccumulatorParam(0.0j)


def _deserialize_accumulator(aid: int, zero_value: Any, accum_param: AccumulatorParam[Any]) -> Any:
    acc = Accumulator(aid, zero_value, accum_param)
    acc._deserialized = True
    tasks = getattr(_task, "accumulators", None)
    if tasks is not None:
        tasks[aid] = acc
    return acc


def _start_task() -> None:
    _task.accumulators = {}


def _task_updates() -> Dict[int, Any]:
    tasks = getattr(_task, "accumulators", None) or {}
    _task.accumulators = None
    return {aid: acc._value for aid, acc in tasks.items()}


def _apply_updates(updates: Dict[int, Any]) -> None:
    for aid, value in updates.items():
        acc = _registry.get(aid)
        if acc is not None:
            with _lock:
                acc._value = acc.accum_param.addInPlace(acc._value, value)


class Accumulator(Generic[T]):
    """A shared variable tasks can only add to; the driver reads ``value``."""

    def __init__(self, aid: int, value: T, accum_param: AccumulatorParam[T]) -> None:
        self.aid = aid
        self.accum_param = accum_param
        self._value = value
        self._deserialized = False
        if aid not in _registry:
            _registry[aid] = self

    @classmethod
    def _create(cls, value: T, accum_param: AccumulatorParam[T]) -> "Accumulator[T]":
        with _lock:
            aid = _next_id[0]
            _next_id[0] += 1
        return cls(aid, value, accum_param)

    def __reduce__(self) -> Any:
        return (
            _deserialize_accumulator,
            (self.aid, self.accum_param.zero(self._value), self.accum_param),
        )

    @property
    def value(self) -> T:
        if self._deserialized:
            raise PySparkRuntimeError(
                errorClass="VALUE_NOT_ACCESSIBLE",
                messageParameters={"value": "Accumulator.value"},
            )
        return self._value

    @value.setter
    def value(self, value: T) -> None:
        if self._deserialized:
            raise PySparkRuntimeError(
                errorClass="VALUE_NOT_ACCESSIBLE",
                messageParameters={"value": "Accumulator.value"},
            )
        self._value = value

    def add(self, term: T) -> None:
        self._value = self.accum_param.addInPlace(self._value, term)

    def __iadd__(self, term: T) -> "Accumulator[T]":
        self.add(term)
        return self

    def __str__(self) -> str:
        return str(self._value)

    def __repr__(self) -> str:
        return "Accumulator<id=%i, value=%s>" % (self.aid, self._value)
