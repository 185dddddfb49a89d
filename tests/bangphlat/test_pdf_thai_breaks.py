"""In WeasyPrint's PDFs the listed Thai words stay whole through Pango (bangphlat.pdf_thai_breaks),
without a span per word: the lines break only between words, the text is as typed, and a layout
used again for another text forgets the words of the last one."""

import re
import shutil
import subprocess

import pytest

from bangphlat import thaifont
from bangphlat.thai_breaks import kept_word_spans, thai_segments

THAI = r"[\u0e01-\u0e5b]+"
PARAGRAPH = (
    "ผู้สูงอายุในชุมชนเขตราชเทวีร่วมถอดบทเรียนกับอาสาสมัครตามหลักปรัชญาเศรษฐกิจพอเพียง"
    "และครัวเรือนที่ได้รับเบี้ยยังชีพผู้สูงอายุเข้าร่วมกลุ่มออมทรัพย์ของเขตราษฎร์บูรณะ"
)


def test_the_spans_are_the_listed_words_at_their_offsets():
    text = "ok ราชเทวี, ผู้สูงอายุ"
    assert [text[start:end] for start, end in kept_word_spans(text)] == ["ราชเทวี", "ผู้สูงอายุ"]
    assert kept_word_spans("plain English") == []


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    thaifont.install()
    css = thaifont.font_face_css() + "body { font-family: Sarabun; font-size: 14pt; }"
    return HTML(string=f'<html lang="th"><style>{css}</style>{html}</html>').write_pdf()


def text_lines(data: bytes) -> list[str]:
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return [line for line in result.stdout.decode().splitlines() if line.strip()]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
@pytest.mark.parametrize("width", ["32mm", "45mm", "61mm"])
def test_narrow_lines_break_only_between_words_and_add_nothing(width):
    lines = text_lines(render_pdf(f'<p style="width: {width}">{PARAGRAPH}</p>'))
    assert len(lines) > 3
    for line, following in zip(lines, lines[1:], strict=False):
        end, start = re.search(THAI + "$", line), re.match(THAI, following)
        words = thai_segments(end.group() + start.group())
        ends = {sum(map(len, words[: n + 1])) for n in range(len(words))}
        assert len(end.group()) in ends, f"{end.group()}|{start.group()}"
    assert "".join(lines) == PARAGRAPH  # no character added, none lost


def test_a_layout_used_again_forgets_the_words_of_its_last_text():
    """WeasyPrint lays a paragraph's rest out again in the same Pango layout: a word of the
    first text must not forbid a break in the second, where other text lies at those bytes."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes
    from weasyprint.text.ffi import ffi, pango
    from weasyprint.text.line_break import Layout

    thaifont.install()
    document = HTML(string='<html lang="th"><p>ทดสอบ</p></html>').render()
    text_box = next(
        box for box in document.pages[0]._page_box.descendants() if isinstance(box, boxes.TextBox)
    )

    def line_breaks(layout):
        count = ffi.new("int *")
        attributes = pango.pango_layout_get_log_attrs_readonly(layout.layout, count)
        return {i for i in range(1, count[0] - 1) if attributes[i].is_line_break}

    first, second = "ผู้สูงอายุ", "ชุมชนดีมาก"
    assert thai_segments(second)[0] == "ชุมชน"  # a break at 5, inside ผู้สูงอายุ's bytes
    layout = Layout(text_box.style)
    layout.set_text(first)
    assert line_breaks(layout) == set()
    layout.set_text(second)
    assert 5 in line_breaks(layout)


def test_the_break_points_weasyprint_asks_for_without_a_layout_agree():
    from weasyprint.text import line_break

    thaifont.install()
    text = "ชุมชนราชเทวี"
    attributes = line_break.get_log_attrs(text, "th")
    breaks = {i for i in range(1, len(text)) if attributes[i].is_line_break}
    assert 5 in breaks  # ชุมชน|ราชเทวี
    assert 8 not in breaks  # never ราช|เทวี


def test_drawing_without_the_words_draws_the_same_pdf(monkeypatch):
    """A drawn line is laid out again with no width (Layout.reactivate), so the patch does not
    set the listed words there. If Pango ever drew such a line differently with them set, the
    two PDFs would differ."""
    from weasyprint.text.line_break import Layout

    html = "".join(f'<p style="width: {width}">{PARAGRAPH}</p>' for width in ("32mm", "61mm"))
    without = render_pdf(html)

    def reactivate_with_the_words(self, style):
        self.setup(style)
        self.set_text(self.text, justify=True)  # the patched set_text: the words set again

    monkeypatch.setattr(Layout, "reactivate", reactivate_with_the_words)
    assert render_pdf(html) == without
