"""NumPy's side of the Linea.Bench `startup` runner.

  numpy_startup.py oneshot             inverts [[1, 2], [3, 4]] once and exits (the parent times the whole process)
  numpy_startup.py first CASE N WARM   times the first call of CASE (gemm, solve, svd) on an n x n matrix in this
                                       fresh process, then the median of the last WARM of at least 40 calls; prints first_s=.. warm_s=..
The matrices are standard normal (seed 7), made before the clock starts, as the C# child does.
"""
import statistics
import sys
import time

import numpy as np


def main():
    if sys.argv[1] == "oneshot":
        np.linalg.inv(np.array([[1.0, 2.0], [3.0, 4.0]]))
        return
    case, n, warm = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = np.random.default_rng(7)
    a = rng.standard_normal((n, n))
    b = rng.standard_normal((n, n)) if case == "gemm" else rng.standard_normal(n)
    call = {
        "gemm": lambda: a @ b,
        "solve": lambda: np.linalg.solve(a, b),
        "svd": lambda: np.linalg.svd(a, full_matrices=False),
        "inv2": lambda: np.linalg.inv(np.array([[1.0, 2.0], [3.0, 4.0]])),
    }[case]
    t = time.perf_counter()
    call()
    first = time.perf_counter() - t
    times = []
    while len(times) < max(40, warm):
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    print(f"first_s={first:.6f} warm_s={statistics.median(times[-warm:]):.6f}")


if __name__ == "__main__":
    main()
