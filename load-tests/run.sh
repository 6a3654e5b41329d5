#!/usr/bin/env bash
# Starts an embedded Grid on free ports in a temp data directory, runs the load driver against it, stops it.
# Usage: load-tests/run.sh [driver options, e.g. --scenario ingest --seconds 10 --concurrency 1,16,64]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
for project in src/Silo/Grid.Silo.csproj load-tests/Grid.LoadTests/Grid.LoadTests.csproj; do
  dotnet build -c Release -v quiet -nologo "$project" >/dev/null || { echo "build of $project failed" >&2; exit 1; }
done
data="$(mktemp -d /tmp/grid-load-XXXXXX)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
http=$(free_port); grpc=$(free_port)
Grid__DataDir="$data" Grid__Http__Port=$http Grid__Grpc__Port=$grpc \
  Grid__Orleans__SiloPort=$(free_port) Grid__Orleans__GatewayPort=$(free_port) Logging__LogLevel__Default=Warning \
  dotnet src/Silo/bin/Release/net10.0/Grid.Silo.dll >"$data/silo.log" 2>&1 &
silo=$!
trap 'kill -9 $silo 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$http/readyz" >/dev/null && break
  sleep 0.5
done
key=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["demoApiKey"])' "$data/dev-credentials.json")
dotnet load-tests/Grid.LoadTests/bin/Release/net10.0/Grid.LoadTests.dll --grpc "http://127.0.0.1:$grpc" --api-key "$key" "$@"
