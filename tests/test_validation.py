"""What logreg_core accepts and what it refuses.

* accepted: array-likes (lists, Fortran order, float32, pandas, bool labels), integer
  features, NumPy integers; the caller's arrays are only read, never written;
* refused: every bad input to a function or to the estimator, each with the exception
  type and a message that names the argument (CONVENTIONS.md). A new bad-input test
  goes here, whichever function receives the input.
"""

import re

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_classification

import logreg_core as lc
from support import SEED, make_data, make_multiclass

X_OK, Y_OK = make_data(m=20, n=2)


# ------------------------------------------------------------------ accepted


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


def test_numpy_integer_epochs_are_accepted():
    W_path, _ = lc.gradient_descent_path(X_OK, Y_OK, epochs=np.int64(3), seed=0)
    assert W_path.shape == (4, 3)


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


# ------------------------------------------------------------- X, y, W, W0


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


def test_sigmoid_rejects_non_numbers():
    with pytest.raises(TypeError, match="z must be array-like of numbers; got str"):
        lc.sigmoid("1.0")


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda W, X, y: lc.sigmoid(1 + 2j), id="sigmoid-scalar"),
        pytest.param(lambda W, X, y: lc.sigmoid(np.array([1 + 2j])), id="sigmoid-array"),
        pytest.param(lambda W, X, y: lc.cost(W, X + 0j, y), id="cost-X"),
        pytest.param(lambda W, X, y: lc.predict(W + 1j, X), id="predict-W"),
        pytest.param(lambda W, X, y: lc.gradient_descent_path(X, y + 0j), id="descent-y"),
        pytest.param(lambda W, X, y: lc.softmax(np.array([[1j, 0.0]])), id="softmax-Z"),
    ],
)
def test_complex_numbers_are_refused_as_complex_not_as_categories(call):
    with pytest.raises(TypeError, match=r"must contain real numbers; got complex numbers") as raised:
        call(np.zeros(3), X_OK, Y_OK)
    assert "categorical" not in str(raised.value)
    assert "np.real(" in str(raised.value)


@pytest.mark.parametrize("W", [[0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [[0.0, 0.0, 0.0]]])
def test_W_of_the_wrong_length_is_rejected(W):
    for function in (lc.logits, lc.predict_proba, lc.predict):
        with pytest.raises(ValueError, match=r"W must be a vector of length n_features \+ 1 = 3"):
            function(W, X_OK)
    with pytest.raises(ValueError, match="W must be a vector of length"):
        lc.cost(W, X_OK, Y_OK)
    with pytest.raises(ValueError, match="W must be a vector of length"):
        lc.gradient(W, X_OK, Y_OK)


@pytest.mark.parametrize(
    ("call", "right_call"),
    [
        pytest.param(lambda W, X, y: lc.predict(X, W), "predict(W, X)", id="predict"),
        pytest.param(lambda W, X, y: lc.logits(X, W), "logits(W, X)", id="logits"),
        pytest.param(lambda W, X, y: lc.predict_proba(X, W), "predict_proba(W, X)",
                     id="predict_proba"),
        pytest.param(lambda W, X, y: lc.cost(X, W, y), "cost(W, X, y)", id="cost"),
        pytest.param(lambda W, X, y: lc.gradient(X, W, y), "gradient(W, X, y)", id="gradient"),
        pytest.param(lambda W, X, y: lc.hessian(X, W, y), "hessian(W, X, y)", id="hessian"),
        pytest.param(lambda W, X, y: lc.predict(X[:, :1], W[:2]), "predict(W, X)",
                     id="predict-one-feature"),
    ],
)
def test_swapped_W_and_X_are_named_as_swapped(call, right_call):
    W = np.array([0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match=r"^W and X seem swapped: got W of shape \((20, [12])\) "
                                         r"and X of shape \([23],\)\. The weights come first: "
                                         + re.escape(right_call) + r"\.$"):
        call(W, X_OK, Y_OK)


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda X, y: lc.logistic_regression(y, X), id="logistic_regression"),
        pytest.param(lambda X, y: lc.gradient_descent_path(y, X, 0.1, 5), id="descent-path"),
        pytest.param(lambda X, y: lc.newton(y, X), id="newton"),
        pytest.param(lambda X, y: lc.softmax_gradient_descent(y, X), id="softmax"),
    ],
)
def test_swapped_X_and_y_are_named_as_swapped(call):
    with pytest.raises(ValueError, match=r"^X and y seem swapped: got X of shape \(20,\) holding "
                                         r"labels and y of shape \(20, 2\)\. The features X "
                                         "come first"):
        call(X_OK, Y_OK)


def test_a_one_dimensional_X_that_is_not_swapped_keeps_the_reshape_hint():
    with pytest.raises(ValueError, match=r"X must be 2-D.*reshape\(-1, 1\)"):
        lc.predict([0.1, 0.2], X_OK[:, 0])  # one feature, not reshaped
    with pytest.raises(ValueError, match=r"X must be 2-D.*reshape\(-1, 1\)"):
        lc.logistic_regression(X_OK[:, 0] + 0.5, Y_OK)


@pytest.mark.parametrize("function", [lc.cost, lc.gradient, lc.hessian])
def test_l2_passed_by_position_gets_a_message_naming_l2(function):
    name = function.__name__
    with pytest.raises(TypeError, match=re.escape(f"{name}() takes l2 as a keyword: write "
                                                  f"{name}(W, X, y, l2=0.1)")):
        function(np.zeros(3), X_OK, Y_OK, 0.1)
    function(np.zeros(3), X_OK, Y_OK, l2=0.1)  # by keyword: fine


@pytest.mark.parametrize("function", [lc.softmax_cost, lc.softmax_gradient])
def test_softmax_l2_passed_by_position_gets_a_message_naming_l2(function):
    with pytest.raises(TypeError, match=r"takes l2 as a keyword: write .*\(W, X, y, l2=0\.1\)"):
        function(np.zeros((3, 2)), X_OK, Y_OK, 0.1)


def test_missing_arguments_still_get_pythons_message_with_the_functions_name():
    with pytest.raises(TypeError, match=r"cost\(\) missing 1 required positional argument: 'y'"):
        lc.cost(np.zeros(3), X_OK)


@pytest.mark.parametrize("W0", [[0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, np.nan, 0.0]])
def test_W0_of_the_wrong_length_or_not_finite_is_rejected(W0):
    with pytest.raises(ValueError, match="W0"):
        lc.gradient_descent_path(X_OK, Y_OK, W0=W0)
    with pytest.raises(ValueError, match="W0"):
        lc.logistic_regression(X_OK, Y_OK, W0=W0)


@pytest.mark.parametrize("threshold", [0.0, 1.0, -0.5, 1.5, float("nan")])
def test_predict_rejects_thresholds_outside_0_1(threshold):
    X, y = make_data()
    with pytest.raises(ValueError, match="threshold"):
        lc.predict(np.zeros(4), X, threshold)


def test_decision_boundary_explains_a_vertical_line_and_wrong_length():
    with pytest.raises(ValueError, match=r"W\[2\] is 0"):
        lc.decision_boundary([1.0, 2.0, 0.0], [0.0, 1.0])
    with pytest.raises(ValueError, match="W must be a vector of length"):
        lc.decision_boundary([1.0, 2.0, 3.0, 4.0], [0.0])


def test_hessian_and_standard_errors_reject_bad_W_y_and_X():
    X, y = make_data(m=20, n=2)
    with pytest.raises(ValueError, match=r"W must be a vector of length n_features \+ 1 = 3"):
        lc.hessian([0.0, 1.0], X, y)
    with pytest.raises(ValueError, match="y must contain only the labels 0 and 1"):
        lc.standard_errors(np.zeros(3), X, y + 1)
    with pytest.raises(ValueError, match="X must be 2-D"):
        lc.standard_errors(np.zeros(2), X[:, 0], y)


# ------------------------------------------------------------ hyperparameters


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


def _curvature_bound(X):
    X_tilde = lc.add_intercept(X)
    return np.linalg.eigvalsh(X_tilde.T @ X_tilde / X.shape[0])[-1] / 4


@pytest.mark.parametrize("fit", [
    pytest.param(lambda X, y: lc.gradient_descent_path(X, y, alpha=1e6, seed=0),
                 id="gradient_descent_path"),
    pytest.param(lambda X, y: lc.logistic_regression(X, y, alpha=1e6, seed=0),
                 id="logistic_regression"),
])
def test_a_step_that_makes_the_cost_end_above_its_start_warns_with_the_bound(fit):
    X, y = make_data(m=200, n=3)
    with pytest.warns(lc.ConvergenceWarning) as caught:
        fit(X, y)
    assert len(caught) == 1
    message = str(caught[0].message)
    assert re.search(r"the cost rose in \d+ of 30 epochs and ended above where it started", message)
    assert "alpha=1e+06 is too large" in message
    assert f"alpha <= 2/L = {2 / _curvature_bound(X):.3g}" in message
    assert f"1/L = {1 / _curvature_bound(X):.3g}" in message


def test_the_estimator_warns_once_when_its_cost_rises():
    X, y = make_data(m=200, n=3)
    with pytest.warns(lc.ConvergenceWarning) as caught:
        lc.LogisticRegressionGD(alpha=1e6, max_iter=50, random_state=0).fit(X, y)
    assert [str(w.message).split(":")[0] for w in caught] == ["Gradient descent did not descend"]


def test_the_bound_in_the_warning_includes_the_penalty():
    X, y = make_data(m=200, n=3)
    with pytest.warns(lc.ConvergenceWarning, match=re.escape(
            f"+ l2 = {_curvature_bound(X) + 0.5:.3g}")):
        lc.gradient_descent_path(X, y, alpha=10.0, seed=0, l2=0.5)


def test_gradient_descent_path_rejects_a_tol_that_is_not_positive():
    with pytest.raises(ValueError, match="tol must be a positive"):
        lc.gradient_descent_path(X_OK, Y_OK, tol=0.0)


def test_seed_must_be_none_an_integer_or_a_generator():
    with pytest.raises(TypeError, match="seed must be None"):
        lc.gradient_descent_path(X_OK, Y_OK, seed="zero")


def test_newton_rejects_a_negative_tol_and_a_zero_max_iter():
    X, y = make_data()
    with pytest.raises(ValueError, match="tol"):
        lc.newton(X, y, tol=-1.0)
    with pytest.raises(ValueError, match="max_iter"):
        lc.newton(X, y, max_iter=0)


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


def test_numerical_gradient_needs_a_callable_and_a_positive_eps():
    with pytest.raises(TypeError, match="f must be a callable"):
        lc.numerical_gradient("cost", [1.0])
    with pytest.raises(ValueError, match="eps"):
        lc.numerical_gradient(np.sum, [1.0], eps=0.0)


# ------------------------------------------------------------------ estimator


@pytest.mark.parametrize(
    ("params", "error", "message"),
    [
        ({"solver": "lbfgs"}, ValueError, "solver must be 'gd' or 'newton'; got 'lbfgs'"),
        ({"alpha": 0.0}, ValueError, "alpha must be a positive"),
        ({"alpha": "0.1"}, TypeError, "alpha must be a positive"),
        ({"max_iter": 0}, ValueError, "max_iter must be an integer >= 1"),
        ({"max_iter": 10.0}, TypeError, "max_iter must be an integer >= 1"),
        ({"tol": -1e-3}, ValueError, "tol must be a positive"),
        ({"l2": -1.0}, ValueError, "l2 must be a non-negative finite number"),
        ({"l2": None}, TypeError, "l2 must be a non-negative real number"),
        ({"random_state": "seed"}, TypeError, "random_state must be None"),
    ],
)
def test_bad_hyperparameters_are_rejected_at_fit_naming_the_parameter(params, error, message):
    X, y = make_data(m=40, n=2)
    model = lc.LogisticRegressionGD(**params)  # never raises in __init__ (scikit-learn rule)
    with pytest.raises(error, match=message):
        model.fit(X, y)


def test_the_estimator_rejects_more_than_two_classes_with_a_pointer_to_softmax():
    X, y = make_classification(n_samples=90, n_features=4, n_informative=3, n_redundant=0,
                               n_classes=3, random_state=SEED)
    with pytest.raises(ValueError, match="Only binary.*got 3 classes.*softmax_gradient_descent"):
        lc.LogisticRegressionGD().fit(X, y)
    with pytest.raises(ValueError, match="got 1 class "):
        lc.LogisticRegressionGD().fit(X, np.zeros(90))


# -------------------------------------------------------------------- softmax


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
        pytest.param(lambda X, y: lc.softmax_gradient_descent(X, y + 1), ValueError,
                     r"y holds the labels 1\.\.3 but never 0, so the model would have 4 classes"
                     r".*subtract 1 \(y - 1\) or encode them with sklearn's LabelEncoder",
                     id="y-from-1"),
        pytest.param(lambda X, y: lc.softmax_gradient_descent(X, np.where(y == 1, 3, y)),
                     ValueError, r"y has no sample of the label\(s\) 1, so the model would "
                     r"have 4 classes.*Pass n_classes if a class is absent", id="y-gap"),
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


# ------------------------------------------------------ plotting and book helpers


@pytest.mark.parametrize("call", [
    pytest.param(lambda W, X: lc.softmax_predict(X, W), id="softmax_predict"),
    pytest.param(lambda W, X: lc.softmax_predict_proba(X, W), id="softmax_predict_proba"),
    pytest.param(lambda W, X: lc.softmax_cost(X, W, np.arange(30) % 3), id="softmax_cost"),
    pytest.param(lambda W, X: lc.softmax_gradient(X, W, np.arange(30) % 3),
                 id="softmax_gradient"),
])
def test_softmax_swapped_W_and_X_are_named_as_swapped(call):
    X, _ = make_multiclass(m=30, n=2, K=3)
    with pytest.raises(ValueError, match=r"^W and X seem swapped: got W of shape \(30, 2\) and "
                                         r"X of shape \(3, 3\)\. The weights come first"):
        call(np.zeros((3, 3)), X)


def test_labels_from_1_are_accepted_when_n_classes_or_W0_is_given():
    X, _ = make_multiclass(m=30, n=2, K=3)
    y = np.arange(30) % 3 + 1  # 1, 2, 3: class 0 absent on purpose
    W, _ = lc.softmax_gradient_descent(X, y, epochs=2, n_classes=4, seed=0)
    assert W.shape == (3, 4)
    W, _ = lc.softmax_gradient_descent(X, y, epochs=2, W0=np.zeros((3, 4)))
    assert W.shape == (3, 4)


def test_plot_probability_map_rejects_weights_of_the_wrong_length():
    with pytest.raises(ValueError, match="model must be a vector of length"):
        lc.plot_probability_map([1.0, 2.0], (-1, 1), (-1, 1))


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
