"""``Observation``: named metrics of a DataFrame, read after an action."""

from typing import TYPE_CHECKING, Any, Dict, List, Optional

from ember.errors import PySparkTypeError, PySparkValueError

if TYPE_CHECKING:
    from ember.sql.column import Column
    from ember.sql.dataframe import DataFrame

__all__ = ["Observation"]


class Observation:
    """Metrics (aggregate Columns) observed on a DataFrame with
    :meth:`DataFrame.observe`; ``get`` gives them as a dict."""

    def __init__(self, name: Optional[str] = None) -> None:
        if name is not None:
            if not isinstance(name, str):
                raise PySparkTypeError(
                    errorClass="NOT_STR",
                    messageParameters={"arg_name": "name", "arg_type": type(name).__name__},
                )
            if name == "":
                raise PySparkValueError(
                    errorClass="VALUE_NOT_NON_EMPTY_STR",
                    messageParameters={"arg_name": "name", "arg_value": name},
                )
        self._name = name
        self._df: Optional["DataFrame"] = None
        self._exprs: List["Column"] = []
        self._result: Optional[Dict[str, Any]] = None

    def _on(self, df: "DataFrame", exprs: List["Column"]) -> "DataFrame":
        if self._df is not None:
            raise PySparkValueError(errorClass="REUSE_OBSERVATION", messageParameters={})
        self._df, self._exprs = df, exprs
        return df

    @property
    def get(self) -> Dict[str, Any]:
        """The metrics, by name (computed once, over the observed rows)."""
        if self._df is None:
            raise PySparkValueError(errorClass="NO_OBSERVE_BEFORE_GET", messageParameters={})
        if self._result is None:
            row = self._df.agg(*self._exprs).collect()[0]
            self._result = row.asDict()
        return self._result
