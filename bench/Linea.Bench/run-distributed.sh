#!/usr/bin/env bash
# The distributed LU benchmark of the README: Linea's single-process Linalg.Solve, then ScaLAPACK's pdgesv at np 1
# (OpenBLAS 2 threads) and np 2 (1 thread per rank), each step under the shared build lock. Usage (from the repository
# root, after `dotnet build -c Release bench/Linea.Bench`): bench/Linea.Bench/run-distributed.sh [N] [NB]
# OPENBLAS_CORETYPE=SkylakeX: this environment exports Haswell, which would hold OpenBLAS to AVX2 kernels on Zen 5.
set -euo pipefail
n=${1:-20000}
nb=${2:-128}
dll=bench/Linea.Bench/bin/Release/net10.0/Linea.Bench.dll
mpi=(mpirun --allow-run-as-root --oversubscribe -x OPENBLAS_CORETYPE=SkylakeX -x TERM=dumb)
lock=/tmp/linea-build.lock
linea=$(flock "$lock" "${mpi[@]}" -np 1 -x OPENBLAS_NUM_THREADS=2 dotnet "$dll" distributed --ops linea-lu --n "$n" | grep -o 'distributed .*')
echo "$linea"
be=$(sed -n 's/.*backward_error=\([^ ]*\).*/\1/p' <<<"$linea")
one=$(flock "$lock" "${mpi[@]}" -np 1 -x OPENBLAS_NUM_THREADS=2 dotnet "$dll" distributed --ops scalapack-lu --n "$n" --nb "$nb" --linea-backward-error "$be" | grep -o 'distributed .*')
echo "$one"
t1=$(sed -n 's/.* seconds=\([^ ]*\).*/\1/p' <<<"$one")
flock "$lock" "${mpi[@]}" -np 2 -x OPENBLAS_NUM_THREADS=1 dotnet "$dll" distributed --ops scalapack-lu --n "$n" --nb "$nb" --t1 "$t1" --linea-backward-error "$be" | grep -o 'distributed .*'
