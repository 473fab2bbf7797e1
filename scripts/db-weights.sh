#!/usr/bin/env bash
# Measures the runtime's database weights on the database the node runs (RocksDB, the node's
# default) and writes runtime/src/weights/rocksdb_weights.rs, whose RocksDbWeight the runtime
# charges for every storage read and write.
#
# The state measured is a grown one, not genesis: scripts/load.sh first sets up a day of a
# health system on a dev chain (authorities, institutions, clinicians, patients with grants and
# records, stock, prescriptions) and floods it with every hot call kind, keeping its base path.
# `healthchain-node benchmark storage` then reads every key of a copy of that database and
# writes back batches of them (it changes what it measures, hence the copy).
#
#   bash scripts/db-weights.sh                          # grow a state with load.sh, then measure
#   bash scripts/db-weights.sh --state <base path>      # measure a stopped dev node's base path
#   bash scripts/db-weights.sh -- --senders 400         # options after -- go to scripts/load.sh
#
# Env: HEALTHCHAIN_NODE (node binary), DB_WEIGHTS_BATCH (keys per timed write batch, default
#      1000: about what one full block writes), DB_WEIGHTS_MUL (the margin on the measured
#      averages, default 1.3: it covers the spread between runs on this shared machine, where
#      Polkadot's runtimes take 1.1 on dedicated hardware), DB_WEIGHTS_OUT (default
#      runtime/src/weights/rocksdb_weights.rs).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

state=""
load_args=()
while (($#)); do
	case "$1" in
	-h | --help)
		sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	--state)
		(($# >= 2)) || { echo "db-weights: --state needs a directory" >&2; exit 2; }
		state="$2"
		shift
		;;
	--)
		shift
		load_args=("$@")
		break
		;;
	*)
		echo "db-weights: unknown option $1 (see --help)" >&2
		exit 2
		;;
	esac
	shift
done
out="${DB_WEIGHTS_OUT:-runtime/src/weights/rocksdb_weights.rs}"
batch="${DB_WEIGHTS_BATCH:-1000}"
mul="${DB_WEIGHTS_MUL:-1.3}"
[[ "$batch" =~ ^[1-9][0-9]*$ ]] || { echo "db-weights: DB_WEIGHTS_BATCH must be a positive integer" >&2; exit 2; }
[[ "$mul" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "db-weights: DB_WEIGHTS_MUL must be a positive number" >&2; exit 2; }
[[ -x "$HEALTHCHAIN_NODE" ]] || {
	echo "db-weights: node binary not found: $HEALTHCHAIN_NODE (source scripts/lib.sh && build_node)" >&2
	exit 1
}

work="$(mktemp -d "${TMPDIR:-/tmp}/healthchain-db-weights.XXXXXX")"
trap 'rm -rf "$work"' EXIT
if [[ -z "$state" ]]; then
	state="$work/grown"
	echo "db-weights: growing a dev chain's state with scripts/load.sh (base path $state)"
	bash scripts/load.sh --base-path "$state" --out "$work/load.json" "${load_args[@]}"
fi
db="$state/chains/healthchain_dev/db/full"
[[ -d "$db" ]] || { echo "db-weights: no RocksDB database of the dev chain at $db" >&2; exit 1; }

# The benchmark writes into the database it measures: measure a copy.
cp -a "$state" "$work/copy"
echo "db-weights: measuring $(du -sh "$db" | cut -f1) of RocksDB at $state"
started=$SECONDS
"$HEALTHCHAIN_NODE" benchmark storage \
	--dev \
	--base-path "$work/copy" \
	--database rocksdb \
	--state-version 1 \
	--warmups 1 \
	--batch-size "$batch" \
	--mul "$mul" \
	--template-path scripts/templates/db-weights.hbs \
	--weight-path "$out"
# The template starts with the (empty) header.
sed -i '1{/^$/d}' "$out"
echo "db-weights: wrote $out in $((SECONDS - started)) s"
