"""The slider explorer of the book: gradient descent drawn for any learning rate and epoch.

Presentation, not logistic regression: the numbers come from
:func:`logreg_core.gradient_descent_path`; this module draws them (matplotlib),
encodes the frames (Pillow) and builds the sliders (ipywidgets). Chapter 5 and
the playground use it::

    explorer = GradientDescentExplorer(X, y, max_epochs=1000, seed=SEED)
    explorer.widget(alpha=0.01, epochs=100)         # in a running kernel
    explorer.static_widget(alphas, checkpoints)     # on a page without a kernel

Each slider has a short label ("alpha", "epochs") and its full name as tooltip
("learning rate alpha", "epochs"), which JupyterLab shows on the label. On the site,
tools/static/widget-sliders-a11y.js gives that name to screen readers and has each
slider announce its readout ("0.01", "300").
"""

import base64
from io import BytesIO

import numpy as np

import logreg_core as lc

__all__ = ["GradientDescentExplorer"]

_FIGSIZE = (8, 3.2)  # inches: 576 x 230 pixels at _DPI
_DPI = 72
_PALETTE_COLORS = 64  # colours of the static frames: about 8 kB each instead of 25 kB
# The sliders' full names, given as tooltips (without a tooltip ipywidgets 8 writes the
# string "null" into the label's title). The site's script reads them as accessible names;
# each contains its visible label ("alpha") so that voice control finds it (WCAG 2.5.3).
_ALPHA_NAME = "learning rate alpha"
_EPOCHS_NAME = "epochs"
# Marks the static sliders for the site's script: a SelectionSlider's readout is
# editable text that ipywidgets never reads back, which the script makes plain text.
_STATIC_SLIDER_CLASS = "logreg-static-slider"


class GradientDescentExplorer:
    r"""Gradient descent on two-feature data, drawn for any learning rate and epoch.

    Drives the sliders of the book: :meth:`update` trains once per learning rate
    :math:`\alpha` (with :func:`logreg_core.gradient_descent_path` for
    ``max_epochs`` updates, then cached), so moving the epoch only indexes the
    stored path. The figure is built once; an epoch change redraws only the
    boundary line and the loss curve on a saved background (blitting).

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

    Examples
    --------
    >>> from sklearn.datasets import make_blobs
    >>> X, y = make_blobs(n_samples=150, centers=2, n_features=2, random_state=0)
    >>> explorer = GradientDescentExplorer(X, y, max_epochs=100, seed=0)
    >>> png = explorer.update(alpha=0.01, epochs=50)  # PNG bytes of the figure
    """

    def __init__(self, X, y, *, max_epochs=1000, W0=None, seed=None):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

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
        self._paths = {}
        self.figure = Figure(figsize=_FIGSIZE, dpi=_DPI, layout="constrained")
        self._canvas = FigureCanvasAgg(self.figure)
        self.data_ax, self.loss_ax = self.figure.subplots(1, 2)
        lc.plot_classes(self.X, self.y, ax=self.data_ax)
        margin = 0.1 * np.ptp(self.X, axis=0)
        self.data_ax.set_xlim(self.X[:, 0].min() - margin[0], self.X[:, 0].max() + margin[0])
        self.data_ax.set_ylim(self.X[:, 1].min() - margin[1], self.X[:, 1].max() + margin[1])
        (self.boundary_line,) = self.data_ax.plot([], [], color="black", linestyle="--",
                                                  linewidth=2, label="decision boundary")
        self.data_ax.legend(loc="upper right", fontsize="small")
        (self.loss_line,) = self.loss_ax.plot([], [], color=lc.CLASS_COLORS[1], linewidth=2)
        (self.current_point,) = self.loss_ax.plot([], [], marker="o", color="black")
        self.status = self.loss_ax.text(0.98, 0.95, "", transform=self.loss_ax.transAxes,
                                        ha="right", va="top")
        self.loss_ax.set_xlim(0, max(self.max_epochs, 1))
        self.loss_ax.set_xlabel("epoch")
        self.loss_ax.set_ylabel(r"cost $J(W)$")
        self.title = self.loss_ax.set_title(" ")
        self._animated = (self.boundary_line, self.loss_line, self.current_point, self.status,
                          self.title)
        for artist in self._animated:
            artist.set_animated(True)  # drawn by _render only, on top of the saved background
        self._background = None
        self.alpha = self.epochs = None

    def path(self, alpha):
        """``(W_path, cost_path)`` for ``alpha`` over ``max_epochs`` updates, computed once."""
        alpha = lc._check_positive(alpha, "alpha")
        if alpha not in self._paths:
            self._paths[alpha] = lc.gradient_descent_path(self.X, self.y, alpha,
                                                          self.max_epochs, W0=self.W0)
        return self._paths[alpha]

    def update(self, alpha, epochs):
        """Show the model after ``epochs`` updates with learning rate ``alpha``; return PNG bytes.

        Large learning rates are drawn as they are: oscillating or growing costs
        stay finite (the cost is computed from the logits), and the boundary line
        may leave the plot.
        """
        image = self._render(alpha, epochs)
        buffer = BytesIO()
        # compress_level=1: about twice as fast as the default for the same size class
        image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def _palette_png(self, alpha, epochs):
        """The frame of :meth:`update` as a palette PNG (about 3x smaller), encoded once.

        The rendered RGBA buffer is quantised to ``_PALETTE_COLORS`` colours directly,
        with no full-colour PNG encoded and decoded on the way.
        """
        from PIL import Image

        image = self._render(alpha, epochs).convert("RGB")
        buffer = BytesIO()
        image.quantize(_PALETTE_COLORS, method=Image.Quantize.MEDIANCUT).save(
            buffer, format="png", optimize=True)
        return buffer.getvalue()

    def _render(self, alpha, epochs):
        """Draw the state (``alpha``, ``epochs``) and return it as an RGBA image."""
        from PIL import Image

        epochs = lc._check_count(epochs, "epochs")
        if epochs > self.max_epochs:
            raise ValueError(f"epochs must be at most max_epochs={self.max_epochs}; got {epochs}.")
        W_path, cost_path = self.path(alpha)
        self.alpha, self.epochs = float(alpha), epochs
        highest_cost = max(cost_path.max(), 1e-3)
        if self._background is None or highest_cost > self.loss_ax.get_ylim()[1]:
            # the static parts are drawn again only when the cost axis must grow
            self.loss_ax.set_ylim(0, 1.05 * highest_cost)
            self._canvas.draw()
            self._background = self._canvas.copy_from_bbox(self.figure.bbox)
        self.title.set_text(rf"learning rate $\alpha$ = {self.alpha:.3g}")
        W = W_path[epochs]
        x1 = np.array(self.data_ax.get_xlim())
        if W[2] != 0:
            self.boundary_line.set_data(x1, lc.decision_boundary(W, x1))
        elif W[1] != 0:  # vertical boundary x1 = -W0 / W1
            self.boundary_line.set_data([-W[0] / W[1]] * 2, self.data_ax.get_ylim())
        else:
            self.boundary_line.set_data([], [])
        epochs_so_far = np.arange(epochs + 1)
        self.loss_line.set_data(epochs_so_far, cost_path[: epochs + 1])
        self.current_point.set_data([epochs], [cost_path[epochs]])
        self.status.set_text(f"epoch {epochs}\ncost {cost_path[epochs]:.4f}")
        self._canvas.restore_region(self._background)
        for artist in self._animated:
            artist.axes.draw_artist(artist)
        return Image.frombuffer("RGBA", self._canvas.get_width_height(),
                                self._canvas.buffer_rgba())

    def widget(self, alpha=0.01, epochs=100):
        """Sliders for ``alpha`` and ``epochs`` and the figure, for a running kernel.

        Returns
        -------
        ipywidgets.VBox
        """
        import ipywidgets as widgets

        alpha_slider = widgets.FloatLogSlider(value=alpha, base=10, min=-4, max=1, step=0.25,
                                              readout_format=".4g", description="alpha",
                                              tooltip=_ALPHA_NAME)
        epochs_slider = widgets.IntSlider(value=epochs, min=0, max=self.max_epochs, step=10,
                                          description="epochs", tooltip=_EPOCHS_NAME)
        image = widgets.Image(value=self.update(alpha, epochs), format="png")

        def on_change(_):
            image.value = self.update(alpha_slider.value, epochs_slider.value)

        alpha_slider.observe(on_change, names="value")
        epochs_slider.observe(on_change, names="value")
        return widgets.VBox([widgets.HBox([alpha_slider, epochs_slider]), image])

    def static_widget(self, alphas, checkpoints):
        """The explorer for a page without a kernel: every state pre-rendered.

        One image per (alpha, checkpoint), each an ``<img>`` with alt text in an
        ``HTML`` widget, in nested ``Stack`` widgets whose ``selected_index``
        follows the sliders through ``jslink``, which runs in the browser. The
        sliders carry the class ``logreg-static-slider`` for the site's script
        (tools/static/widget-sliders-a11y.js).
        The images are palette PNGs of 64 colours (about 8 kB each instead of
        about 25 kB), and all the image widgets share one layout and one style
        model, so a 7 x 11 grid adds under 1 MB to a page.

        Returns
        -------
        ipywidgets.VBox
        """
        import ipywidgets as widgets
        from ipywidgets.widgets.widget_string import HTMLStyle  # not exported at the top

        checkpoints = [lc._check_count(c, "checkpoints") for c in checkpoints]
        alpha_slider = widgets.SelectionSlider(options=[(f"{a:g}", a) for a in alphas],
                                               description="alpha", tooltip=_ALPHA_NAME)
        epochs_slider = widgets.SelectionSlider(options=checkpoints, description="epochs",
                                                tooltip=_EPOCHS_NAME)
        for slider in (alpha_slider, epochs_slider):
            slider.add_class(_STATIC_SLIDER_CLASS)
        # one layout and one style for every image: the page stores each model once
        shared = {"layout": widgets.Layout(), "style": HTMLStyle()}
        per_alpha = []
        for alpha in alphas:
            images = []
            for epochs in checkpoints:
                png = base64.b64encode(self._palette_png(alpha, epochs)).decode("ascii")
                cost = self.path(alpha)[1][epochs]
                unit = "epoch" if epochs == 1 else "epochs"
                alt = (f"Left: the two classes and the decision boundary after {epochs} "
                       f"{unit} with learning rate {alpha:g}. Right: the training cost "
                       f"up to epoch {epochs}, now {cost:.4f}.")
                images.append(widgets.HTML(
                    f'<img src="data:image/png;base64,{png}" alt="{alt}" '
                    f'data-alpha="{alpha:g}" data-epochs="{epochs}">', **shared))
            inner = widgets.Stack(images, selected_index=0, layout=shared["layout"])
            widgets.jslink((epochs_slider, "index"), (inner, "selected_index"))
            per_alpha.append(inner)
        outer = widgets.Stack(per_alpha, selected_index=0)
        widgets.jslink((alpha_slider, "index"), (outer, "selected_index"))
        return widgets.VBox([widgets.HBox([alpha_slider, epochs_slider]), outer])
