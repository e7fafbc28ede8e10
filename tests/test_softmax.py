"""Softmax regression (logreg_core section 7): softmax, its cost and gradient, its gradient
descent and its predictions, against SciPy, scikit-learn's multinomial fit, finite
differences and the binary model it generalises. Every test is seeded. Bad inputs are in
test_validation.py.
"""

import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

import logreg_core as lc
from support import SEED, make_data, make_multiclass

# ------------------------------------------------------------------- softmax


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


# ------------------------------------------------------- cost and gradient


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


# --------------------------------------------------------- gradient descent


def test_softmax_gradient_descent_takes_plain_gradient_steps_and_records_their_costs():
    X, y = make_multiclass(m=60, n=2, K=3)
    W0 = np.random.default_rng(5).standard_normal((3, 3))
    W, history = lc.softmax_gradient_descent(X, y, alpha=0.3, epochs=2, W0=W0)
    W1 = W0 - 0.3 * lc.softmax_gradient(W0, X, y)
    np.testing.assert_allclose(W, W1 - 0.3 * lc.softmax_gradient(W1, X, y), rtol=1e-13)
    assert history == pytest.approx([lc.softmax_cost(W0, X, y), lc.softmax_cost(W1, X, y)])


def test_softmax_gradient_descent_starts_from_the_seeds_standard_normal_draw():
    X, y = make_multiclass(m=60, n=2, K=3)
    first = lc.softmax_gradient_descent(X, y, epochs=5, seed=3)
    second = lc.softmax_gradient_descent(X, y, epochs=5, seed=3)
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[0], lc.softmax_gradient_descent(
        X, y, epochs=5, W0=np.random.default_rng(3).standard_normal((3, 3)))[0])


def test_n_classes_adds_columns_for_classes_absent_from_y():
    X, y = make_multiclass(m=60, n=2, K=3)
    W_absent, _ = lc.softmax_gradient_descent(X, y, epochs=5, seed=3, n_classes=5)
    assert W_absent.shape == (3, 5)


def test_softmax_predict_is_the_integer_argmax_of_the_probabilities():
    X, y = make_multiclass(m=60, n=2, K=3)
    W, _ = lc.softmax_gradient_descent(X, y, alpha=0.3, epochs=2,
                                       W0=np.random.default_rng(5).standard_normal((3, 3)))
    assert lc.softmax_predict(W, X).dtype.kind == "i"
    np.testing.assert_array_equal(lc.softmax_predict(W, X),
                                  lc.softmax_predict_proba(W, X).argmax(axis=1))


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
