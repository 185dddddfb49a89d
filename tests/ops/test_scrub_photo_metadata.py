"""Photos stored before uploads were re-encoded keep the phone's EXIF (GPS position of the
community): scrub_photo_metadata re-encodes them in place, once."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image

from communities.models import ActivityPhoto
from lessons.models import LessonPhoto
from tests.communities.factories import ActivityFactory
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db


def phone_jpeg(size=(3000, 2000)) -> bytes:
    """A camera JPEG with a GPS position and a maker note, as phones store them."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif.get_ifd(0x8825).update({1: "N", 2: (13.0, 47.0, 12.0), 3: "E", 4: (100.0, 29.0, 0.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"taken at the chair's house")
    return out.getvalue()


def run(*args) -> str:
    out = io.StringIO()
    call_command("scrub_photo_metadata", *args, stdout=out)
    return out.getvalue()


def test_old_photos_lose_their_location_and_keep_their_place(staff_bangphlat):
    activity = ActivityFactory()
    photo = ActivityPhoto(activity=activity, caption="ประชุม")
    photo.image.save("old.jpg", ContentFile(phone_jpeg()), save=True)
    lesson = make_lesson(staff_bangphlat)
    png = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(png, "PNG")
    lesson_photo = LessonPhoto(lesson=lesson, caption="ภาพ")
    lesson_photo.image.save("scan.png", ContentFile(png.getvalue()), save=True)
    name = photo.image.name

    assert "2 file(s) would be re-encoded" in run("--dry-run")
    assert ActivityPhoto.objects.get().image.name == name  # a dry run touches nothing

    assert "2 file(s) re-encoded" in run()

    photo.refresh_from_db()
    assert photo.image.name == name  # the same path: handbook snapshots still find it
    with Image.open(photo.image.open("rb")) as image:
        assert image.format == "JPEG" and max(image.size) <= 2048
        assert not image.getexif() and "comment" not in image.info
    with Image.open(photo.thumbnail.open("rb")) as thumb:
        assert max(thumb.size) <= 480
    lesson_photo.refresh_from_db()
    assert lesson_photo.image.name.endswith(".jpg")
    assert not lesson_photo.image.storage.exists("lessons/photos/scan.png")

    assert "0 file(s) re-encoded" in run()  # once is enough


def test_a_missing_file_is_reported_and_the_rest_goes_on(capsys):
    activity = ActivityFactory()
    gone = ActivityPhoto.objects.create(activity=activity, image="activities/1/gone.jpg")
    photo = ActivityPhoto(activity=activity)
    photo.image.save("old.jpg", ContentFile(phone_jpeg((400, 300))), save=True)
    err = io.StringIO()
    out = io.StringIO()
    call_command("scrub_photo_metadata", stdout=out, stderr=err)
    assert f"ActivityPhoto {gone.pk}" in err.getvalue()
    assert "1 file(s) re-encoded" in out.getvalue()
