"""Reference values for the general eigensolver tests (EigTests, ComplexTensorTests).

Run with Debian's python3 (numpy 1.24): /usr/bin/python3 make_eig_fixtures.py > eig_reference.json
Tests never call Python; they read the JSON this writes.
- "matrices": a few fixed matrices (entries written with repr, so exactly the doubles used) with
  numpy.linalg.eigvals (LAPACK dgeev through numpy's OpenBLAS) in numpy's order.
- "format": complex arrays (real and imaginary parts) with numpy's str() of them.
"""
import json
import sys

import numpy as np


def companion(coeffs):
    """numpy.roots' companion matrix of the monic polynomial with these coefficients (highest first)."""
    c = np.asarray(coeffs, dtype=float)
    n = len(c) - 1
    a = np.diag(np.ones(n - 1), -1)
    a[0, :] = -c[1:] / c[0]
    return a


rng = np.random.RandomState(20240611)
mats = {
    "int5": np.array([[4, -2, 1, 0, 3], [1, 1, -1, 2, 0], [0, 3, 2, -1, 1], [2, 0, 1, 1, -2], [-1, 1, 0, 3, 2]], dtype=float),
    "normal8": rng.standard_normal((8, 8)),
    "companion_1i_2_1p2i": companion(np.poly([1j, -1j, 2, 1 + 2j, 1 - 2j]).real),
    "uniform40": rng.uniform(-1, 1, (40, 40)),
    "uniform90": rng.uniform(-1, 1, (90, 90)),
}
out = {"numpy": np.__version__, "matrices": [], "format": []}
for name, a in mats.items():
    w = np.linalg.eigvals(a)
    w = np.asarray(w, dtype=complex)
    out["matrices"].append({
        "name": name,
        "n": a.shape[0],
        "entries": [[repr(float(x)) for x in row] for row in a],
        "eigvals_re": [repr(float(x)) for x in w.real],
        "eigvals_im": [repr(float(x)) for x in w.imag],
    })

cases = [
    np.array([1 + 2j, 1 - 2j]),
    np.array([0.5 + 1j, 1 - 2.25j]),
    np.array([[1 + 0j, 0.5 - 0.5j], [2j, -1]]),
    np.array([1e10 + 1j, 1 - 1e-5j]),
    np.array([complex(np.nan, 1), complex(np.inf, -2), complex(np.nan, np.nan)]),
    np.array([complex(-0.0, -0.0), complex(1, -0.0)]),
    np.array([complex(1, np.inf), complex(1, -np.inf)]),
    np.array([1e-3 + 1j, 1234.5 + 1j]),
    np.arange(30) * (1 + 0.5j),
    np.ones(1001) * (1 + 1j),
    np.array([], dtype=complex),
    np.array([[[1 + 1j, 2], [3, 4 - 1j]], [[0, 1j], [-1j, 0.25]]]),
]
for c in cases:
    out["format"].append({
        "shape": list(c.shape),
        "re": [repr(float(x)) for x in c.real.ravel()],
        "im": [repr(float(x)) for x in c.imag.ravel()],
        "str": str(c),
    })
for c in [complex(1, 2), complex(1.5, -0.5), complex(0, 1), complex(-0.0, 1), complex(2, 0), complex(np.nan, 1)]:
    out["format"].append({"shape": [], "re": [repr(c.real)], "im": [repr(c.imag)], "str": str(np.array(c))})
json.dump(out, sys.stdout, indent=1)
sys.stdout.write("\n")
