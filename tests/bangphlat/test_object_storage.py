"""Media in S3-compatible object storage (DJANGO_MEDIA_STORAGE=s3, for several app servers).

There is no S3-compatible server package on this machine: moto's server mode — a real HTTP S3
endpoint on a loopback port, driven over the network by boto3 exactly as a real one would be —
stands in for it. The bucket stays private; the protected-media view still asks
the owning app's access rule and then redirects to a presigned URL that expires in minutes.
"""

import io
import socket
from urllib.parse import parse_qs, urlsplit
from urllib.request import urlopen

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from tests.bangphlat.test_media_files import add_lesson_files
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db

BUCKET = "bangphlat-media"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def moto_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_media(settings, moto_endpoint, monkeypatch):
    import boto3

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    client = boto3.client(
        "s3",
        endpoint_url=moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    if BUCKET not in {b["Name"] for b in client.list_buckets()["Buckets"]}:
        client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": moto_endpoint,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 300,
                "signature_version": "s3v4",
                "file_overwrite": False,
            },
        },
    }
    return client


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 10, 10)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_an_activity_photo_lives_in_the_bucket_and_downloads_through_a_presigned_url(
    s3_media, bangphlat, login, client, staff_bangphlat, staff_mentee
):
    from communities.models import ActivityPhoto

    activity = ActivityFactory(community=CommunityFactory(district=bangphlat))
    photo = ActivityPhoto(activity=activity)
    photo.image.save("แปลงผัก.jpg", ContentFile(jpeg()))
    keys = {o["Key"] for o in s3_media.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert photo.image.name in keys

    url = f"/media/{photo.image.name}"
    assert client.get(url).status_code == 302 and "/accounts/login/" in client.get(url).url
    assert login(staff_mentee).get(url).status_code == 404  # another district
    response = login(staff_bangphlat).get(url)
    assert response.status_code == 302
    presigned = response["Location"]
    query = parse_qs(urlsplit(presigned).query)
    assert query["X-Amz-Expires"] == ["300"] and "X-Amz-Signature" in query
    with urlopen(presigned) as answer:  # noqa: S310 - loopback moto server
        assert answer.read() == photo.image.open("rb").read()
        assert answer.headers["Content-Type"] == "image/jpeg"

    # The bucket itself is private: without a signature the object is refused.
    bare = presigned.split("?")[0]
    with pytest.raises(Exception, match="403"):
        urlopen(bare)  # noqa: S310


def test_an_attachment_from_the_bucket_downloads_as_an_attachment(s3_media, login, staff_bangphlat):
    _photo, attachment = add_lesson_files(make_lesson(staff_bangphlat))
    response = login(staff_bangphlat).get(f"/media/{attachment.file.name}")
    assert response.status_code == 302
    with urlopen(response["Location"]) as answer:  # noqa: S310
        assert answer.headers["Content-Disposition"].startswith("attachment")
        assert answer.headers["Content-Type"] == "application/pdf"
        assert answer.read().startswith(b"%PDF")


def test_a_handbook_is_built_into_the_bucket_and_downloaded(
    s3_media, login, staff_bangphlat, strategy, django_capture_on_commit_callbacks
):
    from django.urls import reverse
    from pypdf import PdfReader

    from handbook import services
    from lessons.models import LessonPhoto
    from tests.lessons.factories import approved_lesson, reapprove

    lesson = approved_lesson(staff_bangphlat, strategy)
    photo = LessonPhoto(lesson=lesson, caption="แปลงผักในถัง")
    photo.image.save("ผัก.jpg", ContentFile(jpeg()))  # into the bucket
    reapprove(lesson, staff_bangphlat, strategy)
    with django_capture_on_commit_callbacks(execute=True):
        edition, _ = services.request_build(by=strategy, selection="all", value="")
    edition.refresh_from_db()
    assert edition.status == "ready", edition.error
    assert not any("แปลงผักในถัง" in warning for warning in edition.warnings)
    # The photo was read from the bucket into the PDF.
    reader = PdfReader(edition.file.open("rb"))
    assert any(page.images for page in reader.pages)
    response = login(strategy).get(reverse("handbook:download", args=[edition.pk]))
    assert response.status_code == 302
    with urlopen(response["Location"]) as answer:  # noqa: S310
        assert answer.read(5) == b"%PDF-"
        assert "bangphlat-handbook-" in answer.headers["Content-Disposition"]


def test_photos_kept_from_failed_forms_are_purged_from_the_bucket_after_a_day(
    s3_media, staff_bangphlat, monkeypatch
):
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.utils import timezone

    from communities import services

    kept = services.pending_photo_keep(
        by=staff_bangphlat, upload=SimpleUploadedFile("field.jpg", jpeg())
    )

    def pending_keys():
        listing = s3_media.list_objects_v2(Bucket=BUCKET, Prefix="pending/")
        return {o["Key"] for o in listing.get("Contents", [])}

    assert pending_keys() == {kept.image, kept.thumbnail}
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(hours=23))
    call_command("purge_pending_photos", stdout=io.StringIO())
    assert pending_keys() == {kept.image, kept.thumbnail}
    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(hours=25))
    call_command("purge_pending_photos", stdout=io.StringIO())
    assert pending_keys() == set()
