"""QR codes as inline SVG, drawn on the server (segno, pure Python): the same markup goes on
a web page (a check-in on the projector) and into a WeasyPrint PDF (a certificate), with no
JavaScript and no image file to serve."""

import re

import segno
from django.utils.safestring import SafeString, mark_safe

_XML_DECLARATION = re.compile(r"^<\?xml[^>]*\?>\s*")


def qr_svg(data: str, *, label: str, scale: int = 8, border: int = 2) -> SafeString:
    """An ``<svg role="img">`` of ``data`` with ``label`` as its accessible name. Error
    correction M: survives a projector's glare or a slightly creased print. Sized by its
    viewBox, so CSS decides how big it is drawn."""
    qr = segno.make(data, error="m", micro=False)
    svg = qr.svg_inline(
        scale=scale,
        border=border,
        omitsize=True,
        title=label,
        svgclass="qr-code",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    svg = _XML_DECLARATION.sub("", svg).replace("<svg ", '<svg role="img" focusable="false" ', 1)
    return mark_safe(svg)  # noqa: S308 - segno's own markup; the label is escaped by segno
