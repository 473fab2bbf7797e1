#!/usr/bin/env bash
# Builds a production HealthChain chain spec from the runtime's `production` preset and the
# operator's patch, and the genesis head and code a relay chain registers the parachain with.
#
#   scripts/production-spec.sh OPERATOR_PATCH.json [OUT_DIR]
#
# OPERATOR_PATCH.json names what only the operator knows (README "Production network"):
#   parachainInfo.parachainId, collatorSelection.invulnerables, session.keys (each
#   [account, account, {"aura": "<sr25519 public key>"}]), councilMembership.members,
#   technicalMembership.members, and balances.balances for the accounts that pay fees.
# The script refuses a patch that sets a sudo key or leaves any of those out.
#
# Writes into OUT_DIR (default: ./production-spec): healthchain-plain.json, healthchain-raw.json,
# genesis-head.hex and genesis-wasm.hex.
#
# Env: HEALTHCHAIN_NODE (the node binary), HEALTHCHAIN_RELEASE_RUNTIME_WASM (the runtime to put
#      in the spec; default: healthchain-runtime-release's, which build_node makes), CHAIN_NAME (default "HealthChain"),
#      CHAIN_ID (default "healthchain"), RELAY_CHAIN (default "polkadot").
set -euo pipefail
source "$(dirname "$0")/lib.sh"

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "production-spec: $*" >&2; exit 1; }

case "${1:-}" in
-h | --help) usage; exit 0 ;;
"") usage >&2; exit 2 ;;
esac
patch_file="$1"
out="${2:-production-spec}"
wasm="$HEALTHCHAIN_RELEASE_RUNTIME_WASM"

[ -x "$HEALTHCHAIN_NODE" ] || die "no node binary at $HEALTHCHAIN_NODE (build it: source scripts/lib.sh && build_node)"
[ -f "$wasm" ] || die "no runtime WASM at $wasm (build it: source scripts/lib.sh && build_node; or set HEALTHCHAIN_RELEASE_RUNTIME_WASM)"
[ -f "$patch_file" ] || die "no operator patch at $patch_file"
jq empty "$patch_file" 2>/dev/null || die "$patch_file is not JSON"

# What the operator must name, with the message each omission gets.
require() {
	jq -e "$1" "$patch_file" >/dev/null || die "$patch_file: $2"
}
require '.parachainInfo.parachainId | type == "number"' 'parachainInfo.parachainId must be the para id the relay chain assigned'
require '(.collatorSelection.invulnerables // []) | length > 0' 'collatorSelection.invulnerables must name at least one institution collator'
require '(.session.keys // []) | length > 0' 'session.keys must give each collator its Aura key'
require '[.collatorSelection.invulnerables[]] - [.session.keys[][0]] | length == 0' 'every collator in collatorSelection.invulnerables needs session.keys'
# Bodies of three or more: with fewer, one person is a majority (or two-thirds) of one.
require '(.councilMembership.members // []) | length >= 3' 'councilMembership.members must name the council of health authorities, at least three'
require '(.technicalMembership.members // []) | length >= 3' 'technicalMembership.members must name the technical committee, at least three'
require '((.councilMembership.members - .technicalMembership.members) | length) == (.councilMembership.members | length)' 'nobody may sit on both the council and the technical committee: root needs two separate bodies'
require '(.balances.balances // []) | length > 0' 'balances.balances must fund at least the collators and the bodies, who pay fees'
require '(.sudo.key // null) == null' 'a production network has no sudo key: root is the technical committee and the council'

mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

para_id="$(jq -r '.parachainInfo.parachainId' "$patch_file")"
"$HEALTHCHAIN_NODE" chain-spec-builder display-preset -r "$wasm" -p production >"$work/preset.json" 2>"$work/log" ||
	die "the runtime offers no production preset: $(cat "$work/log")"
# Objects merge key by key, arrays and values are replaced: how chain-spec building merges.
# (Python, not jq 1.6, which would round balances above 2^53.)
python3 - "$work/preset.json" "$patch_file" >"$work/patch.json" <<'PY'
import json, sys
def merge(base, patch):
    if isinstance(base, dict) and isinstance(patch, dict):
        for key, value in patch.items():
            base[key] = merge(base.get(key), value)
        return base
    return patch
preset, operator = (json.load(open(path)) for path in sys.argv[1:3])
json.dump(merge(preset, operator), sys.stdout)
PY

"$HEALTHCHAIN_NODE" chain-spec-builder -c "$out/healthchain-plain.json" create \
	-n "${CHAIN_NAME:-HealthChain}" -i "${CHAIN_ID:-healthchain}" -t live \
	--para-id "$para_id" --relay-chain "${RELAY_CHAIN:-polkadot}" \
	--properties tokenSymbol=HCU,tokenDecimals=12,ss58Format=42 \
	-r "$wasm" patch "$work/patch.json" 2>"$work/log" || die "chain-spec-builder create: $(cat "$work/log")"
"$HEALTHCHAIN_NODE" chain-spec-builder -c "$out/healthchain-raw.json" convert-to-raw \
	"$out/healthchain-plain.json" 2>"$work/log" || die "convert-to-raw: $(cat "$work/log")"
"$HEALTHCHAIN_NODE" export-genesis-head --chain "$out/healthchain-raw.json" "$out/genesis-head.hex" 2>"$work/log" ||
	die "export-genesis-head: $(cat "$work/log")"
"$HEALTHCHAIN_NODE" export-genesis-wasm --chain "$out/healthchain-raw.json" "$out/genesis-wasm.hex" 2>"$work/log" ||
	die "export-genesis-wasm: $(cat "$work/log")"

# The sudo key, as raw storage: twox128("Sudo") ++ twox128("Key"). It must be absent.
sudo_key='0x5c0d1176a568c1f92944340dbfed9e9c530ebca703c85910e7164cb7d1c9e47b'
if jq -e --arg k "$sudo_key" '.genesis.raw.top[$k] != null' "$out/healthchain-raw.json" >/dev/null; then
	die "the raw spec has a sudo key"
fi
echo "production-spec: para $para_id, $(jq '.collatorSelection.invulnerables | length' "$patch_file") collators, council of $(jq '.councilMembership.members | length' "$patch_file"), committee of $(jq '.technicalMembership.members | length' "$patch_file"), no sudo"
echo "production-spec: wrote $out/healthchain-plain.json, healthchain-raw.json, genesis-head.hex, genesis-wasm.hex"
