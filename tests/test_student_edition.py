"""The student edition (tools/student_edition.py) and the exercises' self-checks.

* the instructor notebooks pass every self-check (their stored outputs, which nbval
  keeps current, all say "Correct");
* the tool writes a student copy with no solution code, no solution prose and no
  solution outputs, and never touches the instructor notebooks;
* every student notebook runs to the end in a fresh kernel, and its self-checks
  report "Not answered yet" (executed once per session, two notebooks at a time);
* the tool refuses to overwrite a non-empty directory without --force;
* the student site builds with no warnings and shows no solutions (marked `site`).
"""

import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest

from support import (
    NOTEBOOK_DIR,
    ROOT,
    build_warnings,
    cell_label,
    jupyter_book_command,
    jupyter_command,
    tags,
)

NOTEBOOKS = sorted(path.name for path in NOTEBOOK_DIR.glob("*.ipynb"))
SELF_CHECK, STARTER = "self-check", "exercise-starter"
MARKER = re.compile(r"^[ \t]*#+[ \t]*(BEGIN|END) (SOLUTION|HIDDEN TESTS)[ \t]*$", re.M)
SOLUTION_DIRECTIVE = re.compile(r"\{solution(-start|-end)?\}")
CELL_TIMEOUT_SECONDS = 600


def load_tool():
    spec = importlib.util.spec_from_file_location(
        "student_edition", ROOT / "tools" / "student_edition.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_tool(*args):
    return subprocess.run(
        [sys.executable, "-m", "tools.student_edition", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def digest(directory):
    return {
        path.relative_to(directory).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file() and ".ipynb_checkpoints" not in path.parts
    }


def stdout_text(cell):
    return "".join(
        "".join(output.get("text", ""))
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream"
    )


def read(path):
    return nbformat.read(path, as_version=4)


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def edition(tmp_path_factory):
    """Run the tool once; return (output directory, hashes before, hashes after)."""
    before = digest(NOTEBOOK_DIR)
    outdir = tmp_path_factory.mktemp("student") / "edition"
    completed = run_tool(outdir)
    assert completed.returncode == 0, completed.stderr
    return outdir, before, digest(NOTEBOOK_DIR)


def _execute(path):
    """Run a notebook from top to bottom in a fresh kernel, in a subprocess (nbconvert).

    Returns (executed notebook or None, error text or None, seconds).
    """
    output_dir = path.parent.parent / "executed"  # not next to the edition's notebooks
    executed = output_dir / path.name
    start = time.perf_counter()
    completed = subprocess.run(
        jupyter_command() + ["nbconvert", "--to", "notebook", "--execute", str(path),
                   "--output-dir", str(output_dir),
                   f"--ExecutePreprocessor.timeout={CELL_TIMEOUT_SECONDS}"],
        cwd=path.parent, capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    if completed.returncode != 0 or not executed.is_file():
        return None, completed.stderr[-3000:], seconds
    return read(executed), None, seconds


@pytest.fixture(scope="session")
def executed_student_notebooks(edition):
    """Every student notebook executed once, in its own kernel, two at a time."""
    notebook_dir = edition[0] / "notebooks"
    paths = sorted(notebook_dir.glob("*.ipynb"))
    # threads only wait for the two nbconvert processes
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_execute, paths))
    return {path.name: result for path, result in zip(paths, results)}


# ------------------------------------------- the instructor notebooks


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_instructor_notebook_passes_every_self_check(name):
    notebook = read(NOTEBOOK_DIR / name)
    failing = [
        f"{cell_label(notebook, cell)} printed {stdout_text(cell)[:200]!r}"
        for cell in notebook.cells
        if SELF_CHECK in tags(cell)
        and not (
            stdout_text(cell).startswith("Correct")
            and "Not yet" not in stdout_text(cell)
            and "Not answered" not in stdout_text(cell)
        )
    ]
    assert not failing, (
        f"{name}: self-checks that do not say 'Correct' with the solutions in place "
        f"(re-run the notebook, then fix the solution or the check): {failing}"
    )


def test_tool_leaves_the_instructor_notebooks_unchanged(edition):
    _, before, after = edition
    assert after == before, "running tools.student_edition changed files in notebooks/"


# ----------------------------------------------- the student edition


def test_student_edition_has_every_notebook_and_the_book_files(edition):
    outdir = edition[0]
    assert sorted(p.name for p in (outdir / "notebooks").glob("*.ipynb")) == NOTEBOOKS
    for required in ("_config.yml", "_toc.yml", "references.bib", "logreg_core.py",
                     "logreg_sliders.py", "pyproject.toml", "requirements.txt",
                     "README.md"):  # fmt: skip
        assert (outdir / required).is_file(), f"the student edition lacks {required}"
    assert not (outdir / "book" / "teaching.md").exists(), "the teachers' page leaked"


CODE_SOLUTION = re.compile(r"BEGIN SOLUTION[^\n]*\n(.*?)\n[ \t]*#+[ \t]*END SOLUTION", re.S)
PROSE_SOLUTION = re.compile(
    r"\{solution\}[^\n]*\n(.*?)^[ \t]*(?:`{3,}|:{3,})[ \t]*$", re.S | re.M
)


def solution_snippets(notebook):
    """Lines of solution code and prose, long enough to be telling, that appear
    nowhere else in the instructor notebook (so a `def` line repeated in a worked
    solution, or a sentence quoted from the question, does not count)."""
    snippets, elsewhere = set(), []
    for cell in notebook.cells:
        pattern = CODE_SOLUTION if cell.cell_type == "code" else PROSE_SOLUTION
        for block in pattern.findall(cell.source):
            snippets |= {
                line.strip()
                for line in block.splitlines()
                if len(line.strip()) >= 12 and not line.strip().startswith((":", "#"))
            }
        elsewhere.append(pattern.sub("", cell.source))
    visible = "\n".join(elsewhere)
    return {snippet for snippet in snippets if snippet not in visible}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_student_notebook_contains_no_solution(edition, name):
    instructor = read(NOTEBOOK_DIR / name)
    student = read(edition[0] / "notebooks" / name)
    problems = []
    for cell in student.cells:
        if MARKER.search(cell.source):
            problems.append(f"{cell_label(student, cell)}: solution/hidden-test markers left")
        if cell.cell_type == "markdown" and SOLUTION_DIRECTIVE.search(cell.source):
            problems.append(f"{cell_label(student, cell)}: a {{solution}} block left")
        if (STARTER in tags(cell) or SELF_CHECK in tags(cell)) and cell.get("outputs"):
            problems.append(f"{cell_label(student, cell)}: outputs not cleared")
    text = "\n".join(cell.source for cell in student.cells)
    leaked = sorted(s for s in solution_snippets(instructor) if s in text)
    assert not problems and not leaked, (
        f"{name}: the student copy shows solutions: {problems}; solution lines "
        f"found in it: {leaked[:10]}"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_student_notebook_keeps_exercises_and_self_checks(edition, name):
    instructor = read(NOTEBOOK_DIR / name)
    student = read(edition[0] / "notebooks" / name)

    def count(notebook, tag):
        return sum(tag in tags(cell) for cell in notebook.cells)

    def exercises(notebook):
        return sum(
            len(re.findall(r"\{exercise\}", cell.source))
            for cell in notebook.cells
            if cell.cell_type == "markdown"
        )

    assert count(student, SELF_CHECK) == count(instructor, SELF_CHECK)
    assert count(student, STARTER) == count(instructor, STARTER)
    assert exercises(student) == exercises(instructor)
    stubs = [cell for cell in student.cells if STARTER in tags(cell)]
    assert all("# YOUR CODE HERE" in cell.source for cell in stubs), (
        f"{name}: a starter cell of the student copy has no '# YOUR CODE HERE' prompt"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_student_notebook_runs_to_the_end(executed_student_notebooks, name):
    notebook, error, seconds = executed_student_notebooks[name]
    assert error is None, (
        f"{name}: the student copy stops with an error after {seconds:.0f} s; an "
        f"unfinished exercise must be reported by its self-check, not crash:\n{error}"
    )
    unhelpful = [
        f"{cell_label(notebook, cell)} printed {stdout_text(cell)[:200]!r}"
        for cell in notebook.cells
        if SELF_CHECK in tags(cell)
        and ("Not answered yet" not in stdout_text(cell) or "Correct" in stdout_text(cell))
    ]
    assert not unhelpful, (
        f"{name}: self-checks that do not say 'Not answered yet' for the empty "
        f"exercises: {unhelpful}"
    )


# ----------------------------------------------------------- safety


def test_tool_refuses_a_non_empty_directory_without_force(tmp_path):
    work = tmp_path / "my_work.ipynb"
    work.write_text("a student's answers", encoding="utf-8")
    refused = run_tool(tmp_path)
    assert refused.returncode == 2
    assert "not empty" in refused.stderr and "--force" in refused.stderr
    assert work.read_text(encoding="utf-8") == "a student's answers"
    assert not (tmp_path / "notebooks").exists(), "wrote files although it refused"

    forced = run_tool(tmp_path, "--force")
    assert forced.returncode == 0, forced.stderr
    assert work.read_text(encoding="utf-8") == "a student's answers"
    assert sorted(p.name for p in (tmp_path / "notebooks").glob("*.ipynb")) == NOTEBOOKS


@pytest.mark.parametrize("target", ["notebooks", "notebooks/student", "."])
def test_tool_refuses_to_write_into_the_instructor_book(target):
    before = digest(NOTEBOOK_DIR)
    completed = run_tool(ROOT / target, "--force")
    assert completed.returncode == 2
    assert "instructor book" in completed.stderr
    assert digest(NOTEBOOK_DIR) == before
    assert not (ROOT / "notebooks" / "student").exists()


# ------------------------------------------------ the transformation


def test_solution_block_becomes_a_stub_with_the_same_indentation():
    tool = load_tool()
    source = (
        "def f(z):\n"
        "    z = np.asarray(z)\n"
        "    ### BEGIN SOLUTION\n"
        "    s = 1 / (1 + np.exp(-z))\n"
        "    ### END SOLUTION\n"
        "    return s\n"
        "\n"
        "### BEGIN SOLUTION\n"
        "answer, other = 1, 2\n"
        "### END SOLUTION\n"
        "### BEGIN HIDDEN TESTS\n"
        "assert f(0) == 0.5\n"
        "### END HIDDEN TESTS"
    )
    text, changed = tool.strip_solution_code(source)
    assert changed
    assert text == (
        "def f(z):\n"
        "    z = np.asarray(z)\n"
        "    # YOUR CODE HERE\n"
        "    s = ...\n"
        "    return s\n"
        "\n"
        "# YOUR CODE HERE\n"
        "answer = ...\n"
        "other = ..."
    )
    compile(text, "<student cell>", "exec")


def test_function_body_stub_is_an_ellipsis_so_the_function_returns_none():
    tool = load_tool()
    text, _ = tool.strip_solution_code(
        "def g(x):\n    ### BEGIN SOLUTION\n    y = 2 * x\n    return y\n    ### END SOLUTION"
    )
    assert text == "def g(x):\n    # YOUR CODE HERE\n    ..."
    namespace = {}
    exec(compile(text, "<student cell>", "exec"), namespace)  # noqa: S102 - our own text
    assert namespace["g"](3) is None


def test_a_function_defined_inside_the_markers_keeps_its_signature():
    tool = load_tool()
    text, _ = tool.strip_solution_code(
        "### BEGIN SOLUTION\ndef h(W, X, *, l2=0.0):\n    return W\n### END SOLUTION\nh(1, 2)"
    )
    assert text == "# YOUR CODE HERE\ndef h(W, X, *, l2=0.0):\n    ...\nh(1, 2)"


@pytest.mark.parametrize(
    "source",
    ["### BEGIN SOLUTION\nx = 1\n", "x = 1\n### END SOLUTION", "### END SOLUTION\n"],
)
def test_unbalanced_markers_are_an_error(source):
    tool = load_tool()
    with pytest.raises(tool.EditionError, match="SOLUTION"):
        tool.strip_solution_code(source, "nb, cell 3")


def test_solution_directives_are_removed_from_markdown():
    tool = load_tool()
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("```{exercise} T\n:label: ex-a\n\nQ?\n```"),
        nbformat.v4.new_markdown_cell(
            "````{solution} ex-a\n:class: dropdown\n\n```python\nsecret = 1\n```\n````"
        ),
        nbformat.v4.new_markdown_cell("```{solution-start} ex-a\n```\nThe answer"),
        nbformat.v4.new_code_cell("secret_code = 2"),
        nbformat.v4.new_markdown_cell("```{solution-end}\n```\nAfter the solution."),
    ])  # fmt: skip
    student = tool.student_notebook(notebook)
    text = json.dumps([cell.source for cell in student.cells])
    assert "Q?" in text and "After the solution." in text
    assert "secret" not in text and "The answer" not in text and "{solution" not in text


# ----------------------------------------------------- the student site


@pytest.mark.site
def test_student_site_builds_without_warnings_and_hides_solutions(edition):
    outdir = edition[0]
    completed = subprocess.run(
        jupyter_book_command()
        + ["build", str(outdir), "--warningiserror", "--nitpick", "--keep-going", "--all"],
        cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    log = completed.stdout + completed.stderr
    assert completed.returncode == 0 and not build_warnings(log), "\n".join(
        build_warnings(log) or log.splitlines()[-40:]
    )
    html_dir = outdir / "_build" / "html"
    pages = sorted(html_dir.glob("notebooks/*.html"))
    assert pages, "the student site has no chapter pages"
    exercise_pages = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        exercise_pages += 'class="exercise' in html or "exercise admonition" in html
        classes = re.findall(r'class="([^"]*)"', html)
        assert not any(re.search(r"\bsolution\b", c) for c in classes), (
            f"{page.name}: the student site shows a solution block"
        )
        assert "BEGIN SOLUTION" not in html
        instructor = read(NOTEBOOK_DIR / page.with_suffix(".ipynb").name)
        leaked = [s for s in solution_snippets(instructor) if s in html]
        assert not leaked, f"{page.name}: solution text on the student site: {leaked[:5]}"
    assert exercise_pages >= 1, "no numbered exercises on the student site"


# ------------------------------------- the default site (tools/sphinx_ext/student_view)
#
# site_notebook derives the page the default site shows from an instructor notebook:
# the starter cell holds the student's stub, the starter and self-check cells the
# outputs recorded from the student edition, and the solution code sits only inside
# the exercise's {solution} directive.

RECORD = "python -m tools.student_edition --record-site-outputs"
SITE_KEY = "student_edition"
SOLUTION_BLOCK = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|:{3,})[ \t]*\{solution\}[ \t]+(?P<label>\S+)[^\n]*\n"
    r"(?P<body>.*?)^[ \t]*(?P=fence)[ \t]*$",
    re.M | re.S,
)


def joined(value):
    """Outputs with every list of strings joined, as nbformat.read gives them."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "".join(value)
    if isinstance(value, dict):
        return {key: joined(item) for key, item in value.items()}
    if isinstance(value, list):
        return [joined(item) for item in value]
    return value


def exercise_cells(notebook):
    """(grade_id, tag, cell) of every starter and self-check cell, in order."""
    return [
        (cell.get("metadata", {}).get("nbgrader", {}).get("grade_id"), tag, cell)
        for cell in notebook["cells"]
        for tag in (STARTER, SELF_CHECK)
        if tag in tags(cell)
    ]


def site(name):
    """(instructor notebook as JSON, the site's notebook) of a chapter."""
    instructor = json.loads((NOTEBOOK_DIR / name).read_text(encoding="utf-8"))
    return instructor, load_tool().site_notebook(instructor, name)


def instructor_solution(cell):
    """The starter cell's code without the marker lines (the test's own reading)."""
    text = "".join(cell["source"])
    text = re.sub(r"^[ \t]*### BEGIN HIDDEN TESTS[ \t]*\n.*?^[ \t]*### END HIDDEN TESTS"
                  r"[ \t]*(\n|\Z)", "", text, flags=re.M | re.S)  # fmt: skip
    lines = [line for line in text.split("\n") if not MARKER.match(line)]
    return "\n".join(lines).strip("\n")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_recorded_site_outputs_match_the_student_edition(executed_student_notebooks, name):
    executed, error, _ = executed_student_notebooks[name]
    assert error is None, f"{name}: the student copy did not run:\n{error}"
    instructor = json.loads((NOTEBOOK_DIR / name).read_text(encoding="utf-8"))
    recorded = [(grade_id, tag, joined(cell["metadata"].get(SITE_KEY, {}).get("outputs")))
                for grade_id, tag, cell in exercise_cells(instructor)]  # fmt: skip
    # as the tool records them: a line printed in two stream messages counts as one
    fresh = [(grade_id, tag, joined(outputs))
             for grade_id, tag, outputs in load_tool().site_outputs(executed)]  # fmt: skip
    stale = [f"{grade_id} ({tag})" for (grade_id, tag, old), (_, _, new)
             in zip(recorded, fresh) if old != new]  # fmt: skip
    assert len(recorded) == len(fresh) and not stale, (
        f"{name}: the student outputs that the site shows are out of date for "
        f"{stale or 'the exercise cells'}; run `{RECORD}` and commit the notebooks"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_site_notebook_shows_solution_code_only_inside_solution_directives(name):
    _, derived = site(name)
    # solution lines that the chapter does not show anyway (chapter 5 builds the
    # loop of its exercise in front of the reader)
    solution_lines = solution_snippets(read(NOTEBOOK_DIR / name))
    assert solution_lines, f"{name}: no solution code found in the instructor notebook"
    outside = "\n".join(
        SOLUTION_BLOCK.sub("", "".join(cell["source"])) for cell in derived["cells"]
    )
    leaked = sorted(line for line in solution_lines if line in outside)
    assert not MARKER.search(outside), f"{name}: solution markers on the site"
    assert not leaked, f"{name}: solution code outside the folded solutions: {leaked}"
    for grade_id, tag, cell in exercise_cells(derived):
        text = json.dumps(cell["outputs"])
        assert "Correct" not in text, f"{name}, {grade_id}: the site shows 'Correct'"
        if tag == STARTER:
            assert "# YOUR CODE HERE" in "".join(cell["source"])
        else:
            assert "Not answered yet" in text, f"{name}, {grade_id}: {text[:200]}"
    assert not any(SITE_KEY in cell["metadata"] for cell in derived["cells"])


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_site_solution_box_holds_the_instructor_solution_code_once(name):
    instructor, derived = site(name)
    boxes = {match["label"]: match["body"] for cell in derived["cells"]
             for match in SOLUTION_BLOCK.finditer("".join(cell["source"]))}  # fmt: skip
    for grade_id, tag, cell in exercise_cells(instructor):
        if tag != STARTER:
            continue
        label, code = grade_id.removesuffix("-code"), instructor_solution(cell)
        body = boxes.get(label, "")
        assert body.count(f"```python\n{code}\n```") == 1, (
            f"{name}: the {{solution}} of {label} does not show the starter's solution "
            f"code once:\n{body[:800]}"
        )
        assert "% solution code" not in body
        # and the instructor markdown no longer keeps a hand-written copy of it
        by_hand = "\n".join(
            "".join(c["source"]) for c in instructor["cells"] if c["cell_type"] == "markdown"
        )
        solved = [line for line in code.splitlines() if len(line.strip()) >= 12
                  and not line.strip().startswith(("#", "def "))]  # fmt: skip
        kept = [line for line in solved if line in by_hand]
        assert not kept, f"{name}: solution code written by hand in the markdown: {kept}"


def _exercise_notebook(solution_body, *, fence="```", recorded=True, code=None):
    """An instructor notebook with one coding exercise, label ex-a."""
    code = code or (
        "x = 1\n"
        "def f(z):\n"
        "    ### BEGIN SOLUTION\n"
        "    return 2 * z\n"
        "    ### END SOLUTION\n"
        "### BEGIN HIDDEN TESTS\n"
        "assert f(1) == 2\n"
        "### END HIDDEN TESTS"
    )
    starter = nbformat.v4.new_code_cell(code, metadata={
        "tags": [STARTER], "nbgrader": {"grade_id": "ex-a-code", "solution": True}})
    check = nbformat.v4.new_code_cell("check(f)", metadata={
        "tags": [SELF_CHECK, "hide-input"],
        "nbgrader": {"grade_id": "ex-a-check"}})  # fmt: skip
    starter.outputs = [nbformat.v4.new_output("stream", text="instructor\n")]
    check.outputs = [nbformat.v4.new_output("stream", text="Correct: f\n")]
    if recorded:
        starter.metadata[SITE_KEY] = {"outputs": []}
        check.metadata[SITE_KEY] = {"outputs": [
            {"name": "stdout", "output_type": "stream", "text": ["Not answered yet\n"]}]}
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("```{exercise} T\n:label: ex-a\n\nWrite f.\n```"),
        starter, check,
        nbformat.v4.new_markdown_cell(
            f"{fence}{{solution}} ex-a\n:class: dropdown\n\n{solution_body}\n{fence}"),
    ])  # fmt: skip
    return json.loads(nbformat.writes(notebook))


def test_site_puts_the_solution_code_at_the_marker_line():
    notebook = _exercise_notebook("Double it:\n\n% solution code\n\nThat is all.")
    derived = load_tool().site_notebook(notebook, "nb")
    assert "".join(derived["cells"][3]["source"]) == (
        "````{solution} ex-a\n:class: dropdown\n\nDouble it:\n\n"
        "```python\nx = 1\ndef f(z):\n    return 2 * z\n```\n\nThat is all.\n````"
    )
    starter, check = derived["cells"][1], derived["cells"][2]
    assert "".join(starter["source"]) == (
        "x = 1\ndef f(z):\n    # YOUR CODE HERE\n    ..."
    )
    assert starter["outputs"] == [] and check["outputs"][0]["text"] == ["Not answered yet\n"]
    # the self-check's code holds the expected answers: left out of the page
    assert check["metadata"]["tags"] == [SELF_CHECK, "remove-input"]
    assert notebook["cells"][2]["metadata"]["tags"] == [SELF_CHECK, "hide-input"]
    assert all(SITE_KEY not in cell["metadata"] for cell in derived["cells"])
    assert notebook["cells"][1]["outputs"][0]["text"] == ["instructor\n"], "input changed"


def test_site_puts_the_solution_code_first_when_there_is_no_marker():
    notebook = _exercise_notebook("Double it.", fence=":::")
    text = "".join(load_tool().site_notebook(notebook, "nb")["cells"][3]["source"])
    assert text == (
        ":::{solution} ex-a\n:class: dropdown\n\n"
        "```python\nx = 1\ndef f(z):\n    return 2 * z\n```\n\nDouble it.\n:::"
    )


def test_recorded_outputs_join_a_line_printed_in_two_stream_messages():
    tool = load_tool()
    split = [nbformat.v4.new_output("stream", text="Not answered yet."),
             nbformat.v4.new_output("stream", text="\n"),
             nbformat.v4.new_output("stream", name="stderr", text="warning\n"),
             nbformat.v4.new_output("stream", text="next\n")]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "check()", metadata={"tags": ["self-check"]}, outputs=split)])
    [(_, _, outputs)] = tool.site_outputs(notebook)
    assert [(o["name"], "".join(o["text"])) for o in outputs] == [
        ("stdout", "Not answered yet.\n"), ("stderr", "warning\n"), ("stdout", "next\n")]
    assert [o["text"] for o in split] == ["Not answered yet.", "\n", "warning\n", "next\n"]


def test_site_needs_recorded_outputs_and_names_the_command():
    tool = load_tool()
    with pytest.raises(tool.EditionError, match=re.escape(RECORD)):
        tool.site_notebook(_exercise_notebook("Double it.", recorded=False), "nb")


def test_site_refuses_a_starter_without_its_solution_and_a_stray_marker():
    tool = load_tool()
    notebook = _exercise_notebook("Double it.")
    notebook["cells"][3]["source"] = "No solution directive here."
    with pytest.raises(tool.EditionError, match="no {solution} ex-a"):
        tool.site_notebook(notebook, "nb")
    notebook = _exercise_notebook("% solution code")
    notebook["cells"].append(nbformat.v4.new_markdown_cell(
        "```{solution} ex-b\n:class: dropdown\n\n% solution code\n```"))
    with pytest.raises(tool.EditionError, match="no starter cell"):
        tool.site_notebook(json.loads(json.dumps(notebook)), "nb")


def test_solution_code_drops_the_markers_and_the_hidden_tests():
    tool = load_tool()
    code = tool.solution_code(
        "a = 1\n### BEGIN SOLUTION\nb = 2\n### END SOLUTION\n"
        "### BEGIN HIDDEN TESTS\nassert b == 2\n### END HIDDEN TESTS\n"
    )
    assert code == "a = 1\nb = 2"


def test_student_edition_drops_the_recorded_site_outputs(edition):
    for name in NOTEBOOKS:
        notebook = json.loads((edition[0] / "notebooks" / name).read_text(encoding="utf-8"))
        assert not any(SITE_KEY in cell["metadata"] for cell in notebook["cells"]), name
