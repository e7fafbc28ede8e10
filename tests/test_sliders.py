"""The slider explorer of logreg_sliders: the kernel figure, moved programmatically and
checked by what it draws, and the static explorer it writes for the site (its data
decoded and compared with the core's paths). How the built pages draw the static
explorer in a browser is in test_site.py."""

import base64
import html
import io
import json
import re
import warnings

import matplotlib.colors
import numpy as np
import pytest
from PIL import Image
from sklearn.datasets import make_blobs, make_moons

import logreg_core as lc
import logreg_sliders as ls
from support import ROOT

SEED = 42
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def data():
    return make_blobs(n_samples=150, centers=2, n_features=2, random_state=SEED)


@pytest.fixture
def explorer(data):
    X, y = data
    explorer = ls.GradientDescentExplorer(X, y, max_epochs=200, seed=SEED)
    yield explorer
    explorer.figure.clear()


def decode(text, dtype):
    return np.frombuffer(base64.b64decode(text), dtype=np.dtype(dtype).newbyteorder("<"))


def page_payload(html_text):
    """The JSON data of a static explorer, decoded from its <script> element."""
    match = re.search(r'<script type="application/json" class="gd-explorer-data">(.*?)'
                      r"</script>", html_text, re.DOTALL)  # fmt: skip
    assert match, "no data script in the static explorer"
    return json.loads(match[1])


# ------------------------------------------------------------- the kernel figure


def test_update_draws_the_boundary_and_the_loss_of_the_chosen_epoch(explorer, data):
    X, y = data
    W_path, cost_path = lc.gradient_descent_path(X, y, 0.01, 200, seed=SEED)
    for epochs in (0, 1, 57, 200):
        explorer.update(0.01, epochs)
        x1, x2 = explorer.boundary_line.get_data()
        np.testing.assert_allclose(x2, lc.decision_boundary(W_path[epochs], x1))
        assert len(explorer.loss_line.get_xdata()) == epochs + 1
        np.testing.assert_allclose(explorer.loss_line.get_ydata(), cost_path[: epochs + 1])
        np.testing.assert_allclose(explorer.full_loss_line.get_ydata(), cost_path)
        assert explorer.title.get_text() == (
            f"\N{GREEK SMALL LETTER ALPHA} = 0.01, epoch {epochs}, "
            f"cost {cost_path[epochs]:.4g}")


def test_moving_epochs_only_indexes_the_cached_path(explorer, monkeypatch):
    explorer.update(0.1, 10)
    calls = []
    monkeypatch.setattr(lc, "gradient_descent_path", lambda *a, **k: calls.append(a))
    for epochs in range(0, 201, 20):
        explorer.update(0.1, epochs)
    assert calls == []


def test_a_new_alpha_trains_once_and_shows_its_path(explorer, data):
    X, y = data
    explorer.update(0.01, 100)
    explorer.update(1.0, 100)
    W_path, _ = lc.gradient_descent_path(X, y, 1.0, 200, seed=SEED)
    (xa, xb), (ya, yb) = explorer.boundary_line.get_data()
    np.testing.assert_allclose([ya, yb], lc.decision_boundary(W_path[100], [xa, xb]))
    assert sorted(explorer._paths) == [0.01, 1.0]
    assert explorer.title.get_text().startswith("\N{GREEK SMALL LETTER ALPHA} = 1, epoch 100, ")


def test_the_png_changes_with_the_state_and_is_reproducible(explorer):
    first = explorer.update(0.01, 0)
    later = explorer.update(0.01, 150)
    assert first != later
    assert explorer.update(0.01, 0) == first
    image = Image.open(io.BytesIO(first))
    assert image.format == "PNG" and image.size == (720, 309)


def test_huge_learning_rates_still_draw_finite_curves(explorer):
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        png = explorer.update(10.0, 200)
    assert png.startswith(b"\x89PNG")
    assert np.isfinite(explorer.loss_line.get_ydata()).all()


def test_the_kernel_axes_are_log_cost_against_log_one_plus_epoch(explorer):
    explorer.update(0.01, 100)
    assert explorer.loss_ax.get_yscale() == "log"
    assert explorer.loss_ax.get_xscale() == "function"
    # the epoch axis is linear in log(1 + epoch): epochs 0..5 take a third of 0..200
    to_pixels = explorer.loss_ax.transData.transform
    x0, x5, x200 = (to_pixels([[epoch, 1.0]])[0, 0] for epoch in (0, 5, 200))
    assert (x5 - x0) / (x200 - x0) == pytest.approx(np.log(6) / np.log(201))
    ticks = [int(t) for t in explorer.loss_ax.get_xticks()]
    assert ticks == [0, 1, 2, 5, 10, 20, 50, 200]


def test_the_cost_axis_follows_each_alphas_path_both_ways():
    """After a diverging alpha the next path gets its own, smaller axis (it does not
    lie flat under the old one)."""
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0], [2.0, 2.0], [3.0, 1.0]]) * 10
    y = np.array([0, 1, 1, 0, 0, 1])
    explorer = ls.GradientDescentExplorer(X, y, max_epochs=50, W0=[0.0, 0.0, 0.0])
    explorer.update(1e-4, 50)
    small = explorer.loss_ax.get_ylim()
    assert small == pytest.approx(ls.cost_limits(explorer.path(1e-4)[1]))
    explorer.update(5.0, 50)  # overshoots: no warning from the explorer, which shows it
    _, cost_path = explorer.path(5.0)
    assert cost_path.max() > cost_path[0]
    assert explorer.loss_ax.get_ylim() == pytest.approx(ls.cost_limits(cost_path))
    explorer.update(1e-4, 50)
    assert explorer.loss_ax.get_ylim() == pytest.approx(small)


def test_cost_limits_cover_the_path_with_a_floor_for_costs_that_reach_zero():
    assert ls.cost_limits([6.0, 0.5, 2.0]) == pytest.approx((0.5 / 1.5, 9.0))
    assert ls.cost_limits([6.0, 0.0]) == pytest.approx((ls.COST_FLOOR / 1.5, 9.0))


@pytest.mark.parametrize("W, expected", [
    ([0.0, 1.0, -1.0], ((0.0, 0.0), (1.0, 1.0))),      # the diagonal x2 = x1
    ([-0.5, 1.0, 0.0], ((0.5, 0.0), (0.5, 1.0))),      # vertical: x1 = 0.5
    ([-0.5, 0.0, 1.0], ((0.0, 0.5), (1.0, 0.5))),      # horizontal: x2 = 0.5
    ([5.0, 1.0, 1.0], None),                            # x1 + x2 = -5: far away
    ([0.0, 0.0, 0.0], None),                            # no line at all
    ([2.0, -1.0, -1.0], None),                          # touches the corner (1, 1) only
])
def test_boundary_segment_clips_the_line_to_the_plot(W, expected):
    segment = ls.boundary_segment(W, (0.0, 1.0), (0.0, 1.0))
    if expected is None:
        assert segment is None
    else:
        np.testing.assert_allclose(segment, expected)


def test_a_boundary_outside_the_plot_is_said_and_left_out_of_the_legend(data):
    X, y = data
    explorer = ls.GradientDescentExplorer(X + 50.0, y, max_epochs=10, seed=SEED)
    W_path, _ = explorer.path(0.01)
    outside = [k for k in range(11)
               if ls.boundary_segment(W_path[k], explorer.xlim, explorer.ylim) is None]
    inside = [k for k in range(11) if k not in outside]
    assert outside and inside, "the test needs both kinds of state"
    explorer.update(0.01, outside[0])
    assert explorer.boundary_note.get_text() == ls.BOUNDARY_OUTSIDE
    assert explorer.boundary_line.get_xdata() == []
    assert [t.get_text() for t in explorer.legend.get_texts()] == [
        "class 0", "class 1", ls.REGIONS_LABEL]
    explorer.update(0.01, inside[0])
    assert explorer.boundary_note.get_text().endswith(" of 150 points on their class's side")
    assert [t.get_text() for t in explorer.legend.get_texts()] == [
        "class 0", "class 1", "decision boundary", ls.REGIONS_LABEL]


def _polygon_area(points):
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    x, y = points[:, 0], points[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def _inside(points, x, y):
    """Whether (x, y) is inside the convex polygon `points` (either orientation)."""
    points = np.asarray(points, dtype=np.float64)
    edges = np.roll(points, -1, axis=0) - points
    cross = edges[:, 0] * (y - points[:, 1]) - edges[:, 1] * (x - points[:, 0])
    return bool(np.all(cross >= -1e-12) or np.all(cross <= 1e-12))


@pytest.mark.parametrize("W", [
    [0.0, 1.0, -1.0], [-0.5, 1.0, 0.0], [-0.5, 0.0, 1.0], [0.3, -2.0, 0.7],
    [5.0, 1.0, 1.0], [-5.0, 1.0, 1.0], [0.0, 0.0, 0.0], [-1.0, 0.0, 0.0], [2.0, -1.0, -1.0],
])
def test_predicted_regions_tile_the_plot_and_follow_the_sign_of_the_logit(W):
    """Class 1 where w0 + w1 x1 + w2 x2 >= 0, class 0 elsewhere: the two polygons cover
    the rectangle (their areas add up to its area) and each holds only points of its
    predicted class; a boundary outside the plot leaves one region, the whole plot."""
    xlim, ylim = (0.0, 1.0), (0.0, 2.0)
    regions = ls.predicted_regions(W, xlim, ylim)
    areas = [_polygon_area(region) if region else 0.0 for region in regions]
    assert sum(areas) == pytest.approx(2.0)
    grid = np.linspace(0.01, 0.99, 15)
    for x in grid:
        for y in 2 * grid:
            predicted = int(W[0] + W[1] * x + W[2] * y >= 0)
            if abs(W[0] + W[1] * x + W[2] * y) < 1e-9:
                continue
            assert regions[predicted] and _inside(regions[predicted], x, y), (W, x, y)
            other = regions[1 - predicted]
            assert not (other and _inside(other, x, y)), (W, x, y)
    if ls.boundary_segment(W, xlim, ylim) is None:
        assert sorted(areas) == pytest.approx([0.0, 2.0])


def test_the_kernel_shades_the_predicted_regions_of_each_state(explorer, data):
    """The kernel figure's two tinted polygons are the regions of the shown weights:
    swapped at the start (the seeded start gets every point wrong), right at the end."""
    X, y = data
    W_path, _ = lc.gradient_descent_path(X, y, 0.01, 200, seed=SEED)
    patches = explorer.region_patches
    assert [p.get_facecolor()[:3] for p in patches] == [
        pytest.approx(matplotlib.colors.to_rgb(c)) for c in lc.CLASS_COLORS]
    assert [p.get_alpha() for p in patches] == list(ls.REGION_ALPHA)
    assert all(p.get_animated() for p in patches)  # redrawn with the line, blitted
    centres = [X[y == label].mean(axis=0) for label in (0, 1)]
    for epochs, swapped in [(0, True), (200, False)]:
        explorer.update(0.01, epochs)
        expected = ls.predicted_regions(W_path[epochs], explorer.xlim, explorer.ylim)
        for patch, region in zip(patches, expected):
            np.testing.assert_allclose(patch.get_xy()[: len(region)], region)
        for label, centre in enumerate(centres):
            holder = 1 - label if swapped else label
            assert patches[holder].contains_point(
                explorer.data_ax.transData.transform(centre)), (epochs, label)


def test_a_cost_that_rounds_to_zero_is_said_as_below_the_smallest_float(data):
    """alpha = 5 on the shifted blobs: the float64 cost is exactly 0 from some epoch on
    (every logit is more than 1700 on its class's side); the title says "< 5e-324"."""
    X, y = data
    explorer = ls.GradientDescentExplorer(X + 50.0, y, max_epochs=200, seed=SEED)
    _, cost_path = explorer.path(5.0)
    zero = int(np.flatnonzero(cost_path == 0)[0])
    explorer.update(5.0, zero)
    assert explorer.title.get_text().endswith(f"epoch {zero}, cost < 5e-324")
    explorer.update(5.0, 0)
    assert explorer.title.get_text().endswith(f"cost {cost_path[0]:.4g}")
    explorer.figure.clear()


def test_update_rejects_an_epoch_past_max_epochs_and_a_negative_alpha(explorer):
    with pytest.raises(ValueError, match="epochs must be at most max_epochs=200"):
        explorer.update(0.01, 201)
    with pytest.raises(ValueError, match="alpha"):
        explorer.update(-1.0, 10)


@pytest.mark.parametrize("kwargs, error, name", [
    ({"alpha": 0.0}, ValueError, "alpha"),
    ({"alpha": "0.01"}, TypeError, "alpha"),
    ({"epochs": -1}, ValueError, "epochs"),
    ({"epochs": 2.5}, TypeError, "epochs"),
    ({"epochs": 201}, ValueError, "epochs"),
])
def test_widget_and_static_html_validate_their_arguments_by_name(explorer, kwargs, error,
                                                                 name):
    for method in (explorer.widget, explorer.static_html, explorer.payload):
        with pytest.raises(error, match=name):
            method(**kwargs)


def test_the_explorer_refuses_data_without_exactly_two_features():
    with pytest.raises(ValueError, match="exactly two features"):
        ls.GradientDescentExplorer(np.ones((4, 3)), [0, 1, 0, 1])


def test_the_explorer_starts_every_path_from_the_cores_draw(data):
    X, y = data
    explorer = ls.GradientDescentExplorer(X, y, max_epochs=10, seed=SEED)
    np.testing.assert_array_equal(explorer.W0, lc.gradient_descent_path(X, y, epochs=0,
                                                                         seed=SEED)[0][0])
    np.testing.assert_array_equal(explorer.path(0.5)[0][0], explorer.W0)
    explorer.figure.clear()


# ------------------------------------------- one output: live widget and static page


def test_widget_returns_the_live_widget_and_the_static_explorer_in_one_bundle(explorer):
    view = explorer.widget(alpha=0.01, epochs=100)
    bundle = view._repr_mimebundle_()
    assert bundle[WIDGET_VIEW]["model_id"] == view.box.model_id
    assert bundle["text/html"] == explorer.static_html(0.01, 100)
    assert "GradientDescentExplorer" in bundle["text/plain"]


def test_the_kernel_widget_moves_in_single_epochs_over_the_alpha_grid(explorer):
    view = explorer.widget(alpha=0.01, epochs=100)
    (alpha_slider, epochs_slider), image = view.box.children[0].children, view.box.children[1]
    assert [value for _, value in alpha_slider.options] == list(ls.ALPHAS)
    assert (alpha_slider.value, epochs_slider.value) == (0.01, 100)
    assert (epochs_slider.min, epochs_slider.max, epochs_slider.step) == (0, 200, 1)
    before = image.value
    epochs_slider.value = 101
    assert image.value == explorer.update(0.01, 101) != before
    alpha_slider.value = 1.0
    assert explorer.alpha == 1.0 and image.value == explorer.update(1.0, 101)
    assert alpha_slider.description == "learning rate \N{GREEK SMALL LETTER ALPHA}"


def test_the_alpha_grid_is_1_2_5_from_1e_4_to_10_and_holds_the_chapters_rates():
    assert len(ls.ALPHAS) == 16 and ls.ALPHAS[0] == 1e-4 and ls.ALPHAS[-1] == 10.0
    ratios = np.array(ls.ALPHAS[1:]) / np.array(ls.ALPHAS[:-1])
    assert set(np.round(ratios, 6)) == {2.0, 2.5}
    # the learning rates the texts of chapter 5 and the playground ask the reader to try
    assert {0.0001, 0.0005, 0.001, 0.01, 0.1, 1.0, 10.0} <= set(ls.ALPHAS)


def test_an_alpha_off_the_grid_is_added_to_it(explorer):
    assert explorer.alphas_for(0.003) == tuple(sorted(ls.ALPHAS + (0.003,)))
    assert explorer.payload(alpha=0.003)["alpha_index"] == 5  # after 0.0001 ... 0.002


def test_the_static_payload_is_the_cores_paths_for_every_alpha_and_epoch(explorer, data):
    X, y = data
    payload = page_payload(explorer.static_html(0.01, 100))
    alphas = decode(payload["alphas"], "f4")
    np.testing.assert_array_equal(alphas, np.float32(ls.ALPHAS))
    k, n = len(ls.ALPHAS), 201
    W = decode(payload["W"], "f4").reshape(k, n, 3)
    cost = decode(payload["cost"], "f4").reshape(k, n)
    for index, alpha in enumerate(ls.ALPHAS):
        W_path, _ = explorer.path(alpha)  # no ConvergenceWarning: pytest.ini errors on it
        oracle_W, oracle_cost = _core_path(X, y, alpha, explorer.W0)
        np.testing.assert_array_equal(W_path, oracle_W)
        np.testing.assert_array_equal(W[index], np.float32(oracle_W))
        np.testing.assert_array_equal(cost[index], np.float32(oracle_cost))
    np.testing.assert_array_equal(decode(payload["X"], "f4").reshape(-1, 2), np.float32(X))
    np.testing.assert_array_equal(decode(payload["y"], "u1"), y)
    assert payload["max_epochs"] == 200
    assert payload["xlim"] == list(explorer.xlim) and payload["ylim"] == list(explorer.ylim)
    assert payload["costlim"] == pytest.approx(ls.cost_limits(np.float32(cost)))


def _core_path(X, y, alpha, W0):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", lc.ConvergenceWarning)
        return lc.gradient_descent_path(X, y, alpha, 200, W0=W0)


def test_the_static_explorer_opens_in_the_state_the_call_names(explorer):
    for alpha, epochs in [(0.01, 100), (0.0005, 0), (10.0, 200)]:
        text = explorer.static_html(alpha, epochs)
        payload = page_payload(text)
        index = ls.ALPHAS.index(alpha)
        assert (payload["alpha_index"], payload["epochs"]) == (index, epochs)
        alpha_input = re.search(r'<input type="range"[^>]*class="gd-alpha"[^>]*>', text)[0]
        epochs_input = re.search(r'<input type="range"[^>]*class="gd-epochs"[^>]*>', text)[0]
        assert f'value="{index}"' in alpha_input and f'max="{len(ls.ALPHAS) - 1}"' in alpha_input
        assert f'aria-valuetext="\N{GREEK SMALL LETTER ALPHA} = {alpha:g}"' in alpha_input
        stops = ls.epoch_stops(200, epochs)  # the slider's positions
        assert payload["epoch_stops"] == stops
        assert payload["epoch_ticks"] == [0, 1, 2, 5, 10, 20, 50, 200]  # as the kernel's
        assert f'value="{stops.index(epochs)}"' in epochs_input
        assert f'max="{len(stops) - 1}"' in epochs_input
        unit = "epoch" if epochs == 1 else "epochs"
        assert f'aria-valuetext="{epochs} {unit}"' in epochs_input
        outputs = re.findall(r"<output [^>]*>([^<]*)</output>", text)
        assert outputs == [f"{alpha:g}", str(epochs)]


def test_the_epoch_slider_stops_at_every_epoch_then_at_log_steps():
    stops = ls.epoch_stops(1000)
    assert stops[0] == 0 and stops[-1] == 1000 and stops == sorted(set(stops))
    assert stops[:160] == list(range(160)), "every epoch up to 159 is a stop of its own"
    assert max(np.diff(stops)) == 7, "then at most 7 epochs apart"
    # beyond that, even steps in log(1 + epoch), rounded to whole epochs
    # (plus the rounding to whole epochs)
    # beyond the whole epochs, as far apart as one step of the grid, give or take rounding
    step = np.log1p(1000) / 1000
    gaps = np.diff(np.log1p(stops[159:]))
    assert step / 2 < gaps.min() and gaps.max() < 2 * step, (gaps.min(), gaps.max())
    assert 143 not in ls.epoch_stops(200) and 143 in ls.epoch_stops(200, 143)
    assert ls.epoch_stops(5) == [0, 1, 2, 3, 5]  # few epochs: the log grid skips some
    assert ls.epoch_stops(0) == [0]


def test_the_static_explorer_is_deterministic_and_labelled(data):
    X, y = data
    first = ls.GradientDescentExplorer(X, y, max_epochs=50, seed=SEED).static_html(epochs=5)
    again = ls.GradientDescentExplorer(X, y, max_epochs=50, seed=SEED).static_html(epochs=5)
    assert first == again
    other = ls.GradientDescentExplorer(X + 50.0, y, max_epochs=50, seed=SEED).static_html(epochs=5)
    ids = [re.search(r'<div class="gd-explorer" id="([^"]+)"', text)[1]
           for text in (first, other)]  # fmt: skip
    assert ids[0] != ids[1], "two explorers on one page need different element ids"
    labels = dict(re.findall(r'<label for="([^"]+)">([^<]+)</label>', first))
    assert sorted(html.unescape(label) for label in labels.values()) == [
        "epochs", "learning rate \N{GREEK SMALL LETTER ALPHA}"]
    for target in labels:
        assert f'id="{target}"' in first
    assert first.count('role="img"') == 2
    assert "widget" not in first


def test_the_explorer_notebooks_save_no_widget_state():
    """The site draws the static explorer; saved widget state would make MyST-NB load
    the widget manager (run nbconvert with --ExecutePreprocessor.store_widget_state=False)."""
    for name, marker in (("05_gradient_descent", "gd-explorer"),
                         ("06_playground", "gd-explorer"),
                         ("12_stochastic_gradient_descent", "gd-explorer"),
                         ("16_neural_network", "nn-explorer")):
        notebook = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text("utf-8"))
        assert "widgets" not in notebook["metadata"], f"{name}.ipynb saves widget state"
        htmls = [output["data"]["text/html"] for cell in notebook["cells"]
                 for output in cell.get("outputs", [])
                 if marker in "".join(output.get("data", {}).get("text/html", ""))]
        assert htmls, f"{name}.ipynb has no static explorer output"


# ------------------------------------------------- the chapters' claims about the explorer


def test_the_epochs_chapter_5_names_are_slider_stops_where_its_counts_hold(data):
    """Chapter 5: with alpha = 0.001 every point is on its class's side from update 521
    on, which the slider shows between its stops 518 (149 of 150) and 522 (150); with
    alpha = 0.01 from epoch 52 on, a stop; at the start no point is on its side."""
    X, y = data
    stops = ls.epoch_stops(1000, 100)  # the chapter's explorer opens at epoch 100
    right = {}
    for alpha in (0.001, 0.01):
        W_path, _ = lc.gradient_descent_path(X, y, alpha, 1000, seed=SEED)
        right[alpha] = ((W_path[:, :1] + W_path[:, 1:] @ X.T >= 0) == (y == 1)).sum(axis=1)
        assert right[alpha][0] == 0
    assert int(np.flatnonzero(right[0.001] == 150)[0]) == 521
    assert stops[stops.index(518) + 1] == 522
    assert (right[0.001][518], right[0.001][522]) == (149, 150)
    assert int(np.flatnonzero(right[0.01] == 150)[0]) == 52 and 52 in stops
    assert (right[0.01][52:] == 150).all() and (right[0.001][521:] == 150).all()


def test_the_playgrounds_zigzag_is_as_large_as_it_says(data):
    """The playground, shifted blobs, epochs 0 to 5: alpha = 0.1 zigzags between about 9
    and about 137 (then about 10), alpha = 1 peaks about ten times higher (over 1300),
    alpha = 0.01 between about 8.8 and 11.6."""
    X, y = data
    costs = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", lc.ConvergenceWarning)
        for alpha in (0.01, 0.1, 1.0):
            costs[alpha] = lc.gradient_descent_path(X + 50.0, y, alpha, 5, seed=SEED)[1]
    assert [round(c) for c in costs[0.1][:3]] == [9, 137, 10]
    assert min(costs[1.0][1::2]) > 1300
    assert 9 < min(costs[1.0][1::2]) / max(costs[0.1][1::2]) < 11
    assert (round(costs[0.01].min(), 1), round(costs[0.01].max(), 1)) == (8.8, 11.6)
    for c in costs.values():  # a zigzag: up on every odd epoch, down on every even one
        assert (np.sign(np.diff(c)) == [1, -1, 1, -1, 1]).all()


# ------------------------------------------- the batch-size slider (chapter 12)

BATCH_SIZES = (1, 10, None)


@pytest.fixture(scope="module")
def batch_explorer(data):
    X, y = data
    explorer = ls.GradientDescentExplorer(X, y, max_epochs=20, seed=SEED,
                                          batch_sizes=(None, 10, 1))  # any order
    yield explorer
    explorer.figure.clear()


def test_without_batch_sizes_the_explorer_has_no_batch_slider(explorer):
    assert explorer.batch_sizes == (None,) and not explorer.has_batch_slider
    payload = explorer.payload(0.01, 100)
    assert not {"batch_sizes", "batch_index", "m"} & set(payload)
    text = explorer.static_html(0.01, 100)
    assert "gd-batch" not in text and "batch size" not in text
    assert len(explorer.widget(0.01, 100).box.children[0].children) == 2


def test_batch_sizes_are_sorted_with_the_full_batch_last(batch_explorer):
    assert batch_explorer.batch_sizes == BATCH_SIZES and batch_explorer.has_batch_slider


def test_each_batch_size_is_the_cores_minibatch_path_from_the_shared_start(batch_explorer,
                                                                         data):
    X, y = data
    for alpha in (0.01, 1.0):
        for b in (1, 10):
            W_path, cost_path = batch_explorer.path(alpha, b)
            oracle_W, oracle_cost = lc.sgd_path(X, y, alpha, 20, batch_size=b,
                                                W0=batch_explorer.W0, seed=SEED)
            np.testing.assert_array_equal(W_path, oracle_W)
            np.testing.assert_array_equal(cost_path, oracle_cost)
        np.testing.assert_array_equal(batch_explorer.path(alpha, None)[0],
                                      _core_path_of(X, y, alpha, batch_explorer.W0, 20))


def _core_path_of(X, y, alpha, W0, epochs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", lc.ConvergenceWarning)
        return lc.gradient_descent_path(X, y, alpha, epochs, W0=W0)[0]


def test_the_static_payload_holds_a_path_per_learning_rate_and_batch_size(batch_explorer):
    payload = page_payload(batch_explorer.static_html(0.01, 5, batch_size=10))
    k, j, n = len(ls.ALPHAS), len(BATCH_SIZES), 21
    W = decode(payload["W"], "f4").reshape(k, j, n, 3)
    cost = decode(payload["cost"], "f4").reshape(k, j, n)
    assert payload["batch_sizes"] == [1, 10, None] and payload["batch_index"] == 1
    assert payload["m"] == 150
    for a in (0, 9, 15):
        for index, b in enumerate(BATCH_SIZES):
            W_path, cost_path = batch_explorer.path(ls.ALPHAS[a], b)
            np.testing.assert_array_equal(W[a, index], np.float32(W_path))
            np.testing.assert_array_equal(cost[a, index], np.float32(cost_path))
    assert payload["costlim"] == pytest.approx(ls.cost_limits(np.float32(cost)))


@pytest.mark.parametrize("batch_size, readout, valuetext",
                         [(10, "10", "batch size 10"), (1, "1", "batch size 1"),
                          (None, "full (150)", "full batch, 150 rows")])
def test_the_static_batch_slider_opens_at_the_named_batch_size(batch_explorer, batch_size,
                                                               readout, valuetext):
    text = batch_explorer.static_html(0.01, 5, batch_size=batch_size)
    batch_input = re.search(r'<input type="range"[^>]*class="gd-batch"[^>]*>', text)[0]
    index = BATCH_SIZES.index(batch_size)
    assert f'value="{index}"' in batch_input and 'max="2"' in batch_input
    assert f'aria-valuetext="{valuetext}"' in batch_input
    outputs = re.findall(r"<output [^>]*>([^<]*)</output>", text)
    assert outputs == ["0.01", readout, "5"]  # learning rate, batch size, epochs
    labels = [html.unescape(label) for label in re.findall(r"<label for=[^>]*>([^<]+)<", text)]
    assert labels == ["learning rate \N{GREEK SMALL LETTER ALPHA}", "batch size", "epochs"]
    names = re.findall(r'aria-label="([^"]+)"', text)
    assert {"smaller batch", "larger batch"} <= set(names)


def test_the_kernel_widget_responds_to_the_batch_slider(batch_explorer):
    view = batch_explorer.widget(alpha=0.1, epochs=5, batch_size=10)
    (alpha_slider, batch_slider, epochs_slider), image = (view.box.children[0].children,
                                                          view.box.children[1])
    assert batch_slider.description == "batch size"
    assert [label for label, _ in batch_slider.options] == ["1", "10", "full (150)"]
    assert [value for _, value in batch_slider.options] == [1, 10, 150]  # 150: all m rows
    assert batch_slider.value == 10 and "batch_size=10" in repr(view)
    before = image.value
    batch_slider.value = 1
    assert batch_explorer.batch_size == 1 and image.value == batch_explorer.update(0.1, 5, 1)
    assert image.value != before
    W_path, cost_path = batch_explorer.path(0.1, 1)
    x1, x2 = batch_explorer.boundary_line.get_data()
    np.testing.assert_allclose(x2, lc.decision_boundary(W_path[5], x1))
    np.testing.assert_allclose(batch_explorer.loss_line.get_ydata(), cost_path[:6])
    batch_slider.value = 150
    assert batch_explorer.batch_size is None
    np.testing.assert_allclose(batch_explorer.loss_line.get_ydata(),
                               batch_explorer.path(0.1)[1][:6])


@pytest.mark.parametrize(
    "batch_sizes, error, match",
    [((0, None), ValueError, "batch_size"), ((151,), ValueError, "batch_size"),
     ((2.5,), TypeError, "batch_size"), (("10",), TypeError, "batch_size"),
     ((), ValueError, "batch_sizes"), ((10, 10), ValueError, "batch_sizes"),
     ((150, None), ValueError, "batch_sizes"),
     (10, TypeError, "batch_sizes"), ("10", TypeError, "batch_sizes")],
)
def test_bad_batch_sizes_are_refused_by_name(data, batch_sizes, error, match):
    X, y = data
    with pytest.raises(error, match=match):
        ls.GradientDescentExplorer(X, y, max_epochs=5, seed=SEED, batch_sizes=batch_sizes)


def test_a_batch_size_the_explorer_lacks_is_refused_by_name(batch_explorer, explorer):
    for call in (lambda: batch_explorer.update(0.1, 5, 50),
                 lambda: batch_explorer.static_html(0.1, 5, batch_size=50),
                 lambda: explorer.update(0.1, 5, 10)):
        with pytest.raises(ValueError, match="batch_size must be one of"):
            call()


def test_the_stochastic_chapters_explorer_claims_hold(data):
    """Chapter 12's things to try, alpha = 0.01: after 10 epochs the full batch is at
    cost 3.98, b = 50 at 0.69, b = 10 at 0.060, b = 1 at 0.0062; every point is on its
    class's side from epoch 52, 18, 4, 1 on; b = 10 after 100 epochs (1500 updates, as
    b = 1 after 10) is at 0.0063."""
    X, y = data
    explorer = ls.GradientDescentExplorer(X, y, max_epochs=100, seed=SEED,
                                          batch_sizes=(1, 10, 50, None))
    costs, first_right = {}, {}
    for b in (None, 50, 10, 1):
        W_path, cost_path = explorer.path(0.01, b)
        costs[b] = cost_path
        right = ((W_path[:, :1] + W_path[:, 1:] @ X.T >= 0) == (y == 1)).sum(axis=1)
        first_right[b] = int(np.flatnonzero(right == 150)[0])
        assert (right[first_right[b]:] == 150).all()
    assert [f"{costs[b][10]:.2g}" for b in (None, 50, 10, 1)] == ["4", "0.69", "0.06",
                                                                  "0.0062"]
    assert round(costs[None][10], 2) == 3.98
    assert first_right == {None: 52, 50: 18, 10: 4, 1: 1}
    assert f"{costs[10][100]:.2g}" == "0.0063"
    explorer.figure.clear()


def test_the_epoch_axis_ends_with_a_tick_at_max_epochs(data):
    """Chapter 12's explorer stops at 100 epochs, not a tick of EPOCH_TICKS: the axis
    gets its own last tick, in the kernel and on the site."""
    X, y = data
    explorer = ls.GradientDescentExplorer(X, y, max_epochs=100, seed=SEED)
    ticks = [0, 1, 2, 5, 10, 20, 50, 100]
    assert explorer.payload(0.01, 10)["epoch_ticks"] == ticks
    assert explorer.loss_ax.get_xticks().tolist() == ticks
    explorer.figure.clear()


# ------------------------------------------- the network explorer of chapter 16


def nn_payload(html_text):
    match = re.search(r'<script type="application/json" class="nn-explorer-data">(.*?)'
                      r"</script>", html_text, re.DOTALL)  # fmt: skip
    assert match, "no data script in the network explorer"
    return json.loads(match[1])


@pytest.fixture(scope="module")
def network_explorer():
    X, y = make_moons(n_samples=60, noise=0.25, random_state=SEED)
    explorer = ls.NetworkExplorer(X, y, widths=(1, 3, 8), epochs=40, seed=SEED,
                                  resolution=16)
    yield explorer
    if explorer.figure is not None:
        explorer.figure.clear()


def test_the_network_payload_holds_each_widths_probabilities_and_the_data(network_explorer):
    explorer = network_explorer
    payload = nn_payload(explorer.static_html(hidden=3))
    assert payload["widths"] == [1, 3, 8] and payload["index"] == 1
    n = payload["resolution"]
    P = decode(payload["P"], "u1").reshape(3, n, n) / 255
    for k, h in enumerate(explorer.widths):
        path, _ = lc.network_train(explorer.X, explorer.y, h, 0.5, 40, batch_size=20,
                                   seed=SEED)
        x1, x2 = np.linspace(*payload["xlim"], n), np.linspace(*payload["ylim"], n)
        grid = np.column_stack([a.ravel() for a in np.meshgrid(x1, x2)])
        want = lc.network_predict_proba(path[-1], grid).reshape(n, n)  # row 0: bottom
        np.testing.assert_allclose(P[k], want, atol=0.5 / 255 + 1e-12)
        assert payload["right"][k] == int(np.sum(lc.network_predict(path[-1], explorer.X)
                                                 == explorer.y))
    np.testing.assert_array_equal(decode(payload["X"], "f4"), np.float32(explorer.X).ravel())
    np.testing.assert_array_equal(decode(payload["y"], "u1"), explorer.y)
    cmap = decode(payload["cmap"], "u1").reshape(256, 3)
    np.testing.assert_array_equal(
        cmap[[0, -1]], np.rint(matplotlib.colormaps["cividis"]([0.0, 1.0])[:, :3] * 255))


def test_the_static_network_explorer_is_accessible_and_stable(network_explorer):
    page = network_explorer.static_html(hidden=8)
    assert page == network_explorer.static_html(hidden=8)  # ids from a hash of the data
    assert 'aria-valuetext="8 hidden units"' in page and 'value="2"' in page
    assert 'role="img"' in page and 'aria-live="off"' in page
    assert 'aria-label="fewer hidden units"' in page and 'aria-label="more hidden units"' in page
    one = network_explorer.static_html(hidden=1)
    assert 'aria-valuetext="1 hidden unit"' in one


def test_the_kernel_slider_redraws_the_chosen_width_and_trains_each_width_once(
        network_explorer, monkeypatch):
    view = network_explorer.widget(hidden=3)
    bundle = view._repr_mimebundle_()
    assert bundle["text/html"] == network_explorer.static_html(3)
    assert "NetworkExplorer" in bundle["text/plain"] and WIDGET_VIEW in bundle
    slider, image = view.box.children
    assert [value for _, value in slider.options] == [1, 3, 8] and slider.value == 3
    calls = []
    monkeypatch.setattr(lc, "network_train", lambda *a, **k: calls.append(a))
    before = image.value
    slider.value = 8
    assert image.value != before and image.value == network_explorer.update(8)
    assert calls == []  # every width was fitted once, for the static copy
    picture = Image.open(io.BytesIO(image.value))
    assert picture.size == (432, 331)


def test_the_network_explorer_says_what_it_shows(network_explorer):
    right = network_explorer.right(8)
    assert network_explorer.describe(8) == f"8 hidden units: {right} of 60 training points right"
    assert network_explorer.describe(1).startswith("1 hidden unit:")


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"hidden": 2}, ValueError, "hidden must be one of the widths"),
    ({"hidden": 0}, ValueError, "hidden must be at least 1"),
    ({"hidden": 2.0}, TypeError, "hidden must be a positive whole number"),
])
def test_the_network_explorer_validates_hidden_by_name(network_explorer, kwargs, error, words):
    for method in (network_explorer.widget, network_explorer.static_html,
                   network_explorer.update):
        with pytest.raises(error, match=words):
            method(**kwargs)


def test_the_network_explorer_needs_two_features_and_increasing_widths():
    X, y = make_moons(n_samples=20, random_state=SEED)
    with pytest.raises(ValueError, match="exactly two features"):
        ls.NetworkExplorer(np.c_[X, X], y)
    with pytest.raises(ValueError, match="widths must be increasing"):
        ls.NetworkExplorer(X, y, widths=(4, 2))
