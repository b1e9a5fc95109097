#!/usr/bin/env bash
# Accuracy on the real MovieLens-100k canonical folds u1..u5, which you download yourself
# (https://grouplens.org/datasets/movielens/100k/; the licence forbids redistributing them, so the
# repo ships none). Prints each fold's `recsys evaluate` JSON (with precision/recall/NDCG@10 over the
# movies rated >= 4) and the mean RMSE and NDCG@10. The default model is SVD++; pass --no-implicit for
# the explicit model of earlier builds.
# Usage: bench/movielens.sh /path/to/ml-100k [extra recsys evaluate options]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:?usage: bench/movielens.sh /path/to/ml-100k [options]}"; shift
sum=0
ndcg_sum=0
for k in 1 2 3 4 5; do
  json=$("$root/bin/recsys" evaluate --train "$dir/u$k.base" --test "$dir/u$k.test" --quiet --ranking-k 10 "$@")
  echo "u$k $json"
  rmse=$(echo "$json" | sed -E 's/.*"rmse":([0-9.]+).*/\1/')
  ndcg=$(echo "$json" | sed -E 's/.*"ndcg_at_k":([0-9.Ee-]+).*/\1/')
  sum=$(awk -v s="$sum" -v r="$rmse" 'BEGIN { print s + r }')
  ndcg_sum=$(awk -v s="$ndcg_sum" -v r="$ndcg" 'BEGIN { print s + r }')
done
awk -v s="$sum" 'BEGIN { printf "mean RMSE over u1..u5: %.4f\n", s / 5 }'
awk -v s="$ndcg_sum" 'BEGIN { printf "mean NDCG@10 over u1..u5: %.4f\n", s / 5 }'
