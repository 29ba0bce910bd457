"""The course in two languages from one source (environment/editions.py, docs/translating.md): nothing a
student reads lacks its other language, and the two editions run the same code. No kernel: fast.

What needs French, in each source notebook (source/NN_name.ipynb):
- every markdown cell: an English cell tagged lang-en, then its French twin tagged lang-fr, both non-empty;
- every string literal of a code cell that a student reads: one with whitespace and two or more words of two
  letters or more (titles, axis names, check messages, format strings such as "learned w = %.4f"). A literal
  without whitespace ("weight", "cars.csv", "0:168", "Miles_per_Gallon") or with fewer than two such words
  ("x", "ŷ = %.2f x + %.2f") is code or reads the same in both languages: it needs no entry (give it one
  anyway if a student reads it, e.g. a one-word legend "data");
- every BEGIN SOLUTION comment (the student version's TODO shows its task), as "BEGIN SOLUTION <French task>".
Notebooks not translated yet are listed in UNTRANSLATED, the one place that excuses them.
"""

import json
import re
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import editions  # noqa: E402
import student  # noqa: E402

ROOT = HERE.parents[1]
SOURCES = sorted((ROOT / "source").glob("[0-9]*.ipynb"))
BUNDLE = ROOT / "support-lib" / "src" / "main" / "resources" / "org" / "dlcourse" / "draw"
# Notebooks whose French is not written yet: the translation tests skip them (and fail once they have French,
# so that this list only shrinks).
UNTRANSLATED = []
WORD = re.compile(r"[^\W\d_]+")
FORMAT = re.compile(r"%[-#+ 0,(]*\d*(?:\.\d+)?[a-zA-Z%]")


def needs_french(literal):
    """Does a student read this string literal (see the rule above)?"""
    words = [w for w in WORD.findall(literal) if sum(ch.isalpha() for ch in w) >= 2]   # "k²" is no word
    return bool(re.search(r"\s", literal)) and len(words) >= 2


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def translated(path):
    if path.stem in UNTRANSLATED:
        pytest.skip(f"{path.stem} is not translated yet (UNTRANSLATED)")
    return editions.read(path)


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_every_markdown_cell_is_english_followed_by_its_french_twin(path):
    nb = translated(path)
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        lang, where = editions.language_of(cell), f"{path.stem}, cell {index + 1} ({cell.get('id')})"
        before = nb.cells[index - 1] if index else None
        after = nb.cells[index + 1] if index + 1 < len(nb.cells) else None
        if lang is None:
            problems.append(f"{where}: a markdown cell tagged neither lang-en nor lang-fr")
        elif lang == "en" and (after is None or editions.language_of(after) != "fr"):
            problems.append(f"{where}: an English cell without its French twin (tagged lang-fr) right after it")
        elif lang == "fr" and (before is None or editions.language_of(before) != "en"):
            problems.append(f"{where}: a French cell that does not follow an English one")
        if not cell.source.strip():
            problems.append(f"{where}: empty")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_every_literal_a_student_reads_and_every_exercise_task_has_french(path):
    nb = translated(path)
    table = editions.french_table(nb)
    missing = []
    for cell in code_cells(nb):
        for kind, text in editions.pieces(cell.source):
            if kind == "string" and needs_french(text) and text not in table:
                missing.append(f'"{text}"')
            if kind == "comment" and text.startswith(student.BEGIN_SOLUTION):
                if not table.get(text, "").startswith(student.BEGIN_SOLUTION + " "):
                    missing.append(f"// {text}  (its French must start with '{student.BEGIN_SOLUTION} ')")
    assert not missing, (f"{path.name}: no French in metadata dl_course.fr for:\n  " + "\n  ".join(missing)
                         + "\n(docs/translating.md says how to add it)")


STUDENT_PACKAGE = sorted((ROOT / "support-lib" / "src" / "main" / "java" / "org" / "dlcourse").glob("*.java"))


@pytest.mark.parametrize("path", STUDENT_PACKAGE, ids=[p.stem for p in STUDENT_PACKAGE])
def test_what_the_library_says_comes_from_its_words_in_both_languages(path):
    # The classes notebooks call print, draw and throw in the edition's language: their text is in the
    # bundle (draw/words*.properties, read with Words.of), never an English literal in the code.
    english = [f'"{text}"' for kind, text in editions.pieces(path.read_text(encoding="utf-8"))
               if kind == "string" and needs_french(text)]
    assert not english, f"{path.name}: text a student reads is written in the code, not in the bundle: {english}"


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_every_french_entry_is_used_and_keeps_the_format_specifiers(path):
    nb = editions.read(path)
    table = editions.french_table(nb)
    used = {text for cell in code_cells(nb) for _, text in editions.pieces(cell.source)}
    stale = sorted(set(table) - used)
    assert not stale, f"{path.name}: French for text no code cell has (changed since?): {stale}"
    for english, french in table.items():
        assert french.strip(), f"{path.name}: empty French for '{english}'"
        assert FORMAT.findall(english) == FORMAT.findall(french), \
            f"{path.name}: '{french}' must keep the format specifiers of '{english}', in order"


def test_the_untranslated_list_only_names_notebooks_without_french():
    for name in UNTRANSLATED:
        nb = editions.read(ROOT / "source" / f"{name}.ipynb")
        assert not any(editions.language_of(c) == "fr" for c in nb.cells), \
            f"{name} has French now: remove it from UNTRANSLATED in {Path(__file__).name}"


def properties(path):
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            entries[key.strip()] = value.strip()
    return entries


def test_every_library_word_exists_in_both_languages_with_the_same_format_specifiers():
    english, french = properties(BUNDLE / "words.properties"), properties(BUNDLE / "words_fr.properties")
    assert sorted(english) == sorted(french), f"keys in one language only: {sorted(set(english) ^ set(french))}"
    for key in english:
        assert english[key] and french[key], f"{key}: empty"
        assert FORMAT.findall(english[key]) == FORMAT.findall(french[key]), f"{key}: format specifiers differ"


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_the_english_edition_is_the_source_without_its_french(path):
    source = editions.read(path)
    en = editions.edition(source, "en", path.name)
    kept = [c for c in source.cells if editions.language_of(c) != "fr"]
    def shown(cells):
        return [(c.get("id"), c.cell_type, c.source) for c in cells]
    assert shown(en.cells) == shown(kept)
    assert not any(t.startswith("lang-") for c in en.cells for t in c.metadata.get("tags", []))
    assert en.metadata["kernelspec"] == source.metadata["kernelspec"]
    assert en.metadata["dl_course"] == {"edition": "en", "source": f"source/{path.name}"}


def masked(code):
    """The code with its string literals and comments blanked: what must be the same in both editions."""
    for kind, start, end in reversed(editions.java_spans(code)):
        code = code[:start] + code[end:]
    return code


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_every_edition_tells_any_front_end_it_is_java(path):
    # VS Code, nbviewer and plain Jupyter highlight a notebook from its metadata, before any kernel runs.
    for lang in ("en", "fr"):
        info = editions.edition(editions.read(path), lang, path.name).metadata.get("language_info", {})
        assert info.get("codemirror_mode") == "java" and info.get("pygments_lexer") == "java" \
            and info.get("mimetype") == "text/x-java-source" and info.get("file_extension") == ".jshell", \
            f"{path.stem} ({lang}): language_info is incomplete: {info}"


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_both_editions_run_the_same_code(path):
    source = editions.read(path)
    en, fr = (editions.edition(source, lang, path.name) for lang in ("en", "fr"))
    en_code, fr_code = code_cells(en), code_cells(fr)
    assert [c.get("id") for c in en_code] == [c.get("id") for c in fr_code]
    for a, b in zip(en_code, fr_code):
        assert masked(a.source) == masked(b.source), f"{path.stem}, cell {a.get('id')}: the code differs"
        assert b.source == editions.translate_code(a.source, editions.french_table(source))
        assert a.metadata == b.metadata
    for nb in (en, fr):
        ids = [c.get("id") for c in nb.cells]
        assert len(ids) == len(set(ids)), f"{path.stem}: cell ids repeat"


def test_the_java_scanner_finds_literals_and_comments_and_nothing_else():
    code = ('String s = "a // not a comment", t = "say \\"hi\\" twice";  // a comment\n'
            "char q = '\"'; /** one line */ int x = 1; /* two\n lines */\n")
    assert editions.pieces(code) == [("string", "a // not a comment"), ("string", 'say \\"hi\\" twice'),
                                     ("comment", "a comment"), ("comment", "one line")]
    table = {"a // not a comment": "pas un commentaire", "a comment": "un commentaire", "one line": "une ligne"}
    assert editions.translate_code(code, table) == (
        'String s = "pas un commentaire", t = "say \\"hi\\" twice";  // un commentaire\n'
        "char q = '\"'; /** une ligne */ int x = 1; /* two\n lines */\n")


def tiny_source(tmp_path):
    nb = {"nbformat": 4, "nbformat_minor": 5,
          "metadata": {"kernelspec": {"display_name": "Java · DL course", "language": "java", "name": "dl-course"}},
          "cells": [{"cell_type": "markdown", "id": "m1", "metadata": {}, "source": "# Title"},
                    {"cell_type": "code", "id": "k1", "metadata": {}, "execution_count": None, "outputs": [],
                     "source": 'Plots.xy("Loss per step", "x", "y");  // the chart\n'
                               "// BEGIN SOLUTION write it\n// END SOLUTION"}]}
    path = tmp_path / "source" / "09_tiny.ipynb"
    path.parent.mkdir()
    path.write_text(json.dumps(nb))
    return path


def test_a_translation_file_puts_each_french_cell_after_its_twin_and_fills_the_table(tmp_path):
    path = tiny_source(tmp_path)
    translation = {"cells": {"m1": "# Titre"}, "strings": {"Loss per step": "Coût à chaque pas"},
                   "comments": {"the chart": "le graphique", "BEGIN SOLUTION write it": "BEGIN SOLUTION écrivez-le"}}
    assert editions.import_translation(path, translation) == []
    translation["cells"]["m1"] = "# Le titre"
    editions.import_translation(path, translation)   # again: the twin is replaced, not doubled
    nb = editions.read(path)
    assert [(c.get("id"), c.metadata.get("tags")) for c in nb.cells] == [
        ("m1", ["lang-en"]), ("m1-fr", ["lang-fr"]), ("k1", None)]
    fr = editions.edition(nb, "fr", path.name)
    assert [c.source for c in fr.cells] == [
        "# Le titre", 'Plots.xy("Coût à chaque pas", "x", "y");  // le graphique\n'
                      "// BEGIN SOLUTION écrivez-le\n// END SOLUTION"]
    with pytest.raises(ValueError, match="no markdown cell with id nope"):
        editions.import_translation(path, {"cells": {"nope": "…"}})


def test_an_edited_edition_is_kept_until_forced_and_then_backed_up(tmp_path):
    path = tiny_source(tmp_path)
    editions.import_translation(path, {"cells": {"m1": "# Titre"}})
    out, said = tmp_path / "notebooks", []
    editions.write_editions([path], out, log=said.append)
    mine = out / "fr" / path.name
    assert json.loads(mine.read_text())["metadata"]["dl_course"]["edition"] == "fr"
    mine.write_text(mine.read_text().replace("# Titre", "# Titre, avec mes notes"))
    editions.write_editions([path], out, log=said.append)          # source unchanged: kept, nothing said
    editions.import_translation(path, {"cells": {"m1": "# Nouveau titre"}})
    said.clear()
    editions.write_editions([path], out, log=said.append)          # source changed: kept, one line
    assert "mes notes" in mine.read_text()
    assert [s for s in said if "fr/" in s] == [
        f"editions: fr/{path.name} has changed in source/, but your copy was kept as you edited it"
        " (./course editions --force replaces it, keeping yours as .backup)"]
    editions.write_editions([path], out, force=True, log=said.append)
    assert "Nouveau titre" in mine.read_text()
    assert "mes notes" in (out / "fr" / (path.name + ".backup")).read_text()


def test_the_french_student_version_speaks_french_and_the_english_one_english():
    path = ROOT / "source" / "01_linear_regression.ipynb"
    source = editions.read(path)
    for lang, words, task in (("fr", "VOTRE CODE ICI", "TODO: écrivez leastSquares"),
                              ("en", "YOUR CODE HERE", "TODO: write leastSquares")):
        version = student.student_notebook(editions.edition(source, lang, path.name), path.name)
        exercise = next(c.source for c in version.cells if "leastSquares(NDArray" in c.source)
        assert words in exercise and task in exercise, exercise


def test_a_graded_french_notebook_runs_its_kernel_in_french(monkeypatch):
    """nbgrader's grading kernel does not start in notebooks/fr: it is told the edition's language."""
    import asyncio
    sys.path.insert(0, str(HERE.parent / "nbgrader"))
    from course_nbgrader import GradingExecute

    class KernelManager:
        def start_kernel(self, **kwargs):
            self.started_with = kwargs

    path = ROOT / "source" / "01_linear_regression.ipynb"
    for lang in ("fr", "en"):
        execute = GradingExecute()
        execute.km, execute.resources = KernelManager(), {}
        execute.nb = editions.edition(editions.read(path), lang, path.name)
        asyncio.run(execute.async_start_new_kernel())
        assert execute.km.started_with["env"]["COURSE_LANG"] == lang
