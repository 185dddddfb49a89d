"""The handbook prints only reviewed text: approved revisions, interviewees named only with
consent, and (in the preview and a district's own book) no community figures of districts
whose pages the reader cannot open."""

import re
import subprocess

import pytest
from django.urls import reverse

from handbook import content, services
from handbook import render as book
from handbook.models import EditionStatus
from lessons import services as lesson_services
from lessons.models import Topic
from tests.communities.factories import CommunityFactory
from tests.lessons.factories import approved_lesson

pytestmark = pytest.mark.django_db

PEOPLE = [
    {"name": "นางสมศรี ใจดี", "role": "ประธานชุมชน", "consent": False},
    {"name": "นายบุญมี รักถิ่น", "role": "อาสาสมัครสาธารณสุข", "consent": True},
]


@pytest.fixture
def lesson(staff_bangphlat, strategy):
    """Approved with two interviewees (one consenting), then re-edited and not yet approved."""
    approved_topic = Topic.objects.create(name_th="หัวข้อที่อนุมัติ", name_en="Approved")
    lesson = approved_lesson(
        staff_bangphlat,
        strategy,
        title="บัญชีครัวเรือนเปลี่ยนชีวิต",
        topics=[approved_topic],
        interviewees=PEOPLE,
    )
    later = Topic.objects.create(name_th="หัวข้อที่เพิ่มทีหลัง", name_en="Later")
    return lesson_services.lesson_update(
        lesson=lesson,
        by=staff_bangphlat,
        version=lesson.version,
        title="ชื่อที่ยังไม่อนุมัติ",
        results="ผลที่ยังไม่ผ่านการพิจารณา",
        topics=[approved_topic, later],
        interviewees=[{**PEOPLE[0], "name": "นายคนใหม่ ยังไม่อนุมัติ", "consent": True}, PEOPLE[1]],
    )


def pdftotext(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_the_pdf_prints_the_approved_text_and_names_only_with_consent(
    lesson, strategy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition, _created = services.request_build(by=strategy)
    edition.refresh_from_db()
    assert edition.status == EditionStatus.READY, edition.error
    text = " ".join(pdftotext(edition.file.read()).split())
    assert "บัญชีครัวเรือนเปลี่ยนชีวิต" in text and "หัวข้อที่อนุมัติ" in text
    assert "ประธานชุมชน" in text and "นายบุญมี รักถิ่น" in text
    for never in [
        "นางสมศรี",
        "นายคนใหม่",
        "ชื่อที่ยังไม่อนุมัติ",
        "ผลที่ยังไม่ผ่านการพิจารณา",
        "หัวข้อที่เพิ่มทีหลัง",
    ]:
        assert never not in text, never


@pytest.mark.parametrize("reader", ["staff_bangphlat", "staff_mentee", "strategy"])
def test_the_preview_shows_what_the_book_would_print(lesson, login, request, reader):
    body = login(request.getfixturevalue(reader)).get(reverse("handbook:preview")).content
    body = body.decode()
    assert "บัญชีครัวเรือนเปลี่ยนชีวิต" in body and "นายบุญมี รักถิ่น" in body
    for never in ["นางสมศรี", "นายคนใหม่", "ชื่อที่ยังไม่อนุมัติ", "หัวข้อที่เพิ่มทีหลัง"]:
        assert never not in body, never


def test_a_topic_added_after_approval_does_not_put_the_lesson_in_that_topics_book(lesson):
    later = Topic.objects.get(name_th="หัวข้อที่เพิ่มทีหลัง")
    assert content.collect("topic", str(later.pk))["lessons"] == []
    approved_topic = Topic.objects.get(name_th="หัวข้อที่อนุมัติ")
    assert len(content.collect("topic", str(approved_topic.pk))["lessons"]) == 1


def stats_row(body: str, code: str) -> str:
    return re.search(rf"<tr><td>{code}</td>.*?</tr>", body).group(0)


def test_the_preview_hides_community_figures_the_readers_district_pages_hide(
    login, staff_bangphlat, staff_mentee, strategy
):
    for _ in range(3):
        CommunityFactory()  # in Bang Phlat
    CommunityFactory(district=staff_mentee.district)
    preview = reverse("handbook:preview")
    other = login(staff_mentee).get(preview).content.decode()
    assert 'class="num">–</td>' in stats_row(other, "1025")
    assert 'class="num">1</td>' in stats_row(other, "1001")  # their own district
    for user in (staff_bangphlat, strategy):
        assert 'class="num">3</td>' in stats_row(login(user).get(preview).content.decode(), "1025")


def test_a_districts_own_book_holds_only_that_districts_figures(staff_bangphlat, staff_mentee):
    CommunityFactory()  # in Bang Phlat
    snapshot = content.collect("district", "1001")
    rows = {row[0]: row for row in snapshot["stats"]}
    assert rows["1025"][2] is None and rows["1001"][2] == 0
    assert all(pilot["communities"] is None for pilot in snapshot["pilots"])
    html, _warnings = book.render_html(snapshot, content.edition_meta(title="t", number=1))
    assert "–" in stats_row(html, "1025")


def test_a_book_stored_before_consent_was_recorded_prints_no_interviewee(lesson):
    snapshot = content.collect()
    snapshot["lessons"][0]["interviewees"] = "นางสมศรี ใจดี ประธานชุมชน"  # the old free text
    html, _warnings = book.render_html(snapshot, content.edition_meta(title="t", number=1))
    assert "นางสมศรี" not in html and "บัญชีครัวเรือนเปลี่ยนชีวิต" in html


def test_a_withdrawn_consent_is_taken_out_of_the_books_already_built(
    lesson, strategy, staff_bangphlat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition, _created = services.request_build(by=strategy)
    edition.refresh_from_db()
    assert "นายบุญมี รักถิ่น" in pdftotext(edition.file.read())

    # The consenting interviewee withdraws: the lesson is edited, not approved again.
    lesson.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        lesson_services.lesson_update(
            lesson=lesson,
            by=staff_bangphlat,
            version=lesson.version,
            interviewees=[PEOPLE[0], {**PEOPLE[1], "consent": False}],
        )

    edition.refresh_from_db()
    # The stored copy was dropped and the worker built it again from the corrected snapshot.
    assert edition.status == EditionStatus.READY
    text = " ".join(pdftotext(edition.file.read()).split())
    assert "นายบุญมี" not in text and "อาสาสมัครสาธารณสุข" in text
    assert "นายบุญมี" not in str(edition.inputs)


def test_books_built_before_consent_lose_their_pdf_and_are_rebuilt_without_names(
    lesson, strategy, client, django_capture_on_commit_callbacks
):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("handbook.migrations.0005_forget_pre_consent_interviewees")
    with django_capture_on_commit_callbacks(execute=True):
        edition, _created = services.request_build(by=strategy)
    edition.refresh_from_db()
    # As such a book was stored: the free text of names in its snapshot (and so in its PDF).
    edition.inputs["content"]["lessons"][0]["interviewees"] = "นางสมศรี ใจดี ประธานชุมชน"
    edition.save(update_fields=["inputs"])

    migration.forget(apps, None)

    edition.refresh_from_db()
    assert not edition.file.storage.exists(edition.file.name)
    assert edition.inputs["content"]["lessons"][0]["interviewees"] == []
    client.force_login(strategy)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("handbook:download", args=[edition.pk]))
    assert response.status_code == 302  # "being built again" on the edition's page
    edition.refresh_from_db()
    assert edition.status == EditionStatus.READY
    assert "นางสมศรี" not in pdftotext(edition.file.read())


def test_an_erased_person_leaves_the_books_already_built(
    lesson, strategy, django_capture_on_commit_callbacks
):
    """PDPA erasure (privacy app): a printed edition naming the person is rebuilt from the
    corrected snapshot, with the pseudonym in place of the name."""
    from bangphlat.personal_data import parse_query
    from privacy import services as privacy_services
    from privacy.models import Channel, LegalBasis

    with django_capture_on_commit_callbacks(execute=True):
        edition, _created = services.request_build(by=strategy)
    edition.refresh_from_db()
    old_file = edition.file.name
    assert "นายบุญมี รักถิ่น" in pdftotext(edition.file.read())

    with django_capture_on_commit_callbacks(execute=True):
        privacy_services.personal_data_erase(
            query=parse_query("บุญมี รักถิ่น"),
            reason="คำขอลบข้อมูล",
            legal_basis=LegalBasis.CONSENT_WITHDRAWN,
            by=None,
            channel=Channel.COMMAND,
        )

    edition.refresh_from_db()
    assert edition.status == EditionStatus.READY, edition.error
    text = " ".join(pdftotext(edition.file.read()).split())
    assert "บุญมี" not in text and "อาสาสมัครสาธารณสุข" in text
    assert "บุคคล-" in text  # the pseudonym stands where the name was printed
    assert "บุญมี" not in str(edition.inputs)
    assert old_file == edition.file.name or not edition.file.storage.exists(old_file)
