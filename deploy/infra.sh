#!/usr/bin/env bash
# Installs (when missing) and starts PostgreSQL and RabbitMQ from the OS packages, then creates the
# platform's role and databases, and starts the development mail catcher (npm maildev: SMTP on 127.0.0.1:1025, its web
# UI on http://127.0.0.1:1080). Idempotent: run it as often as you like.
#   deploy/infra.sh up       install + start + create role and databases + mail catcher
#   deploy/infra.sh stop     stop the mail catcher, RabbitMQ and PostgreSQL
#   deploy/infra.sh browser  install Chromium (for the web app's browser tests and Lighthouse) when missing
set -euo pipefail

PG_ROLE=${PG_ROLE:-eventplatform}
PG_PASSWORD=${PG_PASSWORD:-eventplatform}
DATABASES=(eventplatform_events eventplatform_talks eventplatform_attendees eventplatform_matchmaking eventplatform_web eventplatform_notifications)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RUN_DIR=${RUN_DIR:-"$HERE/../.run"}
SMTP_PORT=${SMTP_PORT:-1025}
MAIL_UI_PORT=${MAIL_UI_PORT:-1080}

log() { printf '[infra] %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  log "installing $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1; }

start_postgres() {
  if [ -z "$(pg_version)" ]; then
    apt_install postgresql
  fi
  local version; version=$(pg_version)
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
    as_root pg_createcluster "$version" main >/dev/null
  fi
  # Six apps with connection pools, the tests' own platforms and the benchmarks' load share this one server: the
  # default 100 connections run out when the platform and the tests run side by side.
  local conf="/etc/postgresql/$version/main/conf.d/eventplatform.conf" setting="max_connections = 400" changed=""
  if [ "$(as_root cat "$conf" 2>/dev/null)" != "$setting" ]; then
    as_root sh -c "echo '$setting' > '$conf'"
    changed=1
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
    log "starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
  elif [ -n "$changed" ]; then
    log "restarting PostgreSQL $version ($setting)"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main restart
  fi
  for _ in $(seq 1 60); do
    as_root runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 0.5
  done
  psql_admin() { as_root runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@"; }
  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")" != "1" ]; then
    log "creating role $PG_ROLE"
    psql_admin -c "CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
  fi
  for db in "${DATABASES[@]}"; do
    if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
      log "creating database $db"
      psql_admin -c "CREATE DATABASE $db OWNER $PG_ROLE"
    fi
  done
}

start_rabbitmq() {
  if ! command -v rabbitmq-server >/dev/null 2>&1 && [ ! -x /usr/sbin/rabbitmq-server ]; then
    apt_install rabbitmq-server
  fi
  export PATH="$PATH:/usr/sbin:/usr/lib/rabbitmq/bin"
  if ! as_root rabbitmqctl -q status >/dev/null 2>&1; then
    log "starting RabbitMQ"
    # The management plugin gives the web UI on :15672 and the HTTP API the tests use to make isolated vhosts.
    as_root rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
    as_root rabbitmq-server -detached >/dev/null 2>&1 || true
  fi
  # -detached returns before the node registers with epmd; await_startup needs a node to talk to.
  for _ in $(seq 1 120); do
    as_root rabbitmqctl -q ping >/dev/null 2>&1 && break
    sleep 0.5
  done
  as_root rabbitmqctl -q await_startup --timeout 120 >/dev/null
  for _ in $(seq 1 60); do
    curl -fsS -u guest:guest http://127.0.0.1:15672/api/overview >/dev/null 2>&1 && break
    sleep 0.5
  done
}

# The mail catcher: a real SMTP server that keeps what it receives and shows it in a web UI (and over HTTP).
start_mail_catcher() {
  if curl -fsS "http://127.0.0.1:$MAIL_UI_PORT/email" >/dev/null 2>&1; then
    return 0
  fi
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  if [ ! -x "$HERE/maildev/node_modules/.bin/maildev" ]; then
    log "installing the mail catcher (npm maildev, from deploy/maildev/package-lock.json)"
    (cd "$HERE/maildev" && npm ci --no-audit --no-fund --silent)
  fi
  mkdir -p "$RUN_DIR/logs"
  (cd "$HERE/maildev" && exec node node_modules/maildev/bin/maildev --ip 127.0.0.1 --smtp "$SMTP_PORT" --web "$MAIL_UI_PORT" \
    >"$RUN_DIR/logs/maildev.log" 2>&1) &
  echo $! >"$RUN_DIR/maildev.infra-pid"
  for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$MAIL_UI_PORT/email" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  log "the mail catcher did not start; see $RUN_DIR/logs/maildev.log"
  return 1
}

stop_all() {
  if [ -f "$RUN_DIR/maildev.infra-pid" ]; then
    kill "$(cat "$RUN_DIR/maildev.infra-pid")" 2>/dev/null || true
    rm -f "$RUN_DIR/maildev.infra-pid"
  fi
  export PATH="$PATH:/usr/sbin:/usr/lib/rabbitmq/bin"
  as_root rabbitmqctl -q stop >/dev/null 2>&1 || true
  local version; version=$(pg_version)
  [ -n "$version" ] && as_root pg_ctlcluster --skip-systemctl-redirect "$version" main stop >/dev/null 2>&1 || true
  log "stopped"
}

case "${1:-up}" in
  up)
    command -v curl >/dev/null 2>&1 || apt_install curl
    start_postgres
    start_rabbitmq
    start_mail_catcher
    log "PostgreSQL on 127.0.0.1:5432 (role $PG_ROLE), RabbitMQ on 127.0.0.1:5672, management UI http://127.0.0.1:15672 (guest/guest), mail catcher SMTP 127.0.0.1:$SMTP_PORT, its UI http://127.0.0.1:$MAIL_UI_PORT"
    ;;
  stop) stop_all ;;
  browser)
    # The web app's browser tests drive Debian's Chromium (no browser is downloaded).
    command -v chromium >/dev/null 2>&1 || apt_install chromium
    log "Chromium: $(command -v chromium)"
    ;;
  *) echo "usage: $0 [up|stop|browser]" >&2; exit 2 ;;
esac
