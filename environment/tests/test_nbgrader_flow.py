"""nbgrader itself (generate, release, fetch, submit, collect, autograde, feedback) on notebook 01's French
edition (the English stubs are compared with nbgrader's in test_student_versions.py) through the kit's
kernel: the released notebook is the kit's student version, in French, a submission left as released scores
0, a completed one scores every point, and the completed one runs without an error; the user's own nbgrader
cache (~/.local/share/jupyter/nbgrader_cache) is left untouched. ~2 min."""

from pathlib import Path

import nbformat
import pytest
from jupyter_core.paths import jupyter_data_dir

import editions
import flow
import kernel_runner
import student

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "source" / "01_linear_regression.ipynb"
# The user's own caches, where nbgrader submit writes by default: the tests must never add to them.
USER_CACHES = sorted({Path.home() / ".local" / "share" / "jupyter" / "nbgrader_cache",
                      Path(jupyter_data_dir()) / "nbgrader_cache"})


def snapshot(folder):
    """Every file and folder under folder, with its size and time of change (None if folder is absent)."""
    if not folder.exists():
        return None
    return sorted((str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*"))


@pytest.mark.kernel
def test_nbgrader_releases_the_student_version_and_grades_it(tmp_path, kit_kernel):
    notebook = tmp_path / "fr" / SOURCE.name
    notebook.parent.mkdir()
    notebook.write_bytes(editions.render(editions.edition(editions.read(SOURCE), "fr", SOURCE.name)))
    before = {cache: snapshot(cache) for cache in USER_CACHES}
    grades, paths = flow.run(notebook, tmp_path / "course", log=print)
    assert {cache: snapshot(cache) for cache in USER_CACHES} == before, "the user's nbgrader cache was changed"
    assert sorted(p.name.split("+")[0] for p in (paths["cache"] / flow.COURSE_ID).iterdir()) == ["alice", "bob"]

    released = nbformat.read(paths["release"], as_version=4)
    ours = student.student_notebook(student.read_notebook(notebook), notebook.name)
    assert [c.source for c in released.cells] == [c.source for c in ours.cells], \
        "nbgrader's release differs from ./course student's version"
    assert any("VOTRE CODE ICI" in c.source for c in released.cells), "the French edition's stubs must be French"

    points = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
              for c in student.read_notebook(notebook).cells if student.is_autograder_test(c)}
    assert grades["alice"]["cells"] == {k: 0 for k in points}, "the exercises not done must score 0"
    assert grades["bob"]["cells"] == points, "the exercises done must score every point"

    bob = nbformat.read(paths["autograded"]["bob"], as_version=4)
    assert kernel_runner.problems_in(bob) == [], "the completed notebook must run without an error"
    alice = nbformat.read(paths["autograded"]["alice"], as_version=4)
    failures = kernel_runner.problems_in(alice)
    assert student.check_run(student.read_notebook(notebook), alice, notebook.name, failures) == []
    assert all(p.exists() for p in paths["feedback"].values())
