#!/usr/bin/env bash
# Writes the files needed to run HealthChain as a parachain of a relay chain:
#
#   healthchain-<chain>-plain.json   human-readable chain spec   (build-spec --chain <chain>)
#   healthchain-<chain>-raw.json     raw chain spec the collators run (build-spec ... --raw)
#   genesis-head                     genesis head data, hex      (export-genesis-head)
#   genesis-wasm                     validation code (runtime WASM), hex (export-genesis-wasm)
#
# genesis-head and genesis-wasm are what the relay chain needs to register the parachain
# (para id 2000), e.g. with sudo `parasSudoWrapper.sudoScheduleParaInitialize`. Both are
# exported from the raw spec, so they match exactly what the collators will run. The spec
# carries the release runtime (healthchain-runtime-release: no benchmarking, 1.5 MB), not the
# node's own (built with benchmarks, 5.9 MB: over a relay chain's 3 MiB code limit).
#
# Usage: scripts/relay-artifacts.sh [--chain local|dev] [OUT_DIR]
#
#   OUT_DIR            where to write the files (default: ./artifacts)
#   --chain, -c        chain spec to export: `local` (default; Alice and Bob collate, relay
#                      chain rococo-local) or `dev`; also settable with HEALTHCHAIN_CHAIN
#   HEALTHCHAIN_NODE   the node binary (default:
#                      ${CARGO_TARGET_DIR:-$HOME/.cache/healthchain/target}/release/healthchain-node)
#   HEALTHCHAIN_RELEASE_RUNTIME_WASM  the runtime put into the spec (default: the release
#                      runtime build_node makes, in the same target directory)
#
# Nothing is downloaded; the node binary is only asked to print specs and genesis data.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: scripts/relay-artifacts.sh [--chain local|dev] [OUT_DIR]

Writes healthchain-<chain>-plain.json, healthchain-<chain>-raw.json, genesis-head and
genesis-wasm into OUT_DIR (default ./artifacts): the chain specs the collators run and the
genesis data a relay chain needs to register the parachain.

Options:
  -c, --chain CHAIN   local (default) or dev; also HEALTHCHAIN_CHAIN
  -h, --help          show this help

Environment:
  HEALTHCHAIN_NODE    path to healthchain-node (default:
                      ${CARGO_TARGET_DIR:-$HOME/.cache/healthchain/target}/release/healthchain-node)
  HEALTHCHAIN_RELEASE_RUNTIME_WASM
                      the runtime WASM the spec carries (default: healthchain-runtime-release's,
                      under the same target directory)
EOF
}

die() {
	printf 'relay-artifacts: error: %s\n' "$*" >&2
	exit 1
}

chain="${HEALTHCHAIN_CHAIN:-local}"
out_dir=""

while [[ $# -gt 0 ]]; do
	case "$1" in
		-c | --chain)
			[[ $# -ge 2 ]] || die "$1 needs a value (local or dev)"
			chain="$2"
			shift 2
			;;
		--chain=*)
			chain="${1#--chain=}"
			shift
			;;
		-h | --help)
			usage
			exit 0
			;;
		--)
			shift
			break
			;;
		-*)
			usage >&2
			die "unknown option: $1"
			;;
		*)
			[[ -z "$out_dir" ]] || die "only one output directory may be given (got '$out_dir' and '$1')"
			out_dir="$1"
			shift
			;;
	esac
done
if [[ $# -gt 0 ]]; then
	[[ -z "$out_dir" && $# -eq 1 ]] || die "only one output directory may be given"
	out_dir="$1"
fi
out_dir="${out_dir:-./artifacts}"

case "$chain" in
	local | dev) ;;
	*) die "unsupported chain '$chain': use 'local' (default) or 'dev'" ;;
esac

target_dir="${CARGO_TARGET_DIR:-$HOME/.cache/healthchain/target}"
node="${HEALTHCHAIN_NODE:-$target_dir/release/healthchain-node}"
wasm="${HEALTHCHAIN_RELEASE_RUNTIME_WASM:-$target_dir/release/wbuild/healthchain-runtime-release/healthchain_runtime_release.compact.compressed.wasm}"
[[ -s "$wasm" ]] || die "release runtime not found at '$wasm'
  Build it with 'source scripts/lib.sh && build_node', or set HEALTHCHAIN_RELEASE_RUNTIME_WASM."

if [[ ! -e "$node" ]]; then
	die "node binary not found at '$node'.
  Build it with scripts/dev.sh or 'cargo build --release -p healthchain-node',
  or point HEALTHCHAIN_NODE at an existing healthchain-node binary."
fi
if [[ -d "$node" || ! -x "$node" ]]; then
	die "'$node' is not an executable file (set HEALTHCHAIN_NODE to the healthchain-node binary)"
fi

mkdir -p "$out_dir" || die "cannot create output directory '$out_dir'"

# Everything is written to a scratch directory first and moved into place only when all
# four files exist, so a failing step never leaves a half-written set behind. The export
# commands also get a throw-away --base-path: they open a database, and must neither touch
# nor trip over (lock) the data of a node running with the default base path.
work="$(mktemp -d "${TMPDIR:-/tmp}/healthchain-artifacts.XXXXXX")"
cleanup() { rm -rf -- "$work"; }
trap cleanup EXIT

plain_name="healthchain-${chain}-plain.json"
raw_name="healthchain-${chain}-raw.json"

run() {
	local what="$1"
	shift
	"$@" || die "$what failed (exit $?): $*"
}

printf 'relay-artifacts: node   %s\n' "$node"
printf 'relay-artifacts: chain  %s\n' "$chain"
printf 'relay-artifacts: runtime %s (%s bytes)\n' "$wasm" "$(wc -c <"$wasm" | tr -d ' ')"
"$node" --version 2>/dev/null | sed '/^$/d; s/^/relay-artifacts: version /' || true

# The node's own log lines go to stderr; only the spec goes to the file. First the built-in
# spec, with the node's own runtime.
run "build-spec (plain)" "$node" build-spec --chain "$chain" --disable-default-bootnode \
	--base-path "$work/base" >"$work/builtin-plain.json"

# The node builds its built-in specs' genesis natively (node/src/chain_spec.rs); a spec file's
# comes from the runtime WASM. Both must describe the same genesis block.
run "build-spec (raw, node's runtime)" "$node" build-spec --chain "$work/builtin-plain.json" --raw \
	--disable-default-bootnode --base-path "$work/base" >"$work/builtin-raw.json"
run "export-genesis-head (WASM)" "$node" export-genesis-head --chain "$work/builtin-raw.json" \
	--base-path "$work/base" "$work/genesis-head-wasm"
run "export-genesis-head (native)" "$node" export-genesis-head --chain "$chain" \
	--base-path "$work/base" "$work/genesis-head-native"
cmp -s "$work/genesis-head-wasm" "$work/genesis-head-native" ||
	die "the node's native genesis differs from the runtime's: $(cat "$work/genesis-head-native") vs $(cat "$work/genesis-head-wasm")"

# The same spec with the release runtime in place of the node's; the raw spec is built from it,
# so genesis is what the release runtime's preset makes.
run "putting the release runtime into the spec" python3 -c '
import json, sys
spec = json.load(open(sys.argv[1]))
spec["genesis"]["runtimeGenesis"]["code"] = "0x" + open(sys.argv[2], "rb").read().hex()
json.dump(spec, open(sys.argv[3], "w"), indent=2)
' "$work/builtin-plain.json" "$wasm" "$work/$plain_name"
run "build-spec (raw)" "$node" build-spec --chain "$work/$plain_name" --raw --disable-default-bootnode \
	--base-path "$work/base" >"$work/$raw_name"
run "export-genesis-head" "$node" export-genesis-head --chain "$work/$raw_name" \
	--base-path "$work/base" "$work/genesis-head"
run "export-genesis-wasm" "$node" export-genesis-wasm --chain "$work/$raw_name" \
	--base-path "$work/base" "$work/genesis-wasm"

for f in "$plain_name" "$raw_name" genesis-head genesis-wasm; do
	[[ -s "$work/$f" ]] || die "$f came out empty"
done
for f in genesis-head genesis-wasm; do
	[[ "$(head -c 2 "$work/$f")" == 0x ]] || die "$f is not hex (0x...)"
done

for f in "$plain_name" "$raw_name" genesis-head genesis-wasm; do
	mv -f -- "$work/$f" "$out_dir/$f"
done

# Para id and relay chain, for the instructions below: from the spec's extensions
# (para_id / relay_chain) or the genesis preset (parachainInfo.parachainId); 2000 otherwise.
para_id="$(grep -m1 -oE '"(para_id|paraId|parachainId)"[[:space:]]*:[[:space:]]*[0-9]+' \
	"$out_dir/$plain_name" | grep -oE '[0-9]+$' || true)"
para_id="${para_id:-2000}"
relay_chain="$(grep -m1 -oE '"(relay_chain|relayChain)"[[:space:]]*:[[:space:]]*"[^"]*"' \
	"$out_dir/$plain_name" | sed -E 's/.*:[[:space:]]*"([^"]*)"/\1/' || true)"
relay_chain="${relay_chain:-rococo-local}"

size() { wc -c <"$1" | tr -d ' '; }
line() { printf '  %-30s %9s bytes  %s\n' "$1" "$(size "$out_dir/$1")" "$2"; }

printf '\nWrote to %s:\n' "$out_dir"
line "$plain_name" "chain spec (plain, readable)"
line "$raw_name" "chain spec (raw): what the collators run"
line genesis-head "genesis head data (hex)"
line genesis-wasm "validation code = the runtime WASM (hex)"

cat <<EOF

Para id: $para_id    relay chain: $relay_chain

To register the parachain on a relay chain with sudo (e.g. rococo-local, sudo key Alice),
in polkadot.js Apps connected to a relay node: Developer > Sudo >
  parasSudoWrapper.sudoScheduleParaInitialize(
    id:    $para_id
    genesis:
      genesisHead:    contents of $out_dir/genesis-head  (or use "file upload")
      validationCode: contents of $out_dir/genesis-wasm  (or use "file upload")
      paraKind:       Yes (a parachain, which also gets a core)
  )
It is onboarded after about two relay sessions; registrar.forceRegister with the same head
and code also works, but registers an on-demand para that still needs coretime.

Then run the collators against the relay chain's raw spec, e.g. (--authoring slot-based: the
runtime's RelayParentOffset of 1 requires it):
  $node --collator --alice --authoring slot-based --chain $out_dir/$raw_name \\
    --base-path /tmp/healthchain-alice --port 40333 --rpc-port 9988 \\
    -- --chain <relay chain raw spec, e.g. rococo-local-raw.json> --port 30343
(a stock polkadot-omni-node runs the same $raw_name). scripts/network.sh runs a whole local
network (three relay validators, two collators) this way; see also docker/README.md.
EOF
