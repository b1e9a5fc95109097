#!/usr/bin/env bash
# Both training engines on the same generated data and split: the SGD engine (`recsys evaluate`: SVD++, the
# pipeline's default model, and the explicit biased MF that the Spark engine also trains) and the Spark engine
# (recsys-spark's SparkTrain, local[*], the pipeline's default ALS parameters). Prints one JSON line per run
# (held-out RMSE, train_seconds = fitting alone, in-process) and, on stderr, /usr/bin/time's wall time and peak
# resident memory of the whole process (JVM, and for Spark its startup, included).
# Usage: bench/spark-train.sh [size...]   sizes: 1m 10m 25m (default: 1m 10m; 25m runs the Spark engine alone)
# Environment: WORK (default: a temp dir, removed at the end), SPARK_XMX (default 12g), SGD_XMX (default 8g),
# ENGINES (default "sgd spark"), SPARK_REGS (ALS regParams to run, default: the pipeline's train.alsReg).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
recsys="$root/bin/recsys"
engine="$root/recsys-spark/target"
work="${WORK:-$(mktemp -d)}"
[ -n "${WORK:-}" ] || trap 'rm -rf "$work"' EXIT
[ -f "$engine/recsys-spark.jar" ] || (cd "$root" && ./mvnw -B -q -pl recsys-spark -am package -DskipTests) >&2
# the JVM options Spark needs on Java 17, as the module's surefire argLine has them
opens="$(sed -n 's:.*<spark.add-opens>\(.*\)</spark.add-opens>.*:\1:p' "$root/recsys-spark/pom.xml")"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1m 10m)

shape() { # users movies ratings of a size (MovieLens 1M, 10M and 25M shapes)
  case "$1" in
    1m) echo "6040 3706 1000000" ;;
    10m) echo "69878 10677 10000000" ;;
    25m) echo "162541 59047 25000000" ;;
    *) echo "unknown size $1" >&2; exit 2 ;;
  esac
}

timed() { # label command...: runs it under /usr/bin/time, the figures on stderr
  local label="$1"; shift
  /usr/bin/time -f "$label: wall %e s, peak RSS %M KB" "$@"
}

for size in "${sizes[@]}"; do
  read -r users movies ratings < <(shape "$size")
  dir="$work/$size"
  echo "## $size ratings: $users users x $movies movies, seeded random 90/10 split, rank 64 ($(date -u +%H:%M), load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  "$recsys" generate --users "$users" --movies "$movies" --ratings "$ratings" --seed 8 --out "$dir" >&2
  awk 'BEGIN { srand(17) } { if (rand() < 0.9) print > (FILENAME "-train"); else print > (FILENAME "-test") }' "$dir/u.data"
  mv "$dir/u.data-train" "$dir/train.tsv"; mv "$dir/u.data-test" "$dir/test.tsv"; rm "$dir/u.data"
  grep -o '"noise_floor"[^,}]*' "$dir/generator.json" >&2 || true
  if [ "$size" != 25m ] && [[ " ${ENGINES:-sgd spark} " == *" sgd "* ]]; then
    if [ "$size" = 1m ]; then
      JAVA_OPTS="-Xmx${SGD_XMX:-8g}" timed "sgd svd++ $size" "$recsys" evaluate --train "$dir/train.tsv" --test "$dir/test.tsv" --quiet --factors 64
    fi
    JAVA_OPTS="-Xmx${SGD_XMX:-8g}" timed "sgd biased-mf $size" "$recsys" evaluate --train "$dir/train.tsv" --test "$dir/test.tsv" --quiet --factors 64 --no-implicit --threads 2
  fi
  if [[ " ${ENGINES:-sgd spark} " == *" spark "* ]]; then
    for reg in ${SPARK_REGS:-$(sed -n 's/^  alsReg: //p' "$root/params.yaml")}; do
      # shellcheck disable=SC2086 # $opens is a list of options
      timed "spark als reg $reg $size" java $opens "-Xmx${SPARK_XMX:-12g}" -cp "$engine/recsys-spark.jar:$engine/lib/*" \
        org.movierec.spark.SparkTrain --master 'local[*]' --train "$dir/train.tsv" --test "$dir/test.tsv" \
        --model "$dir/spark-model.bin" --rank 64 --iterations 10 --reg "$reg" --bias-shrinkage 5 --bias-passes 3 --seed 42
    done
  fi
  rm -rf "$dir"
done
