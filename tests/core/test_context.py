"""SparkContext, checked against values recorded from PySpark 4.3 (local[2]).

parallelize slices a list by pickled batches of ``max(1, len // numSlices)``
elements, a range object by ``start + int(split * size / numSlices) * step``;
textFile splits follow Hadoop's FileInputFormat (goal size = total / minPartitions,
a last split is allowed to be 10% over) and a line belongs to the split in
which it starts.
"""

import gzip
import os
import re
from operator import add

import pytest
from ember import Broadcast, SparkContext
from ember.accumulators import AccumulatorParam
from ember.errors import IllegalArgumentException, PythonException

# 82 bytes, 14 lines: the textFile split tests depend on these exact bytes.
LINES = "alpha\nbravo\ncharlie\ndelta\necho\nfoxtrot\ngolf\nhotel\nindia\njuliet\nkilo\nlima\nmike\nnov\n"
WORDS = LINES.split()
JOB_PROPERTIES = ["spark.jobGroup.id", "spark.job.description", "spark.job.interruptOnCancel"]


@pytest.fixture
def clean_job_group(sc):
    """Later tests must not run their jobs in a group set here."""
    yield
    for key in JOB_PROPERTIES:
        sc.setLocalProperty(key, None)


@pytest.fixture
def text_dir(tmp_path):
    (tmp_path / "a.txt").write_text(LINES)
    (tmp_path / "b.txt").write_text("one\ntwo")
    (tmp_path / "c.csv").write_bytes(b"x,y\r\n1,2\r\n\r\nlast")
    return tmp_path


# ---------------------------------------------------------------- parallelize, range


def test_parallelize_list_slices_by_batches(sc):
    # a list is pickled in batches of len // numSlices, then the batches are sliced
    assert sc.parallelize(list(range(10)), 4).glom().collect() == [
        [0, 1],
        [2, 3],
        [4, 5],
        [6, 7, 8, 9],
    ]
    assert sc.parallelize([1, 2, 3, 4, 5, 6, 7], 3).glom().collect() == [[1, 2], [3, 4], [5, 6, 7]]
    assert sc.parallelize(["a", "b", "c"], 5).glom().collect() == [[], ["a"], [], ["b"], ["c"]]
    assert sc.parallelize(list(range(25)), 2).glom().collect() == [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
        [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
    ]
    assert sc.parallelize(list(range(25)), 4).glom().collect() == [
        [0, 1, 2, 3, 4, 5],
        [6, 7, 8, 9, 10, 11],
        [12, 13, 14, 15, 16, 17],
        [18, 19, 20, 21, 22, 23, 24],
    ]
    lens = [len(p) for p in sc.parallelize(list(range(2000)), 3).glom().collect()]
    assert lens == [666, 666, 668]


def test_parallelize_range_slices_evenly(sc):
    assert sc.parallelize(range(10), 4).glom().collect() == [[0, 1], [2, 3, 4], [5, 6], [7, 8, 9]]
    assert sc.parallelize(range(1, 8), 3).glom().collect() == [[1, 2], [3, 4], [5, 6, 7]]
    assert sc.parallelize(range(3), 5).glom().collect() == [[], [0], [], [1], [2]]
    assert sc.parallelize(range(0, 20, 3), 3).glom().collect() == [[0, 3], [6, 9], [12, 15, 18]]
    assert sc.parallelize(range(10, 0, -2), 2).glom().collect() == [[10, 8], [6, 4, 2]]
    assert sc.parallelize(range(0), 2).glom().collect() == [[], []]
    lens = [len(p) for p in sc.parallelize(range(2000), 3).glom().collect()]
    assert lens == [666, 667, 667]


def test_parallelize_other_collections(sc):
    assert sc.parallelize([1, 2, 3]).getNumPartitions() == 2
    assert sc.parallelize([1, 2, 3, 4], numSlices=4).glom().collect() == [[1], [2], [3], [4]]
    assert sc.parallelize((1, 2, 3), 2).glom().collect() == [[1], [2, 3]]
    assert sc.parallelize((x * x for x in range(5)), 2).glom().collect() == [[0, 1], [4, 9, 16]]
    assert sorted(sc.parallelize({3, 1, 2}).collect()) == [1, 2, 3]
    assert sc.parallelize([], 3).glom().collect() == [[], [], []]
    assert sc.parallelize("abc", 2).collect() == ["a", "b", "c"]


def test_parallelize_zero_slices(sc):
    with pytest.raises(ZeroDivisionError):
        sc.parallelize([1, 2], 0).collect()


def test_range(sc):
    assert sc.range(5).collect() == [0, 1, 2, 3, 4]
    assert sc.range(5).glom().collect() == [[0, 1], [2, 3, 4]]
    assert sc.range(2, 4).collect() == [2, 3]
    assert sc.range(1, 7, 2).collect() == [1, 3, 5]
    assert sc.range(0, 10, 1, 3).glom().collect() == [[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]]
    assert sc.range(5, 0, -1).collect() == [5, 4, 3, 2, 1]


def test_empty_rdd(sc):
    empty = sc.emptyRDD()
    assert empty.collect() == []
    assert empty.getNumPartitions() == 0
    assert empty.count() == 0
    assert empty.isEmpty() is True


def test_union(sc):
    r1 = sc.parallelize([1, 2], 1)
    r2 = sc.parallelize([3], 2)
    u = sc.union([r1, r2])
    assert u.collect() == [1, 2, 3]
    assert u.getNumPartitions() == 3
    three = sc.union([sc.parallelize([1]), sc.parallelize([2]), sc.parallelize([3])])
    assert three.collect() == [1, 2, 3]
    assert sc.union([r1]).collect() == [1, 2]


def test_union_of_nothing(sc):
    with pytest.raises(IndexError, match="list index out of range"):
        sc.union([])


def test_run_job(sc):
    rdd = sc.parallelize(range(6), 3)
    assert sc.runJob(rdd, lambda part: [x * x for x in part]) == [0, 1, 4, 9, 16, 25]
    assert sc.runJob(rdd, lambda part: [x * x for x in part], [0, 2]) == [0, 1, 16, 25]
    assert sc.runJob(rdd, lambda part: [sum(part)], [1]) == [5]


# ---------------------------------------------------------------- text files


def test_text_file(sc, text_dir):
    path = str(text_dir / "a.txt")
    rdd = sc.textFile(path)
    assert rdd.collect() == WORDS
    assert rdd.name() == path
    assert rdd.getNumPartitions() == 2
    assert rdd.glom().collect() == [
        ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"],
        ["hotel", "india", "juliet", "kilo", "lima", "mike", "nov"],
    ]


def test_text_file_min_partitions(sc, text_dir):
    path = str(text_dir / "a.txt")
    one = sc.textFile(path, minPartitions=1)
    assert one.getNumPartitions() == 1
    assert one.glom().collect() == [WORDS]
    three = sc.textFile(path, minPartitions=3)
    assert three.getNumPartitions() == 3
    assert three.glom().collect() == [
        ["alpha", "bravo", "charlie", "delta", "echo"],
        ["foxtrot", "golf", "hotel", "india"],
        ["juliet", "kilo", "lima", "mike", "nov"],
    ]
    assert sc.textFile(path, 3).getNumPartitions() == 3
    four = sc.textFile(path, minPartitions=4)
    assert four.getNumPartitions() == 4
    assert four.glom().collect() == [
        ["alpha", "bravo", "charlie", "delta"],
        ["echo", "foxtrot", "golf"],
        ["hotel", "india", "juliet"],
        ["kilo", "lima", "mike", "nov"],
    ]


def test_text_file_min_partitions_can_give_more_splits(sc, text_dir):
    path = str(text_dir / "a.txt")
    five = sc.textFile(path, minPartitions=5)
    assert five.getNumPartitions() == 6
    assert five.glom().collect() == [
        ["alpha", "bravo", "charlie"],
        ["delta", "echo", "foxtrot"],
        ["golf", "hotel"],
        ["india", "juliet", "kilo"],
        ["lima", "mike", "nov"],
        [],
    ]
    seven = sc.textFile(path, minPartitions=7)
    assert seven.getNumPartitions() == 8
    assert seven.glom().collect() == [
        ["alpha", "bravo"],
        ["charlie", "delta"],
        ["echo", "foxtrot"],
        ["golf", "hotel"],
        ["india"],
        ["juliet", "kilo"],
        ["lima", "mike"],
        ["nov"],
    ]
    ten = sc.textFile(path, minPartitions=10)
    assert ten.getNumPartitions() == 11
    assert ten.glom().collect() == [
        ["alpha", "bravo"],
        ["charlie"],
        ["delta"],
        ["echo", "foxtrot"],
        ["golf"],
        ["hotel"],
        ["india", "juliet"],
        ["kilo"],
        ["lima"],
        ["mike", "nov"],
        [],
    ]


def test_text_file_line_endings(sc, text_dir):
    assert sc.textFile(str(text_dir / "b.txt")).collect() == ["one", "two"]
    assert sc.textFile(str(text_dir / "c.csv")).collect() == ["x,y", "1,2", "", "last"]


def test_text_file_folder(sc, text_dir):
    rdd = sc.textFile(str(text_dir))
    assert sorted(rdd.collect()) == sorted(WORDS + ["one", "two", "x,y", "1,2", "", "last"])
    # 105 bytes in all, goal size 52: a.txt (82 bytes) splits in two, the others are one split each
    assert rdd.getNumPartitions() == 4
    assert sorted(rdd.glom().collect()) == [
        ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"],
        ["juliet", "kilo", "lima", "mike", "nov"],
        ["one", "two"],
        ["x,y", "1,2", "", "last"],
    ]


def test_text_file_glob_and_comma_list(sc, text_dir):
    rdd = sc.textFile(str(text_dir / "*.txt"))
    assert sorted(rdd.collect()) == sorted(WORDS + ["one", "two"])
    assert rdd.getNumPartitions() == 3
    both = sc.textFile(str(text_dir / "b.txt") + "," + str(text_dir / "c.csv"))
    assert both.collect() == ["one", "two", "x,y", "1,2", "", "last"]


def test_text_file_gzip_is_one_split(sc, tmp_path):
    path = str(tmp_path / "z.txt.gz")
    with gzip.open(path, "wt") as f:
        f.write(LINES)
    assert sc.textFile(path).collect() == WORDS
    assert sc.textFile(path, 5).getNumPartitions() == 1


def test_text_file_bytes_and_unicode(sc, tmp_path):
    (tmp_path / "b.txt").write_text("one\ntwo")
    assert sc.textFile(str(tmp_path / "b.txt"), use_unicode=False).collect() == [b"one", b"two"]
    (tmp_path / "u.txt").write_text("héllo\n日本\n", encoding="utf-8")
    assert sc.textFile(str(tmp_path / "u.txt")).collect() == ["héllo", "日本"]


def test_text_file_empty_file(sc, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    rdd = sc.textFile(str(tmp_path / "empty.txt"))
    assert rdd.collect() == []
    assert rdd.getNumPartitions() == 0


def test_text_file_missing_path_fails_at_the_action(sc, tmp_path):
    rdd = sc.textFile(str(tmp_path / "nope.txt"))  # lazy: no error yet
    with pytest.raises(Exception, match="Input path does not exist"):
        rdd.collect()


def test_whole_text_files(sc, tmp_path):
    (tmp_path / "1.txt").write_text("1")
    (tmp_path / "2.txt").write_text("2\nline2\n")
    rdd = sc.wholeTextFiles(str(tmp_path))
    pairs = sorted(rdd.collect())
    assert [k for k, _ in pairs] == [
        "file:" + str(tmp_path / "1.txt"),
        "file:" + str(tmp_path / "2.txt"),
    ]
    assert [v for _, v in pairs] == ["1", "2\nline2\n"]
    assert rdd.getNumPartitions() == 1
    assert sc.wholeTextFiles(str(tmp_path), 3).getNumPartitions() == 1
    globbed = sc.wholeTextFiles(str(tmp_path / "1*")).collect()
    assert [os.path.basename(k) for k, _ in globbed] == ["1.txt"]
    single = sc.wholeTextFiles(str(tmp_path / "2.txt")).collect()
    assert [(os.path.basename(k), v) for k, v in single] == [("2.txt", "2\nline2\n")]


# ---------------------------------------------------------------- broadcast


def test_broadcast_used_in_map(sc):
    b = sc.broadcast({1: "one", 2: "two"})
    assert isinstance(b, Broadcast)
    assert b.value == {1: "one", 2: "two"}
    assert sc.parallelize([1, 2, 1], 2).map(lambda x: b.value[x]).collect() == ["one", "two", "one"]
    lst = sc.broadcast([1, 2, 3, 4, 5])
    assert sc.parallelize([0, 0]).flatMap(lambda x: lst.value).collect() == [
        1, 2, 3, 4, 5, 1, 2, 3, 4, 5,
    ]  # fmt: skip


def test_broadcast_unpersist_keeps_it_usable(sc):
    b = sc.broadcast([1, 2, 3, 4, 5])
    assert b.unpersist() is None
    assert b.value == [1, 2, 3, 4, 5]
    assert sc.parallelize([0], 1).map(lambda x: sum(b.value)).collect() == [15]
    b.unpersist(blocking=True)
    assert sc.parallelize([0], 1).map(lambda x: len(b.value)).collect() == [5]


def test_broadcast_destroy_then_use_fails(sc):
    b = sc.broadcast(10)
    assert sc.parallelize([1], 1).map(lambda x: x + b.value).collect() == [11]
    assert b.destroy() is None
    with pytest.raises(
        Exception, match=r"Attempted to use Broadcast\(\d+\) after it was destroyed"
    ):
        sc.parallelize([1], 1).map(lambda x: x + b.value).collect()
    with pytest.raises(
        Exception, match=r"Attempted to use Broadcast\(\d+\) after it was destroyed"
    ):
        b.destroy()


# ---------------------------------------------------------------- accumulators


def test_int_accumulator(sc):
    a = sc.accumulator(1)
    assert a.value == 1
    sc.parallelize([1, 2, 3], 2).foreach(lambda x: a.add(x))
    assert a.value == 7

    def inc(x):
        nonlocal a
        a += x  # Accumulator.__iadd__ in the task

    sc.parallelize([10, 20], 2).foreach(inc)
    assert a.value == 37
    a.value = 100
    assert a.value == 100
    a.add(5)
    assert a.value == 105
    a += 1
    assert a.value == 106
    assert str(a) == "106"
    assert re.fullmatch(r"Accumulator<id=\d+, value=106>", repr(a))


def test_float_and_complex_accumulators(sc):
    f = sc.accumulator(0.0)
    sc.parallelize([1.5, 2.25, 3.0], 3).foreach(lambda x: f.add(x))
    assert f.value == 6.75
    c = sc.accumulator(1 + 2j)
    sc.parallelize([1j, 2], 2).foreach(lambda x: c.add(x))
    assert c.value == 3 + 3j


def test_custom_accumulator_param_vector(sc):
    # defined here, not at module level, so that tasks get it by value
    class VectorParam(AccumulatorParam):
        def zero(self, value):
            return [0.0] * len(value)

        def addInPlace(self, v1, v2):
            for i in range(len(v1)):
                v1[i] += v2[i]
            return v1

    va = sc.accumulator([1.0, 2.0, 3.0], VectorParam())
    sc.parallelize([[1.0, 1.0, 1.0], [0.5, 0.0, 2.0]], 2).foreach(lambda v: va.add(v))
    assert va.value == [2.5, 3.0, 6.0]
    va += [10.0, 0.0, 0.0]
    assert va.value == [12.5, 3.0, 6.0]


def test_custom_accumulator_param_list(sc):
    class ListParam(AccumulatorParam):
        def zero(self, value):
            return []

        def addInPlace(self, a1, a2):
            return a1 + a2

    la = sc.accumulator([], ListParam())
    sc.parallelize([1, 2, 3, 4], 2).foreach(lambda x: la.add([x]))
    assert sorted(la.value) == [1, 2, 3, 4]


def test_accumulator_without_param_for_type(sc):
    with pytest.raises(TypeError, match="No default accumulator param for type <class 'list'>"):
        sc.accumulator([1, 2])
    with pytest.raises(TypeError, match="No default accumulator param for type <class 'str'>"):
        sc.accumulator("x")


def test_accumulator_value_inside_task(sc):
    a = sc.accumulator(0)
    with pytest.raises(PythonException) as info:
        sc.parallelize([1], 1).map(lambda x: a.value).collect()
    assert (
        "[VALUE_NOT_ACCESSIBLE] Value `Accumulator.value` cannot be accessed inside tasks."
        in str(info.value)
    )


# ---------------------------------------------------------------- context properties


def test_context_properties(sc):
    assert isinstance(sc, SparkContext)
    assert SparkContext.getOrCreate() is sc
    assert sc.defaultParallelism == 2
    assert sc.defaultMinPartitions == 2
    assert sc.version == "4.3.0"
    assert isinstance(sc.applicationId, str)
    assert sc.applicationId.startswith("local-")
    assert sc.master == "local[2]"
    assert sc.appName == "ember-tests"
    assert isinstance(sc.startTime, int)
    assert isinstance(sc.sparkUser(), str)
    assert sc.getConf().get("spark.master") == "local[2]"
    assert type(sc.getConf()).__name__ == "SparkConf"


def test_set_log_level(sc):
    for level in ["WARN", "ERROR", "INFO", "DEBUG", "ALL", "TRACE", "FATAL", "warn", "OFF"]:
        assert sc.setLogLevel(level) is None
    with pytest.raises(
        IllegalArgumentException,
        match="Supplied level LOUD did not match one of: ALL,DEBUG,ERROR,WARN,INFO,OFF,FATAL,TRACE",
    ):
        sc.setLogLevel("LOUD")
    sc.setLogLevel("WARN")


def test_local_properties(sc, clean_job_group):
    sc.setLocalProperty("mykey", "myval")
    assert sc.getLocalProperty("mykey") == "myval"
    assert sc.getLocalProperty("nokey") is None
    sc.setJobDescription("desc!")
    assert sc.getLocalProperty("spark.job.description") == "desc!"
    sc.setJobGroup("grp-props", "d3", interruptOnCancel=True)
    assert sc.getLocalProperty("spark.jobGroup.id") == "grp-props"
    assert sc.getLocalProperty("spark.job.description") == "d3"
    assert sc.getLocalProperty("spark.job.interruptOnCancel") == "true"
    for key in JOB_PROPERTIES:
        sc.setLocalProperty(key, None)
    assert [sc.getLocalProperty(key) for key in JOB_PROPERTIES] == [None, None, None]


def test_checkpoint_dir(sc, tmp_path):
    sc.setCheckpointDir(str(tmp_path))
    assert sc.getCheckpointDir().startswith("file:" + str(tmp_path) + "/")


# ---------------------------------------------------------------- status tracker


def test_status_tracker_job_group(sc, clean_job_group):
    st = sc.statusTracker()
    assert type(st).__name__ == "StatusTracker"
    assert st.getJobIdsForGroup("grp-never-used") == []
    sc.setJobGroup("grp1", "my group")
    assert sc.getLocalProperty("spark.jobGroup.id") == "grp1"
    assert sc.getLocalProperty("spark.job.description") == "my group"
    sc.parallelize(range(10), 3).count()
    ids = st.getJobIdsForGroup("grp1")
    assert isinstance(ids, list) and len(ids) == 1 and isinstance(ids[0], int)
    job = st.getJobInfo(ids[0])
    assert type(job).__name__ == "SparkJobInfo"
    assert job._fields == ("jobId", "stageIds", "status")
    assert job.status == "SUCCEEDED"
    assert len(job.stageIds) == 1
    stage = st.getStageInfo(job.stageIds[0])
    assert type(stage).__name__ == "SparkStageInfo"
    assert stage._fields == (
        "stageId",
        "currentAttemptId",
        "name",
        "numTasks",
        "numActiveTasks",
        "numCompletedTasks",
        "numFailedTasks",
    )
    assert (
        stage.numTasks,
        stage.numActiveTasks,
        stage.numCompletedTasks,
        stage.numFailedTasks,
        stage.currentAttemptId,
    ) == (3, 0, 3, 0, 0)
    assert isinstance(stage.name, str)
    assert stage.name.startswith("count at ")

    sc.parallelize(range(10), 2).map(lambda x: (x % 2, x)).reduceByKey(add).collect()
    ids = st.getJobIdsForGroup("grp1")
    assert len(ids) == 2
    job = st.getJobInfo(max(ids))
    assert job.status == "SUCCEEDED"
    assert sorted(st.getStageInfo(s).numTasks for s in job.stageIds) == [2, 2]


def test_status_tracker_shuffle_job_stages(sc, clean_job_group):
    st = sc.statusTracker()
    sc.setJobGroup("grp-shuffle", "d4")
    sc.parallelize(range(8), 4).map(lambda x: (x % 2, x)).groupByKey(3).mapValues(len).collect()
    [job_id] = st.getJobIdsForGroup("grp-shuffle")
    job = st.getJobInfo(job_id)
    assert job.status == "SUCCEEDED"
    assert sorted(st.getStageInfo(s).numTasks for s in job.stageIds) == [3, 4]
    sc.setJobGroup("grp-take", "d5")
    sc.parallelize(range(4), 2).take(1)
    [take_id] = st.getJobIdsForGroup("grp-take")
    take = st.getJobInfo(take_id)
    assert (take.status, [st.getStageInfo(s).numTasks for s in take.stageIds]) == (
        "SUCCEEDED",
        [1],
    )


def test_status_tracker_failed_job(sc, clean_job_group):
    st = sc.statusTracker()
    sc.setJobGroup("grp-failed", "d")
    with pytest.raises(PythonException):
        sc.parallelize([0], 1).map(lambda x: 1 / x).collect()
    ids = st.getJobIdsForGroup("grp-failed")
    assert [st.getJobInfo(i).status for i in ids] == ["FAILED"]
    stages = [st.getStageInfo(s) for i in ids for s in st.getJobInfo(i).stageIds]
    # PySpark's local scheduler tries a task once; Ember retries it up to
    # spark.task.maxFailures (4) times, in local mode too (docs/rdd.md).
    assert [(s.numTasks, s.numFailedTasks, s.numCompletedTasks) for s in stages] == [(1, 4, 0)]


def test_status_tracker_unknown_ids_and_idle(sc):
    st = sc.statusTracker()
    assert st.getJobInfo(99999) is None
    assert st.getStageInfo(99999) is None
    assert st.getActiveJobsIds() == []
    assert st.getActiveStageIds() == []
