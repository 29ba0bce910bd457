"""nbgrader's standard flow on one course notebook, end to end, through the kit's kernel.

What an instructor does with nbgrader (docs/student-versions.md explains each step), run here on a
throwaway course directory (default build/nbgrader-demo/, wiped first; nbgrader's submission cache and
Jupyter's runtime files go inside it too, never into ~/.local/share/jupyter) with two students:
alice submits the notebook as released (the exercises not done), bob submits it completed.

    instructor: nbgrader generate_assignment A   # source/A/*.ipynb (solutions) -> release/A/ (student versions)
    instructor: nbgrader release_assignment A    # release/A/ -> the exchange
    student:    nbgrader fetch_assignment A      # the exchange -> ./A/
    student:    nbgrader submit A                # ./A/ -> the exchange
    instructor: nbgrader collect A               # the exchange -> submitted/<student>/A/
    instructor: nbgrader autograde A             # runs each submission, hidden tests restored -> autograded/, grades
    instructor: nbgrader generate_feedback A     # -> feedback/<student>/A/*.html

Usage: flow.py [NOTEBOOK] [--course-dir DIR]   (default notebook: notebooks/fr/01_linear_regression.ipynb)
Prints each command, then the grades. Exit status 1 if a command fails.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))
import student  # noqa: E402  (environment/student.py)

COURSE_ID = "dl-course"
STUDENTS = ("alice", "bob")  # alice hands in the released notebook as it is; bob completes the exercises
CONFIG = f'''# The course directory of the nbgrader demo (written by environment/nbgrader/flow.py).
c = get_config()
load_subconfig({str(HERE / "nbgrader_config.py")!r})
c.CourseDirectory.course_id = {COURSE_ID!r}
c.Exchange.root = {{exchange!r}}
'''


def jupyter_data(course):
    """The Jupyter data folder the flow's commands use: inside the throwaway course directory, so that
    nbgrader's submission cache (<data>/nbgrader_cache) never fills the user's own ~/.local/share/jupyter."""
    return course / "jupyter-data"


def nbgrader(args, cwd, log, data, timeout=300):
    """Runs one nbgrader command as a person would type it, with data as its Jupyter data folder; its output
    is shown only if it fails."""
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, capture_output=True, text=True,
                              timeout=timeout, env=dict(os.environ, JUPYTER_DATA_DIR=str(data)))
    except subprocess.TimeoutExpired as e:
        output = "\n".join(o.decode() if isinstance(o, bytes) else o for o in (e.stdout, e.stderr) if o)
        raise RuntimeError(f"nbgrader {' '.join(args)} ran past {timeout} s:\n{output}") from e
    place = cwd.relative_to(ROOT) if cwd.is_relative_to(ROOT) else cwd
    log(f"    $ (cd {place}) nbgrader {' '.join(args)}   [{time.monotonic() - started:.0f} s]")
    if done.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def complete(released, solution):
    """bob's work: the released notebook with each solution cell written as the instructor's solution."""
    answers = {student.nbgrader_meta(c).get("grade_id"): c.source for c in solution.cells if student.is_solution(c)}
    for cell in released.cells:
        if student.is_solution(cell):
            cell.source = answers[student.nbgrader_meta(cell)["grade_id"]]
    return released


def run(notebook, course, log=print):
    """The whole flow; returns {student: {"score", "max_score", "cells": {grade_id: score}}} and the paths."""
    import nbformat
    from nbgrader.api import Gradebook

    assignment = notebook.stem
    if course.exists():
        shutil.rmtree(course)
    exchange = course / "exchange"
    (course / "source" / assignment).mkdir(parents=True)
    exchange.mkdir()
    (course / "nbgrader_config.py").write_text(CONFIG.format(exchange=str(exchange)))
    data = jupyter_data(course)
    shutil.copy(notebook, course / "source" / assignment / notebook.name)

    log("--- instructor: student version, released")
    nbgrader(["generate_assignment", assignment, "--force"], course, log, data)
    nbgrader(["release_assignment", assignment], course, log, data)

    solution = student.read_notebook(notebook)
    for name in STUDENTS:
        home = course / "students" / name
        home.mkdir(parents=True)
        log(f"--- student {name}: fetch, {'complete the exercises, ' if name == 'bob' else ''}submit")
        where = ["--course", COURSE_ID, f"--Exchange.root={exchange}"]
        nbgrader(["fetch_assignment", assignment, *where], home, log, data)
        mine = home / assignment / notebook.name
        if name == "bob":
            nbformat.write(complete(nbformat.read(mine, as_version=4), solution), mine)
        nbgrader(["submit", assignment, f"--student={name}", *where], home, log, data)

    log("--- instructor: collect, autograde, feedback")
    nbgrader(["collect", assignment], course, log, data)
    nbgrader(["autograde", assignment], course, log, data, timeout=300 + 600 * len(STUDENTS))
    nbgrader(["generate_feedback", assignment], course, log, data)

    grades = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gb:
        for name in STUDENTS:
            submission = gb.find_submission(assignment, name)
            cells = {g.name: g.score for g in gb.find_submission_notebook(assignment, assignment, name).grades}
            grades[name] = {"score": submission.score, "max_score": submission.max_score, "cells": cells}
    paths = {
        "release": course / "release" / assignment / notebook.name,
        "autograded": {n: course / "autograded" / n / assignment / notebook.name for n in STUDENTS},
        "feedback": {n: course / "feedback" / n / assignment / notebook.with_suffix(".html").name for n in STUDENTS},
        "cache": data / "nbgrader_cache",
    }
    return grades, paths


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebook", nargs="?", type=Path,
                        default=ROOT / "notebooks" / "fr" / "01_linear_regression.ipynb")
    parser.add_argument("--course-dir", type=Path, default=ROOT / "build" / "nbgrader-demo")
    args = parser.parse_args()
    try:
        grades, paths = run(args.notebook.resolve(), args.course_dir.resolve(), log=lambda m: print(m, flush=True))
    except RuntimeError as e:
        sys.exit(f"nbgrader flow: {e}")
    print("--- grades")
    for name, grade in grades.items():
        cells = ", ".join(f"{k} {v:g}" for k, v in sorted(grade["cells"].items()))
        print(f"    {name}: {grade['score']:g} / {grade['max_score']:g}  ({cells})")
    print(f"Feedback: {paths['feedback']['alice'].parent.parent.parent}")
    print(json.dumps(grades))


if __name__ == "__main__":
    main()
