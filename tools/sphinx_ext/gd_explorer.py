"""Loads the gradient-descent explorer's script and style on the pages that have one.

The static explorer (``logreg_sliders.GradientDescentExplorer.static_html``, a
``<div class="gd-explorer">`` in a notebook's text/html output) is drawn by
tools/static/gd-explorer.js with the style of tools/static/gd-explorer.css. Both are
copied to _static/ with the rest of tools/static (html_static_path), and added to a
page only when its body holds an explorer, so that other pages stay as light as they
were.

Registered in _config.yml (``sphinx.local_extensions`` puts this folder on sys.path).
"""

__all__ = ["setup"]

MARKER = 'class="gd-explorer"'
SCRIPT = "gd-explorer.js"
STYLE = "gd-explorer.css"


def _add_explorer_files(app, pagename, templatename, context, doctree):
    """On a page with an explorer, add the explorer's script and style (this page only)."""
    if MARKER in context.get("body", ""):
        app.add_js_file(SCRIPT, defer="defer")
        app.add_css_file(STYLE)


def setup(app):
    app.connect("html-page-context", _add_explorer_files)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
