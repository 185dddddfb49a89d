"""/accounts/profile/: the name in the top bar opens the user's own page — notices, LINE,
API tokens and password in one place."""

import pytest
from django.urls import reverse

from notices.models import NoticePreference

pytestmark = pytest.mark.django_db

PROFILE = "/accounts/profile/"


def test_the_profile_has_its_address_and_name():
    assert reverse("accounts:profile") == PROFILE


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert client.get(PROFILE).url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["staff_bangphlat", "strategy", "portal_admin"])
def test_the_name_in_the_top_bar_opens_the_profile(role, request, login):
    user = request.getfixturevalue(role)
    body = login(user).get(reverse("districts:list")).content.decode()
    link = body.split('id="my-profile"')[1].split("</a>")[0]
    assert f'href="{PROFILE}"' in link and user.display_name in link
    assert f'href="{reverse("tokens")}"' not in body.split("</nav>")[0]


def test_the_profile_gathers_notices_line_tokens_and_password(login, staff_bangphlat):
    body = login(staff_bangphlat).get(PROFILE).content.decode()
    assert "บัญชีของฉัน" in body and "เขตบางพลัด" in body
    assert 'id="notice-preference"' in body and 'value="daily"' in body
    assert 'id="profile-line"' in body
    assert f'id="my-tokens" href="{reverse("tokens")}"' in body
    assert f'href="{reverse("accounts:password_change")}"' in body


def test_a_user_sets_how_notices_reach_them(login, staff_bangphlat):
    client = login(staff_bangphlat)
    response = client.post(PROFILE, {"mode": "none"}, follow=True)
    assert "บันทึกการตั้งค่าการแจ้งเตือนแล้ว" in response.content.decode()
    assert NoticePreference.objects.get(user=staff_bangphlat).mode == "none"
    chosen = response.content.decode().split('value="none"')[1].split(">")[0]
    assert "checked" in chosen


def test_an_unknown_choice_is_refused_without_an_error_page(login, staff_bangphlat):
    response = login(staff_bangphlat).post(PROFILE, {"mode": "carrier-pigeon"})
    assert response.status_code == 200
    assert not NoticePreference.objects.filter(user=staff_bangphlat).exists()


def test_the_profile_stays_within_its_budget(login, strategy, django_assert_max_num_queries):
    client = login(strategy)
    # session, user, the preference, the bell's count, the nav's count of lessons waiting
    with django_assert_max_num_queries(5):
        assert client.get(PROFILE).status_code == 200
