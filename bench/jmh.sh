#!/usr/bin/env bash
# JMH benchmarks of the hot loops: top-N over 27,000 movies at rank 64, and fold-in.
# Usage: bench/jmh.sh [JMH options, e.g. TopNBenchmark -p factors=100]
# Builds benchmarks/target/benchmarks.jar if missing. Figures go to docs/BENCHMARKS.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -B -q -pl benchmarks -am package -DskipTests)
exec java -jar "$jar" -rf text "$@"
