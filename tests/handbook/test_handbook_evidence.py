"""The handbook's evidence chapter: the evaluation's headline and chart for the main outcome,
or its reason for giving no figure; books stored before the chapter still render."""

import pytest

from handbook import content, render
from tests.evaluation.test_compute import build

pytestmark = pytest.mark.django_db
META = {"title": "คู่มือ", "number": 1, "date": "1 มกราคม 2570", "iso_date": "2027-01-01"}


def test_the_book_has_the_evidence_chapter_with_its_chart(strategy):
    build(strategy, noise=True)
    snapshot = content.collect()
    assert snapshot["evidence"]["outcome"] == "income_in_need"
    html, _warnings = render.render_html(snapshot, META)
    chapter = html.split('id="evidence-chapter"')[1].split("</section>")[0]
    assert "หลักฐานผลของการขยายผล" in html.split('class="toc"')[1].split("</nav>")[0]
    assert "สัดส่วนครัวเรือนที่ขาดด้านรายได้ ลดลง" in chapter
    assert "ไม่ใช่การทดลองแบบสุ่ม" in chapter
    assert chapter.count('class="point"') == 3 and 'class="band"' in chapter


def test_a_refused_evaluation_prints_its_reason_and_no_chart(strategy):
    build(strategy, adopters=0)
    html, _warnings = render.render_html(content.collect(), META)
    chapter = html.split('id="evidence-chapter"')[1].split("</section>")[0]
    assert "ยังไม่มีเขตใดเข้าสู่ขั้นที่เลือก" in chapter and "<svg" not in chapter


def test_a_book_stored_before_the_chapter_renders_without_it(strategy):
    snapshot = content.collect()
    del snapshot["evidence"]
    html, _warnings = render.render_html(snapshot, META)
    assert 'id="evidence-chapter"' not in html
