"""Stored files are served only after the owning app's access rule says yes, per role, both streamed
by Django and handed to nginx with X-Accel-Redirect."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from accounts.models import Role
from handbook import services as handbook_services
from lessons.models import LessonAttachment, LessonPhoto
from mentoring.models import Pairing, PairingStatus
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.conftest import make_user
from tests.lessons.factories import approved_lesson, make_lesson, reapprove

pytestmark = pytest.mark.django_db

ACCEL = "/protected-media/"


@pytest.fixture(params=["streamed", "x-accel"])
def mode(request, settings):
    settings.MEDIA_ACCEL_REDIRECT = ACCEL if request.param == "x-accel" else ""
    return request.param


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def activity_photo(bangphlat, staff_bangphlat):
    from communities.models import ActivityPhoto

    activity = ActivityFactory(community=CommunityFactory(district=bangphlat))
    photo = ActivityPhoto(activity=activity, caption="ลานกิจกรรม")
    photo.image.save("ลาน.jpg", ContentFile(jpeg_bytes()), save=False)
    photo.thumbnail.save("ลาน-thumb.jpg", ContentFile(jpeg_bytes()), save=False)
    photo.save()
    return photo


@pytest.fixture
def mentor_of_phranakhon(bangphlat, phranakhon):
    """Staff of Bang Phlat mentor Phra Nakhon; a third district (Dusit, 1002) is unrelated."""
    Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01", status=PairingStatus.ACTIVE
    )


@pytest.fixture
def staff_dusit(db):
    from districts.models import District

    return make_user("staff1002_t", Role.DISTRICT_STAFF, District.objects.get(code="1002"))


def assert_served(response, mode, name, *, attachment=False):
    assert response.status_code == 200, response
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment" if attachment else "inline")
    if mode == "x-accel":
        assert response["X-Accel-Redirect"].startswith(ACCEL)
        assert response.content == b""  # nginx sends the bytes, not Python
    else:
        assert "X-Accel-Redirect" not in response
        assert b"".join(response.streaming_content)


def test_activity_photos_per_role(
    mode, activity_photo, client, login, staff_bangphlat, staff_dusit, strategy, portal_admin
):
    url = activity_photo.image.url
    assert url.startswith("/media/activities/")
    assert client.get(url).status_code == 302  # anonymous → login
    assert client.get(url)["Location"].startswith("/accounts/login/")
    assert login(staff_dusit).get(url).status_code == 404  # another district
    for user in (staff_bangphlat, strategy, portal_admin):
        assert_served(login(user).get(url), mode, activity_photo.image.name)
    thumb = login(staff_bangphlat).get(activity_photo.thumbnail.url)
    assert_served(thumb, mode, activity_photo.thumbnail.name)
    assert thumb["Content-Type"] == "image/jpeg"


def test_a_mentor_sees_its_mentees_photos_but_not_other_districts(
    mode, mentor_of_phranakhon, phranakhon, login, staff_bangphlat, staff_mentee
):
    from communities.models import ActivityPhoto

    activity = ActivityFactory(community=CommunityFactory(district=phranakhon))
    photo = ActivityPhoto(activity=activity)
    photo.image.save("a.jpg", ContentFile(jpeg_bytes()))
    assert_served(login(staff_bangphlat).get(photo.image.url), mode, photo.image.name)
    assert_served(login(staff_mentee).get(photo.image.url), mode, photo.image.name)


def test_a_deleted_activitys_photo_is_gone(activity_photo, login, staff_bangphlat):
    activity = activity_photo.activity
    activity.is_deleted = True
    activity.save(update_fields=["is_deleted"])
    assert login(staff_bangphlat).get(activity_photo.image.url).status_code == 404


def add_lesson_files(lesson):
    photo = LessonPhoto(lesson=lesson, caption="แปลงผัก")
    photo.image.save("ผัก.jpg", ContentFile(jpeg_bytes()))
    attachment = LessonAttachment(lesson=lesson, title="รายงาน")
    attachment.file.save("รายงาน.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return photo, attachment


def test_a_draft_lessons_files_reach_only_its_district_and_reviewers(
    mode, client, login, staff_bangphlat, staff_mentee, strategy
):
    photo, attachment = add_lesson_files(make_lesson(staff_bangphlat))
    for url in (photo.image.url, attachment.file.url):
        client.logout()
        assert client.get(url).status_code == 302
        assert login(staff_mentee).get(url).status_code == 404
    for user in (staff_bangphlat, strategy):
        assert_served(login(user).get(photo.image.url), mode, photo.image.name)
        response = login(user).get(attachment.file.url)
        assert_served(response, mode, attachment.file.name, attachment=True)
        assert response["Content-Type"] == "application/pdf"


def test_an_approved_lessons_photo_is_shared_with_other_districts_once_approved(
    mode, login, staff_bangphlat, staff_mentee, strategy
):
    lesson = approved_lesson(staff_bangphlat, strategy)
    photo, attachment = add_lesson_files(lesson)
    # Added after approval: not in the approved revision, so not shared yet.
    assert login(staff_mentee).get(photo.image.url).status_code == 404
    assert login(staff_mentee).get(attachment.file.url).status_code == 404
    reapprove(lesson, staff_bangphlat, strategy)
    assert_served(login(staff_mentee).get(photo.image.url), mode, photo.image.name)


def test_an_uploaded_attachment_never_runs_as_a_page(login, staff_bangphlat):
    """Whatever the stored name, an attachment downloads with a type from the allowlist."""
    lesson = make_lesson(staff_bangphlat)
    attachment = LessonAttachment(lesson=lesson, title="x")
    attachment.file.save("report.html", ContentFile(b"<script>alert(1)</script>"))
    response = login(staff_bangphlat).get(attachment.file.url)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def unpublished_edition(staff_bangphlat, strategy, django_capture_on_commit_callbacks):
    approved_lesson(staff_bangphlat, strategy)
    with django_capture_on_commit_callbacks(execute=True):
        edition, _ = handbook_services.request_build(by=strategy, selection="all", value="")
    edition.refresh_from_db()
    assert edition.status == "ready"
    return edition


def test_handbook_files_follow_edition_access(
    mode, unpublished_edition, client, login, staff_mentee, strategy
):
    url = unpublished_edition.file.url
    assert client.get(url).status_code == 302
    assert login(staff_mentee).get(url).status_code == 404  # not published yet
    assert_served(login(strategy).get(url), mode, unpublished_edition.file.name, attachment=True)
    handbook_services.publish(edition=unpublished_edition, by=strategy)
    assert_served(
        login(staff_mentee).get(url), mode, unpublished_edition.file.name, attachment=True
    )


def test_the_download_button_goes_through_the_same_door(mode, unpublished_edition, login, strategy):
    from django.urls import reverse

    response = login(strategy).get(reverse("handbook:download", args=[unpublished_edition.pk]))
    assert_served(response, mode, unpublished_edition.file.name, attachment=True)
    assert 'filename="bangphlat-handbook-' in response["Content-Disposition"]


def test_import_uploads_and_unknown_names_are_never_served(
    settings, login, portal_admin, staff_bangphlat
):
    path = settings.MEDIA_ROOT / "imports" / "abc.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK personal data")
    for user in (portal_admin, staff_bangphlat):
        client = login(user)
        assert client.get("/media/imports/abc.xlsx").status_code == 404
        assert client.get("/media/../var/db.sqlite3").status_code == 404
        assert client.get("/media/activities/none.jpg").status_code == 404


def test_an_uploaded_photo_is_reachable_through_the_form(login, staff_bangphlat, bangphlat):
    """End to end through the activity form: the thumbnail on the page is a protected URL."""
    from django.urls import reverse

    from communities.models import ActivityPhoto

    community = CommunityFactory(district=bangphlat)
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (1, 2, 3)).save(buffer, "PNG")
    client = login(staff_bangphlat)
    response = client.post(
        reverse("communities:activity_create"),
        {
            "community": community.pk,
            "date": "2025-08-04",
            "title": "ปลูกผัก",
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
            "photo": SimpleUploadedFile("p.png", buffer.getvalue(), content_type="image/png"),
        },
        follow=True,
    )
    photo = ActivityPhoto.objects.get()
    assert photo.thumbnail.url in response.content.decode()
    assert client.get(photo.thumbnail.url).status_code == 200


def test_no_stored_file_is_collected_as_static(settings, tmp_path):
    """collectstatic with whitenoise's manifest storage (production) succeeds: every URL a
    vendored CSS or JS file names exists, and nothing under media is collected."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--no-input", verbosity=0)
    collected = {
        p.relative_to(settings.STATIC_ROOT).as_posix() for p in settings.STATIC_ROOT.rglob("*")
    }
    assert "staticfiles.json" in collected
    assert any(name.startswith("vendor/bootstrap/bootstrap.min.") for name in collected)
    assert not any(name.startswith(("media/", "activities/", "handbooks/")) for name in collected)
