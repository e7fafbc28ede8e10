"""Grading with nbgrader works as book/teaching.md says, on every chapter.

One nbgrader course in a temporary directory, with the nbgrader_config.py printed
in book/teaching.md and one assignment per chapter with a coding exercise:

1. ``nbgrader generate_assignment``: the release holds no solution code, no worked
   solution and no output, and its self-check cell is read-only;
2. two submissions per chapter: ``solved`` (the instructor notebook) and
   ``unsolved`` (the release as handed out);
3. ``nbgrader autograde`` and ``nbgrader generate_feedback``: the solved notebook
   gets full marks, the unsolved one zero, and the unsolved one's feedback shows
   the self-check's words.

All chapters go through three nbgrader commands (``"*"`` matches every
assignment), so the round trip costs about two runs of every notebook.

nbgrader is installed with ``pip install -r requirements-graders.txt`` (CI:
``bash tools/setup.sh --graders``). Without it the tests fail in CI and are
skipped elsewhere.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support import ROOT, load_notebook, source, tags, toc_notebooks
from tools.student_edition import (
    BEGIN_SOLUTION,
    END_SOLUTION,
    SOLUTION_FENCE,
    strip_solution_code,
)

TEACHING = ROOT / "book" / "teaching.md"
NBGRADER = Path(sys.executable).with_name("nbgrader")
BOOK_PLACEHOLDER = "/path/to/the/book"
STUDENTS = ("solved", "unsolved")
# Timeouts of the nbgrader commands, in seconds: autograde runs every notebook twice.
TIMEOUTS = {"generate_assignment": 300, "autograde": 1200, "generate_feedback": 300}
NOT_ANSWERED = "Not answered yet"


def graded_chapters():
    """The chapters with a coding exercise (a starter cell), in reading order."""
    def has_starter(name):
        cells = load_notebook(f"notebooks/{name}")["cells"]
        return any("exercise-starter" in tags(cell) for cell in cells)

    return [name for name in toc_notebooks() if has_starter(name)]


CHAPTERS = graded_chapters()


def config_from_teaching_page():
    """The nbgrader_config.py printed in book/teaching.md, pointing at this book."""
    text = TEACHING.read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(# nbgrader_config\.py.*?)^```", text, re.M | re.S)
    assert len(blocks) == 1, "book/teaching.md must show nbgrader_config.py in one block"
    assert BOOK_PLACEHOLDER in blocks[0], f"the config block no longer says {BOOK_PLACEHOLDER!r}"
    return blocks[0].replace(BOOK_PLACEHOLDER, str(ROOT))


# ------------------------------------------------------------------ the course


@dataclass
class Course:
    root: Path
    seconds: dict = field(default_factory=dict)
    logs: dict = field(default_factory=dict)
    scores: dict = field(default_factory=dict)  # student -> chapter -> (score, max)

    def release(self, chapter):
        return self.root / "release" / chapter / f"{chapter}.ipynb"

    def autograded(self, student, chapter):
        return self.root / "autograded" / student / chapter / f"{chapter}.ipynb"

    def feedback(self, student, chapter):
        return self.root / "feedback" / student / chapter / f"{chapter}.html"

    def log_tail(self, lines=40):
        text = "\n".join(f"--- nbgrader {step}\n{log}" for step, log in self.logs.items())
        return "\n".join(text.splitlines()[-lines:])


SCORES = """
import json
from nbgrader.api import Gradebook

with Gradebook("sqlite:///gradebook.db") as gradebook:
    scores = {}
    for assignment in gradebook.assignments:
        for submission in gradebook.assignment_submissions(assignment.name):
            for notebook in submission.notebooks:
                scores.setdefault(submission.student.id, {})[notebook.name] = [
                    notebook.score, notebook.max_score]
print(json.dumps(scores))
"""


def _nbgrader_env():
    env = dict(os.environ)
    # as an activated environment: nbgrader starts `alembic` from the PATH
    env["PATH"] = os.pathsep.join([str(NBGRADER.parent), env.get("PATH", "")])
    # the notebooks import logreg_core and logreg_sliders from this checkout
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("NBGRADER_EXECUTION", None)
    return env


def _nbgrader(course, step, *args):
    command = [str(NBGRADER), step, *args]
    start = time.perf_counter()
    try:
        completed = subprocess.run(
            command, cwd=course.root, env=_nbgrader_env(), capture_output=True,
            text=True, timeout=TIMEOUTS[step], check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"`nbgrader {step}` did not finish in {error.timeout} s")
    course.seconds[step] = time.perf_counter() - start
    course.logs[step] = completed.stdout + completed.stderr
    return completed.returncode


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The whole round trip, once, for every chapter."""
    if not NBGRADER.is_file():
        message = (
            f"nbgrader is not installed next to {sys.executable}; install it with "
            "`.venv/bin/python -m pip install -r requirements-graders.txt` "
            "(or `bash tools/setup.sh --graders`)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    course = Course(tmp_path_factory.mktemp("course"))
    (course.root / "nbgrader_config.py").write_text(config_from_teaching_page(), encoding="utf-8")
    for chapter in CHAPTERS:
        (course.root / "source" / chapter).mkdir(parents=True)
        shutil.copy2(ROOT / "notebooks" / f"{chapter}.ipynb", course.root / "source" / chapter)
    # A chapter that fails here is missing from the release; the tests below say which.
    _nbgrader(course, "generate_assignment", "*")
    for chapter in CHAPTERS:
        if course.release(chapter).is_file():
            for student, origin in (("solved", "source"), ("unsolved", "release")):
                shutil.copytree(
                    course.root / origin / chapter, course.root / "submitted" / student / chapter
                )
    if (course.root / "submitted").is_dir():
        _nbgrader(course, "autograde", "*")
        _nbgrader(course, "generate_feedback", "*")
        completed = subprocess.run(
            [sys.executable, "-c", SCORES], cwd=course.root, env=_nbgrader_env(),
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert completed.returncode == 0, completed.stderr
        course.scores = json.loads(completed.stdout)
    return course


# ------------------------------------------------------------ helper checks


def _split_instructor_notebook(chapter):
    """(solution code lines, worked-solution lines, every other line), stripped.

    Solution code is what lies between the markers; worked solutions are the
    {solution} blocks (without fences, options and short lines). The rest is what
    students may see anyway: the chapter builds some code in front of the reader
    that the solution repeats, and a starter keeps the solution's `def` line.
    """
    code, worked, public = [], [], []
    for cell in load_notebook(f"notebooks/{chapter}")["cells"]:
        text = source(cell)
        for block in SOLUTION_FENCE.finditer(text):
            worked += [
                line.strip()
                for line in block[0].splitlines()[1:-1]
                if len(line.strip()) > 20 and not line.strip().startswith(":")
            ]
        inside = False
        for line in SOLUTION_FENCE.sub("", text).splitlines():
            if BEGIN_SOLUTION.match(line):
                inside = True
            elif END_SOLUTION.match(line):
                inside = False
            elif line.strip():
                (code if inside else public).append(line.strip())
    return code, worked, set(public)


def _leaked(lines, text, public):
    """The lines found in text, except those that students see in the chapter anyway."""
    text_lines = {line.strip() for line in text.splitlines()}
    secret = [line for line in lines if not any(line in seen for seen in public)]
    return [line for line in secret
            if line in text_lines or (len(line) > 25 and line in text)]  # fmt: skip


def _release(course, chapter):
    path = course.release(chapter)
    assert path.is_file(), (
        f"`nbgrader generate_assignment` wrote no release of {chapter}:\n{course.log_tail()}"
    )
    return json.loads(path.read_text(encoding="utf-8"))


def _grade_cell_outputs(course, student, chapter):
    """The text of the autograded notebook's grade cells, for failure messages."""
    path = course.autograded(student, chapter)
    if not path.is_file():
        return f"(no autograded notebook {path.name})"
    texts = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade"):
            for output in cell.get("outputs", []):
                texts.append("".join(output.get("text", "")) or output.get("evalue", ""))
    return "\n".join(texts)


def _score(course, student, chapter):
    if student not in course.scores or chapter not in course.scores[student]:
        pytest.fail(f"no grade for {student}/{chapter}:\n{course.log_tail()}")
    return tuple(course.scores[student][chapter])


# --------------------------------------------------------------------- tests


def test_every_chapter_has_a_coding_exercise_to_grade():
    assert CHAPTERS == toc_notebooks(), (
        f"chapters without a coding exercise: {sorted(set(toc_notebooks()) - set(CHAPTERS))}"
    )


def test_the_teachers_install_line_is_requirements_graders():
    text = TEACHING.read_text(encoding="utf-8")
    assert ".venv/bin/python -m pip install -r requirements-graders.txt" in text
    assert re.search(r"^nbgrader==\d", (ROOT / "requirements-graders.txt").read_text(), re.M)


def test_the_student_edition_code_keeps_hidden_tests_for_nbgrader():
    cell = (
        "assert f(1) == 2\n### BEGIN HIDDEN TESTS\nassert f(2) == 4\n### END HIDDEN TESTS"
    )
    kept, changed = strip_solution_code(cell, keep_hidden_tests=True)
    assert (kept, changed) == (cell, False)
    dropped, _ = strip_solution_code(cell)
    assert "f(2)" not in dropped


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_release_holds_no_solution_code(course, chapter):
    release = _release(course, chapter)
    code = "\n".join(source(cell) for cell in release["cells"] if cell["cell_type"] == "code")
    assert "BEGIN SOLUTION" not in code and "END SOLUTION" not in code
    solution, _, public = _split_instructor_notebook(chapter)
    leaked = _leaked(solution, code, public)
    assert not leaked, f"{chapter}: solution code in the release: {leaked}"
    assert "# YOUR CODE HERE" in code
    assert "NotImplementedError" not in code, "nbgrader's stub instead of the student edition's"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_release_holds_no_worked_solution(course, chapter):
    release = _release(course, chapter)
    text = "\n".join(source(cell) for cell in release["cells"])
    assert "{solution" not in text, f"{chapter}: a {{solution}} block is left in the release"
    _, worked, public = _split_instructor_notebook(chapter)
    assert worked, f"{chapter}: no worked solution found in the instructor notebook"
    leaked = _leaked(worked, text, public)
    assert not leaked, f"{chapter}: worked-solution text in the release: {leaked[:3]}"
    assert "{exercise}" in text, f"{chapter}: the exercises went too"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_release_has_no_outputs_and_a_read_only_self_check(course, chapter):
    release = _release(course, chapter)
    assert not [cell for cell in release["cells"] if cell.get("outputs")]
    checks = [cell for cell in release["cells"] if "self-check" in tags(cell)]
    assert checks, f"{chapter}: the self-check cell is missing from the release"
    for cell in checks:
        metadata = cell["metadata"]
        assert metadata["nbgrader"]["grade"] and metadata["nbgrader"]["points"] > 0
        assert metadata.get("editable") is False and metadata.get("deletable") is False


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_solved_notebook_gets_full_marks(course, chapter):
    score, maximum = _score(course, "solved", chapter)
    assert maximum > 0 and score == maximum, (
        f"{chapter}: the instructor notebook got {score} of {maximum}:\n"
        + _grade_cell_outputs(course, "solved", chapter)
    )


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_unsolved_notebook_gets_zero(course, chapter):
    score, maximum = _score(course, "unsolved", chapter)
    assert maximum > 0 and score == 0, (
        f"{chapter}: the unsolved release got {score} of {maximum}:\n"
        + _grade_cell_outputs(course, "unsolved", chapter)
    )


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_feedback_shows_the_self_check_words(course, chapter):
    path = course.feedback("unsolved", chapter)
    assert path.is_file(), f"no feedback for the unsolved {chapter}:\n{course.log_tail()}"
    html = path.read_text(encoding="utf-8")
    assert NOT_ANSWERED in html, (
        f"{chapter}: the feedback does not say {NOT_ANSWERED!r}; the self-check printed:\n"
        + _grade_cell_outputs(course, "unsolved", chapter)
    )
    assert "AssertionError" in html
