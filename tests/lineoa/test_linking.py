"""/accounts/line/: a one-time code (10 minutes, single use, not guessable) that the user sends
to the Official Account; the webhook links the sender and replies; unlink on the page or
unfollow in LINE removes it."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from lineoa import services
from lineoa.models import LineLink, LinkCode
from tests.lineoa.conftest import event, post_webhook, webhook_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(login, staff_bangphlat):
    return login(staff_bangphlat)


def code_on_page(response) -> str:
    found = re.search(r'data-line-link-code="([A-Z0-9]+)"', response.content.decode())
    assert found, "no code on the page"
    return found.group(1)


def send(client, text, user_id="U-new", event_id="E1"):
    post_webhook(client, webhook_body(event("text", user_id, text=text, event_id=event_id)))


def last_reply(line) -> str:
    return line.replies[-1].body["messages"][0]["text"]


def test_the_page_shows_a_code_valid_ten_minutes_and_a_qr_to_add_the_account(
    staff_client, line, staff_bangphlat
):
    response = staff_client.get("/accounts/line/")
    assert response.status_code == 200
    code = code_on_page(response)
    assert len(code) == 8
    stored = LinkCode.objects.get(code=code)
    assert stored.user == staff_bangphlat
    assert dt.timedelta(minutes=9) < stored.expires_at - timezone.now() <= dt.timedelta(minutes=10)
    html = response.content.decode()
    assert 'class="qr-code"' in html and "https://line.me/R/ti/p/@bangphlat" in html
    assert "ภายใน 10 นาที" in html
    # a reload shows the same code, not a new one each time
    assert code_on_page(staff_client.get("/accounts/line/")) == code


def test_sending_the_code_links_the_sender_and_replies(staff_client, line, staff_bangphlat):
    code = code_on_page(staff_client.get("/accounts/line/"))
    send(staff_client, f"  {code.lower()[:4]} {code.lower()[4:]} ")  # typed loosely
    assert LineLink.objects.get(user=staff_bangphlat).line_user_id == "U-new"
    assert "เชื่อมบัญชี staff1025_t กับ LINE นี้แล้ว" in last_reply(line)
    page = staff_client.get("/accounts/line/").content.decode()
    assert "เชื่อมบัญชี LINE แล้ว" in page and "data-line-link-code" not in page


def test_a_code_works_once(staff_client, line, staff_bangphlat, staff_mentee):
    code = code_on_page(staff_client.get("/accounts/line/"))
    send(staff_client, code, "U-first", "E1")
    send(staff_client, code, "U-second", "E2")
    assert LineLink.objects.get(user=staff_bangphlat).line_user_id == "U-first"
    assert not LineLink.objects.filter(line_user_id="U-second").exists()
    assert "ใช้ไม่ได้" in last_reply(line)


def test_an_expired_code_links_nothing(staff_client, line, staff_bangphlat):
    code = code_on_page(staff_client.get("/accounts/line/"))
    LinkCode.objects.filter(code=code).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    send(staff_client, code)
    assert not LineLink.objects.exists()
    assert "หมดอายุ" in last_reply(line)
    # the page gives a new one
    assert code_on_page(staff_client.get("/accounts/line/")) != code


def test_a_new_code_makes_the_old_one_useless(staff_client, line):
    old = code_on_page(staff_client.get("/accounts/line/"))
    staff_client.post("/accounts/line/action/", {"new_code": "1"})
    new = code_on_page(staff_client.get("/accounts/line/"))
    assert new != old
    send(staff_client, old)
    assert not LineLink.objects.exists()


def test_guessing_codes_is_cut_off_after_five_tries(staff_client, line, staff_bangphlat):
    code = code_on_page(staff_client.get("/accounts/line/"))
    for number in range(5):
        send(staff_client, "ZZZZZZZ" + "23456"[number], "U-guess", f"G{number}")
    send(staff_client, code, "U-guess", "G-real")  # even the right code, now
    assert not LineLink.objects.exists()
    assert "บ่อยเกินไป" in last_reply(line)


def test_asking_for_codes_is_rate_limited(staff_client, line):
    for _ in range(services.CODES_PER_HOUR):
        staff_client.post("/accounts/line/action/", {"new_code": "1"})
    response = staff_client.post("/accounts/line/action/", {"new_code": "1"}, follow=True)
    assert "ขอรหัสบ่อยเกินไป" in response.content.decode()


def test_unlinking_on_the_page_removes_the_link(staff_client, line, linked_staff):
    page = staff_client.get("/accounts/line/").content.decode()
    assert "เลิกเชื่อมบัญชี LINE" in page
    response = staff_client.post("/accounts/line/action/", {"unlink": "1"}, follow=True)
    assert "เลิกเชื่อมบัญชี LINE แล้ว" in response.content.decode()
    assert not LineLink.objects.exists()


def test_linking_again_from_the_same_line_account_moves_the_link(
    client, line, staff_bangphlat, staff_mentee
):
    first = services.link_code_issue(user=staff_bangphlat)
    second = services.link_code_issue(user=staff_mentee)
    send(client, first.code, "U-shared", "E1")
    send(client, second.code, "U-shared", "E2")
    assert list(LineLink.objects.values_list("user", flat=True)) == [staff_mentee.pk]


def test_unfollow_then_the_page_offers_a_code_again(staff_client, line, linked_staff):
    post_webhook(staff_client, webhook_body(event("unfollow", "U-staff")))
    code_on_page(staff_client.get("/accounts/line/"))


def test_a_deactivated_account_cannot_be_linked(client, line, staff_bangphlat):
    code = services.link_code_issue(user=staff_bangphlat)
    staff_bangphlat.is_active = False
    staff_bangphlat.save()
    send(client, code.code)
    assert not LineLink.objects.exists()


def test_the_page_needs_a_login(client, line):
    response = client.get("/accounts/line/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post("/accounts/line/action/", {"unlink": "1"}).status_code == 302


def test_without_a_token_the_page_says_line_is_off_and_gives_no_code(staff_client, line, settings):
    settings.LINE_CHANNEL_ACCESS_TOKEN = ""
    response = staff_client.get("/accounts/line/")
    assert response.status_code == 200
    assert "ยังไม่เปิดใช้การแจ้งเตือนทาง LINE" in response.content.decode()
    assert not LinkCode.objects.exists()


def test_the_notice_preferences_page_links_to_the_line_page(staff_client):
    html = staff_client.get("/reporting/notices/").content.decode()
    assert 'href="/accounts/line/"' in html


def test_the_page_in_english(staff_client, line):
    staff_client.cookies["django_language"] = "en"
    html = staff_client.get("/accounts/line/").content.decode()
    assert "Send this code" in html


def test_the_admin_shows_links_but_cannot_add_or_change_them(login, portal_admin, linked_staff):
    from django.urls import reverse

    client = login(portal_admin)
    assert client.get(reverse("admin:lineoa_linelink_changelist")).status_code == 200
    assert client.get(reverse("admin:lineoa_linelink_add")).status_code == 403
    assert client.get(reverse("admin:lineoa_linemessage_changelist")).status_code == 200


def test_guessing_from_many_line_accounts_is_cut_off_too(client, line, monkeypatch):
    monkeypatch.setattr(services, "ATTEMPTS_OVERALL", 3)
    for number in range(4):
        send(client, "ZZZZZZZZ", f"U-throwaway-{number}", f"T{number}")
    assert "ใช้ไม่ได้" in line.replies[2].body["messages"][0]["text"]
    assert "บ่อยเกินไป" in last_reply(line)


def test_the_page_keeps_to_a_query_budget(staff_client, line, django_assert_max_num_queries):
    staff_client.get("/accounts/line/")  # the first view issues the code
    # session, user, the link, the valid code, the bell's count
    with django_assert_max_num_queries(5):
        assert staff_client.get("/accounts/line/").status_code == 200


def test_who_may_link_line(staff_bangphlat):
    from django.contrib.auth.models import AnonymousUser

    from lineoa.access import can_link_line

    assert can_link_line(staff_bangphlat)
    assert not can_link_line(AnonymousUser())
    staff_bangphlat.is_active = False
    assert not can_link_line(staff_bangphlat)
