"""The handbook as a book and as an accessible document: tagged PDF/UA with Thai language,
headings, lists, tables and alternative texts; an archival PDF/A beside it; front matter in
Roman numerals; lesson headings kept with their text; the right edition number everywhere."""

import io
import os
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from handbook.models import Edition
from tests.handbook.test_handbook_pdf import book, pdftotext  # noqa: F401 - the shared fixture
from tests.lessons.factories import approved_lesson

pytestmark = pytest.mark.django_db


def structure(reader):
    """Every structure element of the tagged PDF as (type, alternative text)."""
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            found.append((str(node["/S"]), node.get("/Alt")))
        if "/K" in node:
            walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_the_pdf_is_tagged_pdf_ua_in_thai(book):  # noqa: F811
    _edition, data, reader = book
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]) == "th"
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    if os.path.exists("/usr/bin/pdfinfo"):
        import subprocess

        info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True).stdout.decode()
        assert re.search(r"Tagged:\s+yes", info)


def test_the_structure_tree_has_headings_lists_tables_and_figures(book):  # noqa: F811
    _edition, _data, reader = book
    kinds = {kind for kind, _alt in structure(reader)}
    assert {"/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TR", "/TH", "/TD"} <= kinds
    assert "/Figure" in kinds


def test_every_chart_and_photo_has_an_alternative_text(book):  # noqa: F811
    _edition, _data, reader = book
    figures = [alt for kind, alt in structure(reader) if kind == "/Figure"]
    assert figures and all(alt and str(alt).strip() for alt in figures), figures
    assert any("ชุมชนของเขต" in str(alt) for alt in figures)  # the pilot charts' titles


def test_bookmarks_survive_tagging(book):  # noqa: F811
    _edition, _data, reader = book
    assert len(reader.outline) >= 5


def test_an_archival_pdf_a_is_offered_beside_the_tagged_one(book, login, strategy):  # noqa: F811
    edition, _data, _reader = book
    client = login(strategy)
    page = client.get(reverse("handbook:edition", args=[edition.pk])).content.decode()
    assert "PDF/A" in page and "?format=archival" in page
    response = client.get(reverse("handbook:download", args=[edition.pk]) + "?format=archival")
    archival = b"".join(response.streaming_content)
    assert "pdfa" in response["Content-Disposition"]
    metadata = PdfReader(io.BytesIO(archival)).trailer["/Root"]["/Metadata"].get_object()
    assert b"pdfaid:part" in metadata.get_data()
    assert "/OutputIntents" in PdfReader(io.BytesIO(archival)).trailer["/Root"]


def test_front_matter_is_numbered_in_roman_and_chapters_start_at_one(book):  # noqa: F811
    _edition, data, reader = book
    pages = [pdftotext(data, "-f", str(n), "-l", str(n)) for n in range(1, len(reader.pages) + 1)]
    toc = next(i for i, text in enumerate(pages) if "สารบัญ" in text and "....." in text)
    assert re.search(r"^\s*ii\s*$", pages[toc], flags=re.M)  # the page after the cover
    chapter_one = next(i for i, text in enumerate(pages) if "รูปแบบบางพลัดโมเดล" in text and i > toc)
    assert re.search(r"^\s*1\s*$", pages[chapter_one], flags=re.M)
    assert re.search(r"บทที่ 1 รูปแบบบางพลัดโมเดล\s*\.{3,}\s*1\s*$", pages[toc], flags=re.M)


def test_the_contents_fit_their_pages_without_a_lonely_line(book):  # noqa: F811
    _edition, data, reader = book
    pages = [pdftotext(data, "-f", str(n), "-l", str(n)) for n in range(1, len(reader.pages) + 1)]
    toc_pages = [text for text in pages if "....." in text]
    for text in toc_pages:
        entries = re.findall(r"\.{3,}\s*\S+\s*$", text, flags=re.M)
        assert len(entries) >= 3, text  # no page of contents holds only a line or two


def test_a_lesson_title_and_its_box_never_end_a_page(staff_bangphlat, strategy, tmp_path):
    # Lessons of slowly growing length: some title is bound to fall near the foot of a page.
    for number in range(14):
        approved_lesson(
            staff_bangphlat,
            strategy,
            title=f"บทเรียนทดสอบการจัดหน้า {number}",
            step="understand",
            background="ชุมชนร่วมกันเก็บข้อมูลครัวเรือนและวางแผนการพัฒนา " * (12 + number * 5),
        )
    out = tmp_path / "book.pdf"
    call_command("build_handbook", "--out", str(out))
    data = out.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    for number in range(1, len(reader.pages) + 1):
        lines = [
            line.strip()
            for line in pdftotext(data, "-f", str(number), "-l", str(number)).splitlines()
            if line.strip()
        ]
        body = lines[:-1]  # the page number is the last line
        titles = [i for i, line in enumerate(body) if line.startswith("บทเรียนทดสอบการจัดหน้า")]
        for index in titles:
            # After the title and its box (district, authors) comes text on the same page.
            # title, 2 lines of box, the first heading, at least 2 lines of its text
            assert len(body) - index >= 6, (number, body[index:])


def test_the_command_line_build_names_the_next_printing_not_zero(
    staff_bangphlat, strategy, tmp_path, capsys
):
    approved_lesson(staff_bangphlat, strategy, title="บทเรียนเดียว", step="reach")
    out = tmp_path / "book.pdf"
    call_command("build_handbook", "--out", str(out))
    text = pdftotext(out.read_bytes())
    assert "ฉบับพิมพ์ครั้งที่ 0" not in text
    assert "ฉบับพิมพ์ครั้งที่ 1" in text
    assert "edition 1" in capsys.readouterr().out
    assert not Edition.objects.exists()  # the command does not record an edition


def test_only_a_build_from_the_shell_leaves_the_laid_out_book_to_the_process_exit(
    staff_bangphlat, strategy, tmp_path, monkeypatch
):
    """``manage.py build_handbook`` ends with its build: it skips collecting the book (half a
    second). Called inside a process that goes on (call_command: a test, a script), it never
    freezes the collector, or that process would keep every book it built."""
    from django.db import connections

    from bangphlat import pdf_speed
    from handbook.management.commands.build_handbook import Command

    approved_lesson(staff_bangphlat, strategy, title="บทเรียนเดียว", step="reach")
    left = []
    monkeypatch.setattr(pdf_speed, "leave_to_process_exit", lambda: left.append(True))
    call_command("build_handbook", "--out", str(tmp_path / "a.pdf"))
    assert left == []
    monkeypatch.setattr(connections, "close_all", lambda: None)  # the test's own transaction
    Command().run_from_argv(["manage.py", "build_handbook", "--out", str(tmp_path / "b.pdf")])
    assert left == [True]
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF-")
