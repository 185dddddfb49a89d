"""Issue 29 part 9: Thai search finds a name written the other way (ล็อก/ล็อค, กม./ก.ม., ฯ)
or with one letter slipped, and numbers inside names sort as numbers — on SQLite and on
PostgreSQL alike (run this file with DATABASE_URL set to a PostgreSQL database too)."""

import re

import pytest
from django.urls import reverse

from bangphlat.thai import thai_sort_key
from communities import selectors
from communities.models import Activity, Community
from districts.models import District
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db


def names(response):
    return re.findall(r'class="community-name">([^<]+)<', response.content.decode())


@pytest.fixture
def communities(bangphlat):
    for name in [
        "ชุมชนคลองเตยล็อค 1-3",
        "ชุมชนซอย ก.ม. 11",
        "ชุมชนวัดพระเชตุพนฯ",
        "ชุมชนร่วมใจพัฒนา",
        "ชุมชนวัดบางพลัด",
    ]:
        CommunityFactory(district=bangphlat, name=name)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ล็อก 1-3", ["ชุมชนคลองเตยล็อค 1-3"]),  # ก for ค
        ("คลองเตยล็อค", ["ชุมชนคลองเตยล็อค 1-3"]),  # as typed: the substring search
        ("กม. 11", ["ชุมชนซอย ก.ม. 11"]),  # dots of the abbreviation
        ("วัดพระเชตุพน", ["ชุมชนวัดพระเชตุพนฯ"]),  # as typed (a substring)
        ("พระเชตุพนฯ", ["ชุมชนวัดพระเชตุพนฯ"]),
        ("ร่วมใจพัฒณา", ["ชุมชนร่วมใจพัฒนา"]),  # one letter slipped: the trigram fallback
        ("วัดบางพลัส", ["ชุมชนวัดบางพลัด"]),
    ],
)
def test_the_community_search_tolerates_spellings_and_slips(
    login, strategy, communities, query, expected
):
    found = names(login(strategy).get(reverse("communities:list"), {"q": query}))
    assert found == expected


def test_a_search_with_nothing_close_finds_nothing(login, strategy, communities):
    assert names(login(strategy).get(reverse("communities:list"), {"q": "สนามกีฬา"})) == []


def test_an_exact_match_is_not_drowned_by_fuzzy_ones(strategy, communities, bangphlat):
    CommunityFactory(district=bangphlat, name="ชุมชนวัดบางพลัดใน")
    found = [c.name for c in selectors.community_list(user=strategy, filters={"q": "บางพลัด"})]
    assert set(found) == {"ชุมชนวัดบางพลัด", "ชุมชนวัดบางพลัดใน"}


def test_the_activity_search_tolerates_a_slip_in_the_title(strategy, bangphlat):
    community = CommunityFactory(district=bangphlat, name="ชุมชนริมคลอง")
    ActivityFactory(community=community, title="อบรมการทำบัญชีครัวเรือน")
    ActivityFactory(community=community, title="ปลูกผักสวนครัว")
    found = selectors.search_activities(Activity.objects.all(), "อบรมการทำบัญชีครัวเรีอน")
    assert [a.title for a in found] == ["อบรมการทำบัญชีครัวเรือน"]
    found = selectors.search_activities(Activity.objects.all(), "ริมคลอล")
    assert len(found) == 2  # the community's name, one letter slipped


def test_numbers_inside_names_sort_as_numbers(login, strategy, bangphlat):
    for name in ["ชุมชนซอย 12", "ชุมชนซอย 5", "ชุมชนซอย ๗", "ชุมชนซอย 100", "ชุมชนกองดิน"]:
        CommunityFactory(district=bangphlat, name=name)
    assert names(login(strategy).get(reverse("communities:list"))) == [
        "ชุมชนกองดิน",
        "ชุมชนซอย 5",
        "ชุมชนซอย ๗",
        "ชุมชนซอย 12",
        "ชุมชนซอย 100",
    ]
    # The model's own order and the reverse sort too.
    assert [c.name for c in Community.objects.all()][1:3] == ["ชุมชนซอย 5", "ชุมชนซอย ๗"]
    reverse_order = selectors.community_list(user=strategy, filters={"sort": "-name"})
    assert [c.name for c in reverse_order][:2] == ["ชุมชนซอย 100", "ชุมชนซอย 12"]


def test_district_names_keep_thai_dictionary_order():
    names_in_order = list(District.objects.values_list("name_th", flat=True))
    assert names_in_order == sorted(names_in_order, key=thai_sort_key)  # Python sorts alike
    assert len(names_in_order) == 50
