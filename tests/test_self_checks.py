"""The exercises' self-checks: typical wrong answers get a hint in words, never a traceback.

For every coding exercise (a starter cell tagged exercise-starter, followed by its
self-check cell), CASES lists typical answers of a student: the book's solution, and
at least four wrong ones (wrong shape, wrong sign or inverse, a missing intercept or
term, an off-by-one or ddof slip, an answer that warns, None, a string, code that
raises, as fits the exercise). Each case replaces the starter cell; the unchanged
self-check cell must then

* finish without an error (whatever the answer is),
* print the hint written next to the case (a wrong answer never gets "Correct"
  alone), and the solution must print "Correct" and nothing else;
* under nbgrader (NBGRADER_EXECUTION set), fail a wrong answer with an
  AssertionError that carries the same words, and pass the solution.

One kernel per notebook runs the cells before the starter once (except the slider
explorers, tagged nbval-ignore-output, which only draw), then every case of that
notebook. Each notebook runs in a subprocess (this file run as a script, which
prints the outcomes as JSON), two at a time.
"""

import json
import os
import queue
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel

from support import NOTEBOOK_DIR, ROOT, tags

CELL_TIMEOUT_SECONDS = 300
SOLUTION = None  # the case "the notebook's own starter cell, solution included"
NOT_ANSWERED = "Not answered yet"
NOT_A_NUMBER = "should be a number or an array of numbers; got str"

# ------------------------------------------------------------------ the cases
# chapter -> [(id, code that replaces the starter cell, expected words)]


def function(signature, body):
    """A student's function: `def <signature>:` and an indented body."""
    lines = body.strip("\n").split("\n")
    return f"def {signature}:\n" + "\n".join("    " + line for line in lines) + "\n"


def log_sigmoid(body):
    return function("log_sigmoid(z)", "z = np.asarray(z, dtype=float)\n" + body)


def local_minima(body):
    return function("local_minima(values)",
                    "values = np.asarray(values, dtype=float)\n" + body)


INNER = "inner = values[1:-1]\nmask = (inner < values[:-2]) & (inner < values[2:])\n"

PENALTY = "lam / 2 * (W_sym[1] ** 2 + W_sym[2] ** 2)"


def penalised(J_lambda):
    return (f"J_lambda = {J_lambda}\n"
            "penalised_grad = sp.Matrix([sp.diff(J_lambda, w_j) for w_j in W_sym])\n")


def train(update="W = W - alpha * grad", rows="range(epochs + 1)",
          cost="np.mean(np.logaddexp(0, z) - y * z)", grad="np.r_[r.sum(), X.T @ r] / m",
          returns="np.array(W_path), np.array(cost_path)"):
    """The chapter's training loop with one part replaced by a typical slip."""
    return function("train(X, y, alpha, epochs, W0)", f"""
m = X.shape[0]
W = np.array(W0, dtype=float)
W_path, cost_path = [], []
for k in {rows}:
    z = W[0] + X @ W[1:]
    p = lc.sigmoid(z)
    cost_path.append({cost})
    r = p - y
    grad = {grad}
    W_path.append(W)
    if k < epochs:
        {update}
return {returns}
""")


def standardise(body):
    return function("standardise(data)", body)


def xor(product="np.column_stack([X, X[:, 0] * X[:, 1]])", W="[-1.0, 2.0, 2.0, -4.0]"):
    return ("X_xor = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)\n"
            "y_xor = np.array([0, 1, 1, 0])\n"
            + function("with_product(X)", f"X = np.asarray(X, dtype=float)\nreturn {product}")
            + f"W_xor = {W}\n")


def hessian_and_errors(difference="(lc.gradient(W + step, X, y) "
                                  "- lc.gradient(W - step, X, y)) / (2 * eps)",
                       errors="np.sqrt(np.diag(np.linalg.inv(m * H)))",
                       returns="H"):
    return function("finite_difference_hessian(W, X, y, eps=1e-5)", f"""
H = np.empty((len(W), len(W)))
for k in range(len(W)):
    step = np.zeros(len(W))
    step[k] = eps
    H[:, k] = {difference}
return {returns}
""") + function("standard_errors_from_hessian(H, m)", f"return {errors}")


def newton_step(body):
    return function("newton_step(W, X, y, l2=0.0)",
                    "H = lc.hessian(W, X, y, l2=l2)\ng = lc.gradient(W, X, y, l2=l2)\n" + body)


def threshold(needed="int(np.ceil(target * len(malignant) - 1e-9))",
              malignant="np.sort(p[y_true == 1])[::-1]", returns="malignant[needed - 1]"):
    return function("threshold_for_recall(y_true, p, target)",
                    f"malignant = {malignant}\nneeded = {needed}\nreturn {returns}")


def softmax_gradient(product="X_tilde.T @ (P - Y) / X.shape[0]",
                     logits="X_tilde @ W", Y="np.eye(W.shape[1])[y]"):
    return function("softmax_gradient_by_hand(W, X, y)",
                    f"X_tilde = lc.add_intercept(X)\nP = lc.softmax({logits})\n"
                    f"Y = {Y}\nreturn {product}")


def one_epoch(order="rng.permutation(m)", starts="range(0, m, batch_size)",
              rows="order[start:start + batch_size]",
              update="W = W - alpha * lc.gradient(W, X[B], y[B])", returns="W"):
    return function("one_epoch(W, X, y, alpha, batch_size, rng)", f"""
m = len(y)
order = {order}
for start in {starts}:
    B = {rows}
    {update}
return {returns}
""")


def hidden_gradient(d_z="(p - y) / len(y)", d_Psi="np.outer(d_z, W[1:]) * (1 - A**2)",
                    returns="lc.add_intercept(X).T @ d_Psi",
                    hidden="np.tanh(lc.add_intercept(X) @ V)"):
    return function("hidden_gradient(params, X, y)", f"""
V, W = lc.network_unpack(params, X.shape[1])
A = {hidden}
p = lc.sigmoid(W[0] + A @ W[1:])
d_z = {d_z}
d_Psi = {d_Psi}
return {returns}
""")


def ista_step(step="W - alpha * lc.gradient(W, X, y)",
              shrink="lc.soft_threshold(W_next[1:], alpha * l1)", target="W_next[1:]",
              returns="W_next"):
    return function("ista_step(W, X, y, l1, alpha)",
                    f"W_next = {step}\n{target} = {shrink}\nreturn {returns}")


def balanced(returns="len(y) / (len(classes) * counts[labels])"):
    return function("balanced_weights(y)",
                    "classes, labels, counts = np.unique(y, return_inverse=True,\n"
                    "                                    return_counts=True)\n"
                    f"return {returns}")


def lda_by_hand(scatter="centred.T @ centred / len(y)", centred="X - means[y]",
                prior="np.log(np.mean(y) / (1 - np.mean(y)))", w="a_1 - a_0",
                returns="np.r_[w_0, w]"):
    return function("lda_weights_by_hand(X, y)", f"""
means = np.array([X[y == k].mean(axis=0) for k in (0, 1)])
centred = {centred}
Sigma_hat = {scatter}
a_0, a_1 = np.linalg.solve(Sigma_hat, means.T).T
w = {w}
w_0 = -means[1] @ a_1 / 2 + means[0] @ a_0 / 2 + {prior}
return {returns}""")


CASES = {
    "01_intuition": [
        ("solution", SOLUTION, "Correct"),
        ("four weights of the 0/1/2 coding",
         "W_onehot = W_TRUE.copy()\nodds_ratio_fibre_vs_standard = np.exp(-1.0)",
         "W_onehot has five"),
        ("no intercept",
         "W_onehot = np.array([-0.05, 0.09, -0.6, -1.2])\n"
         "odds_ratio_fibre_vs_standard = np.exp(-1.0)",
         "starts with the intercept w0"),
        ("fibre weight w3 instead of 2 w3",
         "W_onehot = np.array([-3.0, -0.05, 0.09, -0.6, -0.6])\n"
         "odds_ratio_fibre_vs_standard = np.exp(-1.0)",
         "fibre was plan 2, so its term was 2 w3"),
        ("standard and fibre swapped",
         "W_onehot = np.array([-3.0, -0.05, 0.09, -1.2, -0.6])\n"
         "odds_ratio_fibre_vs_standard = np.exp(-1.0)",
         "standard and fibre are swapped"),
        ("wrong intercept",
         "W_onehot = np.array([3.0, -0.05, 0.09, -0.6, -1.2])\n"
         "odds_ratio_fibre_vs_standard = np.exp(-1.0)",
         "component 0 of your W_onehot"),
        ("odds ratio upside down",
         "W_onehot = np.array([-3.0, -0.05, 0.09, -0.6, -1.2])\n"
         "odds_ratio_fibre_vs_standard = np.exp(1.0)",
         "upside down"),
        ("log-odds instead of odds ratio",
         "W_onehot = np.array([-3.0, -0.05, 0.09, -0.6, -1.2])\n"
         "odds_ratio_fibre_vs_standard = -1.2 - (-0.2)",
         "difference in log-odds"),
        ("fibre against basic",
         "W_onehot = np.array([-3.0, -0.05, 0.09, -0.6, -1.2])\n"
         "odds_ratio_fibre_vs_standard = np.exp(-1.2)",
         "compares fibre with basic"),
        ("None", "W_onehot = None\nodds_ratio_fibre_vs_standard = None", NOT_ANSWERED),
        ("a string",
         "W_onehot = 'intercept, age, charges, standard, fibre'\n"
         "odds_ratio_fibre_vs_standard = ...", NOT_A_NUMBER),
    ],
    "02_sigmoid": [
        ("solution", SOLUTION, "Correct"),
        ("np.where warns about overflow",
         log_sigmoid("return np.where(z >= 0, -np.log1p(np.exp(-z)),\n"
                     "                z - np.log1p(np.exp(z)))"),
         "overflow encountered in exp"),
        ("log of the rounded sigmoid", log_sigmoid("return np.log(lc.sigmoid(z))"),
         "log(0): sigmoid(z) rounds to 0"),
        ("log of the rounded sigmoid, warnings silenced",
         log_sigmoid("with np.errstate(all='ignore'):\n"
                     "    return np.log(lc.sigmoid(z))"),
         "component 0 of log_sigmoid(z_check)"),
        ("0 for large z", log_sigmoid("return np.where(z > 20, 0.0, -np.logaddexp(0.0, -z))"),
         "log_sigmoid(30) should be about -9.4e-14"),
        ("log(1 + x) loses the small values",
         log_sigmoid("return np.minimum(z, 0) - np.log(1 + np.exp(-np.abs(z)))"),
         "log_sigmoid(30) should be about -9.4e-14"),
        ("wrong sign", log_sigmoid("return np.logaddexp(0.0, -z)"), "wrong sign"),
        ("one number", log_sigmoid("return np.sum(-np.logaddexp(0.0, -z))"),
         "got a single number"),
        ("raises", log_sigmoid("raise NotImplementedError('later')"),
         "raised NotImplementedError:\nlater"),
        ("returns None", log_sigmoid("pass"), NOT_ANSWERED),
        ("a string", log_sigmoid("return 'log(sigmoid(z))'"), NOT_A_NUMBER),
    ],
    "03_maximum_likelihood": [
        ("solution", SOLUTION, "Correct"),
        ("a boolean mask", local_minima("return np.r_[False, (values[1:-1] < values[:-2])"
                                        " & (values[1:-1] < values[2:]), False]"),
         "not a mask"),
        ("values instead of indices", local_minima(INNER + "return inner[mask]"),
         "not the values values[i]"),
        ("off by one", local_minima(INNER + "return np.flatnonzero(mask)"), "off by one"),
        ("the ends count (np.roll wraps around)",
         local_minima("return np.flatnonzero((values < np.roll(values, 1))\n"
                      "                      & (values < np.roll(values, -1)))"),
         "the first and the last index never count"),
        ("not strictly smaller",
         local_minima("inner = values[1:-1]\n"
                      "return np.flatnonzero((inner <= values[:-2])"
                      " & (inner <= values[2:])) + 1"),
         "strictly smaller"),
        ("raises", local_minima("return [i for i in range(len(values))\n"
                                "        if values[i] < values[i + 1]]"),
         "raised IndexError"),
        ("returns None", local_minima("pass"), NOT_ANSWERED),
        ("a string", local_minima("return 'the valleys'"), NOT_A_NUMBER),
    ],
    "04_gradient_derivation": [
        ("solution", SOLUTION, "Correct"),
        ("no penalty", "J_lambda = J\npenalised_grad = grad_J", "no lambda at all"),
        ("intercept penalised", penalised(f"J + {PENALTY} + lam / 2 * W_sym[0] ** 2"),
         "the intercept w0 is not penalised"),
        ("wrong sign", penalised(f"J - {PENALTY}"), "wrong sign"),
        ("the 1/2 forgotten", penalised(f"J + 2 * {PENALTY}"), "mind the 1/2"),
        ("a row, not a column",
         penalised(f"J + {PENALTY}") + "penalised_grad = penalised_grad.T",
         "3 x 1 sp.Matrix"),
        ("a list", penalised(f"J + {PENALTY}") + "penalised_grad = list(penalised_grad)",
         "3 x 1 sp.Matrix"),
        ("the wrong cost", penalised(f"J ** 2 + {PENALTY}"), "the part from J is wrong"),
        ("None", "J_lambda = penalised_grad = None", NOT_ANSWERED),
        ("a string", "penalised_grad = 'lambda * W'", "3 x 1 sp.Matrix"),
    ],
    "05_gradient_descent": [
        ("solution", SOLUTION, "Correct"),
        ("one row short", train(rows="range(epochs)"), "W_path needs epochs + 1 rows"),
        ("W0 left out", train(returns="np.array(W_path[1:]), np.array(cost_path[1:])"),
         "W_path needs epochs + 1 rows"),
        ("update in place", train(update="W -= alpha * grad"),
         "every row holds the last weights"),
        ("the 1/m forgotten", train(grad="np.r_[r.sum(), X.T @ r]"),
         "m = 150 times too long"),
        ("uphill", train(update="W = W + alpha * grad"), "the first step goes uphill"),
        ("the cost from p",
         train(cost="-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))"),
         "cost_path contains nan"),
        ("one array", train(returns="np.array(W_path)"), "should return two arrays"),
        ("raises", train(grad="X.T @ r / m"), "train raised ValueError"),
        ("not answered", function("train(X, y, alpha, epochs, W0)",
                                  "W_path = ...\ncost_path = ...\n"
                                  "return W_path, cost_path"), NOT_ANSWERED),
    ],
    "06_playground": [
        ("solution", SOLUTION, "Correct"),
        ("ddof=1", standardise("return (data - data.mean(axis=0)) / data.std(axis=0, ddof=1)"),
         "ddof=1"),
        ("not divided", standardise("return data - data.mean(axis=0)"),
         "divide by each column's standard deviation"),
        ("divided by the variance",
         standardise("return (data - data.mean(axis=0)) / data.var(axis=0)"),
         "not by the variance"),
        ("one mean for the whole array",
         standardise("return (data - data.mean()) / data.std()"), "per column: axis=0"),
        ("parentheses", standardise("return data - data.mean(axis=0) / data.std(axis=0)"),
         "subtract each column's mean first"),
        ("random data, standardised",
         standardise("noise = np.random.default_rng(0).normal(size=data.shape)\n"
                     "return (noise - noise.mean(axis=0)) / noise.std(axis=0)"),
         "of standardise(X_shifted)"),
        ("transposed", standardise("return ((data - data.mean(axis=0)) / data.std(axis=0)).T"),
         "transposed"),
        ("raises", standardise("return (data - data.mean(axis=1)) / data.std(axis=1)"),
         "standardise raised ValueError"),
        ("returns None", standardise("pass"), NOT_ANSWERED),
        ("a string", standardise("return 'standardised'"), NOT_A_NUMBER),
    ],
    "07_strengths_and_limits": [
        ("solution", SOLUTION, "Correct"),
        ("X unchanged", xor(product="X"), "with the column x1 * x2 appended"),
        ("the product alone", xor(product="X[:, 0] * X[:, 1]"), "not the product alone"),
        ("the sum, not the product", xor(product="np.column_stack([X, X.sum(axis=1)])"),
         "entry (3, 2) of with_product(X_xor)"),
        ("no intercept", xor(W="[2.0, 2.0, -4.0]"), "lc.predict cannot use W_xor"),
        ("every sign flipped", xor(W="[1.0, -2.0, -2.0, 4.0]"), "every label is flipped"),
        ("weights that miss a corner", xor(W="[-1.0, 2.0, 2.0, -2.0]"),
         "the labels your W_xor predicts"),
        ("with_product raises", xor(product="X @ X"), "with_product raised ValueError"),
        ("None", xor(product="None", W="None"), NOT_ANSWERED),
        ("a string", xor(W="'w0, w1, w2, w3'"), "lc.predict cannot use W_xor"),
    ],
    "08_checking_our_work": [
        ("solution", SOLUTION, "Correct"),
        ("divided by eps, not 2 eps",
         hessian_and_errors(difference="(lc.gradient(W + step, X, y) "
                                       "- lc.gradient(W - step, X, y)) / eps"),
         "divide by 2 eps"),
        ("the difference the wrong way round",
         hessian_and_errors(difference="(lc.gradient(W - step, X, y) "
                                       "- lc.gradient(W + step, X, y)) / (2 * eps)"),
         "the gradient at W + eps e_k comes first"),
        ("the diagonal only", hessian_and_errors(returns="np.diag(H)"), "not its diagonal"),
        ("the Hessian raises",
         hessian_and_errors(difference="lc.gradient(W + step, X, y)[k + 1]"),
         "computing your Hessian raised IndexError"),
        ("m forgotten", hessian_and_errors(errors="np.sqrt(np.diag(np.linalg.inv(H)))"),
         "invert m * H"),
        ("no square root", hessian_and_errors(errors="np.diag(np.linalg.inv(m * H))"),
         "take their square roots"),
        ("inverse of the diagonal", hessian_and_errors(errors="1 / np.sqrt(m * np.diag(H))"),
         "the diagonal of the inverse"),
        ("standard errors not returned", hessian_and_errors(errors="None"), NOT_ANSWERED),
        ("a string", hessian_and_errors(errors="'small'"), NOT_A_NUMBER),
    ],
    "09_newton_and_scaling": [
        ("solution", SOLUTION, "Correct"),
        ("uphill", newton_step("return W + np.linalg.solve(H, g)"), "the step goes uphill"),
        ("no penalty", function("newton_step(W, X, y, l2=0.0)",
                                "H = lc.hessian(W, X, y)\ng = lc.gradient(W, X, y)\n"
                                "return W - np.linalg.solve(H, g)"),
         "no penalty in H"),
        ("a gradient step", newton_step("return W - g"), "that is a gradient step"),
        ("H times g", newton_step("return W - H @ g"), "H @ g is not the step"),
        ("a matrix inverse", newton_step("return W - np.linalg.inv(H) @ g"),
         "not a matrix inverse"),
        ("raises", newton_step("return W - np.linalg.solve(H, g, l2)"),
         "newton_step raised TypeError"),
        ("no return", newton_step("W = W - np.linalg.solve(H, g)"), NOT_ANSWERED),
        ("a string", newton_step("return 'W - H^-1 g'"), NOT_A_NUMBER),
    ],
    "10_real_data": [
        ("solution", SOLUTION, "Correct"),
        ("off by one", threshold(returns="malignant[needed]"),
         "return the largest threshold"),
        ("floor instead of ceil", threshold(needed="int(np.floor(target * len(malignant)))"),
         "recall below 0.98"),
        ("sorted the wrong way", threshold(malignant="np.sort(p[y_true == 1])"),
         "recall below 0.98"),
        ("benign tumours counted",
         threshold(malignant="np.sort(p)[::-1]",
                   needed="int(np.ceil(target * np.sum(y_true == 1) - 1e-9))"),
         "recall below 0.98"),
        ("0.07 * 100 rounds up", threshold(needed="int(np.ceil(target * len(malignant)))"),
         "0.07 * 100 = 7.000000000000001"),
        ("the recall, not a threshold", threshold(returns="target"),
         "one of the probabilities in p"),
        ("raises", threshold(returns="malignant[len(p)]"),
         "threshold_for_recall raised IndexError"),
        ("returns None", threshold(returns="None"), NOT_ANSWERED),
        ("a string", threshold(returns="str(malignant[needed - 1])"), NOT_A_NUMBER),
    ],
    "11_multiclass": [
        ("solution", SOLUTION, "Correct"),
        ("Y - P", softmax_gradient(product="X_tilde.T @ (Y - P) / X.shape[0]"),
         "built from P - Y"),
        ("the 1/m forgotten", softmax_gradient(product="X_tilde.T @ (P - Y)"),
         "divide by m"),
        ("transposed", softmax_gradient(product="(P - Y).T @ X_tilde / X.shape[0]"),
         "transposed"),
        ("no intercept row", softmax_gradient(product="X.T @ (P - Y) / X.shape[0]"),
         "the intercept row is missing"),
        ("labels, not one-hot", softmax_gradient(Y="y[:, None]"), "of your gradient"),
        ("raises", softmax_gradient(logits="X @ W"),
         "softmax_gradient_by_hand raised ValueError"),
        ("returns None", softmax_gradient(product="None"), NOT_ANSWERED),
        ("a string", softmax_gradient(product="'X~^T (P - Y) / m'"), NOT_A_NUMBER),
    ],
    "12_stochastic_gradient_descent": [
        ("solution", SOLUTION, "Correct"),
        ("no shuffle", one_epoch(order="np.arange(m)"), "the rows are not shuffled"),
        ("last minibatch dropped",
         one_epoch(starts="range(0, m - batch_size + 1, batch_size)"),
         "the last minibatch (6 rows) is missing"),
        ("every row in every update",
         one_epoch(update="W = W - alpha * lc.gradient(W, X, y)"),
         "each update used every row"),
        ("a shuffle per minibatch",
         one_epoch(order="None", rows="rng.permutation(m)[:batch_size]"),
         "shuffle once per epoch"),
        ("a sum, not a mean",
         one_epoch(update="W = W - alpha * len(B) * lc.gradient(W, X[B], y[B])"),
         "divide by its number of rows"),
        ("half the step", one_epoch(update="W = W - alpha / 2 * lc.gradient(W, X[B], y[B])"),
         "your weights after one epoch"),
        ("raises", one_epoch(update="W = W - alpha * lc.gradient(W, X[B])"),
         "one_epoch raised TypeError"),
        ("returns None", one_epoch(returns="None"), NOT_ANSWERED),
        ("a string", one_epoch(returns="'W after one epoch'"), NOT_A_NUMBER),
    ],
    "13_l1_and_sparsity": [
        ("solution", SOLUTION, "Correct"),
        ("the intercept shrunk too",
         ista_step(target="W_next", shrink="lc.soft_threshold(W_next, alpha * l1)"),
         "the intercept W[0] is not penalised"),
        ("threshold l1, not alpha l1", ista_step(shrink="lc.soft_threshold(W_next[1:], l1)"),
         "the threshold is alpha * l1"),
        ("no shrinking", ista_step(shrink="W_next[1:]"), "a plain gradient step"),
        ("uphill", ista_step(step="W + alpha * lc.gradient(W, X, y)"), "goes downhill"),
        ("hard thresholding",
         ista_step(shrink="W_next[1:] * (np.abs(W_next[1:]) > alpha * l1)"),
         "hard thresholding"),
        ("shrink, then step",
         function("ista_step(W, X, y, l1, alpha)",
                  "W_next = W.copy()\nW_next[1:] = lc.soft_threshold(W[1:], alpha * l1)\n"
                  "return W_next - alpha * lc.gradient(W, X, y)"),
         "first the gradient step, then the shrinking"),
        ("raises", ista_step(step="W - alpha * lc.gradient(X, W, y)"),
         "ista_step raised ValueError"),
        ("returns None", ista_step(returns="None"), NOT_ANSWERED),
        ("a string", ista_step(returns="'soft(W - alpha g)'"), NOT_A_NUMBER),
    ],
    "14_imbalanced_classes": [
        ("solution", SOLUTION, "Correct"),
        ("inverted", balanced(returns="len(classes) * counts[labels] / len(y)"),
         "inverted: a rare class needs a large weight"),
        ("m / K forgotten", balanced(returns="1 / counts[labels]"),
         "multiply 1 / m_k by m / K"),
        ("K forgotten", balanced(returns="len(y) / counts[labels]"),
         "divide by the number of classes K"),
        ("one weight per class", balanced(returns="len(y) / (len(classes) * counts)"),
         "one weight per row, not one per class"),
        ("all ones", balanced(returns="np.ones(len(y))"), "your weights"),
        ("assumes two classes", balanced(returns="len(y) / (2 * counts[labels])"),
         "don't assume K = 2"),
        ("np.bincount on strings",
         function("balanced_weights(y)", "return len(y) / (2 * np.bincount(y)[y])"),
         "np.bincount needs integer labels"),
        ("raises", balanced(returns="len(y) / (len(classes) * counts[y + 5])"),
         "balanced_weights raised IndexError"),
        ("returns None", balanced(returns="None"), NOT_ANSWERED),
        ("a string", balanced(returns="'m / (K m_k)'"), NOT_A_NUMBER),
    ],
    "15_where_logistic_regression_sits": [
        ("solution", SOLUTION, "Correct"),
        ("class 0's weights", lda_by_hand(returns="-np.r_[w_0, w]"), "the wrong sign"),
        ("no intercept", lda_by_hand(returns="w"), "the intercept w_0 is missing"),
        ("no prior odds", lda_by_hand(prior="0.0"), "log prior odds"),
        ("prior odds upside down",
         lda_by_hand(prior="np.log((1 - np.mean(y)) / np.mean(y))"), "upside down"),
        ("intercept last", lda_by_hand(returns="np.r_[w, w_0]"), "comes first"),
        ("divided by m - 2", lda_by_hand(scatter="centred.T @ centred / (len(y) - 2)"),
         "not by m - 2"),
        ("one mean for all", lda_by_hand(centred="X - X.mean(axis=0)"),
         "use the pooled covariance"),
        ("a wrong intercept", lda_by_hand(prior="np.log(np.mean(y))"), "of your LDA weights"),
        ("raises", lda_by_hand(scatter="np.linalg.inv(centred)"),
         "lda_weights_by_hand raised LinAlgError"),
        ("returns None", lda_by_hand(returns="None"), NOT_ANSWERED),
        ("a string", lda_by_hand(returns="'Sigma^-1 (mu_1 - mu_0)'"), NOT_A_NUMBER),
    ],
    "16_neural_network": [
        ("solution", SOLUTION, "Correct"),
        ("y - p", hidden_gradient(d_z="(y - p) / len(y)"), "the error is p - y"),
        ("the 1/m forgotten", hidden_gradient(d_z="p - y"), "divide by m"),
        ("no tanh'", hidden_gradient(d_Psi="np.outer(d_z, W[1:])"),
         "the derivative of tanh, is missing"),
        ("1 - psi^2", hidden_gradient(
            d_Psi="np.outer(d_z, W[1:]) * (1 - (lc.add_intercept(X) @ V)**2)"),
         "not 1 - psi^2"),
        ("transposed", hidden_gradient(returns="d_Psi.T @ lc.add_intercept(X)"), "transposed"),
        ("no intercept row", hidden_gradient(returns="X.T @ d_Psi"),
         "the intercept row is missing"),
        ("the output weights' gradient", hidden_gradient(
            returns="np.r_[d_z.sum(), A.T @ d_z]"), "your gradient"),
        ("raises", hidden_gradient(hidden="np.tanh(X @ V)"), "hidden_gradient raised ValueError"),
        ("returns None", hidden_gradient(returns="None"), NOT_ANSWERED),
        ("a string", hidden_gradient(returns="'X~^T Delta'"), NOT_A_NUMBER),
    ],
}

# ------------------------------------------------------------ the harness


def _kernel_env():
    env = dict(os.environ)
    # the kernel imports this checkout's logreg_core, and draws no figure on screen
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["MPLBACKEND"] = "agg"
    env["OMP_NUM_THREADS"] = env["OPENBLAS_NUM_THREADS"] = "1"  # two kernels at a time
    env.pop("NBGRADER_EXECUTION", None)
    return env


def _run(client, code):
    """Execute code in the kernel; return (stdout, stderr, error text or None)."""
    out = {"stdout": [], "stderr": [], "error": None}

    def hook(message):
        kind, content = message["msg_type"], message["content"]
        if kind == "stream":
            out[content["name"]].append(content["text"])
        elif kind == "error":
            out["error"] = f"{content['ename']}: {content['evalue']}"

    try:
        client.execute_interactive(code, store_history=False, output_hook=hook,
                                   timeout=CELL_TIMEOUT_SECONDS)
    except (TimeoutError, queue.Empty):
        out["error"] = f"timed out after {CELL_TIMEOUT_SECONDS} s"
    return "".join(out["stdout"]), "".join(out["stderr"]), out["error"]


def _starters(notebook):
    return [i for i, cell in enumerate(notebook.cells) if "exercise-starter" in tags(cell)]


def _exercise(notebook):
    """(the cells before the starter, the starter's code, the self-check's code)."""
    start = _starters(notebook)[0]
    cells = notebook.cells
    return cells[:start], cells[start].source, cells[start + 1].source


def _run_chapter(chapter):
    """Every case of one chapter in one kernel: {case id: (stdout, stderr, error)}.

    Also the first wrong case and the solution under nbgrader (keys "nbgrader: ...").
    """
    notebook = nbformat.read(NOTEBOOK_DIR / f"{chapter}.ipynb", as_version=4)
    before, solution, check = _exercise(notebook)
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(NOTEBOOK_DIR),
                                       env=_kernel_env())
    results = {}
    try:
        for cell in before:
            if cell.cell_type == "code" and "nbval-ignore-output" not in tags(cell):
                error = _run(client, cell.source)[2]
                if error:
                    return {"setup": ("", "", f"a cell before the exercise failed: {error}")}

        def case(code):
            _, _, error = _run(client, solution if code is SOLUTION else code)
            if error:
                return "", "", f"the case's starter code itself failed: {error}"
            return _run(client, check)

        for case_id, code, _ in CASES[chapter]:
            results[case_id] = case(code)
        _run(client, "import os; os.environ['NBGRADER_EXECUTION'] = 'autograde'")
        first_wrong = CASES[chapter][1]
        results["nbgrader: " + first_wrong[0]] = case(first_wrong[1])
        results["nbgrader: solution"] = case(SOLUTION)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return results


def _run_chapter_in_subprocess(chapter):
    completed = subprocess.run(
        [sys.executable, __file__, chapter], cwd=ROOT, capture_output=True, text=True,
        timeout=20 * CELL_TIMEOUT_SECONDS, check=False,
    )
    if completed.returncode != 0:
        return {"setup": ("", "", f"the worker failed:\n{completed.stderr[-3000:]}")}
    return json.loads(completed.stdout)


@pytest.fixture(scope="module")
def outcomes():
    """{chapter: {case id: (stdout, stderr, error)}}, two chapters at a time."""
    with ThreadPoolExecutor(max_workers=2) as pool:  # threads only wait for the workers
        return dict(zip(CASES, pool.map(_run_chapter_in_subprocess, CASES)))


def _result(outcomes, chapter, case_id):
    results = outcomes[chapter]
    assert "setup" not in results, f"{chapter}: {results.get('setup')}"
    return results[case_id]


# ------------------------------------------------------------------ the tests


def test_every_coding_exercise_has_its_cases():
    chapters = sorted(path.stem for path in NOTEBOOK_DIR.glob("*.ipynb"))
    assert sorted(CASES) == chapters
    for chapter in chapters:  # CASES has one list per chapter: one coding exercise
        notebook = nbformat.read(NOTEBOOK_DIR / f"{chapter}.ipynb", as_version=4)
        assert len(_starters(notebook)) == 1, f"{chapter}: add the new exercise's cases"
    for chapter, cases in CASES.items():
        wrong = [case for case in cases if case[1] is not SOLUTION]
        assert cases[0][1] is SOLUTION and len(wrong) >= 4, chapter
        assert len({case[0] for case in cases}) == len(cases), f"{chapter}: duplicate ids"


@pytest.mark.parametrize(
    "chapter, case_id, hint",
    [(chapter, case_id, hint) for chapter, cases in CASES.items()
     for case_id, _, hint in cases],
    ids=[f"{chapter[:2]}-{case_id}" for chapter, cases in CASES.items()
         for case_id, _, _ in cases],
)
def test_self_check_answers_in_words(outcomes, chapter, case_id, hint):
    stdout, stderr, error = _result(outcomes, chapter, case_id)
    assert error is None, f"{chapter}, {case_id}: the self-check raised {error}\n{stdout}"
    assert "Traceback" not in stdout + stderr, f"{chapter}, {case_id}:\n{stdout}{stderr}"
    assert hint in stdout, f"{chapter}, {case_id}: expected {hint!r} in\n{stdout}"
    if hint == "Correct":
        assert not re.search(r"Not yet|Not answered", stdout), stdout
        assert not stderr, f"{chapter}: the solution's check wrote to stderr:\n{stderr}"
    else:  # a part may be right ("Correct: ..."), but the wrong part is named
        assert re.search(r"Not yet|Not answered yet", stdout), stdout


@pytest.mark.parametrize("chapter", list(CASES))
def test_self_check_fails_a_wrong_answer_under_nbgrader(outcomes, chapter):
    case_id, _, hint = CASES[chapter][1]
    stdout, _, error = _result(outcomes, chapter, "nbgrader: " + case_id)
    assert error is not None and error.startswith("AssertionError"), (
        f"{chapter}, {case_id}: under nbgrader the check must fail; got {error!r}\n{stdout}"
    )
    assert hint in error, f"{chapter}: the AssertionError should carry the hint: {error}"
    stdout, _, error = _result(outcomes, chapter, "nbgrader: solution")
    assert error is None and "Correct" in stdout, (
        f"{chapter}: under nbgrader the solution must pass; got {error!r}\n{stdout}"
    )


if __name__ == "__main__":  # the worker: python tests/test_self_checks.py <chapter>
    print(json.dumps(_run_chapter(sys.argv[1])))
