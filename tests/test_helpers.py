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
        ([1.0, 2.0], [1.0, 2.0], True, r"^Correct: your gradient, as expected\.$"),
        ([1.0, -2.0], [1.0, 2.0], False,
         r"^Not yet: wrong sign in component 1 of your gradient \(got -2, expected 2\)\.$"),
        ([1.0, 2.5], [1.0, 2.0], False,
         r"^Not yet: wrong value in component 1 of your gradient \(got 2\.5, expected 2\)\.$"),
        ([1.0], [1.0, 2.0], False,
         r"^Not yet: your gradient should have shape \(2,\); got shape \(1,\)\.$"),
        (..., [1.0, 2.0], False,
         r"^Not answered yet: replace the \.\.\. with your code, then run this cell again\.$"),
        (None, 0.5, False, "^Not answered yet"),
        ([np.nan, 2.0], [1.0, 2.0], False,
         r"^Not yet: NaN in component 0 of your gradient; look for 0/0"),
        ("two", 2.0, False, "should be a number or an array of numbers; got str"),
        (-0.25, 0.25, False,
         r"^Not yet: wrong sign in your gradient \(got -0\.25, expected 0\.25\)\.$"),
        ([0.5], 0.5, False, r"should be a single number; got shape \(1,\)"),
    ],
)
def test_check_answer_says_what_is_wrong(answer, expected, verdict, message, capsys):
    assert lc.check_answer(answer, expected, name="your gradient") is verdict
    assert re.search(message, capsys.readouterr().out.rstrip("\n"))


def test_check_answer_gives_matrix_positions_as_row_and_column(capsys):
    expected = np.arange(12.0).reshape(4, 3)
    answer = expected.copy()
    answer[1, 1] += 0.5  # flat position 4
    assert not lc.check_answer(answer, expected, name="your Hessian")
    printed = capsys.readouterr().out
    assert "wrong value in entry (1, 1) of your Hessian (got 4.5, expected 4)." in printed
    assert "component" not in printed


def test_check_answer_counts_the_entries_it_does_not_list(capsys):
    lc.check_answer(np.ones((3, 3)), np.zeros((3, 3)), name="your Hessian")
    assert capsys.readouterr().out.splitlines()[-1].strip() == "... and 4 more entries differ."
    lc.check_answer(np.ones(6), np.zeros(6), name="your gradient")
    assert capsys.readouterr().out.splitlines()[-1].strip() == "... and 1 more component differs."


def test_check_answer_suspects_a_transposed_matrix(capsys):
    lc.check_answer(np.zeros((3, 4)), np.zeros((4, 3)), name="your Hessian")
    assert capsys.readouterr().out == (
        "Not yet: your Hessian should have shape (4, 3); got shape (3, 4) (transposed?).\n")


def test_check_answer_recognises_an_inverted_value_and_keeps_the_numbers(capsys):
    odds_ratio = np.exp(-1.0)
    assert not lc.check_answer(1 / odds_ratio, odds_ratio, name="your odds ratio")
    assert capsys.readouterr().out == (
        "Not yet: inverted value in your odds ratio (got 2.718 = 1/0.3679, "
        "expected 0.3679).\n")
    lc.check_answer([2.0, 4.0], [2.0, 0.25], name="your odds ratios")
    assert "inverted value in component 1 of your odds ratios" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["your standard errors", "your gradient",
                                  "the mean of each column"])
def test_check_answer_messages_read_well_for_singular_and_plural_names(name, capsys):
    lc.check_answer([1.0, 2.0], [1.0, 2.0], name=name)
    lc.check_answer([1.0, -2.0], [1.0, 2.0], name=name)
    lc.check_answer([1.0, 3.0], [1.0, 2.0], name=name)
    lc.check_answer([1.0, np.nan], [1.0, 2.0], name=name)
    lc.check_answer([1.0], [1.0, 2.0], name=name)
    printed = capsys.readouterr().out
    assert printed.splitlines()[0] == f"Correct: {name}, as expected."
    # no verb agrees with the name: nothing like "your standard errors matches"
    assert not re.search(re.escape(name) + r" (matches|has|is|contains)\b", printed)


class ArrayThatFails:
    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("no array for you")


ODD_ANSWERS = [
    pytest.param(None, id="None"),
    pytest.param(..., id="Ellipsis"),
    pytest.param("0.5", id="numeric-string"),
    pytest.param("half", id="string"),
    pytest.param(b"0.5", id="bytes"),
    pytest.param([[1.0, 2.0], [3.0]], id="ragged-list"),
    pytest.param([1.0, None], id="list-with-None"),
    pytest.param(0.5 + 1j, id="complex"),
    pytest.param(np.array([0.5 + 0j]), id="complex-array"),
    pytest.param(ArrayThatFails(), id="array-raises"),
    pytest.param({"a": 0.5}, id="dict"),
    pytest.param(lambda: 0.5, id="function"),
    pytest.param(object(), id="object"),
    pytest.param((x for x in [0.5]), id="generator"),
    pytest.param(np.zeros((2, 2)), id="wrong-shape"),
    pytest.param([np.inf], id="inf"),
    pytest.param(ValueError("boom"), id="exception"),
]


@pytest.mark.parametrize("answer", ODD_ANSWERS)
def test_check_answer_never_raises_without_nbgrader(answer, monkeypatch, capsys):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    assert lc.check_answer(answer, [0.5], name="your answer") is False
    printed = capsys.readouterr().out
    assert printed.startswith(("Not yet: ", "Not answered yet: "))
    assert "Traceback" not in printed


@pytest.mark.parametrize("answer", ODD_ANSWERS)
def test_check_answer_fails_a_wrong_answer_under_nbgrader_with_its_words(answer, monkeypatch,
                                                                         capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError) as raised:
        lc.check_answer(answer, [0.5], name="your answer")
    printed = capsys.readouterr().out
    assert printed.startswith(("Not yet: ", "Not answered yet: "))  # printed first
    assert str(raised.value) == printed.rstrip("\n")


def test_check_answer_passes_a_right_answer_under_nbgrader(monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    assert lc.check_answer([0.5], [0.5], name="your answer") is True
    assert capsys.readouterr().out == "Correct: your answer, as expected.\n"


def test_report_prints_and_returns_the_verdict_without_nbgrader(monkeypatch, capsys):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    assert lc.report(True, "Correct: well done.") is True
    assert lc.report(False, "Not yet: try again.") is False
    assert lc.report(np.bool_(False), "Not yet: again.") is False
    assert capsys.readouterr().out == "Correct: well done.\nNot yet: try again.\nNot yet: again.\n"


def test_report_raises_the_message_under_nbgrader_only_when_wrong(monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert lc.report(True, "Correct: well done.") is True
    with pytest.raises(AssertionError, match=r"^Not yet: try again\.$"):
        lc.report(False, "Not yet: try again.")
    assert capsys.readouterr().out == "Correct: well done.\nNot yet: try again.\n"


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


@pytest.mark.parametrize("function", [lc.cost, lc.gradient, lc.hessian, lc.softmax_cost,
                                      lc.softmax_gradient])
def test_show_source_and_help_see_through_the_l2_keyword_check(function, capsys):
    import inspect

    name = function.__name__
    lc.show_source(function)
    # the keywords after l2 (sample_weight, ...) belong to the chapters that add them
    assert capsys.readouterr().out.startswith(f"def {name}(W, X, y, *, l2=0.0")
    assert str(inspect.signature(function)).startswith("(W, X, y, *, l2=0.0")
    assert function.__doc__.startswith(inspect.unwrap(function).__doc__[:30])


@pytest.mark.parametrize("answer, expected, verdict", [
    ([1.0, 2.0], [1.0, 2.0 + 1e-12], True),
    ([1.0, 2.0], [1.0, 2.1], False),
    ([[1.0, 2.0]], [1.0, 2.0], False),  # same numbers, other shape
    ("a string", [1.0], False),
    (None, 0.0, False),
    ([1.0, [2.0]], [1.0, 2.0], False),  # ragged
])
def test_matches_compares_shape_and_numbers_silently(answer, expected, verdict, capsys):
    assert lc.matches(answer, expected) is verdict
    assert capsys.readouterr().out == ""
