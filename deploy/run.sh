#!/usr/bin/env bash
# Runs the whole platform on this machine without Docker: PostgreSQL and RabbitMQ from the OS packages,
# the four services, the web app and the YARP gateway as processes on 127.0.0.1.
#   deploy/run.sh          start everything, wait until healthy, stay in the foreground (Ctrl-C stops)
#   deploy/run.sh start    the same, but return once healthy (processes keep running)
#   deploy/run.sh stop     stop the six processes
#   deploy/run.sh status   show the gateway's /health
#   deploy/run.sh demo     fill the running platform with a demo event, thirty attendees and a networking round
#                          (through the public API; passwords printed and kept in .run/demo-credentials.json)
#   deploy/run.sh organizer   the organizer's email and password (the account is made on first use, password at random)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN_DIR="$ROOT/.run"
LOG_DIR="$RUN_DIR/logs"
PUBLISH_DIR="$RUN_DIR/publish"
# The token key pair of this install: made on first start, kept across restarts, readable by this user only.
KEY_DIR=${KEY_DIR:-"$RUN_DIR/keys"}
CONFIGURATION=${CONFIGURATION:-Release}
GATEWAY_URL=${GATEWAY_URL:-http://127.0.0.1:8080}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# name  project-dir  assembly  port
PROCESSES=(
  "events services/Events EventPlatform.Events 5101"
  "talks services/Talks EventPlatform.Talks 5102"
  "attendees services/Attendees EventPlatform.Attendees 5103"
  "matchmaking services/Matchmaking EventPlatform.Matchmaking 5104"
  "web services/Web EventPlatform.Web 5105"
  "notifications services/Notifications EventPlatform.Notifications 5106"
  "gateway gateway EventPlatform.Gateway 8080"
)

log() { printf '[run] %s\n' "$*" >&2; }

stop_processes() {
  [ -d "$RUN_DIR" ] || return 0
  for pidfile in "$RUN_DIR"/*.pid; do
    [ -e "$pidfile" ] || continue
    local pid; pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for pidfile in "$RUN_DIR"/*.pid; do
    [ -e "$pidfile" ] || continue
    local pid; pid=$(cat "$pidfile")
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
  log "stopped the services and the gateway (PostgreSQL and RabbitMQ keep running; deploy/infra.sh stop stops them)"
}

start_processes() {
  "$ROOT/deploy/infra.sh" up
  stop_processes 2>/dev/null
  # ReadyToRun (set in Directory.Build.props; Matchmaking opts out): precompiled code makes the first requests fast.
  for entry in "${PROCESSES[@]}"; do
    read -r name dir assembly port <<<"$entry"
    log "publishing $name ($CONFIGURATION)"
    dotnet publish "$ROOT/$dir/$assembly.csproj" -c "$CONFIGURATION" -r linux-x64 --self-contained false \
      -o "$PUBLISH_DIR/$name" -nologo -v q -clp:ErrorsOnly >/dev/null
  done
  mkdir -p "$LOG_DIR"
  (umask 077 && dotnet "$PUBLISH_DIR/attendees/EventPlatform.Attendees.dll" generate-keys "$KEY_DIR" >&2)
  local started; started=$(date +%s%N)
  for entry in "${PROCESSES[@]}"; do
    read -r name dir assembly port <<<"$entry"
    local dll="$PUBLISH_DIR/$name/$assembly.dll"
    (
      cd "$PUBLISH_DIR/$name"
      if [ "$name" = attendees ]; then export Auth__SigningKeyFile="$KEY_DIR/signing-key.pem"; fi
      Urls="http://127.0.0.1:$port" \
      Auth__PublicKeyFile="$KEY_DIR/signing-key.pub.pem" \
      Auth__OrganizerEmails__0="${ORGANIZER_EMAIL:-organizer@eventplatform.local}" \
      Gateway__Url="$GATEWAY_URL" \
      exec dotnet "$dll" >"$LOG_DIR/$name.log" 2>&1
    ) &
    echo $! >"$RUN_DIR/$name.pid"
  done
  log "waiting for $GATEWAY_URL/health"
  for _ in $(seq 1 240); do
    if curl -fsS "$GATEWAY_URL/health" >/dev/null 2>&1; then
      local ready; ready=$(date +%s%N)
      log "platform healthy in $(( (ready - started) / 1000000 )) ms after the processes started"
      cat <<MSG

  Web app      $GATEWAY_URL/           (open it in a browser)
  API          $GATEWAY_URL/api/docs/  (reference; health: $GATEWAY_URL/health)
  Swagger UI   http://127.0.0.1:5101/swagger (events), :5102 (talks), :5103 (attendees), :5104 (matchmaking)
  RabbitMQ UI  http://127.0.0.1:15672    (guest / guest)
  Mail         http://127.0.0.1:1080     (the mail catcher: every email the platform sends lands here)
  PostgreSQL   psql postgresql://eventplatform:eventplatform@127.0.0.1:5432/eventplatform_events
  Logs         $LOG_DIR/<service>.log
  Organizer    $0 organizer   (prints the organizer's sign-in; the account is made on first use)
  Demo data    $0 demo   (an upcoming event, thirty attendees, a networking round)

MSG
      return 0
    fi
    for pidfile in "$RUN_DIR"/*.pid; do
      if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        log "$(basename "$pidfile" .pid) exited; last lines of its log:"
        tail -n 20 "$LOG_DIR/$(basename "$pidfile" .pid).log" >&2 || true
        stop_processes
        return 1
      fi
    done
    sleep 0.5
  done
  log "the platform did not become healthy within 120 s; see $LOG_DIR"
  curl -sS "$GATEWAY_URL/health" >&2 || true
  stop_processes
  return 1
}

case "${1:-foreground}" in
  foreground)
    trap 'stop_processes; exit 0' INT TERM
    start_processes
    log "running; press Ctrl-C to stop"
    wait
    ;;
  start) start_processes ;;
  stop) stop_processes ;;
  status) curl -sS "$GATEWAY_URL/health/details"; echo ;;
  demo|organizer)
    # Accounts are made at Attendees directly (the gateway limits sign-ups per address); everything else goes through the gateway.
    # The link that confirms each account's address is read from the mail catcher.
    dotnet run --project "$ROOT/deploy/demo" -c "$CONFIGURATION" -- --gateway "$GATEWAY_URL" --attendees http://127.0.0.1:5103 \
      --mail "http://127.0.0.1:${MAIL_UI_PORT:-1080}/" \
      --credentials "$RUN_DIR/demo-credentials.json" --organizer-email "${ORGANIZER_EMAIL:-organizer@eventplatform.local}" \
      $([ "$1" = organizer ] && echo --organizer-only)
    ;;
  *) echo "usage: $0 [start|stop|status|demo|organizer]" >&2; exit 2 ;;
esac
