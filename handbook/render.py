"""Render a handbook snapshot to HTML (preview) or PDF (WeasyPrint), with only the vendored
Sarabun font. Broken parts (a photo that does not open, Markdown the book cannot show) become
placeholders and named warnings: one bad lesson never sinks the book."""

import io
import logging
import re
from pathlib import Path
from urllib.parse import quote, unquote

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from PIL import Image, UnidentifiedImageError

from bangphlat import pdf_speed
from bangphlat.markdown import render_markdown
from handbook import thaifont
from handbook.content import STEP_ORDER
from handbook.print_photos import PrintPhotos
from lessons.models import SECTIONS, LessonStep

PRINT_CSS = Path(settings.BASE_DIR) / "static" / "css" / "handbook-print.css"
AUTHOR = "สำนักยุทธศาสตร์และประเมินผล กรุงเทพมหานคร"
STEP_LABELS = dict(LessonStep.choices)
STEP_SUMMARIES = {
    LessonStep.UNDERSTAND: "รู้จักชุมชนจากข้อมูลจริงที่ชุมชนร่วมเก็บ ทั้งครัวเรือน รายได้ หนี้สิน และสิทธิที่ควรได้รับ",
    LessonStep.REACH: "เข้าถึงครัวเรือนเปราะบาง สร้างความไว้วางใจ และเชื่อมสิทธิ บริการ และภาคีที่ช่วยได้",
    LessonStep.DEVELOP: "พัฒนาอาชีพ รายได้ และกลุ่มของชุมชน จนชุมชนดำเนินการต่อได้เอง",
}  # fmt: skip
# Chapters before and after the three step chapters.
FIRST_STEP_CHAPTER = 3
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


# --- Pieces that can break -------------------------------------------------------------------
def _photo(photo: dict, lesson_title: str, warnings: list, *, for_pdf: bool) -> dict:
    # Read through the media storage: a local folder or object storage (README "Scaling out").
    try:
        with default_storage.open(photo["path"], "rb") as handle, Image.open(handle) as image:
            image.verify()
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        warnings.append(f"บทเรียน “{lesson_title}”: รูป “{photo['caption']}” เปิดไม่ได้ จึงแสดงกรอบแทนรูป")
        return {"caption": photo["caption"], "broken": True}
    url = STORAGE_SCHEME + quote(photo["path"]) if for_pdf else settings.MEDIA_URL + photo["path"]
    return {"caption": photo["caption"], "url": url, "broken": False}


STORAGE_SCHEME = "bangphlat-media:"


def _url_fetcher(photos: PrintPhotos):
    """WeasyPrint reads photos from the media storage (scaled to their printed size by
    ``photos``) and our own files (fonts, CSS); it never goes to the network, whatever a
    lesson's text contains."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StorageFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(STORAGE_SCHEME):
                body, content_type = photos.get(unquote(url.removeprefix(STORAGE_SCHEME)))
                return URLFetcherResponse(url, body, {"Content-Type": content_type})
            return super().fetch(url, headers)

    return StorageFetcher(allowed_protocols={"file", "data"})


def _section_html(label: str, text: str, lesson_title: str, warnings: list):
    """The section as safe HTML, or None for a placeholder. Markdown the book cannot show
    (pictures inside the text, raw HTML) is named so the author can fix it."""
    where = f"บทเรียน “{lesson_title}” หัวข้อ “{label}”"
    if MARKDOWN_IMAGE.search(text or ""):
        warnings.append(f"{where}: มีรูปในเนื้อความ ซึ่งคู่มือไม่แสดง (ให้แนบเป็นรูปของบทเรียนแทน)")
        text = MARKDOWN_IMAGE.sub(lambda m: f"[รูป: {m.group(1) or 'ไม่มีคำบรรยาย'}]", text)
    if RAW_HTML.search(text or ""):
        warnings.append(f"{where}: มีแท็ก HTML ซึ่งแสดงเป็นข้อความธรรมดา")
    try:
        return render_markdown(text)
    except Exception:  # noqa: BLE001 - one bad section must not sink the book
        warnings.append(f"{where}: แปลง Markdown ไม่ได้ จึงแสดงกรอบแทนเนื้อหา")
        return None


def _pilot_chart(pilot: dict):
    """The one place that draws a chart for the book (shared SVG charts, no JavaScript).
    No chart for a district whose figures are not shown (content.mask_figures)."""
    from bangphlat import charts

    if pilot["steps"] is None:
        return None
    return charts.bar_chart(
        title=f"ชุมชนของเขต{pilot['name']} จำแนกตามขั้นของรูปแบบ",
        labels=[label for label, _count in pilot["steps"]],
        values=[count for _label, count in pilot["steps"]],
        unit=" ชุมชน",
    )


EVIDENCE_TITLE = "หลักฐานผลของการขยายผล"


def _evidence(result: dict | None) -> dict | None:
    """The evaluation chapter: the headline for the main outcome and its event-study chart
    (evaluation.figures, the same words and chart as the /evaluation/ page)."""
    if not result:
        return None
    from evaluation import figures
    from evaluation.choices import OBSERVATIONAL, OUTCOMES, warning_messages

    return {
        "outcome": str(OUTCOMES[result["outcome"]]),
        "headline": figures.headline(result),
        "verdict": figures.verdict(result),
        "chart": figures.event_chart(result),
        "rows": figures.event_rows(result),
        "warnings": warning_messages(result["warning_codes"]),
        "observational": str(OBSERVATIONAL),
        "result": result,
    }


def font_css() -> str:
    """The PDF font faces (also used by the dashboard's print PDF)."""
    return thaifont.font_face_css()


# --- Context --------------------------------------------------------------------------------
def build_context(snapshot: dict, meta: dict, *, for_pdf: bool) -> tuple[dict, list]:
    warnings: list[str] = []
    chapters = []
    for number, step in enumerate(STEP_ORDER, start=FIRST_STEP_CHAPTER):
        lessons = []
        for lesson in [item for item in snapshot["lessons"] if item["step"] == step]:
            lessons.append(
                {
                    **lesson,
                    # Books stored before consent was recorded kept a free-text field of
                    # names: none of them is printed again.
                    "interviewees": [p for p in lesson.get("interviewees") or [] if p]
                    if isinstance(lesson.get("interviewees"), list)
                    else [],
                    "anchor": f"lesson-{lesson['id']}",
                    "sections": [
                        {
                            "label": label,
                            "html": _section_html(label, text, lesson["title"], warnings),
                        }
                        for label, text in lesson["sections"]
                        if (text or "").strip()
                    ],
                    "photos": [
                        _photo(p, lesson["title"], warnings, for_pdf=for_pdf)
                        for p in lesson["photos"]
                    ],
                }
            )
        chapters.append(
            {
                "number": number,
                "step": step,
                "label": STEP_LABELS[step],
                "title": f"ขั้น{STEP_LABELS[step]}",
                "summary": STEP_SUMMARIES[step],
                "anchor": f"step-{step}",
                "lessons": lessons,
            }
        )
    after_steps = FIRST_STEP_CHAPTER + len(chapters)
    numbers = {
        "model": 1,
        "pilots": 2,
        "mentoring": after_steps,
        "curriculum": after_steps + 1,
        "evidence": after_steps + 2,
    }
    toc_chapters = [
        {"number": 1, "title": "รูปแบบบางพลัดโมเดล", "anchor": "model"},
        {"number": 2, "title": "เขตนำร่องทั้ง 7 เขต", "anchor": "pilots"},
        *chapters,
        {"number": numbers["mentoring"], "title": "แผนการเป็นพี่เลี้ยง", "anchor": "mentoring"},
        {"number": numbers["curriculum"], "title": "หลักสูตรการฝึกอบรม", "anchor": "curriculum"},
    ]
    evidence = _evidence(snapshot.get("evidence"))  # books stored before the chapter have none
    if evidence:
        toc_chapters.append(
            {"number": numbers["evidence"], "title": EVIDENCE_TITLE, "anchor": "evidence"}
        )
    front_matter = []
    for index, (title, body) in enumerate(snapshot["front_matter"]):
        html = _section_html(title, body, title, warnings)
        front_matter.append({"title": title, "html": html, "anchor": f"front-{index}"})
    stats = [
        {
            "code": code,
            "name": name,
            "stage": stage,
            "communities": total,
            "engaged": engaged,
            "percent": f"{engaged * 100 / total:.0f}" if total else "–",
            "hidden": total is None,
        }
        for code, name, total, engaged, stage in snapshot["stats"]
    ]
    by_district: dict[str, dict] = {}
    for lesson in snapshot["lessons"]:
        row = by_district.setdefault(
            lesson["district"], {"district": lesson["district"], "lessons": 0, "authors": set()}
        )
        row["lessons"] += 1
        row["authors"].update(lesson["authors"])
    contributors = [
        {**row, "authors": sorted(row["authors"])}
        for _name, row in sorted(by_district.items(), key=lambda item: item[0])
    ]
    context = {
        "meta": meta,
        "author": AUTHOR,
        "for_pdf": for_pdf,
        "snapshot": snapshot,
        "lesson_count": len(snapshot["lessons"]),
        "front_matter": front_matter,
        "chapters": chapters,
        "toc_chapters": toc_chapters,
        "numbers": numbers,
        "evidence": evidence,
        "section_labels": [str(label) for _name, label in SECTIONS],
        "pilots": [{**pilot, "chart": _pilot_chart(pilot)} for pilot in snapshot["pilots"]],
        "modules": [
            {**m, "outline_html": render_markdown(m["outline"])} for m in snapshot["modules"]
        ],
        "total_hours": f"{sum(float(m['hours']) for m in snapshot['modules']):g}",
        "stats": stats,
        "contributors": contributors,
    }
    return context, warnings


def render_html(snapshot: dict, meta: dict, *, for_pdf: bool = False) -> tuple[str, list]:
    context, warnings = build_context(snapshot, meta, for_pdf=for_pdf)
    if not for_pdf:
        context["stylesheets"] = [static("css/portal.css"), static("css/handbook-print.css")]
        context["back_url"] = reverse("handbook:home")
        return render_to_string("handbook/book.html", context), warnings
    context["pdf_css"] = thaifont.font_face_css() + PRINT_CSS.read_text()
    # WeasyPrint's Thai breaker (Pango) cuts words (ราช|เทวี, เศรษฐกิจ|พอเพียง): they are kept
    # whole by Pango itself (thaifont.install → bangphlat.pdf_thai_breaks), not by a span
    # around each (thai_breaks.wrap_thai_html, for the browser), which made the build slower.
    return render_to_string("handbook/book.html", context), warnings


# The accessible PDF (tagged: headings, lists, tables, alternative texts, language) is the one
# offered first; the archival one (PDF/A, fonts and colour profile embedded) is kept beside it.
ACCESSIBLE_VARIANT = "pdf/ua-1"
ARCHIVAL_VARIANT = "pdf/a-3b"


def render_pdf(snapshot: dict, meta: dict) -> tuple[bytes, int, list]:
    """Return the accessible (tagged PDF/UA) PDF bytes, its page count and warnings."""
    accessible, _archival, pages, warnings = render_pdfs(snapshot, meta, archival=False)
    return accessible, pages, warnings


def render_pdfs(
    snapshot: dict, meta: dict, *, archival: bool = True
) -> tuple[bytes, bytes | None, int, list]:
    """Lay the book out once and write it twice: tagged PDF/UA and archival PDF/A.
    Returns (accessible, archival or None, page count, warnings about broken parts)."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    thaifont.install()
    pdf_speed.install()
    # The photos are scaled on the second core while the book is laid out on the first.
    names = [photo["path"] for lesson in snapshot["lessons"] for photo in lesson["photos"]]
    with PrintPhotos(names) as photos:
        html, warnings = render_html(snapshot, meta, for_pdf=True)
        # Surface WeasyPrint's own complaints (an image it cannot load, unsupported CSS).
        handler = _ListHandler()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(handler)
        identifier = meta.get("identifier", "").encode() or None
        try:
            with pdf_speed.no_cycle_collection():
                # Tags are laid out with the boxes, so they are asked for here too. The photos
                # come scaled (print_photos), so WeasyPrint embeds them as they are; the layout
                # sees stand-ins of their size, replaced in its image cache before the writing.
                images: dict = {}
                document = HTML(
                    string=html, base_url=str(settings.BASE_DIR), url_fetcher=_url_fetcher(photos)
                ).render(font_config=FontConfiguration(), pdf_tags=True, cache=images)
                for name in photos.fill(images):
                    warnings.append(_unread_photo_warning(snapshot, name))
                if archival:
                    accessible, archived = _write_both(document, identifier)
                else:
                    archived = None
                    accessible = document.write_pdf(
                        pdf_identifier=identifier, pdf_variant=ACCESSIBLE_VARIANT, pdf_tags=True
                    )
                # The laid-out book is held in reference cycles (~400,000 objects): dropped
                # here, the collection at the end of the block frees it now, not at some later
                # full collection of the worker (or at the command's exit).
                pages = len(document.pages)
                del document
        finally:
            logger.removeHandler(handler)
    warnings.extend(handler.messages)
    return accessible, archived, pages, warnings


def _unread_photo_warning(snapshot: dict, name: str) -> str:
    for lesson in snapshot["lessons"]:
        for photo in lesson["photos"]:
            if photo["path"] == name:
                return (
                    f"บทเรียน “{lesson['title']}”: รูป “{photo['caption']}” อ่านไม่ได้"
                    "ขณะสร้างคู่มือ จึงพิมพ์เป็นกรอบสีเทาแทนรูป"
                )
    return f"รูป “{name}” อ่านไม่ได้ขณะสร้างคู่มือ จึงพิมพ์เป็นกรอบสีเทาแทนรูป"


def _write_both(document, identifier: bytes | None) -> tuple[bytes, bytes]:
    """The accessible and the archival PDF from one drawing of the pages.

    Drawing the pages, tagging them and embedding the fonts is most of a ``write_pdf``, and it
    is the same for both: they differ in the XMP metadata (PDF/UA-1 or PDF/A-3b) and the
    archival copy's output intent. So the pages are drawn once, as PDF/A; just before that is
    written, the same objects are written once with the PDF/UA metadata and no output intent.
    pydyf's ``write`` appends its object stream and cross-reference to the objects, which are
    taken off again, so the second write is as if it were the only one."""
    import pydyf
    from weasyprint.pdf import VARIANTS

    written = {}

    def write_accessible_first(document, pdf):
        scratch = pydyf.PDF()
        variant_function, properties = VARIANTS[ACCESSIBLE_VARIANT]
        variant_function(scratch, document, None, None, True)
        accessible_xmp = scratch.objects[int(scratch.catalog["Metadata"].split()[0])]
        metadata = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]
        archival_xmp, metadata.stream = metadata.stream, accessible_xmp.stream
        output_intents = pdf.catalog.pop("OutputIntents", None)
        count = len(pdf.objects)
        buffer = io.BytesIO()
        pdf.write(buffer, properties["pdf_version"], identifier, True)
        written["accessible"] = buffer.getvalue()
        del pdf.objects[count:]
        pdf.current_position = 0
        metadata.stream = archival_xmp
        if output_intents is not None:
            pdf.catalog["OutputIntents"] = output_intents

    archived = document.write_pdf(
        pdf_identifier=identifier,
        pdf_variant=ARCHIVAL_VARIANT,
        pdf_tags=True,
        finisher=write_accessible_first,
    )
    return written["accessible"], archived


class _ListHandler(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        message = record.getMessage()[:300]
        if message not in self.messages and len(self.messages) < 50:
            self.messages.append(message)
