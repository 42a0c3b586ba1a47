#!/usr/bin/env bash
# Transport benchmarks (issue 2): echo round trip/throughput, fan-out and memory per idle connection, ours vs an
# ASP.NET Core Kestrel + System.Net.WebSockets peer, side by side in one run. Prints Markdown for docs/benchmarks.md.
#
#   loadtests/run-transport-bench.sh            # full run, about 6-7 minutes on 2 cores
#   QUICK=1 loadtests/run-transport-bench.sh    # smoke run (1 s warm-up, 2 s windows, 1,000 idle connections)
#
# Knobs (environment): ART (artifacts dir), WARMUP, DURATION (seconds), CONNS ("1 100 1000"), SIZES ("32 4096"),
# FANOUT_CONNS (1000), FANOUT_WINDOWS (broadcasts in flight, "1 8"), IDLE_CONNS (10000), REPEAT (echo, fan-out and idle
# runs per server, alternating between the servers; the report keeps each server's median), IDLE_REPEAT (idle runs
# per server, default REPEAT), INLINE_COMPLETIONS=1 (both servers run socket continuations on the runtime's I/O
# threads, DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1; the Kestrel peer then also sets its matching
# UnsafePreferInlineScheduling), OURS_INLINE_COMPLETIONS=1 (the same switch for our server only),
# CLIENT=epoll|sockets, CLIENT_THREADS=N and CLIENT_SPIN_US=N (the echo and fan-out client, below),
# IO_ENGINE=Auto|Epoll|Sockets|IoUring, EPOLL_LOOPS=N, EPOLL_INLINE=true|false and IO_URING_RINGS=N (ours:
# Arena:Transport:IoEngine, EpollLoops, EpollInline and IoUringRings; default: the Host's defaults), SKIP_OURS=1 / SKIP_KESTREL=1, OURS_ECHO=host|transport, RESULTS (JSON lines file), PREVIOUS (an earlier
# run's JSON lines to state ratios against; default: the newest in loadtests/ArenaServer.EchoBench/results), SAVE=1
# (keep this run's JSON lines there as the next run's baseline: do it for the run you paste into docs/benchmarks.md).
# All load goes to 127.0.0.1 (EchoBench refuses anything else) and every step is bounded in time. Client and server
# share the machine's cores: on 2 vCPU the client takes a large share of the CPU, for both servers alike.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ART=${ART:-/tmp/art-transport-bench}
if [[ -n "${QUICK:-}" ]]; then
  WARMUP=${WARMUP:-1}; DURATION=${DURATION:-2}; IDLE_CONNS=${IDLE_CONNS:-1000}
fi
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-10}
CONNS=${CONNS:-"1 100 1000"}
SIZES=${SIZES:-"32 4096"}
FANOUT_CONNS=${FANOUT_CONNS:-1000}
FANOUT_WINDOWS=${FANOUT_WINDOWS:-"1 8"}
IDLE_CONNS=${IDLE_CONNS:-10000}
REPEAT=${REPEAT:-1}
IDLE_REPEAT=${IDLE_REPEAT:-$REPEAT}
RESULTS=${RESULTS:-$ART/transport-bench-$(date -u +%Y%m%dT%H%M%S).jsonl}
LOGS=$ART/logs
RESULTS_DIR=$ROOT/loadtests/ArenaServer.EchoBench/results
PREVIOUS=${PREVIOUS:-$(ls -1 "$RESULTS_DIR"/*.jsonl 2>/dev/null | sort | tail -1 || true)}
mkdir -p "$LOGS"
: > "$RESULTS"

# 10,000 idle connections need that many descriptors in each process (+ slack); the hard limit may be lower than
# 65536 in containers, so take what is allowed.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
# The same GC flavour for both servers (workstation, concurrent: the default of a console app such as our Host);
# ASP.NET Core's Web SDK would default the peer to Server GC, which trades memory for throughput.
export DOTNET_gcServer=${DOTNET_gcServer:-0}
# Servers only (the client sets its own below): the same switch for both, or for neither.
SERVER_ENV=()
if [[ -n "${INLINE_COMPLETIONS:-}" ]]; then SERVER_ENV=(env DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1); fi
OURS_ENV=("${SERVER_ENV[@]}")
if [[ -n "${OURS_INLINE_COMPLETIONS:-}" ]]; then OURS_ENV=(env DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1); fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  sleep 0.5
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

build() {
  log "building $1 (Release) into $ART"
  timeout 900 dotnet build "$ROOT/$1" -c Release --artifacts-path "$ART" -nologo -v quiet "${@:2}" > "$LOGS/build-$(basename "$1").log" 2>&1
}

# start_server NAME COMMAND...: starts in the background, waits for "listening on http://127.0.0.1:PORT/",
# sets SERVER_PID and SERVER_PORT.
start_server() {
  local name=$1; shift
  local logfile="$LOGS/server-$name-$(date -u +%H%M%S).log"
  "$@" > "$logfile" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  SERVER_PORT=""
  for _ in $(seq 1 200); do
    SERVER_PORT=$(grep -soE 'listening on http://127\.0\.0\.1:[0-9]+/' "$logfile" | head -1 | grep -oE '[0-9]+/$' | tr -d / || true)
    [[ -n "$SERVER_PORT" ]] && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
    sleep 0.1
  done
  if [[ -z "$SERVER_PORT" ]]; then
    log "$name did not start; log tail:"; tail -20 "$logfile" >&2
    return 1
  fi
  log "$name listening on 127.0.0.1:$SERVER_PORT (pid $SERVER_PID)"
}

stop_server() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

# The client runs its socket continuations on the epoll thread: it never blocks, and this costs it ~20-30 % less
# CPU per message, which leaves more of the 2 cores to the server under test (the same for both servers).
# CLIENT picks the echo and fan-out client (epoll: EchoBench's own epoll loop on CLIENT_THREADS dedicated threads,
# the default; sockets: async loops on the runtime's sockets, the client of runs 1-10). CLIENT_SPIN_US (echo, epoll
# client only; default 0): after each event the client polls that long before it sleeps, which takes its own
# wake-up out of a one-connection round trip but also keeps a core busy that a multi-threaded server would use.
CLIENT=${CLIENT:-epoll}
CLIENT_THREADS=${CLIENT_THREADS:-1}
CLIENT_ARGS=(--client "$CLIENT" --client-threads "$CLIENT_THREADS")
ECHO_CLIENT_ARGS=("${CLIENT_ARGS[@]}" --client-spin-us "${CLIENT_SPIN_US:-0}")
bench() { DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 timeout 300 dotnet "$ART/bin/ArenaServer.EchoBench/release/ArenaServer.EchoBench.dll" "$@" --out "$RESULTS" >> "$LOGS/bench.log" 2>&1 \
  || log "bench $1 ($*) failed: see $LOGS/bench.log"; }

# --- build -----------------------------------------------------------------------------------------------------
OURS=${SKIP_OURS:+skip}
KESTREL=${SKIP_KESTREL:+skip}
build loadtests/ArenaServer.KestrelPeer
if [[ "$OURS" == skip ]]; then
  build loadtests/ArenaServer.EchoBench -p:UseArenaTransport=false
elif ! build loadtests/ArenaServer.EchoBench; then
  log "EchoBench with ArenaServer.Transport did not build; fan-out of ours is skipped"
  OURS_FANOUT=skip
  build loadtests/ArenaServer.EchoBench -p:UseArenaTransport=false
fi
# Ours is the real Host's /echo (OURS_ECHO=host, the default). OURS_ECHO=transport measures EchoBench's own
# server on bare ArenaServer.Transport instead; the script falls back to it when the Host does not build or start.
OURS_ECHO=${OURS_ECHO:-host}
if [[ "$OURS" != skip && "$OURS_ECHO" == host ]] && ! build src/ArenaServer.Host; then
  log "ArenaServer.Host did not build (see $LOGS/build-ArenaServer.Host.log); falling back to the bare transport"
  OURS_ECHO=transport
fi
if [[ "$OURS_ECHO" == transport && "${OURS_FANOUT:-}" == skip ]]; then OURS=skip; fi

HOST_DLL=$ART/bin/ArenaServer.Host/release/ArenaServer.Host.dll
PEER_DLL=$ART/bin/ArenaServer.KestrelPeer/release/ArenaServer.KestrelPeer.dll
BENCH_DLL=$ART/bin/ArenaServer.EchoBench/release/ArenaServer.EchoBench.dll
HOST_ARGS=(--Arena:Listen:Address=127.0.0.1 --Arena:Listen:Port=0 --Arena:Conformance:EchoEnabled=true
  --Arena:Auth:AllowAnonymous=true --Arena:Transport:MaxConnections=20000 --Arena:Transport:OutboundQueueCapacity=1024
  --Logging:LogLevel:Default=Warning)
ENGINE_ARGS=()
if [[ -n "${IO_ENGINE:-}" ]]; then HOST_ARGS+=(--Arena:Transport:IoEngine="$IO_ENGINE"); ENGINE_ARGS+=(--io-engine "$IO_ENGINE"); fi
if [[ -n "${IO_URING_RINGS:-}" ]]; then HOST_ARGS+=(--Arena:Transport:IoUringRings="$IO_URING_RINGS"); ENGINE_ARGS+=(--io-uring-rings "$IO_URING_RINGS"); fi
if [[ -n "${EPOLL_LOOPS:-}" ]]; then HOST_ARGS+=(--Arena:Transport:EpollLoops="$EPOLL_LOOPS"); ENGINE_ARGS+=(--epoll-loops "$EPOLL_LOOPS"); fi
if [[ -n "${EPOLL_INLINE:-}" ]]; then HOST_ARGS+=(--Arena:Transport:EpollInline="$EPOLL_INLINE"); ENGINE_ARGS+=(--epoll-inline "$EPOLL_INLINE"); fi
start_transport_server() { start_server "$1" "${OURS_ENV[@]}" dotnet "$BENCH_DLL" fanout-server --port 0 --max-connections 20000 "${ENGINE_ARGS[@]}"; }
start_ours() {
  if [[ "$OURS_ECHO" == host ]]; then
    start_server "$1" "${OURS_ENV[@]}" dotnet "$HOST_DLL" "${HOST_ARGS[@]}" && return 0
    log "the Host did not start; falling back to the bare transport for the rest of the run"
    OURS_ECHO=transport
  fi
  start_transport_server "$1"
}
start_kestrel() { start_server "$1" "${SERVER_ENV[@]}" dotnet "$PEER_DLL" --port 0; }

# --- echo: both servers up, each configuration measured on both back to back (order alternates) ----------------
log "echo: connections {$CONNS} x sizes {$SIZES}, ${WARMUP}s warm-up + ${DURATION}s measured each"
if [[ "$OURS" != skip ]]; then
  if start_ours ours-echo; then OURS_PID=$SERVER_PID; OURS_PORT=$SERVER_PORT; else OURS=skip; fi
fi
if [[ "$KESTREL" != skip ]]; then start_kestrel kestrel-echo; KESTREL_PID=$SERVER_PID; KESTREL_PORT=$SERVER_PORT; fi
for rep in $(seq 1 "$REPEAT"); do
  turn=0
  for c in $CONNS; do
    for s in $SIZES; do
      # Alternate who goes first, and flip the pattern on each repeat so every configuration gets both orders.
      order=(ours kestrel); (( (turn++ + rep) % 2 )) || order=(kestrel ours)
      for server in "${order[@]}"; do
        if [[ $server == ours && "$OURS" != skip ]]; then
          log "echo ours $c x $s B"
          bench echo --url "ws://127.0.0.1:$OURS_PORT/echo" --server ours --server-pid "$OURS_PID" \
            --connections "$c" --size "$s" --warmup "$WARMUP" --duration "$DURATION" "${ECHO_CLIENT_ARGS[@]}"
        elif [[ $server == kestrel && "$KESTREL" != skip ]]; then
          log "echo kestrel $c x $s B"
          bench echo --url "ws://127.0.0.1:$KESTREL_PORT/echo" --server kestrel --server-pid "$KESTREL_PID" \
            --connections "$c" --size "$s" --warmup "$WARMUP" --duration "$DURATION" "${ECHO_CLIENT_ARGS[@]}"
        fi
      done
    done
  done
done
[[ -n "${OURS_PID:-}" ]] && stop_server "$OURS_PID"
[[ -n "${KESTREL_PID:-}" ]] && stop_server "$KESTREL_PID"

# --- fan-out: fresh servers (ours: EchoBench fanout-server on ArenaServer.Transport), alternating ---------------
FANOUT_ARGS=(--connections "$FANOUT_CONNS" --size 200 --warmup-rounds 20 --duration "$DURATION" "${CLIENT_ARGS[@]}")
OURS_FANOUT_PID=""; KESTREL_FANOUT_PID=""
if [[ "$OURS" != skip && "${OURS_FANOUT:-}" != skip ]] && start_transport_server ours-fanout; then
  OURS_FANOUT_PID=$SERVER_PID; OURS_FANOUT_PORT=$SERVER_PORT
fi
if [[ "$KESTREL" != skip ]] && start_kestrel kestrel-fanout; then
  KESTREL_FANOUT_PID=$SERVER_PID; KESTREL_FANOUT_PORT=$SERVER_PORT
fi
for rep in $(seq 1 "$REPEAT"); do
  turn=0
  for w in $FANOUT_WINDOWS; do
    order=(ours kestrel); (( (turn++ + rep) % 2 )) || order=(kestrel ours)
    for server in "${order[@]}"; do
      if [[ $server == ours && -n "$OURS_FANOUT_PID" ]]; then
        log "fan-out ours: $FANOUT_CONNS connections, $w broadcasts in flight"
        bench fanout --url "ws://127.0.0.1:$OURS_FANOUT_PORT/fanout" --server ours --server-pid "$OURS_FANOUT_PID" \
          --window "$w" "${FANOUT_ARGS[@]}"
      elif [[ $server == kestrel && -n "$KESTREL_FANOUT_PID" ]]; then
        log "fan-out kestrel: $FANOUT_CONNS connections, $w broadcasts in flight"
        bench fanout --url "ws://127.0.0.1:$KESTREL_FANOUT_PORT/fanout" --server kestrel --server-pid "$KESTREL_FANOUT_PID" \
          --window "$w" "${FANOUT_ARGS[@]}"
      fi
    done
  done
done
[[ -n "$OURS_FANOUT_PID" ]] && stop_server "$OURS_FANOUT_PID"
[[ -n "$KESTREL_FANOUT_PID" ]] && stop_server "$KESTREL_FANOUT_PID"

# --- memory per idle connection: fresh servers, one at a time -------------------------------------------------
# ours = the Host's /echo; ours-transport = EchoBench's bare-transport server, whose /stats also gives the managed
# heap per connection after a forced full GC (as does the Kestrel peer's).
for rep in $(seq 1 "$IDLE_REPEAT"); do
if [[ "$OURS" != skip ]] && start_ours ours-idle; then
  log "idle ours: $IDLE_CONNS connections (run $rep)"
  if [[ "$OURS_ECHO" == host ]]; then
    bench idle --url "ws://127.0.0.1:$SERVER_PORT/echo" --server ours --server-pid "$SERVER_PID" --connections "$IDLE_CONNS"
  else
    bench idle --url "ws://127.0.0.1:$SERVER_PORT/echo" --server ours --server-pid "$SERVER_PID" --connections "$IDLE_CONNS" --stats-path /stats
  fi
  stop_server "$SERVER_PID"
fi
if [[ "$OURS" != skip && "$OURS_ECHO" == host && "${OURS_FANOUT:-}" != skip ]] && start_transport_server ours-transport-idle; then
  log "idle ours-transport: $IDLE_CONNS connections (run $rep)"
  bench idle --url "ws://127.0.0.1:$SERVER_PORT/echo" --server ours-transport --server-pid "$SERVER_PID" \
    --connections "$IDLE_CONNS" --stats-path /stats
  stop_server "$SERVER_PID"
fi
if [[ "$KESTREL" != skip ]] && start_kestrel kestrel-idle; then
  log "idle kestrel: $IDLE_CONNS connections (run $rep)"
  # The peer's /echo handler holds a 4 KiB receive buffer per connection, as the ASP.NET Core docs sample does.
  bench idle --url "ws://127.0.0.1:$SERVER_PORT/echo" --server kestrel --server-pid "$SERVER_PID" --connections "$IDLE_CONNS" \
    --stats-path /stats
  stop_server "$SERVER_PID"
fi
done

# --- report --------------------------------------------------------------------------------------------------------
log "results: $RESULTS"
if [[ "$OURS" != skip ]]; then
  if [[ "$OURS_ECHO" == host ]]; then
    echo "Ours: echo and idle on the Host's /echo (ArenaServer.Host, Release); fan-out on \`EchoBench fanout-server\`."
  else
    echo "Ours: **the Host was not available**; echo and idle on \`EchoBench fanout-server\` /echo (bare ArenaServer.Transport)."
  fi
  echo
fi
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git -C "$ROOT" status --porcelain -- src 2>/dev/null)" ]]; then COMMIT="$COMMIT + uncommitted changes in src/"; fi
[[ -n "$PREVIOUS" ]] && log "ratios to the previous run: $PREVIOUS"
dotnet "$BENCH_DLL" report --in "$RESULTS" --load-start "$LOAD_START" --commit "$COMMIT" ${PREVIOUS:+--previous "$PREVIOUS"}
if [[ -n "${SAVE:-}" ]]; then
  mkdir -p "$RESULTS_DIR"
  cp "$RESULTS" "$RESULTS_DIR/$(date -u +%Y%m%dT%H%M)-$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown).jsonl"
  log "saved as the next run's baseline in $RESULTS_DIR"
fi
