#!/usr/bin/env bash
# Faults injected into the compose project under a steady load of registrations through the gateway, and what the
# platform kept. Brings the project up with deploy/compose-check.sh (left running, rate limits off for this load from
# one address), then for each fault: 15 new attendees register one after another while the fault happens; afterwards
# every registration that got a 2xx must be in Matchmaking's pool (delivered through both outboxes), none twice, every
# outbox drained, the error queues empty, and the gateway healthy again without anyone restarting anything by hand.
# Prints a table: accepted, refused, seconds to recover, lost, duplicated. Takes everything down at the end.
#   deploy/compose-faults.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. deploy/docker/engine.sh
log() { printf '[faults] %s\n' "$*" >&2; }
export COMPOSE_PROJECT_NAME=eventplatform-check RATE_LIMITS_ENABLED=false
export GATEWAY_PORT=${GATEWAY_PORT:-18080} RABBITMQ_UI_PORT=${RABBITMQ_UI_PORT:-18672}
G="http://127.0.0.1:$GATEWAY_PORT"
KEEP=1 deploy/compose-check.sh
trap 'compose down -v --remove-orphans >/dev/null 2>&1 || true' EXIT

json_field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" | head -n 1; }
# Container ids once (docker-compose 1.29 takes a second to start; docker exec does not).
declare -A CONTAINERS
for service in postgres rabbitmq events talks attendees matchmaking web gateway; do
  CONTAINERS[$service]=$(compose ps -q "$service")
done
container() { echo "${CONTAINERS[$1]}"; }
sql() { docker exec "$(container postgres)" psql -U eventplatform -d "$1" -Atc "$2"; }

event=$(curl -fs "$G/api/events?status=published&pageSize=50" | grep -o '"id":"[0-9a-f-]*","title":"[^"]*(demo)"' | sed 's/"id":"\([^"]*\)".*/\1/' | head -n 1)
[ -n "$event" ] || { log "no demo event"; exit 1; }

# People who will register during a fault: signed up and with networking on beforehand.
people() {
  local n=$1 i token
  for i in $(seq 1 "$n"); do
    token=$(curl -fs -X POST "$G/api/auth/signup" -H 'content-type: application/json' \
      -d "{\"email\":\"fault.$(date +%s%N).$i@example.org\",\"password\":\"a-fault-injection-password\",\"displayName\":\"Fault $i\"}" | json_field token)
    curl -fs -X PUT "$G/api/attendees/me" -H "authorization: Bearer $token" -H 'content-type: application/json' \
      -d '{"displayName":"Fault","interests":["mlops"],"intents":["learning"],"timeZone":"UTC","directoryVisible":false,"networkingOptIn":true}' >/dev/null
    echo "$token"
  done
}

# Registers each person in turn, a little apart, writing one status code per line (000: no answer).
load() {
  local tokens=$1 out=$2 token
  while read -r token; do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 10 -X POST "$G/api/registrations" -H "authorization: Bearer $token" \
      -H 'content-type: application/json' -d "{\"eventId\":\"$event\"}" >>"$out" || true  # curl writes 000 itself when nothing answered
    sleep 1.5
  done <"$tokens"
}

confirmed_in_pool() { sql eventplatform_matchmaking "SELECT count(*) FROM pool_members WHERE event_id = '$event' AND confirmed"; }
confirmed_seats() { sql eventplatform_attendees "SELECT count(*) FROM registrations WHERE event_id = '$event' AND status = 'Confirmed'"; }
duplicates() { sql eventplatform_attendees "SELECT count(*) FROM (SELECT attendee_id FROM registrations WHERE event_id = '$event' AND status = 'Confirmed' GROUP BY attendee_id HAVING count(*) > 1) d"; }
unsent() {
  local total=0 db
  for db in events talks attendees matchmaking web; do
    total=$((total + $(sql "eventplatform_$db" "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND failed_at IS NULL")))
  done
  echo "$total"
}
error_messages() { docker exec "$(container rabbitmq)" rabbitmqctl list_queues -q name messages | awk '$1 ~ /_error$/ {s += $2} END {print s + 0}'; }

PROBLEMS=0
printf '\n%-34s %9s %8s %11s %5s %11s\n' "fault" "accepted" "refused" "recover (s)" "lost" "duplicated"
run_fault() {
  local name=$1 inject=$2 heal=$3
  local tokens out before_seats accepted refused healed recovered lost dup
  tokens=$(mktemp); out=$(mktemp)
  people 15 >"$tokens"
  before_seats=$(confirmed_seats)
  load "$tokens" "$out" &
  local loader=$!
  sleep 3
  eval "$inject"
  eval "$heal"
  healed=$(date +%s%N)
  for _ in $(seq 1 600); do curl -fs "$G/health" >/dev/null 2>&1 && break; sleep 0.2; done  # at most 2 minutes
  recovered=$(( ($(date +%s%N) - healed) / 1000000 ))
  wait "$loader"
  accepted=$(grep -c '^20[01]$' "$out" || true); refused=$(( $(wc -l <"$out") - accepted ))
  # Settle: what was accepted reaches the pool through the outboxes and the bus.
  for _ in $(seq 1 300); do
    [ "$(confirmed_in_pool)" = "$(confirmed_seats)" ] && [ "$(unsent)" = 0 ] && break
    sleep 0.2
  done
  # Lost: a 2xx whose seat was not stored, or a stored seat that never reached the pool. (A request that timed out
  # may still have been stored; that is not a loss.)
  local stored=$(( $(confirmed_seats) - before_seats ))
  lost=$(( (accepted > stored ? accepted - stored : 0) + $(confirmed_seats) - $(confirmed_in_pool) ))
  dup=$(duplicates)
  printf '%-34s %9s %8s %11s %5s %11s\n' "$name" "$accepted" "$refused" "$(awk "BEGIN {printf \"%.1f\", $recovered / 1000}")" "$lost" "$dup"
  if [ "$lost" != 0 ] || [ "$dup" != 0 ] || ! curl -fs "$G/health" >/dev/null 2>&1; then
    PROBLEMS=$((PROBLEMS + 1))
  fi
  rm -f "$tokens" "$out"
}

for service in events talks attendees matchmaking web gateway; do
  run_fault "kill -9 $service, start again" "docker kill -s KILL $(container $service) >/dev/null" "docker start $(container $service) >/dev/null"
done
run_fault "restart postgres" "docker restart $(container postgres) >/dev/null" "true"
run_fault "pause postgres 20 s" "docker pause $(container postgres) >/dev/null; sleep 20" "docker unpause $(container postgres) >/dev/null"
run_fault "restart rabbitmq" "docker restart $(container rabbitmq) >/dev/null" "true"
network=$(docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}' "$(container attendees)")
run_fault "attendees off the network 30 s" "docker network disconnect $network $(container attendees); sleep 30" \
  "docker network connect --alias attendees $network $(container attendees)"

errors=$(error_messages); pending=$(unsent)
printf '\nerror-queue messages: %s; unsent outbox rows: %s\n' "$errors" "$pending"
if [ "$PROBLEMS" -gt 0 ] || [ "$errors" != 0 ] || [ "$pending" != 0 ]; then
  log "FAILED: $PROBLEMS fault(s) lost or duplicated something or left the platform unhealthy"
  exit 1
fi
