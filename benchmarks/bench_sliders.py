"""How fast the slider explorer responds, through the same update the widget calls.

Prints the median time of ``GradientDescentExplorer.update`` (PNG bytes included)
when only the epoch changes (goal < 30 ms) and when the learning rate changes,
which trains a new path of 1000 epochs (goal < 100 ms), on the 150-sample data
of the gradient-descent chapter.

Run from the repository root: ``python benchmarks/bench_sliders.py``.
"""

import time

import numpy as np
from sklearn.datasets import make_blobs

from logreg_sliders import GradientDescentExplorer

SEED = 42


def median_ms(calls):
    times = []
    for call in calls:
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return 1e3 * float(np.median(times))


def main():
    X, y = make_blobs(n_samples=150, centers=2, n_features=2, random_state=SEED)
    explorer = GradientDescentExplorer(X, y, max_epochs=1000, seed=SEED)
    explorer.update(0.01, 100)  # first draw: figure layout, fonts
    rng = np.random.default_rng(SEED)
    epochs = rng.integers(0, 1001, size=200)
    epochs_ms = median_ms([lambda e=int(e): explorer.update(0.01, e) for e in epochs])
    # every alpha new: a cache miss that trains 1000 epochs
    alphas = np.logspace(-4, 1, 60)
    alpha_ms = median_ms([lambda a=a, e=int(e): explorer.update(a, e)
                          for a, e in zip(alphas, epochs)])
    cached_ms = median_ms([lambda a=a: explorer.update(a, 500) for a in alphas[::3]])
    print(f"data: {X.shape[0]} samples, max_epochs={explorer.max_epochs}")
    print(f"median update, epochs changes       : {epochs_ms:6.1f} ms   goal < 30 ms")
    print(f"median update, alpha changes (new)  : {alpha_ms:6.1f} ms   goal < 100 ms")
    print(f"median update, alpha changes (seen) : {cached_ms:6.1f} ms")


if __name__ == "__main__":
    main()
