#!/usr/bin/env bash
# Makes sure a Docker engine answers: installs Debian's docker.io, docker-compose and debootstrap when missing and
# starts dockerd when it is not running (root, as on CI machines). Sourced by the other scripts; prints nothing when
# all is there already.
set -euo pipefail

docker_log() { printf '[docker] %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_docker_engine() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || [ -x /usr/sbin/dockerd ] || missing+=(docker.io)
  command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1 || missing+=(docker-compose)
  command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
  if [ ${#missing[@]} -gt 0 ]; then
    docker_log "installing ${missing[*]}"
    as_root apt-get update -qq >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if ! docker info >/dev/null 2>&1; then
    docker_log "starting dockerd (log: /var/log/dockerd.log)"
    as_root sh -c 'nohup /usr/sbin/dockerd >/var/log/dockerd.log 2>&1 &'
    for _ in $(seq 1 60); do
      docker info >/dev/null 2>&1 && break
      sleep 0.5
    done
    docker info >/dev/null 2>&1 || { docker_log "dockerd did not start; see /var/log/dockerd.log"; return 1; }
  fi
  # Debian's dockerd 20.10 speaks API 1.41; newer clients and Testcontainers ask for more unless told.
  export DOCKER_API_VERSION=${DOCKER_API_VERSION:-$(docker version --format '{{.Server.APIVersion}}' 2>/dev/null || echo 1.41)}
}

# docker compose (v2) when present, else Debian's docker-compose 1.29.
compose() {
  if docker compose version >/dev/null 2>&1; then docker compose "$@"; else docker-compose "$@"; fi
}

# Points compose and the tests at the official base images when they are here or can be pulled, else at the local
# stand-ins deploy/docker/local-images.sh builds (exports DOTNET_SDK_IMAGE, DOTNET_RUNTIME_IMAGE, POSTGRES_IMAGE,
# RABBITMQ_IMAGE). Sets nothing when the caller has chosen the images already.
use_reachable_images() {
  local probe=${DOTNET_SDK_IMAGE:-mcr.microsoft.com/dotnet/sdk:10.0}
  if docker image inspect "$probe" >/dev/null 2>&1 || timeout 30 docker pull -q "$probe" >/dev/null 2>&1; then
    return 0
  fi
  docker_log "the official images cannot be pulled here: using local stand-ins"
  eval "$("$(dirname "${BASH_SOURCE[0]}")/local-images.sh")"
}

# Removes the PostgreSQL and RabbitMQ containers the tests started (Testcontainers, label eventplatform.tests).
remove_test_containers() {
  local ids
  ids=$(docker ps -aq --filter label=eventplatform.tests 2>/dev/null || true)
  if [ -n "$ids" ]; then docker rm -f $ids >/dev/null 2>&1 || true; fi
}
