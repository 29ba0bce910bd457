"""The kernel sizes its threads and heap from its cgroup's limits (a pod's or a container's), not from the
node: environment/limits.sh, read by environment/kernel.sh, checked here on fake cgroup files."""

import os
import subprocess
from pathlib import Path

import pytest

LIMITS = Path(__file__).resolve().parents[1] / "limits.sh"
CORES = len(os.sched_getaffinity(0))   # what nproc counts: the CPUs this process may run on


def limits(what, cgroup_dir):
    env = dict(os.environ, COURSE_CGROUP_DIR=str(cgroup_dir))
    return subprocess.run(["bash", str(LIMITS), what], env=env, capture_output=True, text=True, check=True).stdout.strip()


def cgroup_v2(tmp_path, **files):
    (tmp_path / "cgroup.controllers").write_text("cpu memory\n")
    for name, text in files.items():
        (tmp_path / name.replace("_", ".")).write_text(text + "\n")
    return tmp_path


def cgroup_v1(tmp_path, quota, period=100000, memory=None):
    (tmp_path / "cpu").mkdir()
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text(f"{quota}\n")
    (tmp_path / "cpu" / "cpu.cfs_period_us").write_text(f"{period}\n")
    if memory is not None:
        (tmp_path / "memory").mkdir()
        (tmp_path / "memory" / "memory.limit_in_bytes").write_text(f"{memory}\n")
    return tmp_path


@pytest.mark.parametrize("cpu_max, expected", [
    ("100000 100000", 1),            # a 1-CPU pod on a node of any size
    ("50000 100000", 1),             # half a CPU still gets one thread
    ("150000 100000", min(2, CORES)),  # 1.5 CPUs: rounded up, never above the cores there are
    ("max 100000", CORES),           # no quota: every core
])
def test_threads_follow_the_cgroup_v2_cpu_quota(tmp_path, cpu_max, expected):
    assert limits("cpus", cgroup_v2(tmp_path, cpu_max=cpu_max)) == str(expected)


def test_threads_follow_the_cgroup_v1_cpu_quota(tmp_path):
    assert limits("cpus", cgroup_v1(tmp_path, quota=100000)) == "1"


def test_no_cgroup_v1_quota_means_every_core(tmp_path):
    assert limits("cpus", cgroup_v1(tmp_path, quota=-1)) == str(CORES)


@pytest.mark.parametrize("memory_max, expected", [
    ("max", "1g"),                   # no limit: the heap sized for Binder's 2 GB
    (str(2 << 30), "1g"),            # Binder's 2 GB
    (str(1 << 30), "512m"),          # a 1 GiB pod: half for the heap, half for the engines' arrays
    (str(300 << 20), "256m"),        # never below 256 MiB
])
def test_heap_follows_the_cgroup_v2_memory_limit(tmp_path, memory_max, expected):
    assert limits("heap", cgroup_v2(tmp_path, memory_max=memory_max)) == expected


def test_heap_follows_the_cgroup_v1_memory_limit(tmp_path):
    assert limits("heap", cgroup_v1(tmp_path, quota=-1, memory=1 << 30)) == "512m"


def test_a_huge_cgroup_v1_memory_number_means_no_limit(tmp_path):
    assert limits("heap", cgroup_v1(tmp_path, quota=-1, memory=9223372036854771712)) == "1g"


def test_the_session_memory_limit_comes_from_the_cgroup_first(tmp_path, monkeypatch):
    monkeypatch.setenv("MEM_LIMIT", str(4 << 30))
    assert limits("memory", cgroup_v2(tmp_path, memory_max=str(2 << 30))) == str(2 << 30)


def test_without_a_cgroup_limit_the_memory_limit_is_jupyterhubs_mem_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("MEM_LIMIT", str(2 << 30))
    assert limits("memory", cgroup_v2(tmp_path, memory_max="max")) == str(2 << 30)
    monkeypatch.delenv("MEM_LIMIT")
    assert limits("memory", cgroup_v2(tmp_path, memory_max="max")) == ""


def kernel_environment(tmp_path, **env):
    """What kernel.sh hands the JVM: a fake java (JAVA_HOME) prints the switches instead of starting."""
    (tmp_path / "bin").mkdir()
    java = tmp_path / "bin" / "java"
    java.write_text('#!/bin/sh\necho "profile=$COURSE_PROFILE"\n')
    java.chmod(0o755)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("BINDER_", "COURSE_PROFILE"))}
    result = subprocess.run(["bash", str(LIMITS.parent / "kernel.sh"), str(tmp_path), "connection.json"],
                            env=dict(base, JAVA_HOME=str(tmp_path), **env), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_on_binder_the_kernel_runs_the_fast_profile(tmp_path):
    assert kernel_environment(tmp_path, BINDER_REPO_URL="https://github.com/school/course") == "profile=fast"


def test_on_binder_a_profile_the_session_chose_wins(tmp_path):
    assert kernel_environment(tmp_path, BINDER_LAUNCH_HOST="https://mybinder.org/",
                              COURSE_PROFILE="full") == "profile=full"


def test_elsewhere_the_profile_is_left_unset_so_the_full_course_runs(tmp_path):
    assert kernel_environment(tmp_path) == "profile="


@pytest.mark.kernel
def test_a_kernel_under_a_one_cpu_quota_runs_one_thread_and_says_so_in_its_banner(kit_kernel, tmp_path, monkeypatch):
    import nbformat
    import kernel_runner
    monkeypatch.setenv("COURSE_CGROUP_DIR", str(cgroup_v2(tmp_path, cpu_max="100000 100000")))
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("var course = Course.start();")]
    run = kernel_runner.execute(nb, "MXNet", "fast", 300, cwd=tmp_path)
    banner = "".join(o.get("text", "") for o in nb.cells[0].outputs)
    assert run.problems == [] and "· 1 thread (OMP_NUM_THREADS) ·" in banner, (run.problems, banner)
