#!/usr/bin/env bash
# The long runtime fuzz run (not part of the test command, which runs a bounded one): seeded
# random transactions from accounts in every role against the real runtime, every invariant
# checked after every transaction and block. Arguments go to `healthchain-fuzz` (see
# `--help`); by default 100 seeds of 10,000 transactions, the report in fuzz-report.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

bash scripts/setup.sh
step "build healthchain-fuzz (release)"
cargo build "${CARGO_PROFILE_ARGS[@]}" -p healthchain-fuzz --bin healthchain-fuzz
step_done

step "fuzz"
if [ "$#" -eq 0 ]; then
	set -- --seeds 100 --calls 10000 --report fuzz-report.md
fi
"$CARGO_TARGET_DIR/release/healthchain-fuzz" "$@"
step_done
