"""The support library's sources one click away in JupyterLab: `./course setup` (so `./course lab`) keeps
notebooks/library a read-only copy of support-lib/src/main/java, whatever classes and packages it holds;
JupyterLab, started on notebooks/ as `./course lab` starts it, lists every file of it and refuses to write
there. (The image links ~/notebooks/library to its own root-owned copy: environment/docker/test-image.sh
checks that one.)

Root ignores file permissions, and a student is never root: run as root (CI), the server runs as nobody,
on a copy of notebooks/library given to nobody with its permissions kept, as a student owns theirs.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SOURCES = ROOT / "support-lib" / "src" / "main" / "java"
LIBRARY = NOTEBOOKS / "library"
# Root ignores file permissions, and a student is never root: as root, the server runs as nobody.
NOBODY = 65534


def files_under(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def library():
    if not LIBRARY.is_dir():
        pytest.fail(f"{LIBRARY} is missing: run ./course setup first")
    return LIBRARY


def test_the_library_folder_is_a_read_only_copy_of_the_library_sources(library):
    assert files_under(library) == files_under(SOURCES), \
        "notebooks/library differs from support-lib/src/main/java: ./course setup refreshes it"
    writable = [p for p in [library, *library.rglob("*")] if p.stat().st_mode & 0o222]
    assert not writable, f"{len(writable)} entries of notebooks/library can be written, e.g. {writable[0]}"


class Server:
    """JupyterLab on 127.0.0.1, started in root_dir as `./course lab` starts it in notebooks/; its REST API."""

    def __init__(self, home, root_dir):
        self.token = secrets.token_hex(16)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        # setpriv, not Popen(user=...): Popen's child cannot exec an interpreter whose path crosses a
        # folder private to root (pyenv's, in /root); setpriv can, and still runs it as nobody.
        self.log = (home / "server.log").open("wb")
        as_nobody = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if os.geteuid() == 0 else []
        env = dict(os.environ, HOME=str(home), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
                   JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"))
        self.process = subprocess.Popen(
            [*as_nobody, sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
             f"--IdentityProvider.token={self.token}", "--ServerApp.open_browser=False"],
            cwd=root_dir, env=env, stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 120
        while True:
            try:
                self.call("GET", "api/status")
                return
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    log = (home / "server.log").read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"JupyterLab did not answer within 120 s: {log}")
                time.sleep(0.5)

    def call(self, method, path, body=None):
        """(HTTP status, decoded JSON body) of one API call."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def listing(self, path):
        """Every file model under the folder at path, and every folder model, walked through the API."""
        status, model = self.call("GET", f"api/contents/{path}")
        assert status == 200, f"GET api/contents/{path}: {status} {model}"
        files, folders = [], [model]
        for entry in model["content"]:
            if entry["type"] == "directory":
                more_files, more_folders = self.listing(entry["path"])
                files += more_files
                folders += more_folders
            else:
                files.append(entry)
        return files, folders

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def give_to_nobody(folder):
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, NOBODY, NOBODY, follow_symlinks=False)


@pytest.fixture
def lab(library):
    """(the server, the folder it serves)."""
    # Not pytest's tmp_path: its folder is private to root, and the server may run as nobody.
    home = Path(tempfile.mkdtemp(prefix="dl-course-lab-"))
    served = NOTEBOOKS
    if os.geteuid() == 0:
        served = home / "notebooks"
        served.mkdir()
        shutil.copytree(library, served / "library")  # copies the permissions too
        give_to_nobody(home)
    server = Server(home, served)
    yield server, served
    server.stop()
    shutil.rmtree(home, ignore_errors=True)


@pytest.mark.server
def test_jupyterlab_lists_every_library_source_beside_the_notebooks_and_refuses_to_write_there(lab):
    lab, served = lab
    status, top = lab.call("GET", "api/contents")
    assert status == 200 and {"name": "library", "type": "directory"}.items() <= \
        next((e for e in top["content"] if e["name"] == "library"), {}).items(), \
        "JupyterLab's file browser does not show a library folder beside the notebooks"

    files, folders = lab.listing("library")
    assert {f["path"].removeprefix("library/") for f in files} == set(files_under(SOURCES)), \
        "the folder JupyterLab lists is not support-lib/src/main/java"
    assert not [m["path"] for m in files + folders if m["writable"]], "JupyterLab would let a student edit these"

    target = files[0]["path"]
    before = (served / target).read_bytes()
    status, _ = lab.call("PUT", f"api/contents/{target}", {"type": "file", "format": "text", "content": "broken"})
    assert status == 403 and (served / target).read_bytes() == before, f"saving {target}: HTTP {status}"
    status, _ = lab.call("PUT", "api/contents/library/Scratch.java", {"type": "file", "format": "text", "content": ""})
    assert status == 403 and not (served / "library" / "Scratch.java").exists(), f"a new file in library/: HTTP {status}"
    status, _ = lab.call("DELETE", f"api/contents/{target}")
    assert status == 403 and (served / target).exists(), f"deleting {target}: HTTP {status}"
