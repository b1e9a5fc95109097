# Shared helpers of the bench scripts (sourced).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
recsys="$root/bin/recsys"

build_inference() {
  local jar="$root/inference-service/target/quarkus-app/quarkus-run.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$root"/{recsys-core,contracts,platform-common,model-registry,inference-service}/src/main -newer "$jar" -print -quit)" ]; then
    (cd "$root" && ./mvnw -B -q -pl inference-service -am package -DskipTests)
  fi
}

# start_inference PORT MODEL_FILE HEAP -> sets INFERENCE_PID; waits until ready (120 s at most).
# The heap is fixed at HEAP (-Xms = -Xmx), as the Kubernetes deployment fixes it (InitialRAMPercentage =
# MaxRAMPercentage): a heap that starts small keeps the model's old generation above G1's marking threshold, and the
# marking cycles' pauses set the p99 (docs/BENCHMARKS.md, section "Issue 16, serving p99 at the scenario's size").
start_inference() {
  local port=$1 model=$2 heap=$3
  MODEL_FILE="$model" INFERENCE_ADMIN_TOKEN=bench QUARKUS_HTTP_PORT="$port" INFERENCE_RELOAD_INTERVAL=1h \
    java -Xms"$heap" -Xmx"$heap" -jar "$root/inference-service/target/quarkus-app/quarkus-run.jar" \
    >"$work/inference-$port.log" 2>&1 &
  INFERENCE_PID=$!
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$INFERENCE_PID" 2>/dev/null || { cat "$work/inference-$port.log" >&2; return 1; }
    sleep 0.5
  done
  echo "inference-service did not become ready" >&2; return 1
}

# wrk_summary LABEL WRK_OUTPUT_FILE: one line with requests/s, p50, p99, errors
wrk_summary() {
  local label=$1 f=$2
  local rps p50 p99 non2xx sock
  rps=$(awk '/Requests\/sec/ {print $2}' "$f")
  p50=$(awk '$1=="50%" {print $2}' "$f")
  p99=$(awk '$1=="99%" {print $2}' "$f")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$f"); non2xx=${non2xx:-0}
  sock=$(awk '/Socket errors/ {gsub(",","");print $4+$6+$8+$10}' "$f"); sock=${sock:-0}
  printf '%-32s %10s req/s   p50 %-9s p99 %-9s non-2xx %s   socket errors %s\n' "$label" "$rps" "$p50" "$p99" "$non2xx" "$sock"
}

# start_kafka PORT SECONDS -> a broker (the testkit's) on PORT with topic recsys.served, gone after SECONDS; sets
# KAFKA_PID and exports KAFKA_BOOTSTRAP_SERVERS, so the services started next publish their served events to it.
start_kafka() {
  local port=$1 seconds=$2
  [ -d "$root/platform-testkit/target/classes" ] || (cd "$root" && ./mvnw -B -q -pl platform-testkit compile)
  (cd "$root" && ./mvnw -B -q -pl platform-testkit dependency:build-classpath -Dmdep.outputFile="$work/testkit-cp.txt" >/dev/null)
  java -cp "$root/platform-testkit/target/classes:$(cat "$work/testkit-cp.txt")" "$root/bench/BenchKafkaBroker.java" \
    "$port" "$seconds" >"$work/kafka.log" 2>&1 &
  KAFKA_PID=$!
  for _ in $(seq 1 120); do
    grep -q '^READY' "$work/kafka.log" 2>/dev/null && { export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$port"; return 0; }
    kill -0 "$KAFKA_PID" 2>/dev/null || { cat "$work/kafka.log" >&2; return 1; }
    sleep 0.5
  done
  echo "kafka did not start" >&2; return 1
}

# cpu_ticks PID -> user + system CPU time the process has used so far, in clock ticks (getconf CLK_TCK a second)
cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# cpu_us_per_request TICKS WRK_OUTPUT_FILE -> CPU microseconds a request that the ticks were spent on
cpu_us_per_request() {
  local ticks=$1 f=$2
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" '/requests in/ {printf "%.1f", t * 1e6 / hz / $1}' "$f"
}

# timed_ticks OUTPUT_FILE COMMAND... -> runs COMMAND with its standard output into OUTPUT_FILE and prints the user +
# system CPU time it used, in clock ticks (as cpu_ticks)
timed_ticks() {
  local out=$1 TIMEFORMAT='%U %S' t
  shift
  t=$( { time "$@" >"$out"; } 2>&1 )
  awk -v u="${t% *}" -v s="${t#* }" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%d", (u + s) * hz + 0.5 }'
}
