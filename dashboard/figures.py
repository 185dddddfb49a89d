"""Turn dashboard data into the shared SVG charts and the tile map (web page and PDF alike)."""

from html import escape

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from bangphlat import charts
from bangphlat.thai import MONTHS_EN_ABBR, MONTHS_TH_ABBR, be_year, fiscal_year_of, thai_words
from communities.models import ModelStep
from districts.models import RolloutStage
from lessons.models import LessonStatus

# The shared stage scale (charts.STAGE_SCALE): further along is darker, on the map, in its
# legend and in the bar chart of model steps alike.
STAGE_COLOURS = dict(zip(RolloutStage, charts.STAGE_SCALE, strict=True))
STAGE_TEXT_COLOURS = dict(zip(RolloutStage, charts.STAGE_TEXT, strict=True))
BREAKDOWN_LABELS = [
    ("women", _lazy("ผู้หญิง")),
    ("elderly", _lazy("ผู้สูงอายุ")),
    ("disabled", _lazy("ผู้พิการ")),
    ("welfare_card", _lazy("ผู้ถือบัตรสวัสดิการ")),
]


LEADING_VOWELS = "เแโใไ"
# The ten district names too long for one line of a tile, cut where a Thai reader would
# (ICU's dictionary alone gives ลาดก / ระบัง or สัมพั / นธวงศ์). Other names fall back to
# the dictionary (_thai_splits).
TILE_LINES = {
    name.replace("/", ""): name.split("/")
    for name in [
        "ป้อมปราบ/ศัตรูพ่าย", "ลาด/กระบัง", "สัมพันธ/วงศ์", "บางกอก/ใหญ่", "บางกอก/น้อย",
        "บาง/ขุนเทียน", "ราษฎร์/บูรณะ", "บาง/คอแหลม", "วังทอง/หลาง", "คลอง/สามวา",
    ]
}  # fmt: skip


def _is_mark(ch: str) -> bool:
    return ch == "\u0e31" or "\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e"


def _pieces(pair) -> int:
    return sum(len(thai_words(part)) for part in pair) if not pair[0].isascii() else 0


def _thai_splits(name: str) -> list[tuple[str, str]]:
    """Ways to cut a Thai name in two where both halves are whole words to ICU's dictionary
    (บางกอก / น้อย, never บางกอ / กน้อย): no one-letter piece, no half that starts with a
    mark, none that leaves a leading vowel at a line's end."""
    splits = []
    for index in range(2, len(name) - 1):
        left, right = name[:index], name[index:]
        if _is_mark(right[0]) or right[0] in "\u0e30\u0e32\u0e33" or left[-1] in LEADING_VOWELS:
            continue
        if all(len(piece) > 1 for part in (left, right) for piece in thai_words(part)):
            splits.append((left, right))
    return splits


def _wrap_words(words, width, size) -> list[str]:
    lines = [words[0]]
    for word in words[1:]:
        candidate = f"{lines[-1]} {word}"
        if charts._text_width(candidate, size) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def tile_label_lines(name: str, *, width: float, size=11) -> tuple[list[str], int]:
    """A tile's label: the whole name on one line if it fits, else two lines split between
    words (ICU's Thai word breaker; ป้อมปราบ / ศัตรูพ่าย) and, only if still too wide, a
    smaller font (never below 8 px in the SVG, which the map's minimum width keeps legible)."""
    if charts._text_width(name, size) <= width:
        return [name], size
    lines = [name]
    if name in TILE_LINES:
        splits = [tuple(TILE_LINES[name])]
    elif " " in name:
        # English names: wrapped at their spaces, up to three lines (Pom Prap / Sattru / Phai).
        for font in range(size, 7, -1):
            wrapped = _wrap_words(name.split(), width, font)
            if len(wrapped) <= 3 and all(charts._text_width(w, font) <= width for w in wrapped):
                return wrapped, font
        splits = []
    elif name.isascii():
        # One long English word (Samphanthawong): hyphenated near its middle.
        middle = (len(name) + 1) // 2
        splits = [(name[:middle] + "-", name[middle:])]
    else:
        splits = _thai_splits(name)
    if splits:
        # Fewest dictionary words in the two halves, then the shorter longest line.
        lines = list(
            min(splits, key=lambda pair: (_pieces(pair), max(map(charts._text_width, pair))))
        )
    while size > 8 and max(charts._text_width(line, size) for line in lines) > width:
        size -= 1
    return lines, size


def tile_map(rows, *, size=58) -> str:
    """A 10 × 8 grid cartogram of the districts (districts/data/district_geo.csv), each tile
    coloured by rollout stage and linking to the district page; pilots get a thick border.
    Names are in the reader's language and always stay inside their tile."""
    cols, grid_rows = 10, 8
    width, height = cols * size + 4, grid_rows * size + 4
    english = (get_language() or "th").startswith("en")
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
        text_colour = STAGE_TEXT_COLOURS[row["stage"]]
        stroke = (
            'stroke="#000" stroke-width="3"'
            if row["is_pilot"]
            else 'stroke="#767676" stroke-width="1"'
        )
        label = (row.get("name_en") or row["name"]) if english else row["name"]
        name = escape(label)
        lines, font_size = tile_label_lines(label, width=size - 11)
        middle = y + size / 2 + 2 - (len(lines) - 1) * font_size * 0.6
        text = "".join(
            f'<text x="{x + (size - 3) / 2}" y="{middle + index * font_size * 1.2:.1f}" text-anchor="middle" font-size="{font_size}" fill="{text_colour}">{escape(part)}</text>'
            for index, part in enumerate(lines)
        )
        parts.append(
            f'<a href="{reverse("districts:detail", args=[row["code"]])}" class="tile" data-code="{row["code"]}">'
            f"<title>{name}: {escape(row['stage_label'])}{escape(pilot_note) if row['is_pilot'] else ''}</title>"
            f'<rect x="{x}" y="{y}" width="{size - 3}" height="{size - 3}" rx="4" fill="{colour}" {stroke}/>'
            + text
            + (
                f'<text x="{x + 4}" y="{y + 13}" font-size="11" fill="{text_colour}" aria-hidden="true">★</text>'
                if row["is_pilot"]
                else ""
            )
            + "</a>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - names escaped above


def stage_lists(rows):
    """(label, colour, text colour, districts) per rollout stage: the map as a list, for
    phones, where 50 tiles cannot be read."""
    english = (get_language() or "th").startswith("en")
    result = []
    for stage in RolloutStage:
        members = [
            {
                "code": row["code"],
                "name": (row.get("name_en") or row["name"]) if english else row["name"],
                "is_pilot": row["is_pilot"],
            }
            for row in rows
            if row["stage"] == stage
        ]
        result.append((str(stage.label), STAGE_COLOURS[stage], members))
    return result


def stage_legend(stage_counts):
    """(label, colour, number of districts) per rollout stage, in stage order."""
    return [
        (str(stage.label), STAGE_COLOURS[stage], stage_counts.get(stage.value, 0))
        for stage in RolloutStage
    ]


def reach_chart(data) -> charts.Chart:
    """Participants from vulnerable groups per fiscal year: lines, not stacked bars (one person
    can be a woman, elderly and a welfare-card holder at once)."""
    partial = bool(data["reach"]) and data["reach"][-1][0] >= fiscal_year_of(timezone.localdate())
    return charts.line_chart(
        title=_("การเข้าถึงกลุ่มเปราะบาง รายปีงบประมาณ (คน)"),
        partial_note=_("ปีงบประมาณปัจจุบัน ยังไม่ครบปี") if partial else "",
        partial_label=_("ยังไม่ครบปี") if partial else "",
        labels=[str(fy) for fy, _v in data["reach"]],
        series=[
            (str(label), [values[key] for _fy, values in data["reach"]])
            for key, label in [("total", _("ผู้เข้าร่วมทั้งหมด")), *BREAKDOWN_LABELS]
        ],
    )


def month_label(month) -> str:
    """A chart's month in the reader's calendar: ธ.ค. 67 (B.E.) in Thai, Dec 24 in English."""
    if (get_language() or "th").startswith("en"):
        return f"{MONTHS_EN_ABBR[month.month - 1]} {month.year % 100:02d}"
    return f"{MONTHS_TH_ABBR[month.month - 1]} {str(be_year(month.year))[2:]}"


def dashboard_charts(data) -> list[charts.Chart]:
    months = data["months"]
    result = [
        charts.column_chart(
            title=_("กิจกรรมรายเดือน (24 เดือนล่าสุด)"),
            labels=[month_label(m) for m, _n in months],
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
            colors=charts.STAGE_SCALE,
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
            labels=[month_label(m) for m, _n in months],
            values=[n for _m, n in months],
        ),
        reach_chart(data),
    ]
