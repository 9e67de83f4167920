#!/usr/bin/python3
"""scikit-learn side of `dotnet run -c Release --project bench/Linea.Bench -- ml`.

Reads the .npy files that the C# runner wrote into --dir, times each task (two warm-up calls, then the median of
--samples fits), writes the fitted quantities that the runner compares (sk_<task>_<name>.npy) into the same folder and
prints one line per task: `task=<task> sklearn_s=<seconds>`. Run it with Debian's /usr/bin/python3 (numpy 1.24,
scikit-learn 1.2); the runner sets OPENBLAS_NUM_THREADS and OMP_NUM_THREADS.
"""
import argparse
import os
import statistics
import sys
import time
import warnings

import numpy as np


def timed(fit, samples):
    fit()  # two warm-up calls, as the C# side does
    fit()
    times = []
    result = None
    for _ in range(samples):
        t0 = time.perf_counter()
        result = fit()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def load(d, name):
    return np.load(os.path.join(d, name + ".npy"))


def save(d, task, name, value):
    np.save(os.path.join(d, f"sk_{task}_{name}.npy"), np.asarray(value, dtype=np.float64))


def run(task, d, samples):
    from sklearn.exceptions import ConvergenceWarning
    warnings.simplefilter("ignore", ConvergenceWarning)
    if task == "distances":
        from sklearn.metrics.pairwise import euclidean_distances
        x = load(d, "distances_x")
        s, r = timed(lambda: euclidean_distances(x), samples)
        save(d, task, "head", r[:100])
    elif task in ("ridge", "linreg"):
        from sklearn.linear_model import LinearRegression, Ridge
        x, y = load(d, "regression_x"), load(d, "regression_y")
        make = (lambda: Ridge(alpha=1.0)) if task == "ridge" else (lambda: LinearRegression())
        s, m = timed(lambda: make().fit(x, y), samples)
        save(d, task, "coef", np.append(m.coef_, m.intercept_))
    elif task == "pca":
        from sklearn.decomposition import PCA
        x = load(d, "pca_x")
        s, m = timed(lambda: PCA(n_components=20, random_state=0).fit(x), samples)
        save(d, task, "explained_variance", m.explained_variance_)
    elif task in ("tsvd", "tsvd-wide"):
        from sklearn.decomposition import TruncatedSVD
        x = load(d, "pca_x" if task == "tsvd" else "tsvd-wide_x")
        s, m = timed(lambda: TruncatedSVD(n_components=20, algorithm="randomized", n_iter=5, n_oversamples=10,
                                          random_state=0).fit(x), samples)
        save(d, task, "singular_values", m.singular_values_)
    elif task == "kmeans":
        from sklearn.cluster import KMeans
        x, init = load(d, "kmeans_x"), load(d, "kmeans_init")
        s, m = timed(lambda: KMeans(n_clusters=init.shape[0], init=init, n_init=1, algorithm="lloyd").fit(x), samples)
        save(d, task, "inertia", [m.inertia_])
        save(d, task, "n_iter", [m.n_iter_])
    elif task in ("mlp256", "mlp32"):
        from sklearn.neural_network import MLPClassifier
        x, y = load(d, "mlp_x"), load(d, "mlp_y").astype(np.int64)
        batch = 256 if task == "mlp256" else 32
        make = lambda: MLPClassifier(hidden_layer_sizes=(128,), activation="relu", solver="adam", alpha=0.0,
                                     batch_size=batch, learning_rate_init=1e-3, max_iter=5, tol=0.0,
                                     n_iter_no_change=10**6, shuffle=True, random_state=0)
        s, m = timed(lambda: make().fit(x, y), samples)
        save(d, task, "accuracy", [np.mean(m.predict(x) == y)])
    elif task == "gmm":
        from sklearn.mixture import GaussianMixture
        x = load(d, "gmm_x")
        w, mu, cov = load(d, "gmm_weights"), load(d, "gmm_means"), load(d, "gmm_covariances")
        prec = np.linalg.inv(cov)
        make = lambda: GaussianMixture(n_components=w.shape[0], covariance_type="full", tol=0.0, max_iter=50,
                                       init_params="random", weights_init=w, means_init=mu, precisions_init=prec,
                                       random_state=0)
        s, m = timed(lambda: make().fit(x), samples)
        save(d, task, "lower_bound", [m.lower_bound_])
    elif task == "spectral":
        from sklearn.cluster import SpectralClustering
        x = load(d, "spectral_x")
        k = int(load(d, "spectral_k")[0])
        make = lambda: SpectralClustering(n_clusters=k, affinity="nearest_neighbors", n_neighbors=10,
                                          assign_labels="kmeans", random_state=0)
        s, m = timed(lambda: make().fit(x), samples)
        save(d, task, "labels", m.labels_)
    elif task in ("logreg", "logreg-binary", "logreg-wide"):
        from sklearn.linear_model import LogisticRegression
        x, y = load(d, task + "_x"), load(d, task + "_y")
        # Two classes: the binary model (one sigmoid score, as Linea fits it); more: the multinomial softmax.
        kind = "multinomial" if len(np.unique(y)) > 2 else "auto"
        make = lambda: LogisticRegression(C=1.0, solver="newton-cg", tol=1e-8, max_iter=100, multi_class=kind)
        s, m = timed(lambda: make().fit(x, y), samples)
        b = m.intercept_ - m.intercept_.mean() if m.intercept_.size > 1 else m.intercept_
        save(d, task, "coef", np.column_stack([m.coef_, b]))
    elif task == "lasso":
        from sklearn.linear_model import Lasso
        x, y = load(d, "lasso_x"), load(d, "lasso_y")
        s, m = timed(lambda: Lasso(alpha=0.1).fit(x, y), samples)
        save(d, task, "coef", np.append(m.coef_, m.intercept_))
    elif task == "minibatch":
        from sklearn.cluster import MiniBatchKMeans
        x = load(d, "minibatch_x")
        s, m = timed(lambda: MiniBatchKMeans(n_clusters=8, batch_size=1024, n_init=3, random_state=0).fit(x), samples)
        save(d, task, "inertia", [m.inertia_])
    elif task == "ipca":
        from sklearn.decomposition import IncrementalPCA
        x = load(d, "ipca_x")
        s, m = timed(lambda: IncrementalPCA(n_components=10, batch_size=1000).fit(x), samples)
        save(d, task, "explained_variance", m.explained_variance_)
    else:
        raise SystemExit(f"sklearn_ml.py: unknown task {task}")
    return s


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--tasks", required=True)
    p.add_argument("--samples", type=int, default=3)
    a = p.parse_args()
    for task in a.tasks.split(","):
        s = run(task, a.dir, a.samples)
        print(f"task={task} sklearn_s={s:.6f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
