"""bangphlat.forms.add_service_errors: a service's refusal lands on the form, by field or at
the top, whatever shape the ValidationError has (one without fields once broke mentoring's
views with an AttributeError, a 500)."""

from django import forms
from django.core.exceptions import ValidationError

from bangphlat.forms import add_service_errors


class Form(forms.Form):
    title = forms.CharField(required=False)


def test_field_errors_go_beside_their_field_and_others_to_the_top():
    form = Form({"title": "x"})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"title": "ชื่อซ้ำ", "date": "อยู่ในเดือนที่ปิดแล้ว"}))
    assert form.errors["title"] == ["ชื่อซ้ำ"]
    assert form.non_field_errors() == ["อยู่ในเดือนที่ปิดแล้ว"]


def test_an_error_without_fields_goes_to_the_top():
    form = Form({"title": "x"})
    assert form.is_valid()
    add_service_errors(form, ValidationError("เขตนี้ไม่มีพี่เลี้ยง"))
    assert form.non_field_errors() == ["เขตนี้ไม่มีพี่เลี้ยง"]
