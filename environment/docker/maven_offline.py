"""%maven in the image with no network (test-image.sh runs this inside the image, as jovyan, in a network
namespace without network): the kit's pinned DJL resolves from the image's repository (~/.m2/repository),
the kit's jar keeps precedence for the classes it bundles, and an artifact the image lacks fails with JJava's
message instead of hanging. Prints one line; exit status 0 only if all three hold."""

import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import kernel_runner  # noqa: E402

WHERE = "System.out.println(ai.djl.ndarray.NDManager.class.getProtectionDomain().getCodeSource().getLocation());"

nb = nbformat.v4.new_notebook()
nb.cells = [nbformat.v4.new_code_cell("%maven ai.djl:api:0.35.1"),
            nbformat.v4.new_code_cell(WHERE),
            nbformat.v4.new_code_cell("%maven org.example.absent:nothing:1.0")]
run = kernel_runner.execute(nb, "MXNet", "fast", 300, cwd=Path.home())
errors = [next((o.get("evalue", "") for o in cell.outputs if o.output_type == "error"), None) for cell in nb.cells]
printed = "".join(o.get("text", "") for o in nb.cells[1].outputs if o.output_type == "stream")
problems = []
if errors[0] is not None:
    problems.append(f"%maven ai.djl:api:0.35.1 failed: {errors[0][:200]}")
if "course-support.jar" not in printed:
    problems.append(f"DJL's classes come from {printed.strip() or errors[1]!r}, not the kit's jar")
if not errors[2] or "Error resolving dependency" not in errors[2]:
    problems.append(f"an artifact the image lacks did not fail as expected: {errors[2]!r}")
if problems:
    sys.exit("maven-offline: " + "; ".join(problems))
print("maven-offline: %maven ai.djl:api:0.35.1 resolved with no network from ~/.m2/repository; "
      "the kit's jar still provides DJL's classes; a missing artifact fails with JJava's message")
