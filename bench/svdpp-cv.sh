#!/usr/bin/env bash
# SVD++ against the explicit model by 3-fold cross-validation inside the training part (80 %) of generated
# MovieLens-100k-sized data, with the implicit effect (--selection-tilt 1) and without it (--selection-tilt 0).
# Prints one line per candidate and data set: "<candidate> <data> <CV RMSE> <fold spread>". Never touches a test file.
# Usage: bench/svdpp-cv.sh [workdir] [-- extra recsys cv options for every SVD++ candidate]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
recsys="$root/bin/recsys"
work="${1:-$(mktemp -d)}"
[ $# -ge 1 ] && shift || trap 'rm -rf "$work"' EXIT
[ "${1:-}" = "--" ] && shift
extra=("$@")

split() { # as bench/train.sh: a seeded random 80/20 split; only the 80 % (train.base) is used here
  awk 'BEGIN { srand(17) } { if (rand() < 0.8) print > (FILENAME "-train"); else print > (FILENAME "-test") }' "$1/u.data"
  mv "$1/u.data-train" "$1/train.base"; mv "$1/u.data-test" "$1/test.test"
}
for tilt in 0 1; do
  [ -f "$work/tilt$tilt/train.base" ] && continue
  "$recsys" generate --users 943 --movies 1682 --ratings 100000 --seed 7 --selection-tilt "$tilt" --out "$work/tilt$tilt" >&2
  split "$work/tilt$tilt"
done
cv() { # cv LABEL OPTIONS...
  local label=$1; shift
  for tilt in 0 1; do
    "$recsys" cv --ratings "$work/tilt$tilt/train.base" --folds 3 "$@" \
      | python3 -c 'import json,sys; j=json.load(sys.stdin); print(sys.argv[1], sys.argv[2], "%.4f" % j["rmse"], "%.4f" % j["rmse_std"])' \
        "$label" "tilt$tilt"
  done
}
cv explicit --no-implicit
cv svdpp-defaults "${extra[@]}"
for reg in 0.3 1; do cv "svdpp-implicit-reg-$reg" --implicit-reg "$reg" "${extra[@]}"; done
cv svdpp-reg-0.12 --reg 0.12 "${extra[@]}"
