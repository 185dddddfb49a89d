"""The book's photos, scaled to the size they are printed at before WeasyPrint sees them.

WeasyPrint can shrink photos itself (``dpi``, ``optimize_images``, ``jpeg_quality``), but it
does so one photo after the other in the layout's own thread, decoding each photo three times
(load, re-encode, thumbnail): on the large book that was about a fifth of the build. Here each
photo is decoded once (JPEG's draft mode decodes a phone photo at a fraction of its size),
turned upright, scaled to fit the printed box at PRINT_DPI and saved as a JPEG, in two threads
that start before WeasyPrint parses the book: Pillow leaves Python's lock while it decodes,
scales and encodes, so the photos are ready on the second core while the first computes the
styles. WeasyPrint then embeds the JPEG as it is.

Nothing is stored: a scaled copy would outlive a photo that is erased (privacy), and the build
is the only reader."""

import io
from concurrent.futures import Future, ThreadPoolExecutor

from django.core.files.storage import default_storage
from PIL import Image, ImageOps

# The printed box of a photo, from static/css/handbook-print.css (`figure img { max-width:
# 150mm; max-height: 85mm; }`; a test keeps the two in step), and the resolution it is
# printed at and its JPEG quality (what WeasyPrint's dpi option gave before: its thumbnail is
# saved at Pillow's default quality, 75, Huffman tables optimised).
BOX_MM = (150, 85)
PRINT_DPI = 150
JPEG_QUALITY = 75
BOX_PX = tuple(round(mm / 25.4 * PRINT_DPI) for mm in BOX_MM)
WORKERS = 2


def scaled(name: str) -> tuple[bytes, str]:
    """The photo in the media storage under ``name``, upright and no larger than its printed
    box at PRINT_DPI: (bytes, content type). Raises what opening a broken photo raises."""
    with default_storage.open(name, "rb") as handle, Image.open(handle) as image:
        if image.format == "JPEG":
            # Upright or turned, the photo fits a square of the box's longer side.
            image.draft("RGB", (max(BOX_PX), max(BOX_PX)))
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail(BOX_PX, Image.Resampling.LANCZOS, reducing_gap=2.0)
        buffer = io.BytesIO()
        if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info:
            upright.save(buffer, "PNG")
            return buffer.getvalue(), "image/png"
        upright.convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return buffer.getvalue(), "image/jpeg"


class PrintPhotos:
    """Scale the named photos in the background; ``get(name)`` waits for one. Use as a
    context manager so the threads end with the build."""

    def __init__(self, names):
        self._pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="print-photo")
        self._futures: dict[str, Future] = {}
        for name in dict.fromkeys(names):
            self._futures[name] = self._pool.submit(scaled, name)

    def get(self, name: str) -> tuple[bytes, str]:
        future = self._futures.get(name)
        if future is None:  # not announced: scale it here
            return scaled(name)
        return future.result()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._pool.shutdown(wait=True, cancel_futures=True)
