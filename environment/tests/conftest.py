"""Makes environment/ and environment/nbgrader/ importable for the tests, and gives the kernel tests
a clear failure (not a skip) when the kit is not set up: CI must not pass them silently."""
import sys
from pathlib import Path

import pytest

ENVIRONMENT = Path(__file__).resolve().parent.parent
ROOT = ENVIRONMENT.parent
sys.path[:0] = [str(ENVIRONMENT), str(ENVIRONMENT / "nbgrader")]


@pytest.fixture
def kit_kernel():
    """The kit's kernelspec and support jar, as ./course setup leaves them."""
    missing = [p for p in (ROOT / "build" / "jupyter" / "kernels" / "dl-course" / "kernel.json",
                           ROOT / "support-lib" / "target" / "course-support.jar") if not p.exists()]
    if missing:
        pytest.fail(f"the kit is not set up ({missing[0]} is missing): run ./course setup first")
