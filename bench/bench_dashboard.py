"""Benchmark: the all-district dashboard and a district dashboard on the large dataset.

    createdb -h 127.0.0.1 -U postgres bangphlat_bench   # once; seeds --scale large if empty
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bangphlat_bench .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bangphlat_bench .venv/bin/python bench/bench_dashboard.py

Targets: /dashboard/ ≤ 150 ms median server time, a district page with its dashboard ≤ 80 ms.
Three cases per page:
- "cold": every cached figure dropped before each request (as after a restart or a bulk load);
- "after a new activity": the tokens of the current fiscal year changed before each request
  (what the first user after an edit waits for; dashboard/signals.py);
- "warm": cached, what users see between data changes.
"""

import statistics
import time

from common import connection, ensure_large_dataset, logged_in_client, time_get  # noqa: I001
from django.test.utils import CaptureQueriesContext


def time_after(client, url, invalidate, runs=15):
    times = []
    for _ in range(runs):
        invalidate()
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    invalidate()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return round(statistics.median(times), 1), len(queries)


def main():
    from django.core.cache import cache

    from bangphlat.versions import bump as bump_version
    from bangphlat.versions import district_key
    from dashboard.selectors import current_fiscal_year
    from districts.models import District

    ensure_large_dataset()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them after a seed
    strategy = logged_in_client("strategy")
    staff = logged_in_client("staff1025")
    fy = current_fiscal_year()
    this_year = [district_key(pk, fy) for pk in District.objects.values_list("pk", flat=True)]
    print("| page | cold | after a new activity | warm | queries cold / after / warm |")
    print("|---|---|---|---|---|")
    for client, url in [
        (strategy, "/dashboard/"),
        (strategy, "/dashboard/?zone_group=northern-krung-thon"),
        (strategy, f"/dashboard/?fy={fy - 1}"),
        (staff, "/districts/1025/"),
    ]:
        cold, cold_q = time_after(client, url, cache.clear)
        after, after_q = time_after(client, url, lambda: bump_version(this_year))
        warm = time_get(client, url)
        print(
            f"| `{url}` | {cold} ms | {after} ms | {warm['median_ms']} ms "
            f"| {cold_q} / {after_q} / {warm['queries']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
