#!/usr/bin/env bash
# Starts a throw-away HealthChain dev node and runs the end-to-end suite against it.
#
#   bash e2e/run.sh                               # every tests/*.test.mjs
#   bash e2e/run.sh tests/foundation.test.mjs     # one file (relative to e2e/ or to the caller)
#   bash e2e/run.sh --test-name-pattern=transfer  # extra options go to `node --test`
#
# Env: HEALTHCHAIN_NODE (node binary), HEALTHCHAIN_NEXT_RUNTIME_WASM (the runtime the governance
#      test upgrades to; `build_node` in scripts/lib.sh builds it),
#      CARGO_TARGET_DIR, E2E_READY_TIMEOUT (s, default 120),
#      E2E_NODE_LOG (if set, the node log is copied there at the end), E2E_STATE_CHECK (0 skips
#      the state-snapshot check that follows the whole suite).
# Exit code: the suite's. The node is always stopped and its temp dir removed.
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The build's paths (the node, the next runtime's WASM) and cargo's profile arguments.
# shellcheck source=../scripts/lib.sh
source "$E2E_DIR/../scripts/lib.sh"
NODE_BIN="$HEALTHCHAIN_NODE"
READY_TIMEOUT="${E2E_READY_TIMEOUT:-120}"

log() { echo "e2e: $*" >&2; }

if [[ ! -x "$NODE_BIN" ]]; then
  log "node binary not found or not executable: $NODE_BIN (build it, or set HEALTHCHAIN_NODE)"
  exit 1
fi

# Test paths given relative to the caller's directory are made absolute, since the suite
# runs from e2e/ (so `e2e/tests/x.test.mjs` from the repo root works as well as `tests/x.test.mjs`).
# Options (`--name=value` form) go before the paths. Without any path, every file in tests/ runs.
options=()
paths=()
for arg in "$@"; do
  if [[ "$arg" == -* ]]; then
    options+=("$arg")
  elif [[ -e "$arg" ]]; then
    paths+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")")
  else
    paths+=("$arg")
  fi
done
# The whole suite also ends with a state check (below); a chosen file does not.
state_check=0
if ((${#paths[@]} == 0)); then
  paths=("tests/")
  state_check="${E2E_STATE_CHECK:-1}"
fi

if [[ ! -d "$E2E_DIR/node_modules" ]]; then
  log "installing test dependencies (npm ci)"
  (cd "$E2E_DIR" && npm ci --no-audit --no-fund)
fi

TMP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/healthchain-e2e.XXXXXX")"
NODE_LOG="$TMP_DIR/node.log"
node_pid=""
suite_pid=""

# The node and the suite are started with `setsid`, so each leads its own process group
# (`node --test` runs every file in a child process) and Ctrl-C reaches only this script,
# whose trap stops them (`stop_group` in scripts/lib.sh: TERM, 10 s of grace, then KILL).
# shellcheck disable=SC2317  # reached from the EXIT trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  stop_group "$suite_pid"
  stop_group "$node_pid"
  if ((rc != 0)) && [[ -f "$NODE_LOG" ]]; then
    log "failed (exit $rc); last 80 lines of the node log:"
    tail -n 80 "$NODE_LOG" >&2
  fi
  if [[ -n "${E2E_NODE_LOG:-}" && -f "$NODE_LOG" ]]; then
    cp "$NODE_LOG" "$E2E_NODE_LOG"
  fi
  rm -rf "$TMP_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

read -r RPC_PORT P2P_PORT PROM_PORT < <(free_ports 3)

log "starting $NODE_BIN (rpc $RPC_PORT, p2p $P2P_PORT, prometheus $PROM_PORT, log $NODE_LOG)"
setsid "$NODE_BIN" --dev \
  --base-path "$TMP_DIR/data" \
  --rpc-port "$RPC_PORT" \
  --port "$P2P_PORT" \
  --prometheus-port "$PROM_PORT" \
  --rpc-cors all \
  --rpc-methods unsafe \
  --dev-block-time 1000 \
  --no-hardware-benchmarks \
  --no-telemetry \
  --no-mdns \
  </dev/null >"$NODE_LOG" 2>&1 &
node_pid=$!

# Wait until the RPC answers, or the node dies, or time runs out.
wait_for_rpc "$RPC_PORT" "$node_pid" "$READY_TIMEOUT" || exit 1
log "node is up; running the suite"

export HEALTHCHAIN_WS="ws://127.0.0.1:$RPC_PORT"
# The spec reporter prints the closing `ℹ tests N` / `ℹ pass N` / `ℹ fail N` lines CI reads.
cd "$E2E_DIR"
setsid node --test --test-reporter=spec --test-concurrency=1 --test-timeout=300000 --test-force-exit \
  "${options[@]}" "${paths[@]}" </dev/null &
suite_pid=$!
suite_rc=0
wait "$suite_pid" || suite_rc=$?
suite_pid=""

# After the whole suite (which upgrades the runtime through governance), the dev chain's
# state is checked as try-runtime would check it: the runtime's on_runtime_upgrade over it,
# every pallet's storage version as its code expects, every try_state and the books
# (fuzz/tests/state_snapshot.rs, built by the workspace's `cargo test`).
if ((suite_rc == 0 && state_check != 0)); then
  log "checking a snapshot of the chain's state (on_runtime_upgrade, storage versions, try_state)"
  curl -sf -m 120 -H 'Content-Type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"state_getPairs","params":["0x"]}' \
    "http://127.0.0.1:$RPC_PORT" >"$TMP_DIR/state.json" || { log "state_getPairs failed"; exit 1; }
  (cd "$E2E_DIR/.." && HEALTHCHAIN_STATE_SNAPSHOT="$TMP_DIR/state.json" \
    cargo test "${CARGO_PROFILE_ARGS[@]}" --workspace --test state_snapshot -- --nocapture) ||
    suite_rc=$?
fi
exit "$suite_rc"
