"""The filter bars' options written in one pass: the chosen one marked as Django's own Select
marks it, everything escaped, groups kept."""

import pytest
from django import forms
from django.template import Context, Template

TEMPLATE = Template("{% load options %}<select>{% select_options form.f %}</select>")


def options(field, data=None):
    form = type("F", (forms.Form,), {"f": field})(data)
    return TEMPLATE.render(Context({"form": form}))


def test_the_chosen_value_is_marked_and_labels_are_escaped():
    field = forms.ChoiceField(choices=[("", "ทุกเขต"), ("1", "<b>บางพลัด</b>"), ("2", "ยานนาวา")])
    html = options(field, {"f": "1"})
    assert '<option value="1" selected>&lt;b&gt;บางพลัด&lt;/b&gt;</option>' in html
    assert '<option value="" >' not in html and '<option value="">ทุกเขต</option>' in html
    assert html.count(" selected") == 1


def test_nothing_chosen_marks_the_empty_choice_as_django_does():
    field = forms.ChoiceField(choices=[("", "ทุกเขต"), ("1", "บางพลัด")], required=False)
    mine = options(field)
    assert '<option value="" selected>ทุกเขต</option>' in mine
    django_own = type("F", (forms.Form,), {"f": field})()["f"].as_widget()
    assert '<option value="" selected>' in django_own


def test_groups_keep_their_label_and_choices():
    field = forms.ChoiceField(choices=[('กลุ่ม "เหนือ"', [("1", "บางซื่อ"), ("2", "จตุจักร")])])
    html = options(field, {"f": "2"})
    assert '<optgroup label="กลุ่ม &quot;เหนือ&quot;">' in html
    assert '<option value="2" selected>จตุจักร</option></optgroup>' in html


@pytest.mark.django_db
def test_model_choices_are_read_by_one_plain_query(django_assert_num_queries):
    """Django's own iteration reads them through a server-side cursor on PostgreSQL (DECLARE,
    FETCH, CLOSE); the same options come from one ordinary query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from districts.models import District

    field = forms.ModelChoiceField(District.objects.order_by("code"), empty_label="ทุกเขต")
    chosen = District.objects.get(code="1025")
    with CaptureQueriesContext(connection) as queries:
        html = options(field, {"f": str(chosen.pk)})
    assert len(queries) == 1 and "DECLARE" not in queries[0]["sql"]
    assert html.count("<option") == 51 and html.count(" selected") == 1
    assert f'<option value="{chosen.pk}" selected>{chosen}</option>' in html
    assert html.startswith('<select><option value="">ทุกเขต</option>')
