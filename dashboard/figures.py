"""Turn dashboard data into the shared SVG charts and the tile map (web page and PDF alike)."""

from html import escape

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from bangphlat import charts
from bangphlat.thai import MONTHS_TH_ABBR
from communities.models import ModelStep
from districts.models import RolloutStage
from lessons.models import LessonStatus

# Colour-blind-safe, print-readable stage colours (Okabe–Ito), light to strong.
STAGE_COLOURS = {
    RolloutStage.NOT_STARTED: "#D9D9D9",
    RolloutStage.PREPARING: "#F0E442",
    RolloutStage.IMPLEMENTING: "#56B4E9",
    RolloutStage.SELF_RUNNING: "#009E73",
    RolloutStage.MENTOR_READY: "#0072B2",
}
DARK_TEXT = {RolloutStage.NOT_STARTED, RolloutStage.PREPARING, RolloutStage.IMPLEMENTING}
BREAKDOWN_LABELS = [
    ("women", _lazy("ผู้หญิง")),
    ("elderly", _lazy("ผู้สูงอายุ")),
    ("disabled", _lazy("ผู้พิการ")),
    ("welfare_card", _lazy("ผู้ถือบัตรสวัสดิการ")),
]


def tile_map(rows, *, size=58) -> str:
    """A 10 × 8 grid cartogram of the districts (districts/data/district_geo.csv), each tile
    coloured by rollout stage and linking to the district page; pilots get a thick border."""
    cols, grid_rows = 10, 8
    width, height = cols * size + 4, grid_rows * size + 4
    pilot_note = " (" + _("เขตนำร่อง") + ")"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="group" aria-labelledby="tilemap-t" viewBox="0 0 {width} {height}" '
        f'width="100%" font-family="Sarabun, sans-serif" class="tile-map"><title id="tilemap-t">{escape(_("แผนที่ 50 เขต ระบายสีตามขั้นการขยายผล"))}</title>'
    ]
    for row in rows:
        col, line = row["tile"]
        if col is None:
            continue
        x, y = 2 + col * size, 2 + line * size
        colour = STAGE_COLOURS[row["stage"]]
        text_colour = "#111" if row["stage"] in DARK_TEXT else "#fff"
        stroke = (
            'stroke="#000" stroke-width="3"'
            if row["is_pilot"]
            else 'stroke="#fff" stroke-width="1"'
        )
        name = escape(row["name"])
        parts.append(
            f'<a href="{reverse("districts:detail", args=[row["code"]])}" class="tile" data-code="{row["code"]}">'
            f"<title>{name}: {escape(row['stage_label'])}{escape(pilot_note) if row['is_pilot'] else ''}</title>"
            f'<rect x="{x}" y="{y}" width="{size - 3}" height="{size - 3}" rx="4" fill="{colour}" {stroke}/>'
            f'<text x="{x + (size - 3) / 2}" y="{y + size / 2}" text-anchor="middle" font-size="{10 if len(row["name"]) < 9 else 8}" fill="{text_colour}">{name}</text>'
            + (
                f'<text x="{x + 4}" y="{y + 13}" font-size="11" fill="{text_colour}">★</text>'
                if row["is_pilot"]
                else ""
            )
            + "</a>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - names escaped above


def stage_legend(stage_counts):
    """(label, colour, number of districts) per rollout stage, in stage order."""
    return [
        (str(stage.label), STAGE_COLOURS[stage], stage_counts.get(stage.value, 0))
        for stage in RolloutStage
    ]


def reach_chart(data) -> charts.Chart:
    """Participants from vulnerable groups per fiscal year: lines, not stacked bars (one person
    can be a woman, elderly and a welfare-card holder at once)."""
    return charts.line_chart(
        title=_("การเข้าถึงกลุ่มเปราะบาง รายปีงบประมาณ (คน)"),
        labels=[str(fy) for fy, _v in data["reach"]],
        series=[
            (str(label), [values[key] for _fy, values in data["reach"]])
            for key, label in [("total", _("ผู้เข้าร่วมทั้งหมด")), *BREAKDOWN_LABELS]
        ],
    )


def dashboard_charts(data) -> list[charts.Chart]:
    months = data["months"]
    result = [
        charts.column_chart(
            title=_("กิจกรรมรายเดือน (24 เดือนล่าสุด)"),
            labels=[f"{MONTHS_TH_ABBR[m.month - 1]} {str(m.year + 543)[2:]}" for m, _n in months],
            values=[n for _m, n in months],
        )
    ]
    groups = sorted(data["steps_by_group"])
    result.append(
        charts.stacked_bar_chart(
            title=_("ชุมชนจำแนกตามขั้น รายกลุ่มเขต"),
            labels=groups,
            series=[
                (str(step.label), [data["steps_by_group"][g].get(step.value, 0) for g in groups])
                for step in ModelStep
            ],
        )
    )
    result.append(
        charts.bar_chart(
            title=_("สถานะบทเรียน"),
            labels=[str(status.label) for status in LessonStatus],
            values=[data["pipeline"].get(status.value, 0) for status in LessonStatus],
            color=charts.PALETTE[2],
        )
    )
    if data["sessions_per_mentor"]:
        result.append(
            charts.bar_chart(
                title=_("การเป็นพี่เลี้ยงในปีงบประมาณ (ครั้ง) ต่อเขตพี่เลี้ยง"),
                labels=[name for name, _n in data["sessions_per_mentor"]],
                values=[n for _name, n in data["sessions_per_mentor"]],
                color=charts.PALETTE[1],
            )
        )
    result.append(reach_chart(data))
    return result


def district_charts(data) -> list[charts.Chart]:
    months = data["months"]
    return [
        charts.column_chart(
            title=_("กิจกรรมรายเดือน"),
            labels=[f"{MONTHS_TH_ABBR[m.month - 1]} {str(m.year + 543)[2:]}" for m, _n in months],
            values=[n for _m, n in months],
        ),
        reach_chart(data),
    ]
