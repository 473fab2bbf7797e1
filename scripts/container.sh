#!/usr/bin/env bash
# Builds the node and gateway images from docker/Dockerfile with this machine's build of the
# binaries (BINARIES=prebuilt), and runs them: a dev chain in the node image, the gateway image
# following it. Checks that the node serves RPC, that the gateway answers /healthz, that both
# run as the unprivileged user 10001 with their state in /data, and removes the containers.
#
#   bash scripts/container.sh            (builds with build_node first unless --no-build)
#
# The engine is podman (Debian's, installed when missing) unless CONTAINER_ENGINE=docker. The
# Dockerfile's builder stage needs the Rust image from Docker Hub; where no image registry is
# reachable (this machine), the binaries come from build_node and the base image is made with
# debootstrap from Debian's mirror (localhost/healthchain-debian:bookworm-slim).
#
# Env: CONTAINER_ENGINE (podman), RUNTIME_IMAGE (base image; default
#      docker.io/library/debian:bookworm-slim if it can be pulled, else the debootstrapped one),
#      CONTAINER_RUNTIME (podman's OCI runtime; default runc: the sandbox here refuses crun's
#      cgroup setup), CONTAINER_ULIMITS (default "nofile=20000:20000 nproc=4096:4096": the
#      engines' defaults raise limits the sandbox forbids).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

build=1
for arg in "$@"; do
	case "$arg" in
	--no-build) build=0 ;;
	-h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "container: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
	esac
done
die() { echo "container: $*" >&2; exit 1; }
log() { echo "container: $*" >&2; }

engine="${CONTAINER_ENGINE:-podman}"
if ! command -v "$engine" >/dev/null 2>&1; then
	[ "$engine" = podman ] || die "$engine is not installed"
	log "installing podman, runc and debootstrap from Debian"
	sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
		podman runc debootstrap uidmap
fi
engine_args=()
[ "$engine" != podman ] || engine_args=(--runtime "${CONTAINER_RUNTIME:-runc}")
ulimits=()
for limit in ${CONTAINER_ULIMITS:-nofile=20000:20000 nproc=4096:4096}; do ulimits+=(--ulimit "$limit"); done
ce() { "$engine" "${engine_args[@]}" "$@"; }

if ((build)); then
	bash scripts/setup.sh
	step "build (build_node)"
	build_node
	step_done
fi

# The base image: pulled if a registry answers, otherwise debootstrapped once.
base="${RUNTIME_IMAGE:-docker.io/library/debian:bookworm-slim}"
if ! ce image inspect "$base" >/dev/null 2>&1 && ! ce pull -q "$base" >/dev/null 2>&1; then
	[ -z "${RUNTIME_IMAGE:-}" ] || die "cannot pull $base"
	base=localhost/healthchain-debian:bookworm-slim
	if ! ce image inspect "$base" >/dev/null 2>&1; then
		step "base image $base from Debian's mirror (debootstrap; no image registry answers)"
		rootfs="$(mktemp -d)"
		debootstrap --variant=minbase --include=ca-certificates bookworm "$rootfs" http://deb.debian.org/debian \
			>"$rootfs.log" 2>&1 || die "debootstrap failed: $(tail -5 "$rootfs.log")"
		rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
		tar -C "$rootfs" -c . | ce import - "$base" >/dev/null
		rm -rf "$rootfs" "$rootfs.log"
		step_done
	fi
fi

step "images healthchain-node and healthchain-gateway (BINARIES=prebuilt, base $base)"
prebuilt=docker/prebuilt
rm -rf "$prebuilt"
mkdir -p "$prebuilt"
trap 'rm -rf "$REPO_ROOT/$prebuilt"' EXIT
cp "$HEALTHCHAIN_NODE" "$HEALTHCHAIN_GATEWAY" "$prebuilt/"
# The image carries the release runtime, as an image built by the builder stage does.
cp "$HEALTHCHAIN_RELEASE_RUNTIME_WASM" "$prebuilt/healthchain_runtime.compact.compressed.wasm"
common=(-f docker/Dockerfile --network host "${ulimits[@]}" --build-arg BINARIES=prebuilt
	--build-arg RUNTIME_IMAGE="$base" --build-arg GIT_COMMIT="$(git rev-parse --short=11 HEAD 2>/dev/null || true)")
ce build -q "${common[@]}" --target gateway -t healthchain-gateway . >/dev/null
ce build -q "${common[@]}" -t healthchain-node . >/dev/null
ce images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E 'healthchain-(node|gateway)' | sed 's/^/container: /'
step_done

step "run: a dev chain in the node image, the gateway image following it"
read -r rpc p2p prom http < <(free_ports 4)
node_ctr="healthchain-node-test-$$"
gateway_ctr="healthchain-gateway-test-$$"
cleanup() {
	ce rm -f "$gateway_ctr" "$node_ctr" >/dev/null 2>&1 || true
	ce volume rm -f "$node_ctr" "$gateway_ctr" >/dev/null 2>&1 || true
	rm -rf "$REPO_ROOT/$prebuilt"
}
trap cleanup EXIT
ce run -d --name "$node_ctr" --network host "${ulimits[@]}" -v "$node_ctr:/data" healthchain-node \
	--dev --base-path /data --rpc-port "$rpc" --port "$p2p" --prometheus-port "$prom" --rpc-cors all >/dev/null
ce run -d --name "$gateway_ctr" --network host "${ulimits[@]}" -v "$gateway_ctr:/data" \
	-e HEALTHCHAIN_GATEWAY_NODE="ws://127.0.0.1:$rpc" -e HEALTHCHAIN_GATEWAY_LISTEN="127.0.0.1:$http" \
	healthchain-gateway >/dev/null
started=$SECONDS
rpc_call() {
	curl -sf -H 'Content-Type: application/json' -d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$1\",\"params\":[]}" \
		"http://127.0.0.1:$rpc"
}
until rpc_call system_health >/dev/null 2>&1; do
	((SECONDS - started < 120)) || { ce logs "$node_ctr" | tail -20 >&2; die "the node's RPC did not answer in 120 s"; }
	sleep 1
done
node_ready=$((SECONDS - started))
until curl -sf "http://127.0.0.1:$http/healthz" >/dev/null 2>&1; do
	((SECONDS - started < 120)) || { ce logs "$gateway_ctr" | tail -20 >&2; die "the gateway's /healthz did not answer 200 in 120 s"; }
	sleep 1
done
gateway_ready=$((SECONDS - started))
chain="$(rpc_call system_chain | jq -r .result)"
spec="$(rpc_call state_getRuntimeVersion | jq -r .result.specName)"
for ctr in "$node_ctr" "$gateway_ctr"; do
	user="$(ce exec "$ctr" id -u)"
	[ "$user" = 10001 ] || die "$ctr runs as uid $user, not 10001"
	ce exec "$ctr" test -w /data || die "$ctr cannot write /data"
done
log "node image: chain '$chain', runtime '$spec', RPC after ${node_ready}s; gateway image: /healthz 200 after ${gateway_ready}s; both uid 10001 with /data"
step_done
