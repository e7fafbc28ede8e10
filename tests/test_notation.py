"""One notation and resolved references, as book/notation.md promises.

Fast checks on the sources (no kernel, no build): the prose of every chapter, the
book's pages and the core's docstrings never use a spelling that the notation page
rules out; no chapter types the number of a chapter, exercise, figure or section that
the build should resolve; and the numbers in file names, in the teachers' table and in
the Previous/Next links follow the reading order of the table of contents.
"""

import ast
import re
from pathlib import Path

import pytest

from support import (
    BOOK_DIR,
    ROOT,
    chapter_notebooks,
    load_notebook,
    markdown_cells,
    markdown_text,
    toc_notebooks,
)

NOTEBOOKS = chapter_notebooks()
BOOK_PAGES = sorted(path.name for path in BOOK_DIR.glob("*.md"))

# spelling ruled out -> what the notation page uses instead
RULED_OUT = {
    r"\\hat\s*\{?\s*(\\mathbf\s*\{?\s*)?y": "p (p_i, bold p) for the predicted probability",
    r"\\mathbf\s*\{?\s*w\s*\}?\s*\^\s*\{?\s*\(": "W^{(k)}: the iterates are the whole vector W",
    r"J\s*\(\s*\\mathbf\s*\{?\s*w\b": "J(W): the cost is a function of the whole vector W",
    r"\\mathbf\s*\{?\s*w\s*\}?\s*_\s*\{\s*1\s*:": "bold w, which already excludes the intercept",
    r"\\mathbf\s*\{?\s*w\s*\}?\s*\\leftarrow": "W <- W - alpha grad J(W)",
    r"\\mathbf\s*\{?\s*w\s*\}?\s*\^\s*\\top\s*\\tilde": "W^T x-tilde (bold w has no intercept)",
    r"\\frac\s*\{\s*\\lambda\s*\}\s*\{\s*2\s*m\s*\}": "lambda / 2 times ||w||^2 (C = 1 / (lambda m))",
    r"\\lambda\s*/\s*\(\s*2\s*m\s*\)": "lambda / 2 times ||w||^2 (C = 1 / (lambda m))",
    r"\\ell\s*=\s*\\log\s*\(\s*1\s*\+": "-ell_i for one example's cost (ell is the log-likelihood)",
    r"guaranteed[- ]safe": "alpha <= 2/L is guaranteed; 1/L is the usual safe default",
    r"\\nabla\s*\^\s*2\s*\\ell\b": "the Hessian of J (or of -ell_i for one example)",
    # capital H and D only (the patterns are matched ignoring case), not after
    # \mathbb or \mathcal
    r"(?<![\\{\w])(?<!\\mathbb )(?-i:H)\s*\(\s*[qp]\b":
        "\\mathbb{H}(q) for the entropy: H is the Hessian",
    r"(?<![\\{\w])(?<!\\mathcal )(?-i:D)\s*\(\s*W\b":
        "\\mathcal{D}(W) for the deviance: D is diag(0, 1, ..., 1)",
}
# a number typed where the build should resolve a reference
TYPED_NUMBER = re.compile(r"\b(Chapters?|Exercises?|Figures?|Fig\.|Sections?)\s+\d")
CODE_SPAN = re.compile(r"`[^`\n]*`")


def page_text(name):
    text = (BOOK_DIR / name).read_text(encoding="utf-8")
    if name == "notation.md":  # its last section lists the ruled-out spellings on purpose
        text = text.split("## Conventions")[0]
    return text


def core_docstrings():
    tree = ast.parse((ROOT / "logreg_core.py").read_text(encoding="utf-8"))
    nodes = [tree] + [node for node in ast.walk(tree)
                      if isinstance(node, (ast.FunctionDef, ast.ClassDef))]  # fmt: skip
    return [(getattr(node, "name", "module"), ast.get_docstring(node) or "") for node in nodes]


def ruled_out_spellings(text):
    return [f"{match.group(0)!r} (use {instead})"
            for pattern, instead in RULED_OUT.items()
            for match in re.finditer(pattern, text, re.IGNORECASE)]  # fmt: skip


def test_the_ruled_out_spellings_are_caught():
    caught = ruled_out_spellings(
        r"$\hat y$, $\hat{\mathbf y}$, $\mathbf w^{(k)}$, $J(\mathbf{w})$, "
        r"$\mathbf w_{1:}$, $\frac{\lambda}{2m}$, guaranteed-safe, $\ell = \log(1 + e^z)$, "
        r"$H(q) = -q \log q$, $H(q, p)$, $D(W) = 2mJ(W)$"
    )
    assert len(caught) == 11, caught
    assert not ruled_out_spellings(
        r"$p_i$, $W^{(k)}$, $J(W)$, $\lVert \mathbf{w} \rVert^2$, $\frac{\lambda}{2}$, "
        r"$z_i = w_0 + \mathbf{w}^\top \mathbf{x}_i$, $\ell(W) = \log \mathcal{L}(W)$, "
        r"$\mathbb{H}(q)$, $\mathbb H(q, p)$, $\mathcal{D}(W)$, $\mathcal D(W)$, $H\Delta$, "
        r"$h(p)$, $d(W)$"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_chapter_prose_follows_the_notation_page(name):
    found = [spelling for text in markdown_cells(load_notebook(name))
             for spelling in ruled_out_spellings(text)]  # fmt: skip
    assert not found, f"{name} uses spellings that book/notation.md rules out: {found}"


@pytest.mark.parametrize("name", BOOK_PAGES)
def test_book_pages_follow_the_notation_page(name):
    found = ruled_out_spellings(page_text(name))
    assert not found, f"book/{name} uses spellings that book/notation.md rules out: {found}"


def test_core_docstrings_follow_the_notation_page():
    found = [f"{where}: {spelling}" for where, text in core_docstrings()
             for spelling in ruled_out_spellings(text)]  # fmt: skip
    assert not found, f"logreg_core.py docstrings: {found}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_chapters_refer_by_resolved_references_not_typed_numbers(name):
    typed = [match.group(0) for text in markdown_cells(load_notebook(name))
             for match in TYPED_NUMBER.finditer(CODE_SPAN.sub("", text))]  # fmt: skip
    assert not typed, (
        f"{name} types numbers that the build should resolve: {typed}. Use a link by "
        "name for a chapter, {numref}`ex-...` for an exercise, {numref}`fig-...` for a "
        "figure and {ref}`label` for a section."
    )


def test_the_typed_number_rule_is_caught():
    assert TYPED_NUMBER.findall("see Chapter 6, Exercise 3 and Fig. 2")
    assert not TYPED_NUMBER.findall("see {numref}`ex-sigmoid-3` and chapters in order")


def test_file_numbers_follow_the_reading_order():
    numbers = [int(name.split("_")[0]) for name in toc_notebooks()]
    assert numbers == list(range(1, len(numbers) + 1)), (
        f"the table of contents lists the notebooks in the order {toc_notebooks()}: "
        "rename the files so that NN_ is each chapter's place in the reading order"
    )


@pytest.mark.parametrize("page", ["intro.md", "teaching.md"])
def test_pages_list_every_chapter(page):
    text = (BOOK_DIR / page).read_text(encoding="utf-8")
    missing = [name for name in toc_notebooks() if f"../notebooks/{name}.ipynb" not in text]
    assert not missing, f"book/{page} does not link these chapters: {missing}"


def test_chapter_numbers_typed_in_the_teachers_table_match_the_files():
    text = (BOOK_DIR / "teaching.md").read_text(encoding="utf-8")
    links = re.findall(r"\[(\d+)\. [^\]]+\]\(\.\./notebooks/(\d+)_", text)
    assert len(links) == len(toc_notebooks())
    wrong = [(typed, file) for typed, file in links if int(typed) != int(file)]
    assert not wrong, f"book/teaching.md numbers chapters differently from the files: {wrong}"


NEIGHBOUR_LINK = re.compile(r"\*\*(Previous|Next)\*\*[^(\n]*\((\d\d_\w+)\.ipynb\)")


def neighbour_links(name):
    """(word, linked notebook) of every **Previous** and **Next** link of a chapter."""
    return [(match[1], match[2])
            for match in NEIGHBOUR_LINK.finditer(markdown_text(load_notebook(name)))]


# the chapters that link their neighbours (read at collection: a new link is checked too)
LINKING_CHAPTERS = [name for name in NOTEBOOKS
                    if (ROOT / f"{name}.ipynb").is_file() and neighbour_links(name)]


@pytest.mark.parametrize("name", LINKING_CHAPTERS)
def test_previous_and_next_links_follow_the_reading_order(name):
    order = toc_notebooks()
    here = order.index(Path(name).stem)
    for word, target in neighbour_links(name):
        step = -1 if word == "Previous" else 1
        expected = order[here + step] if 0 <= here + step < len(order) else None
        assert target == expected, (
            f"{name}: **{word}** links {target}, but the neighbouring page in the table of "
            f"contents is {expected}"
        )
