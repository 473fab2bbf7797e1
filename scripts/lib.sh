# Shared by the project's scripts (sourced, not run): one target directory, one profile and one
# feature set for the node, so that every script reuses the same build.

# Builds live outside the work tree, so they survive fresh clones, sessions and CI runs.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/healthchain/target}"
# The node's one build: release profile, default features (which include runtime-benchmarks).
HEALTHCHAIN_NODE="${HEALTHCHAIN_NODE:-$CARGO_TARGET_DIR/release/healthchain-node}"
export HEALTHCHAIN_NODE
HEALTHCHAIN_GATEWAY="${HEALTHCHAIN_GATEWAY:-$CARGO_TARGET_DIR/release/healthchain-gateway}"
export HEALTHCHAIN_GATEWAY
# The runtime WASM the node build makes (with benchmarks), and the next runtime's (one
# spec_version on, without them), which the e2e suite upgrades the dev chain to.
HEALTHCHAIN_RUNTIME_WASM="${HEALTHCHAIN_RUNTIME_WASM:-$CARGO_TARGET_DIR/release/wbuild/healthchain-runtime/healthchain_runtime.compact.compressed.wasm}"
export HEALTHCHAIN_RUNTIME_WASM
HEALTHCHAIN_NEXT_RUNTIME_WASM="${HEALTHCHAIN_NEXT_RUNTIME_WASM:-$CARGO_TARGET_DIR/release/wbuild/healthchain-runtime-next/healthchain_runtime_next.compact.compressed.wasm}"
export HEALTHCHAIN_NEXT_RUNTIME_WASM
# The release runtime: what a network registers and runs (production-spec.sh, relay-artifacts.sh,
# network.sh).
HEALTHCHAIN_RELEASE_RUNTIME_WASM="${HEALTHCHAIN_RELEASE_RUNTIME_WASM:-$CARGO_TARGET_DIR/release/wbuild/healthchain-runtime-release/healthchain_runtime_release.compact.compressed.wasm}"
export HEALTHCHAIN_RELEASE_RUNTIME_WASM
# The relay network's node (its PVF workers lie beside it) and relay runtime (rococo).
POLKADOT_NODE="${POLKADOT_NODE:-$CARGO_TARGET_DIR/release/polkadot}"
export POLKADOT_NODE
RELAY_RUNTIME_WASM="${RELAY_RUNTIME_WASM:-$CARGO_TARGET_DIR/release/wbuild/healthchain-relay-runtime/healthchain_relay_runtime.compact.compressed.wasm}"
export RELAY_RUNTIME_WASM
CARGO_PROFILE_ARGS=(--locked --release)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# step NAME: prints a banner and remembers when the step started.
step() {
	STEP_NAME="$1"
	STEP_START=$SECONDS
	printf '\n==> %s\n' "$STEP_NAME"
}

# step_done: prints how long the current step took.
step_done() {
	printf '<== %s: %ss\n' "$STEP_NAME" "$((SECONDS - STEP_START))"
}

# free_ports N: prints N free TCP ports on the loopback interface, held open together so they differ.
free_ports() {
	node -e '
		const net = require("node:net");
		const servers = Array.from({ length: Number(process.argv[1]) }, () => net.createServer().listen(0, "127.0.0.1"));
		Promise.all(servers.map((s) => new Promise((ok) => s.on("listening", ok)))).then(() => {
			console.log(servers.map((s) => s.address().port).join(" "));
			servers.forEach((s) => s.close());
		});
	' "$1"
}

# build_node [-p PACKAGE ...]: every program and WASM of the project, and any packages named, in
# one command.
build_node() {
	# One command for all, so features unify the same way every time (and as in `cargo test
	# --workspace`, which then reuses every shared crate): the node and the gateway; the release
	# runtime (what networks run: no benchmarks, metadata hash) and the next one (spec_version
	# one on, what upgrade tests upgrade to), both WASM only; and the relay network's node, PVF
	# workers and relay runtime WASM (scripts/network.sh). Building a subset would change the
	# features of shared crates and rebuild them.
	cargo build "${CARGO_PROFILE_ARGS[@]}" -p healthchain-node -p healthchain-gateway \
		-p healthchain-runtime-release -p healthchain-runtime-next \
		-p healthchain-relay-node -p healthchain-relay-runtime "$@"
}

# build_app: type-checks the web app and bundles it into app/dist (a few seconds).
build_app() {
	(cd "$REPO_ROOT/app" && npm run --silent build -- --logLevel warn)
}

# stop_group PID: TERM to the process group led by PID (started with `setsid`), 10 s of grace,
# then KILL; waits for it. Nothing to do for an empty PID.
stop_group() {
	local pid="$1"
	[[ -n "$pid" ]] || return 0
	kill -TERM -- "-$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do
		kill -0 -- "-$pid" 2>/dev/null || break
		sleep 0.2
	done
	if kill -0 -- "-$pid" 2>/dev/null; then
		echo "process group $pid did not stop within 10 s; killing it" >&2
		kill -KILL -- "-$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
}

# rpc_up PORT: true once a node's JSON-RPC on the loopback PORT answers system_health.
rpc_up() {
	local reply
	reply="$(curl -sf -m 2 -H 'Content-Type: application/json' \
		-d '{"jsonrpc":"2.0","id":1,"method":"system_health","params":[]}' \
		"http://127.0.0.1:$1" 2>/dev/null)" || return 1
	[[ "$reply" == *'"result"'* ]]
}

# wait_for_rpc PORT PID TIMEOUT: waits until the node (process PID) answers on PORT; fails with a
# message on stderr if it exits first or TIMEOUT seconds pass.
wait_for_rpc() {
	local port="$1" pid="$2" timeout="$3"
	local deadline=$((SECONDS + timeout))
	until rpc_up "$port"; do
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "the node exited before its RPC came up" >&2
			return 1
		fi
		if ((SECONDS >= deadline)); then
			echo "the node's RPC did not answer within ${timeout} s" >&2
			return 1
		fi
		sleep 1
	done
}
