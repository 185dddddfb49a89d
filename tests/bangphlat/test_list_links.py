"""Following a list page's next-page and sort links keeps every active filter."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from handbook.models import Edition, EditionStatus
from lessons import services as lesson_services
from mentoring.models import MentoringSession, Trainer
from tests.communities.factories import CommunityFactory
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db


def link(body, text):
    """The href of the first link whose text is ``text`` (as a browser would follow it)."""
    match = re.search(rf'<a [^>]*href="([^"]*)"[^>]*>{re.escape(text)}</a>', body)
    assert match, f"no link {text!r}"
    return html.unescape(match.group(1))


def follow(client, url, href):
    assert href.startswith("?") and not href.startswith("??"), href
    return client.get(url + href)


def test_the_next_page_of_a_filtered_community_list_keeps_the_district_and_sort(
    login, strategy, bangphlat, phranakhon
):
    for number in range(1, 31):
        CommunityFactory(district=bangphlat, number=number, name=f"ชุมชนบางพลัด{number:02}")
        CommunityFactory(district=phranakhon, number=number, name=f"ชุมชนพระนคร{number:02}")
    client = login(strategy)
    url = reverse("communities:list")
    first = client.get(url, {"district": "1025", "sort": "number"}).content.decode()
    second = follow(client, url, link(first, "ถัดไป")).content.decode()
    assert "หน้า 2 จาก 2" in second
    assert re.findall(r"ชุมชนบางพลัด\d\d", second) == [f"ชุมชนบางพลัด{n}" for n in range(26, 31)]
    assert "ชุมชนพระนคร" not in second
    back = follow(client, url, link(second, "ก่อนหน้า")).content.decode()
    assert "ชุมชนบางพลัด01" in back and "ชุมชนพระนคร" not in back


def test_the_next_page_of_a_filtered_lesson_list_keeps_the_filter(login, staff_bangphlat):
    for n in range(22):
        make_lesson(staff_bangphlat, title=f"บทเรียนขั้นเข้าใจ {n:02}", step="understand")
    for n in range(5):
        make_lesson(staff_bangphlat, title=f"บทเรียนขั้นพัฒนา {n:02}", step="develop")
    client = login(staff_bangphlat)
    url = reverse("lessons:list")
    first = client.get(url, {"step": "understand"}).content.decode()
    second = follow(client, url, link(first, "ถัดไป")).content.decode()
    assert "หน้า 2 จาก 2" in second
    assert len(re.findall(r"บทเรียนขั้นเข้าใจ \d\d", second)) == 2
    assert "บทเรียนขั้นพัฒนา" not in second


def test_the_dashboards_sort_links_keep_the_pilot_filter(login, strategy):
    client = login(strategy)
    url = reverse("dashboard:home")
    body = client.get(url, {"kind": "pilot"}).content.decode()
    pilots = body.split('id="district-table"')[1].count("★")
    assert pilots == 7
    sorted_once = follow(client, url, link(body, "เขต")).content.decode()
    table = sorted_once.split('id="district-table"')[1]
    assert table.count("<tr>") - 1 == 7  # the header row and the seven pilots only
    assert 'aria-sort="ascending"' in table
    reversed_ = follow(client, url, link(sorted_once, "เขต")).content.decode()
    table = reversed_.split('id="district-table"')[1]
    assert table.count("<tr>") - 1 == 7 and 'aria-sort="descending"' in table


def test_the_review_queue_pages_on(login, staff_bangphlat, strategy):
    for n in range(21):
        lesson = make_lesson(staff_bangphlat, title=f"รอพิจารณา {n:02}")
        lesson_services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    client = login(strategy)
    url = reverse("lessons:review_queue")
    second = follow(client, url, link(client.get(url).content.decode(), "ถัดไป"))
    assert "หน้า 2 จาก 2" in second.content.decode()
    assert "รอพิจารณา 20" in second.content.decode()


def test_the_session_list_pages_on(login, strategy, bangphlat):
    for n in range(21):
        MentoringSession.objects.create(
            mentor=bangphlat, date=dt.date(2025, 1, 1) + dt.timedelta(days=n),
            kind="site_visit", topics=f"หัวข้อ {n:02}", attendee_count=5, created_by=strategy,
        )  # fmt: skip
    client = login(strategy)
    url = reverse("mentoring:sessions")
    second = follow(client, url, link(client.get(url).content.decode(), "ถัดไป"))
    assert "หน้า 2 จาก 2" in second.content.decode()


def test_the_trainer_list_pages_on(client, bangphlat):
    Trainer.objects.bulk_create(
        Trainer(name=f"วิทยากร {n:02}", district=bangphlat, position="ครู", topics="บัญชี")
        for n in range(31)
    )
    url = reverse("mentoring:trainers")
    second = follow(client, url, link(client.get(url).content.decode(), "ถัดไป"))
    assert "หน้า 2 จาก 2" in second.content.decode()
    assert "วิทยากร 30" in second.content.decode()


def test_the_handbook_edition_list_pages_on(login, strategy):
    Edition.objects.bulk_create(
        Edition(title=f"คู่มือ {n:02}", number=n, content_hash=f"{n:064}", status=EditionStatus.FAILED)
        for n in range(21)
    )
    client = login(strategy)
    url = reverse("handbook:home")
    second = follow(client, url, link(client.get(url).content.decode(), "ถัดไป"))
    assert "หน้า 2 จาก 2" in second.content.decode()
