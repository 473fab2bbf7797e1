#!/usr/bin/env bash
# A local HealthChain network, as it would run in production but on one machine: a relay chain
# of three validators, Alice, Bob and Charlie (Polkadot's node and the rococo test runtime, built
# from crates.io by build_node), and HealthChain registered in the relay chain's genesis as
# parachain 2000 on core 0, its blocks made by two institution collators (A and B, slot-based
# authoring) from a production genesis: no sudo key, root through the council and the technical
# committee (made by scripts/production-spec.sh). The tests end with elastic scaling: cores 1 and
# 2 assigned to the parachain with the relay chain's sudo, one candidate per relay block becomes
# three (e2e/network/elastic.test.mjs).
#
#   bash scripts/network.sh           set up, build, start the network, run the tests in
#                                     e2e/network/ (network.test.mjs, then elastic.test.mjs), stop
#   bash scripts/network.sh --up      start it and keep it running until Ctrl-C
#   options: --no-build (skip setup and build), --keep (keep the network's directory)
#
# Accounts (dev seeds, so that polkadot.js and the tests can sign): collators //Alice (A) and
# //Bob (B); council //Charlie, //Dave, //Eve; technical committee //Ferdie, //Grace, //Heidi;
# //Relayer pays for relaying. Each has 10,000 HCU.
#
# The collators follow the relay chain through a validator's RPC (--relay-chain-rpc-urls), not
# an embedded relay node: five full relay nodes would not fit two cores. They author with
# `--authoring slot-based`, which builds one block per core the parachain holds in each relay
# slot; the runtime's RelayParentOffset of 1 requires it (with the default lookahead collator
# the runtime panics: no relay-parent descendants in the inherent).
#
# Three validators because the preset has max_validators_per_core = 1: the relay chain has
# max(num_cores, validators) cores, each backed by a group of one validator, so three cores need
# three validators. GRANDPA with three authorities needs all three to finalize: no test may stop
# a validator.
#
# Env: NETWORK_DIR (state, specs and logs; default a fresh temporary directory, removed at the
#      end unless --keep), NETWORK_READY_TIMEOUT (s to wait for the first included para block,
#      default 300), and the paths of scripts/lib.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

mode=test
build=1
keep=0
for arg in "$@"; do
	case "$arg" in
	--up) mode=up ;;
	--no-build) build=0 ;;
	--keep) keep=1 ;;
	-h | --help) sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "network: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
	esac
done
die() { echo "network: $*" >&2; exit 1; }
log() { echo "network: $*" >&2; }

if ((build)); then
	bash scripts/setup.sh
	step "build the node, runtimes, relay node and relay runtime (release)"
	build_node
	step_done
fi
for bin in "$HEALTHCHAIN_NODE" "$POLKADOT_NODE" "$(dirname "$POLKADOT_NODE")/polkadot-prepare-worker" \
	"$(dirname "$POLKADOT_NODE")/polkadot-execute-worker"; do
	[ -x "$bin" ] || die "no $bin: build it with 'source scripts/lib.sh && build_node'"
done
for wasm in "$HEALTHCHAIN_RELEASE_RUNTIME_WASM" "$RELAY_RUNTIME_WASM" "$HEALTHCHAIN_NEXT_RUNTIME_WASM"; do
	[ -s "$wasm" ] || die "no $wasm: build it with 'source scripts/lib.sh && build_node'"
done
[ -d e2e/node_modules ] || (cd e2e && npm ci --no-audit --no-fund)

dir="${NETWORK_DIR:-}"
own_dir=0
if [ -z "$dir" ]; then
	dir="$(mktemp -d "${TMPDIR:-/tmp}/healthchain-network.XXXXXX")"
	own_dir=1
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

stop_all() {
	local pid pids=()
	for f in "$dir"/*.pid; do
		[ -e "$f" ] || continue
		pid="$(cat "$f")"
		kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
	done
	for _ in $(seq 1 40); do
		local alive=0
		for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
		((alive)) || break
		sleep 0.25
	done
	for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
	rm -f "$dir"/*.pid
}
cleanup() {
	local status=$?
	trap - EXIT INT TERM
	stop_all
	if ((status != 0)); then
		for f in "$dir"/*.log; do
			[ -e "$f" ] || continue
			echo "----- last lines of $f" >&2
			tail -n 25 "$f" >&2
		done
	fi
	if ((own_dir && !keep)); then rm -rf "$dir"; else log "state and logs kept in $dir"; fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

NETWORK_READY_TIMEOUT="${NETWORK_READY_TIMEOUT:-300}"
started=$SECONDS
# --- accounts and the parachain's production genesis -------------------------------------
address() { "$HEALTHCHAIN_NODE" key inspect --output-type json --scheme sr25519 "$1" | jq -r .ss58Address; }
declare -A seeds=(
	[collator_a]=//Alice [collator_b]=//Bob
	[council_1]=//Charlie [council_2]=//Dave [council_3]=//Eve
	[committee_1]=//Ferdie [committee_2]=//Grace [committee_3]=//Heidi
	[relayer]=//Relayer
)
declare -A addr
for role in "${!seeds[@]}"; do addr[$role]="$(address "${seeds[$role]}")"; done
python3 - "$dir/operator-patch.json" <<PY
import json, sys
a = {$(for role in "${!addr[@]}"; do printf '"%s": "%s", ' "$role" "${addr[$role]}"; done)}
hcu = 10**12
patch = {
    "parachainInfo": {"parachainId": 2000},
    "balances": {"balances": [[account, 10_000 * hcu] for account in sorted(a.values())]},
    "collatorSelection": {"invulnerables": [a["collator_a"], a["collator_b"]]},
    # A collator's Aura key is its account's sr25519 key (inserted below from the same seed).
    "session": {"keys": [[a[c], a[c], {"aura": a[c]}] for c in ("collator_a", "collator_b")]},
    "councilMembership": {"members": [a["council_1"], a["council_2"], a["council_3"]]},
    "technicalMembership": {"members": [a["committee_1"], a["committee_2"], a["committee_3"]]},
}
json.dump(patch, open(sys.argv[1], "w"), indent=2)
PY
CHAIN_NAME="HealthChain Network Test" CHAIN_ID=healthchain_network RELAY_CHAIN=rococo_local_testnet \
	bash scripts/production-spec.sh "$dir/operator-patch.json" "$dir/para" >"$dir/para-spec.out" 2>&1 ||
	die "production-spec.sh failed: $(cat "$dir/para-spec.out")"
para_raw="$dir/para/healthchain-raw.json"

# --- the relay chain's spec: rococo's versi_local_testnet preset (local_testnet's config and
# sudo Alice, with validators Alice, Bob, Charlie and Dave) cut to Alice, Bob and Charlie, with
# the parachain in its genesis -------------------------------------------------------------
"$HEALTHCHAIN_NODE" chain-spec-builder -c "$dir/relay-preset.json" create -n "HealthChain Test Relay" \
	-i rococo_local_testnet -t local -r "$RELAY_RUNTIME_WASM" named-preset versi_local_testnet \
	>"$dir/relay-spec.out" 2>&1 || die "relay chain spec: $(cat "$dir/relay-spec.out")"
python3 - "$dir/relay-preset.json" "$dir/para/genesis-head.hex" "$dir/para/genesis-wasm.hex" \
	"$dir/relay-plain.json" "$(address //Alice//stash)" "$(address //Bob//stash)" "$(address //Charlie//stash)" <<'PY'
import json, sys
spec_path, head_path, wasm_path, out_path = sys.argv[1:5]
stashes = sys.argv[5:8]
spec = json.load(open(spec_path))
patch = spec["genesis"]["runtimeGenesis"]["patch"]
# Three validators (session keys: stash, stash, keys of the seed): Alice, Bob and Charlie.
keys = patch["session"]["keys"][:3]
if [k[0] for k in keys] != stashes:
    sys.exit(f"the preset's first validators are not //Alice, //Bob, //Charlie: {[k[0] for k in keys]}")
patch["session"]["keys"] = keys
patch.setdefault("paras", {})["paras"] = [[2000, {
    "genesis_head": open(head_path).read().strip(),
    "validation_code": open(wasm_path).read().strip(),
    "parachain": True,
}]]
# Cores: max(num_cores, validators / max_validators_per_core) at each session; para 2000 takes
# core 0 at genesis, cores 1 and 2 are free for the elastic scaling test to assign.
# async_backing_params are left as the preset has them: nothing in this release reads them.
# How deep a parachain may build ahead, and on which relay parents, follows from
# scheduler_params.lookahead (the claim queue's length and the allowed relay parents) and from
# the cores the para holds in the claim queue. HealthChain, with RelayParentOffset 1, reads the
# claim queue two deep, so lookahead must be at least 3.
params = patch["configuration"]["config"]["scheduler_params"]
cores = max(params.get("num_cores", 0), len(keys) // (params.get("max_validators_per_core") or len(keys)))
if params["lookahead"] < 3 or cores < 3:
    sys.exit(f"scheduler_params {params}: need lookahead >= 3 and 3 cores (got {cores})")
json.dump(spec, open(out_path, "w"), indent=2)
PY
"$HEALTHCHAIN_NODE" chain-spec-builder -c "$dir/relay-raw.json" convert-to-raw "$dir/relay-plain.json" \
	>>"$dir/relay-spec.out" 2>&1 || die "relay raw spec: $(cat "$dir/relay-spec.out")"
relay_raw="$dir/relay-raw.json"
log "specs ready in $((SECONDS - started))s: $relay_raw, $para_raw"

# --- nodes -------------------------------------------------------------------------------
read -r alice_p2p alice_rpc bob_p2p bob_rpc charlie_p2p charlie_rpc a_p2p a_rpc a_relay_p2p b_p2p b_rpc b_relay_p2p \
	< <(free_ports 12)
peer() {
	[ -s "$dir/$1.nodekey" ] || "$HEALTHCHAIN_NODE" key generate-node-key --file "$dir/$1.nodekey" 2>/dev/null
	"$HEALTHCHAIN_NODE" key inspect-node-key --file "$dir/$1.nodekey"
}
alice_peer="$(peer alice)"
bob_peer="$(peer bob)"
charlie_peer="$(peer charlie)"
a_peer="$(peer collator-a)"
b_peer="$(peer collator-b)"

common=(--no-telemetry --no-prometheus --no-hardware-benchmarks --rpc-cors all)
# launcher NAME ARGS...: writes $dir/NAME.sh, which records its pid and runs ARGS, logging to
# $dir/NAME.log; the tests restart a killed collator with the same script.
launcher() {
	local name="$1"
	shift
	{
		echo '#!/usr/bin/env bash'
		echo "echo \$\$ >'$dir/$name.pid'"
		printf 'exec'
		printf ' %q' "$@"
		printf " >>'%s' 2>&1\n" "$dir/$name.log"
	} >"$dir/$name.sh"
}
start() { setsid bash "$dir/$1.sh" </dev/null & }

validator() { # name p2p rpc [bootnode]
	local extra=()
	[ -z "${4:-}" ] || extra=(--bootnodes "$4")
	launcher "$1" "$POLKADOT_NODE" --chain "$relay_raw" "--$1" --validator --base-path "$dir/$1" \
		--node-key-file "$dir/$1.nodekey" --port "$2" --rpc-port "$3" "${common[@]}" \
		--insecure-validator-i-know-what-i-do "${extra[@]}"
	start "$1"
}
validator alice "$alice_p2p" "$alice_rpc"
validator bob "$bob_p2p" "$bob_rpc" "/ip4/127.0.0.1/tcp/$alice_p2p/p2p/$alice_peer"
validator charlie "$charlie_p2p" "$charlie_rpc" "/ip4/127.0.0.1/tcp/$alice_p2p/p2p/$alice_peer"

# --authoring slot-based: in each relay slot, one block per core the parachain holds (elastic
# scaling); the runtime's RelayParentOffset of 1 requires it.
collator() { # name seed p2p rpc relay-p2p relay-rpc other-collator-bootnode
	"$HEALTHCHAIN_NODE" key insert --base-path "$dir/$1" --chain "$para_raw" --scheme sr25519 \
		--key-type aura --suri "$2" 2>>"$dir/$1.log"
	launcher "$1" "$HEALTHCHAIN_NODE" --collator --authoring slot-based --chain "$para_raw" --base-path "$dir/$1" \
		--node-key-file "$dir/$1.nodekey" --port "$3" --rpc-port "$4" "${common[@]}" \
		--bootnodes "$7" --relay-chain-rpc-urls "ws://127.0.0.1:$6" \
		-- --chain "$relay_raw" --port "$5" --no-telemetry --no-prometheus
	start "$1"
}
collator collator-a "${seeds[collator_a]}" "$a_p2p" "$a_rpc" "$a_relay_p2p" "$alice_rpc" \
	"/ip4/127.0.0.1/tcp/$b_p2p/p2p/$b_peer"
collator collator-b "${seeds[collator_b]}" "$b_p2p" "$b_rpc" "$b_relay_p2p" "$bob_rpc" \
	"/ip4/127.0.0.1/tcp/$a_p2p/p2p/$a_peer"
log "started in $((SECONDS - started))s: validators alice (rpc $alice_rpc), bob (rpc $bob_rpc) and charlie (rpc $charlie_rpc), collators A (rpc $a_rpc) and B (rpc $b_rpc); logs in $dir"

# Every node's RPC up (the relay nodes build genesis from WASM first).
for port in "$alice_rpc" "$bob_rpc" "$charlie_rpc" "$a_rpc" "$b_rpc"; do
	until curl -sf -m 2 -H 'Content-Type: application/json' \
		-d '{"id":1,"jsonrpc":"2.0","method":"system_health","params":[]}' "http://127.0.0.1:$port" >/dev/null; do
		((SECONDS - started < NETWORK_READY_TIMEOUT)) || die "no RPC on port $port after ${NETWORK_READY_TIMEOUT}s"
		for f in "$dir"/*.pid; do kill -0 "$(cat "$f")" 2>/dev/null || die "$(basename "$f" .pid) exited: $(tail -5 "${f%.pid}.log")"; done
		sleep 1
	done
done
log "every node's RPC answers, $((SECONDS - started))s after the start"

export RELAY_ALICE_WS="ws://127.0.0.1:$alice_rpc" RELAY_BOB_WS="ws://127.0.0.1:$bob_rpc"
export RELAY_CHARLIE_WS="ws://127.0.0.1:$charlie_rpc"
export COLLATOR_A_WS="ws://127.0.0.1:$a_rpc" COLLATOR_B_WS="ws://127.0.0.1:$b_rpc"
export NETWORK_DIR="$dir" NETWORK_READY_TIMEOUT

# What the tests read, also for running them by hand against a network started with --up:
#   (source $dir/env && cd e2e && node --test network/network.test.mjs && node --test network/elastic.test.mjs)
# Two runs, not one: node --test sorts the files it is given, and elastic.test.mjs must come last.
export -p | grep -E ' (RELAY_ALICE_WS|RELAY_BOB_WS|RELAY_CHARLIE_WS|COLLATOR_A_WS|COLLATOR_B_WS|NETWORK_DIR|NETWORK_READY_TIMEOUT|HEALTHCHAIN_NEXT_RUNTIME_WASM)=' >"$dir/env"

if [ "$mode" = up ]; then
	cat <<EOF

HealthChain network (parachain 2000 on a three-validator relay chain, slot-based collators):
  relay validators   $RELAY_ALICE_WS (Alice), $RELAY_BOB_WS (Bob), $RELAY_CHARLIE_WS (Charlie)
  collator A         $COLLATOR_A_WS (//Alice)
  collator B         $COLLATOR_B_WS (//Bob)
  polkadot.js Apps   https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$a_rpc
  specs, logs        $dir
  the tests' settings $dir/env  (source it, then from e2e/: node --test network/network.test.mjs,
                     then node --test network/elastic.test.mjs, which assigns cores 1 and 2 to
                     para 2000 for good: run it last, once per network)
Ctrl-C stops the network.
EOF
	# In the background, so that Ctrl-C or TERM runs the cleanup at once.
	while true; do sleep 3600 & wait $!; done
fi

# network.test.mjs, then elastic.test.mjs: the elastic test measures one core first and then
# assigns cores 1 and 2 to the parachain for the rest of the run, so it runs last. Two runs of
# node --test, because it sorts the files it is given (elastic < network).
step "network tests (e2e/network/: network.test.mjs, then elastic.test.mjs)"
for test_file in network/network.test.mjs network/elastic.test.mjs; do
	(cd e2e && node --test --test-reporter=spec --test-concurrency=1 --test-timeout=1200000 \
		--test-force-exit "$test_file")
done
step_done
log "network test passed in $((SECONDS - started))s"
