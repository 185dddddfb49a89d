"""Building editions: in the background, cached by content hash, once per content,
broken parts reported by name; pages and permissions."""

import io
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from handbook import content, services
from handbook.models import Edition, EditionStatus
from lessons import services as lesson_services
from lessons.models import LessonPhoto
from tests.lessons.factories import approved_lesson, reapprove

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(staff_bangphlat, strategy):
    return approved_lesson(staff_bangphlat, strategy, title="บัญชีครัวเรือนเปลี่ยนชีวิต")


def build(user, capture, **kwargs):
    with capture(execute=True):
        edition, created = services.request_build(by=user, **kwargs)
    edition.refresh_from_db()
    return edition, created


def test_same_inputs_give_the_same_hash_and_no_second_render(
    lesson, strategy, django_capture_on_commit_callbacks, monkeypatch
):
    assert content.content_hash(content.collect()) == content.content_hash(content.collect())
    first, created = build(strategy, django_capture_on_commit_callbacks)
    assert created and first.status == EditionStatus.READY
    renders = []
    monkeypatch.setattr(
        "handbook.render.render_pdfs", lambda *a, **k: renders.append(1) or (b"", None, 0, [])
    )
    again, created = build(strategy, django_capture_on_commit_callbacks)
    assert (again.pk, created, renders) == (first.pk, False, [])


def test_a_changed_lesson_gives_a_new_hash(lesson, staff_bangphlat, strategy):
    before = content.content_hash(content.collect())
    lesson_services.lesson_update(
        lesson=lesson, by=staff_bangphlat, version=lesson.version, title="ชื่อใหม่"
    )
    lesson_services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    assert content.content_hash(content.collect()) == before  # still the approved text
    lesson_services.lesson_approve(lesson=lesson, by=strategy)
    assert content.content_hash(content.collect()) != before


def test_a_new_word_in_the_thai_word_list_makes_a_new_edition(settings, tmp_path):
    """The word list decides where the book's lines break: with a word added, the stored
    editions are another book, and the next request builds again (content_hash)."""
    import shutil

    for name in content.BOOK_SOURCES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(settings.BASE_DIR / name, tmp_path / name)
    settings.BASE_DIR = tmp_path
    content.template_version.cache_clear()
    try:
        before = content.template_version()
        with open(tmp_path / "bangphlat/thai_words.txt", "a", encoding="utf-8") as words:
            words.write("\nตัวอย่างคำใหม่\n")  # a word the list does not hold
        content.template_version.cache_clear()
        assert content.template_version() != before
    finally:
        content.template_version.cache_clear()


@pytest.fixture
def queue_only(settings):
    """Tasks are queued, never run (as when no worker is running)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_a_build_requested_twice_at_once_runs_once(lesson, strategy, queue_only):
    first, created_first = services.request_build(by=strategy)
    second, created_second = services.request_build(by=strategy)
    assert first.pk == second.pk and (created_first, created_second) == (True, False)
    assert Edition.objects.count() == 1
    services.run_build(first.pk)
    services.run_build(first.pk)  # a second worker picking it up does nothing
    first.refresh_from_db()
    assert first.status == EditionStatus.READY


def test_the_worker_marks_the_edition_ready_before_collecting_the_laid_out_book(
    lesson, strategy, queue_only, monkeypatch
):
    import gc

    edition, _created = services.request_build(by=strategy)
    seen = []  # the edition's status at each collection during the build
    real_collect = gc.collect
    monkeypatch.setattr(
        gc,
        "collect",
        lambda *args: seen.append(Edition.objects.get(pk=edition.pk).status) or real_collect(),
    )
    services.run_build(edition.pk)
    assert seen == [EditionStatus.READY]


def test_an_old_edition_is_rebuilt_identically_from_its_snapshot(
    lesson, strategy, django_capture_on_commit_callbacks
):
    edition, _ = build(strategy, django_capture_on_commit_callbacks)
    original = edition.file.read()
    Edition.objects.filter(pk=edition.pk).update(status=EditionStatus.QUEUED)
    rebuilt = services.run_build(edition.pk)
    assert rebuilt.file.read() == original


def test_a_broken_photo_is_named_and_the_rest_of_the_book_builds(
    lesson, staff_bangphlat, strategy, django_capture_on_commit_callbacks
):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "PNG")
    good = LessonPhoto.objects.create(
        lesson=lesson,
        caption="แปลงผักของชุมชน",
        image=SimpleUploadedFile("ok.png", buffer.getvalue()),
    )
    broken = LessonPhoto.objects.create(
        lesson=lesson, caption="รูปที่เสีย", image=SimpleUploadedFile("bad.png", b"not really a png")
    )
    reapprove(lesson, staff_bangphlat, strategy)  # photos reach the book once approved
    edition, _ = build(strategy, django_capture_on_commit_callbacks)
    assert edition.status == EditionStatus.READY and edition.page_count > 5
    assert any("รูปที่เสีย" in w and "บัญชีครัวเรือนเปลี่ยนชีวิต" in w for w in edition.warnings)
    assert good.pk and broken.pk


def test_staff_build_only_their_own_districts_handbook(
    login, lesson, staff_bangphlat, staff_mentee, django_capture_on_commit_callbacks
):
    client = login(staff_bangphlat)
    response = client.post(reverse("handbook:build"), {"selection": "all"})
    assert Edition.objects.count() == 0 and response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("handbook:build"), {"selection": "district", "district": "1025"}
        )
    edition = Edition.objects.get()
    assert edition.selection_value == "1025" and edition.status == EditionStatus.READY
    assert client.get(reverse("handbook:download", args=[edition.pk])).status_code == 200
    # Not published: another district cannot see it.
    assert (
        login(staff_mentee).get(reverse("handbook:edition", args=[edition.pk])).status_code == 404
    )


def test_published_editions_download_for_any_logged_in_user(
    login, client, lesson, strategy, staff_mentee, django_capture_on_commit_callbacks
):
    edition, _ = build(strategy, django_capture_on_commit_callbacks)
    login(strategy).post(reverse("handbook:publish", args=[edition.pk]))
    response = login(staff_mentee).get(reverse("handbook:download", args=[edition.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.logout()
    assert client.get(reverse("handbook:download", args=[edition.pk])).status_code == 302


def test_status_page_and_json_show_progress(login, lesson, strategy, queue_only):
    edition, _ = services.request_build(by=strategy)
    client = login(strategy)
    assert client.get(reverse("handbook:edition_status", args=[edition.pk])).json() == {
        "status": "queued",
        "label": "รอคิว",
        "finished": False,
    }
    assert (
        "หน้านี้จะอัปเดตเอง"
        in client.get(reverse("handbook:edition", args=[edition.pk])).content.decode()
    )


def test_a_failed_build_shows_its_reason(login, lesson, strategy, monkeypatch, queue_only):
    edition, _ = services.request_build(by=strategy)

    def explode(*args, **kwargs):
        raise RuntimeError("ฟอนต์หาย")

    monkeypatch.setattr("handbook.render.render_pdfs", explode)
    services.run_build(edition.pk)
    body = login(strategy).get(reverse("handbook:edition", args=[edition.pk])).content.decode()
    assert "ล้มเหลว" in body and "ฟอนต์หาย" in body


def test_preview_and_home_pages(
    login, client, lesson, strategy, staff_bangphlat, django_assert_max_num_queries
):
    assert client.get(reverse("handbook:home")).status_code == 302
    assert (
        "บัญชีครัวเรือนเปลี่ยนชีวิต"
        in login(staff_bangphlat).get(reverse("handbook:preview")).content.decode()
    )
    office = login(strategy)
    # session, user, editions count (+page), districts and topics for the form, modules
    with django_assert_max_num_queries(8):
        office.get(reverse("handbook:home"))


def test_build_handbook_command_prints_pages_and_seconds(lesson, tmp_path, capsys):
    out = tmp_path / "book.pdf"
    call_command("build_handbook", "--out", str(out), "--district", "1025")
    assert out.read_bytes().startswith(b"%PDF")
    assert "pages" in capsys.readouterr().out


def test_front_matter_is_edited_by_the_strategy_office_only(login, strategy, staff_bangphlat):
    url = reverse("handbook:front_matter", args=["foreword"])
    assert login(staff_bangphlat).get(url).status_code == 403
    login(strategy).post(url, {"title": "คำนำ", "body": "คู่มือนี้สำหรับทุกเขต"})
    assert "คู่มือนี้สำหรับทุกเขต" in content.collect()["front_matter"][0][1]


def test_odd_markdown_is_named_and_the_book_still_builds(
    staff_bangphlat, strategy, django_capture_on_commit_callbacks
):
    approved_lesson(
        staff_bangphlat,
        strategy,
        title="ตลาดนัดชุมชน",
        results="รายได้เพิ่มขึ้น ![กราฟรายได้](http://example.com/graph.png) และ <b>ยั่งยืน</b>",
    )
    edition, _ = build(strategy, django_capture_on_commit_callbacks)
    assert edition.status == EditionStatus.READY
    named = [w for w in edition.warnings if "ตลาดนัดชุมชน" in w and "ผลที่เกิดขึ้น" in w]
    assert len(named) == 2, edition.warnings  # the picture and the raw HTML
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=edition.file.read(), capture_output=True, check=True
    ).stdout.decode()
    assert "[รูป: กราฟรายได้]" in text  # a placeholder where the picture was


def test_the_edition_page_names_a_broken_part(
    login, lesson, staff_bangphlat, strategy, django_capture_on_commit_callbacks
):
    LessonPhoto.objects.create(
        lesson=lesson, caption="รูปที่เสีย", image=SimpleUploadedFile("bad.jpg", b"broken")
    )
    reapprove(lesson, staff_bangphlat, strategy)
    edition, _ = build(strategy, django_capture_on_commit_callbacks)
    body = login(strategy).get(edition.get_absolute_url()).content.decode()
    assert "คำเตือนระหว่างสร้าง" in body and "รูปที่เสีย" in body


def test_photos_are_scaled_to_their_printed_size(
    lesson, staff_bangphlat, strategy, django_capture_on_commit_callbacks
):
    buffer = io.BytesIO()
    Image.effect_noise((3000, 2000), 60).convert("RGB").save(buffer, "JPEG", quality=95)
    LessonPhoto.objects.create(
        lesson=lesson, caption="ภาพจากกล้อง", image=SimpleUploadedFile("big.jpg", buffer.getvalue())
    )
    reapprove(lesson, staff_bangphlat, strategy)
    edition, _ = build(strategy, django_capture_on_commit_callbacks)
    from pypdf import PdfReader

    reader = PdfReader(edition.file.open("rb"))
    widths = [image.image.width for page in reader.pages for image in page.images]
    # At most 150 mm wide in print, at 150 dpi: about 890 pixels, not the camera's 3000.
    assert widths and max(widths) <= 900
    assert edition.file.size < len(buffer.getvalue())


@pytest.mark.parametrize("process_from", [1, 100], ids=["scaled in a child", "in a thread"])
def test_the_printed_photos_are_the_lessons_own_not_the_layouts_stand_ins(
    lesson, staff_bangphlat, strategy, django_capture_on_commit_callbacks, monkeypatch, process_from
):
    monkeypatch.setattr("handbook.print_photos.PROCESS_FROM", process_from)
    for colour, caption in (((200, 30, 30), "รูปสีแดง"), ((30, 30, 200), "รูปสีน้ำเงิน")):
        buffer = io.BytesIO()
        Image.new("RGB", (1600, 1200), colour).save(buffer, "JPEG")
        LessonPhoto.objects.create(
            lesson=lesson, caption=caption, image=SimpleUploadedFile("p.jpg", buffer.getvalue())
        )
    reapprove(lesson, staff_bangphlat, strategy)
    edition, _ = build(strategy, django_capture_on_commit_callbacks)
    from pypdf import PdfReader

    reader = PdfReader(edition.file.open("rb"))
    # Every page lists the book's shared images: each photo once, by its bytes.
    printed = {image.data: image.image for page in reader.pages for image in page.images}
    colours = sorted(image.convert("RGB").getpixel((5, 5)) for image in printed.values())
    assert len(colours) == 2 and edition.warnings == []
    blue, red = colours
    assert red[0] > 150 > red[2] and blue[2] > 150 > blue[0]  # neither is the grey stand-in
    assert {image.size for image in printed.values()} == {(669, 502)}
