#!/usr/bin/env bash
# Builds (if needed) and runs healthchain-gateway alone, against any node. Every argument goes to
# the gateway; see `bash scripts/gateway.sh --help`. Without --node it uses ws://127.0.0.1:9944,
# without --data-dir ./gateway-data (SQLite and documents there).
#
#   bash scripts/gateway.sh --node ws://collator.hospital.example:9944 \
#     --database-url postgres://gateway@db.hospital.example/gateway --listen 0.0.0.0:8088
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ ! -x "$HEALTHCHAIN_GATEWAY" ]; then
	(cd "$REPO_ROOT" && bash scripts/setup.sh && build_node)
fi
exec "$HEALTHCHAIN_GATEWAY" "$@"
