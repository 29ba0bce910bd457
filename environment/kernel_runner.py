"""The one way the kit's tools run a notebook headless through its Java kernel, and judge the run.

run_notebooks.py (the solutions, `./course test`), student.py --check (the student versions), and the
check-mutation test (environment/tests/test_check_mutations.py) all call `execute`, then `problems_in`:

    run = kernel_runner.execute(nb, engine="MXNet", profile="fast", timeout=300, cwd=notebooks_dir)
    run.problems   # [(cell number, what failed)], cell None for the run itself (timeout, dead kernel)

A run fails on any error output (a failed check cell throws, so it lands here) and on any stderr output
that looks like a Java stack trace. Cells are numbered from 1, markdown cells included, as a person
counts them in JupyterLab.
"""

import os
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The kit's kernelspec: ./course setup writes it into build/jupyter; the image installs it system-wide.
KERNEL = "dl-course"
KIT_KERNELSPECS = ROOT / "build" / "jupyter"
ENGINES = ("MXNet", "PyTorch")
PROFILES = ("fast", "full")
# A Java stack trace line ("\tat pkg.Class.method(File.java:12)") or an uncaught exception header.
TRACEBACK = re.compile(r"^\s+at [\w$.<>/]+\(.*\)\s*$|^Exception in thread ", re.MULTILINE)
# On a busy machine the JVM kernel can take more than nbclient's default 60 s to start.
STARTUP_TIMEOUT = 300


def default_timeout(profile):
    """Seconds per cell: the fast profile's cells take seconds, the full profile's training takes long."""
    return 300 if profile == "fast" else 7200


def problems_in(nb):
    """Every failed cell of an executed notebook: (cell number, short description)."""
    found = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                found.append((number, f"{output.ename}: {output.evalue}"))
            elif output.output_type == "stream" and output.name == "stderr" and TRACEBACK.search(output.text):
                first = output.text.strip().splitlines()[0]
                found.append((number, f"stack trace on stderr: {first}"))
    return found


def kernel_peak_rss_kib(pid):
    """Peak resident memory (VmHWM) of the kernel process, in KiB; None if unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


class PeakWatcher:
    """Reads the kernel's VmHWM until stopped: the kernel may be gone when the run ends."""

    def __init__(self, client):
        self.client = client
        self.peak = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.wait(0.5):
            km = getattr(self.client, "km", None)
            pid = getattr(getattr(km, "provisioner", None), "pid", None) if km else None
            if pid:
                value = kernel_peak_rss_kib(pid)
                if value:
                    self.peak = max(self.peak or 0, value)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


@dataclass
class Run:
    """One executed notebook: the notebook itself (outputs filled in), and how the run went."""
    nb: object
    seconds: float
    peak_rss_mib: int | None
    fatal: str | None   # why the run itself stopped (timeout, dead kernel, no kernel); None if it did not

    @property
    def problems(self):
        """The failed cells, then the run's own failure as cell None."""
        return problems_in(self.nb) + ([(None, self.fatal)] if self.fatal else [])


def use_kit_kernelspec():
    """Lets jupyter_client find ./course setup's kernelspec (build/jupyter) before any system-wide one."""
    paths = os.environ.get("JUPYTER_PATH", "").split(os.pathsep)
    if str(KIT_KERNELSPECS) not in paths:
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(KIT_KERNELSPECS), *paths]))


def kernel_env(engine, profile):
    """The kernel's environment: this process's, with the engine and the run size chosen."""
    if engine not in ENGINES or profile not in PROFILES:
        raise ValueError(f"engine {engine!r} or profile {profile!r}: choose from {ENGINES} and {PROFILES}")
    return dict(os.environ, DJL_DEFAULT_ENGINE=engine, COURSE_PROFILE=profile)


def execute(nb, engine, profile, timeout, cwd, stop_at_first_error=False):
    """Executes the notebook's code cells in order, in place, in a fresh kit kernel started in cwd; every
    cell may run `timeout` seconds. stop_at_first_error: the cells after the first error are not run
    (they would only cost time). Never raises for a failing notebook: it returns the Run to judge."""
    # Imported here: the rest of this module (and student.py, which imports it) needs no Jupyter client,
    # so the student versions can be generated with nbformat alone (the image test does, on the host).
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    use_kit_kernelspec()
    client = NotebookClient(nb, timeout=timeout, startup_timeout=STARTUP_TIMEOUT, kernel_name=KERNEL,
                            allow_errors=not stop_at_first_error, resources={"metadata": {"path": str(cwd)}})
    started, fatal = time.monotonic(), None
    with PeakWatcher(client) as watcher:
        try:
            client.execute(env=kernel_env(engine, profile))
        except CellExecutionError:
            pass  # the first error, kept in the cell's outputs: problems_in finds it there
        except CellTimeoutError:
            fatal = f"a cell ran past the {timeout} s timeout"
        except DeadKernelError as e:
            fatal = f"the kernel died ({e}); out of memory?"
        except Exception as e:  # a kernel that never started, or died while nbclient cleaned up
            fatal = f"the kernel run failed: {type(e).__name__}: {e}"
    return Run(nb, time.monotonic() - started, round(watcher.peak / 1024) if watcher.peak else None, fatal)


def has_kit_kernel():
    """Is the kernelspec dl-course installed: ./course setup's (build/jupyter) or the image's (system-wide)?"""
    if (KIT_KERNELSPECS / "kernels" / KERNEL / "kernel.json").exists():
        return True
    from jupyter_client.kernelspec import KernelSpecManager
    return KERNEL in KernelSpecManager().find_kernel_specs()
