"""The scheduler: stages cut at shuffles, worker processes, retries,
cancellation, cached blocks, spilling, status and the progress bar."""

import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from ember.errors import PythonException

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_script(code: str, timeout: int = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def last_job(sc):
    jobs = sc.statusTracker()._core.jobs()
    return sc.statusTracker().getJobInfo(jobs[-1][0])


def test_stages_are_cut_at_each_shuffle(sc):
    rdd = (
        sc.parallelize(range(12), 3)
        .map(lambda x: (x % 4, x))
        .reduceByKey(lambda a, b: a + b)
        .map(lambda kv: (kv[1] % 2, kv[0]))
        .groupByKey()
        .mapValues(sorted)
    )
    assert sorted(rdd.collect()) == [(0, [0, 2]), (1, [1, 3])]
    job = last_job(sc)
    assert job.status == "SUCCEEDED"
    assert len(job.stageIds) == 3
    tasks = [sc.statusTracker().getStageInfo(s).numTasks for s in job.stageIds]
    assert tasks == [3, 3, 3]
    # A second action finds the shuffle outputs and runs the result stage only.
    assert rdd.count() == 2
    assert len(last_job(sc).stageIds) == 1


def test_local_n_runs_tasks_in_worker_processes(sc):
    def pid(_):
        time.sleep(0.2)
        return os.getpid()

    pids = set(sc.parallelize(range(4), 4).map(pid).collect())
    assert os.getpid() not in pids
    assert len(pids) == 2


def test_local_1_runs_tasks_in_the_driver():
    out = run_script(
        """
        import os
        from ember.sql import SparkSession
        sc = SparkSession.builder.master("local[1]").getOrCreate().sparkContext
        pids = set(sc.parallelize(range(4), 4).map(lambda _: os.getpid()).collect())
        print(pids == {os.getpid()}, sc.defaultParallelism)
        """
    )
    assert out.stdout.split() == ["True", "1"], out.stderr


def test_a_killed_worker_fails_only_its_task(sc, tmp_path):
    marker = str(tmp_path / "killed")

    def crash_once(x):
        if x == 5 and not os.path.exists(marker):
            open(marker, "w").close()
            os.kill(os.getpid(), 9)
        return x * 2

    assert sc.parallelize(range(10), 4).map(crash_once).collect() == [
        0, 2, 4, 6, 8, 10, 12, 14, 16, 18,
    ]  # fmt: skip
    stage = sc.statusTracker().getStageInfo(last_job(sc).stageIds[0])
    assert (stage.numCompletedTasks, stage.numFailedTasks) == (4, 1)


def test_user_exception_fails_the_job_after_four_attempts(sc):
    with pytest.raises(PythonException) as e:
        sc.parallelize([1, 0], 2).map(lambda x: 1 / x).collect()
    text = str(e.value)
    assert "ZeroDivisionError: division by zero" in text
    assert "Traceback (most recent call last)" in text
    job = last_job(sc)
    assert job.status == "FAILED"
    assert sc.statusTracker().getStageInfo(job.stageIds[0]).numFailedTasks == 4


def test_lost_cached_partition_is_recomputed_from_lineage(sc):
    computed = sc.accumulator(0)

    def f(x):
        computed.add(1)
        return x * 10

    rdd = sc.parallelize(range(6), 3).map(f).cache()
    assert rdd.collect() == [0, 10, 20, 30, 40, 50]
    assert computed.value == 6
    assert rdd.collect() == [0, 10, 20, 30, 40, 50]
    assert computed.value == 6
    sc._core.drop_cached_partition(rdd._node, 1)
    assert rdd.collect() == [0, 10, 20, 30, 40, 50]
    assert computed.value == 8
    rdd.unpersist()
    assert rdd.count() == 6
    assert computed.value == 14


def test_shuffle_blocks_spill_to_disk_past_the_memory_budget():
    out = run_script(
        """
        import os
        from ember.sql import SparkSession
        spark = (SparkSession.builder.master("local[2]")
                 .config("spark.ember.blockStore.memory", "1k").getOrCreate())
        sc = spark.sparkContext
        r = sc.parallelize(range(20000), 4).map(lambda x: (x % 100, x))
        r = r.reduceByKey(lambda a, b: a + b)
        print(sorted(r.collect())[:2])
        print(len(os.listdir(os.path.join(sc._local_dir(), "blocks"))) > 0)
        """
    )
    assert out.stdout.splitlines() == ["[(0, 1990000), (1, 1990200)]", "True"], out.stderr


def test_ctrl_c_cancels_the_job_and_the_session_stays_usable():
    out = run_script(
        """
        import os, signal, threading, time
        from ember.sql import SparkSession
        sc = SparkSession.builder.master("local[2]").getOrCreate().sparkContext
        threading.Timer(1.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
        t = time.time()
        try:
            sc.parallelize(range(100), 4).map(lambda x: time.sleep(0.5)).collect()
        except KeyboardInterrupt:
            print("interrupted", time.time() - t < 10)
        print(sc.parallelize([1, 2], 2).sum())
        print(sc.statusTracker().getJobInfo(0).status)
        """
    )
    assert out.stdout.splitlines() == ["interrupted True", "3", "FAILED"], out.stderr


def test_ctrl_c_stops_a_task_running_in_the_driver():
    out = run_script(
        """
        import os, signal, threading, time
        from ember.sql import SparkSession
        sc = SparkSession.builder.master("local[1]").getOrCreate().sparkContext
        threading.Timer(1.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
        def slow(x):
            for _ in range(400):
                time.sleep(0.05)
            return x
        t = time.time()
        try:
            sc.parallelize(range(4), 2).map(slow).collect()
        except KeyboardInterrupt:
            print("interrupted", time.time() - t < 8)
        print(sc.parallelize([1, 2], 2).sum())
        """
    )
    assert out.stdout.splitlines() == ["interrupted True", "3"], out.stderr


def test_cancel_job_group_from_another_thread(sc):
    errors = []

    def run():
        sc.setJobGroup("slow-group", "a slow job")
        try:
            sc.parallelize(range(40), 4).map(lambda x: time.sleep(0.25)).collect()
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    t = threading.Thread(target=run)
    t.start()
    time.sleep(1.0)
    sc.cancelJobGroup("slow-group")
    t.join(30)
    assert not t.is_alive()
    assert len(errors) == 1
    assert "[SPARK_JOB_CANCELLED] Job" in str(errors[0])
    assert "cancelled part of cancelled job group slow-group" in str(errors[0])
    ids = sc.statusTracker().getJobIdsForGroup("slow-group")
    assert [sc.statusTracker().getJobInfo(i).status for i in ids] == ["FAILED"]
    # The workers were restarted: the next job runs.
    assert sc.parallelize([1, 2, 3], 2).sum() == 6


def test_cancelling_one_group_leaves_other_jobs_running(sc):
    results, errors = {}, {}

    def run(group, n):
        sc.setJobGroup(group, group)
        try:
            results[group] = sc.parallelize(range(n), 2).map(lambda x: time.sleep(0.3) or x).sum()
        except Exception as e:  # noqa: BLE001
            errors[group] = e
        finally:
            sc.setLocalProperty("spark.jobGroup.id", None)

    a = threading.Thread(target=run, args=("cancel-me", 40))
    b = threading.Thread(target=run, args=("keep-me", 8))
    a.start()
    b.start()
    time.sleep(0.8)
    sc.cancelJobGroup("cancel-me")
    a.join(60)
    b.join(60)
    assert "cancelled part of cancelled job group cancel-me" in str(errors["cancel-me"])
    assert results == {"keep-me": 28}


def test_console_progress_bar_on_long_stages():
    out = run_script(
        """
        import time
        from ember.sql import SparkSession
        spark = (SparkSession.builder.master("local[2]")
                 .config("spark.ui.showConsoleProgress", "true").getOrCreate())
        sc = spark.sparkContext
        print(sc.parallelize(range(8), 4).map(lambda x: time.sleep(0.4) or x).sum())
        """
    )
    assert out.stdout.strip() == "28"
    assert "[Stage 0:" in out.stderr
    assert "/ 4]" in out.stderr
    assert "(0 + 2) / 4]" in out.stderr or "(2 + 2) / 4]" in out.stderr


def test_stage_metrics(sc):
    words = sc.parallelize(["a b", "b c", "c a b"], 3).flatMap(str.split)
    counts = words.map(lambda w: (w, 1)).reduceByKey(lambda a, b: a + b)
    assert sorted(counts.collect()) == [("a", 2), ("b", 3), ("c", 2)]
    map_stage, result_stage = last_job(sc).stageIds
    m = sc.statusTracker().getStageMetrics(map_stage)
    r = sc.statusTracker().getStageMetrics(result_stage)
    assert m["recordsRead"] == 3
    assert m["recordsWritten"] == 7  # (word, count) pairs after each map-side combine
    assert m["shuffleWriteBytes"] > 0
    assert r["shuffleReadBytes"] == m["shuffleWriteBytes"]
    assert r["numTasks"] == 3
    assert r["completionTime"] >= r["submissionTime"]
