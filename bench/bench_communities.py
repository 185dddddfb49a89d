"""Benchmark: community import and the community pages on the large dataset.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bangphlat_bench .venv/bin/python bench/bench_communities.py

Targets: importing a 2,500-row community file ≤ 10 s; /communities/ and a community profile
≤ 100 ms median server time.
"""

import io
import time

from common import ensure_large_dataset, logged_in_client, time_get  # noqa: I001


def make_file(rows: int) -> bytes:
    from openpyxl import Workbook

    from communities.io.resources import COMMUNITY_COLUMNS

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COMMUNITY_COLUMNS.values()))
    for number in range(9001, 9001 + rows):
        values = {
            "district": "1025", "code": "", "number": number, "name": f"ชุมชนทดสอบนำเข้า {number}",
            "community_type": "ชุมชนเมือง", "population": "4,800", "male": "2,300", "female": "2,500",
            "households": "1,200", "registered_on": "4/8/2568", "address": f"ซอย {number}",
            "latitude": "13.78", "longitude": "100.49", "status": "ดำเนินการอยู่",
            "chair_name": "นายทดสอบ", "chair_phone": "081-000-0000",
        }  # fmt: skip
        sheet.append([values[key] for key in COMMUNITY_COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main():
    from accounts.models import User
    from communities.io import importing
    from communities.models import Community

    ensure_large_dataset()
    Community.objects.filter(number__gte=9001, district__code="1025").delete()
    admin = User.objects.get(username="admin")
    data = make_file(2500)
    start = time.perf_counter()
    preview = importing.run_import(
        kind="communities", data=data, filename="b.xlsx", user=admin, dry_run=True
    )
    preview_s = time.perf_counter() - start
    start = time.perf_counter()
    applied = importing.run_import(
        kind="communities", data=data, filename="b.xlsx", user=admin, dry_run=False
    )
    apply_s = time.perf_counter() - start
    print(
        f"import 2,500 rows: preview {preview_s:.1f} s, apply {apply_s:.1f} s, counts {applied.counts}"
    )
    assert preview.counts["new"] == 2500
    Community.objects.filter(number__gte=9001, district__code="1025").delete()

    client = logged_in_client("strategy")
    community = Community.objects.alive().filter(district__code="1025").order_by("pk").first()
    for url in ["/communities/", "/communities/?q=ร่วมใจ", f"/communities/{community.pk}/"]:
        print(time_get(client, url))


if __name__ == "__main__":
    main()
