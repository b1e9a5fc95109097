#!/usr/bin/env bash
# Whole retrain runs over 1M generated ratings (loopback only, bounded: about 2-3 minutes).
# Starts PostgreSQL 17 (embedded binaries) and mongo-java-server in-process via platform-testkit, copies the
# generated ratings into the telemetry `ratings` table, serves users/movies from a local user-API stand-in, then
# runs the pipeline (snapshot from PostgreSQL ... register + promote in MongoDB) --runs times and prints the
# per-stage seconds of each run. Options (defaults): --ratings 1000000 --runs 2 --out target/bench.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl retrain-pipeline -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
cd retrain-pipeline
exec timeout 600 java -Xmx3g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.movierec.retrain.RetrainBench "$@"
