"""A community's identity and clean names through the forms, the admin, the data migration
and search: a permanent code, an optional number, one normalised name per district."""

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from communities import services
from communities.models import Community
from tests.communities.factories import CommunityFactory

pytestmark = pytest.mark.django_db


def names(response):
    return re.findall(r'class="community-name">([^<]+)<', response.content.decode())


def form_data(**overrides):
    return {
        "district": "",
        "name": "ชุมชนร่วมใจ",
        "number": "",
        "community_type": "high_rise",
        "population": "500",
        "male": "240",
        "female": "260",
        "households": "",
        "status": "active",
        "model_step": "not_engaged",
    } | overrides


# --- Forms -------------------------------------------------------------------------------------
def test_a_new_community_gets_a_permanent_code_and_the_next_free_number(
    login, staff_bangphlat, bangphlat
):
    CommunityFactory(number=7)
    client = login(staff_bangphlat)
    response = client.post(
        reverse("communities:create"),
        form_data(district=bangphlat.pk, name="\ufeffชุมชน\u200bร่วมใจ  พัฒนา"),
    )
    community = Community.objects.get(name="ชุมชนร่วมใจ พัฒนา")  # stored clean
    assert response.status_code == 302
    assert (community.number, community.code) == (8, "1025-0008")
    page = client.get(community.get_absolute_url()).content.decode()
    assert "1025-0008" in page and "ชุมชนอาคารสูง" in page and "260" in page


def test_codes_are_never_reused_after_a_deletion(staff_bangphlat, bangphlat):
    first = services.community_create(
        by=staff_bangphlat, district=bangphlat, name="หนึ่ง", community_type="urban"
    )
    second = services.community_create(
        by=staff_bangphlat, district=bangphlat, name="สอง", community_type="urban"
    )
    services.community_delete(community=second, by=staff_bangphlat)
    third = services.community_create(
        by=staff_bangphlat, district=bangphlat, name="สาม", community_type="urban"
    )
    assert [first.code, second.code, third.code] == ["1025-0001", "1025-0002", "1025-0003"]


def test_a_second_community_with_the_same_normalised_name_gets_a_thai_message(
    login, staff_bangphlat, bangphlat
):
    CommunityFactory(name="ชุมชนหมู่ 4")
    response = login(staff_bangphlat).post(
        reverse("communities:create"), form_data(district=bangphlat.pk, name="หมู่4")
    )
    assert response.status_code == 200
    assert "เขตนี้มีชุมชนชื่อนี้อยู่แล้ว" in response.content.decode()
    assert Community.objects.count() == 1


def test_a_deleted_communitys_name_may_be_used_again(staff_bangphlat, bangphlat):
    old = CommunityFactory(name="ร่วมใจ")
    services.community_delete(community=old, by=staff_bangphlat)
    services.community_create(
        by=staff_bangphlat, district=bangphlat, name="ร่วมใจ", community_type="urban"
    )
    assert Community.objects.filter(name="ร่วมใจ").count() == 2


def test_population_below_men_and_women_names_both_numbers(staff_bangphlat, bangphlat):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match=r"\(100\).*\(150\)"):
        services.community_create(
            by=staff_bangphlat,
            district=bangphlat,
            name="ร่วมใจ",
            community_type="urban",
            population=100,
            male=70,
            female=80,
        )


# --- Admin -------------------------------------------------------------------------------------
def admin_data(district, **overrides):
    return {
        "district": district.pk,
        "name": "ชุมชน\u200bร่วมใจ",
        "number": "",
        "community_type": "crowded",
        "population": "10",
        "status": "active",
        "model_step": "not_engaged",
        "address": "",
        "chair_name": "",
        "chair_phone": "",
    } | overrides


def test_the_admin_writes_through_the_services(login, portal_admin, bangphlat):
    client = login(portal_admin)
    response = client.post(reverse("admin:communities_community_add"), admin_data(bangphlat))
    assert response.status_code == 302, response.content.decode()[:2000]
    community = Community.objects.get()
    assert (community.name, community.code, community.number) == ("ชุมชนร่วมใจ", "1025-0001", 1)
    assert community.history.first().history_user == portal_admin
    client.post(
        reverse("admin:communities_community_change", args=[community.pk]),
        admin_data(bangphlat, name="ชุมชนร่วมใจ\u200b พัฒนา", number="1"),
    )
    community.refresh_from_db()
    assert (community.name, community.version) == ("ชุมชนร่วมใจ พัฒนา", 2)


def test_the_admin_shows_a_duplicate_name_as_a_message(login, portal_admin, bangphlat):
    CommunityFactory(name="ร่วมใจ")
    response = login(portal_admin).post(
        reverse("admin:communities_community_add"), admin_data(bangphlat)
    )
    assert response.status_code == 200
    assert "เขตนี้มีชุมชนชื่อนี้อยู่แล้ว" in response.content.decode()


# --- The data migration ------------------------------------------------------------------------
def test_the_data_migration_cleans_stored_rows_and_keeps_every_one(bangphlat):
    migration = importlib.import_module("communities.migrations.0003_registry_identity")
    clean = CommunityFactory(name="ร่วมใจ", number=3)
    twin = CommunityFactory(number=5)
    legacy = CommunityFactory(number=9)
    Community.objects.filter(pk=twin.pk).update(name="ชุมชนร่วม\u200bใจ")
    Community.objects.filter(pk=legacy.pk).update(
        name="บ้านน\u0e4d\u0e49\u0e32ใส", households=0, community_type="หมู่บ้านจัดสรร"
    )
    migration.clean_stored_rows(apps, None)
    legacy.refresh_from_db()
    twin.refresh_from_db()
    assert (legacy.name, legacy.households, legacy.community_type, legacy.code) == (
        "บ้านน้ำใส",
        None,
        "housing_estate",
        "1025-0009",
    )
    assert twin.name == f"ชุมชนร่วมใจ (ซ้ำ {twin.pk})"
    assert Community.objects.get(pk=clean.pk).name == "ร่วมใจ"
    assert Community.objects.count() == 3


# --- Search ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "stored, query",
    [
        ("คลองเตยล็อค 1 - 3", "ชุมชนคลองเตยล็อค 1 - 3"),  # stored without the prefix
        ("ชุมชนคลองเตยล็อค 1 - 3", "คลองเตยล็อค 1-3"),  # spaces round the dash
        ("ชุมชนหมู่ 4", "หมู่4"),
        ("ชุมชน 70 ไร่", "๗๐ ไร่"),  # Thai digits
        ("ชุมชน๗๐ไร่", "70 ไร่"),
    ],
)
def test_search_finds_ordinary_queries(login, strategy, stored, query):
    CommunityFactory(name=stored)
    CommunityFactory(name="ชุมชนวัดบางพลัด")
    assert names(login(strategy).get(reverse("communities:list"), {"q": query})) == [stored]


def test_search_ranks_the_closest_name_first(login, strategy):
    CommunityFactory(name="ซอยวัดคลองเตยในซอยสาม")
    CommunityFactory(name="คลองเตย")
    CommunityFactory(name="คลองเตยล็อค 1 - 3")
    found = names(login(strategy).get(reverse("communities:list"), {"q": "คลองเตย"}))
    assert found[0] == "คลองเตย" and len(found) == 3


def test_the_list_shows_population_and_men_and_women(login, strategy):
    CommunityFactory(name="ร่วมใจ", population=1530, male=700, female=830, households=None)
    page = login(strategy).get(reverse("communities:list")).content.decode()
    assert "1,530" in page and "700 / 830" in page


def test_clearing_the_number_on_the_edit_form_keeps_it(login, staff_bangphlat):
    community = CommunityFactory(name="ร่วมใจ", number=4)
    response = login(staff_bangphlat).post(
        reverse("communities:edit", args=[community.pk]),
        form_data(name="ร่วมใจ", number="", version=community.version),
    )
    assert response.status_code == 302
    community.refresh_from_db()
    assert (community.number, community.population) == (4, 500)
