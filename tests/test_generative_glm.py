"""Generative models and the GLM view (core section 11, chapter 15).

LDA-implied logistic weights and Gaussian naive Bayes against scikit-learn; the
exactness of the shared-covariance derivation against Bayes' rule with SciPy's
densities; the deviance and the likelihood-ratio test against statsmodels; the
exponential-family facts of the chapter with SymPy; bad inputs.
"""

import numpy as np
import pytest
import scipy.stats
import sympy as sp
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.naive_bayes import GaussianNB

import logreg_core as lc
from support import SEED, make_data, separable_data


def gaussian_classes(m=400, seed=SEED):
    """Two correlated Gaussian classes with a shared covariance, unequal priors."""
    rng = np.random.default_rng(seed)
    Sigma = np.array([[1.0, 0.6, 0.2], [0.6, 2.0, -0.3], [0.2, -0.3, 0.5]])
    y = (rng.random(m) < 0.35).astype(int)
    mu = np.array([[0.0, 0.0, 0.0], [1.0, -0.5, 0.8]])
    X = mu[y] + rng.multivariate_normal(np.zeros(3), Sigma, size=m)
    return X, y


def statsmodels_logit(X, y):
    import statsmodels.api as sm

    return sm.Logit(y, sm.add_constant(X)).fit(disp=0, method="newton", tol=1e-12)


# ----------------------------------------------------- generative models


def test_lda_weights_match_sklearn_lda_coefficients_and_probabilities():
    X, y = gaussian_classes()
    W = lc.lda_weights(X, y)
    lda = LinearDiscriminantAnalysis(solver="lsqr").fit(X, y)
    # sklearn's lsqr solver uses the pooled covariance divided by m, as we do
    np.testing.assert_allclose(W[1:], lda.coef_.ravel(), rtol=1e-10)
    np.testing.assert_allclose(W[0], lda.intercept_[0], rtol=1e-10)
    np.testing.assert_allclose(lc.predict_proba(W, X), lda.predict_proba(X)[:, 1],
                               rtol=1e-10, atol=1e-14)


def test_lda_covariance_is_the_pooled_mle_that_sklearn_stores():
    X, y = gaussian_classes()
    lda = LinearDiscriminantAnalysis(solver="lsqr", store_covariance=True).fit(X, y)
    mu = np.array([X[y == k].mean(axis=0) for k in (0, 1)])
    centred = X - mu[y]
    np.testing.assert_allclose(centred.T @ centred / len(y), lda.covariance_, rtol=1e-12)
    # so the weights are Sigma^-1 (mu_1 - mu_0) with that Sigma
    W = lc.lda_weights(X, y)
    np.testing.assert_allclose(W[1:], np.linalg.solve(lda.covariance_, mu[1] - mu[0]),
                               rtol=1e-10)


def test_shared_covariance_posterior_by_bayes_rule_is_exactly_logistic():
    # true parameters, densities from SciPy: Bayes' rule equals sigmoid(w0 + w.x)
    rng = np.random.default_rng(SEED)
    mu0, mu1 = np.array([0.5, -1.0]), np.array([-0.3, 0.7])
    Sigma = np.array([[1.5, 0.4], [0.4, 0.8]])
    pi1 = 0.3
    x = rng.normal(scale=3, size=(50, 2))
    joint1 = pi1 * scipy.stats.multivariate_normal(mu1, Sigma).pdf(x)
    joint0 = (1 - pi1) * scipy.stats.multivariate_normal(mu0, Sigma).pdf(x)
    posterior = joint1 / (joint0 + joint1)
    A0, A1 = np.linalg.solve(Sigma, mu0), np.linalg.solve(Sigma, mu1)
    w0 = -mu1 @ A1 / 2 + mu0 @ A0 / 2 + np.log(pi1 / (1 - pi1))
    np.testing.assert_allclose(lc.sigmoid(w0 + x @ (A1 - A0)), posterior, rtol=1e-9)


def test_lda_posterior_log_odds_are_linear_in_one_dimension_by_sympy():
    x, m0, m1, s, p = sp.symbols("x mu_0 mu_1 s pi_1", real=True)
    s = sp.Symbol("s", positive=True)

    def log_density(mu):
        return -sp.log(s * sp.sqrt(2 * sp.pi)) - (x - mu) ** 2 / (2 * s**2)

    log_odds = sp.log(p / (1 - p)) + log_density(m1) - log_density(m0)
    w = (m1 - m0) / s**2
    w0 = (m0**2 - m1**2) / (2 * s**2) + sp.log(p / (1 - p))
    assert sp.simplify(sp.expand(log_odds - (w0 + w * x))) == 0


def test_lda_weights_are_invariant_to_row_order():
    X, y = gaussian_classes()
    order = np.random.default_rng(SEED).permutation(len(y))
    np.testing.assert_allclose(lc.lda_weights(X[order], y[order]), lc.lda_weights(X, y),
                               rtol=1e-12)


def test_naive_bayes_matches_sklearn_gaussian_nb():
    X, y = gaussian_classes()
    params = lc.naive_bayes_fit(X, y)
    nb = GaussianNB(var_smoothing=0.0).fit(X, y)
    means, variances, priors = params
    np.testing.assert_allclose(means, nb.theta_, rtol=1e-12)
    np.testing.assert_allclose(variances, nb.var_, rtol=1e-12)
    np.testing.assert_allclose(priors, nb.class_prior_, rtol=1e-12)
    p = lc.sigmoid(lc.naive_bayes_log_odds(params, X))
    np.testing.assert_allclose(p, nb.predict_proba(X)[:, 1], rtol=1e-9, atol=1e-14)


def test_naive_bayes_log_odds_stay_finite_far_from_the_data():
    X, y = gaussian_classes()
    params = lc.naive_bayes_fit(X, y)
    far = np.full((1, 3), 1e3)  # every density underflows to 0 here
    z = lc.naive_bayes_log_odds(params, far)
    assert np.isfinite(z).all()
    nb = GaussianNB(var_smoothing=0.0).fit(X, y)
    np.testing.assert_allclose(z, np.diff(nb.predict_joint_log_proba(far), axis=1).ravel(),
                               rtol=1e-10)


def test_naive_bayes_with_equal_variances_is_linear():
    # the log-odds of naive Bayes are quadratic in x unless s_0j = s_1j
    X, y = gaussian_classes()
    means, _, priors = lc.naive_bayes_fit(X, y)
    params = (means, np.ones_like(means), priors)
    grid = np.linspace(-3, 3, 7)
    line = np.column_stack([grid, np.zeros(7), np.zeros(7)])
    second_differences = np.diff(lc.naive_bayes_log_odds(params, line), 2)
    np.testing.assert_allclose(second_differences, 0, atol=1e-12)


# ------------------------------------------------------------ the GLM view


def test_bernoulli_exponential_family_facts_by_sympy():
    eta, yy = sp.symbols("eta y", real=True)
    p = 1 / (1 + sp.exp(-eta))
    A = sp.log(1 + sp.exp(eta))
    # p^y (1 - p)^(1 - y) = exp(y eta - A(eta)), for y = 0 and y = 1
    for value in (0, 1):
        lhs = p**value * (1 - p) ** (1 - value)
        assert sp.simplify(lhs - sp.exp(value * eta - A)) == 0
    assert sp.simplify(sp.diff(A, eta) - p) == 0  # A' = mean
    assert sp.simplify(sp.diff(A, eta, 2) - p * (1 - p)) == 0  # A'' = variance
    # the natural parameter is the logit of the mean: canonical link
    q = sp.Symbol("q", positive=True)
    assert sp.simplify(p.subs(eta, sp.log(q / (1 - q))) - q) == 0


def test_deviance_is_twice_m_times_the_cost():
    X, y = make_data()
    W = np.array([0.3, -0.2, 0.5, 1.0])
    assert lc.deviance(W, X, y) == pytest.approx(2 * len(y) * lc.cost(W, X, y), rel=1e-14)


def test_deviance_matches_statsmodels_glm_and_logit():
    import statsmodels.api as sm

    X, y = make_data()
    W, _ = lc.newton(X, y)
    glm = sm.GLM(y, sm.add_constant(X), family=sm.families.Binomial()).fit(tol=1e-12)
    np.testing.assert_allclose(lc.deviance(W, X, y), glm.deviance, rtol=1e-9)
    np.testing.assert_allclose(lc.deviance(W, X, y), -2 * statsmodels_logit(X, y).llf,
                               rtol=1e-9)


def test_lr_test_against_intercept_only_matches_statsmodels_llr():
    X, y = make_data()
    G2, df, p = lc.likelihood_ratio_test(X, y, drop=[0, 1, 2])
    fit = statsmodels_logit(X, y)
    assert df == fit.df_model == 3
    np.testing.assert_allclose(G2, fit.llr, rtol=1e-8)
    np.testing.assert_allclose(p, fit.llr_pvalue, rtol=1e-6)


def test_lr_test_for_a_nested_model_matches_two_statsmodels_fits():
    X, y = make_data(m=300, n=4)
    G2, df, p = lc.likelihood_ratio_test(X, y, drop=[1, 3])
    full, reduced = statsmodels_logit(X, y), statsmodels_logit(X[:, [0, 2]], y)
    assert df == 2
    np.testing.assert_allclose(G2, 2 * (full.llf - reduced.llf), rtol=1e-8)
    np.testing.assert_allclose(p, scipy.stats.chi2.sf(2 * (full.llf - reduced.llf), 2),
                               rtol=1e-6)


def test_lr_test_of_one_column_accepts_an_int_and_is_close_to_wald():
    X, y = make_data(m=2000, n=3)
    G2, df, p = lc.likelihood_ratio_test(X, y, drop=1)
    assert (G2, df, p) == lc.likelihood_ratio_test(X, y, drop=[1])
    W, _ = lc.newton(X, y)
    wald = (W[2] / lc.standard_errors(W, X, y)[2]) ** 2
    assert G2 == pytest.approx(wald, rel=0.05)  # asymptotically equivalent


def test_lr_statistic_is_non_negative_for_a_useless_feature():
    rng = np.random.default_rng(SEED)
    X, y = make_data(m=200, n=2)
    X = np.column_stack([X, rng.standard_normal(200)])  # noise column
    G2, df, p = lc.likelihood_ratio_test(X, y, drop=2)
    assert G2 >= 0 and df == 1 and 0 < p <= 1


# ------------------------------------------------------------- validation


@pytest.mark.parametrize("function", [lc.lda_weights, lc.naive_bayes_fit])
def test_generative_fits_need_both_classes(function):
    X, _ = make_data(m=20)
    with pytest.raises(ValueError, match="0 sample.*class 1"):
        function(X, np.zeros(20))


@pytest.mark.parametrize("function", [lc.lda_weights, lc.naive_bayes_fit])
def test_generative_fits_reject_non_binary_labels(function):
    X, _ = make_data(m=20)
    with pytest.raises(ValueError, match="y must contain only the labels 0 and 1"):
        function(X, np.arange(20) % 3)


def test_lda_refuses_a_singular_covariance_with_a_hint():
    X, y = make_data(m=50)
    X = np.column_stack([X, X[:, 0] + X[:, 1]])
    with pytest.raises(ValueError, match="pooled covariance of X is singular"):
        lc.lda_weights(X, y)


def test_lda_refuses_fewer_than_n_plus_2_samples():
    # the pooled scatter around 2 class means has rank at most m - 2 < n
    X, y = make_data(m=50)
    n = X.shape[1]
    with pytest.raises(ValueError, match="fewer samples than features \\+ 2"):
        lc.lda_weights(X[: n + 1], np.arange(n + 1) % 2)


def test_lr_test_against_intercept_only_equals_the_null_deviance_formula():
    # exercise (c): D = -2m [ybar log ybar + (1 - ybar) log(1 - ybar)]
    X, y = make_data(m=80)
    y_bar = y.mean()
    null = -2 * len(y) * (y_bar * np.log(y_bar) + (1 - y_bar) * np.log(1 - y_bar))
    W_full, _ = lc.newton(X, y)
    G2, df, _ = lc.likelihood_ratio_test(X, y, drop=np.arange(X.shape[1]))
    assert df == X.shape[1]
    assert G2 == pytest.approx(null - lc.deviance(W_full, X, y), rel=1e-10)


def test_naive_bayes_refuses_a_feature_constant_within_a_class():
    X, y = make_data(m=50)
    X[y == 1, 2] = 4.0
    with pytest.raises(ValueError, match="feature 2 is constant within class 1"):
        lc.naive_bayes_fit(X, y)


def test_naive_bayes_log_odds_checks_params_and_features():
    X, y = make_data(m=50)
    params = lc.naive_bayes_fit(X, y)
    with pytest.raises(TypeError, match="params must be the tuple"):
        lc.naive_bayes_log_odds(params[0], X)
    with pytest.raises(ValueError, match="X has 2 features but params were fitted on 3"):
        lc.naive_bayes_log_odds(params, X[:, :2])
    with pytest.raises(ValueError, match="params must hold means"):
        lc.naive_bayes_log_odds((params[0], params[1][:, :2], params[2]), X)


@pytest.mark.parametrize("drop, error, words", [
    (3, ValueError, "between 0 and 2"),
    ([-1], ValueError, "between 0 and 2"),
    ([], ValueError, "at least one column"),
    ([1, 1], ValueError, "names a column twice"),
    (1.0, TypeError, "drop must be a column index"),
    ("x1", TypeError, "drop must be a column index"),
    (True, TypeError, "drop must be a column index"),
])
def test_lr_test_rejects_bad_drop(drop, error, words):
    X, y = make_data()
    with pytest.raises(error, match=words):
        lc.likelihood_ratio_test(X, y, drop)


def test_deviance_names_swapped_arguments():
    X, y = make_data()
    with pytest.raises(ValueError, match="W and X seem swapped"):
        lc.deviance(X, np.zeros(4), y)


def test_lr_test_refuses_separable_data_like_newton():
    X, y = separable_data()
    with pytest.raises(lc.PerfectSeparationError):
        lc.likelihood_ratio_test(X, y, drop=1)


def test_chapter_figures_for_psi_on_the_spector_data():
    # chapter 15 quotes G^2 = 6.20, p = 0.013 (LR) against p = 0.025 (Wald)
    import statsmodels.api as sm

    data = sm.datasets.spector.load_pandas().data
    X, y = data[["GPA", "TUCE", "PSI"]].to_numpy(), data["GRADE"].to_numpy()
    G2, df, p = lc.likelihood_ratio_test(X, y, drop=2)
    assert (round(G2, 2), df, round(p, 3)) == (6.20, 1, 0.013)
    W, _ = lc.newton(X, y)
    t = W[3] / lc.standard_errors(W, X, y)[3]
    assert round(2 * scipy.stats.norm.sf(abs(t)), 3) == 0.025
