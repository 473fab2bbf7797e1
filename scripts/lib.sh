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

# build_node [-p PACKAGE ...]: the node and the gateway, and any packages named, in one command.
build_node() {
	# The gateway is built in the same command: features unify across both, and `cargo test
	# --workspace` then reuses the same build of every shared crate. The test command adds
	# `-p healthchain-runtime-next` (the runtime one spec_version on): its WASM is built without
	# runtime-benchmarks, as a release runtime is (its dependencies' WASM builds are a second
	# set, built once); natively that package is empty, so it changes no feature here.
	cargo build "${CARGO_PROFILE_ARGS[@]}" -p healthchain-node -p healthchain-gateway "$@"
}
