"""Issue 29 part 9: charts readable on phones, from the one SVG path (bangphlat.charts).
Each chart is also drawn PHONE_WIDTH wide, shown 1:1 in a phone's box, so its 11-unit labels
are 11 CSS px; the line chart's end labels never touch; the current fiscal year is marked in
the drawing itself, not only in a note under it."""

import re

import pytest

from bangphlat import charts

LINES = [
    ("ผู้เข้าร่วมทั้งหมด", [120, 300, 310]),
    ("ผู้หญิง", [60, 150, 152]),
    ("ผู้สูงอายุ", [50, 148, 150]),
    ("ผู้พิการ", [2, 3, 4]),
    ("ผู้ถือบัตรสวัสดิการ", [1, 2, 3]),
]


def font_sizes(svg: str) -> list[float]:
    return [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]


def view_width(svg: str) -> float:
    return float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))


def end_label_ys(svg: str) -> list[float]:
    return [
        float(y) for y in re.findall(r'<text x="[\d.]+" y="([\d.]+)"[^>]*class="end-label"', svg)
    ]


@pytest.mark.parametrize(
    "chart",
    [
        charts.bar_chart(title="t", labels=["บางพลัด", "ป้อมปราบศัตรูพ่าย"], values=[3, 5]),
        charts.column_chart(title="t", labels=[f"ม.ค. {n}" for n in range(24)], values=[1] * 24),
        charts.line_chart(title="t", labels=["2567", "2568", "2569"], series=LINES),
        charts.stacked_bar_chart(title="t", labels=["ก", "ข"], series=[("a", [1, 2]), ("b", [2, 1])]),
        charts.interval_chart(title="t", labels=["-2", "-1", "0"], values=[0.1, 0, 1],
                              lows=[-1, 0, 0.5], highs=[1, 0, 1.5], reference=1),
    ],
)  # fmt: skip
def test_every_chart_has_a_phone_drawing_with_labels_of_at_least_11_units(chart):
    assert view_width(chart.svg) == 560
    assert view_width(chart.phone_svg) == charts.PHONE_WIDTH == 300
    assert min(font_sizes(chart.phone_svg)) >= 11
    assert min(font_sizes(chart.svg)) >= 11
    # Two drawings on one page: their ids must differ.
    ids = re.search(r'aria-labelledby="([^"]+)"', chart.svg).group(1)
    assert ids not in chart.phone_svg


def test_a_chart_drawn_to_a_given_width_has_no_phone_twin():
    assert charts.bar_chart(title="t", labels=["a"], values=[1], width=400).phone_svg == ""


@pytest.mark.parametrize("width", [560, 300])
def test_end_labels_of_close_lines_never_touch_and_stay_in_the_chart(width):
    chart = charts.line_chart(title="t", labels=["2567", "2568", "2569"], series=LINES, width=width)
    ys = sorted(end_label_ys(chart.svg))
    assert len(ys) == 5
    assert all(b - a >= charts.AXIS_FONT + 3 - 0.2 for a, b in zip(ys, ys[1:], strict=False))
    height = float(re.search(r'viewBox="0 0 [\d.]+ ([\d.]+)"', chart.svg).group(1))
    assert ys[0] > 0 and ys[-1] <= height


def test_month_labels_on_a_phone_are_spaced_so_they_never_touch():
    labels = [f"ธ.ค. {n:02d}" for n in range(24)]
    chart = charts.column_chart(title="t", labels=labels, values=list(range(24)))
    xs = [
        float(x) for x in re.findall(r'<text x="([\d.]+)"[^>]*class="axis-label"', chart.phone_svg)
    ]
    width = charts._text_width(labels[0], charts.AXIS_FONT)
    assert len(xs) >= 3 and all(b - a > width for a, b in zip(xs, xs[1:], strict=False))


def test_the_current_fiscal_year_is_marked_partial_in_the_chart_itself():
    chart = charts.line_chart(
        title="t",
        labels=["2568", "2569", "2570"],
        series=LINES[:2],
        partial_note="ปีงบประมาณปัจจุบัน ยังไม่ครบปี",
        partial_label="ยังไม่ครบปี",
    )
    for svg in (chart.svg, chart.phone_svg):
        assert 'class="partial-band"' in svg
        assert re.search(r'class="partial-label">ยังไม่ครบปี</text>', svg)
        assert "2570*" in svg
