"""Every check can fail: breaking one check's computed input makes the notebook fail AT that check.

Each mutation (environment/tests/check_mutations.json, and every file in check_mutations.d/) names a
notebook, its check cell, a cell to edit and the edit:

    {"notebook": "03_xor.ipynb", "check": "<text in exactly one code cell: the check cell>",
     "cell": "<text in exactly one code cell: the cell to edit>", "replace": "<text found exactly once in
     that cell>", "with": "<replacement>", "why": "<one line>"}

The edited copy runs through the kit's kernel (kernel_runner, fast profile, MXNet) from its first cell
up to and including the check cell, stopping at the first error. It passes only if the first failure is
the check cell, and not a compile error there (a check must fail by its own test). A check that lets
the broken value through is a check that cannot fail: "the check did not notice".

One fresh kernel per mutation (a JShell session cannot be rewound to before the edited cell): each costs
a kernel start plus the notebook's cells up to its check. Marked kernel (so partial ./course test runs
skip it) and mutation (`pytest -m mutation` runs only these).
"""

import json
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

import kernel_runner

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NOTEBOOKS = ROOT / "source"   # the source notebooks: English code, messages and check names
MUTATION_FILES = [p for p in [HERE / "check_mutations.json"] if p.exists()] \
    + sorted((HERE / "check_mutations.d").glob("*.json"))
FIELDS = ("notebook", "check", "cell", "replace", "with", "why")
ENGINE, PROFILE = "MXNet", "fast"


class MutationError(ValueError):
    """An entry that does not name one edit before one check cell (says which entry and why)."""


@dataclass(frozen=True)
class Mutation:
    where: str      # file and entry number, for messages: "check_mutations.d/01_linear_regression.json #2"
    notebook: str
    check: str
    cell: str
    replace: str
    with_: str
    why: str


def load(path):
    """The mutations of one file; a malformed file or entry fails the collection, naming it."""
    name = path.relative_to(HERE)
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise MutationError(f"{name}: not JSON: {e}") from e
    if not isinstance(entries, list):
        raise MutationError(f"{name}: must be a JSON list of mutations")
    mutations = []
    for number, entry in enumerate(entries, start=1):
        where = f"{name} #{number}"
        if not isinstance(entry, dict) or sorted(entry) != sorted(FIELDS) \
                or not all(isinstance(entry[f], str) and entry[f] for f in FIELDS if f != "with") \
                or not isinstance(entry["with"], str):
            raise MutationError(f"{where}: needs exactly the fields {', '.join(FIELDS)}, each a string"
                                f" (only 'with' may be empty): {json.dumps(entry)[:200]}")
        mutations.append(Mutation(where, entry["notebook"], entry["check"], entry["cell"], entry["replace"],
                                  entry["with"], entry["why"]))
    return mutations


MUTATIONS = sorted((m for path in MUTATION_FILES for m in load(path)), key=lambda m: m.notebook)


def the_one_cell(nb, text, role, mutation):
    """The number (from 1, markdown counted) of the one code cell holding text."""
    found = [n for n, c in enumerate(nb.cells, start=1) if c.cell_type == "code" and text in c.source]
    if len(found) != 1:
        raise MutationError(f"{mutation.where} ({mutation.notebook}): the {role} text {text!r} is in"
                            f" {len(found)} code cells{' ' + str(found) if found else ''}, not exactly one")
    return found[0]


def mutated(mutation, notebooks=NOTEBOOKS):
    """The notebook with the edit made and every cell after the check cell removed, and the check cell's
    number. Cells keep their numbers: only cells after the check go."""
    path = notebooks / mutation.notebook
    if not path.exists():
        raise MutationError(f"{mutation.where}: no notebook {path}")
    nb = nbformat.read(path, as_version=4)
    check = the_one_cell(nb, mutation.check, "check", mutation)
    edited = the_one_cell(nb, mutation.cell, "cell", mutation)
    if edited > check:
        raise MutationError(f"{mutation.where}: edits cell {edited}, after its check cell {check}:"
                            " the check runs before the edit")
    source = nb.cells[edited - 1].source
    if source.count(mutation.replace) != 1:
        raise MutationError(f"{mutation.where} ({mutation.notebook}): 'replace' {mutation.replace!r} occurs"
                            f" {source.count(mutation.replace)} times in cell {edited}, not exactly once")
    if mutation.replace == mutation.with_:
        raise MutationError(f"{mutation.where}: 'with' equals 'replace': the edit changes nothing")
    nb.cells[edited - 1].source = source.replace(mutation.replace, mutation.with_)
    nb.cells = nb.cells[:check]
    return nb, check


def verdict(problems, check):
    """None if the run failed exactly at the check cell by the check's own test; else what went wrong.
    problems: kernel_runner's (cell, what) pairs of a run stopped at its first error."""
    fatal = [what for cell, what in problems if cell is None]
    if fatal:
        return f"the run itself failed before the check could judge: {fatal[0]}"
    if not problems:
        return f"the check did not notice: every cell up to the check cell {check} ran without an error"
    first = min(cell for cell, _ in problems)
    whats = [what for cell, what in problems if cell == first]
    if first < check:
        return f"failed at cell {first}, before its check cell {check}: {whats[0]}"
    # The kernel answers a name it does not know, where a notebook defines it, with CellNotRunYet (support-lib
    # org.dlcourse.kernel.CellOrder): a compile error too, as a renamed variable gives.
    compile_errors = [w for w in whats if w.startswith(("CompilationException", "CellNotRunYet"))]
    if compile_errors:
        return (f"the check cell {check} did not compile after the edit ({compile_errors[0]}): a check must fail"
                " by its own test, so the edit must change a value, not a name or a type")
    return None


def run(mutation, out_dir, notebooks=NOTEBOOKS):
    """Runs the mutated notebook up to its check; returns the verdict and the kernel run. The executed
    copy is kept in out_dir for a person to read."""
    nb, check = mutated(mutation, notebooks)
    result = kernel_runner.execute(nb, ENGINE, PROFILE, kernel_runner.default_timeout(PROFILE), cwd=notebooks,
                                   stop_at_first_error=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out_dir / mutation.notebook)
    return verdict(result.problems, check), result


def ids(mutations):
    return [m.where.replace(" ", "") for m in mutations]


# --- without the kernel: the entries and the judge (seconds; partial runs too) --------------------------

@pytest.mark.parametrize("mutation", MUTATIONS, ids=ids(MUTATIONS))
def test_each_mutation_names_one_edit_before_one_check_cell(mutation):
    try:
        mutated(mutation)
    except MutationError as e:
        pytest.fail(str(e))


CHECK_CELL = 5


@pytest.mark.parametrize("problems, complaint", [
    ([], "the check did not notice"),
    ([(3, "IllegalStateException: bad"), (CHECK_CELL, "IllegalStateException: bad")], "failed at cell 3, before"),
    ([(CHECK_CELL, "CompilationException: cannot find symbol")], "did not compile after the edit"),
    ([(CHECK_CELL, "CellNotRunYet: w (cell 4: double w = 0;) is defined in a cell that has not run yet")],
     "did not compile after the edit"),
    ([(None, "a cell ran past the 300 s timeout")], "the run itself failed"),
])
def test_the_judge_refuses_a_run_that_did_not_fail_at_the_check_by_its_own_test(problems, complaint):
    assert complaint in verdict(problems, CHECK_CELL)


def test_the_judge_accepts_a_failure_of_the_check_cell_itself():
    assert verdict([(CHECK_CELL, "IllegalStateException: w* = 2.5, not 2")], CHECK_CELL) is None
    assert verdict([(CHECK_CELL, "stack trace on stderr: java.lang.AssertionError")], CHECK_CELL) is None


# --- through the kernel -------------------------------------------------------------------------------

@pytest.mark.kernel
@pytest.mark.mutation
@pytest.mark.parametrize("mutation", MUTATIONS, ids=ids(MUTATIONS))
def test_breaking_a_checks_input_fails_the_notebook_at_that_check(mutation, tmp_path, kit_kernel):
    problem, result = run(mutation, tmp_path)
    print(f"{mutation.where}: {result.seconds:.1f} s, {kernel_runner.problems_in(result.nb)[:1]}")
    assert problem is None, f"{mutation.where} ({mutation.notebook}, {mutation.why}): {problem}"


SELF_TEST_CELLS = ["int answer = 6 * 7;",
                   "String shown = \"the answer is \" + answer;",
                   "if (answer != 42) throw new IllegalStateException(\"answer is \" + answer + \", not 42\");"]


@pytest.mark.kernel
@pytest.mark.mutation
@pytest.mark.parametrize("replace, with_, expected", [
    ("6 * 7", "6 * 8", None),
    ("String shown", "String shown = \"unused\"; String also", "the check did not notice"),
    ("\"the answer is \" + answer", "\"the answer is \" + answer.length()", "failed at cell 2, before its check"),
], ids=["breaks-the-input", "breaks-nothing", "breaks-an-earlier-cell"])
def test_the_harness_tells_a_check_that_noticed_from_one_that_did_not(replace, with_, expected, tmp_path, kit_kernel):
    """The harness itself, on a three-cell notebook: only an edit that the check catches passes."""
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": kernel_runner.KERNEL, "language": "java",
                                                           "display_name": "Java · DL course"}})
    nb.cells = [nbformat.v4.new_code_cell(source) for source in SELF_TEST_CELLS]
    nbformat.write(nb, tmp_path / "00_selftest.ipynb")
    cell = next(c for c in SELF_TEST_CELLS if replace in c)
    mutation = Mutation("self-test", "00_selftest.ipynb", "answer != 42", cell, replace, with_, "self-test")
    problem, _ = run(mutation, tmp_path / "executed", notebooks=tmp_path)
    if expected is None:
        assert problem is None, problem
    else:
        assert problem is not None and expected in problem, problem
