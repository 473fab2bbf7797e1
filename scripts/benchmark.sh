#!/usr/bin/env bash
# Runs benchmarks on the runtime WASM and writes the weights they measure.
#
#   scripts/benchmark.sh credentials      # a HealthChain pallet -> pallets/credentials/src/weights.rs
#   scripts/benchmark.sh runtime          # the runtime's SDK pallets -> runtime/src/weights/<pallet>.rs
#   scripts/benchmark.sh runtime pallet_utility pallet_proxy   # only these SDK pallets
#   STEPS=2 REPEAT=1 scripts/benchmark.sh credentials   # a quick smoke run
#   NO_BUILD=1 scripts/benchmark.sh prescriptions       # on the runtime already built
#
# Uses the same healthchain-node build as everything else (it is built with runtime-benchmarks).
# Each run rewrites a weights.rs, which the next build compiles into the runtime: to measure
# several pallets of one build, build once and run the rest with NO_BUILD=1 (the weights do not
# change what is measured).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

target="${1:?usage: scripts/benchmark.sh <pallet directory under pallets/ | runtime>}"

[ "${NO_BUILD:-0}" = 1 ] || build_node
wasm="$HEALTHCHAIN_RUNTIME_WASM"
[ -f "$wasm" ] || { echo "benchmark: runtime WASM not found at $wasm" >&2; exit 1; }

# bench PALLET TEMPLATE OUTPUT: measures one pallet and writes its weights through TEMPLATE.
bench() {
	"$HEALTHCHAIN_NODE" benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder-preset development \
		--pallet "$1" \
		--extrinsic '*' \
		--steps "${STEPS:-50}" \
		--repeat "${REPEAT:-20}" \
		--wasm-execution compiled \
		--template "$2" \
		--output "$3"
	# The templates start with the (empty) header.
	sed -i '1{/^$/d}' "$3"
	echo "benchmark: wrote $3"
}

if [ "$target" = runtime ]; then
	shift
	# The SDK pallets named after `runtime`, or else every benchmarked pallet that is not
	# HealthChain's own (those keep their weights.rs).
	if [ "$#" -eq 0 ]; then
		while read -r pallet; do
			dir="${pallet#pallet_}"
			[ -d "pallets/${dir//_/-}" ] || set -- "$@" "$pallet"
		done < <("$HEALTHCHAIN_NODE" benchmark pallet --runtime "$wasm" \
			--genesis-builder-preset development --list=pallets --no-csv-header 2>/dev/null)
	fi
	for pallet in "$@"; do
		bench "$pallet" scripts/templates/runtime-weights.hbs "runtime/src/weights/$pallet.rs"
	done
	exit 0
fi

[ -d "pallets/$target" ] || { echo "benchmark: no pallets/$target" >&2; exit 1; }
bench "pallet_${target//-/_}" scripts/templates/pallet-weights.hbs "pallets/$target/src/weights.rs"
