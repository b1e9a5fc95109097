#!/usr/bin/env bash
# /recommend throughput and latency with wrk on loopback (bounded: a few 20 s runs).
# 1. a MovieLens-100k-sized model (943 users, 1,682 movies, rank 100): /recommend against
#    /q/health/live on the same server, 16 connections;
# 2. a generated 1M-user x 27,000-movie rank-64 model served with a fixed 2 GB heap (skip with SMALL_ONLY=1), and its
#    throughput as a share of the 100k model's in the same run.
# Pass a workdir to keep the generated models between runs (the 1M-user one takes a few minutes to build).
# Usage: bench/serving.sh [workdir]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
work="${1:-$(mktemp -d)}"
DURATION=${DURATION:-20s}
trap '[ -n "${INFERENCE_PID:-}" ] && kill $INFERENCE_PID 2>/dev/null; true' EXIT
build_inference

echo "== model of MovieLens-100k size (943 x 1682, rank 100)"
[ -f "$work/100k/model.bin" ] || {
  "$recsys" generate --users 943 --movies 1682 --ratings 100000 --seed 7 --out "$work/100k" >/dev/null
  "$recsys" train --ratings "$work/100k/u.data" --out "$work/100k/model.bin" --factors 100 --quiet >/dev/null
}
start_inference 18081 "$work/100k/model.bin" 1g
wrk -t2 -c16 -d5s http://127.0.0.1:18081/recommend/1 >/dev/null   # warm-up
USERS=943 wrk -t2 -c16 -d5s -s "$root/bench/recommend.lua" http://127.0.0.1:18081 >/dev/null
wrk -t2 -c16 -d"$DURATION" --latency http://127.0.0.1:18081/q/health/live >"$work/live.txt"
USERS=943 wrk -t2 -c16 -d"$DURATION" --latency -s "$root/bench/recommend.lua" http://127.0.0.1:18081 >"$work/rec100k.txt"
wrk_summary "/q/health/live" "$work/live.txt"
wrk_summary "/recommend (100k model)" "$work/rec100k.txt"
awk -v a="$(awk '/Requests\/sec/ {print $2}' "$work/rec100k.txt")" -v b="$(awk '/Requests\/sec/ {print $2}' "$work/live.txt")" \
  'BEGIN { printf "/recommend throughput = %.0f %% of /q/health/live\n", 100 * a / b }'
kill $INFERENCE_PID; wait $INFERENCE_PID 2>/dev/null || true; INFERENCE_PID=

[ "${SMALL_ONLY:-0}" = 1 ] && exit 0
echo "== generated model: 1,000,000 users x 27,000 movies, rank 64, heap 2 GB"
[ -f "$work/1m-users/model.bin" ] || {
  "$recsys" generate --users 1000000 --movies 27000 --ratings 5000000 --seed 9 --out "$work/1m-users" >/dev/null
  # the default model (SVD++) with the default early stopping, as the platform trains: with a fixed 10 epochs and
  # no validation slice SVD++ diverges on data this sparse (five ratings a user; docs/BENCHMARKS.md, issue 16)
  JAVA_OPTS=-Xmx8g "$recsys" train --ratings "$work/1m-users/u.data" --out "$work/1m-users/model.bin" \
    --factors 64 --epochs 10 --quiet
}
ls -l "$work/1m-users/model.bin"
start_inference 18082 "$work/1m-users/model.bin" 2g
USERS=1000000 wrk -t2 -c16 -d5s -s "$root/bench/recommend.lua" http://127.0.0.1:18082 >/dev/null
USERS=1000000 wrk -t2 -c16 -d"$DURATION" --latency -s "$root/bench/recommend.lua" http://127.0.0.1:18082 >"$work/rec1m.txt"
wrk_summary "/recommend (1M-user model)" "$work/rec1m.txt"
awk -v a="$(awk '/Requests\/sec/ {print $2}' "$work/rec1m.txt")" -v b="$(awk '/Requests\/sec/ {print $2}' "$work/rec100k.txt")" \
  'BEGIN { printf "/recommend throughput, 1M-user model = %.0f %% of the 100k model in this run\n", 100 * a / b }'
curl -s http://127.0.0.1:18082/q/metrics | awk '/^jvm_memory_used_bytes/ && /area="heap"/ {s+=$NF} END {printf "heap used after the run: %.0f MB (max 2048 MB)\n", s/1048576}'
