"""Open-loop load: requests leave on a fixed schedule (RATE a second) whatever the server's
answers take, so a slow server shows as latency instead of as fewer requests (a closed loop,
wrk's or locust's users, waits for each answer and hides it). Latency counts from the
scheduled moment. Standard library only; loopback, bounded by --seconds and --max-in-flight.

    python bench/open_loop.py --base https://localhost:18443 --rate 50 --seconds 60 \
        --cookie strategy=sessionid=… --cookie staff1025=sessionid=…
"""

import argparse
import http.client
import random
import ssl
import statistics
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

# The usual mix: district staff read their district, lists and lessons most; the strategy
# office its dashboard, the city's activities and the monthly review (weights per request).
MIX = [
    ("staff1025", "/districts/1025/", 3),
    ("staff1025", "/communities/", 2),
    ("staff1025", "/communities/activities/", 2),
    ("staff1025", "/lessons/", 1),
    ("strategy", "/dashboard/", 1),
    ("strategy", "/communities/activities/", 1),
    ("strategy", "/reporting/", 1),
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--cookie", action="append", default=[], help="user=cookie")
    # Each request in flight holds two of nginx's connections (client and upstream).
    parser.add_argument("--max-in-flight", type=int, default=100)
    parser.add_argument("--seed", type=int, default=24)
    args = parser.parse_args()
    cookies = dict(item.split("=", 1) for item in args.cookie)
    base = urlsplit(args.base)
    context = ssl._create_unverified_context()  # prod-smoke's throwaway certificate
    local = threading.local()
    lock = threading.Lock()
    results = []  # (user and path, latency ms, status or error)
    in_flight = [0]

    def connection():
        if getattr(local, "conn", None) is None:
            local.conn = http.client.HTTPSConnection(
                base.hostname, base.port, context=context, timeout=30
            )
        return local.conn

    def fetch(user, path, scheduled):
        outcome = "?"
        try:
            conn = connection()
            conn.request("GET", path, headers={"Cookie": cookies[user], "Host": base.netloc})
            response = conn.getresponse()
            response.read()
            outcome = str(response.status)
        except (OSError, http.client.HTTPException) as error:
            outcome = type(error).__name__
            local.conn = None
        latency = (time.perf_counter() - scheduled) * 1000
        with lock:
            results.append((f"{user} {path}", latency, outcome))
            in_flight[0] -= 1

    rng = random.Random(args.seed)
    choices = [(user, path) for user, path, weight in MIX for _ in range(weight)]
    total = int(args.rate * args.seconds)
    skipped = 0
    start = time.perf_counter() + 0.5
    with ThreadPoolExecutor(max_workers=args.max_in_flight) as pool:
        for i in range(total):
            scheduled = start + i / args.rate
            pause = scheduled - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            with lock:
                if in_flight[0] >= args.max_in_flight:
                    skipped += 1  # the server fell this far behind: counted, not queued
                    continue
                in_flight[0] += 1
            pool.submit(fetch, *rng.choice(choices), scheduled)
        sending = time.perf_counter() - start
    elapsed = time.perf_counter() - start
    # Latencies of the answered requests (200); failures are counted apart, as they are fast.
    answered = [(name, latency) for name, latency, outcome in results if outcome == "200"]
    latencies = [latency for _, latency in answered] or [0.0]
    failures = Counter(outcome for _, _, outcome in results if outcome != "200")
    print(
        f"sent {len(results)} of {total} scheduled over {sending:.1f} s "
        f"({len(results) / sending:.1f} requests/s offered), the last answer after "
        f"{elapsed:.1f} s; {skipped} not sent (over {args.max_in_flight} in flight); "
        f"failed: {sum(failures.values())} {dict(failures) or ''}"
    )
    print(
        f"answered (200): p50 {statistics.median(latencies):.0f} ms, p95 {percentile(latencies, 0.95):.0f}"
        f" ms, p99 {percentile(latencies, 0.99):.0f} ms"
    )
    print("| page | requests | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    for name in sorted({name for name, _ in answered}):
        values = [latency for n, latency in answered if n == name]
        print(
            f"| {name} | {len(values)} | {statistics.median(values):.0f} "
            f"| {percentile(values, 0.95):.0f} |"
        )


if __name__ == "__main__":
    main()
