#!/usr/bin/env bash
# Drives the event-published flow through a running platform (deploy/run.sh start) and prints how long the
# Attendees and Matchmaking replicas took to show each event. The first event after a start is the cold path.
#   deploy/smoke.sh [events]     default 3
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
G=${GATEWAY_URL:-http://127.0.0.1:8080}
EMAIL=${ORGANIZER_EMAIL:-organizer@eventplatform.local}
COUNT=${1:-3}

json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The organizer's password is this install's (made at random on first use by deploy/run.sh organizer).
if [ -z "${ORGANIZER_PASSWORD:-}" ]; then
  "$ROOT/deploy/run.sh" organizer >/dev/null
  ORGANIZER_PASSWORD=$(json_field organizerPassword < "$ROOT/.run/demo-credentials.json")
fi
token=$(curl -s -X POST "$G/api/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$ORGANIZER_PASSWORD\"}" | json_field token)
[ -n "$token" ] || { echo "could not sign in as $EMAIL (is the platform running? deploy/run.sh organizer prints the password)" >&2; exit 1; }

start=$(date -u -d '+21 days' +%Y-%m-%dT16:00:00Z)
end=$(date -u -d '+21 days' +%Y-%m-%dT19:00:00Z)
for i in $(seq 1 "$COUNT"); do
  id=$(curl -s -X POST "$G/api/events" -H "authorization: Bearer $token" -H 'content-type: application/json' \
    -d "{\"title\":\"Smoke test meetup $i\",\"kind\":\"meetup\",\"startsAt\":\"$start\",\"endsAt\":\"$end\",\"timeZone\":\"America/Toronto\",\"capacity\":50,\"topics\":[\"mlops\"]}" \
    | json_field id)
  t0=$(now_ms)
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$G/api/events/$id/publish" -H "authorization: Bearer $token")
  t1=$(now_ms)
  attendees=""; matchmaking=""
  while [ -z "$attendees" ] || [ -z "$matchmaking" ]; do
    [ -z "$attendees" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "$G/api/registrations/events/$id/availability")" = 200 ] && attendees=$(( $(now_ms) - t1 ))
    [ -z "$matchmaking" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "$G/api/networking/events/$id")" = 200 ] && matchmaking=$(( $(now_ms) - t1 ))
    if [ $(( $(now_ms) - t1 )) -gt 10000 ]; then echo "event $id did not reach the replicas within 10 s" >&2; exit 1; fi
  done
  echo "event $i: publish $code in $((t1 - t0)) ms; Attendees replica after ${attendees} ms; Matchmaking replica after ${matchmaking} ms"
done
