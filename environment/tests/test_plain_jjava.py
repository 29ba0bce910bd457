"""The support jar on its own in a plain JJava kernel (not the kit's: no start-up script, no hooks), as a
student would use it from another Jupyter: after `%jars course-support.jar`, an XChart chart shows as a PNG
image and a Tablesaw table as HTML, through the jar's JJava extension (org.dlcourse.kernel.CourseDisplays)."""

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

JAR = ROOT / "support-lib" / "target" / "course-support.jar"
CHART = ('org.knowm.xchart.QuickChart.getChart("squares", "x", "y", "y", new double[]{1, 2, 3}, '
         'new double[]{1, 4, 9})')
TABLE = 'tech.tablesaw.api.Table.create("t", tech.tablesaw.api.IntColumn.create("a", 1, 2))'


def shown(cell):
    return {mime for output in cell.outputs for mime in output.get("data", {})}


@pytest.mark.kernel
def test_a_plain_jjava_kernel_shows_charts_as_png_and_tables_as_html_after_jars(kit_kernel):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"%jars {JAR}"),
                                         nbformat.v4.new_code_cell(CHART), nbformat.v4.new_code_cell(TABLE)])
    NotebookClient(nb, timeout=300, kernel_name="java").execute()   # JJava's own kernelspec, from the venv
    assert "image/png" in shown(nb.cells[1]), nb.cells[1].outputs
    assert "text/html" in shown(nb.cells[2]), nb.cells[2].outputs
