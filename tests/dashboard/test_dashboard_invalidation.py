"""Cached dashboard figures go stale after the writer commits, once per transaction, by keys of
the district and fiscal year it changed; a write holds no row another district's write needs."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from bangphlat import versions
from bangphlat.models import DataVersion
from communities import services
from communities.io import importing
from dashboard import selectors
from districts.models import District
from tests.communities.factories import ActivityFactory, CommunityFactory


@pytest.fixture
def bumps(monkeypatch):
    """The key sets passed to the data-version bump, in order."""
    calls = []
    real = versions.bump

    def record(keys=None):
        calls.append(None if keys is None else set(keys))
        real(keys)

    monkeypatch.setattr(versions, "bump", record)
    return calls


@pytest.mark.django_db(transaction=True)
def test_a_transaction_bumps_its_districts_keys_once_after_it_commits(bumps):
    bangphlat = District.objects.get(code="1025")
    community = CommunityFactory(district=bangphlat)
    bumps.clear()
    with transaction.atomic():
        for day in (1, 2, 3):
            ActivityFactory(community=community, date=dt.date(2025, 9, day))  # FY 2568
        ActivityFactory(community=community, date=dt.date(2025, 10, 1))  # FY 2569
        assert bumps == []  # nothing written to the token rows while the transaction is open
    assert bumps == [{f"d{bangphlat.pk}:2568", f"d{bangphlat.pk}:2569"}]
    assert DataVersion.objects.filter(key=f"d{bangphlat.pk}:2569").exists()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_bumps_nothing(bumps):
    community = CommunityFactory(district=District.objects.get(code="1025"))
    bumps.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        ActivityFactory(community=community)
        raise RuntimeError
    assert bumps == []


@pytest.mark.django_db(transaction=True)
def test_another_districts_change_leaves_a_district_panel_cached(bumps):
    bangphlat, phranakhon = District.objects.get(code="1025"), District.objects.get(code="1001")
    fy = selectors.current_fiscal_year()
    first = selectors.dashboard_data(fiscal_year=fy, district_ids={bangphlat.pk}, light=True)
    ActivityFactory(community=CommunityFactory(district=phranakhon), date=timezone.localdate())
    again = selectors.dashboard_data(fiscal_year=fy, district_ids={bangphlat.pk}, light=True)
    assert again == first  # same cached figures, same "as of"
    ActivityFactory(community=CommunityFactory(district=bangphlat), date=timezone.localdate())
    after = selectors.dashboard_data(fiscal_year=fy, district_ids={bangphlat.pk}, light=True)
    assert after["totals"]["activities"] == first["totals"]["activities"] + 1


@pytest.mark.django_db(transaction=True)
def test_the_dashboard_says_when_its_newest_data_was_saved(client, strategy):
    ActivityFactory(community=CommunityFactory(), date=timezone.localdate())
    saved = DataVersion.objects.latest("changed_at").changed_at
    client.force_login(strategy)
    response = client.get(reverse("dashboard:home"))
    local = timezone.localtime(saved)
    assert response.context["data"]["as_of"] == saved
    assert "ข้อมูล ณ " in response.content.decode()
    assert f"{local:%H:%M}" in response.content.decode()


def activity_rows(n, *, district="1025", community_number="1") -> bytes:
    """A CSV of n activities of one community, columns by their Thai headers."""
    import csv
    import io

    columns = importing.KINDS["activities"][1]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns.values()))
    writer.writeheader()
    for i in range(n):
        values = {
            "district": district, "community_number": community_number, "date": "4/8/2568",
            "title": f"อบรม {i}", "activity_type": "บัญชีครัวเรือน", "model_step": "เข้าใจ",
            "participants_total": "10", "participants_women": "2",
        }  # fmt: skip
        writer.writerow({columns[key]: value for key, value in values.items()})
    return buffer.getvalue().encode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_a_community_saved_in_one_district_does_not_wait_for_an_import_into_another(
    portal_admin,
):
    bangphlat, phranakhon = District.objects.get(code="1025"), District.objects.get(code="1001")
    CommunityFactory(district=bangphlat, number=1)
    CommunityFactory(district=phranakhon, number=1)
    # Last year's figures computed and cached, as on a busy day.
    selectors.dashboard_data(fiscal_year=selectors.current_fiscal_year())
    importing_now, finish = threading.Event(), threading.Event()
    outcome = {}

    def import_and_hold_the_transaction():
        try:
            with transaction.atomic():
                report = importing.run_import(
                    kind="activities",
                    data=activity_rows(20),
                    filename="a.csv",
                    user=portal_admin,
                    dry_run=False,
                )
                outcome["import"] = report.counts
                importing_now.set()
                finish.wait(timeout=20)
        finally:
            importing_now.set()
            connection.close()

    importer = threading.Thread(target=import_and_hold_the_transaction)
    importer.start()
    try:
        assert importing_now.wait(timeout=30)
        assert outcome["import"]["new"] == 20, outcome
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")  # fail, not hang, if it ever waits
        start = time.perf_counter()
        services.community_create(
            by=portal_admin,
            district=phranakhon,
            number=2,
            name="ชุมชนใหม่ระหว่างนำเข้า",
            community_type="urban",
            households=10,
            population=30,
        )
        elapsed = time.perf_counter() - start
    finally:
        finish.set()
        importer.join(timeout=30)
    assert elapsed < 0.5, f"waited {elapsed:.2f} s for another district's import"
    assert phranakhon.communities.count() == 2
