"""/districts/ and /districts/<code>/: who may open them, Thai order, filters."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def district_names_on_page(response):
    return re.findall(r'class="district-name">([^<]+)<', response.content.decode())


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    for url in (reverse("districts:list"), reverse("districts:detail", args=["1025"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["portal_admin", "strategy", "staff_bangphlat", "staff_mentee"])
def test_every_logged_in_role_sees_the_district_list_and_profiles(role, request, login):
    client = login(request.getfixturevalue(role))
    assert client.get(reverse("districts:list")).status_code == 200
    response = client.get(reverse("districts:detail", args=["1025"]))
    assert response.status_code == 200
    assert "เขตบางพลัด" in response.content.decode()


def test_an_unknown_district_code_is_404(login, strategy):
    assert login(strategy).get(reverse("districts:detail", args=["9999"])).status_code == 404


def test_list_shows_all_fifty_in_thai_dictionary_order(login, strategy):
    names = district_names_on_page(login(strategy).get(reverse("districts:list")))
    assert len(names) == 50
    # Thai dictionary order skips prevowels: บางเขน before บางคอแหลม, บางแค before บางซื่อ —
    # a plain code-point sort gets both wrong.
    assert names.index("บางเขน") < names.index("บางคอแหลม")
    assert names.index("บางแค") < names.index("บางซื่อ")
    assert names[0] == "คลองเตย"
    assert names[-1] == "ห้วยขวาง"


def test_filter_by_zone_group_and_pilot(login, strategy):
    client = login(strategy)
    names = district_names_on_page(
        client.get(reverse("districts:list"), {"zone_group": "northern-krung-thon"})
    )
    assert len(names) == 8 and "บางพลัด" in names
    pilots = district_names_on_page(client.get(reverse("districts:list"), {"is_pilot": "1"}))
    assert sorted(pilots) == sorted(
        ["บางพลัด", "จตุจักร", "บางกอกน้อย", "ประเวศ", "ราชเทวี", "ราษฎร์บูรณะ", "สวนหลวง"]
    )


def test_district_list_query_count_is_bounded(login, strategy, django_assert_max_num_queries):
    client = login(strategy)
    # session + user, the list's version (districts/views.py), zone groups for the filter,
    # count, one page of districts with groups, the nav's count of lessons waiting (strategy
    # office; cached after the first page)
    with django_assert_max_num_queries(8):
        client.get(reverse("districts:list"))


def test_district_profile_shows_pilot_badge(login, staff_mentee):
    body = login(staff_mentee).get(reverse("districts:detail", args=["1025"])).content.decode()
    assert "เขตนำร่องแห่งแรก" in body
