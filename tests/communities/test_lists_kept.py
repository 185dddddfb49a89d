"""The activity and community lists are kept per reader and query under the readable
districts' data versions (mentoring/kept_lists.py): a reload with nothing changed runs no list
query, every change is on the next load, and no reader ever gets another reader's list."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import Role
from districts.models import District
from mentoring.models import Pairing, PairingStatus
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.conftest import CSRF, make_user

pytestmark = pytest.mark.django_db

LISTS = ["communities:activity_list", "communities:list"]


@pytest.mark.parametrize("name", LISTS)
def test_a_reload_with_nothing_changed_runs_no_list_query(
    name, login, staff_bangphlat, committed, django_assert_max_num_queries
):
    with committed():
        ActivityFactory.create_batch(3, community=CommunityFactory(name="ชุมชนร่วมใจ"))
    client = login(staff_bangphlat)
    first = client.get(reverse(name)).content
    # session, user, the mentees (the readable districts), the list's version, the bell
    with django_assert_max_num_queries(5):
        again = client.get(reverse(name)).content
    assert CSRF.sub(b"", again) == CSRF.sub(b"", first)
    assert "ชุมชนร่วมใจ" in again.decode()


def test_an_edit_is_on_the_next_load_and_the_query_is_part_of_the_key(
    login, staff_bangphlat, committed
):
    with committed():
        activity = ActivityFactory(title="เดินสำรวจชุมชน")
        ActivityFactory(title="ประชุมแกนนำ", community=activity.community)
    client = login(staff_bangphlat)
    url = reverse("communities:activity_list")
    assert "เดินสำรวจชุมชน" in client.get(url).content.decode()
    searched = client.get(url, {"q": "ประชุม"}).content.decode()
    assert "ประชุมแกนนำ" in searched and "เดินสำรวจชุมชน" not in searched
    with committed():
        activity.title = "เดินสำรวจชุมชนรอบสอง"
        activity.save()
    assert "เดินสำรวจชุมชนรอบสอง" in client.get(url).content.decode()
    with committed():
        CommunityFactory(name="ชุมชนใหม่ล่าสุด")
    assert "ชุมชนใหม่ล่าสุด" in client.get(reverse("communities:list")).content.decode()


@pytest.mark.parametrize("name", LISTS)
def test_no_reader_gets_another_readers_list(name, login, staff_bangphlat, strategy, committed):
    phranakhon = District.objects.get(code="1001")
    with committed():
        ActivityFactory(title="กิจกรรมบางพลัด", community=CommunityFactory(name="ชุมชนบางพลัด"))
        ActivityFactory(
            title="กิจกรรมพระนคร",
            community=CommunityFactory(name="ชุมชนพระนคร", district=phranakhon),
        )
    other_staff = make_user("staff1001_k", Role.DISTRICT_STAFF, phranakhon)
    seen = {}
    for user in (staff_bangphlat, other_staff, strategy):
        seen[user.username] = login(user).get(reverse(name)).content.decode()
    assert "บางพลัด" in seen["staff1025_t"] and "ชุมชนพระนคร" not in seen["staff1025_t"]
    assert "ชุมชนพระนคร" in seen["staff1001_k"] and "ชุมชนบางพลัด" not in seen["staff1001_k"]
    assert "ชุมชนพระนคร" in seen[strategy.username] and "ชุมชนบางพลัด" in seen[strategy.username]


def test_a_mentor_reads_a_new_mentees_records_on_the_next_load(login, staff_bangphlat, committed):
    phranakhon = District.objects.get(code="1001")
    with committed():
        ActivityFactory(
            title="กิจกรรมพระนคร",
            community=CommunityFactory(name="ชุมชนพระนคร", district=phranakhon),
        )
    client = login(staff_bangphlat)
    url = reverse("communities:activity_list")
    assert "กิจกรรมพระนคร" not in client.get(url).content.decode()
    Pairing.objects.create(
        mentor=staff_bangphlat.district,
        mentee=phranakhon,
        start_date=dt.date(2025, 1, 1),
        status=PairingStatus.ACTIVE,
    )  # not committed: no version changes, the readable districts do
    assert "กิจกรรมพระนคร" in client.get(url).content.decode()
