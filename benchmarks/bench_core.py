"""Speed and memory of logreg_core on a 1,000,000 x 20 float64 problem.

Prints, measured side by side in one run:

1. one step of ``gradient_descent_path``, the plain NumPy loop of chapter 5
   (logits, cost, residual, gradient, update), divided by the two matrix-vector
   products over X that any such step needs (``X @ w`` plus ``X.T @ v``);
   median of ``--repeats`` (at least 5) runs; goal <= 2.0;
2. ``newton`` to the optimum divided by scikit-learn's fastest solver
   (lbfgs or newton-cholesky) to the same optimum (costs within 1e-9); goal <= 1.0;
3. the peak memory ``newton`` allocates beyond X itself; goal <= one copy of X.

Run from the repository root: ``python benchmarks/bench_core.py [--rows M]``.
"""

import argparse
import time
import tracemalloc
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_info

import logreg_core as lc

SEED = 0


def median_seconds(function, repeats):
    return interleaved_medians([function], repeats)[0]


def make_problem(m, n):
    rng = np.random.default_rng(SEED)
    X = rng.standard_normal((m, n))
    true_W = rng.standard_normal(n + 1) * 0.5
    y = (rng.random(m) < lc.sigmoid(true_W[0] + X @ true_W[1:])).astype(np.float64)
    return X, y


def interleaved_medians(functions, repeats):
    """Median seconds of each function, timed in alternation so drift hits all alike."""
    for function in functions:
        function()  # warm up caches and allocator
    times = [[] for _ in functions]
    for _ in range(repeats):
        for function, record in zip(functions, times):
            start = time.perf_counter()
            function()
            record.append(time.perf_counter() - start)
    return [float(np.median(record)) for record in times]


def bench_gradient_step(X, y, repeats):
    m, n = X.shape
    w = np.random.default_rng(1).standard_normal(n)
    v = np.random.default_rng(2).standard_normal(m)
    z = np.empty(m)
    epochs = 10
    W0 = np.zeros(n + 1)
    matvec, rmatvec, with_steps, without_steps = interleaved_medians(
        [
            lambda: np.matmul(X, w, out=z),
            lambda: X.T @ v,
            lambda: lc.gradient_descent_path(X, y, alpha=0.1, epochs=epochs, W0=W0),
            lambda: lc.gradient_descent_path(X, y, alpha=0.1, epochs=0, W0=W0),
        ],
        repeats,
    )
    # the difference removes the one-off validation and the final cost evaluation
    step = (with_steps - without_steps) / epochs
    print(f"X @ w             : {matvec * 1e3:8.2f} ms")
    print(f"X.T @ v           : {rmatvec * 1e3:8.2f} ms")
    print(f"one gradient step : {step * 1e3:8.2f} ms  (update + recorded cost)")
    ratio = step / (matvec + rmatvec)
    print(f"step / (X @ w + X.T @ v) = {ratio:.2f}   goal <= 2.0")
    return ratio


def sklearn_cost(model, X, y):
    W = np.concatenate([model.intercept_, model.coef_[0]])
    return lc.cost(W, X, y)


def bench_newton(X, y, repeats):
    ours = median_seconds(lambda: lc.newton(X, y), repeats)
    W, history = lc.newton(X, y)
    our_cost = history[-1]
    print(f"newton (ours)      : {ours:8.3f} s  cost {our_cost:.12f}  "
          f"iterations {len(history) - 1}")
    best = np.inf
    for solver in ("lbfgs", "newton-cholesky"):
        # loosest tolerance at which the solver reaches our optimum to 1e-9
        for tol in (1e-4, 1e-6, 1e-8, 1e-10, 1e-12):
            model = LogisticRegression(C=np.inf, solver=solver, tol=tol, max_iter=10_000)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                model.fit(X, y)
            gap = abs(sklearn_cost(model, X, y) - our_cost)
            if gap <= 1e-9:
                break
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            seconds = median_seconds(lambda: model.fit(X, y), repeats)
        print(f"sklearn {solver:<15}: {seconds:8.3f} s  tol={tol:g}  cost gap {gap:.1e}  "
              f"iterations {int(model.n_iter_[0])}")
        if gap <= 1e-9:
            best = min(best, seconds)
    ratio = ours / best
    print(f"newton / fastest scikit-learn solver = {ratio:.2f}   goal <= 1.0")
    return ratio


def bench_newton_memory(X, y):
    tracemalloc.start()
    tracemalloc.reset_peak()
    lc.newton(X, y)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"newton peak extra memory: {peak / 2**20:.1f} MiB = {peak / X.nbytes:.3f} x X "
          f"({X.nbytes / 2**20:.0f} MiB)   goal <= 1 x X")
    return peak / X.nbytes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    if args.repeats < 5:
        parser.error("--repeats must be at least 5: the figures are medians of 5 or more runs")
    blas = [(pool["internal_api"], pool.get("architecture"), pool["num_threads"])
            for pool in threadpool_info()]
    print(f"data: {args.rows} x {args.features} float64; numpy {np.__version__}; BLAS {blas}")
    X, y = make_problem(args.rows, args.features)
    print("\n-- gradient descent step --")
    bench_gradient_step(X, y, args.repeats)
    print("\n-- Newton's method versus scikit-learn --")
    bench_newton(X, y, args.repeats)
    print("\n-- memory --")
    bench_newton_memory(X, y)


if __name__ == "__main__":
    main()
