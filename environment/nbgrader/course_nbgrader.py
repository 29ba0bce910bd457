"""The kit's two nbgrader preprocessors, plugged in by nbgrader_config.py next to this file.

- StubSolutions: nbgrader's ClearSolutions with the kit's Java stubs. It calls the same function as
  `./course student` (environment/student.py), so `nbgrader generate_assignment` releases exactly the
  student versions the kit generates: TODO throws that compile, `// STUB:` lines honoured.
- GradingExecute: nbgrader's Execute, with each graded notebook's kernel in the grading profile (fast,
  unless COURSE_GRADING_PROFILE says full), whatever COURSE_PROFILE says (the image says full). Only the
  grading kernels: notebooks opened in the same JupyterLab keep their profile.
- HarmlessStderrToStdout: nbgrader gives 0 points to a test cell with *any* stderr output; DJL logs to
  stderr. After execution this moves stderr output that holds no Java stack trace to stdout (the same
  rule as the kit's test runner), so a passing check is not failed by a log line.
"""

import os
import sys
from pathlib import Path

from nbgrader.preprocessors import ClearSolutions, Execute, NbGraderPreprocessor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import student  # noqa: E402  (environment/student.py)
from kernel_runner import TRACEBACK  # noqa: E402


class StubSolutions(ClearSolutions):
    """ClearSolutions that writes the kit's stubs (see docs/student-versions.md for the markers)."""

    def preprocess(self, nb, resources):
        resources["course_language"] = student.edition_language(nb)   # the stubs speak the edition's language
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        notebook = resources.get("nbgrader", {}).get("notebook") or resources.get("unique_key") or ""
        try:
            student.stub_cell(cell, notebook, cell_index + 1, resources.get("course_language", "en"))
        except student.MarkerError as e:
            self.log.error("%s", e)
            raise RuntimeError(str(e)) from e
        return cell, resources


class GradingExecute(Execute):
    """Execute, with the kernel started in the grading profile (COURSE_GRADING_PROFILE, default fast)."""

    async def async_start_new_kernel(self, **kwargs):
        env = dict(kwargs.pop("env", None) or os.environ)
        env["COURSE_PROFILE"] = os.environ.get("COURSE_GRADING_PROFILE", "fast")
        # The library's words in the edition's language: the grading kernel does not run in notebooks/fr.
        env["COURSE_LANG"] = student.edition_language(self.nb)
        return await super().async_start_new_kernel(env=env, **kwargs)


class HarmlessStderrToStdout(NbGraderPreprocessor):
    """Stderr output without a Java stack trace (DJL's logging) becomes stdout, before grading."""

    def preprocess_cell(self, cell, resources, cell_index):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr" \
                    and not TRACEBACK.search(output.get("text", "")):
                output["name"] = "stdout"
        return cell, resources
