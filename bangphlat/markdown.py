"""Safe Markdown: raw HTML is shown as text (never executed), then the output is sanitised
again with nh3 as a second line of defence. Shared by lessons, the handbook and front matter."""

import threading

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "table", "thead", "tbody", "tr", "th", "td", "a", "hr",
}  # fmt: skip


def _converter() -> md.Markdown:
    converter = md.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    # No raw HTML: a <script> someone types is escaped and shown as text.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


_local = threading.local()


def _reused_converter() -> md.Markdown:
    """One converter per thread, reset between texts: building one (its parsers and patterns)
    cost more than converting a lesson's section (the book converts about 1,000 of them)."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = _converter()
    return converter.reset()


def render_markdown(text: str) -> SafeString:
    html = _reused_converter().convert(text or "")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
