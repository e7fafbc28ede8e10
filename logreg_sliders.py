"""The slider explorer of the book: gradient descent drawn for any learning rate and epoch.

Presentation, not logistic regression: the numbers come from
:func:`logreg_core.gradient_descent_path`; this module draws them. One call gives
both versions of the explorer::

    explorer = GradientDescentExplorer(X, y, max_epochs=1000, seed=SEED)
    explorer.widget(alpha=0.01, epochs=100)

In a running kernel (JupyterLab) that shows live ipywidgets sliders and a figure
that matplotlib redraws. On the website (no kernel) it shows a static explorer:
the paths of every learning rate of :data:`ALPHAS` for every epoch, computed here
and stored in the page, drawn on ``<canvas>`` elements by
tools/static/gd-explorer.js with native range sliders. The browser only draws;
it does no training.

Both versions draw the same picture: the classes, the decision boundary (with a
note when the line leaves the plot) and the two regions it predicts as class 0
and class 1, shaded with light tints of the classes' colours, and the cost on a
logarithmic axis against :math:`\\log(1 + \\text{epoch})`, so that epochs 0 to 5 and a zigzag show.

With ``batch_sizes=`` (chapter 12) a third slider sets the batch size: the paths of
minibatch gradient descent (:func:`logreg_core.sgd_path`, one shuffle per epoch,
seeded), recorded per epoch, for every learning rate and batch size.

:class:`NetworkExplorer` (chapter 16) works the same way for the one-hidden-layer
network of :func:`logreg_core.network_train`: one slider over the hidden width, the
predicted probability on a grid, drawn on the site by tools/static/network-explorer.js.
"""

import base64
import hashlib
import html
import json
import numbers
import warnings
from io import BytesIO

import numpy as np

import logreg_core as lc

__all__ = ["ALPHAS", "EPOCH_TICKS", "REGION_ALPHA", "WIDTHS", "ExplorerView",
           "GradientDescentExplorer", "NetworkExplorer", "boundary_segment", "cost_limits",
           "epoch_stops", "predicted_regions"]

# The learning rates of the explorer: a 1-2-5 grid from 1e-4 to 10 (16 values); it holds
# every rate the chapters' texts mention. widget(alpha=...) adds its own alpha if needed.
ALPHAS = tuple(float(f"{m}e{e}") for e in range(-4, 1) for m in (1, 2, 5)) + (10.0,)
# Ticks of the epoch axis, which is linear in log(1 + epoch).
EPOCH_TICKS = (0, 1, 2, 5, 10, 20, 50, 200, 1000, 10000)  # 100 would crowd 50 and 200
COST_FLOOR = 1e-6  # lowest cost the log axis shows; smaller costs sit on its bottom edge
BOUNDARY_OUTSIDE = "decision boundary outside the plot"
# Opacity of the tints that shade the predicted regions, per class (orange, blue), as
# in tools/static/gd-explorer.js: light enough that every marker stays visible.
REGION_ALPHA = (0.16, 0.12)
REGIONS_LABEL = "shaded: predicted class"

_FIGSIZE = (10, 4.3)  # inches, at _DPI: 720 x 309 pixels
# the data panel's legend sits below it, as on the site, so that it hides no point
_LEGEND_PLACE = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.24), "ncol": 2}
_DPI = 72
_FONT_SIZE = 14  # points at 72 dpi: 14 px, as the site's explorer (the book's figures: 13.9)
_ALPHA_LABEL = "learning rate \N{GREEK SMALL LETTER ALPHA}"
_BATCH_LABEL = "batch size"


def cost_limits(costs):
    """``(low, high)`` of a logarithmic cost axis that shows every cost in ``costs``.

    Costs below :data:`COST_FLOOR` (a run that has converged, or a cost that rounds
    to 0) are shown on the bottom edge; a margin of a factor 1.5 on either side.
    """
    costs = np.asarray(costs, dtype=np.float64)
    high = max(float(costs.max()), COST_FLOOR)
    low = max(float(costs.min()), COST_FLOOR)
    return low / 1.5, high * 1.5


def epoch_stops(max_epochs, *include):
    r"""The epochs where the site's epoch slider stops: every epoch, then log steps.

    The stops are an even grid of ``max_epochs + 1`` points in
    :math:`\log(1 + \text{epoch})`, rounded to whole epochs; where the grid is
    finer than one epoch, that is every epoch. So the early epochs, where the cost
    changes fastest, get more of the track than on a linear slider, and the arrow
    keys and the "+" button still reach them one by one: with ``max_epochs=1000``
    the slider stops at every epoch up to 159, then at most 7 epochs apart (425
    stops). With few epochs the grid skips some
    (``epoch_stops(5)`` is ``[0, 1, 2, 3, 5]``). ``include`` adds epochs that must
    be stops (the one the explorer opens at).

    Examples
    --------
    >>> stops = epoch_stops(1000)
    >>> len(stops), stops[:6], stops[-2:]
    (425, [0, 1, 2, 3, 4, 5], [993, 1000])
    """
    u = np.linspace(0.0, np.log1p(max_epochs), max_epochs + 1)
    stops = set(np.rint(np.expm1(u)).astype(int).tolist()) | {0, max_epochs}
    return sorted(stops | {int(e) for e in include})


def boundary_segment(W, xlim, ylim):
    r"""The part of the line :math:`w_0 + w_1 x_1 + w_2 x_2 = 0` inside a rectangle.

    Returns
    -------
    ((x1, x2), (x1, x2)) or None
        The two ends of the visible segment, left to right; ``None`` when the
        line misses the rectangle (or touches only a corner) or when
        :math:`w_1 = w_2 = 0` (no line).
    """
    w0, w1, w2 = (float(w) for w in W)
    (x_lo, x_hi), (y_lo, y_hi) = xlim, ylim
    points = []
    if w2 != 0:
        for x in (x_lo, x_hi):
            y = -(w0 + w1 * x) / w2
            if y_lo <= y <= y_hi:
                points.append((x, y))
    if w1 != 0:
        for y in (y_lo, y_hi):
            x = -(w0 + w2 * y) / w1
            if x_lo <= x <= x_hi:
                points.append((x, y))
    points = sorted(set(points))
    if len(points) < 2 or points[0] == points[-1]:
        return None
    return points[0], points[-1]


def predicted_regions(W, xlim, ylim):
    r"""The parts of a rectangle that the weights ``W`` predict as class 0 and class 1.

    Class 1 is the half-plane :math:`w_0 + w_1 x_1 + w_2 x_2 \ge 0` (the sign of
    the logit, as :func:`logreg_core.predict`). The rectangle is clipped by the
    boundary line, one Sutherland-Hodgman step against one edge: walk its corners
    and keep those on the side, plus the points where an edge crosses the line.

    Returns
    -------
    (region0, region1) : tuple of two lists of (x1, x2)
        The corners of each region, in order around it; an empty list when no
        part of the rectangle is predicted as that class (the boundary is outside
        the rectangle or touches only its edge).

    Examples
    --------
    >>> predicted_regions([-0.5, 1.0, 0.0], (0.0, 1.0), (0.0, 1.0))[1]
    [(0.5, 0.0), (1.0, 0.0), (1.0, 1.0), (0.5, 1.0)]
    """
    w0, w1, w2 = (float(w) for w in W)
    (x_lo, x_hi), (y_lo, y_hi) = xlim, ylim
    corners = [(x_lo, y_lo), (x_hi, y_lo), (x_hi, y_hi), (x_lo, y_hi)]

    def f(point):
        return w0 + w1 * point[0] + w2 * point[1]

    def clip(label):
        def inside(value):  # a point on the line (f = 0) is class 1's, as in predict
            return value >= 0 if label == 1 else value < 0

        kept = []
        for a, b in zip(corners, corners[1:] + corners[:1]):
            fa, fb = f(a), f(b)
            if inside(fa):
                kept.append(a)
            if inside(fa) != inside(fb):  # the edge crosses the line: where f = 0
                t = fa / (fa - fb)
                kept.append((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
        # a region with no area (a corner or an edge on the line) is no region
        area = 0.5 * sum(p[0] * q[1] - q[0] * p[1] for p, q in zip(kept, kept[1:] + kept[:1]))
        return kept if len(kept) >= 3 and abs(area) > 0 else []

    return clip(0), clip(1)


def _epoch_ticks(max_epochs):
    """The ticks of :data:`EPOCH_TICKS` up to ``max_epochs``, which ends the axis with a
    tick of its own (chapter 12's explorer stops at 100, between 50 and 200)."""
    ticks = [tick for tick in EPOCH_TICKS if tick <= max_epochs]
    return ticks if max_epochs in ticks else ticks + [max_epochs]


def _b64(array, dtype):
    """Base64 of the array's bytes, little-endian ``dtype``, C order."""
    data = np.ascontiguousarray(np.asarray(array), dtype=np.dtype(dtype).newbyteorder("<"))
    return base64.b64encode(data.tobytes()).decode("ascii")


def _step_buttons(input_id, back, forward):
    """A "−" and a "+" button that move the range input ``input_id`` by one position:
    on a phone a finger cannot hit one epoch on a 300 px track, a button can."""
    return "".join(
        f'<button type="button" class="gd-step" data-for="{input_id}" data-step="{step}" '
        f'aria-label="{name}" title="{name}">{sign}</button>'
        for step, sign, name in [(-1, "\N{MINUS SIGN}", back), (1, "+", forward)])


def _batch_text(batch_size, m):
    """A batch size as the slider's readout says it: "10", or "full (150)"."""
    return f"full ({m})" if batch_size is None else str(batch_size)


def _batch_valuetext(batch_size, m):
    """A batch size as a screen reader hears it: "batch size 10", "full batch, 150 rows"."""
    return f"full batch, {m} rows" if batch_size is None else f"batch size {batch_size}"


def _cost_text(cost):
    """The cost as the kernel figure's title says it: 4 significant digits, and a
    cost that rounded to 0.0 as what is true of it (below the smallest float64)."""
    return f"{cost:.4g}" if cost > 0 else "< 5e-324"


class ExplorerView:
    """What :meth:`GradientDescentExplorer.widget` returns: one output, two versions.

    Its ``_repr_mimebundle_`` holds the live ipywidget
    (``application/vnd.jupyter.widget-view+json``, which JupyterLab prefers in a
    kernel), the static explorer (``text/html``, which the book's site shows:
    _config.yml drops the widget view on the html builder) and a line of text.

    Attributes
    ----------
    box : ipywidgets.VBox
        The live sliders and figure.
    html : str
        The static explorer.
    """

    def __init__(self, box, html_text, description):
        self.box = box
        self.html = html_text
        self.description = description

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.box._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/html"] = self.html
        bundle["text/plain"] = self.description
        return bundle

    def __repr__(self):
        return self.description


class GradientDescentExplorer:
    r"""Gradient descent on two-feature data, drawn for any learning rate and epoch.

    :meth:`path` trains once per learning rate :math:`\alpha` (with
    :func:`logreg_core.gradient_descent_path` for ``max_epochs`` updates, then
    cached), so moving the epoch only indexes the stored path. The kernel figure
    is built once; an epoch change redraws only the boundary, the shaded
    predicted regions, the cost curve and the texts on a saved background
    (blitting), an alpha change redraws the
    cost axis too (its limits follow the path of that alpha).

    Parameters
    ----------
    X : array_like of shape (m, 2)
    y : array_like of shape (m,)
        Labels 0/1.
    max_epochs : int, default=1000
    W0 : array_like of shape (3,), optional
        Initial weights, shared by every learning rate; default
        ``np.random.default_rng(seed).standard_normal(3)``.
    seed : int, optional
        Seed of the initial weights and (with ``batch_sizes``) of the shuffles.
    batch_sizes : sequence of int or None, optional
        The batch sizes of a third slider (chapter 12), each from 1 to ``m`` or None
        for the full batch, shown in increasing order with the full batch last:
        :func:`logreg_core.sgd_path` with ``seed`` (0 if ``seed`` is not an int)
        gives each path, from the same ``W0`` as the full batch. By default there
        is no batch-size slider: full-batch gradient descent only.

    Examples
    --------
    >>> from sklearn.datasets import make_blobs
    >>> X, y = make_blobs(n_samples=150, centers=2, n_features=2, random_state=0)
    >>> explorer = GradientDescentExplorer(X, y, max_epochs=100, seed=0)
    >>> png = explorer.update(alpha=0.01, epochs=50)  # PNG bytes of the figure
    >>> minibatch = GradientDescentExplorer(X, y, max_epochs=20, seed=0,
    ...                                     batch_sizes=(1, 10, None))
    >>> png = minibatch.update(alpha=0.01, epochs=5, batch_size=10)
    """

    def __init__(self, X, y, *, max_epochs=1000, W0=None, seed=None, batch_sizes=None):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch

        # epoch 0 of a path validates X, y, W0 and seed, and is the shared start
        W_start, _ = lc.gradient_descent_path(X, y, epochs=0, W0=W0, seed=seed)
        self.X = np.asarray(X, dtype=np.float64)
        self.y = np.asarray(y, dtype=np.float64)
        if self.X.shape[1] != 2:
            raise ValueError(
                f"X must have exactly two features to draw a decision boundary; got shape "
                f"{self.X.shape}."
            )
        self.max_epochs = lc._check_count(max_epochs, "max_epochs")
        self.W0 = W_start[0]
        self._paths = {}  # alpha -> full-batch path
        self._minibatch_paths = {}  # (alpha, batch size) -> minibatch path
        # a batch-size slider only when batch sizes are given: chapters 5 and 6 have none
        self.has_batch_slider = batch_sizes is not None
        self.batch_sizes = self._check_batch_sizes(batch_sizes)
        integral = isinstance(seed, numbers.Integral) and not isinstance(seed, bool)
        self._shuffle_seed = int(seed) if integral else 0
        margin = 0.1 * np.ptp(self.X, axis=0)
        self.xlim = (float(self.X[:, 0].min() - margin[0]), float(self.X[:, 0].max() + margin[0]))
        self.ylim = (float(self.X[:, 1].min() - margin[1]), float(self.X[:, 1].max() + margin[1]))

        self.figure = Figure(figsize=_FIGSIZE, dpi=_DPI, layout="constrained")
        self._canvas = FigureCanvasAgg(self.figure)
        self.data_ax, self.loss_ax = self.figure.subplots(1, 2)
        for ax in (self.data_ax, self.loss_ax):
            ax.tick_params(labelsize=_FONT_SIZE)
        lc.plot_classes(self.X, self.y, ax=self.data_ax)
        self.data_ax.get_legend().remove()  # _render draws the legend of each state
        self.data_ax.xaxis.label.set_size(_FONT_SIZE)
        self.data_ax.yaxis.label.set_size(_FONT_SIZE)
        self.data_ax.set_xlim(self.xlim)
        self.data_ax.set_ylim(self.ylim)
        (self.boundary_line,) = self.data_ax.plot([], [], color="black", linestyle="--",
                                                  linewidth=2, label="decision boundary")
        # the predicted regions: light tints of the class colours, under the points
        self.region_patches = [
            self.data_ax.fill([], [], color=color, alpha=alpha, linewidth=0, zorder=0.5)[0]
            for color, alpha in zip(lc.CLASS_COLORS, REGION_ALPHA)]
        self.regions_handle = tuple(
            Patch(facecolor=color, alpha=alpha, edgecolor="none")
            for color, alpha in zip(lc.CLASS_COLORS, REGION_ALPHA))
        self.legend = None
        # above the data: how many points the boundary gets right, or that it is not shown
        self.boundary_note = self.data_ax.set_title(" ", fontsize=_FONT_SIZE)
        (self.full_loss_line,) = self.loss_ax.plot([], [], color=lc.CLASS_COLORS[1],
                                                   linewidth=1, alpha=0.35)
        (self.loss_line,) = self.loss_ax.plot([], [], color=lc.CLASS_COLORS[1], linewidth=2.5)
        (self.current_point,) = self.loss_ax.plot([], [], marker="o", color="black")
        # the epoch axis is linear in log(1 + epoch): epochs 0, 1, 2, 5 get room
        self.loss_ax.set_xscale("function", functions=(np.log1p, np.expm1))
        self.loss_ax.set_xlim(0, max(self.max_epochs, 1))
        ticks = _epoch_ticks(self.max_epochs)
        self.loss_ax.set_xticks(ticks, [str(tick) for tick in ticks])
        self.loss_ax.set_yscale("log")
        self.loss_ax.set_xlabel("epoch (scale: log(1 + epoch))", fontsize=_FONT_SIZE)
        self.loss_ax.set_ylabel(r"cost $J(W)$", fontsize=_FONT_SIZE)
        self.title = self.loss_ax.set_title(" ", fontsize=_FONT_SIZE)
        self._animated = [*self.region_patches, self.boundary_line, self.boundary_note,
                          self.loss_line, self.current_point, self.title]
        for artist in self._animated:
            artist.set_animated(True)  # drawn by _render only, on top of the saved background
        # a legend with every entry, only for the first layout: it reserves the room
        # below the data panel where _render draws each state's legend
        self._room_for_legend = self._legend(True)
        self._background = None
        self._background_state = None
        self.alpha = self.epochs = None
        self.batch_size = None

    def _check_batch_sizes(self, batch_sizes):
        """The batch sizes, increasing, the full batch (None) last; (None,) by default."""
        if batch_sizes is None:
            return (None,)
        if isinstance(batch_sizes, (str, bytes)) or not hasattr(batch_sizes, "__iter__"):
            raise TypeError(
                f"batch_sizes must be a sequence of batch sizes (ints, None for the full "
                f"batch), e.g. (1, 10, 50, None); got {batch_sizes!r}.")
        m = self.X.shape[0]
        # m rows is the full batch: the same path as None, shown as "full (m)"
        sizes = [None if b == m else b for b in map(self._check_batch_size, batch_sizes)]
        if not sizes or len(set(sizes)) != len(sizes):
            raise ValueError(
                f"batch_sizes must hold at least one batch size, each once; got {sizes}.")
        return tuple(sorted(b for b in sizes if b is not None)) + (
            (None,) if None in sizes else ())

    def _check_batch_size(self, batch_size):
        """None (the full batch; also for m) or a whole number of rows from 1 to m - 1."""
        if batch_size is None:
            return None
        batch_size = lc._check_batch_size(batch_size, self.X.shape[0])
        return None if batch_size == self.X.shape[0] else batch_size

    def _check_shown_batch_size(self, batch_size):
        """A batch size that the explorer's batch-size slider offers."""
        batch_size = self._check_batch_size(batch_size)
        if batch_size not in self.batch_sizes:
            raise ValueError(
                f"batch_size must be one of the explorer's batch sizes {self.batch_sizes} "
                f"(None: the full batch); got {batch_size}.")
        return batch_size

    def _legend(self, boundary):
        """The data panel's legend: the classes, the boundary if drawn, the shading."""
        from matplotlib.legend_handler import HandlerTuple

        handles = [*self.data_ax.collections[:2]] + ([self.boundary_line] if boundary else [])
        labels = [handle.get_label() for handle in handles]
        return self.data_ax.legend(
            handles=handles + [self.regions_handle], labels=labels + [REGIONS_LABEL],
            handler_map={tuple: HandlerTuple(ndivide=None, pad=0)},
            fontsize=_FONT_SIZE - 1, **_LEGEND_PLACE)

    def path(self, alpha, batch_size=None):
        """``(W_path, cost_path)`` for ``alpha`` over ``max_epochs`` epochs, computed once.

        The full batch (``batch_size=None``) makes one update per epoch
        (:func:`logreg_core.gradient_descent_path`); a batch size ``b`` makes
        :math:`\\lceil m / b \\rceil` per epoch (:func:`logreg_core.sgd_path`, its
        shuffles seeded), and the path holds the weights after each epoch.
        The explorer shows too large steps on purpose, so the core's
        :class:`~logreg_core.ConvergenceWarning` is not repeated here.
        """
        alpha = lc._check_positive(alpha, "alpha")
        batch_size = self._check_batch_size(batch_size)
        if batch_size is not None:
            key = (alpha, batch_size)
            if key not in self._minibatch_paths:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", lc.ConvergenceWarning)
                    self._minibatch_paths[key] = lc.sgd_path(
                        self.X, self.y, alpha, self.max_epochs, batch_size=batch_size,
                        W0=self.W0, seed=self._shuffle_seed)
            return self._minibatch_paths[key]
        if alpha not in self._paths:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", lc.ConvergenceWarning)
                self._paths[alpha] = lc.gradient_descent_path(self.X, self.y, alpha,
                                                              self.max_epochs, W0=self.W0)
        return self._paths[alpha]

    def _check_epochs(self, epochs):
        epochs = lc._check_count(epochs, "epochs")
        if epochs > self.max_epochs:
            raise ValueError(f"epochs must be at most max_epochs={self.max_epochs}; got {epochs}.")
        return epochs

    # --------------------------------------------------------- the kernel figure

    def update(self, alpha, epochs, batch_size=None):
        """Show the model after ``epochs`` epochs with learning rate ``alpha``; return PNG bytes.

        ``batch_size`` (None: the full batch, one update per epoch) is one of the
        explorer's ``batch_sizes``. Large learning rates are drawn as they are:
        oscillating or growing costs stay finite (the cost is computed from the
        logits), and the boundary line may leave the plot, which the picture then says.
        """
        image = self._render(alpha, epochs, batch_size)
        buffer = BytesIO()
        # compress_level=1: about twice as fast as the default for the same size class
        image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def _render(self, alpha, epochs, batch_size=None):
        """Draw the state (``alpha``, ``epochs``, ``batch_size``); return it as an RGBA image."""
        from PIL import Image

        epochs = self._check_epochs(epochs)
        batch_size = self._check_shown_batch_size(batch_size)
        W_path, cost_path = self.path(alpha, batch_size)
        self.alpha, self.epochs, self.batch_size = float(alpha), epochs, batch_size
        state = (self.alpha, batch_size)
        if self._background is None or self._background_state != state:
            # a new alpha or batch size: its own cost axis (the static parts are drawn again)
            self.loss_ax.set_ylim(*cost_limits(cost_path))
            self.full_loss_line.set_data(np.arange(self.max_epochs + 1), cost_path)
            self._canvas.draw()
            if self._room_for_legend is not None:
                # the layout is found once: constrained layout would double every later
                # draw; the legend that reserved room goes before the background is kept
                self.figure.set_layout_engine("none")
                self._room_for_legend.remove()
                self._room_for_legend = None
                self._canvas.draw()
            self._background = self._canvas.copy_from_bbox(self.figure.bbox)
            self._background_state = state
        W = W_path[epochs]
        regions = predicted_regions(W, self.xlim, self.ylim)
        for patch, region in zip(self.region_patches, regions):
            patch.set_xy(region if region else np.zeros((0, 2)))
        segment = boundary_segment(W, self.xlim, self.ylim)
        if segment is None:
            self.boundary_line.set_data([], [])
            self.boundary_note.set_text(BOUNDARY_OUTSIDE)
        else:
            (xa, ya), (xb, yb) = segment
            self.boundary_line.set_data([xa, xb], [ya, yb])
            right = int(np.sum(lc.predict(W, self.X) == self.y))
            self.boundary_note.set_text(f"{right} of {len(self.y)} points on their class's side")
        # the legend lists the boundary only when the line is drawn
        self.legend = self._legend(segment is not None)
        self.legend.set_animated(True)
        self.loss_line.set_data(np.arange(epochs + 1), cost_path[: epochs + 1])
        self.current_point.set_data([epochs], [cost_path[epochs]])
        # the state above the cost panel, as on the site: no text over the curve
        # (the batch size is on its slider: the line has no room for it at 720 px)
        self.title.set_text(f"\N{GREEK SMALL LETTER ALPHA} = {self.alpha:g}, epoch {epochs}, "
                            f"cost {_cost_text(cost_path[epochs])}")
        self._canvas.restore_region(self._background)
        for artist in self._animated + [self.legend]:
            artist.axes.draw_artist(artist)
        return Image.frombuffer("RGBA", self._canvas.get_width_height(),
                                self._canvas.buffer_rgba())

    # --------------------------------------------------------- the static explorer

    def alphas_for(self, alpha):
        """The learning rates of the explorer: :data:`ALPHAS`, plus ``alpha`` if not in it."""
        alpha = lc._check_positive(alpha, "alpha")
        return tuple(sorted(set(ALPHAS) | {alpha}))

    def payload(self, alpha=0.01, epochs=100, batch_size=None):
        """The data of the static explorer, as stored in the page (a dict for JSON).

        Arrays are base64 strings of little-endian float32 (``y``: uint8):
        ``alphas`` (k,), ``W`` (k, max_epochs + 1, 3) and ``cost`` (k, max_epochs + 1)
        from :meth:`path`, the data ``X`` (m, 2) and ``y`` (m,). ``xlim``, ``ylim``:
        the data panel; ``costlim``: the cost axis, fixed over all alphas
        (:func:`cost_limits`), so the curves can be compared. ``alpha`` and
        ``epochs``: the state the explorer opens in; ``epoch_stops``: the epochs of
        the epoch slider's positions (:func:`epoch_stops`); ``epoch_ticks``: the
        ticks of the epoch axis, as in the kernel's figure.

        With a batch-size slider, ``W`` is (k, j, max_epochs + 1, 3) and ``cost``
        (k, j, max_epochs + 1) for the j batch sizes, and the payload adds
        ``batch_sizes`` (ints, null for the full batch), ``batch_index`` (the
        opening one) and ``m``; without one, it is exactly the full-batch payload.
        """
        epochs = self._check_epochs(epochs)
        batch_size = self._check_shown_batch_size(batch_size)
        alphas = self.alphas_for(alpha)
        paths = [[self.path(a, b) for b in self.batch_sizes] for a in alphas]
        W = np.stack([[W_path for W_path, _ in row] for row in paths])
        cost = np.stack([[cost_path for _, cost_path in row] for row in paths])
        if not self.has_batch_slider:  # (k, 1, ...) -> (k, ...): chapters 5 and 6
            W, cost = W[:, 0], cost[:, 0]
        extra = {"batch_sizes": list(self.batch_sizes),
                 "batch_index": self.batch_sizes.index(batch_size),
                 "m": int(self.X.shape[0])} if self.has_batch_slider else {}
        return {
            "alphas": _b64(alphas, "f4"), "max_epochs": self.max_epochs,
            "W": _b64(W, "f4"), "cost": _b64(cost, "f4"),
            "X": _b64(self.X, "f4"), "y": _b64(self.y, "u1"),
            "xlim": list(self.xlim), "ylim": list(self.ylim),
            "costlim": list(cost_limits(cost.astype(np.float32))),
            "alpha_index": alphas.index(float(alpha)), "epochs": epochs,
            "epoch_stops": epoch_stops(self.max_epochs, epochs),
            "epoch_ticks": _epoch_ticks(self.max_epochs),
            **extra,
        }

    def static_html(self, alpha=0.01, epochs=100, batch_size=None):
        """The static explorer: data, a no-JavaScript note, and the controls.

        tools/static/gd-explorer.js (loaded by tools/sphinx_ext/gd_explorer.py on
        the pages that have an explorer) draws it. The output is the same for the
        same data and arguments (its element ids come from a hash of the data).
        """
        data = json.dumps(self.payload(alpha, epochs, batch_size), separators=(",", ":"))
        key = "gd-" + hashlib.sha1(data.encode("ascii")).hexdigest()[:10]
        alpha_text = f"{float(alpha):g}"
        count = len(self.alphas_for(alpha))
        index = self.alphas_for(alpha).index(float(alpha))
        unit = "epoch" if epochs == 1 else "epochs"
        stops = epoch_stops(self.max_epochs, epochs)  # the slider's positions
        return (
            f'<div class="gd-explorer" id="{key}">\n'
            f'<script type="application/json" class="gd-explorer-data">{data}</script>\n'
            '<p class="gd-explorer-fallback">This explorer is drawn by JavaScript, which '
            'is off or blocked here. Run the notebook for the live version.</p>\n'
            '<div class="gd-explorer-controls" hidden>\n'
            '<div class="gd-explorer-control">'
            f'<label for="{key}-alpha">{html.escape(_ALPHA_LABEL)}</label>'
            f'<output for="{key}-alpha" id="{key}-alpha-out" aria-live="off">{alpha_text}</output>'
            + _step_buttons(f"{key}-alpha", "smaller learning rate", "larger learning rate") +
            f'<input type="range" id="{key}-alpha" class="gd-alpha" min="0" '
            f'max="{count - 1}" step="1" value="{index}" '
            f'aria-valuetext="\N{GREEK SMALL LETTER ALPHA} = {alpha_text}"></div>\n'
            + self._batch_control(key, batch_size) +
            '<div class="gd-explorer-control">'
            f'<label for="{key}-epochs">epochs</label>'
            f'<output for="{key}-epochs" id="{key}-epochs-out" aria-live="off">{epochs}</output>'
            + _step_buttons(f"{key}-epochs", "fewer epochs", "more epochs") +
            f'<input type="range" id="{key}-epochs" class="gd-epochs" min="0" '
            f'max="{len(stops) - 1}" step="1" value="{stops.index(epochs)}" '
            f'aria-valuetext="{epochs} {unit}"></div>\n'
            '</div>\n'
            '<div class="gd-explorer-panels" hidden>'
            '<canvas class="gd-data" role="img"></canvas>'
            '<canvas class="gd-cost" role="img"></canvas></div>\n'
            '</div>'
        )

    def _batch_control(self, key, batch_size):
        """The batch-size slider of the static explorer ("" without batch sizes)."""
        if not self.has_batch_slider:
            return ""
        m = self.X.shape[0]
        index = self.batch_sizes.index(self._check_shown_batch_size(batch_size))
        return (
            '<div class="gd-explorer-control">'
            f'<label for="{key}-batch">{_BATCH_LABEL}</label>'
            f'<output for="{key}-batch" id="{key}-batch-out" aria-live="off">'
            f'{_batch_text(batch_size, m)}</output>'
            + _step_buttons(f"{key}-batch", "smaller batch", "larger batch") +
            f'<input type="range" id="{key}-batch" class="gd-batch" min="0" '
            f'max="{len(self.batch_sizes) - 1}" step="1" value="{index}" '
            f'aria-valuetext="{_batch_valuetext(batch_size, m)}"></div>\n'
        )

    # ---------------------------------------------------------------- both

    def widget(self, alpha=0.01, epochs=100, batch_size=None):
        """The explorer, opening at ``alpha``, ``epochs`` (and ``batch_size``), for a kernel and the site.

        Returns
        -------
        ExplorerView
            Shown in a kernel as ipywidgets sliders (every learning rate of
            :meth:`alphas_for`, every epoch, and every batch size when the
            explorer has ``batch_sizes``) and the figure of :meth:`update`;
            on the site, as the static explorer of :meth:`static_html`.
        """
        import ipywidgets as widgets

        alpha = lc._check_positive(alpha, "alpha")
        epochs = self._check_epochs(epochs)
        batch_size = self._check_shown_batch_size(batch_size)
        html_text = self.static_html(alpha, epochs, batch_size)
        style = {"description_width": "initial"}
        alpha_slider = widgets.SelectionSlider(
            options=[(f"{a:g}", a) for a in self.alphas_for(alpha)], value=alpha,
            description=_ALPHA_LABEL, style=style)
        epochs_slider = widgets.IntSlider(value=epochs, min=0, max=self.max_epochs, step=1,
                                          description="epochs", style=style)
        sliders = [alpha_slider, epochs_slider]
        if self.has_batch_slider:
            m = self.X.shape[0]
            # the full batch is the value m (a SelectionSlider cannot hold None)
            batch_slider = widgets.SelectionSlider(
                options=[(_batch_text(b, m), m if b is None else b) for b in self.batch_sizes],
                value=m if batch_size is None else batch_size, description=_BATCH_LABEL,
                style=style)
            sliders.insert(1, batch_slider)
        image = widgets.Image(value=self.update(alpha, epochs, batch_size), format="png")

        def on_change(_):
            batch = batch_slider.value if self.has_batch_slider else None  # m: full batch
            image.value = self.update(alpha_slider.value, epochs_slider.value, batch)

        for slider in sliders:
            slider.observe(on_change, names="value")
        box = widgets.VBox([widgets.HBox(sliders), image])
        batch = f", batch_size={batch_size}" if self.has_batch_slider else ""
        description = (f"GradientDescentExplorer: alpha={alpha:g}, epochs={epochs}{batch} "
                       f"(max_epochs={self.max_epochs})")
        return ExplorerView(box, html_text, description)


# ------------------------------------------------- the network explorer: chapter 16


WIDTHS = (1, 2, 3, 4, 8, 16)  # the hidden widths of the network explorer
_NETWORK_FIGSIZE = (6, 4.6)  # inches, at _DPI: 432 x 331 pixels
_GRID = 64  # points per side of the probability grid


def _units(hidden):
    return f"{hidden} hidden unit" + ("" if hidden == 1 else "s")


class NetworkExplorer:
    r"""A one-hidden-layer network on two-feature data, drawn for each hidden width.

    For every width :math:`h` of ``widths`` the network is trained once with
    :func:`logreg_core.network_train` (same data, same seed, same schedule),
    then cached: moving the slider only looks up the fit. The picture is the
    predicted probability on a ``resolution`` x ``resolution`` grid (``cividis``),
    its 0.5 contour (the decision boundary), and the data.

    In a kernel, :meth:`widget` gives an ipywidgets slider that redraws the figure
    of :meth:`update`; on the site, :meth:`static_html` stores every width's grid
    (probabilities quantised to uint8) and tools/static/network-explorer.js draws
    it on a canvas. The browser only draws; it does no training.

    Parameters
    ----------
    X : array_like of shape (m, 2)
    y : array_like of shape (m,)
        Labels 0/1.
    widths : sequence of int, default=WIDTHS
        The hidden widths of the slider, increasing.
    alpha, epochs, batch_size : training settings of :func:`logreg_core.network_train`.
    seed : int, optional
        The same seed for every width.
    resolution : int, default=64
    """

    def __init__(self, X, y, *, widths=WIDTHS, alpha=0.5, epochs=300, batch_size=20,
                 seed=None, resolution=_GRID):
        X, y = lc._check_X_y(X, y)
        if X.shape[1] != 2:
            raise ValueError(
                f"X must have exactly two features to draw the network's regions; got "
                f"shape {X.shape}."
            )
        self.widths = tuple(lc._check_hidden(h) for h in widths)
        if not self.widths or list(self.widths) != sorted(set(self.widths)):
            raise ValueError(f"widths must be increasing hidden widths; got {widths!r}.")
        self.X, self.y = X, y
        self.alpha, self.epochs, self.batch_size = alpha, epochs, batch_size
        self.seed = seed
        self.resolution = lc._check_count(resolution, "resolution", minimum=2)
        margin = 0.1 * np.ptp(X, axis=0)
        self.xlim = (float(X[:, 0].min() - margin[0]), float(X[:, 0].max() + margin[0]))
        self.ylim = (float(X[:, 1].min() - margin[1]), float(X[:, 1].max() + margin[1]))
        x1 = np.linspace(*self.xlim, self.resolution)
        x2 = np.linspace(*self.ylim, self.resolution)
        grid_1, grid_2 = np.meshgrid(x1, x2)  # row j: x2 = x2[j], bottom to top
        self.grid = np.column_stack([grid_1.ravel(), grid_2.ravel()])
        self._fits = {}
        self.figure = None

    def _check_width(self, hidden):
        hidden = lc._check_hidden(hidden)
        if hidden not in self.widths:
            raise ValueError(f"hidden must be one of the widths {self.widths}; got {hidden}.")
        return hidden

    def fit(self, hidden):
        """The network of width ``hidden`` after training (cached): its parameters."""
        hidden = self._check_width(hidden)
        if hidden not in self._fits:
            path, _ = lc.network_train(self.X, self.y, hidden, self.alpha, self.epochs,
                                       batch_size=self.batch_size, seed=self.seed)
            self._fits[hidden] = path[-1]
        return self._fits[hidden]

    def right(self, hidden):
        """How many training points the network of width ``hidden`` classifies right."""
        return int(np.sum(lc.network_predict(self.fit(hidden), self.X) == self.y))

    def probabilities(self, hidden):
        """Predicted probabilities on the grid, shape (resolution, resolution), row 0 at the bottom."""
        return lc.network_predict_proba(self.fit(hidden), self.grid).reshape(
            self.resolution, self.resolution)

    def describe(self, hidden):
        """The state in words, as the site's picture label and the kernel figure's title."""
        return f"{_units(hidden)}: {self.right(hidden)} of {len(self.y)} training points right"

    # --------------------------------------------------------- the kernel figure

    def update(self, hidden):
        """Draw the network of width ``hidden``; return the figure as PNG bytes."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        hidden = self._check_width(hidden)
        if self.figure is None:
            self.figure = Figure(figsize=_NETWORK_FIGSIZE, dpi=_DPI, layout="constrained")
            FigureCanvasAgg(self.figure)
        self.figure.clear()
        ax = self.figure.subplots()
        P = self.probabilities(hidden)
        ax.imshow(P, origin="lower", extent=(*self.xlim, *self.ylim), aspect="auto",
                  cmap="cividis", vmin=0, vmax=1, interpolation="bilinear")
        x1 = np.linspace(*self.xlim, self.resolution)
        x2 = np.linspace(*self.ylim, self.resolution)
        ax.contour(x1, x2, P, levels=[0.5], colors="black", linewidths=2)
        lc.plot_classes(self.X, self.y, ax=ax)
        ax.legend(fontsize=_FONT_SIZE - 1, **_LEGEND_PLACE)  # below: it hides no point
        ax.set_xlim(self.xlim)
        ax.set_ylim(self.ylim)
        ax.set_title(self.describe(hidden), fontsize=_FONT_SIZE)
        buffer = BytesIO()
        self.figure.canvas.print_png(buffer)
        return buffer.getvalue()

    # --------------------------------------------------------- the static explorer

    def payload(self, hidden=4):
        """The data of the static explorer, as stored in the page (a dict for JSON).

        ``P``: base64 uint8, shape (k, resolution, resolution), the probabilities of
        the k widths rounded to 255ths, row 0 at the bottom (``ylim[0]``); ``X``
        (float32) and ``y`` (uint8): the data; ``right``: the training points each
        width classifies right; ``cmap``: the 256 colours of ``cividis`` (uint8 RGB).
        """
        import matplotlib

        hidden = self._check_width(hidden)
        P = np.stack([self.probabilities(h) for h in self.widths])
        cmap = matplotlib.colormaps["cividis"](np.linspace(0, 1, 256))[:, :3]
        return {
            "widths": list(self.widths), "index": self.widths.index(hidden),
            "resolution": self.resolution, "xlim": list(self.xlim), "ylim": list(self.ylim),
            "P": _b64(np.rint(P * 255), "u1"), "X": _b64(self.X, "f4"),
            "y": _b64(self.y, "u1"), "right": [self.right(h) for h in self.widths],
            "cmap": _b64(np.rint(cmap * 255), "u1"),
        }

    def static_html(self, hidden=4):
        """The static explorer: data, a no-JavaScript note, the slider and a canvas.

        tools/static/network-explorer.js draws it (loaded by
        tools/sphinx_ext/gd_explorer.py on the pages that have one). The same data
        and arguments give the same output (ids from a hash of the data).
        """
        data = json.dumps(self.payload(hidden), separators=(",", ":"))
        key = "nn-" + hashlib.sha1(data.encode("ascii")).hexdigest()[:10]
        index = self.widths.index(self._check_width(hidden))
        return (
            f'<div class="nn-explorer" id="{key}">\n'
            f'<script type="application/json" class="nn-explorer-data">{data}</script>\n'
            '<p class="gd-explorer-fallback">This explorer is drawn by JavaScript, which '
            'is off or blocked here. Run the notebook for the live version.</p>\n'
            '<div class="gd-explorer-controls" hidden>\n'
            '<div class="gd-explorer-control">'
            f'<label for="{key}-hidden">hidden units h</label>'
            f'<output for="{key}-hidden" id="{key}-hidden-out" aria-live="off">{hidden}'
            '</output>'
            + _step_buttons(f"{key}-hidden", "fewer hidden units", "more hidden units") +
            f'<input type="range" id="{key}-hidden" class="nn-hidden" min="0" '
            f'max="{len(self.widths) - 1}" step="1" value="{index}" '
            f'aria-valuetext="{_units(hidden)}"></div>\n'
            '</div>\n'
            '<div class="gd-explorer-panels" hidden>'
            '<canvas class="nn-regions" role="img"></canvas></div>\n'
            '</div>'
        )

    # ---------------------------------------------------------------- both

    def widget(self, hidden=4):
        """The explorer, opening at width ``hidden``, for a kernel and for the site.

        Returns
        -------
        ExplorerView
            In a kernel an ipywidgets slider over :attr:`widths` and the figure of
            :meth:`update`; on the site the static explorer of :meth:`static_html`.
        """
        import ipywidgets as widgets

        hidden = self._check_width(hidden)
        html_text = self.static_html(hidden)
        slider = widgets.SelectionSlider(
            options=[(str(h), h) for h in self.widths], value=hidden,
            description="hidden units h", style={"description_width": "initial"})
        image = widgets.Image(value=self.update(hidden), format="png")

        def on_change(_):
            image.value = self.update(slider.value)

        slider.observe(on_change, names="value")
        box = widgets.VBox([slider, image])
        return ExplorerView(box, html_text, f"NetworkExplorer: hidden={hidden} "
                                            f"(widths {', '.join(map(str, self.widths))})")
