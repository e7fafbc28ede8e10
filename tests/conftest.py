"""Shared fixtures (plain helper functions live in tests/support.py).

Site fixtures (used by tests/test_site.py):

* ``book_build``  -- builds the book ONCE per session with
  ``jupyter-book build . --warningiserror --nitpick --keep-going --all`` into _build/html;
* ``site_url``    -- serves _build/html on http://127.0.0.1:<random free port>/;
* ``browser``     -- headless Chromium (system binary, driven by Playwright).

Environment variables:

* ``CHROMIUM`` -- path of the Chromium binary (default /usr/bin/chromium);
* ``SITE_SCREENSHOTS`` -- a directory: save a full-page screenshot of every page visited.
"""

import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from support import ROOT, build_warnings, jupyter_book_command, without_colours

from tools import page_weights  # its serve(): the one local server of the site

HTML_DIR = ROOT / "_build" / "html"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUILD_TIMEOUT_SECONDS = 1800


def pytest_configure(config):
    config.addinivalue_line("markers", "site: builds the book with jupyter-book (slow)")
    config.addinivalue_line("markers", "browser: opens the built book in headless Chromium")


# ------------------------------------------------------------------- build


@dataclass
class BookBuild:
    """Outcome of one `jupyter-book build`."""

    command: list
    returncode: int
    log: str
    seconds: float
    html_dir: Path
    warnings: list = field(default_factory=list)

    def report(self, max_lines=60):
        """The warnings (or the end of the log if there are none) for a failure message."""
        lines = self.warnings or self.log.strip().splitlines()[-max_lines:]
        return "\n".join(lines[:max_lines])


@pytest.fixture(scope="session")
def book_build():
    """Build the book once per session, from scratch (no stale pages, every warning)."""
    command = jupyter_book_command() + [
        "build", ".", "--warningiserror", "--nitpick", "--keep-going", "--all",
    ]  # fmt: skip
    env = dict(os.environ, NO_COLOR="1")
    # Start from nothing, so a page deleted from the book cannot survive in _build/html.
    for stale in (HTML_DIR, HTML_DIR.parent / ".doctrees"):
        shutil.rmtree(stale, ignore_errors=True)
    start = time.perf_counter()
    try:
        completed = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=BUILD_TIMEOUT_SECONDS, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"`{' '.join(command)}` did not finish in {error.timeout} s")
    log = without_colours(completed.stdout + completed.stderr)
    return BookBuild(
        command=command,
        returncode=completed.returncode,
        log=log,
        seconds=time.perf_counter() - start,
        html_dir=HTML_DIR,
        warnings=build_warnings(log),
    )


@pytest.fixture(scope="session")
def built_html(book_build):
    """The HTML directory, or a failure when the build produced no site at all."""
    if not (book_build.html_dir / "book" / "intro.html").is_file():
        pytest.fail(
            f"the book build produced no site (exit code {book_build.returncode}):\n"
            + book_build.report()
        )
    return book_build.html_dir


# ------------------------------------------------------------------ server


@pytest.fixture(scope="session")
def site_url(built_html):
    """http://127.0.0.1:<port>/ serving _build/html from a background thread."""
    with page_weights.serve(built_html) as url:
        yield url


# ----------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    """Headless system Chromium driven by Playwright (no `playwright install` needed)."""
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install it (Debian/Ubuntu: "
            "`apt-get install chromium`) or set CHROMIUM=/path/to/chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def screenshot_dir():
    """Directory named by SITE_SCREENSHOTS (created), or None."""
    directory = os.environ.get("SITE_SCREENSHOTS")
    if not directory:
        return None
    path = Path(directory).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path
