"""Shared set-up for the benchmarks: Django on the configured database, timing helpers."""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bangphlat.settings")
# The in-process test client calls itself "testserver".
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def ensure_large_dataset():
    from django.core.management import call_command

    from communities.models import Activity

    if Activity.objects.count() < 250_000:
        print("seeding --scale large (a few minutes)…", flush=True)
        call_command("seed_demo", scale="large", force=True)


def logged_in_client(username: str) -> Client:
    from accounts.models import User

    client = Client()
    client.force_login(
        User.objects.get(username=username), backend="django.contrib.auth.backends.ModelBackend"
    )
    return client


def time_get(client: Client, url: str, runs: int = 20) -> dict:
    """Median and p90 server time of a GET (in-process, so no network), its median CPU time in
    this process (Django's own work: PostgreSQL's comes on top) and its queries. The CPU time
    is the figure that carries over from a busy machine to a quiet one."""
    client.get(url)  # warm up caches and connections
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        cpu.append((time.process_time() - start_cpu) * 1000)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    return {
        "url": url,
        "median_ms": round(statistics.median(times), 1),
        "p90_ms": round(times[int(len(times) * 0.9) - 1], 1),
        "cpu_ms": round(statistics.median(cpu), 1),
        "queries": len(queries),
    }
