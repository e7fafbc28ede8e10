"""The numerics of logreg_core, in the order of the module's sections: the model, the cost,
the gradient, gradient descent and second order (the Hessian, Newton's method, standard
errors).

Checked against oracles (SciPy, scikit-learn, statsmodels, finite differences) and
properties (hypothesis). Every test is seeded. Bad inputs are in test_validation.py,
softmax regression in test_softmax.py, the estimator in test_estimator.py.
"""

import copy
import warnings

import numpy as np
import pytest
import scipy.optimize
import scipy.special
import sklearn.exceptions
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.datasets import make_blobs
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

import logreg_core as lc
from support import SEED, make_data, separable_data

floats = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


@st.composite
def datasets(draw, max_m=25, max_n=4):
    m = draw(st.integers(1, max_m))
    n = draw(st.integers(1, max_n))
    X = draw(hnp.arrays(np.float64, (m, n), elements=st.floats(-10, 10)))
    y = draw(hnp.arrays(np.int64, m, elements=st.integers(0, 1)))
    W = draw(hnp.arrays(np.float64, n + 1, elements=st.floats(-5, 5)))
    return X, y, W


def lipschitz_bound(X, l2=0.0):
    """The book's L: a quarter of the largest eigenvalue of [1, X]^T [1, X] / m, plus l2."""
    X1 = lc.add_intercept(X)
    return np.linalg.eigvalsh(X1.T @ X1 / X.shape[0])[-1] / 4 + l2


def sklearn_weights(model):
    """[intercept, slopes] of a fitted binary scikit-learn LogisticRegression."""
    return np.concatenate([model.intercept_, model.coef_[0]])


# ------------------------------------------------------------- 1. the model


def test_sigmoid_matches_scipy_expit_over_the_whole_float_range():
    z = np.concatenate([np.linspace(-800, 800, 20001), [-1e300, -1e4, 0.0, 1e4, 1e300]])
    # below the normal range expit rounds to 0 where the true value is a subnormal
    np.testing.assert_allclose(lc.sigmoid(z), scipy.special.expit(z), rtol=4e-16,
                               atol=np.finfo(float).tiny)


def test_sigmoid_of_extreme_logits_raises_no_floating_point_warning():
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        assert lc.sigmoid(-1e4) == 0.0
        assert lc.sigmoid(1e4) == 1.0
        assert lc.sigmoid(np.finfo(float).max) == 1.0
        assert lc.sigmoid(-np.finfo(float).max) == 0.0


def test_sigmoid_of_a_scalar_is_a_python_float():
    assert type(lc.sigmoid(0)) is float
    assert lc.sigmoid(0) == 0.5
    assert isinstance(lc.sigmoid([0.0]), np.ndarray)


@given(hnp.arrays(np.float64, st.integers(1, 50), elements=floats))
def test_sigmoid_is_bounded_and_symmetric(z):
    p = lc.sigmoid(z)
    assert np.all((p >= 0) & (p <= 1))
    np.testing.assert_allclose(lc.sigmoid(-z), 1 - p, rtol=0, atol=2 * np.finfo(float).eps)


@given(floats, floats)
def test_sigmoid_is_monotone(a, b):
    low, high = min(a, b), max(a, b)
    assert lc.sigmoid(low) <= lc.sigmoid(high)


def test_logits_match_the_intercept_column_form():
    X, y = make_data()
    W = np.array([0.3, -0.5, 0.8, 0.1])
    np.testing.assert_allclose(lc.logits(W, X), lc.add_intercept(X) @ W, rtol=1e-14)
    assert lc.add_intercept(X).shape == (X.shape[0], X.shape[1] + 1)
    np.testing.assert_array_equal(lc.add_intercept(X)[:, 0], 1.0)


def test_predict_uses_the_sign_of_the_logit_where_the_probability_rounds_to_one_half():
    X = np.array([[1e-20], [-1e-20]])
    W = [0.0, 1.0]
    np.testing.assert_array_equal(lc.predict_proba(W, X), [0.5, 0.5])
    np.testing.assert_array_equal(lc.predict(W, X), [1, 0])


def test_predict_with_a_threshold_agrees_with_the_probabilities():
    X, y = make_data()
    W = np.array([0.3, -0.5, 0.8, 0.1])
    p = lc.predict_proba(W, X)
    for threshold in (0.1, 0.3, 0.5, 0.9):
        np.testing.assert_array_equal(lc.predict(W, X, threshold), (p >= threshold).astype(int))
    assert lc.predict(W, X).dtype.kind == "i"


def test_decision_boundary_is_where_the_probability_is_one_half():
    W = np.array([0.5, 2.0, -1.5])
    x1 = np.linspace(-3, 3, 7)
    x2 = lc.decision_boundary(W, x1)
    np.testing.assert_allclose(lc.predict_proba(W, np.column_stack([x1, x2])), 0.5, atol=1e-15)
    assert type(lc.decision_boundary(W, 1.0)) is float


# -------------------------------------------------------------- 2. the cost


def test_cost_matches_sklearn_log_loss():
    X, y = make_data()
    W = np.array([0.3, -0.5, 0.8, 0.1])
    p = lc.predict_proba(W, X)
    assert lc.cost(W, X, y) == pytest.approx(log_loss(y, p), rel=1e-12)


def test_cost_is_finite_for_confidently_wrong_predictions():
    X = np.array([[1.0], [1.0]])
    y = np.array([0, 1])
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        # z = +1000 for a 0 label and z = -1000 for a 1 label: each costs 1000
        assert lc.cost([0.0, 1000.0], X[:1], y[:1]) == pytest.approx(1000.0)
        assert lc.cost([0.0, -1000.0], X[1:], y[1:]) == pytest.approx(1000.0)
        assert lc.cost([0.0, 1000.0], X, y) == pytest.approx(500.0)


def test_cost_of_the_zero_model_is_log_2():
    X, y = make_data()
    assert lc.cost(np.zeros(4), X, y) == pytest.approx(np.log(2), rel=1e-15)


@given(datasets(), st.randoms(use_true_random=False))
def test_cost_is_non_negative_and_invariant_to_row_order(data, random):
    X, y, W = data
    order = list(range(len(y)))
    random.shuffle(order)
    J = lc.cost(W, X, y)
    assert J >= 0
    assert lc.cost(W, X[order], y[order]) == pytest.approx(J, rel=1e-12, abs=1e-300)


def test_the_penalty_adds_half_l2_times_the_squared_slopes_to_the_cost():
    X, y = make_data()
    W = np.array([3.0, -0.5, 0.8, 0.1])
    l2 = 0.3
    assert lc.cost(W, X, y, l2=l2) == pytest.approx(
        lc.cost(W, X, y) + l2 / 2 * (0.25 + 0.64 + 0.01), rel=1e-14)
    assert lc.cost(W, X, y, l2=0.0) == lc.cost(W, X, y)


# ---------------------------------------------------------- 3. the gradient


def test_gradient_matches_the_formula_and_scipy_check_grad():
    X, y = make_data()
    W = np.array([0.3, -0.5, 0.8, 0.1])
    residual = scipy.special.expit(W[0] + X @ W[1:]) - y
    expected = np.concatenate([[residual.sum()], X.T @ residual]) / len(y)
    np.testing.assert_allclose(lc.gradient(W, X, y), expected, rtol=1e-13)
    error = scipy.optimize.check_grad(
        lambda w: lc.cost(w, X, y), lambda w: lc.gradient(w, X, y), W
    )
    assert error < 1e-7


@settings(max_examples=60)
@given(datasets())
def test_gradient_equals_central_differences(data):
    X, y, W = data
    numeric = lc.numerical_gradient(lambda w: lc.cost(w, X, y), W, eps=1e-6)
    # central differences: error O(eps^2 * J''') plus rounding O(eps_machine * J / eps)
    scale = 1 + lc.cost(W, X, y)
    np.testing.assert_allclose(lc.gradient(W, X, y), numeric, rtol=1e-5, atol=1e-6 * scale)


def test_the_penalty_adds_l2_times_the_slopes_to_the_gradient_and_spares_the_intercept():
    X, y = make_data()
    W = np.array([3.0, -0.5, 0.8, 0.1])
    l2 = 0.3
    expected = lc.gradient(W, X, y) + l2 * np.array([0.0, -0.5, 0.8, 0.1])
    np.testing.assert_allclose(lc.gradient(W, X, y, l2=l2), expected, rtol=1e-14)
    np.testing.assert_array_equal(lc.gradient(W, X, y, l2=0.0), lc.gradient(W, X, y))


@settings(max_examples=40, deadline=None, derandomize=True)
@given(hnp.arrays(np.float64, 4, elements=st.floats(-3, 3)), st.floats(0.0, 10.0))
def test_penalised_gradient_equals_central_differences(W, l2):
    X, y = make_data(m=40)
    numeric = lc.numerical_gradient(lambda w: lc.cost(w, X, y, l2=l2), W)
    np.testing.assert_allclose(lc.gradient(W, X, y, l2=l2), numeric, rtol=1e-6,
                               atol=1e-7 * (1 + l2))


def test_numerical_gradient_of_a_quadratic_is_exact_and_leaves_W_alone():
    W = np.array([1.0, -2.0, 3.0])
    before = W.copy()
    np.testing.assert_allclose(lc.numerical_gradient(lambda w: w @ w, W), 2 * W, rtol=1e-8)
    np.testing.assert_array_equal(W, before)


# -------------------------------------------------------- 4. gradient descent


def test_each_row_of_the_path_is_one_gradient_step_from_the_previous_one():
    X, y = make_data(m=50, n=2)
    W_path, cost_path = lc.gradient_descent_path(X, y, alpha=0.1, epochs=7, seed=1)
    assert W_path.shape == (8, 3)
    assert cost_path.shape == (8,)
    np.testing.assert_array_equal(W_path[0], np.random.default_rng(1).standard_normal(3))
    for k in range(7):
        expected = W_path[k] - 0.1 * lc.gradient(W_path[k], X, y)
        np.testing.assert_allclose(W_path[k + 1], expected, rtol=1e-13, atol=1e-15)
        assert cost_path[k] == pytest.approx(lc.cost(W_path[k], X, y), rel=1e-13)
    assert cost_path[7] == pytest.approx(lc.cost(W_path[7], X, y), rel=1e-13)


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


def test_gradient_descent_with_zero_epochs_returns_the_start():
    X, y = make_data(m=10, n=2)
    W_path, cost_path = lc.gradient_descent_path(X, y, epochs=0, W0=[1.0, 2.0, 3.0])
    np.testing.assert_array_equal(W_path, [[1.0, 2.0, 3.0]])
    assert cost_path[0] == pytest.approx(lc.cost([1.0, 2.0, 3.0], X, y))


def test_gradient_descent_does_not_modify_W0():
    X, y = make_data(m=10, n=2)
    W0 = np.array([1.0, 2.0, 3.0])
    W0.flags.writeable = False
    lc.gradient_descent_path(X, y, epochs=5, W0=W0)
    np.testing.assert_array_equal(W0, [1.0, 2.0, 3.0])


def test_the_same_seed_gives_bit_identical_results():
    X, y = make_data()
    first = lc.gradient_descent_path(X, y, alpha=0.5, epochs=50, seed=7)
    second = lc.gradient_descent_path(X, y, alpha=0.5, epochs=50, seed=7)
    other = lc.gradient_descent_path(X, y, alpha=0.5, epochs=50, seed=8)
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])
    assert not np.array_equal(first[0], other[0])
    W1, history1 = lc.logistic_regression(X, y, epochs=20, seed=3)
    W2, history2 = lc.logistic_regression(X, y, epochs=20, seed=3)
    np.testing.assert_array_equal(W1, W2)
    assert history1 == history2


def reference_loop(X, y, alpha, epochs, W0, l2=0.0):
    """The training loop as a reader first writes it: [1, X] built once, expit."""
    X1 = np.column_stack([np.ones(X.shape[0]), X])
    W = np.array(W0, dtype=float)
    W_path, cost_path = [], []
    for _ in range(epochs + 1):
        z = X1 @ W
        p = scipy.special.expit(z)
        penalty = l2 / 2 * np.sum(W[1:] ** 2)
        cost_path.append(np.mean(np.logaddexp(0.0, z) - y * z) + penalty)
        W_path.append(W)
        grad = X1.T @ (p - y) / X.shape[0] + l2 * np.concatenate(([0.0], W[1:]))
        W = W - alpha * grad
    return np.array(W_path), np.array(cost_path)


@pytest.mark.parametrize("l2", [0.0, 0.05])
def test_gradient_descent_path_equals_a_hand_written_reference_loop(l2):
    X, y = make_data(m=300, n=3, scale=2.0)
    W0 = np.random.default_rng(SEED).standard_normal(4)
    W_path, cost_path = lc.gradient_descent_path(X, y, alpha=0.3, epochs=200, W0=W0, l2=l2)
    W_reference, cost_reference = reference_loop(X, y, 0.3, 200, W0, l2)
    np.testing.assert_allclose(W_path, W_reference, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(cost_path, cost_reference, rtol=1e-12, atol=1e-12)


def test_gradient_descent_path_stops_at_the_first_iterate_below_tol():
    X, y = make_data(m=200, n=2)
    full_W, full_costs = lc.gradient_descent_path(X, y, alpha=1.0, epochs=500, seed=1)
    W_path, cost_path = lc.gradient_descent_path(X, y, alpha=1.0, epochs=500, seed=1,
                                                 tol=1e-3)
    k = W_path.shape[0] - 1
    assert 0 < k < 500 and cost_path.shape == (k + 1,)
    np.testing.assert_array_equal(W_path, full_W[: k + 1])
    np.testing.assert_array_equal(cost_path, full_costs[: k + 1])
    assert np.abs(lc.gradient(W_path[-1], X, y)).max() < 1e-3
    assert np.abs(lc.gradient(W_path[-2], X, y)).max() >= 1e-3


def test_one_draw_of_initial_weights_serves_every_function():
    X, y = make_data(m=50, n=2)
    for seed in (0, 7, np.random.default_rng(3), np.random.RandomState(3)):
        expected = lc._initial_weights(3, copy.deepcopy(seed))
        if isinstance(seed, int):
            np.testing.assert_array_equal(expected,
                                          np.random.default_rng(seed).standard_normal(3))
        W_path, _ = lc.gradient_descent_path(X, y, epochs=0, seed=copy.deepcopy(seed))
        np.testing.assert_array_equal(W_path[0], expected)
        W, _ = lc.logistic_regression(X, y, epochs=0, seed=copy.deepcopy(seed))
        np.testing.assert_array_equal(W, expected)
        model = lc.LogisticRegressionGD(tol=1e9, random_state=copy.deepcopy(seed)).fit(X, y)
        assert model.n_iter_ == 0  # stopped at the start: its weights are the draw
        np.testing.assert_array_equal(np.r_[model.intercept_, model.coef_[0]], expected)
        W_softmax, _ = lc.softmax_gradient_descent(X, y, epochs=0, n_classes=4,
                                                   seed=copy.deepcopy(seed))
        np.testing.assert_array_equal(W_softmax,
                                      lc._initial_weights((3, 4), copy.deepcopy(seed)))


@settings(max_examples=60)
@given(datasets(), st.floats(0.05, 1.0))
def test_cost_never_increases_when_alpha_is_at_most_2_over_L(data, fraction):
    # the descent lemma: J(W - alpha g) <= J(W) - alpha (1 - alpha L / 2) |g|^2
    X, y, W0 = data
    alpha = fraction * 2 / lipschitz_bound(X)
    _, cost_path = lc.gradient_descent_path(X, y, alpha=alpha, epochs=30, W0=W0)
    increases = np.diff(cost_path)
    assert np.all(increases <= 1e-12 * (1 + cost_path[:-1]))


def test_gradient_descent_on_standardised_data_reaches_newtons_optimum():
    X, y = make_data(m=300, n=3, scale=3.0)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    W_newton, newton_costs = lc.newton(X, y)
    alpha = 1 / lipschitz_bound(X)
    W_path, cost_path = lc.gradient_descent_path(X, y, alpha=alpha, epochs=3000, seed=0)
    assert cost_path[-1] == pytest.approx(newton_costs[-1], abs=1e-12)
    np.testing.assert_allclose(W_path[-1], W_newton, atol=1e-6)


@pytest.mark.parametrize("C", [0.01, 1.0])
def test_gradient_descent_with_l2_matches_sklearn_C(C):
    X, y = make_data(m=300, n=4)
    l2 = 1 / (C * X.shape[0])
    alpha = 1 / lipschitz_bound(X, l2)
    W, _ = lc.logistic_regression(X, y, alpha=alpha, epochs=4000, seed=0, l2=l2)
    reference = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(W, sklearn_weights(reference), rtol=1e-5)


def test_separable_data_give_finite_costs_and_growing_weights_without_warnings():
    X, y = separable_data()
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        W_path, cost_path = lc.gradient_descent_path(X, y, alpha=1.0, epochs=2000, seed=0)
        # huge logits: the residuals underflow to exactly 0 and the weights stop
        W_huge, cost_huge = lc.gradient_descent_path(X * 1e3, y, alpha=10.0, epochs=200, seed=0)
    for path, costs in ((W_path, cost_path), (W_huge, cost_huge)):
        assert np.isfinite(path).all() and np.isfinite(costs).all()
        assert np.all(costs >= 0)
    norms = np.linalg.norm(W_path, axis=1)
    assert np.all(np.diff(norms[100:]) > 0)  # no maximum-likelihood weights: they keep growing
    assert np.all(np.diff(cost_path) <= 0)
    assert cost_path[-1] < 1e-2


def shifted_blobs():
    """Chapter 5's separable blobs, shifted by +50 (the book's seed, 42)."""
    X, y = make_blobs(n_samples=150, centers=2, n_features=2, random_state=42)
    return X + 50.0, y


@pytest.mark.parametrize("alpha", [0.01, 0.1, 1.0])
def test_a_large_step_that_bounces_but_ends_below_the_start_does_not_warn(alpha):
    # chapter 5: on the shifted blobs, steps 7 to 700 times 2/L make the cost
    # rise for dozens of epochs, then fall far below the start for good
    X, y = shifted_blobs()
    assert alpha > 2 / lipschitz_bound(X)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, cost_path = lc.gradient_descent_path(X, y, alpha=alpha, epochs=3000, seed=42)
    assert np.sum(np.diff(cost_path) > 0) >= 40  # it did bounce
    assert cost_path[-1] < 1e-3 < cost_path[0]


def test_the_cost_rise_warning_fires_exactly_when_the_last_cost_is_above_the_first():
    X, y = shifted_blobs()
    verdicts = set()
    for epochs in range(1, 100):  # the bounce: the cost ends above, then below the start
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _, cost_path = lc.gradient_descent_path(X, y, alpha=0.1, epochs=epochs, seed=42)
        rose = bool(cost_path[-1] > cost_path[0])
        assert len(caught) == rose, epochs
        verdicts.add(rose)
    assert verdicts == {False, True}


def test_the_internal_cost_matches_the_public_cost_for_huge_logits():
    X, y = separable_data()
    W0 = np.array([0.5, 400.0, -300.0])
    _, cost_path = lc.gradient_descent_path(X, y, epochs=0, W0=W0)
    assert cost_path[0] == pytest.approx(lc.cost(W0, X, y), rel=1e-13)
    assert cost_path[0] > 0


def test_logistic_regression_is_the_last_row_of_the_path():
    X, y = make_data()
    W_path, cost_path = lc.gradient_descent_path(X, y, alpha=0.05, epochs=25, seed=4)
    W, history = lc.logistic_regression(X, y, alpha=0.05, epochs=25, seed=4)
    np.testing.assert_array_equal(W, W_path[-1])
    assert isinstance(history, list) and len(history) == 25
    assert history == cost_path[:-1].tolist()


def test_logistic_regression_verbose_prints_every_tenth_cost(capsys):
    X, y = make_data()
    _, history = lc.logistic_regression(X, y, epochs=25, seed=0, verbose=True)
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"cost:{history[i]:.6f} \t iteration: {i}" for i in (0, 10, 20)]


# ------------------------------------------------------------ 5. second order


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


def test_newton_matches_statsmodels_and_sklearn():
    import statsmodels.api as sm

    X, y = make_data(m=500, n=4)
    W, history = lc.newton(X, y)
    statsmodels_fit = sm.Logit(y, sm.add_constant(X)).fit(disp=0, method="newton", tol=1e-12)
    np.testing.assert_allclose(W, statsmodels_fit.params, rtol=1e-6)
    sklearn_fit = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(W, sklearn_weights(sklearn_fit), rtol=1e-6)
    assert history[-1] == pytest.approx(lc.cost(W, X, y), rel=1e-14)
    assert np.all(np.diff(history) <= 1e-15)
    np.testing.assert_allclose(lc.gradient(W, X, y), 0, atol=1e-9)


@pytest.mark.parametrize("C", [0.01, 0.1, 1.0, 100.0])
def test_newton_with_l2_matches_sklearn_C(C):
    X, y = make_data(m=300, n=4)
    l2 = 1 / (C * X.shape[0])
    W, history = lc.newton(X, y, l2=l2)
    reference = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(W, sklearn_weights(reference), rtol=1e-5)
    assert history[-1] == pytest.approx(lc.cost(W, X, y, l2=l2), rel=1e-13)
    np.testing.assert_allclose(lc.gradient(W, X, y, l2=l2), 0, atol=1e-10)


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


def test_newton_explains_perfectly_separable_data():
    X, y = separable_data()
    with pytest.raises(lc.PerfectSeparationError, match="perfectly separable.*L2 penalty"):
        lc.newton(X, y)


def test_newton_with_l2_fits_separable_data_like_sklearn():
    X, y = separable_data()
    for l2 in (1e-1, 1e-3, 1e-6):
        W, history = lc.newton(X, y, l2=l2)
        reference = LogisticRegression(C=1 / (l2 * len(y)), tol=1e-12, max_iter=100_000)
        np.testing.assert_allclose(W, sklearn_weights(reference.fit(X, y)), rtol=1e-5)
        assert np.all(np.diff(history) <= 1e-15)
    with pytest.raises(lc.PerfectSeparationError, match="separable"):
        lc.newton(X, y)


def test_newton_explains_duplicated_features_with_an_error_a_valueerror_handler_catches():
    X, y = make_data(n=2)
    X = np.column_stack([X, X[:, 0]])
    with pytest.raises(ValueError, match="singular.*duplicated") as raised:
        lc.newton(X, y)
    assert raised.type is lc.SingularHessianError


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


@pytest.mark.parametrize("l2", [0.0, 1e-2])
def test_newton_history_ends_at_the_returned_W_when_it_stops_at_max_iter(l2):
    X, y = make_data()
    with pytest.warns(lc.ConvergenceWarning, match="max_iter=2"):
        W, history = lc.newton(X, y, max_iter=2, l2=l2)
    assert len(history) == 3  # the start and one cost per iteration
    assert history[-1] == pytest.approx(lc.cost(W, X, y, l2=l2), rel=1e-13)
    W_more, _ = lc.newton(X, y, l2=l2)
    assert lc.cost(W_more, X, y, l2=l2) < history[-1]  # it did stop early


def test_filters_for_scikit_learns_convergence_warning_also_catch_newtons():
    X, y = make_data()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", category=sklearn.exceptions.ConvergenceWarning)
        lc.newton(X, y, max_iter=2)  # raises if the filter missed the warning
    with pytest.warns(RuntimeWarning, match="max_iter=2"):
        lc.newton(X, y, max_iter=2)


def test_newtons_block_processing_covers_every_row(monkeypatch):
    X, y = make_data(m=1000, n=3)
    W_one_block, costs_one_block = lc.newton(X, y)
    H_one_block = lc.hessian(W_one_block, X, y, l2=0.1)
    monkeypatch.setattr(lc, "_BLOCK_ROWS", 37)  # 28 blocks, the last one short
    W_many_blocks, costs_many_blocks = lc.newton(X, y)
    np.testing.assert_allclose(W_many_blocks, W_one_block, rtol=1e-12)
    np.testing.assert_allclose(costs_many_blocks, costs_one_block, rtol=1e-12)
    np.testing.assert_allclose(lc.hessian(W_one_block, X, y, l2=0.1), H_one_block,
                               rtol=1e-12)


def test_standard_errors_match_statsmodels():
    import statsmodels.api as sm

    X, y = make_data(m=500, n=4)
    W, _ = lc.newton(X, y)
    fit = sm.Logit(y, sm.add_constant(X)).fit(disp=0, method="newton", tol=1e-12)
    np.testing.assert_allclose(lc.standard_errors(W, X, y), fit.bse, rtol=1e-4)
    np.testing.assert_allclose(lc.standard_errors(fit.params, X, y), fit.bse, rtol=1e-10)


def test_standard_errors_explain_duplicated_features_with_a_linalgerror():
    X, y = make_data(n=2)
    X = np.column_stack([X, X[:, 1]])
    with pytest.raises(np.linalg.LinAlgError, match="duplicated") as raised:
        lc.standard_errors(np.zeros(4), X, y)
    assert raised.type is lc.SingularHessianError
