"""Benchmark: the all-district dashboard and a district dashboard on the large dataset.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bangphlat_bench .venv/bin/python bench/bench_dashboard.py

Targets: /dashboard/ ≤ 150 ms median server time, a district page with its dashboard ≤ 80 ms.
"Cold" clears the dashboard cache before every request (the figures are recomputed);
"warm" is what users see between data changes.
"""

import statistics
import time

from common import connection, ensure_large_dataset, logged_in_client, time_get  # noqa: I001
from django.test.utils import CaptureQueriesContext


def time_cold(client, url, runs=15):
    from dashboard.selectors import bump_version

    times = []
    for _ in range(runs):
        bump_version()
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    bump_version()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {
        "url": url,
        "cold_median_ms": round(statistics.median(times), 1),
        "queries": len(queries),
    }


def main():
    ensure_large_dataset()
    strategy = logged_in_client("strategy")
    staff = logged_in_client("staff1025")
    for client, url in [
        (strategy, "/dashboard/"),
        (strategy, "/dashboard/?zone_group=northern-krung-thon"),
        (staff, "/districts/1025/"),
    ]:
        print(time_cold(client, url))
        print(time_get(client, url))


if __name__ == "__main__":
    main()
