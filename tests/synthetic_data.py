"""Seeded synthetic data shared by the core test modules."""

import numpy as np

import logreg_core as lc

SEED = 20261127


def make_data(m=200, n=3, seed=SEED, scale=1.0):
    """Non-separable data from a known logistic model."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n)) * scale
    true_W = np.linspace(-1.0, 1.0, n + 1)
    y = (rng.random(m) < lc.sigmoid(true_W[0] + X @ true_W[1:])).astype(int)
    return X, y


def separable_data(m=60, seed=SEED):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, 2))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    X[y == 1] += 0.5  # open a margin between the classes
    X[y == 0] -= 0.5
    return X, y
