"""The course in French and in English from one source: source/NN_name.ipynb holds both languages, and this
writes the two editions students open, notebooks/fr/NN_name.ipynb and notebooks/en/NN_name.ipynb.
What `./course setup` (so `lab` and `test`) and `./course editions` run; docs/translating.md says how to write
a source.

In a source notebook:
- each markdown cell comes twice, the English one tagged `lang-en` and, right after it, its French twin
  tagged `lang-fr`; an edition keeps its language's cells;
- code cells are shared; the French edition replaces, in code cells, every Java string literal whose content
  (between the quotes, escapes kept) is a key of the notebook's table, metadata "dl_course": {"fr": {...}},
  and every comment whose text (after // or inside /* */ on one line, trimmed) is one.

An edition is never written over a student's edited copy: the hash of what was written is kept in
<editions folder>/.editions.json, and a copy that changed since is kept, with one line saying so
(--force replaces it and keeps the copy as NAME.ipynb.backup).

Usage: editions.py [--force] [--out DIR] [SOURCE ...]        (default: every source/NN_*.ipynb)
       editions.py --import-translation FILE [SOURCE]
  (--import-translation: puts a translation file's French into its source notebook: each French markdown
  cell after its English twin, both tagged, and the strings and comments into the table. The file:
  {"cells": {"<markdown cell id>": "<French>"}, "strings": {"<English>": "<French>"},
   "comments": {"<English>": "<French>"}}; its name, NN_name.json, names the source unless SOURCE is given.)
"""

import argparse
import copy
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbformat.v4.rwbase import rejoin_lines

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "source"
EDITIONS = ROOT / "notebooks"
LANGS = ("fr", "en")
TAGS = {"en": "lang-en", "fr": "lang-fr"}
META = "dl_course"
RECORD = ".editions.json"


# --- Java code: its string literals and comments --------------------------------------------------

def java_spans(code):
    """The translatable pieces of Java code, in order: ("string", start, end) for a string literal's content
    between its quotes, ("comment", start, end) for a // comment's text or a one-line /* */ comment's text.
    Character literals, text blocks and comments over several lines are skipped."""
    spans, i, n = [], 0, len(code)
    while i < n:
        if code.startswith('"""', i):
            end = code.find('"""', i + 3)
            i = n if end < 0 else end + 3
        elif code[i] in "\"'":
            quote, j = code[i], i + 1
            while j < n and code[j] not in (quote, "\n"):
                j += 2 if code[j] == "\\" else 1
            if quote == '"':
                spans.append(("string", i + 1, j))
            i = j + 1
        elif code.startswith("//", i):
            end = code.find("\n", i)
            end = n if end < 0 else end
            spans.append(("comment", i + 2, end))
            i = end
        elif code.startswith("/*", i):
            end = code.find("*/", i + 2)
            end = n if end < 0 else end
            if "\n" not in code[i:end]:
                spans.append(("comment", i + 2, end))
            i = end + 2
        else:
            i += 1
    return spans


COMMENT_TEXT = re.compile(r"^(\**\s*)(.*?)(\s*)$", re.DOTALL)


def pieces(code):
    """(kind, text) of every string literal's content and every comment's trimmed text in the code."""
    found = []
    for kind, start, end in java_spans(code):
        text = code[start:end]
        found.append((kind, text if kind == "string" else COMMENT_TEXT.match(text).group(2)))
    return found


def translate_code(code, table):
    """The code with each string literal and comment that the table names replaced by its translation."""
    for kind, start, end in reversed(java_spans(code)):
        text = code[start:end]
        if kind == "string":
            new = table.get(text, text)
        else:
            before, key, after = COMMENT_TEXT.match(text).groups()
            new = before + table[key] + after if key in table else text
        code = code[:start] + new + code[end:]
    return code


# --- notebooks -------------------------------------------------------------------------------------

def read(path):
    """A notebook as written (ids kept), its cells' sources joined into strings."""
    return rejoin_lines(nbformat.from_dict(json.loads(Path(path).read_text(encoding="utf-8"))))


def render(nb):
    """The bytes written to disk: nbformat's layout and a final newline, as the sources are committed."""
    text = nbformat.writes(nb)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def language_of(cell):
    """'en' or 'fr' for a tagged markdown cell, None otherwise."""
    tags = cell.get("metadata", {}).get("tags", [])
    found = [lang for lang, tag in TAGS.items() if tag in tags]
    return found[0] if len(found) == 1 else None


def french_table(nb):
    return nb.metadata.get(META, {}).get("fr", {})


def edition(source, lang, name):
    """The edition of a source notebook in one language (a new notebook)."""
    nb = copy.deepcopy(source)
    table = french_table(nb) if lang == "fr" else {}
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and language_of(cell) not in (lang, None):
            continue
        tags = [t for t in cell.metadata.get("tags", []) if t not in TAGS.values()]
        if tags:
            cell.metadata["tags"] = tags
        else:
            cell.metadata.pop("tags", None)
        if cell.cell_type == "code" and table:
            cell.source = translate_code(cell.source, table)
        cells.append(cell)
    nb.cells = cells
    nb.metadata[META] = {"edition": lang, "source": f"source/{name}"}
    return nb


def digest(data):
    return hashlib.sha256(data).hexdigest()


def write_editions(sources, out=EDITIONS, force=False, log=print):
    """Writes both editions of each source into out/fr and out/en; returns the paths written or kept.
    A copy that changed since it was written (a student's work) is kept unless force (then it is backed up)."""
    record_path = out / RECORD
    record = json.loads(record_path.read_text()) if record_path.exists() else {}
    paths, announced = [], False
    for source in sources:
        nb = read(source)
        for lang in LANGS:
            target, key = out / lang / source.name, f"{lang}/{source.name}"
            data = render(edition(nb, lang, source.name))
            have = digest(target.read_bytes()) if target.exists() else None
            paths.append(target)
            if have == digest(data):
                record[key] = have
                continue
            if have is not None and have != record.get(key):
                if not force:
                    if record.get(key) != digest(data):
                        log(f"editions: {lang}/{source.name} has changed in source/, but your copy was kept as you"
                            f" edited it (./course editions --force replaces it, keeping yours as .backup)")
                    continue
                shutil.copy2(target, target.with_name(target.name + ".backup"))
            if not announced:
                log(f"==> The editions students open, from source/: {out}/fr and {out}/en")
                announced = True
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            record[key] = digest(data)
            log(f"    {lang}/{source.name}: written")
    out.mkdir(parents=True, exist_ok=True)
    record_path.write_text(json.dumps(dict(sorted(record.items())), indent=1) + "\n")
    return paths


# --- importing a translation ----------------------------------------------------------------------

def import_translation(source_path, translation):
    """Puts a translation ({"cells", "strings", "comments"}) into a source notebook, in place: each French
    markdown cell right after its English twin (replacing an older French twin), both tagged; the strings and
    comments into the notebook's French table. Returns the ids of markdown cells still without French."""
    nb = read(source_path)
    french = translation.get("cells", {})
    known = {c.get("id") for c in nb.cells if c.cell_type == "markdown"}
    unknown = sorted(set(french) - known)
    if unknown:
        raise ValueError(f"{Path(source_path).name}: no markdown cell with id {', '.join(unknown)}")
    cells, untranslated, index = [], [], 0
    while index < len(nb.cells):
        cell = nb.cells[index]
        index += 1
        cells.append(cell)
        if cell.cell_type != "markdown" or language_of(cell) == "fr":
            continue
        twin = nb.cells[index] if index < len(nb.cells) and language_of(nb.cells[index]) == "fr" else None
        if cell.id in french:
            cell.metadata["tags"] = sorted(set(cell.metadata.get("tags", [])) | {TAGS["en"]})
            if twin is None:
                twin = nbformat.v4.new_markdown_cell(id=f"{cell.id}-fr", metadata={"tags": [TAGS["fr"]]})
                cells.append(twin)
            twin.source = french[cell.id]
        elif twin is None:
            untranslated.append(cell.id)
    nb.cells = cells
    table = nb.metadata.setdefault(META, {}).setdefault("fr", {})
    table.update(translation.get("strings", {}))
    table.update(translation.get("comments", {}))
    nb.metadata[META]["fr"] = dict(sorted(table.items()))
    Path(source_path).write_bytes(render(nb))
    return untranslated


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="*", type=Path, help="source notebooks (default: source/NN_*.ipynb)")
    parser.add_argument("--out", type=Path, default=EDITIONS, help="where fr/ and en/ go (default: notebooks/)")
    parser.add_argument("--force", action="store_true", help="replace edited copies too (kept as .backup)")
    parser.add_argument("--import-translation", type=Path, metavar="FILE",
                        help="put a translation file's French into its source notebook")
    args = parser.parse_args(argv)
    if args.import_translation:
        source = args.sources[0] if args.sources else SOURCES / (args.import_translation.stem + ".ipynb")
        if not source.exists():
            sys.exit(f"editions: {source} does not exist: name the source notebook after the translation file.")
        try:
            left = import_translation(source, json.loads(args.import_translation.read_text(encoding="utf-8")))
        except ValueError as e:
            sys.exit(f"editions: {e}")
        print(f"{source.name}: French imported" + (f"; markdown cells still without French: {', '.join(left)}"
                                                    if left else ""))
        return
    sources = [p.resolve() for p in args.sources] or sorted(SOURCES.glob("[0-9]*.ipynb"))
    if not sources:
        sys.exit("editions: no source notebooks found in source/")
    write_editions(sources, args.out.resolve(), args.force)


if __name__ == "__main__":
    main()
