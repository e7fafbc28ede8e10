"""Wall time of minibatch gradient descent (lc.sgd_path) by batch size, for chapter 12.

The chapter's data: 200,000 rows, 5 standard-normal features, labels drawn from a
known logistic model (seed 42, as in notebooks/12_stochastic_gradient_descent.ipynb),
and the chapter's constant step per batch size. For each batch size the script
prints the passes run, the median wall time of a whole run (``--repeats`` runs),
the time per pass and per update, and the final gap J - J* to Newton's optimum.
The notebook plots cost against passes and updates, which are reproducible; it
quotes these times in prose, as measured on the book's machine.

Run from the repository root: ``python benchmarks/bench_sgd.py [--repeats R]``.
The output the chapter quotes is kept in benchmarks/results/bench_sgd.txt, with the
date and the commit it was measured at.
"""

import argparse
import datetime
import os
import platform
import subprocess
import time

import numpy as np

import logreg_core as lc

SEED = 42
M, N = 200_000, 5
TRUE_W = np.array([-0.5, 1.0, -2.0, 0.5, 0.0, 1.5])
# batch size -> (constant step, passes): the chapter's steps, tuned there
RUNS = {1: (0.001, 3), 32: (0.03, 20), 256: (0.1, 20), None: (None, 20)}


def chapter_data():
    rng = np.random.default_rng(SEED)
    X = rng.standard_normal((M, N))
    y = (rng.random(M) < lc.sigmoid(TRUE_W[0] + X @ TRUE_W[1:])).astype(int)
    return X, y


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    X, y = chapter_data()
    J_star = lc.newton(X, y)[1][-1]
    L = lc._curvature_bound(X, 0.0)  # the full batch takes the book's default 1/L
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    now = datetime.datetime.now(datetime.timezone.utc)
    print(f"{now:%Y-%m-%d %H:%M} UTC, commit {commit or 'unknown'}; "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"numpy {np.__version__}; m = {M}, n = {N}; median of {args.repeats} runs")
    print(f"{'batch size':>10} {'alpha':>7} {'passes':>6} {'updates':>9} {'seconds':>8} "
          f"{'s/pass':>7} {'us/update':>9} {'J - J*':>8}")
    for b, (alpha, passes) in RUNS.items():
        alpha = 1 / L if alpha is None else alpha
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            _, cost_path = lc.sgd_path(X, y, alpha, passes, batch_size=b,
                                       W0=np.zeros(N + 1), seed=SEED)
            times.append(time.perf_counter() - start)
        seconds = float(np.median(times))
        updates = passes * -(-M // (b or M))
        print(f"{b or 'full':>10} {alpha:>7.3g} {passes:>6} {updates:>9} {seconds:>8.2f} "
              f"{seconds / passes:>7.3f} {1e6 * seconds / updates:>9.1f} "
              f"{cost_path[-1] - J_star:>8.1e}")


if __name__ == "__main__":
    main()
