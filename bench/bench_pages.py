"""Benchmark: every page of the main menu as its usual user, in-process (server time), on the
large dataset, plus the cold dashboard (every cached figure dropped before each request).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bangphlat_bench .venv/bin/python bench/bench_pages.py
    … bench/bench_pages.py --profile staff1025 /districts/1025/   # cProfile of 50 warm requests

Targets: every page ≤ 10 ms of CPU warm (what 100 requests/s on 2 shared cores leaves the
portal), ≤ 50 ms median warm; /dashboard/ cold ≤ 50 ms; the strategy office's activity list
within 3× the community list. The CPU column is this process's time (Django); PostgreSQL's
comes on top. "headings" is what the Thai headings rewrite of the finished page costs.
"""

import cProfile
import pstats
import statistics
import sys
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
    ("staff1025", "/training/"),
    ("strategy", "/dashboard/"),
    ("strategy", "/reporting/"),
    ("staff1025", "/reporting/"),
    ("staff1025", "/reporting/notices/"),
]


def load_average() -> str:
    with open("/proc/loadavg") as handle:
        return " ".join(handle.read().split()[:3])


def cold_dashboard(client, runs=15):
    from django.core.cache import cache

    times, cpu = [], []
    for _ in range(runs):
        cache.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        assert client.get("/dashboard/").status_code == 200
        cpu.append((time.process_time() - start_cpu) * 1000)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1), round(statistics.median(cpu), 1)


def headings_cost(client, url, runs=20) -> float:
    """CPU time of the headings rewrite alone over the page as served (ms, median)."""
    from bangphlat import middleware

    html = client.get(url).content.decode()
    rewrite = getattr(middleware, "wrap_headings", None)
    if rewrite is None:  # the rewrite is no longer a pass over the page
        return 0.0
    cpu = []
    for _ in range(runs):
        start = time.process_time()
        rewrite(html)
        cpu.append((time.process_time() - start) * 1000)
    return round(statistics.median(cpu), 2)


def profile(user, url, runs=50):
    client = logged_in_client(user)
    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(40)


def main():
    ensure_large_dataset()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    clients = {name: logged_in_client(name) for name in {user for user, _ in PAGES}}
    print(f"load average {load_average()}", flush=True)
    print("| user | page | median (warm) | p90 | CPU | headings | queries |")
    print("|---|---|---|---|---|---|---|")
    for user, url in PAGES:
        result = time_get(clients[user], url)
        print(
            f"| {user} | `{url}` | {result['median_ms']} ms | {result['p90_ms']} ms "
            f"| {result['cpu_ms']} ms | {headings_cost(clients[user], url)} ms "
            f"| {result['queries']} |",
            flush=True,
        )
    wall, cpu = cold_dashboard(clients["strategy"])
    print(f"| strategy | `/dashboard/` cold | {wall} ms | | {cpu} ms | | |")
    print(f"load average {load_average()}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--profile":
        profile(sys.argv[2], sys.argv[3])
    else:
        main()
