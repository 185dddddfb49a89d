"""A community's point far from its district's centre is saved only once confirmed; the form
offers "ใช้ตำแหน่งปัจจุบัน"."""

from decimal import Decimal

import pytest
from django.urls import reverse

from communities import services
from communities.models import Community
from tests.communities.factories import CommunityFactory

pytestmark = pytest.mark.django_db

FORM = {"name": "ชุมชนริมน้ำ", "community_type": "urban", "population": "300", "status": "active",
        "model_step": "not_engaged", "district": ""}  # fmt: skip


def post(client, **extra):
    return client.post(reverse("communities:create"), FORM | extra)


def test_the_form_offers_the_current_location_with_the_districts_centre(login, staff_bangphlat):
    body = login(staff_bangphlat).get(reverse("communities:create")).content.decode()
    assert "ใช้ตำแหน่งปัจจุบัน" in body
    assert 'data-centroid-lat="13.787"' in body
    assert "js/geolocate.js" in body
    assert 'name="confirm_location"' not in body  # asked only when needed


def test_a_point_inside_the_district_is_saved(login, staff_bangphlat, bangphlat):
    client = login(staff_bangphlat)
    response = post(client, district=bangphlat.pk, latitude="13.790", longitude="100.490")
    assert response.status_code == 302
    assert Community.objects.get().latitude == Decimal("13.79000")


def test_a_far_point_is_refused_with_the_distance_until_confirmed(
    login, staff_bangphlat, bangphlat
):
    client = login(staff_bangphlat)
    far = {"district": bangphlat.pk, "latitude": "13.700", "longitude": "100.800"}
    body = post(client, **far).content.decode()
    assert "พิกัดนี้อยู่ห่างจากกลางเขตบางพลัด" in body
    assert 'name="confirm_location"' in body
    assert 'value="ชุมชนริมน้ำ"' in body  # nothing typed is lost
    assert not Community.objects.exists()
    assert post(client, confirm_location="on", **far).status_code == 302
    assert Community.objects.count() == 1


def test_editing_to_a_far_point_is_warned_too(login, staff_bangphlat, bangphlat):
    community = CommunityFactory(district=bangphlat)
    with pytest.raises(Exception, match="ยืนยันตำแหน่ง"):
        services.community_update(
            community=community, by=staff_bangphlat, version=community.version,
            confirm_location=False, latitude=Decimal("13.9"), longitude=Decimal("100.9"),
        )  # fmt: skip


def test_imports_which_cannot_ask_are_not_warned(staff_bangphlat, bangphlat):
    community = services.community_create(
        by=staff_bangphlat, district=bangphlat, name="ชุมชนไกล", community_type="urban",
        latitude=Decimal("13.9"), longitude=Decimal("100.9"),
    )  # fmt: skip
    assert community.pk


def test_distance_from_the_district_centre(bangphlat):
    km = services.distance_from_district_km(
        district=bangphlat, latitude=Decimal("13.787"), longitude=Decimal("100.594")
    )
    assert 10.7 < km < 10.9  # 0.1° of longitude at 13.8° N
