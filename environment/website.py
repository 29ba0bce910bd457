"""./course site: the course as a static web site, for students who only want to read it.

Each notebook of source/ is written in each language (editions.py), executed headless by the kit's kernel
(kernel_runner, as ./course test does), and rendered to one HTML page; an index per language and a front page
list them in teaching order. The pages need no network and run no script: charts are PNG images inside the
page, formulas are MathML (converted from the notebooks' LaTeX here, drawn by the browser itself), the style
sheet is inline. So the folder can be opened from disk or published as it is (GitLab/GitHub Pages, a web
server's folder, a zip on a course page).

--edition student: the notebooks are executed with their solutions (so every chart is there), then each
exercise is shown as students get it: the solution cells become their TODO stubs and their outputs, and
those of the graded checks, are removed. --edition solutions shows everything.

Usage: website.py [--edition student|solutions] [--profile full|fast] [--engine MXNet|PyTorch] [--lang fr,en]
               [--out DIR] [NOTEBOOK ...]   (NOTEBOOK: a source name such as 01_linear_regression)
"""

import argparse
import copy
import html
import re
import sys
from pathlib import Path

from latex2mathml.converter import convert as latex_to_mathml
from nbconvert import HTMLExporter

import editions
import kernel_runner
import student

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "site-work"   # the executed editions; the folder names fr/ and en/ set the language
TIMEOUT = 1800                         # seconds per cell: the full profile's longest training fits
TITLES = {"fr": "Cours d'apprentissage profond en Java", "en": "Deep-learning course in Java"}
WORDS = {"fr": {"index": "Sommaire", "other": "English", "prev": "← précédent", "next": "suivant →",
                "made": "Pages produites par ./course site : édition {edition}, moteur {engine}, profil {profile}."},
         "en": {"index": "Contents", "other": "Français", "prev": "← previous", "next": "next →",
                "made": "Pages made by ./course site: {edition} edition, engine {engine}, profile {profile}."}}
STYLE = """body{font:16px/1.5 system-ui,sans-serif;max-width:960px;margin:0 auto;padding:1em 1.5em;color:#1b1b1b}
nav{display:flex;gap:1.5em;border-bottom:1px solid #ddd;padding-bottom:.5em;margin-bottom:1em}
pre,code{font:14px/1.4 ui-monospace,monospace}pre{background:#f6f8fa;padding:.6em;overflow-x:auto}
.jp-InputArea-prompt,.jp-OutputArea-prompt{display:none}.jp-OutputArea-output pre{background:#fff;border-left:3px solid #ccc}
.jp-CodeCell .jp-InputArea{margin-top:.8em}img{max-width:100%}table{border-collapse:collapse}
td,th{border:1px solid #ddd;padding:.2em .5em}math[display=block]{margin:.6em 0}
.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]{display:none}"""

# $$…$$ and $…$ outside code, by pandoc's rule: no space just inside the $ signs, no digit right after the
# closing one (so "costs $5 and $6" stays money).
MATH = re.compile(r"\$\$(.+?)\$\$|\$(?!\s)((?:[^$\\\n]|\\.)+?)(?<!\s)\$(?!\d)", re.S)
CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)


def mathml(markdown):
    """The markdown with its LaTeX formulas replaced by MathML, code spans and blocks left alone."""
    def formula(match):
        block = match.group(1) is not None
        tex = match.group(1) if block else match.group(2)
        return latex_to_mathml(tex.strip(), display="block" if block else "inline")
    parts = CODE.split(markdown)
    return "".join(part if i % 2 else MATH.sub(formula, part) for i, part in enumerate(parts))


def title_of(nb, fallback):
    """The notebook's first markdown heading, without its #."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def as_students_see_it(nb, name):
    """The executed notebook with its exercises as students get them: stubs, no solution output."""
    shown = copy.deepcopy(nb)
    for number, cell in enumerate(shown.cells, start=1):
        graded = student.is_solution(cell) or student.is_autograder_test(cell)
        student.stub_cell(cell, name, number, student.edition_language(shown))
        if graded and cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return shown


def executed(source, lang, engine, profile, work):
    """One source notebook in one language, executed; exits with one sentence if a cell failed."""
    nb = editions.edition(editions.read(source), lang, source.name)
    folder = work / lang
    folder.mkdir(parents=True, exist_ok=True)
    print(f"--- {lang}/{source.name} on {engine} ({profile})", flush=True)
    run = kernel_runner.execute(nb, engine, profile, TIMEOUT, cwd=folder)
    if run.problems:
        cell, what = run.problems[0]
        where = f"at cell {cell}" if cell else "in its kernel"
        sys.exit(f"site: {lang}/{source.name} failed {where} ({what.splitlines()[0]}); fix it "
                 f"(./course test notebooks/{lang}/{source.name} shows the same) and run ./course site again")
    print(f"    ok in {run.seconds:.0f} s", flush=True)
    return nb


def page(body, title, lang, nav):
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>\n"
            f"<body>{nav}\n{body}\n{nav}</body></html>\n")


def notebook_page(nb, lang, neighbours):
    """One notebook as a page: its cells, and links to the contents, the neighbours, the other language."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = mathml(cell.source)
    body, _ = HTMLExporter(template_name="basic", exclude_input_prompt=True,
                           exclude_output_prompt=True, exclude_anchor_links=True).from_notebook_node(nb)
    prev, this, nxt = neighbours
    words, other = WORDS[lang], "en" if lang == "fr" else "fr"
    links = [f'<a href="index.html">{words["index"]}</a>']
    links += [f'<a href="{prev}.html">{words["prev"]}</a>'] if prev else []
    links += [f'<a href="{nxt}.html">{words["next"]}</a>'] if nxt else []
    links += [f'<a href="../{other}/{this}.html">{WORDS[lang]["other"]}</a>']
    return page(body, title_of(nb, this), lang, f"<nav>{' '.join(links)}</nav>")


def index_page(lang, entries, made):
    items = "\n".join(f'<li><a href="{name}.html">{html.escape(title)}</a></li>' for name, title in entries)
    other = "en" if lang == "fr" else "fr"
    nav = f'<nav><a href="../index.html">⌂</a> <a href="../{other}/index.html">{WORDS[lang]["other"]}</a></nav>'
    body = f"<h1>{TITLES[lang]}</h1>\n<ol>\n{items}\n</ol>\n<p>{html.escape(made)}</p>"
    return page(body, TITLES[lang], lang, nav)


def front_page(langs):
    items = "".join(f'<li><a href="{lang}/index.html">{TITLES[lang]}</a></li>' for lang in langs)
    return page(f"<h1>{TITLES[langs[0]]}</h1><ul>{items}</ul>", TITLES[langs[0]], langs[0], "")


def build(sources, langs, edition, engine, profile, out, work=WORK):
    for lang in langs:
        names = [s.stem for s in sources]
        entries = []
        for i, source in enumerate(sources):
            nb = executed(source, lang, engine, profile, work)
            if edition == "student":
                nb = as_students_see_it(nb, source.name)
            neighbours = (names[i - 1] if i else None, names[i], names[i + 1] if i + 1 < len(names) else None)
            (out / lang).mkdir(parents=True, exist_ok=True)
            (out / lang / f"{source.stem}.html").write_text(notebook_page(nb, lang, neighbours), encoding="utf-8")
            entries.append((source.stem, title_of(nb, source.stem)))
        made = WORDS[lang]["made"].format(edition=edition, engine=engine, profile=profile)
        (out / lang / "index.html").write_text(index_page(lang, entries, made), encoding="utf-8")
    (out / "index.html").write_text(front_page(langs), encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description="The course as a static web site (docs/site.md).")
    parser.add_argument("--edition", choices=["student", "solutions"], default="student")
    parser.add_argument("--profile", choices=["full", "fast"], default="full")
    parser.add_argument("--engine", choices=kernel_runner.ENGINES, default="MXNet")
    parser.add_argument("--lang", default="fr,en", help="fr, en or fr,en")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site")
    parser.add_argument("notebooks", nargs="*", help="source names, e.g. 01_linear_regression")
    args = parser.parse_args(argv)
    langs = [lang for lang in args.lang.split(",") if lang]
    if not langs or any(lang not in TITLES for lang in langs):
        parser.error(f"--lang {args.lang}: give fr, en or fr,en")
    sources = [editions.SOURCES / (n if n.endswith(".ipynb") else f"{n}.ipynb") for n in args.notebooks] \
        or sorted(editions.SOURCES.glob("[0-9]*.ipynb"))
    missing = [s.name for s in sources if not s.exists()]
    if missing:
        parser.error(f"no such notebook in source/: {', '.join(missing)}")
    build(sources, langs, args.edition, args.engine, args.profile, args.out)
    print(f"Site written: {args.out / 'index.html'} (open it in a browser; publish the folder as it is)")


if __name__ == "__main__":
    main()
