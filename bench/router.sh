#!/usr/bin/env bash
# /recommend through the A/B router against the same requests straight to the inference service, on
# the same machine, wrk 2 threads x 16 connections on loopback, bounded (20 s per measured run).
# The inference service serves a MovieLens-100k-sized model (943 x 1682, rank 100) from a file; the
# router forwards to it (no experiment running, so every request goes to production: the forwarding
# path itself; the arm lookup adds one Murmur3 hash). Prints throughput ratio and the added p99.
# WITH_KAFKA=1 starts a Kafka broker first: inference and the router then publish served events (for routed
# requests the router publishes the one event, with the client's wait; direct calls, inference's).
# Also prints the CPU time router, inference and wrk spent per request in the measured runs (/proc, bash time: less
# sensitive to other load on the box than the throughput). ROUTER_JAVA_OPTS are added to the router's JVM options
# (e.g. to profile it with JFR: -XX:StartFlightRecording=filename=router.jfr,settings=profile).
# PACE_MS=N adds a second pair of runs in which each connection waits N ms after every answer (bench/recommend-paced.lua):
# an offered load the two cores serve without queueing, so the router's added latency there is the hop itself rather
# than wrk, router and inference starving each other of CPU (as in the saturated runs above it).
# REFERENCE_PROXY=nginx adds a third measured run through nginx (Debian's nginx-light, 2 workers, keep-alive pool to
# inference) in the router's place: a proxy that only forwards, written in C, on the same two cores: what any hop
# costs on this machine, against which the router's own figure is read.
# ROUTER_JAR=path/quarkus-run.jar runs that build of the router instead of this tree's (a before/after pair in one session).
# MODEL=path/model.bin serves that model instead (e.g. bench/serving.sh's 1M-user x 27,000-movie one, with
# INFERENCE_HEAP=2g and USERS=1000000, the users asked for at random): the hop in front of a model whose scoring,
# not HTTP, takes most of the CPU.
# Usage: [WITH_KAFKA=1] [DURATION=20s] [PACE_MS=4] [REFERENCE_PROXY=nginx] [ROUTER_JAVA_OPTS=...] [MODEL=...] bench/router.sh [workdir]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
work="${1:-$(mktemp -d)}"
DURATION=${DURATION:-20s}
export USERS=${USERS:-943}   # the users recommend.lua asks for, at random (the 100k model has 943)
trap '[ -n "${INFERENCE_PID:-}" ] && kill $INFERENCE_PID 2>/dev/null; [ -n "${ROUTER_PID:-}" ] && kill $ROUTER_PID 2>/dev/null; [ -n "${KAFKA_PID:-}" ] && kill $KAFKA_PID 2>/dev/null; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; true' EXIT
build_inference
[ "${WITH_KAFKA:-0}" = 1 ] && start_kafka 19092 900
router_jar="${ROUTER_JAR:-$root/ab-router/target/quarkus-app/quarkus-run.jar}"
if [ -z "${ROUTER_JAR:-}" ] && { [ ! -f "$router_jar" ] || [ -n "$(find "$root"/{recsys-core,contracts,platform-common,model-registry,ab-router}/src/main -newer "$router_jar" -print -quit)" ]; }; then
  (cd "$root" && ./mvnw -B -q -pl ab-router -am package -DskipTests)
fi

[ -f "$work/100k/model.bin" ] || {
  "$recsys" generate --users 943 --movies 1682 --ratings 100000 --seed 7 --out "$work/100k" >/dev/null
  "$recsys" train --ratings "$work/100k/u.data" --out "$work/100k/model.bin" --factors 100 --quiet >/dev/null
}
start_inference 18091 "${MODEL:-$work/100k/model.bin}" "${INFERENCE_HEAP:-1g}"

# No MongoDB here: the router polls it in the background (and stays not-ready), routing everyone to production.
INFERENCE_URL=http://127.0.0.1:18091 QUARKUS_HTTP_PORT=18092 ROUTER_ADMIN_TOKEN=bench \
  MONGODB_URI=mongodb://127.0.0.1:1 QUARKUS_MONGODB_SERVER_SELECTION_TIMEOUT=1s \
  java -Xmx512m ${ROUTER_JAVA_OPTS:-} -jar "$router_jar" >"$work/router.log" 2>&1 &
ROUTER_PID=$!
for _ in $(seq 1 240); do
  curl -sf http://127.0.0.1:18092/recommend/1 >/dev/null 2>&1 && break
  kill -0 "$ROUTER_PID" 2>/dev/null || { cat "$work/router.log" >&2; exit 1; }
  sleep 0.5
done

for port in 18091 18092; do   # warm-up of both paths
  wrk -t2 -c16 -d5s -s "$root/bench/recommend.lua" "http://127.0.0.1:$port" >/dev/null
done
inference_before=$(cpu_ticks "$INFERENCE_PID")
wrk_direct=$(timed_ticks "$work/direct.txt" wrk -t2 -c16 -d"$DURATION" --latency \
  -s "$root/bench/recommend.lua" http://127.0.0.1:18091)
inference_direct=$(( $(cpu_ticks "$INFERENCE_PID") - inference_before ))
inference_before=$(cpu_ticks "$INFERENCE_PID"); router_before=$(cpu_ticks "$ROUTER_PID")
wrk_routed=$(timed_ticks "$work/router.txt" wrk -t2 -c16 -d"$DURATION" --latency \
  -s "$root/bench/recommend.lua" http://127.0.0.1:18092)
inference_routed=$(( $(cpu_ticks "$INFERENCE_PID") - inference_before ))
router_routed=$(( $(cpu_ticks "$ROUTER_PID") - router_before ))
wrk_summary "/recommend on inference" "$work/direct.txt"
wrk_summary "/recommend through router" "$work/router.txt"
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v } else { sub(/s$/, "", v); print v * 1000 } }'; }
direct_rps=$(awk '/Requests\/sec/ {print $2}' "$work/direct.txt")
router_rps=$(awk '/Requests\/sec/ {print $2}' "$work/router.txt")
direct_p99=$(ms "$(awk '$1=="99%" {print $2}' "$work/direct.txt")")
router_p99=$(ms "$(awk '$1=="99%" {print $2}' "$work/router.txt")")
awk -v a="$router_rps" -v b="$direct_rps" -v p="$router_p99" -v q="$direct_p99" \
  'BEGIN { printf "router throughput = %.0f %% of direct; router adds %.2f ms at p99\n", 100 * a / b, p - q }'
echo "CPU per request: router $(cpu_us_per_request "$router_routed" "$work/router.txt") us;" \
  "inference $(cpu_us_per_request "$inference_direct" "$work/direct.txt") us direct," \
  "$(cpu_us_per_request "$inference_routed" "$work/router.txt") us routed;" \
  "wrk $(cpu_us_per_request "$wrk_direct" "$work/direct.txt") us direct," \
  "$(cpu_us_per_request "$wrk_routed" "$work/router.txt") us routed"
if [ "${REFERENCE_PROXY:-}" = nginx ]; then
  command -v nginx >/dev/null || { echo "REFERENCE_PROXY=nginx needs nginx (apt-get install nginx-light)" >&2; exit 1; }
  cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx-tmp;
  proxy_temp_path $work/nginx-tmp;
  upstream inference { server 127.0.0.1:18091; keepalive 64; }
  server {
    listen 127.0.0.1:18093;
    location / { proxy_pass http://inference; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
  mkdir -p "$work/nginx-tmp"
  nginx -c "$work/nginx.conf" -p "$work"
  for _ in $(seq 1 40); do curl -sf http://127.0.0.1:18093/recommend/1 >/dev/null 2>&1 && break; sleep 0.25; done
  wrk -t2 -c16 -d5s -s "$root/bench/recommend.lua" http://127.0.0.1:18093 >/dev/null
  nginx_ticks() { local t=0 p; for p in $(pgrep -f "nginx: worker process"); do t=$((t + $(cpu_ticks "$p"))); done; echo $t; }
  nginx_before=$(nginx_ticks)
  wrk -t2 -c16 -d"$DURATION" --latency -s "$root/bench/recommend.lua" http://127.0.0.1:18093 >"$work/nginx.txt"
  nginx_routed=$(( $(nginx_ticks) - nginx_before ))
  wrk_summary "/recommend through nginx (reference proxy)" "$work/nginx.txt"
  nginx_rps=$(awk '/Requests\/sec/ {print $2}' "$work/nginx.txt")
  nginx_p99=$(ms "$(awk '$1=="99%" {print $2}' "$work/nginx.txt")")
  awk -v a="$nginx_rps" -v b="$direct_rps" -v p="$nginx_p99" -v q="$direct_p99" \
    'BEGIN { printf "nginx throughput = %.0f %% of direct; nginx adds %.2f ms at p99\n", 100 * a / b, p - q }'
  echo "CPU per request: nginx $(cpu_us_per_request "$nginx_routed" "$work/nginx.txt") us"
fi
if [ "${PACE_MS:-0}" != 0 ]; then
  for port in 18091 18092; do
    PACE_MS=$PACE_MS wrk -t2 -c16 -d"$DURATION" --latency -s "$root/bench/recommend-paced.lua" \
      "http://127.0.0.1:$port" >"$work/paced-$port.txt"
  done
  wrk_summary "paced ${PACE_MS} ms, on inference" "$work/paced-18091.txt"
  wrk_summary "paced ${PACE_MS} ms, through router" "$work/paced-18092.txt"
  paced_p50() { ms "$(awk '$1=="50%" {print $2}' "$work/paced-$1.txt")"; }
  paced_p99() { ms "$(awk '$1=="99%" {print $2}' "$work/paced-$1.txt")"; }
  awk -v a="$(paced_p50 18092)" -v b="$(paced_p50 18091)" -v p="$(paced_p99 18092)" -v q="$(paced_p99 18091)" \
    'BEGIN { printf "paced: router adds %.2f ms at p50, %.2f ms at p99\n", a - b, p - q }'
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
