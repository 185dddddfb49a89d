"""The interval chart draws every point, its error bar and the band, and says them in text."""

from bangphlat.charts import interval_chart


def chart(**kwargs):
    return interval_chart(
        title="ผลตามปี",
        labels=["−2", "−1", "0", "1"],
        values=[0.4, 0.0, -3.0, -4.5],
        lows=[-1.0, 0.0, -5.0, -7.0],
        highs=[1.8, 0.0, -1.0, -2.0],
        headers=["ปี", "ผล", "ต่ำ", "สูง"],
        **kwargs,
    )


def test_points_error_bars_band_and_zero_line_are_drawn():
    svg = str(chart(reference=1).svg)
    assert svg.count('class="point"') == 3
    assert svg.count('class="error-bar"') == 3
    assert svg.count('class="reference"') == 1
    assert svg.count('class="band"') == 1 and 'class="zero"' in svg


def test_the_data_table_and_text_alternative_carry_the_intervals():
    drawn = chart()
    assert drawn.headers == ["ปี", "ผล", "ต่ำ", "สูง"]
    assert drawn.rows[3] == ["1", "−4.5", "−7.0", "−2.0"]
    assert "0: −3.0 (−5.0 – −1.0)" in drawn.description
    assert "<desc" in str(drawn.svg)


def test_lower_values_are_drawn_lower():
    svg = str(chart().svg)
    circles = svg.split("<circle")[1:]
    cy = [float(c.split('cy="')[1].split('"')[0]) for c in circles]
    assert cy[3] > cy[2] > cy[0]  # SVG y grows downwards


def test_a_single_point_has_no_band_and_escapes_labels():
    drawn = interval_chart(title="t", labels=["<b>"], values=[1.0], lows=[0.5], highs=[1.5])
    assert 'class="band"' not in str(drawn.svg) and "&lt;b&gt;" in str(drawn.svg)
