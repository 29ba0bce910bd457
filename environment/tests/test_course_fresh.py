"""course-fresh (environment/docker/course-fresh), the image's command for a student who broke a notebook:
they get the image's copy back, and theirs is kept beside it, never lost; a wrong name gets one sentence."""

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "docker" / "course-fresh"


@pytest.fixture
def image(tmp_path):
    """A pristine course (COURSE_HOME/notebooks) and a student's home with an edited copy of one notebook."""
    for edition in ("fr", "en"):
        (tmp_path / "course" / "notebooks" / edition).mkdir(parents=True)
        (tmp_path / "course" / "notebooks" / edition / "01_linear_regression.ipynb").write_text("pristine")
    (tmp_path / "course" / "notebooks" / "fr" / "03_xor.ipynb").write_text("pristine xor")
    (tmp_path / "home" / "notebooks" / "fr").mkdir(parents=True)
    (tmp_path / "home" / "notebooks" / "fr" / "01_linear_regression.ipynb").write_text("broken by the student")
    return tmp_path


def fresh(image, *args):
    env = dict(os.environ, COURSE_HOME=str(image / "course"), HOME=str(image / "home"))
    return subprocess.run(["bash", str(SCRIPT), *args], env=env, cwd=image / "home", capture_output=True, text=True)


def test_the_fresh_copy_replaces_the_broken_one_which_is_kept_beside_it(image):
    run = fresh(image, "notebooks/fr/01_linear_regression.ipynb")
    assert run.returncode == 0, run.stderr
    folder = image / "home" / "notebooks" / "fr"
    assert (folder / "01_linear_regression.ipynb").read_text() == "pristine"
    kept = list(folder.glob("01_linear_regression.mine-*.ipynb"))
    assert len(kept) == 1 and kept[0].read_text() == "broken by the student"
    assert kept[0].name in run.stdout


def test_a_bare_name_works_when_one_edition_has_it_and_a_deleted_notebook_comes_back(image):
    run = fresh(image, "03_xor")
    assert run.returncode == 0, run.stderr
    assert (image / "home" / "notebooks" / "fr" / "03_xor.ipynb").read_text() == "pristine xor"


def test_a_name_in_two_editions_or_in_none_gets_one_sentence_and_changes_nothing(image):
    for name, says in (("01_linear_regression", "several editions"), ("01_linear_regresion", "no course notebook")):
        run = fresh(image, name)
        assert run.returncode == 1 and says in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert (image / "home" / "notebooks" / "fr" / "01_linear_regression.ipynb").read_text() == "broken by the student"
