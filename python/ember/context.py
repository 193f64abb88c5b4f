"""SparkContext: the application's context (``pyspark.SparkContext``):
settings, RDD creation, broadcast variables, accumulators, job groups and
the status tracker. Spark Core's engine half (lineage, scheduler, worker
processes) lives in the native ``RddContext``.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional

from ember.conf import SparkConf
from ember.errors import PySparkNotImplementedError

__all__ = ["SparkContext"]


class SparkContext:
    """The context of a running application."""

    _active: Optional["SparkContext"] = None

    def __init__(
        self,
        master: Optional[str] = None,
        appName: Optional[str] = None,
        conf: Optional[SparkConf] = None,
        **kwargs: Any,
    ) -> None:
        from ember.sql.session import SparkSession

        active = SparkContext._active
        if active is not None and not active.__dict__.get("_stopped"):
            raise ValueError(
                "Cannot run multiple SparkContexts at once; existing SparkContext(app=%s, "
                "master=%s) created by __init__" % (active.appName, active.master)
            )
        builder = SparkSession.builder
        if conf is not None:
            builder = builder.config(conf=conf)
        if master:
            builder = builder.master(master)
        if appName:
            builder = builder.appName(appName)
        self._session = builder.getOrCreate()
        self._session._sc = self
        SparkContext._active = self

    @classmethod
    def _for_session(cls, session: Any) -> "SparkContext":
        sc = cls.__new__(cls)
        sc._session = session
        SparkContext._active = sc
        return sc

    @classmethod
    def getOrCreate(cls, conf: Optional[SparkConf] = None) -> "SparkContext":
        if cls._active is not None and not cls._active.__dict__.get("_stopped"):
            return cls._active
        return cls(conf=conf)

    @property
    def master(self) -> str:
        return self._session.conf.get("spark.master", "local[*]")

    @property
    def appName(self) -> str:
        return self._session.conf.get("spark.app.name", "ember")

    @property
    def version(self) -> str:
        return self._session.version

    @property
    def defaultParallelism(self) -> int:
        master = self.master
        if master.startswith("local[") and master.endswith("]"):
            n = master[6:-1]
            if n.isdigit():
                return int(n)
        if master == "local":
            return 1
        return os.cpu_count() or 1

    @property
    def applicationId(self) -> str:
        return "local-%d" % id(self._session)

    def setLogLevel(self, logLevel: str) -> None:
        """Accepted for compatibility (Ember logs nothing by default); an
        unknown level is rejected as Spark rejects it."""
        levels = ["ALL", "DEBUG", "ERROR", "WARN", "INFO", "OFF", "FATAL", "TRACE"]
        if str(logLevel).upper() not in levels:
            from ember.errors.exceptions.captured import _from_native

            raise _from_native(
                "IllegalArgumentException",
                None,
                None,
                {},
                "Supplied level %s did not match one of: %s" % (logLevel, ",".join(levels)),
            )

    # ---- Spark Core ----------------------------------------------------

    def _conf_value(self, key: str, default: Optional[str] = None) -> Optional[str]:
        return self._session.conf.get(key, default)

    def _slots(self) -> int:
        master = self.master
        if master == "local":
            return 1
        if master.startswith("local[") and master.endswith("]"):
            n = master[6:-1].split(",")[0]
            if n == "*":
                return os.cpu_count() or 1
            if n.isdigit():
                return max(int(n), 1)
        return os.cpu_count() or 1

    def _local_dir(self) -> str:
        d = self.__dict__.get("_local")
        if d is None:
            base = self._conf_value("spark.local.dir") or None
            d = tempfile.mkdtemp(prefix="ember-local-", dir=base)
            self.__dict__["_local"] = d
        return d

    @property
    def _core(self) -> Any:
        core = self.__dict__.get("_core_ctx")
        if core is None:
            from ember import _native
            from ember.core.worker import interrupt, run_task

            paths = [p for p in sys.path if p]
            from ember.core.files import SparkFiles

            env = {
                "PYTHONPATH": os.pathsep.join(paths),
                "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "0"),
                "EMBER_SPARK_FILES": SparkFiles.getRootDirectory(),
            }
            command = (sys.executable, ["-m", "ember.core.worker"], env)
            core = _native.RddContext(
                self._slots(),
                run_task,
                interrupt,
                command,
                int(self._conf_value("spark.task.maxFailures", "4") or 4),
                (self._conf_value("spark.ui.showConsoleProgress", "false") or "").lower() == "true",
                os.path.join(self._local_dir(), "blocks"),
                _parse_bytes(self._conf_value("spark.ember.blockStore.memory", "512m") or "512m"),
            )
            self.__dict__["_core_ctx"] = core
        return core

    def _props(self) -> Dict[str, str]:
        local = self.__dict__.setdefault("_thread_props", threading.local())
        if not hasattr(local, "props"):
            local.props = {}
        return local.props

    def _run_job(
        self, rdd: Any, f: Callable[[Iterator[Any]], Any], partitions: List[int], op: str
    ) -> List[Any]:
        import pickle

        from ember.accumulators import _apply_updates
        from ember.core._serial import dumps, site

        props = self._props()
        results, updates = self._core.run_job(
            rdd._node,
            dumps(f),
            partitions,
            site(op),
            props.get("spark.jobGroup.id"),
            props.get("spark.job.description"),
            sorted(self._tags()),
        )
        for u in updates:
            _apply_updates(pickle.loads(u))
        return [pickle.loads(r) for r in results]

    def runJob(
        self,
        rdd: Any,
        partitionFunc: Callable[[Iterable[Any]], Iterable[Any]],
        partitions: Optional[List[int]] = None,
        allowLocal: bool = False,
    ) -> List[Any]:
        if partitions is None:
            partitions = list(range(rdd.getNumPartitions()))
        parts = self._run_job(rdd, lambda it: list(partitionFunc(it)), partitions, "runJob")
        return [x for p in parts for x in p]

    @property
    def defaultMinPartitions(self) -> int:
        return min(self.defaultParallelism, 2)

    @property
    def startTime(self) -> int:
        return self.__dict__.setdefault("_start", int(__import__("time").time() * 1000))

    @property
    def uiWebUrl(self) -> Optional[str]:
        return None

    def sparkUser(self) -> str:
        import getpass

        return getpass.getuser()

    def emptyRDD(self) -> Any:
        from ember.core.rdd import RDD

        return RDD(self._core.data([], "EmptyRDD", _site("emptyRDD")), self)

    def parallelize(self, c: Iterable[Any], numSlices: Optional[int] = None) -> Any:
        from ember.core.rdd import RDD

        n = self.defaultParallelism if numSlices is None else int(numSlices)
        if n == 0:
            raise ZeroDivisionError("integer division or modulo by zero")
        if n < 0:
            raise ValueError("Positive number of partitions required")
        if isinstance(c, range):
            size = len(c)
            if size == 0:
                return self.parallelize([], n)
            step = c[1] - c[0] if size > 1 else 1
            start0 = c[0]

            def start(split: int) -> int:
                return start0 + int(split * size / n) * step

            def gen(split: int) -> range:
                return range(start(split), start(split + 1), step)

            from ember.core._serial import dumps

            node = self._core.generated(
                dumps(gen), n, "ParallelCollectionRDD", _site("parallelize")
            )
            return RDD(node, self)
        data = c if isinstance(c, list) else list(c)
        # As PySpark: the data goes to the JVM in batches of
        # max(1, min(len // n, 1024)) and Spark slices the batches.
        batch = max(1, min(len(data) // n, 1024))
        batches = (len(data) + batch - 1) // batch
        bounds = [i * batches // n * batch for i in range(n + 1)]
        blocks = [_encode_slice(data, bounds[i], bounds[i + 1]) for i in range(n)]
        return RDD(self._core.data(blocks, "ParallelCollectionRDD", _site("parallelize")), self)

    def range(
        self, start: int, end: Optional[int] = None, step: int = 1, numSlices: Optional[int] = None
    ) -> Any:
        if end is None:
            start, end = 0, start
        return self.parallelize(range(start, end, step), numSlices)

    def textFile(
        self, name: str, minPartitions: Optional[int] = None, use_unicode: bool = True
    ) -> Any:
        from ember.core._files import list_files, read_lines, text_splits
        from ember.core._serial import dumps
        from ember.core.rdd import RDD

        n = self.defaultMinPartitions if minPartitions is None else minPartitions
        try:
            splits = text_splits(list_files(name), n)
        except Exception as e:  # noqa: BLE001 - as Spark, a missing input fails the job
            message = str(e)

            def missing(split: int) -> Iterator[Any]:
                raise FileNotFoundError(message)

            node = self._core.generated(dumps(missing), 1, "HadoopRDD", _site("textFile"))
            node.set_name(name)
            return RDD(node, self)

        def gen(split: int) -> Iterator[Any]:
            path, start, length = splits[split]
            return read_lines(path, start, length, use_unicode)

        node = self._core.generated(dumps(gen), len(splits), "HadoopRDD", _site("textFile"))
        node.set_name(name)
        return RDD(node, self)

    def wholeTextFiles(
        self, path: str, minPartitions: Optional[int] = None, use_unicode: bool = True
    ) -> Any:
        from ember.core._files import list_files, read_whole, whole_files
        from ember.core._serial import dumps
        from ember.core.rdd import RDD

        n = self.defaultMinPartitions if minPartitions is None else minPartitions
        groups = whole_files(list_files(path), n)

        def gen(split: int) -> Iterator[Any]:
            return read_whole(groups[split], use_unicode)

        node = self._core.generated(
            dumps(gen), len(groups), "WholeTextFileRDD", _site("wholeTextFiles")
        )
        node.set_name(path)
        return RDD(node, self)

    def pickleFile(self, name: str, minPartitions: Optional[int] = None) -> Any:
        from ember.core._files import list_files, read_pickled
        from ember.core._serial import dumps
        from ember.core.rdd import RDD

        files = [f for f in list_files(name) if os.path.basename(f).startswith("part-")]

        def gen(split: int) -> Iterator[Any]:
            return read_pickled(files[split])

        node = self._core.generated(dumps(gen), len(files), "HadoopRDD", _site("pickleFile"))
        return RDD(node, self)

    def union(self, rdds: List[Any]) -> Any:
        from ember.core.rdd import RDD

        if not rdds:
            raise IndexError("list index out of range")
        if len(rdds) == 1:
            return rdds[0]
        first = rdds[0]
        if first.partitioner is not None and all(r.partitioner == first.partitioner for r in rdds):
            out = first
            for r in rdds[1:]:
                out = out.union(r)
            return out
        return RDD(self._core.union([r._node for r in rdds], _site("union")), self)

    def broadcast(self, value: Any) -> Any:
        from ember.core.broadcast import Broadcast

        return Broadcast(self, value)

    def accumulator(self, value: Any, accum_param: Any = None) -> Any:
        from ember.accumulators import (
            COMPLEX_ACCUMULATOR_PARAM,
            FLOAT_ACCUMULATOR_PARAM,
            INT_ACCUMULATOR_PARAM,
            Accumulator,
        )

        if accum_param is None:
            if isinstance(value, int):
                accum_param = INT_ACCUMULATOR_PARAM
            elif isinstance(value, float):
                accum_param = FLOAT_ACCUMULATOR_PARAM
            elif isinstance(value, complex):
                accum_param = COMPLEX_ACCUMULATOR_PARAM
            else:
                raise TypeError("No default accumulator param for type %s" % type(value))
        return Accumulator._create(value, accum_param)

    def setCheckpointDir(self, dirName: str) -> None:
        import uuid

        base = os.path.abspath(dirName[5:] if dirName.startswith("file:") else dirName)
        path = os.path.join(base, str(uuid.uuid4()))
        os.makedirs(path, exist_ok=True)
        self.__dict__["_checkpoint_dir"] = path
        self._core.set_checkpoint_dir(path)

    def getCheckpointDir(self) -> Optional[str]:
        d = self.__dict__.get("_checkpoint_dir")
        return None if d is None else "file:" + d

    def setJobGroup(self, groupId: str, description: str, interruptOnCancel: bool = False) -> None:
        props = self._props()
        props["spark.jobGroup.id"] = groupId
        props["spark.job.description"] = description
        props["spark.job.interruptOnCancel"] = str(interruptOnCancel).lower()

    def setJobDescription(self, value: str) -> None:
        self._props()["spark.job.description"] = value

    def setLocalProperty(self, key: str, value: Optional[str]) -> None:
        if value is None:
            self._props().pop(key, None)
        else:
            self._props()[key] = value

    def getLocalProperty(self, key: str) -> Optional[str]:
        return self._props().get(key)

    def setInterruptOnCancel(self, interruptOnCancel: bool) -> None:
        self._props()["spark.job.interruptOnCancel"] = str(interruptOnCancel).lower()

    def cancelJobGroup(self, groupId: str, reason: Optional[str] = None) -> None:
        self._core.cancel(groupId, None, reason)

    def cancelJobsWithTag(self, tag: str, reason: Optional[str] = None) -> None:
        self._core.cancel(None, tag, reason)

    def cancelAllJobs(self) -> None:
        self._core.cancel(None, None, None)

    def _tags(self) -> set:
        local = self.__dict__.setdefault("_thread_props", threading.local())
        if not hasattr(local, "tags"):
            local.tags = set()
        return local.tags

    def addJobTag(self, tag: str) -> None:
        _check_tag(tag)
        self._tags().add(tag)

    def removeJobTag(self, tag: str) -> None:
        _check_tag(tag)
        self._tags().discard(tag)

    def getJobTags(self) -> set:
        return set(self._tags())

    def clearJobTags(self) -> None:
        self._tags().clear()

    @staticmethod
    def getSystemProperty(key: str) -> Optional[str]:
        return os.environ.get(key)

    def addFile(self, path: str, recursive: bool = False) -> None:
        from ember.core.files import SparkFiles

        src = path[5:] if path.startswith("file:") else path
        dest = os.path.join(SparkFiles.getRootDirectory(), os.path.basename(src.rstrip("/")))
        if os.path.isdir(src):
            if not recursive:
                raise ValueError(
                    "Added file %s is a directory and recursive is not turned on." % path
                )
            shutil.copytree(src, dest, dirs_exist_ok=True)
        else:
            shutil.copyfile(src, dest)
        self.__dict__.setdefault("_files", []).append("file:" + os.path.abspath(src))

    @property
    def listFiles(self) -> List[str]:
        return list(self.__dict__.get("_files", []))

    def addArchive(self, path: str) -> None:
        from ember.core.files import SparkFiles

        src = path[5:] if path.startswith("file:") else path
        dest = os.path.join(SparkFiles.getRootDirectory(), os.path.basename(src))
        shutil.unpack_archive(src, dest)
        self.__dict__.setdefault("_archives", []).append("file:" + os.path.abspath(src))

    @property
    def listArchives(self) -> List[str]:
        return list(self.__dict__.get("_archives", []))

    def binaryFiles(self, path: str, minPartitions: Optional[int] = None) -> Any:
        from ember.core._files import list_files, read_binary, whole_files
        from ember.core._serial import dumps
        from ember.core.rdd import RDD

        n = self.defaultMinPartitions if minPartitions is None else minPartitions
        groups = whole_files(list_files(path), n)

        def gen(split: int) -> Iterator[Any]:
            return read_binary(groups[split])

        node = self._core.generated(dumps(gen), len(groups), "BinaryFileRDD", _site("binaryFiles"))
        node.set_name(path)
        return RDD(node, self)

    def binaryRecords(self, path: str, recordLength: int) -> Any:
        from ember.core._files import list_files, read_records
        from ember.core._serial import dumps
        from ember.core.rdd import RDD

        files = list_files(path)

        def gen(split: int) -> Iterator[Any]:
            return read_records(files[split], recordLength)

        node = self._core.generated(dumps(gen), len(files), "HadoopRDD", _site("binaryRecords"))
        return RDD(node, self)

    def __repr__(self) -> str:
        return "<SparkContext master=%s appName=%s>" % (self.master, self.appName)

    def statusTracker(self) -> Any:
        from ember.core.status import StatusTracker

        return StatusTracker(self._core)

    def setSystemProperty(self, key: str, value: str) -> None:
        os.environ[key] = value

    def addPyFile(self, path: str) -> None:
        """Makes a module importable by tasks (the driver's path is the
        workers' path)."""
        directory = os.path.dirname(os.path.abspath(path))
        if directory not in sys.path:
            sys.path.append(directory)

    def getConf(self) -> SparkConf:
        conf = SparkConf()
        for k, v in self._session.conf.getAll.items():
            conf.set(k, v)
        return conf

    def stop(self) -> None:
        self._release()
        self._session.stop()

    def _release(self) -> None:
        """Stops the workers and removes the local directory."""
        self.__dict__["_stopped"] = True
        core = self.__dict__.pop("_core_ctx", None)
        if core is not None:
            core.stop()
        local = self.__dict__.pop("_local", None)
        if local is not None:
            shutil.rmtree(local, ignore_errors=True)
        if SparkContext._active is self:
            SparkContext._active = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "SparkContext.%s" % name}
        )


def _site(op: str) -> str:
    from ember.core._serial import site

    return site(op)


def _parse_bytes(text: str) -> int:
    t = text.strip().lower()
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
    for suffix in ("b", ""):
        if suffix and t.endswith(suffix) and len(t) > 1 and t[-2] in units:
            t = t[:-1]
    if t and t[-1] in units:
        return int(float(t[:-1]) * units[t[-1]])
    return int(t)


def _check_tag(tag: str) -> None:
    from ember.errors import PySparkValueError

    if not isinstance(tag, str) or not tag or "," in tag:
        raise PySparkValueError(
            errorClass="VALUE_NOT_ALLOWED",
            messageParameters={"arg_name": "tag", "disallowed_value": repr(tag)},
        )


def _encode_slice(data: List[Any], start: int, end: int) -> bytes:
    """A slice of parallelized data: `(int, int)` pairs as a typed block (two
    int64 columns, see src/rdd/typed.rs), anything else pickled."""
    from ember.core.worker import dump_batch

    end = min(end, len(data))
    if end > start and type(data[start]) is tuple:
        from ember import _native

        typed = _native.encode_int_pairs(data, start, end)
        if typed is not None:
            return typed
    return dump_batch(data[start:end])
