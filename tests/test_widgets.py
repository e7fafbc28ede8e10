"""The slider explorers on the built site: drawn, responsive and light, offline.

The pages of the gradient-descent chapter and of the playground carry pre-computed
explorers (``GradientDescentExplorer.static_widget``): two SelectionSliders jslinked to
nested Stacks of ``<img data-alpha=... data-epochs=...>``. With no kernel and no network
(every request to another host is aborted), headless Chromium must draw them, and moving
a slider with the keyboard must show the image of the state the readouts name.
"""

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.site

EXPLORER_PAGES = {  # page -> number of pre-computed explorers on it
    "notebooks/05_gradient_descent": 1,
    "notebooks/06_playground": 2,
}
MAX_ADDED_BYTES = 2_000_000  # the explorers may add at most 2 MB to a page
RESPONSE_TIMEOUT_MS = 5_000
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
    return {page: (built_html / f"{page}.html").read_text(encoding="utf-8")
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


# ---------------------------------------------------------------- browser

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
        context = browser.new_context(viewport={"width": 1280, "height": 900},
                                      service_workers="block")  # fmt: skip
        contexts.append(context)
        context.route("**/*", lambda route: route.continue_()
                      if urlsplit(route.request.url).hostname == "127.0.0.1"
                      else route.abort("internetdisconnected"))  # fmt: skip
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(urljoin(site_url, f"{page_path}.html"), wait_until="load")
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
