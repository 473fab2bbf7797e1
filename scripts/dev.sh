#!/usr/bin/env bash
# Sets up, builds healthchain-node and runs a development chain with RPC on ws://127.0.0.1:9944,
# open to polkadot.js Apps. Extra arguments go to the node (e.g. --dev-block-time 1000).
# State lives in a fresh temporary directory unless HEALTHCHAIN_BASE_PATH is set.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

bash scripts/setup.sh
step "build healthchain-node (release; cold about 75 min on 2 cores, warm seconds)"
build_node
step_done

echo
echo "HealthChain dev chain: connect polkadot.js Apps to ws://127.0.0.1:9944"
echo "  https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944"
echo "Dev accounts //Alice ... //Ferdie are endowed; Alice is sudo. Ctrl-C stops the node."
base_path=(--tmp)
[ -z "${HEALTHCHAIN_BASE_PATH:-}" ] || base_path=(--base-path "$HEALTHCHAIN_BASE_PATH")
exec "$HEALTHCHAIN_NODE" --dev "${base_path[@]}" --rpc-port 9944 --rpc-cors all "$@"
