"""Counts and overviews kept under the data version: the activity list's capped count and the
mentoring page's overview are read again only after a committed change, per reader's scope,
and a change anywhere shows on the next view."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bangphlat import versions
from bangphlat.models import DataVersion
from mentoring.models import Pairing, PairingStatus
from tests.communities.factories import ActivityFactory, CommunityFactory

URL = "/communities/activities/"


def count_text(response):
    body = response.content.decode()
    start = body.index('id="activity-count">') + len('id="activity-count">')
    return body[start : body.index("</p>", start)]


def queries_of(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in ctx.captured_queries]


def counts(queries):
    """The capped count of the activities (COUNT over a LIMIT subquery)."""
    return [sql for sql in queries if sql.startswith("SELECT COUNT(*) FROM (SELECT")]


@pytest.mark.django_db(transaction=True)
def test_every_bump_changes_the_any_version():
    before = versions.any_version()
    with transaction.atomic():
        versions.data_changed({"d1"})
    after = versions.any_version()
    assert after and after != before
    assert DataVersion.objects.get(key="any").token == DataVersion.objects.get(key="d1").token


@pytest.mark.django_db(transaction=True)
def test_the_activity_count_is_kept_until_a_committed_change_and_per_scope(
    login, strategy, staff_bangphlat, bangphlat, phranakhon
):
    ActivityFactory.create_batch(3, community=CommunityFactory(district=bangphlat))
    ActivityFactory.create_batch(2, community=CommunityFactory(district=phranakhon))
    client = login(strategy)
    first, first_queries = queries_of(client, URL)
    assert count_text(first) == "5 กิจกรรม" and len(counts(first_queries)) == 1
    again, again_queries = queries_of(client, URL)
    assert count_text(again) == "5 กิจกรรม" and counts(again_queries) == []  # kept

    # The district's staff share no cached figure with the strategy office: their own scope.
    assert count_text(login(staff_bangphlat).get(URL)) == "3 กิจกรรม"
    assert count_text(login(strategy).get(URL, {"district": bangphlat.code})) == "3 กิจกรรม"

    ActivityFactory(community=CommunityFactory(district=phranakhon), date=dt.date(2025, 3, 1))
    assert count_text(login(strategy).get(URL)) == "6 กิจกรรม"  # the committed save shows
    assert count_text(login(staff_bangphlat).get(URL)) == "3 กิจกรรม"


@pytest.mark.django_db(transaction=True)
def test_the_mentoring_overview_is_kept_until_a_pairing_changes(
    login, strategy, bangphlat, phranakhon
):
    client = login(strategy)
    _, first_queries = queries_of(client, "/mentoring/")
    page, again_queries = queries_of(client, "/mentoring/")
    # The mentors and the 50 districts come from the cache: no district rows read again.
    assert len(again_queries) <= len(first_queries) - 4
    row = page.content.decode().split('id="district-mentors"')[1].split(phranakhon.name)[1]
    assert "ยังไม่มี" in row.split("</tr>")[0]

    Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01", status=PairingStatus.ACTIVE
    )
    page = client.get("/mentoring/").content.decode()
    row = page.split('id="district-mentors"')[1].split(phranakhon.name)[1].split("</tr>")[0]
    assert bangphlat.name in row and "ยังไม่มี" not in row
