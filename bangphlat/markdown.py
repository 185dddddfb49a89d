"""Safe Markdown: raw HTML is shown as text (never executed), then the output is sanitised
again with nh3 as a second line of defence. Shared by lessons, the handbook and front matter."""

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


def render_markdown(text: str) -> SafeString:
    html = _converter().convert(text or "")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
