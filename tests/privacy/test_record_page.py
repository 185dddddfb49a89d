"""/privacy/: the record of processing (PDPA s.39) for every logged-in user, in Thai and
English, one card per category with its purpose, basis, who sees it, where it goes and its
retention; linked from the footer."""

import importlib
import re

import pytest
from django.urls import reverse

from privacy.categories import CATEGORIES

pytestmark = pytest.mark.django_db

URL = "/privacy/"
KEYS = [
    "community_contacts",
    "interviewees",
    "training_participants",
    "user_accounts",
    "notices",
    "uploads",
    "change_history",
]


def _card(body: str, key: str) -> str:
    match = re.search(rf'id="category-{key}".*?</section>', body, flags=re.DOTALL)
    assert match, f"no card for {key}"
    return re.sub(r"<[^>]+>", "", match.group(0))  # thai_text wraps words in spans


def test_the_page_is_at_privacy_and_needs_a_login(client):
    assert reverse("privacy:record") == URL
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("who", ["staff_bangphlat", "staff_mentee", "strategy", "portal_admin"])
def test_every_logged_in_user_reads_every_category(
    request, login, who, django_assert_max_num_queries
):
    client = login(request.getfixturevalue(who))
    with django_assert_max_num_queries(4):  # session, user (+ district for staff), unread bell
        body = client.get(URL).content.decode()
    assert "บันทึกรายการกิจกรรมการประมวลผลข้อมูลส่วนบุคคล" in body
    for key in KEYS:
        card = _card(body, key)
        for heading in ["ข้อมูลที่เก็บ", "วัตถุประสงค์", "ฐานทางกฎหมาย", "ผู้ที่เห็นได้"]:
            assert heading in card
        assert "ส่งต่อไปที่" in card and "ระยะเวลาเก็บ" in card


def test_each_card_says_its_basis_audience_destination_and_period(login, staff_bangphlat):
    body = login(staff_bangphlat).get(URL).content.decode()
    contacts = _card(body, "community_contacts")
    assert "ผู้ติดต่อของชุมชน" in contacts and "มาตรา 24(4)" in contacts
    assert "ไม่เห็นชื่อและเบอร์โทรศัพท์" in contacts and "ครบ 1 ปี" in contacts
    interviewees = _card(body, "interviewees")
    assert "มาตรา 19" in interviewees and "คู่มือฉบับพิมพ์" in interviewees
    assert "บันทึกการถอน" in interviewees
    participants = _card(body, "training_participants")
    assert "ครบ 2 ปี หลังวันสิ้นสุดการอบรม" in participants and "วุฒิบัตร" in participants
    assert "ผู้เข้าอบรมและวิทยากร" in participants and "อีเมลของวิทยากร" in participants
    accounts = _card(body, "user_accounts")
    assert "ผู้ดูแลระบบปิดบัญชี" in accounts and "ไม่ได้เข้าสู่ระบบครบ 2 ปี ถูกลบอีเมล" in accounts
    assert "เฉพาะผู้รับการแจ้งเตือน" in _card(body, "notices")
    assert "ครบ 24 ชั่วโมง" in _card(body, "uploads")
    assert "เก่ากว่า 5 ปี" in _card(body, "change_history")


def test_the_periods_shown_follow_the_settings(login, staff_bangphlat, settings):
    settings.PRIVACY_RETENTION = {**settings.PRIVACY_RETENTION, "training_participants": 400}
    body = login(staff_bangphlat).get(URL).content.decode()
    assert "ครบ 400 วัน หลังวันสิ้นสุดการอบรม" in _card(body, "training_participants")


def test_the_page_reads_in_english(login, client, staff_bangphlat):
    login(staff_bangphlat)
    client.post(reverse("set_language"), {"language": "en", "next": URL})
    body = client.get(URL).content.decode()
    assert "Record of processing activities" in body
    assert "Participants and trainers" in _card(body, "training_participants")
    assert "Phone numbers are removed 2 years after the run ends" in body
    assert "Public task and official authority (s.24(4))" in body
    assert "Deleted 1 year after they were sent" in body
    assert "ระยะเวลาเก็บ" not in body and "Retention" in body


def test_the_footer_links_to_the_page_for_logged_in_users(client, login, staff_bangphlat):
    assert 'id="footer-privacy"' not in client.get(reverse("accounts:login")).content.decode()
    body = login(staff_bangphlat).get(reverse("home"), follow=True).content.decode()
    assert f'href="{URL}" id="footer-privacy"' in body


def test_one_list_of_categories_with_the_agreed_keys():
    assert [category.key for category in CATEGORIES] == KEYS


@pytest.mark.parametrize("category", CATEGORIES, ids=lambda c: c.key)
def test_the_access_rules_the_page_names_exist(category):
    for path in category.rules:
        module, name = path.rsplit(".", 1)
        assert callable(getattr(importlib.import_module(module), name)), path
