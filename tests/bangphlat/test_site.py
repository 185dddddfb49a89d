"""Site-wide behaviour: home redirects by role, /healthz, Thai-first pages, no internet assets."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_sends_anonymous_visitors_to_login(client):
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_home_sends_district_staff_to_their_district(login, staff_mentee):
    assert login(staff_mentee).get("/").url == reverse("districts:detail", args=["1001"])


def test_home_sends_the_strategy_office_to_the_dashboard(login, strategy):
    assert login(strategy).get("/").url == reverse("dashboard:home")


def test_home_sends_admins_to_all_districts(login, portal_admin):
    assert login(portal_admin).get("/").url == reverse("districts:list")


def test_healthz_answers_json_with_a_database_round_trip(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_reports_a_broken_database_without_details(client, monkeypatch, caplog):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise RuntimeError("database is gone")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error"}  # no host, name or error text for anyone
    assert "database is gone" in caplog.text  # the reason is in the log


def test_pages_are_thai_by_default_and_english_on_request(login, staff_bangphlat):
    client = login(staff_bangphlat)
    body = client.get(reverse("districts:detail", args=["1025"])).content.decode()
    assert '<html lang="th">' in body and "เขตบางพลัด" in body
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("districts:detail", args=["1025"])).content.decode()
    assert '<html lang="en">' in body and "Bang Phlat District" in body


def test_pages_load_no_asset_from_the_internet_and_no_inline_script(login, strategy):
    body = login(strategy).get(reverse("districts:list")).content.decode()
    for url in re.findall(r'(?:src|href)="([^"]+)"', body):
        assert not url.startswith(("http:", "https:", "//")), url
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body) is None


def test_responses_carry_a_content_security_policy(client):
    policy = client.get("/accounts/login/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_an_english_browser_still_gets_thai_until_the_user_switches(client):
    body = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="th">' in body
