"""The shared SVG charts: accessible (title, description, data table), escaped, drawn to scale,
the same markup for the same data (identical PDFs), and no JavaScript."""

import re

import pytest

from bangphlat import charts


def _bars(svg):
    return [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)]


def test_bar_chart_has_its_text_alternative_and_data_table():
    chart = charts.bar_chart(title="กิจกรรมรายเขต", labels=["บางพลัด", "พระนคร"], values=[30, 15])
    svg = str(chart.svg)
    assert svg.startswith("<svg") and 'role="img"' in svg
    ids = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
    assert f'<title id="{ids[0]}">กิจกรรมรายเขต</title>' in svg
    assert f'<desc id="{ids[1]}">บางพลัด: 30; พระนคร: 15</desc>' in svg
    assert chart.rows == [["บางพลัด", "30"], ["พระนคร", "15"]]
    assert "<script" not in svg
    widths = _bars(svg)
    assert widths[0] == pytest.approx(2 * widths[1])  # bars to scale


def test_labels_are_escaped():
    chart = charts.bar_chart(title="<b>x</b>", labels=['<script>alert("x")</script>'], values=[1])
    svg = str(chart.svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;" in svg


def test_stacked_bars_sum_per_row_and_keep_a_legend():
    chart = charts.stacked_bar_chart(
        title="ชุมชนตามขั้น",
        labels=["กลุ่ม ก", "กลุ่ม ข"],
        series=[("เข้าใจ", [2, 0]), ("เข้าถึง", [3, 4])],
    )
    svg = str(chart.svg)
    assert chart.headers == ["", "เข้าใจ", "เข้าถึง"]
    assert chart.rows == [["กลุ่ม ก", "2", "3"], ["กลุ่ม ข", "0", "4"]]
    assert ">5</text>" in svg and ">4</text>" in svg  # totals printed at the bar ends
    assert "เข้าใจ" in svg and "เข้าถึง" in svg  # legend
    assert charts.PALETTE[0] in svg and charts.PALETTE[1] in svg


def test_empty_and_zero_data_draw_without_error():
    for chart in (
        charts.bar_chart(title="ว่าง", labels=[], values=[]),
        charts.column_chart(title="ศูนย์", labels=["ม.ค.", "ก.พ."], values=[0, 0]),
        charts.stacked_bar_chart(title="ว่าง", labels=["ก"], series=[("x", [0])]),
    ):
        assert "<title" in str(chart.svg)


def test_same_data_gives_identical_markup_different_data_different_ids():
    a = charts.column_chart(title="ต่อเดือน", labels=["ม.ค.", "ก.พ."], values=[1, 2])
    b = charts.column_chart(title="ต่อเดือน", labels=["ม.ค.", "ก.พ."], values=[1, 2])
    c = charts.column_chart(title="ต่อเดือน", labels=["ม.ค.", "ก.พ."], values=[1, 3])
    assert str(a.svg) == str(b.svg)
    assert re.search(r'id="([^"]+)"', str(a.svg)).group(1) != re.search(
        r'id="([^"]+)"', str(c.svg)
    ).group(1)


def test_palette_is_okabe_ito():
    assert charts.PALETTE[:7] == [
        "#0072B2",
        "#E69F00",
        "#009E73",
        "#CC79A7",
        "#56B4E9",
        "#D55E00",
        "#F0E442",
    ]


def test_line_chart_draws_one_line_per_series_with_its_values():
    chart = charts.line_chart(
        title="การเข้าถึง",
        labels=["2568", "2569", "2570"],
        series=[("ผู้หญิง", [10, 20, 40]), ("ผู้สูงอายุ", [5, 5, 0])],
    )
    svg = str(chart.svg)
    assert svg.count("<polyline") == 2 and svg.count("<circle") == 6
    assert chart.rows == [["2568", "10", "5"], ["2569", "20", "5"], ["2570", "40", "0"]]
    assert "2570: ผู้หญิง 40, ผู้สูงอายุ 0" in chart.description
    # the highest point touches the top of the plot, zero lies on the axis
    ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert min(ys) == ys[2] and max(ys) == ys[5]
