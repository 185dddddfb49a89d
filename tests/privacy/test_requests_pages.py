"""/privacy/requests/: only administrators and strategy-office members given the
data-protection permission; find → table → copy (logged) → confirmation → erase."""

import json
import os
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse

from privacy.access import can_handle_personal_data_requests
from privacy.models import PersonalDataRequest, RequestKind
from tests.privacy.conftest import NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(strategy):
    strategy.user_permissions.add(Permission.objects.get(codename="handle_personal_data"))
    return type(strategy).objects.get(pk=strategy.pk)  # a fresh permission cache


def test_access_rule_branches(portal_admin, officer, staff_bangphlat):
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import Role
    from tests.conftest import make_user

    strategy = make_user("strategy2_t", Role.STRATEGY)

    assert can_handle_personal_data_requests(portal_admin)
    assert can_handle_personal_data_requests(officer)
    assert not can_handle_personal_data_requests(strategy)  # the office, without the role
    assert not can_handle_personal_data_requests(AnonymousUser())
    staff_bangphlat.user_permissions.add(Permission.objects.get(codename="handle_personal_data"))
    staff = type(staff_bangphlat).objects.get(pk=staff_bangphlat.pk)
    assert not can_handle_personal_data_requests(staff)  # district staff never


@pytest.mark.parametrize("url", ["privacy:find", "privacy:request_log"])
def test_other_roles_are_refused_and_visitors_sent_to_log_in(
    login, client, strategy, staff_bangphlat, url
):
    assert client.get(reverse(url)).status_code == 302
    for user in (strategy, staff_bangphlat):
        assert login(user).get(reverse(url)).status_code == 403
    assert login(staff_bangphlat).post(reverse("privacy:erase"), {"q": NAME}).status_code == 403


def test_the_officer_finds_the_person_in_a_table(login, officer, everywhere):
    response = login(officer).post(reverse("privacy:find"), {"q": "สมชาย ใจดี"})
    body = response.content.decode()
    assert response.status_code == 200 and 'id="result-summary"' in body
    assert "communities_historicalcommunity" in body and "๐๘๑-๒๓๔-๕๖๗๘" in body


@pytest.mark.parametrize("q", ["", "นาย", "\u200b\u200b", "x" * 400])
def test_odd_input_gets_a_thai_message_not_an_error(login, officer, q):
    response = login(officer).post(reverse("privacy:find"), {"q": q})
    assert response.status_code == 400 and 'id="q-error"' in response.content.decode()
    assert login(officer).post(reverse("privacy:erase"), {"q": q}).status_code == 400


def test_the_json_copy_lists_each_place_and_is_logged(login, officer, everywhere):
    response = login(officer).post(
        reverse("privacy:export"), {"q": NAME, "fmt": "json", "legal_basis": "s30_access"}
    )
    assert response.status_code == 200 and "สมชาย" not in response["Content-Disposition"]
    places = json.loads(response.content)["places"]
    assert {"category", "model", "table", "record", "field", "value"} <= set(places[0])
    entry = PersonalDataRequest.objects.get()
    assert entry.kind == RequestKind.EXPORT_JSON and entry.by == officer and entry.places >= 8


def test_the_pdf_copy_is_thai_and_logged(login, officer, everywhere):
    import subprocess

    response = login(officer).post(
        reverse("privacy:export"), {"q": NAME, "fmt": "pdf", "legal_basis": "s31_portability"}
    )
    assert response["Content-Type"] == "application/pdf"
    if shots := os.environ.get("SCREENSHOT_DIR"):  # to look at it: pdftoppm -png
        with open(os.path.join(shots, "privacy-copy.pdf"), "wb") as handle:
            handle.write(response.content)
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "สำเนาข้อมูลส่วนบุคคล" in " ".join(text.split())
    assert PersonalDataRequest.objects.get().kind == RequestKind.EXPORT_PDF


def test_erasing_asks_first_then_erases_on_confirmation(login, officer, everywhere):
    client = login(officer)
    first = client.post(reverse("privacy:erase"), {"q": NAME})
    assert first.status_code == 200 and 'id="change-table"' in first.content.decode()
    assert not PersonalDataRequest.objects.exists()
    unconfirmed = {
        "q": NAME,
        "step": "confirm",
        "reason": "คำขอ 1/2569",
        "legal_basis": "s33_2_consent",
    }
    assert client.post(reverse("privacy:erase"), unconfirmed).status_code == 400
    done = client.post(reverse("privacy:erase"), unconfirmed | {"confirm": "on"}, follow=True)
    assert done.status_code == 200 and 'id="log-table"' in done.content.decode()
    entry = PersonalDataRequest.objects.get()
    assert entry.kind == RequestKind.ERASE and entry.pseudonym in done.content.decode()
    assert not client.post(reverse("privacy:find"), {"q": NAME}).context["found"].hits


def test_the_command_prints_json_of_each_place(everywhere):
    out = StringIO()
    call_command("personal_data", "find", "สมชาย ใจดี", "--json", stdout=out)
    document = json.loads(out.getvalue())
    assert document["records"] >= 8
    fields = {(p["table"], p["field"]) for p in document["places"]}
    assert ("communities_community", "chair_name") in fields
    assert ("lessons_lessonrevision", "interviewees[0].name") in fields


def test_the_command_erases_only_with_yes_when_nobody_can_be_asked(everywhere):
    with pytest.raises(CommandError):
        call_command("personal_data", "erase", NAME, "--reason", "คำขอ 2", stdout=StringIO())
    assert not PersonalDataRequest.objects.exists()
    out = StringIO()
    call_command("personal_data", "erase", NAME, "--reason", "คำขอ 2", "--yes", stdout=out)
    assert "Erased:" in out.getvalue()
    assert PersonalDataRequest.objects.get().channel == "command"


def test_the_command_refuses_an_empty_name():
    with pytest.raises(CommandError):
        call_command("personal_data", "find", "  ", stdout=StringIO())
