"""The error summary every form page shows after a failed save (templates/_error_summary.html,
included once by base.html): what is wrong, each line a link to its field. It finds the bound
forms and formsets in the page's context itself, so no form template has to remember it;
static/js/portal.js moves the focus to it."""

from django import template
from django.forms import BaseForm, BaseFormSet

register = template.Library()


def _forms_in(value):
    if isinstance(value, BaseForm | BaseFormSet):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            if isinstance(item, BaseForm | BaseFormSet):
                yield item


def _field_href(bound_field) -> str:
    # A radio list or a set of checkboxes labels no single input: its first one takes the focus.
    target = bound_field.id_for_label or (f"{bound_field.auto_id}_0" if bound_field.auto_id else "")
    return f"#{target}" if target else ""


def _form_items(form):
    items = [{"message": message, "href": ""} for message in form.non_field_errors()]
    for bound_field in form:
        for message in bound_field.errors:
            if bound_field.is_hidden:
                items.append({"message": message, "href": ""})
            else:
                label = str(bound_field.label or "").rstrip(":")
                items.append({"label": label, "message": message, "href": _field_href(bound_field)})
    return items


def _items(forms):
    for form in forms:
        if isinstance(form, BaseFormSet):
            yield from ({"message": message, "href": ""} for message in form.non_form_errors())
            for member in form.forms:
                yield from _form_items(member)
        else:
            yield from _form_items(form)


@register.inclusion_tag("_error_summary.html", takes_context=True)
def error_summary(context):
    """Only after a save: a filter form bound to the query string keeps its own quiet errors."""
    request = context.get("request")
    if request is None or request.method != "POST":
        return {"items": []}
    forms, seen = [], set()
    for value in context.flatten().values():
        for form in _forms_in(value):
            if id(form) not in seen and form.is_bound and form.errors:
                seen.add(id(form))
                forms.append(form)
    return {"items": list(_items(forms))}
