"""The built book: a clean build, and every page working in a browser without a network.

The book is built once per session (fixture ``book_build`` in conftest.py), served on
127.0.0.1 and opened in headless Chromium with every request to another host aborted:
what a reader sees offline. Set SITE_SCREENSHOTS=some/dir to keep a screenshot of
every page.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError
from support import CODE_FENCE, toc_entries, toc_source

ROOT = Path(__file__).resolve().parents[1]
MATHJAX_TIMEOUT_MS = 20_000
IMAGES_TIMEOUT_MS = 15_000

pytestmark = pytest.mark.site


# ------------------------------------------------------- the book's pages


def _toc():
    return yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))


def toc_captions():
    return [part["caption"] for part in _toc().get("parts", []) if part.get("caption")]


def source_title(page):
    """The '# Title' of a page's source (first markdown cell of a notebook), or None."""
    path = toc_source(page)
    if path is None:
        return None
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        texts = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"]
        text = texts[0] if texts else ""
    else:
        text = path.read_text(encoding="utf-8")
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", CODE_FENCE.sub("", text), re.MULTILINE)
    return match[1] if match else None


def plain(text):
    """Title text as the sidebar shows it: inline markup removed, spaces collapsed."""
    text = re.sub(r"[`*]", "", text)
    return " ".join(text.split())


def html_path(page):
    return f"{page}.html"


PAGES = toc_entries()
NOTEBOOK_PAGES = [page for page in PAGES if (ROOT / f"{page}.ipynb").is_file()
                  or page.startswith("notebooks/")]  # fmt: skip


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


def test_repository_button_links_to_the_repository(built_html):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    url = config["repository"]["url"]
    html = (built_html / html_path(_toc()["root"])).read_text(encoding="utf-8")
    assert f'href="{url}"' in html, f"no link to {url} on the home page"


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
    html = (built_html / html_path(_toc()["root"])).read_text(encoding="utf-8")
    sources = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]*mathjax[^\"]*)\"", html, re.I)
    assert sources, "the home page loads no MathJax"
    for src in sources:
        assert not re.match(r"(https?:)?//", src), f"MathJax comes from a CDN: {src}"
        local = (built_html / Path(html_path(_toc()["root"])).parent / src.split("?")[0])
        assert local.resolve().is_file(), f"MathJax script {src} is missing from the site"


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
        context = browser.new_context(viewport={"width": 1280, "height": 900},
                                      service_workers="block")  # fmt: skip
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

        def on_console(message):
            location = message.location.get("url", "") if message.location else ""
            if message.type != "error":
                return
            if message.text.startswith("Failed to load resource") and not _is_local(location):
                return  # a blocked request to another host: reported by its own test
            result.console_errors.append(f"{message.text} [{location}]")

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
    result = visit(page_path)
    errors = result.page_errors + result.console_errors
    assert not errors, f"{result.url}: JavaScript errors:\n" + "\n".join(errors)


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
@pytest.mark.parametrize("page_path", PAGES)
def test_page_images_load_and_have_alt_text(visit, page_path):
    result = visit(page_path)
    images = result.page.evaluate(_IMAGE_REPORT)
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
@pytest.mark.parametrize("page_path", NOTEBOOK_PAGES)
def test_page_widgets_render_and_respond_offline(visit, page_path):
    """Saved ipywidgets are drawn by the site's own JavaScript, and sliders move."""
    result = visit(page_path)
    report = result.page.evaluate(_WIDGET_REPORT)
    assert report["rendered"] == report["views"], (
        f"{result.url}: {report['views'] - report['rendered']} of {report['views']} "
        "saved widgets were not drawn"
    )
    assert not report["errors"], f"{result.url}: widget errors: {report['errors']}"
    if report["slider"]:
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
        title = source_title(page)
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
