#!/bin/sh
# Runs once, when the compose PostgreSQL volume is new: one database per service, owned by the platform's role.
set -eu
for db in eventplatform_events eventplatform_talks eventplatform_attendees eventplatform_matchmaking eventplatform_web eventplatform_notifications; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -c "CREATE DATABASE $db OWNER $POSTGRES_USER"
done
