"""A form that fails keeps the chosen photo: shown as a thumbnail to its uploader only, saved
with the activity once the officer fixes the field, or dropped with ลบ."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from communities.models import Activity, ActivityPhoto, ActivityType
from tests.communities.factories import CommunityFactory

pytestmark = pytest.mark.django_db
URL = "/communities/activities/new/"


def token_in(body):
    return re.search(r'name="pending_photo" value="([^"]+)"', body)[1]


def kept_files(settings):
    return sorted(p.name for p in (settings.MEDIA_ROOT / "pending").rglob("*.jpg"))


def jpeg(name="field.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), "green").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def form_data(bangphlat):
    community = CommunityFactory(district=bangphlat)
    return {"community": community.pk, "date": "2025-08-04", "title": "ออมทรัพย์",
            "activity_type": ActivityType.objects.order_by("pk").first().pk,
            "model_step": "understand", "participants_total": "20", "participants_women": "30",
            "budget": "0", "funding_source": "none", "save": "1", "participants_elderly": "0",
            "participants_disabled": "0", "participants_youth": "0",
            "participants_welfare_card": "0"}  # fmt: skip


def test_a_failed_form_keeps_the_photo_and_the_next_save_attaches_it(
    login, staff_bangphlat, form_data, django_capture_on_commit_callbacks, settings
):
    client = login(staff_bangphlat)
    body = client.post(URL, form_data | {"photo": jpeg()}).content.decode()
    assert "เกินจำนวนผู้เข้าร่วมทั้งหมด" in body
    token = token_in(body)
    thumb = re.search(r'src="(/media/pending/[^"]+)"', body)[1]
    assert client.get(thumb).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):  # the kept files go after commit
        response = client.post(
            URL, form_data | {"participants_women": "10", "pending_photo": token}
        )
    assert response.status_code == 302
    photo = ActivityPhoto.objects.get()
    assert photo.activity == Activity.objects.get()
    assert kept_files(settings) == []


def test_a_kept_photo_is_seen_by_its_uploader_only(
    login, staff_bangphlat, strategy, form_data, django_user_model, bangphlat
):
    body = login(staff_bangphlat).post(URL, form_data | {"photo": jpeg()}).content.decode()
    thumb = re.search(r'src="(/media/pending/[^"]+)"', body)[1]
    assert login(strategy).get(thumb).status_code == 404
    colleague = django_user_model.objects.create(
        username="staff1025_b", role="district_staff", district=bangphlat
    )
    assert login(colleague).get(thumb).status_code == 404


def test_another_users_kept_photo_cannot_be_attached(
    login, staff_bangphlat, form_data, bangphlat, django_user_model, settings
):
    token = token_in(
        login(staff_bangphlat).post(URL, form_data | {"photo": jpeg()}).content.decode()
    )
    colleague = django_user_model.objects.create(
        username="staff1025_b", role="district_staff", district=bangphlat
    )
    response = login(colleague).post(
        URL, form_data | {"participants_women": "10", "pending_photo": token}
    )
    assert response.status_code == 302
    assert not ActivityPhoto.objects.exists()
    assert len(kept_files(settings)) == 2  # display copy and thumbnail, still the uploader's


def test_ลบ_drops_the_kept_photo(login, staff_bangphlat, form_data, settings):
    client = login(staff_bangphlat)
    token = token_in(client.post(URL, form_data | {"photo": jpeg()}).content.decode())
    response = client.post(
        URL,
        form_data | {"participants_women": "10", "pending_photo": token, "drop_pending": "1"},
    )
    assert response.status_code == 302, re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())
    )[-3000:]
    assert not ActivityPhoto.objects.exists()
    assert kept_files(settings) == []


def test_a_forged_token_attaches_nothing(login, staff_bangphlat, form_data):
    response = login(staff_bangphlat).post(
        URL, form_data | {"participants_women": "10", "pending_photo": "pending/1/x.jpg"}
    )
    assert response.status_code == 302
    assert not ActivityPhoto.objects.exists()
