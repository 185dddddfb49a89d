"""Benchmark: importing 20,000 activities (preview, then apply) through the same planner and
services as the web page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<your db> .venv/bin/python bench/bench_activity_import.py

Seeds the demo data when the database has no communities, spreads the rows over Bang Phlat's
communities (identified by รหัสชุมชน), times the preview, the apply, a second preview of
the same file (every row unchanged) and the apply of a file changing every row, prints the
queries and the CPU time each costs, and removes the rows it added. Target: ≤ 20 s each on
PostgreSQL on the large dataset (``seed_demo --scale large``); ``ANALYZE`` runs first, as
after a bulk load autovacuum would within a minute.
"""

import argparse
import io
import time

from common import CaptureQueriesContext, connection  # noqa: I001


def make_file(communities, rows: int, participants: int = 30) -> bytes:
    from openpyxl import Workbook

    from communities.io.resources import ACTIVITY_COLUMNS

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "กิจกรรม"
    sheet.append(list(ACTIVITY_COLUMNS.values()))
    for index in range(rows):
        community = communities[index % len(communities)]
        values = {
            "district": "1025", "community_code": community.code, "community_name": community.name,
            "community_number": "", "date": f"{1 + index % 28}/{1 + index % 12}/2567",
            "title": f"กิจกรรมทดสอบนำเข้า {index}", "activity_type": "บัญชีครัวเรือน",
            "model_step": "เข้าใจ", "principles": "ความพอประมาณ", "participants_total": str(participants),
            "participants_women": "12", "participants_elderly": "5", "participants_disabled": "0",
            "participants_youth": "3", "participants_welfare_card": "4", "budget": "1,500",
            "funding_source": "งบประมาณสำนักงานเขต", "outcome": "ทดสอบ",
        }  # fmt: skip
        sheet.append([values[key] for key in ACTIVITY_COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(label, **kwargs):
    from communities.io import importing

    with CaptureQueriesContext(connection) as queries:
        start, cpu = time.perf_counter(), time.process_time()
        report = importing.run_import(kind="activities", filename="bench.xlsx", **kwargs)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"{label}: {seconds:.1f} s ({cpu:.1f} s CPU in this process), {len(queries)} queries, "
        f"counts {report.counts}",
        flush=True,
    )
    return report, seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    rows = parser.parse_args().rows

    from django.core.management import call_command

    from accounts.models import Role, User
    from communities.models import Activity, Community
    from districts.models import District

    if not Community.objects.filter(district__code="1025").exists():
        print("seeding the demo data…", flush=True)
        call_command("seed_demo", force=True)
    district = District.objects.get(code="1025")
    user, _created = User.objects.get_or_create(
        username="import-1025",
        defaults={"role": Role.DISTRICT_STAFF, "district": district, "is_active": False},
    )
    communities = list(Community.objects.alive().filter(district=district).order_by("pk"))
    data = make_file(communities, rows)
    print(f"{rows:,} activities over {len(communities)} communities, file {len(data):,} bytes")
    Activity.history.filter(title__startswith="กิจกรรมทดสอบนำเข้า").delete()
    Activity.objects.filter(title__startswith="กิจกรรมทดสอบนำเข้า").delete()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"{Activity.objects.count():,} activities in the database", flush=True)
    connection.force_debug_cursor = True  # count queries outside DEBUG
    try:
        preview, _s = timed("preview", data=data, user=user, dry_run=True)
        assert preview.counts["new"] == rows, preview.rows[0].problems
        applied, _s = timed("apply", data=data, user=user, dry_run=False)
        assert applied.counts["new"] == rows
        again, _s = timed("preview again (unchanged)", data=data, user=user, dry_run=True)
        assert again.counts["skip"] == rows
        changed = make_file(communities, rows, participants=35)
        update, _s = timed("apply changes (every row)", data=changed, user=user, dry_run=False)
        assert update.counts["update"] == rows, update.rows[0].problems
    finally:
        connection.force_debug_cursor = False
        added = Activity.objects.filter(title__startswith="กิจกรรมทดสอบนำเข้า")
        Activity.history.filter(title__startswith="กิจกรรมทดสอบนำเข้า").delete()
        added.delete()


if __name__ == "__main__":
    main()
