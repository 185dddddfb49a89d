"""Where running Thai text may break: ICU's words corrected by the programme's word list, marked
in the rendered HTML only (spans and <wbr>, never an added character)."""

import re

from django.template import Context, Template
from django.utils.safestring import mark_safe

from bangphlat.markdown import render_markdown
from bangphlat.thai_breaks import thai_segments, wrap_thai_html


def visible_text(html):
    return re.sub(r"<[^>]+>", "", str(html))


def test_the_compounds_chromium_cut_are_single_words():
    text = "ผู้ที่เข้าร่วมดำเนินการโดยมีพี่เลี้ยงจากเขตนำร่อง"
    assert thai_segments(text) == [
        "ผู้", "ที่", "เข้าร่วม", "ดำเนินการ", "โดย", "มี", "พี่เลี้ยง", "จาก", "เขต", "นำร่อง",
    ]  # fmt: skip


def test_a_listed_phrase_corrects_where_icu_guessed_the_boundary_wrong():
    # ICU reads ลงพื้น|ที่; the list holds ลงพื้นที่ whole.
    assert thai_segments("ชุมชนลงพื้นที่สำรวจ")[-2:] == ["ลงพื้นที่", "สำรวจ"]
    assert wrap_thai_html("ทำพื้นที่") == 'ทำ<span class="nobr">พื้นที่</span>'


def test_district_names_in_running_text_are_never_split():
    # WeasyPrint's breaker cut "(เขตราช|เทวี)" in a lesson title of the demo handbook.
    assert wrap_thai_html("(เขตราชเทวี)") == '(เขต<span class="nobr">ราชเทวี</span>)'
    assert "คลองสามวา" in thai_segments("ชุมชนในเขตคลองสามวาร่วมกัน")


def test_zone_group_names_break_only_between_their_words():
    # ICU reads ตะวัน|ออก: at 390 px the district list showed กลุ่มกรุงเทพตะวัน / ออก.
    assert thai_segments("กลุ่มกรุงเทพตะวันออก") == ["กลุ่ม", "กรุงเทพ", "ตะวันออก"]
    assert thai_segments("ฝั่งตะวันตก")[-1] == "ตะวันตก"


def test_a_listed_word_inside_a_longer_word_is_left_to_icu():
    # บางนา (a district) is not cut out of บางนาง, whose words are บาง|นาง.
    assert "nobr" not in wrap_thai_html("บางนาง")


def test_listed_words_are_kept_whole_and_nothing_is_added_to_the_text():
    text = "ชุมชนที่เข้าร่วมดำเนินการเอง <ไม่ใช่แท็ก> & พี่เลี้ยง"
    html = wrap_thai_html(text)
    assert '<span class="nobr">ดำเนินการ</span>' in html
    assert '<span class="nobr">พี่เลี้ยง</span>' in html
    assert "&lt;ไม่ใช่แท็ก&gt; &amp;" in html  # plain text is escaped
    assert (
        visible_text(html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == text
    )
    assert "\u200b" not in html and "\u2060" not in html


def test_markdown_keeps_its_tags_links_and_code_untouched():
    html = render_markdown("**ผู้เข้าร่วม** [พี่เลี้ยง](https://example.org/?q=ดำเนินการ) `ดำเนินการ`")
    wrapped = wrap_thai_html(html)
    assert 'href="https://example.org/?q=ดำเนินการ"' in wrapped
    assert "<code>ดำเนินการ</code>" in wrapped
    assert '<strong><span class="nobr">ผู้เข้าร่วม</span></strong>' in wrapped
    assert visible_text(wrapped) == visible_text(html)


def test_english_and_empty_text_pass_through():
    english = mark_safe("<p>Community &amp; mentors</p>")
    assert wrap_thai_html(english) is english
    assert wrap_thai_html(None) == ""
    assert wrap_thai_html("Bang Phlat & co") == "Bang Phlat &amp; co"


def test_the_template_filter_wraps_a_translated_paragraph_and_user_text():
    template = Template(
        "{% filter thai_text %}<p>ดำเนินการ</p>{% endfilter %}|{{ notes|linebreaksbr|thai_text }}"
    )
    out = template.render(Context({"notes": "พี่เลี้ยง<b>\nดำเนินการ"}))
    assert out == (
        '<p><span class="nobr">ดำเนินการ</span></p>|'
        '<span class="nobr">พี่เลี้ยง</span>&lt;b&gt;<br><span class="nobr">ดำเนินการ</span>'
    )


def test_svg_mathml_style_and_script_text_is_never_wrapped():
    """WeasyPrint draws no chart whose SVG <text> holds an HTML <span> (issue #30: every chart
    of the handbook came out blank); MathML, CSS and scripts are not running text either."""
    from bangphlat import charts

    chart = charts.bar_chart(
        title="ชุมชนของเขตบางพลัด จำแนกตามขั้นของรูปแบบ",
        labels=["ยังไม่เข้าร่วม", "ชุมชนเข้าใจ"],
        values=[4, 8],
        unit=" ชุมชน",
    )
    page = mark_safe(
        f"<p>เขตราชเทวี</p><figure>{chart.svg}</figure>"
        "<math><mi>เขตราชเทวี</mi></math><style>.x::after{content:'เขตราชเทวี'}</style>"
        "<script>const a = 'เขตราชเทวี';</script><p>เขตราชเทวี</p>"
    )
    wrapped = str(wrap_thai_html(page))
    assert wrapped.count('class="nobr"') == 2  # the two paragraphs, nothing else
    assert str(chart.svg) in wrapped
    assert "<math><mi>เขตราชเทวี</mi></math>" in wrapped
    assert "<style>.x::after{content:'เขตราชเทวี'}</style>" in wrapped


def test_a_stray_closing_tag_does_not_end_a_skipped_element_early():
    page = mark_safe("<svg><text>เขตราชเทวี</text></code><desc>เขตราชเทวี</desc></svg>")
    assert "nobr" not in wrap_thai_html(page)
