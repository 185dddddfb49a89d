"""Changing one's password, and resetting a forgotten one by an e-mailed link that works
once; the reset request is rate-limited and never tells whether an address has an account."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts import views
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "ชุมชนเข้มแข็ง-2569"
RESET = reverse("accounts:password_reset")
SENT = "ถ้าอีเมลที่กรอกลงทะเบียนไว้กับพอร์ทัล"
TOO_MANY = "มีการขอตั้งรหัสผ่านใหม่บ่อยเกินไป"


@pytest.fixture
def staff(staff_bangphlat):
    staff_bangphlat.email = "somsri@bangkok.example"
    staff_bangphlat.save()
    return staff_bangphlat


def reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", message.body)[1]


def log_in(client, user, password):
    return client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": password},
        REMOTE_ADDR="10.0.0.1",
    )


# --- Change ----------------------------------------------------------------------------------
def test_the_user_menu_links_to_the_password_change_page(login, staff):
    # The name in the top bar opens the profile, which holds the password change.
    client = login(staff)
    body = client.get(reverse("districts:list")).content.decode()
    assert reverse("accounts:profile") in body.split('id="my-profile"')[1].split(">")[0]
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:password_change") in profile
    assert "เปลี่ยนรหัสผ่าน" in profile


def test_a_user_changes_their_password_and_stays_logged_in(login, client, staff):
    page = login(staff).get(reverse("accounts:password_change"))
    assert page.status_code == 200
    assert "รหัสผ่านปัจจุบัน" in page.content.decode()
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_change_done")
    assert "_auth_user_id" in client.session
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD)


def test_a_wrong_current_password_is_refused_in_thai(login, staff):
    response = login(staff).post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "รหัสผ่านปัจจุบันไม่ถูกต้อง" in response.content.decode()
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)


@pytest.mark.parametrize(
    "new1, new2, message",
    [
        ("12345678901", "12345678901", "รหัสผ่านต้องไม่เป็นตัวเลขล้วน"),
        ("abc12", "abc12", "รหัสผ่านสั้นเกินไป"),
        ("password123", "password123", "รหัสผ่านนี้ใช้กันทั่วไป"),
        (NEW_PASSWORD, NEW_PASSWORD + "x", "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน"),
    ],
)
def test_weak_or_mismatched_new_passwords_get_thai_messages(login, staff, new1, new2, message):
    response = login(staff).post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new1, "new_password2": new2},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "This password" not in body


def test_anonymous_users_are_sent_to_log_in_to_change_a_password(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


# --- Reset -----------------------------------------------------------------------------------
def test_the_login_page_links_to_the_forgotten_password_page(client):
    assert RESET in client.get(reverse("accounts:login")).content.decode()


def test_a_forgotten_password_is_reset_by_an_emailed_link_that_works_once(client, staff):
    response = client.post(RESET, {"email": "Somsri@Bangkok.example"}, follow=True)
    assert SENT in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["somsri@bangkok.example"]
    assert "ตั้งรหัสผ่านใหม่" in message.subject
    assert staff.username in message.body
    link = reset_link(message)

    form = client.get(link, follow=True)  # Django moves the token into the session
    assert "ยืนยันรหัสผ่านใหม่" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "ตั้งรหัสผ่านใหม่เรียบร้อยแล้ว" in done.content.decode()
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD)

    again = client.get(link, follow=True)
    assert "ลิงก์นี้ใช้ไม่ได้แล้ว" in again.content.decode()
    assert log_in(client, staff, PASSWORD).status_code == 200  # the old password is gone
    assert log_in(client, staff, NEW_PASSWORD).status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, staff):
    known = client.post(RESET, {"email": staff.email}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@bangkok.example"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert SENT in unknown.content.decode()
    assert known.redirect_chain == unknown.redirect_chain
    assert len(mail.outbox) == 1


def test_reset_requests_for_one_address_are_limited(client, staff):
    for _ in range(views.RESETS_PER_EMAIL):
        client.post(RESET, {"email": staff.email}, REMOTE_ADDR="10.0.0.1")
    response = client.post(RESET, {"email": staff.email}, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert len(mail.outbox) == views.RESETS_PER_EMAIL


def test_the_email_limit_applies_to_unknown_addresses_too_so_it_reveals_nothing(client, staff):
    for _ in range(views.RESETS_PER_EMAIL):
        client.post(RESET, {"email": "nobody@bangkok.example"})
    response = client.post(RESET, {"email": "nobody@bangkok.example"})
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()


def test_reset_requests_from_one_client_address_are_limited(client, staff):
    """One address asking for many accounts (an enumeration or a mail flood) is stopped,
    also behind nginx where the address comes from X-Forwarded-For."""
    for n in range(views.RESETS_PER_ADDRESS):
        client.post(
            RESET,
            {"email": f"user{n}@bangkok.example"},
            REMOTE_ADDR="",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    response = client.post(
        RESET, {"email": staff.email}, REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert response.status_code == 429
    assert not mail.outbox
    other = client.post(
        RESET, {"email": staff.email}, REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    assert other.status_code == 302
    assert len(mail.outbox) == 1


def test_a_forged_reset_link_is_refused_in_thai(client, staff):
    response = client.get("/accounts/password/reset/MQ/abc-123/", follow=True)
    assert response.status_code == 200
    assert "ลิงก์นี้ใช้ไม่ได้แล้ว" in response.content.decode()


def test_the_reset_pages_are_thai_and_use_the_portal_layout(client):
    body = client.get(RESET).content.decode()
    assert '<html lang="th">' in body
    assert "ลืมรหัสผ่าน" in body and "อีเมลที่ลงทะเบียนไว้กับพอร์ทัล" in body
