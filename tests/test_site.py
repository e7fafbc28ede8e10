"""The built book (`jupyter-book build`, marked `site`) and its pages in a browser
(marked `browser`).

* the build: no warnings, every toc page built, the notebooks offered for download,
  nothing loaded from another host, MathJax served by the site;
* the saved slider explorers on the pages of the gradient-descent chapter and of the
  playground (``GradientDescentExplorer.static_widget``: two SelectionSliders jslinked
  to nested Stacks of ``<img data-alpha=... data-epochs=...>``): their weight, and that
  only they are shown;
* every page in headless Chromium with the network off (every request to another host
  aborted: what a reader sees offline): no JavaScript error, no broken request, math
  typeset, nothing wider than the text column, images loaded with alt text, widgets
  drawn, the sidebar complete; moving each explorer slider shows the stored image of
  the state its readouts name;
* every built page audited by axe-core (vendor/axe-core, from tools/fetch_axe.sh) at
  1280 px and 390 px: no WCAG 2.0/2.1 A or AA violation.

The book is built once per session (fixture ``book_build`` in conftest.py) and served
on 127.0.0.1. Set SITE_SCREENSHOTS=some/dir to keep a screenshot of every page.
"""

import importlib.util
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError

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


# ------------------------------------------------------------------ build


def test_book_builds_without_warnings(book_build):
    hint = ("\n(vendor/static is made by `bash tools/fetch_widget_js.sh`)"
            if "vendor/static" in book_build.log else "")
    assert book_build.returncode == 0 and not book_build.warnings, (
        f"`{' '.join(book_build.command)}` exited with {book_build.returncode} after "
        f"{book_build.seconds:.0f} s with {len(book_build.warnings)} warning(s):\n"
        + book_build.report() + hint
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


# ------------------------------------------------ the saved slider explorers

MAX_ADDED_BYTES = 2_000_000  # the explorers may add at most 2 MB to a page
_STATE_SCRIPT = re.compile(
    r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', re.DOTALL
)
_IMG = re.compile(r'<img src="([^"]+)" alt="[^"]+" data-alpha="([^"]+)" data-epochs="(\d+)">')


def widget_state(html):
    """The saved widget state scripts of a built page: (total bytes, merged models)."""
    scripts = _STATE_SCRIPT.findall(html)
    models = {}
    for script in scripts:
        models.update(json.loads(script)["state"])
    return sum(len(script.encode("utf-8")) for script in scripts), models


def _child(models, reference):
    return models[reference.removeprefix("IPY_MODEL_")]


def shown_widgets(html, models):
    """The models of the widgets a page displays, in page order."""
    views = re.findall(r'<script type="application/vnd.jupyter.widget-view\+json">(.*?)</script>',
                       html, re.DOTALL)  # fmt: skip
    return [models[json.loads(view)["model_id"]] for view in views]


def explorer_images(models, box):
    """{(alpha label, epochs label): data URI} of the states of one displayed explorer."""
    images = {}
    outer = _child(models, box["state"]["children"][1])
    for inner in outer["state"]["children"]:
        for reference in _child(models, inner)["state"]["children"]:
            match = _IMG.fullmatch(_child(models, reference)["state"]["value"])
            assert match, "an explorer state is not an <img> with alt, data-alpha, data-epochs"
            images[(match[2], match[3])] = match[1]
    return images


@pytest.fixture(scope="module")
def page_html(built_html):
    return {page: (built_html / html_path(page)).read_text(encoding="utf-8")
            for page in EXPLORER_PAGES}  # fmt: skip


@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_the_explorers_add_less_than_2_mb_to_their_page(page_html, page):
    size, models = widget_state(page_html[page])
    images = [uri for box in shown_widgets(page_html[page], models)
              for uri in explorer_images(models, box).values()]  # fmt: skip
    assert images, f"{page}.html stores no pre-computed explorer images"
    assert size < MAX_ADDED_BYTES, (
        f"{page}.html: the saved widget state weighs {size:,} bytes (limit "
        f"{MAX_ADDED_BYTES:,}); use fewer states or smaller images"
    )
    assert all(uri.startswith("data:image/png;base64,") for uri in images)


@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_only_the_precomputed_explorers_are_shown(page_html, page):
    """The kernel-only explorer (live sliders) would be dead on the site: its output is removed."""
    _, models = widget_state(page_html[page])
    shown = shown_widgets(page_html[page], models)
    assert [model["model_name"] for model in shown] == ["VBoxModel"] * EXPLORER_PAGES[page], (
        f"{page}.html shows {len(shown)} widgets, expected {EXPLORER_PAGES[page]} explorers")
    for box in shown:
        row = _child(models, box["state"]["children"][0])
        sliders = [_child(models, child)["model_name"] for child in row["state"]["children"]]
        assert sliders == ["SelectionSliderModel"] * 2, (
            f"{page}.html shows sliders {sliders}: kernel-only sliders would be dead here")


def test_only_the_explorer_pages_carry_widgets(built_html):
    """The widget checks below cover every page with saved widgets."""
    with_widgets = sorted(
        page for page in NOTEBOOK_PAGES
        if "application/vnd.jupyter.widget-view+json"
        in (built_html / html_path(page)).read_text(encoding="utf-8")
    )
    assert with_widgets == sorted(EXPLORER_PAGES), (
        f"pages with saved widgets: {with_widgets}; the site tests expect the explorers of "
        f"{sorted(EXPLORER_PAGES)} (update EXPLORER_PAGES)"
    )


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


_WIDGET_REPORT = """async () => {
    const views = document.querySelectorAll(
        'script[type="application/vnd.jupyter.widget-view+json"]');
    const rendered = Array.from(views).filter((view) => {
        const area = view.previousElementSibling;
        return area && area.classList.contains('widget-subarea') && area.children.length > 0;
    }).length;
    const errors = Array.from(document.querySelectorAll('.jupyter-widgets-error-widget, '
        + '.widget-error')).map((el) => el.textContent.trim().slice(0, 80));
    const readouts = () => Array.from(document.querySelectorAll('.widget-readout'))
        .map((el) => el.textContent);
    const before = readouts();
    const handle = document.querySelector('.widget-subarea .noUi-handle');
    if (handle) {
        handle.focus();
        handle.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}));
        await new Promise((done) => setTimeout(done, 300));
    }
    return {views: views.length, rendered, errors, slider: Boolean(handle),
            before, after: readouts()};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("page_path", EXPLORER_PAGES)
def test_page_widgets_render_and_respond_offline(visit, page_path):
    """Saved ipywidgets are drawn by the site's own JavaScript, and sliders move."""
    result = visit(page_path)
    report = result.page.evaluate(_WIDGET_REPORT)
    assert report["views"] >= 1, f"{result.url}: no saved widget on the page"
    assert report["rendered"] == report["views"], (
        f"{result.url}: {report['views'] - report['rendered']} of {report['views']} "
        "saved widgets were not drawn"
    )
    assert not report["errors"], f"{result.url}: widget errors: {report['errors']}"
    assert report["slider"], f"{result.url}: no slider was drawn"
    assert report["after"] != report["before"], (
        f"{result.url}: pressing the right arrow on a slider changed nothing "
        f"(readouts {report['before']})"
    )


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

_EXPLORER_STATE = """(area) => {
    const sliders = {};
    area.querySelectorAll('.widget-hslider').forEach((slider) => {
        const label = slider.querySelector('.widget-label').textContent.trim();
        sliders[label] = slider.querySelector('.widget-readout').textContent.trim();
    });
    const visible = Array.from(area.querySelectorAll('img[data-alpha]'))
        .filter((img) => img.offsetParent !== null && img.getClientRects().length > 0);
    return {
        alpha: sliders.alpha, epochs: sliders.epochs,
        images: visible.map((img) => ({
            alpha: img.dataset.alpha, epochs: img.dataset.epochs, src: img.getAttribute('src'),
            alt: img.getAttribute('alt'), width: img.naturalWidth,
            height: img.getBoundingClientRect().height})),
    };
}"""

_SHOWS_READOUTS = """(area) => {
    const readout = (name) => Array.from(area.querySelectorAll('.widget-hslider'))
        .find((s) => s.querySelector('.widget-label').textContent.trim() === name)
        .querySelector('.widget-readout').textContent.trim();
    const img = Array.from(area.querySelectorAll('img[data-alpha]'))
        .find((img) => img.offsetParent !== null);
    return Boolean(img) && img.complete && img.dataset.alpha === readout('alpha')
        && img.dataset.epochs === readout('epochs');
}"""

# (slider, key) moves, each one followed by a check of the image shown
MOVES = [("epochs", "ArrowRight"), ("alpha", "ArrowRight"), ("alpha", "End"),
         ("epochs", "End"), ("alpha", "Home"), ("epochs", "ArrowLeft")]  # fmt: skip


@pytest.fixture(scope="module")
def offline_page(browser, site_url):
    """open(page) -> (Playwright page, list of JavaScript errors); network off."""
    contexts = []

    def open_page(page_path):
        context = browser.new_context(viewport=VIEWPORT, service_workers="block")
        contexts.append(context)
        context.route("**/*", lambda route: route.continue_() if _is_local(route.request.url)
                      else route.abort("internetdisconnected"))  # fmt: skip
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(urljoin(site_url, html_path(page_path)), wait_until="load")
        return page, errors

    yield open_page
    for context in contexts:
        context.close()


def _check_shows(area, stored, page, what):
    state = area.evaluate(_EXPLORER_STATE)
    assert len(state["images"]) == 1, (
        f"{page} {what}: {len(state['images'])} explorer images visible, expected 1")
    image = state["images"][0]
    selected = (state["alpha"], state["epochs"])
    assert (image["alpha"], image["epochs"]) == selected, (
        f"{page} {what}: the sliders read alpha={selected[0]}, epochs={selected[1]} but the "
        f"image shows alpha={image['alpha']}, epochs={image['epochs']}")
    unit = "epoch" if int(selected[1]) == 1 else "epochs"
    assert f"after {selected[1]} {unit} with learning rate {selected[0]}." in image["alt"]
    assert image["src"] == stored[selected], f"{page} {what}: not the stored image of {selected}"
    assert image["width"] > 0 and image["height"] > 100, f"{page} {what}: image not drawn"
    return selected, image["src"]


@pytest.mark.browser
@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_moving_each_slider_shows_the_selected_state_offline(offline_page, page_html, page):
    _, models = widget_state(page_html[page])
    boxes = shown_widgets(page_html[page], models)
    browser_page, errors = offline_page(page)
    browser_page.wait_for_selector(".widget-subarea img[data-alpha]", timeout=20_000)
    areas = browser_page.locator(".widget-subarea:has(img[data-alpha])")
    assert areas.count() == EXPLORER_PAGES[page], (
        f"{page}: {areas.count()} explorers drawn, expected {EXPLORER_PAGES[page]}")
    for index in range(areas.count()):
        area = areas.nth(index)
        stored = explorer_images(models, boxes[index])
        labels = area.locator(".widget-hslider .widget-label").all_text_contents()
        assert [label.strip() for label in labels] == ["alpha", "epochs"]
        handles = {"alpha": area.locator(".noUi-handle").nth(0),
                   "epochs": area.locator(".noUi-handle").nth(1)}  # fmt: skip
        what = f"explorer {index + 1}"
        selected, src = _check_shows(area, stored, page, f"{what} at first")
        visited = [selected]
        for slider, key in MOVES:
            handles[slider].focus()
            browser_page.keyboard.press(key)
            browser_page.wait_for_function(_SHOWS_READOUTS, arg=area.element_handle(),
                                           timeout=RESPONSE_TIMEOUT_MS)  # fmt: skip
            now, new_src = _check_shows(area, stored, page, f"{what} after {slider} {key}")
            assert now != selected, f"{page} {what}: {slider} {key} changed no readout"
            assert new_src != src, f"{page} {what}: {slider} {key} left the image unchanged"
            selected, src = now, new_src
            visited.append(selected)
        assert len(set(visited)) == len(visited), f"{page} {what}: states {visited}"
    assert not errors, f"{page}: JavaScript errors: {errors}"


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
WIDGETS_TIMEOUT_MS = 20_000
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

_WIDGETS_DRAWN = """() => Array.from(document.querySelectorAll(
        'script[type="application/vnd.jupyter.widget-view+json"]')).every((view) => {
    const area = view.previousElementSibling;
    return area && area.classList.contains('widget-subarea') && area.children.length > 0;
})"""


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
            page.wait_for_function(_WIDGETS_DRAWN, timeout=WIDGETS_TIMEOUT_MS)
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


# ---------------------------------- the explorers by keyboard and screen reader
#
# On each explorer, offline at 1280 px: focus the alpha handle, reach the epochs handle
# with Tab (the readout between them is no tab stop), and on each handle press
# ArrowRight, ArrowLeft, End and Home. After every press, read what a screen reader is
# given: the focused element's role and accessible name as Chromium computes them
# (DevTools protocol), its aria-valuenow and aria-valuetext, and the images of the
# explorer left in Chromium's accessibility tree (only the shown frame is; its name is
# its alt text). Chromium's protocol leaves "valuetext" empty for ARIA sliders, so the
# value is read from aria-valuetext, which the platform accessibility APIs pass on.
# Names and values come from tools/static/widget-sliders-a11y.js, the focus ring from
# tools/static/book.css.

SLIDER_NAMES = {"alpha": "learning rate alpha", "epochs": "epochs"}  # label -> accessible name
KEYS = ["ArrowRight", "ArrowLeft", "End", "Home"]
_EXPLORER_AREAS = ("Array.from(document.querySelectorAll('.widget-subarea'))"
                   ".filter((area) => area.querySelector('img[data-alpha]'))")

_FOCUSED_SLIDER = """(area) => {
    const handle = document.activeElement;
    const slider = handle.closest('.widget-slider');
    const style = getComputedStyle(handle);
    const readout = (label) => Array.from(area.querySelectorAll('.widget-slider'))
        .find((s) => s.querySelector('.widget-label').textContent.trim() === label)
        .querySelector('.widget-readout').textContent.trim();
    return {
        inside: area.contains(handle) && Boolean(slider),
        label: slider && slider.querySelector('.widget-label').textContent.trim(),
        valuenow: handle.getAttribute('aria-valuenow'),
        valuetext: handle.getAttribute('aria-valuetext'),
        valuemax: handle.getAttribute('aria-valuemax'),
        readouts: {alpha: readout('alpha'), epochs: readout('epochs')},
        readout_editable: Boolean(slider) && slider.querySelector('.widget-readout')
            .isContentEditable,
        focus_ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
            ? `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`
            : (style.boxShadow !== 'none' ? `box-shadow ${style.boxShadow}` : 'none'),
    };
}"""

# after a key press: the focused handle announces its readout, and the frame shown is
# the one the readouts name
_SETTLED = """(area) => {
    const handle = document.activeElement;
    const slider = handle.closest('.widget-slider');
    const readout = (label) => Array.from(area.querySelectorAll('.widget-slider'))
        .find((s) => s.querySelector('.widget-label').textContent.trim() === label)
        .querySelector('.widget-readout').textContent.trim();
    const img = Array.from(area.querySelectorAll('img[data-alpha]'))
        .find((img) => img.offsetParent !== null);
    return Boolean(slider && img) && handle.getAttribute('aria-valuetext')
            === slider.querySelector('.widget-readout').textContent.trim()
        && img.dataset.alpha === readout('alpha') && img.dataset.epochs === readout('epochs');
}"""


def _ax_node(cdp, expression):
    """Chromium's accessibility node of the element `expression` evaluates to."""
    element = cdp.send("Runtime.evaluate", {"expression": expression})["result"]
    return cdp.send("Accessibility.getPartialAXTree",
                    {"objectId": element["objectId"], "fetchRelatives": False})["nodes"][0]


def _exposed_images(cdp, area_index):
    """Names (alt texts) of the explorer's images in Chromium's accessibility tree."""
    area = cdp.send("Runtime.evaluate",
                    {"expression": f"{_EXPLORER_AREAS}[{area_index}]"})["result"]
    nodes = cdp.send("Accessibility.queryAXTree",
                     {"objectId": area["objectId"], "role": "image"})["nodes"]
    return [node["name"]["value"] for node in nodes if not node.get("ignored")]


def _what_a_screen_reader_gets(cdp, area, area_index):
    state = area.evaluate(_FOCUSED_SLIDER)
    node = _ax_node(cdp, "document.activeElement")
    state.update(role=node["role"]["value"], name=node.get("name", {}).get("value", ""),
                 images=_exposed_images(cdp, area_index))
    state["heard"] = (f'{state["role"]} "{state["name"]}", {state["valuetext"]} '
                      f'(aria-valuenow {state["valuenow"]}); '
                      f'image "{" | ".join(state["images"])}"')
    return state


def _check_heard(state, slider, options, index, what):
    heard = f"{what}: a screen reader gets {state['heard']}"
    assert state["inside"] and state["label"] == slider, (
        f"{what}: focus is not on the {slider} handle of this explorer ({state['label']})")
    assert (state["role"], state["name"]) == ("slider", SLIDER_NAMES[slider]), heard
    assert state["valuetext"] == state["readouts"][slider] == options[index], (
        f"{heard}; expected {options[index]!r}, the readout shows {state['readouts'][slider]!r}")
    assert float(state["valuenow"]) == index and float(state["valuemax"]) == len(options) - 1
    assert len(state["images"]) == 1, f"{heard}: expected the one frame shown"
    alpha, epochs = state["readouts"]["alpha"], state["readouts"]["epochs"]
    unit = "epoch" if int(epochs) == 1 else "epochs"
    assert f"after {epochs} {unit} with learning rate {alpha}." in state["images"][0], heard
    assert state["focus_ring"] != "none", f"{what}: the focused handle shows no focus ring"
    assert not state["readout_editable"], f"{what}: the readout is editable text"


@pytest.mark.browser
@pytest.mark.parametrize("page", EXPLORER_PAGES)
def test_explorer_sliders_work_by_keyboard_and_tell_a_screen_reader_their_values(
        offline_page, page_html, page):
    _, models = widget_state(page_html[page])
    boxes = shown_widgets(page_html[page], models)
    browser_page, errors = offline_page(page)
    browser_page.wait_for_selector(".widget-subarea img[data-alpha]", timeout=20_000)
    cdp = browser_page.context.new_cdp_session(browser_page)
    areas = browser_page.locator(".widget-subarea:has(img[data-alpha])")
    assert areas.count() == len(boxes) == EXPLORER_PAGES[page]
    for area_index, box in enumerate(boxes):
        area = areas.nth(area_index)
        row = _child(models, box["state"]["children"][0])
        options = {slider: _child(models, child)["state"]["_options_labels"]
                   for slider, child in zip(SLIDER_NAMES, row["state"]["children"])}
        area.locator(".noUi-handle").first.focus()
        for number, slider in enumerate(SLIDER_NAMES):
            what = f"{page} explorer {area_index + 1}, {slider}"
            if number:
                browser_page.keyboard.press("Tab")  # from the previous slider's handle
            state = _what_a_screen_reader_gets(cdp, area, area_index)
            _check_heard(state, slider, options[slider], 0, f"{what} on focus")
            last = len(options[slider]) - 1
            for key, index in zip(KEYS, [1, 0, last, 0]):
                browser_page.keyboard.press(key)
                browser_page.wait_for_function(_SETTLED, arg=area.element_handle(),
                                               timeout=RESPONSE_TIMEOUT_MS)
                state = _what_a_screen_reader_gets(cdp, area, area_index)
                _check_heard(state, slider, options[slider], index, f"{what} after {key}")
    cdp.detach()
    assert not errors, f"{page}: JavaScript errors: {errors}"


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
    context = _offline_context(browser, width)
    try:
        page = context.new_page()
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
    finally:
        context.close()


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
    goal = EXPLORER_PAGE_GOAL_BYTES if page_path in EXPLORER_PAGES else PAGE_GOAL_BYTES
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


# ---------------------------------------------------- search, index, citations


@pytest.mark.browser
def test_search_on_the_served_site_shows_results_with_excerpts(browser, site_url):
    """What the README's one command (python -m http.server) gives a reader."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"python -m http\.server\b[^\n]*_build/html", readme), (
        "README.md does not say how to serve the site locally")
    context = _offline_context(browser, 1280)
    try:
        page = context.new_page()
        problems = []
        page.on("console", lambda message: problems.append(message.text)
                if message.type in {"error", "warning"} else None)  # fmt: skip
        page.goto(urljoin(site_url, "search.html?q=sigmoid"), wait_until="load")
        page.wait_for_function(  # Sphinx's summary line once every result is shown
            "() => /Search finished|did not match/.test(document.querySelector("
            "'#search-results').textContent)", timeout=SEARCH_TIMEOUT_MS)
        results = page.locator("#search-results ul.search > li")
        excerpts = [text.strip() for text in
                    page.locator("#search-results ul.search > li p.context").all_text_contents()]
        assert results.count() >= 3, f"{results.count()} results for 'sigmoid'"
        assert any("sigmoid" in excerpt.lower() for excerpt in excerpts), excerpts
        assert not problems, f"search: console errors or warnings: {problems}"
    finally:
        context.close()


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
