"""How much every page of the built site weighs in a browser, and the site on disk.

A page's weight is the sum of the decoded body bytes (``len(response.body())``) of
every response Chromium receives for it: the HTML (with any ``data:`` images inside
it), scripts, style sheets, fonts, images and whatever the scripts fetch, counted
from navigation until the page has loaded, MathJax has typeset it, its images have
loaded and the network has been idle for 500 ms. Redirects carry no body. The site is
served over HTTP from 127.0.0.1 by Python's http.server, which does not compress, so
these bytes are also the bytes transferred; every request to another host is aborted
(the site is read offline). Pages are weighed at 1280 px and at 390 px wide (a phone),
each in a fresh browser context, so nothing comes from a cache.

The site's size is the sum of the sizes of every file under _build/html.

``python -m tools.page_weights [HTML_DIR]`` (default _build/html, built beforehand)
prints one line per page and the site's size (index.html, which only
redirects to the root page, is not weighed). tests/test_site.py checks the goals
with the same functions.
"""

import contextlib
import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

__all__ = ["WIDTHS", "built_pages", "page_weight", "serve", "site_size"]

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = {  # width -> Playwright browser-context options
    1280: {"viewport": {"width": 1280, "height": 900}},
    390: {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
TIMEOUT_MS = 20_000

_TYPESET = """(timeout) => Promise.race([
    (window.MathJax && MathJax.startup && MathJax.startup.promise) || null,
    new Promise((done) => setTimeout(done, timeout))])"""
_IMAGES = """(timeout) => Promise.race([
    Promise.all(Array.from(document.images).map((img) => img.complete ? null :
        new Promise((done) => { img.addEventListener('load', done);
                                img.addEventListener('error', done); }))),
    new Promise((done) => setTimeout(done, timeout))])"""


def built_pages(html_dir):
    """Every HTML page of the site (not the templates in _static, not _sources), as
    paths relative to html_dir without the suffix, sorted."""
    html_dir = Path(html_dir)
    return sorted(
        path.relative_to(html_dir).with_suffix("").as_posix()
        for path in html_dir.rglob("*.html")
        if path.relative_to(html_dir).parts[0] not in {"_static", "_sources"}
    )


def site_size(html_dir):
    """Bytes of every file under html_dir."""
    return sum(path.stat().st_size for path in Path(html_dir).rglob("*") if path.is_file())


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a browser closing a connection early is not an error of the site


@contextlib.contextmanager
def serve(html_dir):
    """http://127.0.0.1:<free port>/ serving html_dir while the block runs.

    The one local server of the site's tools: the browser tests (tests/conftest.py),
    this script and benchmarks/bench_explorer.py use it.
    """
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def page_weight(browser, url, width):
    """{response URL: decoded body bytes} of the page at `url` loaded `width` px wide."""
    context = browser.new_context(**WIDTHS[width], service_workers="block")
    host = urlsplit(url).hostname
    try:
        context.route("**/*", lambda route: route.continue_()
                      if urlsplit(route.request.url).hostname == host
                      else route.abort("internetdisconnected"))  # fmt: skip
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="load")
        page.evaluate(_TYPESET, TIMEOUT_MS)
        page.evaluate(_IMAGES, TIMEOUT_MS)
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
        sizes = {}
        for response in responses:
            if 300 <= response.status < 400:
                continue  # a redirect: no body
            sizes[response.url] = sizes.get(response.url, 0) + len(response.body())
        return sizes
    finally:
        context.close()


def _launch(playwright):
    import os

    return playwright.chromium.launch(
        executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        args=["--no-sandbox", "--disable-gpu", "--disable-quic"], headless=True,
    )  # fmt: skip


def main(argv=None):
    from playwright.sync_api import sync_playwright

    argv = sys.argv[1:] if argv is None else argv
    html_dir = Path(argv[0] if argv else ROOT / "_build" / "html")
    if not (html_dir / "search.html").is_file():
        sys.exit(f"{html_dir} holds no built site: run jupyter-book build . first")
    pages = [page for page in built_pages(html_dir) if page != "index"]
    print(f"Page weights (MB = 10^6 bytes, every response counted) of {html_dir}")
    print(f"{'page':<44} {'1280 px':>8} {'390 px':>8}  largest resource")
    with sync_playwright() as playwright, serve(html_dir) as base:
        browser = _launch(playwright)
        try:
            for page in pages:
                url = urljoin(base, f"{page}.html")
                weights = {width: page_weight(browser, url, width) for width in WIDTHS}
                name, size = max(weights[1280].items(), key=lambda item: item[1])
                print(f"{page:<44} {sum(weights[1280].values()) / 1e6:>8.2f} "
                      f"{sum(weights[390].values()) / 1e6:>8.2f}  "
                      f"{Path(urlsplit(name).path).name} {size / 1e6:.2f}")  # fmt: skip
        finally:
            browser.close()
    print(f"{'site (_build/html on disk)':<44} {site_size(html_dir) / 1e6:>8.2f}")


if __name__ == "__main__":
    main()
