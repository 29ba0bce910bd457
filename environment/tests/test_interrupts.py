"""Interrupting a training cell stops it, and leaves the kernel fit for the next cell ("stop means stop").

For notebook 04 (Training.fit) and notebook 06 (the hand-written GAN loop), on both engines, in the fast
profile, one kernel each: the cells before the training cell run; then a copy of the training cell with
1,000 epochs is started and interrupted mid-training, three times. Each time the cell must end within a few
seconds with the kit's one line ("Training stopped at epoch 2, batch 31 (interrupted); ..."), its chart
marked "stopped" with a real batch number and never redrawn afterwards, no thread may be left in a training
loop, and the kernel must be idle. Then the notebook's own training cell and every later cell (check cells
included) run again and must pass. Before the fix the interrupted loop ran on beside the next cells: MXNet
then failed ("AGInfoE") or crashed, PyTorch's gradient collector stayed open.
"""
import os
import re
import time
from pathlib import Path

import nbformat
import pytest

import kernel_runner
from conftest import ROOT

NOTEBOOKS = ROOT / "source"
ATTEMPTS = 3
# The interrupted cell must end this soon (the loop stops at its next batch boundary; generous for a busy machine).
STOP_SECONDS = 10
# A training thread left running keeps a core busy; an idle kernel uses almost none.
IDLE_CPU_SHARE = 0.3


class Case:
    def __init__(self, notebook, training_marker, epochs, longer, stopped, chart_title, batches_per_epoch,
                 skipped_on_rerun=None, skipped_checks=()):
        self.notebook = notebook
        self.training_marker = training_marker   # a string only the training cell contains
        self.epochs, self.longer = epochs, longer   # the epochs expression, and what the test replaces it with
        self.stopped = re.compile(stopped)          # the cell's one line; group 2 is the batch (step) number
        self.chart_title = chart_title              # Java: the chart's title after the interrupt
        self.batches_per_epoch = batches_per_epoch  # in the fast profile
        # The re-run leaves out the cells from the one containing skipped_on_rerun to the check cell (they only
        # cost time), and the check cell's statements that mention one of skipped_checks (they need those cells).
        self.skipped_on_rerun, self.skipped_checks = skipped_on_rerun, skipped_checks


CASES = [
    Case("04_cnn_cifar10.ipynb", "Training.fit(trainer, epochs", "course.profile().pick(10, 3)", "1000",
         r"Training stopped at epoch (\d+), batch (\d+) \(interrupted\); run the cell again",
         "config.getTrainingListeners().stream().filter(l -> l instanceof TrainingChart)"
         ".map(l -> ((TrainingChart) l).chart().getTitle()).findFirst().orElse(\"no chart\")",
         -(-2_000 // 32), skipped_on_rerun="record Run(", skipped_checks=("fashionAccuracy",)),
    Case("06_gan.ipynb", "monitor.step(", "course.profile().pick(20, 2)", "1000",
         r"GAN training stopped at epoch (\d+), step (\d+) \(interrupted\); run the cell again",
         "monitor.chart().getTitle()", 1_000 * (6_400 // 64),
         skipped_on_rerun="Conv2d", skipped_checks=("sample", "classifier", "check.")),
]

# Threads still in a kit loop (DJL's training loop, the kit's classes but the kernel hooks that wait around every
# cell, the notebook's GAN step), but this one.
LOOP_THREADS = """
Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey() != Thread.currentThread())
        .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().startsWith("ai.djl.training.EasyTrain")
                || (f.getClassName().startsWith("org.dlcourse.") && !f.getClassName().startsWith("org.dlcourse.kernel."))
                || f.getMethodName().equals("ganStep")))
        .map(e -> e.getKey().getName()).collect(Collectors.joining(", ", "[", "]"))
"""


class Kernel:
    """The kit's kernel, with every iopub message kept (the test looks for late redraws of a stopped chart)."""

    def __init__(self, engine):
        from jupyter_client import KernelManager
        kernel_runner.use_kit_kernelspec()
        self.manager = KernelManager(kernel_name=kernel_runner.KERNEL)
        self.manager.start_kernel(cwd=str(NOTEBOOKS), env=kernel_runner.kernel_env(engine, "fast"))
        self.client = self.manager.blocking_client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=kernel_runner.STARTUP_TIMEOUT)
        self.messages = []

    def close(self):
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)

    @property
    def pid(self):
        return self.manager.provisioner.pid

    def send(self, code):
        return self.client.execute(code, allow_stdin=False)

    def next_message(self, deadline):
        message = self.client.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        self.messages.append(message)
        return message

    def finish(self, msg_id, timeout):
        """The outputs of cell msg_id once the kernel is idle after it."""
        outputs, deadline = [], time.monotonic() + timeout
        while True:
            message = self.next_message(deadline)
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "status" and content["execution_state"] == "idle":
                return outputs
            if kind in ("stream", "error", "execute_result", "display_data"):
                outputs.append(dict(content, output_type=kind))

    def run(self, code, timeout=300):
        return self.finish(self.send(code), timeout)

    def value(self, code):
        """The text of the cell's result; fails on an error."""
        outputs = self.run(code)
        assert not errors(outputs), f"{code.strip()[:60]}... failed: {errors(outputs)}"
        return next(o["data"]["text/plain"] for o in outputs if o["output_type"] == "execute_result")


def rerun_cells(case, cells, training):
    """The training cell and the cells after it that the re-run runs, the check cell trimmed."""
    check = max(i for i, source in enumerate(cells) if source.startswith("Check."))
    later = cells[training:check]
    if case.skipped_on_rerun:
        later = later[:next(i for i, source in enumerate(later) if case.skipped_on_rerun in source)]
    # The check cell's statements: each starts on a line that is not indented.
    statements = re.split(r"\n(?=\S)", cells[check])
    checks = "\n".join(s for s in statements if not any(name in s for name in case.skipped_checks))
    return later + [checks] + cells[check + 1:]


def errors(outputs):
    found = [f"{o['ename']}: {o['evalue']}" for o in outputs if o["output_type"] == "error"]
    found += [o["text"][:300] for o in outputs if o["output_type"] == "stream" and o["name"] == "stderr"
              and kernel_runner.TRACEBACK.search(o["text"])]
    return found


def display_id(message):
    return message["content"].get("transient", {}).get("display_id")


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")   # utime + stime


def interrupt_mid_training(kernel, case, long_cell):
    """Starts the long training cell, interrupts it once it has trained a few seconds; returns what the test
    measures. The chart's first redraw comes after two seconds of batches (LiveOutput): training has begun."""
    msg_id = kernel.send(long_cell)
    deadline, charts = time.monotonic() + 120, set()
    while True:
        message = kernel.next_message(deadline)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        if message["msg_type"] == "display_data" and display_id(message):
            charts.add(display_id(message))
        if message["msg_type"] == "update_display_data" and display_id(message) in charts:
            break
        assert not (message["msg_type"] == "status" and message["content"]["execution_state"] == "idle"), \
            "the long training cell ended before it was interrupted"
    time.sleep(0.5)
    interrupted = time.monotonic()
    kernel.manager.interrupt_kernel()
    outputs = kernel.finish(msg_id, timeout=60)
    return charts, time.monotonic() - interrupted, outputs


def check_stopped(kernel, case, charts, seconds, outputs):
    assert seconds < STOP_SECONDS, f"the interrupted cell took {seconds:.1f} s to end"
    failures = [o for o in outputs if o["output_type"] == "error"]
    assert len(failures) == 1, f"expected the one line of an interrupted loop, found {outputs}"
    line = failures[0]["evalue"]
    match = case.stopped.search(line)
    assert match, f"the cell says {failures[0]['ename']}: {line!r}, not where the loop stopped"
    assert 1 <= int(match.group(2)) <= case.batches_per_epoch, f"not a batch number: {line}"
    assert not any("\tat " in row or row.lstrip().startswith("at ") for row in failures[0]["traceback"]), \
        f"a stack trace under the message: {failures[0]['traceback']}"
    title = kernel.value(case.chart_title)
    assert f"stopped at epoch {match.group(1)}" in title and (f"batch {match.group(2)}" in title
                                                             or f"step {match.group(2)}" in title), title
    seen = len(kernel.messages)
    assert kernel.value(LOOP_THREADS).strip("'\"") == "[]", "a thread is still in a training loop"
    time.sleep(0.5)
    before = cpu_seconds(kernel.pid)
    time.sleep(1.0)
    share = cpu_seconds(kernel.pid) - before
    assert share < IDLE_CPU_SHARE, f"the kernel still uses {share:.0%} of a core after the interrupt"
    late = [m for m in kernel.messages[seen:] if m["msg_type"] in ("update_display_data", "display_data")
            and display_id(m) in charts]
    assert not late, f"the stopped chart was redrawn {len(late)} times afterwards"
    return share


@pytest.mark.kernel
@pytest.mark.parametrize("engine", kernel_runner.ENGINES)
@pytest.mark.parametrize("case", CASES, ids=[c.notebook[:2] for c in CASES])
def test_interrupting_training_stops_it_and_the_rerun_passes(case, engine, kit_kernel):
    nb = nbformat.read(NOTEBOOKS / case.notebook, as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "code"]
    training = next(i for i, source in enumerate(cells) if case.training_marker in source)
    assert case.epochs in cells[training], f"the training cell no longer sets its epochs with {case.epochs}"
    long_cell = cells[training].replace(case.epochs, case.longer, 1)
    started = time.monotonic()
    kernel = Kernel(engine)
    try:
        for number, source in enumerate(cells[:training], start=1):
            outputs = kernel.run(source)
            assert not errors(outputs), f"code cell {number} failed before the training: {errors(outputs)}"
        measured, ready = [], time.monotonic()
        for attempt in range(ATTEMPTS):
            charts, seconds, outputs = interrupt_mid_training(kernel, case, long_cell)
            share = check_stopped(kernel, case, charts, seconds, outputs)
            measured.append(f"{seconds:.2f} s (then {share:.0%} CPU)")
        interrupted = time.monotonic()
        for source in rerun_cells(case, cells, training):
            outputs = kernel.run(source)
            assert not errors(outputs), f"the re-run failed at {source.strip()[:80]!r}: {errors(outputs)}"
        print(f"\n{case.notebook} on {engine}: interrupt to cell end {', '.join(measured)}; seconds: set-up"
              f" {ready - started:.0f}, interrupts {interrupted - ready:.0f}, re-run {time.monotonic() - interrupted:.0f}")
    finally:
        kernel.close()
