"""Reference values from scikit-learn for tests/Linea.ML.Tests (run with Debian's python3; tests never call Python).

    /usr/bin/python3 tests/Linea.ML.Tests/Data/make_fixtures.py

Writes, next to this script:
  iris/pca_sklearn_*.csv      PCA of iris.csv: components under both svd_flip conventions, spectrum, transforms
  diabetes/diabetes.csv       scikit-learn's load_diabetes() (scaled features as shipped with scikit-learn, target)
  diabetes/ridge_sklearn.csv  Ridge coefficients for several (alpha, fit_intercept, solver)
  diabetes/lasso_sklearn.csv  Lasso coefficients, n_iter_, dual_gap_ for several (alpha, tol)
  wide/wide.csv, wide/ridge_sklearn.csv   a 15 x 40 random problem (more features than samples) and its Ridge fit
Versions used are printed and written into each file's companion *_versions.txt.
"""
import os
import numpy as np
import scipy
import scipy.linalg
import sklearn
from sklearn.datasets import load_diabetes
from sklearn.decomposition import PCA
from sklearn.linear_model import Lasso, Ridge
from sklearn.utils.extmath import svd_flip

HERE = os.path.dirname(os.path.abspath(__file__))


def out(*parts):
    path = os.path.join(HERE, *parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def save(path, rows, header):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(repr(float(v)) for v in r) + "\n")


versions = f"python numpy {np.__version__} scipy {scipy.__version__} scikit-learn {sklearn.__version__}\n"
print(versions)

# ---- PCA on Iris --------------------------------------------------------------------------------------------------
iris = np.loadtxt(out("iris", "iris.csv"), delimiter=",", skiprows=1, usecols=(0, 1, 2, 3))
features = ["f0", "f1", "f2", "f3"]
pca = PCA().fit(iris)                      # scikit-learn 1.2: full solver, svd_flip(u_based_decision=True)
save(out("iris", "pca_sklearn_spectrum.csv"),
     np.column_stack([pca.singular_values_, pca.explained_variance_, pca.explained_variance_ratio_]),
     ["singular_value", "explained_variance", "explained_variance_ratio"])
save(out("iris", "pca_sklearn_components_sample_based.csv"), pca.components_, features)
save(out("iris", "pca_sklearn_transform_sample_based.csv"), pca.transform(iris), ["z0", "z1", "z2", "z3"])
# scikit-learn >= 1.5 flips on the components instead (PR #27491): the same SVD, svd_flip(u_based_decision=False).
centred = iris - iris.mean(axis=0)
u, s, vt = scipy.linalg.svd(centred, full_matrices=False)
u, vt = svd_flip(u, vt, u_based_decision=False)
save(out("iris", "pca_sklearn_components_component_based.csv"), vt, features)
save(out("iris", "pca_sklearn_transform_component_based.csv"), centred @ vt.T, ["z0", "z1", "z2", "z3"])
two = PCA(n_components=2, whiten=True).fit(iris)
save(out("iris", "pca_sklearn_whiten2_sample_based.csv"), two.transform(iris[:10]), ["z0", "z1"])
with open(out("iris", "pca_sklearn_noise_variance.csv"), "w") as f:
    f.write("n_components,noise_variance\n")
    for k in (1, 2, 3):
        f.write(f"{k},{PCA(n_components=k).fit(iris).noise_variance_!r}\n")
with open(out("iris", "pca_sklearn_fraction.csv"), "w") as f:
    f.write("fraction,n_components\n")
    for frac in (0.5, 0.9, 0.95, 0.98, 0.99, 0.999):
        f.write(f"{frac!r},{PCA(n_components=frac).fit(iris).n_components_}\n")
open(out("iris", "pca_sklearn_versions.txt"), "w").write(versions)

# ---- Diabetes: Ridge and Lasso --------------------------------------------------------------------------------------
X, y = load_diabetes(return_X_y=True)
save(out("diabetes", "diabetes.csv"), np.column_stack([X, y]), [f"x{j}" for j in range(X.shape[1])] + ["y"])
rows = []
for alpha, intercept, solver in [(1.0, True, "auto"), (0.1, True, "svd"), (0.1, True, "cholesky"),
                                 (10.0, False, "auto"), (1e-3, True, "svd")]:
    m = Ridge(alpha=alpha, fit_intercept=intercept, solver=solver).fit(X, y)
    rows.append([alpha, float(intercept), m.intercept_] + list(m.coef_))
save(out("diabetes", "ridge_sklearn.csv"), rows, ["alpha", "fit_intercept", "intercept"] + [f"w{j}" for j in range(10)])
rows = []
for alpha, tol, max_iter in [(0.1, 1e-4, 1000), (0.5, 1e-4, 1000), (0.1, 1e-12, 100000), (0.5, 1e-12, 100000),
                             (1.0, 1e-12, 100000), (0.01, 1e-12, 100000)]:
    m = Lasso(alpha=alpha, tol=tol, max_iter=max_iter).fit(X, y)
    rows.append([alpha, tol, max_iter, m.n_iter_, m.dual_gap_, m.intercept_] + list(m.coef_))
save(out("diabetes", "lasso_sklearn.csv"), rows,
     ["alpha", "tol", "max_iter", "n_iter", "dual_gap", "intercept"] + [f"w{j}" for j in range(10)])
open(out("diabetes", "sklearn_versions.txt"), "w").write(versions)

# ---- A wide problem (p > n): Ridge's kernel form -------------------------------------------------------------------
rng = np.random.default_rng(8)
Xw = rng.standard_normal((15, 40))
yw = Xw[:, :3] @ np.array([2.0, -1.0, 0.5]) + 0.1 * rng.standard_normal(15)
save(out("wide", "wide.csv"), np.column_stack([Xw, yw]), [f"x{j}" for j in range(40)] + ["y"])
m = Ridge(alpha=0.3).fit(Xw, yw)
save(out("wide", "ridge_sklearn.csv"), [[0.3, m.intercept_] + list(m.coef_)], ["alpha", "intercept"] + [f"w{j}" for j in range(40)])
open(out("wide", "sklearn_versions.txt"), "w").write(versions)
print("written")
