"""Drives a running JupyterLab with a real browser, as a student would: opens a notebook, runs all its
cells, waits for the chart images, saves screenshots, and fails on any cell error.

Playwright (Python, from PyPI) drives Debian's Chromium (/usr/bin/chromium): no browser download.
The image test (environment/docker/test-image.sh) starts JupyterLab from the image and calls this.

Usage: browser_test.py --url http://127.0.0.1:PORT --token TOKEN [--notebook notebooks/01_x.ipynb]
                       [--screenshots DIR] [--timeout SECONDS] [--chromium /usr/bin/chromium] [--student]
Exit status 0 only if every cell ran without error (--student: the run stopped at the first exercise with
its TODO, no other error) and at least one chart image was drawn.
"""

import argparse
import json
import re
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright


def api_get(base, token, path):
    """GET a Jupyter server REST path, authenticated by token; returns the decoded JSON."""
    request = urllib.request.Request(f"{base}{path}", headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def errors_in(notebook):
    """The error outputs of a saved notebook (JSON model from the contents API): (cell, text)."""
    found = []
    for number, cell in enumerate(notebook["cells"], start=1):
        for output in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
            if output["output_type"] == "error":
                found.append((number, f"{output['ename']}: {output['evalue']}".strip()))
    return found


def wait_until_run(page, timeout_s):
    """Waits until no cell is queued or running ("[*]") and the kernel is idle again."""
    deadline = time.monotonic() + timeout_s
    time.sleep(2)  # let "Run All" queue the cells
    while time.monotonic() < deadline:
        busy = page.locator(".jp-InputPrompt", has_text="[*]").count()
        idle = page.locator("#jp-main-statusbar").get_by_text("| Idle").count()
        if busy == 0 and idle > 0:
            return True
        time.sleep(1)
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="JupyterLab's base URL, e.g. http://127.0.0.1:8899")
    parser.add_argument("--token", required=True)
    parser.add_argument("--notebook", default="notebooks/01_linear_regression.ipynb",
                        help="path relative to the server's root")
    parser.add_argument("--screenshots", type=Path, default=Path("build/image"))
    parser.add_argument("--timeout", type=int, default=600, help="seconds for the whole notebook to run")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--student", action="store_true",
                        help="a student version: the run must stop at the first exercise with its TODO, no other error")
    args = parser.parse_args()

    base = args.url.rstrip("/")
    args.screenshots.mkdir(parents=True, exist_ok=True)
    stem = Path(args.notebook).stem
    shot_top = args.screenshots / f"lab-{stem}-top.png"
    shot_chart = args.screenshots / f"lab-{stem}-chart.png"
    problems = []
    started = time.monotonic()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, headless=True,
                                    args=["--no-sandbox", "--disable-dev-shm-usage"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("pageerror", lambda e: print(f"    page error (JavaScript): {e}", flush=True))
        url = f"{base}/lab/tree/{urllib.parse.quote(args.notebook)}?token={args.token}"
        page.goto(url, wait_until="domcontentloaded", timeout=120_000)
        # The notebook is open and its kernel (the course's Java kernel) has started.
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=120_000)
        # The status bar shows "<kernel name> | <status>" once the notebook's session has its kernel;
        # before that it shows "No Kernel", and Run All would ask which kernel to start. (JJava takes
        # some seconds to start; its status may read "Unknown" until the first cell runs.)
        status = page.locator("#jp-main-statusbar").get_by_text(re.compile(r"DL course \| "))
        try:
            status.first.wait_for(timeout=180_000)
            kernel = status.first.inner_text().strip()
        except PlaywrightTimeout:
            kernel = " ".join(page.locator("#jp-main-statusbar").inner_text().split())
            problems.append(f"the notebook did not get the course's kernel within 180 s (status bar: {kernel})")
        # Run All while the kernel is still starting can be lost on a busy machine: wait until it is not.
        deadline = time.monotonic() + 180
        while re.search(r"Initializing|Starting|Connecting|Restarting", kernel) and time.monotonic() < deadline:
            time.sleep(1)
            kernel = status.first.inner_text().strip() if status.count() else kernel
        print(f"    notebook open with its kernel in {time.monotonic() - started:.0f} s: {kernel}", flush=True)

        # A dialog here (kernel choice, errors) would block the run: fail on it, with its text.
        dialog = page.locator(".jp-Dialog")
        if dialog.count():
            problems.append(f"a dialog is open: {dialog.first.inner_text().strip()[:200]}")
        # Run > Run All Cells, through the menu as a student would.
        page.locator("#jp-MainMenu").get_by_text("Run", exact=True).click()
        page.locator(".lm-Menu-content").get_by_text("Run All Cells", exact=True).click()
        run_started = time.monotonic()
        if not wait_until_run(page, args.timeout):
            problems.append(f"the cells were still running after {args.timeout} s")
        print(f"    all cells ran in {time.monotonic() - run_started:.0f} s", flush=True)

        # The charts: PNG images in the outputs, as the browser shows them.
        images = page.locator(".jp-OutputArea-output img")
        try:
            images.first.wait_for(state="visible", timeout=30_000)
        except PlaywrightTimeout:
            problems.append("no chart image is shown in the page")

        # The banner says what ran: engine and device (text_content: off-screen cells have no innerText).
        # Either edition: "DL course kit · engine ..." or "Kit du cours DL · moteur ...".
        banner = page.locator(".jp-OutputArea-output", has_text=re.compile(r"DL course kit|Kit du cours DL")).first
        try:
            print(f"    banner: {banner.text_content(timeout=10_000).strip()}", flush=True)
        except PlaywrightTimeout:
            problems.append("the banner (DL course kit · engine ..., or in French Kit du cours DL · moteur ...) is not shown")

        page.locator(".jp-NotebookPanel .jp-Cell").first.scroll_into_view_if_needed()
        page.screenshot(path=str(shot_top))
        if images.count():
            images.first.scroll_into_view_if_needed()
            time.sleep(0.5)
            page.screenshot(path=str(shot_chart))

        if args.student:   # what the student sees at the exercise: the TODO, in red
            error = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
            if error.count():
                error.first.scroll_into_view_if_needed()
                time.sleep(0.5)
                page.screenshot(path=str(args.screenshots / f"lab-{stem}-todo.png"))

        # Save, so the contents API returns the outputs as the browser shows them.
        page.keyboard.press("Control+s")
        time.sleep(3)
        browser.close()

    notebook = api_get(base, args.token, f"/api/contents/{urllib.parse.quote(args.notebook)}?content=1")["content"]
    errors = errors_in(notebook)
    stopped_at = None
    if args.student:
        # A student version stops at its first exercise: the first error is there, saying TODO in
        # plain words.
        exercises = [n for n, c in enumerate(notebook["cells"], start=1)
                     if c.get("metadata", {}).get("nbgrader", {}).get("solution")]
        if not exercises:
            problems.append("the notebook has no exercise cell: is this the student edition?")
        elif not errors:
            problems.append(f"no cell failed: the exercise (cell {exercises[0]}) should stop with its TODO")
        else:
            stopped_at, what = errors[0]
            if stopped_at != exercises[0] or "TODO" not in what:
                problems.append(f"the first error should be cell {exercises[0]}'s TODO, not cell {stopped_at}: {what}")
            else:
                print(f"    stopped at exercise cell {stopped_at} as expected: {what[:160]}", flush=True)
            # Whether the cells after it run depends on the kernel honouring stop-on-error; if they do,
            # only the cells that use an exercise's result may fail (as student.py --check demands).
            cells = notebook["cells"]
            errors = [(n, w) for n, w in errors[1:]
                      if not (cells[n - 1].get("metadata", {}).get("nbgrader", {}).get("solution")
                              or cells[n - 1].get("metadata", {}).get("nbgrader", {}).get("grade")
                              or "depends-on-exercise" in cells[n - 1].get("metadata", {}).get("tags", []))]
    for cell, what in errors:
        problems.append(f"cell {cell}: {what}")
    charts = sum(1 for c in notebook["cells"] if c["cell_type"] == "code"
                 for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
    print(f"    chart images (PNG outputs) in the saved notebook: {charts}", flush=True)
    if charts == 0:
        problems.append("the saved notebook has no chart image (PNG output)")
    unrun = [n for n, c in enumerate(notebook["cells"], start=1)
             if c["cell_type"] == "code" and c["source"].strip() and c.get("execution_count") is None
             and not (stopped_at and n > stopped_at)]
    if unrun:
        problems.append(f"code cells not run: {unrun}")

    print(f"    screenshots: {shot_top}" + (f", {shot_chart}" if shot_chart.exists() else ""), flush=True)
    for problem in problems:
        print(f"    FAILED: {problem}", flush=True)
    print(f"browser: {'FAILED' if problems else 'ok'} ({args.notebook}, {time.monotonic() - started:.0f} s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
