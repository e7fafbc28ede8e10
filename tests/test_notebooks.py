"""The book's source files: the table of contents, the chapter notebooks (imports,
kernel, stored outputs, page structure, figures, exercises) and the bibliography.

Fast checks on the files (no kernel, no build). Each notebook check is parametrised by
notebook, so a failure names the chapter to fix. The notation and the references
between pages are in test_notation.py; the built site is in test_site.py.
"""

import json
import re

import pytest

from support import (
    BOOK_DIR,
    ROOT,
    cell_label,
    chapter_notebooks,
    code_cells,
    load_notebook,
    markdown_headings,
    markdown_text,
    notebooks_on_disk,
    source,
    tags,
    toc_entries,
    toc_source,
)

IMAGE_MIME_TYPES = ("image/png", "image/jpeg", "image/svg+xml", "image/gif")
BIBLIOGRAPHY_KEYS = {
    "agresti2013", "berkson1944", "bishop2006", "breiman2001", "cortes1995",
    "cox1958", "davis2006", "elkan2001", "friedman2001", "goldberg1991",
    "hastie2009", "hosmer2013", "king2001", "mccullagh1989", "meurer2017",
    "murphy2012", "nocedal2006", "pedregosa2011",
    "efron1975", "ng2002",  # chapter 15
    "mishchenko2020", "robbins1951",  # chapter 12
}  # fmt: skip


def cited_keys(text):
    """Keys of {cite}`a,b`, {cite:p}`a`, {cite:t}`a; b` roles in a text."""
    keys = set()
    for match in re.finditer(r"\{cite(?::[a-z]+)*\}`([^`]*)`", text):
        keys |= {key.strip() for key in re.split(r"[,;]", match[1]) if key.strip()}
    return keys


NOTEBOOKS = chapter_notebooks()


# ------------------------------------------------- (a) table of contents


@pytest.mark.parametrize("name", notebooks_on_disk())
def test_every_notebook_is_in_the_toc(name):
    assert name in toc_entries(), f"{name}.ipynb is not listed in _toc.yml"


@pytest.mark.parametrize(
    "path", sorted(p.relative_to(ROOT).as_posix() for p in BOOK_DIR.glob("*.md"))
)
def test_every_book_page_is_in_the_toc(path):
    assert path.removesuffix(".md") in toc_entries(), f"{path} is not listed in _toc.yml"


@pytest.mark.parametrize("entry", toc_entries())
def test_every_toc_entry_exists(entry):
    assert toc_source(entry) is not None, (
        f"_toc.yml lists {entry!r} but neither {entry}.ipynb nor {entry}.md exists"
    )


def test_toc_lists_each_file_once():
    entries = toc_entries()
    duplicates = sorted({entry for entry in entries if entries.count(entry) > 1})
    assert not duplicates, f"listed more than once in _toc.yml: {duplicates}"


# ---------------------------------------------- (b) the one shared module


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_imports_logreg_core(name):
    notebook = load_notebook(name)
    pattern = re.compile(r"^\s*(import\s+logreg_core\b|from\s+logreg_core\s+import\b)", re.M)
    assert any(pattern.search(source(cell)) for cell in code_cells(notebook)), (
        f"{name}: no code cell imports logreg_core (`import logreg_core as lc`)"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_uses_the_python3_kernel(name):
    kernelspec = load_notebook(name).get("metadata", {}).get("kernelspec", {})
    assert kernelspec.get("name") == "python3", (
        f"{name}: kernelspec name is {kernelspec.get('name')!r}; expected 'python3'"
    )


# ------------------------------------------- (c) run once, top to bottom


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_was_run_top_to_bottom(name):
    notebook = load_notebook(name)
    cells = [cell for cell in code_cells(notebook) if source(cell).strip()]
    counts = [cell.get("execution_count") for cell in cells]
    expected = list(range(1, len(cells) + 1))
    assert counts == expected, (
        f"{name}: execution counts are {counts}, expected {expected}. Re-run the "
        "notebook from a fresh kernel (jupyter nbconvert --execute --inplace) and save it."
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_has_no_unexpected_errors(name):
    notebook = load_notebook(name)
    unexpected = [
        f"{cell_label(notebook, cell)}: {output.get('ename')}: {output.get('evalue')}"
        for cell in code_cells(notebook)
        if "raises-exception" not in tags(cell)
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not unexpected, (
        f"{name}: error outputs in cells not tagged raises-exception: {unexpected}"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_cells_tagged_raises_exception_do_raise(name):
    notebook = load_notebook(name)
    silent = [
        cell_label(notebook, cell)
        for cell in code_cells(notebook)
        if "raises-exception" in tags(cell)
        and not any(out.get("output_type") == "error" for out in cell.get("outputs", []))
    ]
    assert not silent, f"{name}: tagged raises-exception but no error stored: {silent}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_has_no_stderr_output(name):
    """Warnings land on stderr; the house rule is that a warning is a defect to fix."""
    notebook = load_notebook(name)
    noisy = [
        f"{cell_label(notebook, cell)}: {''.join(output.get('text', ''))[:200]!r}"
        for cell in code_cells(notebook)
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == "stderr"
    ]
    assert not noisy, f"{name}: stderr output (warnings?) in {noisy}"


# What a reader must never see in a stored output: a traceback (outside a cell that
# is deliberately about one), a path of the machine that ran the notebook, or a wall
# of printed source.
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\s*File \"", re.MULTILINE)
MACHINE_PATH = re.compile(
    r"site-packages|dist-packages|/home/\w|/root/|/Users/\w|\b[A-Za-z]:\\|/tmp/"
    r"|(?<![\w.:/])/(?:[\w.-]+/)+[\w.-]+\.py\b"
)
LONGEST_PRINTED_OUTPUT = 45  # lines


ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def output_texts(cell):
    """The text a reader sees in a code cell's outputs (streams, text, errors)."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            traceback = "\n".join(output.get("traceback", []))
            yield ANSI_COLOUR.sub("", traceback) or output.get("evalue", "")
        elif "text" in output:
            yield "".join(output["text"])
        for mime in ("text/plain", "text/html"):
            if mime in output.get("data", {}):
                yield "".join(output["data"][mime])


def test_the_stored_output_rules_catch_what_they_are_for():
    assert TRACEBACK.search("Traceback (most recent call last):\n  File \"x.py\"")
    for path in ["/work/main/logreg_core.py", "/home/ann/x", "C:\\Users\\ann",
                 ".venv/lib/python3.11/site-packages/numpy", "/tmp/ipykernel_1/2.py"]:
        assert MACHINE_PATH.search(path), path
    for harmless in ["x = 1/2", "p/(1-p)", "22/7", "https://example.org/a.py",
                     "see notebooks/02_sigmoid.ipynb"]:
        assert not MACHINE_PATH.search(harmless), harmless


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_stored_outputs_hold_no_traceback_and_no_machine_path(name):
    notebook = load_notebook(name)
    found = []
    for cell in code_cells(notebook):
        for text in output_texts(cell):
            # a cell tagged raises-exception is deliberately about its traceback
            if "raises-exception" not in tags(cell) and (
                    TRACEBACK.search(text) or any(
                        output.get("output_type") == "error" for output in cell["outputs"])):
                found.append(f"{cell_label(notebook, cell)}: a traceback")
            match = MACHINE_PATH.search(text)
            if match:
                found.append(f"{cell_label(notebook, cell)}: the path {match.group(0)!r}")
    assert not found, f"{name}: stored outputs a reader should not see: {found}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_chapters_print_no_walls_of_source(name):
    notebook = load_notebook(name)
    found = [f"{cell_label(notebook, cell)}: {reason}"
             for cell in code_cells(notebook)
             for reason in (
                 ["inspect.getsource prints docstrings and private code: use "
                  "lc.show_source"] if "getsource(" in source(cell) else [])
             + (["prints a private function"]
                if re.search(r"show_source\(\s*lc\._", source(cell)) else [])
             + [f"an output of {text.count(chr(10)) + 1} lines"
                for output in cell.get("outputs", []) if output.get("name") == "stdout"
                for text in ["".join(output.get("text", ""))]
                if text.count("\n") + 1 > LONGEST_PRINTED_OUTPUT]]  # fmt: skip
    assert not found, f"{name}: {found}"


TEXT_COLUMN = 79  # characters: a wider code or output line scrolls sideways on the site


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_code_and_printed_lines_fit_the_text_column(name):
    notebook = load_notebook(name)
    found = [f"{cell_label(notebook, cell)}: {len(line)} characters: {line[:40]}..."
             for cell in code_cells(notebook)
             for text in [source(cell), *(
                 "".join(output.get("text", "")) for output in cell.get("outputs", [])
                 if output.get("output_type") == "stream")]
             for line in text.splitlines() if len(line) > TEXT_COLUMN]  # fmt: skip
    assert not found, f"{name}: {found}"


# ----------------------------------------------------- (d) page structure


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_opens_with_a_markdown_title(name):
    first = load_notebook(name)["cells"][0]
    first_line = source(first).lstrip().splitlines()[0] if source(first).strip() else ""
    assert first["cell_type"] == "markdown" and re.match(r"#\s+\S", first_line), (
        f"{name}: the first cell must be markdown starting with '# Title'; "
        f"got a {first['cell_type']} cell starting {first_line[:60]!r}"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_has_exactly_one_title(name):
    titles = [text for level, text in markdown_headings(load_notebook(name)) if level == 1]
    assert len(titles) == 1, (
        f"{name}: {len(titles)} level-1 headings {titles}; the page title must be the "
        "only '# ' heading (use '## ' for sections)"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_ends_with_summary_and_exercises(name):
    sections = [text for level, text in markdown_headings(load_notebook(name)) if level == 2]
    assert "Summary" in sections and "Exercises" in sections, (
        f"{name}: needs '## Summary' and '## Exercises' headings; found sections {sections}"
    )
    assert sections[-2:] == ["Summary", "Exercises"], (
        f"{name}: '## Summary' then '## Exercises' must be the last two sections; "
        f"found sections {sections}"
    )


# ---------------------------------------------------------- (e) figures


def image_outputs(cell):
    return [
        output
        for output in cell.get("outputs", [])
        if any(mime in output.get("data", {}) for mime in IMAGE_MIME_TYPES)
    ]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_figure_has_alt_text_and_caption(name):
    notebook = load_notebook(name)
    problems = []
    for cell in code_cells(notebook):
        if not image_outputs(cell):
            continue
        mystnb = cell.get("metadata", {}).get("mystnb", {})
        alt = mystnb.get("image", {}).get("alt", "")
        caption = mystnb.get("figure", {}).get("caption", "")
        if not (isinstance(alt, str) and alt.strip()):
            problems.append(f"{cell_label(notebook, cell)}: no mystnb.image.alt")
        if not (isinstance(caption, str) and caption.strip()):
            problems.append(f"{cell_label(notebook, cell)}: no mystnb.figure.caption")
    assert not problems, f"{name}: figures without alt text or caption: {problems}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_each_cell_outputs_at_most_one_figure(name):
    """A caption and a figure name in the cell metadata fit exactly one image."""
    notebook = load_notebook(name)
    crowded = [
        f"{cell_label(notebook, cell)}: {len(image_outputs(cell))} images"
        for cell in code_cells(notebook)
        if len(image_outputs(cell)) > 1
    ]
    assert not crowded, f"{name}: more than one image output in {crowded}"


# ------------------------------------------------------------ bibliography


def bib_keys():
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    return re.findall(r"^\s*@\w+\s*\{\s*([^,\s]+)\s*,", text, re.MULTILINE)


def test_bibliography_has_exactly_the_agreed_keys():
    keys = bib_keys()
    assert len(keys) == len(set(keys)), f"duplicate keys in references.bib: {sorted(keys)}"
    assert set(keys) == BIBLIOGRAPHY_KEYS, (
        f"references.bib: missing {sorted(BIBLIOGRAPHY_KEYS - set(keys))}, "
        f"unexpected {sorted(set(keys) - BIBLIOGRAPHY_KEYS)}"
    )


@pytest.mark.parametrize("entry", toc_entries())
def test_citations_use_bibliography_keys(entry):
    path = toc_source(entry)
    if path is None:
        pytest.fail(f"{entry} is listed in _toc.yml but does not exist")
    if path.suffix == ".ipynb":
        text = markdown_text(json.loads(path.read_text(encoding="utf-8")))
    else:
        text = path.read_text(encoding="utf-8")
    unknown = sorted(cited_keys(text) - set(bib_keys()))
    assert not unknown, f"{entry}: cites keys that are not in references.bib: {unknown}"


# ------------------------------------------------------------ (f) exercises
# The exercise format of every chapter (book/teaching.md): at least three
# sphinx-exercise {exercise} blocks, each labelled and with a dropdown {solution};
# at least one coding exercise, i.e. a starter cell (tag exercise-starter) whose
# solution sits between nbgrader's markers, followed at once by a self-check cell
# (tag self-check). tools/student_edition.py relies on this layout.

EXERCISE = re.compile(
    r"^[ \t]*(`{3,}|:{3,})[ \t]*\{exercise\}[^\n]*\n(?P<options>(?:[ \t]*:[\w-]+:[^\n]*\n)*)",
    re.MULTILINE,
)
SOLUTION = re.compile(
    r"^[ \t]*(`{3,}|:{3,})[ \t]*\{solution(?P<start>-start)?\}[ \t]*(?P<label>\S*)[^\n]*\n"
    r"(?P<options>(?:[ \t]*:[\w-]+:[^\n]*\n)*)",
    re.MULTILINE,
)
STARTER_TAG, SELF_CHECK_TAG = "exercise-starter", "self-check"


def exercise_labels(notebook):
    labels = []
    for match in EXERCISE.finditer(markdown_text(notebook)):
        label = re.search(r":label:\s*(\S+)", match["options"])
        labels.append(label[1] if label else None)
    return labels


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_has_at_least_three_exercises(name):
    labels = exercise_labels(load_notebook(name))
    assert len(labels) >= 3, (
        f"{name}: {len(labels)} {{exercise}} blocks; every chapter ends with at least "
        "three (conceptual, pen and paper, coding), see book/teaching.md"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_exercise_has_a_label_and_a_dropdown_solution(name):
    notebook = load_notebook(name)
    labels = exercise_labels(notebook)
    unlabelled = labels.count(None)
    duplicates = sorted({label for label in labels if label and labels.count(label) > 1})
    solutions = list(SOLUTION.finditer(markdown_text(notebook)))
    solved = {match["label"] for match in solutions}
    unsolved = [label for label in labels if label and label not in solved]
    not_dropdown = [
        match["label"]
        for match in solutions
        if not re.search(r":class:.*\bdropdown\b", match["options"])
    ]
    assert not (unlabelled or duplicates or unsolved or not_dropdown), (
        f"{name}: exercises without :label: {unlabelled}; duplicate labels {duplicates}; "
        f"exercises without a {{solution}} {unsolved}; solutions without "
        f"`:class: dropdown` {not_dropdown}"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_self_checks_answer_in_words_only(name):
    """A self-check prints its verdict; it leaves no bare True or False below it (a cell
    ending in an expression such as lc.report(...) would show one)."""
    notebook = load_notebook(name)
    results = [cell_label(notebook, cell) for cell in notebook["cells"]
               if SELF_CHECK_TAG in tags(cell)
               and any(output["output_type"] == "execute_result"
                       for output in cell.get("outputs", []))]
    assert not results, f"self-checks that display a value: {results}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_coding_exercise_has_a_starter_and_a_self_check(name):
    notebook = load_notebook(name)
    cells = notebook["cells"]
    starters = [i for i, cell in enumerate(cells) if STARTER_TAG in tags(cell)]
    problems = []
    for i, cell in enumerate(cells):
        text = source(cell)
        if STARTER_TAG in tags(cell):
            begins = len(re.findall(r"^[ \t]*### BEGIN SOLUTION[ \t]*$", text, re.M))
            ends = len(re.findall(r"^[ \t]*### END SOLUTION[ \t]*$", text, re.M))
            if not begins or begins != ends:
                problems.append(
                    f"{cell_label(notebook, cell)}: needs matching ### BEGIN SOLUTION / "
                    f"### END SOLUTION lines (found {begins} and {ends})"
                )
            following = cells[i + 1] if i + 1 < len(cells) else None
            if following is None or SELF_CHECK_TAG not in tags(following):
                problems.append(
                    f"{cell_label(notebook, cell)}: the next cell must be the self-check "
                    "(tag self-check)"
                )
        if SELF_CHECK_TAG in tags(cell) and (i == 0 or STARTER_TAG not in tags(cells[i - 1])):
            problems.append(f"{cell_label(notebook, cell)}: a self-check without a starter")
        if cell["cell_type"] == "code" and "SOLUTION" in text and STARTER_TAG not in tags(cell):
            if re.search(r"^[ \t]*### (BEGIN|END) SOLUTION", text, re.M):
                problems.append(
                    f"{cell_label(notebook, cell)}: solution markers in a cell not tagged "
                    "exercise-starter"
                )
    assert starters, f"{name}: no coding exercise (a code cell tagged exercise-starter)"
    assert not problems, f"{name}: {problems}"


EXERCISES_INTRO = (
    "The exercises get harder as you go; try each one on your own before you look at a "
    "solution. In a coding exercise, complete the starter cell where it says "
    "`# YOUR CODE HERE`, run it, then run the self-check cell below it: it tells you in "
    "words whether your answer is right."
)
EXERCISE_TYPES = ["**Conceptual.**", "**Pen and paper.**", "**Coding.**"]
EXERCISE_BODY = re.compile(
    r"^[ \t]*(`{3,}|:{3,})[ \t]*\{exercise\}[^\n]*\n(?:[ \t]*:[\w-]+:[^\n]*\n)*\s*(?P<first>\S+"
    r"(?: \S+){0,2})",
    re.MULTILINE,
)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_exercise_section_has_the_same_shape(name):
    """The intro paragraph, then exercises labelled Conceptual, Pen and paper, Coding."""
    text = markdown_text(load_notebook(name))
    section = text.split("## Exercises", 1)[-1]
    assert " ".join(EXERCISES_INTRO.split()) in " ".join(section.split()), (
        f"{name}: the exercise section does not open with the common paragraph"
    )
    types = [next((kind for kind in EXERCISE_TYPES if match["first"].startswith(kind)),
                  match["first"]) for match in EXERCISE_BODY.finditer(section)]
    assert types[:3] == EXERCISE_TYPES, (
        f"{name}: the exercises start with {types}; the first three must be labelled "
        f"{EXERCISE_TYPES} in that order"
    )
