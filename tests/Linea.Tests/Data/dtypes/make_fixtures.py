# Makes numpy_dtypes.json, the NumPy reference values of the integer and boolean array tests (DTypeFixtureTests).
# Run once with Debian's python: /usr/bin/python3 make_fixtures.py   (NumPy 1.24.2 made the committed file.)
import json
import numpy as np

rng = np.random.default_rng(20)
names = {"bool": np.bool_, "int": np.int32, "long": np.int64, "float": np.float32, "double": np.float64}
back = {np.dtype(v).name: k for k, v in names.items()}
result_type = [[a, b, back[np.result_type(names[a], names[b]).name]] for a in names for b in names]

ties = np.array([3.0, 1.0, np.nan, 2.0, 1.0, 3.0, -np.inf, np.nan, 2.0, 1.0])
m = rng.integers(0, 4, size=(4, 5)).astype(np.float64)
m[1, 2] = np.nan
ints = rng.integers(-3, 6, size=25)
u = np.unique(ints, return_index=True, return_inverse=True, return_counts=True)
fu = np.array([2.5, np.nan, -1.0, 2.5, np.nan, 0.0])
fuv, fuc = np.unique(fu, return_counts=True)
data = np.round(rng.normal(0.3, 0.8, size=60), 3)
data[5] = 1.5  # the range end below: the last bin includes it
edges = np.array([-2.0, -0.5, 0.0, 0.25, 1.0, 3.0])
idata = rng.integers(0, 10, size=30)
bx = rng.integers(0, 7, size=20)
bw = np.round(rng.uniform(-1, 1, size=20), 3)
sa = np.array([-1.0, 0.0, 0.0, 1.5, 2.0, 2.0, 2.0, 7.0])
sv = np.array([-3.0, -1.0, 0.0, 0.5, 2.0, 7.0, 9.0, np.nan])
ci = rng.integers(-4, 5, size=(3, 4)).astype(np.int32)
cf = np.round(rng.uniform(0.5, 1.5, size=(3, 4)), 2)
am = np.array([[1.0, 5.0, 5.0, -2.0], [np.nan, 0.0, np.nan, 9.0], [4.0, 4.0, 4.0, 4.0]])


def f(a):
    return [None if np.isnan(x) else (("inf" if x > 0 else "-inf") if np.isinf(x) else float(x)) for x in np.ravel(a)]


out = {
    "numpy": np.__version__,
    "result_type": result_type,
    "argsort": {"x": f(ties), "stable": np.argsort(ties, kind="stable").tolist(), "sorted": f(np.sort(ties))},
    "sort2d": {"shape": list(m.shape), "x": f(m),
               "sort0": f(np.sort(m, axis=0)), "sort1": f(np.sort(m, axis=1)),
               "argsort0": np.argsort(m, axis=0, kind="stable").ravel().tolist(),
               "argsort1": np.argsort(m, axis=1, kind="stable").ravel().tolist()},
    "unique": {"x": ints.tolist(), "values": u[0].tolist(), "indices": u[1].tolist(), "inverse": u[2].tolist(), "counts": u[3].tolist()},
    "unique_nan": {"x": f(fu), "values": f(fuv), "counts": fuc.tolist()},
    "histogram": {"x": f(data),
                  "bins7": {"counts": np.histogram(data, bins=7)[0].tolist(), "edges": f(np.histogram(data, bins=7)[1])},
                  "range": {"counts": np.histogram(data, bins=5, range=(-1.0, 1.5))[0].tolist(), "edges": f(np.histogram(data, bins=5, range=(-1.0, 1.5))[1])},
                  "edges": {"edges": f(edges), "counts": np.histogram(data, bins=edges)[0].tolist()},
                  "ints": {"x": idata.tolist(), "counts": np.histogram(idata, bins=4)[0].tolist(), "edges": f(np.histogram(idata, bins=4)[1])}},
    "bincount": {"x": bx.tolist(), "weights": f(bw), "counts": np.bincount(bx).tolist(),
                 "weighted": f(np.bincount(bx, weights=bw)), "minlength10": np.bincount(bx, minlength=10).tolist()},
    "searchsorted": {"a": f(sa), "v": f(sv), "left": np.searchsorted(sa, sv, side="left").tolist(), "right": np.searchsorted(sa, sv, side="right").tolist()},
    "cumulative": {"shape": list(ci.shape), "ints": ci.ravel().tolist(), "floats": f(cf),
                   "cumsum_flat": np.cumsum(ci).tolist(), "cumsum0": np.cumsum(ci, axis=0).ravel().tolist(), "cumsum1": np.cumsum(ci, axis=1).ravel().tolist(),
                   "cumprod1": np.cumprod(ci, axis=1).ravel().tolist(), "fcumsum0": f(np.cumsum(cf, axis=0)), "fcumprod1": f(np.cumprod(cf, axis=1))},
    "argextremes": {"shape": list(am.shape), "x": f(am),
                    "argmax0": np.argmax(am, axis=0).tolist(), "argmax1": np.argmax(am, axis=1).tolist(),
                    "argmin0": np.argmin(am, axis=0).tolist(), "argmin1": np.argmin(am, axis=1).tolist(),
                    "argmax": int(np.argmax(am)), "argmin": int(np.argmin(am))},
}
with open("numpy_dtypes.json", "w") as fh:
    json.dump(out, fh, indent=1)

# .npy files of the integer and boolean dtypes (NpyDTypeTests): what np.save writes, byte for byte.
np.save("i4.npy", np.array([[1, -2, 3], [2147483647, -2147483648, 0]], dtype="<i4"))
np.save("i8.npy", np.array([1, -2, 9007199254740993], dtype="<i8"))
np.save("b1.npy", np.array([[True, False], [False, True]]))
np.save("i4_big_endian.npy", np.array([1, -2, 70000], dtype=">i4"))
np.save("f8_nan.npy", np.array([1.5, np.nan, -2.5]))
