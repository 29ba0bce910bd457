"""`./course kernel` puts the kit's kernel where any Jupyter of the user looks (VS Code, JupyterLab
Desktop, a system JupyterLab), not only in the kit's own build/jupyter."""

import json
import os
import subprocess

from conftest import ROOT


def test_course_kernel_installs_dl_course_for_the_users_own_jupyter(tmp_path, kit_kernel):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "XDG_"))}
    env["HOME"] = str(tmp_path)
    subprocess.run([str(ROOT / "course"), "kernel"], env=env, check=True, capture_output=True)
    # A Jupyter that knows nothing of the kit: no JUPYTER_PATH, this user's home.
    listed = subprocess.run([str(ROOT / ".venv" / "bin" / "jupyter"), "kernelspec", "list", "--json"],
                            env=env, check=True, capture_output=True, text=True).stdout
    spec = json.loads(listed)["kernelspecs"]["dl-course"]
    assert spec["resource_dir"] == str(tmp_path / ".local" / "share" / "jupyter" / "kernels" / "dl-course")
    assert spec["spec"]["argv"][1] == str(ROOT / "environment" / "kernel.sh")
    assert (tmp_path / ".local/share/jupyter/kernels/dl-course/jjava.jar").is_file()
