#!/usr/bin/env bash
# bench_capacity.sh's measurements, run by scripts/prod-smoke inside the stack (SMOKE_BASE,
# SMOKE_PASSWORD are set there).
set -euo pipefail
cd "$(dirname "$0")/.."
JARS=$(mktemp -d /tmp/bangphlat-capacity.XXXXXX)
trap 'rm -rf "$JARS"' EXIT

# A logged-in session through the real log-in form; prints "sessionid=…".
session() {
  local jar=$JARS/$1.jar token
  curl -ks -c "$jar" -b "$jar" -o /dev/null "$SMOKE_BASE/accounts/login/"
  token=$(awk '$6 == "csrftoken" {print $7}' "$jar")
  curl -ks -c "$jar" -b "$jar" -o /dev/null -H "Referer: $SMOKE_BASE/accounts/login/" \
    --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=$1" \
    --data-urlencode "password=$SMOKE_PASSWORD" "$SMOKE_BASE/accounts/login/"
  awk '$6 == "sessionid" {print "sessionid=" $7}' "$jar"
}
STRATEGY=$(session strategy)
STAFF=$(session staff1025)
[[ -n $STRATEGY && -n $STAFF ]] || { echo "log-in failed"; exit 1; }

# page, cookie (none for /healthz): the main menu as its usual users.
PAGES=(
  "/healthz|"
  "/dashboard/|$STRATEGY"
  "/communities/|$STAFF"
  "/districts/1025/|$STAFF"
  "/communities/activities/|$STRATEGY"
  "/lessons/|$STAFF"
  "/reporting/|$STRATEGY"
  "/mentoring/|$STAFF"
  "/districts/|$STAFF"
  "/training/|$STAFF"
  "/handbook/|$STAFF"
  "/healthz|"
)
echo "| page | user | requests/s | p50 ms | p95 ms | p99 ms | errors / time-outs |"
echo "|---|---|---|---|---|---|---|"
for entry in "${PAGES[@]}"; do
  url=${entry%%|*}
  cookie=${entry#*|}
  user=anonymous
  [[ $cookie == "$STRATEGY" && -n $cookie ]] && user=strategy
  [[ $cookie == "$STAFF" && -n $cookie ]] && user=staff1025
  code=$(curl -ks -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$SMOKE_BASE$url")
  [[ $code == 200 ]] || { echo "$url as $user answered $code"; exit 1; }
  line=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s bench/capacity_wrk.lua \
    -H "Cookie: $cookie" "$SMOKE_BASE$url" | grep '^RESULT')
  eval "${line#RESULT }"
  # shellcheck disable=SC2154  # set by the eval of wrk's RESULT line
  echo "| \`$url\` | $user | $rps | $p50 | $p95 | $p99 | $errors / $timeouts |"
done

echo
echo "open loop: $RATE requests/s of the usual mix for $OPEN_SECONDS s"
.venv/bin/python bench/open_loop.py --base "$SMOKE_BASE" --rate "$RATE" \
  --seconds "$OPEN_SECONDS" --cookie "strategy=$STRATEGY" --cookie "staff1025=$STAFF"
