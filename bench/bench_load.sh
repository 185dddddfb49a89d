#!/usr/bin/env bash
# Realistic load: the production stack (scripts/prod-smoke's nginx + gunicorn + worker) on the
# large PostgreSQL dataset, ~50 locust users who think 1–3 s between requests, for two minutes.
# It checks what such a crowd sees: latency per page, errors by status, and that every submit
# made exactly one activity. It does not measure capacity: 50 users thinking 2 s on average
# offer at most ~25 requests/s, so the throughput line compares with that offered load;
# capacity (requests/s with no think time, /healthz as reference) is bench/bench_capacity.sh.
# Results: bench/README.md.
#
#   bench/bench_load.sh            # USERS=50 DURATION=2m GUNICORN_WORKERS=4 by default
set -euo pipefail
cd "$(dirname "$0")/.."
export USERS=${USERS:-50} DURATION=${DURATION:-2m} GUNICORN_WORKERS=${GUNICORN_WORKERS:-4}
DB=${BENCH_DB:-bangphlat_bench}
PY=$PWD/.venv/bin/python
# locust is for this benchmark only (not a dependency of the portal or its tests).
[[ -x .venv/bin/locust ]] || .venv/bin/pip install -q -r bench/requirements.txt

export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
psql -q postgres://postgres@127.0.0.1:5432/postgres -tc "SELECT 1 FROM pg_database WHERE datname='$DB'" \
  | grep -q 1 || createdb -h 127.0.0.1 -U postgres "$DB"
"$PY" manage.py migrate --no-input -v 0
"$PY" -c "import bench.common as c; c.ensure_large_dataset()"

export LOAD_RUN_ID="load-$(date +%s)"
OUT=$(mktemp -d /tmp/bangphlat-load.XXXXXX)
export LOAD_RESULTS=$OUT/submits.txt
export PROD_STACK_DB=$DB
export PROD_STACK_RUN="
  $PWD/.venv/bin/locust -f bench/locustfile.py --headless -u \$USERS -r 10 -t \$DURATION \
    --host \$SMOKE_BASE --csv $OUT/load --only-summary DistrictStaff Mentor StrategyOffice Exporter \
    > $OUT/locust.log 2>&1 || true
"
scripts/prod-smoke
"$PY" bench/load_report.py "$OUT"
