"""Logistic regression from scratch: the one numerical module of the book.

Every chapter imports this module; nothing here is re-implemented in a notebook.

Conventions (those of the tutorial the book grew from):

* ``X`` is the raw feature matrix, shape ``(m, n)``: ``m`` samples, ``n`` features.
* ``W`` is a float vector of length ``n + 1``; ``W[0]`` is the intercept.
* ``y`` holds the labels 0/1.
* The logits are ``z = W[0] + X @ W[1:]``, the same as ``add_intercept(X) @ W``
  without building the ``(m, n + 1)`` copy.
* ``l2`` (default 0) adds the ridge penalty ``(l2 / 2) * ||W[1:]||^2`` to the mean
  cost; the intercept is never penalised. scikit-learn's ``LogisticRegression(C=C)``
  is ``l2 = 1 / (C * m)``.
* Softmax regression with ``K`` classes uses a matrix ``W`` of shape ``(n + 1, K)``
  (row 0: the intercepts) and labels ``y`` in ``0, 1, ..., K - 1``.

Sections, in reading order: validation, sigmoid and cost, gradient, training,
inference, prediction, softmax regression, plotting helpers, self-checks, estimator.
"""

import numbers
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
    "GradientDescentExplorer",
    "LogisticRegressionGD",
    "PerfectSeparationError",
    "SingularHessianError",
    "add_intercept",
    "check_answer",
    "cost",
    "decision_boundary",
    "gradient",
    "gradient_descent_path",
    "hessian",
    "logistic_regression",
    "logits",
    "newton",
    "numerical_gradient",
    "plot_classes",
    "plot_cost_history",
    "plot_decision_boundary",
    "plot_probability_map",
    "predict",
    "predict_proba",
    "show_source",
    "sigmoid",
    "softmax",
    "softmax_cost",
    "softmax_gradient",
    "softmax_gradient_descent",
    "softmax_predict",
    "softmax_predict_proba",
    "standard_errors",
]


class ConvergenceWarning(RuntimeWarning, _SklearnConvergenceWarning):
    """An iterative solver stopped before reaching its tolerance.

    Also a scikit-learn ``ConvergenceWarning``, so filters written for scikit-learn
    apply to it too."""


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


# ----------------------------------------------------------------- validation


def _as_real_array(value, name):
    """``value`` as a float64 array (no copy when it already is one), or TypeError."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be array-like of numbers; got {type(value).__name__}.")
    array = np.asarray(value)
    if array.dtype == np.bool_ or np.issubdtype(array.dtype, np.integer):
        return array.astype(np.float64)
    if not np.issubdtype(array.dtype, np.floating):
        raise TypeError(
            f"{name} must contain real numbers; got an array of dtype {array.dtype}. "
            "Convert categorical columns to numbers first."
        )
    return np.asarray(array, dtype=np.float64)


def _check_X(X, name="X"):
    """Return ``X`` as a finite float64 matrix of shape (m, n), m, n >= 1."""
    X = _as_real_array(X, name)
    if X.ndim != 2:
        hint = f" For one feature use {name}.reshape(-1, 1)." if X.ndim == 1 else ""
        raise ValueError(
            f"{name} must be 2-D with shape (n_samples, n_features); got shape {X.shape}.{hint}"
        )
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(
            f"{name} is empty: got shape {X.shape}; need at least one sample and one feature."
        )
    if not np.isfinite(X).all():
        bad_rows = np.flatnonzero(~np.isfinite(X).all(axis=1))
        raise ValueError(
            f"{name} contains NaN or infinity in rows {bad_rows[:10].tolist()}"
            f"{' ...' if bad_rows.size > 10 else ''}; remove or impute them first."
        )
    return X


def _check_label_vector(y, n_samples, name, meaning):
    """``y`` as a float64 vector of length ``n_samples`` without NaN (labels checked by callers)."""
    y = _as_real_array(y, name)
    if y.ndim != 1:
        hint = f" Use {name}.ravel() for a column vector." if y.ndim == 2 and 1 in y.shape else ""
        raise ValueError(f"{name} must be 1-D with shape (n_samples,); got shape {y.shape}.{hint}")
    if np.isnan(y).any():
        raise ValueError(
            f"{name} contains NaN at positions {np.flatnonzero(np.isnan(y))[:10].tolist()}; "
            f"every sample needs {meaning}."
        )
    if y.shape[0] != n_samples:
        raise ValueError(
            f"{name} has {y.shape[0]} labels but X has {n_samples} rows; they must match."
        )
    return y


def _offenders(values):
    shown = ", ".join(f"{v:g}" for v in np.unique(values)[:10])
    return shown + (" ..." if np.unique(values).size > 10 else "")


def _check_y(y, n_samples, name="y"):
    """Return ``y`` as a float64 vector of 0/1 labels of length ``n_samples``."""
    y = _check_label_vector(y, n_samples, name, "a 0/1 label")
    bad = (y != 0) & (y != 1)
    if bad.any():
        raise ValueError(
            f"{name} must contain only the labels 0 and 1; found {_offenders(y[bad])}. "
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


def _check_l2(value, name="l2"):
    """A penalty strength: a non-negative finite real number, as a float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a non-negative real number; got {value!r}.")
    if not (np.isfinite(value) and value >= 0):
        raise ValueError(
            f"{name} must be a non-negative finite number (0 means no penalty); got {value!r}."
        )
    return float(value)


def _check_labels(y, n_samples, name="y"):
    """Return ``y`` as an integer vector of class labels 0, 1, ..., K - 1 of length ``n_samples``."""
    y = _check_label_vector(y, n_samples, name, "a class label")
    bad = ~np.isfinite(y) | (y < 0) | (y != np.floor(y))
    if bad.any():
        raise ValueError(
            f"{name} must hold the class labels 0, 1, ..., K - 1 (whole numbers >= 0); "
            f"found {_offenders(y[bad])}. "
            f"Encode other labels with np.unique({name}, return_inverse=True)[1]."
        )
    return y.astype(np.intp)


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


# ------------------------------------------------------------ sigmoid and cost


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
    X = _check_X(X)
    W = _check_W(W, X.shape[1])
    return W[0] + X @ W[1:]


def cost(W, X, y, *, l2=0.0):
    r"""Mean negative log-likelihood (binary cross-entropy) :math:`J(W)`, plus an L2 penalty.

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

    Parameters
    ----------
    W : array_like of shape (n + 1,)
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
        Labels 0/1.
    l2 : float, default=0.0
        Penalty strength :math:`\lambda \ge 0`.

    Returns
    -------
    float
        :math:`J(W) \ge 0`.
    """
    X = _check_X(X)
    W = _check_W(W, X.shape[1])
    y = _check_y(y, X.shape[0])
    l2 = _check_l2(l2)
    z = W[0] + X @ W[1:]
    penalty = l2 / 2 * (W[1:] @ W[1:]) if l2 else 0.0
    return float(np.mean(np.logaddexp(0.0, z) - y * z) + penalty)


# ------------------------------------------------------------------- gradient


def gradient(W, X, y, *, l2=0.0):
    r"""Gradient of :func:`cost` with respect to ``W``.

    .. math::

        \nabla J(W) = \frac{1}{m}
        \begin{bmatrix} \sum_i (p_i - y_i) \\ X^\top (\mathbf{p} - \mathbf{y}) \end{bmatrix}
        + \lambda \begin{bmatrix} 0 \\ \mathbf{w} \end{bmatrix}

    with :math:`\lambda` = ``l2``: the penalty does not touch the intercept.

    Parameters
    ----------
    W : array_like of shape (n + 1,)
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    l2 : float, default=0.0
        Penalty strength :math:`\lambda \ge 0` (see :func:`cost`).

    Returns
    -------
    ndarray of shape (n + 1,)
    """
    X = _check_X(X)
    W = _check_W(W, X.shape[1])
    y = _check_y(y, X.shape[0])
    l2 = _check_l2(l2)
    residual = sigmoid(W[0] + X @ W[1:]) - y
    grad = np.concatenate(([residual.sum()], X.T @ residual)) / X.shape[0]
    if l2:
        grad[1:] += l2 * W[1:]
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


# ------------------------------------------------------------------- training

_BLOCK_ROWS = 8192  # rows per block: a block of X and its scratch vectors stay in cache


def _initial_weights(W0, n_features, seed):
    if W0 is not None:
        return _check_W(W0, n_features, name="W0").copy()
    return np.random.default_rng(seed).standard_normal(n_features + 1)


def _cost_gradient_hessian(X, signs, W, work, hessian=None):
    r"""Cost and gradient at ``W`` (and, if asked, the Hessian) in one pass over ``X``.

    With :math:`s_i = 1 - 2 y_i` (``signs``), :math:`u_i = s_i z_i` and
    :math:`e_i = e^{-|u_i|} \le 1` (one ``exp`` that never overflows):

    * cost: :math:`\log(1 + e^{z_i}) - y_i z_i = \log(1 + e^{u_i})
      = \max(u_i, 0) + \log(1 + e_i)`, two non-negative terms;
    * residual: :math:`p_i - y_i = s_i\,\sigma(u_i)`, with
      :math:`\sigma(u_i) = e^{\min(u_i, 0)} / (1 + e_i)`;
    * Hessian weights: :math:`p_i (1 - p_i) = e_i / (1 + e_i)^2`.

    ``X`` is read in row blocks so the elementwise work runs in cache; ``work`` is a
    ``(3, block)`` scratch array, so a gradient-descent epoch allocates nothing of
    size m. With ``hessian`` (an ``(n + 1, n + 1)`` array, filled in place) it also
    returns whether every sample lies strictly on its own side (all :math:`u_i < 0`).
    """
    m = X.shape[0]
    total = 0.0
    grad = np.zeros_like(W)
    largest_u = -np.inf
    if hessian is not None:
        hessian[...] = 0.0
    for start in range(0, m, work.shape[1]):
        rows = slice(start, min(start + work.shape[1], m))
        X_block, s = X[rows], signs[rows]
        u, e, scratch = work[:, : X_block.shape[0]]
        np.matmul(X_block, W[1:], out=u)
        u += W[0]
        u *= s
        total += np.maximum(u, 0.0, out=scratch).sum()
        np.abs(u, out=e)
        np.negative(e, out=e)
        np.exp(e, out=e)
        total += np.log1p(e, out=scratch).sum()
        if hessian is not None:
            largest_u = max(largest_u, u.max())
            weight = e / (1.0 + e) ** 2
            root = np.sqrt(weight)
            X_weighted = X_block * root[:, None]
            hessian[0, 0] += weight.sum()
            hessian[1:, 0] += X_weighted.T @ root
            hessian[1:, 1:] += X_weighted.T @ X_weighted
        residual = np.minimum(u, 0.0, out=scratch)
        np.exp(residual, out=residual)
        np.add(e, 1.0, out=e)
        np.divide(residual, e, out=residual)  # sigma(u)
        residual *= s  # p - y
        grad[0] += residual.sum()
        grad[1:] += X_block.T @ residual
    if hessian is None:
        return total / m, grad / m
    hessian /= m
    hessian[0, 1:] = hessian[1:, 0]
    return total / m, grad / m, bool(largest_u < 0)


def _workspace(m):
    return np.empty((3, min(m, _BLOCK_ROWS)))


def _penalised_cost_gradient_hessian(X, signs, W, work, l2, hessian=None):
    r""":func:`_cost_gradient_hessian` plus the ridge penalty (never on the intercept).

    Adds :math:`\tfrac{\lambda}{2}\lVert \mathbf{w}\rVert^2` to the cost,
    :math:`\lambda [0, \mathbf{w}]` to the gradient and
    :math:`\lambda \operatorname{diag}(0, 1, \dots, 1)` to the Hessian.
    """
    result = _cost_gradient_hessian(X, signs, W, work, hessian)
    if not l2:
        return result
    penalised_cost, grad = result[0] + l2 / 2 * (W[1:] @ W[1:]), result[1]
    grad[1:] += l2 * W[1:]
    if hessian is not None:
        slopes = np.arange(1, W.shape[0])
        hessian[slopes, slopes] += l2
    return (penalised_cost, grad, *result[2:])


def gradient_descent_path(X, y, alpha=0.01, epochs=30, *, W0=None, seed=None,
                          l2=0.0):
    r"""Batch gradient descent on :func:`cost`, keeping every iterate.

    .. math:: W^{(k+1)} = W^{(k)} - \alpha \, \nabla J(W^{(k)})

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
        Labels 0/1.
    alpha : float, default=0.01
        Learning rate, > 0. With the curvature bound
        :math:`L = \tfrac14 \lambda_{\max}([\mathbf{1}, X]^\top [\mathbf{1}, X] / m)
        + \lambda` (:math:`\lambda` = ``l2``), the descent lemma guarantees that the
        cost never increases when :math:`\alpha \le 2 / L`; :math:`\alpha = 1 / L`
        is the usual safe default.
    epochs : int, default=30
        Number of updates, >= 0.
    W0 : array_like of shape (n + 1,), optional
        Initial weights. By default drawn from
        ``np.random.default_rng(seed).standard_normal(n + 1)``.
    seed : int or numpy.random.Generator, optional
        Seed for the initial weights; the same seed gives the same path.
    l2 : float, default=0.0
        Ridge penalty :math:`\lambda \ge 0`: descends on ``cost(W, X, y, l2=l2)``
        (the intercept is not penalised).

    Returns
    -------
    W_path : ndarray of shape (epochs + 1, n + 1)
        Row ``k`` holds the weights after ``k`` updates.
    cost_path : ndarray of shape (epochs + 1,)
        ``cost_path[k] = cost(W_path[k], X, y, l2=l2)``.
    """
    X = _check_X(X)
    y = _check_y(y, X.shape[0])
    alpha = _check_positive(alpha, "alpha")
    epochs = _check_count(epochs, "epochs")
    l2 = _check_l2(l2)
    W_path = np.empty((epochs + 1, X.shape[1] + 1))
    cost_path = np.empty(epochs + 1)
    W_path[0] = _initial_weights(W0, X.shape[1], seed)
    signs = 1.0 - 2.0 * y
    # inputs validated once; the scratch memory is reused by every epoch
    work = _workspace(X.shape[0])
    for k in range(epochs + 1):
        cost_path[k], grad = _cost_gradient_hessian(X, signs, W_path[k], work)
        if l2:  # ridge penalty (l2 / 2) * ||W[1:]||^2, never on the intercept
            cost_path[k] += l2 / 2 * (W_path[k, 1:] @ W_path[k, 1:])
            grad[1:] += l2 * W_path[k, 1:]
        if k < epochs:
            np.subtract(W_path[k], alpha * grad, out=W_path[k + 1])
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
    """
    W_path, cost_path = gradient_descent_path(X, y, alpha, epochs, W0=W0,
                                              seed=seed, l2=l2)
    cost_history = cost_path[:-1].tolist()
    if verbose:
        for iteration in range(0, len(cost_history), 10):
            print(f"cost:{cost_history[iteration]:.6f} \t "
                  f"iteration: {iteration}")
    return W_path[-1].copy(), cost_history


_MAX_HALVINGS = 40  # damped Newton: shortest step tried is 2**-40 of the full one


def newton(X, y, *, tol=1e-10, max_iter=100, l2=0.0):
    r"""Maximum-likelihood weights by Newton's method (IRLS).

    .. math::

        W^{(k+1)} = W^{(k)} - H^{-1} \nabla J(W^{(k)}), \qquad
        H = \frac{1}{m} [\mathbf{1}, X]^\top S [\mathbf{1}, X] + \lambda D, \quad
        S = \operatorname{diag}\bigl(p_i (1 - p_i)\bigr)

    with :math:`D = \operatorname{diag}(0, 1, \dots, 1)` and :math:`\lambda` =
    ``l2`` (see :func:`hessian`). Starts from :math:`W = 0` and stops when half
    the squared Newton decrement, :math:`\tfrac12 \nabla J^\top H^{-1} \nabla J`
    (an estimate of how far the cost is above its minimum), falls below ``tol``. A step that
    would raise the cost is halved until it does not (damped Newton).

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    tol : float, default=1e-10
    max_iter : int, default=100
    l2 : float, default=0.0
        Ridge penalty :math:`\lambda \ge 0` (see :func:`cost`). With
        :math:`\lambda > 0` the minimum exists and is unique, even for separable data.

    Returns
    -------
    W : ndarray of shape (n + 1,)
    cost_history : list of float
        The cost of every iterate, from the start to the returned ``W``.

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
    X = _check_X(X)
    y = _check_y(y, X.shape[0])
    tol = _check_positive(tol, "tol")
    max_iter = _check_count(max_iter, "max_iter", minimum=1)
    l2 = _check_l2(l2)
    signs = 1.0 - 2.0 * y
    work = _workspace(X.shape[0])
    H = np.empty((X.shape[1] + 1, X.shape[1] + 1))
    W = np.zeros(X.shape[1] + 1)
    step = np.zeros_like(W)
    cost_history = []
    for _ in range(max_iter):
        current_cost, grad, separated = _penalised_cost_gradient_hessian(
            X, signs, W, work, l2, H)
        for _ in range(_MAX_HALVINGS):
            previous = cost_history[-1] if cost_history else np.inf
            if current_cost <= previous * (1 + 1e-13):
                break
            step /= 2  # the full step raised the cost: go back to half of it
            W = W + step
            current_cost, grad, separated = _penalised_cost_gradient_hessian(
                X, signs, W, work, l2, H)
        cost_history.append(float(current_cost))
        if separated and not l2:
            raise PerfectSeparationError(
                "The data are perfectly separable: after "
                f"{len(cost_history) - 1} Newton step(s) the weights classify "
                "every sample correctly, so the cost has no minimiser (scaling "
                "W up always lowers it). Add an L2 penalty (l2 > 0), use "
                "gradient descent with a fixed number of epochs, or collect "
                "overlapping data."
            )
        step = _solve_newton_system(H, grad)
        W = W - step
        if grad @ step / 2 <= tol:
            final_cost = _penalised_cost_gradient_hessian(
                X, signs, W, work, l2)[0]
            cost_history.append(float(final_cost))
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


# ------------------------------------------------------------------ inference


def hessian(W, X, y, *, l2=0.0):
    r"""Hessian (matrix of second derivatives) of :func:`cost` at ``W``.

    .. math::

        \nabla^2 J(W) = \frac{1}{m} [\mathbf{1}, X]^\top S [\mathbf{1}, X]
                        + \lambda \operatorname{diag}(0, 1, \dots, 1), \qquad
        S = \operatorname{diag}\bigl(p_i (1 - p_i)\bigr)

    Positive semi-definite, so the cost is convex. The labels do not appear
    (``y`` is only validated). :func:`newton` solves with it; its inverse gives
    the :func:`standard_errors`.

    Parameters
    ----------
    W : array_like of shape (n + 1,)
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    l2 : float, default=0.0
        Ridge penalty :math:`\lambda \ge 0` (see :func:`cost`).

    Returns
    -------
    ndarray of shape (n + 1, n + 1)
    """
    X = _check_X(X)
    W = _check_W(W, X.shape[1])
    y = _check_y(y, X.shape[0])
    l2 = _check_l2(l2)
    H = np.empty((W.shape[0], W.shape[0]))
    signs = 1.0 - 2.0 * y
    work = _workspace(X.shape[0])
    _penalised_cost_gradient_hessian(X, signs, W, work, l2, H)
    return H


def standard_errors(W, X, y):
    r"""Standard errors of the maximum-likelihood weights.

    .. math::

        \operatorname{se}(\hat w_j)
        = \sqrt{\bigl[([\mathbf{1}, X]^\top S [\mathbf{1}, X])^{-1}\bigr]_{jj}}
        = \sqrt{\bigl[(m \nabla^2 J(\hat W))^{-1}\bigr]_{jj}}

    For large ``m`` the inverse of the observed information (the Hessian of the
    total negative log-likelihood) estimates the covariance of :math:`\hat W`.
    Pass the unpenalised maximum-likelihood weights, e.g. ``newton(X, y)[0]``;
    the result is statsmodels' ``Logit(y, add_constant(X)).fit().bse``.

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


# ----------------------------------------------------------------- prediction


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
    return sigmoid(logits(W, X))


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
    cutoff = 0.0 if threshold == 0.5 else np.log(threshold) - np.log1p(-threshold)
    return (logits(W, X) >= cutoff).astype(int)


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


# --------------------------------------------------------- softmax regression


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
    if l2:  # ridge penalty on W[1:]; the intercepts in row 0 are not penalised
        total += l2 / 2 * float(np.sum(W[1:] ** 2))
        grad[1:] += l2 * W[1:]
    return total, grad


def _check_softmax_problem(W, X, y, name="W"):
    X = _check_X(X)
    W = _check_W_matrix(W, X.shape[1], name=name)
    y = _check_labels(y, X.shape[0])
    if y.max() >= W.shape[1]:
        raise ValueError(
            f"y contains the label {y.max()} but {name} has only {W.shape[1]} columns "
            f"(classes 0 to {W.shape[1] - 1}); one column per class is needed."
        )
    return W, X, y


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
        ``K`` (>= 2); default: the number of columns of ``W0``, else ``max(y) + 1``.
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
    X = _check_X(X)
    y = _check_labels(y, X.shape[0])
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
        W = np.random.default_rng(seed).standard_normal((X.shape[1] + 1, n_classes))
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
    X = _check_X(X)
    W = _check_W_matrix(W, X.shape[1])
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
    X = _check_X(X)
    W = _check_W_matrix(W, X.shape[1])
    return np.argmax(W[0] + X @ W[1:], axis=1).astype(int)


# ----------------------------------------------------------- plotting helpers

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


class GradientDescentExplorer:
    r"""Gradient descent on two-feature data, drawn for any learning rate and epoch.

    Drives the sliders of the book: :meth:`update` trains once per learning rate
    :math:`\alpha` (with :func:`gradient_descent_path` for ``max_epochs`` updates,
    then cached), so moving the epoch only indexes the stored path. The figure is
    built once; an epoch change redraws only the boundary line and the loss curve
    on a saved background (blitting) before encoding the PNG.

    Parameters
    ----------
    X : array_like of shape (m, 2)
    y : array_like of shape (m,)
    max_epochs : int, default=1000
    W0 : array_like of shape (3,), optional
        Initial weights, shared by every learning rate; default
        ``np.random.default_rng(seed).standard_normal(3)``.
    seed : int, optional
    figsize : pair of float, default=(8, 3.2)
    dpi : int, default=72

    Examples
    --------
    >>> from sklearn.datasets import make_blobs
    >>> X, y = make_blobs(n_samples=150, centers=2, n_features=2, random_state=0)
    >>> explorer = GradientDescentExplorer(X, y, max_epochs=100, seed=0)
    >>> png = explorer.update(alpha=0.01, epochs=50)  # PNG bytes of the figure
    """

    def __init__(self, X, y, *, max_epochs=1000, W0=None, seed=None, figsize=(8, 3.2), dpi=72):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.X = _check_X(X)
        self.y = _check_y(y, self.X.shape[0])
        if self.X.shape[1] != 2:
            raise ValueError(
                f"X must have exactly two features to draw a decision boundary; got shape "
                f"{self.X.shape}."
            )
        self.max_epochs = _check_count(max_epochs, "max_epochs")
        self.W0 = _initial_weights(W0, 2, seed)
        self._paths = {}
        self.figure = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        self._canvas = FigureCanvasAgg(self.figure)
        self.data_ax, self.loss_ax = self.figure.subplots(1, 2)
        plot_classes(self.X, self.y, ax=self.data_ax)
        margin = 0.1 * np.ptp(self.X, axis=0)
        self.data_ax.set_xlim(self.X[:, 0].min() - margin[0], self.X[:, 0].max() + margin[0])
        self.data_ax.set_ylim(self.X[:, 1].min() - margin[1], self.X[:, 1].max() + margin[1])
        (self.boundary_line,) = self.data_ax.plot([], [], color="black", linestyle="--",
                                                  linewidth=2, label="decision boundary")
        self.data_ax.legend(loc="upper right", fontsize="small")
        (self.loss_line,) = self.loss_ax.plot([], [], color=CLASS_COLORS[1], linewidth=2)
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
            artist.set_animated(True)  # drawn by _blit only, on top of the saved background
        self._background = None
        self.alpha = self.epochs = None

    def path(self, alpha):
        """``(W_path, cost_path)`` for ``alpha`` over ``max_epochs`` updates, computed once."""
        alpha = _check_positive(alpha, "alpha")
        if alpha not in self._paths:
            self._paths[alpha] = gradient_descent_path(self.X, self.y, alpha, self.max_epochs,
                                                       W0=self.W0)
        return self._paths[alpha]

    def update(self, alpha, epochs):
        """Show the model after ``epochs`` updates with learning rate ``alpha``; return PNG bytes.

        Large learning rates are drawn as they are: oscillating or growing costs
        stay finite (the cost is computed from the logits), and the boundary line
        may leave the plot.
        """
        epochs = _check_count(epochs, "epochs")
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
            self.boundary_line.set_data(x1, decision_boundary(W, x1))
        elif W[1] != 0:  # vertical boundary x1 = -W0 / W1
            self.boundary_line.set_data([-W[0] / W[1]] * 2, self.data_ax.get_ylim())
        else:
            self.boundary_line.set_data([], [])
        epochs_so_far = np.arange(epochs + 1)
        self.loss_line.set_data(epochs_so_far, cost_path[: epochs + 1])
        self.current_point.set_data([epochs], [cost_path[epochs]])
        self.status.set_text(f"epoch {epochs}\ncost {cost_path[epochs]:.4f}")
        return self._blit()

    def _blit(self):
        from io import BytesIO

        from PIL import Image

        self._canvas.restore_region(self._background)
        for artist in self._animated:
            artist.axes.draw_artist(artist)
        buffer = BytesIO()
        # compress_level=1: about twice as fast as the default for the same size class
        Image.frombuffer("RGBA", self._canvas.get_width_height(),
                         self._canvas.buffer_rgba()).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def widget(self, alpha=0.01, epochs=100):
        """Sliders for ``alpha`` and ``epochs`` and the figure, for a running kernel.

        Returns
        -------
        ipywidgets.VBox
        """
        import ipywidgets as widgets

        alpha_slider = widgets.FloatLogSlider(value=alpha, base=10, min=-4, max=1, step=0.25,
                                              description="alpha", readout_format=".4g")
        epochs_slider = widgets.IntSlider(value=epochs, min=0, max=self.max_epochs,
                                          step=10, description="epochs")
        image = widgets.Image(value=self.update(alpha, epochs), format="png")

        def on_change(_):
            image.value = self.update(alpha_slider.value, epochs_slider.value)

        alpha_slider.observe(on_change, names="value")
        epochs_slider.observe(on_change, names="value")
        return widgets.VBox([widgets.HBox([alpha_slider, epochs_slider]), image])

    @staticmethod
    def _palette_png(png, colors):
        """Re-encode PNG bytes with a palette of ``colors`` colours (about 3x smaller)."""
        from io import BytesIO

        from PIL import Image

        buffer = BytesIO()
        image = Image.open(BytesIO(png)).convert("RGB")
        image.quantize(colors, method=Image.Quantize.MEDIANCUT).save(buffer, format="png",
                                                                      optimize=True)
        return buffer.getvalue()

    def static_widget(self, alphas, checkpoints, *, colors=64):
        """The explorer for a page without a kernel: every state pre-rendered.

        One image per (alpha, checkpoint), each an ``<img>`` with alt text in an
        ``HTML`` widget, in nested ``Stack`` widgets whose ``selected_index``
        follows the sliders through ``jslink``, which runs in the browser.
        The images are palette PNGs of ``colors`` colours (about 8 kB each at the
        default size instead of about 25 kB), and all the image widgets share one
        layout and one style model, so a 7 x 11 grid adds under 1 MB to a page.

        Returns
        -------
        ipywidgets.VBox
        """
        import base64

        import ipywidgets as widgets
        from ipywidgets.widgets.widget_string import HTMLStyle  # not exported at the top

        checkpoints = [_check_count(c, "checkpoints") for c in checkpoints]
        alpha_slider = widgets.SelectionSlider(options=[(f"{a:g}", a) for a in alphas],
                                               description="alpha")
        epochs_slider = widgets.SelectionSlider(options=checkpoints, description="epochs")
        # one layout and one style for every image: the page stores each model once
        shared = {"layout": widgets.Layout(), "style": HTMLStyle()}
        per_alpha = []
        for alpha in alphas:
            images = []
            for epochs in checkpoints:
                png = self._palette_png(self.update(alpha, epochs), colors)
                png = base64.b64encode(png).decode("ascii")
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


# -------------------------------------------------------------- self-checks


def check_answer(answer, expected, *, name="your answer", rtol=1e-6, atol=1e-8):
    """Compare an exercise answer with the expected value and say in words what differs.

    For the self-check cells of the exercises: prints one friendly line (or a few)
    and returns ``True`` when the answer is right, ``False`` otherwise. It never
    raises, so an unfinished exercise does not stop the notebook.

    Parameters
    ----------
    answer : float, array_like or None
        The student's value (``...`` or ``None`` mean "not answered yet").
    expected : float or array_like
    name : str, default="your answer"
        How to call the answer in the messages.
    rtol, atol : float
        Tolerances, as in ``numpy.isclose``.

    Returns
    -------
    bool

    Examples
    --------
    >>> check_answer([1.0, -2.0], [1.0, 2.0], name="your gradient")
    Not yet: your gradient has the wrong sign in component 1 (got -2, expected 2).
    False
    """
    if answer is None or answer is Ellipsis:
        print("Not answered yet: replace the ... with your code, then run this cell again.")
        return False
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        print(f"Not yet: {name} should be a number or an array of numbers; "
              f"got {type(answer).__name__}.")
        return False
    want = np.asarray(expected, dtype=float)
    if got.shape != want.shape:
        print(f"Not yet: {name} has shape {got.shape}, expected shape {want.shape}.")
        return False
    if np.isnan(got).any():
        print(f"Not yet: {name} contains NaN; look for 0/0, log(0) or inf - inf.")
        return False
    close = np.isclose(got, want, rtol=rtol, atol=atol)
    if close.all():
        print(f"Correct: {name} matches the expected value.")
        return True
    got_flat, want_flat = got.ravel(), want.ravel()
    messages = []
    for index in np.flatnonzero(~close.ravel())[:5]:
        g, w = got_flat[index], want_flat[index]
        where = f" in component {index}" if want.ndim else ""
        if np.isclose(-g, w, rtol=rtol, atol=atol):
            messages.append(f"{name} has the wrong sign{where} (got {g:.4g}, expected {w:.4g}).")
        else:
            messages.append(f"{name} is off{where}: got {g:.4g}, expected {w:.4g}.")
    remaining = int((~close).sum()) - len(messages)
    if remaining > 0:
        messages.append(f"... and {remaining} more component(s) differ.")
    print("Not yet: " + "\n         ".join(messages))
    return False


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
        X = _check_X(X)
        W = _check_W(W, X.shape[1])
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


# ------------------------------------------------------------------ estimator


def _gradient_descent(X, y, alpha, max_iter, tol, W0, l2):
    """Gradient descent on validated input until ``max |grad| < tol``.

    Returns ``(W, costs, converged)``; ``costs`` holds the cost of every iterate,
    from ``W0`` to the returned ``W``.
    """
    signs = 1.0 - 2.0 * y
    work = _workspace(X.shape[0])
    W = W0.copy()
    costs = []
    for iteration in range(max_iter + 1):
        current_cost, grad = _penalised_cost_gradient_hessian(X, signs, W, work, l2)
        costs.append(float(current_cost))
        if np.abs(grad).max() < tol:
            return W, costs, True
        if iteration < max_iter:
            W -= alpha * grad
    return W, costs, False


def _estimator_initial_weights(random_state, n_features):
    """Standard-normal initial weights from a seed, Generator or RandomState."""
    if isinstance(random_state, np.random.RandomState):
        return random_state.standard_normal(n_features + 1)
    try:
        return _initial_weights(None, n_features, random_state)
    except (TypeError, ValueError) as error:
        raise TypeError(
            "random_state must be None, a non-negative int, a numpy.random.Generator or a "
            f"numpy.random.RandomState; got {random_state!r}."
        ) from error


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
                 random_state=None):
        self.solver = solver
        self.alpha = alpha
        self.max_iter = max_iter
        self.tol = tol
        self.l2 = l2
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False  # fit raises ValueError for > 2 classes
        return tags

    def fit(self, X, y):
        """Fit the weights to training data.

        Parameters
        ----------
        X : array_like of shape (m, n)
        y : array_like of shape (m,)
            Exactly two distinct labels, of any type.

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
        if self.solver == "gd":
            W0 = _estimator_initial_weights(self.random_state, X.shape[1])
            W, costs, converged = _gradient_descent(X, labels, alpha, max_iter, tol, W0, l2)
            if not converged:
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
                W, costs = newton(X, labels, tol=tol, max_iter=max_iter, l2=l2)
            except (PerfectSeparationError, SingularHessianError) as error:
                raise type(error)(
                    f"{error} In LogisticRegressionGD: set l2 > 0 (e.g. l2=1e-4) or use "
                    "solver='gd'."
                ) from error
            final_cost = float(_penalised_cost_gradient_hessian(
                X, 1.0 - 2.0 * labels, W, _workspace(X.shape[0]), l2)[0])
            if costs[-1] != final_cost:  # stopped at max_iter: the history ends one step early
                costs.append(final_cost)
        self.coef_ = W[1:].reshape(1, -1).copy()
        self.intercept_ = W[:1].copy()
        self.classes_ = classes
        self.n_iter_ = len(costs) - 1
        self.loss_curve_ = costs
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
