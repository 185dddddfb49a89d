"""The kept reverse() answers are reverse()'s own, under a script prefix too, and the
template's {% url %} is unchanged for names, arguments, keywords, "as" and bad names."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

from bangphlat.reversing import reverse_cached, reverse_id


@pytest.fixture
def prefix():
    yield
    set_script_prefix("/")


def test_reverse_cached_is_reverse():
    assert reverse_cached("districts:detail", ["1025"]) == reverse(
        "districts:detail", args=["1025"]
    )
    assert reverse_cached("districts:list") == reverse("districts:list")
    assert reverse_cached("reporting:month", kwargs={"code": "1025", "month": "2025-10"}) == (
        reverse("reporting:month", kwargs={"code": "1025", "month": "2025-10"})
    )


def test_reverse_id_is_reverse_for_any_id():
    for pk in (1, 42, 9876543210):
        assert reverse_id("communities:activity_detail", pk) == reverse(
            "communities:activity_detail", args=[pk]
        )


def test_a_script_prefix_is_part_of_the_answer(prefix):
    before = reverse_cached("districts:detail", ["1025"]), reverse_id("communities:detail", 7)
    set_script_prefix("/portal/")
    assert reverse_cached("districts:detail", ["1025"]) == "/portal" + before[0]
    assert reverse_id("communities:detail", 7) == "/portal" + before[1]


def test_unknown_names_still_fail():
    with pytest.raises(NoReverseMatch):
        reverse_cached("districts:nothing")
    with pytest.raises(NoReverseMatch):
        reverse_id("districts:list", 1)


def test_the_url_tag_writes_what_django_wrote():
    template = Template(
        "{% url 'districts:detail' code %}|{% url 'reporting:month' code month %}|"
        "{% url 'reporting:month' code=code month=month %}|{% url 'nothing' as gone %}[{{ gone }}]"
        "{% url 'districts:list' as link %}{{ link }}"
    )
    context = Context({"code": "1025", "month": "2025-10"})
    assert template.render(context) == (
        f"{reverse('districts:detail', args=['1025'])}|"
        f"{reverse('reporting:month', args=['1025', '2025-10'])}|"
        f"{reverse('reporting:month', args=['1025', '2025-10'])}|[]{reverse('districts:list')}"
    )
    with pytest.raises(NoReverseMatch):
        Template("{% url 'nothing' %}").render(Context())
