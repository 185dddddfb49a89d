"""Large exports are built by the task worker: the page shows progress, then a download link
that only the requester may use, until the file expires; small exports stay immediate."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bangphlat.models import ExportJob
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db
EXPORT = reverse("communities:activity_export", kwargs={"fmt": "csv"})


@pytest.fixture
def activities(bangphlat, phranakhon):
    mine = CommunityFactory(district=bangphlat)
    for day in range(1, 4):
        ActivityFactory(community=mine, date=dt.date(2025, 8, day), title=f"กิจกรรม {day}")
    ActivityFactory(community=mine, date=dt.date(2025, 8, 9), title='=HYPERLINK("http://x")')
    ActivityFactory(community=CommunityFactory(district=phranakhon), title="ของเขตอื่น")


@pytest.fixture
def small_limit(settings):
    settings.EXPORT_BACKGROUND_ROWS = 2


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_a_small_export_is_answered_at_once(login, staff_bangphlat, activities):
    response = login(staff_bangphlat).get(EXPORT)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert not ExportJob.objects.exists()


def test_a_large_export_is_built_in_the_background_with_progress_then_a_link(
    login, staff_bangphlat, activities, small_limit, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    client = login(staff_bangphlat)
    response = client.get(EXPORT)
    job = ExportJob.objects.get()
    assert response.url == job.get_absolute_url() and (job.total, job.status) == (4, "queued")
    page = client.get(response.url).content.decode()
    assert "ระบบกำลังสร้างไฟล์อยู่เบื้องหลัง" in page and "เสร็จแล้ว 0 จาก 4 แถว" in page
    assert '<meta http-equiv="refresh" content="3">' in page  # works without JavaScript
    assert client.get(reverse("export_download", args=[job.code])).status_code == 200  # the page

    from bangphlat.export_jobs import run_export

    run_export(job.pk)  # what the worker does
    job.refresh_from_db()
    assert (job.status, job.done) == ("ready", 4)
    page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("export_download", args=[job.code]) in page and "ดาวน์โหลดไฟล์" in page
    rows = read_csv(client.get(reverse("export_download", args=[job.code])))
    title = rows[0].index("ชื่อกิจกรรม")
    titles = [row[title] for row in rows[1:]]
    assert titles == ["กิจกรรม 1", "กิจกรรม 2", "กิจกรรม 3", '\'=HYPERLINK("http://x")']


def test_the_worker_builds_xlsx_in_write_only_mode_with_the_same_rows(
    login, strategy, activities, small_limit, django_capture_on_commit_callbacks
):
    client = login(strategy)
    with django_capture_on_commit_callbacks(execute=True):  # queued after commit, then run
        response = client.get(reverse("communities:activity_export", kwargs={"fmt": "xlsx"}))
    job = ExportJob.objects.get()
    assert response.url == job.get_absolute_url() and job.status == "ready"
    download = client.get(reverse("export_download", args=[job.code]))
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert sheet.max_row == 1 + 5  # the header and every district's activities for strategy


def test_only_the_requester_may_see_or_download_an_export(
    login,
    staff_bangphlat,
    staff_mentee,
    activities,
    small_limit,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        login(staff_bangphlat).get(EXPORT)
    job = ExportJob.objects.get()
    other = login(staff_mentee)
    assert other.get(job.get_absolute_url()).status_code == 404
    assert other.get(reverse("export_download", args=[job.code])).status_code == 404
    other.logout()
    assert other.get(reverse("export_download", args=[job.code])).status_code == 302  # login
    assert other.get(f"/media/{job.file.name}").status_code in (302, 404)  # no other door


def test_an_expired_export_says_so_and_is_purged(
    login, staff_bangphlat, activities, small_limit, django_capture_on_commit_callbacks
):
    client = login(staff_bangphlat)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(EXPORT)
    job = ExportJob.objects.get()
    storage, name = job.file.storage, job.file.name
    ExportJob.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.get(reverse("export_download", args=[job.code]))
    assert response.status_code == 410
    assert "ไฟล์นี้หมดอายุและถูกลบแล้ว" in response.content.decode()
    out = io.StringIO()
    call_command("purge_exports", stdout=out)
    assert "1 expired export(s) deleted" in out.getvalue()
    assert not ExportJob.objects.exists() and not storage.exists(name)


def test_a_failed_build_says_so_in_thai(
    login, staff_bangphlat, activities, small_limit, django_capture_on_commit_callbacks, monkeypatch
):
    from bangphlat import export_jobs

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export_jobs.tempfile, "TemporaryFile", broken)
    client = login(staff_bangphlat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(EXPORT)
    assert ExportJob.objects.get().status == "failed"
    assert "สร้างไฟล์ไม่สำเร็จ" in client.get(response.url).content.decode()
