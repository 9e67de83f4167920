#!/usr/bin/env python3
"""SciPy peer of `dotnet run -c Release --project bench/Linea.Bench -- sparse` (bench/Linea.Bench/SparseRunner.cs).

The C# runner writes the matrix once as raw little-endian CSR arrays in --dir:
    indptr.bin  (int64, rows + 1), indices.bin (int32, nnz), data.bin (float64, nnz)
so both sides time the very same matrix; this script loads them, times one operation and prints ONE line of
key=value fields on stdout, the first being peer_s=<median seconds>, e.g.
    peer_s=0.00312 samples=7 reps=16
Operations (warm: one untimed call first, except eigsh, which is run once):
    spmv      y = A @ x, x = ones; each sample times --reps products (chosen so a sample lasts >= 50 ms)
    rmatvec   y = A.T @ x, x = ones (A.T is the CSC view of the same arrays: SciPy's csc_matvec scatter), as spmv
    pagerank  networkx's _pagerank_scipy power iteration (M = D^-1 A, x @ M, dangling mass spread uniformly), from the
              CSR adjacency, stopping when the L1 change < --tol (the rule Linea's PageRank.Compute uses; networkx
              itself stops at N * tol)
    cg        scipy.sparse.linalg.cg(A, b = ones, rtol=--rtol, atol=0), iterations counted by the callback
              (SciPy < 1.12 spells rtol `tol`; with atol=0 both stop at ||r|| <= rtol ||b||)
    eigsh     scipy.sparse.linalg.eigsh(A, k=--k, which=--which), default tol (machine precision); also prints
              cpu_s, the process CPU time, which a busy machine does not inflate as it does the wall time
    lu        scipy.sparse.linalg.splu(A) with its defaults (SuperLU, permc_spec COLAMD, diag_pivot_thresh 1) on the
              matrix converted to CSC outside the timing; each sample factors from scratch; prints nnz_factor =
              L.nnz + U.nnz (each with its diagonal, as UMFPACK's lnz + unz) and rel_residual =
              ||A x - b||_inf / (||A||_inf ||x||_inf + ||b||_inf) of one solve with b = ones
Runs on Debian's python3-scipy (/usr/bin/python3); the runner kills it after --peer-timeout seconds.
"""
import argparse
import inspect
import os
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as spla


def load(directory, rows, cols):
    indptr = np.fromfile(os.path.join(directory, "indptr.bin"), dtype="<i8")
    indices = np.fromfile(os.path.join(directory, "indices.bin"), dtype="<i4")
    data = np.fromfile(os.path.join(directory, "data.bin"), dtype="<f8")
    if indptr.size != rows + 1 or indices.size != data.size or indptr[-1] != data.size:
        sys.exit(f"scipy_sparse.py: inconsistent arrays in {directory}: indptr {indptr.size}, indices {indices.size}, data {data.size}")
    # SciPy keeps int32 index arrays when they fit, as csr_matrix does for matrices it builds itself.
    if data.size < 2**31:
        indptr = indptr.astype(np.int32)
    return sp.csr_matrix((data, indices, indptr), shape=(rows, cols))


def median_time(body, samples):
    times = []
    for _ in range(samples):
        t0 = time.perf_counter()
        body()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def op_rmatvec(a, args):
    return op_spmv(a.T, args)


def op_spmv(a, args):
    x = np.ones(a.shape[1])
    t0 = time.perf_counter()
    a @ x
    once = max(time.perf_counter() - t0, 1e-6)
    reps = max(1, int(0.05 / once))

    def body():
        for _ in range(reps):
            a @ x

    s = median_time(body, args.samples) / reps
    return {"peer_s": s, "samples": args.samples, "reps": reps}


def pagerank(a, alpha, tol, max_iter):
    """networkx.pagerank_scipy's iteration on a CSR adjacency (uniform personalization and dangling weights)."""
    a = sp.csr_array(a)
    n = a.shape[0]
    s = np.asarray(a.sum(axis=1)).ravel()
    s[s != 0] = 1.0 / s[s != 0]
    q = sp.csr_array(sp.spdiags(s.T, 0, n, n))
    m = q @ a
    x = np.repeat(1.0 / n, n)
    p = np.repeat(1.0 / n, n)
    dangling_weights = p
    is_dangling = np.where(s == 0)[0]
    for it in range(1, max_iter + 1):
        xlast = x
        x = alpha * (x @ m + sum(x[is_dangling]) * dangling_weights) + (1 - alpha) * p
        err = np.absolute(x - xlast).sum()
        if err < tol:
            return x / x.sum(), it, err
    raise RuntimeError(f"pagerank: no convergence in {max_iter} iterations")


def op_pagerank(a, args):
    result = {}

    def body():
        x, it, err = pagerank(a, args.damping, args.tol, 1000)
        result.update(iterations=it, last_change=f"{err:.2e}", top=int(np.argmax(x)))

    body()
    s = median_time(body, args.samples)
    return {"peer_s": s, "samples": args.samples, **result}


def op_cg(a, args):
    b = np.ones(a.shape[0])
    keyword = "rtol" if "rtol" in inspect.signature(spla.cg).parameters else "tol"
    result = {}

    def body():
        count = [0]

        def callback(_):
            count[0] += 1

        x, info = spla.cg(a, b, **{keyword: args.rtol}, atol=0.0, maxiter=10 * a.shape[0], callback=callback)
        res = np.linalg.norm(b - a @ x) / np.linalg.norm(b)
        result.update(iterations=count[0], converged=int(info == 0), rel_residual=f"{res:.2e}")

    body()
    s = median_time(body, args.samples)
    return {"peer_s": s, "samples": args.samples, "scipy_keyword": keyword, **result}


def op_eigsh(a, args):
    t0, c0 = time.perf_counter(), time.process_time()
    w = spla.eigsh(a, k=args.k, which=args.which, return_eigenvectors=False)
    s, cpu = time.perf_counter() - t0, time.process_time() - c0
    w = np.sort(w)[::-1]
    return {"peer_s": s, "cpu_s": cpu, "samples": 1, "largest": f"{w[0]:.12g}", "kth": f"{w[-1]:.12g}"}


def op_lu(a, args):
    a = sp.csc_matrix(a)
    a.sort_indices()
    result = {}

    def body():
        result["lu"] = spla.splu(a)

    s = median_time(body, args.samples)
    lu = result["lu"]
    b = np.ones(a.shape[0])
    x = lu.solve(b)
    anorm = abs(a).sum(axis=1).max()
    res = np.abs(a @ x - b).max() / (anorm * np.abs(x).max() + np.abs(b).max())
    return {"peer_s": s, "samples": args.samples, "nnz_factor": int(lu.L.nnz + lu.U.nnz), "nnz_l": int(lu.L.nnz),
            "nnz_u": int(lu.U.nnz), "rel_residual": f"{res:.2e}"}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--op", required=True, choices=["spmv", "rmatvec", "pagerank", "cg", "eigsh", "lu"])
    ap.add_argument("--dir", required=True)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--cols", type=int, required=True)
    ap.add_argument("--samples", type=int, default=7)
    ap.add_argument("--rtol", type=float, default=1e-8)
    ap.add_argument("--tol", type=float, default=1e-10)
    ap.add_argument("--damping", type=float, default=0.85)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--which", default="LA")
    args = ap.parse_args()
    a = load(args.dir, args.rows, args.cols)
    fields = {"spmv": op_spmv, "rmatvec": op_rmatvec, "pagerank": op_pagerank, "cg": op_cg, "eigsh": op_eigsh, "lu": op_lu}[args.op](a, args)
    fields["scipy"] = scipy.__version__
    print(" ".join(f"{k}={v:.6g}" if isinstance(v, float) else f"{k}={v}" for k, v in fields.items()), flush=True)


if __name__ == "__main__":
    main()
