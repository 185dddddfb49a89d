#!/usr/bin/env bash
# Capacity of the production stack (scripts/prod-smoke: nginx TLS → gunicorn → PostgreSQL, the
# task worker, DJANGO_DEBUG=0) on the large dataset, loopback only, bounded durations:
#
# 1. closed loop, wrk with CONNECTIONS (50) connections and no think time, each main page as
#    its usual user (logged-in session cookie), /healthz first and last as the reference:
#    requests/s and p50/p95/p99 per page;
# 2. open loop (bench/open_loop.py): RATE (50) requests/s of the usual mix for OPEN_SECONDS,
#    sent on schedule whatever the answers take; p50/p95/p99 from the scheduled time.
#
#   BENCH_DB=bangphlat_bench SMOKE_HTTPS_PORT=18443 SMOKE_HTTP_PORT=18080 bench/bench_capacity.sh
#   (DURATION=20s per page, CONNECTIONS=50, RATE=50, OPEN_SECONDS=60, GUNICORN_WORKERS=4)
# Results and the machine's load average: bench/README.md "Capacity".
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-bangphlat_bench}
export DURATION=${DURATION:-20s} CONNECTIONS=${CONNECTIONS:-50} RATE=${RATE:-50}
export OPEN_SECONDS=${OPEN_SECONDS:-60} GUNICORN_WORKERS=${GUNICORN_WORKERS:-4}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
count=$(psql -qtA "postgres://postgres@127.0.0.1:5432/$DB" -c \
  "SELECT count(*) FROM communities_activity" 2>/dev/null || echo 0)
((count >= 250000)) || { echo "$DB needs seed_demo --scale large (bench/README.md)"; exit 1; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
export PROD_STACK_DB=$DB
export PROD_STACK_RUN="bash $PWD/bench/capacity_run.sh"
scripts/prod-smoke
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
