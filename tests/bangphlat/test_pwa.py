"""The installable app: the manifest and the service worker, as a phone fetches them (without
logging in), in development and with production's hashed static names."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from bangphlat.submissions import new_key
from tests.bangphlat.test_submissions import activity_data
from tests.communities.factories import CommunityFactory


def test_the_manifest_names_the_portal_in_thai_with_icons_that_exist(client, db):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == "พอร์ทัลบางพลัดโมเดล"
    assert data["short_name"] == "บางพลัดโมเดล"
    assert data["lang"] == "th"
    assert data["start_url"] == "/"
    assert data["display"] == "standalone"
    assert data["shortcuts"] == [{"name": "บันทึกกิจกรรม", "url": "/communities/activities/new/"}]
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in data["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_the_service_worker_is_served_from_the_root_and_never_from_a_stale_cache(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert '"form": "/communities/activities/new/"' in body
    for name in ("css/portal.css", "js/offline_entry.js", "vendor/idb/idb.umd.js"):
        assert f'"/static/{name}"' in body
    assert re.search(r'STATIC_CACHE = "bp-static-[0-9a-f]{12}";', body)


def test_the_content_security_policy_allows_the_worker_and_manifest_from_the_portal_only(
    client, db
):
    policy = client.get("/sw.js")["Content-Security-Policy"]
    assert "worker-src 'self'" in policy
    assert "manifest-src 'self'" in policy


def test_both_refuse_anything_but_reading(client, db):
    assert client.post("/sw.js").status_code == 405
    assert client.post("/manifest.webmanifest").status_code == 405


@pytest.fixture
def hashed_static(settings, tmp_path):
    """Production's storage: names from collectstatic's manifest. Only some files are in it,
    as when a file named in pwa.OFFLINE_STATIC is not part of this deployment."""
    names = [
        "vendor/bootstrap/bootstrap.min.css",
        "css/portal.css",
        "js/portal.js",
        "js/offline_entry.js",
        "vendor/idb/idb.umd.js",
        "icons/icon-192.png",
        "icons/icon-512.png",
        "icons/icon-maskable-512.png",
    ]
    paths = {name: name.replace(".", ".0123456789ab.", 1) for name in names}
    (tmp_path / "staticfiles.json").write_text(json.dumps({"version": "1.1", "paths": paths}))
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    return paths


def test_in_production_the_worker_caches_the_hashed_names_and_skips_files_not_deployed(
    client, db, hashed_static
):
    body = client.get("/sw.js").content.decode()
    assert '"/static/css/portal.0123456789ab.css"' in body
    assert '"/static/js/offline_entry.0123456789ab.js"' in body
    assert "photo_shrink" not in body  # not in this manifest: skipped, not a failed install
    data = json.loads(client.get("/manifest.webmanifest").content)
    assert data["icons"][0]["src"] == "/static/icons/icon-192.0123456789ab.png"


def test_a_new_deployment_gives_the_worker_a_new_cache(client, db, settings, hashed_static):
    def version():
        body = client.get("/sw.js").content.decode()
        return body.split('STATIC_CACHE = "', 1)[1].split('"', 1)[0]

    before = version()
    paths = {**hashed_static, "css/portal.css": "css/portal.fedcba987654.css"}
    (settings.STATIC_ROOT / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": paths})
    )
    from django.contrib.staticfiles.storage import staticfiles_storage

    staticfiles_storage._wrapped.hashed_files, _ = staticfiles_storage.load_manifest()
    assert version() != before


def test_every_page_links_the_manifest_and_loads_the_offline_script(login, staff_bangphlat):
    body = login(staff_bangphlat).get(reverse("communities:activity_list")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in body
    assert 'src="/static/js/offline_entry.js"' in body
    assert f'data-user="{staff_bangphlat.pk}"' in body
    assert 'id="offline-queue"' in body


def test_the_offline_copy_of_the_form_has_no_submission_key(login, staff_bangphlat, bangphlat):
    CommunityFactory(district=bangphlat)
    client = login(staff_bangphlat)
    url = reverse("communities:activity_create")
    copy = client.get(url, headers={"X-Offline-Copy": "1"}).content.decode()
    assert '<input type="hidden" name="submission_key" value="" data-submit-once>' in copy
    assert "data-offline-entry" in copy and "data-upload-progress" in copy
    shown = client.get(url).content.decode()
    assert '<input type="hidden" name="submission_key" value="" ' not in shown


def test_a_page_read_by_a_script_leaves_the_flash_message_for_the_next_page(
    login, staff_bangphlat, bangphlat
):
    """offline_entry.js sends the form itself and reads the page the server redirects to; the
    user sees "saved" on the page they are taken to next, not never."""
    client = login(staff_bangphlat)
    data = activity_data(CommunityFactory(district=bangphlat), new_key())
    sent = client.post(
        reverse("communities:activity_create"), data, headers={"X-Keep-Messages": "1"}
    )
    read = client.get(sent.url, headers={"X-Keep-Messages": "1"}).content.decode()
    assert "บันทึกกิจกรรม ปลูกผักสวนครัว แล้ว" not in read
    assert "บันทึกกิจกรรม ปลูกผักสวนครัว แล้ว" in client.get(sent.url).content.decode()
    assert "บันทึกกิจกรรม ปลูกผักสวนครัว แล้ว" not in client.get(sent.url).content.decode()
