"""Accessibility fixes for HTML that the book's theme and Sphinx extensions write.

The browser tests audit every page of the built site with axe-core against WCAG 2.0
and 2.1, levels A and AA (tests/test_site.py), and allow no violation. Where a
violation came from markup that is not the book's own, it is fixed here, at the point
where that markup is written, and only there:

1. Bibliography entries. sphinxcontrib-bibtex renders them as docutils citations, and
   docutils' HTML writer gives each one ``role="doc-biblioentry"`` inside a
   ``<div role="list">``. DPUB-ARIA 1.1 deprecated that role (axe: aria-deprecated-role)
   and, since a deprecated role is no list item, the list then has no items
   (aria-required-children). Each entry gets ``role="listitem"`` instead.
2. Hidden code cells. MyST-NB writes ``<summary aria-label="Toggle hidden content">``
   whose visible text is "Show code cell source": a name that does not contain the
   visible label fails WCAG 2.5.3 Label in Name (label-content-name-mismatch), and
   speech users say what they see. The ``aria-label`` is dropped, so the visible text
   names the control.
3. The theme's search button and colour-mode button have the same fault. Their
   templates (pydata-sphinx-theme's components/search-button-field.html and
   components/theme-switcher.html, which the theme finds by file name) are overridden
   by the files of the same name in ``templates/``; each says what it changes. They are
   copies of pydata-sphinx-theme PYDATA_THEME_VERSION: with another version installed
   the build warns, so that the copies are compared with the new originals instead of
   silently replacing them.
4. ``index.html``. sphinx-external-toc writes a one-line redirect to the root page,
   with no ``<html lang>`` and no ``<title>`` (html-has-lang, document-title). A
   complete page with the same redirect and a link is written first; sphinx-external-toc
   leaves an existing index.html alone.

The colour contrast of links inside exercises is a CSS matter: tools/static/book.css.

Registered in _config.yml (``sphinx.local_extensions`` puts this folder on sys.path).
"""

import html
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

__all__ = ["setup"]

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "templates"
PYDATA_THEME_VERSION = "0.17.1"  # the version that templates/ was copied from

# (node class name, what its HTML visitor writes, what it should write)
VISITOR_FIXES = [
    ("citation", 'role="doc-biblioentry"', 'role="listitem"'),
    ("HideCodeCellNode", '<summary aria-label="Toggle hidden content">', "<summary>"),
]


def _rewriting(visit, old, new):
    """A visitor that writes what `visit` writes, with `old` replaced by `new`."""

    def rewritten(self, node):
        start = len(self.body)
        visit(self, node)
        self.body[start:] = [part.replace(old, new) for part in self.body[start:]]

    return rewritten


def _class_visitor(name):
    """The translator class's own visit_<name>: docutils' HTML writer, for a docutils node."""

    def visit(self, node):
        getattr(type(self), f"visit_{name}")(self, node)

    return visit


def _fix_visitors(app):
    """Wrap the HTML visitors of VISITOR_FIXES (after every extension has registered its own)."""
    handlers = app.registry.translation_handlers.setdefault("html", {})
    for name, old, new in VISITOR_FIXES:
        if name in handlers:  # a node that an extension registered (MyST-NB's hidden cell)
            visit, depart = handlers[name]
        elif hasattr(nodes.GenericNodeVisitor, f"visit_{name}"):  # a docutils node
            visit, depart = _class_visitor(name), None
        else:
            continue  # its extension is not installed: nothing to fix
        handlers[name] = (_rewriting(visit, old, new), depart)


def _use_template_overrides(app, config):
    """Put templates/ first on the template path and check the theme's version."""
    config.templates_path.insert(0, str(TEMPLATES))
    try:
        import pydata_sphinx_theme
    except ImportError:
        return
    if pydata_sphinx_theme.__version__ != PYDATA_THEME_VERSION:
        logger.warning(
            "%s holds copies of pydata-sphinx-theme %s's components/search-button-field.html "
            "and components/theme-switcher.html, but %s is installed: compare them with the "
            "new originals, carry the accessibility changes over, and update "
            "PYDATA_THEME_VERSION in %s",
            TEMPLATES, PYDATA_THEME_VERSION,
            pydata_sphinx_theme.__version__, Path(__file__).name,
        )  # fmt: skip


REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="Refresh" content="0; url={url}">
</head>
<body>
<p><a href="{url}">{title}</a></p>
</body>
</html>
"""


def _write_index_redirect(app, exception):
    """index.html as a complete page that redirects to the root page (when none is built)."""
    if exception is not None or app.builder.format != "html":
        return
    if app.config.root_doc == "index" or "index" in app.env.all_docs:
        return  # the book has its own index page
    url = app.builder.get_target_uri(app.config.root_doc)
    title = html.escape(app.config.html_title or app.config.project)
    page = REDIRECT_PAGE.format(lang=app.config.language or "en", title=title,
                                url=html.escape(url, quote=True))  # fmt: skip
    Path(app.outdir, "index.html").write_text(page, encoding="utf-8")


def setup(app):
    app.connect("config-inited", _use_template_overrides)
    app.connect("builder-inited", _fix_visitors)
    # before sphinx-external-toc's own handler (default priority 500), which then finds
    # index.html written and leaves it alone
    app.connect("build-finished", _write_index_redirect, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
