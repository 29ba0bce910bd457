"""A student's session, measured: runs notebooks one after the other in one running JupyterLab, as a student
clicking through them (each opened in its own kernel, every cell run, no kernel shut down by hand), and
samples the memory the server and all its kernels hold. Fails if a cell fails or the peak reaches the limit.

Usage: session_memory_test.py --url http://127.0.0.1:PORT --token T --limit BYTES NOTEBOOK_PATH...
(paths relative to the server's root, e.g. notebooks/fr/01_linear_regression.ipynb). Run by test-image.sh
on the host, as root (to see the server's processes); needs psutil and websocket-client (the kit's .venv).
"""

import argparse
import json
import sys
import threading
import time
import urllib.request
import uuid

import psutil
import websocket

import memory_budget   # the server's own reading of its memory (same folder)

MiB = 1 << 20


def api(args, method, path, body=None):
    request = urllib.request.Request(f"{args.url}/api/{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"token {args.token}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read() or b"null")


def server_pid(port):
    """The process listening on the server's port."""
    for connection in psutil.net_connections(kind="tcp"):
        if connection.laddr and connection.laddr.port == port and connection.status == psutil.CONN_LISTEN:
            return connection.pid
    sys.exit(f"session-memory: no process listens on port {port}")


class Sampler(threading.Thread):
    """Resident memory of the server and its process tree, every half second; peak since the last reset."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.server = psutil.Process(pid)
        self.peak = self.overall = 0
        self.kernels = 0
        self.samples = 0   # counted, so that a notebook measured by no sample fails the test

    def run(self):
        while self.server.is_running():
            total, self.kernels = memory_budget.memory_in_use(self.server.pid, count_kernels=True)
            self.peak, self.overall = max(self.peak, total), max(self.overall, total)
            self.samples += 1
            time.sleep(0.5)


def run_cells(args, kernel_id, cells, timeout):
    """Sends each code cell to the kernel, in order; returns the first error's text, or None."""
    ws = websocket.create_connection(f"{args.url.replace('http', 'ws', 1)}/api/kernels/{kernel_id}/channels"
                                     f"?token={args.token}", timeout=timeout)
    session = uuid.uuid4().hex
    try:
        for index, source in cells:
            msg_id = uuid.uuid4().hex
            ws.send(json.dumps({"channel": "shell", "buffers": [], "metadata": {}, "parent_header": {},
                                "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session,
                                           "username": "student", "version": "5.3", "date": ""},
                                "content": {"code": source, "silent": False, "store_history": True,
                                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
            error = None
            while True:
                msg = json.loads(ws.recv())
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "error":
                    error = f"cell {index}: {msg['content'].get('ename')}: {msg['content'].get('evalue', '')[:300]}"
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    break
            if error:
                return error
    finally:
        ws.close()
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--limit", type=int, required=True, help="bytes the session must stay under")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    sampler = Sampler(server_pid(int(args.url.rsplit(":", 1)[1])))
    sampler.start()
    time.sleep(1)
    print(f"session-memory: server alone {sampler.overall // MiB} MiB; limit {args.limit // MiB} MiB", flush=True)
    failures = 0
    for path in args.notebooks:
        notebook = api(args, "GET", f"contents/{path}")["content"]
        cells = [(i, c["source"]) for i, c in enumerate(notebook["cells"]) if c["cell_type"] == "code"]
        sampler.peak, samples_before, start = 0, sampler.samples, time.time()
        session = api(args, "POST", "sessions", {"path": path, "type": "notebook", "name": path.rsplit("/", 1)[-1],
                                                   "kernel": {"name": "dl-course"}})
        error = run_cells(args, session["kernel"]["id"], cells, args.timeout)
        time.sleep(1)
        if sampler.samples == samples_before or not sampler.is_alive():
            error = error or "the memory sampler took no sample during this notebook"
        failures += bool(error)
        print(f"  {path}: {'FAILED ' + error if error else 'ok'} in {time.time() - start:.0f} s; peak "
              f"{sampler.peak // MiB} MiB; {sampler.kernels} kernels alive after", flush=True)
    overall = sampler.overall
    verdict = "under" if overall < args.limit else "NOT under"
    print(f"session-memory: peak {overall // MiB} MiB ({overall / 1e9:.2f} GB) for {len(args.notebooks)} notebooks "
          f"in one server, {verdict} the limit of {args.limit // MiB} MiB ({args.limit / 1e9:.2f} GB)", flush=True)
    sys.exit(1 if failures or overall >= args.limit else 0)


if __name__ == "__main__":
    main()
