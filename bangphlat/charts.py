"""Server-side SVG charts, one code path for web pages and WeasyPrint PDFs (no JavaScript).

Every chart has a <title> and <desc> (its text alternative) and comes with a data table for
screen readers. Colours are the Okabe–Ito palette: distinguishable with colour-blindness and
in greyscale print; values are printed next to bars and line ends, lines also differ by dash.

API (all keyword-only; each returns a ``Chart`` with ``svg`` (safe markup to output as is,
also in WeasyPrint), ``title``, ``description`` and the data table ``headers`` / ``rows``;
``templates/dashboard/_chart.html`` renders a figure with its title above, the drawing that
fits its box (``svg``, or ``phone_svg`` drawn PHONE_WIDTH wide) and its table):

- ``bar_chart(title=, labels=, values=, color=None, unit="")``: horizontal bars;
- ``stacked_bar_chart(title=, labels=, series=[(name, values)], colors=None)``: parts of a
  whole (``colors=STAGE_SCALE`` for ordered stages);
- ``column_chart(title=, labels=, values=)``: columns over time (e.g. months);
- ``line_chart(title=, labels=, series=[(name, values)], partial_note="")``: overlapping
  figures over time; with ``partial_note`` the last period (not over yet) is drawn faint and
  dotted with hollow markers and labelled, so it does not read as a collapse;
- ``interval_chart(title=, labels=, values=, lows=, highs=, reference=None, unit="")``:
  estimates with their intervals (an event study): a shaded band through the interval ends,
  a point with an error bar at each label, a dashed zero line; ``reference`` is the index of
  a label fixed at zero by construction (drawn hollow, without a bar).
"""

import functools
import hashlib
import math
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
FONT = "Sarabun, sans-serif"
# Ordered stages (rollout stages, model steps): one sequential scale everywhere, light to dark
# as a district or community gets further along (ColorBrewer YlGnBu: colour-blind safe, and
# still ordered in greyscale). Text on the first three is dark, on the last two white.
STAGE_SCALE = ["#FFFFCC", "#A1DAB4", "#41B6C4", "#225EA8", "#0C2C84"]
STAGE_TEXT = ["#111111", "#111111", "#111111", "#FFFFFF", "#FFFFFF"]


@dataclass
class Chart:
    title: str
    description: str
    svg: SafeString
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # the data table
    # The same chart drawn PHONE_WIDTH wide, for a narrow screen: a 560-wide drawing shrunk to
    # a phone's ~300 px would print its 11-unit labels at 6 px (templates/dashboard/_chart.html
    # shows the one that fits its box; PDFs use ``svg``).
    phone_svg: SafeString = mark_safe("")


# A phone's chart box: 360 px screen less the page's and card's padding. Drawn 1:1 there, so
# every label keeps its size in CSS pixels (at least AXIS_FONT).
PHONE_WIDTH = 300
AXIS_FONT = 11


def _for_phones(draw):
    """Also draw the chart PHONE_WIDTH wide (``Chart.phone_svg``), unless a width is given."""

    @functools.wraps(draw)
    def both(**kwargs):
        chart = draw(**kwargs)
        if "width" not in kwargs:
            chart.phone_svg = draw(**kwargs, width=PHONE_WIDTH).svg
        return chart

    return both


def _text_width(text: str, size=12) -> float:
    """Rough width of a label: Thai vowel and tone marks above or below take no space."""
    # า and ำ (U+0E32, U+0E33) sit inside the range but do take space.
    marks = sum(
        1
        for ch in text
        if ch == "\u0e31" or "\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e"
    )
    return (len(text) - marks) * size * 0.55


def _legend(names, width, swatch) -> tuple[list[str], int]:
    """Legend entries, wrapped onto as many lines as the width needs; returns its height."""
    parts, x, y = [], 0, 0
    for index, name in enumerate(names):
        entry = 22 + _text_width(name) + 14
        if x and x + entry > width:
            x, y = 0, y + 18
        parts.append(
            swatch(index, x, y)
            + f'<text x="{x + 20}" y="{y + 14}" font-size="12">{escape(name)}</text>'
        )
        x += entry
    return parts, y + 24


def _label_width(labels, width) -> float:
    """Room for the bars' labels: as wide as the longest (13-unit type), at most 170 units and
    at most 42 % of the chart (a phone's chart keeps room for its bars)."""
    longest = max((_text_width(str(label), 13) for label in labels), default=0)
    return round(min(longest + 10, 170, width * 0.42))


def _fmt(value) -> str:
    return f"{value:,.0f}" if isinstance(value, int | float) else str(value)


@_for_phones
def bar_chart(
    *,
    title: str,
    labels: list[str],
    values: list[float],
    width=560,
    bar_height=22,
    color=None,
    unit="",
) -> Chart:
    """Horizontal bars, one per label, value printed at the end of each bar."""
    label_width = _label_width(labels, width)
    top = 8
    height = top + len(labels) * (bar_height + 8) + 8
    peak = max(values, default=0) or 1
    scale = (width - label_width - 70) / peak
    parts = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + index * (bar_height + 8)
        bar = max(value * scale, 0)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" font-size="13">{escape(str(label))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{bar:.1f}" height="{bar_height}" fill="{color or PALETTE[0]}"/>'
            f'<text x="{label_width + bar + 5:.1f}" y="{y + bar_height * 0.7:.1f}" font-size="12">{_fmt(value)}{escape(unit)}</text>'
        )
    return _wrap_series(title, labels, values, width, height, parts, unit)


@_for_phones
def stacked_bar_chart(
    *,
    title: str,
    labels: list[str],
    series: list[tuple[str, list[float]]],
    width=560,
    bar_height=22,
    colors=None,
) -> Chart:
    """Horizontal stacked bars with a legend; ``series`` is [(name, values per label)]."""
    label_width = _label_width(labels, width)
    colors = colors or PALETTE
    parts, legend_height = _legend(
        [name for name, _v in series],
        width,
        lambda i, x, y: (
            f'<rect x="{x}" y="{y + 4}" width="14" height="12" fill="{colors[i % len(colors)]}" stroke="#666" stroke-width=".5"/>'
        ),
    )
    top = legend_height + 6
    height = top + len(labels) * (bar_height + 8) + 8
    totals = [sum(values[i] for _name, values in series) for i in range(len(labels))]
    peak = max(totals, default=0) or 1
    scale = (width - label_width - 60) / peak
    for row, label in enumerate(labels):
        y = top + row * (bar_height + 8)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" font-size="13">{escape(str(label))}</text>'
        )
        offset = label_width
        for index, (_name, values) in enumerate(series):
            w = values[row] * scale
            if w > 0:
                parts.append(
                    f'<rect x="{offset:.1f}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{colors[index % len(colors)]}" stroke="#fff" stroke-width=".5"/>'
                )
            offset += w
        parts.append(
            f'<text x="{offset + 5:.1f}" y="{y + bar_height * 0.7:.1f}" font-size="12">{_fmt(totals[row])}</text>'
        )
    description = "; ".join(
        f"{label}: " + ", ".join(f"{name} {_fmt(values[row])}" for name, values in series)
        for row, label in enumerate(labels)
    )
    headers = ["", *[name for name, _v in series]]
    rows = [
        [label, *[_fmt(values[row]) for _n, values in series]] for row, label in enumerate(labels)
    ]
    return _wrap(title, description, width, height, "".join(parts), headers, rows)


@_for_phones
def column_chart(
    *, title: str, labels: list[str], values: list[float], width=560, height=220, color=None
) -> Chart:
    """Vertical columns over time (e.g. months); every third label is printed (every sixth or
    more where three would touch, as on a phone)."""
    left, bottom, top = 40, 36, 10
    peak = max(values, default=0) or 1
    plot_height = height - bottom - top
    step = (width - left - 10) / max(len(values), 1)
    widest = max((_text_width(str(label), AXIS_FONT) for label in labels), default=0)
    every = 3 * max(1, math.ceil((widest + 6) / (3 * step)))  # labels never touch
    parts = [f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" stroke="#666"/>',
             f'<text x="{left - 4}" y="{top + 10}" text-anchor="end" font-size="{AXIS_FONT}">{_fmt(peak)}</text>',
             f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end" font-size="{AXIS_FONT}">0</text>']  # fmt: skip
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = value / peak * plot_height
        x = left + index * step
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{height - bottom - h:.1f}" width="{max(step - 2, 1):.1f}" height="{h:.1f}" fill="{color or PALETTE[0]}"/>'
        )
        if index % every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height - bottom + 15}" text-anchor="middle" font-size="{AXIS_FONT}" class="axis-label">{escape(str(label))}</text>'
            )
    return _wrap_series(title, labels, values, width, height, parts)


@_for_phones
def line_chart(
    *,
    title: str,
    labels: list[str],
    series: list[tuple[str, list[float]]],
    width=560,
    height=240,
    partial_note="",
    partial_label="",
) -> Chart:
    """Lines over time, one per series (for figures that overlap and must not be stacked, such
    as women and elderly participants); each point has a marker, each line its own dash
    pattern and a value at its end, so the lines stay apart in greyscale print. With
    ``partial_label`` the last period's stretch is shaded and named in the chart itself."""
    left, right, bottom = 52, 64, 30
    dashes = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 2"]
    parts, legend_height = _legend(
        [name for name, _v in series],
        width,
        lambda i, x, y: (
            f'<line x1="{x}" y1="{y + 10}" x2="{x + 16}" y2="{y + 10}" stroke="{PALETTE[i % len(PALETTE)]}" stroke-width="2.5" stroke-dasharray="{dashes[i % len(dashes)]}"/>'
        ),
    )
    top = legend_height + 10
    height += legend_height - 24
    marked = bool(partial_note and partial_label and len(labels) > 1)
    if marked:  # a strip above the plot for the partial year's name, clear of every line
        top += AXIS_FONT + 6
        height += AXIS_FONT + 6
    plot_height = height - top - bottom
    peak = max((v for _name, values in series for v in values), default=0) or 1
    step = (width - left - right) / max(len(labels) - 1, 1)
    parts += [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#666"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" font-size="11">{_fmt(peak)}</text>',
        f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end" font-size="11">0</text>',
    ]
    if marked:
        # The period not over yet, marked where the eye is: a shaded stretch, named above it.
        x0 = left + (len(labels) - 1.5) * step
        band_top = top - AXIS_FONT - 6
        parts.append(
            f'<rect x="{x0:.1f}" y="{band_top}" width="{width - right - x0 + 8:.1f}" height="{height - bottom - band_top}" fill="#eeeeee" class="partial-band"/>'
            f'<text x="{width - right + 6:.1f}" y="{band_top + AXIS_FONT + 1}" text-anchor="end" font-size="{AXIS_FONT}" fill="#333" class="partial-label">{escape(partial_label)}</text>'
        )
    for index, label in enumerate(labels):
        parts.append(
            f'<text x="{left + index * step:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="{AXIS_FONT}" class="axis-label">{escape(str(label))}{"*" if partial_note and index == len(labels) - 1 else ""}</text>'
        )

    ends = []  # (y, value) of each line's last point, labelled after the loop
    for index, (_name, values) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        points = [
            (left + i * step, height - bottom - value / peak * plot_height)
            for i, value in enumerate(values)
        ]
        if not points:
            continue
        whole = points[:-1] if partial_note and len(points) > 1 else points
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in whole)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5" stroke-dasharray="{dashes[index % len(dashes)]}"/>'
        )
        parts.extend(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>' for px, py in whole
        )
        if whole is not points:  # the period not over yet: faint, dotted, hollow marker
            (x1, y1), (x2, y2) = points[-2], points[-1]
            parts.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" stroke-width="1.5" stroke-dasharray="1 4" stroke-linecap="round" class="partial"/>'
                f'<circle cx="{x2:.1f}" cy="{y2:.1f}" r="3.5" fill="#fff" stroke="{colour}" stroke-width="1.5"/>'
            )
        ends.append((points[-1][1], values[-1], colour))
    for y, value, _colour in _end_labels(ends, top=top + 4, bottom=height - bottom - 4):
        parts.append(
            f'<text x="{width - right + 12:.1f}" y="{y + 4:.1f}" font-size="{AXIS_FONT}" class="end-label">{_fmt(value)}</text>'
        )
    description = "; ".join(
        f"{label}: " + ", ".join(f"{name} {_fmt(values[row])}" for name, values in series)
        for row, label in enumerate(labels)
    )
    headers = ["", *[name for name, _v in series]]
    rows = [
        [label, *[_fmt(values[row]) for _n, values in series]] for row, label in enumerate(labels)
    ]
    if partial_note and labels:
        parts.append(
            f'<text x="{width - 4}" y="{height + 12}" text-anchor="end" font-size="11" class="partial-note">* {escape(partial_note)}</text>'
        )
        height += 16
        description += f" (* {labels[-1]}: {partial_note})"
        rows[-1][0] = f"{labels[-1]}*"
    return _wrap(title, description, width, height, "".join(parts), headers, rows)


END_LABEL_GAP = AXIS_FONT + 3  # baseline to baseline: 11-unit figures never touch


def _end_labels(ends, *, top, bottom):
    """The lines' end values placed beside their ends, at least END_LABEL_GAP apart, kept
    between ``top`` and ``bottom`` (pushed up together when the lowest would fall off)."""
    placed = []
    for y, value, colour in sorted(ends, key=lambda end: end[0]):
        y = max(y, top) if not placed else max(y, placed[-1][0] + END_LABEL_GAP)
        placed.append([y, value, colour])
    overflow = placed[-1][0] - bottom if placed else 0
    if overflow > 0:
        for index in range(len(placed) - 1, -1, -1):  # from the bottom up, as far as needed
            limit = bottom if index == len(placed) - 1 else placed[index + 1][0] - END_LABEL_GAP
            placed[index][0] = min(placed[index][0], limit)
    return placed


@_for_phones
def interval_chart(
    *,
    title: str,
    labels: list[str],
    values: list[float],
    lows: list[float],
    highs: list[float],
    reference: int | None = None,
    unit="",
    headers=("", "", "", ""),
    width=560,
    height=260,
) -> Chart:
    """Point estimates with intervals over ordered labels (see the module docstring)."""
    left, right, top, bottom = 56, 16, 16, 34
    lo = min([0.0, *lows, *values])
    hi = max([0.0, *highs, *values])
    pad = (hi - lo) * 0.08 or 1.0
    lo, hi = lo - pad, hi + pad
    plot_height = height - top - bottom
    step = (width - left - right) / max(len(labels), 1)

    def x(i):
        return left + (i + 0.5) * step

    def y(value):
        return top + (hi - value) / (hi - lo) * plot_height

    colour = PALETTE[0]
    parts = [
        f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - right}" y2="{y(0):.1f}" stroke="#666" stroke-dasharray="4 3" class="zero"/>',
        f'<text x="{left - 4}" y="{y(0) + 4:.1f}" text-anchor="end" font-size="11">0</text>',
    ]
    # The top and bottom values, unless they would sit on the zero label.
    for value, at in ((hi - pad, top + 8), (lo + pad, height - bottom)):
        if abs(at - y(0)) > 14:
            parts.append(
                f'<text x="{left - 4}" y="{at:.1f}" text-anchor="end" font-size="11">{_num(value)}</text>'
            )
    if len(labels) > 1:
        edge = [(x(i), y(h)) for i, h in enumerate(highs)] + [
            (x(i), y(low)) for i, low in reversed(list(enumerate(lows)))
        ]
        points = " ".join(f"{px:.1f},{py:.1f}" for px, py in edge)
        parts.append(
            f'<polygon points="{points}" fill="{colour}" fill-opacity="0.15" class="band"/>'
        )
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11">{escape(str(label))}</text>'
        )
        if i == reference:
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(values[i]):.1f}" r="4" fill="#fff" stroke="{colour}" stroke-width="1.5" class="reference"/>'
            )
            continue
        parts.append(
            f'<line x1="{x(i):.1f}" y1="{y(highs[i]):.1f}" x2="{x(i):.1f}" y2="{y(lows[i]):.1f}" stroke="{colour}" stroke-width="1.5" class="error-bar"/>'
            f'<circle cx="{x(i):.1f}" cy="{y(values[i]):.1f}" r="4" fill="{colour}" class="point"/>'
        )
    rows = [
        [label, _num(v) + unit, _num(low) + unit, _num(high) + unit]
        for label, v, low, high in zip(labels, values, lows, highs, strict=True)
    ]
    description = "; ".join(f"{r[0]}: {r[1]} ({r[2]} – {r[3]})" for r in rows)
    return _wrap(title, description, width, height, "".join(parts), list(headers), rows)


def _num(value) -> str:
    """A signed figure to one decimal (estimates are small and may be negative)."""
    return f"{value:,.1f}".replace("-", "−")


def _wrap_series(title, labels, values, width, height, parts, unit="") -> Chart:
    """A one-series chart: its text alternative and data table come from the values."""
    pairs = list(zip(labels, values, strict=True))
    description = "; ".join(f"{label}: {_fmt(value)}{unit}" for label, value in pairs)
    rows = [[label, _fmt(value)] for label, value in pairs]
    return _wrap(title, description, width, height, "".join(parts), ["", title], rows)


def _wrap(title, description, width, height, body, headers, rows) -> Chart:
    # A stable id (same chart → same markup), so rebuilt PDFs are identical.
    ident = "chart-" + hashlib.sha1(f"{title}|{description}|{width}".encode()).hexdigest()[:10]
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="{FONT}" class="chart">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(description)}</desc>{body}</svg>'
    )
    return Chart(
        title=title, description=description, svg=mark_safe(svg), headers=headers, rows=rows
    )  # noqa: S308 - every text escaped
