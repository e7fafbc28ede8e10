"""Tests of the issue-6 additions to logreg_core: the L2 penalty, the Hessian and standard
errors, and softmax regression, against scikit-learn, statsmodels, SciPy and finite
differences. Every test is seeded."""

import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

import logreg_core as lc
from synthetic_data import SEED, make_data, separable_data


def make_multiclass(m=300, n=3, K=4, seed=SEED, scale=1.0):
    """Overlapping classes drawn from a known softmax model."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n))
    true_W = rng.standard_normal((n + 1, K)) * scale
    P = lc.softmax(true_W[0] + X @ true_W[1:])
    y = np.array([rng.choice(K, p=p) for p in P])
    return X, y


def sklearn_weights(model):
    return np.concatenate([model.intercept_, model.coef_[0]])


def lipschitz_bound(X, l2=0.0):
    X1 = lc.add_intercept(X)
    return np.linalg.eigvalsh(X1.T @ X1 / X.shape[0])[-1] / 4 + l2


# ------------------------------------------------------------------ L2 penalty


def test_the_penalty_adds_half_l2_times_the_squared_slopes_and_spares_the_intercept():
    X, y = make_data()
    W = np.array([3.0, -0.5, 0.8, 0.1])
    l2 = 0.3
    assert lc.cost(W, X, y, l2=l2) == pytest.approx(
        lc.cost(W, X, y) + l2 / 2 * (0.25 + 0.64 + 0.01), rel=1e-14)
    expected = lc.gradient(W, X, y) + l2 * np.array([0.0, -0.5, 0.8, 0.1])
    np.testing.assert_allclose(lc.gradient(W, X, y, l2=l2), expected, rtol=1e-14)
    assert lc.cost(W, X, y, l2=0.0) == lc.cost(W, X, y)
    np.testing.assert_array_equal(lc.gradient(W, X, y, l2=0.0), lc.gradient(W, X, y))


@settings(max_examples=40, deadline=None, derandomize=True)
@given(hnp.arrays(np.float64, 4, elements=st.floats(-3, 3)), st.floats(0.0, 10.0))
def test_penalised_gradient_equals_central_differences(W, l2):
    X, y = make_data(m=40)
    numeric = lc.numerical_gradient(lambda w: lc.cost(w, X, y, l2=l2), W)
    np.testing.assert_allclose(lc.gradient(W, X, y, l2=l2), numeric, rtol=1e-6,
                               atol=1e-7 * (1 + l2))


@pytest.mark.parametrize("C", [0.01, 0.1, 1.0, 100.0])
def test_newton_with_l2_matches_sklearn_C(C):
    X, y = make_data(m=300, n=4)
    l2 = 1 / (C * X.shape[0])
    W, history = lc.newton(X, y, l2=l2)
    reference = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(W, sklearn_weights(reference), rtol=1e-5)
    assert history[-1] == pytest.approx(lc.cost(W, X, y, l2=l2), rel=1e-13)
    np.testing.assert_allclose(lc.gradient(W, X, y, l2=l2), 0, atol=1e-10)


@pytest.mark.parametrize("C", [0.01, 1.0])
def test_gradient_descent_with_l2_matches_sklearn_C(C):
    X, y = make_data(m=300, n=4)
    l2 = 1 / (C * X.shape[0])
    alpha = 1 / lipschitz_bound(X, l2)
    W, _ = lc.logistic_regression(X, y, alpha=alpha, epochs=4000, seed=0, l2=l2)
    reference = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(W, sklearn_weights(reference), rtol=1e-5)


def test_gradient_descent_path_records_the_penalised_cost_of_every_row():
    X, y = make_data(m=50, n=2)
    W_path, cost_path = lc.gradient_descent_path(X, y, alpha=0.2, epochs=6, seed=1, l2=0.5)
    for k in range(6):
        expected = W_path[k] - 0.2 * lc.gradient(W_path[k], X, y, l2=0.5)
        np.testing.assert_allclose(W_path[k + 1], expected, rtol=1e-13, atol=1e-15)
        assert cost_path[k] == pytest.approx(lc.cost(W_path[k], X, y, l2=0.5), rel=1e-13)
    unpenalised = lc.gradient_descent_path(X, y, alpha=0.2, epochs=6, seed=1)
    explicit_zero = lc.gradient_descent_path(X, y, alpha=0.2, epochs=6, seed=1, l2=0.0)
    np.testing.assert_array_equal(unpenalised[0], explicit_zero[0])
    np.testing.assert_array_equal(unpenalised[1], explicit_zero[1])


def test_the_penalty_shrinks_the_slopes_but_not_the_intercept():
    X, y = make_data(m=400, n=3)
    y = np.where(np.arange(400) < 360, 1, y)  # mostly ones: a large intercept
    norms, intercepts = [], []
    for l2 in (0.0, 0.1, 1.0, 100.0):
        W, _ = lc.newton(X, y, l2=l2)
        norms.append(np.linalg.norm(W[1:]))
        intercepts.append(W[0])
    assert np.all(np.diff(norms) < 0)
    assert norms[-1] < 1e-2
    # with the slopes gone the intercept is the log-odds of the base rate, not 0
    assert intercepts[-1] == pytest.approx(np.log(y.mean() / (1 - y.mean())), rel=1e-2)


def test_newton_with_l2_fits_separable_data_like_sklearn():
    X, y = separable_data()
    for l2 in (1e-1, 1e-3, 1e-6):
        W, history = lc.newton(X, y, l2=l2)
        reference = LogisticRegression(C=1 / (l2 * len(y)), tol=1e-12, max_iter=100_000)
        np.testing.assert_allclose(W, sklearn_weights(reference.fit(X, y)), rtol=1e-5)
        assert np.all(np.diff(history) <= 1e-15)
    with pytest.raises(lc.PerfectSeparationError, match="separable"):
        lc.newton(X, y)


def test_newton_damps_steps_that_would_raise_the_cost(monkeypatch):
    # an outlier far out: here a full Newton step sometimes overshoots
    X = np.array([[-1963.08, 13456.68], [191.89, 124.06], [-118.55, -122.92],
                  [-135.74, -158.07], [96.93, 153.68], [-48.41, 144.12], [82.21, 25.34],
                  [-68.87, 22.16], [257.85, -36.0]])
    y = np.array([1, 1, 0, 1, 1, 1, 1, 1, 1])
    l2 = 1e-6
    W, history = lc.newton(X, y, l2=l2)
    assert np.all(np.diff(history) <= 0)
    reference = LogisticRegression(C=1 / (l2 * len(y)), tol=1e-12, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(W, sklearn_weights(reference), rtol=1e-5)
    monkeypatch.setattr(lc, "_MAX_HALVINGS", 0)  # plain Newton: the cost goes up on the way
    _, undamped = lc.newton(X, y, l2=l2)
    assert np.any(np.diff(undamped) > 0)


def test_convergence_warning_is_also_scikit_learns():
    from sklearn.exceptions import ConvergenceWarning

    assert issubclass(lc.ConvergenceWarning, ConvergenceWarning)
    assert issubclass(lc.ConvergenceWarning, RuntimeWarning)


@pytest.mark.parametrize(
    ("l2", "error", "message"),
    [(-0.1, ValueError, "l2 must be a non-negative finite number"),
     (float("nan"), ValueError, "l2 must be a non-negative finite number"),
     (float("inf"), ValueError, "l2 must be a non-negative finite number"),
     ("0.1", TypeError, "l2 must be a non-negative real number"),
     (None, TypeError, "l2 must be a non-negative real number"),
     (True, TypeError, "l2 must be a non-negative real number")],
)
def test_bad_l2_is_rejected_with_a_message_naming_it(l2, error, message):
    X, y = make_data(m=20, n=2)
    W = np.zeros(3)
    for function in (
        lambda: lc.cost(W, X, y, l2=l2),
        lambda: lc.gradient(W, X, y, l2=l2),
        lambda: lc.gradient_descent_path(X, y, l2=l2),
        lambda: lc.logistic_regression(X, y, l2=l2),
        lambda: lc.newton(X, y, l2=l2),
        lambda: lc.hessian(W, X, y, l2=l2),
        lambda: lc.softmax_cost(np.zeros((3, 2)), X, y, l2=l2),
        lambda: lc.softmax_gradient(np.zeros((3, 2)), X, y, l2=l2),
        lambda: lc.softmax_gradient_descent(X, y, l2=l2),
    ):
        with pytest.raises(error, match=message):
            function()


# ------------------------------------------------------------------- inference


@pytest.mark.parametrize("l2", [0.0, 0.7])
def test_hessian_equals_central_differences_of_the_gradient(l2):
    X, y = make_data(m=80, n=3)
    W = np.array([0.3, -1.2, 0.8, 2.0])
    H = lc.hessian(W, X, y, l2=l2)
    numeric = np.array([
        lc.numerical_gradient(lambda w, j=j: lc.gradient(w, X, y, l2=l2)[j], W)
        for j in range(4)
    ])
    np.testing.assert_allclose(H, numeric, rtol=1e-6, atol=1e-9)
    np.testing.assert_array_equal(H, H.T)
    assert np.linalg.eigvalsh(H)[0] > 0


def test_hessian_matches_the_matrix_formula():
    X, y = make_data(m=60, n=2)
    W = np.array([0.5, 1.0, -2.0])
    X1 = lc.add_intercept(X)
    p = lc.predict_proba(W, X)
    expected = X1.T @ (X1 * (p * (1 - p))[:, None]) / 60 + 0.2 * np.diag([0.0, 1.0, 1.0])
    np.testing.assert_allclose(lc.hessian(W, X, y, l2=0.2), expected, rtol=1e-13)


def test_standard_errors_match_statsmodels():
    import statsmodels.api as sm

    X, y = make_data(m=500, n=4)
    W, _ = lc.newton(X, y)
    fit = sm.Logit(y, sm.add_constant(X)).fit(disp=0, method="newton", tol=1e-12)
    np.testing.assert_allclose(lc.standard_errors(W, X, y), fit.bse, rtol=1e-4)
    np.testing.assert_allclose(lc.standard_errors(fit.params, X, y), fit.bse, rtol=1e-10)


def test_standard_errors_explain_duplicated_features():
    X, y = make_data(n=2)
    X = np.column_stack([X, X[:, 1]])
    with pytest.raises(lc.SingularHessianError, match="duplicated"):
        lc.standard_errors(np.zeros(4), X, y)


def test_hessian_and_standard_errors_validate_their_inputs():
    X, y = make_data(m=20, n=2)
    with pytest.raises(ValueError, match=r"W must be a vector of length n_features \+ 1 = 3"):
        lc.hessian([0.0, 1.0], X, y)
    with pytest.raises(ValueError, match="y must contain only the labels 0 and 1"):
        lc.standard_errors(np.zeros(3), X, y + 1)
    with pytest.raises(ValueError, match="X must be 2-D"):
        lc.standard_errors(np.zeros(2), X[:, 0], y)


# --------------------------------------------------------------------- softmax


def test_softmax_matches_scipy_and_rows_sum_to_one():
    Z = np.random.default_rng(SEED).standard_normal((50, 4)) * 10
    P = lc.softmax(Z)
    np.testing.assert_allclose(P, scipy.special.softmax(Z, axis=1), rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_allclose(lc.softmax(Z[0]), P[0], rtol=1e-15)  # one 1-D row


def test_softmax_of_huge_logits_is_exact_and_warning_free():
    Z = np.array([[1e300, -1e300, 0.0],
                  [-np.finfo(float).max, np.finfo(float).max, 0.0],
                  [1e4, 1e4, -1e4],
                  [-1e4, -1e4, -1e4]])
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        P = lc.softmax(Z)
        W = np.array([[0.0, 0.0, 0.0], [1e3, -1e3, 0.0]])
        X = np.array([[1e3], [-1e3]])
        cost = lc.softmax_cost(W, X, [1, 0])  # confidently wrong: cost 2e6 for each
        grad = lc.softmax_gradient(W, X, [1, 0])
    np.testing.assert_array_equal(P, [[1, 0, 0], [0, 1, 0], [0.5, 0.5, 0], [1 / 3] * 3])
    assert cost == pytest.approx(2e6)
    assert np.isfinite(grad).all()


@settings(deadline=None, derandomize=True)
@given(hnp.arrays(np.float64, (5, 3), elements=st.floats(-1e3, 1e3)), st.floats(-1e3, 1e3))
def test_softmax_is_invariant_to_adding_a_constant_to_a_row(Z, c):
    np.testing.assert_allclose(lc.softmax(Z + c), lc.softmax(Z), atol=1e-12)


def test_two_class_softmax_is_the_sigmoid_of_the_difference():
    X, y = make_data(m=100, n=2)
    w = np.array([0.4, -1.0, 2.0])
    W = np.column_stack([np.zeros(3), w])
    np.testing.assert_allclose(lc.softmax_predict_proba(W, X)[:, 1], lc.predict_proba(w, X),
                               rtol=1e-14)
    assert lc.softmax_cost(W, X, y) == pytest.approx(lc.cost(w, X, y), rel=1e-13)
    np.testing.assert_array_equal(lc.softmax_predict(W, X), lc.predict(w, X))


def test_softmax_cost_matches_sklearn_log_loss_and_the_penalty():
    X, y = make_multiclass()
    W = np.random.default_rng(1).standard_normal((4, 4))
    P = lc.softmax_predict_proba(W, X)
    assert lc.softmax_cost(W, X, y) == pytest.approx(log_loss(y, P), rel=1e-12)
    assert lc.softmax_cost(W, X, y, l2=0.3) == pytest.approx(
        log_loss(y, P) + 0.15 * np.sum(W[1:] ** 2), rel=1e-12)


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.integers(0, 10_000), st.sampled_from([0.0, 0.5]), st.integers(2, 5))
def test_softmax_gradient_equals_central_differences_of_the_flattened_weights(seed, l2, K):
    X, y = make_multiclass(m=30, n=2, K=K, seed=seed)
    W = np.random.default_rng(seed).standard_normal((3, K))
    numeric = lc.numerical_gradient(
        lambda w: lc.softmax_cost(w.reshape(3, K), X, y, l2=l2), W.ravel())
    grad = lc.softmax_gradient(W, X, y, l2=l2)
    assert grad.shape == (3, K)
    np.testing.assert_allclose(grad.ravel(), numeric, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(grad[0].sum(), 0, atol=1e-14)  # P - Y rows sum to 0


def test_softmax_fit_with_l2_matches_sklearn_multinomial_C():
    X, y = make_multiclass(m=300, n=3, K=4)
    C = 0.5
    l2 = 1 / (C * len(y))
    W, history = lc.softmax_gradient_descent(X, y, alpha=2.0, epochs=6000, seed=0, l2=l2)
    reference = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(lc.softmax_predict_proba(W, X), reference.predict_proba(X),
                               rtol=1e-5)
    # the penalty fixes the slopes (their class sums go to 0, as in scikit-learn); the
    # unpenalised intercepts are unique only up to a common shift
    np.testing.assert_allclose(W[1:].T, reference.coef_, rtol=1e-5, atol=1e-8)
    np.testing.assert_allclose(W[0] - W[0].mean(),
                               reference.intercept_ - reference.intercept_.mean(), rtol=1e-5)
    assert np.all(np.diff(history) <= 1e-15)


def test_unpenalised_softmax_fit_gives_sklearns_probabilities():
    X, y = make_multiclass(m=400, n=2, K=3, seed=7)
    W, _ = lc.softmax_gradient_descent(X, y, alpha=2.0, epochs=6000, seed=0)
    reference = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    # the weights differ by a shift common to all classes: compare what is identifiable
    np.testing.assert_allclose(lc.softmax_predict_proba(W, X), reference.predict_proba(X),
                               rtol=1e-5)
    np.testing.assert_array_equal(lc.softmax_predict(W, X), reference.predict(X))
    centred = W - W.mean(axis=1, keepdims=True)
    reference_W = np.vstack([reference.intercept_, reference.coef_.T])
    np.testing.assert_allclose(centred, reference_W - reference_W.mean(axis=1, keepdims=True),
                               rtol=1e-5, atol=1e-8)


def test_softmax_gradient_descent_steps_seeds_and_classes():
    X, y = make_multiclass(m=60, n=2, K=3)
    W0 = np.random.default_rng(5).standard_normal((3, 3))
    W, history = lc.softmax_gradient_descent(X, y, alpha=0.3, epochs=2, W0=W0)
    W1 = W0 - 0.3 * lc.softmax_gradient(W0, X, y)
    np.testing.assert_allclose(W, W1 - 0.3 * lc.softmax_gradient(W1, X, y), rtol=1e-13)
    assert history == pytest.approx([lc.softmax_cost(W0, X, y), lc.softmax_cost(W1, X, y)])
    first = lc.softmax_gradient_descent(X, y, epochs=5, seed=3)
    second = lc.softmax_gradient_descent(X, y, epochs=5, seed=3)
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[0], lc.softmax_gradient_descent(
        X, y, epochs=5, W0=np.random.default_rng(3).standard_normal((3, 3)))[0])
    W_absent, _ = lc.softmax_gradient_descent(X, y, epochs=5, seed=3, n_classes=5)
    assert W_absent.shape == (3, 5)
    assert lc.softmax_predict(W, X).dtype.kind == "i"
    np.testing.assert_array_equal(lc.softmax_predict(W, X),
                                  lc.softmax_predict_proba(W, X).argmax(axis=1))


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        pytest.param(lambda X, y: lc.softmax(np.zeros((2, 2, 2))), ValueError,
                     r"Z must be a non-empty 2-D array.*got shape \(2, 2, 2\)", id="Z-3d"),
        pytest.param(lambda X, y: lc.softmax([[0.0, np.nan]]), ValueError,
                     "Z contains NaN", id="Z-nan"),
        pytest.param(lambda X, y: lc.softmax("abc"), TypeError, "Z must be array-like",
                     id="Z-string"),
        pytest.param(lambda X, y: lc.softmax_cost(np.zeros((2, 3)), X, y), ValueError,
                     r"W must be a matrix of shape \(n_features \+ 1, n_classes\) = \(3, K\)",
                     id="W-rows"),
        pytest.param(lambda X, y: lc.softmax_gradient(np.zeros(3), X, y), ValueError,
                     "W must be a matrix of shape", id="W-vector"),
        pytest.param(lambda X, y: lc.softmax_predict(np.zeros((3, 1)), X), ValueError,
                     "with K >= 2", id="W-one-class"),
        pytest.param(lambda X, y: lc.softmax_cost(np.zeros((3, 2)), X, y), ValueError,
                     "y contains the label 2 but W has only 2 columns", id="y-too-many-classes"),
        pytest.param(lambda X, y: lc.softmax_cost(np.zeros((3, 3)), X, y - 1), ValueError,
                     "y must hold the class labels 0, 1, ..., K - 1.*found -1", id="y-negative"),
        pytest.param(lambda X, y: lc.softmax_cost(np.zeros((3, 3)), X, y + 0.5), ValueError,
                     "found 0.5, 1.5, 2.5", id="y-fractional"),
        pytest.param(lambda X, y: lc.softmax_cost(np.zeros((3, 3)), X, y[:-1]), ValueError,
                     "y has 29 labels but X has 30 rows", id="y-length"),
        pytest.param(lambda X, y: lc.softmax_cost(np.zeros((3, 3)), X, y[:, None]), ValueError,
                     r"y must be 1-D.*y.ravel\(\)", id="y-column"),
        pytest.param(lambda X, y: lc.softmax_gradient_descent(X, y, n_classes=2), ValueError,
                     "only 2 classes.*check y or n_classes", id="n-classes-too-small"),
        pytest.param(lambda X, y: lc.softmax_gradient_descent(X, y, n_classes=1), ValueError,
                     "n_classes must be an integer >= 2", id="n-classes-one"),
        pytest.param(lambda X, y: lc.softmax_gradient_descent(X, y, n_classes=4,
                                                              W0=np.zeros((3, 3))),
                     ValueError, "n_classes=4 but W0 has 3 columns", id="n-classes-vs-W0"),
        pytest.param(lambda X, y: lc.softmax_gradient_descent(X, y, W0=np.zeros((2, 3))),
                     ValueError, "W0 must be a matrix of shape", id="W0-shape"),
        pytest.param(lambda X, y: lc.softmax_gradient_descent(X, 0 * y), ValueError,
                     "only the label 0.*at least two classes", id="y-one-class"),
        pytest.param(lambda X, y: lc.softmax_gradient_descent(X, y, alpha=0), ValueError,
                     "alpha must be a positive", id="alpha"),
        pytest.param(lambda X, y: lc.softmax_gradient_descent(X, y, epochs=-1), ValueError,
                     "epochs must be an integer >= 0", id="epochs"),
        pytest.param(lambda X, y: lc.softmax_predict_proba(np.zeros((3, 3)), X[:, 0]),
                     ValueError, "X must be 2-D", id="X-1d"),
    ],
)
def test_softmax_bad_input_is_rejected_with_a_message_naming_the_argument(call, error,
                                                                         message):
    X, y = make_multiclass(m=30, n=2, K=3)
    y = np.arange(30) % 3  # every class present
    with pytest.raises(error, match=message):
        call(X, y)
