"""Peer for the `einsum` runner of bench/Linea.Bench: times numpy.einsum(subscripts, *operands, optimize=True) on
standard normal operands of the given shapes and dtype, best of --samples after one warm-up call.
Prints one line: peer_s=<seconds> peer_first_s=<seconds of the first call> numpy=<version> blas_threads=<threads>.
Run with Debian's /usr/bin/python3 (numpy on OpenBLAS); the caller sets OPENBLAS_NUM_THREADS."""
import argparse
import os
import time

import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--subscripts", required=True)
p.add_argument("--shapes", required=True, help="operand shapes, e.g. 8x8x256x64,8x8x256x64")
p.add_argument("--dtype", choices=["float64", "float32"], default="float64")
p.add_argument("--samples", type=int, default=5)
args = p.parse_args()

rng = np.random.default_rng(7)
ops = [rng.standard_normal(tuple(int(d) for d in s.split("x"))).astype(args.dtype) for s in args.shapes.split(",")]
run = lambda: np.einsum(args.subscripts, *ops, optimize=True)

t0 = time.perf_counter()
run()
first = time.perf_counter() - t0
best = float("inf")
for _ in range(max(args.samples, 1)):
    time.sleep(0.1)
    t0 = time.perf_counter()
    run()
    best = min(best, time.perf_counter() - t0)
print(f"peer_s={best:.6f} peer_first_s={first:.6f} numpy={np.__version__} blas_threads={os.environ.get('OPENBLAS_NUM_THREADS', 'default')}")
