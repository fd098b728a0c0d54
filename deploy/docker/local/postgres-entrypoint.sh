#!/bin/bash
# First start (empty PGDATA): initdb with POSTGRES_USER / POSTGRES_PASSWORD, create POSTGRES_DB, run the init scripts;
# then PostgreSQL in the foreground, listening on every address with password authentication.
set -euo pipefail
# Like the official image: options alone ("-c fsync=off") are options for postgres.
if [ "${1:0:1}" = - ]; then set -- postgres "$@"; fi
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" && chown -R postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
  exec runuser -u postgres -- "$0" "$@"
fi
user=${POSTGRES_USER:-postgres}
database=${POSTGRES_DB:-$user}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
  initdb --username="$user" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") --encoding=UTF8 --locale=C.UTF-8 \
    --auth-host=scram-sha-256 --auth-local=trust \
    -D "$PGDATA" >/dev/null
  printf "listen_addresses = '*'\nmax_connections = 400\n" >> "$PGDATA/postgresql.conf"
  printf 'host all all all scram-sha-256\n' >> "$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  if [ "$database" != postgres ]; then
    psql -v ON_ERROR_STOP=1 --username "$user" --dbname postgres -c "CREATE DATABASE \"$database\"" >/dev/null
  fi
  export PGUSER=$user PGPASSWORD=$POSTGRES_PASSWORD
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh) echo "running $f"; bash "$f" ;;
      *.sql) echo "running $f"; psql -v ON_ERROR_STOP=1 --username "$user" --dbname "$database" -f "$f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
fi
if [ "$1" = postgres ]; then exec "$@" -D "$PGDATA"; fi
exec "$@"
