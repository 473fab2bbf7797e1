#!/usr/bin/env bash
# Sets up, builds healthchain-node, healthchain-gateway and the web app, and runs a development
# chain with RPC on ws://127.0.0.1:9944 (open to polkadot.js Apps), a record gateway on
# http://127.0.0.1:8088 (SQLite and a document directory, nothing else to run) and the web app on
# http://127.0.0.1:8090. Extra arguments go to the node (e.g. --dev-block-time 1000). Ctrl-C
# stops all three.
#
# Env: HEALTHCHAIN_BASE_PATH (node state; a fresh temporary directory otherwise),
#      HEALTHCHAIN_GATEWAY_DATA_DIR (gateway state; a fresh temporary directory otherwise),
#      HEALTHCHAIN_GATEWAY_LISTEN (default 127.0.0.1:8088), HEALTHCHAIN_APP_LISTEN (default
#      127.0.0.1:8090).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

bash scripts/setup.sh
step "build (build_node: node, gateway, runtimes, relay parts; release; cold about 80 min on 2 cores, warm seconds)"
build_node
build_app
step_done

base_path=(--tmp)
[ -z "${HEALTHCHAIN_BASE_PATH:-}" ] || base_path=(--base-path "$HEALTHCHAIN_BASE_PATH")
gateway_dir="${HEALTHCHAIN_GATEWAY_DATA_DIR:-}"
own_gateway_dir=""
if [ -z "$gateway_dir" ]; then
	gateway_dir="$(mktemp -d "${TMPDIR:-/tmp}/healthchain-gateway.XXXXXX")"
	own_gateway_dir="$gateway_dir"
fi
gateway_listen="${HEALTHCHAIN_GATEWAY_LISTEN:-127.0.0.1:8088}"
app_listen="${HEALTHCHAIN_APP_LISTEN:-127.0.0.1:8090}"

node_pid=""
gateway_pid=""
app_pid=""
cleanup() {
	trap - EXIT INT TERM
	[ -z "$app_pid" ] || kill -TERM "$app_pid" 2>/dev/null || true
	[ -z "$gateway_pid" ] || kill -TERM "$gateway_pid" 2>/dev/null || true
	[ -z "$node_pid" ] || kill -TERM "$node_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	[ -z "$own_gateway_dir" ] || rm -rf "$own_gateway_dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$HEALTHCHAIN_NODE" --dev "${base_path[@]}" --rpc-port 9944 --rpc-cors all "$@" &
node_pid=$!
"$HEALTHCHAIN_GATEWAY" --node ws://127.0.0.1:9944 --listen "$gateway_listen" --data-dir "$gateway_dir" \
	--allowed-origins "http://$app_listen" &
gateway_pid=$!
node app/serve.mjs --listen "$app_listen" --node ws://127.0.0.1:9944 --gateway "http://$gateway_listen" &
app_pid=$!

echo
echo "HealthChain dev chain: ws://127.0.0.1:9944 (polkadot.js Apps:"
echo "  https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944)"
echo "Record gateway: http://$gateway_listen (health: /healthz, metrics: /metrics; data in $gateway_dir)"
echo "Web app: http://$app_listen (patients, clinicians, pharmacies; anyone verifies a medicine)"
echo "Dev accounts //Alice ... //Ferdie are endowed; Alice is sudo. Ctrl-C stops all three."
# Whichever stops first ends the session.
wait -n "$node_pid" "$gateway_pid" "$app_pid"
