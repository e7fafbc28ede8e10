"""The built book (`jupyter-book build`, marked `site`) and its pages in a browser
(marked `browser`).

* the build: no warnings, every toc page built, the notebooks offered for download,
  nothing loaded from another host, MathJax served by the site;
* the static explorers on the pages of the gradient-descent chapter and of the
  playground (``GradientDescentExplorer.widget``'s text/html: pre-computed paths drawn
  on canvas by tools/static/gd-explorer.js): their weight, their start state, and that
  no page carries widget models or the widget manager;
* every page in headless Chromium with the network off (every request to another host
  aborted: what a reader sees offline): no JavaScript error, no broken request, math
  typeset, nothing wider than the text column, images loaded with alt text, the
  sidebar complete;
* the explorers at 1280 px and 390 px: drawn crisp in their start state, dragged with
  the mouse, moved by keyboard with the values a screen reader gets, the boundary
  leaving the plot, text size, and layout;
* every built page audited by axe-core (vendor/axe-core, from tools/fetch_axe.sh) at
  1280 px and 390 px: no WCAG 2.0/2.1 A or AA violation.

The book is built once per session (fixture ``book_build`` in conftest.py) and served
on 127.0.0.1. Set SITE_SCREENSHOTS=some/dir to keep a screenshot of every page.
"""

import base64
import contextlib
import importlib.util
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import numpy as np
import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError

import logreg_sliders as ls
from support import ROOT, page_title, toc, toc_entries, toc_source
from tools import page_weights

MATHJAX_TIMEOUT_MS = 20_000
IMAGES_TIMEOUT_MS = 15_000
RESPONSE_TIMEOUT_MS = 5_000
VIEWPORT = {"width": 1280, "height": 900}

pytestmark = pytest.mark.site


# ------------------------------------------------------- the book's pages


def toc_captions():
    return [part["caption"] for part in toc().get("parts", []) if part.get("caption")]


def plain(text):
    """Title text as the sidebar shows it: inline markup removed, spaces collapsed."""
    text = re.sub(r"[`*]", "", text)
    return " ".join(text.split())


def html_path(page):
    return f"{page}.html"


# a figure in a notebook's outputs or saved widgets, or an image in a markdown page
_SOURCE_IMAGE = re.compile(r'"image/(?:png|jpeg|gif|svg\+xml)"|<img\b|!\[|\{(?:figure|image)\}')


def source_has_images(page):
    path = toc_source(page)
    return bool(path and _SOURCE_IMAGE.search(path.read_text(encoding="utf-8")))


PAGES = toc_entries()
NOTEBOOK_PAGES = [page for page in PAGES if (ROOT / f"{page}.ipynb").is_file()
                  or page.startswith("notebooks/")]  # fmt: skip
IMAGE_PAGES = [page for page in PAGES if source_has_images(page)]
EXPLORER_PAGES = {  # page -> number of pre-computed explorers on it
    "notebooks/05_gradient_descent": 1,
    "notebooks/06_playground": 2,
}
# explorers with a third slider, the batch size (chapter 12): the tests of
# EXPLORER_PAGES assume two sliders; these pages have their own block below
BATCH_EXPLORER_PAGES = {"notebooks/12_stochastic_gradient_descent": 1}
ALL_EXPLORER_PAGES = {**EXPLORER_PAGES, **BATCH_EXPLORER_PAGES}


# ------------------------------------------------------------------ build


def test_book_builds_without_warnings(book_build):
    assert book_build.returncode == 0 and not book_build.warnings, (
        f"`{' '.join(book_build.command)}` exited with {book_build.returncode} after "
        f"{book_build.seconds:.0f} s with {len(book_build.warnings)} warning(s):\n"
        + book_build.report()
    )


@pytest.mark.parametrize("page", PAGES)
def test_every_toc_page_is_built(built_html, page):
    assert (built_html / html_path(page)).is_file(), f"{html_path(page)} was not built"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_notebook_page_offers_the_notebook_for_download(built_html, page):
    html = (built_html / html_path(page)).read_text(encoding="utf-8")
    name = Path(page).name
    assert f'href="../_sources/{page}.ipynb"' in html, (
        f"{html_path(page)} has no download link to the notebook {name}.ipynb"
    )
    assert (built_html / "_sources" / f"{page}.ipynb").is_file()


def _load_book_site():
    """tools/sphinx_ext/book_site.py, the extension that decides the repository buttons."""
    spec = importlib.util.spec_from_file_location(
        "book_site", ROOT / "tools" / "sphinx_ext" / "book_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# sphinx-book-theme's repository, issues, edit and source buttons
_REPOSITORY_BUTTON = re.compile(
    r'<a\b[^>]*\bhref="([^"]*)"[^>]*\bclass="[^"]*\bbtn-source-(\w+)-button')


def test_repository_button_links_to_the_repository(built_html):
    """repository.url is the one setting: set, the button links to it; empty, no button
    and no issues, edit or source link on any page."""
    url = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"]
    found = {path.relative_to(built_html).as_posix(): _REPOSITORY_BUTTON.findall(
                 path.read_text(encoding="utf-8"))
             for path in sorted(built_html.rglob("*.html"))
             if path.relative_to(built_html).parts[0] not in {"_static", "_sources"}}
    if url:
        root = html_path(toc()["root"])
        assert (url, "repository") in found[root], f"no link to {url} on {root}"
    else:
        with_buttons = {page: links for page, links in found.items() if links}
        assert not with_buttons, f"repository.url is empty, yet pages link to it: {with_buttons}"


@pytest.mark.parametrize("url", ["", "  ", None, "https://example.org/logreg-book.git"])
def test_repository_buttons_follow_the_repository_url(url):
    """The config logic for both cases (the real build covers only the current one)."""
    book_site = _load_book_site()
    options = {"repository_url": url, "use_repository_button": False,
               "use_issues_button": True, "use_edit_page_button": True}  # fmt: skip
    result = book_site.repository_buttons(options)
    if url and url.strip():
        assert result["use_repository_button"] is True
    else:
        assert not any(result.get(key) for key in book_site.REPOSITORY_BUTTONS), result


_REMOTE_TAG = re.compile(
    r"<(script|img|iframe|audio|video|source|embed)\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//"
    r"|<link\b(?=[^>]*\brel\s*=\s*[\"']?(?:stylesheet|preload|modulepreload|icon|manifest))"
    r"[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//",
    re.IGNORECASE,
)
_REMOTE_CSS = re.compile(r"(url\(\s*[\"']?|@import\s+[\"']?)(?:https?:)?//", re.IGNORECASE)


def test_built_site_loads_no_asset_from_another_host(built_html):
    """Offline reading: no script, style, font or image is fetched from a CDN."""
    offenders = []
    for path in sorted(built_html.rglob("*.html")):
        if path.relative_to(built_html).parts[0] in {"_static", "_sources"}:
            continue  # templates and page sources, not pages
        for match in _REMOTE_TAG.finditer(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(built_html)}: {match[0][:120]}")
    for path in sorted(built_html.rglob("*.css")):
        for match in _REMOTE_CSS.finditer(path.read_text(encoding="utf-8", errors="replace")):
            offenders.append(f"{path.relative_to(built_html)}: {match[0]}")
    assert not offenders, "assets loaded from other hosts:\n" + "\n".join(offenders[:40])


def test_mathjax_is_served_by_the_site(built_html):
    html = (built_html / html_path(toc()["root"])).read_text(encoding="utf-8")
    sources = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]*mathjax[^\"]*)\"", html, re.I)
    assert sources, "the home page loads no MathJax"
    for src in sources:
        assert not re.match(r"(https?:)?//", src), f"MathJax comes from a CDN: {src}"
        local = (built_html / Path(html_path(toc()["root"])).parent / src.split("?")[0])
        assert local.resolve().is_file(), f"MathJax script {src} is missing from the site"


# ------------------------------------------------ the static explorers in the built HTML
#
# logreg_sliders.GradientDescentExplorer.widget() writes both a live ipywidget and a
# static <div class="gd-explorer"> with the pre-computed paths; the site shows the
# static one (nb_mime_priority_overrides in _config.yml), drawn by
# tools/static/gd-explorer.js, which tools/sphinx_ext/gd_explorer.py loads on these
# pages only. No page carries widget models or the widget manager.

MAX_EXPLORER_BYTES = 1_000_000  # each explorer (with its script and style) adds <= 1 MB
_EXPLORER_DIV = re.compile(
    r'<div class="gd-explorer" id="[^"]+">.*?</canvas></div>\s*</div>', re.DOTALL)
_EXPLORER_DATA = re.compile(
    r'<script type="application/json" class="gd-explorer-data">(.*?)</script>', re.DOTALL)
# the explorer's script, what both explorers share (loaded first), and the style
_COMMON_SCRIPT = "explorer-common.js"
_EXPLORER_FILES = (_COMMON_SCRIPT, "gd-explorer.js", "gd-explorer.css")
_WIDGET_MARKS = ("application/vnd.jupyter.widget-state+json",
                 "application/vnd.jupyter.widget-view+json", "embed-amd", "require.js",
                 "jupyter-widgets", "widget-sliders-a11y")  # fmt: skip
_EXPLORER_CALL = re.compile(r"\.widget\(alpha=([0-9.e-]+), epochs=(\d+)\)")


def explorer_payloads(html):
    """The data of each static explorer of a page, in page order."""
    return [json.loads(data) for data in _EXPLORER_DATA.findall(html)]


def decoded(payload, key, dtype):
    return np.frombuffer(base64.b64decode(payload[key]), dtype=np.dtype(dtype).newbyteorder("<"))


def explorer_starts(page):
    """(alpha, epochs) of each ``.widget(alpha=..., epochs=...)`` call of the page's notebook."""
    notebook = json.loads((ROOT / f"{page}.ipynb").read_text(encoding="utf-8"))
    return [(float(alpha), int(epochs)) for cell in notebook["cells"]
            if cell["cell_type"] == "code"
            for alpha, epochs in _EXPLORER_CALL.findall("".join(cell["source"]))]  # fmt: skip


@pytest.fixture(scope="module")
def page_html(built_html):
    return {page: (built_html / html_path(page)).read_text(encoding="utf-8")
            for page in EXPLORER_PAGES}  # fmt: skip


@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_explorer_pages_hold_their_explorers_and_no_widget_manager(page_html, page):
    html = page_html[page]
    assert len(_EXPLORER_DIV.findall(html)) == EXPLORER_PAGES[page], (
        f"{page}.html: expected {EXPLORER_PAGES[page]} static explorers")
    carried = [mark for mark in _WIDGET_MARKS if mark in html]
    assert not carried, f"{page}.html carries widget models or the widget manager: {carried}"
    for name in _EXPLORER_FILES:
        assert re.search(rf'_static/{re.escape(name)}', html), f"{page}.html does not load {name}"


def test_only_explorer_pages_load_the_explorer_and_no_page_loads_widgets(built_html):
    loading, common, widgets = [], [], []
    for path in sorted(built_html.rglob("*.html")):
        relative = path.relative_to(built_html)
        if relative.parts[0] in {"_static", "_sources"}:
            continue
        html = path.read_text(encoding="utf-8")
        if "_static/gd-explorer.js" in html:
            loading.append(relative.with_suffix("").as_posix())
        if f"_static/{_COMMON_SCRIPT}" in html:
            common.append(relative.with_suffix("").as_posix())
        widgets += [f"{relative}: {mark}" for mark in _WIDGET_MARKS if mark in html]
    assert loading == sorted(ALL_EXPLORER_PAGES), (
        f"pages that load gd-explorer.js: {loading}; expected {sorted(ALL_EXPLORER_PAGES)}")
    # the shared script: on the pages of either explorer only (chapter 16's network)
    assert common == sorted([*ALL_EXPLORER_PAGES, NETWORK_PAGE]), (
        f"pages that load {_COMMON_SCRIPT}: {common}")
    assert not widgets, f"widget models or widget manager on the site: {widgets}"
    assert not (built_html / "_static" / "jupyter-widgets").exists()


@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_each_explorer_adds_at_most_1_mb_to_its_page(built_html, page_html, page):
    shared = sum((built_html / "_static" / name).stat().st_size for name in _EXPLORER_FILES)
    sizes = [len(block.encode("utf-8")) for block in _EXPLORER_DIV.findall(page_html[page])]
    assert sizes and all(size + shared <= MAX_EXPLORER_BYTES for size in sizes), (
        f"{page}.html: explorers of {sizes} bytes, plus {shared} bytes of script and style "
        f"(limit {MAX_EXPLORER_BYTES:,} each)")


@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_each_explorer_stores_the_state_its_code_cell_names(page_html, page):
    payloads = explorer_payloads(page_html[page])
    starts = explorer_starts(page)
    assert len(payloads) == len(starts) == EXPLORER_PAGES[page]
    for payload, (alpha, epochs) in zip(payloads, starts):
        alphas = decoded(payload, "alphas", "f4")
        assert alphas[payload["alpha_index"]] == np.float32(alpha)
        assert payload["epochs"] == epochs
        count, steps = len(alphas), payload["max_epochs"] + 1
        assert decoded(payload, "W", "f4").size == count * steps * 3
        assert decoded(payload, "cost", "f4").size == count * steps



# ---------------------------------------------------------------- browser


@dataclass
class Visit:
    """A page opened in Chromium, with everything that went wrong while loading it."""

    page_path: str
    url: str
    page: object
    page_errors: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    external_requests: list = field(default_factory=list)
    broken_requests: list = field(default_factory=list)
    mathjax_problem: str = ""


def _is_local(url):
    return urlsplit(url).hostname == "127.0.0.1"


def _wait_for_mathjax(page, blocked_requests):
    """Wait until MathJax has typeset the page; return a problem description or ''."""
    if page.locator(".math").count() == 0:
        return ""
    blocked = [request for request in blocked_requests if "mathjax" in request.lower()]
    if blocked:
        return f"MathJax is loaded from another host, so not offline: {blocked}"
    try:
        page.wait_for_function(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise",
            timeout=MATHJAX_TIMEOUT_MS,
        )
        page.evaluate(
            "() => Promise.race([MathJax.startup.promise.then(() => true),"
            f" new Promise((_, no) => setTimeout(() => no('timeout'), {MATHJAX_TIMEOUT_MS}))])"
        )
    except PlaywrightError as error:  # also its TimeoutError
        return f"MathJax did not load or finish typesetting: {str(error).splitlines()[0]}"
    return ""


_WAIT_FOR_IMAGES = """(timeout) => Promise.race([
    Promise.all(Array.from(document.images).map((img) => img.complete ? null :
        new Promise((done) => { img.addEventListener('load', done);
                                img.addEventListener('error', done); }))),
    new Promise((done) => setTimeout(done, timeout)),
])"""


@pytest.fixture(scope="session")
def visit(browser, site_url, screenshot_dir):
    """visit('notebooks/02_sigmoid') -> Visit; each page is loaded once per session."""
    visits, contexts = {}, []

    def open_page(page_path):
        if page_path in visits:
            return visits[page_path]
        url = urljoin(site_url, html_path(page_path))
        context = browser.new_context(viewport=VIEWPORT, service_workers="block")
        contexts.append(context)
        page = context.new_page()
        result = Visit(page_path=page_path, url=url, page=page)

        def route(route):  # the network is OFF: only the local server answers
            if _is_local(route.request.url):
                route.continue_()
            else:
                result.external_requests.append(
                    f"{route.request.resource_type} {route.request.url}"
                )
                route.abort("internetdisconnected")

        def on_console(message):  # errors and warnings alike: zero is the bar
            location = message.location.get("url", "") if message.location else ""
            if message.type not in {"error", "warning"}:
                return
            if message.text.startswith("Failed to load resource") and not _is_local(location):
                return  # a blocked request to another host: reported by its own test
            result.console_errors.append(f"{message.type}: {message.text} [{location}]")

        def on_response(response):
            if _is_local(response.url) and response.status >= 400:
                result.broken_requests.append(f"HTTP {response.status} {response.url}")

        def on_request_failed(request):
            if _is_local(request.url):
                result.broken_requests.append(f"{request.failure} {request.url}")

        context.route("**/*", route)
        page.on("pageerror", lambda error: result.page_errors.append(str(error)))
        page.on("console", on_console)
        page.on("response", on_response)
        page.on("requestfailed", on_request_failed)

        page.goto(url, wait_until="load")
        result.mathjax_problem = _wait_for_mathjax(page, result.external_requests)
        page.evaluate(_WAIT_FOR_IMAGES, IMAGES_TIMEOUT_MS)
        if screenshot_dir is not None:
            page.screenshot(path=str(screenshot_dir / f"{page_path.replace('/', '__')}.png"),
                            full_page=True)  # fmt: skip
        visits[page_path] = result
        return result

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("page_path", PAGES)
def test_page_has_no_javascript_errors(visit, page_path):
    """No uncaught exception, and no console error or warning."""
    result = visit(page_path)
    errors = result.page_errors + result.console_errors
    assert not errors, f"{result.url}: JavaScript errors or warnings:\n" + "\n".join(errors)


@pytest.mark.browser
@pytest.mark.parametrize("page_path", PAGES)
def test_page_works_offline(visit, page_path):
    """Nothing is requested from another host, and every local request succeeds."""
    result = visit(page_path)
    assert not result.external_requests, (
        f"{result.url} requests other hosts (blocked, so broken offline):\n"
        + "\n".join(result.external_requests)
    )
    assert not result.broken_requests, (
        f"{result.url}: broken local requests:\n" + "\n".join(result.broken_requests)
    )


_MATH_REPORT = r"""() => {
    const math = Array.from(document.querySelectorAll('.math'));
    const untypeset = math.filter((el) => !el.querySelector('mjx-container'))
        .map((el) => el.textContent.trim().slice(0, 80));
    const errors = Array.from(document.querySelectorAll('mjx-merror, [data-mjx-error]'))
        .map((el) => (el.getAttribute('data-mjx-error') || el.textContent).slice(0, 80));
    const article = document.querySelector('article') || document.body;
    const clone = article.cloneNode(true);
    clone.querySelectorAll('pre, code, script, style, textarea, mjx-container, .highlight')
        .forEach((el) => el.remove());
    const text = clone.textContent;
    const raw = (text.match(/\$\$[^$]+\$\$|\$(?=\S)[^$\n]*?\S\$|\$\S\$|\\[([]|\\begin\{/g) || [])
        .map((s) => s.slice(0, 80));
    return {count: math.length,
            typeset: document.querySelectorAll('mjx-container').length,
            untypeset, errors, raw};
}"""


def _source_has_math(page_path):
    path = toc_source(page_path)
    text = path.read_text(encoding="utf-8") if path else ""
    return bool(re.search(r"\$[^$\s]|\{math\}|\\begin\{", text))


@pytest.mark.browser
@pytest.mark.parametrize("page_path", PAGES)
def test_page_math_is_typeset(visit, page_path):
    result = visit(page_path)
    assert not result.mathjax_problem, f"{result.url}: {result.mathjax_problem}"
    report = result.page.evaluate(_MATH_REPORT)
    if _source_has_math(page_path):
        assert report["count"] > 0 and report["typeset"] > 0, (
            f"{result.url}: the source has math but the page shows no typeset formula"
        )
    assert not report["untypeset"], f"{result.url}: formulas left as TeX: {report['untypeset']}"
    assert not report["errors"], f"{result.url}: MathJax errors: {report['errors']}"
    assert not report["raw"], (
        f"{result.url}: raw TeX left in the text (a $...$ MyST did not parse?): {report['raw']}"
    )


# Content wider than its box: a code line, an output line, a table or a display
# equation whose end the reader has to scroll to (or cannot see at all).
_OVERFLOW_REPORT = r"""() => {
    const describe = (el) => (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 70);
    const article = document.querySelector('article.bd-article') || document.body;
    const column = article.clientWidth;
    const found = [];
    const check = (kind, el, width, box) => {
        if (width > box + 1) {
            found.push(`${kind}: ${Math.round(width)} px in ${Math.round(box)} px: `
                       + describe(el));
        }
    };
    article.querySelectorAll('div.cell_input pre, div.highlight pre').forEach((el) =>
        check('code', el, el.scrollWidth, el.clientWidth));
    article.querySelectorAll('div.cell_output pre, div.cell_output .output').forEach((el) =>
        check('output', el, el.scrollWidth, el.clientWidth));
    article.querySelectorAll('div.cell_output table').forEach((el) =>
        check('table', el, el.getBoundingClientRect().width, column));
    article.querySelectorAll('div.math, mjx-container[display="true"]').forEach((el) => {
        const math = el.querySelector('mjx-math') || el;
        check('equation', el, Math.max(el.scrollWidth, math.getBoundingClientRect().width),
              Math.min(el.clientWidth || column, column));
    });
    return {column, found};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("page_path", PAGES)
def test_nothing_is_wider_than_the_text_column_at_1280_px(visit, page_path):
    """Every code block, output and display equation fits the column (no sideways scroll)."""
    result = visit(page_path)  # the session's pages are opened at 1280 x 900
    assert result.page.viewport_size["width"] == 1280
    report = result.page.evaluate(_OVERFLOW_REPORT)
    assert not report["found"], (
        f"{result.url}: {len(report['found'])} blocks wider than their box "
        f"(text column {report['column']} px):\n" + "\n".join(report["found"])
    )


_IMAGE_REPORT = """() => Array.from(document.images).map((img) => ({
    src: img.getAttribute('src'), alt: (img.getAttribute('alt') || '').trim(),
    loaded: img.complete && img.naturalWidth > 0}))"""


@pytest.mark.browser
@pytest.mark.parametrize("page_path", IMAGE_PAGES)
def test_page_images_load_and_have_alt_text(visit, page_path):
    result = visit(page_path)
    images = result.page.evaluate(_IMAGE_REPORT)
    assert images, f"{result.url}: the source has figures but the page shows no image"
    broken = [image["src"] for image in images if not image["loaded"]]
    # Docutils falls back to the file name when a figure has no alt text: that is no alt.
    no_alt = [image["src"] for image in images
              if not image["alt"] or Path(image["alt"]).name == Path(image["src"] or "").name]
    assert not broken, f"{result.url}: images that did not load: {broken}"
    hint = (" (blob: images come from ipywidgets.Image, which has no alt text; an "
            "ipywidgets.HTML with <img alt=...> has)") if any(
        src and src.startswith("blob:") for src in no_alt) else ""
    assert not no_alt, f"{result.url}: images without alt text: {no_alt}{hint}"


@pytest.mark.browser
@pytest.mark.parametrize("page_path", PAGES)
def test_sidebar_lists_every_chapter(visit, page_path):
    result = visit(page_path)
    sidebar = result.page.locator("nav.bd-docs-nav")
    assert sidebar.count() == 1, f"{result.url}: no sidebar navigation"
    # numbered chapters show as "5. Gradient descent ...": compare the titles
    links = [re.sub(r"^\d+\.\s*", "", plain(text))
             for text in sidebar.locator("a").all_text_contents()]
    captions = [plain(text) for text in sidebar.locator(".caption").all_text_contents()]
    missing = []
    for page in PAGES:
        title = page_title(page)
        if title is None:
            missing.append(f"{page} (no source or no '# ' title)")
            continue
        expected = plain(title.split("$")[0])
        if not any(link == expected or ("$" in title and link.startswith(expected))
                   for link in links):  # fmt: skip
            missing.append(repr(expected))
    assert not missing, f"{result.url}: sidebar lacks {missing}; it lists {links}"
    assert captions == toc_captions(), (
        f"{result.url}: sidebar captions {captions}, _toc.yml has {toc_captions()}"
    )


# ------------------------------------------------ the explorers in a browser
#
# Each explorer page, offline, at 1280 px (device pixel ratio 1) and at 390 px (a phone:
# ratio 2, touch): the explorers draw, open in the state of their code cell, follow a
# mouse drag and the keyboard, tell a screen reader their values and what the pictures
# show, say when the decision boundary leaves the plot, write their text at
# MIN_TEXT_PX or more, and fit the screen. Canvas text is measured as it is drawn: an
# init script records each fillText call with its font size in CSS pixels.

EXPLORER_CONTEXTS = {  # width -> Playwright browser-context options
    1280: {"viewport": {"width": 1280, "height": 900}, "device_scale_factor": 1},
    390: {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
          "is_mobile": True, "has_touch": True},
}
MIN_TEXT_PX = 14  # the book's figures' labels: 13.9 CSS px at 1280 px, 9 at 390 px
SLIDER_LABELS = {"gd-alpha": "learning rate \u03b1", "gd-epochs": "epochs"}
# Whether some state of each explorer puts the decision boundary outside the plot
# (checked against the data below).
BOUNDARY_LEAVES = {"notebooks/05_gradient_descent": [False],
                   "notebooks/06_playground": [False, True]}  # fmt: skip
BOUNDARY_OUTSIDE = "decision boundary outside the plot"

_CANVAS_TEXT_SPY = """(() => {
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    window.canvasTexts = [];
    CanvasRenderingContext2D.prototype.fillText = function (text, x, y, maxWidth) {
        const t = this.getTransform();
        window.canvasTexts.push({canvas: this.canvas.className, text: String(text),
            px: parseFloat(this.font) * Math.hypot(t.a, t.b) / (window.devicePixelRatio || 1)});
        return fillText.apply(this, arguments);
    };
})();"""
_EXPLORERS_DRAWN = """() => {
    const roots = document.querySelectorAll('.gd-explorer');
    return Array.from(roots).every((root) => root.dataset.boundary);
}"""
_EXPLORER_REPORT = """(root) => {
    const inputs = Array.from(root.querySelectorAll('input[type=range]'));
    const canvases = Array.from(root.querySelectorAll('canvas'));
    const rect = (el) => { const r = el.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
    return {
        sliders: inputs.map((input) => ({
            cls: input.className, value: Number(input.value), max: Number(input.max),
            valuetext: input.getAttribute('aria-valuetext'),
            label: root.querySelector(`label[for="${input.id}"]`).textContent.trim(),
            readout: root.querySelector(`output[for="${input.id}"]`).textContent.trim(),
            box: rect(input)})),
        canvases: canvases.map((canvas) => ({
            cls: canvas.className, role: canvas.getAttribute('role'),
            label: canvas.getAttribute('aria-label'), width: canvas.width,
            height: canvas.height, box: rect(canvas),
            inked: (() => { const ctx = canvas.getContext('2d');
                const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                let ink = 0;
                for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 200) ink++;
                return ink; })()})),
        stops: JSON.parse(root.querySelector('script.gd-explorer-data').textContent)
            .epoch_stops,  // the epoch of each position of the epoch slider
        legend: root.dataset.legend, boundary: root.dataset.boundary,
        fallback_shown: root.querySelector('.gd-explorer-fallback').offsetParent !== null,
        root: rect(root), scroll: [root.scrollWidth, root.clientWidth],
        widest: Math.max(...Array.from(root.querySelectorAll('*'))
            .map((el) => el.getBoundingClientRect().right)),
        ratio: window.devicePixelRatio, viewport: document.documentElement.clientWidth,
    };
}"""
_SET_STATE = """(root, [alpha, epochs]) => {  // one input event: one redraw
    root.querySelector('input.gd-alpha').value = alpha;
    const input = root.querySelector('input.gd-epochs');
    const data = JSON.parse(root.querySelector('script.gd-explorer-data').textContent);
    input.value = data.epoch_stops.indexOf(epochs);
    input.dispatchEvent(new Event('input', {bubbles: true}));
}"""


@dataclass
class ExplorerPage:
    page: object
    errors: list = field(default_factory=list)
    external_requests: list = field(default_factory=list)


@pytest.fixture(scope="module")
def explorer_page(browser, site_url):
    """explorer_page(page_path, width) -> ExplorerPage, opened offline once per module."""
    opened, contexts = {}, []

    def open_page(page_path, width):
        if (page_path, width) in opened:
            return opened[page_path, width]
        context = browser.new_context(**EXPLORER_CONTEXTS[width], service_workers="block")
        contexts.append(context)
        result = ExplorerPage(page=None)

        def route(route):  # the network is OFF: only the local server answers
            if _is_local(route.request.url):
                route.continue_()
            else:
                result.external_requests.append(route.request.url)
                route.abort("internetdisconnected")

        context.route("**/*", route)
        context.add_init_script(_CANVAS_TEXT_SPY)
        page = context.new_page()
        page.on("pageerror", lambda error: result.errors.append(str(error)))
        page.on("console", lambda message: result.errors.append(message.text)
                if message.type in ("error", "warning") else None)  # fmt: skip
        page.goto(urljoin(site_url, html_path(page_path)), wait_until="load")
        page.wait_for_function(_EXPLORERS_DRAWN, timeout=RESPONSE_TIMEOUT_MS)
        result.page = page
        opened[page_path, width] = result
        return result

    yield open_page
    for context in contexts:
        context.close()


def _explorers(result):
    return result.page.locator(".gd-explorer")


def _unit(epochs):
    return "epoch" if epochs == 1 else "epochs"


def _check_state(report, alpha, epochs, what):
    """The sliders, readouts, aria-valuetexts and picture descriptions agree on a state."""
    alpha_slider, epochs_slider = report["sliders"]
    alpha_text = f"{alpha:g}"
    assert (alpha_slider["readout"], epochs_slider["readout"]) == (alpha_text, str(epochs)), (
        f"{what}: readouts {alpha_slider['readout']}, {epochs_slider['readout']}")
    shown = report["stops"][epochs_slider["value"]]
    assert shown == epochs, f"{what}: epochs slider at {epochs_slider['value']}: epoch {shown}"
    assert alpha_slider["valuetext"] == f"\u03b1 = {alpha_text}", what
    assert epochs_slider["valuetext"] == f"{epochs} {_unit(epochs)}", what
    data_label, cost_label = (canvas["label"] for canvas in report["canvases"])
    state = f"after {epochs} {_unit(epochs)} with learning rate \u03b1 = {alpha_text}."
    assert state in data_label, f"{what}: the data panel is described as {data_label!r}"
    assert f"learning rate \u03b1 = {alpha_text}," in cost_label, what
    # "..., 3.99 after 100 epochs, 0.01 after 1000 epochs." or, at the end, "... after 1000
    # epochs." (said once)
    assert re.search(rf"after {epochs} {_unit(epochs)}[,.]", cost_label), what


@pytest.mark.browser
@pytest.mark.parametrize("width", EXPLORER_CONTEXTS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_explorers_draw_offline_crisp_in_the_state_their_code_cell_names(
        explorer_page, page_html, page, width):
    result = explorer_page(page, width)
    explorers = _explorers(result)
    starts = explorer_starts(page)
    assert explorers.count() == len(starts) == EXPLORER_PAGES[page]
    for index, (alpha, epochs) in enumerate(starts):
        report = explorers.nth(index).evaluate(_EXPLORER_REPORT)
        what = f"{page} at {width} px, explorer {index + 1}"
        assert not report["fallback_shown"], f"{what}: the no-JavaScript text is shown"
        _check_state(report, alpha, epochs, what)
        for canvas in report["canvases"]:
            assert canvas["role"] == "img" and canvas["label"], what
            # drawn at the device's pixel ratio: one canvas pixel per screen pixel
            assert canvas["width"] == round(canvas["box"]["width"] * report["ratio"]), (
                f"{what}: {canvas['cls']} is {canvas['width']} px wide for "
                f"{canvas['box']['width']} CSS px at ratio {report['ratio']}")
            assert canvas["inked"] > 1000, f"{what}: {canvas['cls']} is blank"
    assert not result.external_requests, f"{page}: requests to other hosts"
    assert not result.errors, f"{page} at {width} px: console errors or warnings"


@pytest.mark.browser
@pytest.mark.parametrize("width", EXPLORER_CONTEXTS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_dragging_each_slider_with_the_mouse_reaches_the_value_under_the_pointer(
        explorer_page, page, width):
    """Press on the track at 1/10, drag to 3/4 of it, release: the slider reads about 3/4
    of its range (today's bug: any drag jumped to the maximum)."""
    result = explorer_page(page, width)
    mouse = result.page.mouse
    for index in range(_explorers(result).count()):
        root = _explorers(result).nth(index)
        for cls in SLIDER_LABELS:
            slider = root.locator(f"input.{cls}")
            slider.scroll_into_view_if_needed()
            box = slider.bounding_box()
            what = f"{page} at {width} px, explorer {index + 1}, {cls}"
            if width == 390:  # as wide as the explorer: a track a finger can use
                report = root.evaluate(_EXPLORER_REPORT)
                assert box["width"] >= report["root"]["width"] - 1 >= 300, what
            y = box["y"] + box["height"] / 2
            mouse.move(box["x"] + 0.1 * box["width"], y)
            mouse.down()
            for step in range(1, 11):
                mouse.move(box["x"] + (0.1 + 0.065 * step) * box["width"], y)
            mouse.up()
            report = root.evaluate(_EXPLORER_REPORT)
            state = next(s for s in report["sliders"] if s["cls"] == cls)
            expected = 0.75 * state["max"]
            assert abs(state["value"] - expected) <= max(1, 0.03 * state["max"]), (
                f"{what}: dragged to 3/4 of the track, the slider reads {state['value']} "
                f"of {state['max']}")
            payload_alphas = root.evaluate(
                "(r) => JSON.parse(r.querySelector('script.gd-explorer-data').textContent)")
            alphas = decoded(payload_alphas, "alphas", "f4")
            alpha_slider, epochs_slider = report["sliders"]
            _check_state(report, float(f"{alphas[alpha_slider['value']]:.6g}"),
                         report["stops"][epochs_slider["value"]], f"{what} after the drag")


@pytest.mark.browser
@pytest.mark.parametrize("width", EXPLORER_CONTEXTS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_the_step_buttons_move_each_slider_one_position(explorer_page, page, width):
    """A tap on "+" or "\N{MINUS SIGN}" moves its slider by one position: one epoch at the
    start of the run, where a finger on a phone cannot hit one on the track; the
    buttons are 44 px targets with names."""
    result = explorer_page(page, width)
    for index in range(_explorers(result).count()):
        root = _explorers(result).nth(index)
        payload = root.evaluate(
            "(r) => JSON.parse(r.querySelector('script.gd-explorer-data').textContent)")
        alphas = [float(f"{a:.6g}") for a in decoded(payload, "alphas", "f4")]
        root.evaluate(_SET_STATE, [payload["alpha_index"], 0])
        for cls in SLIDER_LABELS:
            slider = root.locator(f"input.{cls}")
            minus, plus = (root.locator(f'button[data-for="{slider.get_attribute("id")}"]'
                                        f'[data-step="{step}"]') for step in (-1, 1))
            what = f"{page} at {width} px, explorer {index + 1}, {cls}"
            for button in (minus, plus):
                box = button.bounding_box()
                assert box["width"] >= 44 and box["height"] >= 44, f"{what}: {box}"
                assert button.get_attribute("aria-label"), what
            start = int(slider.input_value())
            for button, expected in [(plus, start + 1), (plus, start + 2),
                                     (minus, start + 1)]:
                button.tap() if width == 390 else button.click()
                report = root.evaluate(_EXPLORER_REPORT)
                alpha_slider, epochs_slider = report["sliders"]
                state = alpha_slider if cls == "gd-alpha" else epochs_slider
                assert state["value"] == expected, f"{what}: at {state['value']}"
                _check_state(report, alphas[alpha_slider["value"]],
                             report["stops"][epochs_slider["value"]], what)
        root.evaluate(_SET_STATE, [payload["alpha_index"], payload["epochs"]])


def _ax_node(cdp, expression):
    """Chromium's accessibility node of the element `expression` evaluates to."""
    element = cdp.send("Runtime.evaluate", {"expression": expression})["result"]
    return cdp.send("Accessibility.getPartialAXTree",
                    {"objectId": element["objectId"], "fetchRelatives": False})["nodes"][0]


_FOCUSED = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    return {cls: el.className, value: Number(el.value), max: Number(el.max),
            valuetext: el.getAttribute('aria-valuetext'),
            focus_ring: el.matches(':focus-visible') && style.outlineStyle !== 'none'
                && parseFloat(style.outlineWidth) > 0};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", EXPLORER_CONTEXTS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_explorer_sliders_work_by_keyboard_and_tell_a_screen_reader_their_values(
        explorer_page, page, width):
    """ArrowRight, End, Home on each slider; after each press: the value, the readout,
    the spoken value (aria-valuetext: "α = 0.02", "101 epochs", not an index), the
    slider's role and name as Chromium computes them (DevTools protocol; for a native
    range input its "valuetext" property is the raw value, so the spoken text is read
    from aria-valuetext, which the platform accessibility APIs pass on), and the
    pictures' descriptions."""
    result = explorer_page(page, width)
    page_ = result.page
    cdp = page_.context.new_cdp_session(page_)
    try:
        for index in range(_explorers(result).count()):
            root = _explorers(result).nth(index)
            payload = root.evaluate(
                "(r) => JSON.parse(r.querySelector('script.gd-explorer-data').textContent)")
            alphas = [float(f"{a:.6g}") for a in decoded(payload, "alphas", "f4")]
            for cls, label in SLIDER_LABELS.items():
                root.locator(f"input.{cls}").focus()
                node = _ax_node(cdp, "document.activeElement")
                what = f"{page} at {width} px, explorer {index + 1}, {label}"
                assert node["role"]["value"] == "slider", what
                assert node["name"]["value"] == label, f"{what}: named {node['name']}"
                start = page_.evaluate(_FOCUSED)["value"]
                for key, expected in [("ArrowRight", start + 1), ("End", None), ("Home", 0)]:
                    page_.keyboard.press(key)
                    focused = page_.evaluate(_FOCUSED)
                    expected = focused["max"] if expected is None else expected
                    assert focused["value"] == expected, f"{what}: {key} gave {focused['value']}"
                    assert focused["focus_ring"], f"{what}: no visible focus ring"
                    report = root.evaluate(_EXPLORER_REPORT)
                    alpha_slider, epochs_slider = report["sliders"]
                    _check_state(report, alphas[alpha_slider["value"]],
                                 report["stops"][epochs_slider["value"]], f"{what} after {key}")
                    if cls == "gd-alpha":
                        assert focused["valuetext"] != str(focused["value"]), (
                            f"{what}: a screen reader hears the index {focused['value']}")
            root.evaluate(_SET_STATE, [payload["alpha_index"], payload["epochs"]])
    finally:
        cdp.detach()


def _outside_and_inside_states(payload):
    """(alpha index, epoch) of the first state whose boundary leaves the plot (or None)
    and of the first whose boundary crosses it, by logreg_sliders.boundary_segment."""
    count, steps = len(decoded(payload, "alphas", "f4")), payload["max_epochs"] + 1
    W = decoded(payload, "W", "f4").reshape(count, steps, 3).astype(np.float64)
    found = {}
    for alpha_index in range(count):
        for epoch in payload["epoch_stops"]:  # the epochs the slider can show
            inside = ls.boundary_segment(W[alpha_index, epoch], payload["xlim"],
                                         payload["ylim"]) is not None
            found.setdefault(inside, (alpha_index, epoch))
    return found.get(False), found.get(True)


@pytest.mark.browser
@pytest.mark.parametrize("width", EXPLORER_CONTEXTS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_a_boundary_outside_the_plot_is_said_and_left_out_of_the_legend(
        explorer_page, page_html, page, width):
    result = explorer_page(page, width)
    payloads = explorer_payloads(page_html[page])
    leaves = [_outside_and_inside_states(payload)[0] is not None for payload in payloads]
    assert leaves == BOUNDARY_LEAVES[page], (
        f"{page}: explorers whose boundary can leave the plot: {leaves}")
    for index, payload in enumerate(payloads):
        root = _explorers(result).nth(index)
        outside, inside = _outside_and_inside_states(payload)
        for state, shown in [(outside, False), (inside, True)]:
            if state is None:
                continue
            what = f"{page} at {width} px, explorer {index + 1}, state {state}"
            result.page.evaluate("() => { window.canvasTexts = []; }")
            root.evaluate(_SET_STATE, list(state))
            report = root.evaluate(_EXPLORER_REPORT)
            texts = [t["text"] for t in result.page.evaluate("() => window.canvasTexts")
                     if t["canvas"] == "gd-data"]
            assert report["boundary"] == ("inside" if shown else "outside"), what
            legend = report["legend"].split("|")
            assert ("decision boundary" in legend) == shown, f"{what}: legend {legend}"
            assert ("decision boundary" in texts) == shown, f"{what}: drawn {texts}"
            assert (BOUNDARY_OUTSIDE in texts) != shown, f"{what}: drawn {texts}"
            assert ("outside the plot" in report["canvases"][0]["label"]) != shown, what
        root.evaluate(_SET_STATE, [payload["alpha_index"], payload["epochs"]])


@pytest.mark.browser
@pytest.mark.parametrize("width", EXPLORER_CONTEXTS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_explorer_text_is_at_least_as_large_as_the_figures_labels(explorer_page, page, width):
    result = explorer_page(page, width)
    for index in range(_explorers(result).count()):
        root = _explorers(result).nth(index)
        payload = root.evaluate(
            "(r) => JSON.parse(r.querySelector('script.gd-explorer-data').textContent)")
        result.page.evaluate("() => { window.canvasTexts = []; }")
        root.evaluate(_SET_STATE, [payload["alpha_index"], payload["epochs"]])
        texts = result.page.evaluate("() => window.canvasTexts")
        assert {t["canvas"] for t in texts} == {"gd-data", "gd-cost"}
        small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < MIN_TEXT_PX]
        assert not small, f"{page} at {width} px, explorer {index + 1}: small text {small}"


@pytest.mark.browser
@pytest.mark.parametrize("width", EXPLORER_CONTEXTS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_explorers_fit_the_screen_side_by_side_when_wide_stacked_on_a_phone(
        explorer_page, page, width):
    result = explorer_page(page, width)
    for index in range(_explorers(result).count()):
        report = _explorers(result).nth(index).evaluate(_EXPLORER_REPORT)
        what = f"{page} at {width} px, explorer {index + 1}"
        assert report["scroll"][0] <= report["scroll"][1], f"{what}: scrolls sideways"
        assert report["widest"] <= report["root"]["right"] + 0.5, f"{what}: content overflows"
        assert report["root"]["right"] <= report["viewport"], f"{what}: wider than the screen"
        data, cost = (canvas["box"] for canvas in report["canvases"])
        if width == 1280:
            assert data["top"] == cost["top"] and data["right"] <= cost["left"], what
        else:
            assert cost["top"] >= data["bottom"], f"{what}: the panels are not stacked"
            assert data["width"] >= report["root"]["width"] - 1, what


# ------------------------------------------------ the explorers: shading, zero cost, labels
#
# (issue 11, a reader's review) The data panel shades the side of the boundary that is
# predicted as class 1 with a light blue, the other with a light orange, so that a state
# with every point on the wrong side does not look like one with every point right; a
# cost that is 0 in the page's float32 data is said as "< 1e-45"; the cost panel's
# description names the last epoch once; the readouts are not live regions.

_REGION_RGB = [np.array([0xE6, 0x9F, 0x00]), np.array([0x00, 0x72, 0xB2])]  # class 0, 1
_PIXELS = """(root, points) => {  // canvas pixels (RGB) at CSS-px points of the data panel
    const canvas = root.querySelector('canvas.gd-data'), ratio = window.devicePixelRatio;
    const ctx = canvas.getContext('2d');
    return points.map(([x, y]) => Array.from(ctx.getImageData(
        Math.round(x * ratio), Math.round(y * ratio), 1, 1).data.slice(0, 3)));
}"""


def _tint(label):
    """The colour of class `label`'s region over white: its colour at REGION_ALPHA."""
    alpha = ls.REGION_ALPHA[label]
    return 255 * (1 - alpha) + alpha * _REGION_RGB[label]


def _shading_states(payload):
    """{kind: (alpha index, epoch)}, first of each kind on the epoch slider's stops:
    "right" (boundary in the plot, every point on its class's side), "swapped" (in the
    plot, no point on its side), "outside" (boundary outside the plot)."""
    count, steps = len(decoded(payload, "alphas", "f4")), payload["max_epochs"] + 1
    W = decoded(payload, "W", "f4").reshape(count, steps, 3).astype(np.float64)
    X = decoded(payload, "X", "f4").reshape(-1, 2).astype(np.float64)
    y = decoded(payload, "y", "u1")
    found = {}
    for alpha_index in range(count):
        for epoch in payload["epoch_stops"]:
            w = W[alpha_index, epoch]
            right = int(np.sum((w[0] + X @ w[1:] >= 0) == (y == 1)))
            if ls.boundary_segment(w, payload["xlim"], payload["ylim"]) is None:
                found.setdefault("outside", (alpha_index, epoch))
            elif right in (0, len(y)):
                found.setdefault("right" if right else "swapped", (alpha_index, epoch))
    return found, W, X, y


def _clear_samples(root, payload, w, X):
    """Points of the plot (CSS px) at least 12 px from every data point and from the
    boundary, with the class predicted there: [(x, y, label, data point)]."""
    left, top, right, bottom = (float(v) for v in root.get_attribute("data-plot").split(","))
    (x_lo, x_hi), (y_lo, y_hi) = payload["xlim"], payload["ylim"]
    sx, sy = (right - left) / (x_hi - x_lo), (bottom - top) / (y_hi - y_lo)
    marks = np.column_stack([left + (X[:, 0] - x_lo) * sx, bottom - (X[:, 1] - y_lo) * sy])
    samples = []
    for px in np.linspace(left + 6, right - 6, 25):
        for py in np.linspace(top + 6, bottom - 6, 25):
            point = np.array([x_lo + (px - left) / sx, y_lo + (bottom - py) / sy])
            f = w[0] + w[1:] @ point
            distance = abs(f) / np.hypot(w[1] / sx, w[2] / sy) if w[1:].any() else np.inf
            if distance >= 12 and np.hypot(*(marks - [px, py]).T).min() >= 12:
                samples.append((px, py, int(f >= 0), point))
    return samples


@pytest.mark.browser
@pytest.mark.parametrize("width", EXPLORER_CONTEXTS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_the_data_panel_shades_each_side_with_the_class_it_predicts(
        explorer_page, page_html, page, width):
    """Sampled canvas pixels away from points and line: the tint of the class the
    weights predict there; next to each class's points, that class's own tint when
    every point is right, the other class's when the classes are swapped (the seeded
    start of chapter 5); one tint over the whole plot when the boundary is outside."""
    result = explorer_page(page, width)
    payloads = explorer_payloads(page_html[page])
    kinds = []
    for index, payload in enumerate(payloads):
        root = _explorers(result).nth(index)
        states, W, X, y = _shading_states(payload)
        kinds.append(sorted(states))
        for kind, (alpha_index, epoch) in states.items():
            what = f"{page} at {width} px, explorer {index + 1}, {kind} state {epoch}"
            root.evaluate(_SET_STATE, [alpha_index, epoch])
            w = W[alpha_index, epoch]
            samples = _clear_samples(root, payload, w, X)
            labels = {label for _, _, label, _ in samples}
            assert labels == ({0, 1} if kind != "outside" else labels) != set(), (
                f"{what}: sampled sides {labels}")
            pixels = root.evaluate(_PIXELS, [[px, py] for px, py, _, _ in samples])
            for (px, py, label, _), rgb in zip(samples, pixels):
                assert np.abs(np.array(rgb) - _tint(label)).max() <= 2, (
                    f"{what}: pixel ({px:.0f}, {py:.0f}) is {rgb}, predicted class {label}: "
                    f"expected {np.round(_tint(label))}")
            if kind == "outside":
                assert len(labels) == 1, f"{what}: more than one tint {labels}"
                continue
            # next to each class's points: the tint says whether they are on their side
            for label in (0, 1):
                centre = X[y == label].mean(axis=0)
                nearest = min(samples, key=lambda s: np.hypot(*(s[3] - centre)))
                own = nearest[2] == label
                assert own == (kind == "right"), (
                    f"{what}: beside class {label}'s points the tint is class {nearest[2]}'s")
            label = root.evaluate(_EXPLORER_REPORT)["canvases"][0]["label"]
            assert ("The shading shows the predicted class: class 1 on the blue side, class 0 "
                    "on the orange side.") in label, f"{what}: {label!r}"
        root.evaluate(_SET_STATE, [payload["alpha_index"], payload["epochs"]])
        legend = root.evaluate(_EXPLORER_REPORT)["legend"].split("|")
        assert legend[-1] == ls.REGIONS_LABEL, f"{page}: legend {legend}"
    # chapter 5's explorer has a right and a swapped state; the playground's shifted
    # blobs send the boundary out of the plot
    assert any({"right", "swapped"} <= set(k) for k in kinds), f"{page}: states {kinds}"
    assert any("outside" in k for k in kinds) == (page == "notebooks/06_playground"), kinds


@pytest.mark.browser
@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_a_cost_that_is_zero_in_the_data_is_said_as_below_1e_45_on_the_floor(
        explorer_page, page_html, page):
    """A float32 cost of 0 (shifted blobs, alpha >= 1, from epoch 86 or 87 on) is written
    "cost < 1e-45" above the panel and in its description, which says that the curve lies
    on the bottom edge; no "cost 0" anywhere."""
    result = explorer_page(page, 1280)
    found = []
    for index, payload in enumerate(explorer_payloads(page_html[page])):
        count, steps = len(decoded(payload, "alphas", "f4")), payload["max_epochs"] + 1
        cost = decoded(payload, "cost", "f4").reshape(count, steps)
        zeros = [(a, e) for a in range(count) for e in payload["epoch_stops"] if cost[a, e] == 0]
        found.append(bool(zeros))
        if not zeros:
            continue
        root = _explorers(result).nth(index)
        alpha_index, epoch = zeros[0]
        result.page.evaluate("() => { window.canvasTexts = []; }")
        root.evaluate(_SET_STATE, [alpha_index, epoch])
        texts = [t["text"] for t in result.page.evaluate("() => window.canvasTexts")
                 if t["canvas"] == "gd-cost"]
        title = next(t for t in texts if t.startswith("\u03b1 = "))
        assert title.endswith(f"epoch {epoch}, cost < 1e-45"), title
        label = root.evaluate(_EXPLORER_REPORT)["canvases"][1]["label"]
        assert f"< 1e-45 (on the bottom edge) after {epoch} epochs" in label, label
        assert "cost 0" not in " ".join(texts) and " 0 after" not in label, (texts, label)
        root.evaluate(_SET_STATE, [payload["alpha_index"], payload["epochs"]])
    assert found == {"notebooks/05_gradient_descent": [False],
                     "notebooks/06_playground": [False, True]}[page], found


@pytest.mark.browser
@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_the_cost_description_names_the_last_epoch_once_and_readouts_are_not_live(
        explorer_page, page_html, page):
    """At the last epoch the cost panel's description does not repeat "after 1000
    epochs"; before it, it gives the cost then and at the end. The <output> readouts,
    implicit live regions, are silenced (aria-live="off"): the sliders' aria-valuetext
    already says the value."""
    result = explorer_page(page, 1280)
    for index, payload in enumerate(explorer_payloads(page_html[page])):
        root = _explorers(result).nth(index)
        last = payload["max_epochs"]
        for epoch, times in [(payload["epochs"], 1), (last, 1)]:
            root.evaluate(_SET_STATE, [payload["alpha_index"], epoch])
            label = root.evaluate(_EXPLORER_REPORT)["canvases"][1]["label"]
            assert label.count(f"after {last} epochs") == times, label
            assert label.count(" after ") == (1 if epoch == last else 2), label
        outputs = root.evaluate(
            "(r) => Array.from(r.querySelectorAll('output'), (o) => o.getAttribute('aria-live'))")
        assert outputs == ["off", "off"], f"{page}, explorer {index + 1}: {outputs}"
        root.evaluate(_SET_STATE, [payload["alpha_index"], payload["epochs"]])



# ------------------------------------------------ the batch-size explorer (chapter 12)
#
# Chapter 12's explorer (GradientDescentExplorer(batch_sizes=(1, 10, 50, None))) has a
# third slider between the learning rate and the epochs: the batch size. Its data hold
# one path per learning rate and batch size; the slider moves by drag, keyboard and
# step buttons at 1280 and 390 px, and its readout, its spoken value, both pictures'
# descriptions and the pictures themselves follow it.

_BATCH_CALL = re.compile(
    r"\.widget\(alpha=([0-9.e-]+), epochs=(\d+), batch_size=(\d+|None)\)")
_BATCH_SLIDERS = ["gd-alpha", "gd-batch", "gd-epochs"]
_PICTURES = """(root) => Array.from(root.querySelectorAll('canvas'),
    (canvas) => canvas.toDataURL())"""


def batch_explorer_starts(page):
    """(alpha, epochs, batch size) of each ``.widget(...)`` call of the page's notebook."""
    notebook = json.loads((ROOT / f"{page}.ipynb").read_text(encoding="utf-8"))
    return [(float(alpha), int(epochs), None if batch == "None" else int(batch))
            for cell in notebook["cells"] if cell["cell_type"] == "code"
            for alpha, epochs, batch in _BATCH_CALL.findall("".join(cell["source"]))]


def _batch_words(batch, m):
    """(readout, aria-valuetext, the pictures' descriptions) of a batch size."""
    if batch is None:
        return f"full ({m})", f"full batch, {m} rows", f" and the full batch of {m} rows"
    return str(batch), f"batch size {batch}", f" and batch size {batch}"


def _check_batch_state(report, payload, what):
    """Readouts, spoken values and descriptions agree with the three sliders."""
    alpha_slider, batch_slider, epochs_slider = report["sliders"]
    assert [s["cls"] for s in report["sliders"]] == _BATCH_SLIDERS, what
    assert [s["label"] for s in report["sliders"]] == [
        "learning rate \u03b1", "batch size", "epochs"], what
    alpha = float(f"{decoded(payload, 'alphas', 'f4')[alpha_slider['value']]:.6g}")
    batch = payload["batch_sizes"][batch_slider["value"]]
    epochs = report["stops"][epochs_slider["value"]]
    readout, valuetext, words = _batch_words(batch, payload["m"])
    assert batch_slider["readout"] == readout, f"{what}: readout {batch_slider['readout']}"
    assert batch_slider["valuetext"] == valuetext, f"{what}: {batch_slider['valuetext']}"
    assert alpha_slider["readout"] == f"{alpha:g}", what
    assert epochs_slider["readout"] == str(epochs), what
    data_label, cost_label = (canvas["label"] for canvas in report["canvases"])
    state = f"after {epochs} {_unit(epochs)} with learning rate \u03b1 = {alpha:g}{words}."
    assert state in data_label, f"{what}: the data panel is described as {data_label!r}"
    assert f"learning rate \u03b1 = {alpha:g}{words}," in cost_label, (
        f"{what}: the cost panel is described as {cost_label!r}")
    return alpha, batch, epochs


@pytest.fixture(scope="module")
def batch_page_html(built_html):
    return {page: (built_html / html_path(page)).read_text(encoding="utf-8")
            for page in BATCH_EXPLORER_PAGES}  # fmt: skip


@pytest.mark.parametrize("page", BATCH_EXPLORER_PAGES)
def test_batch_explorers_store_a_path_per_rate_and_batch_size(built_html, batch_page_html,
                                                              page):
    html = batch_page_html[page]
    blocks = _EXPLORER_DIV.findall(html)
    assert len(blocks) == BATCH_EXPLORER_PAGES[page], f"{page}.html: {len(blocks)} explorers"
    assert not [mark for mark in _WIDGET_MARKS if mark in html], page
    shared = sum((built_html / "_static" / name).stat().st_size for name in _EXPLORER_FILES)
    assert all(len(block.encode("utf-8")) + shared <= MAX_EXPLORER_BYTES for block in blocks)
    payloads, starts = explorer_payloads(html), batch_explorer_starts(page)
    assert len(payloads) == len(starts) == len(blocks)
    for payload, (alpha, epochs, batch) in zip(payloads, starts):
        alphas = decoded(payload, "alphas", "f4")
        assert alphas[payload["alpha_index"]] == np.float32(alpha)
        assert payload["epochs"] == epochs
        assert payload["batch_sizes"][payload["batch_index"]] == batch
        assert payload["batch_sizes"][-1] is None, "the full batch comes last"
        count, sizes = len(alphas), len(payload["batch_sizes"])
        steps = payload["max_epochs"] + 1
        assert decoded(payload, "W", "f4").size == count * sizes * steps * 3
        assert decoded(payload, "cost", "f4").size == count * sizes * steps


@pytest.mark.browser
@pytest.mark.parametrize("width", EXPLORER_CONTEXTS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize("page", BATCH_EXPLORER_PAGES)
def test_the_batch_slider_moves_by_keyboard_buttons_and_drag_and_changes_the_picture(
        explorer_page, page, width):
    result = explorer_page(page, width)
    page_ = result.page
    cdp = page_.context.new_cdp_session(page_)
    try:
        for index, start in enumerate(batch_explorer_starts(page)):
            root = _explorers(result).nth(index)
            payload = root.evaluate(
                "(r) => JSON.parse(r.querySelector('script.gd-explorer-data').textContent)")
            what = f"{page} at {width} px, explorer {index + 1}"
            report = root.evaluate(_EXPLORER_REPORT)
            assert not report["fallback_shown"], what
            assert _check_batch_state(report, payload, what) == start, what
            opening = root.evaluate(_PICTURES)
            slider = root.locator("input.gd-batch")
            slider.focus()
            node = _ax_node(cdp, "document.activeElement")
            assert node["role"]["value"] == "slider", what
            assert node["name"]["value"] == "batch size", f"{what}: named {node['name']}"
            last = len(payload["batch_sizes"]) - 1
            seen = {}
            for key, expected in [("End", last), ("Home", 0), ("ArrowRight", 1)]:
                page_.keyboard.press(key)
                focused = page_.evaluate(_FOCUSED)
                assert focused["value"] == expected, f"{what}: {key} gave {focused['value']}"
                assert focused["focus_ring"], f"{what}: no visible focus ring"
                report = root.evaluate(_EXPLORER_REPORT)
                _check_batch_state(report, payload, f"{what} after {key}")
                seen[expected] = root.evaluate(_PICTURES)
            # another batch size, another picture; back at the opening one, the same
            assert seen[last][1] != opening[1] and seen[0][1] != opening[1], what
            assert seen[last][0] != seen[0][0], f"{what}: the data panel did not change"
            if payload["batch_index"] == 1:
                assert seen[1] == opening, f"{what}: the opening state is drawn differently"
            # the step buttons: 44 px targets with names, one position per tap
            minus, plus = (root.locator(f'button[data-for="{slider.get_attribute("id")}"]'
                                        f'[data-step="{step}"]') for step in (-1, 1))
            for button in (minus, plus):
                box = button.bounding_box()
                assert box["width"] >= 44 and box["height"] >= 44, f"{what}: {box}"
                assert button.get_attribute("aria-label") in ("smaller batch", "larger batch")
            for button, expected in [(plus, 2), (plus, 3), (plus, 3), (minus, 2)]:
                button.tap() if width == 390 else button.click()
                report = root.evaluate(_EXPLORER_REPORT)
                assert report["sliders"][1]["value"] == expected, what
                _check_batch_state(report, payload, f"{what} after a step button")
            # a drag on the track from 1/10 to 3/4 of it: about 3/4 of the range
            slider.scroll_into_view_if_needed()
            box = slider.bounding_box()
            y = box["y"] + box["height"] / 2
            page_.mouse.move(box["x"] + 0.1 * box["width"], y)
            page_.mouse.down()
            for step in range(1, 11):
                page_.mouse.move(box["x"] + (0.1 + 0.065 * step) * box["width"], y)
            page_.mouse.up()
            report = root.evaluate(_EXPLORER_REPORT)
            assert abs(report["sliders"][1]["value"] - 0.75 * last) <= 1, what
            _check_batch_state(report, payload, f"{what} after a drag")
            # the layout: nothing overflows; on a phone every slider spans the explorer;
            # wide, the rate and the batch size side by side and the epochs below
            boxes = [s["box"] for s in report["sliders"]]
            assert report["scroll"][0] <= report["scroll"][1], f"{what}: scrolls sideways"
            assert report["widest"] <= report["root"]["right"] + 0.5, f"{what}: overflows"
            if width == 390:
                assert all(b["width"] >= report["root"]["width"] - 1 >= 300 for b in boxes)
            else:
                assert boxes[0]["top"] == boxes[1]["top"] < boxes[2]["top"], what
                assert boxes[2]["width"] > boxes[0]["width"] + boxes[1]["width"], what
            # the text drawn for a state is as large as elsewhere
            page_.evaluate("() => { window.canvasTexts = []; }")
            root.evaluate(_SET_STATE, [payload["alpha_index"], payload["epochs"]])
            texts = page_.evaluate("() => window.canvasTexts")
            small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < MIN_TEXT_PX]
            assert texts and not small, f"{what}: small text {small}"
    finally:
        cdp.detach()
    assert not result.external_requests, f"{page}: requests to other hosts"
    # this test's own pixel reads (the report's ink count, many times over) make
    # Chromium suggest willReadFrequently; the explorer itself reads no pixels
    errors = [e for e in result.errors if "willReadFrequently" not in e]
    assert not errors, f"{page} at {width} px: console errors or warnings {errors}"



# ------------------------------------------------ accessibility: axe-core audit
#
# Every page of the built site, offline, at a desktop width and at a phone width, is
# audited by axe-core (fetched by tools/fetch_axe.sh into vendor/axe-core/ and injected
# from that local file) against WCAG 2.0 and 2.1, levels A and AA. Any violation fails,
# with the rule, its impact and the elements it fired on. Nothing is excluded and no
# rule is disabled: a violation is fixed where it arises (the theme's and the Sphinx
# extensions' markup in tools/sphinx_ext/book_a11y.py, colours in tools/static/book.css).

AXE_JS = ROOT / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_CONTEXTS = {  # width -> Playwright browser-context options
    1280: {"viewport": {"width": 1280, "height": 900}},
    390: {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
EXPLORERS_TIMEOUT_MS = 20_000
MAX_NODES_SHOWN = 8  # elements listed per rule in a failure message
MAX_TARGET_CHARS = 110  # a longer CSS selector is shown by its start and its end
# Pages Sphinx writes besides the toc pages; index.html, the redirect to the root page
# written by sphinx-external-toc, is audited as "index" (its redirect held back).
SITE_PAGES = ["search"]  # no genindex.html: html_use_index is false in _config.yml
AUDITED_PAGES = PAGES + SITE_PAGES + ["index"]

_AXE_RUN = """async (tags) => {
    const results = await axe.run(document, {
        runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    const short = (text, length) => text.replace(/\\s+/g, ' ').slice(0, length);
    return {version: axe.version, url: results.url,
            violations: results.violations.map((rule) => ({
                id: rule.id, impact: rule.impact, help: rule.help,
                nodes: rule.nodes.map((node) => ({
                    target: node.target.map((part) => [].concat(part).join(' >>> '))
                        .join(' '),
                    html: short(node.html, 140),
                    why: short([...node.any, ...node.all, ...node.none]
                        .map((check) => check.message).join('; '), 200)}))}))};
}"""

@pytest.fixture(scope="session")
def axe_audit(browser, site_url):
    """axe_audit(page_path, width) -> axe's result for the page as a reader sees it."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS.relative_to(ROOT)} is missing: run `bash tools/fetch_axe.sh`")

    def audit(page_path, width):
        url = urljoin(site_url, html_path(page_path))
        context = browser.new_context(**AXE_CONTEXTS[width], service_workers="block")
        try:
            def route(route):  # the network is OFF; the stub's redirect is held back
                request = route.request
                redirect = (page_path == "index" and request.is_navigation_request()
                            and request.url != url)  # fmt: skip
                if _is_local(request.url) and not redirect:
                    route.continue_()
                else:
                    route.abort("aborted" if redirect else "internetdisconnected")

            context.route("**/*", route)
            page = context.new_page()
            page.goto(url, wait_until="load")
            _wait_for_mathjax(page, [])
            page.evaluate(_WAIT_FOR_IMAGES, IMAGES_TIMEOUT_MS)
            page.wait_for_function(_EXPLORERS_DRAWN, timeout=EXPLORERS_TIMEOUT_MS)
            page.add_script_tag(path=str(AXE_JS))
            return page.evaluate(_AXE_RUN, AXE_TAGS)
        finally:
            context.close()

    return audit


def describe_violations(violations):
    """One block per rule (id, impact, count, help), then each element: where, what, why."""
    lines = []
    for rule in violations:
        nodes = rule["nodes"]
        lines.append(f"{rule['id']} ({rule['impact']}) x{len(nodes)}: {rule['help']}")
        for node in nodes[:MAX_NODES_SHOWN]:
            target = node["target"]
            if len(target) > MAX_TARGET_CHARS:
                target = f"{target[:40]} ... {target[40 - MAX_TARGET_CHARS:]}"
            lines += [f"  - {target}", f"      {node['html']}", f"      {node['why']}"]
        if len(nodes) > MAX_NODES_SHOWN:
            lines.append(f"    ... and {len(nodes) - MAX_NODES_SHOWN} more")
    return "\n".join(lines)


def test_the_accessibility_audit_covers_every_built_page(built_html):
    built = sorted(
        path.relative_to(built_html).with_suffix("").as_posix()
        for path in built_html.rglob("*.html")
        if path.relative_to(built_html).parts[0] not in {"_static", "_sources"}
    )
    assert built == sorted(AUDITED_PAGES), (
        f"built pages {sorted(set(built) - set(AUDITED_PAGES))} are not audited and "
        f"audited pages {sorted(set(AUDITED_PAGES) - set(built))} were not built "
        "(update SITE_PAGES)"
    )


@pytest.mark.browser
def test_index_html_redirects_to_the_root_page(browser, site_url):
    """index.html (audited above with its redirect held back) leads to the book."""
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    try:
        page = context.new_page()
        page.goto(urljoin(site_url, "index.html"))
        page.wait_for_url(urljoin(site_url, html_path(toc()["root"])), timeout=10_000)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", AXE_CONTEXTS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize("page_path", AUDITED_PAGES)
def test_page_has_no_wcag_2_a_or_aa_violations(axe_audit, page_path, width):
    """axe-core finds no WCAG 2.0/2.1 A or AA violation, at 1280 px and at 390 px."""
    result = axe_audit(page_path, width)
    violations = result["violations"]
    if violations:
        count = sum(len(rule["nodes"]) for rule in violations)
        pytest.fail(
            f"{result['url']} at {width} px: {count} WCAG 2 A/AA violation(s) found by "
            f"axe-core {result['version']}:\n" + describe_violations(violations),
            pytrace=False,
        )


# ------------------------- coding exercises as a student meets them (student_view)
#
# The site shows each coding exercise's starter cell with `# YOUR CODE HERE` and the
# self-check's "Not answered yet"; the solution code only inside the folded solution
# (tools/sphinx_ext/student_view.py). The solution lines come from the instructor
# notebooks, so these tests fail on a site that renders them as they are.

_SOLUTION_CODE = re.compile(
    r"^[ \t]*### BEGIN SOLUTION[ \t]*\n(.*?)^[ \t]*### END SOLUTION[ \t]*$", re.M | re.S
)
_SOLUTION_DIRECTIVE = re.compile(
    r"^[ \t]*(`{3,}|:{3,})[ \t]*\{solution\}.*?^[ \t]*\1[ \t]*$", re.M | re.S
)


def _coding_exercises(page_path):
    """{exercise label: solution code lines that the chapter shows nowhere else}."""
    notebook = json.loads((ROOT / f"{page_path}.ipynb").read_text(encoding="utf-8"))
    cells = [("".join(cell["source"]), cell) for cell in notebook["cells"]]
    public = "\n".join(_SOLUTION_CODE.sub("", _SOLUTION_DIRECTIVE.sub("", text))
                       for text, _ in cells)  # fmt: skip
    exercises = {}
    for text, cell in cells:
        if "exercise-starter" in cell["metadata"].get("tags", []):
            label = cell["metadata"]["nbgrader"]["grade_id"].removesuffix("-code")
            exercises[label] = [
                line.strip() for block in _SOLUTION_CODE.findall(text)
                for line in block.splitlines()
                if len(line.strip()) >= 12 and not line.strip().startswith("#")
                and line.strip() not in public
            ]  # fmt: skip
    return exercises


CODING_EXERCISE_PAGES = [page for page in NOTEBOOK_PAGES
                         if (ROOT / f"{page}.ipynb").is_file() and _coding_exercises(page)]

_VISIBLE_TEXT = "() => (document.querySelector('article') || document.body).innerText"


def test_every_chapter_has_a_coding_exercise_to_check():
    assert len(CODING_EXERCISE_PAGES) >= 11, CODING_EXERCISE_PAGES
    assert all(all(lines) for page in CODING_EXERCISE_PAGES
               for lines in _coding_exercises(page).values()), "an exercise without lines"


@pytest.mark.parametrize("page", CODING_EXERCISE_PAGES)
def test_downloaded_notebook_is_the_one_the_page_shows(built_html, page):
    text = (built_html / "_sources" / f"{page}.ipynb").read_text(encoding="utf-8")
    notebook = json.loads(text)
    starters = ["".join(cell["source"]) for cell in notebook["cells"]
                if "exercise-starter" in cell["metadata"].get("tags", [])]  # fmt: skip
    assert starters and all("# YOUR CODE HERE" in s for s in starters), starters
    assert "BEGIN SOLUTION" not in text and "student_edition" not in text
    outside = "\n".join(_SOLUTION_DIRECTIVE.sub("", "".join(cell["source"]))
                        for cell in notebook["cells"])  # fmt: skip
    leaked = [line for lines in _coding_exercises(page).values() for line in lines
              if line in outside]  # fmt: skip
    assert not leaked, f"_sources/{page}.ipynb shows solution code: {leaked}"


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390], ids=lambda width: f"{width}px")
@pytest.mark.parametrize("page", CODING_EXERCISE_PAGES)
def test_solution_code_is_visible_only_in_the_opened_solution(browser, site_url, page, width):
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  service_workers="block")  # fmt: skip
    context.route("**/*", lambda route: route.continue_() if _is_local(route.request.url)
                  else route.abort("internetdisconnected"))  # fmt: skip
    try:
        browser_page = context.new_page()
        browser_page.goto(urljoin(site_url, html_path(page)), wait_until="load")
        exercises = _coding_exercises(page)
        # sphinx-togglebutton folds the dropdowns once its script has run
        browser_page.wait_for_selector(".solution.dropdown.toggle-hidden", state="attached")
        starters = browser_page.locator(".cell.tag_exercise-starter")
        assert starters.count() == len(exercises), f"{page}: {starters.count()} starters"
        for index in range(starters.count()):
            starter = starters.nth(index).inner_text()
            assert "# YOUR CODE HERE" in starter, f"{page}: starter cell:\n{starter}"
        checks = browser_page.locator(".cell.tag_self-check .cell_output")
        assert checks.count() == len(exercises), f"{page}: {checks.count()} self-checks"
        # the self-checks' code (the expected answers) is not on the page, not even folded
        sources = browser_page.locator(".cell.tag_self-check .cell_input")
        assert sources.count() == 0, f"{page}: {sources.count()} self-check sources shown"
        for index in range(checks.count()):
            output = checks.nth(index).inner_text()
            assert "Not answered yet" in output and "Correct" not in output, (
                f"{page}: a self-check on the site says:\n{output}"
            )
        closed = browser_page.evaluate(_VISIBLE_TEXT)
        shown = [line for lines in exercises.values() for line in lines if line in closed]
        assert not shown, f"{page} at {width} px shows solution code: {shown}"
        for label, lines in exercises.items():
            box = browser_page.locator(
                f'.solution.dropdown:has(.admonition-title a[href="#{label}"])')
            assert box.count() == 1, f"{page}: no folded solution for {label}"
            code = box.locator("pre").first
            assert not code.is_visible(), f"{page}: the solution of {label} is open"
            box.locator("button.toggle-button").click()
            code.wait_for(state="visible", timeout=RESPONSE_TIMEOUT_MS)
            opened = box.inner_text()
            missing = [line for line in lines if line not in opened]
            assert not missing, f"{page}: the opened solution of {label} lacks {missing}"
    finally:
        context.close()


# ------------------------- a phone reader: navigation, no sideways scroll, light pages
#
# At 390 px (a phone, touch) and 1280 px, offline. The sidebar toggles are the theme's
# buttons as fixed by tools/sphinx_ext/book_site.py (one of each per page, bound by the
# theme's scripts); the weights are measured by tools/page_weights.py, which also
# prints them (`python -m tools.page_weights`): every response's decoded body bytes,
# from navigation until MathJax has typeset, the images have loaded and the network is
# idle.

PHONE_WIDTH = 390
NAV_WIDTHS = [1280, PHONE_WIDTH]
WIDE_SIDEBAR_MIN_PX = 992  # from this width the theme shows the sidebar beside the text
# a page without contents (the root), chapters with contents, a page with a long table
NAV_PAGES = [toc()["root"], "notebooks/02_sigmoid", "book/teaching"]
PAGE_GOAL_BYTES = 2_500_000
EXPLORER_PAGE_GOAL_BYTES = 5_000_000
SITE_GOAL_BYTES = 25_000_000
WEIGHED_PAGES = PAGES + SITE_PAGES  # index.html only redirects to the root page
TOGGLE_TIMEOUT_MS = 5_000
SEARCH_TIMEOUT_MS = 15_000


def _offline_context(browser, width):
    context = browser.new_context(**page_weights.WIDTHS[width], service_workers="block")
    context.route("**/*", lambda route: route.continue_() if _is_local(route.request.url)
                  else route.abort("internetdisconnected"))  # fmt: skip
    return context


@contextlib.contextmanager
def _offline_page(browser, width):
    """A page in its own offline context (`width` px wide), closed after the block."""
    context = _offline_context(browser, width)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="module")
def phone_visit(browser, site_url):
    """phone_visit(page_path) -> (Playwright page at 390 px, [errors and warnings])."""
    visits, contexts = {}, []

    def open_page(page_path):
        if page_path not in visits:
            context = _offline_context(browser, PHONE_WIDTH)
            contexts.append(context)
            page = context.new_page()
            problems = []
            page.on("pageerror", lambda error: problems.append(f"error: {error}"))
            page.on("console", lambda message: problems.append(
                f"{message.type}: {message.text}")
                if message.type in {"error", "warning"} else None)  # fmt: skip
            page.goto(urljoin(site_url, html_path(page_path)), wait_until="load")
            mathjax_problem = _wait_for_mathjax(page, [])
            if mathjax_problem:
                problems.append(mathjax_problem)
            page.evaluate(_WAIT_FOR_IMAGES, IMAGES_TIMEOUT_MS)
            visits[page_path] = (page, problems)
        return visits[page_path]

    yield open_page
    for context in contexts:
        context.close()


# the outermost elements that stick out of the viewport and are not inside a box that
# scrolls or clips: what makes the page scroll sideways
_SIDEWAYS_CULPRITS = r"""(width) => {
    const found = [];
    for (const el of document.querySelectorAll('body *')) {
        const box = el.getBoundingClientRect();
        if (box.right <= width + 1 || el.classList.contains('skip-link')) continue;
        let parent = el.parentElement, clipped = false;
        while (parent && parent !== document.body && !clipped) {
            clipped = getComputedStyle(parent).overflowX !== 'visible';
            parent = parent.parentElement;
        }
        if (!clipped) found.push(`${el.tagName.toLowerCase()}.${el.className} ends at `
            + `${Math.round(box.right)} px: ${(el.textContent || '').trim().slice(0, 60)}`);
    }
    return found.slice(0, 8);
}"""


@pytest.mark.browser
@pytest.mark.parametrize("page_path", WEIGHED_PAGES)
def test_no_page_scrolls_sideways_at_390_px(phone_visit, page_path):
    page, _ = phone_visit(page_path)
    assert page.viewport_size["width"] == PHONE_WIDTH
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE_WIDTH, (
        f"{page_path}.html is {width} px wide at {PHONE_WIDTH} px, so it scrolls sideways; "
        "what sticks out:\n" + "\n".join(page.evaluate(_SIDEWAYS_CULPRITS, PHONE_WIDTH))
    )


@pytest.mark.browser
@pytest.mark.parametrize("page_path", WEIGHED_PAGES)
def test_page_has_no_javascript_errors_or_console_warnings_at_390_px(phone_visit, page_path):
    _, problems = phone_visit(page_path)
    assert not problems, f"{page_path}.html at {PHONE_WIDTH} px:\n" + "\n".join(problems)


def _close_dialog_by_tapping_beside_it(page, dialog, width):
    """Tap the backdrop next to an open sidebar dialog (what closes it on a phone)."""
    box = dialog.bounding_box()
    right_gap = width - (box["x"] + box["width"])
    x = box["x"] + box["width"] + right_gap / 2 if right_gap > box["x"] else box["x"] / 2
    page.mouse.click(x, box["y"] + box["height"] / 2)


@pytest.mark.browser
@pytest.mark.parametrize("width", NAV_WIDTHS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize("page_path", NAV_PAGES)
def test_sidebar_toggles_open_and_close_the_sidebars(browser, site_url, page_path, width):
    """The ☰ button shows and hides the book's navigation; the contents button shows the
    page's contents where the page has them (at 1280 px they are shown beside the text)."""
    with _offline_page(browser, width) as page:
        page.goto(urljoin(site_url, html_path(page_path)), wait_until="load")
        what = f"{page_path}.html at {width} px"
        for kind in ("primary", "secondary"):
            count = page.locator(f".{kind}-toggle").count()
            assert count == 1, f"{what}: {count} .{kind}-toggle buttons (the theme binds one)"
        toggle, nav = page.locator(".primary-toggle"), page.locator("nav.bd-docs-nav")
        assert toggle.is_visible(), f"{what}: no visible sidebar toggle"
        if width >= WIDE_SIDEBAR_MIN_PX:  # shown beside the text: the toggle hides it
            assert nav.is_visible(), f"{what}: the sidebar is not shown at first"
            toggle.click()
            nav.wait_for(state="hidden", timeout=TOGGLE_TIMEOUT_MS)
            toggle.click()
            nav.wait_for(state="visible", timeout=TOGGLE_TIMEOUT_MS)
        else:  # hidden: the toggle opens it over the page, tapping beside it closes it
            assert not nav.is_visible(), f"{what}: the sidebar is shown at first"
            toggle.click()
            nav.wait_for(state="visible", timeout=TOGGLE_TIMEOUT_MS)
            _close_dialog_by_tapping_beside_it(
                page, page.locator("#pst-primary-sidebar-modal"), width)
            nav.wait_for(state="hidden", timeout=TOGGLE_TIMEOUT_MS)
        contents = page.locator("nav.page-toc")
        if contents.locator("a").count() == 0:
            return  # a page without sections has no contents to open
        if contents.is_visible():
            assert width >= WIDE_SIDEBAR_MIN_PX, f"{what}: contents shown over the page"
            return
        page.locator(".secondary-toggle").click()
        contents.wait_for(state="visible", timeout=TOGGLE_TIMEOUT_MS)
        _close_dialog_by_tapping_beside_it(
            page, page.locator("#pst-secondary-sidebar-modal"), width)
        contents.wait_for(state="hidden", timeout=TOGGLE_TIMEOUT_MS)


_ICON_REPORT = """() => ({
    fonts: Array.from(document.fonts).filter((font) => font.family.includes('Font Awesome')
        && font.status === 'loaded').map((font) => font.family),
    icons: Array.from(document.querySelectorAll('i[class*="fa-"], span[class*="fa-"]'))
        .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility
                        === 'visible')
        .map((el) => { const glyph = getComputedStyle(el, '::before');
            return {icon: el.className, glyph: glyph.content, font: glyph.fontFamily,
                    width: el.getBoundingClientRect().width}; }),
    scripts: Array.from(document.scripts).map((script) => script.src)
        .filter((src) => src.includes('fontawesome')),
})"""


@pytest.mark.browser
@pytest.mark.parametrize("page_path", PAGES)
def test_icons_are_drawn_by_the_style_sheet_without_fontawesome_js(visit, page_path):
    """book_site drops the 1.5 MB fontawesome.js: every shown icon still has its glyph."""
    result = visit(page_path)
    report = result.page.evaluate(_ICON_REPORT)
    assert not report["scripts"], f"{result.url} still loads {report['scripts']}"
    assert report["icons"], f"{result.url}: no icon shown (the header buttons have icons)"
    blank = [icon for icon in report["icons"] if icon["glyph"] in {"none", "normal", '""'}
             or "Font Awesome" not in icon["font"] or icon["width"] <= 0]  # fmt: skip
    assert not blank, f"{result.url}: icons drawn without a glyph: {blank}"
    assert report["fonts"], f"{result.url}: no Font Awesome font loaded"


@pytest.mark.browser
@pytest.mark.parametrize("width", NAV_WIDTHS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize("page_path", WEIGHED_PAGES)
def test_page_weighs_no_more_than_its_goal(browser, site_url, page_path, width):
    """Every request counted: chapter and other pages <= 2.5 MB, explorer pages <= 5 MB."""
    url = urljoin(site_url, html_path(page_path))
    sizes = page_weights.page_weight(browser, url, width)
    assert sizes.get(url), f"{url}: the page itself was not counted"
    total = sum(sizes.values())
    goal = EXPLORER_PAGE_GOAL_BYTES if page_path in ALL_EXPLORER_PAGES else PAGE_GOAL_BYTES
    largest = sorted(sizes.items(), key=lambda item: -item[1])[:6]
    assert total <= goal, (
        f"{page_path}.html at {width} px weighs {total:,} bytes (goal {goal:,}); largest:\n"
        + "\n".join(f"  {size:>10,} {name.removeprefix(site_url)}" for name, size in largest)
    )


def test_the_site_weighs_no_more_than_25_mb(built_html):
    size = page_weights.site_size(built_html)
    largest = sorted(((path.stat().st_size, path.relative_to(built_html).as_posix())
                      for path in built_html.rglob("*") if path.is_file()), reverse=True)[:8]
    assert 0 < size <= SITE_GOAL_BYTES, (
        f"_build/html holds {size:,} bytes (goal {SITE_GOAL_BYTES:,}); largest files:\n"
        + "\n".join(f"  {bytes_:>10,} {name}" for bytes_, name in largest)
    )


def test_only_the_mathjax_files_the_pages_load_are_shipped(built_html):
    """startup.js and its components, the TeX extensions, the fonts: not all of MathJax."""
    mathjax = built_html / "_static" / "mathjax"
    shipped = {path.relative_to(mathjax).parts[0] for path in mathjax.rglob("*.js")}
    assert (mathjax / "startup.js").is_file() and (mathjax / "input" / "tex.js").is_file()
    assert not (mathjax / "tex-chtml-full.js").exists() and "sre" not in shipped, shipped


# ---------------- a phone reader: formulas, solution titles, the sidebars' links
#
# At 390 px every formula can be read: one wider than its box scrolls inside it
# (tools/static/book.css) and can be focused to scroll by keyboard
# (tools/sphinx_ext/static/book-math-focus.js), also inside the opened solutions. A tap
# anywhere on a solution's title opens it in place (book.css). A tap on a link to the
# page itself in a sidebar dialog closes the dialog (tools/sphinx_ext/static/book-site.js).

# chapter 7 opens with z = log(p/(1-p)) = w0 + w1 x1 + ..., wider than a phone
LONG_INLINE_FORMULA_PAGE = "notebooks/07_strengths_and_limits"
SOLUTION_TITLE_PAGE = "notebooks/02_sigmoid"

_OPEN_SOLUTIONS = """() => document.querySelectorAll(
    '.solution.dropdown.toggle-hidden .admonition-title .toggle-button')
    .forEach((button) => button.click())"""
_TWO_FRAMES = """() => new Promise((done) =>
    requestAnimationFrame(() => requestAnimationFrame(done)))"""
# every formula wider than its box (span.math for inline ones, which the theme clips;
# the display ones' mjx-container): "scrollable" if the box scrolls and can be focused,
# else "clipped". The formula's width is its mjx-math's: the box's scrollWidth also
# counts MathJax's hidden MathML for screen readers, a few pixels wider.
_WIDE_FORMULAS = r"""() => {
    const found = {clipped: [], scrollable: [], inline: 0};
    for (const formula of document.querySelectorAll('mjx-container > mjx-math')) {
        const box = formula.closest('span.math') || formula.parentElement;
        if (!box.getClientRects().length) continue;  // in a folded box
        const more = formula.getBoundingClientRect().width - box.clientWidth;
        if (more <= 1) continue;
        const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX)
            && box.scrollWidth > box.clientWidth;
        const mml = box.querySelector('mjx-assistive-mml');
        const what = `${box.tagName.toLowerCase()}.${box.className} (${Math.round(more)} `
            + `px more): ` + (mml || box).textContent.trim().slice(0, 50);
        if (scrolls && box.tabIndex >= 0) {
            found.scrollable.push(what);
            if (box.matches('span.math')) found.inline += 1;
        } else found.clipped.push(what);
    }
    return found;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("page_path", PAGES)
def test_every_formula_can_be_read_at_390_px_with_the_solutions_open(
        browser, site_url, page_path):
    with _offline_page(browser, PHONE_WIDTH) as page:
        page.goto(urljoin(site_url, html_path(page_path)), wait_until="load")
        assert not _wait_for_mathjax(page, [])
        page.evaluate(_OPEN_SOLUTIONS)
        assert page.locator(".solution.dropdown.toggle-hidden").count() == 0
        page.evaluate(_TWO_FRAMES)  # the focus script's ResizeObserver has run
        found = page.evaluate(_WIDE_FORMULAS)
        assert not found["clipped"], (
            f"{page_path}.html at {PHONE_WIDTH} px, solutions open: formulas cut off "
            "that cannot be scrolled or focused:\n" + "\n".join(found["clipped"]))
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= PHONE_WIDTH, (
            f"{page_path}.html with its solutions open is {width} px wide:\n"
            + "\n".join(page.evaluate(_SIDEWAYS_CULPRITS, PHONE_WIDTH)))
        if page_path == LONG_INLINE_FORMULA_PAGE:
            assert found["inline"], f"{page_path}: no inline formula scrolls at 390 px"
            box = page.locator("span.math.book-math-wide[tabindex='0']").first
            box.focus()
            page.keyboard.press("ArrowRight")  # scrolls smoothly: wait for it
            page.wait_for_function("(el) => el.scrollLeft > 0", arg=box.element_handle(),
                                   timeout=TOGGLE_TIMEOUT_MS)


@pytest.mark.browser
@pytest.mark.parametrize("width", NAV_WIDTHS, ids=lambda width: f"{width}px")
def test_a_tap_anywhere_on_a_solution_title_opens_it_in_place(browser, site_url, width):
    """Most of the title is sphinx-exercise's link to the exercise: it must not jump."""
    with _offline_page(browser, width) as page:
        url = urljoin(site_url, html_path(SOLUTION_TITLE_PAGE))
        page.goto(url, wait_until="load")
        page.wait_for_selector(".solution.dropdown.toggle-hidden", state="attached")
        box = page.locator(".solution.dropdown").first
        link = box.locator(".admonition-title a").first
        button = box.locator("button.toggle-button")
        # by keyboard: the fold button is named after its solution, the link is skipped
        page.wait_for_function("() => document.querySelector('.solution.dropdown "
                               "button.toggle-button[aria-label^=\"Solution to\"]')",
                               timeout=TOGGLE_TIMEOUT_MS)
        label = button.get_attribute("aria-label")
        assert re.fullmatch(r"Solution to Exercise \d+\.\d+ \(.+\)", label), label
        assert link.get_attribute("tabindex") == "-1", "the title's link is in the tab order"
        link.scroll_into_view_if_needed()
        before = page.evaluate("window.scrollY")
        area = link.bounding_box()
        point = (area["x"] + area["width"] / 2, area["y"] + area["height"] / 2)
        tap = page.touchscreen.tap if width == PHONE_WIDTH else page.mouse.click
        is_open = "(box) => !box.classList.contains('toggle-hidden')"
        tap(*point)
        page.wait_for_function(f"() => ({is_open})(document.querySelector("
                               "'.solution.dropdown'))", timeout=TOGGLE_TIMEOUT_MS)
        assert page.url == url, f"the tap on the title's link went to {page.url}"
        assert abs(page.evaluate("window.scrollY") - before) <= 2, "the page moved"
        tap(*point)
        page.wait_for_function(f"() => !({is_open})(document.querySelector("
                               "'.solution.dropdown'))", timeout=TOGGLE_TIMEOUT_MS)
        box.locator("button.toggle-button").focus()  # the keyboard's way
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => ({is_open})(document.querySelector("
                               "'.solution.dropdown'))", timeout=TOGGLE_TIMEOUT_MS)


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["secondary", "primary"])
def test_a_link_to_this_page_closes_the_sidebar_dialog_at_390_px(browser, site_url, kind):
    """The contents' section links, and the navigation's link to the page itself."""
    with _offline_page(browser, PHONE_WIDTH) as page:
        url = urljoin(site_url, html_path(SOLUTION_TITLE_PAGE))
        page.goto(url, wait_until="load")
        page.evaluate("window.scrollTo(0, 1500)")
        page.locator(f".{kind}-toggle").click()
        dialog = page.locator(f"#pst-{kind}-sidebar-modal")
        dialog.wait_for(state="visible", timeout=TOGGLE_TIMEOUT_MS)
        links = dialog.locator("nav.page-toc a:visible" if kind == "secondary"
                               else "nav.bd-docs-nav a[href='#']")  # fmt: skip
        link = links.nth(links.count() // 2)
        href = link.get_attribute("href")
        link.click()
        dialog.wait_for(state="hidden", timeout=TOGGLE_TIMEOUT_MS)
        assert not dialog.evaluate("(el) => el.open"), "the dialog is still open"
        page.wait_for_function(f"() => location.href.endsWith({json.dumps(href)})",
                               timeout=TOGGLE_TIMEOUT_MS)
        if href == "#":  # the page itself: its top
            assert page.evaluate("window.scrollY") == 0
        else:  # the section, at the top of the screen (below the page's header)
            top = page.evaluate(f"document.getElementById({json.dumps(href[1:])})"
                                ".getBoundingClientRect().top")
            assert -2 <= top <= 150, f"{href} is {top} px from the top of the screen"


# ---------------------------------------------------- search, index, citations


@pytest.mark.browser
def test_search_on_the_served_site_shows_results_with_excerpts(browser, site_url):
    """What the README's one command (python -m http.server) gives a reader."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"python -m http\.server\b[^\n]*_build/html", readme), (
        "README.md does not say how to serve the site locally")
    with _offline_page(browser, 1280) as page:
        problems = []
        page.on("console", lambda message: problems.append(message.text)
                if message.type in {"error", "warning"} else None)  # fmt: skip
        page.goto(urljoin(site_url, "search.html?q=sigmoid"), wait_until="load")
        page.wait_for_function(  # Sphinx's summary line once every result is shown
            "() => /Search finished|did not match/.test(document.querySelector("
            "'#search-results').textContent)", timeout=SEARCH_TIMEOUT_MS)
        page.wait_for_function(  # every result's excerpt fetched
            "() => Array.from(document.querySelectorAll('#search-results ul.search > li'))"
            ".every((li) => li.querySelector('p.context'))", timeout=SEARCH_TIMEOUT_MS)
        results = page.locator("#search-results ul.search > li")
        excerpts = [text.strip() for text in
                    page.locator("#search-results ul.search > li p.context").all_text_contents()]
        assert results.count() >= 3, f"{results.count()} results for 'sigmoid'"
        assert any("sigmoid" in excerpt.lower() for excerpt in excerpts), excerpts
        # cut from the article, not from the theme's buttons around it
        chrome = [excerpt for excerpt in excerpts if "Color mode" in excerpt]
        assert not chrome, f"excerpts from the page's header: {chrome}"
        assert page.locator("p.book-search-hint").count() == 0, "the hint for file://"
        assert not problems, f"search: console errors or warnings: {problems}"


@pytest.mark.browser
def test_search_from_disk_lists_pages_with_a_hint_and_no_console_errors(browser, built_html):
    """Opened from file://, the search cannot fetch excerpts: titles, a hint, no errors."""
    context = browser.new_context(**page_weights.WIDTHS[1280], service_workers="block")
    context.route("**/*", lambda route: route.continue_()
                  if urlsplit(route.request.url).scheme == "file"
                  else route.abort("internetdisconnected"))  # fmt: skip
    try:
        page = context.new_page()
        problems = []
        page.on("pageerror", lambda error: problems.append(f"error: {error}"))
        page.on("console", lambda message: problems.append(
            f"{message.type}: {message.text}")
            if message.type in {"error", "warning"} else None)  # fmt: skip
        page.goto((built_html / "search.html").as_uri() + "?q=sigmoid", wait_until="load")
        page.wait_for_function(
            "() => /Search finished|did not match/.test(document.querySelector("
            "'#search-results').textContent)", timeout=SEARCH_TIMEOUT_MS)
        results = page.locator("#search-results ul.search > li")
        assert results.count() >= 3, f"{results.count()} results for 'sigmoid'"
        hint = page.locator("p.book-search-hint")
        assert hint.is_visible() and "README" in hint.inner_text(), "no hint from disk"
        page.wait_for_timeout(500)  # a blocked request for an excerpt would be logged
        assert not problems, f"search from disk: console errors or warnings: {problems}"
        # the magnifier sits beside the query, not over its first letter
        overlaps = page.evaluate(_MAGNIFIER_OVERLAPS)
        assert overlaps == [], f"search box icon over the text box by {overlaps} px"
    finally:
        context.close()


_MAGNIFIER_OVERLAPS = """() => Array.from(document.querySelectorAll('form.bd-search'))
    .filter((form) => form.offsetParent !== null)
    .map((form) => form.querySelector('.fa-magnifying-glass').getBoundingClientRect().right
         - form.querySelector('input').getBoundingClientRect().left)
    .filter((overlap) => overlap > 0)"""


def test_no_general_index_is_built_or_linked(built_html):
    assert not (built_html / "genindex.html").exists(), "genindex.html is built (empty)"
    linking = sorted(path.relative_to(built_html).as_posix()
                     for path in built_html.rglob("*.html")
                     if "genindex" in path.read_text(encoding="utf-8"))  # fmt: skip
    assert not linking, f"pages that link to genindex.html: {linking}"


_CITATION_LABEL = re.compile(
    r'<div class="citation" id="([^"]+)"[^>]*>\s*<span class="label">(.*?)</span>\s*<p>',
    re.DOTALL)
_IN_TEXT_CITATION = re.compile(
    r'<a class="reference internal" href="(?:\.\./)*book/references\.html#([^"]+)"'
    r'[^>]*>(.*?)</a>', re.DOTALL)
_AUTHOR_YEAR = re.compile(r"[^\d\[\],]+, \d{4}[a-z]?")


def _text(html_fragment):
    return " ".join(re.sub(r"<[^>]+>", "", html_fragment).split()).strip("[]")


def test_citations_and_the_references_page_use_the_same_author_year_labels(built_html):
    references = (built_html / "book" / "references.html").read_text(encoding="utf-8")
    labels = {ref: _text(label) for ref, label in _CITATION_LABEL.findall(references)}
    assert len(labels) >= 10, f"the references page lists {len(labels)} entries"
    not_author_year = {ref: label for ref, label in labels.items()
                       if not _AUTHOR_YEAR.fullmatch(label)}  # fmt: skip
    assert not not_author_year, f"reference labels not in author-year form: {not_author_year}"
    mismatches, count = [], 0
    for page in PAGES:
        html = (built_html / html_path(page)).read_text(encoding="utf-8")
        for ref, text in _IN_TEXT_CITATION.findall(html):
            count += 1
            if labels.get(ref) != _text(text):
                mismatches.append(f"{page}: cites {_text(text)!r}, the entry is "
                                  f"labelled {labels.get(ref)!r}")  # fmt: skip
    assert count >= 10, f"only {count} citations found in the text"
    assert not mismatches, "\n".join(mismatches)


# --------------------------------- the network explorer of chapter 16, in a browser
#
# logreg_sliders.NetworkExplorer.widget() writes a static <div class="nn-explorer">
# with each hidden width's probability grid; tools/static/network-explorer.js draws it
# (loaded by tools/sphinx_ext/gd_explorer.py on that page only). Offline, at 1280 and
# 390 px: drawn at the start width, and the keys, the buttons and a drag change the
# picture, its label and the values a screen reader gets.

NETWORK_PAGE = "notebooks/16_neural_network"
_NETWORK_REPORT = """(root) => {
    const input = root.querySelector("input.nn-hidden");
    const canvas = root.querySelector("canvas.nn-regions");
    const box = canvas.getBoundingClientRect();
    const png = canvas.toDataURL();  // not getImageData: its readbacks make Chromium warn
    let sum = png.length;
    for (let i = 0; i < png.length; i += 7) sum = (sum * 31 + png.charCodeAt(i)) % 1000000007;
    return {hidden: root.dataset.hidden, value: Number(input.value), max: Number(input.max),
            valuetext: input.getAttribute("aria-valuetext"),
            readout: root.querySelector("output").textContent,
            live: root.querySelector("output").getAttribute("aria-live"),
            label: canvas.getAttribute("aria-label"), role: canvas.getAttribute("role"),
            fallback: !root.querySelector(".gd-explorer-fallback").hidden,
            canvasWidth: canvas.width, boxWidth: box.width, rootWidth: root.clientWidth,
            ratio: window.devicePixelRatio, picture: sum,
            scrollWidth: document.documentElement.scrollWidth};
}"""


def _network_state(root, what, hidden):
    report = root.evaluate(_NETWORK_REPORT)
    unit = "hidden unit" if hidden == 1 else "hidden units"
    assert report["hidden"] == str(hidden) and report["readout"] == str(hidden), (
        f"{what}: {report}")
    assert report["valuetext"] == f"{hidden} {unit}", f"{what}: {report['valuetext']}"
    assert report["label"].startswith(f"The network with {hidden} {unit}:"), (
        f"{what}: {report['label']}")
    return report


@pytest.mark.browser
@pytest.mark.parametrize("width", NAV_WIDTHS, ids=lambda width: f"{width}px")
def test_the_network_explorer_follows_keys_buttons_and_drags_offline(
        browser, site_url, width):
    widths = list(ls.WIDTHS)
    with _offline_page(browser, width) as page:
        errors = []
        page.on("console", lambda message: errors.append(message.text)
                if message.type in ("error", "warning") else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(urljoin(site_url, html_path(NETWORK_PAGE)), wait_until="load")
        root = page.locator(".nn-explorer")
        assert root.count() == 1
        root.scroll_into_view_if_needed()
        what = f"{NETWORK_PAGE} at {width} px"
        start = _network_state(root, what, 4)
        assert not start["fallback"] and start["role"] == "img" and start["live"] == "off"
        assert start["canvasWidth"] == round(start["boxWidth"] * start["ratio"]), what
        assert start["boxWidth"] <= start["rootWidth"] + 0.5, what
        assert start["scrollWidth"] <= width, f"{what}: scrolls sideways"
        slider = root.locator("input.nn-hidden")
        box = slider.bounding_box()
        assert box["height"] >= 44, f"{what}: the slider is {box['height']} px tall"
        pictures = {4: start["picture"]}
        # keys: one width per arrow, Home and End to the ends
        slider.focus()
        for key, hidden in [("ArrowRight", 8), ("ArrowRight", 16), ("ArrowLeft", 8),
                            ("Home", 1), ("End", 16)]:
            page.keyboard.press(key)
            pictures[hidden] = _network_state(root, f"{what} after {key}", hidden)["picture"]
        # the buttons: 44 px targets with names, one width per press
        minus = root.locator('button[data-step="-1"]')
        plus = root.locator('button[data-step="1"]')
        for button in (minus, plus):
            area = button.bounding_box()
            assert area["width"] >= 44 and area["height"] >= 44, f"{what}: {area}"
            assert button.get_attribute("aria-label"), what
        for button, hidden in [(minus, 8), (minus, 4), (plus, 8), (minus, 4)]:
            button.tap() if width == 390 else button.click()
            pictures[hidden] = _network_state(root, f"{what} after a button", hidden)["picture"]
        # a drag from the start of the track to its end reaches the widest network
        slider.scroll_into_view_if_needed()
        box = slider.bounding_box()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + 2, y)
        page.mouse.down()
        for step in range(1, 11):
            page.mouse.move(box["x"] + box["width"] * step / 10 - 1, y)
        page.mouse.up()
        _network_state(root, f"{what} after a drag", widths[-1])
        # every width drew its own picture
        assert len(set(pictures.values())) == len(pictures) == 4, f"{what}: {pictures}"
        assert not errors, f"{what}: console errors or warnings: {errors}"


def test_only_the_network_chapter_loads_the_network_explorer(built_html):
    loading = sorted(path.relative_to(built_html).with_suffix("").as_posix()
                     for path in built_html.rglob("*.html")
                     if "_static/network-explorer.js" in path.read_text(encoding="utf-8"))
    assert loading == [NETWORK_PAGE], loading
    html = (built_html / html_path(NETWORK_PAGE)).read_text(encoding="utf-8")
    assert "_static/network-explorer.css" in html and "_static/gd-explorer.css" in html
    assert "_static/gd-explorer.js" not in html


@pytest.mark.parametrize("page", [*ALL_EXPLORER_PAGES, NETWORK_PAGE])
def test_explorer_pages_load_the_shared_script_before_their_explorer(built_html, page):
    """Both explorers use window.BookExplorer of explorer-common.js: the scripts are
    deferred, so they run in page order, and the shared one must come first."""
    html = (built_html / html_path(page)).read_text(encoding="utf-8")
    order = re.findall(r'<script defer="defer" src="[^"]*_static/'
                       r'(explorer-common|gd-explorer|network-explorer)\.js', html)
    assert order and order[0] == "explorer-common" and order.count("explorer-common") == 1, (
        f"{page}.html loads {order}")
