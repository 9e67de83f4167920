"""Reference values for IncrementalPca tests, from scikit-learn's IncrementalPCA (run once with Debian's python3 +
sklearn 1.2; the output is committed). Writes ipca_fixture.json: a seeded 83 x 6 data set with correlated columns
and an offset, and for each case the fitted attributes after the given sequence of partial_fit batches (or fit with a
batch_size, whose last short batch scikit-learn merges into the one before it).
Usage: /usr/bin/python3 make_ipca_fixture.py  (from this folder).
"""
import json
import numpy as np
import sklearn
from sklearn.decomposition import IncrementalPCA

rng = np.random.default_rng(20261207)
mix = rng.standard_normal((6, 6)) * np.array([3.0, 2.0, 1.5, 1.0, 0.5, 0.2])[:, None]
X = rng.standard_normal((83, 6)) @ mix + np.array([5.0, -2.0, 10.0, 0.0, 1.0, 3.0])


def attributes(model):
    return {
        "components": model.components_.tolist(),
        "explained_variance": model.explained_variance_.tolist(),
        "explained_variance_ratio": model.explained_variance_ratio_.tolist(),
        "singular_values": model.singular_values_.tolist(),
        "mean": model.mean_.tolist(),
        "var": model.var_.tolist(),
        "noise_variance": float(model.noise_variance_),
        "n_samples_seen": int(model.n_samples_seen_),
    }


cases = []
fit = IncrementalPCA(n_components=3, batch_size=20).fit(X)
cases.append({"name": "fit_k3_batch20", "n_components": 3, "batch_size": 20, "batches": None, **attributes(fit)})

partial = IncrementalPCA()
for a, b in [(0, 10), (10, 40), (40, 83)]:
    partial.partial_fit(X[a:b])
cases.append({"name": "partial_all_10_30_43", "n_components": None, "batch_size": None,
              "batches": [[0, 10], [10, 40], [40, 83]], **attributes(partial)})

fit2 = IncrementalPCA(n_components=2, batch_size=25).fit(X)
cases.append({"name": "fit_k2_batch25", "n_components": 2, "batch_size": 25, "batches": None, **attributes(fit2)})

with open("ipca_fixture.json", "w") as f:
    json.dump({"sklearn": sklearn.__version__, "X": X.tolist(), "cases": cases}, f, indent=1)
