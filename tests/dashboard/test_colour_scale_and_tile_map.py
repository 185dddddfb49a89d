"""One colour scale for ordered stages (further along = darker) on the map, its legend and the
model-step chart; a tile map whose names fit their tiles, in the reader's language; the
current, partial fiscal year drawn faint and labelled, not as a collapse."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation

from bangphlat import charts
from dashboard import figures
from districts.models import District, RolloutStage

pytestmark = pytest.mark.django_db


def luminance(hex_colour):
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    low, high = sorted([luminance(a), luminance(b)])
    return (high + 0.05) / (low + 0.05)


def test_further_along_is_darker_on_the_one_stage_scale():
    lightness = [luminance(colour) for colour in charts.STAGE_SCALE]
    assert lightness == sorted(lightness, reverse=True)
    assert [figures.STAGE_COLOURS[stage] for stage in RolloutStage] == charts.STAGE_SCALE
    # Neighbouring stages stay apart in greyscale too (colour-blind readers, print).
    assert all(a - b > 0.05 for a, b in zip(lightness, lightness[1:], strict=False))


def test_tile_labels_have_aa_contrast_on_every_stage():
    for fill, text in zip(charts.STAGE_SCALE, charts.STAGE_TEXT, strict=True):
        assert contrast(fill, text) >= 4.5, (fill, text)


def test_the_model_step_chart_uses_the_stage_scale_in_step_order(login, strategy):
    page = login(strategy).get(reverse("dashboard:home"))
    steps_chart = next(c for c in page.context["charts"] if "รายกลุ่มเขต" in c.title)
    legend_fills = re.findall(r'width="14" height="12" fill="(#[0-9A-F]{6})"', steps_chart.svg)
    assert legend_fills == charts.STAGE_SCALE


def row(name, name_en="", stage=RolloutStage.NOT_STARTED):
    return {
        "code": "1001",
        "name": name,
        "name_en": name_en,
        "stage": stage,
        "stage_label": "x",
        "is_pilot": False,
        "tile": (0, 0),
    }


def test_the_longest_name_fits_its_tile_on_two_lines_split_between_words():
    lines, size = figures.tile_label_lines("ป้อมปราบศัตรูพ่าย", width=47)
    assert lines == ["ป้อมปราบ", "ศัตรูพ่าย"]
    assert size >= 9 and all(charts._text_width(line, size) <= 47 for line in lines)
    svg = figures.tile_map([row("ป้อมปราบศัตรูพ่าย")])
    assert svg.count(">ป้อมปราบ<") == 1 and svg.count(">ศัตรูพ่าย<") == 1


def test_every_district_name_fits_its_tile_in_both_languages():
    for district in District.objects.all():
        for name in (district.name_th, district.name_en):
            lines, size = figures.tile_label_lines(name, width=47)
            assert size >= 8, name
            assert all(charts._text_width(line, size) <= 47 for line in lines), (name, lines)
            assert "".join(lines).replace(" ", "").replace("-", "") == name.replace(" ", "")


def test_the_tile_map_names_districts_in_english_for_english_readers():
    with translation.override("en"):
        svg = figures.tile_map([row("บางพลัด", "Bang Phlat")])
    assert ">Bang<" in svg and ">Phlat<" in svg and "บางพลัด" not in svg


def test_on_a_phone_the_map_is_also_a_list_of_districts_by_stage(login, strategy):
    page = login(strategy).get(reverse("dashboard:home")).content.decode()
    assert 'id="stage-list"' in page and "d-sm-none" in page
    assert '<span class="nobr">ป้อมปราบศัตรูพ่าย</span>' in page


def test_the_current_partial_fiscal_year_is_drawn_faint_and_labelled():
    chart = charts.line_chart(
        title="t",
        labels=["2566", "2567", "2568", "2569"],
        series=[("ผู้เข้าร่วม", [100, 120, 130, 20])],
        partial_note="ปีงบประมาณปัจจุบัน ยังไม่ครบปี",
    )
    assert 'class="partial"' in chart.svg and 'stroke-dasharray="1 4"' in chart.svg
    assert "2569*" in chart.svg and "* ปีงบประมาณปัจจุบัน ยังไม่ครบปี" in chart.svg
    # The solid line stops at the last full year.
    solid = re.search(r'<polyline points="([^"]+)"', chart.svg).group(1)
    assert len(solid.split()) == 3
    assert "2569*" in chart.rows[-1][0]


def test_the_dashboard_marks_the_current_fiscal_year_as_partial(login, strategy):
    page = login(strategy).get(reverse("dashboard:home"))
    reach = next(c for c in page.context["charts"] if "กลุ่มเปราะบาง" in c.title)
    assert "ยังไม่ครบปี" in reach.svg


def test_the_monthly_activity_chart_names_months_in_the_readers_calendar():
    december = dt.date(2024, 12, 1)
    with translation.override("th"):
        assert figures.month_label(december) == "ธ.ค. 67"
    with translation.override("en"):
        assert figures.month_label(december) == "Dec 24"
