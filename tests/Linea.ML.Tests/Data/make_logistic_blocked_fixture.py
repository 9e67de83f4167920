"""Reference values from scikit-learn for LogisticRegression on a problem large enough for Linea's blocked, threaded
Hessian pass (run once with Debian's python3; tests never call Python):

    /usr/bin/python3 tests/Linea.ML.Tests/Data/make_logistic_blocked_fixture.py

Writes logistic_blocked_fixture.json next to this script. The data are integer formulas (exact in double, so the C#
test rebuilds them bit for bit): n = 3000 rows, p = 40 features,
    h(i, j) = (131 i + 71 j + (i j mod 97)) mod 41 - 20,   y_i = (7919 i mod 1013) mod k,
    x_ij = h(i, j) / 16 + (0.75 if j mod k == y_i else 0).
Cases: k = 4 with and without intercepts, k = 2 with intercept; newton-cg at tol 1e-12, with the max |gradient| of
sum CE + ||W||^2 / (2 C) at scikit-learn's point (Linea's layout) beside each.
"""
import json
import os
import warnings
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
N, P = 3000, 40


def data(k):
    i = np.arange(N)[:, None]
    j = np.arange(P)[None, :]
    h = (131 * i + 71 * j + (i * j) % 97) % 41 - 20
    y = (7919 * np.arange(N)) % 1013 % k
    x = h / 16.0 + np.where(j % k == y[:, None], 0.75, 0.0)
    return x, y.astype(float)


def grad_inf(x, y, coef, intercept, C, fit_intercept):
    classes = np.unique(y)
    z = x @ coef.T + intercept
    if len(classes) == 2:
        r = 1 / (1 + np.exp(-z[:, 0])) - (y == classes[1])
        g = [x.T @ r + coef[0] / C] + ([np.array([r.sum()])] if fit_intercept else [])
    else:
        pr = np.exp(z - z.max(1, keepdims=True))
        pr /= pr.sum(1, keepdims=True)
        r = pr - (y[:, None] == classes[None, :])
        g = [r.T @ x + coef / C] + ([r.sum(0)] if fit_intercept else [])
    return float(max(np.abs(a).max() for a in g))


cases = []
for name, k, C, fi in [("multinomial", 4, 1.0, True), ("multinomial_noint", 4, 1.0, False), ("binary", 2, 1.0, True)]:
    x, y = data(k)
    m = LogisticRegression(C=C, fit_intercept=fi, solver="newton-cg", tol=1e-12, max_iter=10000).fit(x, y)
    cases.append({"name": name, "k": k, "C": C, "fit_intercept": fi, "coef": m.coef_.tolist(),
                  "intercept": np.atleast_1d(m.intercept_).tolist(), "grad_inf": grad_inf(x, y, m.coef_, m.intercept_, C, fi),
                  "accuracy": float(np.mean(m.predict(x) == y))})
out = {"versions": f"numpy {np.__version__} scikit-learn {sklearn.__version__}", "n": N, "p": P, "cases": cases}
with open(os.path.join(HERE, "logistic_blocked_fixture.json"), "w") as f:
    json.dump(out, f, indent=1)
