"""Issue 29 part 9: headings, titles and table headers break only between Thai words, as
running text does (the words Chromium cut at 390 px: รูป|แบบ, การฝึก|อบรม, งบ|ประมาณ,
ผู้|หญิง), and a long name without spaces may wrap between its words on a phone."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from bangphlat.middleware import wrap_headings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("word", ["รูปแบบ", "การฝึกอบรม", "งบประมาณ", "ผู้หญิง"])
def test_the_words_cut_in_headings_are_kept_whole(word):
    html = f"<h2 class='h5'>{word}</h2><th scope='col'>{word}</th><p>{word}</p>"
    wrapped = wrap_headings(html)
    assert wrapped.count(f'<span class="nobr">{word}</span>') == 2
    assert wrapped.endswith(f"<p>{word}</p>")  # body text is left to its own filter


def test_markup_inside_a_heading_is_kept_and_svg_is_left_alone():
    html = '<h1>งบประมาณ <a href="/x?a=1&amp;b=2">ผู้หญิง</a><svg><text>งบประมาณ</text></svg></h1>'
    wrapped = wrap_headings(html)
    assert '<a href="/x?a=1&amp;b=2"><span class="nobr">ผู้หญิง</span></a>' in wrapped
    assert "<svg><text>งบประมาณ</text></svg>" in wrapped


def test_pages_come_out_with_their_headings_filtered(login, staff_bangphlat):
    response = login(staff_bangphlat).get(reverse("communities:activity_list"))
    html = response.content.decode()
    head = html[html.index("<thead") : html.index("</thead>")]
    assert '<span class="nobr">ผู้เข้าร่วม</span>' in head
    if response.has_header("Content-Length"):  # still the length of what is sent
        assert int(response["Content-Length"]) == len(response.content)


def test_a_long_name_wraps_between_its_words_and_a_short_one_never():
    rendered = Template("{{ a|nobr }}|{{ b|nobr }}").render(
        Context({"a": "เคหะชุมชนร่มเกล้าแฟลตคลองสองต้นนุ่น", "b": "ชุมชนวัดบางพลัด ซอย 5"})
    )
    long_name, short_name = rendered.split("|")
    assert long_name.startswith('<span class="name-long">') and "<wbr>" in long_name
    pieces = [p.split(">")[-1] for p in long_name.split("</span>") if p]
    assert "".join(pieces) == "เคหะชุมชนร่มเกล้าแฟลตคลองสองต้นนุ่น"  # nothing added to the text
    assert "<wbr>" not in short_name and short_name.count('class="nobr"') == 3


def test_a_badge_in_a_heading_is_left_as_it_is():
    html = '<h1>งบประมาณ <span class="badge bg-x">เขตนำร่องแห่งแรก</span></h1>'
    assert wrap_headings(html) == (
        '<h1><span class="nobr">งบประมาณ</span> <span class="badge bg-x">เขตนำร่องแห่งแรก</span></h1>'
    )
