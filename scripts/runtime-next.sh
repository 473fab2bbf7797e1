#!/usr/bin/env bash
# Writes runtime/next/Cargo.toml from runtime/Cargo.toml, or with --check fails when it is out
# of date (scripts/test.sh checks).
#
# `healthchain-runtime-next` is the same runtime source with `spec_version` one higher (the
# `next-spec-version` feature): the WASM a runtime-upgrade test upgrades the dev chain to. A
# second package, because the WASM builder names its build directory after the package; one
# package with two versions would overwrite its own WASM.
set -euo pipefail
cd "$(dirname "$0")/.."

generate() {
	python3 - runtime/Cargo.toml <<'PY'
import re, sys
text = open(sys.argv[1]).read()
# Paths are one level deeper (runtime/next); done first, before the lines below add their own.
text = re.sub(r'path = "\.\./', 'path = "../../', text)
text = text.replace('name = "healthchain-runtime"', 'name = "healthchain-runtime-next"', 1)
text = text.replace(
    'description = "The HealthChain parachain runtime."',
    'description = "The HealthChain runtime with its next spec_version: what upgrade tests upgrade to."\n'
    '# The same source as ../Cargo.toml\'s package (lib and build script); written by\n'
    '# scripts/runtime-next.sh from ../Cargo.toml: edit that one and run the script.\n'
    'build = "../build.rs"',
    1,
)
text = text.replace('[package.metadata.docs.rs]\ntargets = ["x86_64-unknown-linux-gnu"]\n',
                    '[lib]\npath = "../src/lib.rs"\n# Its tests are the runtime\'s own; they run there.\ntest = false\ndoctest = false\n')
text = text.replace(
    'default = ["std"]',
    '# Without runtime-benchmarks, as a release runtime is built: with them the runtime is 5.9 MB\n'
    '# compressed, more than a block may carry (5 MiB), so no chain could be upgraded to it.\n'
    'default = ["std", "next-spec-version"]',
    1,
)
sys.stdout.write(text)
PY
}

if [[ "${1:-}" == --check ]]; then
	diff -u runtime/next/Cargo.toml <(generate) >/dev/null ||
		{ echo "runtime-next: runtime/next/Cargo.toml is out of date; run scripts/runtime-next.sh" >&2; exit 1; }
	exit 0
fi
mkdir -p runtime/next
generate >runtime/next/Cargo.toml
echo "runtime-next: wrote runtime/next/Cargo.toml"
