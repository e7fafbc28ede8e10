"""The estimator LogisticRegressionGD (logreg_core section 6): scikit-learn's own estimator
checks, its meta-estimators (pipelines, cross-validation, grid search), the fitted
attributes against scikit-learn's LogisticRegression, and the loop it shares with
gradient_descent_path and newton. Bad hyperparameters are in test_validation.py.

The checks run with warnings as errors (pytest.ini), with one exception taken from
scikit-learn's own common tests (sklearn/tests/test_common.py::test_estimators, which
runs every check under ``ignore_warnings(category=ConvergenceWarning, ...)``): the
check data are often separable or unscaled (e.g. features around 100), where
gradient descent with a fixed learning rate and no penalty cannot reach ``tol`` in
``max_iter`` steps and says so with a ConvergenceWarning. Newton's method with a
penalty converges on all of them, so its checks run with every warning an error.
"""

import warnings

import numpy as np
import pytest
from sklearn.base import is_classifier
from sklearn.datasets import make_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold, check_cv, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import estimator_checks_generator, parametrize_with_checks

import logreg_core as lc
from support import SEED

# the binary-only restriction is declared through the tags; one expected failure
ESTIMATORS = [
    lc.LogisticRegressionGD(),
    lc.LogisticRegressionGD(solver="gd", alpha=0.5, l2=1e-3),
    lc.LogisticRegressionGD(solver="newton", l2=1e-4),
]
EXPECTED_FAILURES = {
    "check_sample_weight_equivalence_on_dense_data":
        "the cost is a mean over the m rows, so repeating rows raises m: the penalty "
        "l2 = 1/(C m) weighs less, and gradient descent takes other steps. Weights "
        "equal repeated rows at the unpenalised optimum (tests/test_weights.py).",
}


@parametrize_with_checks(ESTIMATORS, expected_failed_checks=lambda estimator: EXPECTED_FAILURES)
def test_passes_the_scikit_learn_estimator_checks(estimator, check):
    with warnings.catch_warnings():
        if estimator.solver == "gd":
            warnings.simplefilter("ignore", ConvergenceWarning)
        check(estimator)


def test_scikit_learn_treats_it_as_a_binary_only_classifier():
    model = lc.LogisticRegressionGD()
    # a classifier: cross-validation with an integer cv stratifies its folds
    y = np.repeat([0, 1], 10)
    assert isinstance(check_cv(5, y, classifier=is_classifier(model)), StratifiedKFold)
    # binary only: scikit-learn's checks include the one that fit refuses multi-class y
    checks = {check.func.__name__ for _, check in estimator_checks_generator(model)}
    assert "check_classifier_not_supporting_multiclass" in checks


def unscaled_data(m=300, n=5, seed=SEED):
    """Two overlapping classes whose features have very different scales and means."""
    X, y = make_classification(n_samples=m, n_features=n, n_informative=min(n, 3),
                               n_redundant=0, flip_y=0.05, class_sep=1.2, random_state=seed)
    return X * [1.0, 10.0, 0.1, 5.0, 1.0][:n] + 3.0, y  # unscaled features


def test_works_in_a_pipeline_and_matches_scikit_learn():
    X, y = unscaled_data()
    ours = make_pipeline(StandardScaler(), lc.LogisticRegressionGD(solver="newton"))
    theirs = make_pipeline(StandardScaler(), LogisticRegression(C=np.inf, tol=1e-10))
    ours.fit(X, y)
    theirs.fit(X, y)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=1e-6)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    assert ours.score(X, y) == pytest.approx(theirs.score(X, y))
    assert ours.score(X, y) > 0.75


def test_cross_val_score_gives_the_same_scores_as_scikit_learn():
    X, y = unscaled_data()
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    ours = cross_val_score(
        make_pipeline(StandardScaler(),
                      lc.LogisticRegressionGD(alpha=1.0, max_iter=5000, random_state=SEED)),
        X, y, cv=folds)
    theirs = cross_val_score(make_pipeline(StandardScaler(), LogisticRegression(C=np.inf)),
                             X, y, cv=folds)
    assert ours.shape == (5,)
    np.testing.assert_allclose(ours, theirs, atol=1 / 60 + 1e-12)  # at most one sample per fold
    assert ours.mean() > 0.7


def test_grid_search_tunes_l2_and_solver_with_string_labels():
    X, y = unscaled_data(m=200)
    labels = np.array(["no", "yes"])[y]
    search = GridSearchCV(
        make_pipeline(StandardScaler(),
                      lc.LogisticRegressionGD(alpha=1.0, max_iter=5000, random_state=SEED)),
        {"logisticregressiongd__l2": [0.0, 0.01, 1.0],
         "logisticregressiongd__solver": ["gd", "newton"]},
        cv=StratifiedKFold(n_splits=3, shuffle=True, random_state=SEED),
    )
    search.fit(X, labels)
    assert search.cv_results_["mean_test_score"].shape == (6,)
    assert np.isfinite(search.cv_results_["mean_test_score"]).all()
    assert search.best_params_["logisticregressiongd__l2"] in (0.0, 0.01, 1.0)
    best = search.best_estimator_[-1]
    assert list(best.classes_) == ["no", "yes"]
    assert set(search.predict(X)) <= {"no", "yes"}
    # a strong penalty shrinks the weights: the search must have seen it score worse
    scores = dict(zip(map(str, search.cv_results_["params"]),
                      search.cv_results_["mean_test_score"]))
    strong = scores[str({"logisticregressiongd__l2": 1.0,
                         "logisticregressiongd__solver": "newton"})]
    assert strong < search.best_score_


@pytest.mark.parametrize("solver", ["gd", "newton"])
@pytest.mark.parametrize("C", [0.05, 1.0])
def test_fitted_attributes_match_scikit_learn_with_the_C_mapping(solver, C):
    X, y = unscaled_data(m=250, n=3)
    X = StandardScaler().fit_transform(X)
    l2 = 1 / (C * X.shape[0])
    model = lc.LogisticRegressionGD(solver=solver, alpha=1.0, max_iter=20_000, tol=1e-10,
                                    l2=l2, random_state=0).fit(X, y)
    reference = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(model.coef_, reference.coef_, rtol=1e-5)
    np.testing.assert_allclose(model.intercept_, reference.intercept_, rtol=1e-5)
    assert model.coef_.shape == (1, 3) and model.intercept_.shape == (1,)
    assert model.n_iter_ == len(model.loss_curve_) - 1 >= 1
    W = np.concatenate([model.intercept_, model.coef_[0]])
    assert model.loss_curve_[-1] == pytest.approx(lc.cost(W, X, y, l2=l2), rel=1e-12)
    assert np.all(np.diff(model.loss_curve_) <= 1e-15)


def test_methods_agree_with_the_module_functions():
    X, y = unscaled_data(m=120, n=3)
    model = lc.LogisticRegressionGD(solver="newton", tol=1e-10).fit(X, np.where(y == 1, 7, -7))
    W = np.concatenate([model.intercept_, model.coef_[0]])
    np.testing.assert_array_equal(model.classes_, [-7, 7])
    np.testing.assert_allclose(model.decision_function(X), lc.logits(W, X), rtol=1e-15)
    proba = model.predict_proba(X)
    np.testing.assert_allclose(proba[:, 1], lc.predict_proba(W, X), rtol=1e-15)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_array_equal(model.predict(X), np.array([-7, 7])[lc.predict(W, X)])
    W_newton, _ = lc.newton(X, y)
    np.testing.assert_allclose(W, W_newton, rtol=1e-10)


def test_gradient_descent_stops_when_the_gradient_is_below_tol():
    X, y = unscaled_data(m=200, n=2)
    X = StandardScaler().fit_transform(X)
    model = lc.LogisticRegressionGD(alpha=1.0, max_iter=10_000, tol=1e-4, random_state=0)
    model.fit(X, y)
    W = np.concatenate([model.intercept_, model.coef_[0]])
    assert 1 <= model.n_iter_ < 10_000
    assert np.abs(lc.gradient(W, X, y)).max() < 1e-4
    W_path, _ = lc.gradient_descent_path(X, y, alpha=1.0, epochs=model.n_iter_ - 1,
                                         W0=np.random.default_rng(0).standard_normal(3))
    assert np.abs(lc.gradient(W_path[-1], X, y)).max() >= 1e-4  # not one step earlier


def test_the_estimator_and_logistic_regression_run_the_loop_of_gradient_descent_path():
    X, y = unscaled_data(m=200, n=2)
    X = StandardScaler().fit_transform(X)
    W0 = np.random.default_rng(5).standard_normal(3)
    W_path, cost_path = lc.gradient_descent_path(X, y, alpha=1.0, epochs=2000, W0=W0,
                                                 l2=1e-3)
    model = lc.LogisticRegressionGD(alpha=1.0, max_iter=2000, tol=1e-5, l2=1e-3,
                                    random_state=5).fit(X, y)
    k = model.n_iter_
    assert 0 < k < 2000
    np.testing.assert_array_equal(np.r_[model.intercept_, model.coef_[0]], W_path[k])
    np.testing.assert_array_equal(model.loss_curve_, cost_path[: k + 1])
    W, history = lc.logistic_regression(X, y, alpha=1.0, epochs=2000, W0=W0, l2=1e-3)
    np.testing.assert_array_equal(W, W_path[-1])
    assert history == cost_path[:-1].tolist()


def test_the_same_random_state_gives_the_same_fit():
    X, y = unscaled_data(m=100, n=2)
    first = lc.LogisticRegressionGD(max_iter=50, tol=1e-12, random_state=3)
    second = lc.LogisticRegressionGD(max_iter=50, tol=1e-12, random_state=3)
    with pytest.warns(ConvergenceWarning, match="max_iter=50"):
        first.fit(X, y)
    with pytest.warns(ConvergenceWarning):
        second.fit(X, y)
    np.testing.assert_array_equal(first.coef_, second.coef_)
    assert first.n_iter_ == 50 and len(first.loss_curve_) == 51


def test_separable_data_raise_for_unpenalised_newton_but_not_with_l2():
    rng = np.random.default_rng(SEED)
    X = rng.standard_normal((60, 2))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    with pytest.raises(lc.PerfectSeparationError, match="perfectly separable.*set l2 > 0"):
        lc.LogisticRegressionGD(solver="newton").fit(X, y)
    model = lc.LogisticRegressionGD(solver="newton", l2=1e-3).fit(X, y)
    assert model.score(X, y) == 1.0
    with pytest.warns(ConvergenceWarning, match="separable"):
        lc.LogisticRegressionGD(max_iter=200, random_state=0).fit(X, y)


def test_random_state_accepts_generators_and_legacy_random_states():
    X, y = unscaled_data(m=60, n=2)
    for state in (np.random.default_rng(1), np.random.RandomState(1), 1, None):
        model = lc.LogisticRegressionGD(max_iter=20, tol=1e-12, random_state=state)
        with pytest.warns(ConvergenceWarning):
            model.fit(X, y)
        assert np.isfinite(model.coef_).all()


def test_newton_solver_reports_every_iterate_when_it_stops_at_max_iter():
    X, y = unscaled_data(m=200, n=3)
    with pytest.warns(lc.ConvergenceWarning, match="max_iter=2"):
        model = lc.LogisticRegressionGD(solver="newton", max_iter=2).fit(X, y)
    assert model.n_iter_ == 2 and len(model.loss_curve_) == 3
    W = np.concatenate([model.intercept_, model.coef_[0]])
    assert model.loss_curve_[-1] == pytest.approx(lc.cost(W, X, y), rel=1e-12)
