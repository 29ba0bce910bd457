# nbgrader settings for the course kit: Java notebooks run by the kit's kernel (kernelspec dl-course).
# A course directory's own nbgrader_config.py loads this file (docs/student-versions.md):
#
#     c = get_config()
#     load_subconfig("/path/to/the/kit/environment/nbgrader/nbgrader_config.py")
#     c.CourseDirectory.course_id = "dl-course"
#     c.Exchange.root = "/srv/nbgrader/exchange"
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from nbgrader.converters import Autograde, GenerateAssignment  # noqa: E402
from nbgrader.preprocessors import ClearSolutions, Execute  # noqa: E402

from course_nbgrader import GradingExecute, HarmlessStderrToStdout, StubSolutions  # noqa: E402

c = get_config()  # noqa: F821 (defined by traitlets when it loads this file)

# The kit's kernel: ./course setup writes its kernelspec into build/jupyter (the image installs it
# system-wide, where Jupyter finds it anyway).
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    filter(None, [os.path.join(ROOT, "build", "jupyter"), os.environ.get("JUPYTER_PATH")]))
# nbgrader runs its database migrations with the `alembic` command: the one next to this Python.
os.environ["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])

# generate_assignment: the kit's Java stubs in place of nbgrader's "// YOUR CODE HERE".
c.GenerateAssignment.preprocessors = [
    StubSolutions if p is ClearSolutions else p
    for p in GenerateAssignment.class_traits()["preprocessors"].default()]

# autograde: the notebooks run in the fast profile, whatever COURSE_PROFILE says (the image says full):
# the checks do not depend on the run size, and a class of 100 notebooks goes ten times faster
# (COURSE_GRADING_PROFILE=full grades at the real size). Harmless stderr (DJL's logging) must not cost
# a passing test its points.
_autograde = [GradingExecute if p is Execute else p
              for p in Autograde.class_traits()["autograde_preprocessors"].default()]
_autograde.insert(_autograde.index(GradingExecute) + 1, HarmlessStderrToStdout)
c.Autograde.autograde_preprocessors = _autograde

# A notebook cell may train a network: nbgrader's default of 30 s per cell is too short.
c.Execute.timeout = 600
# On a busy machine the JVM kernel can take more than nbclient's default 60 s to start.
c.Execute.startup_timeout = 300
