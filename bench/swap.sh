#!/usr/bin/env bash
# Zero-downtime swaps under load: a 60 s wrk run at 16 connections during which the served model
# file is replaced and reloaded 10 times (every 5 s); then the same run without swaps. Reports
# non-2xx responses, socket errors, and p99 with and without swaps.
# Usage: bench/swap.sh [workdir]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
work="${1:-$(mktemp -d)}"
trap '[ -n "${INFERENCE_PID:-}" ] && kill $INFERENCE_PID 2>/dev/null; true' EXIT
build_inference
mkdir -p "$work/swap"
[ -f "$work/swap/a.bin" ] || {
  "$recsys" generate --users 943 --movies 1682 --ratings 100000 --seed 7 --out "$work/swap/data" >/dev/null
  "$recsys" train --ratings "$work/swap/data/u.data" --out "$work/swap/a.bin" --factors 100 --seed 1 --quiet >/dev/null
  "$recsys" train --ratings "$work/swap/data/u.data" --out "$work/swap/b.bin" --factors 100 --seed 2 --quiet >/dev/null
}
cp "$work/swap/a.bin" "$work/swap/serving.bin"
start_inference 18083 "$work/swap/serving.bin" 1g
USERS=943 wrk -t2 -c16 -d10s -s "$root/bench/recommend.lua" http://127.0.0.1:18083 >/dev/null   # warm-up

USERS=943 wrk -t2 -c16 -d60s --latency -s "$root/bench/recommend.lua" http://127.0.0.1:18083 >"$work/swap/with-swaps.txt" &
wrk_pid=$!
versions=()
for i in $(seq 1 10); do
  sleep 5
  next=$([ $((i % 2)) = 1 ] && echo b || echo a)
  cp "$work/swap/$next.bin" "$work/swap/.incoming.bin" && mv -f "$work/swap/.incoming.bin" "$work/swap/serving.bin"
  curl -sf -X POST -H 'Authorization: Bearer bench' http://127.0.0.1:18083/admin/reload >/dev/null
  versions+=("$(curl -sI http://127.0.0.1:18083/recommend/1 | awk -F': ' 'tolower($1)=="x-model-version" {print $2}' | tr -d '\r')")
done
wait $wrk_pid
echo "versions served after each swap: ${versions[*]}"
USERS=943 wrk -t2 -c16 -d60s --latency -s "$root/bench/recommend.lua" http://127.0.0.1:18083 >"$work/swap/steady.txt"
wrk_summary "60 s with 10 swaps" "$work/swap/with-swaps.txt"
wrk_summary "60 s steady" "$work/swap/steady.txt"
