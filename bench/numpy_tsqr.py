"""Peer for the `lapack --ops tsqr` lines of bench/Linea.Bench: times numpy.linalg.qr (reduced / 'r') and
numpy.linalg.lstsq on a standard normal m x n matrix (one right-hand side), best of --samples after one warm-up call.
Prints one line: peer_s=<seconds> peer_first_s=<seconds of the first call> numpy=<version> blas=<threads>.
Run with Debian's /usr/bin/python3 (numpy on OpenBLAS); the caller sets OPENBLAS_NUM_THREADS."""
import argparse
import os
import time

import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--op", choices=["qr", "qr_r", "lstsq"], required=True)
p.add_argument("--rows", type=int, required=True)
p.add_argument("--cols", type=int, required=True)
p.add_argument("--samples", type=int, default=3)
args = p.parse_args()

rng = np.random.default_rng(7)
a = rng.standard_normal((args.rows, args.cols))
b = rng.standard_normal(args.rows)

if args.op == "qr":
    run = lambda: np.linalg.qr(a, mode="reduced")
elif args.op == "qr_r":
    run = lambda: np.linalg.qr(a, mode="r")
else:
    run = lambda: np.linalg.lstsq(a, b, rcond=None)

t0 = time.perf_counter()
run()
first = time.perf_counter() - t0
best = float("inf")
for _ in range(max(args.samples, 1)):
    time.sleep(0.2)
    t0 = time.perf_counter()
    run()
    best = min(best, time.perf_counter() - t0)
print(f"peer_s={best:.4f} peer_first_s={first:.4f} numpy={np.__version__} blas_threads={os.environ.get('OPENBLAS_NUM_THREADS', 'default')}")
