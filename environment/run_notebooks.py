"""Executes the kit's notebooks headless through the real Java kernel, as `./course test` does.

Each notebook runs in a fresh kernel, with a timeout per cell; kernel_runner.py says what fails a run (an
error output, so a failed check cell, or a Java stack trace on stderr). The editions split the engines
(MATRIX): the French editions (notebooks/fr) run on MXNet, the English ones (notebooks/en) on PyTorch, so
both languages and both engines are tested in the time of one. --engine runs the notebooks given on the
engines given instead (with no notebook given: the editions of those engines, written afresh from source/
into build/editions). The executed copies go to
build/notebooks/<profile>/<engine>/<edition>/ as .ipynb and .html so a person can look at them, with a
summary (wall time, kernel peak memory) in summary.json.

Usage: run_notebooks.py [--engine MXNet|PyTorch ...] [--profile fast|full] [--timeout S] [NOTEBOOK ...]
"""

import argparse
import json
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

import editions
import kernel_runner

ROOT = Path(__file__).resolve().parent.parent
# With no notebook given: both editions written afresh from source/ into build/editions, so the run tests the
# sources whatever a person did to their copies in notebooks/fr and notebooks/en.
EDITIONS = ROOT / "build" / "editions"
# Which engine runs which edition in ./course test.
MATRIX = {"fr": "MXNet", "en": "PyTorch"}


def run_one(path, engine, profile, timeout, out_dir):
    nb = nbformat.read(path, as_version=4)
    run = kernel_runner.execute(nb, engine, profile, timeout, cwd=path.parent)
    out_dir.mkdir(parents=True, exist_ok=True)
    executed = out_dir / path.name
    nbformat.write(nb, executed)
    html, _ = HTMLExporter().from_notebook_node(nb)
    executed.with_suffix(".html").write_text(html, encoding="utf-8")
    return {"notebook": path.name, "edition": path.parent.name, "engine": engine, "profile": profile,
            "seconds": round(run.seconds, 1), "peak_rss_mib": run.peak_rss_mib,
            "problems": [{"cell": c, "what": w} for c, w in run.problems], "executed": str(executed)}


def check_that_checks_fail(out_dir, engine):
    """Proves the runner catches a failed check cell: notebook 01 with an impossible tolerance must fail."""
    source = ROOT / "source" / "01_linear_regression.ipynb"   # English: the check's words are known
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


def planned_runs(notebooks, engines):
    """(engine, notebook) pairs: the notebooks given on the engines given; with no engine, each edition on its
    MATRIX engine (any other notebook on both); with no notebook, the editions of the engines given (or all)."""
    if not notebooks:
        sources = sorted(editions.SOURCES.glob("[0-9]*.ipynb"))
        editions.write_editions(sources, EDITIONS, force=True, log=lambda m: None)
        chosen = engines or list(MATRIX.values())
        return [(engine, path) for lang, engine in MATRIX.items() if engine in chosen
                for path in sorted((EDITIONS / lang).glob("[0-9]*.ipynb"))]
    if engines:
        return [(engine, path) for engine in engines for path in notebooks]
    return [(engine, path) for path in notebooks
            for engine in ([MATRIX[path.parent.name]] if path.parent.name in MATRIX else kernel_runner.ENGINES)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--engine", action="append", choices=kernel_runner.ENGINES,
                        help="engine to run on (repeatable; default: French on MXNet, English on PyTorch)")
    parser.add_argument("--profile", default="fast", choices=kernel_runner.PROFILES)
    parser.add_argument("--timeout", type=int, default=None, help="seconds per cell (default 300 fast, 7200 full)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "notebooks")
    parser.add_argument("--self-test", action="store_true",
                        help="also prove that a failing check cell fails the run (notebook 01, tolerance 0)")
    args = parser.parse_args()

    runs = planned_runs([p.resolve() for p in args.notebooks], args.engine)
    timeout = args.timeout or kernel_runner.default_timeout(args.profile)
    if not runs:
        sys.exit("run_notebooks: no notebooks found in source/.")

    results = []
    for engine, path in runs:
        print(f"--- {path.parent.name}/{path.name} on {engine} ({args.profile})", flush=True)
        result = run_one(path, engine, args.profile, timeout, args.out / args.profile / engine / path.parent.name)
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
        passed = check_that_checks_fail(args.out, runs[0][0])
        results.append({"notebook": "self-test"})
        failed += 0 if passed else 1
    print(f"Executed notebooks and their HTML: {args.out / args.profile}")
    print(f"notebooks: {len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
