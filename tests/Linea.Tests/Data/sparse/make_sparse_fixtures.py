#!/usr/bin/env python3
"""Regenerates the sparse file fixtures that tests/Linea.Tests/Sparse/SparseFileTests.cs loads.

Written with Debian's python3-scipy 1.10.1 / python3-numpy 1.24.2. Documentation only: the tests never run
Python. Every fixture NAME.mtx or NAME.npz comes with NAME.dense.npy, the float64 matrix SciPy itself reads
from it (mmread(...).toarray() or load_npz(...).toarray()), which the tests compare against.
Run from this folder:

    /usr/bin/python3 make_sparse_fixtures.py
"""
import numpy as np
import scipy.io
import scipy.sparse as sp

rng = np.random.default_rng(17)


def dense_of(m):
    return m.toarray() if sp.issparse(m) else np.asarray(m)


def save_expected(name, m):
    np.save(name + ".dense.npy", dense_of(m).astype(np.float64))


def mtx(name, a, **kw):
    scipy.io.mmwrite(name + ".mtx", a, **kw)
    save_expected(name, scipy.io.mmread(name + ".mtx"))


def npz(name, a, compressed=True):
    sp.save_npz(name + ".npz", a, compressed=compressed)
    save_expected(name, sp.load_npz(name + ".npz"))


# ---- Matrix Market ------------------------------------------------------------------------------
general = sp.random(7, 5, density=0.4, random_state=1, format="coo") * 10 - 0  # real values in (0, 10)
general.data[0] = -1.0e-300
general.data[1] = 12345.678901234567
mtx("general_real", general, comment="a 7 x 5 random matrix\nsecond comment line")

sym = sp.random(6, 6, density=0.3, random_state=2).toarray()
sym = sp.coo_matrix(sym + sym.T + np.diag(np.arange(1.0, 7.0)))
mtx("symmetric_real", sym, symmetry="symmetric")

skew = np.triu(rng.integers(-9, 10, size=(5, 5)), 1).astype(np.float64)
skew = sp.coo_matrix(skew - skew.T)
mtx("skew_integer", skew, field="integer", symmetry="skew-symmetric")

pattern = sp.random(8, 6, density=0.25, random_state=3, format="coo")
mtx("pattern_general", pattern, field="pattern")

integer = sp.coo_matrix(rng.integers(-1000, 1000, size=(4, 6)) * (rng.random((4, 6)) < 0.5))
mtx("integer_general", integer, field="integer")

dense = rng.standard_normal((3, 4))
mtx("array_real", dense)                        # SciPy writes a dense ndarray in the array format

dsym = rng.standard_normal((4, 4))
dsym = dsym + dsym.T
mtx("array_symmetric", dsym, symmetry="symmetric")

# Hand-written: upper-case banner words, comments and blank lines between entries, a duplicate entry (summed),
# Fortran exponents, tabs, CRLF line ends, nan and inf.
with open("handwritten.mtx", "w", newline="") as f:
    f.write("%%MatrixMarket MATRIX Coordinate REAL General\r\n"
            "% a comment\r\n"
            "\r\n"
            "%another comment\r\n"
            "  3 4 6\r\n"
            "1 1 1.5\r\n"
            "% a comment between entries\r\n"
            "2\t3\t-2.5D+01\r\n"
            "\r\n"
            "3 4 1e-3\r\n"
            "2 3 0.5\r\n"
            "3 1 nan\r\n"
            "1 4 -inf")                             # no final newline
# SciPy 1.10's reader stops at the blank line in the header, so the expected matrix is written out by hand.
hand = np.zeros((3, 4))
hand[0, 0] = 1.5
hand[1, 2] = -25.0 + 0.5
hand[2, 3] = 1e-3
hand[2, 0] = np.nan
hand[0, 3] = -np.inf
save_expected("handwritten", hand)

# ---- SciPy .npz ---------------------------------------------------------------------------------
base = sp.random(6, 9, density=0.3, random_state=4, format="csr")
npz("csr_f8", base)
npz("csc_f8", base.tocsc())
npz("csr_f4", base.astype(np.float32))
npz("csr_f8_stored", base, compressed=False)

# COO with a duplicate (load_npz keeps it; toarray sums it, as Linea's CSR does).
coo = sp.coo_matrix((np.array([1.0, 2.0, 3.0, 4.0, 0.5]),
                     (np.array([0, 2, 4, 1, 2]), np.array([3, 1, 0, 2, 1]))), shape=(5, 4))
npz("coo_f8", coo)

ints = sp.csr_matrix(rng.integers(-50, 50, size=(5, 5)) * (rng.random((5, 5)) < 0.4))
npz("csr_i8_data", ints.astype(np.int64))

boolean = sp.csr_matrix(rng.random((4, 7)) < 0.3)
npz("csr_bool", boolean)

# 64-bit indices and indptr (SciPy uses them when nnz or the shape need it; forced here).
wide = base.copy()
wide.indices = wide.indices.astype(np.int64)
wide.indptr = wide.indptr.astype(np.int64)
npz("csr_i8_indices", wide)

# Unsorted indices within rows.
unsorted = sp.csr_matrix((np.array([1.0, 2.0, 3.0, 4.0]), np.array([2, 0, 1, 0]), np.array([0, 2, 4])),
                         shape=(2, 3))
assert not unsorted.has_sorted_indices
npz("csr_unsorted", unsorted)

# Not supported by Linea: block sparse rows.
sp.save_npz("bsr_unsupported.npz", sp.bsr_matrix(np.eye(4), blocksize=(2, 2)))

for name in ["general_real", "symmetric_real", "skew_integer", "pattern_general", "integer_general",
             "array_real", "array_symmetric"]:
    print(name, scipy.io.mminfo(name + ".mtx"))
