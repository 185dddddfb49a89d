"""Render a handbook snapshot to PDF with WeasyPrint, using only the vendored Sarabun font."""

import io
import logging
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from PIL import Image, UnidentifiedImageError

from bangphlat import charts
from bangphlat.markdown import render_markdown
from handbook import thaifont
from handbook.content import STEP_ORDER
from lessons.models import LessonStep

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "sarabun"
STEP_LABELS = dict(LessonStep.choices)


def font_css() -> str:
    faces = [
        ("Sarabun-Regular.ttf", 400, "normal"),
        ("Sarabun-Bold.ttf", 700, "normal"),
        ("Sarabun-Italic.ttf", 400, "italic"),
        ("Sarabun-SemiBold.ttf", 600, "normal"),
    ]
    return "\n".join(
        f'@font-face {{ font-family: "Sarabun"; font-weight: {weight}; '
        f'font-style: {style}; src: url("{thaifont.pdf_font_path(name).as_uri()}"); }}'
        for name, weight, style in faces
    )


def _photo(photo: dict, lesson_title: str, warnings: list) -> dict:
    path = Path(settings.MEDIA_ROOT) / photo["path"]
    try:
        with Image.open(path) as image:
            image.verify()
    except (OSError, UnidentifiedImageError, SyntaxError):
        warnings.append(f"บทเรียน “{lesson_title}”: รูป “{photo['caption']}” เปิดไม่ได้ จึงแสดงช่องว่างแทน")
        return {"caption": photo["caption"], "broken": True}
    return {"caption": photo["caption"], "url": path.as_uri(), "broken": False}


def _markdown(text: str, lesson_title: str, warnings: list):
    try:
        return render_markdown(text)
    except Exception:  # noqa: BLE001 - one bad section must not sink the book
        warnings.append(f"บทเรียน “{lesson_title}”: เนื้อหาบางส่วนแปลงไม่ได้ จึงแสดงข้อความแทน")
        return None


def build_context(snapshot: dict, meta: dict) -> tuple[dict, list]:
    warnings: list[str] = []
    chapters = []
    for step in STEP_ORDER:
        lessons = []
        for lesson in [item for item in snapshot["lessons"] if item["step"] == step]:
            lessons.append(
                {
                    **lesson,
                    "anchor": f"lesson-{lesson['id']}",
                    "sections": [
                        (label, _markdown(text, lesson["title"], warnings))
                        for label, text in lesson["sections"]
                    ],
                    "photos": [_photo(p, lesson["title"], warnings) for p in lesson["photos"]],
                }
            )
        chapters.append(
            {"step": step, "label": STEP_LABELS[step], "anchor": f"step-{step}", "lessons": lessons}
        )
    pilots = []
    for pilot in snapshot["pilots"]:
        chart = charts.bar_chart(
            title=f"ชุมชนเขต{pilot['name']} จำแนกตามขั้น",
            labels=[s for s, _n in pilot["steps"]],
            values=[n for _s, n in pilot["steps"]],
        )
        pilots.append({**pilot, "chart": chart})
    context = {
        "meta": meta,
        "snapshot": snapshot,
        "front_matter": [
            (title, render_markdown(body), f"front-{i}")
            for i, (title, body) in enumerate(snapshot["front_matter"])
        ],
        "chapters": chapters,
        "pilots": pilots,
        "modules": [
            {**m, "outline_html": render_markdown(m["outline"])} for m in snapshot["modules"]
        ],
        "font_css": font_css(),
    }
    return context, warnings


def render_html(snapshot: dict, meta: dict) -> tuple[str, list]:
    context, warnings = build_context(snapshot, meta)
    return render_to_string("handbook/book.html", context), warnings


def render_pdf(snapshot: dict, meta: dict) -> tuple[bytes, int, list]:
    """Return the PDF bytes, its page count and warnings about broken parts."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    thaifont.install()
    html, warnings = render_html(snapshot, meta)
    font_config = FontConfiguration()
    # Surface WeasyPrint's own complaints (missing images, unsupported CSS) as warnings.
    handler = _ListHandler()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
            font_config=font_config
        )
        buffer = io.BytesIO()
        document.write_pdf(
            buffer,
            pdf_identifier=meta.get("identifier", "").encode() or None,
            uncompressed_pdf=False,
            optimize_images=True,
            jpeg_quality=80,
            dpi=150,
        )
    finally:
        logger.removeHandler(handler)
    warnings.extend(handler.messages)
    return buffer.getvalue(), len(document.pages), warnings


class _ListHandler(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage()[:300])
