"""Forms ask only what they need: no select with one choice, no 0 standing for "not
answered", optional rows not starred, the notes box not named like the Save button, and the
Markdown hint said once."""

import pytest
from django.urls import reverse

from communities.models import Community
from lessons.forms import LessonForm
from mentoring.forms import FollowUpForm

pytestmark = pytest.mark.django_db


def test_district_staff_add_a_community_to_their_district_without_choosing_it(
    login, staff_bangphlat, bangphlat
):
    client = login(staff_bangphlat)
    body = client.get(reverse("communities:create")).content.decode()
    assert '<select name="district"' not in body
    assert f'<input type="hidden" name="district" value="{bangphlat.pk}"' in body
    assert "fixed-value" in body and bangphlat.name in body


def test_the_population_box_of_a_new_community_starts_empty(login, staff_bangphlat):
    body = login(staff_bangphlat).get(reverse("communities:create")).content.decode()
    assert 'name="population" value="0"' not in body
    assert 'name="population"' in body


def test_an_admin_still_chooses_the_district(login, portal_admin):
    body = login(portal_admin).get(reverse("communities:create")).content.decode()
    assert '<select name="district"' in body


def test_a_community_posted_by_staff_lands_in_their_district(login, staff_bangphlat, bangphlat):
    client = login(staff_bangphlat)
    response = client.post(
        reverse("communities:create"),
        {"district": bangphlat.pk, "name": "ชุมชนทดลองใหม่", "community_type": "crowded",
         "population": 120, "status": "active", "model_step": "understand"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Community.objects.get(name="ชุมชนทดลองใหม่").district == bangphlat


def test_an_empty_follow_up_row_is_optional_and_a_begun_one_needs_all_three():
    assert not any(field.required for field in FollowUpForm().fields.values())
    begun = FollowUpForm(data={"who": "ประธานชุมชน", "what": "", "due_date": ""})
    assert not begun.is_valid()
    assert set(begun.errors) == {"what", "due_date"}
    assert FollowUpForm(data={"who": "", "what": "", "due_date": ""}).is_valid()


def test_the_session_notes_are_not_labelled_like_the_save_button():
    from mentoring.forms import SessionForm

    assert str(SessionForm.base_fields["notes"].label) != "บันทึก"


def test_the_markdown_hint_is_said_once_in_plain_words(bangphlat):
    form = LessonForm(district=bangphlat)
    hints = [str(field.help_text) for field in form.fields.values() if "**" in str(field.help_text)]
    assert len(hints) == 1 and "Markdown" not in hints[0]
