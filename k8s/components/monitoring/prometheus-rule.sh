#!/usr/bin/env bash
# Prints one Prometheus Operator PrometheusRule per rules file in prometheus/rules/ (the files promtool tests and
# the local Prometheus loads), for `kubectl apply -f -`. Why a script: a PrometheusRule's spec is exactly a
# rules file ({groups: [...]}), but kustomize cannot put a file's parsed content into a resource's field (only
# into a ConfigMap's data, as text), the Operator cannot read rules from a ConfigMap, and promtool rejects a
# rules file with the CR's apiVersion/kind. Indenting the file under `spec:` is the whole transformation, done
# at apply time: no generated copy in git. ops-checks PrometheusRuleScriptTest checks that each spec equals its
# file.
#
#   k8s/components/monitoring/prometheus-rule.sh | kubectl apply --server-side -n NAMESPACE -f -
set -euo pipefail
rules="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../prometheus/rules" && pwd)"
shopt -s nullglob
files=("$rules"/*.yml "$rules"/*.yaml)
if [ "${#files[@]}" -eq 0 ]; then
  echo "prometheus-rule.sh: no rules files in $rules" >&2
  exit 1
fi
for file in "${files[@]}"; do
  if grep -qE '^(---|\.\.\.)' "$file"; then
    echo "prometheus-rule.sh: $file holds several YAML documents; one rules file is one document" >&2
    exit 1
  fi
  name="$(basename "$file")"
  name="movierec-$(printf '%s' "${name%.*}" | tr '[:upper:]_.' '[:lower:]--')"
  printf -- '---\napiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: %s\n  labels:\n    app.kubernetes.io/part-of: movierec\nspec:\n' "$name"
  sed 's/^/  /' "$file"
done
