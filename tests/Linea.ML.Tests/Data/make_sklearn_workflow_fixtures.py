"""Reference values from scikit-learn for the scikit-learn workflow tests (run once with Debian's python3; tests never
call Python):

    /usr/bin/python3 tests/Linea.ML.Tests/Data/make_sklearn_workflow_fixtures.py

Writes sklearn_workflow/fixtures.json next to this script: LogisticRegression on iris.csv (newton-cg at tol 1e-12, so
the reference is the optimum to about 1e-10, plus the gradient at it), StandardScaler / MinMaxScaler / OneHotEncoder,
KFold and StratifiedKFold test folds, classification metrics on fixed label vectors, cross_val_score and GridSearchCV.
"""
import json
import os
import warnings
import numpy as np
import scipy
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, confusion_matrix, f1_score, fbeta_score, log_loss, precision_score,
                             recall_score, roc_auc_score)
from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, StandardScaler

# newton-cg at tol 1e-12 reports non-convergence once rounding stalls it; the gradient written beside each fit shows
# how close to the optimum it got.
warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
iris = np.loadtxt(os.path.join(HERE, "iris", "iris.csv"), delimiter=",", skiprows=1, usecols=(0, 1, 2, 3, 4))
X, y = iris[:, :4], iris[:, 4]
fx = {"versions": f"numpy {np.__version__} scipy {scipy.__version__} scikit-learn {sklearn.__version__}"}


def grad_inf(Xd, yd, coef, intercept, C, fit_intercept):
    """Max |gradient| of sum CE + ||W||^2 / (2 C) at (coef, intercept), in the layout Linea uses."""
    classes = np.unique(yd)
    Z = Xd @ coef.T + intercept
    if len(classes) == 2:
        t = (yd == classes[1]).astype(float)
        r = 1 / (1 + np.exp(-Z[:, 0])) - t
        g = [Xd.T @ r + coef[0] / C] + ([np.array([r.sum()])] if fit_intercept else [])
    else:
        P = np.exp(Z - Z.max(1, keepdims=True))
        P /= P.sum(1, keepdims=True)
        R = P - (yd[:, None] == classes[None, :])
        g = [R.T @ Xd + coef / C] + ([R.sum(0)] if fit_intercept else [])
    return float(max(np.abs(a).max() for a in g))


cases = []
for name, rows, C, fi in [("multinomial_C1", slice(None), 1.0, True), ("multinomial_C0.1", slice(None), 0.1, True),
                          ("multinomial_noint", slice(None), 1.0, False), ("binary_C1", slice(50, 150), 1.0, True),
                          ("binary_C10", slice(50, 150), 10.0, True)]:
    Xd, yd = X[rows], y[rows]
    m = LogisticRegression(C=C, fit_intercept=fi, solver="newton-cg", tol=1e-12, max_iter=10000).fit(Xd, yd)
    cases.append({"name": name, "start": rows.start or 0, "stop": rows.stop or 150, "C": C, "fit_intercept": fi,
                  "coef": m.coef_.tolist(), "intercept": np.atleast_1d(m.intercept_).tolist(),
                  "proba": m.predict_proba(Xd).tolist(), "predict": m.predict(Xd).tolist(),
                  "grad_inf": grad_inf(Xd, yd, m.coef_, m.intercept_, C, fi)})
fx["logistic"] = cases

ss = StandardScaler().fit(X)
mm = MinMaxScaler(feature_range=(-1, 2)).fit(X)
Xc = np.column_stack([X[:10, 0], np.full(10, 3.25)])
ssc = StandardScaler().fit(Xc)
fx["standard_scaler"] = {"mean": ss.mean_.tolist(), "var": ss.var_.tolist(), "scale": ss.scale_.tolist(),
                         "transform_head": ss.transform(X[:5]).tolist(),
                         "constant_scale": ssc.scale_.tolist(), "constant_transform": ssc.transform(Xc).tolist()}
fx["minmax_scaler"] = {"data_min": mm.data_min_.tolist(), "data_max": mm.data_max_.tolist(), "scale": mm.scale_.tolist(),
                       "min": mm.min_.tolist(), "transform_head": mm.transform(X[:5]).tolist()}

Xo = np.array([[0, 1.5], [2, 1.5], [1, -3], [2, 7.0]])
enc = OneHotEncoder(sparse_output=False, handle_unknown="ignore").fit(Xo)
Xn = np.array([[3, 1.5], [1, 7.0]])
fx["onehot"] = {"x": Xo.tolist(), "categories": [c.tolist() for c in enc.categories_], "transform": enc.transform(Xo).tolist(),
                "x_new": Xn.tolist(), "transform_new_ignore": enc.transform(Xn).tolist()}

y_unbalanced = np.array([2, 0, 0, 1, 2, 2, 0, 1, 2, 0, 2, 2, 1, 0, 2, 0, 2, 2, 0, 2, 1, 2], dtype=float)
fx["kfold_13_5"] = [test.tolist() for _, test in KFold(5).split(np.zeros(13))]
fx["stratified_iris_5"] = [test.tolist() for _, test in StratifiedKFold(5).split(X, y)]
fx["stratified_unbalanced_3"] = {"y": y_unbalanced.tolist(),
                                 "tests": [test.tolist() for _, test in StratifiedKFold(3).split(np.zeros(22), y_unbalanced)]}

rng = np.random.RandomState(0)
yt = rng.randint(0, 3, 40).astype(float)
yp = np.where(rng.rand(40) < 0.6, yt, rng.randint(0, 3, 40)).astype(float)
yb = rng.randint(0, 2, 30).astype(float)
ybp = np.where(rng.rand(30) < 0.7, yb, 1 - yb)
score = np.round(rng.rand(30) * 0.5 + 0.4 * yb, 1)  # rounded so that there are ties
proba = rng.dirichlet([1, 1, 1], 40)
proba[0] = [1.0, 0.0, 0.0]  # a zero probability to exercise clipping
pb = np.clip(np.round(rng.rand(30), 2), 0, 1)
metrics = {"y_true": yt.tolist(), "y_pred": yp.tolist(), "accuracy": accuracy_score(yt, yp),
           "confusion": confusion_matrix(yt, yp).tolist(), "yb_true": yb.tolist(), "yb_pred": ybp.tolist(),
           "yb_score": score.tolist(), "roc_auc": roc_auc_score(yb, score), "proba": proba.tolist(),
           "log_loss": log_loss(yt, proba), "pb": pb.tolist(), "log_loss_binary": log_loss(yb, pb),
           "binary": {"precision": precision_score(yb, ybp), "recall": recall_score(yb, ybp), "f1": f1_score(yb, ybp),
                      "f2": fbeta_score(yb, ybp, beta=2), "precision_pos0": precision_score(yb, ybp, pos_label=0)}}
for avg in ["micro", "macro", "weighted"]:
    metrics[avg] = {"precision": precision_score(yt, yp, average=avg), "recall": recall_score(yt, yp, average=avg),
                    "f1": f1_score(yt, yp, average=avg), "f0.5": fbeta_score(yt, yp, beta=0.5, average=avg)}
fx["metrics"] = metrics

lr = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-12, max_iter=10000)
fx["cross_val_score_iris"] = cross_val_score(lr, X, y, cv=5).tolist()
pipe = Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression(solver="newton-cg", tol=1e-12, max_iter=10000))])
gs = GridSearchCV(pipe, {"clf__C": [0.01, 0.1, 1.0, 10.0]}, cv=5).fit(X, y)
fx["grid_search_iris"] = {"C": [0.01, 0.1, 1.0, 10.0], "mean_test_score": gs.cv_results_["mean_test_score"].tolist(),
                          "split_scores": [[gs.cv_results_[f"split{k}_test_score"][i] for k in range(5)] for i in range(4)],
                          "best_C": gs.best_params_["clf__C"], "best_score": gs.best_score_}

with open(os.path.join(HERE, "sklearn_workflow", "fixtures.json"), "w") as f:
    json.dump(fx, f, indent=1)
print(fx["versions"])
for c in cases:
    print(c["name"], "grad_inf", c["grad_inf"])
print("grid", fx["grid_search_iris"]["mean_test_score"], fx["cross_val_score_iris"])
