"""Run PySpark 4.3's own doctests against Ember.

Each docstring of the listed PySpark modules runs as one doctest, with the
globals PySpark's ``_test()`` gives it, built from Ember's modules through
``ember.alias_pyspark()``. The PySpark sources are read as text (see
``sources.py``); the real pyspark is never imported.

    python tests/compat/run.py [--module functions ...] [--json out.json] [--verbose NAME]
"""

from __future__ import annotations

import argparse
import ast
import collections
import doctest
import faulthandler
import importlib
import json
import os
import re
import signal
import sys
import tempfile
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sources  # noqa: E402

# Report name → (source file under pyspark/, Ember-side module that defines its names).
MODULES = {
    "functions": ("sql/functions/builtin.py", "pyspark.sql.functions"),
    "column": ("sql/column.py", "pyspark.sql.column"),
    "dataframe": ("sql/dataframe.py", "pyspark.sql.dataframe"),
    "group": ("sql/group.py", "pyspark.sql.group"),
    "window": ("sql/window.py", "pyspark.sql.window"),
    "types": ("sql/types.py", "pyspark.sql.types"),
    "readwriter": ("sql/readwriter.py", "pyspark.sql.readwriter"),
    "catalog": ("sql/catalog.py", "pyspark.sql.catalog"),
    "rdd": ("core/rdd.py", "pyspark.core.rdd"),
    "context": ("core/context.py", "pyspark.core.context"),
    "accumulators": ("accumulators.py", "pyspark.accumulators"),
    "broadcast": ("core/broadcast.py", "pyspark.core.broadcast"),
}

# The option flags of PySpark's _test(); catalog's also ignores exception details.
OPTIONFLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
EXTRA_FLAGS = {"catalog": doctest.IGNORE_EXCEPTION_DETAIL}

TIMEOUT = 30

# PySpark's doctests run with the session time zone and the Python process in the
# host's zone; both are pinned to Spark's test zone so a run does not depend on the host.
# The examples that need a particular zone set it themselves.
TIME_ZONE = "America/Los_Angeles"

# Statements that fix the order of rows; without them a result may come in any order.
ORDERED = re.compile(r"\b(?:orderBy|sort|sortWithinPartitions)\s*\(|\b(?i:order\s+by)\b")
BORDER = re.compile(r"^\+[-+]*\+$")


@dataclass
class DocResult:
    """The outcome of one docstring."""

    name: str
    line: int
    examples: int
    passed_examples: int = 0
    passed: bool = False
    skipped: bool = False
    reason: Optional[str] = None
    report: str = field(default="", repr=False)


@dataclass
class ModuleResult:
    """The outcomes of one module's docstrings."""

    name: str
    docs: list = field(default_factory=list)

    @property
    def counted(self) -> list:
        return [d for d in self.docs if not d.skipped]

    def summary(self) -> dict:
        docs = self.counted
        return {
            "docstrings": len(docs),
            "docstrings_passed": sum(d.passed for d in docs),
            "examples": sum(d.examples for d in docs),
            "examples_passed": sum(d.passed_examples for d in docs),
            "skipped": len(self.docs) - len(docs),
        }

    def reasons(self) -> collections.Counter:
        return collections.Counter(d.reason for d in self.counted if not d.passed)

    def kinds(self) -> collections.Counter:
        """Failures by kind: NOT_IMPLEMENTED, an exception class, or output mismatch."""
        kinds = collections.Counter()
        for reason, count in self.reasons().items():
            kinds[reason if reason == "output mismatch" else reason.split()[0].rstrip(":")] += count
        return kinds


# ---------------------------------------------------------------- docstrings


def _docstring_nodes(body: list) -> Iterator[ast.AST]:
    """Module-level definitions that run at import, through ``if``/``try`` blocks."""
    for node in body:
        if isinstance(node, ast.If):
            test = ast.unparse(node.test)
            if "TYPE_CHECKING" not in test and "__main__" not in test:
                yield from _docstring_nodes(node.body)
                yield from _docstring_nodes(node.orelse)
        elif isinstance(node, ast.Try):
            yield from _docstring_nodes(node.body)
        else:
            yield node


def collect_docstrings(tree: ast.Module) -> list:
    """(qualified name, docstring's first line, docstring) of module functions, classes
    and their members."""
    found: dict = {}
    for node in _docstring_nodes(tree.body):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        members = [(node.name, node)]
        if isinstance(node, ast.ClassDef):
            for child in node.body:
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    members.append((f"{node.name}.{child.name}", child))
        for name, member in members:
            doc = ast.get_docstring(member, clean=False)
            if doc and name not in found:
                found[name] = (name, member.body[0].lineno, doc)
    return list(found.values())


# ---------------------------------------------------------------- globals


def _bindings(body: list) -> Iterator[tuple]:
    """(name, how) for each name the module binds at import: imports and definitions."""
    for node in _docstring_nodes(body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    yield alias.asname, ("module", alias.name)
                else:
                    top = alias.name.split(".")[0]
                    yield top, ("import", alias.name, top)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                if alias.name != "*":
                    yield alias.asname or alias.name, ("from", node.module, alias.name)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name, ("own", node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    yield target.id, ("own", target.id)


def _resolve(how: tuple, own_module: str):
    kind = how[0]
    if kind == "module":
        return importlib.import_module(how[1])
    if kind == "import":
        importlib.import_module(how[1])
        return importlib.import_module(how[2])
    if kind == "from":
        module = importlib.import_module(how[1])
        try:
            return getattr(module, how[2])
        except AttributeError:
            return importlib.import_module(f"{how[1]}.{how[2]}")
    return getattr(importlib.import_module(own_module), how[1])


class Unavailable:
    """Stands for a name Ember cannot provide: any use raises what resolving it raised."""

    def __init__(self, name: str, error: Exception):
        self._name, self._error = name, error

    def __call__(self, *args, **kwargs):
        raise self._error

    def __getattr__(self, attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        raise self._error

    def __repr__(self) -> str:
        return f"<unavailable {self._name}>"


def build_globals(tree: ast.Module, own_module: str, path: Path, spark) -> dict:
    """The module's namespace as PySpark's _test() passes it, resolved from Ember."""
    globs: dict = {"__name__": own_module, "__file__": str(path)}
    for name, how in _bindings(tree.body):
        try:
            globs[name] = _resolve(how, own_module)
        except Exception as exc:
            if how[0] == "own" or how[1].startswith("pyspark"):
                globs.setdefault(name, Unavailable(name, exc))
    globs["spark"] = spark
    return globs


# ---------------------------------------------------------------- checking


def _sorted_tables(text: str) -> Optional[str]:
    """``text`` with the rows of each show() table sorted, or None if it has none."""
    lines = text.strip("\n").splitlines()
    out, i, found = [], 0, False
    while i < len(lines):
        if (
            i + 2 < len(lines)
            and BORDER.match(lines[i].strip())
            and BORDER.match(lines[i + 2].strip())
        ):
            end = i + 3
            while end < len(lines) and not BORDER.match(lines[end].strip()):
                end += 1
            if end < len(lines):
                out += lines[i : i + 3] + sorted(lines[i + 3 : end], key=str.strip)
                out.append(lines[end])
                i, found = end + 1, True
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out) + "\n" if found else None


def _split_items(inner: str) -> list:
    """Split a list's text at its top-level commas."""
    items, depth, quote, start, i = [], 0, None, 0, 0
    while i < len(inner):
        ch = inner[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(inner[start:i])
            start = i + 1
        i += 1
    items.append(inner[start:])
    return [" ".join(item.split()) for item in items]


def _sorted_rows(text: str) -> Optional[str]:
    """A ``[Row(...), ...]`` list with its rows sorted, or None if ``text`` is not one."""
    body = text.strip()
    if not (body.startswith("[Row(") and body.endswith(")]")):
        return None
    items = _split_items(body[1:-1])
    if not all(item.startswith("Row(") for item in items):
        return None
    return "[" + ", ".join(sorted(items)) + "]\n"


class RowOrderChecker(doctest.OutputChecker):
    """The standard checker; where ``relax`` is set, table rows may come in any order."""

    relax = False

    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        if super().check_output(want, got, optionflags):
            return True
        if not self.relax:
            return False
        for canonical in (_sorted_tables, _sorted_rows):
            w, g = canonical(want), canonical(got)
            if w is not None and g is not None and super().check_output(w, g, optionflags):
                return True
        return False


# ---------------------------------------------------------------- running


class Timeout(KeyboardInterrupt):
    """A docstring ran past its time limit (a KeyboardInterrupt, so doctest lets it out)."""


def _on_alarm(signum, frame):
    raise Timeout()


def _first_line(text: str, limit: int = 100) -> str:
    line = next((s.strip() for s in text.splitlines() if s.strip()), "")
    return line if len(line) <= limit else line[: limit - 3] + "..."


def classify(exc: BaseException) -> str:
    """The failure group of an exception."""
    getter = getattr(exc, "getCondition", None)
    condition = getter() if callable(getter) else None
    if condition == "NOT_IMPLEMENTED":
        feature = exc.getMessageParameters().get("feature", "?")
        return f"NOT_IMPLEMENTED {feature}"
    message = str(exc)
    match = re.match(r"\[NOT_IMPLEMENTED\] (.+?) is not implemented", message)
    if match:
        return f"NOT_IMPLEMENTED {match.group(1)}"
    return f"{type(exc).__name__}: {_first_line(message)}"


def _classify_traceback(got: str) -> str:
    """The failure group of an exception that doctest only shows as text."""
    tail = got.split("Traceback (most recent call last):")[-1].splitlines()
    line = next((s for s in tail if s and not s.startswith(" ")), "")
    name, _, message = line.partition(":")
    return f"{name.rsplit('.', 1)[-1]}: {_first_line(message)}"


class Runner(doctest.DocTestRunner):
    """Records successes and the first failure of each docstring."""

    def __init__(self, checker: RowOrderChecker, optionflags: int):
        super().__init__(checker=checker, optionflags=optionflags, verbose=False)
        self.checker = checker
        self.successes, self.reason = 0, None

    def run_one(self, test: doctest.DocTest, out, optionflags: int) -> None:
        # Reset: an interrupted run leaves the flags of its last example's directives.
        self.optionflags, self.successes, self.reason = optionflags, 0, None
        self.run(test, out=out, clear_globs=True)

    def report_start(self, out, test, example):
        index = next(i for i, e in enumerate(test.examples) if e is example)
        preceding = "\n".join(e.source for e in test.examples[: index + 1])
        self.checker.relax = not ORDERED.search(preceding)

    def report_success(self, out, test, example, got):
        self.successes += 1

    def report_failure(self, out, test, example, got):
        if self.reason is None:
            # A traceback here means a different exception than the one expected.
            if "Traceback (most recent call last):" in got:
                self.reason = _classify_traceback(got)
            else:
                self.reason = "output mismatch"
        super().report_failure(out, test, example, got)

    def report_unexpected_exception(self, out, test, example, exc_info):
        if self.reason is None:
            self.reason = classify(exc_info[1])
        super().report_unexpected_exception(out, test, example, exc_info)


def _skipped_names() -> set:
    """Docstrings PySpark's _test() drops for the libraries this environment lacks."""
    names = set()
    try:
        import pandas  # noqa: F401
    except ImportError:
        names |= {"udf", "arrow_udtf", "GroupedData.agg", "DataFrame.toPandas"}
        names |= {"DataFrame.mapInPandas", "DataFrame.pandas_api"}
    try:
        import pyarrow
    except ImportError:
        names |= {"udf", "arrow_udtf", "GroupedData.agg", "DataFrame.toArrow"}
        names |= {"DataFrame.mapInArrow"}
    else:
        if int(pyarrow.__version__.split(".")[0]) < 21:
            names.add("DataFrame.mapInArrow")
    return names


def _only_imports(examples: list) -> bool:
    """Whether nothing but imports is left to run (PySpark skips every other example)."""
    imports = (ast.Import, ast.ImportFrom)
    return all(isinstance(s, imports) for e in examples for s in ast.parse(e.source).body)


def run_module(name: str, pyspark: Path, spark, timeout: int = TIMEOUT) -> ModuleResult:
    """Run every docstring of one module."""
    rel, own_module = MODULES[name]
    tree = ast.parse((pyspark / rel).read_text(), filename=rel)
    globs = build_globals(tree, own_module, pyspark / rel, spark)
    if name in ("functions", "rdd", "context", "accumulators", "broadcast"):
        globs["sc"] = spark.sparkContext
    if name == "rdd":
        spark.sparkContext.setCheckpointDir(tempfile.mkdtemp())
    flags = OPTIONFLAGS | EXTRA_FLAGS.get(name, 0)
    checker = RowOrderChecker()
    runner = Runner(checker, flags)
    parser = doctest.DocTestParser()
    skipped = _skipped_names()
    result = ModuleResult(name)
    for qualname, line, doc in collect_docstrings(tree):
        # Each docstring gets a copy of the globals, as doctest.testmod gives it.
        test = parser.get_doctest(doc, dict(globs), qualname, f"pyspark/{rel}", line - 1)
        if not test.examples:
            continue
        runnable = [e for e in test.examples if not e.options.get(doctest.SKIP, False)]
        entry = DocResult(qualname, line, len(runnable))
        result.docs.append(entry)
        if _only_imports(runnable) or qualname in skipped:
            entry.skipped = True
            continue
        report: list = []
        signal.alarm(timeout)
        # A hang that never returns to Python is beyond the alarm: end the run loudly.
        faulthandler.dump_traceback_later(timeout + 60, exit=True)
        try:
            runner.run_one(test, report.append, flags)
            entry.reason = runner.reason
        except Timeout:
            entry.reason = f"Timeout: over {timeout} s"
        except Exception as exc:
            entry.reason = classify(exc)
        finally:
            signal.alarm(0)
            faulthandler.cancel_dump_traceback_later()
        entry.passed_examples = min(runner.successes, entry.examples)
        entry.passed = entry.reason is None and entry.passed_examples == entry.examples
        if not entry.passed:
            entry.reason = entry.reason or "output mismatch"
            entry.report = "".join(report)
    return result


def make_session(warehouse: str):
    """A session as PySpark's _test() builds one: master local[4], other settings at
    their defaults, plus a scratch warehouse and the pinned time zone."""
    from ember.sql import SparkSession

    return (
        SparkSession.builder.master("local[4]")
        .appName("ember-compat")
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.sql.session.timeZone", TIME_ZONE)
        .getOrCreate()
    )


def _set_env(name: str, value: Optional[str]) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value
    if name == "TZ":
        time.tzset()


def run(modules=None, timeout: int = TIMEOUT) -> dict:
    """Run the doctests of ``modules`` (default: all) and return their ModuleResults.

    Like PySpark's own runs, each module gets a fresh session, in a scratch working
    directory (also TMPDIR), so tables and settings one module leaves behind do not
    reach the next.
    """
    import ember

    ember.alias_pyspark()
    pyspark = sources.pyspark_dir()
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    cwd, saved = os.getcwd(), {name: os.environ.get(name) for name in ("TZ", "TMPDIR")}
    results = {}
    try:
        _set_env("TZ", TIME_ZONE)
        with tempfile.TemporaryDirectory(prefix="ember-compat-") as tmp, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _set_env("TMPDIR", tmp)  # the engine's scratch files go with the rest
            for name in modules or MODULES:
                workdir = Path(tmp) / name
                workdir.mkdir()
                os.chdir(workdir)
                spark = make_session(str(workdir / "spark-warehouse"))
                try:
                    results[name] = run_module(name, pyspark, spark, timeout)
                finally:
                    spark.stop()
                    os.chdir(cwd)
    finally:
        for name, value in saved.items():
            _set_env(name, value)
        signal.signal(signal.SIGALRM, previous)
    return results


# ---------------------------------------------------------------- reporting


def function_status(result: ModuleResult) -> dict:
    """For the functions module: function name → whether its doctest passed (None: skipped)."""
    return {d.name: None if d.skipped else d.passed for d in result.docs if "." not in d.name}


def to_json(results: dict, pyspark_version: str, elapsed: float) -> dict:
    """A JSON-ready summary of a run."""
    out = {"pyspark_version": pyspark_version, "elapsed_s": round(elapsed, 1), "modules": {}}
    for name, result in results.items():
        out["modules"][name] = {
            **result.summary(),
            "failures": dict(result.reasons().most_common()),
            "docs": [{k: v for k, v in asdict(d).items() if k != "report"} for d in result.docs],
        }
    if "functions" in results:
        out["functions"] = function_status(results["functions"])
    return out


def _percent(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:5.1f}%" if whole else "  n/a"


def print_summary(results: dict, top: int) -> None:
    print(f"{'module':<12} {'docstrings':>18} {'examples':>20} {'skipped':>8}")
    for name, result in results.items():
        s = result.summary()
        docs = f"{s['docstrings_passed']}/{s['docstrings']} {_percent(s['docstrings_passed'], s['docstrings'])}"
        exs = f"{s['examples_passed']}/{s['examples']} {_percent(s['examples_passed'], s['examples'])}"
        print(f"{name:<12} {docs:>18} {exs:>20} {s['skipped']:>8}")
    for name, result in results.items():
        reasons = result.reasons()
        if reasons and top > 0:
            kinds = ", ".join(f"{kind} {count}" for kind, count in result.kinds().most_common())
            print(f"\n{name}: {sum(reasons.values())} failing docstrings ({kinds})")
            for reason, count in reasons.most_common(top):
                print(f"  {count:4d}  {reason}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", choices=list(MODULES), help="repeatable")
    parser.add_argument("--json", help="write the results to this JSON file")
    parser.add_argument("--verbose", metavar="NAME", help="print one docstring's failure report")
    parser.add_argument("--top", type=int, default=25, help="failure groups shown per module")
    parser.add_argument("--timeout", type=int, default=TIMEOUT, help="seconds per docstring")
    args = parser.parse_args(argv)

    started = time.monotonic()
    try:
        results = run(args.module, args.timeout)
    except sources.SourcesUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    elapsed = time.monotonic() - started

    if args.json:
        data = to_json(results, sources.version(sources.pyspark_dir()), elapsed)
        Path(args.json).write_text(json.dumps(data, indent=1) + "\n")
    if args.verbose:
        docs = [d for r in results.values() for d in r.docs if d.name == args.verbose]
        if not docs:
            print(f"no docstring named {args.verbose!r}")
        for d in docs:
            status = "skipped" if d.skipped else "passed" if d.passed else d.reason
            print(f"{d.name} (line {d.line}): {status}\n{d.report}")
    print_summary(results, args.top)
    print(f"\nelapsed: {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
