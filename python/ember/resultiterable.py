"""``pyspark.resultiterable``: the values of one key after a grouping."""

from collections.abc import Iterable
from typing import Any, Iterator

__all__ = ["ResultIterable"]


class ResultIterable(Iterable):
    """A list of values that can be iterated more than once."""

    def __init__(self, data: Any) -> None:
        self.data = data
        self.index = 0
        self.maxindex = len(data)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)
