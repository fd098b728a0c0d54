#!/usr/bin/env bash
# Runs a benchmark against the platform on this machine, (re)starting it first with the gateway's rate limits off.
#   deploy/bench.sh registration [--attendees 500 --concurrency 16 --capacity 50 --pgbench-seconds 10 --warm-up-rounds 4 --max-warm-up-rounds 40]
#   deploy/bench.sh talks-search [--talks 2000 --searches 2000 --concurrency 16]
#   deploy/bench.sh round [--attendees 10000 --rounds 3 --pause 5]   (networking rounds over a large pool, through the gateway)
#   deploy/bench.sh replication-lag [--samples 40 --concurrency 16]   (commit in one service -> visible in every replica, at rest and under registrations)
#   deploy/bench.sh matching [--candidates 30 --attendees 10000 --peer-timeout 600 --skip-peer true]   (matcher vs LEMON and npm edmonds-blossom)
#   deploy/bench.sh web [--users 16 --requests 400]   (Lighthouse scores and server render latency of the main pages)
#   deploy/bench.sh groups [--attendees 10000 --small-pools 30]   (library signals and small-group rounds vs greedy and the exact optimum; in process)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# A load from one address is what the gateway's rate limits exist to stop: the benchmarks (re)start the platform with
# them off (RateLimits__Enabled=false), as a load test of a real install would.
if [[ "${1:-}" == matching && ! -f /usr/include/lemon/matching.h ]]; then
  # LEMON, the C++ peer of the matcher: its headers and a compiler, from the distribution.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends liblemon-dev g++ >/dev/null
fi
export DEMO_CREDENTIALS_FILE=${DEMO_CREDENTIALS_FILE:-"$ROOT/.run/demo-credentials.json"}
if [[ "${1:-}" != matching && "${1:-}" != groups ]]; then
  RateLimits__Enabled=false "$ROOT/deploy/run.sh" start
  # The organizer the benchmarks sign in as: made, or its address confirmed, as deploy/run.sh organizer does.
  "$ROOT/deploy/run.sh" organizer >/dev/null
fi
if [[ "${1:-}" == web ]]; then
  # The pages measured are the demo's: an upcoming event with a programme and people in it.
  "$ROOT/deploy/run.sh" demo >/dev/null
fi
dotnet run -c Release --project "$ROOT/tests/EventPlatform.Benchmarks" -- "$@"
