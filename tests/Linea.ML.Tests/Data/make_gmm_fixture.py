"""Reference values for GaussianMixture tests, from scikit-learn (run with Debian's python3 + sklearn).

Writes gmm_fixture.json: a seeded 3-cluster data set (300 x 3), fixed initial parameters, and for each covariance
type the result of sklearn.mixture.GaussianMixture started from exactly those parameters (weights_init, means_init
and precisions_init = inverse of the initial covariances), so the EM iterations of both implementations are the same
map from the same starting point. Usage: python3 make_gmm_fixture.py  (from this folder).
"""
import json
import numpy as np
import sklearn
from sklearn.mixture import GaussianMixture

rng = np.random.default_rng(20240607)
centres = np.array([[0.0, 0.0, 0.0], [4.0, 1.0, -1.0], [1.0, 5.0, 2.0]])
A = [np.array([[1.0, 0.3, 0.0], [0.0, 0.7, 0.2], [0.0, 0.0, 0.5]]),
     np.array([[0.6, 0.0, 0.0], [0.4, 1.2, 0.0], [0.1, 0.0, 0.8]]),
     np.eye(3) * 0.9]
X = np.vstack([rng.standard_normal((100, 3)) @ A[c] + centres[c] for c in range(3)])

K, d = 3, 3
means_init = X[[5, 150, 250]] + 0.5
weights_init = np.array([0.3, 0.3, 0.4])
cov_init = {
    "full": np.stack([np.eye(d) * s for s in (1.0, 2.0, 1.5)]),
    "tied": np.eye(d) * 2.0,
    "diag": np.array([[1.0, 2.0, 1.5], [2.0, 1.0, 1.0], [1.5, 1.5, 1.5]]),
    "spherical": np.array([1.0, 2.0, 1.5]),
}


def precisions(kind, cov):
    if kind == "full":
        return np.stack([np.linalg.inv(c) for c in cov])
    if kind == "tied":
        return np.linalg.inv(cov)
    return 1.0 / cov


out = {"sklearn_version": sklearn.__version__, "X": X.tolist(), "weights_init": weights_init.tolist(),
       "means_init": means_init.tolist(), "covariances_init": {k: v.tolist() for k, v in cov_init.items()},
       "results": {}}
for kind in ("full", "tied", "diag", "spherical"):
    for tol, max_iter in ((1e-3, 100), (1e-10, 500), (0.0, 2)):
        gm = GaussianMixture(n_components=K, covariance_type=kind, tol=tol, max_iter=max_iter, reg_covar=1e-6,
                             weights_init=weights_init, means_init=means_init,
                             precisions_init=precisions(kind, cov_init[kind]), random_state=0)
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            gm.fit(X)
        out["results"][f"{kind}_tol{tol}_iter{max_iter}"] = {
            "covariance_type": kind, "tol": tol, "max_iter": max_iter,
            "n_iter": int(gm.n_iter_), "converged": bool(gm.converged_), "lower_bound": float(gm.lower_bound_),
            "weights": gm.weights_.tolist(), "means": gm.means_.tolist(), "covariances": gm.covariances_.tolist(),
            "score": float(gm.score(X)), "bic": float(gm.bic(X)), "aic": float(gm.aic(X)),
            "score_samples_head": gm.score_samples(X[:5]).tolist(),
            "predict_proba_head": gm.predict_proba(X[:5]).tolist(),
            "predict": gm.predict(X).tolist(),
        }

with open("gmm_fixture.json", "w") as f:
    json.dump(out, f, indent=1)
print("wrote gmm_fixture.json with", len(out["results"]), "results")
for k, v in out["results"].items():
    print(k, v["n_iter"], v["converged"], v["lower_bound"], v["bic"])
