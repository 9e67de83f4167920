#!/bin/sh
# PCA of a 2,000,000 x 100 float64 .npy (1.6 GB, generated under the temp folder if absent) at np 1 and np 2 with
# DistributedPca, then the parallel efficiency t1 / (p * tp). Threads per rank: 2 at np 1 (both cores for the one
# rank), 1 at np 2 (one core per rank), and np 1 again with 1 thread for reference; --bind-to none, so mpirun's default binding of a rank to one core does not
# take the second core from the np 1 run. The file is deleted after the np 2 run unless KEEP=1.
# Build first:  dotnet build -c Release bench/Linea.Bench
# Usage: sh bench/distributed-pca.sh [extra dpca options, e.g. --rows 200000]
set -e
dll="$(dirname "$0")/Linea.Bench/bin/Release/net10.0/Linea.Bench.dll"
run() { # ranks threads [dpca options]
  ranks="$1"; threads="$2"; shift 2
  mpirun --allow-run-as-root --oversubscribe --bind-to none -np "$ranks" -x LINEA_NUM_THREADS="$threads" \
    dotnet "$dll" dpca "$@" | grep -o 'distributed .*'
}
delete=--delete
[ "${KEEP:-0}" = 1 ] && delete=
np1="$(run 1 2 "$@")"
echo "$np1"
np1b="$(run 1 1 "$@" --no-single)"
echo "$np1b"
np2="$(run 2 1 "$@" $delete)"
echo "$np2"
t1="$(echo "$np1" | sed 's/.* seconds=\([^ ]*\).*/\1/')"
t1b="$(echo "$np1b" | sed 's/.* seconds=\([^ ]*\).*/\1/')"
t2="$(echo "$np2" | sed 's/.* seconds=\([^ ]*\).*/\1/')"
awk -v t1="$t1" -v t1b="$t1b" -v t2="$t2" 'BEGIN { b = t1 < t1b ? t1 : t1b;
  printf "distributed op=pca ranks=2 parallel_efficiency=%.2f (t1 / (2 t2), t1 = np 1 with 2 threads) parallel_efficiency_vs_best_np1=%.2f (fastest np 1 run)\n", t1 / (2 * t2), b / (2 * t2) }'
