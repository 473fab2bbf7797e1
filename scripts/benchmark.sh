#!/usr/bin/env bash
# Runs a HealthChain pallet's benchmarks on the runtime WASM and writes its weights.rs.
#
#   scripts/benchmark.sh credentials          # pallets/credentials/src/weights.rs
#   STEPS=2 REPEAT=1 scripts/benchmark.sh credentials   # a quick smoke run
#
# Uses the same healthchain-node build as everything else (it is built with runtime-benchmarks).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

pallet="${1:?usage: scripts/benchmark.sh <pallet directory under pallets/>}"
[ -d "pallets/$pallet" ] || { echo "benchmark: no pallets/$pallet" >&2; exit 1; }
crate="pallet_${pallet//-/_}"

build_node
wasm="$CARGO_TARGET_DIR/release/wbuild/healthchain-runtime/healthchain_runtime.compact.compressed.wasm"
[ -f "$wasm" ] || { echo "benchmark: runtime WASM not found at $wasm" >&2; exit 1; }

"$HEALTHCHAIN_NODE" benchmark pallet \
	--runtime "$wasm" \
	--genesis-builder-preset development \
	--pallet "$crate" \
	--extrinsic '*' \
	--steps "${STEPS:-50}" \
	--repeat "${REPEAT:-20}" \
	--wasm-execution compiled \
	--heap-pages 4096 \
	--template scripts/templates/pallet-weights.hbs \
	--output "pallets/$pallet/src/weights.rs"
# The template starts with the (empty) header.
sed -i '1{/^$/d}' "pallets/$pallet/src/weights.rs"
echo "benchmark: wrote pallets/$pallet/src/weights.rs"
