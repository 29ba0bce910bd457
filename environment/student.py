"""Student versions of the course notebooks: every exercise's solution replaced by a stub that compiles
and throws a clear TODO, the checks kept. What `./course student` runs.

A solution notebook marks its exercises with nbgrader's markers (the grammar is in docs/student-versions.md):

    double[] leastSquares(NDArray xs, NDArray ys) {
        // BEGIN SOLUTION write leastSquares: w* and b* from the closed-form formulas above
        ...the solution...
        // END SOLUTION
    }

becomes, in the student version,

    double[] leastSquares(NDArray xs, NDArray ys) {
        // YOUR CODE HERE: replace this stub, the throw included
        throw new UnsupportedOperationException("TODO: write leastSquares: ... (exercise of notebook 01: least-squares)");
    }

`// STUB: <java>` lines inside a region give the stub's own lines (declarations that later code needs);
hidden tests (`// BEGIN HIDDEN TESTS` ... `// END HIDDEN TESTS`) are removed. Cells stay one for one,
so a cell number means the same cell in both versions. Same input, byte-identical output.

Usage: student.py [NOTEBOOK ...] [--out DIR] [--force] [--check [--engine MXNet|PyTorch] [--profile fast|full]]
       student.py --check --as-is STUDENT_NOTEBOOK ...
  (default: both editions, notebooks/fr/NN_*.ipynb and notebooks/en/NN_*.ipynb, into build/student/fr and
  build/student/en, each stub in its edition's language; --check then executes the student versions
  through the kernel and checks that they fail exactly at their exercises; --as-is checks student
  versions that are already there, without their solutions: the student image's self-test)
"""

import argparse
import copy
import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.v4.rwbase import rejoin_lines

import kernel_runner

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "build" / "student"
EDITIONS = ROOT / "notebooks"   # notebooks/fr and notebooks/en, written by editions.py from source/
# Cells that may fail in a student version because they use an exercise's result.
DEPENDS_TAG = "depends-on-exercise"
# Remembers what was generated, so that a student's edited copy is never overwritten silently.
RECORD = ".generated.json"
# The solution notebooks (the sources and their editions): student versions must never be written in here.
SOLUTIONS = (ROOT / "source", ROOT / "notebooks")
# Where --check writes the executed student versions.
DEFAULT_EXECUTED = ROOT / "build" / "notebooks" / "student"

BEGIN_SOLUTION, END_SOLUTION = "BEGIN SOLUTION", "END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
DELIMITERS = (BEGIN_SOLUTION, END_SOLUTION, BEGIN_HIDDEN, END_HIDDEN)
# A marker is a whole comment line: indentation, "//", the delimiter, then (BEGIN SOLUTION only) the task.
MARKER = re.compile(r"^(?P<indent>\s*)//\s*(?P<word>BEGIN SOLUTION|END SOLUTION|BEGIN HIDDEN TESTS|END HIDDEN TESTS)"
                    r"(?P<rest>.*)$")
STUB = re.compile(r"^\s*//\s*STUB:(?P<code>.*)$")
GRADE_ID = re.compile(r"^[A-Za-z0-9_-]+$")
YOUR_CODE = "// YOUR CODE HERE: replace this stub, the throw included"
TEXT_STUB = "YOUR ANSWER HERE"
DEFAULT_TASK = "complete the code"
# The stub's own words in each edition's language (notebook metadata dl_course.edition, written by
# editions.py; the task comes from the BEGIN SOLUTION line, which the French edition has in French).
# "TODO:" starts the message in both languages: TODO_THROW finds the stubs' throws by it.
STUB_WORDS = {
    "en": {"your_code": YOUR_CODE, "answer": TEXT_STUB, "task": DEFAULT_TASK, "cell": "complete this cell",
           "todo": "TODO: {task} (exercise of notebook {label}: {grade_id})"},
    "fr": {"your_code": "// VOTRE CODE ICI : remplacez ce bouchon, throw compris", "answer": "VOTRE RÉPONSE ICI",
           "task": "complétez le code", "cell": "complétez cette cellule",
           "todo": "TODO: {task} (exercice du notebook {label} : {grade_id})"},
}


class MarkerError(ValueError):
    """A solution notebook whose markers cannot make a student version (says where and why)."""


@dataclass(frozen=True)
class Exercise:
    """One exercise cell of a solution notebook."""
    cell: int        # 1-based cell number, markdown cells included (as the test runner counts)
    grade_id: str
    todos: tuple     # the TODO message of each region, as the student version throws it


# --- the stub -----------------------------------------------------------------------------------

def notebook_label(notebook):
    """'01' for '01_linear_regression', '00a' for '00a_nearest_neighbours' (what the TODO message calls the notebook)."""
    match = re.match(r"(\d+[a-z]?)_", Path(notebook).stem)
    return match.group(1) if match else Path(notebook).stem


def edition_language(nb):
    """'fr' for a French edition, else 'en' (a source notebook, or an English edition)."""
    lang = (nb or {}).get("metadata", {}).get("dl_course", {}).get("edition")
    return lang if lang in STUB_WORDS else "en"


def todo_message(notebook, grade_id, task, lang="en"):
    words = STUB_WORDS[lang]
    return words["todo"].format(task=task or words["task"], label=notebook_label(notebook), grade_id=grade_id)


def java_string(text):
    """A Java string literal for text."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ch >= " " else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'


def code_stub(stub_lines, message, lang="en"):
    """The stub of one region: a comment, the author's STUB lines, then the TODO throw (unless they throw)."""
    throw = f"throw new UnsupportedOperationException({java_string(message)});"
    lines = [STUB_WORDS[lang]["your_code"]] + list(stub_lines)
    if not any(re.search(r"\bthrow\b", line) for line in stub_lines):
        lines.append(throw)
    return lines


def _marker(line, where, number, markdown=False):
    """The marker on this line as (delimiter, indent, rest), or None. nbgrader takes any line that contains a
    delimiter for a marker: in a code cell such a line must be a proper marker line, so both tools read the
    cell alike. (In markdown, any line with the delimiter is the marker, as for nbgrader.)"""
    words = [d for d in DELIMITERS if d in line]
    if not words:
        return None
    if markdown:
        return words[0], re.match(r"\s*", line).group(0), ""
    match = MARKER.match(line)
    if not match or (match.group("word") != BEGIN_SOLUTION and match.group("rest").strip()):
        raise MarkerError(f"{where}, line {number}: '{line.strip()}' contains an nbgrader delimiter but is not a"
                          f" marker line (write it alone on a comment line: // BEGIN SOLUTION <task>,"
                          f" // END SOLUTION, // BEGIN HIDDEN TESTS, // END HIDDEN TESTS)")
    return match.group("word"), match.group("indent"), match.group("rest").strip(" \t:-—–")


def replace_solutions(source, notebook, grade_id, where, markdown=False, lang="en"):
    """Source with each solution region replaced by its stub; also the TODO messages, one per region."""
    out, todos, region = [], [], None
    for number, line in enumerate(source.split("\n"), start=1):
        marker = _marker(line, where, number, markdown)
        word = marker[0] if marker else None
        if word == BEGIN_SOLUTION:
            if region is not None:
                raise MarkerError(f"{where}, line {number}: BEGIN SOLUTION inside another solution region")
            region = {"indent": marker[1], "task": marker[2], "stubs": []}
        elif word == END_SOLUTION:
            if region is None:
                raise MarkerError(f"{where}, line {number}: END SOLUTION without a BEGIN SOLUTION before it")
            message = todo_message(notebook, grade_id, region["task"], lang)
            stub = [STUB_WORDS[lang]["answer"]] if markdown else code_stub(region["stubs"], message, lang)
            out.extend(region["indent"] + s if s else s for s in stub)
            todos.append(message)
            region = None
        elif region is not None:
            if word in (BEGIN_HIDDEN, END_HIDDEN):
                raise MarkerError(f"{where}, line {number}: hidden tests inside a solution region"
                                  " (they belong in an autograder test cell)")
            stub = STUB.match(line)
            if stub:
                code = stub.group("code")
                region["stubs"].append(code[1:] if code.startswith(" ") else code)
        else:
            if word is not None:  # hidden-test markers: left for remove_hidden_tests
                out.append(line)
            elif STUB.match(line):
                raise MarkerError(f"{where}, line {number}: a // STUB: line outside a solution region")
            else:
                out.append(line)
    if region is not None:
        raise MarkerError(f"{where}: BEGIN SOLUTION without an END SOLUTION")
    return "\n".join(out), todos


def remove_hidden_tests(source, where):
    """Source without its hidden-test regions (markers included), as nbgrader's ClearHiddenTests does."""
    out, inside, removed = [], False, False
    for number, line in enumerate(source.split("\n"), start=1):
        marker = _marker(line, where, number)
        word = marker[0] if marker else None
        if word == BEGIN_HIDDEN:
            if inside:
                raise MarkerError(f"{where}, line {number}: BEGIN HIDDEN TESTS inside another hidden-test region")
            inside = removed = True
        elif word == END_HIDDEN:
            if not inside:
                raise MarkerError(f"{where}, line {number}: END HIDDEN TESTS without a BEGIN HIDDEN TESTS before it")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise MarkerError(f"{where}: BEGIN HIDDEN TESTS without an END HIDDEN TESTS")
    return "\n".join(out), removed


# --- cells ---------------------------------------------------------------------------------------

def nbgrader_meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def is_solution(cell):
    return bool(nbgrader_meta(cell).get("solution"))


def is_autograder_test(cell):
    """An nbgrader "autograder tests" cell: graded, not a solution."""
    meta = nbgrader_meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def stub_cell(cell, notebook, number, lang="en"):
    """Turns one solution-notebook cell into its student version, in place; returns its TODO messages.
    The one definition of a stub: `./course student` and nbgrader's generate_assignment both call it.
    lang: the edition's language, for the stub's own words."""
    where = f"{Path(notebook).stem}, cell {number}"
    markdown = cell.get("cell_type") == "markdown"
    grade_id = nbgrader_meta(cell).get("grade_id", "")
    source, todos = replace_solutions(cell.source, notebook, grade_id, where, markdown, lang)
    if todos and not is_solution(cell):
        raise MarkerError(f"{where}: a solution region in a cell that is not an nbgrader solution cell"
                          ' (give it the metadata nbgrader: {"solution": true, "grade_id": ...})')
    if is_solution(cell) and not todos and cell.get("cell_type") in ("code", "markdown"):
        # A whole-cell solution: the whole cell becomes the stub.
        message = todo_message(notebook, grade_id, STUB_WORDS[lang]["cell"], lang)
        source = STUB_WORDS[lang]["answer"] if markdown else "\n".join(code_stub([], message, lang))
        todos = [message]
    if cell.get("cell_type") == "code":
        source, removed = remove_hidden_tests(source, where)
        if removed and not nbgrader_meta(cell).get("grade"):
            raise MarkerError(f"{where}: hidden tests in a cell that is not an nbgrader autograder test cell"
                              ' (give it the metadata nbgrader: {"grade": true, "points": ...})')
    cell.source = source
    return todos if cell.get("cell_type") == "code" else []


def read_notebook(path):
    """A notebook read without nbformat's random cell ids: missing ids get stable ones (cell-NN)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("nbformat") != 4:
        raise MarkerError(f"{Path(path).name}: nbformat {data.get('nbformat')} (the kit writes nbformat 4)")
    if data.get("nbformat_minor", 0) >= 5:
        for index, cell in enumerate(data["cells"]):
            cell.setdefault("id", f"cell-{index:02d}")
    return rejoin_lines(nbformat.from_dict(data))


def exercises(nb, notebook):
    """The exercise cells of a solution notebook (code cells with a solution)."""
    found = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code" and is_solution(cell):
            todos = stub_cell(copy.deepcopy(cell), notebook, number, edition_language(nb))
            found.append(Exercise(number, nbgrader_meta(cell).get("grade_id", ""), tuple(todos)))
    return found


TODO_THROW = re.compile(r'new UnsupportedOperationException\("(TODO: (?:[^"\\]|\\.)*)"\)')


def java_unescape(literal):
    """The text of a Java string literal's contents (the escapes java_string writes)."""
    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)",
                  lambda m: chr(int(m.group(1)[1:], 16)) if len(m.group(1)) == 5 else m.group(1), literal)


def student_exercises(nb):
    """The exercise cells of a student version (no solution at hand, as in the student image): the
    solution cells, with the TODO messages their stubs throw."""
    return [Exercise(number, nbgrader_meta(cell).get("grade_id", ""),
                     tuple(java_unescape(t) for t in TODO_THROW.findall(cell.source)))
            for number, cell in enumerate(nb.cells, start=1) if cell.cell_type == "code" and is_solution(cell)]


def student_notebook(nb, notebook):
    """The student version of a solution notebook (a new notebook; outputs cleared)."""
    student = copy.deepcopy(nb)
    for number, cell in enumerate(student.cells, start=1):
        stub_cell(cell, notebook, number, edition_language(nb))
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return student


def render(nb):
    """The notebook as the bytes written to disk (nbformat's layout, a final newline)."""
    text = nbformat.writes(nb)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def lint(nb, notebook):
    """What keeps a solution notebook from making a good student version (empty when fine)."""
    name = Path(notebook).stem
    problems, ids = [], {}
    try:
        student_notebook(nb, notebook)
    except MarkerError as e:
        return [str(e)]
    for number, cell in enumerate(nb.cells, start=1):
        meta = nbgrader_meta(cell)
        if not meta:
            continue
        grade_id = meta.get("grade_id")
        if not grade_id or not GRADE_ID.match(str(grade_id)):
            problems.append(f"{name}, cell {number}: nbgrader grade_id {grade_id!r} (letters, digits, - and _ only)")
        elif grade_id in ids:
            problems.append(f"{name}, cell {number}: grade_id '{grade_id}' is also cell {ids[grade_id]}'s")
        else:
            ids[grade_id] = number
        if meta.get("grade") and not isinstance(meta.get("points"), (int, float)):
            problems.append(f"{name}, cell {number}: a graded cell without points")
        if meta.get("schema_version") != 3:
            problems.append(f"{name}, cell {number}: nbgrader schema_version must be 3 (nbgrader 0.9)")
    if not exercises(nb, notebook):
        problems.append(f"{name}: no exercise (mark at least one solution region, see docs/student-versions.md)")
    if not any(is_autograder_test(c) for c in nb.cells):
        problems.append(f"{name}: no autograder test cell (a check cell with nbgrader grade: true and points)")
    return problems


# --- generation ----------------------------------------------------------------------------------

def refuse_solutions_folder(out):
    """The sentence refusing an out folder that is, or is inside, notebooks/ (None when out is elsewhere)."""
    for folder in SOLUTIONS:
        if Path(out).resolve().is_relative_to(folder.resolve()):
            return (f"--out {out} would put the student versions in {folder.name}/, over the solutions: choose a"
                    f" folder outside {' and '.join(f.name + '/' for f in SOLUTIONS)} (the default is"
                    f" {DEFAULT_OUT.relative_to(ROOT)}).")
    return None


def backup(target, log):
    """Moves a student's edited copy aside (NAME.backup-YYYYMMDD-HHMMSS.ipynb, beside it) before --force
    replaces it, and says so in one line."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = target.with_name(f"{target.stem}.backup-{stamp}{target.suffix}")
    for n in range(2, 100):
        if not kept.exists():
            break
        kept = target.with_name(f"{target.stem}.backup-{stamp}-{n}{target.suffix}")
    target.rename(kept)
    log(f"    {target.name}: it had changed since generated; the changed copy is kept as {kept.name}")


def generate(paths, out, force=False, log=print):
    """Writes the student version of each solution notebook into out; returns (solution, student) path pairs.
    A student version changed since it was generated (a student's work) is kept, unless force: then it is
    backed up beside it first. out may not be notebooks/ or inside it (ValueError)."""
    refused = refuse_solutions_folder(out)
    if refused:
        raise ValueError(refused)
    out.mkdir(parents=True, exist_ok=True)
    record_path = out / RECORD
    record = json.loads(record_path.read_text()) if record_path.exists() else {}
    pairs = []
    for path in paths:
        nb = read_notebook(path)
        data = render(student_notebook(nb, path.name))
        target = out / path.name
        shown = edition_name(target)   # fr/01_x.ipynb
        digest = hashlib.sha256(data).hexdigest()
        have = hashlib.sha256(target.read_bytes()).hexdigest() if target.exists() else None
        count = len(exercises(nb, path.name))
        if have == digest:
            log(f"    {shown}: up to date")
        elif have is not None and have != record.get(path.name) and not force:
            log(f"    {shown}: KEPT, it changed after it was generated (someone's work?); --force replaces it")
            digest = record.get(path.name)
        else:
            if have is not None and have != record.get(path.name):
                backup(target, log)
            target.write_bytes(data)
            log(f"    {shown}: {count} exercise{'' if count == 1 else 's'}"
                + ("" if count else " (none marked yet: a plain copy)"))
        if digest:
            record[path.name] = digest
        pairs.append((path, target))
    record_path.write_text(json.dumps(dict(sorted(record.items())), indent=1) + "\n")
    return pairs


# --- the check: a student version fails exactly at its exercises ---------------------------------

def check_run(solution, executed, notebook, failures):
    """What is wrong with an executed student version (empty when fine). failures: (cell, what) pairs of the
    run, as kernel_runner.problems_in gives them (cell None: the run itself). The rule: every exercise cell
    fails with a TODO of this notebook, the first failure is an exercise cell, and every failing cell is an
    exercise cell, an autograder test cell or a cell tagged depends-on-exercise. solution None: the
    exercises are read from the student version itself."""
    name = Path(notebook).stem
    found = exercises(solution, notebook) if solution is not None else student_exercises(executed)
    by_cell = {e.cell: e for e in found}
    todos = {t for e in found for t in e.todos}
    failed = {}
    for cell, what in failures:
        failed.setdefault(cell, []).append(what)
    problems = [f"{name}: the run itself failed: {'; '.join(failed.pop(None))}"] if None in failed else []
    if not found:
        problems.append(f"{name}: no exercise marked")
    for exercise in found:
        whats = failed.get(exercise.cell)
        if not whats:
            problems.append(f"{name}, cell {exercise.cell} ({exercise.grade_id}): the exercise cell did not fail;"
                            " it must run the code it asks for (call the method in the same cell)")
        elif not any("UnsupportedOperationException" in w and any(t in w for t in todos) for w in whats):
            problems.append(f"{name}, cell {exercise.cell} ({exercise.grade_id}): failed without its TODO message"
                            f" (does the stub compile?): {whats[0]}")
    if failed and min(failed) not in by_cell:
        first = min(failed)
        problems.append(f"{name}: the first failure is cell {first}, not an exercise cell: {failed[first][0]}")
    for cell, whats in sorted(failed.items()):
        executed_cell = executed.cells[cell - 1]
        if not (cell in by_cell or is_autograder_test(executed_cell)
                or DEPENDS_TAG in executed_cell.metadata.get("tags", [])):
            problems.append(f"{name}, cell {cell}: failed but does not depend on an exercise: {whats[0]}"
                            f" (tag it {DEPENDS_TAG} if it uses an exercise's result)")
    return problems


def check(pairs, engine, profile, timeout=None, log=print, executed_dir=None):
    """Executes student versions through the kernel (kernel_runner, as run_notebooks.py does) and checks
    each one. Returns {student notebook name (fr/NN.ipynb for an edition): problems}; the executed copies go to
    <executed_dir>/<profile>/<engine>/[fr|en/] (default build/notebooks/student/)."""
    timeout = timeout or kernel_runner.default_timeout(profile)
    out_dir = (executed_dir or DEFAULT_EXECUTED) / profile / engine
    report = {}
    for solution_path, student_path in pairs:
        name = edition_name(student_path)
        log(f"--- student version of {name} on {engine} ({profile})")
        solution = read_notebook(solution_path) if solution_path else None
        if not (exercises(solution, solution_path.name) if solution_path
                else student_exercises(read_notebook(student_path))):
            report[name] = [f"{student_path.stem}: no exercise marked (nothing to run)"]
            log(f"    FAILED: {report[name][0]}")
            continue
        executed = nbformat.read(student_path, as_version=4)
        run = kernel_runner.execute(executed, engine, profile, timeout, cwd=student_path.parent)
        executed_path = output_folder(out_dir, student_path) / student_path.name   # .../fr/NN.ipynb for an edition
        executed_path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(executed, executed_path)
        problems = check_run(solution, executed, student_path.name, run.problems)
        failing = sorted(c for c, _ in run.problems if c is not None)
        log(f"    {'FAILED' if problems else 'ok'} in {run.seconds:.1f} s; failing cells {failing}"
            + ("" if problems else ": the exercises and the cells that depend on them, as expected"))
        for problem in problems:
            log(f"    {problem}")
        report[name] = problems
    return report


def edition_name(path):
    """'fr/01_x.ipynb' for a notebook of an edition's folder, else '01_x.ipynb'."""
    return f"{path.parent.name}/{path.name}" if path.parent.name in STUB_WORDS else path.name


def output_folder(out, path):
    """Where a notebook's student version goes: out/fr for the French edition (notebooks/fr), out/en for the
    English one, so the two live side by side; out itself for any other notebook."""
    return out / path.parent.name if path.parent.name in STUB_WORDS else out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="solution notebooks (default: both editions, notebooks/fr/NN_*.ipynb and"
                             " notebooks/en/NN_*.ipynb)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"folder of the student versions (default: {DEFAULT_OUT.relative_to(ROOT)})")
    parser.add_argument("--force", action="store_true",
                        help="replace student versions changed since generated (each kept as NAME.backup-DATE-TIME.ipynb)")
    parser.add_argument("--check", action="store_true",
                        help="then execute them through the kernel and check that they fail exactly at the exercises")
    parser.add_argument("--engine", default="MXNet", choices=kernel_runner.ENGINES, help="for --check")
    parser.add_argument("--profile", default="fast", choices=kernel_runner.PROFILES, help="for --check")
    parser.add_argument("--executed", type=Path, default=DEFAULT_EXECUTED,
                        help="for --check: folder of the executed copies (default: build/notebooks/student)")
    parser.add_argument("--as-is", action="store_true",
                        help="with --check: the notebooks given are student versions already (the student image's"
                             " self-test): check them without generating anything")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or sorted(p for lang in STUB_WORDS
                                                            for p in (EDITIONS / lang).glob("[0-9]*.ipynb"))
    if not paths:
        sys.exit("student: no notebooks found")
    if args.as_is:
        if not args.check:
            sys.exit("student: --as-is goes with --check")
        pairs = [(None, p) for p in paths]
    else:
        refused = refuse_solutions_folder(args.out)
        if refused:
            sys.exit(f"student: {refused}")
        print(f"==> Student versions into {args.out}", flush=True)
        try:
            pairs = []
            for folder in sorted({output_folder(args.out.resolve(), p) for p in paths}):
                pairs += generate([p for p in paths if output_folder(args.out.resolve(), p) == folder], folder,
                                  args.force, log=lambda m: print(m, flush=True))
        except MarkerError as e:
            sys.exit(f"student: {e}")
    if args.check:
        if not kernel_runner.has_kit_kernel():
            sys.exit("student: --check needs the kit's kernel: run ./course setup first.")
        report = check(pairs, args.engine, args.profile, log=lambda m: print(m, flush=True),
                       executed_dir=args.executed.resolve())
        bad = sum(1 for problems in report.values() if problems)
        print(f"student versions: {len(report) - bad} as expected, {bad} not")
        sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
