"""Benchmarks side by side: the kit (DJL on MXNet and on PyTorch) against PyTorch and Keras in Python.

Run by `./course bench` (environment/bench.sh), which prepares the Java classes and the reference
virtualenv, then runs this with the kit's own Python (.venv: it has jupyter_client for the kernel part).

    1. Training throughput of notebook 04's CNN (batch 32, 64, 256): the kit as notebook 04 trains, DJL's engines
       alone, PyTorch in Python as a competent user runs it (plain, channels_last, Adam foreach, Adam fused),
       Keras on TensorFlow.
    2. Per-step overhead: notebook 03's XOR network.
    3. The kernel: cold start to first output, Course.start(), idle memory; with --notebooks, each notebook's
       wall time and peak memory, run by this run.

Every contender is a warm process. A run is `--rounds` rounds (9); each round runs every contender once, in an
order shuffled afresh (the seed is printed and archived); each sample lasts at least `--sample-seconds` (2.5 s,
calibrated per contender). The report gives each contender's median and range over the rounds and, for each
goal, the median and range of the PER-ROUND ratios (same load in both halves of a ratio); the goals are judged
on the kit's own rows. The arithmetic is in stats.py (tested without measuring: environment/tests/test_bench_stats.py).

Every run is archived whole in docs/benchmarks/runs/<date>-<cpu>.json (CPU model, command line, date, load, clock)
and the report names the run it shows; --before compares with an earlier run of the same CPU only. A --quick smoke
run writes to build/bench/ and never to docs/.
"""

import argparse
import datetime
import json
import math
import os
import platform
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import stats

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "bench"
JAR = ROOT / "support-lib" / "target" / "course-support.jar"
CLASSES = BUILD / "classes"
PY = ROOT / "build" / "bench-venv" / "bin" / "python"
RUNS = ROOT / "docs" / "benchmarks" / "runs"      # every authoritative run, archived: one JSON file each
CORES = len(os.sched_getaffinity(0))              # the cores this run may use (taskset narrows them)


# ---- The machine and its peak ------------------------------------------------------------------

def cpuinfo():
    text = Path("/proc/cpuinfo").read_text()
    first = text.split("\n\n")[0]
    fields = dict(re.findall(r"^([^\t:]+?)\s*:\s*(.*)$", first, re.M))
    return {"model": fields.get("model name", "?"), "family": int(fields.get("cpu family", 0)),
            "model_number": int(fields.get("model", 0)), "vendor": fields.get("vendor_id", "?"),
            "nominal_mhz": nominal_mhz(fields.get("model name", "")), "flags": set(fields.get("flags", "").split()),
            "cores": CORES}


def nominal_mhz(model_name):
    """The CPU's nominal clock: from its name ("... @ 2.60GHz") or the kernel's cpufreq maximum; None if neither says."""
    found = re.search(r"@\s*([\d.]+)\s*GHz", model_name)
    if found:
        return 1000 * float(found.group(1))
    try:
        return int(Path("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq").read_text()) / 1000
    except (OSError, ValueError):
        return None


def clock_mhz():
    """The clock the cores run at now, as /proc/cpuinfo says (mean of the cores this run may use); read during
    the run, at every measurement, because a peak quoted at a clock the CPU did not run at means nothing."""
    allowed = os.sched_getaffinity(0)
    found = []
    for block in Path("/proc/cpuinfo").read_text().split("\n\n"):
        cpu, mhz = re.search(r"^processor\s*:\s*(\d+)", block, re.M), re.search(r"^cpu MHz\s*:\s*([\d.]+)", block, re.M)
        if cpu and mhz and int(cpu.group(1)) in allowed:
            found.append(float(mhz.group(1)))
    return statistics.mean(found) if found else None


def peak_flops(cpu, mhz):
    """FP32 peak = cores x FLOP per cycle x clock, the FLOP per cycle read from the CPU's flags, the clock the one
    measured during the run (`mhz`); the nominal clock's peak is given beside it, labelled nominal.

    The rule: AVX-512 -> 2 FMA units x 16 lanes x 2 (multiply + add) = 64 FLOP/cycle; AVX2 + FMA ->
    2 x 8 x 2 = 32; AVX -> 16 (separate 8-lane multiply and add); else SSE 8. One correction the flags
    cannot tell: AMD Zen 4 (family 25, model >= 0x10) runs AVX-512 on 256-bit units, so its real peak
    is the AVX2 figure; both are reported and the percentages use the lower, true one.
    """
    flags = cpu["flags"]
    if "avx512f" in flags:
        by_flags, rule = 64, "AVX-512: 2 FMA units x 16 FP32 lanes x 2"
    elif "avx2" in flags and "fma" in flags:
        by_flags, rule = 32, "AVX2+FMA: 2 FMA units x 8 FP32 lanes x 2"
    elif "avx" in flags:
        by_flags, rule = 16, "AVX: 8 lanes x (1 mul + 1 add)"
    else:
        by_flags, rule = 8, "SSE: 4 lanes x (1 mul + 1 add)"
    per_cycle, why = by_flags, rule
    zen4 = cpu["vendor"] == "AuthenticAMD" and cpu["family"] == 25 and cpu["model_number"] >= 0x10
    if zen4 and by_flags == 64:
        per_cycle, why = 32, "AMD Zen 4 (family 25, model >= 0x10): AVX-512 executes as 2 x 256-bit, so 2 FMA x 8 lanes x 2"
    ghz, nominal = mhz / 1000, cpu["nominal_mhz"] and cpu["nominal_mhz"] / 1000
    return {"cores": cpu["cores"], "ghz": ghz, "nominal_ghz": nominal, "flop_per_cycle_by_flags": by_flags, "rule": rule,
            "flop_per_cycle": per_cycle, "why": why,
            "peak_gflops_by_flags": cpu["cores"] * by_flags * ghz, "peak_gflops": cpu["cores"] * per_cycle * ghz,
            "nominal_peak_gflops": nominal and cpu["cores"] * per_cycle * nominal}


def cnn_layers():
    """Notebook 04's CNN, layer by layer, its shapes derived from the 32x32x3 input (valid padding).

    FLOP = 2 x multiply-adds. Training = forward + gradient of the weights (same multiply-adds) +
    gradient of the inputs (same again, except the first layer, whose input is the image).
    Activations, pooling and the optimizer are left out (under 1% here).
    """
    layers, h, w, c = [], 32, 32, 3
    for name, filters in (("conv1 3x3x3 -> 32", 32), ("conv2 3x3x32 -> 64", 64), ("conv3 3x3x64 -> 64", 64)):
        h, w = h - 2, w - 2
        macs = h * w * filters * 3 * 3 * c
        layers.append({"layer": name, "output": f"{h}x{w}x{filters}", "macs": macs})
        c = filters
        if name.startswith(("conv1", "conv2")):
            h, w = h // 2, w // 2
    flat = h * w * c
    layers.append({"layer": f"dense {flat} -> 64", "output": "64", "macs": flat * 64})
    layers.append({"layer": "dense 64 -> 10", "output": "10", "macs": 64 * 10})
    forward = sum(2 * l["macs"] for l in layers)
    training = 3 * forward - 2 * layers[0]["macs"]
    return {"layers": layers, "forward_flop": forward, "training_flop": training}


def machine(cpu, peak, mhz):
    mem = dict(re.findall(r"^(\w+):\s+(\d+)", Path("/proc/meminfo").read_text(), re.M))
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    return {"cpu": cpu["model"], "family_model": f"family {cpu['family']} model {cpu['model_number']}",
            "cores": cpu["cores"], "mhz": mhz, "nominal_mhz": cpu["nominal_mhz"],
            "vector": " ".join(f for f in ("avx512f", "avx512_bf16", "avx2", "fma", "avx") if f in cpu["flags"]),
            "memory_gib": round(int(mem.get("MemTotal", 0)) / 1024 / 1024, 1),
            "os": f"{platform.system()} {platform.release()}", "java": java[0] if java else "?",
            "hypervisor": "hypervisor" in cpu["flags"], "peak": peak}


def loadavg():
    return float(Path("/proc/loadavg").read_text().split()[0])


# ---- Contenders: warm processes answering one JSON line per command ------------------------------

class Contender:
    def __init__(self, name, argv, env=None, short=None):
        self.name, self.argv, self.short = name, argv, short or name
        self.env = {k: v for k, v in dict(os.environ, **(env or {})).items() if v is not None}
        self.proc = None
        self.info = {}
        self.failed = None

    def start(self):
        err = (BUILD / f"{re.sub(r'[^A-Za-z0-9]+', '-', self.name)}.stderr").open("w")
        self.proc = subprocess.Popen(self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                                     text=True, env=self.env, cwd=ROOT, bufsize=1)
        self.info = self._read()
        if "ready" not in self.info:
            self.failed = self.info.get("error", "did not start")
        return self

    def _read(self):
        while True:
            line = self.proc.stdout.readline()
            if not line:
                return {"error": f"process ended (see {BUILD}/*.stderr)"}
            line = line.strip()
            if line.startswith("{"):
                return json.loads(line)

    def ask(self, command):
        self.send(command)
        return self.receive()

    def send(self, command):
        if not self.failed:
            self.proc.stdin.write(command + "\n")
            self.proc.stdin.flush()

    def receive(self):
        if self.failed:
            return {"error": self.failed}
        answer = self._read()
        if "error" in answer and "process ended" in answer["error"]:
            self.failed = answer["error"]
        return answer

    def stop(self):
        if self.proc and self.proc.poll() is None:
            try:
                self.proc.stdin.write("quit\n")
                self.proc.stdin.flush()
                self.proc.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()


def kernel_jvm_opts():
    """The JVM options environment/kernel.sh gives the kernel, so DJL is measured as the notebooks run it."""
    text = (ROOT / "environment" / "kernel.sh").read_text()
    found = re.search(r'JJAVA_JVM_OPTS="\$\{JJAVA_JVM_OPTS:-([^}]*)\}"', text)
    if not found:
        return ["-Xmx1g"]
    heap = subprocess.run(["bash", str(ROOT / "environment" / "limits.sh"), "heap"], capture_output=True, text=True).stdout.strip()
    opts = found.group(1).replace("$heap", heap or "1g").replace("$crash_log", os.environ.get("TMPDIR", "/tmp") + "/dl-course-hs_err_pid%p.log")
    return shlex.split(opts)


def djl(engine, label, env=None, props=()):
    argv = ["java", *kernel_jvm_opts(), *props, "-cp", f"{JAR}{os.pathsep}{CLASSES}",
            "org.dlcourse.bench.DjlWorker", engine]
    env = dict(env or {}, DJL_OFFLINE="true", COURSE_DATA=str(ROOT / "datasets"),
               DJL_CACHE_DIR=os.environ.get("DJL_CACHE_DIR", str(ROOT / "build" / "djl-cache")))
    return Contender(label, argv, env)



# The engines' thread settings, as the kit's kernel (environment/kernel.sh) sets them, read from it.
def kit_thread_env():
    text = (ROOT / "environment" / "kernel.sh").read_text()
    found = dict(re.findall(r'export ((?:OMP|GOMP|MXNET)_[A-Z_]+)="\$\{\1:-([^}]*)\}"', text))
    return {k: (str(CORES) if "limits.sh" in v else v) for k, v in found.items()}


KIT_ENV = kit_thread_env()
KIT_SETTINGS = ", ".join(f"{k}={v}" for k, v in KIT_ENV.items())
# DJL as it comes: no OpenMP settings (None removes a variable from the contender's environment).
DEFAULTS = "DJL's thread defaults"
DEFAULTS_ENV = {k: None for k in [*KIT_ENV, "OMP_WAIT_POLICY"]}
TORCH = "PyTorch (Python)"
KERAS = "Keras (TensorFlow)"
KERAS_STEP = f"{KERAS} · train_on_batch"   # a fixed batch, like the engine rows
KERAS_FIT = f"{KERAS} · fit"               # the TensorFlow tutorial's model.fit with validation, like the kit rows
KIT = {"MXNet": "DJL MXNet · kit", "PyTorch": "DJL PyTorch · kit"}   # the rows the goals are judged on
XOR_KIT = "DJL MXNet · loop"                                            # notebook 03's step, default engine
# What each contender runs, per measurement kind: DJL its two paths, PyTorch the variants a competent user tries.
MODES = {"cnn": {"DJL": ["engine", "kit"], TORCH: ["plain", "channels_last", "foreach", "fused"], KERAS: ["train_on_batch", "fit"]},
         "xor": {"DJL": ["loop", "fit"], TORCH: ["plain", "foreach", "fused"], KERAS: ["plain"]},
         "op": {"DJL": ["add"], TORCH: ["add"], KERAS: []}}


def contenders(args):
    """Who runs: DJL on each engine with the kit's thread settings (as the notebooks get them), the references;
    with --defaults also DJL without those settings."""
    threads = str(CORES)
    found = [djl("MXNet", "DJL MXNet", env=KIT_ENV), djl("PyTorch", "DJL PyTorch", env=KIT_ENV),
             Contender(TORCH, [str(PY), str(ROOT / "bench" / "torch_reference.py"), "--serve", "--threads", threads])]
    if args.defaults:
        found.insert(1, djl("MXNet", f"DJL MXNet, {DEFAULTS}", env=DEFAULTS_ENV))
        found.insert(3, djl("PyTorch", f"DJL PyTorch, {DEFAULTS}", env=DEFAULTS_ENV))
    if not args.no_keras:
        found.append(Contender(KERAS, [str(PY), str(ROOT / "bench" / "keras_reference.py"), "--serve", "--threads", threads]))
    return found


def rows_of(live, kind):
    """{row label: (contender, mode)}: every contender in each of its modes for this kind of measurement."""
    found = {}
    for c in live:
        family = "DJL" if c.name.startswith("DJL") else c.name
        modes = MODES[kind].get(family, ["plain"])
        for mode in modes:
            found[c.name if len(modes) == 1 else f"{c.name} · {mode}"] = (c, mode)
    return found


def sample_lengths(res):
    """The range of the contenders' median sample lengths in the CNN part, as measured (not as targeted)."""
    lengths = [row["seconds"] for by_row in res["cnn"].values() for name, row in by_row.items()
               if not name.startswith("_") and row.get("seconds")]
    return f"{min(lengths):.1f}–{max(lengths):.1f} s per sample, median per contender" if lengths else "not recorded"


def seconds_of(answer):
    if "seconds" in answer:
        return answer["seconds"]
    if "ms_per_step" in answer:
        return answer["ms_per_step"] * answer["steps"] / 1000
    return None


def calibrate(rows, command_for, first_steps, target_s, log):
    """Steps per sample for each row, so that one sample lasts at least `target_s` seconds: a warm-up trial
    (first-call allocations, oneDNN primitives, graph tracing), then a trial that sets the steps. Timing the cold
    trial instead made the DJL rows' samples 1.4-2 s for a 2.5 s target (they speed up most after warm-up). A second
    trial at the steps found checks them: Keras' model.fit has a fixed cost per call, and 27 steps took 1.4 s, not 2.5."""
    steps = {}
    for label, (c, mode) in rows.items():
        c.ask(command_for(mode, first_steps))
        answer = c.ask(command_for(mode, first_steps))
        took = seconds_of(answer)
        steps[label] = first_steps if not took else max(first_steps, math.ceil(1.15 * first_steps * target_s / took))
        if took and steps[label] > first_steps:   # a fixed cost per sample (Keras' model.fit) makes a short trial mislead
            took = seconds_of(c.ask(command_for(mode, steps[label])))
            if took and took < target_s:
                steps[label] = math.ceil(1.15 * steps[label] * target_s / took)
        log(f"  calibration {label:<40} {answer_text(dict(answer, load=loadavg()))} -> {steps[label]} steps per sample")
    return steps


def alternate(rows, command_for, steps, rounds, seed, log):
    """`rounds` rounds; in each, every row once, in an order shuffled afresh each round (stats.round_orders).
    Returns {label: [answer per round]}, an answer with "error" where a row failed."""
    results = {label: [] for label in rows}
    for r, order in enumerate(stats.round_orders(list(rows), rounds, seed)):
        for label in order:
            c, mode = rows[label]
            answer = c.ask(command_for(mode, steps[label]))
            answer["load"], answer["mhz"] = loadavg(), clock_mhz()
            results[label].append(answer)
            log(f"  round {r + 1}/{rounds} {label:<40} {answer_text(answer)}")
    return results


def answer_text(a):
    if "error" in a:
        return "ERROR " + a["error"]
    if "images_per_s" in a:
        return f"{a['images_per_s']:8.1f} images/s  {a.get('seconds', 0):5.1f} s  (load {a['load']:.1f})"
    if "ms_per_step" in a:
        return f"{a['ms_per_step']:8.3f} ms/step  {seconds_of(a):5.1f} s  (load {a['load']:.1f})"
    return json.dumps(a)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(results, key, lower_is_better=False):
    """Per row: its value in each round, their median and range, and the per-round ratio to the best PyTorch
    row of the same round (median and range; "times as fast", so > 1 is faster for times too)."""
    values = {label: [a.get(key) if "error" not in a else None for a in answers] for label, answers in results.items()}
    torch_rows = {label: v for label, v in values.items() if label.startswith(TORCH)}
    best, who = stats.best_per_round(torch_rows, lower_is_better)
    out = {"_best_pytorch": {"values": best, "who": who}}
    for label, answers in results.items():
        per_cpu = [(a[key] * a["cpu_per_wall"] if lower_is_better else a[key] / a["cpu_per_wall"])
                   for a in answers if a.get(key) and a.get("cpu_per_wall")]
        out[label] = {"values": values[label], "spread": stats.spread(values[label]),
                      "median": (stats.spread(values[label]) or {}).get("median"),
                      "vs_best_pytorch": stats.ratio_spread(values[label], best, lower_is_better),
                      "per_cpu": median(per_cpu), "cpu_per_wall": median([a.get("cpu_per_wall") for a in answers]),
                      "seconds": median([seconds_of(a) for a in answers if "error" not in a]),
                      "chart_s": median([a.get("chart_s") for a in answers if "error" not in a]),
                      "loads": [a.get("load") for a in answers], "mhz": [a.get("mhz") for a in answers],
                      "errors": sorted({a["error"] for a in answers if "error" in a})}
    return out


# ---- The kernel ------------------------------------------------------------------------------

def floor_kernel():
    """A copy of the kit's kernelspec whose start-up script is empty: what JVM + JJava + JShell cost alone."""
    spec = BUILD / "jupyter" / "kernels" / "dl-course-floor"
    spec.mkdir(parents=True, exist_ok=True)
    empty = BUILD / "empty.jshell"
    empty.write_text("// nothing: the floor of the kernel's start\n")
    script = (ROOT / "environment" / "kernel.sh").read_text()
    if 'JJAVA_STARTUP_SCRIPTS_PATH="$here/startup.jshell"' not in script:
        raise RuntimeError("environment/kernel.sh changed: the floor variant cannot make its copy")
    script = script.replace('here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"', f'here="{ROOT / "environment"}"')
    script = script.replace('JJAVA_STARTUP_SCRIPTS_PATH="$here/startup.jshell"', f'JJAVA_STARTUP_SCRIPTS_PATH="{empty}"')
    (spec / "kernel.sh").write_text(script)
    jjava = spec / "jjava.jar"
    if not jjava.exists():
        jjava.symlink_to(ROOT / "build" / "jupyter" / "kernels" / "dl-course" / "jjava.jar")
    (spec / "kernel.json").write_text(json.dumps({"argv": ["bash", str(spec / "kernel.sh"), "{resource_dir}", "{connection_file}"],
                                                  "display_name": "floor", "language": "java", "interrupt_mode": "message"}))
    return "dl-course-floor"


def kernel_start(engine, jvm_opts=None, timeout=180, exit_wait=5, kernel="dl-course"):
    """Starts the dl-course kernel cold and times: first output, Course.start(), the first NDArray op; reads VmRSS."""
    from jupyter_client.manager import KernelManager
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(ROOT / "build" / "jupyter"), str(BUILD / "jupyter")])
    env = dict(os.environ, DJL_DEFAULT_ENGINE=engine, COURSE_PROFILE="fast")
    if jvm_opts is not None:
        env["JJAVA_JVM_OPTS"] = jvm_opts
    km = KernelManager(kernel_name=kernel)
    km.shutdown_wait_time = exit_wait   # a JVM dumping a class-data archive at exit needs longer than the default
    t0 = time.monotonic()
    km.start_kernel(env=env, cwd=str(ROOT / "notebooks"))
    kc = km.client()
    kc.start_channels()
    result = {"engine": engine}
    try:
        kc.wait_for_ready(timeout=timeout)
        result["ready_s"] = time.monotonic() - t0

        def run(code):
            started = time.monotonic()
            msg_id = kc.execute(code)
            first_output = None
            while True:
                msg = kc.get_iopub_msg(timeout=timeout)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                kind = msg["msg_type"]
                if kind == "stream" and first_output is None:
                    first_output = time.monotonic()
                if kind == "error":
                    raise RuntimeError(f"{code!r}: {msg['content'].get('ename')}: {msg['content'].get('evalue')}")
                if kind == "status" and msg["content"]["execution_state"] == "idle":
                    return started, first_output, time.monotonic()

        _, first, _ = run('System.out.println("x");')
        result["first_output_s"] = first - t0
        pid = km.provisioner.pid
        if kernel != "dl-course":
            return result
        time.sleep(1)
        result["rss_before_course_mib"] = proc_status(pid, "VmRSS")
        started, _, done = run("var course = Course.start();")
        result["course_start_s"] = done - started
        started, _, done = run("course.manager().ones(new Shape(2, 2)).sum().getFloat()")
        result["first_op_s"] = done - started
        result["to_first_djl_op_s"] = done - t0
        time.sleep(3)
        result["idle_rss_mib"] = proc_status(pid, "VmRSS")
    except Exception as e:  # reported, the benchmark goes on
        result["error"] = repr(e)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    return result


def proc_status(pid, field):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) // 1024
    except OSError:
        return None
    return None




# ---- Notebooks: run by this run only -------------------------------------------------------------

def notebook_runs(run_profile, engines, log):
    """Runs every notebook in `run_profile` on each engine and reads back run_notebooks.py's summary.json files of
    this run only (older or other machines' summaries would put unmeasured numbers in the report)."""
    out = BUILD / "notebooks"
    found = {}
    for engine in engines:
        log(f"--- notebooks, {run_profile} profile, {engine} (this takes a while)")
        folder = out / f"{run_profile}-{engine}"
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "environment" / "run_notebooks.py"),
                        "--engine", engine, "--profile", run_profile, "--out", str(folder)], cwd=ROOT)
        for summary in folder.glob("**/summary.json"):
            for e in json.loads(summary.read_text()):
                if "notebook" in e:
                    found[f"{run_profile}/{engine}/{e['notebook']}"] = {
                        "seconds": e.get("seconds"), "peak_rss_mib": e.get("peak_rss_mib"), "ok": not e.get("problems")}
    return found


# ---- Report ----------------------------------------------------------------------------------

def fmt(value, pattern="{:.0f}", none="–"):
    return none if value is None else pattern.format(value)


def fmt_spread(s, pattern="{:.2f}"):
    """"median (min–max)" of a stats.spread, or – if nothing was measured."""
    if not s:
        return "–"
    return f"{pattern.format(s['median'])} ({pattern.format(s['min'])}–{pattern.format(s['max'])})"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def run_header(res):
    m, load = res["machine"], res["load"]
    out = ["# Benchmarks", ""]
    if res.get("smoke"):
        out += ["**SMOKE RUN (`--quick`): short samples and few rounds, to check that the harness works. Its numbers "
                "are not a measurement of the kit; do not quote them.**", ""]
    out += [f"This report shows one run, archived as `{res['archive']}`: `{res['command']}`, started {res['date']}, "
            f"{res['seconds']:.0f} s, {res['rounds']} rounds (each contender once per round, in an order shuffled afresh "
            f"each round from seed {res['seed']}), samples calibrated to last at least {res['sample_seconds']} s "
            f"(measured: {sample_lengths(res)}). "
            f"**Load average: {load['start']:.1f} at the start, {load['median']:.1f} median, {load['max']:.1f} max, "
            f"{load['end']:.1f} at the end** on the {m['cores']} core(s) this run used"
            + (" — the machine was busy; absolute numbers are depressed, the ratios are taken round by round."
               if load["median"] > m["cores"] + 0.5 else "."), ""]
    return out


def machine_section(res):
    m, peak = res["machine"], res["machine"]["peak"]
    clock = res.get("clock") or {}
    rows = [["CPU", f"{m['cpu']} ({m['family_model']}), {m['cores']} core(s) used" + (", virtual machine" if m["hypervisor"] else "")],
            ["clock during the run (/proc/cpuinfo)", fmt_spread(clock, "{:.0f}") + " MHz (median (min–max) of the readings)"],
            ["nominal clock", fmt(m.get("nominal_mhz"), "{:.0f} MHz", "not stated by this CPU")],
            ["vector units", m["vector"]], ["memory", f"{m['memory_gib']} GiB"], ["system", m["os"]], ["Java", m["java"]]]
    rows += [[c["name"], f"{c.get('version', '?')}; {c.get('settings') or 'defaults'}"] for c in res["contenders"]]
    out = ["## The machine", "", table(["", ""], rows), "",
           f"**FP32 peak** = cores × FLOP/cycle × clock, at the clock measured during the run: {peak['cores']} × "
           f"{peak['flop_per_cycle']} ({peak['why']}) × {peak['ghz']:.2f} GHz = **{peak['peak_gflops']:.0f} GFLOP/s**"
           + (f"; by the flags rule ({peak['rule']}) it would be {peak['peak_gflops_by_flags']:.0f}"
              if peak["flop_per_cycle"] != peak["flop_per_cycle_by_flags"] else "")
           + (f". Nominal peak (at the nominal {peak['nominal_ghz']:.2f} GHz, not measured): {peak['nominal_peak_gflops']:.0f} GFLOP/s."
              if peak.get("nominal_peak_gflops") else "."), ""]
    flops = res["flops"]
    out += ["**Work per image** of notebook 04's CNN (3×32×32 in, valid padding; FLOP = 2 × multiply-adds):", "",
            table(["layer", "output", "multiply-adds"], [[l["layer"], l["output"], f"{l['macs']:,}"] for l in flops["layers"]]),
            "", f"Forward: {flops['forward_flop'] / 1e6:.2f} MFLOP per image; training (forward + weight gradients + input "
            f"gradients, none for the image itself): **{flops['training_flop'] / 1e6:.2f} MFLOP** per image.", ""]
    return out


def cnn_section(res):
    peak, flops = res["machine"]["peak"], res["flops"]
    out = ["## 1. Training throughput, notebook 04's CNN", "",
           "Images per second: median (min–max) over the rounds. *× best PyTorch*: median (min–max) over the rounds of "
           "the row ÷ the best PyTorch-in-Python row of the same round. *CPU/wall*: cores kept busy. "
           "*engine*: a fixed batch already in the engine, forward + softmax cross-entropy + backward + Adam, the loss "
           "read back each step. *kit*: what notebook 04 §4 does — `Training.config` with its live chart (drawn and "
           "encoded as PNG at each redraw, as the kernel sends it), accuracy, Adam, `Training.fit` on an `ImageSet` "
           "(bytes turned into a float batch each step), and validation after the epoch on one image per five trained "
           "(notebook 04: 10,000 per 50,000); its images/s counts training images over the whole time, validation "
           "included. Notebook 04 trains at batch 32. PyTorch rows: *plain* `torch.optim.Adam` with its defaults; "
           "*channels_last* model and images in `torch.channels_last`; *foreach* `Adam(foreach=True)`; *fused* "
           "`Adam(fused=True)`. Keras rows: *train_on_batch* a fixed batch, like the engine rows; *fit* the TensorFlow "
           "tutorial's `model.fit` for one epoch on images stored as bytes and scaled once, shuffled, with accuracy and "
           "validation on one image per five trained in batches of 256, like the kit rows.", ""]
    for batch in res["batches"]:
        rows = []
        for name, s in res["cnn"][str(batch)].items():
            if name.startswith("_"):
                continue
            gflops = s["median"] * flops["training_flop"] / 1e9 if s["median"] else None
            rows.append([name, fmt_spread(s["spread"], "{:.0f}"), fmt_spread(s["vs_best_pytorch"]),
                         fmt(s["cpu_per_wall"], "{:.2f}"), fmt(gflops, "{:.1f}"),
                         fmt(gflops and 100 * gflops / peak["peak_gflops"], "{:.0f} %"), fmt(s["seconds"], "{:.1f}"),
                         " ".join(fmt(v) for v in s["values"]) + (f" ERROR {s['errors'][0]}" if s["errors"] else "")])
        who = [w for w in res["cnn"][str(batch)]["_best_pytorch"]["who"] if w]
        out += [f"### Batch {batch}", "", table(["contender", "images/s", "× best PyTorch", "CPU/wall", "GFLOP/s",
                                                 f"of {peak['peak_gflops']:.0f} GFLOP/s", "s per sample", "each round"], rows),
                "", "Best PyTorch row per round: " + (", ".join(f"{w.split(' · ')[-1]} {who.count(w)}×" for w in sorted(set(who)))
                                                      or "none measured") + ".", ""]
    if res.get("pipeline"):
        out += ["The kit's data pipeline alone (an `ImageSet` batch made from the stored bytes, copied into the engine, "
                "freed; best of 3): " + "; ".join(f"{k}: {fmt(v, '{:.1f}')} ms per batch" for k, v in res["pipeline"].items())
                + ".", ""]
    return out


def xor_section(res):
    out = ["## 2. Per-step overhead, notebook 03's XOR network", "",
           "Full-batch steps of 4 points (Linear(2) → sigmoid → Linear(1), MSE, Adam 0.1); milliseconds per step, median "
           "(min–max) over the rounds; *× best PyTorch* is speed (best PyTorch time ÷ the row's time, per round). "
           "*loop*: notebook 03's loop written out (arrays made from Java each step, forward, loss, backward, loss read, "
           "update); *fit*: `Training.fit` with one batch per epoch.", ""]
    rows = [[name, fmt_spread(s["spread"], "{:.3f}"), fmt_spread(s["vs_best_pytorch"]), fmt(s["cpu_per_wall"], "{:.2f}"),
             " ".join(fmt(v, "{:.3f}") for v in s["values"]) + (f" ERROR {s['errors'][0]}" if s["errors"] else "")]
            for name, s in res["xor"].items() if not name.startswith("_")]
    out += [table(["contender", "ms per step", "× best PyTorch", "CPU/wall", "each round"], rows), ""]
    ops = {name: s for name, s in res.get("op", {}).items() if not name.startswith("_")}
    if ops:
        out += ["One engine operation, the least any step's operation costs: two 4×2 arrays added and the sum freed, "
                "microseconds, median (min–max) over the rounds.", "",
                table(["contender", "µs per operation", "each round"],
                      [[name, fmt_spread(s["spread"] and {k: (1000 * v if k != "n" else v) for k, v in s["spread"].items()}, "{:.1f}"),
                        " ".join(fmt(v and 1000 * v, "{:.1f}") for v in s["values"])] for name, s in ops.items()]), ""]
    return out


def kernel_section(res):
    out = []
    if res.get("contention"):
        c = res["contention"]
        out += ["### Two at once", "",
                f"DJL MXNet and DJL PyTorch training the CNN at the same moment (batch 64), with {DEFAULTS} and with the "
                "kit's settings: images/s of each, median of the rounds.", "",
                table(["setting", "DJL MXNet", "DJL PyTorch", "each round (MXNet / PyTorch)"],
                      [[label, fmt(d.get("DJL MXNet")), fmt(d.get("DJL PyTorch")),
                        " ".join(f"{fmt(a)}/{fmt(b)}" for a, b in zip(d["values"].get("DJL MXNet", []), d["values"].get("DJL PyTorch", [])))]
                       for label, d in c.items()]), ""]
    if res.get("kernel"):
        rows = [[label, fmt(s.get("first_output_s"), "{:.1f} s"), fmt(s.get("course_start_s"), "{:.1f} s"),
                 fmt(s.get("first_op_s"), "{:.2f} s"), fmt(s.get("to_first_djl_op_s"), "{:.1f} s"),
                 fmt(s.get("rss_before_course_mib"), "{} MiB"), fmt(s.get("idle_rss_mib"), "{} MiB"), s.get("n", 0)]
                for label, s in res["kernel"].items()]
        out += ["## 3. The kernel", "",
                "The `dl-course` kernel started cold with jupyter_client: time to the output of `System.out.println(\"x\")`, "
                "then `var course = Course.start();`, then a first NDArray operation; resident memory (VmRSS). Median of the starts.", "",
                table(["kernel", "start → first output", "Course.start()", "first op", "start → first DJL op",
                       "RSS idle", "RSS after Course.start()", "starts"], rows), ""]
    out += ["Memory of the benchmark's own processes after their runs (resident now / peak):", "",
            table(["contender", "RSS", "peak RSS"], [[n, fmt(v.get("rss_mib"), "{} MiB"), fmt(v.get("peak_rss_mib"), "{} MiB")]
                                                    for n, v in res["memory"].items()]), ""]
    nb = res.get("notebooks") or {}
    if nb:
        names = sorted({k.split("/", 2)[2] for k in nb})
        profiles = sorted({k.split("/", 2)[0] for k in nb})
        cols = [(p, e) for p in profiles for e in ("MXNet", "PyTorch")]
        rows = [[name] + ["–" if not (e := nb.get(f"{p}/{g}/{name}")) else
                          f"{fmt(e['peak_rss_mib'], '{} MiB')}, {fmt(e['seconds'], '{:.0f} s')}" + ("" if e["ok"] else " (failed)")
                          for p, g in cols] for name in names]
        out += ["## 4. Notebooks run by this run: peak memory and wall time", "",
                table(["notebook"] + [f"{p} {g}" for p, g in cols], rows), ""]
    else:
        out += ["Notebooks were not run by this run (`--notebooks fast|full` runs them); their times are not reported here.", ""]
    return out


def report(res, before=None):
    out = run_header(res)
    out += ["## Goals (issue #18), judged on the kit's own rows", "",
            "Median of the per-round ratios, with their range (min–max) and the number of rounds.", "",
            table(["goal", "measured", "met?"], res["goals"]), ""]
    if before:
        out += before_after(before, res)
    out += machine_section(res) + cnn_section(res) + xor_section(res) + kernel_section(res)
    said = findings(res)
    if said:
        out += ["## What this run's numbers say", ""] + [f"- {n}" for n in said] + [""]
    if res.get("notes"):
        out += ["## Notes", ""] + [f"- {n}" for n in res["notes"]] + [""]
    return "\n".join(out)


def before_after(before, res):
    """The goals' medians of an earlier run beside this one's; refuses runs from another CPU (stats.same_machine)."""
    stats.same_machine([before, res])
    earlier = {g[0]: g[1] for g in before.get("goals", [])}
    return [f"### Before and after (same CPU): `{before.get('archive', '?')}` → this run", "",
            table(["goal", "before", "after"], [[g[0], earlier.get(g[0], "–"), g[1]] for g in res["goals"]]), ""]


def ratio_goal(name, ratio, bar, higher_is_better=True):
    if not ratio:
        return [name, "not measured", "–"]
    met = ratio["median"] >= bar if higher_is_better else ratio["median"] <= bar
    return [name, f"{fmt_spread(ratio)}, {ratio['n']} rounds", "yes" if met else "no"]


def goals(res):
    """The issue's goals, each on the kit's own row and per round."""
    rows = []
    for batch in res["batches"]:
        cnn = res["cnn"][str(batch)]
        kit, keras, fit = cnn.get(KIT["MXNet"]), cnn.get(KERAS_STEP), cnn.get(KERAS_FIT)
        rows.append(ratio_goal(f"batch {batch}: kit (DJL MXNet) ÷ Keras ≥ 1.0",
                               kit and keras and stats.ratio_spread(kit["values"], keras["values"]), 1.0))
        rows.append(ratio_goal(f"batch {batch}, like for like: kit (DJL MXNet) ÷ Keras `model.fit` with validation ≥ 1.0",
                               kit and fit and stats.ratio_spread(kit["values"], fit["values"]), 1.0))
    for batch in res["batches"]:
        kit = res["cnn"][str(batch)].get(KIT["PyTorch"])
        rows.append(ratio_goal(f"batch {batch}: kit (DJL PyTorch) ÷ best PyTorch ≥ 1.0", kit and kit["vs_best_pytorch"], 1.0))
        engine = res["cnn"][str(batch)].get("DJL PyTorch · engine")
        rows.append(ratio_goal(f"batch {batch}, like for like: DJL PyTorch on a fixed batch ÷ best PyTorch ≥ 1.0",
                               engine and engine.get("vs_best_pytorch"), 1.0))
    xor = res.get("xor", {})
    if xor.get(XOR_KIT):
        rows.append(ratio_goal("XOR step time: DJL MXNet (notebook 03's loop) ÷ best PyTorch ≤ 1.0",
                               stats.ratio_spread(xor[XOR_KIT]["values"], xor["_best_pytorch"]["values"]), 1.0, False))
    kit = {label: k["first_output_s"] for label, k in res.get("kernel", {}).items()
           if label.startswith("kit's kernel") and k.get("first_output_s")}
    if kit:
        rows.append(["kernel start → first output ≤ 3 s", "; ".join(f"{label}: {v:.1f} s" for label, v in kit.items()),
                     "yes" if max(kit.values()) <= 3 else "no"])
    peaks = [(k, v["peak_rss_mib"]) for k, v in (res.get("notebooks") or {}).items() if v.get("peak_rss_mib")]
    if peaks:
        worst = max(peaks, key=lambda p: p[1])
        rows.append(["every notebook's peak memory ≤ 1.2 GB", f"worst: {worst[0]} {worst[1]} MiB", "yes" if worst[1] <= 1229 else "no"])
    return rows


def findings(res):
    """Sentences computed from this run's numbers only: nothing here was measured elsewhere or earlier."""
    said = []
    cnn = res.get("cnn", {})
    torch_info = next((c for c in res.get("contenders", []) if c["name"] == TORCH), {})
    if torch_info.get("adam_default_on_cpu"):
        parts = []
        for batch in res.get("batches", []):
            rows = cnn.get(str(batch), {})
            plain = (rows.get(f"{TORCH} · plain") or {}).get("values", [])
            for variant in ("foreach", "fused", "channels_last"):
                r = stats.ratio_spread((rows.get(f"{TORCH} · {variant}") or {}).get("values", []), plain)
                if r:
                    parts.append(f"{variant} ÷ plain at batch {batch}: {fmt_spread(r)}")
        said.append(f"`torch.optim.Adam` with its defaults (foreach=None, fused=None) on CPU runs, as torch "
                    f"{torch_info.get('version', '?')} itself answers (`_default_to_fused_or_foreach`): "
                    f"{torch_info['adam_default_on_cpu']}; the one multi-tensor update is its default on CUDA, not on CPU. "
                    + ("Per round, in this run: " + "; ".join(parts) + "." if parts else ""))
    for kind, rows in (("CNN", [r for b in res.get("batches", []) for r in cnn.get(str(b), {}).items()]),
                       ("XOR", list(res.get("xor", {}).items()))):
        for name, s in rows:
            if name.startswith(TORCH) and s.get("errors"):
                said.append(f"{name} ({kind}) failed in this run: torch raised `{s['errors'][0]}`.")
    parts, costs = [], []
    for batch in res.get("batches", []):
        rows = cnn.get(str(batch), {})
        for engine in ("MXNet", "PyTorch"):
            e, k = rows.get(f"DJL {engine} · engine"), rows.get(f"DJL {engine} · kit")
            r = e and k and stats.ratio_spread(k["values"], e["values"])
            if r:
                parts.append(f"{engine} batch {batch}: {fmt_spread(r)}")
            pipe = res.get("pipeline", {}).get(f"DJL {engine}, batch {batch}")
            if pipe and e and e["median"]:
                costs.append(f"{pipe:.1f} ms of a {1000 * batch / e['median']:.0f} ms step ({engine}, batch {batch})")
    charts = [f"{fmt(s['chart_s'], '{:.2f}')} s of {fmt(s['seconds'], '{:.1f}')} s (batch {b}, {n.split(' · ')[0]})"
              for b in res.get("batches", []) for n, s in cnn.get(str(b), {}).items() if n in KIT.values() and s.get("chart_s")]
    if parts:
        said.append("The kit's path (notebook 04's `Training.fit`: live chart, accuracy, validation) ÷ the engine alone on "
                    "a fixed batch, per round: " + "; ".join(parts) + "."
                    + (" Making a batch from the stored bytes costs " + "; ".join(costs) + "." if costs else "")
                    + (" Drawing and encoding the live chart took, per sample (median): " + "; ".join(charts) + ". Each "
                       "sample is one `Training.fit` call, which draws the chart at its start and end besides every 2 s; "
                       "notebook 04 pays those two drawings once per 10 epochs, so this row slightly overstates the "
                       "chart's share." if charts else ""))
    for batch in res.get("batches", []):
        rows = cnn.get(str(batch), {})
        keras = rows.get(KERAS_STEP)
        best = max(((n, s) for n, s in rows.items() if n.startswith("DJL") and s.get("median")),
                   key=lambda t: t[1]["median"], default=None)
        if keras and keras.get("median") and best:
            said.append(f"Batch {batch}: Keras on TensorFlow ÷ the fastest DJL row ({best[0]}), per round: "
                        f"{fmt_spread(stats.ratio_spread(keras['values'], best[1]['values']))}.")
    if res.get("defaults"):
        parts = []
        for batch in res.get("batches", []):
            rows = cnn.get(str(batch), {})
            for engine in ("MXNet", "PyTorch"):
                for mode in ("engine", "kit"):
                    a, b = rows.get(f"DJL {engine}, {DEFAULTS} · {mode}"), rows.get(f"DJL {engine} · {mode}")
                    r = a and b and stats.ratio_spread(b["values"], a["values"])
                    if r:
                        parts.append(f"DJL {engine} {mode} batch {batch}: {fmt_spread(r)}")
        if parts:
            said.append(f"The kit's thread settings ({KIT_SETTINGS}) ÷ {DEFAULTS}, per round: " + "; ".join(parts) + ".")
    op, xor = res.get("op", {}), res.get("xor", {})
    for engine in ("MXNet", "PyTorch"):
        add, step = op.get(f"DJL {engine}"), xor.get(f"DJL {engine} · loop")   # one mode: rows named by contender
        torch_add = op.get(TORCH)
        if add and step and torch_add and add.get("median") and torch_add.get("median"):
            said.append(f"An XOR step on DJL {engine} costs as much as {step['median'] / add['median']:.0f} of its additions; "
                        f"one addition costs {1000 * add['median']:.1f} µs there, "
                        f"{fmt_spread(stats.ratio_spread(add['values'], torch_add['values']))} × PyTorch's "
                        f"{1000 * torch_add['median']:.1f} µs (per round). A tiny model's step is calls into the engine, "
                        f"not arithmetic.")
    k = res.get("kernel", {})
    full, floor = (k.get("kit's kernel, MXNet") or {}).get("first_output_s"), (k.get("floor: empty start-up script, MXNet") or {}).get("first_output_s")
    if full and floor:
        said.append(f"Kernel start: {full:.1f} s to the first output, of which {floor:.1f} s with an empty start-up script "
                    f"(JVM + JJava + JShell's first snippet) and {full - floor:.1f} s for startup.jshell.")
    return said


# ---- Main ------------------------------------------------------------------------------------

def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=9, help="rounds; each runs every contender once, shuffled (default 9)")
    parser.add_argument("--sample-seconds", type=float, default=2.5, help="the least duration of one sample (default 2.5)")
    parser.add_argument("--seed", type=int, help="seed of the shuffled orders (default: new each run, printed and archived)")
    parser.add_argument("--batches", default="32,64,256", help="CNN batch sizes (default 32,64,256; notebook 04 uses 32)")
    parser.add_argument("--kernel-starts", type=int, default=2, help="cold starts of the kernel per engine (0: skip)")
    parser.add_argument("--kernel-variants", action="store_true",
                        help="also time the kernel with other JVM options (the default C2 JIT, a class-data sharing archive)")
    parser.add_argument("--defaults", action=argparse.BooleanOptionalAction, default=False,
                        help="also measure DJL without the kit's thread settings, and two DJL processes at once")
    parser.add_argument("--no-keras", action="store_true", help="leave Keras out (TensorFlow takes long to import)")
    parser.add_argument("--notebooks", choices=["fast", "full"], help="run every notebook in this profile first (long)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run (3 rounds, 0.3 s samples, batch 32 and 64): checks the harness; its report goes "
                             "to build/bench/, never to docs/")
    parser.add_argument("--report-only", type=Path, metavar="RUN.json",
                        help="measure nothing: write the report of an archived run (docs/benchmarks/runs/...)")
    parser.add_argument("--before", type=Path, metavar="RUN.json",
                        help="an earlier archived run of the same CPU: its goals beside this run's (refused from another CPU)")
    parser.add_argument("--jar", type=Path, default=JAR, help="the support jar (bench.sh passes a private copy)")
    return parser.parse_args()


def main():
    global JAR
    args = parse_args()
    JAR = args.jar.resolve()
    os.environ["COURSE_SUPPORT_JAR"] = str(JAR)   # the kernel, started by kernel.sh, uses the same copy
    before = json.loads(args.before.read_text()) if args.before else None
    if args.report_only:
        res = json.loads(args.report_only.read_text())
        if before:
            stats.same_machine([before, res])
        publish(res, before, print, archive=False)
        return
    if args.quick:
        args.rounds, args.sample_seconds, args.batches = 3, 0.3, "32,64"
        args.kernel_starts = min(args.kernel_starts, 1)
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1_000_000)
    BUILD.mkdir(parents=True, exist_ok=True)
    logfile = (BUILD / "bench.log").open("w")

    def log(text):
        print(text, flush=True)
        logfile.write(text + "\n")
        logfile.flush()

    if before:   # refused before measuring, not after 25 minutes
        stats.same_machine([before, {"machine": {"cpu": cpuinfo()["model"]}}])
    res = measure(args, log)
    publish(res, before, log, archive=True)


def command_line():
    """How this run was asked for, as the user typed it (bench.sh's own --jar left out)."""
    words = sys.argv[1:]
    if "--jar" in words:
        at = words.index("--jar")
        words = words[:at] + words[at + 2:]
    return " ".join(["./course bench", shlex.join(words)]).strip()


def measure(args, log):
    started = time.monotonic()
    loads, clocks = [loadavg()], [clock_mhz()]
    cpu = cpuinfo()
    flops = cnn_layers()
    log(f"==> machine: {cpu['model']}, {cpu['cores']} core(s) used, clock now {clocks[0]:.0f} MHz, load average {loads[0]:.1f}")
    log(f"==> seed of the shuffled orders: {args.seed} ({args.rounds} rounds, samples of at least {args.sample_seconds} s)")
    res = {"date": datetime.datetime.now().isoformat(timespec="minutes"), "command": command_line(),
           "smoke": args.quick, "seed": args.seed, "rounds": args.rounds, "sample_seconds": args.sample_seconds,
           "flops": flops, "batches": [int(b) for b in args.batches.split(",")], "defaults": args.defaults,
           "cnn": {}, "notes": []}
    workers = contenders(args)
    try:
        log("==> starting the contenders (each a warm process)")
        for c in workers:
            c.start()
            log(f"    {c.name}: {'FAILED ' + c.failed if c.failed else c.info.get('version')} "
                f"(started in {c.info.get('load_ms', 0) / 1000:.1f} s)")
        live = [c for c in workers if not c.failed]
        res["notes"] += [f"{c.name} did not start: {c.failed}" for c in workers if c.failed]
        first = {32: 4, 64: 3, 256: 2}
        cnn_steps = {}
        for batch in res["batches"]:
            log(f"==> CNN training, batch {batch}")
            rows = rows_of(live, "cnn")
            command = lambda mode, steps: f"cnn {batch} {steps} {mode}"   # noqa: E731 (batch is read at the call)
            cnn_steps[batch] = calibrate(rows, command, first.get(batch, 2), args.sample_seconds, log)
            results = alternate(rows, command, cnn_steps[batch], args.rounds, args.seed + batch, log)
            loads += [a["load"] for answers in results.values() for a in answers]
            clocks += [a["mhz"] for answers in results.values() for a in answers]
            res["cnn"][str(batch)] = summarise(results, "images_per_s")
        log("==> the kit's data pipeline alone (ImageSet batches made and freed, best of 3)")
        res["pipeline"] = {}
        for c in live:
            if c.name in ("DJL MXNet", "DJL PyTorch"):
                for batch in res["batches"]:
                    answer = c.ask(f"data {batch} {max(8, cnn_steps[batch].get(f'{c.name} · engine', 8))}")
                    res["pipeline"][f"{c.name}, batch {batch}"] = answer.get("ms_per_batch")
                    log(f"    {c.name}, batch {batch}: {answer}")
        log("==> XOR")
        rows = rows_of(live, "xor")
        command = lambda mode, steps: f"xor {steps} {mode}"   # noqa: E731
        xor_steps = calibrate(rows, command, 200, args.sample_seconds, log)
        results = alternate(rows, command, xor_steps, args.rounds, args.seed, log)
        loads += [a["load"] for answers in results.values() for a in answers]
        res["xor"] = summarise(results, "ms_per_step", lower_is_better=True)
        log("==> one engine operation (two 4x2 arrays added)")
        rows = rows_of(live, "op")
        command = lambda mode, steps: f"op {steps}"   # noqa: E731
        results = alternate(rows, command, calibrate(rows, command, 5000, args.sample_seconds / 2, log),
                            args.rounds, args.seed, log)
        res["op"] = summarise(results, "ms_per_step", lower_is_better=True)
        res["contention"] = two_at_once(live, cnn_steps.get(64, {}).get("DJL MXNet · engine", 10), args.rounds, log) if args.defaults else {}
        res["memory"] = {c.name: c.ask("memory") for c in live}
        res["contenders"] = [dict(name=c.name, **{k: v for k, v in c.info.items()
                                                  if k in ("version", "settings", "load_ms", "adam_default_on_cpu")})
                             for c in workers]
    finally:
        for c in workers:
            c.stop()
    res["kernel"] = kernel_starts(args, log, loads) if args.kernel_starts else {}
    res["notebooks"] = notebook_runs(args.notebooks, ["MXNet", "PyTorch"], log) if args.notebooks else {}
    loads.append(loadavg())
    clocks.append(clock_mhz())
    res["load"] = {"start": loads[0], "end": loads[-1], "median": statistics.median(loads), "max": max(loads)}
    res["clock"] = stats.spread(clocks)
    res["machine"] = machine(cpu, peak_flops(cpu, res["clock"]["median"]), res["clock"]["median"])
    res["seconds"] = time.monotonic() - started
    return res


def two_at_once(live, steps, rounds, log):
    """DJL MXNet and DJL PyTorch computing at the same moment, with DJL's defaults and with the kit's settings."""
    by_name = {c.name: c for c in live}
    pairs = [(DEFAULTS, [by_name.get(f"DJL MXNet, {DEFAULTS}"), by_name.get(f"DJL PyTorch, {DEFAULTS}")]),
             ("kit's settings", [by_name.get("DJL MXNet"), by_name.get("DJL PyTorch")])]
    pairs = [(label, pair) for label, pair in pairs if all(pair)]
    if len(pairs) != 2:
        return {}
    log(f"==> two at once: DJL MXNet and DJL PyTorch computing at the same time, batch 64, {rounds} rounds")
    found = {label: {c.name.split(",")[0]: [] for c in pair} for label, pair in pairs}
    for r in range(rounds):
        for label, pair in (pairs if r % 2 == 0 else pairs[::-1]):
            for c in pair:
                c.send(f"cnn 64 {steps} engine")
            for c in pair:
                a = c.receive()
                found[label][c.name.split(",")[0]].append(a.get("images_per_s"))
                log(f"  round {r + 1} {label:<24} {c.name.split(',')[0]:<12} {answer_text(dict(a, load=loadavg()))}")
    return {label: {n: median(v) for n, v in d.items()} | {"values": d} for label, d in found.items()}


def kernel_starts(args, log, loads):
    """Cold starts of the kit's kernel on each engine (and, with --kernel-variants, with other JVM options)."""
    variants = [("kit's kernel", "MXNet", None, "dl-course"), ("kit's kernel", "PyTorch", None, "dl-course")]
    if args.kernel_variants:
        base = " ".join(kernel_jvm_opts())
        archive = BUILD / "kernel-cds.jsa"
        c2 = " ".join(o for o in base.split() if not o.startswith("-XX:TieredStopAtLevel"))
        variants += [("with C2 (the JVM's default JIT)", "MXNet", c2, "dl-course"),
                     ("+ class-data archive (CDS)", "MXNet", f"{base} -XX:SharedArchiveFile={archive}", "dl-course"),
                     ("floor: empty start-up script", "MXNet", None, floor_kernel()),
                     ("floor + CDS", "MXNet", f"{base} -XX:SharedArchiveFile={archive}", floor_kernel())]
        if not archive.exists():
            log("==> kernel: making a class-data sharing archive (one kernel run that dumps its classes at exit)")
            kernel_start("MXNet", f"{base} -XX:ArchiveClassesAtExit={archive}", exit_wait=120)
    runs = {v: [] for v in variants}
    for i in range(args.kernel_starts):   # the variants alternate, like the contenders above
        for v in variants:
            label, engine, opts, kernel = v
            log(f"==> kernel cold start, {label}, {engine} ({i + 1}/{args.kernel_starts})")
            r = kernel_start(engine, opts, kernel=kernel)
            r["load"] = loadavg()
            loads.append(r["load"])
            log("    " + json.dumps(r))
            runs[v].append(r)
    found = {}
    for (label, engine, _, _), starts in runs.items():
        ok = [r for r in starts if "error" not in r]
        summary = {k: median([r.get(k) for r in ok]) for k in
                   ("first_output_s", "course_start_s", "first_op_s", "to_first_djl_op_s", "rss_before_course_mib", "idle_rss_mib")}
        summary.update(n=len(ok), errors=[r["error"] for r in starts if "error" in r], loads=[r["load"] for r in starts])
        found[f"{label}, {engine}"] = summary
    return found


def archive_name(res):
    """docs/benchmarks/runs/<date>-<cpu>.json (smoke runs: build/bench/runs/), so runs of two machines never mix."""
    cpu = re.sub(r"[^a-z0-9]+", "-", res["machine"]["cpu"].lower()).strip("-")
    folder = BUILD / "runs" if res.get("smoke") else RUNS
    return folder / f"{res['date'].replace(':', '')}-{cpu}{'-smoke' if res.get('smoke') else ''}.json"


def publish(res, before, log, archive):
    """Judges the goals, archives the run (once), writes the chart and the report: docs/ for a real run, build/bench/
    for a smoke run."""
    res["goals"] = goals(res)
    if archive:
        path = archive_name(res)
        res["archive"] = str(path.relative_to(ROOT))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(res, indent=1, default=str) + "\n")
    smoke = res.get("smoke")
    out_md = BUILD / "benchmarks-smoke.md" if smoke else ROOT / "docs" / "benchmarks.md"
    out_png = BUILD / "benchmarks-smoke.png" if smoke else ROOT / "docs" / "benchmarks.png"
    chart_rows = [f"{batch}\t{name.replace(DEFAULTS, 'defaults')}\t{s['median']}" for batch in res["batches"]
                  for name, s in res["cnn"][str(batch)].items() if not name.startswith("_") and s["median"]]
    BUILD.mkdir(parents=True, exist_ok=True)
    (BUILD / "chart.tsv").write_text("\n".join(chart_rows) + "\n")
    title = (f"Course CNN training, images/s (median of {res['rounds']} rounds, load avg {res['load']['median']:.1f}, "
             f"{res['machine']['cpu']})" + (" — SMOKE RUN" if smoke else ""))
    subprocess.run(["java", "-Djava.awt.headless=true", "-cp", f"{JAR}{os.pathsep}{CLASSES}", "org.dlcourse.bench.BenchChart",
                    str(BUILD / "chart.tsv"), str(out_png), title], check=False)
    markdown = report(res, before)
    if not smoke:
        markdown = markdown.replace("# Benchmarks\n", "# Benchmarks\n\n![Throughput](benchmarks.png)\n", 1)
    out_md.write_text(markdown)
    log("\n" + markdown)
    log(f"Written: {out_md.relative_to(ROOT)}, {out_png.relative_to(ROOT)}, {res.get('archive', '(not archived again)')}")


if __name__ == "__main__":
    try:
        main()
    except stats.MixedRuns as e:
        sys.exit(f"bench: {e}")
