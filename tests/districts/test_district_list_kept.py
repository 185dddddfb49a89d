"""/districts/ is kept per query string and language under ``epoch`` (districts/views.py): a
reload with nothing changed runs no district query, and a change of a district or a zone group
is on the next load."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from districts.models import District, ZoneGroup
from tests.districts.test_district_views import district_names_on_page

pytestmark = pytest.mark.django_db


def table(content: bytes) -> bytes:
    return re.search(rb'<form method="get".*</table>', content, re.S).group()


def test_a_reload_with_nothing_changed_runs_no_district_query(
    login, staff_bangphlat, django_assert_max_num_queries
):
    client = login(staff_bangphlat)
    first_page = client.get(reverse("districts:list"))
    first = first_page.content
    assert len(district_names_on_page(first_page)) == 50
    # session, user, the version, the staff's district: no count, list or zone groups
    with django_assert_max_num_queries(4) as queries:
        again = client.get(reverse("districts:list")).content
    listing = [
        query["sql"]
        for query in queries.captured_queries
        if "COUNT(" in query["sql"]
        or "districts_zonegroup" in query["sql"]
        or ('FROM "districts_district"' in query["sql"] and "ORDER BY" in query["sql"])
    ]
    assert listing == []  # the staff's own district is still read with the menu
    assert table(again) == table(first)


def test_a_renamed_district_or_group_is_on_the_next_load(login, strategy, committed):
    client = login(strategy)
    url = reverse("districts:list")
    assert "บางพลัด" in district_names_on_page(client.get(url))
    with committed():
        district = District.objects.get(code="1025")
        district.name_th = "บางพลัดใหม่"
        district.save()
    assert "บางพลัดใหม่" in district_names_on_page(client.get(url))
    with committed():
        group = district.zone_group
        group.name_th = "กลุ่มเขตทดสอบ"
        group.save()
    assert "กลุ่มเขตทดสอบ" in client.get(url).content.decode()


def test_the_filters_and_the_language_are_part_of_the_key(login, strategy):
    client = login(strategy)
    url = reverse("districts:list")
    everyone = district_names_on_page(client.get(url))
    pilots = district_names_on_page(client.get(url, {"is_pilot": "1"}))
    assert len(everyone) == 50 and len(pilots) == 7
    group = ZoneGroup.objects.get(pk=District.objects.get(code="1025").zone_group_id)
    in_group = district_names_on_page(client.get(url, {"zone_group": group.slug}))
    assert "บางพลัด" in in_group and len(in_group) < 50
    assert district_names_on_page(client.get(url)) == everyone
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    assert ">Code<" in english and ">รหัส<" not in english


def test_after_a_deploy_the_page_shows_the_new_templates_not_the_kept_html(
    login, strategy, settings, tmp_path
):
    """A shared cache (Redis) outlives a deploy's restart: kept HTML is named after the
    release (bangphlat.kept.release), so the new templates show at once, not after 10 minutes."""
    import copy
    import shutil

    from bangphlat import kept

    body = "districts/_district_list_body.html"
    (tmp_path / "templates/districts").mkdir(parents=True)
    shutil.copy(settings.BASE_DIR / "templates" / body, tmp_path / "templates" / body)

    def start_the_release():  # a new process: templates read again, the release digest too
        templates = copy.deepcopy(settings.TEMPLATES)
        templates[0]["DIRS"] = [tmp_path / "templates", *templates[0]["DIRS"]]
        settings.TEMPLATES = templates
        kept.release.cache_clear()

    settings.BASE_DIR = tmp_path
    start_the_release()
    client = login(strategy)
    url = reverse("districts:list")
    assert "บางพลัด" in district_names_on_page(client.get(url))
    template = tmp_path / "templates" / body
    template.write_text(
        template.read_text(encoding="utf-8").replace("<table", '<p id="deployed">ใหม่</p><table', 1),
        encoding="utf-8",
    )
    start_the_release()
    try:
        assert 'id="deployed"' in client.get(url).content.decode()
    finally:
        kept.release.cache_clear()


def test_a_file_the_release_cannot_read_fails_no_page(login, strategy, settings, tmp_path):
    """An editor's lock file (Emacs leaves ``.#name`` as a link to nowhere) in the templates
    must not turn every kept page into an error."""
    from bangphlat import kept

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / ".#base.html").symlink_to(tmp_path / "nowhere")
    settings.BASE_DIR = tmp_path
    kept.release.cache_clear()
    try:
        response = login(strategy).get(reverse("districts:list"))
        assert response.status_code == 200
        assert "บางพลัด" in district_names_on_page(response)
    finally:
        kept.release.cache_clear()
