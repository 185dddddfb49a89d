"""Thai-tolerant activity search (issue 12, item 4): the activity list's search box, the
lesson form's picker and the API find an activity by its title or its community's name
whatever the ชุมชน prefix, the spaces, the digits or invisible characters; closest first."""

import datetime as dt
import io
import re

import pytest
from openpyxl import Workbook

from communities import selectors
from communities.io import importing
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db
URL = "/communities/activities/"
PICKER = "/lessons/activities/"
API = "/api/v1/activities/"


def titles(response):
    return re.findall(r'class="activity-title">([^<]+)<', response.content.decode())


# The cases: what is stored, and what an officer types.
CASES = [
    # (community name, activity title, query)
    ("ชุมชนคลองเตยล็อค 1 - 3", "ประชุมประจำเดือน", "คลองเตยล็อค 1-3"),  # prefix, dash spacing
    ("คลองเตยล็อค 1 - 3", "ประชุมประจำเดือน", "ชุมชนคลองเตยล็อค 1 - 3"),  # stored without it
    ("ชุมชนร่มเย็น", "ประชุมหมู่ 4 ประจำเดือน", "หมู่4"),
    ("ชุมชนร่มเย็น", "ประชุมหมู่4", "หมู่ 4"),
    ("ชุมชนร่มเย็น", "ปลูกผักสวนครัว 70 ไร่", "๗๐ ไร่"),  # Thai digits = Arabic digits
    ("ชุมชน๗๐ไร่", "ประชุมประจำเดือน", "70 ไร่"),
    ("ชุมชนร่มเย็น", "อบรมบัญชีครัวเรือน", "บัญชี\u200bครัว\ufeffเรือน"),  # zero-width, BOM
    ("ชุมชนร่มเย็น", "อบรมทำน้ำยาล้างจาน", "น\u0e4d\u0e49\u0e32ยา"),  # decomposed ำ
]


@pytest.mark.parametrize("community_name, title, query", CASES)
def test_the_activity_list_finds_ordinary_queries(
    login, strategy, bangphlat, community_name, title, query
):
    community = CommunityFactory(district=bangphlat, name=community_name)
    ActivityFactory(community=community, title=title)
    ActivityFactory(community=CommunityFactory(district=bangphlat, name="ชุมชนอื่น"), title="อื่น")
    assert titles(login(strategy).get(URL, {"q": query})) == [title]


@pytest.mark.parametrize("community_name, title, query", CASES)
def test_the_lesson_picker_and_the_api_find_the_same(
    login, staff_bangphlat, bangphlat, community_name, title, query
):
    community = CommunityFactory(district=bangphlat, name=community_name)
    activity = ActivityFactory(community=community, title=title)
    ActivityFactory(community=CommunityFactory(district=bangphlat, name="ชุมชนอื่น"), title="อื่น")
    client = login(staff_bangphlat)
    assert [r["id"] for r in client.get(PICKER, {"q": query}).json()["results"]] == [activity.pk]
    assert [r["id"] for r in client.get(API, {"q": query}).json()["results"]] == [activity.pk]


def test_the_closest_title_comes_first_then_the_newest(login, strategy, bangphlat):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่มเย็น")
    ActivityFactory(community=community, title="ติดตามบัญชีครัวเรือนรายเดือนของกลุ่มแม่บ้าน")
    ActivityFactory(community=community, title="บัญชีครัวเรือน", date=dt.date(2024, 1, 5))
    ActivityFactory(community=community, title="อบรมบัญชีครัวเรือน", date=dt.date(2025, 1, 5))
    ActivityFactory(community=community, title="ปลูกผัก")
    assert titles(login(strategy).get(URL, {"q": "บัญชี ครัวเรือน"})) == [
        "บัญชีครัวเรือน",
        "อบรมบัญชีครัวเรือน",
        "ติดตามบัญชีครัวเรือนรายเดือนของกลุ่มแม่บ้าน",
    ]


def test_a_community_named_like_the_query_brings_its_activities(login, strategy, bangphlat):
    klong = CommunityFactory(district=bangphlat, name="ชุมชนริมคลอง")
    ActivityFactory(community=klong, title="ประชุมประจำเดือน")
    ActivityFactory(community=CommunityFactory(district=bangphlat), title="ขุดลอกริมคลอง")
    ActivityFactory(community=CommunityFactory(district=bangphlat), title="ปลูกผัก")
    found = titles(login(strategy).get(URL, {"q": "ริมคลอง"}))
    assert sorted(found) == ["ขุดลอกริมคลอง", "ประชุมประจำเดือน"]


def test_a_broad_query_lists_newest_first_instead_of_ranking(
    login, strategy, bangphlat, monkeypatch
):
    monkeypatch.setattr(selectors, "RANK_AT_MOST", 2)
    community = CommunityFactory(district=bangphlat)
    for day, title in enumerate(["บัญชีครัวเรือน", "อบรมบัญชีครัวเรือน", "บัญชีครัวเรือนกลุ่ม"], 1):
        ActivityFactory(community=community, title=title, date=dt.date(2025, 8, day))
    assert titles(login(strategy).get(URL, {"q": "บัญชี"})) == [
        "บัญชีครัวเรือนกลุ่ม",
        "อบรมบัญชีครัวเรือน",
        "บัญชีครัวเรือน",
    ]


def test_search_keeps_to_the_districts_the_user_may_read_and_the_other_filters(
    login, staff_mentee, bangphlat, phranakhon
):
    ActivityFactory(community=CommunityFactory(district=bangphlat), title="ธนาคารขยะบางพลัด")
    mine = CommunityFactory(district=phranakhon)
    ActivityFactory(community=mine, title="ธนาคารขยะพระนคร", date=dt.date(2025, 8, 4))
    ActivityFactory(community=mine, title="ธนาคารขยะเดือนก่อน", date=dt.date(2025, 7, 4))
    client = login(staff_mentee)
    assert titles(client.get(URL, {"q": "ธนาคารขยะ", "month": "2568-08"})) == ["ธนาคารขยะพระนคร"]
    assert client.get(API, {"q": "บางพลัด"}).json()["results"] == []


def test_the_search_box_keeps_the_query_and_a_bad_one_is_a_message_not_an_error(
    login, strategy, bangphlat
):
    ActivityFactory(community=CommunityFactory(district=bangphlat), title="ธนาคารขยะ")
    client = login(strategy)
    body = client.get(URL, {"q": "ธนาคาร"}).content.decode()
    assert 'name="q"' in body and 'value="ธนาคาร"' in body
    for bad in ["\x00", "ก" * 5000, "²", "%", "_"]:
        response = client.get(URL, {"q": bad})
        assert response.status_code == 200
    assert "invalid-feedback" in client.get(URL, {"q": "ก" * 5000}).content.decode()
    assert titles(client.get(URL, {"q": "%"})) == []  # a LIKE wildcard is a plain character


def test_an_imported_title_with_invisible_characters_is_stored_clean_and_found(
    staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่มเย็น")
    book = Workbook()
    book.active.append(["รหัสชุมชน", "วันที่จัดกิจกรรม", "ชื่อกิจกรรม", "ประเภทกิจกรรม", "ขั้น", "ผู้เข้าร่วมทั้งหมด"])
    dirty = "\ufeffอบรม\u200bบัญชีครัวเรือน  หมู่\u200b๔"
    book.active.append([community.code, "4/8/2568", dirty, "บัญชีครัวเรือน", "เข้าใจ", "30"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = importing.run_import(
        kind="activities", data=buffer.getvalue(), filename="a.xlsx", user=staff_bangphlat,
        dry_run=False,
    )  # fmt: skip
    assert report.counts["new"] == 1, [r.problems for r in report.rows]
    _filter, found = selectors.activity_page(user=staff_bangphlat, data={"q": "บัญชีครัวเรือนหมู่4"})
    assert [a.title for a in found] == ["อบรมบัญชีครัวเรือน หมู่๔"]


@pytest.mark.parametrize("size", [3, 40])
def test_a_search_costs_the_same_few_queries_whatever_the_data(
    login, strategy, bangphlat, size, django_assert_max_num_queries
):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่มเย็น")
    ActivityFactory.create_batch(size, community=community, title="อบรมบัญชีครัวเรือน")
    client = login(strategy)
    client.get(URL)  # the bell's unread count is cached after the first page
    # The list's 10 (session, user, filter bar: communities / types / recorders, count, one
    # page with its joins, "may add") + the matching communities' ids + the bounded count
    # that decides whether to rank.
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"q": "ร่มเย็น"})
    assert len(titles(response)) == min(size, 25)
