#!/usr/bin/env bash
# One 20 s wrk run (2 threads x 16 connections, loopback, bounded) of /recommend on the 1M-user model of
# bench/serving.sh's workdir, with inference started on the given JVM options and a GC log; prints throughput,
# p90, p99 and the GC pauses of the measured part (Remark pauses: G1's marking cycles).
# Usage: bench/serving-gc.sh WORKDIR JVM_OPTION... (e.g. -Xmx2g, or -Xms2g -Xmx2g)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
work="$1"; shift
[ -f "$work/1m-users/model.bin" ] || { echo "no $work/1m-users/model.bin: run bench/serving.sh $work first" >&2; exit 1; }
build_inference
gc_log="$work/gc-$$.log"
trap '[ -n "${INFERENCE_PID:-}" ] && kill $INFERENCE_PID 2>/dev/null; rm -f "$gc_log"; true' EXIT
MODEL_FILE="$work/1m-users/model.bin" INFERENCE_ADMIN_TOKEN=bench QUARKUS_HTTP_PORT=18084 INFERENCE_RELOAD_INTERVAL=1h \
  java "$@" -Xlog:gc:file="$gc_log" -jar "$root/inference-service/target/quarkus-app/quarkus-run.jar" \
  >"$work/inference-18084.log" 2>&1 &
INFERENCE_PID=$!
for _ in $(seq 1 240); do
  curl -sf http://127.0.0.1:18084/q/health/ready >/dev/null 2>&1 && break
  kill -0 "$INFERENCE_PID" 2>/dev/null || { cat "$work/inference-18084.log" >&2; exit 1; }
  sleep 0.5
done
USERS=1000000 wrk -t2 -c16 -d5s -s "$root/bench/recommend.lua" http://127.0.0.1:18084 >/dev/null
from=$(wc -l <"$gc_log")
USERS=1000000 wrk -t2 -c16 -d20s --latency -s "$root/bench/recommend.lua" http://127.0.0.1:18084 >"$work/gc-wrk.txt"
tail -n +"$((from + 1))" "$gc_log" | grep Pause | awk -v opts="$*" -v rps="$(awk '/Requests\/sec/ {print $2}' "$work/gc-wrk.txt")" \
  -v p90="$(awk '$1=="90%" {print $2}' "$work/gc-wrk.txt")" -v p99="$(awk '$1=="99%" {print $2}' "$work/gc-wrk.txt")" '
  { n++; if ($0 ~ /Remark/) r++; ms = $NF; sub("ms", "", ms); if (ms + 0 > max) max = ms + 0 }
  END { printf "%s: %s req/s, p90 %s, p99 %s; GC pauses %d (Remark %d), longest %.2f ms\n", opts, rps, p90, p99, n, r, max }'
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
