"""Benchmarks side by side: the kit (DJL on MXNet and on PyTorch) against PyTorch and Keras in Python.

Run by `./course bench` (environment/bench.sh), which prepares the Java classes and the reference
virtualenv, then runs this with the kit's own Python (.venv: it has jupyter_client for the kernel part).

    1. Training throughput of notebook 04's CNN (batch 64 and 256, 2 threads), each contender as a
       ratio to PyTorch-in-Python measured in the same round, and as a fraction of the CPU's FP32 peak.
    2. Per-step overhead: notebook 03's XOR network, 2,000 full-batch steps.
    3. The kernel: cold start to first output, Course.start() (the engine's first operation), idle memory;
       and each notebook's peak memory, read from run_notebooks.py's summary.json files.
    4. Each notebook's full-profile wall time, from the same files.

The machine is shared, so every contender is a warm process and the harness alternates between them,
several short repetitions each, and reports medians; ratios are taken within a round (same load).
Writes build/bench/results.json, docs/benchmarks.md and docs/benchmarks.png, and prints the tables.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "bench"
JAR = ROOT / "support-lib" / "target" / "course-support.jar"
CLASSES = BUILD / "classes"
PY = ROOT / "build" / "bench-venv" / "bin" / "python"


# ---- The machine and its peak ------------------------------------------------------------------

def cpuinfo():
    text = Path("/proc/cpuinfo").read_text()
    first = text.split("\n\n")[0]
    fields = dict(re.findall(r"^([^\t:]+?)\s*:\s*(.*)$", first, re.M))
    return {"model": fields.get("model name", "?"), "family": int(fields.get("cpu family", 0)),
            "model_number": int(fields.get("model", 0)), "vendor": fields.get("vendor_id", "?"),
            "mhz": float(fields.get("cpu MHz", 0)), "flags": set(fields.get("flags", "").split()),
            "cores": os.cpu_count()}


def peak_flops(cpu):
    """FP32 peak = cores x FLOP per cycle x clock, the FLOP per cycle read from the CPU's flags.

    The rule: AVX-512 -> 2 FMA units x 16 lanes x 2 (multiply + add) = 64 FLOP/cycle; AVX2 + FMA ->
    2 x 8 x 2 = 32; AVX -> 16 (separate 8-lane multiply and add); else SSE 8. The clock is the one
    /proc/cpuinfo reports (a VM shows the nominal clock, not the boost). One correction the flags
    cannot tell: AMD Zen 4 (family 25, model >= 0x10) runs AVX-512 on 256-bit units, so its real peak
    is the AVX2 figure; both are reported and the goal is judged against the lower, true one.
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
    ghz = cpu["mhz"] / 1000
    return {"cores": cpu["cores"], "ghz": ghz, "flop_per_cycle_by_flags": by_flags, "rule": rule,
            "flop_per_cycle": per_cycle, "why": why,
            "peak_gflops_by_flags": cpu["cores"] * by_flags * ghz, "peak_gflops": cpu["cores"] * per_cycle * ghz}


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


def machine(cpu, peak):
    mem = dict(re.findall(r"^(\w+):\s+(\d+)", Path("/proc/meminfo").read_text(), re.M))
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    return {"cpu": cpu["model"], "family_model": f"family {cpu['family']} model {cpu['model_number']}",
            "cores": cpu["cores"], "mhz": cpu["mhz"],
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


PASSIVE = {"OMP_WAIT_POLICY": "PASSIVE"}
CORES = os.cpu_count() or 1
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
REFERENCE = "PyTorch (Python)"
REFERENCE_PASSIVE = "PyTorch (Python), OMP_WAIT_POLICY=PASSIVE"


def contenders(args):
    """Who runs: the kit as the notebooks get it (the kernel's thread settings), DJL with its defaults, the references.

    The kit's settings (environment/kernel.sh): OMP_NUM_THREADS = the number of cores, because inside a JVM
    both engines' GNU OpenMP runs their operators on one thread unless it is set (measured: CPU/wall 1.0);
    and OMP_WAIT_POLICY=PASSIVE, because OpenMP's idle threads otherwise spin at each barrier, and on a
    machine where other processes want the same cores (a shared host, two notebooks training) a spinning
    thread burns the time slice its sibling needs. pip's torch is measured both ways too.
    """
    found = [djl("MXNet", "DJL MXNet", env=KIT_ENV), djl("PyTorch", "DJL PyTorch", env=KIT_ENV),
             Contender(REFERENCE, [str(PY), str(ROOT / "bench" / "torch_reference.py"), "--serve", "--threads", "2"])]
    if args.defaults:
        found.insert(1, djl("MXNet", f"DJL MXNet, {DEFAULTS}", env=DEFAULTS_ENV))
        found.insert(3, djl("PyTorch", f"DJL PyTorch, {DEFAULTS}", env=DEFAULTS_ENV))
        found.append(Contender(REFERENCE_PASSIVE, [str(PY), str(ROOT / "bench" / "torch_reference.py"), "--serve", "--threads", "2"],
                               env=PASSIVE))
    if not args.no_keras:
        found.append(Contender("Keras (TensorFlow)", [str(PY), str(ROOT / "bench" / "keras_reference.py"), "--serve",
                                                      "--threads", "2"]))
    return found


def alternate(workers, command_for, rounds, log):
    """Runs `rounds` rounds; in each, every worker in turn (the order rotated each round). Returns {name: [answers]}."""
    results = {w: [] for w in workers}
    for r in range(rounds):
        order = workers[r % len(workers):] + workers[:r % len(workers)]
        for w in order:
            command = command_for(w)
            if command is None:
                continue
            answer = w[0].ask(command)
            answer["load"] = loadavg()
            results[w].append(answer)
            log(f"  round {r + 1}/{rounds} {w[1]:<34} {answer_text(answer)}")
    return results


def answer_text(a):
    if "error" in a:
        return "ERROR " + a["error"]
    if "images_per_s" in a:
        return f"{a['images_per_s']:8.1f} images/s   (load {a['load']:.1f})"
    if "ms_per_step" in a:
        return f"{a['ms_per_step']:8.3f} ms/step     (load {a['load']:.1f})"
    return json.dumps(a)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(results, key, lower_is_better=False):
    """Median of each contender's measurements, and the median over rounds of its ratio to PyTorch-in-Python
    in the same round: `ratio` against pip's torch as installed, `ratio_best` against the faster of the two
    PyTorch-in-Python variants in that round (the honest bar). Ratios read "times as fast" for both keys."""
    by_name = {w[1]: answers for w, answers in results.items()}
    ref, ref_p = by_name.get(REFERENCE, []), by_name.get(REFERENCE_PASSIVE, [])

    def speed(a):
        v = a.get(key) if a else None
        return None if not v else (1 / v if lower_is_better else v)

    out = {}
    for name, answers in by_name.items():
        ratios, best = [], []
        for i, a in enumerate(answers):
            mine = speed(a)
            r1 = speed(ref[i]) if i < len(ref) else None
            r2 = speed(ref_p[i]) if i < len(ref_p) else None
            if mine and r1:
                ratios.append(mine / r1)
            if mine and (r1 or r2):
                best.append(mine / max(r for r in (r1, r2) if r))
        per_cpu = [(a[key] * a["cpu_per_wall"] if lower_is_better else a[key] / a["cpu_per_wall"])
                   for a in answers if a.get(key) and a.get("cpu_per_wall")]
        out[name] = {"median": median([a.get(key) for a in answers]), "values": [a.get(key) for a in answers],
                     "per_cpu": median(per_cpu),
                     "ratio": median(ratios), "ratio_best": median(best),
                     "cpu_per_wall": median([a.get("cpu_per_wall") for a in answers]),
                     "loads": [a.get("load") for a in answers], "errors": [a["error"] for a in answers if "error" in a]}
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


# ---- Notebooks: run_notebooks.py's summaries ------------------------------------------------------

def notebook_runs(run_profile, engines, log):
    """Collects every summary.json (the test runner's and ours), newest entry per (profile, engine, notebook),
    into build/bench/notebook-runs.json so that results of separate runs accumulate. Optionally runs them first."""
    store = BUILD / "notebook-runs.json"
    known = json.loads(store.read_text()) if store.exists() else {}
    if run_profile:
        out = BUILD / "notebooks"
        for engine in engines:
            log(f"--- notebooks, {run_profile} profile, {engine} (this takes a while)")
            subprocess.run([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "environment" / "run_notebooks.py"),
                            "--engine", engine, "--profile", run_profile, "--out", str(out)], cwd=ROOT)
    for summary in list((ROOT / "build" / "notebooks").glob("*/summary.json")) + list(BUILD.glob("**/summary.json")):
        when = datetime.datetime.fromtimestamp(summary.stat().st_mtime).isoformat(timespec="minutes")
        try:
            entries = json.loads(summary.read_text())
        except ValueError:
            continue
        for e in entries:
            if "engine" not in e or "profile" not in e:
                continue
            key = f"{e['profile']}/{e['engine']}/{e['notebook']}"
            if key not in known or known[key]["when"] <= when:
                known[key] = {"when": when, "seconds": e.get("seconds"), "peak_rss_mib": e.get("peak_rss_mib"),
                              "ok": not e.get("problems"), "source": str(summary.relative_to(ROOT))}
    store.write_text(json.dumps(known, indent=2, sort_keys=True))
    return known


# ---- Report ----------------------------------------------------------------------------------

def fmt(value, pattern="{:.0f}", none="–"):
    return none if value is None else pattern.format(value)


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def report(res):
    m, peak, flops = res["machine"], res["machine"]["peak"], res["flops"]
    out = [f"# Benchmarks\n",
           f"Generated by `./course bench` on {res['date']} ({res['seconds']:.0f} s). **Load average during the run: "
           f"{res['load']['start']:.1f} at the start, {res['load']['median']:.1f} median, {res['load']['max']:.1f} max, "
           f"{res['load']['end']:.1f} at the end** on {m['cores']} cores"
           + (" — the machine was shared, absolute numbers are depressed; the ratios are measured in the same rounds."
              if res['load']['median'] > m['cores'] + 0.5 else "."),
           "",
           "## The machine", "",
           table(["", ""], [["CPU", f"{m['cpu']} ({m['family_model']}), {m['cores']} cores at {m['mhz']:.0f} MHz"
                             + (", virtual machine" if m['hypervisor'] else "")],
                            ["vector units", m["vector"]],
                            ["memory", f"{m['memory_gib']} GiB"], ["system", m["os"]], ["Java", m["java"]]]
                 + [[c["name"], f"{c.get('version', '?')}; {c.get('settings') or 'defaults'}"] for c in res["contenders"]]),
           "",
           f"**FP32 peak** = cores × FLOP/cycle × clock. By the flags rule ({peak['rule']}): "
           f"{peak['cores']} × {peak['flop_per_cycle_by_flags']} × {peak['ghz']:.2f} GHz = **{peak['peak_gflops_by_flags']:.0f} GFLOP/s**.",
           ""]
    if peak["flop_per_cycle"] != peak["flop_per_cycle_by_flags"]:
        out += [f"This CPU: {peak['why']}: {peak['cores']} × {peak['flop_per_cycle']} × {peak['ghz']:.2f} GHz = "
                f"**{peak['peak_gflops']:.0f} GFLOP/s**, the true peak; the tables give the fraction of both.", ""]
    out += ["**Work per image** of notebook 04's CNN (3×32×32 in, valid padding; FLOP = 2 × multiply-adds):", "",
            table(["layer", "output", "multiply-adds"], [[l["layer"], l["output"], f"{l['macs']:,}"] for l in flops["layers"]]),
            "",
            f"Forward: **{flops['forward_flop'] / 1e6:.2f} MFLOP** per image. Training (forward + weight gradients + input gradients, "
            f"none for the image itself): **{flops['training_flop'] / 1e6:.2f} MFLOP** per image "
            f"(3 × forward would be {3 * flops['forward_flop'] / 1e6:.1f}).", ""]

    out += ["## 1. Training throughput, notebook 04's CNN", "",
            f"Images per second, median of {res['rounds']} alternating rounds. *× PyTorch*: median over rounds of "
            "(contender ÷ PyTorch-in-Python as pip installs it, same round); *× best PyTorch*: the same against the faster "
            "of the two PyTorch-in-Python rows in that round (the honest bar). *CPU/wall*: cores kept busy (2 = both; "
            "less when other processes hold them). *images per CPU-s*: images per second of CPU time the contender got, "
            "a figure the machine's load disturbs much less (spinning threads count against it); *of a core's peak*: that "
            "work against one core's true peak, i.e. how well the code uses a core while it has one. *engine*: a fixed batch already in the engine, forward + "
            "softmax cross-entropy + backward + Adam, the loss read back each step. *kit*: as notebook 04 trains "
            "(`Training.fit` on an `ImageSet`: bytes turned into a float batch each step, DJL's listeners, accuracy).", ""]
    rows = []
    for batch in res["batches"]:
        for name, s in res["cnn"][str(batch)].items():
            gflops = s["median"] * flops["training_flop"] / 1e9 if s["median"] else None
            core = s.get("per_cpu") and s["per_cpu"] * flops["training_flop"] / 1e9 / (peak["peak_gflops"] / peak["cores"])
            rows.append([batch, name, fmt(s["median"]), fmt(s["ratio"], "{:.2f}"), fmt(s["ratio_best"], "{:.2f}"),
                         fmt(s["cpu_per_wall"], "{:.2f}"), fmt(s.get("per_cpu")), fmt(core and 100 * core, "{:.0f} %"),
                         fmt(gflops, "{:.1f}"),
                         fmt(gflops and 100 * gflops / peak["peak_gflops_by_flags"], "{:.1f} %"),
                         fmt(gflops and 100 * gflops / peak["peak_gflops"], "{:.1f} %"),
                         " ".join(fmt(v) for v in s["values"]) + (f" ERR {s['errors'][0]}" if s["errors"] else "")])
    out += [table(["batch", "contender", "images/s", "× PyTorch", "× best PyTorch", "CPU/wall", "images per CPU-s",
                   "of a core's peak while on it", "GFLOP/s",
                   f"of {peak['peak_gflops_by_flags']:.0f} GFLOP/s", f"of {peak['peak_gflops']:.0f} GFLOP/s", "each round"], rows),
            "", "![Throughput](benchmarks.png)", "",
            f"*DJL MXNet*, *DJL PyTorch*: with the kit's thread settings ({KIT_SETTINGS}, from `environment/kernel.sh`), "
            f"as the notebooks run; *{DEFAULTS}*: the same without them (the chart's *defaults*).", ""]
    if res.get("pipeline"):
        out += ["The kit's data pipeline alone (an `ImageSet` batch made from the stored bytes, copied into the engine, "
                "freed; best of 3): " + "; ".join(f"{k}: {fmt(v, '{:.1f}')} ms per batch" for k, v in res["pipeline"].items())
                + ".", ""]

    out += ["## 2. Per-step overhead, notebook 03's XOR network", "",
            f"{res['xor_steps']:,} full-batch steps of 4 points (Linear(2) → sigmoid → Linear(1), MSE, Adam 0.1); "
            "milliseconds per step, median of the rounds. *loop*: notebook 03's loop written out (arrays made from Java "
            "each step, forward, loss, backward, loss read, update); *fit*: `Training.fit` with one batch per epoch.", ""]
    rows = [[name, fmt(s["median"], "{:.3f}"), fmt(s["ratio"], "{:.2f}"), fmt(s["ratio_best"], "{:.2f}"),
             fmt(s["cpu_per_wall"], "{:.2f}"), fmt(s.get("per_cpu"), "{:.3f}"), " ".join(fmt(v, "{:.3f}") for v in s["values"]) + (f" ERR {s['errors'][0]}" if s["errors"] else "")]
            for name, s in res["xor"].items()]
    out += [table(["contender", "ms per step", "× PyTorch (speed)", "× best PyTorch", "CPU/wall", "CPU-ms per step",
                   "each round"], rows), ""]

    if res.get("contention"):
        c = res["contention"]
        out += ["### Two at once", "",
                "DJL MXNet and DJL PyTorch training the CNN at the same moment (batch 64), as two notebooks training "
                f"together on 2 cores would: images/s of each, median of the rounds, with {DEFAULTS} and with the kit's "
                "settings.", "",
                table(["setting", "DJL MXNet", "DJL PyTorch", "each round (MXNet / PyTorch)"],
                      [[label, fmt(d.get("DJL MXNet")), fmt(d.get("DJL PyTorch")),
                        " ".join(f"{fmt(a)}/{fmt(b)}" for a, b in zip(d["values"].get("DJL MXNet", []), d["values"].get("DJL PyTorch", [])))]
                       for label, d in c.items()]), ""]

    out += ["## 3. The kernel", "",
            "The `dl-course` kernel started cold with jupyter_client: time to the output of `System.out.println(\"x\")`, "
            "then `var course = Course.start();` (loads the engine), then a first NDArray operation; resident memory "
            "(VmRSS) idle before and after. Median of the starts.", ""]
    rows = []
    for label, s in res["kernel"].items():
        rows.append([label, fmt(s.get("first_output_s"), "{:.1f} s"), fmt(s.get("course_start_s"), "{:.1f} s"),
                     fmt(s.get("first_op_s"), "{:.2f} s"), fmt(s.get("to_first_djl_op_s"), "{:.1f} s"),
                     fmt(s.get("rss_before_course_mib"), "{} MiB"), fmt(s.get("idle_rss_mib"), "{} MiB"),
                     s.get("n", 0)])
    out += [table(["kernel", "start → first output", "Course.start()", "first op", "start → first DJL op",
                   "RSS idle", "RSS after Course.start()", "starts"], rows), ""]
    out += ["Memory of the benchmark's own processes after their runs (resident now / peak):", "",
            table(["contender", "RSS", "peak RSS"], [[n, fmt(v.get("rss_mib"), "{} MiB"), fmt(v.get("peak_rss_mib"), "{} MiB")]
                                                    for n, v in res["memory"].items()]), ""]

    nb = res["notebooks"]
    out += ["## 3–4. Notebooks: peak memory and wall time", "",
            "From `environment/run_notebooks.py` (its `summary.json` files; `./course bench --notebooks fast|full` runs them "
            "first): kernel peak resident memory (VmHWM) and wall time of each notebook, latest run per engine and profile.", ""]
    names = sorted({k.split("/", 2)[2] for k in nb})
    rows = []
    for name in names:
        row = [name]
        for profile in ("fast", "full"):
            for engine in ("MXNet", "PyTorch"):
                e = nb.get(f"{profile}/{engine}/{name}")
                row.append("–" if not e else f"{fmt(e['peak_rss_mib'], '{} MiB')}, {fmt(e['seconds'], '{:.0f} s')}"
                           + ("" if e["ok"] else " (failed)"))
        rows.append(row)
    out += [table(["notebook", "fast MXNet", "fast PyTorch", "full MXNet", "full PyTorch"], rows) if rows
            else "No summary.json yet: run `./course test` or `./course bench --notebooks fast`.", ""]
    if nb:
        out += ["Dates of these runs: " + ", ".join(sorted({f"{k.rsplit('/', 1)[0]} {v['when']}" for k, v in nb.items()})), ""]
    out += ["## Goals", "", table(["goal", "measured", "met?"], res["goals"]), ""]
    said = findings(res)
    if said:
        out += ["## What the numbers say", ""] + [f"- {n}" for n in said] + [""]
    if res.get("notes"):
        out += ["## Notes", ""] + [f"- {n}" for n in res["notes"]] + [""]
    return "\n".join(out)


def findings(res):
    """Sentences computed from this run's numbers: what each setting changed, and what bounds the goals."""
    said = []
    cnn = res.get("cnn", {})

    def med(batch, name):
        return (cnn.get(str(batch), {}).get(name) or {}).get("median")

    def paired(batch, a, b):
        """Median over rounds of b ÷ a measured in the same round: how much setting b changes a."""
        x, y = (cnn.get(str(batch), {}).get(n, {}).get("values", []) for n in (a, b))
        return median([q / p for p, q in zip(x, y) if p and q])

    parts = []
    for batch in res.get("batches", []):
        for engine in ("MXNet", "PyTorch"):
            for mode in ("engine", "kit"):
                r = paired(batch, f"DJL {engine}, {DEFAULTS} · {mode}", f"DJL {engine} · {mode}")
                if r:
                    parts.append(f"DJL {engine} {mode} batch {batch}: {r:.2f} ×")
        r = paired(batch, REFERENCE, REFERENCE_PASSIVE)
        if r:
            parts.append(f"(reference: PyTorch-in-Python with PASSIVE ÷ without, batch {batch}: {r:.2f} ×)")
    if parts:
        c = res.get("contention", {})
        d, p = c.get(DEFAULTS, {}), c.get("kit's settings", {})
        together = "; ".join(f"{n} {d[n]:.0f} → {p[n]:.0f} images/s" for n in ("DJL MXNet", "DJL PyTorch") if d.get(n) and p.get(n))
        cpu = []
        for engine in ("MXNet", "PyTorch"):
            a = (cnn.get("256", {}).get(f"DJL {engine}, {DEFAULTS} · engine") or {}).get("cpu_per_wall")
            b = (cnn.get("256", {}).get(f"DJL {engine} · engine") or {}).get("cpu_per_wall")
            if a and b:
                cpu.append(f"{engine} {a:.2f} → {b:.2f}")
        said.append(f"The kit's thread settings ({KIT_SETTINGS}) against {DEFAULTS}, one process computing at a time "
                    "(median over rounds of kit ÷ defaults, same round): " + "; ".join(parts) + ". " +
                    (f"Cores kept busy (CPU/wall, batch 256): {'; '.join(cpu)}: inside a JVM both engines' OpenMP runs on one "
                     "thread unless OMP_NUM_THREADS is set. " if cpu else "") +
                    "MXNET_ENGINE_TYPE=NaiveEngine runs each MXNet operator on the calling thread: one OpenMP team, no "
                    "hand-off to an engine thread per operator (with the threaded engine, each engine thread brings its own "
                    "team, more threads than cores). GOMP_SPINCOUNT=3000: an idle OpenMP thread spins about 0.1 ms for the "
                    "next operator, then sleeps; OpenMP's default spins about 100 × longer, which starves a second process "
                    "wanting the same cores. Measured while choosing (same harness, 3-6 alternating rounds, NaiveEngine): "
                    "alone, spin 3000 against PASSIVE (no spin) gave 2486 against 2229 images/s at batch 64, 2071 against "
                    "1678 at batch 32, 1.4 against 2.9 ms per XOR step; two processes training at once (MXNet + PyTorch, "
                    "batch 64), combined images/s: PASSIVE 2896, spin 3000 2279, spin 30000 1800, OpenMP's default 1854. "
                    "Spin 3000 is the compromise: most of the speed alone, a moderate loss when two share the cores. " +
                    (f"Two DJL processes computing at once: {together} (DJL's defaults compute on one thread each, which "
                     "suits two processes on two cores; the kit gives each process both cores, which suits the usual case of "
                     "one notebook training). " if together else ""))
    parts, costs = [], []
    for batch in res.get("batches", []):
        for engine in ("MXNet", "PyTorch"):
            r = paired(batch, f"DJL {engine} · engine", f"DJL {engine} · kit")
            e = med(batch, f"DJL {engine} · engine")
            pipe = res.get("pipeline", {}).get(f"DJL {engine}, batch {batch}")
            if r:
                parts.append(f"{engine} batch {batch}: {r:.2f} ×")
            if pipe and e:
                costs.append(f"{pipe:.1f} ms of a {1000 * batch / e:.0f} ms step ({engine}, batch {batch})")
    if parts:
        said.append("The kit's own path (`Training.fit` on an `ImageSet`, listeners, accuracy) against a fixed batch, paired "
                    "by round: " + "; ".join(parts) + ". Making a batch from the stored bytes costs " + "; ".join(costs) +
                    ": the data pipeline is not where the time goes, and prefetching it on another thread could win at most "
                    "that much on 2 busy cores.")
    keras = [(b, med(b, "Keras (TensorFlow)")) for b in res.get("batches", [])]
    for batch, kv in keras:
        best = max(((n, st["median"]) for n, st in cnn.get(str(batch), {}).items() if n.startswith("DJL") and st["median"]),
                   key=lambda t: t[1], default=None)
        if kv and best:
            said.append(f"Keras on TensorFlow, batch {batch}: {kv:.0f} images/s, {kv / best[1]:.2f} × the best DJL row ({best[0]}). "
                        "TensorFlow runs the network channels-last (NHWC) and fuses convolution + bias + ReLU into one oneDNN "
                        "call (its graph optimiser); DJL on CPU runs NCHW, one engine call per layer, and MXNet 1.9 has no NHWC "
                        "convolution on CPU, so the kit cannot take this from a setting.")
    torch_p = (cnn.get("64", {}).get(REFERENCE_PASSIVE) or {}).get("median")
    torch_p = max(filter(None, [torch_p, (cnn.get("64", {}).get(REFERENCE) or {}).get("median")]), default=None)
    djl_p = (cnn.get("64", {}).get("DJL PyTorch · engine") or {})
    if torch_p and djl_p.get("median"):
        said.append(f"Engine against engine, same libtorch 2.7.1 kernels: DJL PyTorch {djl_p['median']:.0f} images/s against "
                    f"the faster PyTorch-in-Python row, {torch_p:.0f}, at batch 64. The kit cannot beat the library it calls by "
                    "1.25 × on the same kernels; what differs is per-operation overhead (a JNI call per operation, and one Adam "
                    "call per parameter where torch updates all parameters in one multi-tensor call).")
    xor = res.get("xor", {})
    ref = (xor.get(REFERENCE_PASSIVE) or xor.get(REFERENCE) or {}).get("median")
    if ref:
        parts = [f"{n} {st['median']:.2f} ms" for n, st in xor.items() if n.startswith("DJL") and st["median"]]
        said.append(f"Per-step overhead (XOR, 4 points): PyTorch-in-Python {ref:.2f} ms per step; " + ", ".join(parts) +
                    ". A step is about 25 engine operations (forward, loss, backward, one update per parameter, the loss read "
                    "back); at this size each costs its call overhead, not arithmetic.")
    k = res.get("kernel", {})
    full, floor = (k.get("kit's kernel, MXNet") or {}).get("first_output_s"), (k.get("floor: empty start-up script, MXNet") or {}).get("first_output_s")
    if full and floor:
        said.append(f"Kernel start: {full:.1f} s to the first output (the kit's kernel: C1 JIT only, which starts faster; in "
                    "training the engines' native code does the work: in a check while choosing, the CNN step did not change "
                    "measurably, the XOR step, all overhead, took about 0.5 ms more, 1 s over notebook 03's 2,000 steps), of which "
                    f"{floor:.1f} s with an empty start-up script (JVM + JJava + JShell compiling its first snippet) and "
                    f"{full - floor:.1f} s for startup.jshell's imports and display registrations. " + "; ".join(
                        f"{label.split(',')[0]}: {v['first_output_s']:.1f} s" for label, v in k.items()
                        if v.get("first_output_s") and (label.startswith(("+", "with")) or "floor +" in label)) + ".")
    return said


def goals(res):
    """The issue's goals, judged on the kit as notebooks run it (its thread settings), at each batch size."""
    rows = []
    flops, peak = res["flops"], res["machine"]["peak"]
    for engine in ("MXNet", "PyTorch"):
        said, met = [], []
        for batch in res["batches"]:
            kit = (res["cnn"][str(batch)].get(f"DJL {engine} · kit") or {}).get("ratio_best")
            raw = (res["cnn"][str(batch)].get(f"DJL {engine} · engine") or {}).get("ratio_best")
            if kit:
                said.append(f"batch {batch}: {kit:.2f} × (engine alone {fmt(raw, '{:.2f}')} ×)")
                met.append((batch, max(kit, raw or 0) >= 1.25))
        if said:
            verdict = ("yes" if all(m for _, m in met) else "no" if not any(m for _, m in met)
                       else "batch " + ", ".join(str(b) for b, m in met if m) + " only")
            rows.append([f"CNN training ≥ 1.25 × PyTorch-in-Python, DJL {engine}",
                         f"the kit's path against the faster PyTorch-in-Python row: {'; '.join(said)}", verdict])
    said, met = [], []
    for batch in res["batches"]:
        best = max(((name, st["median"]) for name, st in res["cnn"][str(batch)].items()
                    if name.startswith("DJL") and DEFAULTS not in name and st["median"]), key=lambda t: t[1], default=None)
        if best:
            gflops = best[1] * flops["training_flop"] / 1e9
            said.append(f"batch {batch}: {best[0]}, {gflops:.1f} GFLOP/s = {100 * gflops / peak['peak_gflops']:.0f} % "
                        f"of the true peak ({100 * gflops / peak['peak_gflops_by_flags']:.0f} % by the flags rule)")
            met.append((batch, gflops >= 0.25 * peak["peak_gflops"]))
    if said:
        rows.append(["CNN training ≥ 25 % of FP32 peak", "; ".join(said) + f"; load {res['load']['median']:.1f}",
                     "yes" if all(m for _, m in met) else "no" if not any(m for _, m in met)
                     else "batch " + ", ".join(str(b) for b, m in met if m) + " only"])
    peaks = [(k, v["peak_rss_mib"]) for k, v in res["notebooks"].items() if v.get("peak_rss_mib")]
    if peaks:
        worst = max(peaks, key=lambda p: p[1])
        rows.append(["every notebook's peak memory ≤ 1.5 GB", f"worst: {worst[0]} {worst[1]} MiB "
                     f"({len(peaks)} runs known)", "yes" if worst[1] <= 1536 else "no"])
    kit = {label: k["first_output_s"] for label, k in res["kernel"].items()
           if label.startswith("kit's kernel") and k.get("first_output_s")}
    if kit:
        rows.append(["kernel start → first output ≤ 3 s", "; ".join(f"{label}: {v:.1f} s" for label, v in kit.items()),
                     "yes" if max(kit.values()) <= 3 else "no"])
    return rows


# ---- Main ------------------------------------------------------------------------------------

def main():
    global JAR
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds of the CNN measurement (default 5)")
    parser.add_argument("--xor-rounds", type=int, default=3)
    parser.add_argument("--xor-steps", type=int, default=2000)
    parser.add_argument("--kernel-starts", type=int, default=2, help="cold starts of the kernel per engine (0: skip)")
    parser.add_argument("--kernel-variants", action="store_true",
                        help="also time the kernel with other JVM options (the default C2 JIT, a class-data sharing archive)")
    parser.add_argument("--defaults", action=argparse.BooleanOptionalAction, default=True,
                        help="also measure DJL without the kit's thread settings and PyTorch-in-Python with OMP_WAIT_POLICY=PASSIVE (default on)")
    parser.add_argument("--no-keras", action="store_true", help="leave Keras out (TensorFlow takes long to import)")
    parser.add_argument("--notebooks", choices=["fast", "full"], help="run every notebook in this profile first (long)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 2 rounds, fewer steps")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: rewrite docs/benchmarks.md from build/bench/results.json and the notebooks' summaries")
    parser.add_argument("--jar", type=Path, default=JAR, help="the support jar (bench.sh passes a private copy)")
    args = parser.parse_args()
    JAR = args.jar.resolve()
    os.environ["COURSE_SUPPORT_JAR"] = str(JAR)   # the kernel, started by kernel.sh, uses the same copy
    if args.report_only:
        JAR = args.jar.resolve()
        res = json.loads((BUILD / "results.json").read_text())
        publish(res, args, print)
        return
    if args.quick:
        args.rounds, args.xor_rounds, args.xor_steps, args.kernel_starts = 2, 1, 500, min(args.kernel_starts, 1)

    BUILD.mkdir(parents=True, exist_ok=True)
    logfile = (BUILD / "bench.log").open("w")

    def log(text):
        print(text, flush=True)
        logfile.write(text + "\n")
        logfile.flush()

    started = time.monotonic()
    loads = [loadavg()]
    cpu = cpuinfo()
    peak = peak_flops(cpu)
    flops = cnn_layers()
    log(f"==> machine: {cpu['model']}, {cpu['cores']} cores, load average {loads[0]:.1f}")
    log(f"    FP32 peak {peak['peak_gflops']:.0f} GFLOP/s ({peak['why']}); by the flags rule {peak['peak_gflops_by_flags']:.0f}")
    log(f"    course CNN: forward {flops['forward_flop'] / 1e6:.2f} MFLOP/image, training {flops['training_flop'] / 1e6:.2f} MFLOP/image")

    res = {"date": datetime.datetime.now().isoformat(timespec="minutes"), "machine": machine(cpu, peak), "flops": flops,
           "rounds": args.rounds, "batches": [64, 256], "xor_steps": args.xor_steps, "cnn": {}, "notes": []}
    workers = contenders(args)
    try:
        log("==> starting the contenders (each a warm process)")
        for c in workers:
            c.start()
            log(f"    {c.name}: {'FAILED ' + c.failed if c.failed else c.info.get('version')} "
                f"(started in {c.info.get('load_ms', 0) / 1000:.1f} s)")
        live = [c for c in workers if not c.failed]
        if not any(c.name == REFERENCE for c in live):
            res["notes"].append("PyTorch-in-Python did not start: no ratios.")

        def entries(modes):
            """(worker, label) pairs and their mode: every DJL contender in each of `modes`, the others once."""
            found = {}
            for c in live:
                for mode in (modes if c.name.startswith("DJL") else modes[:1]):
                    found[(c, f"{c.name} · {mode}" if c.name.startswith("DJL") else c.name)] = mode
            return found

        steps = {64: 10, 256: 3} if not args.quick else {64: 5, 256: 2}
        for batch in res["batches"]:
            log(f"==> CNN training, batch {batch}, {steps[batch]} steps per measurement, {args.rounds} rounds")
            modes = entries(["engine", "kit"])
            results = alternate(list(modes), lambda w: f"cnn {batch} {steps[batch]} {modes[w]}", args.rounds, log)
            loads += [a["load"] for answers in results.values() for a in answers]
            res["cnn"][str(batch)] = summarise(results, "images_per_s")

        log("==> the kit's data pipeline alone (ImageSet batches made and freed, best of 3)")
        res["pipeline"] = {}
        for c in live:
            if c.name in ("DJL MXNet", "DJL PyTorch"):
                for batch in res["batches"]:
                    answer = c.ask(f"data {batch} {steps[batch] * 4}")
                    res["pipeline"][f"{c.name}, batch {batch}"] = answer.get("ms_per_batch")
                    log(f"    {c.name}, batch {batch}: {answer}")

        log(f"==> XOR, {args.xor_steps} steps per measurement, {args.xor_rounds} rounds")
        modes = entries(["loop", "fit"])
        results = alternate(list(modes), lambda w: f"xor {args.xor_steps} {modes[w]}", args.xor_rounds, log)
        loads += [a["load"] for answers in results.values() for a in answers]
        res["xor"] = summarise(results, "ms_per_step", lower_is_better=True)
        by_name = {c.name: c for c in live}
        pairs = [(DEFAULTS, [by_name.get(f"DJL MXNet, {DEFAULTS}"), by_name.get(f"DJL PyTorch, {DEFAULTS}")]),
                 ("kit's settings", [by_name.get("DJL MXNet"), by_name.get("DJL PyTorch")])]
        pairs = [(label, pair) for label, pair in pairs if all(pair)]
        res["contention"] = {}
        if len(pairs) == 2:
            log(f"==> two at once (as two notebooks training together): DJL MXNet and DJL PyTorch computing at the same "
                f"time, batch 64, {args.xor_rounds} rounds")
            found = {label: {c.name.split(",")[0]: [] for c in pair} for label, pair in pairs}
            for r in range(args.xor_rounds):
                for label, pair in (pairs if r % 2 == 0 else pairs[::-1]):
                    for c in pair:
                        c.send(f"cnn 64 {steps[64]} engine")
                    for c in pair:
                        a = c.receive()
                        found[label][c.name.split(",")[0]].append(a.get("images_per_s"))
                        log(f"  round {r + 1} {label:<24} {c.name.split(',')[0]:<12} {answer_text(dict(a, load=loadavg()))}")
            res["contention"] = {label: {n: median(v) for n, v in d.items()} | {"values": d} for label, d in found.items()}
        res["memory"] = {c.name: c.ask("memory") for c in live}
        res["contenders"] = [dict(name=c.name, **{k: v for k, v in c.info.items() if k in ("version", "settings", "load_ms")})
                             for c in workers]
    finally:
        for c in workers:
            c.stop()

    res["kernel"] = {}
    if args.kernel_starts:
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
        for (label, engine, _, _), found in runs.items():
            ok = [r for r in found if "error" not in r]
            summary = {k: median([r.get(k) for r in ok]) for k in
                       ("first_output_s", "course_start_s", "first_op_s", "to_first_djl_op_s", "rss_before_course_mib", "idle_rss_mib")}
            summary["n"] = len(ok)
            summary["errors"] = [r["error"] for r in found if "error" in r]
            summary["loads"] = [r["load"] for r in found]
            res["kernel"][f"{label}, {engine}"] = summary

    loads.append(loadavg())
    res["load"] = {"start": loads[0], "end": loads[-1], "median": statistics.median(loads), "max": max(loads)}
    res["seconds"] = time.monotonic() - started
    publish(res, args, log)


def publish(res, args, log):
    """Adds the notebooks' summaries and the goals, writes results.json, the chart and docs/benchmarks.md."""
    res["notebooks"] = notebook_runs(args.notebooks, ["MXNet", "PyTorch"], log)
    res["goals"] = goals(res)
    (BUILD / "results.json").write_text(json.dumps(res, indent=2, default=str))
    chart_rows = [f"{batch}\t{name.replace(DEFAULTS, 'defaults')}\t{s['median']}" for batch in res["batches"]
                  for name, s in res["cnn"][str(batch)].items() if s["median"]]
    (BUILD / "chart.tsv").write_text("\n".join(chart_rows) + "\n")
    title = (f"Course CNN training, images/s (median of {res['rounds']} rounds, load avg {res['load']['median']:.1f} "
             f"on {res['machine']['cores']} cores)")
    (ROOT / "docs").mkdir(exist_ok=True)
    subprocess.run(["java", "-Djava.awt.headless=true", "-cp", f"{JAR}{os.pathsep}{CLASSES}", "org.dlcourse.bench.BenchChart",
                    str(BUILD / "chart.tsv"), str(ROOT / "docs" / "benchmarks.png"), title], check=False)
    markdown = report(res)
    (ROOT / "docs" / "benchmarks.md").write_text(markdown)
    log("\n" + markdown)
    log(f"Written: docs/benchmarks.md, docs/benchmarks.png, {BUILD.relative_to(ROOT)}/results.json")


if __name__ == "__main__":
    main()
