"""./course site (environment/website.py): pages a student can read offline, in a real browser.

What it protects: the pages load nothing from the network and run no script (charts are PNG images inside
the page, formulas MathML); every link between pages leads to a page; the student edition shows each
exercise as students get it (its TODO stub, no solution, no solution output); prices stay prices.
"""

import base64
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

import website

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium")


def test_formulas_become_mathml_and_money_and_code_stay_as_written():
    assert website.mathml("$\\sigma(z)$").startswith('<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">')
    assert 'display="block"' in website.mathml("$$z = w_1 x_1 + b$$")
    assert website.mathml("costs $5 and $6") == "costs $5 and $6"
    assert website.mathml("`x = $y$` and ```\n$z$\n```") == "`x = $y$` and ```\n$z$\n```"


def test_the_student_page_shows_the_stub_and_no_solution_output():
    cell = nbformat.v4.new_code_cell("int answer() {\n    // BEGIN SOLUTION the answer\n    return 42;\n"
                                     "    // END SOLUTION\n}", outputs=[nbformat.v4.new_output(
                                         "stream", name="stdout", text="42 solved")])
    cell.metadata["nbgrader"] = {"solution": True, "grade": False, "grade_id": "answer", "locked": False}
    nb = nbformat.v4.new_notebook(cells=[cell])
    shown = website.as_students_see_it(nb, "99_test.ipynb").cells[0]
    assert "return 42" not in shown.source and "TODO" in shown.source
    assert shown.outputs == []


def pages(folder):
    return sorted(folder.rglob("*.html"))


def links_resolve(page):
    hrefs = re.findall(r'href="([^"#:]+)"', page.read_text(encoding="utf-8"))   # relative links only
    return [h for h in hrefs if not (page.parent / h).resolve().exists()]


def png_sizes(page):
    """(width, height) of each image in the page, read from its inline PNG's header."""
    sizes = []
    for data in re.findall(r'<img[^>]*src="data:image/png;base64,([^"]+)"', page.read_text(encoding="utf-8")):
        png = base64.b64decode(data)
        assert png[:8] == b"\x89PNG\r\n\x1a\n", f"{page.name}: an image that is not a PNG"
        sizes.append((int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")))
    return sizes


@pytest.mark.kernel
def test_a_site_of_one_notebook_reads_offline_in_a_browser(tmp_path, kit_kernel):
    out = tmp_path / "site"
    website.build([ROOT / "source" / "00c_activations_losses.ipynb"], ["fr", "en"], "student", "MXNet",
                  "fast", out, work=tmp_path / "work")
    assert {p.relative_to(out).as_posix() for p in pages(out)} == {
        "index.html", "fr/index.html", "en/index.html",
        "fr/00c_activations_losses.html", "en/00c_activations_losses.html"}
    for page in pages(out):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text and "<link" not in text, f"{page.name} loads or runs something"
        assert not re.search(r'<img[^>]*src="(?!data:)', text), f"{page.name}: an image outside the page"
        assert links_resolve(page) == [], f"{page.name}: links to nothing"
    french = out / "fr" / "00c_activations_losses.html"
    assert len(png_sizes(french)) >= 2 and all(w > 100 and h > 100 for w, h in png_sizes(french))
    assert "<math" in french.read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in french.read_text(encoding="utf-8")
    if CHROMIUM:   # the real browser: the page renders (the screenshot stays in tmp_path for a person)
        shot = tmp_path / "page.png"
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1100,2400",
                        f"--screenshot={shot}", french.as_uri()], check=True, timeout=120, capture_output=True)
        assert shot.stat().st_size > 50_000
