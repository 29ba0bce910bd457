"""Executes the kit's notebooks headless through the real Java kernel, as `./course test` does.

Each notebook runs once per engine, in a fresh kernel, with a timeout. A run fails on any error
output (a failed check cell throws, so it lands here), and on any stderr output that looks like a
Java stack trace. The executed copies go to build/notebooks/<engine>/ as .ipynb and .html so a
person can look at them, with a summary (wall time, kernel peak memory) in summary.json.

Usage: run_notebooks.py [--engine MXNet|PyTorch ...] [--profile fast|full] [--timeout S] [NOTEBOOK ...]
"""

import argparse
import json
import os
import re
import sys
import threading
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
KERNEL = "dl-course"
# The kit's kernelspec, written by `./course setup`.
os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(ROOT / "build" / "jupyter"), os.environ.get("JUPYTER_PATH")]))
# A Java stack trace line ("\tat pkg.Class.method(File.java:12)") or an uncaught exception header.
TRACEBACK = re.compile(r"^\s+at [\w$.<>/]+\(.*\)\s*$|^Exception in thread ", re.MULTILINE)


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


def run_one(path, engine, profile, timeout, out_dir):
    nb = nbformat.read(path, as_version=4)
    os.environ["DJL_DEFAULT_ENGINE"] = engine
    os.environ["COURSE_PROFILE"] = profile
    client = NotebookClient(nb, timeout=timeout, startup_timeout=300, kernel_name=KERNEL, allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.monotonic()
    fatal = None
    with PeakWatcher(client) as watcher:
        try:
            client.execute()
        except CellTimeoutError:
            fatal = f"a cell ran past the {timeout} s timeout"
        except DeadKernelError as e:
            fatal = f"the kernel died ({e}); out of memory?"
        except Exception as e:  # a kernel that never started, or died while nbclient cleaned up
            fatal = f"the kernel run failed: {type(e).__name__}: {e}"
    seconds = time.monotonic() - started
    out_dir.mkdir(parents=True, exist_ok=True)
    executed = out_dir / path.name
    nbformat.write(nb, executed)
    html, _ = HTMLExporter().from_notebook_node(nb)
    executed.with_suffix(".html").write_text(html, encoding="utf-8")
    problems = problems_in(nb)
    if fatal:
        problems.append((None, fatal))
    return {"notebook": path.name, "engine": engine, "profile": profile, "seconds": round(seconds, 1),
            "peak_rss_mib": round(watcher.peak / 1024) if watcher.peak else None,
            "problems": [{"cell": c, "what": w} for c, w in problems], "executed": str(executed)}


def check_that_checks_fail(out_dir, engine):
    """Proves the runner catches a failed check cell: notebook 01 with an impossible tolerance must fail."""
    source = ROOT / "notebooks" / "01_linear_regression.ipynb"
    nb = nbformat.read(source, as_version=4)
    marker = "double tolerance = 1e-3;"
    cells = [c for c in nb.cells if c.cell_type == "code" and marker in c.source]
    if len(cells) != 1:
        sys.exit(f"run_notebooks: self-test cannot find '{marker}' in {source.name}")
    cells[0].source = cells[0].source.replace(marker, "double tolerance = 0;")
    broken = out_dir / "selftest" / "01_broken_tolerance.ipynb"
    broken.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, broken)
    print(f"--- self-test: {source.name} with tolerance 0 must fail", flush=True)
    result = run_one(broken, engine, "fast", 300, broken.parent)
    caught = any("IllegalStateException" in p["what"] or "closed form" in p["what"] for p in result["problems"])
    print(f"    {'ok, the broken check was caught' if caught else 'FAILED: the broken check cell went unnoticed'}")
    return caught


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--engine", action="append", choices=["MXNet", "PyTorch"],
                        help="engine to run on (repeatable; default: both)")
    parser.add_argument("--profile", default="fast", choices=["fast", "full"])
    parser.add_argument("--timeout", type=int, default=None, help="seconds per cell (default 300 fast, 7200 full)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "notebooks")
    parser.add_argument("--self-test", action="store_true",
                        help="also prove that a failing check cell fails the run (notebook 01, tolerance 0)")
    args = parser.parse_args()

    notebooks = [p.resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
    engines = args.engine or ["MXNet", "PyTorch"]
    timeout = args.timeout or (300 if args.profile == "fast" else 7200)
    if not notebooks:
        sys.exit("run_notebooks: no notebooks found")

    results = []
    for engine in engines:
        for path in notebooks:
            print(f"--- {path.name} on {engine} ({args.profile})", flush=True)
            result = run_one(path, engine, args.profile, timeout, args.out / args.profile / engine)
            results.append(result)
            status = "FAILED" if result["problems"] else "ok"
            print(f"    {status} in {result['seconds']} s, kernel peak {result['peak_rss_mib']} MiB", flush=True)
            for problem in result["problems"]:
                where = f"cell {problem['cell']}" if problem["cell"] else "run"
                print(f"    {path.name} [{engine}] {where}: {problem['what']}", flush=True)

    summary = args.out / args.profile / "summary.json"
    summary.write_text(json.dumps(results, indent=2))
    failed = sum(1 for r in results if r["problems"])
    if args.self_test:
        passed = check_that_checks_fail(args.out, engines[0])
        results.append({"notebook": "self-test"})
        failed += 0 if passed else 1
    print(f"Executed notebooks and their HTML: {args.out / args.profile}")
    print(f"notebooks: {len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
