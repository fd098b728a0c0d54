#!/usr/bin/env bash
# Faults injected into the compose project under a steady load through the gateway, and what the platform kept.
# Brings the project up with deploy/compose-check.sh (left running, rate limits off for this load from one address),
# then for each fault: 15 new attendees each register and then edit their profile, one after another, while the
# organizer starts a networking round and creates and publishes an event; the fault happens meanwhile. Afterwards
# every request that got a 2xx must be reflected in every service that should know it: each registration in
# Matchmaking's pool with the attendee's last accepted profile, each round stored with its pairs, each event in the
# Attendees, Talks and Matchmaking replicas; nothing twice, every outbox drained, the error queues empty, and the
# gateway healthy again without anyone restarting anything by hand.
# Prints a table: accepted, refused, seconds to recover, lost, duplicated. Takes everything down at the end.
#   deploy/compose-faults.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. deploy/docker/engine.sh
log() { printf '[faults] %s\n' "$*" >&2; }
export COMPOSE_PROJECT_NAME=eventplatform-check RATE_LIMITS_ENABLED=false
export GATEWAY_PORT=${GATEWAY_PORT:-18080} RABBITMQ_UI_PORT=${RABBITMQ_UI_PORT:-18672} MAIL_UI_PORT=${MAIL_UI_PORT:-18108}
G="http://127.0.0.1:$GATEWAY_PORT"
M="http://127.0.0.1:$MAIL_UI_PORT"
. deploy/signup.sh
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

# The organizer the demo made (its sign-in is in the demo's volume).
credentials=$(docker run --rm --entrypoint cat -v "${COMPOSE_PROJECT_NAME}_demo-credentials:/demo" eventplatform/demo:local /demo/credentials.json)
organizer_email=$(json_field organizerEmail <<<"$credentials")
organizer_password=$(json_field organizerPassword <<<"$credentials")
organizer=$(curl -fs -X POST "$G/api/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$organizer_email\",\"password\":\"$organizer_password\"}" | json_field token)
[ -n "$organizer" ] || { log "the organizer cannot sign in"; exit 1; }

event=$(curl -fs "$G/api/events?status=published&pageSize=50" | grep -o '"id":"[0-9a-f-]*","title":"[^"]*(demo)"' | sed 's/"id":"\([^"]*\)".*/\1/' | head -n 1)
[ -n "$event" ] || { log "no demo event"; exit 1; }

# People who will register during a fault: signed up and with networking on beforehand; "token id" per line.
people() {
  local n=$1 i body
  for i in $(seq 1 "$n"); do
    body=$(signup_confirmed "$G" "$M" "fault.$(date +%s%N).$i@example.org" a-fault-injection-password "Fault $i")
    curl -fs -X PUT "$G/api/attendees/me" -H "authorization: Bearer $(json_field token <<<"$body")" -H 'content-type: application/json' \
      -d '{"displayName":"Fault","interests":["mlops"],"intents":["learning"],"timeZone":"UTC","directoryVisible":false,"networkingOptIn":true}' >/dev/null
    echo "$(json_field token <<<"$body") $(json_field attendeeId <<<"$body")"
  done
}

# What the load does, one line per request: "register CODE", "profile CODE ID NAME", "round CODE ROUND_ID",
# "event CODE EVENT_ID" (code 000: no answer). Each person registers and then renames themself, a little apart;
# after the fifth the organizer starts a round, after the tenth creates and publishes an event.
load() {
  local tokens=$1 out=$2 tag=$3 token id n=0 code body name start
  while read -r token id; do
    n=$((n + 1))
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "$G/api/registrations" -H "authorization: Bearer $token" \
      -H 'content-type: application/json' -d "{\"eventId\":\"$event\"}" || true)  # curl writes 000 itself when nothing answered
    echo "register $code" >>"$out"
    name="Fault $n $tag"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X PUT "$G/api/attendees/me" -H "authorization: Bearer $token" \
      -H 'content-type: application/json' \
      -d "{\"displayName\":\"$name\",\"interests\":[\"mlops\",\"llmops\"],\"intents\":[\"learning\"],\"timeZone\":\"UTC\",\"directoryVisible\":false,\"networkingOptIn\":true}" || true)
    echo "profile $code $id $name" >>"$out"
    if [ "$n" = 5 ]; then
      start=$(date -u -d '+2 hours' +%Y-%m-%dT%H:%M:%SZ)
      body=$(curl -s -w '\n%{http_code}' --max-time 20 -X POST "$G/api/networking/events/$event/rounds" -H "authorization: Bearer $organizer" \
        -H 'content-type: application/json' -d "{\"startsAt\":\"$start\",\"durationMinutes\":15}" || true)
      echo "round $(tail -n 1 <<<"$body") $(head -n 1 <<<"$body" | json_field id)" >>"$out"
    fi
    if [ "$n" = 10 ]; then
      start=$(date -u -d '+40 days' +%Y-%m-%dT15:00:00Z)
      body=$(curl -s --max-time 10 -X POST "$G/api/events" -H "authorization: Bearer $organizer" -H 'content-type: application/json' \
        -d "{\"title\":\"Fault meetup $tag\",\"description\":\"Created while a fault was injected.\",\"kind\":\"meetup\",\"startsAt\":\"$start\",\"endsAt\":\"$(date -u -d '+40 days' +%Y-%m-%dT17:00:00Z)\",\"timeZone\":\"UTC\",\"capacity\":100,\"topics\":[\"mlops\"],\"joinUrl\":\"https://meet.example.org/fault\"}" || true)
      id=$(json_field id <<<"$body")
      code=000
      [ -n "$id" ] && code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "$G/api/events/$id/publish" -H "authorization: Bearer $organizer" || true)
      echo "event $code $id" >>"$out"
    fi
    sleep 1
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

# What the load's accepted requests left behind that never reached a service that should know it.
profiles_missing() {  # accepted renames of people in the pool that the pool does not show
  local missing=0 code id name
  while read -r _ code id name; do
    [[ $code == 20? ]] || continue
    [ "$(sql eventplatform_matchmaking "SELECT count(*) FROM pool_members WHERE event_id = '$event' AND attendee_id = '$id' AND display_name <> '$name'")" = 0 ] \
      || missing=$((missing + 1))
  done < <(grep '^profile ' "$1")
  echo "$missing"
}
rounds_missing() {  # accepted round starts not stored with their pairs
  local missing=0 code id
  while read -r _ code id; do
    [[ $code == 20? ]] || continue
    [ "$(sql eventplatform_matchmaking "SELECT count(*) FROM networking_rounds r WHERE r.id = '$id' AND r.pairs = (SELECT count(*) FROM matches m WHERE m.round_id = r.id)")" = 1 ] \
      || missing=$((missing + 1))
  done < <(grep '^round ' "$1")
  echo "$missing"
}
events_missing() {  # accepted publications missing from a replica (Attendees, Talks, Matchmaking)
  local missing=0 code id
  while read -r _ code id; do
    [[ $code == 20? ]] || continue
    [ "$(sql eventplatform_attendees "SELECT count(*) FROM event_replicas WHERE id = '$id'")" = 1 ] || missing=$((missing + 1))
    [ "$(sql eventplatform_talks "SELECT count(*) FROM talk_events WHERE id = '$id'")" = 1 ] || missing=$((missing + 1))
    [ "$(sql eventplatform_matchmaking "SELECT count(*) FROM networking_events WHERE id = '$id'")" = 1 ] || missing=$((missing + 1))
  done < <(grep '^event ' "$1")
  echo "$missing"
}

PROBLEMS=0
printf '\n%-34s %9s %8s %11s %5s %11s\n' "fault" "accepted" "refused" "recover (s)" "lost" "duplicated"
run_fault() {
  local name=$1 inject=$2 heal=$3
  local tokens out before_seats accepted refused healed recovered lost dup stored reached
  tokens=$(mktemp); out=$(mktemp)
  people 15 >"$tokens"
  before_seats=$(confirmed_seats)
  load "$tokens" "$out" "$(date +%s)" &
  local loader=$!
  sleep 3
  eval "$inject"
  eval "$heal"
  healed=$(date +%s%N)
  for _ in $(seq 1 600); do curl -fs "$G/health" >/dev/null 2>&1 && break; sleep 0.2; done  # at most 2 minutes
  recovered=$(( ($(date +%s%N) - healed) / 1000000 ))
  wait "$loader"
  accepted=$(awk '$2 ~ /^20[0-9]$/' "$out" | wc -l); refused=$(( $(wc -l <"$out") - accepted ))
  # Settle: what was accepted reaches every service through the outboxes and the bus (a minute at most).
  local settle_until=$((SECONDS + 60))
  while [ $SECONDS -lt $settle_until ]; do
    reached=$(( $(profiles_missing "$out") + $(rounds_missing "$out") + $(events_missing "$out") ))
    [ "$(confirmed_in_pool)" = "$(confirmed_seats)" ] && [ "$(unsent)" = 0 ] && [ "$reached" = 0 ] && break
    sleep 0.2
  done
  # Lost: a 2xx whose seat was not stored, a stored seat that never reached the pool, an accepted rename, round or
  # event missing where it should be. (A request that timed out may still have been applied; that is not a loss.)
  local registered; registered=$(grep -c '^register 20[01]$' "$out" || true)
  stored=$(( $(confirmed_seats) - before_seats ))
  lost=$(( (registered > stored ? registered - stored : 0) + $(confirmed_seats) - $(confirmed_in_pool) \
    + $(profiles_missing "$out") + $(rounds_missing "$out") + $(events_missing "$out") ))
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
bus="${COMPOSE_PROJECT_NAME}_bus"
run_fault "attendees off the broker 30 s" "docker network disconnect $bus $(container attendees); sleep 30" \
  "docker network connect --alias attendees $bus $(container attendees)"

errors=$(error_messages); pending=$(unsent)
printf '\nerror-queue messages: %s; unsent outbox rows: %s\n' "$errors" "$pending"
if [ "$PROBLEMS" -gt 0 ] || [ "$errors" != 0 ] || [ "$pending" != 0 ]; then
  log "FAILED: $PROBLEMS fault(s) lost or duplicated something or left the platform unhealthy"
  exit 1
fi
