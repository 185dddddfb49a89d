"""The 50 districts come from the data migration with official codes, names and groups."""

import pytest

from districts.models import District, ZoneGroup

pytestmark = pytest.mark.django_db

PILOTS = {"1025", "1030", "1020", "1032", "1037", "1024", "1034"}


def test_there_are_fifty_districts_with_codes_1001_to_1050():
    codes = set(District.objects.values_list("code", flat=True))
    assert codes == {str(code) for code in range(1001, 1051)}


def test_district_names_and_groups_match_the_reference():
    bang_phlat = District.objects.get(code="1025")
    assert (bang_phlat.name_th, bang_phlat.name_en) == ("บางพลัด", "Bang Phlat")
    assert bang_phlat.zone_group.name_th == "กลุ่มกรุงธนเหนือ"
    assert District.objects.get(code="1050").name_en == "Bang Bon"
    assert District.objects.get(code="1032").zone_group.name_th == "กลุ่มกรุงเทพตะวันออก"


def test_six_zone_groups_with_their_sizes():
    sizes = {group.name_th: group.districts.count() for group in ZoneGroup.objects.all()}
    assert sizes == {
        "กลุ่มกรุงเทพกลาง": 9,
        "กลุ่มกรุงเทพใต้": 10,
        "กลุ่มกรุงเทพเหนือ": 7,
        "กลุ่มกรุงเทพตะวันออก": 9,
        "กลุ่มกรุงธนเหนือ": 8,
        "กลุ่มกรุงธนใต้": 7,
    }


def test_exactly_the_seven_pilots_and_bang_phlat_is_the_original():
    assert set(District.objects.pilots().values_list("code", flat=True)) == PILOTS
    assert list(District.objects.filter(is_original_pilot=True).values_list("code", flat=True)) == [
        "1025"
    ]


def test_every_zone_group_has_a_pilot():
    for group in ZoneGroup.objects.all():
        assert group.districts.filter(is_pilot=True).exists(), group.name_th


def test_every_district_has_a_tile_on_the_map_and_no_two_share_one():
    tiles = list(District.objects.values_list("tile_col", "tile_row"))
    assert None not in {c for tile in tiles for c in tile}
    assert len(set(tiles)) == 50
