#!/usr/bin/env bash
# Starts an embedded Grid as shipped (from its build output directory, so its appsettings.json and log levels apply)
# on free ports in a temp data directory, runs the load driver against it, stops it.
# Usage: load-tests/run.sh [--host-dir DIR] [driver options, e.g. --scenario existing --seconds 10 --repeats 3]
#   --host-dir DIR  the build output of the host to measure (the directory holding Grid.Silo.dll), e.g. a build of an
#                   older commit; default: src/Silo of this checkout, built in Release (src/Silo/bin/Release/net10.0).
#   --postgres-baseline  also start a throw-away PostgreSQL server (initdb in a temp directory, a free port, default
#                   durability settings) for the bench scenario's PostgreSQL baseline (passed as --postgres); stopped
#                   and deleted at the end. Against a cluster, run the driver directly with --postgres instead.
# Only the data directory and the ports are set (environment variables); the host's output goes to a log file kept
# after the run (its path is printed).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

host_dir=""
postgres_baseline=""
driver_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres-baseline) postgres_baseline=1; shift ;;
    --host-dir)
      [ $# -ge 2 ] || { echo "--host-dir needs a directory" >&2; exit 2; }
      host_dir="$(cd "$2" && pwd)" || { echo "no directory $2" >&2; exit 2; }; shift 2 ;;
    *) driver_args+=("$1"); shift ;;
  esac
done
cd "$root"

build() { local out; out="$(dotnet build -c Release -v quiet -nologo "$1" 2>&1)" || { echo "$out" >&2; echo "build of $1 failed" >&2; exit 1; }; }
if [ -z "$host_dir" ]; then
  build src/Silo/Grid.Silo.csproj
  host_dir="$root/src/Silo/bin/Release/net10.0"
fi
[ -f "$host_dir/Grid.Silo.dll" ] || { echo "no Grid.Silo.dll in $host_dir" >&2; exit 1; }
build load-tests/Grid.LoadTests/Grid.LoadTests.csproj

data="$(mktemp -d /tmp/grid-load-XXXXXX)"
log="$(mktemp /tmp/grid-load-silo-XXXXXX.log)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
http=$(free_port); grpc=$(free_port); silo_port=$(free_port); gateway_port=$(free_port)
# The host's content root is its working directory: started from its output directory, it reads its appsettings.json.
(
  cd "$host_dir"
  exec env Grid__DataDir="$data" Grid__Http__Port="$http" Grid__Grpc__Port="$grpc" \
    Grid__Orleans__SiloPort="$silo_port" Grid__Orleans__GatewayPort="$gateway_port" \
    dotnet Grid.Silo.dll
) >"$log" 2>&1 &
silo=$!
pg_dir=""
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_host() {
  # SIGTERM first so the host flushes its log; SIGKILL if it has not stopped after 10 s.
  kill -TERM $silo 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 $silo 2>/dev/null || break; sleep 0.5; done
  kill -9 $silo 2>/dev/null || true
  rm -rf "$data"
  if [ -n "$pg_dir" ]; then
    as_postgres pg_ctl -D "$pg_dir" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap stop_host EXIT
echo "host: $host_dir (log: $log)" >&2

ready=""
for _ in $(seq 1 240); do
  kill -0 $silo 2>/dev/null || break
  if curl -sf "http://127.0.0.1:$http/readyz" >/dev/null; then ready=1; break; fi
  sleep 0.5
done
if [ -z "$ready" ]; then
  echo "the host did not become ready; the end of its log:" >&2
  tail -n 30 "$log" >&2
  exit 1
fi

if [ -n "$postgres_baseline" ]; then
  pg_dir="$(mktemp -d /tmp/grid-load-pg-XXXXXX)"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  pg_port=$(free_port)
  as_postgres initdb -D "$pg_dir" -A trust -U postgres >/dev/null
  as_postgres pg_ctl -D "$pg_dir" -l "$pg_dir/server.log" -w -t 60 -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null
  driver_args+=(--postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres")
fi

key=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["demoApiKey"])' "$data/dev-credentials.json")
signing=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["signingKey"])' "$data/dev-credentials.json")
dotnet load-tests/Grid.LoadTests/bin/Release/net10.0/Grid.LoadTests.dll --grpc "http://127.0.0.1:$grpc" --api-key "$key" \
  --http "http://127.0.0.1:$http" --signing-key "$signing" "${driver_args[@]}"
echo "host log: $log" >&2
