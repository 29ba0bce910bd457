"""The four switches are checked before anything starts, case-insensitively, with one sentence that
names the choices (environment/switches.sh, used by ./course and by the kernel's launcher)."""

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(script, **env):
    switches = ("DJL_DEFAULT_ENGINE", "COURSE_PROFILE", "COURSE_DEVICE", "COURSE_LANG")
    full = {k: v for k, v in os.environ.items() if k not in switches}
    full.update(env)
    return subprocess.run(["bash", "-c", f"source {ROOT}/environment/switches.sh; {script}"],
                          env=full, capture_output=True, text=True)


@pytest.mark.parametrize("name, given, canonical", [
    ("DJL_DEFAULT_ENGINE", "pytorch", "PyTorch"),
    ("DJL_DEFAULT_ENGINE", "MXNET", "MXNet"),
    ("COURSE_PROFILE", "Fast", "fast"),
    ("COURSE_DEVICE", " GPU ", "gpu"),
    ("COURSE_LANG", "FR", "fr"),
    ("COURSE_LANG", "En", "en"),
])
def test_any_case_is_accepted_and_given_to_djl_in_its_exact_spelling(name, given, canonical):
    result = run(f'switches_check && switches_export && echo "${name}"', **{name: given})
    assert result.returncode == 0 and result.stdout.strip() == canonical


@pytest.mark.parametrize("name, given, choices", [
    ("DJL_DEFAULT_ENGINE", "TensorFlow", "MXNet (the default) or PyTorch"),
    ("DJL_DEFAULT_ENGINE", "MXNett", "MXNet (the default) or PyTorch"),
    ("COURSE_PROFILE", "quick", "full (the course run, the default) or fast"),
    ("COURSE_DEVICE", "cuda", "auto (the default: a GPU if there is one), cpu or gpu"),
    ("COURSE_LANG", "de", "fr or en (unset: the edition's language"),
])
def test_a_wrong_value_gets_one_sentence_naming_the_choices(name, given, choices):
    result = run("switches_check", **{name: given})
    assert result.returncode == 1
    assert result.stdout.count("\n") == 1 and result.stdout.startswith(f"{name}={given} is not a choice")
    assert choices in result.stdout


def test_course_refuses_to_start_with_a_wrong_switch():
    result = subprocess.run([str(ROOT / "course"), "data"], capture_output=True, text=True,
                            env=dict(os.environ, DJL_DEFAULT_ENGINE="tensorflow"))
    assert result.returncode == 1
    assert result.stderr.strip() == ("course: DJL_DEFAULT_ENGINE=tensorflow is not a choice: "
                                     "set it to MXNet (the default) or PyTorch, or unset it.")


@pytest.mark.parametrize("name, given", [("DJL_DEFAULT_ENGINE", "TensorFlow"), ("COURSE_DEVICE", "cuda")])
def test_the_kernel_launcher_survives_a_wrong_value_and_leaves_it_for_the_first_cell(name, given):
    # kernel.sh runs under set -e: a wrong value must not end it silently (Jupyter: "kernel died").
    result = run(f'set -euo pipefail; switches_export; echo "${name}"', **{name: given})
    assert result.returncode == 0 and result.stdout.strip() == given, result.stderr


@pytest.mark.kernel
def test_a_wrong_engine_is_explained_in_the_first_cell_in_one_line_again_on_a_rerun(kit_kernel, monkeypatch, tmp_path):
    import nbformat
    import kernel_runner
    monkeypatch.setattr(kernel_runner, "ENGINES", kernel_runner.ENGINES + ("TensorFlow",))
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("var course = Course.start();") for _ in range(2)]
    run = kernel_runner.execute(nb, "TensorFlow", "fast", 300, cwd=tmp_path)
    sentence = ("DJL_DEFAULT_ENGINE=TensorFlow is not a choice: set it to MXNet (the default) or PyTorch,"
                " or unset it; then restart the kernel.")
    for cell in nb.cells:
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert len(errors) == 1 and sentence in errors[0].evalue, run.problems
        shown = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in errors[0].traceback if line.strip()]
        assert shown == [f"org.dlcourse.run.SwitchError: {sentence}"], shown  # no stack frames under it
