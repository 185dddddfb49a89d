"""Benchmark: the impact evaluation (/evaluation/ and /api/v1/evaluation/) on the large dataset.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bangphlat_bench .venv/bin/python bench/bench_evaluation.py

Target: the page ≤ 50 ms median warm (cached under the data-state key; evaluation/selectors.py).
"cold" drops the cache before each request: the panel query, the estimator with its 999
bootstrap draws and the page — what the first visitor after a data change waits for.
"""

import statistics
import time

from common import connection, ensure_large_dataset, logged_in_client, time_get  # noqa: I001
from django.test.utils import CaptureQueriesContext


def cold(client, url, runs=5):
    from django.core.cache import cache

    times = []
    for _ in range(runs):
        cache.clear()
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return round(statistics.median(times), 1), len(queries)


def main():
    from communities.models import IndicatorSnapshot
    from evaluation import selectors

    ensure_large_dataset()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"snapshots: {IndicatorSnapshot.objects.count():,}")
    start = time.perf_counter()
    result = selectors.compute("income_in_need", "implementing")
    print(f"compute (panel + estimator): {(time.perf_counter() - start) * 1000:.0f} ms; "
          f"att {result['att']}, {result['n_communities']} communities, "
          f"{result['n_treated_districts']} treated / {result['n_comparison_districts']} comparison "
          f"districts, warnings {result['warning_codes']}")  # fmt: skip
    strategy = logged_in_client("strategy")
    print("| url | cold median | warm median | warm p90 | queries cold / warm |")
    print("|---|---|---|---|---|")
    for url in ["/evaluation/", "/api/v1/evaluation/?outcome=health_in_need"]:
        cold_ms, cold_queries = cold(strategy, url)
        warm = time_get(strategy, url)
        print(f"| {url} | {cold_ms} ms | {warm['median_ms']} ms | {warm['p90_ms']} ms | "
              f"{cold_queries} / {warm['queries']} |")  # fmt: skip


if __name__ == "__main__":
    main()
