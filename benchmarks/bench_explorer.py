"""What the site's gradient-descent explorer costs a reader, measured in Chromium.

Serves the built site (_build/html: build it first) on 127.0.0.1 and, for the
explorer pages and one chapter page without an explorer, prints:

* the page weight, as tools/page_weights.py (and the site's test) weighs it;
* the bytes of each explorer in the HTML (its data, markup and the shared script/style);
* the redraw time per slider step: the JavaScript time of one ``input`` event (the
  explorer draws both canvases synchronously in its handler), median and 95th
  percentile over 200 steps of each slider, and the time to the next painted frame;
* the rendered size of the labels of the book's static figures (matplotlib's 10 pt
  at 100 dpi, scaled by the image's rendered width over its natural width) next to
  the explorer's canvas text (14 CSS px).

Run from the repository root, at 1280 px and at 390 px:
``PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_explorer.py``.
Needs Chromium (CHROMIUM, default /usr/bin/chromium) and Playwright.
"""

import os
import re
import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools import page_weights  # its serve(): the site served locally

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("SITE_DIR", ROOT / "_build" / "html"))  # another built site
PAGES = ["notebooks/05_gradient_descent", "notebooks/06_playground", "notebooks/02_sigmoid"]
WIDTHS = {1280: {"viewport": {"width": 1280, "height": 900}, "device_scale_factor": 1},
          390: {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
                "is_mobile": True, "has_touch": True}}
MATPLOTLIB_LABEL_PX = 10 * 100 / 72  # font.size 10 pt at figure.dpi 100, natural size
STEPS = 200

_EXPLORER = re.compile(r'<div class="gd-explorer" id="[^"]+">.*?</canvas></div>\s*</div>',
                       re.DOTALL)

_REDRAW = """async ([steps]) => {
    const results = [];
    for (const root of document.querySelectorAll('.gd-explorer')) {
        for (const input of root.querySelectorAll('input[type=range]')) {
            const start = Number(input.value), max = Number(input.max);
            const js = [], frame = [];
            for (let k = 0; k < steps; k++) {
                const t0 = performance.now();
                input.value = (start + k + 1) % (max + 1);
                input.dispatchEvent(new Event('input', {bubbles: true}));
                const t1 = performance.now();
                js.push(t1 - t0);
                if (k < 30) {  // to the next frame: drawing, compositing, vsync wait
                    await new Promise((done) => requestAnimationFrame(() => done()));
                    frame.push(performance.now() - t0);
                }
            }
            input.value = start;
            input.dispatchEvent(new Event('input', {bubbles: true}));
            results.push({slider: input.className, js, frame});
        }
    }
    return results;
}"""

_FIGURES = """() => Array.from(document.querySelectorAll('.cell_output img'))
    .filter((img) => img.naturalWidth > 0)
    .map((img) => [img.getBoundingClientRect().width, img.naturalWidth])"""


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main():
    if not (SITE / "index.html").is_file():
        raise SystemExit("build the book first: jupyter-book build .")
    with page_weights.serve(SITE) as base:
        measure(base)


def measure(base):
    shared = sum((SITE / "_static" / name).stat().st_size
                 for name in ("gd-explorer.js", "gd-explorer.css")
                 if (SITE / "_static" / name).is_file())  # none on a site without them
    print(f"explorer script + style: {shared:,} bytes (shared by the explorers of a page)")
    for page_path in PAGES:
        html = (SITE / f"{page_path}.html").read_text(encoding="utf-8")
        sizes = [len(block.encode()) for block in _EXPLORER.findall(html)]
        if sizes:
            print(f"{page_path}: explorers in the HTML: "
                  + ", ".join(f"{size:,} bytes" for size in sizes))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu"], headless=True)
        for width, options in WIDTHS.items():
            print(f"\n--- {width} px")
            for page_path in PAGES:
                # weighed as the site's test weighs it (tools/page_weights.py)
                sizes = page_weights.page_weight(browser, base + page_path + ".html", width)
                print(f"{page_path}: page weight {sum(sizes.values()) / 1e6:.2f} MB "
                      f"({len(sizes)} responses)")
                context = browser.new_context(**options)
                page = context.new_page()
                page.goto(base + page_path + ".html", wait_until="load")
                page.wait_for_load_state("networkidle")
                figures = page.evaluate(_FIGURES)
                if figures:
                    label = [MATPLOTLIB_LABEL_PX * shown / natural for shown, natural in figures]
                    print(f"  static figures' 10 pt labels: median {statistics.median(label):.1f}"
                          f" CSS px (range {min(label):.1f}-{max(label):.1f}, "
                          f"{len(label)} figures)")
                if page.locator(".gd-explorer").count():
                    page.wait_for_function("() => Array.from(document.querySelectorAll("
                                           "'.gd-explorer')).every((r) => r.dataset.boundary)")
                    for number, result in enumerate(page.evaluate(_REDRAW, [STEPS])):
                        js, frame = result["js"], result["frame"]
                        print(f"  {result['slider']:>9} #{number // 2 + 1}: redraw "
                              f"{statistics.median(js):.2f} ms median, "
                              f"{percentile(js, 0.95):.2f} ms p95 (JavaScript, {len(js)} "
                              f"steps); to next frame {statistics.median(frame):.1f} ms median")
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
