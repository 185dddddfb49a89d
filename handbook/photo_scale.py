"""A photo's bytes scaled to its printed box in the handbook (handbook.print_photos uses it).

This module imports Pillow only, not Django: it runs in the child process that scales a large
book's photos, which has no settings and no database."""

import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageFile, ImageOps

# The printed box of a photo, from static/css/handbook-print.css (`figure img { max-width:
# 150mm; max-height: 85mm; }`; a test keeps the two in step), and the resolution it is
# printed at and its JPEG quality (what WeasyPrint's dpi option gave before: its thumbnail is
# saved at Pillow's default quality, 75, Huffman tables optimised).
BOX_MM = (150, 85)
PRINT_DPI = 150
JPEG_QUALITY = 75
BOX_PX = tuple(round(mm / 25.4 * PRINT_DPI) for mm in BOX_MM)
# EXIF orientations that turn a photo a quarter (ImageOps.exif_transpose).
QUARTER_TURNS = {5, 6, 7, 8}


@dataclass(frozen=True)
class Plan:
    """What a photo becomes in the book: its printed size in pixels, and whether it stays a
    PNG (it has transparency)."""

    size: tuple[int, int]
    png: bool


def opened(handle) -> Image.Image:
    """The photo in ``handle``, set to decode at the smallest scale that still fills the box
    (JPEG's draft mode: only the decoder's scale is set, so the size is known before any pixel
    is read)."""
    image = Image.open(handle)
    if image.format == "JPEG":
        # Upright or turned, the photo fits a square of the box's longer side.
        image.draft("RGB", (max(BOX_PX), max(BOX_PX)))
    return image


def plan_of(image: Image.Image) -> Plan:
    width, height = image.size
    if image.getexif().get(0x0112) in QUARTER_TURNS:
        width, height = height, width
    scale = min(BOX_PX[0] / width, BOX_PX[1] / height, 1)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    png = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    return Plan(size, png)


def scale_bytes(data: bytes, planned: Plan | None = None) -> tuple[bytes, str]:
    """The photo ``data``, upright and at exactly the planned size (by default, the plan of
    its own header): (bytes, content type). Raises what decoding a broken photo raises."""
    with opened(io.BytesIO(data)) as image:
        planned = planned or plan_of(image)
        upright = ImageOps.exif_transpose(image)
        if upright.size != planned.size:
            upright = upright.resize(planned.size, Image.Resampling.LANCZOS, reducing_gap=2.0)
        buffer = io.BytesIO()
        if planned.png:
            upright.save(buffer, "PNG")
            return buffer.getvalue(), "image/png"
        upright.convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return buffer.getvalue(), "image/jpeg"


@lru_cache(maxsize=64)
def grey(size: tuple[int, int]) -> bytes:
    """A plain grey JPEG of the given size: the stand-in during layout, and what a photo that
    cannot be decoded is printed as."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (225, 225, 225)).save(buffer, "JPEG", quality=30)
    return buffer.getvalue()


def start_child() -> None:
    """The scaling child decodes as the build's own process does: WeasyPrint, once imported,
    lets Pillow decode a photo cut short (``LOAD_TRUNCATED_IMAGES``, weasyprint/images.py), so
    a photo prints the same in a small book (scaled in the build's process) and a large one."""
    ImageFile.LOAD_TRUNCATED_IMAGES = True
