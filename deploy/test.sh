#!/usr/bin/env bash
# Runs every test against real PostgreSQL and RabbitMQ in containers the tests start themselves (Testcontainers; this
# script starts the Docker engine, and builds local stand-ins for the official images where no registry answers)
# and ends with one line: "N passed, N failed, N skipped".
#   deploy/test.sh                 all tests
#   deploy/test.sh --filter EXPR   only tests matching a dotnet test filter (e.g. FullyQualifiedName~Outbox)
# Without a filter it ends with deploy/compose-check.sh (the compose project built, started, exercised and removed;
# COMPOSE_CHECK=0 skips it).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
FILTER=()
if [ "${1:-}" = "--filter" ] && [ -n "${2:-}" ]; then FILTER=(--filter "$2"); fi

. "$ROOT/deploy/docker/engine.sh"
{ ensure_docker_engine && use_reachable_images; } || { echo "0 passed, 1 failed"; exit 1; }
# The shared pair the tests start outlives them on purpose (a second dotnet test starts in seconds); not in this run.
remove_test_containers
trap remove_test_containers EXIT
"$ROOT/deploy/infra.sh" browser || { echo "0 passed, 1 failed"; exit 1; }

find tests -type d -name TestResults -prune -exec rm -rf {} +
started=$(date +%s)
dotnet build EventPlatform.sln -c Release -nologo -v q -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

status=0
# Service and library tests run in parallel; the end-to-end tests start whole platforms, so they run after, alone.
dotnet test EventPlatform.sln -c Release --no-build --logger trx --filter "FullyQualifiedName!~EndToEnd${FILTER:+&${FILTER[1]}}" || status=1
if [ ${#FILTER[@]} -eq 0 ] || [[ "${FILTER[1]}" == *EndToEnd* ]]; then
  dotnet test tests/EventPlatform.EndToEnd.Tests -c Release --no-build --logger trx ${FILTER[@]+"${FILTER[@]}"} || status=1
fi

# docker compose for real: images built, the project up, a flow through the gateway, down again (counted as one test).
compose_passed=0; compose_failed=0
if [ ${#FILTER[@]} -eq 0 ] && [ "${COMPOSE_CHECK:-1}" != 0 ]; then
  if "$ROOT/deploy/compose-check.sh"; then compose_passed=1; else compose_failed=1; status=1; fi
fi

passed=$compose_passed; failed=$compose_failed; total=$((compose_passed + compose_failed)); executed=$total
while IFS= read -r trx; do
  counters=$(grep -o '<Counters [^>]*' "$trx" | head -n 1)
  value() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(value passed))); failed=$((failed + $(value failed)))
  total=$((total + $(value total))); executed=$((executed + $(value executed)))
done < <(find tests -path '*/TestResults/*.trx' -type f)

echo "tests took $(( $(date +%s) - started )) s (build included)"
if [ "$total" -eq 0 ]; then status=1; fi
if [ "$failed" -gt 0 ]; then status=1; fi
echo "$passed passed, $failed failed, $((total - executed)) skipped"
exit $status
