"""Tests of logreg_core against oracles (SciPy, scikit-learn, statsmodels, finite
differences) and properties (hypothesis). Every test is seeded."""

import copy
import re

import numpy as np
import pandas as pd
import pytest
import scipy.optimize
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

import logreg_core as lc
from synthetic_data import SEED, make_data, separable_data


floats = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


@st.composite
def datasets(draw, max_m=25, max_n=4):
    m = draw(st.integers(1, max_m))
    n = draw(st.integers(1, max_n))
    X = draw(hnp.arrays(np.float64, (m, n), elements=st.floats(-10, 10)))
    y = draw(hnp.arrays(np.int64, m, elements=st.integers(0, 1)))
    W = draw(hnp.arrays(np.float64, n + 1, elements=st.floats(-5, 5)))
    return X, y, W


# ------------------------------------------------------------------- sigmoid


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


def test_sigmoid_rejects_non_numbers():
    with pytest.raises(TypeError, match="z"):
        lc.sigmoid("1.0")
    with pytest.raises(TypeError, match="z"):
        lc.sigmoid(np.array([1 + 2j]))


@given(hnp.arrays(np.float64, st.integers(1, 50), elements=floats))
def test_sigmoid_is_bounded_and_symmetric(z):
    p = lc.sigmoid(z)
    assert np.all((p >= 0) & (p <= 1))
    np.testing.assert_allclose(lc.sigmoid(-z), 1 - p, rtol=0, atol=2 * np.finfo(float).eps)


@given(floats, floats)
def test_sigmoid_is_monotone(a, b):
    low, high = min(a, b), max(a, b)
    assert lc.sigmoid(low) <= lc.sigmoid(high)


# ---------------------------------------------------------------------- cost


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


# ------------------------------------------------------------------ gradient


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


def test_numerical_gradient_of_a_quadratic_is_exact_and_leaves_W_alone():
    W = np.array([1.0, -2.0, 3.0])
    before = W.copy()
    np.testing.assert_allclose(lc.numerical_gradient(lambda w: w @ w, W), 2 * W, rtol=1e-8)
    np.testing.assert_array_equal(W, before)


def test_numerical_gradient_validates_its_arguments():
    with pytest.raises(TypeError, match="f must be a callable"):
        lc.numerical_gradient("cost", [1.0])
    with pytest.raises(ValueError, match="eps"):
        lc.numerical_gradient(np.sum, [1.0], eps=0.0)


# ---------------------------------------------------------- gradient descent


def test_gradient_descent_path_shapes_and_rows():
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
    with pytest.raises(ValueError, match="tol must be a positive"):
        lc.gradient_descent_path(X, y, tol=0.0)


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
    with pytest.raises(TypeError, match="seed must be None"):
        lc.gradient_descent_path(X, y, seed="zero")


def lipschitz_bound(X):
    """The book's L: a quarter of the largest eigenvalue of [1, X]^T [1, X] / m."""
    X1 = lc.add_intercept(X)
    return np.linalg.eigvalsh(X1.T @ X1 / X.shape[0])[-1] / 4


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


# -------------------------------------------------------------------- newton


def test_newton_matches_statsmodels_and_sklearn():
    import statsmodels.api as sm

    X, y = make_data(m=500, n=4)
    W, history = lc.newton(X, y)
    statsmodels_fit = sm.Logit(y, sm.add_constant(X)).fit(disp=0, method="newton", tol=1e-12)
    np.testing.assert_allclose(W, statsmodels_fit.params, rtol=1e-6)
    sklearn_fit = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(
        W, np.concatenate([sklearn_fit.intercept_, sklearn_fit.coef_[0]]), rtol=1e-6
    )
    assert history[-1] == pytest.approx(lc.cost(W, X, y), rel=1e-14)
    assert np.all(np.diff(history) <= 1e-15)
    np.testing.assert_allclose(lc.gradient(W, X, y), 0, atol=1e-9)


@pytest.mark.parametrize("l2", [0.0, 1e-2])
def test_newton_history_ends_at_the_returned_W_when_it_stops_at_max_iter(l2):
    X, y = make_data()
    with pytest.warns(lc.ConvergenceWarning, match="max_iter=2"):
        W, history = lc.newton(X, y, max_iter=2, l2=l2)
    assert len(history) == 3  # the start and one cost per iteration
    assert history[-1] == pytest.approx(lc.cost(W, X, y, l2=l2), rel=1e-13)
    W_more, _ = lc.newton(X, y, l2=l2)
    assert lc.cost(W_more, X, y, l2=l2) < history[-1]  # it did stop early


def test_newton_explains_perfectly_separable_data():
    X, y = separable_data()
    with pytest.raises(lc.PerfectSeparationError, match="perfectly separable.*L2 penalty"):
        lc.newton(X, y)


def test_newton_explains_duplicated_features():
    X, y = make_data(n=2)
    X = np.column_stack([X, X[:, 0]])
    with pytest.raises(lc.SingularHessianError, match="singular.*duplicated"):
        lc.newton(X, y)
    assert issubclass(lc.SingularHessianError, ValueError)


def test_newton_validates_tol_and_max_iter():
    X, y = make_data()
    with pytest.raises(ValueError, match="tol"):
        lc.newton(X, y, tol=-1.0)
    with pytest.raises(ValueError, match="max_iter"):
        lc.newton(X, y, max_iter=0)


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


# ---------------------------------------------------------------- prediction


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


@pytest.mark.parametrize("threshold", [0.0, 1.0, -0.5, 1.5, float("nan")])
def test_predict_rejects_thresholds_outside_0_1(threshold):
    X, y = make_data()
    with pytest.raises(ValueError, match="threshold"):
        lc.predict(np.zeros(4), X, threshold)


def test_decision_boundary_is_where_the_probability_is_one_half():
    W = np.array([0.5, 2.0, -1.5])
    x1 = np.linspace(-3, 3, 7)
    x2 = lc.decision_boundary(W, x1)
    np.testing.assert_allclose(lc.predict_proba(W, np.column_stack([x1, x2])), 0.5, atol=1e-15)
    assert type(lc.decision_boundary(W, 1.0)) is float


def test_decision_boundary_explains_a_vertical_line_and_wrong_length():
    with pytest.raises(ValueError, match=r"W\[2\] is 0"):
        lc.decision_boundary([1.0, 2.0, 0.0], [0.0, 1.0])
    with pytest.raises(ValueError, match="W must be a vector of length"):
        lc.decision_boundary([1.0, 2.0, 3.0, 4.0], [0.0])


# ------------------------------------------------------------- array-likes


def reference_results(X, y):
    W = np.array([0.2, -0.4, 0.6])
    return (
        lc.cost(W, X, y),
        lc.gradient(W, X, y),
        lc.gradient_descent_path(X, y, alpha=0.1, epochs=5, seed=0)[0],
        lc.newton(X, y)[0],
        lc.predict(W, X),
    )


@pytest.mark.parametrize(
    "convert",
    [
        pytest.param(lambda X, y: (X.tolist(), y.tolist()), id="lists"),
        pytest.param(lambda X, y: (np.asfortranarray(X), y), id="fortran-order"),
        pytest.param(lambda X, y: (X.astype(np.float32), y.astype(np.int8)), id="float32-int8"),
        pytest.param(lambda X, y: (pd.DataFrame(X, columns=["a", "b"]), pd.Series(y)), id="pandas"),
        pytest.param(lambda X, y: (X, y.astype(bool)), id="bool-labels"),
        pytest.param(lambda X, y: (X, y.astype(float)), id="float-labels"),
    ],
)
def test_array_likes_give_the_same_results(convert):
    rng = np.random.default_rng(SEED)
    X = np.round(rng.standard_normal((80, 2)) * 4) / 4  # exact in float32 too
    y = (rng.random(80) < lc.sigmoid(X @ [1.0, -1.0])).astype(int)
    expected = reference_results(X, y)
    for got, want in zip(reference_results(*convert(X, y)), expected):
        np.testing.assert_allclose(got, want, rtol=1e-12)


def test_integer_features_are_accepted():
    X = np.array([[0, 1], [1, 0], [2, 2], [3, 1], [1, 1], [0, 2]])
    y = np.array([0, 1, 1, 0, 0, 1])
    assert lc.cost([0.1, 0.2, 0.3], X, y) == pytest.approx(lc.cost([0.1, 0.2, 0.3], X * 1.0, y))


def test_no_function_modifies_the_callers_arrays():
    X, y = make_data(m=50, n=2)
    W = np.array([0.2, -0.4, 0.6])
    for array in (X, y, W):
        array.flags.writeable = False  # any write would raise
    lc.cost(W, X, y)
    lc.gradient(W, X, y)
    lc.gradient_descent_path(X, y, epochs=3, W0=W)
    lc.logistic_regression(X, y, epochs=3, W0=W)
    lc.newton(X, y)
    lc.predict(W, X)
    lc.add_intercept(X)
    lc.numerical_gradient(lambda w: lc.cost(w, X, y), W)


# -------------------------------------------------------------- bad inputs

X_OK, Y_OK = make_data(m=20, n=2)


@pytest.mark.parametrize(
    ("X", "y", "error", "message"),
    [
        pytest.param(np.ones(20), Y_OK, ValueError, r"X must be 2-D.*reshape\(-1, 1\)", id="X-1d"),
        pytest.param(np.ones((2, 2, 5)), Y_OK[:2], ValueError, "X must be 2-D", id="X-3d"),
        pytest.param(np.ones((0, 2)), [], ValueError, "X is empty", id="X-no-rows"),
        pytest.param(np.ones((20, 0)), Y_OK, ValueError, "X is empty", id="X-no-columns"),
        pytest.param(np.where(np.eye(20, 2) == 1, np.nan, 1.0), Y_OK, ValueError,
                     r"X contains NaN or infinity in rows \[0, 1\]", id="X-nan"),
        pytest.param(np.where(np.eye(20, 2) == 1, np.inf, 1.0), Y_OK, ValueError,
                     "X contains NaN or infinity", id="X-inf"),
        pytest.param([["a", "b"]] * 20, Y_OK, TypeError, "X must contain real numbers", id="X-str"),
        pytest.param(None, Y_OK, TypeError, "X must be array-like", id="X-none"),
        pytest.param(X_OK, Y_OK.reshape(-1, 1), ValueError, r"y must be 1-D.*ravel", id="y-2d"),
        pytest.param(X_OK, np.where(np.arange(20) < 2, np.nan, 1.0), ValueError,
                     r"y contains NaN at positions \[0, 1\]", id="y-nan"),
        pytest.param(X_OK, np.arange(20) % 4, ValueError,
                     "y must contain only the labels 0 and 1; found 2, 3", id="y-not-binary"),
        pytest.param(X_OK, np.where(np.arange(20) == 3, -1, 1), ValueError,
                     "found -1", id="y-minus-one"),
        pytest.param(X_OK, Y_OK[:19], ValueError, "y has 19 labels but X has 20 rows",
                     id="y-length"),
    ],
)
def test_bad_data_is_rejected_with_a_message_naming_the_argument(X, y, error, message):
    for function in (
        lambda: lc.cost([0.0, 0.0, 0.0], X, y),
        lambda: lc.gradient([0.0, 0.0, 0.0], X, y),
        lambda: lc.gradient_descent_path(X, y),
        lambda: lc.logistic_regression(X, y),
        lambda: lc.newton(X, y),
    ):
        with pytest.raises(error, match=message):
            function()


@pytest.mark.parametrize(
    ("alpha", "error"),
    [(0.0, ValueError), (-0.1, ValueError), (float("nan"), ValueError),
     (float("inf"), ValueError), ("0.1", TypeError), (None, TypeError), (True, TypeError)],
)
def test_alpha_must_be_a_positive_finite_number(alpha, error):
    with pytest.raises(error, match="alpha must be a positive"):
        lc.gradient_descent_path(X_OK, Y_OK, alpha=alpha)
    with pytest.raises(error, match="alpha must be a positive"):
        lc.logistic_regression(X_OK, Y_OK, alpha=alpha)


@pytest.mark.parametrize(
    ("epochs", "error"),
    [(-1, ValueError), (2.5, TypeError), (10.0, TypeError), ("10", TypeError), (None, TypeError)],
)
def test_epochs_must_be_a_non_negative_integer(epochs, error):
    with pytest.raises(error, match="epochs must be an integer >= 0"):
        lc.gradient_descent_path(X_OK, Y_OK, epochs=epochs)
    with pytest.raises(error, match="epochs must be an integer >= 0"):
        lc.logistic_regression(X_OK, Y_OK, epochs=epochs)


def test_numpy_integer_epochs_are_accepted():
    W_path, _ = lc.gradient_descent_path(X_OK, Y_OK, epochs=np.int64(3), seed=0)
    assert W_path.shape == (4, 3)


@pytest.mark.parametrize("W", [[0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [[0.0, 0.0, 0.0]]])
def test_W_of_the_wrong_length_is_rejected(W):
    for function in (lc.logits, lc.predict_proba, lc.predict):
        with pytest.raises(ValueError, match=r"W must be a vector of length n_features \+ 1 = 3"):
            function(W, X_OK)
    with pytest.raises(ValueError, match="W must be a vector of length"):
        lc.cost(W, X_OK, Y_OK)
    with pytest.raises(ValueError, match="W must be a vector of length"):
        lc.gradient(W, X_OK, Y_OK)


@pytest.mark.parametrize("W0", [[0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, np.nan, 0.0]])
def test_W0_of_the_wrong_length_or_not_finite_is_rejected(W0):
    with pytest.raises(ValueError, match="W0"):
        lc.gradient_descent_path(X_OK, Y_OK, W0=W0)
    with pytest.raises(ValueError, match="W0"):
        lc.logistic_regression(X_OK, Y_OK, W0=W0)


# ----------------------------------------------------------- plotting helpers


@pytest.fixture
def axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, ax = plt.subplots()
    yield ax
    plt.close(figure)


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
    with pytest.raises(ValueError, match="model must be a vector of length"):
        lc.plot_probability_map([1.0, 2.0], (-1, 1), (-1, 1), ax=axes)


def test_plot_cost_history_plots_one_point_per_epoch(axes):
    line = lc.plot_cost_history([3.0, 2.0, 1.5], ax=axes)
    np.testing.assert_array_equal(line.get_xdata(), [0, 1, 2])
    np.testing.assert_array_equal(line.get_ydata(), [3.0, 2.0, 1.5])


# --------------------------------------------------------------- self-checks


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
    import re

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


@pytest.mark.parametrize("kwargs, match", [
    ({"start": "no such line"}, "start='no such line' is not in the code of cost"),
    ({"start": "z = W[0]", "stop": "no such line"}, "stop='no such line'"),
    ({"stop": "return"}, "stop needs start"),
])
def test_show_source_names_a_marker_that_is_not_found(kwargs, match):
    with pytest.raises(ValueError, match=re.escape(match)):
        lc.show_source(lc.cost, **kwargs)


def test_show_source_refuses_private_and_foreign_functions():
    with pytest.raises(ValueError, match="function must be a public function.*'_check_X'"):
        lc.show_source(lc._check_X)
    with pytest.raises(ValueError, match="function must be a public function.*'mean'"):
        lc.show_source(np.mean)
    with pytest.raises(TypeError, match="function must be a function of logreg_core"):
        lc.show_source("cost")
