"""Sample and class weights (core section 10, chapter 14).

The weighted cost J_v(W) = (1/m) sum_i v_i [log(1 + e^z_i) - y_i z_i] + penalty,
its gradient and Hessian, against finite differences, repeated rows,
scikit-learn and statsmodels; the score equation at the weighted optimum; the
estimator's class_weight and sample_weight; and the validation of the weights.
"""

import warnings

import numpy as np
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.linear_model import LogisticRegression
from sklearn.utils.class_weight import compute_class_weight, compute_sample_weight

import logreg_core as lc
from support import SEED, make_data


def weights_for(m, seed=SEED):
    """Positive weights in (0.2, 3), and a few zeros."""
    rng = np.random.default_rng(seed)
    v = rng.uniform(0.2, 3.0, m)
    v[::17] = 0.0
    return v


def sklearn_unpenalised(**kwargs):
    """scikit-learn's LogisticRegression without a penalty, on any version >= 1.2."""
    from sklearn import __version__
    major, minor = (int(part) for part in __version__.split(".")[:2])
    penalty = {"C": np.inf} if (major, minor) >= (1, 8) else {"penalty": None}
    return LogisticRegression(**penalty, tol=1e-12, max_iter=10_000, **kwargs)


# ------------------------------------------------- cost, gradient, Hessian


@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_weighted_gradient_and_hessian_match_finite_differences(l2):
    X, y = make_data(m=150, n=3)
    v = weights_for(150)
    W = np.random.default_rng(SEED).standard_normal(4)
    grad = lc.gradient(W, X, y, l2=l2, sample_weight=v)
    numeric = lc.numerical_gradient(
        lambda w: lc.cost(w, X, y, l2=l2, sample_weight=v), W)
    np.testing.assert_allclose(grad, numeric, rtol=1e-7, atol=1e-9)
    H = lc.hessian(W, X, y, l2=l2, sample_weight=v)
    columns = [lc.numerical_gradient(
        lambda w, j=j: lc.gradient(w, X, y, l2=l2, sample_weight=v)[j], W)
        for j in range(4)]
    np.testing.assert_allclose(H, np.array(columns), rtol=1e-6, atol=1e-9)


def test_weighted_formulas_are_the_ones_in_the_docstrings():
    X, y = make_data(m=120, n=2)
    v = weights_for(120)
    W = np.array([0.3, -0.7, 1.1])
    X_tilde = lc.add_intercept(X)
    z = X_tilde @ W
    p = lc.sigmoid(z)
    m = X.shape[0]
    assert lc.cost(W, X, y, sample_weight=v) == pytest.approx(
        np.sum(v * (np.log1p(np.exp(z)) - y * z)) / m, rel=1e-12)
    np.testing.assert_allclose(lc.gradient(W, X, y, sample_weight=v),
                               X_tilde.T @ (v * (p - y)) / m, rtol=1e-12)
    np.testing.assert_allclose(lc.hessian(W, X, y, sample_weight=v),
                               X_tilde.T @ (X_tilde * (v * p * (1 - p))[:, None]) / m,
                               rtol=1e-12, atol=1e-15)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(hnp.arrays(np.float64, 4, elements=st.floats(-3, 3)),
       hnp.arrays(np.float64, 40, elements=st.floats(0.0, 5.0)).filter(np.any))
def test_weighted_cost_is_non_negative_and_ignores_row_order(W, v):
    X, y = make_data(m=40)
    J = lc.cost(W, X, y, sample_weight=v)
    assert J >= 0
    order = np.random.default_rng(SEED).permutation(40)
    assert lc.cost(W, X[order], y[order], sample_weight=v[order]) == pytest.approx(
        J, rel=1e-12, abs=1e-15)
    np.testing.assert_allclose(
        lc.gradient(W, X[order], y[order], sample_weight=v[order]),
        lc.gradient(W, X, y, sample_weight=v), rtol=1e-10, atol=1e-14)


def test_unit_weights_change_nothing():
    X, y = make_data(m=100, n=3)
    W = np.linspace(-0.5, 0.5, 4)
    ones = np.ones(100)
    assert lc.cost(W, X, y, sample_weight=ones) == pytest.approx(lc.cost(W, X, y),
                                                                 rel=1e-14)
    np.testing.assert_allclose(lc.gradient(W, X, y, sample_weight=ones),
                               lc.gradient(W, X, y), rtol=1e-14)
    np.testing.assert_allclose(lc.hessian(W, X, y, sample_weight=ones),
                               lc.hessian(W, X, y), rtol=1e-14)
    np.testing.assert_allclose(lc.newton(X, y, sample_weight=ones)[0],
                               lc.newton(X, y)[0], rtol=1e-12)


def test_gradient_descent_path_descends_on_the_weighted_cost():
    X, y = make_data(m=200, n=2)
    v = weights_for(200)
    W_path, cost_path = lc.gradient_descent_path(X, y, alpha=0.5, epochs=20, seed=SEED,
                                                 l2=0.01, sample_weight=v)
    for W, J in zip(W_path, cost_path):
        assert J == pytest.approx(lc.cost(W, X, y, l2=0.01, sample_weight=v), rel=1e-12)
    step = W_path[0] - 0.5 * lc.gradient(W_path[0], X, y, l2=0.01, sample_weight=v)
    np.testing.assert_allclose(W_path[1], step, rtol=1e-12)


def test_the_hessian_of_newton_on_blocks_matches_the_plain_formula_on_many_rows():
    # more rows than one block of the speed machinery (8192)
    X, y = make_data(m=20_000, n=2)
    v = weights_for(20_000)
    W = np.array([0.1, 0.4, -0.2])
    X_tilde = lc.add_intercept(X)
    p = lc.sigmoid(X_tilde @ W)
    want = X_tilde.T @ (X_tilde * (v * p * (1 - p))[:, None]) / 20_000
    np.testing.assert_allclose(lc.hessian(W, X, y, sample_weight=v), want, rtol=1e-10)


# ------------------------------------------------- weights as repeated rows


def test_integer_weights_are_repeated_rows():
    X, y = make_data(m=90, n=2)
    counts = np.random.default_rng(SEED).integers(0, 4, 90)
    counts[0] = 1
    X_rep, y_rep = np.repeat(X, counts, axis=0), np.repeat(y, counts)
    m, m_rep = X.shape[0], X_rep.shape[0]
    W = np.array([0.2, -0.4, 0.9])
    # J_v divides by m: m J_v is the total cost of the repeated rows
    assert m * lc.cost(W, X, y, sample_weight=counts) == pytest.approx(
        m_rep * lc.cost(W, X_rep, y_rep), rel=1e-12)
    np.testing.assert_allclose(lc.newton(X, y, sample_weight=counts)[0],
                               lc.newton(X_rep, y_rep)[0], rtol=1e-8, atol=1e-10)


def test_zero_weight_rows_are_left_out():
    X, y = make_data(m=120, n=2)
    v = np.ones(120)
    v[:30] = 0.0
    np.testing.assert_allclose(lc.newton(X, y, sample_weight=v)[0],
                               lc.newton(X[30:], y[30:])[0], rtol=1e-8, atol=1e-10)


def test_separation_is_judged_on_the_rows_that_count():
    X, y = make_data(m=60, n=1)
    y = (X[:, 0] > 0).astype(int)  # separable
    with pytest.raises(lc.PerfectSeparationError):
        lc.newton(X, y, sample_weight=np.linspace(1, 2, 60))
    flipped = y.copy()
    flipped[0] = 1 - flipped[0]  # a mislabelled row, weight 0: still separable
    v = np.ones(60)
    v[0] = 0.0
    with pytest.raises(lc.PerfectSeparationError):
        lc.newton(X, flipped, sample_weight=v)


# ------------------------------------------------- class weights


@pytest.mark.parametrize("class_weight", [None, "balanced", {0: 1.0, 1: 7.5},
                                          {1: 3.0}])
def test_class_sample_weights_match_scikit_learn(class_weight):
    y = np.array([0] * 37 + [1] * 5 + [0] * 8)
    np.testing.assert_allclose(lc.class_sample_weights(y, class_weight),
                               compute_sample_weight(class_weight, y), rtol=1e-15)


def test_balanced_weights_count_sample_weights_as_scikit_learn_does():
    y = np.array([0] * 37 + [1] * 5 + [0] * 8)
    v = weights_for(50)
    factors = compute_class_weight("balanced", classes=np.array([0, 1]), y=y,
                                   sample_weight=v)
    np.testing.assert_allclose(lc.class_sample_weights(y, "balanced", sample_weight=v),
                               v * factors[y], rtol=1e-14)


def test_balanced_weights_give_every_class_the_same_total():
    y = np.array(["no"] * 97 + ["yes"] * 3)
    v = lc.class_sample_weights(y, "balanced")
    assert v[y == "yes"].sum() == pytest.approx(50.0)
    assert v[y == "no"].sum() == pytest.approx(50.0)
    assert v[y == "yes"][0] == pytest.approx(100 / (2 * 3))


# ------------------------------------------------- the weighted optimum


@pytest.fixture(scope="module")
def imbalanced():
    X, y = make_data(m=600, n=3, seed=SEED + 1)
    y = (lc.sigmoid(-2.5 + X @ np.array([1.0, -0.5, 0.8]))
         > np.random.default_rng(SEED).random(600)).astype(int)
    return X, y


def test_newton_matches_scikit_learn_with_sample_weight(imbalanced):
    X, y = imbalanced
    v = weights_for(len(y))
    W, _ = lc.newton(X, y, sample_weight=v)
    sk = sklearn_unpenalised().fit(X, y, sample_weight=v)
    np.testing.assert_allclose(W, np.r_[sk.intercept_, sk.coef_[0]], atol=1e-6)


@pytest.mark.parametrize("C", [0.05, 1.0])
def test_penalised_weighted_optimum_matches_scikit_learn_with_the_C_mapping(imbalanced, C):
    X, y = imbalanced
    m = len(y)
    v = lc.class_sample_weights(y, "balanced")
    W, _ = lc.newton(X, y, l2=1 / (C * m), sample_weight=v)
    sk = LogisticRegression(C=C, class_weight="balanced", tol=1e-12,
                            max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(W, np.r_[sk.intercept_, sk.coef_[0]], atol=1e-6)


@pytest.mark.parametrize("solver", ["newton", "gd"])
@pytest.mark.parametrize("class_weight", ["balanced", {0: 0.5, 1: 4.0}])
def test_the_estimator_matches_scikit_learn_with_class_and_sample_weights(
        imbalanced, solver, class_weight):
    X, y = imbalanced
    v = weights_for(len(y))
    C = 0.5
    l2 = 1 / (C * len(y))
    ours = lc.LogisticRegressionGD(solver=solver, alpha=1.0, max_iter=50_000, tol=1e-9,
                                   l2=l2, class_weight=class_weight, random_state=SEED)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # neither fit may warn
        ours.fit(X, y, sample_weight=v)
        sk = LogisticRegression(C=C, class_weight=class_weight, tol=1e-12,
                                max_iter=10_000).fit(X, y, sample_weight=v)
    np.testing.assert_allclose(ours.intercept_, sk.intercept_, atol=1e-6)
    np.testing.assert_allclose(ours.coef_, sk.coef_, atol=1e-6)


def test_the_estimator_maps_class_weight_to_the_labels_given(imbalanced):
    X, y = imbalanced
    labels = np.where(y == 1, "yes", "no")
    model = lc.LogisticRegressionGD(solver="newton", tol=1e-12,
                                    class_weight={"yes": 5.0}).fit(X, labels)
    W, _ = lc.newton(X, y, sample_weight=np.where(y == 1, 5.0, 1.0))
    np.testing.assert_allclose(model.intercept_, W[:1], rtol=1e-10)
    np.testing.assert_allclose(model.coef_[0], W[1:], rtol=1e-10)


def test_newton_matches_statsmodels_glm_with_frequency_weights(imbalanced):
    X, y = imbalanced
    counts = np.random.default_rng(SEED).integers(1, 5, len(y))
    W, _ = lc.newton(X, y, sample_weight=counts)
    glm = sm.GLM(y, sm.add_constant(X), family=sm.families.Binomial(),
                 freq_weights=counts).fit(tol=1e-12)
    np.testing.assert_allclose(W, glm.params, atol=1e-7)


def test_the_score_equation_holds_at_the_unpenalised_weighted_optimum(imbalanced):
    # intercept component of the gradient = 0: sum v_i p_i = sum v_i y_i
    X, y = imbalanced
    for v in [np.ones(len(y)), weights_for(len(y)), lc.class_sample_weights(y, "balanced")]:
        W, _ = lc.newton(X, y, sample_weight=v)
        p = lc.predict_proba(W, X)
        assert abs(np.sum(v * p) - np.sum(v * y)) < 1e-8
        # and for every feature: X^T (v (p - y)) = 0
        np.testing.assert_allclose(X.T @ (v * (p - y)), 0.0, atol=1e-8)


def test_reweighting_a_well_specified_model_shifts_the_intercept_by_log_of_the_ratio():
    # prior shift: class weights omega_1 for class 1 and omega_0 for class 0 multiply
    # the odds by omega_1 / omega_0, so the intercept moves by log(omega_1 / omega_0)
    # and the slopes stay
    rng = np.random.default_rng(SEED)
    X = rng.standard_normal((200_000, 2))
    y = (rng.random(200_000) < lc.sigmoid(-3.5 + X @ np.array([1.0, -0.7]))).astype(int)
    omega_1, omega_0 = 10.0, 1.0
    W, _ = lc.newton(X, y)
    W_w, _ = lc.newton(X, y, sample_weight=np.where(y == 1, omega_1, omega_0))
    assert W_w[0] - W[0] == pytest.approx(np.log(omega_1 / omega_0), abs=0.05)
    np.testing.assert_allclose(W_w[1:], W[1:], atol=0.05)


# ------------------------------------------------- validation


@pytest.mark.parametrize("function", [lc.cost, lc.gradient, lc.hessian])
@pytest.mark.parametrize("bad, error, words", [
    (np.ones(7), ValueError, "sample_weight must be a vector with one weight per row"),
    (np.ones((10, 1)), ValueError, "shape (10,)"),
    (np.r_[np.ones(9), -1.0], ValueError, "sample_weight must be >= 0"),
    (np.r_[np.ones(9), np.nan], ValueError, "sample_weight contains NaN"),
    (np.r_[np.ones(9), np.inf], ValueError, "sample_weight contains NaN or infinity"),
    (np.zeros(10), ValueError, "sample_weight is zero for every row"),
    ("balanced", TypeError, "sample_weight must be array-like"),
    (np.ones(10) * 1j, TypeError, "sample_weight must contain real numbers"),
])
def test_bad_sample_weights_are_refused_with_their_name(function, bad, error, words):
    X, y = make_data(m=10, n=2)
    with pytest.raises(error, match="sample_weight") as caught:
        function(np.zeros(3), X, y, sample_weight=bad)
    assert words in str(caught.value)


def test_the_solvers_and_the_estimator_refuse_bad_weights():
    X, y = make_data(m=10, n=2)
    for call in [lambda: lc.newton(X, y, sample_weight=-np.ones(10)),
                 lambda: lc.gradient_descent_path(X, y, sample_weight=np.ones(3)),
                 lambda: lc.LogisticRegressionGD().fit(X, y, sample_weight=np.zeros(10))]:
        with pytest.raises(ValueError, match="sample_weight"):
            call()


@pytest.mark.parametrize("class_weight, error, words", [
    ("balance", TypeError, "class_weight must be None, 'balanced' or a dict"),
    ([1.0, 2.0], TypeError, "class_weight must be None, 'balanced' or a dict"),
    ({2: 1.0}, ValueError, "class_weight names labels that are not in y: [2]"),
    ({1: -1.0}, ValueError, "class_weight must give each class a finite weight >= 0"),
    ({0: 0.0, 1: 0.0}, ValueError, "sample_weight is zero for every row"),
])
def test_bad_class_weights_are_refused_with_their_name(class_weight, error, words):
    y = np.array([0, 1, 1, 0])
    with pytest.raises(error) as caught:
        lc.class_sample_weights(y, class_weight)
    assert words in str(caught.value)
    with pytest.raises(error):
        lc.LogisticRegressionGD(class_weight=class_weight).fit(np.eye(4), y)


# ------------------------------------------------- chapter 14's formulas, by SymPy


def test_the_cost_threshold_is_where_both_decisions_cost_the_same():
    sp = pytest.importorskip("sympy")
    p, c_fp, c_fn = sp.symbols("p c_FP c_FN", positive=True)
    # expected cost of predicting 1 minus that of predicting 0, zero at p*
    difference = (1 - p) * c_fp - p * c_fn
    (p_star,) = sp.solve(sp.Eq(difference, 0), p)
    assert sp.simplify(p_star - c_fp / (c_fp + c_fn)) == 0
    assert sp.diff(difference, p) == -(c_fp + c_fn)  # above p*, predicting 1 is cheaper


def test_weighting_the_classes_multiplies_the_odds_by_the_weight_ratio():
    sp = pytest.importorskip("sympy")
    # q: the true P(y = 1 | x); p: the weighted model's probability there;
    # omega_1, omega_0: the class weights (exercise ex-imbalanced-2)
    p, q, omega0, omega1 = sp.symbols("p q omega_0 omega_1", positive=True)
    weighted_cost = omega1 * q * -sp.log(p) + omega0 * (1 - q) * -sp.log(1 - p)
    (p_best,) = sp.solve(sp.diff(weighted_cost, p), p)
    assert sp.simplify(p_best / (1 - p_best) - (omega1 / omega0) * q / (1 - q)) == 0
    # convex in p: a sum of two positive terms for 0 < p, q < 1
    second = sp.diff(weighted_cost, p, 2)
    assert sp.simplify(second - (omega1 * q / p**2 + omega0 * (1 - q) / (1 - p) ** 2)) == 0


# ------------------------------------------- the step-size bound with weights


def weighted_curvature_bound(X, v):
    """L = lambda_max([1, X]^T diag(v) [1, X] / m) / 4, from the full matrix."""
    X_tilde = lc.add_intercept(X)
    return np.linalg.eigvalsh(X_tilde.T @ (v[:, None] * X_tilde) / X.shape[0])[-1] / 4


def test_the_weighted_bound_is_a_bound_on_the_weighted_hessian():
    X, y = make_data(m=200, n=3)
    v = weights_for(200) * 10
    L = weighted_curvature_bound(X, v)
    for W in np.random.default_rng(SEED).standard_normal((5, 4)):
        assert np.linalg.eigvalsh(lc.hessian(W, X, y, sample_weight=v))[-1] <= L
    assert lc._curvature_bound(X, 0.0, v) == pytest.approx(L, rel=1e-12)
    assert lc._curvature_bound(X, 0.0) == pytest.approx(
        weighted_curvature_bound(X, np.ones(200)), rel=1e-12)


def test_a_step_of_one_over_the_weighted_bound_never_raises_the_weighted_cost():
    X, y = make_data(m=200, n=2)
    v = np.full(200, 30.0)  # the reviewer's case: every row counted 30 times
    alpha = 1 / weighted_curvature_bound(X, v)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no ConvergenceWarning
        _, cost_path = lc.gradient_descent_path(X, y, alpha=alpha, epochs=30,
                                                seed=SEED, sample_weight=v)
    assert np.all(np.diff(cost_path) <= 1e-12)


def test_the_warning_gives_the_weighted_bound_when_the_weighted_cost_rises():
    X, y = make_data(m=200, n=2)
    v = np.full(200, 30.0)
    unweighted_alpha = 1 / weighted_curvature_bound(X, np.ones(200))  # 30 times too big
    with pytest.warns(lc.ConvergenceWarning) as caught:
        lc.gradient_descent_path(X, y, alpha=unweighted_alpha, epochs=30, seed=SEED,
                                 sample_weight=v)
    message = str(caught[0].message)
    L = weighted_curvature_bound(X, v)
    assert f"alpha <= 2/L = {2 / L:.3g}" in message
    assert f"1/L = {1 / L:.3g}" in message
    assert "lambda_max([1, X]^T diag(v) [1, X] / m) / 4 + l2" in message
    assert "v = sample_weight" in message
    assert unweighted_alpha > 2 / L  # the advice is consistent with the step taken


def test_the_estimator_with_class_weights_warns_with_the_weighted_bound():
    X, y = make_data(m=200, n=2)
    y = (np.arange(200) % 10 == 0).astype(int)  # 10% positives: balanced weight 5
    v = lc.class_sample_weights(y, "balanced")
    L = weighted_curvature_bound(X, v)
    with pytest.warns(lc.ConvergenceWarning, match=f"2/L = {2 / L:.3g}"):
        lc.LogisticRegressionGD(solver="gd", alpha=50 / L, max_iter=30,
                                class_weight="balanced", random_state=0).fit(X, y)


def test_balanced_weights_refuse_a_class_whose_sample_weights_are_all_zero():
    y = np.array([0, 0, 1, 1, 1])
    with pytest.raises(ValueError, match=r"sample_weight is zero for every row of class \[0\]"):
        lc.class_sample_weights(y, "balanced", sample_weight=[0, 0, 1, 1, 1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no RuntimeWarning on the way
        with pytest.raises(ValueError, match="class_weight='balanced'"):
            lc.LogisticRegressionGD(class_weight="balanced").fit(
                np.eye(5), y, sample_weight=[0, 0, 1, 1, 1])


def test_balanced_weights_work_for_string_labels_and_three_classes():
    y = np.array(["a", "b", "b", "c", "c", "c"])
    np.testing.assert_allclose(lc.class_sample_weights(y, "balanced"),
                               [2, 1, 1, 2 / 3, 2 / 3, 2 / 3])
    np.testing.assert_allclose(lc.class_sample_weights(y, "balanced"),
                               compute_sample_weight("balanced", y))
