"""Peer for the `dtypes` runner of bench/Linea.Bench: times one NumPy operation on integer, boolean or float64 data
made the way the runner makes its own (uniform values, fixed seed), best of --samples after one warm-up call.
Prints one line: peer_s=<seconds> numpy=<version>. Run with Debian's /usr/bin/python3."""
import argparse
import time

import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--op", required=True)
p.add_argument("--n", type=int, required=True)
p.add_argument("--samples", type=int, default=7)
args = p.parse_args()
n = args.n
rng = np.random.default_rng(7)
x = rng.uniform(0.0, 1.0, n)
ints = rng.integers(0, 1000, n).astype(np.int32)
sorted_x = np.sort(x)
ops = {
    "less": lambda: x < 0.5,
    "mask_select": lambda: x[x < 0.5],
    "where": lambda: np.where(x < 0.5, x, 0.0),
    "astype_int": lambda: (x * 1000).astype(np.int32),
    "sort": lambda: np.sort(x),
    "argsort_stable": lambda: np.argsort(x, kind="stable"),
    "unique_all_int": lambda: np.unique(ints, return_index=True, return_inverse=True, return_counts=True),
    "cumsum_int": lambda: np.cumsum(ints),
    "searchsorted": lambda: np.searchsorted(sorted_x, x),
    "bincount": lambda: np.bincount(ints),
    "histogram": lambda: np.histogram(x, bins=100),
    "take": lambda: np.take(x, ints),
}
run = ops[args.op]
run()
best = float("inf")
for _ in range(max(args.samples, 1)):
    time.sleep(0.05)
    t0 = time.perf_counter()
    run()
    best = min(best, time.perf_counter() - t0)
print(f"peer_s={best:.6f} numpy={np.__version__}")
