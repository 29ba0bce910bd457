"""What the Python reference scripts share: the command loop bench.py talks to, and memory readings.

A reference script is started once and kept warm; bench.py sends it one command per line on stdin
(`cnn BATCH STEPS MODE`, `xor STEPS MODE`, `op STEPS`, `memory`, `quit`) and reads one JSON line per command
on stdout, alternating between contenders so that the machine's load hits them alike.
"""

import json
import sys
import time


def status_mib(field):
    """A line of /proc/self/status in MiB (VmRSS: now, VmHWM: peak); -1 if unknown."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return -1


def timed_cnn(worker, batch, steps, mode):
    """One measurement: `steps` training steps of `batch` images (the first call per batch also warms up)."""
    if (batch, mode) not in worker.warm:
        worker.cnn_steps(batch, max(3, steps // 4), mode)
        worker.warm.add((batch, mode))
    if hasattr(worker, "prepare"):   # data made outside the timing
        worker.prepare(batch, steps, mode)
    cpu = time.process_time()
    start = time.perf_counter()
    loss = worker.cnn_steps(batch, steps, mode)
    seconds = time.perf_counter() - start
    return {"images_per_s": batch * steps / seconds, "seconds": seconds, "steps": steps, "batch": batch,
            "loss": loss, "rss_mib": status_mib("VmRSS"), "cpu_per_wall": (time.process_time() - cpu) / seconds}


def timed_xor(worker, steps, mode):
    """One measurement of per-step overhead: `steps` full-batch steps of the XOR network, after a warm-up."""
    worker.xor_new(mode)
    worker.xor_steps(max(50, steps // 10))
    cpu = time.process_time()
    start = time.perf_counter()
    loss = worker.xor_steps(steps)
    seconds = time.perf_counter() - start
    return {"ms_per_step": 1000 * seconds / steps, "steps": steps, "loss": loss,
            "cpu_per_wall": (time.process_time() - cpu) / seconds}


def timed_op(worker, steps):
    """One tiny operation (two 4x2 tensors added), `steps` times after a warm-up: a call into the engine's cost."""
    worker.op_steps(max(100, steps // 10))
    cpu = time.process_time()
    start = time.perf_counter()
    worker.op_steps(steps)
    seconds = time.perf_counter() - start
    return {"ms_per_step": 1000 * seconds / steps, "steps": steps, "cpu_per_wall": (time.process_time() - cpu) / seconds}


def serve(worker, ready):
    """The command loop: one JSON line per command."""
    print(json.dumps(ready), flush=True)
    for line in sys.stdin:
        word = line.split()
        if not word:
            continue
        try:
            if word[0] == "cnn":
                answer = timed_cnn(worker, int(word[1]), int(word[2]), word[3])
            elif word[0] == "xor":
                answer = timed_xor(worker, int(word[1]), word[2])
            elif word[0] == "op":
                answer = timed_op(worker, int(word[1]))
            elif word[0] == "memory":
                answer = {"rss_mib": status_mib("VmRSS"), "peak_rss_mib": status_mib("VmHWM")}
            elif word[0] == "quit":
                return
            else:
                answer = {"error": f"unknown command {line.strip()}"}
        except Exception as e:  # the harness reports it and goes on
            answer = {"error": repr(e)}
        print(json.dumps(answer), flush=True)


def main(make_worker, description, started):
    """Standalone: one CNN and one XOR measurement printed; with --serve, the command loop."""
    import argparse
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--threads", type=int, default=2, help="intra-op threads (default 2)")
    parser.add_argument("--serve", action="store_true", help="answer bench.py's commands on stdin")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--modes", default="plain", help="variants to measure, comma-separated (PyTorch: plain,channels_last,foreach,fused)")
    args = parser.parse_args()
    worker, info = make_worker(args.threads)
    info["load_ms"] = 1000 * (time.perf_counter() - started)
    if args.serve:
        serve(worker, dict(ready=True, **info))
        return
    print(json.dumps(info))
    for mode in args.modes.split(","):
        print(json.dumps(dict(mode=mode, **timed_cnn(worker, args.batch, args.steps, mode))))
    print(json.dumps(timed_xor(worker, 2000, args.modes.split(",")[0])))
