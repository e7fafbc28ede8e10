"""Loads the explorers' scripts and styles on the pages that have one.

The static explorer (``logreg_sliders.GradientDescentExplorer.static_html``, a
``<div class="gd-explorer">`` in a notebook's text/html output) is drawn by
tools/static/gd-explorer.js with the style of tools/static/gd-explorer.css. Both are
copied to _static/ with the rest of tools/static (html_static_path), and added to a
page only when its body holds an explorer, so that other pages stay as light as they
were. The network explorer of chapter 16 (``<div class="nn-explorer">``, drawn by
tools/static/network-explorer.js) works the same way (``FILES``). Both explorers draw
with the pieces of tools/static/explorer-common.js (``COMMON``), which every page with
an explorer loads first: the scripts are deferred, so they run in the order added.

Registered in _config.yml (``sphinx.local_extensions`` puts this folder on sys.path).
"""

__all__ = ["setup"]

MARKER = 'class="gd-explorer"'
COMMON = "explorer-common.js"
SCRIPT = "gd-explorer.js"
STYLE = "gd-explorer.css"
# marker in a page's body -> (scripts, styles) that draw it, in the order to load them
# (the shared script first); the network explorer of chapter 16
# (logreg_sliders.NetworkExplorer) reuses the controls' style
FILES = {
    MARKER: ((COMMON, SCRIPT), (STYLE,)),
    'class="nn-explorer"': ((COMMON, "network-explorer.js"), (STYLE, "network-explorer.css")),
}


def _add_explorer_files(app, pagename, templatename, context, doctree):
    """On a page with an explorer, add its scripts and styles (this page only)."""
    body = context.get("body", "")
    scripts, styles = {}, set()  # a dict keeps the scripts' order, each once
    for marker, (marker_scripts, marker_styles) in FILES.items():
        if marker in body:
            scripts.update(dict.fromkeys(marker_scripts))
            styles.update(marker_styles)
    for script in scripts:
        app.add_js_file(script, defer="defer")
    for style in sorted(styles):
        app.add_css_file(style)


def setup(app):
    app.connect("html-page-context", _add_explorer_files)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
