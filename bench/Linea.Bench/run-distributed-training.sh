#!/usr/bin/env bash
# Data-parallel training throughput (distributed --ops training) at np 1 and np 2, one Linea thread per rank, each run
# under the shared build lock; the np 2 line carries the parallel efficiency t1 / (2 t2). Usage (from the repository
# root, after `dotnet build -c Release bench/Linea.Bench`): bench/Linea.Bench/run-distributed-training.sh [extra options]
set -euo pipefail
dll=bench/Linea.Bench/bin/Release/net10.0/Linea.Bench.dll
mpi=(mpirun --allow-run-as-root --oversubscribe -x TERM=dumb -x LINEA_NUM_THREADS=1)
lock=/tmp/linea-build.lock
one=$(flock "$lock" "${mpi[@]}" -np 1 dotnet "$dll" distributed --ops training "$@" | grep -o 'distributed .*')
echo "$one"
t1=$(sed -n 's/.* seconds=\([^ ]*\).*/\1/p' <<<"$one" | head -1)
flock "$lock" "${mpi[@]}" -np 2 dotnet "$dll" distributed --ops training --t1 "$t1" "$@" | grep -o 'distributed .*'
