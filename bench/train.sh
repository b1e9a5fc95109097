#!/usr/bin/env bash
# Training time and held-out RMSE on generated data (MovieLens-100k-sized and 1M ratings).
# Each run prints the JSON of `recsys evaluate`; train_seconds is fitting alone, in-process.
# Usage: bench/train.sh [workdir]   (default: a temp dir, removed at the end)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
recsys="$root/bin/recsys"
work="${1:-$(mktemp -d)}"
[ $# -ge 1 ] || trap 'rm -rf "$work"' EXIT

split() { # split DIR: a seeded random 80/20 split of DIR/u.data into DIR/train.base and DIR/test.test
  awk 'BEGIN { srand(17) } { if (rand() < 0.8) print > (FILENAME "-train"); else print > (FILENAME "-test") }' "$1/u.data"
  mv "$1/u.data-train" "$1/train.base"; mv "$1/u.data-test" "$1/test.test"
}

echo "## 100k ratings: 943 users x 1,682 movies (MovieLens-100k size), default hyperparameters" >&2
"$recsys" generate --users 943 --movies 1682 --ratings 100000 --seed 7 --out "$work/100k" >&2
split "$work/100k"
"$recsys" evaluate --train "$work/100k/train.base" --test "$work/100k/test.test" --quiet

echo "## 100k ratings, Surprise SVD's defaults (100 factors, 20 epochs, lr 0.005, reg 0.02, init 0.1; explicit) for comparison" >&2
"$recsys" evaluate --train "$work/100k/train.base" --test "$work/100k/test.test" --quiet --no-implicit \
  --factors 100 --epochs 20 --lr 0.005 --lr-decay 1 --reg 0.02 --bias-reg 0.02 --init-std 0.1 --validation 0

echo "## 100k ratings with an implicit effect (--selection-tilt 1: users pick movies they would like): SVD++ (default), then --no-implicit" >&2
"$recsys" generate --users 943 --movies 1682 --ratings 100000 --seed 7 --selection-tilt 1 --out "$work/100k-tilt" >&2
split "$work/100k-tilt"
"$recsys" evaluate --train "$work/100k-tilt/train.base" --test "$work/100k-tilt/test.test" --quiet --ranking-k 10
"$recsys" evaluate --train "$work/100k-tilt/train.base" --test "$work/100k-tilt/test.test" --quiet --ranking-k 10 --no-implicit

echo "## 100k ratings without the effect, --no-implicit (the explicit model of earlier builds) for comparison" >&2
"$recsys" evaluate --train "$work/100k/train.base" --test "$work/100k/test.test" --quiet --no-implicit

echo "## 1M ratings: 6,040 users x 3,706 movies (MovieLens-1M size), rank 64: SVD++ (default), then --no-implicit" >&2
"$recsys" generate --users 6040 --movies 3706 --ratings 1000000 --seed 8 --out "$work/1m" >&2
split "$work/1m"
"$recsys" evaluate --train "$work/1m/train.base" --test "$work/1m/test.test" --quiet --factors 64
"$recsys" evaluate --train "$work/1m/train.base" --test "$work/1m/test.test" --quiet --factors 64 --no-implicit
