"""What several test modules share, so that no test module imports another.

* seeded synthetic data for the tests of logreg_core;
* the book's files: the table of contents, the chapter notebooks and their cells;
* the environment's commands (jupyter, jupyter-book) and the warnings of a build log.

Fixtures live in conftest.py; this module holds plain functions and constants.
"""

import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

import logreg_core as lc

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
BOOK_DIR = ROOT / "book"

# ------------------------------------------------------------ synthetic data

SEED = 20261127


def make_data(m=200, n=3, seed=SEED, scale=1.0):
    """Non-separable data from a known logistic model."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n)) * scale
    true_W = np.linspace(-1.0, 1.0, n + 1)
    y = (rng.random(m) < lc.sigmoid(true_W[0] + X @ true_W[1:])).astype(int)
    return X, y


def separable_data(m=60, seed=SEED):
    """Two classes split by the line x1 + x2 = 0, with a margin between them."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, 2))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    X[y == 1] += 0.5  # open a margin between the classes
    X[y == 0] -= 0.5
    return X, y


def make_multiclass(m=300, n=3, K=4, seed=SEED, scale=1.0):
    """Overlapping classes drawn from a known softmax model."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n))
    true_W = rng.standard_normal((n + 1, K)) * scale
    P = lc.softmax(true_W[0] + X @ true_W[1:])
    y = np.array([rng.choice(K, p=p) for p in P])
    return X, y


# ------------------------------------------------------- the book's files


def toc():
    """_toc.yml, parsed."""
    return yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))


def toc_entries():
    """Every `file:` of _toc.yml (root first), in reading order, without suffix."""
    contents = toc()
    entries = [contents["root"]]

    def walk(items):
        for item in items or []:
            if "file" in item:
                entries.append(item["file"])
            walk(item.get("chapters"))
            walk(item.get("sections"))

    for part in contents.get("parts", []):
        walk(part.get("chapters"))
    walk(contents.get("chapters"))
    return entries


def toc_source(entry):
    """The file a toc entry points to, or None when neither .ipynb nor .md exists."""
    for suffix in (".ipynb", ".md"):
        path = ROOT / f"{entry}{suffix}"
        if path.is_file():
            return path
    return None


def toc_notebooks():
    """The chapter notebooks' stems ('01_intuition', ...) in reading order."""
    return [Path(entry).name for entry in toc_entries() if entry.startswith("notebooks/")]


def notebooks_on_disk():
    """'notebooks/01_intuition', ... for every .ipynb in notebooks/."""
    return sorted(
        path.relative_to(ROOT).with_suffix("").as_posix()
        for path in NOTEBOOK_DIR.glob("*.ipynb")
    )


def chapter_notebooks():
    """Notebooks on disk and notebooks named in the toc (so a missing one fails too)."""
    in_toc = [entry for entry in toc_entries() if entry.startswith("notebooks/")]
    return sorted(set(notebooks_on_disk()) | set(in_toc))


def load_notebook(name):
    """The JSON of 'notebooks/NN_name' (fails the test when the file is missing)."""
    path = ROOT / f"{name}.ipynb"
    if not path.is_file():
        pytest.fail(f"{name}.ipynb is listed in _toc.yml but does not exist")
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell):
    """A cell's source as one string (nbformat JSON may store a list of lines)."""
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def code_cells(notebook):
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def cell_label(notebook, cell):
    """'cell 7 (`first line of the source`)' for error messages."""
    index = notebook["cells"].index(cell) + 1
    first_line = source(cell).strip().splitlines()[0] if source(cell).strip() else ""
    return f"cell {index} (`{first_line[:60]}`)"


def markdown_cells(notebook):
    """The sources of the markdown cells, in order."""
    return [source(cell) for cell in notebook["cells"] if cell["cell_type"] == "markdown"]


def markdown_text(notebook):
    return "\n".join(markdown_cells(notebook))


CODE_FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)


def markdown_headings(notebook):
    """(level, text) of every ATX heading in the markdown cells, code fences skipped."""
    headings = []
    for text in markdown_cells(notebook):
        text = CODE_FENCE.sub("", text)
        headings += [
            (len(match[1]), match[2].strip())
            for match in re.finditer(r"^(#{1,6})\s+(.+?)\s*#*\s*$", text, re.MULTILINE)
        ]
    return headings


def page_title(entry):
    """The '# Title' of a toc entry's source (first markdown cell of a notebook), or None."""
    path = toc_source(entry)
    if path is None:
        return None
    if path.suffix == ".ipynb":
        texts = markdown_cells(json.loads(path.read_text(encoding="utf-8")))
        text = texts[0] if texts else ""
    else:
        text = path.read_text(encoding="utf-8")
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", CODE_FENCE.sub("", text), re.MULTILINE)
    return match[1] if match else None


# ------------------------------------------------------ the environment

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def without_colours(text):
    """Text with its ANSI colour and cursor codes removed."""
    return _ANSI.sub("", text)


def _venv_command(script, module_invocation):
    """The venv's script next to this interpreter, else the module form."""
    path = Path(sys.executable).with_name(script)
    return [str(path)] if path.is_file() else [sys.executable, *module_invocation]


def jupyter_command():
    return _venv_command("jupyter", ["-m", "jupyter"])


def jupyter_book_command():
    return _venv_command(
        "jupyter-book", ["-c", "from jupyter_book.cli.main import main; main()"]
    )


def build_warnings(log):
    """Sphinx warning and error lines of a build log (ANSI colours removed)."""
    return [
        line.strip()
        for line in without_colours(log).splitlines()
        if re.search(r"\b(WARNING|ERROR|CRITICAL|SEVERE)\b", line)
        or re.match(r"\s*(Exception occurred|Traceback)", line)
    ]
