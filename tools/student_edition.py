"""Write the student edition of the book: exercises without their solutions.

Usage, from the repository root::

    .venv/bin/python -m tools.student_edition OUTDIR [--force]
    .venv/bin/jupyter-book build OUTDIR --warningiserror --nitpick --keep-going

The first command writes a buildable copy of the book into OUTDIR, the second builds
the student site into OUTDIR/_build/html. In every notebook of notebooks/:

* code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes
  ``# YOUR CODE HERE`` and ``...`` at the same indentation; names the solution
  defines for later code become ``name = ...``, so the notebook still runs to the
  end and the self-check cells report "Not answered yet" instead of crashing;
  ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS`` blocks are dropped;
* ``{solution}`` blocks (and everything between ``{solution-start}`` and
  ``{solution-end}``) are removed from the markdown;
* the outputs of the cells that held solution code and of the self-check cells
  (tag ``self-check``) are cleared; the self-check cells themselves are kept.

The copy's _config.yml sets sphinx-exercise's ``hide_solutions: true`` as a second
line of defence, and its table of contents leaves out the teachers' page. The tool
only reads the instructor files: it never writes into this repository's notebooks/,
and it refuses a non-empty OUTDIR unless --force is given (so no student work is
overwritten by accident).

The default site shows each coding exercise as a student meets it, with the worked
solution only in the folded {solution} box: ``site_notebook`` derives that page from
an instructor notebook (tools/sphinx_ext/student_view.py calls it while the book is
built). The outputs a student sees before answering come from running the student
edition; they are stored in the instructor notebooks' cell metadata by::

    .venv/bin/python -m tools.student_edition --record-site-outputs

which is the one exception to "only reads": it writes that one metadata key
(``student_edition``) of the starter and self-check cells, and nothing else.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import re
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
TEACHER_PAGES = {"book/teaching"}  # left out of the student site
# Files of the book that the student copy needs next to the notebooks.
BOOK_FILES = ("references.bib", "logreg_core.py", "logreg_sliders.py", "pyproject.toml",
              "requirements.txt")

BEGIN_SOLUTION = re.compile(r"^(?P<indent>[ \t]*)#+[ \t]*BEGIN SOLUTION[ \t]*$")
END_SOLUTION = re.compile(r"^[ \t]*#+[ \t]*END SOLUTION[ \t]*$")
BEGIN_HIDDEN = re.compile(r"^[ \t]*#+[ \t]*BEGIN HIDDEN TESTS[ \t]*$")
END_HIDDEN = re.compile(r"^[ \t]*#+[ \t]*END HIDDEN TESTS[ \t]*$")
# A fenced {solution} directive, with backticks or colons (colon_fence), closed by
# the same fence; an inner code fence must use fewer backticks, as MyST requires.
SOLUTION_FENCE = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|:{3,})[ \t]*\{solution\}.*?^[ \t]*(?P=fence)[ \t]*$\n?",
    re.MULTILINE | re.DOTALL,
)
SOLUTION_START = re.compile(r"^[ \t]*(`{3,}|:{3,})[ \t]*\{solution-start\}", re.MULTILINE)
SOLUTION_END = re.compile(r"^[ \t]*(`{3,}|:{3,})[ \t]*\{solution-end\}", re.MULTILINE)
STUDENT_PROMPT = "# YOUR CODE HERE"
MARKDOWN_PROMPT = "YOUR ANSWER HERE"
SELF_CHECK_TAG = "self-check"
STARTER_TAG = "exercise-starter"
# The default site (site_notebook): where a worked solution shows the solution code,
# a MyST comment line (invisible in JupyterLab and on the site) inside {solution}.
SOLUTION_CODE_MARKER = "% solution code"
SOLUTION_CODE_LINE = re.compile(r"^[ \t]*% solution code[ \t]*$", re.MULTILINE)
SITE_KEY = "student_edition"  # cell metadata: {"outputs": [what a student sees]}
RECORD_COMMAND = "python -m tools.student_edition --record-site-outputs"
CELL_TIMEOUT_SECONDS = 600


class EditionError(Exception):
    """A notebook the tool cannot turn into a student copy (e.g. unbalanced markers)."""


# --------------------------------------------------------------- code cells


def _bound_names(code):
    """Names that a block of code assigns or defines at its own level, in order.

    Returns ``(name, signature)`` pairs; ``signature`` is the argument list of a
    function defined in the block, else None.
    """
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return []
    names = {}

    def targets(node):
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, (ast.Tuple, ast.List)):
            for element in node.elts:
                yield from targets(element)
        elif isinstance(node, ast.Starred):
            yield from targets(node.value)

    def visit(statements):
        for node in statements:
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    names.update((name, None) for name in targets(target) if name not in names)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor)):
                names.update((name, None) for name in targets(node.target) if name not in names)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names[node.name] = ast.unparse(node.args)
                continue  # its body is the function's own business
            elif isinstance(node, ast.ClassDef):
                names.setdefault(node.name, None)
                continue
            for field in ("body", "orelse", "finalbody"):
                visit(getattr(node, field, []) or [])
            for handler in getattr(node, "handlers", []) or []:
                visit(handler.body)

    visit(tree.body)
    return list(names.items())


def _stub(indent, solution_lines, rest_of_cell):
    """The student's lines replacing one solution block."""
    names = _bound_names("\n".join(solution_lines))
    if indent:
        # Inside a function: only names that the code after the block still uses.
        names = [(n, sig) for n, sig in names if re.search(rf"\b{re.escape(n)}\b", rest_of_cell)]
    lines = [indent + STUDENT_PROMPT]
    for name, signature in names:
        if signature is None:
            lines.append(f"{indent}{name} = ...")
        else:  # a whole function: keep its signature, so that calling it returns None
            lines += [f"{indent}def {name}({signature}):", f"{indent}    ..."]
    return lines if names else lines + [indent + "..."]


def strip_solution_code(text, where="cell", *, keep_hidden_tests=False):
    """Replace every solution block of a code cell; drop hidden-test blocks.

    With ``keep_hidden_tests=True`` the hidden-test blocks stay (nbgrader removes
    them itself, after saving them for autograding). Returns ``(new_text, changed)``.
    """
    lines = text.split("\n")
    out, changed, index = [], False, 0
    while index < len(lines):
        line = lines[index]
        begin = BEGIN_SOLUTION.match(line)
        if begin or (BEGIN_HIDDEN.match(line) and not keep_hidden_tests):
            end_pattern = END_SOLUTION if begin else END_HIDDEN
            stop = next(
                (j for j in range(index + 1, len(lines)) if end_pattern.match(lines[j])), None
            )
            if stop is None:
                raise EditionError(f"{where}: '{line.strip()}' has no matching END line")
            if begin:
                rest = "\n".join(lines[stop + 1 :])
                out += _stub(begin["indent"], lines[index + 1 : stop], rest)
            changed, index = True, stop + 1
            continue
        if END_SOLUTION.match(line) or (END_HIDDEN.match(line) and not keep_hidden_tests):
            raise EditionError(f"{where}: '{line.strip()}' without a BEGIN line before it")
        out.append(line)
        index += 1
    return "\n".join(out), changed


# ----------------------------------------------------------- markdown cells


def strip_solution_markdown(text):
    """Remove {solution} blocks and nbgrader-style answer regions from markdown."""
    new = SOLUTION_FENCE.sub("", text)
    lines, out, skipping = new.split("\n"), [], False
    for line in lines:
        if BEGIN_SOLUTION.match(line):
            skipping = True
            out.append(MARKDOWN_PROMPT)
        elif END_SOLUTION.match(line):
            skipping = False
        elif not skipping:
            out.append(line)
    new = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", new).strip("\n"), new != text


def _source(cell):
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def _set_source(cell, text):
    cell["source"] = text.splitlines(keepends=True)  # nbformat's on-disk layout


def _tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def _clear_outputs(cell):
    cell["outputs"] = []
    cell["execution_count"] = None


def remove_solution_blocks(cells, name="notebook"):
    """The cells without their worked solutions (the student edition and nbgrader).

    Removes the ``{solution}`` blocks of the markdown cells and everything between
    ``{solution-start}`` and ``{solution-end}`` (whole cells included), and drops the
    markdown cells that held nothing else. Returns a new list; the cells whose text
    changed are changed in place.
    """
    kept, in_solution = [], False
    for cell in cells:
        text = original = _source(cell)
        if cell["cell_type"] == "markdown" and SOLUTION_START.search(text):
            start = SOLUTION_START.search(text).start()
            end = SOLUTION_END.search(text)
            if end:  # start and end in the same cell
                text = text[:start] + text[end.end() :].split("\n", 1)[-1]
            else:
                text, in_solution = text[:start], True
        elif in_solution:
            end = SOLUTION_END.search(text) if cell["cell_type"] == "markdown" else None
            if not end:
                continue  # a cell inside a solution-start/solution-end pair
            in_solution, text = False, text[end.end() :].split("\n", 1)[-1]
        if cell["cell_type"] == "markdown":
            text = SOLUTION_FENCE.sub("", text)
            if text != original:
                text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
                if not text.strip():
                    continue
                cell["source"] = text
        kept.append(cell)
    if in_solution:
        raise EditionError(f"{name}: a {{solution-start}} has no {{solution-end}}")
    return kept


def student_notebook(notebook, name="notebook"):
    """A student copy of an instructor notebook (a dict as read from the .ipynb JSON).

    The input is not modified.
    """
    student = copy.deepcopy(notebook)
    for cell in student["cells"]:
        cell.get("metadata", {}).pop(SITE_KEY, None)  # the site's outputs, recorded
    kept = {id(cell) for cell in remove_solution_blocks(student["cells"], name)}
    cells = []
    for number, cell in enumerate(student["cells"], start=1):
        if id(cell) not in kept:
            continue
        text = _source(cell)
        if cell["cell_type"] == "markdown":
            text, _ = strip_solution_markdown(text)
            if not text.strip():
                continue
        elif cell["cell_type"] == "code":
            text, changed = strip_solution_code(text, f"{name}, cell {number}")
            if changed or SELF_CHECK_TAG in _tags(cell):
                _clear_outputs(cell)
        _set_source(cell, text)
        cells.append(cell)
    student["cells"] = cells
    return student


# ----------------------------------------------------------- the default site


def solution_code(text):
    """The code of an instructor starter cell as its worked solution shows it.

    The ``### BEGIN/END SOLUTION`` lines are removed, the code between them kept;
    ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS`` blocks are dropped.
    """
    out, hidden = [], False
    for line in text.split("\n"):
        if BEGIN_HIDDEN.match(line):
            hidden = True
        elif END_HIDDEN.match(line):
            hidden = False
        elif not hidden and not (BEGIN_SOLUTION.match(line) or END_SOLUTION.match(line)):
            out.append(line)
    return "\n".join(out).strip("\n")


def _solution_block(label):
    """The fenced ``{solution} label`` directive (backticks or colons)."""
    return re.compile(
        r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|:{3,})(?P<head>[ \t]*\{solution\}[ \t]+"
        + re.escape(label)
        + r"[ \t]*\n)(?P<body>.*?)^(?P<close>[ \t]*)(?P=fence)[ \t]*$",
        re.MULTILINE | re.DOTALL,
    )


def insert_solution_code(markdown, label, code):
    """Put ``code`` as a python code block into the ``{solution}`` of ``label``.

    It goes where the author wrote the marker line ``% solution code``, or, with no
    marker, at the start of the solution (after its options). A backtick fence of the
    directive is lengthened to four, so that the inner code fence does not close it.
    Returns ``(new_markdown, found)``.
    """
    match = _solution_block(label).search(markdown)
    if not match:
        return markdown, False
    body = match["body"]
    block = f"```python\n{code}\n```"
    if SOLUTION_CODE_LINE.search(body):
        body = SOLUTION_CODE_LINE.sub(lambda _: block, body, count=1)
    else:
        lines = body.split("\n")
        options = 0
        while options < len(lines) and re.match(r"^[ \t]*:[\w-]+:", lines[options]):
            options += 1
        rest = "\n".join(lines[options:]).lstrip("\n")
        body = "\n".join([*lines[:options], "", block, "", rest])
    fence = match["fence"]
    if fence.startswith("`") and len(fence) < 4:
        fence = "````"
    new = (f"{match['indent']}{fence}{match['head']}{body}"
           f"{match['close']}{fence}")  # fmt: skip
    return markdown[: match.start()] + new + markdown[match.end() :], True


def exercise_label(cell, where="cell"):
    """The exercise label of a starter cell: its nbgrader grade_id without ``-code``."""
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
    if not grade_id.endswith("-code"):
        raise EditionError(
            f"{where}: a starter cell needs the nbgrader grade_id '<exercise-label>-code'"
            f" (found {grade_id!r})"
        )
    return grade_id[: -len("-code")]


def site_notebook(notebook, name="notebook"):
    """The notebook as the default site shows it (a dict as read from the .ipynb JSON).

    Every coding exercise appears the way a student meets it:

    * the starter cell (tag ``exercise-starter``) holds the student's stub
      (``# YOUR CODE HERE``, as in the student edition) and the outputs it gives;
    * the self-check cell holds the outputs a student sees before answering, and its
      code is left out of the page (tag ``remove-input`` instead of ``hide-input``):
      it holds the expected answers, and a page cannot run it anyway;
    * the solution code (``solution_code``) appears only inside the exercise's
      ``{solution}`` directive, at its ``% solution code`` line or at its start.

    The outputs are the ones recorded in the cells' metadata by `RECORD_COMMAND`; an
    exercise without them is an EditionError. The input is not modified.
    """
    site = copy.deepcopy(notebook)
    cells = site["cells"]
    solutions = {}
    for number, cell in enumerate(cells, start=1):
        where = f"{name}, cell {number}"
        if cell["cell_type"] != "code":
            continue
        text = _source(cell)
        stub, changed = strip_solution_code(text, where)
        starter, check = STARTER_TAG in _tags(cell), SELF_CHECK_TAG in _tags(cell)
        if changed and not starter:
            raise EditionError(f"{where}: solution markers in a cell not tagged {STARTER_TAG}")
        if starter:
            solutions[exercise_label(cell, where)] = solution_code(text)
            _set_source(cell, stub)
        if starter or check:
            recorded = cell.get("metadata", {}).get(SITE_KEY, {}).get("outputs")
            if recorded is None:
                raise EditionError(
                    f"{where}: no student outputs recorded for the site; run `{RECORD_COMMAND}`"
                )
            cell["outputs"] = copy.deepcopy(recorded)
        if check:  # its code holds the expected answers: not on the page
            tags = [tag for tag in _tags(cell) if tag != "hide-input"] + ["remove-input"]
            cell.setdefault("metadata", {})["tags"] = tags
    for label, code in solutions.items():
        for cell in cells:
            if cell["cell_type"] == "markdown":
                text, found = insert_solution_code(_source(cell), label, code)
                if found:
                    _set_source(cell, text)
                    break
        else:
            raise EditionError(f"{name}: exercise {label} has a starter cell but no "
                               f"{{solution}} {label} directive")  # fmt: skip
    for number, cell in enumerate(cells, start=1):
        cell.get("metadata", {}).pop(SITE_KEY, None)
        if cell["cell_type"] == "markdown" and SOLUTION_CODE_LINE.search(_source(cell)):
            raise EditionError(
                f"{name}, cell {number}: a '{SOLUTION_CODE_MARKER}' line in a solution "
                "whose exercise has no starter cell"
            )
    return site


# ----------------------------------------- recording the site's student outputs


def _execute(path, env):
    """Run a notebook in a fresh kernel (nbconvert, in a subprocess); return its dict."""
    output_dir = path.parent.parent / "executed"
    completed = subprocess.run(
        [sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute", str(path),
         "--output-dir", str(output_dir),
         f"--ExecutePreprocessor.timeout={CELL_TIMEOUT_SECONDS}"],
        cwd=path.parent, capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    executed = output_dir / path.name
    if completed.returncode != 0 or not executed.is_file():
        raise EditionError(f"{path.name}: the student copy did not run to the end:\n"
                           f"{completed.stderr[-3000:]}")  # fmt: skip
    return _read_notebook(executed)


def execute_student_edition(outdir, workers=2):
    """Write the student edition into ``outdir`` and run every notebook of it.

    Returns ``{file name: executed notebook}``. The kernels import this repository's
    logreg_core (its root goes first on PYTHONPATH).
    """
    paths = write_student_edition(outdir)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    with ThreadPoolExecutor(max_workers=workers) as pool:  # threads wait for processes
        return dict(zip((p.name for p in paths), pool.map(lambda p: _execute(p, env), paths)))


def _coalesced(outputs):
    """``outputs`` with each run of stream outputs to the same stream made one.

    A kernel may send one printed line in two messages ("text", then "\\n"), or in
    one, from run to run; joined, the record is the same every time.
    """
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream"
                and previous.get("name") == output.get("name")):
            text = "".join(previous["text"]) + "".join(output["text"])
            previous["text"] = text.splitlines(keepends=True)
        else:
            merged.append(copy.deepcopy(output))
    return merged


def site_outputs(student):
    """``[(label, tag, outputs)]`` of the starter and self-check cells, in order
    (consecutive stream outputs coalesced)."""
    found = []
    for cell in student["cells"]:
        for tag in (STARTER_TAG, SELF_CHECK_TAG):
            if tag in _tags(cell):
                grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                found.append((grade_id, tag, _coalesced(cell.get("outputs", []))))
    return found


def with_site_outputs(instructor, executed_student, name="notebook"):
    """The instructor notebook with the student outputs in its cells' metadata.

    Only ``metadata["student_edition"]`` of the starter and self-check cells changes;
    the instructor's own sources and outputs stay as they are. The input is not
    modified.
    """
    recorded = site_outputs(executed_student)
    notebook = copy.deepcopy(instructor)
    cells = [(cell.get("metadata", {}).get("nbgrader", {}).get("grade_id"), tag, cell)
             for cell in notebook["cells"] for tag in (STARTER_TAG, SELF_CHECK_TAG)
             if tag in _tags(cell)]  # fmt: skip
    if [(grade_id, tag) for grade_id, tag, _ in cells] != [
        (grade_id, tag) for grade_id, tag, _ in recorded
    ]:
        raise EditionError(f"{name}: the student copy's exercise cells do not match")
    for (_, _, cell), (_, _, outputs) in zip(cells, recorded):
        cell.setdefault("metadata", {})[SITE_KEY] = {"outputs": outputs}
    return notebook


def record_site_outputs(names=None):
    """Run the student edition and store its exercise outputs in notebooks/.

    Returns the names of the notebooks whose file changed.
    """
    with tempfile.TemporaryDirectory() as tmp:
        executed = execute_student_edition(Path(tmp) / "edition")
    changed = []
    for filename, student in sorted(executed.items()):
        if names and filename not in names:
            continue
        path = NOTEBOOK_DIR / filename
        before = path.read_text(encoding="utf-8")
        _write_notebook(with_site_outputs(json.loads(before), student, filename), path)
        if path.read_text(encoding="utf-8") != before:
            changed.append(filename)
    return changed


def _read_notebook(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _write_notebook(notebook, path):
    text = json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


# ---------------------------------------------------------------- the book


def _student_toc(toc):
    """The table of contents without the teachers' pages (and without emptied parts)."""

    def keep(items):
        kept = []
        for item in items or []:
            if item.get("file") in TEACHER_PAGES:
                continue
            item = dict(item)
            for key in ("chapters", "sections"):
                if key in item:
                    item[key] = keep(item[key])
                    if not item[key]:
                        del item[key]
            kept.append(item)
        return kept

    toc = copy.deepcopy(toc)
    if "parts" in toc:
        parts = []
        for part in toc["parts"]:
            part = dict(part, chapters=keep(part.get("chapters")))
            if part["chapters"]:
                parts.append(part)
        toc["parts"] = parts
    if "chapters" in toc:
        toc["chapters"] = keep(toc["chapters"])
    return toc


def _student_config(config):
    config = copy.deepcopy(config)
    config["title"] = f"{config.get('title', 'Book')} (student edition)"
    sphinx = config.setdefault("sphinx", {})
    sphinx.setdefault("config", {})["hide_solutions"] = True
    # its notebooks hold no solutions: nothing for the default site's derivation to do
    extensions = sphinx["config"].get("extensions")
    if extensions and "student_view" in extensions:
        sphinx["config"]["extensions"] = [e for e in extensions if e != "student_view"]
    return config


def _write_yaml(path, data, header):
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(header + text, encoding="utf-8")


README = """\
# {title}: student edition

The exercises of this copy have no solutions: fill in the cells marked
`# YOUR CODE HERE` and run the self-check cell below each one; it tells you in
words whether your answer is right.

Set up (Python >= 3.11), then open the notebooks:

    python3 -m venv .venv
    .venv/bin/python -m pip install -r requirements.txt
    .venv/bin/jupyter lab notebooks/

Build the student site (solutions hidden) into `_build/html`:

    .venv/bin/jupyter-book build . --warningiserror --nitpick --keep-going
"""


def write_student_edition(outdir, *, force=False):
    """Write the student edition into ``outdir``; return the notebooks written."""
    outdir = Path(outdir).resolve()
    notebook_dir = ROOT / "notebooks"
    if outdir == ROOT or outdir in ROOT.parents or outdir.is_relative_to(notebook_dir):
        raise EditionError(
            f"{outdir} would overwrite the instructor book; choose a directory outside "
            f"{ROOT} and its notebooks/ (for example _build/student or /tmp/student)"
        )
    if outdir.exists() and not outdir.is_dir():
        raise EditionError(f"{outdir} exists and is not a directory")
    if outdir.is_dir() and any(outdir.iterdir()) and not force:
        raise FileExistsError(
            f"{outdir} is not empty; it may hold student work. Choose an empty or new "
            "directory, or pass --force to overwrite the files of the edition in it."
        )
    # Build every student notebook first, so a bad marker writes nothing at all.
    notebooks = {}
    for path in sorted(notebook_dir.glob("*.ipynb")):
        notebooks[path.name] = student_notebook(_read_notebook(path), name=path.name)

    (outdir / "notebooks").mkdir(parents=True, exist_ok=True)
    for filename, notebook in notebooks.items():
        _write_notebook(notebook, outdir / "notebooks" / filename)
    # anything else the notebooks use (data files, images), never checkpoints
    for path in sorted(notebook_dir.rglob("*")):
        relative = path.relative_to(notebook_dir)
        if path.suffix == ".ipynb" or ".ipynb_checkpoints" in relative.parts:
            continue
        if path.is_file() and "__pycache__" not in relative.parts:
            target = outdir / "notebooks" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)

    for filename in BOOK_FILES:
        if (ROOT / filename).is_file():
            shutil.copy2(ROOT / filename, outdir / filename)
    for page in sorted((ROOT / "book").glob("*.md")):
        if page.relative_to(ROOT).with_suffix("").as_posix() in TEACHER_PAGES:
            continue
        (outdir / "book").mkdir(exist_ok=True)
        shutil.copy2(page, outdir / "book" / page.name)

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config.get("sphinx", {})
    # the site's static files, and the folders of the book's own Sphinx extensions
    folders = [*sphinx.get("config", {}).get("html_static_path", []),
               *(sphinx.get("local_extensions") or {}).values()]  # fmt: skip
    for folder in folders:
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, outdir / folder, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    _write_yaml(
        outdir / "_config.yml",
        _student_config(config),
        "# Student edition, written by `python -m tools.student_edition`: do not edit.\n",
    )
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    _write_yaml(
        outdir / "_toc.yml",
        _student_toc(toc),
        "# Student edition, written by `python -m tools.student_edition`: do not edit.\n",
    )
    (outdir / "README.md").write_text(
        README.format(title=config.get("title", "The book")), encoding="utf-8"
    )
    return [outdir / "notebooks" / name for name in notebooks]


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m tools.student_edition",
        description="Write the student edition (exercises without solutions) into OUTDIR.",
    )
    parser.add_argument("outdir", type=Path, nargs="?", help="where to write it (new or empty)")
    parser.add_argument(
        "--force", action="store_true", help="write even if OUTDIR is not empty"
    )
    parser.add_argument(
        "--record-site-outputs", action="store_true",
        help="instead: run the student edition (in a temporary directory) and store the "
        "outputs of its starter and self-check cells in notebooks/ for the default site",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.record_site_outputs:
        if args.outdir:
            parser.error("--record-site-outputs takes no OUTDIR")
        try:
            changed = record_site_outputs()
        except EditionError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(f"recorded the student outputs; changed: {', '.join(changed) or 'nothing'}")
        return 0
    if args.outdir is None:
        parser.error("OUTDIR is required")
    try:
        written = write_student_edition(args.outdir, force=args.force)
    except (FileExistsError, EditionError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"wrote the student edition of {len(written)} notebooks to {args.outdir}")
    print(
        "build the student site with: jupyter-book build "
        f"{args.outdir} --warningiserror --nitpick --keep-going"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
