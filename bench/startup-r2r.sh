#!/usr/bin/env bash
# First calls in a fresh process from a composite ReadyToRun application (README "Fast start", issue #20 item 4):
# publishes bench/Linea.StartupApp self-contained as one composite ReadyToRun image (Linea built with
# -p:LineaReadyToRun=true; instruction set x86-64-v4 without AVX10, see the csproj), then runs its first-call child
# (the startup runner's StartupChild) in SAMPLES fresh processes per operation and prints, per operation, the median
# first-call and warm times and the methods the JIT still compiled:
#   startup-r2r case=first_svd500 n=500 linea_cold_s=.. linea_warm_s=.. cold_over_warm=.. linea_second_s=.. jit_methods=..
#     jit_methods_first_call=.. jit_s=.. page_faults_first=.. page_faults_warm=.. alloc_mb_first=..
# (second: the second call in the same process, before tiered compilation replaces the precompiled code; page faults
# and allocated megabytes of the first call and of one warm call.)
# Usage: bench/startup-r2r.sh [--out DIR] [--samples 5] [--n 500] [--ops gemm,solve,svd] [--no-publish]
#        [--isa x86-64-v4,-avx10v1,-avx10v2] [--jit-list]
# --jit-list also writes, per operation, the methods the JIT compiled in one fresh process (DOTNET_JitStdOutFile with
# DOTNET_JitDisasmSummary=1) to DIR/jit-OP.txt. Wrap it in the shared build lock: flock /tmp/linea-build.lock bench/startup-r2r.sh
set -euo pipefail
cd "$(dirname "$0")/.."

out=/tmp/linea-startup-r2r samples=5 n=500 ops=gemm,solve,svd publish=1 isa="" jitlist=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --samples) samples="$2"; shift 2 ;;
    --n) n="$2"; shift 2 ;;
    --ops) ops="$2"; shift 2 ;;
    --isa) isa="$2"; shift 2 ;;
    --no-publish) publish=0; shift ;;
    --jit-list) jitlist=1; shift ;;
    *) echo "startup-r2r.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ "$publish" = 1 ]; then
  extra=()
  # A comma inside -p: separates properties, so the instruction set travels escaped.
  [ -n "$isa" ] && extra+=("-p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:${isa//,/%2C}")
  dotnet publish bench/Linea.StartupApp/Linea.StartupApp.csproj -c Release -r linux-x64 \
    -p:PublishReadyToRun=true -p:LineaReadyToRun=true "${extra[@]}" -o "$out" -nologo -v:q >&2
fi
app="$out/Linea.StartupApp"
[ -x "$app" ] || { echo "startup-r2r.sh: $app is missing (publish first)" >&2; exit 1; }

field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p"; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print "na"; else if (NR%2) print v[(NR+1)/2]; else printf "%.6f\n", (v[NR/2]+v[NR/2+1])/2}'; }

for op in ${ops//,/ }; do
  case "$op" in gemm) name=first_gemm ;; solve) name=first_solve ;; svd) name=first_svd500 ;; *) echo "unknown op $op" >&2; exit 2 ;; esac
  runs=""
  for _ in $(seq "$samples"); do runs+="$("$app" startup-child "$op" "$n" 5)"$'\n'; done
  cold=$(field first_s <<<"$runs" | median); second=$(field second_s <<<"$runs" | median); warm=$(field warm_s <<<"$runs" | median)
  jm=$(field jit_methods <<<"$runs" | median); jf=$(field jit_methods_first_call <<<"$runs" | median)
  js=$(field jit_s <<<"$runs" | median)
  ff=$(field faults_first_call <<<"$runs" | median); fw=$(field faults_warm_call <<<"$runs" | median)
  am=$(field alloc_mb_first_call <<<"$runs" | median)
  ratio=$(awk -v c="$cold" -v w="$warm" 'BEGIN {printf "%.2f", c / w}')
  echo "startup-r2r case=$name n=$n linea_cold_s=$cold linea_warm_s=$warm cold_over_warm=$ratio linea_second_s=$second jit_methods=$jm jit_methods_first_call=$jf jit_s=$js page_faults_first=$ff page_faults_warm=$fw alloc_mb_first=$am"
  if [ "$jitlist" = 1 ]; then
    rm -f "$out/jit-$op.txt"
    DOTNET_JitStdOutFile="$out/jit-$op.txt" DOTNET_JitDisasmSummary=1 "$app" startup-child "$op" "$n" 0 >/dev/null
  fi
done
