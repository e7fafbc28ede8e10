"""The one-hidden-layer network of section 12 (chapter 16): backpropagation against
finite differences, the forward pass against scikit-learn's MLPClassifier with the
same weights, the output unit as logistic regression on the hidden activations,
training on the minibatch loop, and the validation of its arguments."""

import warnings

import numpy as np
import pytest
from sklearn.datasets import make_moons
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

import logreg_core as lc

SEED = 42


@pytest.fixture(scope="module")
def problem():
    rng = np.random.default_rng(SEED)
    X = rng.standard_normal((40, 3))
    y = (rng.random(40) < 0.5).astype(int)
    return X, y


@pytest.fixture(scope="module")
def moons():
    X, y = make_moons(n_samples=200, noise=0.25, random_state=SEED)
    return (X - X.mean(axis=0)) / X.std(axis=0), y


def xor_cloud(m=200):
    """Points of the square [-1, 1]^2, class 1 in the first and third quadrants."""
    X = np.random.default_rng(SEED).uniform(-1, 1, (m, 2))
    return X, (X[:, 0] * X[:, 1] > 0).astype(int)


# --------------------------------------------------------------- packing and start


@pytest.mark.parametrize(("n", "h"), [(1, 1), (2, 3), (5, 16)])
def test_params_hold_v_then_w_and_unpack_to_views(n, h):
    params = np.arange(lc.network_size(n, h), dtype=float)
    V, W = lc.network_unpack(params, n)
    assert params.shape == ((n + 2) * h + 1,)
    assert V.shape == (n + 1, h) and W.shape == (h + 1,)
    np.testing.assert_array_equal(np.concatenate([V.ravel(), W]), params)
    V[0, 0] = -1.0
    assert params[0] == -1.0  # a view: the training loop updates V and W in place


def test_the_start_is_seeded_and_scaled_as_glorot():
    n, h = 2, 400
    first, again = lc.network_init(n, h, seed=SEED), lc.network_init(n, h, seed=SEED)
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, lc.network_init(n, h, seed=SEED + 1))
    V, W = lc.network_unpack(first, n)
    # the standard deviations sqrt(2 / (fan-in + fan-out)), within sampling error
    assert np.std(V) == pytest.approx(np.sqrt(2 / (n + 1 + h)), rel=0.1)
    assert np.std(W) == pytest.approx(np.sqrt(2 / (h + 2)), rel=0.1)


# ---------------------------------------------------------------- the forward pass


def mlp_with(params, n):
    """scikit-learn's MLPClassifier (tanh, one hidden layer) holding our weights."""
    V, W = lc.network_unpack(params, n)
    X = np.random.default_rng(0).standard_normal((6, n))
    mlp = MLPClassifier(hidden_layer_sizes=(V.shape[1],), activation="tanh", max_iter=1,
                        random_state=0)
    with warnings.catch_warnings():  # one iteration: fitted only to get the attributes
        warnings.simplefilter("ignore", ConvergenceWarning)
        mlp.fit(X, np.arange(6) % 2)
    mlp.coefs_ = [V[1:].copy(), W[1:].reshape(-1, 1).copy()]
    mlp.intercepts_ = [V[0].copy(), W[:1].copy()]
    return mlp


@pytest.mark.parametrize("h", [1, 3, 8])
def test_probabilities_equal_scikit_learns_mlp_with_the_same_weights(problem, h):
    X, _ = problem
    params = lc.network_init(X.shape[1], h, seed=SEED) * 3  # larger: saturated units too
    mlp = mlp_with(params, X.shape[1])
    np.testing.assert_allclose(lc.network_predict_proba(params, X),
                               mlp.predict_proba(X)[:, 1], rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(lc.network_predict(params, X), mlp.predict(X))


def test_the_output_unit_is_logistic_regression_on_the_hidden_activations(problem):
    X, y = problem
    params = lc.network_init(X.shape[1], 4, seed=SEED)
    _, W = lc.network_unpack(params, X.shape[1])
    A = lc.network_hidden(params, X)
    np.testing.assert_allclose(A, np.tanh(lc.add_intercept(X) @ lc.network_unpack(
        params, X.shape[1])[0]))
    assert lc.network_cost(params, X, y) == pytest.approx(lc.cost(W, A, y), rel=1e-14)
    np.testing.assert_allclose(lc.network_predict_proba(params, X), lc.predict_proba(W, A))
    _, grad_W = lc.network_unpack(lc.network_gradient(params, X, y), X.shape[1])
    np.testing.assert_allclose(grad_W, lc.gradient(W, A, y), rtol=1e-12, atol=1e-15)


def test_cost_is_finite_for_huge_weights(problem):
    X, y = problem
    params = lc.network_init(X.shape[1], 3, seed=SEED) * 1e4
    assert np.isfinite(lc.network_cost(params, X, y))
    assert np.isfinite(lc.network_gradient(params, X, y)).all()


def test_labels_come_from_the_sign_of_the_output_logit():
    X = np.array([[0.0]])
    params = np.array([0.0, 1.0, 1e-17, 1.0])  # V = [[0], [1]], W = [1e-17, 1]
    assert lc.network_predict_proba(params, X)[0] == 0.5  # sigma(1e-17) rounds to 0.5
    assert lc.network_predict(params, X).tolist() == [1]  # but the logit is >= 0


# ---------------------------------------------------------------- backpropagation


@pytest.mark.parametrize("l2", [0.0, 0.3])
@pytest.mark.parametrize("h", [1, 2, 5])
def test_backpropagation_equals_finite_differences(problem, h, l2):
    X, y = problem
    params = lc.network_init(X.shape[1], h, seed=h) * 2
    numeric = lc.numerical_gradient(lambda p: lc.network_cost(p, X, y, l2=l2), params)
    np.testing.assert_allclose(lc.network_gradient(params, X, y, l2=l2), numeric,
                               rtol=1e-6, atol=1e-8)


def test_the_penalty_leaves_the_intercepts_alone(problem):
    X, y = problem
    params = lc.network_init(X.shape[1], 3, seed=SEED)
    V, W = lc.network_unpack(params, X.shape[1])
    difference = lc.network_gradient(params, X, y, l2=0.5) - lc.network_gradient(params, X, y)
    dV, dW = lc.network_unpack(difference, X.shape[1])
    np.testing.assert_allclose(dV, 0.5 * np.vstack([np.zeros(3), V[1:]]), atol=1e-15)
    np.testing.assert_allclose(dW, 0.5 * np.concatenate([[0.0], W[1:]]), atol=1e-15)
    penalty = lc.network_cost(params, X, y, l2=0.5) - lc.network_cost(params, X, y)
    assert penalty == pytest.approx(0.25 * (np.sum(V[1:] ** 2) + np.sum(W[1:] ** 2)))


# ------------------------------------------------------------------------ training


def test_training_runs_on_the_minibatch_loop(problem, monkeypatch):
    X, y = problem
    calls = []
    real = lc.minibatch_path

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(lc, "minibatch_path", spy)
    lc.network_train(X, y, 2, epochs=3, batch_size=8, seed=SEED)
    assert calls and calls[0]["batch_size"] == 8


def test_full_batch_training_is_gradient_descent_on_the_network_cost(problem):
    X, y = problem
    params0 = lc.network_init(X.shape[1], 3, seed=SEED)
    path, costs = lc.network_train(X, y, 3, alpha=0.5, epochs=4, params0=params0)
    params = params0.copy()
    for k in range(4):
        assert costs[k] == pytest.approx(lc.network_cost(params, X, y), rel=1e-12)
        params = params - 0.5 * lc.network_gradient(params, X, y)
        np.testing.assert_allclose(path[k + 1], params, rtol=1e-12, atol=1e-14)


def test_the_same_seed_gives_the_same_run_and_another_seed_another(moons):
    X, y = moons
    runs = [lc.network_train(X, y, 4, alpha=0.5, epochs=20, batch_size=16, seed=seed)
            for seed in (SEED, SEED, SEED + 1)]
    np.testing.assert_array_equal(runs[0][0], runs[1][0])
    np.testing.assert_array_equal(runs[0][1], runs[1][1])
    assert not np.array_equal(runs[0][0], runs[2][0])


def test_training_lowers_the_cost(moons):
    X, y = moons
    _, costs = lc.network_train(X, y, 4, alpha=0.5, epochs=100, batch_size=20, seed=SEED)
    assert costs[-1] < 0.5 * costs[0]


def test_a_network_learns_the_moons_that_logistic_regression_cannot(moons):
    X, y = moons
    W, _ = lc.newton(X, y)
    linear = np.mean(lc.predict(W, X) == y)
    path, _ = lc.network_train(X, y, 8, alpha=0.5, epochs=300, batch_size=20, seed=SEED)
    network = np.mean(lc.network_predict(path[-1], X) == y)
    assert linear < 0.88 and network >= 0.94


def test_a_network_learns_xor_that_logistic_regression_cannot():
    X, y = xor_cloud()
    W, _ = lc.newton(X, y)
    assert np.mean(lc.predict(W, X) == y) < 0.7  # the likelihood's line hedges
    path, _ = lc.network_train(X, y, 4, alpha=0.5, epochs=500, batch_size=20, seed=SEED)
    assert np.mean(lc.network_predict(path[-1], X) == y) >= 0.95


def test_the_four_xor_points_are_learned_from_any_of_five_seeds():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0])
    for seed in range(5):
        path, _ = lc.network_train(X, y, hidden=3, alpha=1.0, epochs=2000, seed=seed)
        assert lc.network_predict(path[-1], X).tolist() == [0, 1, 1, 0]


# ---------------------------------------------------------------------- validation


@pytest.mark.parametrize(("hidden", "error"), [
    (0, ValueError), (-2, ValueError), (2.0, TypeError), (True, TypeError),
    ("3", TypeError), (None, TypeError)])
def test_hidden_must_be_a_positive_whole_number(hidden, error):
    with pytest.raises(error, match="hidden"):
        lc.network_init(2, hidden)
    with pytest.raises(error, match="hidden"):
        lc.network_train(np.zeros((4, 2)), [0, 1, 0, 1], hidden)


def test_params_of_the_wrong_length_name_the_argument_and_the_lengths(problem):
    X, y = problem
    params = lc.network_init(2, 3, seed=SEED)  # made for 2 features, X has 3
    with pytest.raises(ValueError, match=r"params has length 13.*\(n \+ 2\) h \+ 1"):
        lc.network_cost(params, X, y)
    with pytest.raises(ValueError, match="params must be a flat vector"):
        lc.network_predict(params.reshape(1, -1), X[:, :2])
    with pytest.raises(ValueError, match="params contains NaN"):
        lc.network_gradient(np.full(lc.network_size(3, 2), np.nan), X, y)
    with pytest.raises(ValueError, match="params0 has length 16.*but hidden=4"):
        lc.network_train(X, y, 4, params0=lc.network_init(3, 3, seed=SEED))


def test_bad_data_seed_and_penalty_are_named(problem):
    X, y = problem
    params = lc.network_init(3, 2, seed=SEED)
    with pytest.raises(ValueError, match="y must contain only the labels 0 and 1"):
        lc.network_cost(params, X, y + 1)
    with pytest.raises(ValueError, match="X must be 2-D"):
        lc.network_predict_proba(params, X[:, 0])
    with pytest.raises(ValueError, match="l2 must be a non-negative"):
        lc.network_gradient(params, X, y, l2=-1.0)
    with pytest.raises(TypeError, match="seed must be"):
        lc.network_train(X, y, 2, seed="forty-two")
    with pytest.raises(TypeError, match="n_features must be an integer"):
        lc.network_init(2.5, 3)


def test_l2_is_a_keyword(problem):
    X, y = problem
    params = lc.network_init(3, 2, seed=SEED)
    with pytest.raises(TypeError, match=r"network_cost\(\) takes l2 as a keyword"):
        lc.network_cost(params, X, y, 0.1)
    with pytest.raises(TypeError, match=r"network_gradient\(\) takes l2 as a keyword"):
        lc.network_gradient(params, X, y, 0.1)


# ------------------------------------------------------- the chapter's claims


def test_tiny_hidden_weights_make_the_network_logistic_regression(moons):
    """With V = [0; eps I] and W = [w0, w / eps] the network is lc's logistic regression."""
    X, y = moons
    W, _ = lc.newton(X, y)
    eps = 1e-4
    params = np.r_[np.vstack([np.zeros(2), eps * np.eye(2)]).ravel(), W[0], W[1:] / eps]
    assert lc.network_cost(params, X, y) == pytest.approx(lc.cost(W, X, y), abs=1e-7)
    np.testing.assert_allclose(lc.network_predict_proba(params, X), lc.predict_proba(W, X),
                               atol=1e-7)


def test_one_tiny_hidden_unit_imitates_logistic_regression(moons):
    """The chapter's imitation: one unit with V = s (0, w), W = (w0, 1/s), s -> 0."""
    X, y = moons
    W, _ = lc.newton(X, y)
    gaps = []
    for scale in [1e-2, 1e-3, 1e-4]:
        params = np.r_[scale * np.r_[0.0, W[1:]], W[0], 1 / scale]
        gaps.append(abs(lc.network_cost(params, X, y) - lc.cost(W, X, y)))
    assert gaps[-1] < 1e-7 and gaps[0] > gaps[1] > gaps[2]  # only in the limit


def test_glorot_start_gives_hidden_sums_of_variance_below_two():
    """Var psi_ij = 2 (n + 1) / (n + 1 + h) for standardised inputs (the chapter's)."""
    rng = np.random.default_rng(SEED)
    n = 2
    X = rng.standard_normal((400, n))
    for h in [1, 3, 8]:
        sums = np.concatenate([
            lc.add_intercept(X) @ lc.network_unpack(lc.network_init(n, h, seed=s), n)[0]
            for s in range(300)])
        want = 2 * (n + 1) / (n + 1 + h)
        assert np.var(sums) == pytest.approx(want, rel=0.1) and want < 2


def test_starts_with_the_same_shuffles_end_at_different_stationary_points():
    """Chapter 16's non-convexity: three starts, one shuffle seed, then full batch."""
    X, y = xor_cloud(400)
    X, _, y, _ = train_test_split(X, y, test_size=0.5, random_state=SEED, stratify=y)
    ends = []
    for start in [0, 1, 5]:
        path, _ = lc.network_train(X, y, 2, alpha=0.5, epochs=300, batch_size=20,
                                   params0=lc.network_init(2, 2, seed=start), seed=SEED)
        path, costs = lc.network_train(X, y, 2, alpha=0.5, epochs=3000, params0=path[-1])
        assert np.max(np.abs(lc.network_gradient(path[-1], X, y))) < 2e-3
        ends.append(costs[-1])
    np.testing.assert_allclose(ends, [0.272, 0.372, 0.434], atol=5e-4)  # as printed


def test_tanh_is_a_rescaled_sigmoid():
    u = np.linspace(-20, 20, 401)
    np.testing.assert_allclose(np.tanh(u), 2 * lc.sigmoid(2 * u) - 1, atol=1e-15)


def test_the_hand_picked_xor_network_of_the_exercise():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    V = np.array([[-5.0, -15.0], [10.0, 10.0], [10.0, 10.0]])  # "OR" and "AND" units
    W = np.array([-1.0, 1.0, -1.0])
    params = np.r_[V.ravel(), W]
    np.testing.assert_allclose(lc.network_hidden(params, X),
                               [[-1, -1], [1, -1], [1, -1], [1, 1]], atol=1e-4)
    assert lc.network_predict(params, X).tolist() == [0, 1, 1, 0]


def test_swapping_or_flipping_hidden_units_changes_nothing(problem):
    """The symmetries behind the many minima of the network's cost."""
    X, y = problem
    params = lc.network_init(3, 3, seed=SEED)
    V, W = lc.network_unpack(params, 3)
    swapped = np.r_[V[:, [1, 0, 2]].ravel(), W[[0, 2, 1, 3]]]
    flipped = np.r_[(V * [1, -1, 1]).ravel(), W * [1, 1, -1, 1]]
    for other in (swapped, flipped):
        assert lc.network_cost(other, X, y) == pytest.approx(lc.network_cost(params, X, y),
                                                             rel=1e-14)
