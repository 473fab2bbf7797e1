#!/usr/bin/env bash
# Installs what building and testing HealthChain needs, and does nothing where it is present:
# Debian's clang, libclang-dev, protobuf-compiler and jq; PostgreSQL and the sqlite3 and psql clients
# (the gateway's tests run on both databases); moto's S3 server from PyPI (and on an S3 bucket as
# well as a directory); the wasm32v1-none Rust target and rust-src; the e2e
# suite's and the web app's npm packages from their lock files; Debian's chromium for the
# browser tests.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
dpkg -s libclang-dev >/dev/null 2>&1 || missing+=(libclang-dev)
command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v jq >/dev/null 2>&1 || missing+=(jq)
# The web app's browser tests drive Debian's chromium through playwright-core (no download).
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
if ((${#missing[@]})); then
	echo "setup: installing ${missing[*]}"
	sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The S3-compatible server the gateway's store is tested against (pinned; PyPI is reachable).
if ! python3 -c 'import moto.server, flask_cors' >/dev/null 2>&1 || ! command -v moto_server >/dev/null 2>&1; then
	command -v python3 >/dev/null 2>&1 || { echo "setup: Python 3 is required (for moto's S3 server)" >&2; exit 1; }
	echo "setup: installing moto[server] 5.2.1"
	python3 -m pip install --quiet --disable-pip-version-check 'moto[server]==5.2.1'
	command -v pyenv >/dev/null 2>&1 && pyenv rehash
fi

command -v rustup >/dev/null 2>&1 || { echo "setup: rustup is required (https://rustup.rs)" >&2; exit 1; }
rustup target list --installed | grep -qx wasm32v1-none || rustup target add wasm32v1-none
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src

command -v node >/dev/null 2>&1 || { echo "setup: Node.js 20 or newer is required" >&2; exit 1; }
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || { echo "setup: Node.js 20 or newer is required (found $(node -v))" >&2; exit 1; }
# npm ci only when the lock file changed since the last install: the e2e suite's packages and
# the web app's (which the suite's client encryption shares).
for project in e2e app; do
	if ! cmp -s "$project/package-lock.json" "$project/node_modules/.healthchain-lock" 2>/dev/null; then
		(cd "$project" && npm ci --no-audit --no-fund --loglevel=error)
		cp "$project/package-lock.json" "$project/node_modules/.healthchain-lock"
	fi
done
echo "setup: prerequisites present"
