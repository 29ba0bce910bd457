"""The student versions without the kernel: the marker grammar, the stubs, determinism, the notebooks'
readiness, the rule that judges an executed student version, and the nbgrader plumbing. Seconds."""

import json
from pathlib import Path

import nbformat
import pytest

import student
from student import MarkerError

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "source").glob("[0-9]*.ipynb"))
KERNELSPEC = {"kernelspec": {"name": "dl-course", "display_name": "Java · DL course", "language": "java"},
              "language_info": {"name": "java"}}


def solution_meta(grade_id):
    return {"nbgrader": {"grade": False, "grade_id": grade_id, "locked": False, "schema_version": 3, "solution": True}}


def grade_meta(grade_id, points=1):
    return {"nbgrader": {"grade": True, "grade_id": grade_id, "locked": True, "points": points,
                         "schema_version": 3, "solution": False}}


def code(source, metadata=None, tags=None):
    cell = nbformat.v4.new_code_cell(source, metadata=dict(metadata or {}))
    if tags:
        cell.metadata["tags"] = tags
    return cell


def notebook(*cells):
    nb = nbformat.v4.new_notebook(cells=list(cells), metadata=KERNELSPEC)
    for index, cell in enumerate(nb.cells):
        cell.id = f"c{index}"
    return nb


def stubbed(source, metadata=None, name="01_linear_regression.ipynb"):
    cell = code(source, solution_meta("ex") if metadata is None else metadata)
    todos = student.stub_cell(cell, name, 1)
    return cell.source, todos


# --- the grammar and the stubs -------------------------------------------------------------------

def test_a_method_body_region_becomes_the_todo_throw_at_the_markers_indentation():
    source, todos = stubbed("double[] f(int n) {\n"
                            "    // BEGIN SOLUTION compute the thing\n"
                            "    return new double[] {n};\n"
                            "    // END SOLUTION\n"
                            "}\n"
                            "double[] r = f(2);")
    message = "TODO: compute the thing (exercise of notebook 01: ex)"
    assert todos == [message]
    assert source == ("double[] f(int n) {\n"
                      f"    {student.YOUR_CODE}\n"
                      f'    throw new UnsupportedOperationException("{message}");\n'
                      "}\n"
                      "double[] r = f(2);")


def test_stub_lines_replace_the_solution_and_come_before_the_throw():
    source, _ = stubbed("// BEGIN SOLUTION: standardise\n"
                        "// STUB: float mu = 0, sigma = 1;\n"
                        "float mu = 3f;\n"
                        "//STUB:NDArray z = null;\n"
                        "float sigma = 2f;\n"
                        "// END SOLUTION\n"
                        "use(mu, sigma);")
    assert source.splitlines() == [student.YOUR_CODE, "float mu = 0, sigma = 1;", "NDArray z = null;",
                                   'throw new UnsupportedOperationException("TODO: standardise'
                                   ' (exercise of notebook 01: ex)");',
                                   "use(mu, sigma);"]


def test_a_stub_that_throws_itself_gets_no_second_throw():
    source, _ = stubbed("void g() {\n"
                        "    // BEGIN SOLUTION\n"
                        '    // STUB: if (true) throw new UnsupportedOperationException("TODO: g");\n'
                        "    step();\n"
                        "    // END SOLUTION\n"
                        "    after();\n"
                        "}")
    assert source.count("throw new") == 1 and "    after();" in source


def test_the_todo_message_is_a_valid_java_string_and_has_a_default_task():
    source, todos = stubbed('// BEGIN SOLUTION say "hi" \\ there\nx();\n// END SOLUTION', name="03_xor.ipynb")
    assert todos == ['TODO: say "hi" \\ there (exercise of notebook 03: ex)']
    assert 'UnsupportedOperationException("TODO: say \\"hi\\" \\\\ there (exercise of notebook 03: ex)");' in source
    _, todos = stubbed("// BEGIN SOLUTION\nx();\n// END SOLUTION")
    assert todos == ["TODO: complete the code (exercise of notebook 01: ex)"]


def test_several_regions_in_one_cell_each_get_a_stub():
    source, todos = stubbed("// BEGIN SOLUTION one\na();\n// END SOLUTION\nb();\n// BEGIN SOLUTION two\nc();\n// END SOLUTION")
    assert len(todos) == 2 and "b();" in source and "a();" not in source and "c();" not in source


def test_a_whole_solution_cell_without_markers_becomes_one_stub():
    source, todos = stubbed("int answer = 42;")
    assert todos == ["TODO: complete this cell (exercise of notebook 01: ex)"]
    assert "42" not in source and source.endswith(");")


def test_hidden_tests_leave_the_student_version_of_a_test_cell():
    cell = code("check(a);\n    // BEGIN HIDDEN TESTS\ncheck(b);\n    // END HIDDEN TESTS\ndone();", grade_meta("t"))
    assert student.stub_cell(cell, "01_x.ipynb", 3) == []
    assert cell.source == "check(a);\ndone();"


def test_markdown_solution_cells_get_nbgrader_text_stub():
    cell = nbformat.v4.new_markdown_cell("Why?\nBEGIN SOLUTION\nBecause.\nEND SOLUTION", metadata=solution_meta("why"))
    student.stub_cell(cell, "01_x.ipynb", 1)
    assert cell.source == "Why?\nYOUR ANSWER HERE"


@pytest.mark.parametrize("source, metadata, complaint", [
    ("// BEGIN SOLUTION\nx();", None, "without an END SOLUTION"),
    ("x();\n// END SOLUTION", None, "without a BEGIN SOLUTION"),
    ("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", None, "inside another solution region"),
    ("// STUB: int a = 0;\nx();", None, "outside a solution region"),
    ('String s = "END SOLUTION";', None, "not a marker line"),
    ("// END SOLUTION now\n", None, "not a marker line"),
    ("// BEGIN SOLUTION\nx();\n// END SOLUTION", {}, "not an nbgrader solution cell"),
    ("// BEGIN HIDDEN TESTS\ncheck();\n// END HIDDEN TESTS", {}, "not an nbgrader autograder test cell"),
    ("// BEGIN SOLUTION\n// BEGIN HIDDEN TESTS\n// END HIDDEN TESTS\n// END SOLUTION", None, "hidden tests inside"),
])
def test_markers_that_cannot_make_a_student_version_are_refused_with_the_place(source, metadata, complaint):
    with pytest.raises(MarkerError, match=complaint) as error:
        stubbed(source, metadata)
    assert "01_linear_regression, cell 1" in str(error.value)


# --- whole notebooks -----------------------------------------------------------------------------

def two_exercise_notebook():
    return notebook(
        code("var course = Course.start();"),
        code("int f() {\n    // BEGIN SOLUTION write f\n    return 1;\n    // END SOLUTION\n}\nint one = f();",
             solution_meta("f")),
        code("if (f() != 1) throw new IllegalStateException(\"f must give 1\");", grade_meta("f-check", 2)),
        code("int two = one + 1;", tags=[student.DEPENDS_TAG]),
        code("// BEGIN SOLUTION g\n// STUB: int g = 0;\nint g = 7;\n// END SOLUTION", solution_meta("g")),
        code("String unrelated = \"fine\";"),
    )


def test_cells_stay_one_for_one_with_outputs_cleared_and_metadata_kept():
    nb = two_exercise_notebook()
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", text="banner")]
    nb.cells[0].execution_count = 3
    out = student.student_notebook(nb, "07_demo.ipynb")
    assert [c.id for c in out.cells] == [c.id for c in nb.cells]
    assert [c.metadata for c in out.cells] == [c.metadata for c in nb.cells]
    assert out.cells[0].outputs == [] and out.cells[0].execution_count is None
    assert nb.cells[1].source.count("return 1;") == 1, "the solution notebook itself is untouched"


def test_generation_is_deterministic_byte_for_byte(tmp_path):
    source = tmp_path / "07_demo.ipynb"
    source.write_text(nbformat.writes(two_exercise_notebook()))
    first, second = tmp_path / "a", tmp_path / "b"
    student.generate([source], first, log=lambda m: None)
    student.generate([source], second, log=lambda m: None)
    student.generate([source], second, log=lambda m: None)
    assert (first / source.name).read_bytes() == (second / source.name).read_bytes()
    assert (first / student.RECORD).read_bytes() == (second / student.RECORD).read_bytes()


def test_cells_without_ids_get_stable_ones_not_random_ones(tmp_path):
    data = json.loads(nbformat.writes(two_exercise_notebook()))
    for cell in data["cells"]:
        del cell["id"]
    source = tmp_path / "07_demo.ipynb"
    source.write_text(json.dumps(data))
    student.generate([source], tmp_path / "a", log=lambda m: None)
    student.generate([source], tmp_path / "b", log=lambda m: None)
    assert (tmp_path / "a" / source.name).read_bytes() == (tmp_path / "b" / source.name).read_bytes()


def test_a_student_version_edited_since_generation_is_kept_unless_forced(tmp_path):
    source = tmp_path / "07_demo.ipynb"
    source.write_text(nbformat.writes(two_exercise_notebook()))
    out = tmp_path / "student"
    student.generate([source], out, log=lambda m: None)
    target = out / source.name
    target.write_text(target.read_text().replace("String unrelated", "String mine"))
    messages = []
    student.generate([source], out, log=messages.append)
    assert "KEPT" in messages[0] and "mine" in target.read_text()
    student.generate([source], out, force=True, log=lambda m: None)
    assert "mine" not in target.read_text()
    # A solution changed by the instructor replaces an untouched student version without --force.
    source.write_text(source.read_text().replace("fine", "still fine"))
    student.generate([source], out, log=lambda m: None)
    assert "still fine" in target.read_text()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_course_notebook_has_exercises_and_checks_that_make_a_student_version(path):
    problems = student.lint(student.read_notebook(path), path.name)
    assert not problems, "\n".join(problems)


# --- the rule that judges an executed student version --------------------------------------------

def executed(nb):
    return student.student_notebook(nb, "07_demo.ipynb")


TODO_F = "java.lang.UnsupportedOperationException, TODO: write f (exercise of notebook 07: f)"
TODO_G = "java.lang.UnsupportedOperationException, TODO: g (exercise of notebook 07: g)"


def test_failures_at_exercises_their_tests_and_tagged_cells_are_what_is_expected():
    nb = two_exercise_notebook()
    failures = [(2, f"RuntimeException: {TODO_F}"), (3, f"RuntimeException: {TODO_F}"),
                (4, "CompilationException: cannot find symbol one"), (5, f"RuntimeException: {TODO_G}")]
    assert student.check_run(nb, executed(nb), "07_demo.ipynb", failures) == []


def test_a_failure_in_a_cell_that_does_not_depend_on_an_exercise_is_reported():
    nb = two_exercise_notebook()
    failures = [(2, f"RuntimeException: {TODO_F}"), (5, f"RuntimeException: {TODO_G}"),
                (6, "CompilationException: oops")]
    problems = student.check_run(nb, executed(nb), "07_demo.ipynb", failures)
    assert len(problems) == 1 and "cell 6: failed but does not depend on an exercise" in problems[0]


def test_an_exercise_that_fails_without_its_todo_or_does_not_fail_is_reported():
    nb = two_exercise_notebook()
    problems = student.check_run(nb, executed(nb), "07_demo.ipynb",
                                 [(2, "CompilationException: unreachable statement")])
    assert any("cell 2 (f): failed without its TODO message" in p for p in problems)
    assert any("cell 5 (g): the exercise cell did not fail" in p for p in problems)


def test_a_first_failure_before_any_exercise_is_reported():
    nb = two_exercise_notebook()
    nb.cells[0].metadata["tags"] = [student.DEPENDS_TAG]
    failures = [(1, "RuntimeException: no engine"), (2, f"RuntimeException: {TODO_F}"), (5, f"RuntimeException: {TODO_G}")]
    problems = student.check_run(nb, executed(nb), "07_demo.ipynb", failures)
    assert problems == ["07_demo: the first failure is cell 1, not an exercise cell: RuntimeException: no engine"]


# --- the nbgrader plumbing -----------------------------------------------------------------------

def test_harmless_stderr_moves_to_stdout_but_a_stack_trace_stays_on_stderr():
    from course_nbgrader import HarmlessStderrToStdout
    from nbgrader.utils import determine_grade
    cell = code("check();", grade_meta("t"))
    cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text="[main] INFO ai.djl.engine - Engine loaded\n")]
    HarmlessStderrToStdout().preprocess_cell(cell, {}, 0)
    assert cell.outputs[0].name == "stdout" and determine_grade(cell) == (1, 1)
    cell.outputs = [nbformat.v4.new_output("stream", name="stderr",
                                           text="java.lang.IllegalStateException: x\n\tat Foo.bar(Foo.java:3)\n")]
    HarmlessStderrToStdout().preprocess_cell(cell, {}, 0)
    assert cell.outputs[0].name == "stderr" and determine_grade(cell) == (0, 1)


def test_nbgrader_config_swaps_in_the_kit_stubs_the_grading_profile_and_the_stderr_rule():
    from traitlets.config.loader import PyFileConfigLoader
    from course_nbgrader import GradingExecute, HarmlessStderrToStdout, StubSolutions
    from nbgrader.preprocessors import ClearSolutions, Execute
    config = PyFileConfigLoader("nbgrader_config.py", str(ROOT / "environment" / "nbgrader")).load_config()
    generate = config.GenerateAssignment.preprocessors
    assert StubSolutions in generate and ClearSolutions not in generate
    autograde = config.Autograde.autograde_preprocessors
    assert Execute not in autograde
    assert autograde.index(HarmlessStderrToStdout) == autograde.index(GradingExecute) + 1


def test_nbgrader_generate_assignment_stubs_exactly_as_course_student_does():
    from course_nbgrader import StubSolutions
    from nbgrader.preprocessors import ClearHiddenTests
    path = ROOT / "source" / "01_linear_regression.ipynb"
    solution = student.read_notebook(path)
    released, resources = StubSolutions().preprocess(nbformat.from_dict(json.loads(json.dumps(solution))),
                                                     {"unique_key": path.stem})
    released, _ = ClearHiddenTests().preprocess(released, resources)
    ours = student.student_notebook(solution, path.name)
    assert [c.source for c in released.cells] == [c.source for c in ours.cells]


def test_graded_notebooks_run_in_the_grading_profile_whatever_course_profile_says(monkeypatch):
    import asyncio
    from course_nbgrader import GradingExecute

    class KernelManager:
        def start_kernel(self, **kwargs):
            self.started_with = kwargs

    monkeypatch.setenv("COURSE_PROFILE", "full")
    monkeypatch.delenv("COURSE_GRADING_PROFILE", raising=False)
    execute = GradingExecute()
    execute.km, execute.resources = KernelManager(), {}
    asyncio.run(execute.async_start_new_kernel())
    assert execute.km.started_with["env"]["COURSE_PROFILE"] == "fast"
    monkeypatch.setenv("COURSE_GRADING_PROFILE", "full")
    asyncio.run(execute.async_start_new_kernel())
    assert execute.km.started_with["env"]["COURSE_PROFILE"] == "full"


def test_a_student_version_alone_is_judged_by_the_same_rule():
    """The student image has no solutions: its self-test reads the exercises from the student versions."""
    nb = two_exercise_notebook()
    nb.cells[1].source = nb.cells[1].source.replace("write f", 'write "f" \\ now')
    ours = executed(nb)
    found = student.student_exercises(ours)
    assert found == student.exercises(nb, "07_demo.ipynb")
    todo = found[0].todos[0]
    failures = [(2, f"RuntimeException: java.lang.UnsupportedOperationException, {todo}"),
                (5, f"RuntimeException: {TODO_G}")]
    assert student.check_run(None, ours, "07_demo.ipynb", failures) == []
    assert student.check_run(None, ours, "07_demo.ipynb", failures[:1])[0].endswith(
        "(g): the exercise cell did not fail; it must run the code it asks for (call the method in the same cell)")


def test_force_keeps_a_backup_of_each_edited_copy_it_replaces_and_says_so(tmp_path):
    source = tmp_path / "07_demo.ipynb"
    source.write_text(nbformat.writes(two_exercise_notebook()))
    out = tmp_path / "student"
    student.generate([source], out, log=lambda m: None)
    target = out / source.name
    edited = target.read_text().replace("String unrelated", "String mine")
    target.write_text(edited)
    messages = []
    student.generate([source], out, force=True, log=messages.append)
    backups = sorted(out.glob("07_demo.backup-*.ipynb"))
    assert len(backups) == 1 and backups[0].read_text() == edited, "the student's work must survive --force"
    assert len(backups[0].stem.split(".backup-")[1]) == len("YYYYMMDD-HHMMSS")
    assert "mine" not in target.read_text()
    assert sum(backups[0].name in m for m in messages) == 1, messages
    # An untouched copy is replaced without a backup: it holds nobody's work.
    student.generate([source], out, force=True, log=lambda m: None)
    source.write_text(source.read_text().replace("fine", "still fine"))
    student.generate([source], out, force=True, log=lambda m: None)
    assert sorted(out.glob("07_demo.backup-*.ipynb")) == backups


@pytest.mark.parametrize("out", ["notebooks", "notebooks/", "notebooks/sub", "notebooks/../notebooks", "source", "source/fr"])
def test_an_out_folder_in_the_solutions_is_refused_before_anything_is_written(out, tmp_path, monkeypatch):
    # A copy of the kit's layout, so a broken refusal could only ever overwrite this copy.
    solutions = tmp_path / "notebooks"
    solutions.mkdir()
    source = solutions / "07_demo.ipynb"
    source.write_text(nbformat.writes(two_exercise_notebook()))
    monkeypatch.setattr(student, "SOLUTIONS", (tmp_path / "source", solutions))
    monkeypatch.chdir(tmp_path)
    before = source.read_bytes()
    with pytest.raises(SystemExit) as exit_:
        student.main([str(source), "--out", out, "--force"])
    message = str(exit_.value.code)
    assert message.startswith("student: --out ") and "over the solutions" in message and message.count(". ") == 0
    assert source.read_bytes() == before and sorted(p.name for p in solutions.iterdir()) == ["07_demo.ipynb"]
    with pytest.raises(ValueError):
        student.generate([source], solutions, force=True)
