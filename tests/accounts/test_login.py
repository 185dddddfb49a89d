"""Logging in and out, in Thai, with lock-out after repeated failures (django-axes)."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def post_login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.0.0.1")


def test_login_page_is_thai(client):
    response = client.get(LOGIN)
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="th">' in body
    assert "เข้าสู่ระบบ" in body and "ชื่อผู้ใช้" in body and "รหัสผ่าน" in body


def test_district_staff_land_on_their_own_district(client, staff_bangphlat):
    response = post_login(client, staff_bangphlat.username, PASSWORD)
    assert response.status_code == 302
    assert client.get(response.url).url == reverse("districts:detail", args=["1025"])


def test_strategy_office_lands_on_the_dashboard(client, strategy):
    response = post_login(client, strategy.username, PASSWORD)
    assert client.get(response.url).url == reverse("dashboard:home")


def test_wrong_password_gets_a_thai_message(client, staff_bangphlat):
    response = post_login(client, staff_bangphlat.username, "wrong")
    assert response.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()


def test_repeated_failures_lock_the_account_out_even_with_the_right_password(
    client, staff_bangphlat, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, staff_bangphlat.username, "wrong")
    response = post_login(client, staff_bangphlat.username, PASSWORD)
    assert response.status_code == 429
    assert "บัญชีถูกล็อกชั่วคราว" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lock_out_does_not_affect_another_user(client, staff_bangphlat, staff_mentee, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, staff_bangphlat.username, "wrong")
    response = post_login(client, staff_mentee.username, PASSWORD)
    assert response.status_code == 302


def test_logout_is_a_post_and_ends_the_session(login, staff_bangphlat):
    client = login(staff_bangphlat)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("districts:list")).status_code == 302


def test_weak_passwords_are_rejected_by_the_validators():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("12345678")


@pytest.mark.parametrize("length", [151, 256, 5000])
def test_an_over_long_username_gets_a_thai_message_not_an_error_page(client, length):
    response = post_login(client, "ก" * length, "wrong")
    assert response.status_code == 200
    assert "ชื่อผู้ใช้ยาวเกิน 150 ตัวอักษร" in response.content.decode()
