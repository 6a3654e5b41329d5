#!/usr/bin/env bash
# Validates deploy/ with what runs without a Docker engine or a Kubernetes cluster. The compose stack and the manifests
# are NOT started by this script (docs/architecture.md, "Operations"): it checks their syntax and, where the clients
# can do it offline, their schema. That every metric the dashboard and the alerts use exists is a test:
# tests/Grid.Tests/Operations/DeployMetricsTests.
set -euo pipefail
cd "$(dirname "$0")"
python3 -c 'import json,sys; json.load(open("grafana/grid-dashboard.json")); print("dashboard: valid JSON")'
for f in compose.yaml prometheus/*.yml grafana/provisioning/*/*.yml kubernetes/*.yaml; do
  python3 -c 'import sys,yaml; list(yaml.safe_load_all(open(sys.argv[1])))' "$f" && echo "$f: valid YAML"
done
if command -v promtool >/dev/null; then promtool check rules prometheus/alerts.yml; else echo "promtool not installed: alert rules checked as YAML only"; fi
if docker compose version >/dev/null 2>&1; then
  GRID_SIGNING_KEY=x GRID_HASH_KEY=x GRID_API_KEY_SHA256=x docker compose -f compose.yaml config -q && echo "compose: docker compose config ok"
else
  echo "docker compose plugin not available: compose.yaml checked as YAML only"
fi
if command -v kubectl >/dev/null && kubectl apply --dry-run=client --validate=false -f kubernetes/ -o name >/dev/null 2>&1; then
  kubectl apply --dry-run=client --validate=false -f kubernetes/ -o name
else
  echo "kubectl dry-run unavailable offline here: manifests checked as YAML only"
fi
