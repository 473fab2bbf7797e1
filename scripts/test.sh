#!/usr/bin/env bash
# Sets up and runs every test: formatting, clippy, the workspace's unit tests (with the runtime's
# WASM built), the node and gateway build, the relay-chain artifacts, the end-to-end suite on a
# dev node, and the node's fault and load tests (flood, crash-restart, hostile RPC input). A
# throw-away PostgreSQL and S3 server run meanwhile, so the gateway is tested on SQLite and
# PostgreSQL, a directory and an S3 bucket.
# One profile (release) and one feature set serve all of it, so the node stack builds once.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/postgres.sh"
source "$(dirname "$0")/s3.sh"
cd "$REPO_ROOT"
total_start=$SECONDS

bash scripts/setup.sh

step "cargo fmt --check; runtime/release and runtime/next manifests in step with runtime/Cargo.toml"
cargo fmt --all -- --check
bash scripts/runtime-packages.sh --check
step_done

step "build the node, the gateway, the release and next runtimes, the relay node and runtime (release)"
build_node
step_done

step "start a throw-away PostgreSQL and S3 server for the gateway's tests"
artifacts=""
trap 'stop_test_postgres; stop_test_s3; [ -z "$artifacts" ] || rm -rf "$artifacts"' EXIT
start_test_postgres
start_test_s3
step_done

step "cargo test (workspace, release)"
cargo test "${CARGO_PROFILE_ARGS[@]}" --workspace
step_done

step "cargo clippy --all-targets -D warnings"
cargo clippy "${CARGO_PROFILE_ARGS[@]}" --workspace --all-targets -- -D warnings
step_done

step "relay-chain artifacts (chain spec, genesis head and wasm); a production spec from the example operator patch"
artifacts=$(mktemp -d)
bash scripts/relay-artifacts.sh "$artifacts"
bash scripts/production-spec.sh scripts/examples/operator-patch.json "$artifacts/production"
# ...and the same patch with a sudo key must be refused.
jq '.sudo = {key: .councilMembership.members[0]}' scripts/examples/operator-patch.json >"$artifacts/sudo.json"
if bash scripts/production-spec.sh "$artifacts/sudo.json" "$artifacts/refused" 2>/dev/null; then
	echo "production-spec accepted a patch with a sudo key" >&2
	exit 1
fi
step_done

step "the web app: type check, unit tests, bundle (app/dist)"
build_app
(cd app && npm test --silent)
step_done

step "end-to-end suite against healthchain-node --dev (with the web app in chromium)"
bash e2e/run.sh
step_done

step "node faults and load: flood, kill -9 and restart, hostile RPC input"
bash scripts/node-faults.sh
step_done

echo
echo "all tests passed in $((SECONDS - total_start))s"
