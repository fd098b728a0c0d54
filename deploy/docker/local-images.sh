#!/usr/bin/env bash
# Builds local stand-ins for the official base images, for machines that cannot reach Docker Hub or Microsoft's
# registry (air-gapped networks, this project's CI machines):
#   eventplatform-local/debian:bookworm       debootstrap --variant=minbase, from the machine's Debian mirror
#   eventplatform-local/dotnet-sdk:10.0       the machine's .NET install + its extra CA certificates (for NuGet)
#   eventplatform-local/dotnet-aspnet:10.0    the dotnet host and shared runtimes only, user app (1654), port 8080
#   eventplatform-local/postgres:15           Debian's PostgreSQL, POSTGRES_* variables and /docker-entrypoint-initdb.d
#   eventplatform-local/rabbitmq:3-management Debian's RabbitMQ with the management plugin
#   eventplatform-local/node:bookworm         the machine's Node.js and npm + its extra CA certificates (the mail catcher's base)
# Idempotent and fast when nothing changed: each image carries the hash of its recipe and is rebuilt only when that
# changes. Prints the variables that point compose and the tests at these images (eval "$(deploy/docker/local-images.sh)").
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=engine.sh
. "$HERE/engine.sh"
ensure_docker_engine

PREFIX=${LOCAL_IMAGE_PREFIX:-eventplatform-local}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\(http[^ ]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
DOTNET_DIR=${DOTNET_DIR:-$(dirname "$(readlink -f "$(command -v dotnet)")")}

recipe_hash() { cat "$@" | sha256sum | cut -c1-16; }
current_hash() { docker image inspect --format '{{ index .Config.Labels "eventplatform.recipe" }}' "$1" 2>/dev/null || true; }

base="$PREFIX/debian:bookworm"
if [ -z "$(current_hash "$base")" ]; then
  docker_log "building $base with debootstrap from $DEBIAN_MIRROR"
  root=$(mktemp -d)
  as_root debootstrap --variant=minbase bookworm "$root" "$DEBIAN_MIRROR" >/dev/null
  as_root tar -C "$root" -c . | docker import --change 'LABEL eventplatform.recipe=debootstrap-bookworm' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'CMD ["bash"]' - "$base" >/dev/null
  as_root rm -rf "$root"
fi

# build NAME DOCKERFILE [context files...]: a context of the recipe and what it copies; skipped when the hash matches.
build() {
  local name=$1 dockerfile=$2 hash=$3 context=$4
  if [ "$(current_hash "$name")" = "$hash" ]; then
    return 0
  fi
  docker_log "building $name"
  docker build -q --label "eventplatform.recipe=$hash" --build-arg "BASE_IMAGE=$base" -f "$context/$dockerfile" -t "$name" "$context" >/dev/null
}

context=$(mktemp -d)
trap 'as_root rm -rf "$context"' EXIT
mkdir -p "$context/certs"
cp "$HERE"/local/* "$context/"
cp /usr/local/share/ca-certificates/*.crt "$context/certs/" 2>/dev/null || true
dotnet_version=$(ls "$DOTNET_DIR/shared/Microsoft.AspNetCore.App" | sort -V | tail -n 1)
certs_hash=$(cat "$context"/certs/* 2>/dev/null | sha256sum | cut -c1-16)

# The SDK image gets the whole install; the runtime image the host and shared runtimes only.
sdk_hash=$(recipe_hash "$HERE/local/sdk.Dockerfile")-$(ls "$DOTNET_DIR/sdk" | sort -V | tail -n 1)-$certs_hash
if [ "$(current_hash "$PREFIX/dotnet-sdk:10.0")" != "$sdk_hash" ]; then
  cp -a "$DOTNET_DIR" "$context/dotnet"
  build "$PREFIX/dotnet-sdk:10.0" sdk.Dockerfile "$sdk_hash" "$context"
  rm -rf "$context/dotnet"
fi
aspnet_hash=$(recipe_hash "$HERE/local/aspnet.Dockerfile")-$dotnet_version-$certs_hash
if [ "$(current_hash "$PREFIX/dotnet-aspnet:10.0")" != "$aspnet_hash" ]; then
  mkdir -p "$context/dotnet"
  cp -a "$DOTNET_DIR/dotnet" "$DOTNET_DIR/host" "$DOTNET_DIR/shared" "$context/dotnet/"
  build "$PREFIX/dotnet-aspnet:10.0" aspnet.Dockerfile "$aspnet_hash" "$context"
  rm -rf "$context/dotnet"
fi
build "$PREFIX/postgres:15" postgres.Dockerfile "$(recipe_hash "$HERE/local/postgres.Dockerfile" "$HERE/local/postgres-entrypoint.sh")" "$context"
build "$PREFIX/rabbitmq:3-management" rabbitmq.Dockerfile "$(recipe_hash "$HERE/local/rabbitmq.Dockerfile")" "$context"
if command -v node >/dev/null 2>&1; then
  node_hash=$(recipe_hash "$HERE/local/node.Dockerfile")-$(node --version)-$certs_hash
  if [ "$(current_hash "$PREFIX/node:bookworm")" != "$node_hash" ]; then
    mkdir -p "$context/node"
    cp "$(readlink -f "$(command -v node)")" "$context/node/node"
    cp -a "$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")" "$context/node/npm"
    build "$PREFIX/node:bookworm" node.Dockerfile "$node_hash" "$context"
    rm -rf "$context/node"
  fi
fi

docker image ls --format '  {{.Repository}}:{{.Tag}}  {{.Size}}' --filter "reference=$PREFIX/*" >&2
cat <<VARS
export DOTNET_SDK_IMAGE=$PREFIX/dotnet-sdk:10.0
export DOTNET_RUNTIME_IMAGE=$PREFIX/dotnet-aspnet:10.0
export POSTGRES_IMAGE=$PREFIX/postgres:15
export RABBITMQ_IMAGE=$PREFIX/rabbitmq:3-management
export NODE_IMAGE=$PREFIX/node:bookworm
VARS
