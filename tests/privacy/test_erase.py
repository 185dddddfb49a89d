"""Erasing one person: a pseudonym everywhere (history and snapshots too), contacts held with
the name emptied, counts and the other person untouched, one transaction, a log without them."""

import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection

from bangphlat.personal_data import parse_query
from communities.models import Community
from lessons.models import Interviewee, LessonRevision
from privacy import services
from privacy.models import Channel, LegalBasis, PersonalDataRequest
from privacy.selectors import find_person
from tests.privacy.conftest import NAME, OTHER, OTHER_PHONE
from training.models import Participant

pytestmark = pytest.mark.django_db

TRACES = ["สมชาย", "somchai", "234-5678", "2345678", "234 5678", "๒๓๔-๕๖๗๘", "สมชาย_ใจด"]


def erase(query="สมชาย ใจดี", reason="คำขอเลขที่ 12/2569", by=None):
    return services.personal_data_erase(
        query=parse_query(query),
        reason=reason,
        legal_basis=LegalBasis.CONSENT_WITHDRAWN,
        by=by,
        channel=Channel.COMMAND if by is None else Channel.WEB,
    )


def traces_in_database() -> list[str]:
    """Every row of every table, each value as text (JSON unescaped), searched for the person."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table not in connection.introspection.table_names():
            continue
        for row in model._base_manager.values():
            text = json.dumps(row, ensure_ascii=False, default=str)
            found += [f"{model._meta.label}: {t}" for t in TRACES if t in text]
    return found


def test_before_erasure_the_scan_sees_the_person(everywhere):
    assert traces_in_database()


def test_erasure_leaves_no_trace_of_the_name_or_phone_in_any_table(everywhere):
    erased = erase()
    assert erased.places >= 8
    assert traces_in_database() == []


def test_the_name_becomes_one_pseudonym_and_contacts_held_with_it_are_emptied(everywhere):
    erased = erase()
    chair = Community.objects.get(pk=everywhere["current"].pk)
    assert (chair.chair_name, chair.chair_phone) == (erased.pseudonym, "")
    history = everywhere["past"].history.order_by("history_id").first()
    assert (history.chair_name, history.chair_phone) == (erased.pseudonym, "")
    participant = Participant.objects.get(pk=everywhere["participant"].pk)
    assert (participant.name, participant.phone) == (erased.pseudonym, "")
    assert participant.role == "ประธานชุมชน" and participant.consent  # the rest stays
    revision = LessonRevision.objects.get(lesson=everywhere["lesson"])
    assert revision.interviewees[0] == {"name": erased.pseudonym, "role": "ประธานชุมชน"}
    everywhere["notice"].refresh_from_db()
    assert everywhere["notice"].text == f"{erased.pseudonym} ลงทะเบียนอบรมแล้ว"


def test_the_other_person_and_the_counts_stay(everywhere):
    before = {model: model.objects.count() for model in (Community, Interviewee, Participant)}
    erase()
    assert {model: model.objects.count() for model in before} == before
    other = Community.objects.get(pk=everywhere["past"].pk)
    assert (other.chair_name, other.chair_phone) == (OTHER, OTHER_PHONE)
    assert Interviewee.objects.filter(name=OTHER).exists()
    revision = LessonRevision.objects.get(lesson=everywhere["lesson"])
    assert revision.interviewees[1]["name"] == OTHER


def test_the_stored_file_is_renamed_and_still_opens(everywhere, django_capture_on_commit_callbacks):
    old = everywhere["attachment"].file.name
    with django_capture_on_commit_callbacks(execute=True):
        erase()
    everywhere["attachment"].refresh_from_db()
    assert everywhere["attachment"].file.name != old
    assert everywhere["attachment"].file.read() == b"%PDF-1.4 interview"
    assert not everywhere["attachment"].file.storage.exists(old)


def test_erasing_by_phone_replaces_the_name_held_with_it(everywhere):
    erased = erase("0812345678")
    chair = Community.objects.get(pk=everywhere["current"].pk)
    assert (chair.chair_name, chair.chair_phone) == (erased.pseudonym, "")
    assert Participant.objects.get(pk=everywhere["participant"].pk).name == erased.pseudonym


def test_the_log_says_who_when_why_and_how_many_but_not_who_was_erased(everywhere, strategy):
    strategy.is_superuser = True  # may act on the page
    erased = erase(reason=f"{NAME} โทร ๐๘๑ 234 5678 somchai@example.com ขอให้ลบ", by=strategy)
    entry = PersonalDataRequest.objects.get()
    assert entry == erased.entry and entry.by == strategy and entry.places == erased.places
    assert entry.legal_basis == LegalBasis.CONSENT_WITHDRAWN and entry.at
    assert entry.categories["community_contacts"] == 1
    assert entry.categories["change_history"] >= 2
    row = json.dumps(PersonalDataRequest.objects.values().get(), ensure_ascii=False, default=str)
    assert not [t for t in TRACES if t in row], row
    assert entry.reason == f"{erased.pseudonym} โทร {erased.pseudonym} {erased.pseudonym} ขอให้ลบ"


def test_a_failure_half_way_changes_nothing(everywhere, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(PersonalDataRequest, "save", broken)
    with pytest.raises(RuntimeError):
        erase()
    assert Community.objects.get(pk=everywhere["current"].pk).chair_name == "สมชาย  ใจดี"
    assert find_person(parse_query(NAME)).records() >= 8


def test_an_erasure_without_a_reason_changes_nothing(everywhere):
    with pytest.raises(ValidationError):
        erase(reason="   ")
    assert find_person(parse_query(NAME)).hits
    assert not PersonalDataRequest.objects.exists()


def test_erasing_again_finds_nothing_and_changes_nothing(everywhere):
    erase()
    assert erase().places == 0


def test_an_erasure_makes_every_kept_page_again(everywhere, django_capture_on_commit_callbacks):
    """Its rows change by update(), which no listener sees: the epoch changes after commit,
    so no page kept under a data version (the district page) still shows the person."""
    from bangphlat.versions import version

    before = version("epoch")
    with django_capture_on_commit_callbacks(execute=True):
        erase()
    assert version("epoch") not in (before, "-")
