#!/usr/bin/env bash
# The load tool: starts a throw-away `healthchain-node --dev` (free ports, a temporary base path,
# a transaction pool raised so a block can be filled), sets up a day of a national health system
# on it and floods it with one call kind after another (e2e/load/load.mjs), then prints a
# Markdown table per kind (calls included per second, fullest block, capacity per block by
# weight, failures, rate against transfers) and writes a JSON report. It always stops the node;
# on failure it keeps the node's log and says where.
#
#   bash scripts/load.sh                                      # every kind, default sizes
#   bash scripts/load.sh --senders 20 --txs 200               # a small run
#   bash scripts/load.sh --kinds transfer,access --out /tmp/load.json
#
# Options of this script (the others go to e2e/load/load.mjs; `--help` lists both):
#   --build               build the node first (build_node in scripts/lib.sh); without it the
#                         built binary is required
#   --block-time <ms>     the dev chain's block time (default 6000)
#   --pool-limit <n>      transactions the pool holds (default 200000; the node's is 8192)
#   --pool-kbytes <n>     kilobytes the pool holds (default 1048576; the node's is 20480)
#   --pool-type <type>    single-state (this node's default) or fork-aware
#   --node-arg <arg>      one more argument for the node (repeatable)
#   --keep                keep the node's directory (base path and log) at the end
#   --base-path <dir>     run the chain in <dir> and leave it there (scripts/db-weights.sh
#                         measures the grown state); the default is a temporary directory
# Env: HEALTHCHAIN_NODE (node binary), CARGO_TARGET_DIR, LOAD_READY_TIMEOUT (s, default 120).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

log() { echo "load.sh: $*" >&2; }

build=0
keep=0
base_path=""
block_time=6000
pool_limit=200000
pool_kbytes=1048576
pool_type=""
node_args=()
tool_args=()
# `--option=value` is taken as `--option value` for this script's options and --out.
normalized=()
for arg in "$@"; do
	if [[ "$arg" =~ ^(--(block-time|pool-limit|pool-kbytes|pool-type|node-arg|base-path|out))=(.*)$ ]]; then
		normalized+=("${BASH_REMATCH[1]}" "${BASH_REMATCH[3]}")
	else
		normalized+=("$arg")
	fi
done
set -- "${normalized[@]}"
while (($#)); do
	case "$1" in
	-h | --help)
		sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
		echo
		exec node "$REPO_ROOT/e2e/load/load.mjs" --help
		;;
	--build) build=1 ;;
	--keep) keep=1 ;;
	--block-time | --pool-limit | --pool-kbytes | --pool-type | --node-arg | --base-path)
		(($# >= 2)) || {
			log "$1 needs a value"
			exit 2
		}
		case "$1" in
		--block-time) block_time="$2" ;;
		--pool-limit) pool_limit="$2" ;;
		--pool-kbytes) pool_kbytes="$2" ;;
		--pool-type) pool_type="$2" ;;
		--node-arg) node_args+=("$2") ;;
		--base-path) base_path="$(mkdir -p "$2" && cd "$2" && pwd)" ;;
		esac
		shift
		;;
	--out)
		(($# >= 2)) || {
			log "--out needs a value"
			exit 2
		}
		# The tool runs from e2e/; the report goes where the caller meant.
		tool_args+=(--out "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")")
		shift
		;;
	*) tool_args+=("$1") ;;
	esac
	shift
done
for value in "$block_time" "$pool_limit" "$pool_kbytes"; do
	[[ "$value" =~ ^[1-9][0-9]*$ ]] || {
		log "--block-time, --pool-limit and --pool-kbytes take positive integers, not \"$value\""
		exit 2
	}
done
if [[ -n "$pool_type" && "$pool_type" != single-state && "$pool_type" != fork-aware ]]; then
	log "--pool-type is single-state or fork-aware, not \"$pool_type\""
	exit 2
fi
# The report lands in the caller's directory unless --out says otherwise.
[[ " ${tool_args[*]} " == *" --out "* ]] || tool_args+=(--out "$PWD/load-report.json")

# Usage errors are the tool's to report, before a node is started for nothing.
node "$REPO_ROOT/e2e/load/load.mjs" --check-only --ws ws://unused --block-time "$block_time" "${tool_args[@]}" || exit 2

if ((build)); then
	build_node
fi
if [[ ! -x "$HEALTHCHAIN_NODE" ]]; then
	log "node binary not found: $HEALTHCHAIN_NODE"
	log "build it with \`bash scripts/load.sh --build ...\` (or scripts/dev.sh, or \`source scripts/lib.sh && build_node\`), or set HEALTHCHAIN_NODE"
	exit 1
fi
if [[ ! -d "$REPO_ROOT/e2e/node_modules" ]]; then
	(cd "$REPO_ROOT/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi

TMP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/healthchain-load.XXXXXX")"
NODE_LOG="$TMP_DIR/node.log"
node_pid=""
tool_pid=""

# shellcheck disable=SC2317  # reached from the EXIT trap
cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	set +e
	stop_group "$tool_pid"
	stop_group "$node_pid"
	if ((keep)); then
		log "kept the node's directory: $TMP_DIR (log: $NODE_LOG)"
	elif ((rc != 0)) && [[ -f "$NODE_LOG" ]]; then
		local kept="${TMPDIR:-/tmp}/healthchain-load-node-$(date +%Y%m%d-%H%M%S).log"
		cp "$NODE_LOG" "$kept"
		log "failed (exit $rc); the node's log is kept at $kept; its last 40 lines:"
		tail -n 40 "$NODE_LOG" >&2
	fi
	((keep)) || rm -rf "$TMP_DIR"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

read -r RPC_PORT P2P_PORT PROM_PORT < <(free_ports 3)
args=(--dev
	--base-path "${base_path:-$TMP_DIR/data}"
	--rpc-port "$RPC_PORT"
	--port "$P2P_PORT"
	--prometheus-port "$PROM_PORT"
	--rpc-methods unsafe
	--rpc-max-connections 1000
	--dev-block-time "$block_time"
	--pool-limit "$pool_limit"
	--pool-kbytes "$pool_kbytes"
	--no-hardware-benchmarks
	--no-telemetry
	--no-mdns)
[[ -z "$pool_type" ]] || args+=(--pool-type "$pool_type")
args+=("${node_args[@]}")

log "starting $HEALTHCHAIN_NODE (rpc $RPC_PORT, log $NODE_LOG)"
setsid "$HEALTHCHAIN_NODE" "${args[@]}" </dev/null >"$NODE_LOG" 2>&1 &
node_pid=$!
wait_for_rpc "$RPC_PORT" "$node_pid" "${LOAD_READY_TIMEOUT:-120}" || exit 1
txpool="$(grep -o 'txpool_type=[A-Za-z]*' "$NODE_LOG" | head -n 1 || true)"
log "node is up (${txpool:-pool type not logged}); running the load tool"

cd "$REPO_ROOT/e2e"
LOAD_NODE_BIN="$HEALTHCHAIN_NODE" LOAD_NODE_ARGS="${args[*]}" LOAD_TXPOOL="$txpool" \
	setsid node load/load.mjs --ws "ws://127.0.0.1:$RPC_PORT" --block-time "$block_time" "${tool_args[@]}" </dev/null &
tool_pid=$!
tool_rc=0
wait "$tool_pid" || tool_rc=$?
tool_pid=""
exit "$tool_rc"
