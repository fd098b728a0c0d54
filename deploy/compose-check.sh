#!/usr/bin/env bash
# docker compose, for real: starts the Docker engine when it is not running, builds the images (the official base
# images when the registry answers, else the local stand-ins from deploy/docker/local-images.sh), brings the whole
# compose project up, waits until every container is healthy, drives a flow through the gateway on localhost, and
# takes it all down again (volumes included). .ci/run calls it after the tests.
#   deploy/compose-check.sh            everything, then down -v
#   KEEP=1 deploy/compose-check.sh     leave the project running (docker-compose -p eventplatform-check down -v)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. deploy/docker/engine.sh
log() { printf '[compose] %s\n' "$*" >&2; }
started=$(date +%s)
ensure_docker_engine

use_reachable_images

export COMPOSE_PROJECT_NAME=eventplatform-check
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)); }
export GATEWAY_PORT=${GATEWAY_PORT:-$(free_port)} RABBITMQ_UI_PORT=${RABBITMQ_UI_PORT:-$(free_port)} MAIL_UI_PORT=${MAIL_UI_PORT:-$(free_port)}
G="http://127.0.0.1:$GATEWAY_PORT"
cleanup() {
  if [ "${KEEP:-}" != 1 ]; then
    compose down -v --remove-orphans >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
compose down -v --remove-orphans >/dev/null 2>&1 || true

build_started=$(date +%s)
log "building the images"
# With the demo profile, or the demo would run from an image built before the last change.
compose --profile demo build >/dev/null
log "built in $(( $(date +%s) - build_started )) s:"
docker image ls --format '  {{.Repository}}:{{.Tag}}  {{.Size}}' --filter 'reference=eventplatform/*' >&2

up_started=$(date +%s)
compose up -d >/dev/null
log "waiting for every container to be healthy"
for _ in $(seq 1 240); do
  unhealthy=$(compose ps -q | xargs docker inspect --format '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' \
    | grep -v -E ' (healthy|exited)$' || true)
  [ -z "$unhealthy" ] && curl -fs "$G/health" >/dev/null 2>&1 && break
  sleep 1
done
if [ -n "$unhealthy" ]; then
  log "not healthy after 4 minutes: $unhealthy"
  compose ps >&2
  compose logs --tail 30 >&2
  exit 1
fi
log "healthy $(( $(date +%s) - up_started )) s after up"

json_field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p"; }
fail() { log "FAILED: $*"; compose logs --tail 40 >&2; exit 1; }

# The demo, in its container on the compose network: organizer, an event with a programme, thirty people, a round.
demo=$(compose --profile demo run --rm demo 2>&1) || fail "the demo: $demo"
event=$(printf '%s\n' "$demo" | sed -n 's#.*/events/\([0-9a-f-]\{36\}\).*#\1#p' | head -n 1)
[ -n "$event" ] || fail "the demo printed no event: $demo"
log "demo event $event"

# A newcomer through the gateway: sign up and open the link mailed for it, profile with networking on, register; the
# pool follows by messages.
. deploy/signup.sh
M="http://127.0.0.1:$MAIL_UI_PORT"
email="compose.$(date +%s).$RANDOM@example.org"
token=$(signup_confirmed "$G" "$M" "$email" a-compose-check-password "Compose Check" | json_field token)
[ -n "$token" ] || fail "sign-up (the link mailed to $email, read from the mail catcher)"
curl -fs -X PUT "$G/api/attendees/me" -H "authorization: Bearer $token" -H 'content-type: application/json' \
  -d '{"displayName":"Compose Check","interests":["mlops","model-serving"],"intents":["learning"],"timeZone":"UTC","directoryVisible":true,"networkingOptIn":true}' >/dev/null \
  || fail "profile"
status=$(curl -fs -X POST "$G/api/registrations" -H "authorization: Bearer $token" -H 'content-type: application/json' \
  -d "{\"eventId\":\"$event\"}" | json_field status)
[ "$status" = confirmed ] || fail "registration answered status '$status'"
pool=""
for _ in $(seq 1 100); do
  pool=$(curl -fs "$G/api/networking/events/$event" -H "authorization: Bearer $token" | json_field poolSize)
  [ "$pool" = 30 ] && break
  sleep 0.1
done
[ "$pool" = 30 ] || fail "the networking pool has '$pool' people, not 30"
log "registered; the networking pool has $pool people"

# The confirmation email, with its calendar invite, in the mail catcher (after the sign-up link); the same news in the
# person's feed.
mail=""
registered="You're registered for .*Production ML Day.*text/calendar"
for _ in $(seq 1 150); do
  mail=$(curl -fs "$M/email" | python3 -c 'import json,sys; print(" | ".join(m["subject"] + " [" + ",".join(a["contentType"] for a in m.get("attachments") or []) + "]" for m in json.load(sys.stdin) if any(t["address"] == sys.argv[1] for t in m["to"])))' "$email")
  grep -q "$registered" <<<"$mail" && break
  sleep 0.2
done
grep -q "$registered" <<<"$mail" || fail "no confirmation email with an invite for $email (mail: '$mail')"
unread=$(curl -fs "$G/api/notifications" -H "authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["unread"])')
[ "$unread" = 1 ] || fail "the feed has '$unread' unread notifications, not 1"
log "the confirmation email arrived with its invite ($M), and the feed shows it"

# The web app, through the gateway: the home page lists the demo event; its page renders.
home=$(curl -fs "$G/") || fail "the home page"
grep -q 'Production ML Day' <<<"$home" || fail "the home page does not list the demo event"
page=$(curl -fs "$G/events/$event") || fail "the event page"
grep -q 'Networking break' <<<"$page" || fail "the event page does not show its agenda"
log "the web app serves the home and event pages"

# Nothing left behind in RabbitMQ's error queues.
errors=$(compose exec -T rabbitmq rabbitmqctl list_queues -q name messages 2>/dev/null | awk '$1 ~ /_error$/ && $2 > 0' || true)
[ -z "$errors" ] || fail "messages in error queues: $errors"

log "passed in $(( $(date +%s) - started )) s (images, up, flow)"
