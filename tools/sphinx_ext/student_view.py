"""The default site shows each coding exercise the way a student meets it.

The notebooks in notebooks/ are the instructor edition, the single source: each
coding exercise's starter cell (tag ``exercise-starter``) holds its solution between
``### BEGIN SOLUTION`` and ``### END SOLUTION`` (for nbgrader and for the self-check
tests), and its self-check cell prints "Correct". Rendered as they are, every page
would give the answers away. This extension derives the page from the notebook while
the book is built, and writes nothing into notebooks/:

1. Sphinx's ``source-read`` event hands over the text of every source file before it
   is parsed; for a notebook that is the .ipynb JSON, which MyST-NB then parses. It is
   replaced by ``tools.student_edition.site_notebook`` of that notebook:

   * the starter cell holds the student edition's stub (``# YOUR CODE HERE``), and
     the starter and self-check cells hold the outputs a student sees before
     answering ("Not answered yet ..."), recorded in the cells' metadata by
     ``python -m tools.student_edition --record-site-outputs``;
   * the solution code (the instructor cell without its marker lines and hidden
     tests) goes into the exercise's folded ``{solution}`` box, at the author's
     ``% solution code`` line (a MyST comment) or at the start of the solution.

   A notebook that cannot be derived (no recorded outputs, no ``{solution}`` for a
   starter) is a build warning naming the cell and the fix, and is rendered as it is.
2. The theme's download button offers ``_sources/<page>.ipynb``, which Sphinx copies
   from notebooks/ (the instructor notebook, answers in the starter cells). At
   ``build-finished`` those copies are replaced by the derived notebook, so a reader
   downloads the notebook the page shows.

The student edition (``python -m tools.student_edition OUTDIR``) has no solutions to
fold and leaves this extension out of its _config.yml.

Registered in _config.yml (``sphinx.local_extensions`` puts this folder on sys.path).
"""

import json
import sys
from pathlib import Path

from sphinx.util import logging

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # tools/ is the book's own package, not installed
    sys.path.insert(0, str(ROOT))

from tools.student_edition import (  # noqa: E402 - after the path is set
    STARTER_TAG,
    EditionError,
    site_notebook,
)

__all__ = ["setup", "derive"]

logger = logging.getLogger(__name__)


def derive(text, name):
    """The site's notebook JSON for a notebook's JSON text (unchanged if no exercise)."""
    notebook = json.loads(text)
    if not any(STARTER_TAG in cell.get("metadata", {}).get("tags", [])
               for cell in notebook.get("cells", [])):  # fmt: skip
        return text
    site = site_notebook(notebook, name=name)
    return json.dumps(site, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _derive_page(app, docname, source):
    if not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    try:
        source[0] = derive(source[0], docname)
    except (EditionError, ValueError) as error:
        logger.warning(f"student_view: {error}", location=docname)


def _write_downloads(app, exception):
    """Replace the instructor notebooks in _sources/ by the derived ones."""
    if exception is not None or app.builder.format != "html":
        return
    suffix = app.config.html_sourcelink_suffix or ""
    for docname in sorted(app.env.found_docs):
        source = Path(app.env.doc2path(docname))
        target = Path(app.outdir) / "_sources" / f"{docname}{source.suffix}{suffix}"
        if source.suffix != ".ipynb" or not target.is_file():
            continue
        try:
            text = derive(source.read_text(encoding="utf-8"), docname)
        except (EditionError, ValueError):
            continue  # already a warning from _derive_page
        target.write_text(text, encoding="utf-8")


def setup(app):
    app.connect("source-read", _derive_page)
    app.connect("build-finished", _write_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
