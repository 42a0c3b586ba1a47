#!/usr/bin/env bash
# Smoke run of the transport benchmark's client and fan-out server (CI): a few connections for about a second each,
# echo and fan-out with both load clients (epoll and sockets) against `EchoBench fanout-server`, then the report.
# Proves the benchmark still runs and its results parse; the measured run is loadtests/run-transport-bench.sh.
#
#   loadtests/transport-bench-smoke.sh [BENCH_DLL]   (default: the Release build of the solution)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DLL=${1:-$ROOT/loadtests/ArenaServer.EchoBench/bin/Release/net10.0/ArenaServer.EchoBench.dll}
WORK=$(mktemp -d)
RESULTS=$WORK/results.jsonl
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# Not under `timeout`: its pid would be the one measured (the trap below stops the server).
dotnet "$BENCH_DLL" fanout-server --port 0 > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 100); do
  PORT=$(grep -soE 'listening on http://127\.0\.0\.1:[0-9]+/' "$WORK/server.log" | grep -oE '[0-9]+/$' | tr -d / || true)
  [[ -n "$PORT" ]] && break
  sleep 0.1
done
if [[ -z "$PORT" ]]; then echo "the fan-out server did not start:" >&2; cat "$WORK/server.log" >&2; exit 1; fi

for client in epoll sockets; do
  timeout 60 dotnet "$BENCH_DLL" echo --url "ws://127.0.0.1:$PORT/echo" --server ours --server-pid "$SERVER_PID" \
    --connections 10 --size 100 --warmup 0.5 --duration 1 --client "$client" --client-threads 2 --out "$RESULTS" > /dev/null
  timeout 60 dotnet "$BENCH_DLL" fanout --url "ws://127.0.0.1:$PORT/fanout" --server ours --server-pid "$SERVER_PID" \
    --connections 50 --window 2 --warmup-rounds 2 --duration 1 --client "$client" --client-threads 2 --out "$RESULTS" > /dev/null
done

# Every run must have round trips and frames, from every connection, with no failure.
python3 - "$RESULTS" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
assert len(rows) == 4, f"expected 4 results, got {len(rows)}"
for row in rows:
    assert row["failedConnections"] == 0 and row["firstError"] is None, row
    assert (row.get("roundTrips") or row.get("framesDelivered") or 0) > 0, row
    assert row["serverCpuSeconds"] > 0, row  # the server's pid was the one measured
assert sorted(r["client"] for r in rows) == ["epoll", "epoll", "sockets", "sockets"], rows
print("transport benchmark smoke: " + ", ".join(f'{r["kind"]}/{r["client"]} ok' for r in rows))
PY
dotnet "$BENCH_DLL" report --in "$RESULTS" > "$WORK/report.md"
grep -q "Load client (echo, fan-out): " "$WORK/report.md"
