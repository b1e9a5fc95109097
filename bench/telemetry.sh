#!/usr/bin/env bash
# Load driver of the telemetry-collector (loopback only, bounded: about 2-4 minutes).
# Starts Kafka, PostgreSQL and MongoDB from the Maven jars, the packaged collector in its own JVM, preloads a
# backlog to measure sustained ingest, then offers a burst at --rate records/s for --burst seconds and reports the
# lag at its end. Options (defaults): --rate 50000 --burst 60 --preload 6000000 --partitions 4 --users 1000000
# --batch 100000 (telemetry.batch.max-records) --heap 1g --out target/bench; --consumers N sets
# telemetry.kafka.consumers (default: the collector's); --instances N starts N collector processes in one consumer
# group (default 1) and measures what they store together; --telemetry.<key> <value> passes any other collector
# setting (e.g. --telemetry.batch.durable-commit false, --telemetry.batch.max-wait 200ms); --pg.<parameter> <value> starts
# PostgreSQL with that server parameter (e.g. --pg.max_wal_size 4GB, as k8s's cluster.yaml). For the backlog it also
# reports where the CPU went (per thread of the collector and Kafka JVMs, per PostgreSQL process), the WAL written,
# checkpoints and I/O stalls, and what the collector's PostgreSQL backends were doing (pg_stat_activity every 20 ms).
# The report is also written to telemetry-collector/target/bench/report.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
# Built in the reactor, never installed into ~/.m2 (other checkouts share it): the classpath file is written by each
# module of the reactor in turn, the collector's last.
./mvnw -B -q -pl telemetry-collector -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/telemetry-collector/target/bench-classpath.txt" -Dmdep.includeScope=test
cd telemetry-collector
exec java -Xmx1500m -cp "target/test-classes:$(cat target/bench-classpath.txt)" \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  org.movierec.telemetry.drill.LoadDriver "$@"
