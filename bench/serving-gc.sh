#!/usr/bin/env bash
# One 20 s wrk run (2 threads x 16 connections, loopback, bounded) of /recommend on the 1M-user model of
# bench/serving.sh's workdir, with inference started on the given JVM options and a GC log; prints throughput,
# p90, p99, the GC pauses of the measured part (Remark pauses: G1's marking cycles) and the allocation rate (what the
# young collections freed between them). JFR=1 also records the run (JFR profile settings) and prints where the
# sampled bytes were allocated (first frame outside the JDK).
# Usage: [JFR=1] bench/serving-gc.sh WORKDIR JVM_OPTION... (e.g. -Xmx2g, or -Xms2g -Xmx2g)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
work="$1"; shift
[ -f "$work/1m-users/model.bin" ] || { echo "no $work/1m-users/model.bin: run bench/serving.sh $work first" >&2; exit 1; }
build_inference
gc_log="$work/gc-$$.log"
jfr_file="$work/alloc-$$.jfr"
trap '[ -n "${INFERENCE_PID:-}" ] && kill $INFERENCE_PID 2>/dev/null; rm -f "$gc_log" "$jfr_file"; true' EXIT
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
[ "${JFR:-0}" = 1 ] && jcmd "$INFERENCE_PID" JFR.start settings=profile duration=20s filename="$jfr_file" >/dev/null
USERS=1000000 wrk -t2 -c16 -d20s --latency -s "$root/bench/recommend.lua" http://127.0.0.1:18084 >"$work/gc-wrk.txt"
rps=$(awk '/Requests\/sec/ {print $2}' "$work/gc-wrk.txt")
tail -n +"$((from + 1))" "$gc_log" | grep Pause | awk -v opts="$*" -v rps="$rps" \
  -v p90="$(awk '$1=="90%" {print $2}' "$work/gc-wrk.txt")" -v p99="$(awk '$1=="99%" {print $2}' "$work/gc-wrk.txt")" '
  { n++; if ($0 ~ /Remark/) r++; ms = $NF; sub("ms", "", ms); if (ms + 0 > max) max = ms + 0 }
  /Pause Young/ { t = substr($1, 2) + 0; split($(NF-1), m, "->"); before = m[1] + 0; after = m[2] + 0
    if (young++) { freed += before - last_after; t_last = t } else t_first = t; last_after = after }
  END { printf "%s: %s req/s, p90 %s, p99 %s; GC pauses %d (Remark %d), longest %.2f ms\n", opts, rps, p90, p99, n, r, max
    if (t_last > t_first) printf "allocated %.0f MB/s between young collections: %.1f KB a request\n",
      freed / (t_last - t_first), freed / (t_last - t_first) * 1024 / rps }'
if [ "${JFR:-0}" = 1 ]; then
  sleep 2 # the recording ends with the run
  jfr print --events jdk.ObjectAllocationSample "$jfr_file" | awk '
    /weight = / { w = $3; u = $4; w *= (u == "kB" ? 1e3 : u == "MB" ? 1e6 : u == "GB" ? 1e9 : 1); site = ""; next }
    /^[ \t]+[a-zA-Z_$][^ ]*\(/ && site == "" && w > 0 { f = $1; sub(/\(.*/, "", f)
      if (f !~ /^(java|jdk|sun)\./) { site = f; by[site] += w; total += w; w = 0 } }
    END { for (s in by) printf "%5.1f %% %s\n", 100 * by[s] / total, s }' | sort -rn | head -8
fi
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
