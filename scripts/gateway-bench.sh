#!/usr/bin/env bash
# Load benchmark of the record gateway (not part of the test command): authorised downloads of
# 64 KiB documents through healthchain-gateway, with healthchain-node --dev on the same machine,
# side by side with the same files from a plain static file server. Prints requests/s, p50 and
# p99 latency of both and the ratio, per round and for the median round. Env: GATEWAY_BENCH_SECONDS
# (10 per server per round), GATEWAY_BENCH_ROUNDS (3), GATEWAY_BENCH_CONCURRENCY
# (16), GATEWAY_BENCH_DOCUMENTS (8, the on-chain access-log ring per patient and reader).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

bash scripts/setup.sh
step "build healthchain-node, healthchain-gateway and the downloads bench (release)"
build_node
bench_bin=$(cargo build "${CARGO_PROFILE_ARGS[@]}" -p healthchain-node -p healthchain-gateway \
	--bench downloads --message-format=json |
	node -e 'let out="";process.stdin.on("data",d=>out+=d).on("end",()=>{for(const l of out.split("\n")){try{const m=JSON.parse(l);if(m.reason==="compiler-artifact"&&m.target.name==="downloads"&&m.executable)console.log(m.executable)}catch{}}})')
[ -x "$bench_bin" ] || { echo "gateway-bench: the downloads bench binary was not built" >&2; exit 1; }
step_done

step "benchmark"
GATEWAY_BENCH_BIN="$bench_bin" bash e2e/run.sh bench/gateway-downloads.mjs
step_done
