"""The plotting and book helpers of logreg_core (section 8): what the plot_* functions
draw, what check_answer tells a reader, and what show_source prints. Their bad inputs are
in test_validation.py.
"""

import re

import numpy as np
import pytest

import logreg_core as lc
from support import make_data


@pytest.fixture
def axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, ax = plt.subplots()
    yield ax
    plt.close(figure)


# ------------------------------------------------------------------- plotting


def test_plot_classes_uses_colour_blind_safe_colours_and_two_markers(axes):
    from matplotlib.colors import to_hex

    X, y = make_data(m=40, n=2)
    lc.plot_classes(X, y, ax=axes)
    class0, class1 = axes.collections
    assert to_hex(class0.get_facecolor()[0]) == "#e69f00"
    assert to_hex(class1.get_facecolor()[0]) == "#0072b2"
    assert class0.get_paths()[0] != class1.get_paths()[0]  # different markers
    assert len(class0.get_offsets()) == np.sum(y == 0)
    assert len(class1.get_offsets()) == np.sum(y == 1)


# Red-green colour blindness, simulated with the matrices of Machado, Oliveira and
# Fernandes (2009) at full severity, applied to linear RGB; colours compared in CIELAB.
CVD_SIMULATIONS = {
    "normal vision": np.eye(3),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
}  # fmt: skip
SRGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                        [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])  # fmt: skip
D65_WHITE = np.array([0.95047, 1.0, 1.08883])


def cielab_as_seen(rgb, simulation):
    """CIELAB (L*, a*, b*) of sRGB colours in [0, 1], as a viewer with `simulation` sees them."""
    rgb = np.asarray(rgb, dtype=float)
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    seen = np.clip(linear @ CVD_SIMULATIONS[simulation].T, 0.0, 1.0)
    t = seen @ SRGB_TO_XYZ.T / D65_WHITE
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]),
                     200 * (f[..., 1] - f[..., 2])], axis=-1)  # fmt: skip


@pytest.mark.parametrize("simulation", list(CVD_SIMULATIONS))
def test_the_two_class_colours_stay_distinguishable_under_red_green_colour_blindness(
        simulation):
    import matplotlib.colors

    orange, blue = (matplotlib.colors.to_rgb(colour) for colour in lc.CLASS_COLORS)
    lab_orange, lab_blue = cielab_as_seen([orange, blue], simulation)
    # measured: lightness apart by 24.6 (normal), 17.5 (protanopia), 29.2
    # (deuteranopia) L* units; colour difference Delta E*ab 120, 110, 122
    assert abs(lab_orange[0] - lab_blue[0]) > 15, "the classes differ too little in lightness"
    assert np.linalg.norm(lab_orange - lab_blue) > 50, "the classes look too alike"


@pytest.mark.parametrize("simulation", list(CVD_SIMULATIONS))
@pytest.mark.parametrize("name", ["cividis", "viridis"])
def test_the_book_s_colour_maps_keep_rising_in_lightness_under_colour_blindness(
        name, simulation):
    import matplotlib

    colours = matplotlib.colormaps[name](np.linspace(0, 1, 64))[:, :3]
    lightness = cielab_as_seen(colours, simulation)[:, 0]
    # a probability map stays readable when lightness alone orders the values
    assert np.all(np.diff(lightness) > 0), f"{name} is not monotone in lightness"
    assert lightness[-1] - lightness[0] > 60


def test_plot_decision_boundary_draws_the_half_probability_line(axes):
    W = np.array([0.5, 2.0, -1.5])
    x1 = np.linspace(-2, 2, 5)
    line = lc.plot_decision_boundary(W, x1, ax=axes)
    np.testing.assert_allclose(line.get_xdata(), x1)
    np.testing.assert_allclose(line.get_ydata(), lc.decision_boundary(W, x1))


def test_plot_probability_map_draws_the_half_contour(axes):
    lc.plot_probability_map([0.0, 1.0, 1.0], (-1, 1), (-1, 1), ax=axes, resolution=50)
    (contour_segments,) = [c for c in axes.collections if hasattr(c, "levels")][-1:]
    assert list(contour_segments.levels) == [0.5]


def test_plot_probability_map_accepts_any_probability_function(axes):
    seen = []

    def probability(points):
        seen.append(points.shape)
        return lc.sigmoid(points[:, 0] ** 2 + points[:, 1] ** 2 - 0.5)

    lc.plot_probability_map(probability, (-1, 1), (-1, 1), ax=axes, resolution=30)
    assert seen == [(900, 2)]


def test_plot_cost_history_plots_one_point_per_epoch(axes):
    line = lc.plot_cost_history([3.0, 2.0, 1.5], ax=axes)
    np.testing.assert_array_equal(line.get_xdata(), [0, 1, 2])
    np.testing.assert_array_equal(line.get_ydata(), [3.0, 2.0, 1.5])


# ----------------------------------------------------------------- check_answer


@pytest.mark.parametrize(
    ("answer", "expected", "verdict", "message"),
    [
        ([1.0, 2.0], [1.0, 2.0], True, "Correct: your gradient matches"),
        ([1.0, -2.0], [1.0, 2.0], False, "wrong sign in component 1"),
        ([1.0, 2.5], [1.0, 2.0], False, "off in component 1: got 2.5, expected 2"),
        ([1.0], [1.0, 2.0], False, r"shape \(1,\), expected shape \(2,\)"),
        (..., [1.0, 2.0], False, "Not answered yet"),
        (None, 0.5, False, "Not answered yet"),
        ([np.nan, 2.0], [1.0, 2.0], False, "contains NaN"),
        ("two", 2.0, False, "should be a number"),
        (-0.25, 0.25, False, "wrong sign \\(got"),
    ],
)
def test_check_answer_says_what_is_wrong_and_never_raises(answer, expected, verdict, message,
                                                          capsys):
    assert lc.check_answer(answer, expected, name="your gradient") is verdict
    assert re.search(message, capsys.readouterr().out)


# ------------------------------------------------------------------ show_source


def test_show_source_prints_the_code_without_the_docstring(capsys):
    lc.show_source(lc.logits)
    printed = capsys.readouterr().out
    assert printed.startswith("def logits(W, X):\n")
    assert "return W[0] + X @ W[1:]" in printed
    assert '"""' not in printed and "Parameters" not in printed


def test_show_source_prints_the_lines_between_start_and_stop(capsys):
    lc.show_source(lc.cost, start="z = W[0]", stop="return")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "z = W[0] + X @ W[1:]"  # dedented
    assert lines[-1].startswith("return float(")
