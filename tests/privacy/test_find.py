"""Finding one person: every kind of place, every way people write a name or a phone."""

import pytest

from bangphlat.personal_data import QueryError, name_key, parse_query, phone_key
from privacy.selectors import find_person
from tests.privacy.conftest import NAME, OTHER

pytestmark = pytest.mark.django_db


def places_of(found) -> set[tuple[str, str]]:
    return {(hit.place.label, hit.field) for hit in found.hits}


def test_a_name_is_one_person_with_or_without_title_spaces_or_invisible_characters():
    spellings = ["นายสมชาย ใจดี", "สมชาย ใจดี", "นาย สมชาย  ใจดี", "สมชาย\u200bใจดี", "คุณสมชายใจดี"]
    assert {name_key(spelling) for spelling in spellings} == {"สมชายใจดี"}
    assert name_key("นางสาวมาลี มีสุข") == name_key("น.ส. มาลี มีสุข") == name_key("มาลี มีสุข")


def test_a_phone_is_its_digits_in_thai_or_arabic_with_or_without_the_country_code():
    spellings = ["081-234-5678", "๐๘๑-๒๓๔-๕๖๗๘", "+66 81 234 5678", "0812345678"]
    assert {phone_key(spelling) for spelling in spellings} == {"0812345678"}


@pytest.mark.parametrize("raw", ["", "   ", "\u200b", "นาย", "x" * 301, "12"])
def test_an_empty_short_or_silly_query_is_refused_with_a_thai_message(raw):
    with pytest.raises(QueryError) as refused:
        parse_query(raw)
    assert str(refused.value)


def test_every_kind_of_place_is_found_by_name(everywhere):
    found = find_person(parse_query("สมชาย ใจดี"))
    assert {
        ("communities.Community", "chair_name"),
        ("communities.Community", "chair_phone"),  # the phone held with the name
        ("communities.HistoricalCommunity", "chair_name"),
        ("communities.HistoricalCommunity", "chair_phone"),
        ("lessons.Interviewee", "name"),
        ("lessons.LessonRevision", "interviewees[0].name"),
        ("training.Participant", "name"),
        ("training.Participant", "phone"),
        ("notices.Notice", "text"),
        ("lessons.LessonAttachment", "title"),
        ("lessons.LessonAttachment", "file"),
    } <= places_of(found)
    assert everywhere["past"].pk not in {
        hit.pk for hit in found.hits if hit.place.label == "communities.Community"
    }, "the community whose chair changed holds him only in its history"
    assert all(OTHER not in hit.value for hit in found.hits)


def test_a_phone_in_thai_digits_finds_the_name_held_with_it(everywhere):
    found = find_person(parse_query("๐๘๑ ๒๓๔ ๕๖๗๘"))
    chair = {
        hit.field: hit.value
        for hit in found.hits
        if hit.place.label == "communities.Community" and hit.pk == everywhere["current"].pk
    }
    assert chair == {"chair_phone": "๐๘๑-๒๓๔-๕๖๗๘", "chair_name": "สมชาย  ใจดี"}
    assert ("training.Participant", "phone") in places_of(found)


def test_a_stranger_is_found_nowhere(everywhere):
    assert find_person(parse_query("นายไม่มี ตัวตน")).hits == []


def test_the_other_persons_rows_are_not_found(everywhere):
    found = find_person(parse_query(OTHER))
    assert all(NAME not in hit.value or hit.kind == "snapshot" for hit in found.hits)
    assert ("communities.Community", "chair_name") in places_of(found)
