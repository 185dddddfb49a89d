"""Benchmark: every page of the main menu as its usual user, in-process (server time), on the
large dataset, plus the cold dashboard (every cached figure dropped before each request).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bangphlat_bench .venv/bin/python bench/bench_pages.py

Targets: every page ≤ 50 ms median warm; /dashboard/ cold ≤ 50 ms; the strategy office's
activity list within 3× the community list.
"""

import statistics
import time

from common import connection, ensure_large_dataset, logged_in_client, time_get  # noqa: I001

PAGES = [
    ("staff1025", "/districts/1025/"),
    ("staff1025", "/districts/"),
    ("staff1025", "/communities/"),
    ("strategy", "/communities/"),
    ("staff1025", "/communities/activities/"),
    ("strategy", "/communities/activities/"),
    ("strategy", "/communities/activities/?page=2"),
    ("staff1025", "/mentoring/"),
    ("staff1025", "/lessons/"),
    ("staff1025", "/handbook/"),
    ("strategy", "/dashboard/"),
    ("strategy", "/reporting/"),
    ("staff1025", "/reporting/"),
    ("staff1025", "/reporting/notices/"),
]


def cold_dashboard(client, runs=15):
    from django.core.cache import cache

    times = []
    for _ in range(runs):
        cache.clear()
        start = time.perf_counter()
        assert client.get("/dashboard/").status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def main():
    ensure_large_dataset()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    clients = {name: logged_in_client(name) for name in {user for user, _ in PAGES}}
    print("| user | page | median (warm) | p90 | queries |")
    print("|---|---|---|---|---|")
    for user, url in PAGES:
        result = time_get(clients[user], url)
        print(
            f"| {user} | `{url}` | {result['median_ms']} ms | {result['p90_ms']} ms "
            f"| {result['queries']} |",
            flush=True,
        )
    print(f"| strategy | `/dashboard/` cold | {cold_dashboard(clients['strategy'])} ms | | |")


if __name__ == "__main__":
    main()
