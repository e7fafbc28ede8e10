"""The slider explorer of logreg_sliders in a kernel: moved programmatically, checked by
what it draws, its live ipywidgets and the pre-rendered static widget it builds for the
site. How the built pages show the static widget is in test_site.py."""

import io

import numpy as np
import pytest
from PIL import Image
from sklearn.datasets import make_blobs

import logreg_core as lc
import logreg_sliders as ls

SEED = 42


@pytest.fixture(scope="module")
def data():
    return make_blobs(n_samples=150, centers=2, n_features=2, random_state=SEED)


@pytest.fixture
def explorer(data):
    X, y = data
    explorer = ls.GradientDescentExplorer(X, y, max_epochs=200, seed=SEED)
    yield explorer
    explorer.figure.clear()


def test_update_draws_the_boundary_and_the_loss_of_the_chosen_epoch(explorer, data):
    X, y = data
    W_path, cost_path = lc.gradient_descent_path(X, y, 0.01, 200, seed=SEED)
    for epochs in (0, 1, 57, 200):
        explorer.update(0.01, epochs)
        x1, x2 = explorer.boundary_line.get_data()
        np.testing.assert_allclose(x2, lc.decision_boundary(W_path[epochs], x1))
        assert len(explorer.loss_line.get_xdata()) == epochs + 1
        np.testing.assert_allclose(explorer.loss_line.get_ydata(), cost_path[: epochs + 1])
        assert explorer.status.get_text() == f"epoch {epochs}\ncost {cost_path[epochs]:.4f}"


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
    _, x2 = explorer.boundary_line.get_data()
    np.testing.assert_allclose(x2, lc.decision_boundary(W_path[100], explorer.data_ax.get_xlim()))
    assert sorted(explorer._paths) == [0.01, 1.0]
    assert explorer.title.get_text() == r"learning rate $\alpha$ = 1"


def test_the_png_changes_with_the_state_and_is_reproducible(explorer):
    first = explorer.update(0.01, 0)
    later = explorer.update(0.01, 150)
    assert first != later
    assert explorer.update(0.01, 0) == first
    image = Image.open(io.BytesIO(first))
    assert image.format == "PNG" and image.size == (576, 230)


def test_huge_learning_rates_still_draw_finite_curves(explorer):
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        png = explorer.update(10.0, 200)
    assert png.startswith(b"\x89PNG")
    assert np.isfinite(explorer.loss_line.get_ydata()).all()
    assert explorer.loss_ax.get_ylim()[1] >= explorer.loss_line.get_ydata().max()


def test_the_cost_axis_grows_to_show_oscillating_costs():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0], [2.0, 2.0], [3.0, 1.0]]) * 10
    y = np.array([0, 1, 1, 0, 0, 1])
    explorer = ls.GradientDescentExplorer(X, y, max_epochs=50, W0=[0.0, 0.0, 0.0])
    explorer.update(1e-4, 50)
    with pytest.warns(lc.ConvergenceWarning, match="ended above where it started"):
        explorer.update(5.0, 50)  # the core warns; the explorer draws it anyway
    _, cost_path = explorer.path(5.0)
    assert cost_path.max() > cost_path[0]  # this learning rate overshoots
    assert explorer.loss_ax.get_ylim()[1] >= cost_path.max()


def test_update_rejects_an_epoch_past_max_epochs_and_a_negative_alpha(explorer):
    with pytest.raises(ValueError, match="epochs must be at most max_epochs=200"):
        explorer.update(0.01, 201)
    with pytest.raises(ValueError, match="alpha"):
        explorer.update(-1.0, 10)


def test_the_explorer_refuses_data_without_exactly_two_features():
    with pytest.raises(ValueError, match="exactly two features"):
        ls.GradientDescentExplorer(np.ones((4, 3)), [0, 1, 0, 1])


def test_the_kernel_widget_updates_its_image_when_a_slider_moves(explorer):
    box = explorer.widget(alpha=0.01, epochs=100)
    (alpha_slider, epochs_slider), image = box.children[0].children, box.children[1]
    before = image.value
    epochs_slider.value = 150
    assert image.value == explorer.update(0.01, 150) != before
    alpha_slider.value = 1.0
    assert explorer.alpha == 1.0 and image.value == explorer.update(1.0, 150)
    assert (epochs_slider.min, epochs_slider.max, epochs_slider.step) == (0, 200, 10)
    assert epochs_slider.value % epochs_slider.step == 0  # no 101 readout


def test_the_static_widget_links_sliders_to_prerendered_images(explorer):
    import base64
    import re

    alphas, checkpoints = [0.001, 0.1], [0, 100, 200]
    box = explorer.static_widget(alphas, checkpoints)
    (alpha_slider, epochs_slider), outer = box.children[0].children, box.children[1]
    assert [option[1] for option in alpha_slider.options] == alphas
    assert list(epochs_slider.options) == checkpoints
    assert len(outer.children) == 2
    for alpha, inner in zip(alphas, outer.children):
        for epochs, html in zip(checkpoints, inner.children):
            png = re.search(r'src="data:image/png;base64,([^"]+)"', html.value).group(1)
            png = base64.b64decode(png)
            assert png == explorer._palette_png(alpha, epochs)
            assert f'data-alpha="{alpha:g}" data-epochs="{epochs}"' in html.value
            alt = re.search(r'alt="([^"]+)"', html.value).group(1)
            unit = "epoch" if epochs == 1 else "epochs"
            assert f"after {epochs} {unit} with learning rate {alpha:g}" in alt


def test_static_images_are_small_palette_pngs_that_look_like_the_full_ones(explorer):
    full = explorer.update(1.0, 150)
    small = explorer._palette_png(1.0, 150)
    assert len(small) < len(full) / 2
    full_image = np.asarray(Image.open(io.BytesIO(full)).convert("RGB"), dtype=float)
    small_image = Image.open(io.BytesIO(small))
    assert small_image.mode == "P" and small_image.size == (576, 230)
    difference = np.abs(np.asarray(small_image.convert("RGB"), dtype=float) - full_image)
    assert difference.mean() < 2.0  # out of 255: the palette loses almost nothing


def test_the_static_sliders_readouts_agree_with_their_options(explorer):
    box = explorer.static_widget([0.0001, 10.0], [0, 100, 200])
    alpha_slider, epochs_slider = box.children[0].children
    assert [label for label, _ in alpha_slider.options] == ["0.0001", "10"]
    assert (alpha_slider.index, epochs_slider.index) == (0, 0)
    assert (alpha_slider.label, epochs_slider.label) == ("0.0001", "0")


def test_the_static_images_share_one_layout_and_one_style(explorer):
    box = explorer.static_widget([0.001, 0.1], [0, 100])
    images = [html for inner in box.children[1].children for html in inner.children]
    assert len(images) == 4
    assert len({id(html.layout) for html in images}) == 1
    assert len({id(html.style) for html in images}) == 1


def test_static_frames_are_encoded_once_with_the_pixels_of_the_full_frames(explorer, monkeypatch):
    full = explorer.update(0.1, 100)
    # the former pipeline: encode a full-colour PNG, decode it, quantise, encode again
    buffer = io.BytesIO()
    Image.open(io.BytesIO(full)).convert("RGB").quantize(
        64, method=Image.Quantize.MEDIANCUT).save(buffer, format="png", optimize=True)
    monkeypatch.setattr(explorer, "update", lambda *args: pytest.fail("encoded twice"))
    monkeypatch.setattr(Image, "open", lambda *args: pytest.fail("decoded a PNG"))
    assert explorer._palette_png(0.1, 100) == buffer.getvalue()
    explorer.static_widget([0.1], [0, 100])


def test_the_explorer_starts_every_path_from_the_cores_draw(data):
    X, y = data
    explorer = ls.GradientDescentExplorer(X, y, max_epochs=10, seed=SEED)
    np.testing.assert_array_equal(explorer.W0, lc.gradient_descent_path(X, y, epochs=0,
                                                                         seed=SEED)[0][0])
    np.testing.assert_array_equal(explorer.path(0.5)[0][0], explorer.W0)
    explorer.figure.clear()


def test_every_slider_has_a_short_label_and_its_full_name_as_tooltip(explorer):
    # the site's script (tools/static/widget-sliders-a11y.js) names each slider for
    # screen readers by its tooltip, and freezes the readouts of the marked static sliders
    live = explorer.widget().children[0].children
    static = explorer.static_widget([0.01, 0.1], [0, 100]).children[0].children
    for alpha_slider, epochs_slider in (live, static):
        assert (alpha_slider.description, alpha_slider.tooltip) == ("alpha", "learning rate alpha")
        assert (epochs_slider.description, epochs_slider.tooltip) == ("epochs", "epochs")
    assert [slider._dom_classes for slider in live] == [(), ()]
    assert [slider._dom_classes for slider in static] == [("logreg-static-slider",)] * 2
