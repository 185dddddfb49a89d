"""Activity photos: images only, size-limited, with a thumbnail; a bad file saves nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from bangphlat import uploads
from communities import services
from communities.models import Activity, ActivityPhoto
from tests.communities.factories import CommunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(size=(1600, 1200)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, "PNG")
    return SimpleUploadedFile("สวนผัก.png", buffer.getvalue(), content_type="image/png")


def post_activity(client, community, photo, title):
    return client.post(
        reverse("communities:activity_create"),
        {
            "community": community.pk,
            "date": "2025-08-04",
            "title": title,
            "activity_type": 1,
            "model_step": "understand",
            "participants_total": 5,
            "participants_women": 0,
            "participants_elderly": 0,
            "participants_disabled": 0,
            "participants_youth": 0,
            "participants_welfare_card": 0,
            "budget": 0,
            "funding_source": "none",
            "photo": photo,
        },
    )


def test_a_photo_is_stored_with_a_small_thumbnail(login, staff_bangphlat, bangphlat):
    community = CommunityFactory(district=bangphlat)
    response = post_activity(login(staff_bangphlat), community, png(), "ปลูกผักสวนครัว")
    assert response.status_code == 302
    photo = ActivityPhoto.objects.get(activity__title="ปลูกผักสวนครัว")
    with Image.open(photo.thumbnail.path) as thumb:
        assert max(thumb.size) <= max(services.THUMBNAIL_SIZE)


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_saved(
    login, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat)
    fake = SimpleUploadedFile("รูป.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = post_activity(login(staff_bangphlat), community, fake, "ไฟล์ปลอม")
    assert response.status_code == 200
    assert not Activity.objects.filter(title="ไฟล์ปลอม").exists()
    assert not ActivityPhoto.objects.exists()


def test_a_photo_over_the_size_limit_is_refused_with_a_thai_message(
    login, staff_bangphlat, bangphlat, monkeypatch
):
    monkeypatch.setattr(uploads, "MAX_PHOTO_BYTES", 1000)
    community = CommunityFactory(district=bangphlat)
    response = post_activity(login(staff_bangphlat), community, png(), "รูปใหญ่")
    assert response.status_code == 200
    body = response.content.decode()
    assert "เกินที่ระบบรับได้" in body
    # The page shrinks photos itself: the message says what went wrong, not "shrink it first".
    assert "ย่อรูปก่อนอัปโหลด" not in body
    assert "ย่อรูปให้เองก่อนส่ง แต่เบราว์เซอร์นี้ไม่ได้ย่อ" in body
    assert not Activity.objects.filter(title="รูปใหญ่").exists()


def test_a_phones_original_photo_is_accepted_from_a_browser_that_did_not_shrink_it(
    login, staff_bangphlat, bangphlat
):
    # Without JavaScript the camera's file arrives as it is: 12 MP and over 10 MB.
    buffer = io.BytesIO()
    Image.effect_noise((4000, 3000), 64).convert("RGB").save(buffer, "JPEG", quality=97)
    assert 10 * 1024 * 1024 < len(buffer.getvalue()) <= uploads.MAX_PHOTO_BYTES
    original = SimpleUploadedFile("IMG_0001.JPG", buffer.getvalue(), content_type="image/jpeg")
    community = CommunityFactory(district=bangphlat)

    response = post_activity(login(staff_bangphlat), community, original, "รูปต้นฉบับ")

    assert response.status_code == 302
    photo = ActivityPhoto.objects.get(activity__title="รูปต้นฉบับ")
    assert max(photo.image.width, photo.image.height) <= 2048
