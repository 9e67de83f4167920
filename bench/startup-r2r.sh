#!/usr/bin/env bash
# First calls in a fresh process from a library user's published application (README "Fast start", issue #20 item 4).
# Routes (--route, default r2r; several alternate their samples):
#   r2r  bench/Linea.StartupApp self-contained as one composite ReadyToRun image (Linea built with
#        -p:LineaReadyToRun=true; crossgen2 instruction set x86-64-v4 without AVX10, see the csproj; --isa to change it),
#        published into --out (default /tmp/linea-startup-r2r);
#   aot  the same app as Native AOT (-p:PublishAot=true -p:IlcInstructionSet=x86-64-v4, --aot-isa to change it; needs
#        clang and zlib1g-dev), published into --aot-out (default /tmp/linea-startup-aot). --aot is --route aot.
# Then runs the app's first-call child (the startup runner's StartupChild) in SAMPLES fresh processes per operation, the
# routes' samples alternating so that a drift of the machine's load touches each alike, and prints, per route and
# operation, the median first-call and warm times and the methods the JIT still compiled (0 under Native AOT):
#   startup-r2r route=r2r case=first_svd500 n=500 linea_cold_s=.. linea_warm_s=.. cold_over_warm=.. linea_second_s=..
#     jit_methods=.. jit_methods_first_call=.. jit_s=.. page_faults_first=.. page_faults_warm=.. alloc_mb_first=.. setup_s=..
# (second: the second call in the same process, before tiered compilation replaces precompiled code; page faults and
# allocated megabytes of the first call and of one warm call; setup: making the operands, while Linea's background
# prestart and first-call warm-up run.) --app LABEL=PATH adds an image published earlier (e.g.
# from another branch) as one more route, for before/after comparisons in one run.
# Usage: bench/startup-r2r.sh [--route r2r|aot|r2r,aot] [--aot] [--out DIR] [--aot-out DIR] [--samples 5] [--n 500]
#        [--ops gemm,solve,svd] [--no-publish] [--isa x86-64-v4,-avx10v1,-avx10v2] [--aot-isa x86-64-v4]
#        [--app LABEL=PATH] [--jit-list]
# --jit-list also writes, per operation, the methods the JIT compiled in one fresh process (DOTNET_JitStdOutFile with
# DOTNET_JitDisasmSummary=1) to DIR/jit-OP.txt (r2r route). Wrap it in the shared build lock:
#   flock /tmp/linea-build.lock bench/startup-r2r.sh --route r2r,aot --samples 7
set -euo pipefail
cd "$(dirname "$0")/.."

out=/tmp/linea-startup-r2r aotout=/tmp/linea-startup-aot samples=5 n=500 ops=gemm,solve,svd publish=1 isa="" aotisa=x86-64-v4
jitlist=0 routes=r2r
labels=() apps=()
while [ $# -gt 0 ]; do
  case "$1" in
    --route) routes="$2"; shift 2 ;;
    --aot) routes=aot; shift ;;
    --out) out="$2"; shift 2 ;;
    --aot-out) aotout="$2"; shift 2 ;;
    --samples) samples="$2"; shift 2 ;;
    --n) n="$2"; shift 2 ;;
    --ops) ops="$2"; shift 2 ;;
    --isa) isa="$2"; shift 2 ;;
    --aot-isa) aotisa="$2"; shift 2 ;;
    --app) labels+=("${2%%=*}"); apps+=("$(realpath "${2#*=}")"); shift 2 ;;
    --no-publish) publish=0; shift ;;
    --jit-list) jitlist=1; shift ;;
    *) echo "startup-r2r.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

for route in ${routes//,/ }; do
  case "$route" in
    r2r)
      if [ "$publish" = 1 ]; then
        extra=()
        # A comma inside -p: separates properties, so the instruction set travels escaped.
        [ -n "$isa" ] && extra+=("-p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:${isa//,/%2C}")
        dotnet publish bench/Linea.StartupApp/Linea.StartupApp.csproj -c Release -r linux-x64 \
          -p:PublishReadyToRun=true -p:LineaReadyToRun=true "${extra[@]}" -o "$out" -nologo -v:q >&2
      fi
      labels+=(r2r); apps+=("$out/Linea.StartupApp") ;;
    aot)
      if [ "$publish" = 1 ]; then
        command -v clang >/dev/null || { echo "startup-r2r.sh: Native AOT links with clang (apt-get install clang zlib1g-dev)" >&2; exit 1; }
        # Linea as a library user gets it (no LineaReadyToRun: ILC compiles every method, AggressiveOptimization or not).
        dotnet publish bench/Linea.StartupApp/Linea.StartupApp.csproj -c Release -r linux-x64 \
          -p:PublishAot=true -p:IlcInstructionSet="$aotisa" -o "$aotout" -nologo -v:q >&2
      fi
      labels+=(aot); apps+=("$aotout/Linea.StartupApp") ;;
    *) echo "startup-r2r.sh: unknown route $route (r2r, aot)" >&2; exit 2 ;;
  esac
done
for app in "${apps[@]}"; do
  [ -x "$app" ] || { echo "startup-r2r.sh: $app is missing (publish first)" >&2; exit 1; }
done

field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p"; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print "na"; else if (NR%2) print v[(NR+1)/2]; else printf "%.6f\n", (v[NR/2]+v[NR/2+1])/2}'; }

for op in ${ops//,/ }; do
  case "$op" in gemm) name=first_gemm ;; solve) name=first_solve ;; svd) name=first_svd500 ;; *) echo "unknown op $op" >&2; exit 2 ;; esac
  runs=()
  for i in "${!apps[@]}"; do runs[i]=""; done
  for _ in $(seq "$samples"); do
    for i in "${!apps[@]}"; do runs[i]+="$("${apps[i]}" startup-child "$op" "$n" 5)"$'\n'; done
  done
  for i in "${!apps[@]}"; do
    r="${runs[i]}"
    cold=$(field first_s <<<"$r" | median); second=$(field second_s <<<"$r" | median); warm=$(field warm_s <<<"$r" | median)
    jm=$(field jit_methods <<<"$r" | median); jf=$(field jit_methods_first_call <<<"$r" | median)
    js=$(field jit_s <<<"$r" | median)
    ff=$(field faults_first_call <<<"$r" | median); fw=$(field faults_warm_call <<<"$r" | median)
    am=$(field alloc_mb_first_call <<<"$r" | median); su=$(field setup_s <<<"$r" | median)
    ratio=$(awk -v c="$cold" -v w="$warm" 'BEGIN {printf "%.2f", c / w}')
    echo "startup-r2r route=${labels[i]} case=$name n=$n linea_cold_s=$cold linea_warm_s=$warm cold_over_warm=$ratio linea_second_s=$second jit_methods=$jm jit_methods_first_call=$jf jit_s=$js page_faults_first=$ff page_faults_warm=$fw alloc_mb_first=$am setup_s=$su"
  done
  if [ "$jitlist" = 1 ] && [[ ",$routes," == *,r2r,* ]]; then
    rm -f "$out/jit-$op.txt"
    DOTNET_JitStdOutFile="$out/jit-$op.txt" DOTNET_JitDisasmSummary=1 "$out/Linea.StartupApp" startup-child "$op" "$n" 0 >/dev/null
  fi
done
