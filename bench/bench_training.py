"""Benchmark: the training coverage page on 200 runs × 30 participants, warm, in-process.

    DATABASE_URL=sqlite:////tmp/bench_training.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench_training.sqlite3 .venv/bin/python bench/bench_training.py

(or a PostgreSQL DATABASE_URL). An empty database gets the small demo (districts, users,
pairings, trainers, communities) and then training's ``--scale large`` runs on top of it:
200 runs of 30 participants with attendance, scores and certificates (training/demo.py).
Target: /training/coverage/ ≤ 50 ms median server time warm. The run list and a run page are
timed beside it for reference.
"""

import os
import random

from common import connection, logged_in_client, time_get  # noqa: I001


def seed():
    import io

    from django.core.management import call_command

    from accounts.models import User
    from training import demo
    from training.models import CourseRun, Participant

    if not User.objects.filter(username="strategy").exists():
        print("seeding the small demo…", flush=True)
        call_command("seed_demo", force=True, stdout=io.StringIO())
    if CourseRun.objects.count() < 200:
        print("seeding 200 training runs × 30 participants…", flush=True)
        # The small demo's few runs make way for the large set (training/demo.py seeds once).
        from training.models import Certificate

        Certificate.objects.all().delete()
        CourseRun.objects.all().delete()
        print(demo.seed(scale="large", rng=random.Random(2568), stdout=io.StringIO()))
    return CourseRun.objects.count(), Participant.objects.count()


def main():
    runs, people = seed()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from training.models import CourseRun

    print(f"{runs} runs, {people} participants; load average {os.getloadavg()}")
    strategy = logged_in_client("strategy")
    staff = logged_in_client("staff1025")
    run = CourseRun.objects.filter(host__code="1025").order_by("-pk").first()
    print("| page | median | p90 | queries |")
    print("|---|---|---|---|")
    for client, url in [
        (strategy, "/training/coverage/"),
        (staff, "/training/coverage/"),
        (strategy, "/training/runs/"),
        (staff, f"/training/runs/{run.pk}/"),
    ]:
        result = time_get(client, url)
        print(
            f"| `{url}` | {result['median_ms']} ms | {result['p90_ms']} ms | {result['queries']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
