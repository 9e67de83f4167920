"""Peer for `dotnet run -c Release --project bench/Linea.Bench -- ooc`: NumPy loads X and y whole and calls lstsq.

Usage: numpy_lstsq.py X.npy Y.npy
Prints one line: numpy_s=<seconds for load + lstsq> load_s=<seconds to load> peak_rss_mb=<ru_maxrss> coef=<comma-separated solution>
"""
import resource
import sys
import time

import numpy as np


def main() -> None:
    x_path, y_path = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    x = np.load(x_path)
    y = np.load(y_path)
    loaded = time.perf_counter()
    coef = np.linalg.lstsq(x, y, rcond=None)[0]
    done = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"numpy_s={done - start:.3f} load_s={loaded - start:.3f} peak_rss_mb={peak_mb} coef={','.join(repr(float(c)) for c in coef)}")


if __name__ == "__main__":
    main()
