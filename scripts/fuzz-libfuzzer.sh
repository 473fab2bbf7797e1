#!/usr/bin/env bash
# The coverage-guided runtime fuzzer: libFuzzer (through cargo fuzz) over the same generator and
# invariants as the seeded one (fuzz/libfuzzer). Each input is a run of blocks of signed
# transactions from accounts in every role; libFuzzer keeps the inputs that reach new code.
#
#   bash scripts/fuzz-libfuzzer.sh              # 10 minutes
#   bash scripts/fuzz-libfuzzer.sh 3600         # an hour
#   bash scripts/fuzz-libfuzzer.sh 600 -jobs=2  # more libFuzzer options after the seconds
#
# The instrumented build (the runtime natively, with sanitizer coverage, debug assertions and
# overflow checks) lives in its own target directory, $HOME/.cache/healthchain/fuzz-target: its
# flags differ from every other build's, so sharing would rebuild both. The first build takes
# about 50 minutes here; later ones only what changed. The corpus is kept in
# fuzz/libfuzzer/corpus/runtime, a crash's input in fuzz/libfuzzer/artifacts/runtime (replay it
# with `cargo fuzz run ... runtime <file>`), and the table of calls and errors reached in
# fuzz-libfuzzer-report.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
	sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
fi
seconds="${1:-600}"
shift || true
if ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
	echo "fuzz-libfuzzer: the first argument is the run's length in seconds, not '$seconds'" >&2
	exit 2
fi

bash scripts/setup.sh
if ! cargo fuzz --version >/dev/null 2>&1; then
	step "install cargo-fuzz"
	cargo install cargo-fuzz --locked --version 0.13.2
	step_done
fi

# Stable Rust: without a sanitizer, cargo fuzz needs no nightly flags.
fuzz_args=(--sanitizer none --fuzz-dir fuzz/libfuzzer --target-dir "$HOME/.cache/healthchain/fuzz-target")
export SKIP_WASM_BUILD=1

step "build the instrumented runtime fuzz target"
cargo fuzz build "${fuzz_args[@]}" runtime
step_done

step "fuzz for ${seconds}s"
mkdir -p fuzz/libfuzzer/corpus/runtime
export HEALTHCHAIN_FUZZ_REPORT="$REPO_ROOT/fuzz-libfuzzer-report.md"
# Inputs up to 4 KiB (from the start: a useful input is a few blocks of transactions, not the
# few bytes libFuzzer begins with); a slow input is reported, not waited for.
cargo fuzz run "${fuzz_args[@]}" runtime -- -max_total_time="$seconds" -max_len=4096 -len_control=0 -timeout=60 -print_final_stats=1 "$@"
step_done
echo "calls and errors reached: $HEALTHCHAIN_FUZZ_REPORT"
