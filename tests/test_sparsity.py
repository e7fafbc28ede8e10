"""L1 penalties and the elastic net (logreg_core section 9): soft-thresholding, the
L1 term of the cost, and proximal gradient (ISTA), against brute-force minimisation,
the optimality (KKT) conditions, Newton's ridge fit and scikit-learn's saga solver on
the standardised breast-cancer data. Bad inputs of these functions are checked here
too. Every test is seeded.
"""

import numpy as np
import pytest
from scipy.optimize import minimize_scalar
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

import logreg_core as lc
from support import SEED, make_data


@pytest.fixture(scope="module")
def cancer():
    """The breast-cancer data of chapters 10 and 13: standardised, y = 1 malignant."""
    data = load_breast_cancer()
    return StandardScaler().fit_transform(data.data), (data.target == 0).astype(int)


# ------------------------------------------------------------ soft-thresholding


@pytest.mark.parametrize("theta", [0.0, 0.3, 1.0, 2.5])
def test_soft_threshold_is_the_prox_of_theta_abs(theta):
    # soft_theta(u) = argmin_w (w - u)^2 / 2 + theta |w|, by brute minimisation
    for u in np.random.default_rng(SEED).uniform(-4, 4, 25).tolist() + [-theta, theta]:
        brute = minimize_scalar(lambda w, u=u: (w - u) ** 2 / 2 + theta * abs(w),
                                bounds=(-5, 5), method="bounded",
                                options={"xatol": 1e-12}).x
        assert lc.soft_threshold(u, theta) == pytest.approx(brute, abs=1e-7)


def test_soft_threshold_closed_form_and_exact_zeros():
    u = np.array([[-3.0, -1.0, -0.5], [0.0, 0.99, 1.5]])
    got = lc.soft_threshold(u, 1.0)
    np.testing.assert_array_equal(got, [[-2.0, 0.0, 0.0], [0.0, 0.0, 0.5]])
    assert got.shape == u.shape
    assert np.all(lc.soft_threshold(u, 3.0) == 0)  # |u| <= theta: exactly zero
    np.testing.assert_array_equal(lc.soft_threshold(u, 0.0), u)  # theta = 0: identity


# --------------------------------------------------------------- the L1 cost


def test_cost_adds_l1_norm_of_feature_weights_only():
    X, y = make_data()
    W = np.array([5.0, -1.0, 2.0, -0.5])  # the intercept 5 is not penalised
    assert lc.cost(W, X, y, l1=0.3) == pytest.approx(lc.cost(W, X, y) + 0.3 * 3.5,
                                                     rel=1e-14)
    assert lc.cost(W, X, y, l1=0.3, l2=0.2) == pytest.approx(
        lc.cost(W, X, y, l2=0.2) + 0.3 * 3.5, rel=1e-14)
    assert lc.cost(W, X, y, l1=0.0) == lc.cost(W, X, y)


# ------------------------------------------------------- proximal gradient


def _lambda_max(X, y):
    """Smallest l1 at which every feature weight is 0: max_j |dJ/dw_j| at the
    intercept-only fit W = (logit(mean y), 0, ..., 0)."""
    W = np.zeros(X.shape[1] + 1)
    W[0] = np.log(np.mean(y) / (1 - np.mean(y)))
    return np.abs(lc.gradient(W, X, y)[1:]).max()


@pytest.mark.parametrize("l1, l2", [(0.01, 0.0), (0.03, 0.0), (0.01, 0.01)])
def test_proximal_gradient_optimum_satisfies_kkt(cancer, l1, l2):
    X, y = cancer
    W, costs = lc.proximal_gradient(X, y, l1=l1, l2=l2, tol=1e-10)
    grad = lc.gradient(W, X, y, l2=l2)  # the smooth part: J + ridge
    w, g = W[1:], grad[1:]
    zero = w == 0
    assert 0 < zero.sum() < w.size  # a sparse fit, neither empty nor full
    assert abs(grad[0]) < 1e-9  # the intercept is free
    assert np.all(np.abs(g[zero]) <= l1 + 1e-9)  # subgradient: |g_j| <= l1 at w_j = 0
    np.testing.assert_allclose(g[~zero], -l1 * np.sign(w[~zero]), atol=1e-9)
    assert costs[-1] == pytest.approx(lc.cost(W, X, y, l1=l1, l2=l2), rel=1e-14)


def test_proximal_gradient_cost_never_rises_with_the_default_step(cancer):
    X, y = cancer
    _, costs = lc.proximal_gradient(X, y, l1=0.05, max_iter=20_000, tol=1e-6)
    assert np.all(np.diff(costs) <= 1e-15)


def test_proximal_gradient_without_l1_is_newtons_ridge_fit():
    X, y = make_data(seed=SEED)
    W, _ = lc.proximal_gradient(X, y, l1=0.0, l2=0.05, tol=1e-11)
    W_newton, _ = lc.newton(X, y, l2=0.05, tol=1e-14)
    np.testing.assert_allclose(W, W_newton, atol=1e-9)


def test_every_weight_is_zero_from_lambda_max_on(cancer):
    X, y = cancer
    l1_max = _lambda_max(X, y)
    W_above, _ = lc.proximal_gradient(X, y, l1=l1_max * 1.001)
    assert np.all(W_above[1:] == 0)
    assert W_above[0] == pytest.approx(np.log(y.mean() / (1 - y.mean())), abs=1e-6)
    W_below, _ = lc.proximal_gradient(X, y, l1=l1_max * 0.95)
    assert np.sum(W_below[1:] != 0) >= 1


@pytest.mark.parametrize("C, l1_ratio", [(0.1, 1.0), (0.1, 0.5), (0.3, 0.8)])
def test_proximal_gradient_matches_sklearn_saga(cancer, C, l1_ratio):
    # sklearn minimises C sum_i loss_i + r ||w||_1 + (1 - r) ||w||^2 / 2; divided
    # by C m that is our cost with l1 = r / (C m) and l2 = (1 - r) / (C m)
    X, y = cancer
    m = X.shape[0]
    l1, l2 = l1_ratio / (C * m), (1 - l1_ratio) / (C * m)
    W, _ = lc.proximal_gradient(X, y, l1=l1, l2=l2, tol=1e-9)
    sk = LogisticRegression(C=C, l1_ratio=l1_ratio, solver="saga", tol=1e-10,
                            max_iter=1_000_000).fit(X, y)
    W_sk = np.r_[sk.intercept_, sk.coef_[0]]
    ours, theirs = lc.cost(W, X, y, l1=l1, l2=l2), lc.cost(W_sk, X, y, l1=l1, l2=l2)
    assert abs(ours - theirs) < 1e-6  # the requirement (in fact ~1e-15)
    np.testing.assert_array_equal(W[1:] != 0, W_sk[1:] != 0)  # same sparsity pattern
    np.testing.assert_allclose(W, W_sk, atol=1e-5)


def test_proximal_gradient_warm_start_and_history():
    X, y = make_data(seed=SEED)
    W, costs = lc.proximal_gradient(X, y, l1=0.02)
    W_warm, costs_warm = lc.proximal_gradient(X, y, l1=0.02, W0=W)
    assert len(costs_warm) < len(costs) / 10  # starts where it ended
    np.testing.assert_allclose(W_warm, W, atol=1e-8)
    assert costs[0] == pytest.approx(np.log(2))  # from W = 0: every p = 1/2


def test_proximal_gradient_warns_when_max_iter_is_too_small(cancer):
    X, y = cancer
    with pytest.warns(lc.ConvergenceWarning, match="max_iter=5"):
        lc.proximal_gradient(X, y, l1=0.01, max_iter=5)


# ------------------------------------------------------------------ bad inputs


@pytest.mark.parametrize("call, error, words", [
    (lambda X, y: lc.cost(np.zeros(4), X, y, l1=-0.1), ValueError, "l1 must be a non-negative"),
    (lambda X, y: lc.cost(np.zeros(4), X, y, l1="0.1"), TypeError, "l1 must be a non-negative"),
    (lambda X, y: lc.cost(np.zeros(4), X, y, l1=np.inf), ValueError, "l1 must be"),
    (lambda X, y: lc.soft_threshold([1.0, 2.0], -1.0), ValueError, "threshold must be"),
    (lambda X, y: lc.soft_threshold([1.0, 2.0], None), TypeError, "threshold must be"),
    (lambda X, y: lc.soft_threshold("1.0", 1.0), TypeError, "u must be array-like"),
    (lambda X, y: lc.proximal_gradient(X, y, l1=-1.0), ValueError, "l1 must be"),
    (lambda X, y: lc.proximal_gradient(X, y, l1=0.1, l2=-1.0), ValueError, "l2 must be"),
    (lambda X, y: lc.proximal_gradient(X, y, l1=0.1, alpha=0.0), ValueError, "alpha must be"),
    (lambda X, y: lc.proximal_gradient(X, y, l1=0.1, max_iter=0), ValueError, "max_iter must"),
    (lambda X, y: lc.proximal_gradient(X, y, l1=0.1, tol=-1.0), ValueError, "tol must be"),
    (lambda X, y: lc.proximal_gradient(X, y, l1=0.1, W0=np.zeros(3)), ValueError,
     "W0 must be a vector of length"),
    (lambda X, y: lc.proximal_gradient(X, y * 2, l1=0.1), ValueError, "y must contain only"),
])
def test_bad_inputs_name_the_argument(call, error, words):
    X, y = make_data()
    with pytest.raises(error, match=words):
        call(X, y)


def test_l1_is_keyword_only():
    X, y = make_data()
    with pytest.raises(TypeError):
        lc.proximal_gradient(X, y, 0.1)


def test_the_figures_the_chapter_quotes(cancer):
    # notebooks/13_l1_and_sparsity.ipynb: lambda_1,max, its feature, the l1 = 0.02 fit
    X, y = cancer
    names = load_breast_cancer().feature_names.tolist()
    W = np.zeros(X.shape[1] + 1)
    W[0] = np.log(y.mean() / (1 - y.mean()))
    pull = np.abs(lc.gradient(W, X, y)[1:])
    assert round(pull.max(), 4) == 0.3837
    assert names[int(pull.argmax())] == "worst concave points"
    W_l1, costs = lc.proximal_gradient(X, y, l1=0.02)
    assert np.sum(W_l1[1:] != 0) == 7
    assert round(costs[-1], 4) == 0.2171
    # the runner-up at lambda_1,max, and the zero weight that is about to enter
    assert round(np.sort(pull)[-2], 4) == 0.3785
    assert names[int(np.argsort(pull)[-2])] == "worst perimeter"
    at_zero_pull = np.abs(lc.gradient(W_l1, X, y)[1:]) * (W_l1[1:] == 0)
    assert round(at_zero_pull.max(), 6) == 0.019970
    assert names[int(at_zero_pull.argmax())] == "worst concavity"


def test_ridge_shrinks_the_norm_not_each_weight(cancer):
    # notebooks/13_l1_and_sparsity.ipynb: the ridge path, lambda from 10 to 0.001
    X, y = cancer
    path = np.array([lc.newton(X, y, l2=lam)[0][1:] for lam in np.logspace(1, -3, 31)])
    assert np.all(np.diff(np.linalg.norm(path, axis=1)) > 0)
    assert np.sum(np.any(np.diff(np.abs(path), axis=0) < 0, axis=0)) == 15
    assert np.sum(np.any(np.diff(np.sign(path), axis=0) != 0, axis=0)) == 7
