"""Server-side SVG charts, one code path for web pages and WeasyPrint PDFs (no JavaScript).

Every chart has a <title> and <desc> (its text alternative) and comes with a data table for
screen readers. Colours are the Okabe–Ito palette: distinguishable with colour-blindness and
in greyscale print, and each series also has a pattern-free label next to its bar.
"""

import hashlib
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
FONT = "Sarabun, sans-serif"


@dataclass
class Chart:
    title: str
    description: str
    svg: SafeString
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # the data table


def _fmt(value) -> str:
    return f"{value:,.0f}" if isinstance(value, int | float) else str(value)


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
    label_width = 170
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
    description = "; ".join(
        f"{label}: {_fmt(value)}{unit}" for label, value in zip(labels, values, strict=True)
    )
    return _wrap(
        title,
        description,
        width,
        height,
        "".join(parts),
        ["", title],
        [[label, _fmt(value)] for label, value in zip(labels, values, strict=True)],
    )


def stacked_bar_chart(
    *,
    title: str,
    labels: list[str],
    series: list[tuple[str, list[float]]],
    width=560,
    bar_height=22,
) -> Chart:
    """Horizontal stacked bars with a legend; ``series`` is [(name, values per label)]."""
    label_width = 170
    legend_height = 24
    top = legend_height + 6
    height = top + len(labels) * (bar_height + 8) + 8
    totals = [sum(values[i] for _name, values in series) for i in range(len(labels))]
    peak = max(totals, default=0) or 1
    scale = (width - label_width - 60) / peak
    parts = []
    x = 0
    for index, (name, _values) in enumerate(series):
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{PALETTE[index % len(PALETTE)]}"/>'
                     f'<text x="{x + 16}" y="14" font-size="12">{escape(name)}</text>')  # fmt: skip
        x += 24 + len(name) * 8
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
                    f'<rect x="{offset:.1f}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{PALETTE[index % len(PALETTE)]}"/>'
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


def column_chart(
    *, title: str, labels: list[str], values: list[float], width=560, height=220, color=None
) -> Chart:
    """Vertical columns over time (e.g. months); every third label is printed."""
    left, bottom, top = 40, 36, 10
    peak = max(values, default=0) or 1
    plot_height = height - bottom - top
    step = (width - left - 10) / max(len(values), 1)
    parts = [f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" stroke="#666"/>',
             f'<text x="{left - 4}" y="{top + 10}" text-anchor="end" font-size="11">{_fmt(peak)}</text>',
             f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end" font-size="11">0</text>']  # fmt: skip
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = value / peak * plot_height
        x = left + index * step
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{height - bottom - h:.1f}" width="{max(step - 2, 1):.1f}" height="{h:.1f}" fill="{color or PALETTE[0]}"/>'
        )
        if index % 3 == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" font-size="10">{escape(str(label))}</text>'
            )
    description = "; ".join(
        f"{label}: {_fmt(value)}" for label, value in zip(labels, values, strict=True)
    )
    return _wrap(
        title,
        description,
        width,
        height,
        "".join(parts),
        ["", title],
        [[label, _fmt(value)] for label, value in zip(labels, values, strict=True)],
    )


def _wrap(title, description, width, height, body, headers, rows) -> Chart:
    # A stable id (same chart → same markup), so rebuilt PDFs are identical.
    ident = "chart-" + hashlib.sha1(f"{title}|{description}".encode()).hexdigest()[:10]
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="{FONT}" class="chart">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(description)}</desc>{body}</svg>'
    )
    return Chart(
        title=title, description=description, svg=mark_safe(svg), headers=headers, rows=rows
    )  # noqa: S308 - every text escaped
