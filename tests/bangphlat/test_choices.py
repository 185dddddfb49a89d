"""The quick get_FOO_display() says what Django's says, for every model's fixed choices, in
Thai and English, and for a value outside the choices."""

from django.apps import apps
from django.db.models import Model
from django.utils import translation


def _choice_fields():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if getattr(field, "choices", None) and isinstance(field.choices, list):
                yield model, field


def test_every_label_is_djangos():
    checked = 0
    for model, field in _choice_fields():
        obj = model()
        for value in [*(value for value, _label in field.flatchoices), "not-a-choice", None]:
            setattr(obj, field.attname, value)
            for language in ("th", "en"):
                with translation.override(language):
                    shown = getattr(obj, f"get_{field.name}_display")()
                    assert shown == Model._get_FIELD_display(obj, field), (model, field, value)
            checked += 1
    assert checked > 100  # the portal's status, step and kind fields


def test_the_quick_display_is_installed():
    from functools import partialmethod

    from districts.models import District

    assert not isinstance(District.__dict__["get_rollout_stage_display"], partialmethod)
