"""The site a reader gets: navigation that opens on a phone, light pages, agreeing citations.

Each fix is small and says why; the browser tests in tests/test_site.py check them.

1. Navigation. With pydata-sphinx-theme 0.17.1 and sphinx-book-theme 1.3.0, every page
   has two ``.primary-toggle`` buttons (and two ``.secondary-toggle``): one in the
   theme's full-width header bar, whose only other content is a second search box, and
   one in the article header that the reader sees. Both themes' scripts bind
   ``document.querySelector(".primary-toggle")``: the first one, the hidden button, so
   tapping the visible ☰ or contents button opens nothing, at any width
   (pydata-sphinx-theme issue #2451). The header bar only holds what
   ``navbar_persistent`` names (the search box, a default that sphinx-book-theme 1.3.0
   fails to clear), so _config.yml sets it to ``[]``: the bar and its buttons are not
   written, the visible buttons are the first ones and work, and the one search box left
   is the sidebar's. With other theme versions the build warns (THEME_VERSIONS), so that
   this is checked again instead of silently kept.
2. Font Awesome. pydata-sphinx-theme loads ``fontawesome.js`` (1.5 MB: every icon, drawn
   as SVG by script) on every page, although its style sheet already draws the icons it
   uses with Font Awesome's web fonts. The script tag is removed from every page and the
   script (with its source map) from the site; the icons are drawn by the style sheet.
3. MathJax. sphinx-mathjax-offline copies all of MathJax 3 (24 MB) into the site and
   loads ``tex-chtml.js`` (1.2 MB, of which 0.4 MB is the right-click menu). Instead,
   pages load MathJax's ``startup.js`` with the components they need (MATHJAX_LOAD: the
   TeX input, the CommonHTML output and the hidden MathML that screen readers read), and
   only the files those load are copied (MATHJAX_FILES: those components, the TeX
   extensions that ``\\require`` and autoload may fetch, the output's fonts). The price is
   MathJax's right-click menu (zoom, "show math as"). The menu also put every formula in
   the tab order, which keyboard users need to scroll a display formula wider than a
   phone's screen: static/book-math-focus.js puts the display formulas there instead,
   and an inline formula while it is wider than its box (tools/static/book.css lets
   inline formulas scroll sideways; the theme clipped them).
   sphinx-mathjax-offline stays the source of the MathJax files, but is not loaded as an
   extension.
4. The repository. Its address is one setting, ``repository.url`` in _config.yml. Set,
   the repository button shows; empty, no repository, issues, edit or source button
   shows (repository_buttons). Jupyter Book refuses ``html.use_repository_button: true``
   without an address, so _config.yml keeps it false and the address alone decides.
5. Citations. The text cites author-year (``bibtex_reference_style: author_year``, "Cox,
   1958"); the references page then labels entries by the same author-year text, with
   the formatting style ``plain_author_year`` (pybtex's plain style, AuthorYearLabelStyle
   labels) that _config.yml names as ``bibtex_default_style``.
6. Phone navigation. The sidebar dialogs stayed open after a tap on a link to a section
   of the same page; static/book-site.js (every page) closes them, then follows the link.
7. Search from disk. From file:// the browser blocks the requests searchtools.js makes
   for each result's excerpt (one console error per result); static/book-site.js turns
   the excerpts off there (DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY) and says on the
   search page that serving the site, as the README says, gives them.
8. Solutions by keyboard. sphinx-togglebutton names every fold button "Toggle hidden
   content"; static/book-site.js names each after its solution and takes the title's
   link to the exercise out of the tab order (book.css makes a click on it open the
   solution).
9. Search excerpts. Sphinx's searchtools.js cuts them from the page's [role="main"],
   which here also holds the article header's buttons and the "Contents" list; served,
   an excerpt often began "Color mode: ...". static/book-site.js has them cut from the
   article itself (article.bd-article).

Registered in _config.yml (``sphinx.local_extensions`` puts this folder on sys.path).
"""

import re
import shutil
from pathlib import Path

from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from sphinx.util import logging

__all__ = ["AuthorYearLabelStyle", "repository_buttons", "setup"]

logger = logging.getLogger(__name__)

# the versions with the double-toggle fault that navbar_persistent: [] works around
THEME_VERSIONS = {"pydata_sphinx_theme": "0.17.1", "sphinx_book_theme": "1.3.0"}

REPOSITORY_BUTTONS = ("use_repository_button", "use_issues_button",
                      "use_edit_page_button", "use_source_button")  # fmt: skip

FONTAWESOME_SCRIPT = re.compile(r'[ \t]*<script\b[^>]*\bsrc="[^"]*/fontawesome\.js[^"]*"[^>]*>'
                                r"</script>\n?")  # fmt: skip
FONTAWESOME_FILES = ["scripts/fontawesome.js", "scripts/fontawesome.js.map",
                     "scripts/fontawesome.js.LICENSE.txt"]  # fmt: skip

STATIC = Path(__file__).resolve().parent / "static"  # book-math-focus.js, book-site.js
MATHJAX_PATH = "mathjax/startup.js"
MATHJAX_LOAD = ["core", "input/tex", "output/chtml", "a11y/assistive-mml"]
MATHJAX_FILES = ["startup.js", *(f"{name}.js" for name in MATHJAX_LOAD),
                 "input/tex/extensions", "output/chtml/fonts"]  # fmt: skip


# ------------------------------------------------------------------ 1. navigation


def _check_theme_versions(app, config):
    import importlib

    for module, expected in THEME_VERSIONS.items():
        try:
            installed = importlib.import_module(module).__version__
        except ImportError:
            continue
        if installed != expected:
            logger.warning(
                "%s works around the double sidebar toggles of %s %s (navbar_persistent: "
                "[] in _config.yml), but %s is installed: check that the sidebar toggles "
                "still open the sidebars at 390 px and 1280 px (tests/test_site.py), then "
                "update THEME_VERSIONS",
                Path(__file__).name, module, expected, installed,
            )  # fmt: skip


# ------------------------------------------------------------------ 4. repository


def repository_buttons(theme_options):
    """The repository button exactly when the repository has an address.

    `theme_options` is html_theme_options (where Jupyter Book puts ``repository.url``
    as ``repository_url``); it is changed in place and returned. Without an address,
    every button that links to the repository is off.
    """
    if str(theme_options.get("repository_url") or "").strip():
        theme_options["use_repository_button"] = True
    else:
        theme_options.update(dict.fromkeys(REPOSITORY_BUTTONS, False))
    return theme_options


def _configure(app, config):
    _check_theme_versions(app, config)
    repository_buttons(config.html_theme_options)
    config.mathjax_path = MATHJAX_PATH
    mathjax3 = dict(config.mathjax3_config or {})
    mathjax3["loader"] = {**mathjax3.get("loader", {}), "load": list(MATHJAX_LOAD)}
    config.mathjax3_config = mathjax3
    config.html_static_path.append(str(STATIC))


# ----------------------------------------------------- 2. and 3. lighter pages


def _mathjax_source():
    """The MathJax folder that sphinx-mathjax-offline ships (its package has a dash)."""
    import importlib.util

    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "static" / "mathjax"


def _add_site_script(app):
    """book-site.js on every page (6. to 9.)."""
    if app.builder.format == "html":
        app.add_js_file("book-site.js", defer="defer")


def _add_math_focus(app, pagename, templatename, context, doctree):
    """book-math-focus.js on the pages that load MathJax (after it: both are deferred)."""
    if app.builder.format != "html":
        return
    if (app.registry.html_assets_policy == "always"
            or app.env.get_domain("math").has_equations(pagename)):  # as sphinx.ext.mathjax
        app.builder.add_js_file("book-math-focus.js", defer="defer")


def _lighten_site(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    source = _mathjax_source()
    if source is None:
        logger.warning("sphinx-mathjax-offline is not installed: the site has no MathJax")
    else:
        target = static / "mathjax"
        shutil.rmtree(target, ignore_errors=True)
        for name in MATHJAX_FILES:
            if (source / name).is_dir():
                shutil.copytree(source / name, target / name)
            else:
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source / name, target / name)
    for name in FONTAWESOME_FILES:
        (static / name).unlink(missing_ok=True)
    for page in Path(app.outdir).rglob("*.html"):
        if page.relative_to(app.outdir).parts[0] in {"_static", "_sources"}:
            continue
        text = page.read_text(encoding="utf-8")
        lighter = FONTAWESOME_SCRIPT.sub("", text)
        if lighter != text:
            page.write_text(lighter, encoding="utf-8")


# --------------------------------------------------------------- 5. citations


class AuthorYearLabelStyle(BaseLabelStyle):
    """Labels as sphinxcontrib-bibtex's author_year style cites in the text:
    "Cox, 1958", "Nocedal and Wright, 2006", "Hosmer et al., 2013"."""

    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield self.format_label(entry)

    def format_label(self, entry):
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        names = [str(Text.from_latex(" ".join(person.last_names))) for person in persons]
        if not names:
            authors = entry.key
        elif len(names) == 1:
            authors = names[0]
        elif len(names) == 2:
            authors = f"{names[0]} and {names[1]}"
        else:
            authors = f"{names[0]} et al."
        year = entry.fields.get("year", "")
        return f"{authors}, {year}" if year else authors


class PlainAuthorYearStyle(PlainStyle):
    """pybtex's plain style with AuthorYearLabelStyle labels."""

    default_label_style = "author_year"


register_plugin("pybtex.style.labels", "author_year", AuthorYearLabelStyle)
register_plugin("pybtex.style.formatting", "plain_author_year", PlainAuthorYearStyle)


def setup(app):
    # after Jupyter Book and MyST have set theirs (default priority 500)
    app.connect("config-inited", _configure, priority=800)
    app.connect("builder-inited", _add_site_script)
    app.connect("html-page-context", _add_math_focus)
    app.connect("build-finished", _lighten_site)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
