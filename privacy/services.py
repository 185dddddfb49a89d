"""Serving a person's request: the copy of their data (logged) and erasure, where their name
and the contact details held with it become a pseudonym in every registered place, history
and snapshots included, in one transaction. Counts and everything else stay."""

import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction

from bangphlat.personal_data import (
    Place,
    Query,
    erase_in_snapshot,
    replace_in,
    replace_in_file_name,
)
from bangphlat.versions import data_changed
from privacy.access import can_handle_personal_data_requests
from privacy.models import Channel, LegalBasis, PersonalDataRequest, RequestKind
from privacy.selectors import Found, find_person, joined

PSEUDONYM_PREFIX = "บุคคล-"
_CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone


def new_pseudonym() -> str:
    code = "".join(secrets.choice(_CODE_CHARS) for _ in range(6))
    return PSEUDONYM_PREFIX + code


def _allowed(by, channel: str) -> None:
    # The command runs on the server by someone who already holds its keys.
    if channel != Channel.COMMAND and not can_handle_personal_data_requests(by):
        raise PermissionDenied


# Any phone number or e-mail address typed into a reason, whoever's it is.
_PHONE_LIKE = re.compile(r"(?<!\d)(?:\+?66|[0๐])(?:[\s.\-()]*\d){8,9}(?!\d)")
_EMAIL_LIKE = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")


def scrubbed(text: str, query: Query, pseudonym: str) -> str:
    """The reason as typed, without the person in it: the log keeps no name, phone or
    e-mail (the officer may well have typed them)."""
    text = replace_in(text or "", query, pseudonym)
    text = _PHONE_LIKE.sub(pseudonym, text)
    return _EMAIL_LIKE.sub(pseudonym, text).strip()


@transaction.atomic
def export_logged(
    *, found: Found, fmt: str, by, legal_basis: str = LegalBasis.ACCESS, reason: str = "",
    channel: str = Channel.WEB,
) -> PersonalDataRequest:  # fmt: skip
    """Record that a copy was handed out (the file itself is built by privacy/exports.py)."""
    _allowed(by, channel)
    kind = RequestKind.EXPORT_PDF if fmt == "pdf" else RequestKind.EXPORT_JSON
    entry = PersonalDataRequest(
        kind=kind,
        channel=channel,
        by=by if getattr(by, "pk", None) else None,
        reason=scrubbed(reason, found.query, "…"),
        legal_basis=legal_basis,
        places=found.records(),
        categories=found.categories(),
    )
    entry.full_clean()
    entry.save()
    return entry


@dataclass(frozen=True)
class Erased:
    entry: PersonalDataRequest
    places: int
    pseudonym: str


@transaction.atomic
def personal_data_erase(
    *, query: Query, reason: str, legal_basis: str, by=None, channel: str = Channel.WEB
) -> Erased:
    """Replace the person everywhere and log it. Either every place changes or none."""
    _allowed(by, channel)
    pseudonym = new_pseudonym()
    entry = PersonalDataRequest(
        kind=RequestKind.ERASE,
        channel=channel,
        by=by if getattr(by, "pk", None) else None,
        reason=scrubbed(reason, query, pseudonym),
        legal_basis=legal_basis,
        pseudonym=pseudonym,
    )
    entry.full_clean()  # a missing reason or an unknown basis stops before anything changes
    found = find_person(query, limit=10**9)
    changed: dict[Place, list[int]] = {}
    for place, pks in _records(found).items():
        for obj in place.model._base_manager.filter(pk__in=pks):
            values = erased_values(place, obj, query, pseudonym)
            if values:
                place.model._base_manager.filter(pk=obj.pk).update(**values)
                changed.setdefault(place, []).append(obj.pk)
    for place, pks in changed.items():
        if place.after_erase is not None:
            place.after_erase(pks)
    if changed:
        # The rows were changed by update(), which sends no signal: every page kept under a
        # data version (the district page, the dashboard) is made again after commit, so the
        # name is nowhere once the erasure is done.
        data_changed({"epoch"})
    entry.places = sum(len(pks) for pks in changed.values())
    entry.categories = _count_by_category(changed)
    entry.save()
    return Erased(entry=entry, places=entry.places, pseudonym=pseudonym)


@dataclass(frozen=True)
class Change:
    record: str
    model: str
    field: str
    before: object
    after: object


def erase_preview(found: Found, *, pseudonym: str) -> list[Change]:
    """What the erasure will change, field by field, for the confirmation page (reads only)."""
    hits = {(hit.place, hit.pk): hit for hit in found.hits}
    changes = []
    for place, pks in _records(found).items():
        for obj in place.model._base_manager.filter(pk__in=pks).order_by("pk"):
            record = hits[(place, obj.pk)].record
            values = erased_values(place, obj, found.query, pseudonym, dry_run=True)
            for name, after in values.items():
                before = _current(obj, name)
                if name in place.snapshots:  # the strings that change, not the whole JSON
                    found_here = [h for h in found.hits if h.place == place and h.pk == obj.pk]
                    texts = [h.value for h in found_here if h.field.startswith(name)]
                    before = "; ".join(texts)
                    after = "; ".join(
                        "" if h.kind == "contact" else replace_in(h.value, found.query, pseudonym)
                        for h in found_here
                        if h.field.startswith(name)
                    )
                changes.append(
                    Change(
                        record=record,
                        model=str(place.model._meta.verbose_name),
                        field=str(place.model._meta.get_field(name).verbose_name),
                        before=before,
                        after=after,
                    )
                )
    return changes


def _records(found: Found) -> dict[Place, list[int]]:
    records: dict[Place, list[int]] = {}
    for hit in found.hits:
        pks = records.setdefault(hit.place, [])
        if hit.pk not in pks:
            pks.append(hit.pk)
    return records


def _count_by_category(changed) -> dict[str, int]:
    counts: dict[str, int] = {}
    for place, pks in changed.items():
        counts[place.category] = counts.get(place.category, 0) + len(pks)
    return counts


def erased_values(place: Place, obj, query: Query, pseudonym: str, *, dry_run=False) -> dict:
    """The new values of ``obj``'s fields that hold the person (only those that change);
    ``dry_run`` for the confirmation page touches no file."""
    values: dict = {}
    named = [group for group in place.names if query.finds(joined(obj, group))]
    phoned = any(query.finds(getattr(obj, name)) for name in place.contacts)
    for group in place.names:
        if group in named or (phoned and joined(obj, group)):
            first = (
                replace_in(joined(obj, group), query, pseudonym) if group in named else pseudonym
            )
            values[group[0]] = _fit(place, group[0], first)
            values.update(dict.fromkeys(group[1:], ""))
    for name in place.contacts:
        if getattr(obj, name) and (named or phoned):
            values[name] = ""
    for name in place.texts:
        values[name] = _fit(place, name, replace_in(getattr(obj, name), query, pseudonym))
    for name in place.files:
        fieldfile = getattr(obj, name)
        if dry_run:
            values[name] = _new_file_name(fieldfile.name, query, pseudonym)
        else:
            values[name] = _renamed(fieldfile, query, pseudonym)
    for name in place.snapshots:
        values[name] = erase_in_snapshot(getattr(obj, name), query, place, pseudonym)
    return {name: value for name, value in values.items() if value != _current(obj, name)}


def _current(obj, name):
    value = getattr(obj, name)
    return value.name if hasattr(value, "storage") else value


def _fit(place: Place, name: str, value: str) -> str:
    limit = place.model._meta.get_field(name).max_length
    return value[:limit] if limit else value


def _new_file_name(name: str, query: Query, pseudonym: str) -> str:
    if not query.finds_in_file_name(name):
        return name
    return replace_in_file_name(name, query, "erased-" + pseudonym.removeprefix(PSEUDONYM_PREFIX))


def _renamed(fieldfile, query: Query, pseudonym: str) -> str:
    """A stored file whose name carries the person is copied to a name with the pseudonym; the
    old file goes only once the erasure is committed (a rollback keeps it)."""
    old = fieldfile.name
    if not query.finds_in_file_name(old):
        return old
    new = _new_file_name(old, query, pseudonym)
    storage = fieldfile.storage
    if not storage.exists(old):
        return new  # the file is already gone: only its name was left
    with storage.open(old, "rb") as handle:
        saved = storage.save(new, ContentFile(handle.read()))
    transaction.on_commit(lambda: storage.delete(old))
    return saved
