from django import template
from django.utils.html import format_html

from bangphlat import submissions

register = template.Library()


@register.simple_tag(takes_context=True)
def submission_key(context):
    """The hidden one-time key of a create form (bangphlat/submissions.py). A form shown again
    with errors keeps the key it was sent with: nothing was saved under it."""
    request = context.get("request")
    posted = request.POST.get(submissions.FIELD, "") if request is not None else ""
    key = posted if submissions.KEY_PATTERN.fullmatch(posted) else submissions.new_key()
    return format_html(
        '<input type="hidden" name="{}" value="{}" data-submit-once>', submissions.FIELD, key
    )
