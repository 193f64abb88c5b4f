"""Compare one TPC-H answer with a reference answer (DuckDB's).

Pure Python, no engine imported: the pytest suite, the PySpark validation
script and ``benches/tpch.py`` all use it.

* same number of rows and of columns; column names equal, ignoring case;
* numbers (int, float, Decimal) compared as floats: relative tolerance 1e-6,
  absolute 1e-2 for the money columns listed in ``MONEY``, and absolute one
  unit in the last place of a Decimal (an engine may round to its scale);
* dates equal as dates, strings exactly, NULL only with NULL;
* row order: every query's ORDER BY keys (``ORDER_BY``) must come in the
  reference's order; rows that tie on all the keys may come in any order
  among themselves; when a LIMIT cut the answer (``LIMIT``), the rows of the
  last tie group may differ except for their keys.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Sequence

QUERIES = [f"q{i:02d}" for i in range(1, 23)]

# Each query's ORDER BY keys, as output column names (all TPC-H queries order
# by output columns). Q6, Q14, Q17 and Q19 are global aggregates: one row.
ORDER_BY: dict[str, list[str]] = {
    "q01": ["l_returnflag", "l_linestatus"],
    "q02": ["s_acctbal", "n_name", "s_name", "p_partkey"],
    "q03": ["revenue", "o_orderdate"],
    "q04": ["o_orderpriority"],
    "q05": ["revenue"],
    "q06": [],
    "q07": ["supp_nation", "cust_nation", "l_year"],
    "q08": ["o_year"],
    "q09": ["nation", "o_year"],
    "q10": ["revenue"],
    "q11": ["value"],
    "q12": ["l_shipmode"],
    "q13": ["custdist", "c_count"],
    "q14": [],
    "q15": ["s_suppkey"],
    "q16": ["supplier_cnt", "p_brand", "p_type", "p_size"],
    "q17": [],
    "q18": ["o_totalprice", "o_orderdate"],
    "q19": [],
    "q20": ["s_name"],
    "q21": ["numwait", "s_name"],
    "q22": ["cntrycode"],
}

LIMIT: dict[str, int] = {"q02": 100, "q03": 10, "q10": 20, "q18": 100, "q21": 100}

# Sums of money (and money-like quantities): absolute tolerance of a cent.
MONEY = {
    "sum_qty",
    "sum_base_price",
    "sum_disc_price",
    "sum_charge",
    "revenue",
    "s_acctbal",
    "c_acctbal",
    "o_totalprice",
    "sum_profit",
    "value",
    "total_revenue",
    "avg_yearly",
    "totacctbal",
    "sum(l_quantity)",
}

REL_TOL = 1e-6
MONEY_ABS_TOL = 1e-2


def lookahead_sql(query: str, text: str) -> str:
    """``text`` with the final ``limit N`` of ``query`` raised to N + 1."""
    if query not in LIMIT:
        return text
    n = LIMIT[query]
    new, count = re.subn(rf"\blimit\s+{n}\s*$", f"limit {n + 1}", text, flags=re.IGNORECASE)
    if count != 1:
        raise ValueError(f"{query}: no final 'limit {n}' in the query text")
    return new + "\n"


@dataclass
class Result:
    """An answer: column names and rows of plain Python values."""

    columns: list[str]
    rows: list[tuple]


def from_spark(df) -> Result:
    """Collect a (Py)Spark or Ember DataFrame."""
    return Result(list(df.columns), [tuple(r) for r in df.collect()])


def from_duckdb(cursor) -> Result:
    """Fetch the answer of ``con.execute(sql)``."""
    rows = cursor.fetchall()
    return Result([d[0] for d in cursor.description], [tuple(r) for r in rows])


def from_polars(df) -> Result:
    """A collected ``polars.DataFrame``."""
    return Result(list(df.columns), [tuple(r) for r in df.rows()])


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)


def values_equal(a: Any, b: Any, money: bool = False) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if _is_number(a) and _is_number(b):
        fa, fb = float(a), float(b)
        if math.isnan(fa) or math.isnan(fb):
            return math.isnan(fa) and math.isnan(fb)
        abs_tol = MONEY_ABS_TOL if money else 1e-9
        for v in (a, b):
            if isinstance(v, Decimal) and v.is_finite():
                # An engine may round a decimal result to its type's scale
                # (Spark's avg of decimal(15,2) is decimal(19,6)): one unit
                # in the last place is within tolerance.
                abs_tol = max(abs_tol, min(10.0 ** v.as_tuple().exponent, MONEY_ABS_TOL))
        return math.isclose(fa, fb, rel_tol=REL_TOL, abs_tol=abs_tol)
    if isinstance(a, datetime.date) or isinstance(b, datetime.date):
        # A datetime is a date subclass: a date column must come back as a date.
        return type(a) is type(b) and a == b
    return type(a) is type(b) and a == b


def _rows_equal(a: tuple, b: tuple, money: Sequence[bool], cols: Sequence[int]) -> bool:
    return all(values_equal(a[i], b[i], money[i]) for i in cols)


def _fmt(row: tuple) -> str:
    return "(" + ", ".join(repr(v) for v in row) + ")"


def assert_same(actual: Result, expected: Result, query: str) -> None:
    """Raise AssertionError, with a readable reason, when ``actual`` is not
    the same answer as ``expected`` for TPC-H query ``query`` ("q01"…)."""
    exp_names = [c.lower() for c in expected.columns]
    act_names = [c.lower() for c in actual.columns]
    if len(act_names) != len(exp_names):
        raise AssertionError(
            f"{query}: {len(act_names)} columns {actual.columns}, expected "
            f"{len(exp_names)} {expected.columns}"
        )
    if act_names != exp_names:
        raise AssertionError(f"{query}: columns {actual.columns}, expected {expected.columns}")
    ncols = len(exp_names)
    money = [name in MONEY for name in exp_names]
    keys = [exp_names.index(k) for k in ORDER_BY[query]]
    all_cols = range(ncols)

    # With a LIMIT, the reference may carry one row more than the limit (see
    # ``lookahead_sql``): it tells whether the limit cut a run of tied rows.
    expected_rows = expected.rows
    cut = False
    limit = LIMIT.get(query)
    if limit is not None and len(expected_rows) >= limit:
        if len(expected_rows) > limit:
            last, after = expected_rows[limit - 1], expected_rows[limit]
            cut = all(last[k] == after[k] for k in keys)
        else:
            cut = True  # no look-ahead row: assume the worst
        expected_rows = expected_rows[:limit]

    if len(actual.rows) != len(expected_rows):
        raise AssertionError(
            f"{query}: {len(actual.rows)} rows, expected {len(expected_rows)}; first rows "
            f"{[_fmt(r) for r in actual.rows[:2]]} vs {[_fmt(r) for r in expected_rows[:2]]}"
        )

    # 1. The order keys, row by row, in the reference's order.
    for i, (a, e) in enumerate(zip(actual.rows, expected_rows)):
        if len(a) != ncols:
            raise AssertionError(f"{query}: row {i} has {len(a)} values: {_fmt(a)}")
        if not _rows_equal(a, e, money, keys):
            raise AssertionError(
                f"{query}: row {i} differs on the ORDER BY keys {ORDER_BY[query]}:\n"
                f"  got      {_fmt(a)}\n  expected {_fmt(e)}"
            )

    # 2. Whole rows, within each run of rows that tie on every key.
    n = len(expected_rows)
    start = 0
    while start < n:
        end = start + 1
        key_of = [expected_rows[start][k] for k in keys]
        while end < n and [expected_rows[end][k] for k in keys] == key_of:
            end += 1
        if cut and end == n:
            break  # a LIMIT may have cut this tie group: any of its rows will do
        pending = list(actual.rows[start:end])
        for e in expected_rows[start:end]:
            match = next(
                (j for j, a in enumerate(pending) if _rows_equal(a, e, money, all_cols)), None
            )
            if match is None:
                where = f"row {start}" if end - start == 1 else f"rows {start}..{end - 1} (tied)"
                raise AssertionError(
                    f"{query}: {where}: no row matches\n  expected {_fmt(e)}\n  got      "
                    + "\n           ".join(_fmt(a) for a in actual.rows[start:end][:5])
                )
            pending.pop(match)
        start = end
