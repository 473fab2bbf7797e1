#!/usr/bin/env bash
# Writes the manifests of the runtime's two WASM-only packages from runtime/Cargo.toml, or with
# --check fails when either is out of date (scripts/test.sh checks):
#
#   runtime/release/Cargo.toml  healthchain-runtime-release: the runtime as a network runs it
#                               (no benchmarking, metadata hash for wallets): what relay-artifacts.sh
#                               and production-spec.sh register and the relay network runs.
#   runtime/next/Cargo.toml     healthchain-runtime-next: the same with spec_version one higher
#                               (`next-spec-version`): what upgrade tests upgrade to.
#
# Both build the runtime's own source (lib and build script) and are empty natively
# (`wasm-only`). Separate packages, because the WASM builder names its build directory after
# the package: one package with several feature sets would overwrite its own WASM.
set -euo pipefail
cd "$(dirname "$0")/.."

# generate NAME FEATURES DESCRIPTION
generate() {
	python3 - runtime/Cargo.toml "$@" <<'PY'
import sys
src, name, features, description = sys.argv[1:5]
text = open(src).read()
# Paths are one level deeper (runtime/<dir>); done first, before the lines below add their own.
text = text.replace('path = "../', 'path = "../../')
text = text.replace('name = "healthchain-runtime"', f'name = "{name}"', 1)
text = text.replace(
    'description = "The HealthChain parachain runtime."',
    f'description = "{description}"\n'
    '# The same source as ../Cargo.toml\'s package (lib and build script); written by\n'
    '# scripts/runtime-packages.sh from ../Cargo.toml: edit that one and run the script.\n'
    'build = "../build.rs"',
    1,
)
text = text.replace('[package.metadata.docs.rs]\ntargets = ["x86_64-unknown-linux-gnu"]\n',
                    '[lib]\npath = "../src/lib.rs"\n# Its tests are the runtime\'s own; they run there.\ntest = false\ndoctest = false\n')
text = text.replace(
    'default = ["std"]',
    '# Without runtime-benchmarks, as a release runtime is built: with them the runtime is 5.9 MB\n'
    '# compressed, more than a block may carry (5 MiB) or a relay chain accepts (3 MiB).\n'
    f'default = {features}',
    1,
)
sys.stdout.write(text)
PY
}

release() {
	generate healthchain-runtime-release '["std", "wasm-only", "metadata-hash"]' \
		"The HealthChain runtime as a network runs it: no benchmarking, with the metadata hash."
}
next() {
	generate healthchain-runtime-next '["std", "wasm-only", "next-spec-version"]' \
		"The HealthChain runtime with its next spec_version: what upgrade tests upgrade to."
}

if [[ "${1:-}" == --check ]]; then
	for pkg in release next; do
		diff -u "runtime/$pkg/Cargo.toml" <("$pkg") >/dev/null ||
			{ echo "runtime-packages: runtime/$pkg/Cargo.toml is out of date; run scripts/runtime-packages.sh" >&2; exit 1; }
	done
	exit 0
fi
for pkg in release next; do
	mkdir -p "runtime/$pkg"
	"$pkg" >"runtime/$pkg/Cargo.toml"
	echo "runtime-packages: wrote runtime/$pkg/Cargo.toml"
done
