"""Logistic regression from scratch: the one numerical module of the book.

Every chapter imports this module; nothing here is re-implemented in a notebook
(chapter 5 builds the training loop in front of the reader, then shows that
:func:`gradient_descent_path` runs the same lines).

Conventions (those of the tutorial the book grew from):

* ``X`` is the raw feature matrix, shape ``(m, n)``: ``m`` samples, ``n`` features.
* ``W`` is a float vector of length ``n + 1``; ``W[0]`` is the intercept ``w_0``
  and ``W[1:]`` is the vector ``w`` of slopes.
* ``y`` holds the labels 0/1; ``p`` the predicted probabilities.
* The logits are ``z = W[0] + X @ W[1:]``, the same as ``add_intercept(X) @ W``
  without building the ``(m, n + 1)`` copy.
* ``l2`` (default 0) adds the ridge penalty ``(l2 / 2) * ||W[1:]||^2`` to the mean
  cost; the intercept is never penalised. scikit-learn's ``LogisticRegression(C=C)``
  is ``l2 = 1 / (C * m)``.
* ``l1`` (default 0, :func:`cost` only) adds the L1 penalty ``l1 * ||W[1:]||_1``;
  :func:`proximal_gradient` minimises it (it has no derivative where a weight is 0).
* ``sample_weight`` (default None: every row once) makes row ``i`` count
  ``v_i >= 0`` times in the mean cost, which is still divided by ``m`` (not by
  ``sum(v)``), so that ``l2 = 1 / (C * m)`` keeps giving the minimiser of
  scikit-learn's ``LogisticRegression(C=C).fit(X, y, sample_weight=v)``.
* Softmax regression with ``K`` classes uses a matrix ``W`` of shape ``(n + 1, K)``
  (row 0: the intercepts) and labels ``y`` in ``0, 1, ..., K - 1``.

Sections, in the book's order, each under a banner that names its chapters:

1. the model: sigmoid, logits, probabilities, labels, decision boundary;
2. the cost (and the one place where the ridge penalty is added);
3. the gradient and its numerical check;
4. gradient descent (the one training loop, the one draw of initial weights);
5. second order: Hessian, Newton's method, standard errors;
6. the scikit-learn estimator;
7. softmax regression;
8. stochastic and minibatch gradient descent (the one minibatch loop, which
   the network of section 12 trains on too);
9. L1 and the elastic net (soft-thresholding, proximal gradient);
10. class and sample weights;
11. generative models and the GLM view;
12. a one-hidden-layer network;
13. plotting helpers and the book's helpers (self-checks and their verdicts,
    printing code).

Then the validation helpers, and last the speed machinery that the book never
prints (Newton's fused pass over ``X``). The slider explorer lives beside this
module, in ``logreg_sliders``.
"""

import functools
import numbers
import os
import warnings

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning as _SklearnConvergenceWarning
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import check_is_fitted, validate_data

__all__ = [
    "CLASS_COLORS",
    "CLASS_MARKERS",
    "ConvergenceWarning",
    "LogisticRegressionGD",
    "PerfectSeparationError",
    "SingularHessianError",
    "add_intercept",
    "check_answer",
    "class_sample_weights",
    "cost",
    "decision_boundary",
    "deviance",
    "gradient",
    "gradient_descent_path",
    "hessian",
    "lda_weights",
    "likelihood_ratio_test",
    "logistic_regression",
    "logits",
    "network_cost",
    "network_gradient",
    "network_hidden",
    "network_init",
    "network_predict",
    "network_predict_proba",
    "network_size",
    "network_train",
    "network_unpack",
    "newton",
    "numerical_gradient",
    "plot_classes",
    "plot_cost_history",
    "plot_decision_boundary",
    "plot_probability_map",
    "predict",
    "predict_proba",
    "proximal_gradient",
    "matches",
    "minibatch_path",
    "naive_bayes_fit",
    "naive_bayes_log_odds",
    "report",
    "sgd_path",
    "show_source",
    "sigmoid",
    "soft_threshold",
    "softmax",
    "softmax_cost",
    "softmax_gradient",
    "softmax_gradient_descent",
    "softmax_predict",
    "softmax_predict_proba",
    "standard_errors",
]


# ---------------------------------------------- 1. the model: chapters 1 and 2


def sigmoid(z):
    r"""The logistic function, elementwise.

    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}} = \frac{e^{z}}{1 + e^{z}}

    Evaluated as :math:`1 / (1 + e^{-|z|})` for :math:`z \ge 0` and
    :math:`e^{-|z|} / (1 + e^{-|z|})` for :math:`z < 0`, so ``exp`` only ever
    sees a non-positive argument and never overflows.

    Parameters
    ----------
    z : float or array_like
        Logits.

    Returns
    -------
    float or ndarray
        :math:`\sigma(z)` in [0, 1]; a float for a scalar ``z``.

    Examples
    --------
    >>> sigmoid(0.0)
    0.5
    >>> sigmoid([-1e4, 1e4]).tolist()
    [0.0, 1.0]
    """
    z_array = _as_real_array(z, "z")
    e = np.exp(-np.abs(z_array))
    p = np.where(z_array >= 0, 1.0, e) / (1.0 + e)
    return float(p) if p.ndim == 0 else p


def logits(W, X):
    r"""The linear scores :math:`z_i = w_0 + \sum_j w_j x_{ij}`.

    Parameters
    ----------
    W : array_like of shape (n + 1,)
        Weights, intercept first.
    X : array_like of shape (m, n)

    Returns
    -------
    ndarray of shape (m,)
    """
    W, X = _check_W_X(W, X, call="logits(W, X)")
    return W[0] + X @ W[1:]


def add_intercept(X):
    r"""``X`` with a leading column of ones: :math:`[\mathbf{1}, X]`, shape (m, n + 1).

    Then :math:`[\mathbf{1}, X] W = w_0 + X \mathbf{w}`: the intercept becomes an
    ordinary weight on a feature that is always 1.

    Parameters
    ----------
    X : array_like of shape (m, n)

    Returns
    -------
    ndarray of shape (m, n + 1)
    """
    X = _check_X(X)
    return np.hstack([np.ones((X.shape[0], 1)), X])


def predict_proba(W, X):
    r"""Predicted probabilities :math:`p_i = P(y_i = 1 \mid x_i) = \sigma(z_i)`.

    Parameters
    ----------
    W : array_like of shape (n + 1,)
    X : array_like of shape (m, n)

    Returns
    -------
    ndarray of shape (m,)
    """
    W, X = _check_W_X(W, X, call="predict_proba(W, X)")
    return sigmoid(W[0] + X @ W[1:])


def predict(W, X, threshold=0.5):
    r"""Predicted labels: 1 where :math:`\sigma(z_i) \ge t`, else 0.

    Decided on the logit scale, :math:`z_i \ge \log\frac{t}{1 - t}`, which is
    :math:`z_i \ge 0` at the default :math:`t = 0.5`: exact even where
    :math:`\sigma(z)` rounds to 0.5 or to 1.

    Parameters
    ----------
    W : array_like of shape (n + 1,)
    X : array_like of shape (m, n)
    threshold : float, default=0.5
        In (0, 1).

    Returns
    -------
    ndarray of int, shape (m,)
    """
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real):
        raise TypeError(f"threshold must be a number in (0, 1); got {threshold!r}.")
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must be strictly between 0 and 1; got {threshold!r}.")
    W, X = _check_W_X(W, X, call="predict(W, X)")
    cutoff = 0.0 if threshold == 0.5 else np.log(threshold) - np.log1p(-threshold)
    return (W[0] + X @ W[1:] >= cutoff).astype(int)


def decision_boundary(W, x1):
    r"""The line :math:`p = 0.5` of a model with two features, as :math:`x_2(x_1)`.

    .. math:: w_0 + w_1 x_1 + w_2 x_2 = 0 \iff x_2 = -\frac{w_0 + w_1 x_1}{w_2}

    Parameters
    ----------
    W : array_like of shape (3,)
    x1 : float or array_like
        Values of the first feature.

    Returns
    -------
    float or ndarray
        The matching values of the second feature; a float for a scalar ``x1``.
    """
    W = _check_W(W, 2)
    if W[2] == 0:
        raise ValueError(
            "W[2] is 0: the decision boundary is the vertical line "
            "x1 = -W[0] / W[1] (or does not exist), not a function of x1."
        )
    x1 = _as_real_array(x1, "x1")
    x2 = -(W[0] + W[1] * x1) / W[2]
    return float(x2) if x2.ndim == 0 else x2


# ------------------------------------------------------ 2. the cost: chapter 3


def cost(W, X, y, *, l2=0.0, l1=0.0, sample_weight=None):
    r"""Mean negative log-likelihood (binary cross-entropy) :math:`J(W)`, plus penalties.

    .. math::

        J(W) = -\frac{1}{m}\sum_{i=1}^m \bigl[y_i \log p_i
               + (1 - y_i)\log(1 - p_i)\bigr]
             = \frac{1}{m}\sum_{i=1}^m \bigl[\log(1 + e^{z_i}) - y_i z_i\bigr]

    with :math:`p_i = \sigma(z_i)`. The right-hand form is computed from the
    logits with ``np.logaddexp(0, z)``, so it stays finite for confidently wrong
    predictions (:math:`z = \pm 1000`), where :math:`\log p_i` would be
    :math:`\log 0`.

    With ``l2`` :math:`= \lambda > 0` the ridge penalty
    :math:`\tfrac{\lambda}{2} \sum_{j \ge 1} w_j^2` is added; the intercept
    :math:`w_0` is never penalised. scikit-learn's ``LogisticRegression(C=C)``
    minimises :math:`C m` times this cost with :math:`\lambda = 1 / (C m)`.
    With ``l1`` :math:`= \lambda_1 > 0` the L1 penalty
    :math:`\lambda_1 \sum_{j \ge 1} |w_j|` is added too (see
    :func:`proximal_gradient`; :func:`gradient` ignores it).

    With ``sample_weight`` :math:`= (v_1, \dots, v_m)` row :math:`i` counts
    :math:`v_i` times: :math:`J_v(W) = \frac1m \sum_i v_i [\log(1 + e^{z_i})
    - y_i z_i]`, divided by :math:`m`, not by :math:`\sum_i v_i`.
    scikit-learn's ``LogisticRegression(C=C).fit(X, y, sample_weight=v)``
    divides by :math:`\sum_i v_i` and scales its penalty to match; both
    minimise :math:`-C \sum_i v_i \ell_i + \frac12 \lVert \mathbf w
    \rVert^2`, so :math:`\lambda = 1 / (C m)` still gives its weights.

    Parameters
    ----------
    W : array_like of shape (n + 1,)
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
        Labels 0/1.
    l2 : float, default=0.0
        Penalty strength :math:`\lambda \ge 0`.
    l1 : float, default=0.0
        L1 penalty strength :math:`\lambda_1 \ge 0`.
    sample_weight : array_like of shape (m,), optional
        Weights :math:`v_i \ge 0`, not all zero; default 1 for every row.

    Returns
    -------
    float
        :math:`J(W) \ge 0`.
    """
    W, X = _check_W_X(W, X, call="cost(W, X, y)")
    y = _check_y(y, X.shape[0])
    l2 = _check_l2(l2)
    l1 = _check_penalty(l1, "l1")
    v = _sample_weights(sample_weight, X.shape[0])  # 1.0 when None
    z = W[0] + X @ W[1:]
    J = np.mean(v * (np.logaddexp(0.0, z) - y * z))
    return float(_add_penalty(J, None, W, l2, l1=l1))  # J plus the penalties


def _add_penalty(J, grad, W, l2, H=None, l1=0.0):
    r"""Add the ridge penalty to a cost and, in place, to its gradient and Hessian.

    .. math::

        J + \tfrac{\lambda}{2} \lVert \mathbf{w} \rVert^2, \qquad
        \nabla J + \lambda \begin{bmatrix} 0 \\ \mathbf{w} \end{bmatrix}, \qquad
        H + \lambda \operatorname{diag}(0, 1, \dots, 1)

    with :math:`\lambda` = ``l2`` and :math:`\mathbf{w}` = ``W[1:]`` (rows 1: of
    the softmax matrix): the intercepts in row 0 are never penalised. The one
    place where the penalty enters; ``grad`` and ``H`` may be None. Returns the
    penalised cost. ``l1`` adds :math:`\lambda_1 \lVert \mathbf{w} \rVert_1` to
    the cost only: it has no gradient at 0 (see :func:`proximal_gradient`).
    """
    if l2:
        w = W[1:]
        J = J + l2 / 2 * float(np.sum(w * w))
        if grad is not None:
            grad[1:] += l2 * w
        if H is not None:
            slopes = np.arange(1, W.shape[0])
            H[slopes, slopes] += l2
    if l1:
        J = J + l1 * float(np.sum(np.abs(W[1:])))
    return J


# -------------------------------------------------- 3. the gradient: chapter 4


def gradient(W, X, y, *, l2=0.0, sample_weight=None):
    r"""Gradient of :func:`cost` with respect to ``W``.

    .. math::

        \nabla J(W) = \frac{1}{m}
        \begin{bmatrix} \sum_i (p_i - y_i) \\ X^\top (\mathbf{p} - \mathbf{y}) \end{bmatrix}
        + \lambda \begin{bmatrix} 0 \\ \mathbf{w} \end{bmatrix}

    with :math:`\lambda` = ``l2``: the penalty does not touch the intercept.
    With ``sample_weight`` the residuals are weighted:
    :math:`\frac1m \tilde X^\top \bigl(\mathbf v \odot (\mathbf p - \mathbf y)\bigr)`.

    Parameters
    ----------
    W : array_like of shape (n + 1,)
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    l2 : float, default=0.0
        Penalty strength :math:`\lambda \ge 0` (see :func:`cost`).
    sample_weight : array_like of shape (m,), optional
        Weights :math:`v_i \ge 0` (see :func:`cost`).

    Returns
    -------
    ndarray of shape (n + 1,)
    """
    W, X = _check_W_X(W, X, call="gradient(W, X, y)")
    y = _check_y(y, X.shape[0])
    l2 = _check_l2(l2)
    v = _sample_weights(sample_weight, X.shape[0])  # 1.0 when None
    residual = v * (sigmoid(W[0] + X @ W[1:]) - y)
    grad = np.concatenate(([residual.sum()], X.T @ residual)) / X.shape[0]
    _add_penalty(0.0, grad, W, l2)  # adds l2 * [0, w] to grad, in place
    return grad


def numerical_gradient(f, W, eps=1e-6):
    r"""Central-difference approximation of the gradient of ``f`` at ``W``.

    .. math:: \frac{\partial f}{\partial w_j} \approx
              \frac{f(W + \varepsilon e_j) - f(W - \varepsilon e_j)}{2\varepsilon}

    The error is :math:`O(\varepsilon^2)`; use it to check analytic gradients.

    Parameters
    ----------
    f : callable
        ``f(W)`` returns a real number.
    W : array_like of shape (k,)
    eps : float, default=1e-6
        Step size.

    Returns
    -------
    ndarray of shape (k,)
    """
    if not callable(f):
        raise TypeError(f"f must be a callable f(W) -> float; got {type(f).__name__}.")
    eps = _check_positive(eps, "eps")
    W = _as_real_array(W, "W")
    if W.ndim != 1:
        raise ValueError(f"W must be a 1-D vector; got shape {W.shape}.")
    grad = np.empty_like(W)
    for j in range(W.shape[0]):
        step = np.zeros_like(W)
        step[j] = eps
        grad[j] = (f(W + step) - f(W - step)) / (2 * eps)
    return grad


# --------------------------------------- 4. gradient descent: chapters 5 and 6


def gradient_descent_path(X, y, alpha=0.01, epochs=30, *, W0=None, seed=None,
                          l2=0.0, tol=None, sample_weight=None):
    r"""Batch gradient descent on :func:`cost`, keeping every iterate.

    .. math:: W^{(k+1)} = W^{(k)} - \alpha \, \nabla J(W^{(k)})

    Each epoch computes the logits :math:`z_i = w_0 + \mathbf{x}_i^\top
    \mathbf{w}`, one :math:`e_i = e^{-|z_i|} \in (0, 1]` (never overflows), the
    cost :math:`\frac1m \sum_i [\max(z_i, 0) + \log(1 + e_i) - y_i z_i]`, the
    probabilities :math:`p_i = \sigma(z_i)` (:math:`1 / (1 + e_i)` for
    :math:`z_i \ge 0`, :math:`e_i / (1 + e_i)` otherwise), the gradient
    :math:`\frac1m [\sum_i v_i (p_i - y_i), X^\top \operatorname{diag}(v_i)
    (\mathbf{p} - \mathbf{y})]` (all :math:`v_i = 1` without ``sample_weight``)
    and the update.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
        Labels 0/1.
    alpha : float, default=0.01
        Learning rate, > 0. With the curvature bound
        :math:`L = \tfrac14 \lambda_{\max}([\mathbf{1}, X]^\top
        \operatorname{diag}(v_i) [\mathbf{1}, X] / m) + \lambda`
        (:math:`\lambda` = ``l2``; all :math:`v_i = 1` without
        ``sample_weight``), the descent lemma guarantees that the
        cost never increases when :math:`\alpha \le 2 / L`; :math:`\alpha = 1 / L`
        is the usual default.
    epochs : int, default=30
        Number of updates, >= 0.
    W0 : array_like of shape (n + 1,), optional
        Initial weights. By default drawn from
        ``np.random.default_rng(seed).standard_normal(n + 1)``.
    seed : int, numpy.random.Generator or numpy.random.RandomState, optional
        Seed for the initial weights; the same seed gives the same path.
    l2 : float, default=0.0
        Ridge penalty :math:`\lambda \ge 0`: descends on ``cost(W, X, y, l2=l2)``
        (the intercept is not penalised).
    tol : float, optional
        Stop early at the first iterate where every gradient component is
        below ``tol`` in absolute value; by default run all ``epochs``.
    sample_weight : array_like of shape (m,), optional
        Weights :math:`v_i \ge 0`: descends on the weighted cost of :func:`cost`
        (``v`` multiplies each row's cost and residual; 1 when not given).

    Returns
    -------
    W_path : ndarray of shape (epochs + 1, n + 1)
        Row ``k`` holds the weights after ``k`` updates (fewer rows if ``tol``
        stopped the descent early).
    cost_path : ndarray of shape (epochs + 1,)
        ``cost_path[k]`` is ``cost(W_path[k], X, y, l2=l2,
        sample_weight=sample_weight)`` (up to rounding).

    Warns
    -----
    ConvergenceWarning
        If the last cost is above the first: the step ``alpha`` is too large
        for the data. The message gives the bound :math:`2 / L`. Single rises
        are not warned about: with a step above :math:`2 / L` on separable
        data the cost may bounce for a while and then fall for good.
    """
    X, y = _check_X_y(X, y)
    alpha = _check_positive(alpha, "alpha")
    epochs = _check_count(epochs, "epochs")
    l2 = _check_l2(l2)
    tol = None if tol is None else _check_positive(tol, "tol")
    if W0 is None:
        W0 = _initial_weights(X.shape[1] + 1, seed)
    m = X.shape[0]
    v = _sample_weights(sample_weight, m)  # 1.0 when None: each row once
    W_path = np.empty((epochs + 1, X.shape[1] + 1))
    W_path[0] = _check_W(W0, X.shape[1], name="W0")
    cost_path = np.empty(epochs + 1)
    for k in range(epochs + 1):
        W = W_path[k]
        z = W[0] + X @ W[1:]  # logits
        e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
        J = np.mean(v * (np.maximum(z, 0.0) + np.log1p(e) - y * z))
        p = np.where(z >= 0, 1.0, e) / (1.0 + e)  # sigmoid(z)
        residual = v * (p - y)
        grad = np.concatenate(([residual.sum()], X.T @ residual)) / m
        cost_path[k] = _add_penalty(J, grad, W, l2)
        if tol is not None and np.abs(grad).max() < tol:
            return W_path[: k + 1].copy(), cost_path[: k + 1].copy()
        if k < epochs:
            W_path[k + 1] = W - alpha * grad
    _warn_if_cost_rose(cost_path, X, alpha, l2, v)  # alpha too large?
    return W_path, cost_path


def logistic_regression(X, y, alpha=0.01, epochs=30, *, W0=None, seed=None,
                        verbose=False, l2=0.0):
    r"""Fit logistic regression by batch gradient descent (the tutorial's function).

    Runs :func:`gradient_descent_path` and keeps only the final weights.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    alpha : float, default=0.01
        Learning rate :math:`\alpha` in :math:`W \leftarrow W - \alpha \nabla J(W)`.
    epochs : int, default=30
        Number of updates.
    W0 : array_like of shape (n + 1,), optional
        Initial weights; default ``np.random.default_rng(seed).standard_normal(n + 1)``.
    seed : int, optional
    verbose : bool, default=False
        Print ``cost:<value> \t iteration: <i>`` every 10 iterations.
    l2 : float, default=0.0
        Ridge penalty :math:`\lambda \ge 0` (see :func:`cost`).

    Returns
    -------
    W : ndarray of shape (n + 1,)
        Weights after ``epochs`` updates.
    cost_history : list of float
        The ``epochs`` costs, each computed before its update.

    Warns
    -----
    ConvergenceWarning
        If the cost ended above where it started (see :func:`gradient_descent_path`).
    """
    W_path, cost_path = gradient_descent_path(X, y, alpha, epochs, W0=W0,
                                              seed=seed, l2=l2)
    cost_history = cost_path[:-1].tolist()
    if verbose:
        for iteration in range(0, len(cost_history), 10):
            print(f"cost:{cost_history[iteration]:.6f} \t "
                  f"iteration: {iteration}")
    return W_path[-1].copy(), cost_history


def _cost_rose(cost_path):
    """Whether the last cost is above the first (beyond rounding; NaN counts as above)."""
    return not cost_path[-1] <= cost_path[0] * (1 + 1e-9) + 1e-12


def _curvature_bound(X, l2, sample_weight=1.0):
    r"""The curvature bound :math:`L` of the cost, for the warning on too large steps.

    .. math:: L = \tfrac14 \lambda_{\max}\bigl([\mathbf{1}, X]^\top
              \operatorname{diag}(v_i) [\mathbf{1}, X] / m\bigr) + \lambda

    The Hessian of :func:`cost` never exceeds it, since :math:`p_i (1 - p_i) \le 1/4`
    (weighted: :math:`v_i p_i (1 - p_i) \le v_i / 4`). ``sample_weight`` is a
    validated vector, or the scalar 1.0 for all :math:`v_i = 1`. Built from the
    :math:`(n + 1) \times (n + 1)` Gram matrix, without copying ``X`` when unweighted.
    """
    m, n = X.shape
    unweighted = np.ndim(sample_weight) == 0
    Xv = X if unweighted else X * sample_weight[:, None]
    gram = np.empty((n + 1, n + 1))
    gram[0, 0] = m if unweighted else sample_weight.sum()
    gram[0, 1:] = gram[1:, 0] = Xv.sum(axis=0)
    gram[1:, 1:] = X.T @ Xv
    return np.linalg.eigvalsh(gram / m)[-1] / 4 + l2


def _warn_if_cost_rose(cost_path, X, alpha, l2, sample_weight=1.0):
    """Warn (ConvergenceWarning) when gradient descent ended above its starting cost.

    The rule is deliberately weak: a step above 2/L may raise the cost for many
    epochs and still end far below the start (chapter 5's shifted blobs), and
    that is not worth a warning; ending above the start is. ``sample_weight``
    (a validated vector, or 1.0) enters the bound :math:`L`.
    """
    if not _cost_rose(cost_path):
        return
    rises = int(np.sum(np.diff(cost_path) > 0))
    L = _curvature_bound(X, l2, sample_weight)
    unweighted = np.ndim(sample_weight) == 0
    gram = "[1, X]^T [1, X]" if unweighted else "[1, X]^T diag(v) [1, X]"
    weights = "" if unweighted else ", v = sample_weight"
    warnings.warn(
        f"Gradient descent did not descend: the cost rose in {rises} of "
        f"{len(cost_path) - 1} epochs and ended above where it started "
        f"({cost_path[0]:.4g} -> {cost_path[-1]:.4g}). The learning rate "
        f"alpha={alpha:g} is too large for these data: steps alpha <= 2/L = "
        f"{2 / L:.3g} never raise the cost, with the curvature bound "
        f"L = lambda_max({gram} / m) / 4 + l2 = {L:.3g}{weights}. Use a smaller "
        f"alpha (1/L = {1 / L:.3g} is a safe default), or standardise the features.",
        ConvergenceWarning,
        stacklevel=3,
    )


def _initial_weights(shape, seed, name="seed"):
    """Standard-normal starting weights of ``shape``, drawn from ``seed``.

    The one place where weights are drawn: ``seed`` is None, an int, a
    ``numpy.random.Generator`` or a legacy ``numpy.random.RandomState``, and
    the same seed gives the same draw in every function of the module.
    """
    if isinstance(seed, np.random.RandomState):
        return seed.standard_normal(shape)
    try:
        rng = np.random.default_rng(seed)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"{name} must be None, a non-negative int, a numpy.random.Generator "
            f"or a numpy.random.RandomState; got {seed!r}."
        ) from error
    return rng.standard_normal(shape)


# ------------------------------------------- 5. second order: chapters 8 and 9


class ConvergenceWarning(RuntimeWarning, _SklearnConvergenceWarning):
    """An iterative solver did not converge.

    Either it stopped before reaching its tolerance (:func:`newton`,
    :class:`LogisticRegressionGD`), or gradient descent ended with a cost above
    its starting cost, a learning rate too large for the data
    (:func:`gradient_descent_path`). Also a scikit-learn ``ConvergenceWarning``,
    so filters written for scikit-learn apply to it too."""


class PerfectSeparationError(ValueError):
    """The classes are perfectly separable, so the cost has no minimiser.

    Some weights classify every sample correctly, and scaling them up always lowers
    the cost towards 0: the maximum-likelihood weights do not exist. (The Hessian is
    invertible at every finite ``W``; what fails is existence.) A ``ValueError``."""


class SingularHessianError(np.linalg.LinAlgError):
    """The Hessian is singular to working precision at the current weights.

    Typical causes: duplicated, constant or linearly dependent features (then the
    minimiser is not unique), or probabilities so close to 0 and 1 that every
    :math:`p_i (1 - p_i)` underflows. A ``numpy.linalg.LinAlgError``, so a ``ValueError``."""


def hessian(W, X, y, *, l2=0.0, sample_weight=None):
    r"""Hessian (matrix of second derivatives) of :func:`cost` at ``W``.

    .. math::

        \nabla^2 J(W) = \frac{1}{m} [\mathbf{1}, X]^\top S [\mathbf{1}, X]
                        + \lambda \operatorname{diag}(0, 1, \dots, 1), \qquad
        S = \operatorname{diag}\bigl(p_i (1 - p_i)\bigr)

    Positive semi-definite, so the cost is convex. The labels do not appear
    (``y`` is only validated). :func:`newton` solves with it; its inverse gives
    the :func:`standard_errors`. With ``sample_weight``, :math:`S` becomes
    :math:`S_v = \operatorname{diag}\bigl(v_i p_i (1 - p_i)\bigr)`.

    Parameters
    ----------
    W : array_like of shape (n + 1,)
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    l2 : float, default=0.0
        Ridge penalty :math:`\lambda \ge 0` (see :func:`cost`).
    sample_weight : array_like of shape (m,), optional
        Weights :math:`v_i \ge 0` (see :func:`cost`).

    Returns
    -------
    ndarray of shape (n + 1, n + 1)
    """
    W, X = _check_W_X(W, X, call="hessian(W, X, y)")
    y = _check_y(y, X.shape[0])
    l2 = _check_l2(l2)
    v = _check_sample_weight(sample_weight, X.shape[0])  # None stays None
    return _cost_gradient_hessian(W, X, y, l2, v)[2]


_MAX_HALVINGS = 40  # damped Newton: shortest step tried is 2**-40 of the full one


def newton(X, y, *, tol=1e-10, max_iter=100, l2=0.0, sample_weight=None):
    r"""Maximum-likelihood weights by Newton's method (IRLS).

    .. math::

        W^{(k+1)} = W^{(k)} - H^{-1} \nabla J(W^{(k)}), \qquad
        H = \frac{1}{m} [\mathbf{1}, X]^\top S [\mathbf{1}, X] + \lambda D, \quad
        S = \operatorname{diag}\bigl(p_i (1 - p_i)\bigr)

    with :math:`D = \operatorname{diag}(0, 1, \dots, 1)` and :math:`\lambda` =
    ``l2`` (see :func:`hessian`); with ``sample_weight``, :math:`S` becomes
    :math:`S_v = \operatorname{diag}\bigl(v_i p_i (1 - p_i)\bigr)`. Starts from :math:`W = 0` and stops when half
    the squared Newton decrement, :math:`\tfrac12 \nabla J^\top H^{-1} \nabla J`
    (an estimate of how far the cost is above its minimum), falls below
    ``tol``. A step that would raise the cost is halved until it does not
    (damped Newton).

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    tol : float, default=1e-10
    max_iter : int, default=100
    l2 : float, default=0.0
        Ridge penalty :math:`\lambda \ge 0` (see :func:`cost`). With
        :math:`\lambda > 0` the minimum exists and is unique, even for separable data.
    sample_weight : array_like of shape (m,), optional
        Weights :math:`v_i \ge 0`: minimises the weighted cost of :func:`cost`
        (rows of weight 0 are left out, also of the separation check).

    Returns
    -------
    W : ndarray of shape (n + 1,)
    cost_history : list of float
        The cost of every iterate, from the start to the returned ``W``
        (``cost_history[-1]`` is ``cost(W, X, y, l2=l2)`` up to rounding, also
        when ``max_iter`` stops the method).

    Raises
    ------
    PerfectSeparationError
        If ``l2 = 0`` and the data are perfectly separable: the cost has no
        minimiser (scaling up separating weights always lowers it).
    SingularHessianError
        If the Hessian is singular to working precision (e.g. duplicated or
        constant features, whose weights are then not unique).

    Warns
    -----
    ConvergenceWarning
        If ``max_iter`` iterations did not reach ``tol``.
    """
    X, y = _check_X_y(X, y)
    tol = _check_positive(tol, "tol")
    max_iter = _check_count(max_iter, "max_iter", minimum=1)
    l2 = _check_l2(l2)
    v = _check_sample_weight(sample_weight, X.shape[0])  # None stays None
    W = np.zeros(X.shape[1] + 1)
    # J, its gradient and Hessian, and whether every sample lies strictly on
    # its own side of the boundary, in one pass over X
    J, grad, H, separated = _cost_gradient_hessian(W, X, y, l2, v)
    cost_history = [J]
    for _ in range(max_iter):
        step = _solve_newton_system(H, grad)
        decrement = grad @ step / 2  # about how far J is above its minimum
        for halvings in range(_MAX_HALVINGS + 1):  # halve a step that raises J
            W_next = W - step / 2**halvings
            J, grad, H, separated = _cost_gradient_hessian(W_next, X, y, l2, v)
            if J <= cost_history[-1] * (1 + 1e-13):
                break
        W = W_next
        cost_history.append(J)
        if separated and not l2:
            raise PerfectSeparationError(
                "The data are perfectly separable: after "
                f"{len(cost_history) - 1} Newton step(s) the weights "
                "classify every sample correctly, so the cost has no "
                "minimiser (scaling W up always lowers it). Add an L2 "
                "penalty (l2 > 0), use gradient descent with a fixed number "
                "of epochs, or collect overlapping data."
            )
        if decrement <= tol:
            return W, cost_history
    warnings.warn(
        f"newton stopped after max_iter={max_iter} iterations without "
        f"reaching tol={tol:g}; increase max_iter or tol, or standardise "
        "the features.",
        ConvergenceWarning,
        stacklevel=2,
    )
    return W, cost_history


def _solve_newton_system(hessian, grad):
    """``H^{-1} g`` for the symmetric positive semi-definite Hessian, or a clear error."""
    eigenvalues = np.linalg.eigvalsh(hessian)
    if eigenvalues[0] <= eigenvalues[-1] * 1e-12:
        # rounding can make the smallest eigenvalue zero or slightly negative
        with np.errstate(over="ignore"):  # a subnormal eigenvalue gives inf, as it should
            condition = eigenvalues[-1] / eigenvalues[0] if eigenvalues[0] > 0 else np.inf
        condition = f"{condition:.1e}" if np.isfinite(condition) else "infinite"
        raise SingularHessianError(
            f"The Hessian X^T S X is singular (condition number {condition}): "
            "the maximum-likelihood weights are not unique. Check for duplicated, "
            "constant or linearly dependent features (drop them); an L2 penalty "
            "(l2 > 0) also makes the Hessian invertible."
        )
    return np.linalg.solve(hessian, grad)


def standard_errors(W, X, y):
    r"""Standard errors of the maximum-likelihood weights.

    .. math::

        \operatorname{se}(\hat w_j)
        = \sqrt{\bigl[([\mathbf{1}, X]^\top S [\mathbf{1}, X])^{-1}\bigr]_{jj}}
        = \sqrt{\bigl[(m \nabla^2 J(\hat W))^{-1}\bigr]_{jj}}

    For large ``m`` the inverse of the observed information (the Hessian of the
    total negative log-likelihood) estimates the covariance of :math:`\hat W`.
    Pass the unpenalised maximum-likelihood weights, e.g. ``newton(X, y)[0]``;
    the result is statsmodels' ``Logit(y, add_constant(X)).fit().bse``. Not
    for a fit with ``sample_weight`` (class weights, say): the inverse weighted
    Hessian is not the covariance of such weights, which needs a sandwich
    estimator (integer weights that count repeated rows are the exception).

    Parameters
    ----------
    W : array_like of shape (n + 1,)
    X : array_like of shape (m, n)
    y : array_like of shape (m,)

    Returns
    -------
    ndarray of shape (n + 1,)

    Raises
    ------
    SingularHessianError
        If the information matrix is singular (the weights are not identified).
    """
    H = hessian(W, X, y)
    information = H * np.shape(X)[0]
    # the inverse of the information matrix
    covariance = _solve_newton_system(information, np.eye(H.shape[0]))
    return np.sqrt(np.diag(covariance))


# ------------------------------------------------ 6. the estimator: chapter 10


class LogisticRegressionGD(ClassifierMixin, BaseEstimator):
    r"""Binary logistic regression as a scikit-learn classifier, built on this module.

    Minimises :func:`cost` with its ridge penalty,
    :math:`J(W) + \tfrac{\lambda}{2}\lVert \mathbf{w}\rVert^2`, by gradient descent
    (``solver="gd"``: from standard-normal weights drawn with ``random_state``,
    :math:`W \leftarrow W - \alpha \nabla J(W)` until
    :math:`\max_j |\partial J / \partial w_j| <` ``tol`` or ``max_iter`` updates)
    or by Newton's method (``solver="newton"``, see :func:`newton`). Same optimum
    as scikit-learn's ``LogisticRegression(C=C)`` for ``l2 = 1 / (C * m)``.
    Works in ``Pipeline``, ``cross_val_score`` and ``GridSearchCV``.

    Parameters
    ----------
    solver : {"gd", "newton"}, default="gd"
    alpha : float, default=0.1
        Learning rate of ``"gd"`` (unused by ``"newton"``).
    max_iter : int, default=1000
        Most updates (``"gd"``) or Newton iterations (``"newton"``).
    tol : float, default=1e-6
        ``"gd"`` stops when the largest absolute gradient component is below it;
        ``"newton"`` when half the squared Newton decrement is.
    l2 : float, default=0.0
        Ridge penalty :math:`\lambda \ge 0`, never on the intercept. With
        ``l2=0`` and separable classes, ``"newton"`` raises
        :class:`PerfectSeparationError` and ``"gd"`` warns (no finite optimum).
    random_state : int, numpy.random.Generator, numpy.random.RandomState or None
        Seed of the initial weights of ``"gd"``.
    class_weight : None, "balanced" or dict, default=None
        Weights of the classes, as in scikit-learn: each row of class
        :math:`k` counts :math:`\omega_k` times in the cost (see
        :func:`class_sample_weights`); multiplied with ``fit``'s ``sample_weight``.

    Attributes
    ----------
    coef_ : ndarray of shape (1, n_features)
        ``W[1:]``.
    intercept_ : ndarray of shape (1,)
        ``W[0]``.
    classes_ : ndarray of shape (2,)
        The two labels; ``classes_[1]`` plays the role of label 1.
    n_iter_ : int
        Updates made.
    loss_curve_ : list of float
        Penalised cost of every iterate, from the start to the fitted weights
        (``n_iter_ + 1`` values).
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when ``X`` had string column names (e.g. a DataFrame).

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> X, y = make_classification(n_samples=200, n_features=4, n_redundant=0, random_state=0)
    >>> model = LogisticRegressionGD(solver="newton").fit(X, y)
    >>> model.predict_proba(X[:2]).shape
    (2, 2)
    """

    def __init__(self, solver="gd", alpha=0.1, max_iter=1000, tol=1e-6, l2=0.0,
                 random_state=None, class_weight=None):
        self.solver = solver
        self.alpha = alpha
        self.max_iter = max_iter
        self.tol = tol
        self.l2 = l2
        self.random_state = random_state
        self.class_weight = class_weight

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False  # fit raises ValueError for > 2 classes
        return tags

    def fit(self, X, y, sample_weight=None):
        r"""Fit the weights to training data.

        Parameters
        ----------
        X : array_like of shape (m, n)
        y : array_like of shape (m,)
            Exactly two distinct labels, of any type.
        sample_weight : array_like of shape (m,), optional
            Weights :math:`v_i \ge 0` of the rows (see :func:`cost`).

        Returns
        -------
        self
        """
        if self.solver not in ("gd", "newton"):
            raise ValueError(f"solver must be 'gd' or 'newton'; got {self.solver!r}.")
        alpha = _check_positive(self.alpha, "alpha")
        max_iter = _check_count(self.max_iter, "max_iter", minimum=1)
        tol = _check_positive(self.tol, "tol")
        l2 = _check_l2(self.l2)
        X, y = validate_data(self, X, y, dtype=np.float64)
        check_classification_targets(y)
        target_type = type_of_target(y, input_name="y", raise_unknown=True)
        classes, labels = np.unique(y, return_inverse=True)
        if target_type != "binary" or classes.shape[0] != 2:
            raise ValueError(
                "Only binary classification is supported. LogisticRegressionGD needs "
                f"exactly 2 classes in y; got {classes.shape[0]} "
                f"class{'es' if classes.shape[0] > 1 else ''} ({target_type} target). "
                "For more classes use softmax_gradient_descent or scikit-learn's "
                "LogisticRegression."
            )
        labels = labels.astype(np.float64)
        v = None  # row weights: None (all 1) keeps the unweighted speed
        if sample_weight is not None or self.class_weight is not None:
            v = class_sample_weights(y, self.class_weight, sample_weight=sample_weight)
        if self.solver == "gd":
            W0 = _initial_weights(X.shape[1] + 1, self.random_state,
                                  name="random_state")
            W_path, costs = gradient_descent_path(X, labels, alpha, max_iter,
                                                  W0=W0, l2=l2, tol=tol,
                                                  sample_weight=v)
            W = W_path[-1]
            if (len(costs) == max_iter + 1 and not _cost_rose(costs)  # that warned
                    and np.abs(gradient(W, X, labels, l2=l2,
                                        sample_weight=v)).max() >= tol):
                warnings.warn(
                    f"LogisticRegressionGD(solver='gd') stopped after max_iter={max_iter} "
                    f"updates without reaching tol={tol:g}. Standardise the features (e.g. "
                    "StandardScaler in a Pipeline), increase max_iter or alpha, or set "
                    "l2 > 0 when the classes are separable.",
                    ConvergenceWarning,
                    stacklevel=2,
                )
        else:
            try:  # newton warns by itself when it reaches max_iter
                W, costs = newton(X, labels, tol=tol, max_iter=max_iter, l2=l2,
                                  sample_weight=v)
            except (PerfectSeparationError, SingularHessianError) as error:
                raise type(error)(
                    f"{error} In LogisticRegressionGD: set l2 > 0 (e.g. l2=1e-4) or use "
                    "solver='gd'."
                ) from error
        self.coef_ = W[1:].reshape(1, -1).copy()
        self.intercept_ = W[:1].copy()
        self.classes_ = classes
        self.n_iter_ = len(costs) - 1
        self.loss_curve_ = list(map(float, costs))
        return self

    def _weights(self):
        return np.concatenate([self.intercept_, self.coef_[0]])

    def decision_function(self, X):
        r"""Logits :math:`z = w_0 + X \mathbf{w}`; positive means ``classes_[1]``.

        Returns
        -------
        ndarray of shape (m,)
        """
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return logits(self._weights(), X)

    def predict_proba(self, X):
        r"""Probabilities of ``classes_[0]`` and ``classes_[1]``: :math:`\sigma(-z), \sigma(z)`.

        Returns
        -------
        ndarray of shape (m, 2)
        """
        z = self.decision_function(X)
        return np.column_stack([sigmoid(-z), sigmoid(z)])

    def predict(self, X):
        """Labels from the sign of the logit (:func:`predict`), as values of ``classes_``.

        Returns
        -------
        ndarray of shape (m,)
        """
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return self.classes_[predict(self._weights(), X)]


# ------------------------------------------- 7. softmax regression: chapter 11


def softmax(Z):
    r"""Row-wise softmax: class probabilities from the scores (logits) of ``K`` classes.

    .. math:: P_{ik} = \frac{e^{Z_{ik}}}{\sum_{j=1}^K e^{Z_{ij}}}
                     = \frac{e^{Z_{ik} - c_i}}{\sum_{j=1}^K e^{Z_{ij} - c_i}},
              \qquad c_i = \max_j Z_{ij}

    Subtracting the row maximum changes nothing mathematically but keeps every
    exponent :math:`\le 0` (no overflow) and the denominator :math:`\ge 1`, so any
    finite scores work. With :math:`K = 2`, :math:`P_{i1} = \sigma(Z_{i1} - Z_{i0})`.

    Parameters
    ----------
    Z : array_like of shape (m, K)
        One row of scores per sample; a 1-D array is a single row.

    Returns
    -------
    ndarray of the shape of ``Z``
        Non-negative rows that sum to 1.

    Examples
    --------
    >>> softmax([[0.0, 0.0], [1000.0, 0.0]]).tolist()
    [[0.5, 0.5], [1.0, 0.0]]
    """
    Z = _as_real_array(Z, "Z")
    if Z.ndim not in (1, 2) or Z.size == 0:
        raise ValueError(
            "Z must be a non-empty 2-D array of shape (n_samples, n_classes) "
            f"(or one 1-D row); got shape {Z.shape}."
        )
    if not np.isfinite(Z).all():
        raise ValueError("Z contains NaN or infinity; scores must be finite.")
    # Z - max overflows only to -inf, whose exp is 0
    with np.errstate(over="ignore"):
        E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True)


def _softmax_cost_gradient(W, X, y, l2):
    """Cost and gradient of softmax regression on validated input, in one pass."""
    m = X.shape[0]
    rows = np.arange(m)
    Z = W[0] + X @ W[1:]  # (m, K) logits
    with np.errstate(over="ignore"):  # see softmax: at worst -inf, and exp(-inf) = 0
        Z -= Z.max(axis=1, keepdims=True)  # log-sum-exp trick
    E = np.exp(Z)
    normaliser = E.sum(axis=1)  # >= 1
    # -log P[i, y_i] = log sum_k exp(Z_ik) - Z_{i y_i}, with the shift cancelling
    total = float(np.mean(np.log(normaliser) - Z[rows, y]))
    residual = E / normaliser[:, None]  # P
    residual[rows, y] -= 1.0  # P - Y (one-hot)
    grad = np.vstack([residual.sum(axis=0), X.T @ residual]) / m
    return _add_penalty(total, grad, W, l2), grad


def softmax_cost(W, X, y, *, l2=0.0):
    r"""Mean cross-entropy of softmax (multinomial logistic) regression, plus an L2 penalty.

    With the logits :math:`Z = \mathbf{1} W_0 + X W_{1:}` (:math:`Z_{ik}`: score of
    class :math:`k` for sample :math:`i`):

    .. math::

        J(W) = \frac{1}{m} \sum_{i=1}^m
               \Bigl[\log \sum_{k=1}^K e^{Z_{ik}} - Z_{i y_i}\Bigr]
               + \frac{\lambda}{2} \lVert W_{1:} \rVert_F^2

    the mean of :math:`-\log P_{i y_i}`, computed from the logits with the
    log-sum-exp trick (see :func:`softmax`), so it stays finite for huge scores.

    Parameters
    ----------
    W : array_like of shape (n + 1, K)
        Row 0 holds the ``K`` intercepts, row ``j`` the weights of feature ``j``.
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
        Class labels 0, 1, ..., K - 1.
    l2 : float, default=0.0
        Penalty :math:`\lambda \ge 0` on ``W[1:]`` (never on the intercepts);
        scikit-learn's ``LogisticRegression(C=C)`` is ``l2 = 1 / (C * m)``.

    Returns
    -------
    float
    """
    W, X, y = _check_softmax_problem(W, X, y)
    return _softmax_cost_gradient(W, X, y, _check_l2(l2))[0]


def softmax_gradient(W, X, y, *, l2=0.0):
    r"""Gradient of :func:`softmax_cost` with respect to ``W``.

    .. math::

        \nabla J(W) = \frac{1}{m} [\mathbf{1}, X]^\top (P - Y)
                      + \lambda \begin{bmatrix} 0 \\ W_{1:} \end{bmatrix}

    with :math:`P = \operatorname{softmax}(Z)` and the one-hot labels
    :math:`Y_{ik} = [y_i = k]`: the binary gradient of :func:`gradient` with one
    column per class.

    Parameters
    ----------
    W : array_like of shape (n + 1, K)
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    l2 : float, default=0.0

    Returns
    -------
    ndarray of shape (n + 1, K)
    """
    W, X, y = _check_softmax_problem(W, X, y)
    return _softmax_cost_gradient(W, X, y, _check_l2(l2))[1]


def softmax_gradient_descent(X, y, alpha=0.1, epochs=100, *, n_classes=None, W0=None,
                             seed=None, l2=0.0):
    r"""Fit softmax regression by batch gradient descent.

    .. math:: W^{(k+1)} = W^{(k)} - \alpha \, \nabla J(W^{(k)})

    on :func:`softmax_cost`. Adding the same vector to every column of ``W`` does
    not change the probabilities, so without a penalty the weights are not
    unique: compare fitted models by their probabilities.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
        Class labels 0, 1, ..., K - 1.
    alpha : float, default=0.1
        Learning rate, > 0.
    epochs : int, default=100
        Number of updates, >= 0.
    n_classes : int, optional
        ``K`` (>= 2); default: the number of columns of ``W0``, else ``max(y) + 1``,
        and then every label 0, ..., K - 1 must occur in ``y`` (labels 1..3
        raise a ValueError instead of training an empty class 0). Pass
        ``n_classes`` (or ``W0``) when a class is absent from ``y`` on purpose.
    W0 : array_like of shape (n + 1, K), optional
        Initial weights; default
        ``np.random.default_rng(seed).standard_normal((n + 1, K))``.
    seed : int or numpy.random.Generator, optional
    l2 : float, default=0.0
        Ridge penalty :math:`\lambda \ge 0` (see :func:`softmax_cost`).

    Returns
    -------
    W : ndarray of shape (n + 1, K)
        Weights after ``epochs`` updates.
    cost_history : list of float
        The ``epochs`` costs, each computed before its update.
    """
    X, y = _check_X_y(X, y, multiclass=True)
    alpha = _check_positive(alpha, "alpha")
    epochs = _check_count(epochs, "epochs")
    l2 = _check_l2(l2)
    if n_classes is not None:
        n_classes = _check_count(n_classes, "n_classes", minimum=2)
    if W0 is not None:
        W = _check_W_matrix(W0, X.shape[1], name="W0").copy()
        if n_classes is not None and n_classes != W.shape[1]:
            raise ValueError(
                f"n_classes={n_classes} but W0 has {W.shape[1]} columns; they must match."
            )
    else:
        if n_classes is None:
            n_classes = int(y.max()) + 1
            if n_classes < 2:
                raise ValueError(
                    "y contains only the label 0: softmax regression needs at least two "
                    "classes. Pass n_classes if some classes are absent from y."
                )
            _check_every_class_present(y, n_classes)
        W = _initial_weights((X.shape[1] + 1, n_classes), seed)
    if y.max() >= W.shape[1]:
        raise ValueError(
            f"y contains the label {y.max()} but the model has only {W.shape[1]} classes "
            f"(labels 0 to {W.shape[1] - 1}); check y or n_classes."
        )
    cost_history = []
    for _ in range(epochs):
        current_cost, grad = _softmax_cost_gradient(W, X, y, l2)
        cost_history.append(current_cost)
        W -= alpha * grad
    return W, cost_history


def softmax_predict_proba(W, X):
    r"""Class probabilities :math:`P = \operatorname{softmax}(\mathbf{1} W_0 + X W_{1:})`.

    Parameters
    ----------
    W : array_like of shape (n + 1, K)
    X : array_like of shape (m, n)

    Returns
    -------
    ndarray of shape (m, K)
        Row ``i`` holds :math:`P(y_i = k \mid x_i)`, ``k = 0, ..., K - 1``.
    """
    W, X = _check_W_X(W, X, call="softmax_predict_proba(W, X)", matrix=True)
    return softmax(W[0] + X @ W[1:])


def softmax_predict(W, X):
    r"""Predicted labels: the class with the largest logit (= the largest probability).

    Decided on the logits, so ties of probabilities that round to the same value
    cannot change the answer; exact ties go to the smallest label.

    Parameters
    ----------
    W : array_like of shape (n + 1, K)
    X : array_like of shape (m, n)

    Returns
    -------
    ndarray of int, shape (m,)
    """
    W, X = _check_W_X(W, X, call="softmax_predict(W, X)", matrix=True)
    return np.argmax(W[0] + X @ W[1:], axis=1).astype(int)


# -------------------- 8. stochastic and minibatch gradient descent: chapter 12


def minibatch_path(gradient_on_rows, full_cost, W0, m, alpha=0.1, epochs=10, *,
                   batch_size=None, decay=0.0, seed=None):
    r"""Minibatch (stochastic) gradient descent on any mean cost, keeping every epoch.

    Each epoch shuffles the row indices :math:`0, \dots, m - 1` once and cuts
    them into minibatches :math:`\mathcal{B}` of ``batch_size`` :math:`= b`
    rows (the last one smaller when :math:`b` does not divide :math:`m`: it
    takes the same step with a noisier gradient). Each minibatch makes one
    update, the :math:`k`-th of the whole run:

    .. math::

        W^{(k+1)} = W^{(k)} - \alpha_k \nabla J_{\mathcal{B}}(W^{(k)}), \qquad
        \alpha_k = \frac{\alpha}{1 + \gamma k},

    with :math:`\gamma` = ``decay`` and :math:`J_{\mathcal{B}}` the mean cost
    over the rows of :math:`\mathcal{B}`. For a uniformly random
    :math:`\mathcal{B}`, :math:`\mathbb{E}[\nabla J_{\mathcal{B}}] = \nabla J`.
    ``batch_size=None`` (or :math:`m`) is batch gradient descent: one update
    per epoch, on all rows in order, without a shuffle. One generator,
    ``np.random.default_rng(seed)``, draws every shuffle of the run. The
    minibatches of one epoch are drawn without replacement, so they are not
    independent of each other: together they use every row exactly once.

    Parameters
    ----------
    gradient_on_rows : callable
        ``gradient_on_rows(W, rows)`` returns the gradient of the mean cost over
        ``rows`` (an int array of row indices), an array shaped like ``W``.
    full_cost : callable
        ``full_cost(W)`` returns the cost on all rows, a real number: recorded
        at the start and after every epoch.
    W0 : array_like
        Initial weights, of any shape (a vector for logistic regression).
    m : int
        Number of rows, >= 1.
    alpha : float, default=0.1
        Initial step :math:`\alpha > 0`.
    epochs : int, default=10
        Number of passes over the data, >= 0.
    batch_size : int, optional
        :math:`b`, from 1 to ``m``; None means ``m`` (the full batch).
    decay : float, default=0.0
        :math:`\gamma \ge 0` in :math:`\alpha_k = \alpha / (1 + \gamma k)`;
        0 keeps the step constant.
    seed : None, int or numpy.random.Generator, optional
        Seed of the shuffles; the same seed gives the same path. A negative
        int raises a ValueError, any other type a TypeError.

    Returns
    -------
    W_path : ndarray of shape (epochs + 1, \*W0.shape)
        Row ``e`` holds the weights after ``e`` epochs.
    cost_path : ndarray of shape (epochs + 1,)
        ``cost_path[e]`` is ``full_cost(W_path[e])``.

    Warns
    -----
    ConvergenceWarning
        If the last cost is above the first: the step is too large.
    """
    if not callable(gradient_on_rows):
        raise TypeError(
            "gradient_on_rows must be a callable gradient_on_rows(W, rows) returning "
            f"the gradient of the mean cost over rows; got {type(gradient_on_rows).__name__}."
        )
    if not callable(full_cost):
        raise TypeError(
            "full_cost must be a callable full_cost(W) returning the cost on all rows; "
            f"got {type(full_cost).__name__}."
        )
    W = _as_real_array(W0, "W0").copy()
    if not np.isfinite(W).all():
        raise ValueError("W0 contains NaN or infinity; start from finite weights.")
    m = _check_count(m, "m", minimum=1)
    alpha = _check_positive(alpha, "alpha")
    epochs = _check_count(epochs, "epochs")
    b = m if batch_size is None else _check_batch_size(batch_size, m)
    decay = _check_decay(decay)
    rng = _shuffle_generator(seed)
    W_path = np.empty((epochs + 1, *W.shape))
    cost_path = np.empty(epochs + 1)
    W_path[0], cost_path[0] = W, _cost_value(full_cost, W)
    k = 0  # updates so far
    for epoch in range(1, epochs + 1):
        # one shuffle per epoch (the full batch needs none)
        order = np.arange(m) if b == m else rng.permutation(m)
        for start in range(0, m, b):
            rows = order[start:start + b]  # the minibatch B
            grad = _gradient_value(gradient_on_rows, W, rows)
            # alpha_k = alpha / (1 + decay k)
            W = W - alpha / (1.0 + decay * k) * grad
            k += 1
        W_path[epoch], cost_path[epoch] = W, _cost_value(full_cost, W)
    if _cost_rose(cost_path):
        warnings.warn(
            f"Minibatch gradient descent did not descend: the cost ended above where "
            f"it started ({cost_path[0]:.4g} -> {cost_path[-1]:.4g}). The step "
            f"alpha={alpha:g} is too large for batch_size={b}: use a smaller alpha, "
            f"a larger batch or a decaying step (decay > 0).",
            ConvergenceWarning,
            stacklevel=2,
        )
    return W_path, cost_path


def sgd_path(X, y, alpha=0.1, epochs=10, *, batch_size=32, decay=0.0, W0=None,
             seed=None, l2=0.0):
    r"""Logistic regression by minibatch gradient descent (:func:`minibatch_path`).

    Each update steps along the gradient of the minibatch cost

    .. math::

        J_{\mathcal{B}}(W) = \frac{1}{b} \sum_{i \in \mathcal{B}}
        \bigl[\log(1 + e^{z_i}) - y_i z_i\bigr]
        + \frac{\lambda}{2} \lVert \mathbf{w} \rVert^2, \qquad
        \nabla J_{\mathcal{B}}(W) = \frac{1}{b}
        \begin{bmatrix} \sum_{i \in \mathcal{B}} (p_i - y_i) \\
        X_{\mathcal{B}}^\top (\mathbf{p}_{\mathcal{B}} - \mathbf{y}_{\mathcal{B}})
        \end{bmatrix} + \lambda \begin{bmatrix} 0 \\ \mathbf{w} \end{bmatrix},

    whose mean over a uniformly random minibatch is :func:`gradient`. With
    ``batch_size=None`` and ``decay=0`` it is :func:`gradient_descent_path`.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
        Labels 0/1.
    alpha : float, default=0.1
        Initial step, > 0.
    epochs : int, default=10
        Passes over the data, >= 0.
    batch_size : int or None, default=32
        Rows per update :math:`b`, from 1 (stochastic gradient descent) to
        ``m``; None is the full batch.
    decay : float, default=0.0
        :math:`\gamma \ge 0` in the step :math:`\alpha_k = \alpha / (1 + \gamma k)`.
    W0 : array_like of shape (n + 1,), optional
        Initial weights; by default drawn as in :func:`gradient_descent_path`.
    seed : None, int or numpy.random.Generator, optional
        Seed of the initial weights, then of the shuffles (one generator).
    l2 : float, default=0.0
        Ridge penalty :math:`\lambda \ge 0` (see :func:`cost`).

    Returns
    -------
    W_path : ndarray of shape (epochs + 1, n + 1)
        Row ``e`` holds the weights after ``e`` epochs.
    cost_path : ndarray of shape (epochs + 1,)
        ``cost_path[e]`` is ``cost(W_path[e], X, y, l2=l2)``.
    """
    X, y = _check_X_y(X, y)
    l2 = _check_l2(l2)
    rng = _shuffle_generator(seed)
    if W0 is None:
        W0 = _initial_weights(X.shape[1] + 1, rng)
    W0 = _check_W(W0, X.shape[1], name="W0")

    def gradient_on_rows(W, rows):  # the gradient of J_B at W
        X_B, y_B = X[rows], y[rows]
        z = W[0] + X_B @ W[1:]
        e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
        residual = np.where(z >= 0, 1.0, e) / (1.0 + e) - y_B  # p - y on B
        grad = np.concatenate(([residual.sum()], X_B.T @ residual)) / rows.shape[0]
        _add_penalty(0.0, grad, W, l2)  # adds l2 * [0, w] to grad, in place
        return grad

    def full_cost(W):
        return cost(W, X, y, l2=l2)

    return minibatch_path(gradient_on_rows, full_cost, W0, X.shape[0], alpha, epochs,
                          batch_size=batch_size, decay=decay, seed=rng)


# --------------------------------------- 9. L1 and the elastic net: chapter 13


def soft_threshold(u, threshold):
    r"""Soft-thresholding: shrink every entry of ``u`` towards 0 by ``threshold``.

    .. math::

        \operatorname{soft}_\theta(u) = \operatorname{sign}(u)\,\max(|u| - \theta, 0)
        = \arg\min_w \Bigl[\tfrac12 (w - u)^2 + \theta\,|w|\Bigr]

    the proximal operator of :math:`\theta |w|`: entries with
    :math:`|u| \le \theta` become exactly 0, the others move :math:`\theta`
    closer to 0.

    Parameters
    ----------
    u : array_like
        Any shape; applied entry by entry.
    threshold : float
        :math:`\theta \ge 0`.

    Returns
    -------
    ndarray of the shape of ``u``

    Examples
    --------
    >>> soft_threshold([-3.0, -0.5, 0.0, 0.5, 3.0], 1.0)
    array([-2., -0.,  0.,  0.,  2.])
    """
    u = _as_real_array(u, "u")
    threshold = _check_penalty(threshold, "threshold")
    return np.sign(u) * np.maximum(np.abs(u) - threshold, 0.0)


def proximal_gradient(X, y, *, l1, l2=0.0, alpha=None, W0=None, max_iter=100_000,
                      tol=1e-8):
    r"""L1 (lasso) or elastic-net logistic regression by proximal gradient (ISTA).

    Minimises :math:`J(W) + \lambda_1 \lVert \mathbf w \rVert_1
    + \tfrac{\lambda}{2} \lVert \mathbf w \rVert^2` (``cost(W, X, y, l1=l1,
    l2=l2)``; the intercept :math:`w_0` is not penalised) by a gradient step on
    the smooth part, then soft-thresholding of the feature weights:

    .. math::

        \bar W = W^{(k)} - \alpha \nabla J_\lambda(W^{(k)}), \qquad
        w_0^{(k+1)} = \bar w_0, \qquad
        w_j^{(k+1)} = \operatorname{soft}_{\alpha\lambda_1}(\bar w_j), \; j \ge 1,

    with :math:`\nabla J_\lambda` = ``gradient(W, X, y, l2=l2)``. Stops when
    every entry of the gradient mapping :math:`(W^{(k)} - W^{(k+1)}) / \alpha`
    (zero exactly at the minimiser) is below ``tol`` in absolute value.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
        Labels 0/1.
    l1 : float
        L1 penalty :math:`\lambda_1 \ge 0`; 0 gives the ridge fit when
        ``l2 > 0`` and the unpenalised fit (gradient descent) when ``l2 = 0``.
    l2 : float, default=0.0
        Ridge penalty :math:`\lambda \ge 0`; both > 0 is the elastic net.
        scikit-learn's ``LogisticRegression(C=C, l1_ratio=r)`` is
        :math:`\lambda_1 = r / (C m)`, :math:`\lambda = (1 - r) / (C m)`.
    alpha : float, optional
        Step size, > 0. Default :math:`1 / L`, with the curvature bound
        :math:`L` of :func:`gradient_descent_path`: the cost then never rises.
    W0 : array_like of shape (n + 1,), optional
        Starting weights (a warm start along a path of penalties); default 0.
    max_iter : int, default=100_000
        Most updates, >= 1.
    tol : float, default=1e-8
        Tolerance on the gradient mapping, > 0.

    Returns
    -------
    W : ndarray of shape (n + 1,)
    cost_history : list of float
        ``cost(W, X, y, l1=l1, l2=l2)`` of every iterate, from ``W0`` to the
        returned ``W`` (never rising when ``alpha <= 1 / L``).

    Warns
    -----
    ConvergenceWarning
        If ``max_iter`` updates did not reach ``tol``.
    """
    X, y = _check_X_y(X, y)
    l1 = _check_penalty(l1, "l1")
    l2 = _check_l2(l2)
    if alpha is None:
        alpha = 1 / _curvature_bound(X, l2)  # the cost never rises
    alpha = _check_positive(alpha, "alpha")
    max_iter = _check_count(max_iter, "max_iter", minimum=1)
    tol = _check_positive(tol, "tol")
    W = np.zeros(X.shape[1] + 1) if W0 is None else _check_W(W0, X.shape[1], name="W0")
    cost_history = [cost(W, X, y, l1=l1, l2=l2)]
    for _ in range(max_iter):
        W_next = W - alpha * gradient(W, X, y, l2=l2)  # step on J + ridge
        W_next[1:] = soft_threshold(W_next[1:], alpha * l1)  # shrink w, not w_0
        mapping = (W - W_next) / alpha  # zero exactly at the minimiser
        W = W_next
        cost_history.append(cost(W, X, y, l1=l1, l2=l2))
        if np.abs(mapping).max() < tol:
            return W, cost_history
    warnings.warn(
        f"proximal_gradient stopped after max_iter={max_iter} updates without "
        f"reaching tol={tol:g}; increase max_iter or tol, start from a nearby "
        "W0 (a warm start), or standardise the features.",
        ConvergenceWarning,
        stacklevel=2,
    )
    return W, cost_history


# ------------------------------------ 10. class and sample weights: chapter 14


def class_sample_weights(y, class_weight, *, sample_weight=None):
    r"""One weight per row from one weight per class (scikit-learn's ``class_weight``).

    .. math:: v_i = \omega_{y_i}, \qquad
              \omega_k = \frac{m}{K\, m_k} \ \text{for} \ \texttt{"balanced"}

    with :math:`\omega_k` the class weight of class :math:`k` and :math:`m_k`
    the number of rows of class :math:`k` among :math:`K` classes: "balanced"
    gives every class the same total weight :math:`m / K`. With
    ``sample_weight`` :math:`= (u_1, \dots, u_m)` the result is
    :math:`v_i = u_i \omega_{y_i}`, and "balanced" counts weights,
    :math:`m_k = \sum_{i: y_i = k} u_i` and :math:`m = \sum_i u_i` (as
    scikit-learn's ``LogisticRegression`` does). Pass the result as
    ``sample_weight`` to :func:`cost`, :func:`gradient`, :func:`newton` or
    :func:`gradient_descent_path`. Without ``sample_weight``, the same as
    scikit-learn's ``compute_sample_weight(class_weight, y)``.

    Parameters
    ----------
    y : array_like of shape (m,)
        Class labels, of any type (0/1, strings, ...).
    class_weight : None, "balanced" or dict
        None: weight 1 for every row; a dict ``{label: weight}`` gives its
        weight to each listed class and 1 to the others.
    sample_weight : array_like of shape (m,), optional
        Row weights :math:`u_i \ge 0` to combine with the class weights.

    Raises
    ------
    ValueError
        If ``class_weight="balanced"`` and a class's ``sample_weight`` adds up
        to 0 (its balanced weight would be :math:`m / 0`).

    Returns
    -------
    ndarray of shape (m,)

    Examples
    --------
    >>> class_sample_weights([0, 0, 0, 1], "balanced")
    array([0.66666667, 0.66666667, 0.66666667, 2.        ])
    """
    y = np.asarray(y)
    if y.ndim != 1 or y.shape[0] == 0:
        raise ValueError(f"y must be a non-empty 1-D vector of labels; got shape {y.shape}.")
    if sample_weight is None:
        v = np.ones(y.shape[0])  # every row counts once
    else:
        v = _check_sample_weight(sample_weight, y.shape[0])
    classes, labels = np.unique(y, return_inverse=True)  # y == classes[labels]
    if class_weight is None:
        return v
    if isinstance(class_weight, str) and class_weight == "balanced":
        counts = np.bincount(labels, weights=v)  # m_k, the size of class k
        if not counts.all():  # m / (K * 0) for some class
            raise ValueError(
                f"sample_weight is zero for every row of class "
                f"{classes[counts == 0].tolist()}, so class_weight='balanced' "
                f"cannot weight it by m / (K m_k); drop those rows or give them "
                f"a positive weight."
            )
        per_class = v.sum() / (len(classes) * counts)  # m / (K m_k)
        return v * per_class[labels]
    if not isinstance(class_weight, dict):
        raise TypeError(
            "class_weight must be None, 'balanced' or a dict {label: weight}; "
            f"got {class_weight!r}."
        )
    unknown = [label for label in class_weight if label not in set(classes.tolist())]
    if unknown:
        raise ValueError(
            f"class_weight names labels that are not in y: {unknown}; the labels "
            f"of y are {classes.tolist()}."
        )
    per_class = [class_weight.get(label, 1.0) for label in classes.tolist()]
    if not all(isinstance(c, numbers.Real) and not isinstance(c, bool)
               and np.isfinite(c) and c >= 0 for c in per_class):
        raise ValueError(
            f"class_weight must give each class a finite weight >= 0; got {class_weight!r}."
        )
    return _check_sample_weight(v * np.array(per_class, dtype=float)[labels], y.shape[0])


# -------------------------- 11. generative models and the GLM view: chapter 15


def lda_weights(X, y):
    r"""Logistic weights implied by two Gaussian classes with a shared covariance (LDA).

    If :math:`\mathbf x \mid y = k \sim \mathcal N(\boldsymbol\mu_k, \Sigma)` and
    :math:`P(y = k) = \pi_k`, Bayes' rule gives exactly
    :math:`P(y = 1 \mid \mathbf x) = \sigma(w_0 + \mathbf w^\top \mathbf x)` with

    .. math::

        \mathbf w = \Sigma^{-1}(\boldsymbol\mu_1 - \boldsymbol\mu_0), \qquad
        w_0 = -\tfrac12 \boldsymbol\mu_1^\top \Sigma^{-1} \boldsymbol\mu_1
              + \tfrac12 \boldsymbol\mu_0^\top \Sigma^{-1} \boldsymbol\mu_0
              + \log \frac{\pi_1}{\pi_0}.

    The parameters are the maximum-likelihood estimates: class proportions
    :math:`\hat\pi_k = m_k / m`, class means :math:`\hat{\boldsymbol\mu}_k`, and
    the pooled covariance
    :math:`\hat\Sigma = \frac1m \sum_k \sum_{i: y_i = k}
    (\mathbf x_i - \hat{\boldsymbol\mu}_k)(\mathbf x_i - \hat{\boldsymbol\mu}_k)^\top`
    (divided by :math:`m`, as scikit-learn's ``LinearDiscriminantAnalysis``
    with ``solver="lsqr"`` does).

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
        Labels 0/1, both present.

    Returns
    -------
    W : ndarray of shape (n + 1,)
        Intercept first, as everywhere: ``predict_proba(W, X)`` is the
        LDA posterior :math:`P(y = 1 \mid \mathbf x)`.

    Raises
    ------
    ValueError
        If a class has no sample, or if the pooled covariance is singular:
        a feature constant within the classes or a linear combination of
        others, or fewer than :math:`n + 2` samples (the pooled scatter of
        :math:`m` samples around 2 class means has rank at most :math:`m - 2`).
    """
    X, y = _check_X_y(X, y)
    counts = _check_both_classes(y, minimum=1)
    mu0, mu1 = X[y == 0].mean(axis=0), X[y == 1].mean(axis=0)
    centred = X - np.where(y[:, None] == 1, mu1, mu0)
    Sigma = centred.T @ centred / X.shape[0]  # pooled MLE: divide by m
    # one solve for both Sigma^{-1} mu_0 and Sigma^{-1} mu_1
    A0, A1 = _solve_covariance(Sigma, np.column_stack([mu0, mu1])).T
    w = A1 - A0
    w0 = -mu1 @ A1 / 2 + mu0 @ A0 / 2 + np.log(counts[1] / counts[0])
    return np.concatenate(([w0], w))


def naive_bayes_fit(X, y):
    r"""Gaussian naive Bayes: per-class, per-feature means and variances, and priors.

    Naive Bayes takes the features as independent within each class,
    :math:`x_j \mid y = k \sim \mathcal N(\mu_{kj}, s_{kj}^2)`, each with its own
    variance. The maximum-likelihood estimates are the class proportions
    :math:`\hat\pi_k = m_k / m`, and the mean and variance (divided by
    :math:`m_k`) of each feature within each class. Pass the result to
    :func:`naive_bayes_log_odds`.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
        Labels 0/1; every feature must vary within each class.

    Returns
    -------
    means : ndarray of shape (2, n)
        Row ``k``: the feature means of class ``k``.
    variances : ndarray of shape (2, n)
        Row ``k``: the feature variances of class ``k`` (all > 0).
    priors : ndarray of shape (2,)
        :math:`(\hat\pi_0, \hat\pi_1)`.
    """
    X, y = _check_X_y(X, y)
    counts = _check_both_classes(y, minimum=1)
    means = np.stack([X[y == k].mean(axis=0) for k in (0, 1)])
    variances = np.stack([X[y == k].var(axis=0) for k in (0, 1)])  # ddof=0: MLE
    if not (variances > 0).all():
        k, j = np.argwhere(~(variances > 0))[0]
        raise ValueError(
            f"feature {j} is constant within class {k}, so its naive Bayes "
            "variance is 0 and the class density is not defined. Drop the "
            "feature, or add more samples of that class."
        )
    return means, variances, counts / counts.sum()


def naive_bayes_log_odds(params, X):
    r"""Log-odds :math:`\log \frac{P(y=1 \mid \mathbf x)}{P(y=0 \mid \mathbf x)}` of Gaussian naive Bayes.

    .. math::

        \log\frac{\pi_1}{\pi_0} + \sum_{j=1}^n \Bigl[
        \log\frac{s_{0j}}{s_{1j}}
        - \frac{(x_j - \mu_{1j})^2}{2 s_{1j}^2}
        + \frac{(x_j - \mu_{0j})^2}{2 s_{0j}^2} \Bigr]

    computed from log-densities, never from densities (which underflow far from
    the means). Quadratic in :math:`\mathbf x`, and linear only when
    :math:`s_{0j} = s_{1j}` for every feature. The probability of class 1 is
    ``sigmoid(naive_bayes_log_odds(params, X))``.

    Parameters
    ----------
    params : tuple (means, variances, priors)
        As returned by :func:`naive_bayes_fit`.
    X : array_like of shape (m, n)

    Returns
    -------
    ndarray of shape (m,)
    """
    means, variances, priors = _check_naive_bayes_params(params)
    X = _check_X(X)
    if X.shape[1] != means.shape[1]:
        raise ValueError(
            f"X has {X.shape[1]} features but params were fitted on "
            f"{means.shape[1]}; pass the same features as to naive_bayes_fit."
        )
    # log N(x_j; mu_kj, s_kj^2) without the common -log(2 pi) / 2
    log_density = [
        -np.log(variances[k]) / 2 - (X - means[k]) ** 2 / (2 * variances[k])
        for k in (0, 1)
    ]
    log_prior_odds = np.log(priors[1] / priors[0])
    return log_prior_odds + (log_density[1] - log_density[0]).sum(axis=1)


def deviance(W, X, y):
    r"""Deviance of a binary logistic model: twice the negative log-likelihood.

    .. math::

        \mathcal D(W) = 2\,[\ell_{\text{saturated}} - \ell(W)]
        = -2\,\ell(W) = 2 m J(W)

    For 0/1 labels the saturated model (one free probability per sample, equal
    to its label) has log-likelihood 0, so the deviance is :math:`2 m` times the
    unpenalised :func:`cost`: statsmodels' ``GLM(..., family=Binomial()).fit()
    .deviance``, and :math:`-2` times ``Logit(...).fit().llf``.

    Parameters
    ----------
    W : array_like of shape (n + 1,)
    X : array_like of shape (m, n)
    y : array_like of shape (m,)

    Returns
    -------
    float
        :math:`\mathcal D(W) \ge 0`.
    """
    W, X = _check_W_X(W, X, call="deviance(W, X, y)")
    return 2 * X.shape[0] * cost(W, X, y)


def likelihood_ratio_test(X, y, drop):
    r"""Likelihood-ratio test for dropping features from a logistic regression.

    Fits the full model and the model without the columns ``drop`` by
    maximum likelihood (:func:`newton`), and compares their deviances:

    .. math::

        G^2 = \mathcal D(\hat W_{\text{reduced}}) - \mathcal D(\hat W_{\text{full}})
            = 2\,[\ell(\hat W_{\text{full}}) - \ell(\hat W_{\text{reduced}})]

    If the dropped weights are truly 0, :math:`G^2` is approximately
    :math:`\chi^2`-distributed with as many degrees of freedom as columns
    dropped, which gives the p-value :math:`P(\chi^2_{\text{df}} \ge G^2)`.
    Dropping every column leaves the intercept-only model
    :math:`w_0 = \log(\bar y / (1 - \bar y))`: statsmodels' ``llr`` and
    ``llr_pvalue``.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    drop : int or sequence of int
        Column indices of ``X`` (0-based; the intercept is never dropped).

    Returns
    -------
    G2 : float
        The likelihood-ratio statistic :math:`G^2 \ge 0`.
    df : int
        Degrees of freedom: the number of columns dropped.
    p_value : float
        ``scipy.stats.chi2.sf(G2, df)``.

    Raises
    ------
    PerfectSeparationError, SingularHessianError
        As :func:`newton`, for either fit.
    """
    from scipy.stats import chi2

    X, y = _check_X_y(X, y)
    drop = _check_columns(drop, X.shape[1])
    _check_both_classes(y, minimum=1)
    W_full, _ = newton(X, y)
    keep = np.setdiff1d(np.arange(X.shape[1]), drop)
    if keep.size:
        W_reduced, _ = newton(X[:, keep], y)
        D_reduced = deviance(W_reduced, X[:, keep], y)
    else:  # intercept only, p = mean of y: every feature weight 0
        w0 = np.log(y.mean() / (1 - y.mean()))
        D_reduced = deviance(np.r_[w0, np.zeros(X.shape[1])], X, y)
    G2 = max(D_reduced - deviance(W_full, X, y), 0.0)  # >= 0 up to rounding
    return float(G2), drop.size, float(chi2.sf(G2, drop.size))


# ---------------------------------- 12. a one-hidden-layer network: chapter 16
#
# The parameters of a network with n inputs and h hidden units travel as ONE flat
# vector, so that the minibatch loop of section 8 updates them like any W:
#     params = [V.ravel(), W],  V of shape (n + 1, h), W of length h + 1,
# length (n + 2) h + 1; network_unpack gives the two views back.


def network_size(n_features, hidden):
    r"""Number of parameters of a network with ``n_features`` inputs and ``hidden`` units.

    .. math:: (n + 1) h + (h + 1) = (n + 2) h + 1

    :math:`(n + 1) h` in the hidden weights :math:`V` (row 0: the :math:`h`
    hidden intercepts) and :math:`h + 1` in the output weights :math:`W`.

    Examples
    --------
    >>> network_size(2, 3)
    13
    """
    n = _check_count(n_features, "n_features", minimum=1)
    h = _check_hidden(hidden)
    return (n + 2) * h + 1


def network_unpack(params, n_features):
    r"""The hidden weights ``V`` and the output weights ``W`` of a flat parameter vector.

    ``params`` is ``np.concatenate([V.ravel(), W])``: ``V`` of shape
    ``(n + 1, h)`` (row 0 holds the hidden intercepts, column ``j`` feeds hidden
    unit ``j``) and ``W`` of length ``h + 1`` (``W[0]`` the output intercept). The
    width ``h = (len(params) - 1) / (n + 2)`` is read from the length.

    Parameters
    ----------
    params : array_like of shape ((n + 2) h + 1,)
    n_features : int
        ``n``, the number of inputs.

    Returns
    -------
    V : ndarray of shape (n + 1, h)
        A view into ``params``.
    W : ndarray of shape (h + 1,)
        A view into ``params``.
    """
    n = _check_count(n_features, "n_features", minimum=1)
    params = _check_params(params, n)
    h = (params.shape[0] - 1) // (n + 2)
    return params[: (n + 1) * h].reshape(n + 1, h), params[(n + 1) * h:]


def network_init(n_features, hidden, *, seed=None):
    r"""Seeded starting parameters of a network, scaled as Glorot and Bengio's (Xavier).

    Every weight is a standard-normal draw of :func:`_initial_weights` (the one
    place where weights are drawn) times :math:`\sqrt{2 / (\text{in} + \text{out})}`:
    :math:`\sqrt{2 / (n + 1 + h)}` in :math:`V`, :math:`\sqrt{2 / (h + 2)}` in
    :math:`W`. Then a hidden sum :math:`\psi_{ij} = (V^\top \tilde{\mathbf x}_i)_j`,
    a sum of :math:`n + 1` terms, has for standardised inputs the variance
    :math:`2(n + 1) / (n + 1 + h)`: below 2 and of order 1 (smaller for inputs
    with a variance below 1). So :math:`\tanh` works in its steep middle (not
    saturated at :math:`\pm 1`, where its derivative vanishes), and the draws
    break the symmetry between hidden units (equal units would get equal
    gradients and stay equal forever).

    Parameters
    ----------
    n_features : int
        ``n`` >= 1.
    hidden : int
        ``h`` >= 1, the number of hidden units.
    seed : int, numpy.random.Generator or numpy.random.RandomState, optional

    Returns
    -------
    ndarray of shape ((n + 2) h + 1,)
        Flat parameters (see :func:`network_unpack`).
    """
    size = network_size(n_features, hidden)
    n, h = int(n_features), int(hidden)
    params = _initial_weights(size, seed)
    params[: (n + 1) * h] *= np.sqrt(2.0 / (n + 1 + h))  # V: fan-in n + 1, fan-out h
    params[(n + 1) * h:] *= np.sqrt(2.0 / (h + 2))  # W: fan-in h + 1, fan-out 1
    return params


def network_hidden(params, X):
    r"""The hidden activations :math:`\mathbf a_i = \tanh(V^\top \tilde{\mathbf x}_i)`, all rows.

    .. math:: A = \tanh(\tilde X V), \quad \text{shape } (m, h)

    These are the features that the output unit, a logistic regression, reads.

    Parameters
    ----------
    params : array_like of shape ((n + 2) h + 1,)
    X : array_like of shape (m, n)

    Returns
    -------
    ndarray of shape (m, h)
    """
    X = _check_X(X)
    V, _ = network_unpack(params, X.shape[1])
    return np.tanh(V[0] + X @ V[1:])


def network_predict_proba(params, X):
    r"""Predicted probabilities :math:`p_i = \sigma(W^\top \tilde{\mathbf a}_i)`.

    Logistic regression (:func:`predict_proba`) on the hidden activations
    :math:`A` of :func:`network_hidden`.

    Parameters
    ----------
    params : array_like of shape ((n + 2) h + 1,)
    X : array_like of shape (m, n)

    Returns
    -------
    ndarray of shape (m,)
    """
    X = _check_X(X)
    _, W = network_unpack(params, X.shape[1])
    return predict_proba(W, network_hidden(params, X))


def network_predict(params, X):
    r"""Predicted labels: 1 where the output logit :math:`W^\top \tilde{\mathbf a}_i \ge 0`.

    :func:`predict` on the hidden activations (the sign of the logit, not
    :math:`p \ge 0.5`).

    Parameters
    ----------
    params : array_like of shape ((n + 2) h + 1,)
    X : array_like of shape (m, n)

    Returns
    -------
    ndarray of int, shape (m,)
    """
    X = _check_X(X)
    _, W = network_unpack(params, X.shape[1])
    return predict(W, network_hidden(params, X))


def network_cost(params, X, y, *, l2=0.0):
    r"""Mean cross-entropy of the network, plus an optional L2 penalty.

    .. math::

        J(V, W) = \frac1m \sum_{i=1}^m \bigl[\log(1 + e^{z_i}) - y_i z_i\bigr]
                  + \frac{\lambda}{2}\bigl(\lVert V_{1:} \rVert_F^2
                  + \lVert \mathbf w \rVert^2\bigr),
        \qquad z_i = W^\top \tilde{\mathbf a}_i

    :func:`cost` with the hidden activations
    :math:`\mathbf a_i = \tanh(V^\top \tilde{\mathbf x}_i)` as the features (the
    same stable formula from the logits), plus the penalty on ``V[1:]``. The
    intercepts (row 0 of ``V``, ``W[0]``) are not penalised.

    Parameters
    ----------
    params : array_like of shape ((n + 2) h + 1,)
        Flat parameters (see :func:`network_unpack`).
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
        Labels 0/1.
    l2 : float, default=0.0
        Penalty :math:`\lambda \ge 0`.

    Returns
    -------
    float
    """
    X, y = _check_X_y(X, y)
    l2 = _check_l2(l2)
    V, W = network_unpack(params, X.shape[1])
    A = np.tanh(V[0] + X @ V[1:])  # the hidden activations: the learned features
    return cost(W, A, y, l2=l2) + l2 / 2 * np.sum(V[1:] ** 2)  # intercepts free


def network_gradient(params, X, y, *, l2=0.0):
    r"""Gradient of :func:`network_cost` by backpropagation, packed as ``params``.

    With :math:`p_i = \sigma(z_i)` and :math:`\odot` the elementwise product:

    .. math::

        \nabla_W J = \frac1m \tilde A^\top (\mathbf p - \mathbf y), \qquad
        \nabla_V J = \frac1m \tilde X^\top
        \Bigl[\bigl((\mathbf p - \mathbf y)\,\mathbf w^\top\bigr)
        \odot (1 - A \odot A)\Bigr]

    (plus :math:`\lambda` times the non-intercept weights). The first is
    :func:`gradient` on the features :math:`A`: the output unit learns as a
    logistic regression does; the second passes its error :math:`p_i - y_i`
    back through :math:`w_j` and :math:`\tanh' = 1 - \tanh^2`.

    Parameters
    ----------
    params : array_like of shape ((n + 2) h + 1,)
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    l2 : float, default=0.0

    Returns
    -------
    ndarray of shape ((n + 2) h + 1,)
    """
    X, y = _check_X_y(X, y)
    l2 = _check_l2(l2)
    m, n = X.shape
    V, W = network_unpack(params, n)
    grad = np.zeros(network_size(n, V.shape[1]))
    grad_V, grad_W = network_unpack(grad, n)  # views: filling them fills grad
    # forward pass, then backward: d_Psi is dJ/dPsi, and so on, by the chain rule
    A = np.tanh(V[0] + X @ V[1:])  # a_ij = tanh(psi_ij), psi_ij = (V^T x~_i)_j
    grad_W[:] = gradient(W, A, y, l2=l2)  # logistic regression on the features A
    d_z = (predict_proba(W, A) - y) / m  # dJ/dz_i = (p_i - y_i) / m
    d_A = np.outer(d_z, W[1:])  # z_i = w_0 + sum_j w_j a_ij: dz_i/da_ij = w_j
    d_Psi = d_A * (1.0 - A * A)  # a = tanh(psi): da/dpsi = 1 - a^2
    grad_V[0] = d_Psi.sum(axis=0)  # psi_ij = V_0j + sum_l x_il V_lj: d/dV_0j = 1
    grad_V[1:] = X.T @ d_Psi  # dpsi_ij/dV_lj = x_il
    grad_V[1:] += l2 * V[1:]  # the penalty (l2/2)||V[1:]||^2; intercepts free
    return grad


def network_train(X, y, hidden, alpha=0.1, epochs=100, *, batch_size=None, decay=0.0,
                  params0=None, seed=None, l2=0.0):
    r"""Train the network by (minibatch) gradient descent on :func:`minibatch_path`.

    The same loop as logistic regression's SGD: every epoch one seeded shuffle cut
    into batches :math:`\mathcal B` of ``batch_size`` rows, and per batch the step
    ``params -= alpha_k * gradient`` of the minibatch cost :math:`J_{\mathcal B}`
    on the flat parameters, with :math:`\alpha_k = \alpha / (1 + \gamma k)`.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
        Labels 0/1.
    hidden : int
        ``h`` >= 1, the number of hidden units.
    alpha : float, default=0.1
        Learning rate, > 0.
    epochs : int, default=100
        Passes over the data, >= 0.
    batch_size : int, optional
        Rows per update; None: all ``m`` (full-batch gradient descent).
    decay : float, default=0.0
        :math:`\gamma` of the step schedule.
    params0 : array_like of shape ((n + 2) h + 1,), optional
        Starting parameters; default :func:`network_init` with ``seed``.
    seed : int or numpy.random.Generator, optional
        One generator for the start and every shuffle: the same seed gives the
        same run.
    l2 : float, default=0.0
        Penalty :math:`\lambda \ge 0` (see :func:`network_cost`).

    Returns
    -------
    params_path : ndarray of shape (epochs + 1, (n + 2) h + 1)
        Row ``k``: the parameters after ``k`` epochs.
    cost_path : ndarray of shape (epochs + 1,)
        :func:`network_cost` (on all rows) at the start and after every epoch.

    Examples
    --------
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> y = np.array([0, 1, 1, 0])  # XOR
    >>> path, costs = network_train(X, y, hidden=3, alpha=1.0, epochs=2000, seed=1)
    >>> network_predict(path[-1], X).tolist()
    [0, 1, 1, 0]
    """
    X, y = _check_X_y(X, y)
    h = _check_hidden(hidden)
    l2 = _check_l2(l2)
    rng = _shuffle_generator(seed)
    if params0 is None:
        params0 = network_init(X.shape[1], h, seed=rng)
    params0 = _check_params(params0, X.shape[1], name="params0")
    if (params0.shape[0] - 1) // (X.shape[1] + 2) != h:
        raise ValueError(
            f"params0 has length {params0.shape[0]}, which is a network of "
            f"{(params0.shape[0] - 1) // (X.shape[1] + 2)} hidden units, but hidden={h}."
        )

    def gradient_on_rows(params, rows):  # mean-cost gradient of one minibatch
        return network_gradient(params, X[rows], y[rows], l2=l2)

    def full_cost(params):  # the cost on every row, recorded once per epoch
        return network_cost(params, X, y, l2=l2)

    return minibatch_path(gradient_on_rows, full_cost, params0, X.shape[0],
                          alpha, epochs, batch_size=batch_size, decay=decay,
                          seed=rng)


# -------------------------------- 13. plotting and book helpers: every chapter


CLASS_COLORS = ("#E69F00", "#0072B2")  # Okabe-Ito orange and blue: colour-blind safe
CLASS_MARKERS = ("o", "s")  # a second cue besides colour


def _axes(ax):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.gca()


def plot_classes(X, y, ax=None, labels=("class 0", "class 1")):
    """Scatter the first two columns of ``X``, one colour and marker per class.

    Parameters
    ----------
    X : array_like of shape (m, n), n >= 2
    y : array_like of shape (m,)
    ax : matplotlib.axes.Axes, optional
    labels : pair of str
        Legend labels of class 0 and class 1.

    Returns
    -------
    matplotlib.axes.Axes
    """
    X = _check_X(X)
    y = _check_y(y, X.shape[0])
    if X.shape[1] < 2:
        raise ValueError(f"X needs at least two columns to plot; got shape {X.shape}.")
    ax = _axes(ax)
    for label in (0, 1):
        rows = y == label
        ax.scatter(X[rows, 0], X[rows, 1], c=CLASS_COLORS[label], marker=CLASS_MARKERS[label],
                   edgecolors="black", linewidths=0.5, label=labels[label])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend()
    return ax


def plot_decision_boundary(W, x1, ax=None, **line_kwargs):
    r"""Draw the line :math:`p = 0.5` (see :func:`decision_boundary`) over ``x1``.

    Returns
    -------
    matplotlib.lines.Line2D
    """
    x1 = np.asarray(x1, dtype=float)
    x2 = decision_boundary(W, x1)
    style = {"color": "black", "linestyle": "--", "label": "decision boundary"} | line_kwargs
    ax = _axes(ax)
    (line,) = ax.plot(x1, x2, **style)
    return line


def plot_probability_map(model, x1_range, x2_range, ax=None, resolution=200):
    r"""Colour the plane by :math:`p = P(y = 1 \mid x_1, x_2)`, with the 0.5 contour.

    Parameters
    ----------
    model : array_like of shape (3,) or callable
        Weights ``W`` of a two-feature model, drawn as
        :math:`\sigma(w_0 + w_1 x_1 + w_2 x_2)`; or any function that maps an
        ``(k, 2)`` array of points to ``k`` probabilities (e.g.
        ``lambda points: clf.predict_proba(points)[:, 1]``).
    x1_range, x2_range : pair of float
        Limits of the two axes.
    ax : matplotlib.axes.Axes, optional
    resolution : int, default=200
        Grid points per axis.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if callable(model):
        probability = model
    else:
        W = _check_W(model, 2, name="model")
        probability = lambda points: predict_proba(W, points)  # noqa: E731
    resolution = _check_count(resolution, "resolution", minimum=2)
    grid1, grid2 = np.meshgrid(np.linspace(*x1_range, resolution),
                               np.linspace(*x2_range, resolution))
    points = np.column_stack([grid1.ravel(), grid2.ravel()])
    proba = np.asarray(probability(points), dtype=float).reshape(grid1.shape)
    ax = _axes(ax)
    filled = ax.contourf(grid1, grid2, proba, levels=np.linspace(0, 1, 11), cmap="cividis",
                         alpha=0.8)
    ax.contour(grid1, grid2, proba, levels=[0.5], colors="black", linewidths=1.5)
    ax.figure.colorbar(filled, ax=ax, label=r"$p = P(y = 1 \mid \mathbf{x})$")
    return ax


def plot_cost_history(costs, ax=None, **line_kwargs):
    """Plot a cost per epoch (e.g. ``cost_history`` or ``cost_path``).

    Returns
    -------
    matplotlib.lines.Line2D
    """
    costs = _as_real_array(costs, "costs")
    if costs.ndim != 1:
        raise ValueError(f"costs must be 1-D; got shape {costs.shape}.")
    ax = _axes(ax)
    (line,) = ax.plot(np.arange(costs.shape[0]), costs, **line_kwargs)
    ax.set_xlabel("epoch")
    ax.set_ylabel(r"cost $J(W)$")
    return line


def check_answer(answer, expected, *, name="your answer", rtol=1e-6, atol=1e-8):
    """Compare an exercise answer with the expected value and say in words what differs.

    For the self-check cells of the exercises: prints one friendly line (or a few)
    and returns ``True`` when the answer is right, ``False`` otherwise, through
    :func:`report`. Whatever ``answer`` is (``None``, a string, a ragged list,
    complex numbers, an object NumPy cannot read), it never raises, so an
    unfinished exercise does not stop the notebook; except under nbgrader, where
    a wrong or missing answer raises ``AssertionError`` (see :func:`report`).

    The messages name the position of a wrong value (``component 1`` of a vector,
    ``entry (1, 2)`` of a matrix) and recognise two typical slips: a wrong sign
    (``-x``) and an inverted value (``1/x``, e.g. an odds ratio upside down).

    Parameters
    ----------
    answer : float, array_like or None
        The student's value (``...`` or ``None`` mean "not answered yet").
    expected : float or array_like
    name : str, default="your answer"
        How to call the answer in the messages; singular or plural
        ("your gradient", "your standard errors").
    rtol, atol : float
        Tolerances, as in ``numpy.isclose``.

    Returns
    -------
    bool

    Raises
    ------
    AssertionError
        Only if the environment variable ``NBGRADER_EXECUTION`` is set and the
        answer is wrong or missing.

    Examples
    --------
    >>> check_answer([1.0, -2.0], [1.0, 2.0], name="your gradient")
    Not yet: wrong sign in component 1 of your gradient (got -2, expected 2).
    False
    >>> check_answer(2.718281828, 0.36787944, name="your odds ratio")
    Not yet: inverted value in your odds ratio (got 2.718 = 1/0.3679, expected 0.3679).
    False
    """
    want = np.asarray(expected, dtype=float)  # the book's value: its errors are the book's
    return report(*_verdict(answer, want, name, rtol, atol))


def matches(answer, expected, *, rtol=1e-6, atol=1e-8):
    """Whether ``answer`` has the shape and the numbers of ``expected``, silently.

    For self-checks that diagnose a typical mistake ("is the answer what you get
    without the intercept?") before :func:`check_answer` or :func:`report` gives
    the verdict. Never raises: anything that is not an array of numbers is
    ``False``.

    Examples
    --------
    >>> matches([1.0, 2.0], [1.0, 2.0 + 1e-12]), matches("x", [1.0])
    (True, False)
    """
    try:
        got = np.asarray(answer, dtype=float)
        return bool(got.shape == np.shape(expected)
                    and np.allclose(got, expected, rtol=rtol, atol=atol))
    except (TypeError, ValueError, OverflowError):
        return False


def report(ok, message):
    """Print a self-check's verdict and return it; under nbgrader, fail a wrong answer.

    The last step of every self-check cell (:func:`check_answer` ends with it;
    a cell with its own checking logic calls it directly). Without nbgrader it
    only prints ``message`` and returns ``ok``. While nbgrader runs a notebook
    (``nbgrader autograde`` or ``validate`` set the environment variable
    ``NBGRADER_EXECUTION``) it raises ``AssertionError(message)`` after printing
    when ``ok`` is false, so the unchanged self-check cell works as an nbgrader
    test cell and the feedback shows the same words.

    Parameters
    ----------
    ok : bool
        Whether the answer is right.
    message : str
        The words for the reader, e.g. ``"Correct: ..."`` or ``"Not yet: ..."``.

    Returns
    -------
    bool
        ``ok``.

    Raises
    ------
    AssertionError
        With ``message``, if ``ok`` is false and ``NBGRADER_EXECUTION`` is set.

    Examples
    --------
    >>> report(False, "Not yet: the mean should be 0.")
    Not yet: the mean should be 0.
    False
    """
    if not isinstance(message, str):
        raise TypeError(f"message must be a str; got {type(message).__name__}.")
    ok = bool(ok)
    print(message)
    if not ok and os.environ.get("NBGRADER_EXECUTION"):
        raise AssertionError(message)
    return ok


_NOT_ANSWERED = "Not answered yet: replace the ... with your code, then run this cell again."


def _verdict(answer, want, name, rtol, atol):
    """``(ok, message)`` of :func:`check_answer`; never raises."""
    if answer is None or answer is Ellipsis:
        return False, _NOT_ANSWERED
    try:
        got, problem = _answer_array(answer)
        if problem:
            return False, (f"Not yet: {name} should be a number or an array of numbers; "
                           f"got {problem}.")
        if got.shape != want.shape:
            should = f"have shape {want.shape}" if want.ndim else "be a single number"
            found = f"shape {got.shape}" if got.ndim else "a single number"
            transposed = got.ndim == 2 and got.shape == want.shape[::-1]
            return False, (f"Not yet: {name} should {should}; got {found}"
                           f"{' (transposed?)' if transposed else ''}.")
        nan = np.isnan(got) & ~np.isnan(want)
        if nan.any():
            where = _position(tuple(np.argwhere(nan)[0]), want.ndim)
            return False, f"Not yet: NaN in {where}{name}; look for 0/0, log(0) or inf - inf."
        close = np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True)
        if close.all():
            return True, f"Correct: {name}, as expected."
        wrong = np.argwhere(~close)
        messages = [_what_differs(got[tuple(index)], want[tuple(index)],
                                  _position(tuple(index), want.ndim) + name, rtol, atol)
                    for index in wrong[:5]]
        remaining = len(wrong) - len(messages)
        if remaining:
            noun = ("component" if want.ndim == 1 else "entry") if remaining == 1 else (
                "components" if want.ndim == 1 else "entries")
            messages.append(f"... and {remaining} more {noun} "
                            f"{'differs' if remaining == 1 else 'differ'}.")
        return False, "Not yet: " + "\n         ".join(messages)
    except Exception as error:  # a self-check must answer in words, whatever it gets
        return False, (f"Not yet: the check cannot use {name} "
                       f"({type(error).__name__}: {error}).")


def _answer_array(answer):
    """``(array of float, None)``, or ``(None, what the answer is instead)``."""
    if isinstance(answer, (str, bytes)):
        return None, type(answer).__name__
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. NumPy's ComplexWarning: answer in words
        try:
            array = np.asarray(answer)
        except ValueError as error:
            if "inhomogeneous" in str(error) or "sequence" in str(error):
                return None, "a ragged list (rows of different lengths)"
            raise
        if np.iscomplexobj(array):
            return None, "complex numbers"
        if array.dtype.kind in "biuf":
            return array.astype(float), None
        if array.dtype.kind == "O" and any(item is None for item in array.flat):
            return None, "None inside (a part not answered yet?)"
        try:
            return array.astype(float), None  # e.g. Fractions, SymPy numbers
        except (TypeError, ValueError):
            return None, type(answer).__name__


def _position(index, ndim):
    """Where an entry is, for the messages: '', 'component 1 of ', 'entry (1, 2) of '."""
    if ndim == 0:
        return ""
    if ndim == 1:
        return f"component {index[0]} of "
    return f"entry ({', '.join(str(int(i)) for i in index)}) of "


def _what_differs(got, want, what, rtol, atol):
    """One line about one wrong value: a wrong sign, an inverted value, or just wrong."""
    if np.isclose(-got, want, rtol=rtol, atol=atol):
        return f"wrong sign in {what} (got {got:.4g}, expected {want:.4g})."
    if np.isfinite(got) and got != 0 and want != 0:
        with np.errstate(over="ignore"):
            inverse = 1 / got
        if np.isclose(inverse, want, rtol=rtol, atol=atol):
            return (f"inverted value in {what} (got {got:.4g} = 1/{inverse:.4g}, "
                    f"expected {want:.4g}).")
    return f"wrong value in {what} (got {got:.4g}, expected {want:.4g})."


def show_source(function, *, start=None, stop=None):
    """Print the code of a public ``logreg_core`` function, without its docstring.

    For the chapters that read the module's code: what is printed is what runs,
    without the reST markup of the docstring. With ``start`` (and ``stop``), only
    the lines from the first one containing ``start`` to the next one containing
    ``stop`` are printed, dedented: the few lines that matter.

    Parameters
    ----------
    function : callable
        A public function of this module (its name must not start with ``_``:
        the book never prints private helpers, which may change at any time).
    start, stop : str, optional
        Text of the first and last line to print.

    Examples
    --------
    >>> show_source(logits)
    def logits(W, X):
        W, X = _check_W_X(W, X, call="logits(W, X)")
        return W[0] + X @ W[1:]
    """
    import ast
    import inspect
    import textwrap

    name = getattr(function, "__name__", None)
    if not callable(function) or name is None:
        raise TypeError(f"function must be a function of logreg_core; got {type(function).__name__}.")
    if (name.startswith("_") or name not in __all__
            or getattr(function, "__module__", None) != __name__):
        raise ValueError(
            f"function must be a public function of logreg_core (listed in __all__); "
            f"got {name!r}. Private helpers may change at any time, so the book never prints them.")
    source = textwrap.dedent(inspect.getsource(function))
    lines = source.splitlines()
    body = ast.parse(source).body[0].body
    if ast.get_docstring(ast.parse(source).body[0]) is not None:  # drop the docstring lines
        docstring = body[0]
        del lines[docstring.lineno - 1:docstring.end_lineno]
    if start is not None:
        first = next((i for i, line in enumerate(lines) if start in line), None)
        if first is None:
            raise ValueError(f"start={start!r} is not in the code of {name}.")
        last = len(lines) - 1
        if stop is not None:
            last = next((i for i, line in enumerate(lines) if i >= first and stop in line), None)
            if last is None:
                raise ValueError(f"stop={stop!r} is not in the code of {name} after start.")
        lines = textwrap.dedent("\n".join(lines[first:last + 1])).splitlines()
    elif stop is not None:
        raise ValueError("stop needs start: pass the text of the first line to print too.")
    print("\n".join(lines).rstrip())


# ------------------------------------ validation: used by every function above


def _as_real_array(value, name):
    """``value`` as a float64 array (no copy when it already is one), or TypeError."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be array-like of numbers; got {type(value).__name__}.")
    array = np.asarray(value)
    if array.dtype == np.bool_ or np.issubdtype(array.dtype, np.integer):
        return array.astype(np.float64)
    if np.iscomplexobj(array):
        raise TypeError(
            f"{name} must contain real numbers; got complex numbers (dtype {array.dtype}). "
            f"Logistic regression works with real numbers only: if the imaginary parts "
            f"are rounding noise, pass np.real({name})."
        )
    if not np.issubdtype(array.dtype, np.floating):
        raise TypeError(
            f"{name} must contain real numbers; got an array of dtype {array.dtype}. "
            "Convert categorical columns to numbers first."
        )
    return np.asarray(array, dtype=np.float64)


def _check_X(X):
    """Return ``X`` as a finite float64 matrix of shape (m, n), m, n >= 1."""
    X = _as_real_array(X, "X")
    if X.ndim != 2:
        hint = " For one feature use X.reshape(-1, 1)." if X.ndim == 1 else ""
        raise ValueError(
            f"X must be 2-D with shape (n_samples, n_features); got shape {X.shape}.{hint}"
        )
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(
            f"X is empty: got shape {X.shape}; need at least one sample and one feature."
        )
    if not np.isfinite(X).all():
        bad_rows = np.flatnonzero(~np.isfinite(X).all(axis=1))
        raise ValueError(
            f"X contains NaN or infinity in rows {bad_rows[:10].tolist()}"
            f"{' ...' if bad_rows.size > 10 else ''}; remove or impute them first."
        )
    return X


def _shape(value):
    """The shape of ``value`` as NumPy sees it, or None (never raises)."""
    try:
        return np.shape(value)
    except Exception:  # ragged lists, objects whose __array__ fails
        return None


def _check_W_X(W, X, call, matrix=False):
    """Validated ``(W, X)``; if they look swapped, a ValueError that says so.

    ``W`` is a vector of length n + 1 (a matrix of shape (n + 1, K) when ``matrix``),
    ``X`` a matrix of shape (m, n). Looks swapped: the ``W`` given is a matrix
    whose columns are one fewer than the length (rows, when ``matrix``) of the ``X``
    given. ``call`` is the right call, shown in the message.
    """
    try:
        X = _check_X(X)
        W = _check_W_matrix(W, X.shape[1]) if matrix else _check_W(W, X.shape[1])
    except ValueError:
        shape_W, shape_X = _shape(W), _shape(X)
        if (shape_W is not None and shape_X is not None and len(shape_W) == 2
                and len(shape_X) == (2 if matrix else 1)
                and shape_X[0] == shape_W[1] + 1):
            raise ValueError(
                f"W and X seem swapped: got W of shape {shape_W} and X of shape "
                f"{shape_X}. The weights come first: {call}."
            ) from None
        raise
    return W, X


def _check_X_y(X, y, multiclass=False):
    """Validated ``(X, y)``: 0/1 labels, or 0, ..., K - 1 when ``multiclass``.

    If ``X`` is a vector of whole numbers >= 0 and ``y`` a matrix with as many
    rows, the two look swapped, and the ValueError says so.
    """
    try:
        X = _check_X(X)
    except ValueError:
        shape_X, shape_y = _shape(X), _shape(y)
        if (shape_X is not None and shape_y is not None and len(shape_X) == 1
                and len(shape_y) == 2 and shape_X[0] == shape_y[0]):
            labels = np.asarray(X, dtype=float)
            if np.all((labels >= 0) & (labels == np.floor(labels))):
                raise ValueError(
                    f"X and y seem swapped: got X of shape {shape_X} holding labels "
                    f"and y of shape {shape_y}. The features X come first, then the "
                    "labels y."
                ) from None
        raise
    if multiclass:
        return X, _check_labels(y, X.shape[0])
    return X, _check_y(y, X.shape[0])


def _check_label_vector(y, n_samples, meaning):
    """``y`` as a float64 vector of length ``n_samples`` without NaN (labels checked by callers)."""
    y = _as_real_array(y, "y")
    if y.ndim != 1:
        hint = " Use y.ravel() for a column vector." if y.ndim == 2 and 1 in y.shape else ""
        raise ValueError(f"y must be 1-D with shape (n_samples,); got shape {y.shape}.{hint}")
    if np.isnan(y).any():
        raise ValueError(
            f"y contains NaN at positions {np.flatnonzero(np.isnan(y))[:10].tolist()}; "
            f"every sample needs {meaning}."
        )
    if y.shape[0] != n_samples:
        raise ValueError(
            f"y has {y.shape[0]} labels but X has {n_samples} rows; they must match."
        )
    return y


def _offenders(values):
    shown = ", ".join(f"{v:g}" for v in np.unique(values)[:10])
    return shown + (" ..." if np.unique(values).size > 10 else "")


def _check_y(y, n_samples):
    """Return ``y`` as a float64 vector of 0/1 labels of length ``n_samples``."""
    y = _check_label_vector(y, n_samples, "a 0/1 label")
    bad = (y != 0) & (y != 1)
    if bad.any():
        raise ValueError(
            f"y must contain only the labels 0 and 1; found {_offenders(y[bad])}. "
            "Encode the positive class as 1 and the other as 0."
        )
    return y


def _check_W(W, n_features, name="W"):
    """Return ``W`` as a finite float64 vector of length ``n_features + 1``."""
    W = _as_real_array(W, name)
    if W.ndim != 1 or W.shape[0] != n_features + 1:
        raise ValueError(
            f"{name} must be a vector of length n_features + 1 = {n_features + 1} "
            f"(intercept first); got shape {W.shape}."
        )
    if not np.isfinite(W).all():
        raise ValueError(f"{name} contains NaN or infinity: {W.tolist()}.")
    return W


def _check_positive(value, name):
    """A positive finite real number, as a float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive real number; got {value!r}.")
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive finite number; got {value!r}.")
    return float(value)


def _check_count(value, name, minimum=0):
    """A whole number >= ``minimum``, as an int."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be an integer >= {minimum}; got {value!r} ({type(value).__name__})."
        )
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}; got {value}.")
    return int(value)


def _check_l2(value):
    """The ridge strength ``l2``: a non-negative finite real number, as a float."""
    return _check_penalty(value, "l2")


def _check_penalty(value, name):
    """A penalty strength or threshold: a non-negative finite real number, as a float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a non-negative real number; got {value!r}.")
    if not (np.isfinite(value) and value >= 0):
        raise ValueError(
            f"{name} must be a non-negative finite number (0 means no penalty); "
            f"got {value!r}."
        )
    return float(value)


def _check_labels(y, n_samples):
    """Return ``y`` as an integer vector of class labels 0, 1, ..., K - 1 of length ``n_samples``."""
    y = _check_label_vector(y, n_samples, "a class label")
    bad = ~np.isfinite(y) | (y < 0) | (y != np.floor(y))
    if bad.any():
        raise ValueError(
            "y must hold the class labels 0, 1, ..., K - 1 (whole numbers >= 0); "
            f"found {_offenders(y[bad])}. "
            "Encode other labels with np.unique(y, return_inverse=True)[1]."
        )
    return y.astype(np.intp)


def _check_every_class_present(y, n_classes):
    """Refuse labels that leave a class of 0, ..., n_classes - 1 without a sample."""
    absent = np.setdiff1d(np.arange(n_classes), y)
    if absent.size == 0:
        return
    low, high = int(y.min()), int(y.max())
    if absent.tolist() == list(range(low)):  # only the smallest labels are missing
        found = f"y holds the labels {low}..{high} but never {_offenders(absent)}"
        fix = f"subtract {low} (y - {low})" if low > 0 else ""
    else:
        found = f"y has no sample of the label(s) {_offenders(absent)}"
        fix = ""
    raise ValueError(
        f"{found}, so the model would have {n_classes} classes (0 to {high}), "
        f"{absent.size} of them never seen. The labels must be 0, 1, ..., K - 1: "
        f"{fix + ' or ' if fix else ''}encode them with sklearn's LabelEncoder "
        "(or np.unique(y, return_inverse=True)[1]). Pass n_classes if a class is "
        "absent from y on purpose."
    )


def _check_W_matrix(W, n_features, name="W"):
    """Return ``W`` as a finite float64 matrix of shape (n_features + 1, K), K >= 2."""
    W = _as_real_array(W, name)
    if W.ndim != 2 or W.shape[0] != n_features + 1 or W.shape[1] < 2:
        raise ValueError(
            f"{name} must be a matrix of shape (n_features + 1, n_classes) = "
            f"({n_features + 1}, K) with K >= 2 (row 0 holds the intercepts); "
            f"got shape {W.shape}."
        )
    if not np.isfinite(W).all():
        raise ValueError(f"{name} contains NaN or infinity.")
    return W


def _check_softmax_problem(W, X, y):
    """Validate a softmax problem: W of shape (n + 1, K) and labels below K."""
    W, X = _check_W_X(W, X, call="softmax_cost(W, X, y), softmax_gradient(W, X, y)",
                          matrix=True)
    y = _check_labels(y, X.shape[0])
    if y.max() >= W.shape[1]:
        raise ValueError(
            f"y contains the label {y.max()} but W has only {W.shape[1]} columns "
            f"(classes 0 to {W.shape[1] - 1}); one column per class is needed."
        )
    return W, X, y


def _check_sample_weight(sample_weight, n_samples):
    """``sample_weight`` as a float64 vector of ``n_samples`` weights >= 0, or None.

    Finite, non-negative and not all zero (a weight-0 row is left out).
    """
    if sample_weight is None:
        return None
    v = _as_real_array(sample_weight, "sample_weight")
    if v.ndim != 1 or v.shape[0] != n_samples:
        raise ValueError(
            f"sample_weight must be a vector with one weight per row of X, shape "
            f"({n_samples},); got shape {v.shape}."
        )
    if not np.isfinite(v).all():
        raise ValueError(
            f"sample_weight contains NaN or infinity at positions "
            f"{np.flatnonzero(~np.isfinite(v))[:10].tolist()}; weights must be finite."
        )
    if (v < 0).any():
        raise ValueError(
            f"sample_weight must be >= 0 (a weight counts a row that many times); "
            f"found {_offenders(v[v < 0])}."
        )
    if not v.any():
        raise ValueError(
            "sample_weight is zero for every row, so no row counts; give at least "
            "one row a positive weight."
        )
    return v


def _sample_weights(sample_weight, n_samples):
    """The validated weights, or the scalar 1.0 for None (every row counts once)."""
    v = _check_sample_weight(sample_weight, n_samples)
    return 1.0 if v is None else v


def _check_both_classes(y, minimum=1):
    """Counts (m_0, m_1) of 0/1 labels, or a ValueError if a class has fewer than ``minimum``."""
    counts = np.array([np.sum(y == 0), np.sum(y == 1)], dtype=float)
    if counts.min() < minimum:
        k = int(np.argmin(counts))
        raise ValueError(
            f"y has {int(counts[k])} sample(s) of class {k}; a generative model "
            f"needs at least {minimum} of each class to estimate its mean and "
            "prior. Add samples of that class."
        )
    return counts


def _solve_covariance(Sigma, B):
    """``Sigma^{-1} B`` for a pooled covariance, or a ValueError if it is singular."""
    eigenvalues = np.linalg.eigvalsh(Sigma)
    if eigenvalues[0] <= eigenvalues[-1] * 1e-12:
        raise ValueError(
            "The pooled covariance of X is singular: some feature is constant "
            "within the classes or a linear combination of others, or there "
            "are fewer samples than features + 2. Drop such features or add "
            "samples."
        )
    return np.linalg.solve(Sigma, B)


def _check_naive_bayes_params(params):
    """(means, variances, priors) as returned by naive_bayes_fit, or a clear error."""
    if not isinstance(params, (tuple, list)) or len(params) != 3:
        raise TypeError(
            "params must be the tuple (means, variances, priors) returned by "
            f"naive_bayes_fit(X, y); got {type(params).__name__}."
        )
    means, variances, priors = (_as_real_array(a, name) for a, name in
                                zip(params, ("means", "variances", "priors")))
    if (means.ndim != 2 or means.shape[0] != 2 or variances.shape != means.shape
            or priors.shape != (2,)):
        raise ValueError(
            "params must hold means and variances of shape (2, n) and priors "
            f"of shape (2,); got {means.shape}, {variances.shape}, "
            f"{priors.shape}. Use the output of naive_bayes_fit(X, y)."
        )
    if not ((variances > 0).all() and (priors > 0).all()):
        raise ValueError("params: every variance and both priors must be > 0.")
    return means, variances, priors


def _check_columns(drop, n_features):
    """``drop`` as a sorted array of distinct column indices in 0..n_features - 1."""
    values = np.atleast_1d(np.asarray(drop))
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"drop must name at least one column; got {drop!r}.")
    if values.dtype == np.bool_ or not np.issubdtype(values.dtype, np.integer):
        raise TypeError(
            "drop must be a column index or a list of column indices (integers); "
            f"got {drop!r}."
        )
    if values.min() < 0 or values.max() >= n_features:
        raise ValueError(
            f"drop must hold column indices of X between 0 and {n_features - 1} "
            f"(the intercept is not a column of X); got {values.tolist()}."
        )
    if np.unique(values).size != values.size:
        raise ValueError(f"drop names a column twice: {values.tolist()}.")
    return np.sort(values)


def _check_hidden(hidden):
    """The number of hidden units: a whole number >= 1, as an int."""
    if isinstance(hidden, bool) or not isinstance(hidden, numbers.Integral):
        raise TypeError(
            f"hidden must be a positive whole number of hidden units; got {hidden!r} "
            f"({type(hidden).__name__})."
        )
    if hidden < 1:
        raise ValueError(
            f"hidden must be at least 1 (a network needs a hidden unit); got {hidden}. "
            "With no hidden layer the network is logistic regression: use lc.cost."
        )
    return int(hidden)


def _check_params(params, n_features, name="params"):
    """A finite float64 vector of length (n + 2) h + 1 for some h >= 1: a network's parameters."""
    params = _as_real_array(params, name)
    if params.ndim != 1:
        raise ValueError(
            f"{name} must be a flat vector np.concatenate([V.ravel(), W]); got shape "
            f"{params.shape}."
        )
    size = params.shape[0]
    if size < n_features + 3 or (size - 1) % (n_features + 2):
        raise ValueError(
            f"{name} has length {size}, but a network on n = {n_features} features with "
            f"h hidden units has (n + 2) h + 1 = {n_features + 3}, {2 * n_features + 5}, "
            f"{3 * n_features + 7}, ... parameters. Check that X has the features the "
            "network was made for (lc.network_init(n_features, hidden))."
        )
    if not np.isfinite(params).all():
        raise ValueError(f"{name} contains NaN or infinity.")
    return params


def _check_batch_size(value, m):
    """A minibatch size: a whole number from 1 to ``m``, as an int."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"batch_size must be None (the full batch) or an integer from 1 to m = {m}; "
            f"got {value!r} ({type(value).__name__})."
        )
    if not 1 <= value <= m:
        raise ValueError(
            f"batch_size must be from 1 to the number of rows m = {m} (None means all "
            f"{m} rows); got {value}."
        )
    return int(value)


def _check_decay(value):
    """A step decay: a non-negative finite real number, as a float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"decay must be a non-negative real number; got {value!r}.")
    if not (np.isfinite(value) and value >= 0):
        raise ValueError(
            f"decay must be a non-negative finite number (0 keeps the step constant); "
            f"got {value!r}."
        )
    return float(value)


def _shuffle_generator(seed):
    """``np.random.default_rng(seed)``, or an error naming ``seed``.

    A ValueError for a seed of the right type but a wrong value (a negative int),
    a TypeError for anything else.
    """
    try:
        return np.random.default_rng(seed)
    except (TypeError, ValueError) as error:
        kind = ValueError if isinstance(error, ValueError) else TypeError
        raise kind(
            f"seed must be None, a non-negative int or a numpy.random.Generator; "
            f"got {seed!r}."
        ) from error


def _cost_value(full_cost, W):
    """``full_cost(W)`` as a float, or an error naming ``full_cost``."""
    value = full_cost(W)
    try:
        if np.ndim(value) != 0 or isinstance(value, (str, bytes)):
            raise TypeError  # an array of costs, or text: not one number
        return float(value)
    except (TypeError, ValueError):
        raise TypeError(
            f"full_cost(W) must return a real number (the cost on all rows); "
            f"got {type(value).__name__} of shape {np.shape(value)}."
        ) from None


def _gradient_value(gradient_on_rows, W, rows):
    """``gradient_on_rows(W, rows)`` as an array shaped like ``W``, or a ValueError."""
    grad = np.asarray(gradient_on_rows(W, rows), dtype=float)
    if grad.shape != W.shape:
        raise ValueError(
            f"gradient_on_rows(W, rows) must return an array shaped like W, "
            f"{W.shape}; got shape {grad.shape}."
        )
    return grad


def _l2_by_keyword(function):
    """Wrap ``function(W, X, y, *, l2=0.0)``: ``l2`` passed by position gets a clear TypeError.

    Python's own message, "takes 3 positional arguments but 4 were given", does
    not say that ``l2`` must be named. Only the number of positional arguments is
    checked; the source that :func:`show_source` prints is the wrapped function's.
    """
    @functools.wraps(function)
    def by_keyword(*args, **kwargs):
        if len(args) > 3:
            name, value = function.__name__, args[3]
            shown = f"{value!r}" if isinstance(value, numbers.Real) else "..."
            raise TypeError(
                f"{name}() takes l2 as a keyword: write {name}(W, X, y, l2={shown}), "
                f"not {name}(W, X, y, {shown})."
            )
        return function(*args, **kwargs)

    return by_keyword


cost = _l2_by_keyword(cost)
gradient = _l2_by_keyword(gradient)
hessian = _l2_by_keyword(hessian)
softmax_cost = _l2_by_keyword(softmax_cost)
softmax_gradient = _l2_by_keyword(softmax_gradient)
network_cost = _l2_by_keyword(network_cost)
network_gradient = _l2_by_keyword(network_gradient)


# -------------------------------------- speed machinery: not shown in the book


_BLOCK_ROWS = 8192  # rows per block: a block of X and its vectors stay in cache


def _cost_gradient_hessian(W, X, y, l2, sample_weight=None):
    r"""Penalised cost, gradient and Hessian at ``W`` in one pass over ``X``.

    The formulas of :func:`cost`, :func:`gradient` and :func:`hessian`, on
    validated input. With :math:`s_i = 1 - 2 y_i`, :math:`u_i = s_i z_i` and
    :math:`e_i = e^{-|u_i|} \le 1` (one ``exp`` that never overflows):

    * cost: :math:`\log(1 + e^{z_i}) - y_i z_i = \log(1 + e^{u_i})
      = \max(u_i, 0) + \log(1 + e_i)`, a sum of two non-negative terms
      (no cancellation, even for tiny costs);
    * residual: :math:`p_i - y_i = s_i\,\sigma(u_i)`, with
      :math:`\sigma(u_i) = 1 / (1 + e_i)` for :math:`u_i \ge 0`, else
      :math:`e_i / (1 + e_i)`;
    * Hessian weights: :math:`p_i (1 - p_i) = e_i / (1 + e_i)^2`.

    ``X`` is read in blocks of ``_BLOCK_ROWS`` rows, so the elementwise work
    runs in cache and the Hessian needs no weighted copy of all of ``X``.
    Also returns whether every sample lies strictly on its own side of the
    boundary (all :math:`u_i < 0`), which without a penalty means separable data.
    ``sample_weight`` (validated, or None for all ones) multiplies each row's
    cost, residual and Hessian weight; rows of weight 0 do not count for the
    separation test.
    """
    m, n = X.shape
    total, largest_u = 0.0, -np.inf
    grad, H = np.zeros(n + 1), np.zeros((n + 1, n + 1))
    for start in range(0, m, _BLOCK_ROWS):
        X_block = X[start:start + _BLOCK_ROWS]
        s = 1.0 - 2.0 * y[start:start + _BLOCK_ROWS]
        u = s * (W[0] + X_block @ W[1:])
        e = np.exp(-np.abs(u))
        loss = np.maximum(u, 0.0) + np.log1p(e)
        residual = s * np.where(u >= 0, 1.0, e) / (1.0 + e)
        weight = e / (1.0 + e) ** 2
        if sample_weight is not None:
            v = sample_weight[start:start + _BLOCK_ROWS]
            loss, residual, weight = v * loss, v * residual, v * weight
            u = u[v > 0]
        total += np.sum(loss)
        largest_u = max(largest_u, u.max(initial=-np.inf))
        grad[0] += residual.sum()
        grad[1:] += X_block.T @ residual
        root = np.sqrt(weight)
        X_weighted = X_block * root[:, None]
        H[0, 0] += weight.sum()
        H[1:, 0] += X_weighted.T @ root
        H[1:, 1:] += X_weighted.T @ X_weighted
    grad /= m
    H /= m
    H[0, 1:] = H[1:, 0]
    J = _add_penalty(total / m, grad, W, l2, H)
    return float(J), grad, H, bool(largest_u < 0)
