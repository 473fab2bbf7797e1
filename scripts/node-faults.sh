#!/usr/bin/env bash
# Node faults and load, against throw-away `healthchain-node --dev` nodes on base paths of their
# own (e2e/faults/): a flood of 10,000 signed transactions from 100 senders, kill -9 and restart
# under a flood, and hostile input over RPC. The test command runs it after the node build.
#
#   bash scripts/node-faults.sh                          # every file in e2e/faults/
#   bash scripts/node-faults.sh faults/flood.test.mjs    # one (relative to e2e/)
#
# Env: HEALTHCHAIN_NODE (node binary), FAULTS_SENDERS / FAULTS_PER_SENDER (flood size, default
# 100 × 100), FAULTS_CRASH_ROUNDS (default 3), FAULTS_HEALTH_P99_MS (the flood's bound on
# system_health's p99, default 1000), FAULTS_KEEP=1 (keep the nodes' directories and logs).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
	sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
fi
if [[ ! -x "$HEALTHCHAIN_NODE" ]]; then
	echo "node-faults: node binary not found: $HEALTHCHAIN_NODE (run scripts/dev.sh or scripts/test.sh to build it, or set HEALTHCHAIN_NODE)" >&2
	exit 1
fi
if [[ ! -d "$REPO_ROOT/e2e/node_modules" ]]; then
	(cd "$REPO_ROOT/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi

cd "$REPO_ROOT/e2e"
if (($# == 0)); then
	set -- faults/
fi
# One file at a time: each starts its own node, and the flood's latency figures mean nothing
# with another node busy beside it.
exec node --test --test-reporter=spec --test-concurrency=1 --test-timeout=900000 --test-force-exit "$@" </dev/null
