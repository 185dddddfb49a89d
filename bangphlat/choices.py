"""``get_FOO_display()`` at a dictionary look-up. Django's own rebuilds a hashable dict of
the field's choices on every call (~25-50 µs): a list of 25 communities with three labels a
row, or the 50 districts' stages, paid a millisecond or more for it on every page view. The
labels are the same (lazy, so each call still reads the reader's language); only fields whose
choices are a fixed list get it, and a method a model defines itself is left alone."""

from functools import partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils.encoding import force_str


def _quick_display(field):
    labels = dict(field.flatchoices)

    def display(self):
        value = getattr(self, field.attname)
        try:
            label = labels.get(value, value)
        except TypeError:  # an unhashable value: Django's own way
            return Model._get_FIELD_display(self, field)
        return force_str(label, strings_only=True)

    return display


def install_quick_displays() -> None:
    """For every model's fields with fixed choices (called once the models are loaded)."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if not getattr(field, "choices", None) or not isinstance(field.choices, list):
                continue
            name = f"get_{field.name}_display"
            own = model.__dict__.get(name)
            if isinstance(own, partialmethod) and own.func is Model._get_FIELD_display:
                setattr(model, name, _quick_display(field))
