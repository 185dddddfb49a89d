from django import template
from django.utils.html import format_html

from bangphlat import submissions

register = template.Library()


@register.simple_tag(takes_context=True)
def submission_key(context):
    """The hidden one-time key of a create form (bangphlat/submissions.py). A form shown again
    with errors keeps the key it was sent with: nothing was saved under it. The service worker's
    offline copy of a form (templates/pwa/sw.js) gets no key: one key shared by every entry made
    from that copy would let the server keep only the first; static/js/offline_entry.js gives
    each entry its own."""
    request = context.get("request")
    posted = request.POST.get(submissions.FIELD, "") if request is not None else ""
    if request is not None and request.headers.get("X-Offline-Copy"):
        key = ""
    elif submissions.KEY_PATTERN.fullmatch(posted):
        key = posted
    else:
        key = submissions.new_key()
    return format_html(
        '<input type="hidden" name="{}" value="{}" data-submit-once>', submissions.FIELD, key
    )
