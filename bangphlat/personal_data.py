"""Where the portal keeps personal data, and how to recognise one person in it (PDPA).

Every app that stores a person's name or contact details says so in its ``AppConfig.ready()``
with ``register_personal_data(Place(...))``, as it registers its files: the kernel knows no
domain app, and ``privacy/`` finds, exports and erases over this registry alone.
``tests/architecture/test_personal_data.py`` fails when a model grows a name-like field that
nobody registered (or exempted there with a reason), so new personal data cannot hide.

A person is looked up by name or phone as people type them: with or without นาย/นาง/นางสาว/น.ส.,
with invisible characters from LINE or Word, with or without spaces, in Thai or Arabic digits.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from bangphlat.thai import THAI_DIGITS, clean_text, search_key, to_arabic_digits

# The fixed vocabulary of categories (privacy/categories.py gives their labels and purposes).
CATEGORIES = (
    "community_contacts",
    "interviewees",
    "training_participants",
    "user_accounts",
    "notices",
    "uploads",
    "change_history",
)

# Honorifics people write or leave out: longest first, so นางสาว is not read as นาง + สาว.
TITLES = (
    "นางสาว",
    "เด็กชาย",
    "เด็กหญิง",
    "น.ส.",
    "ด.ช.",
    "ด.ญ.",
    "นาง",
    "นาย",
    "ดร.",
    "คุณ",
    "Mrs.",
    "Miss",
    "Mr.",
    "Ms.",
)
_TITLE = re.compile(r"^(?:" + "|".join(map(re.escape, TITLES)) + r")\s*", re.IGNORECASE)
# Between two characters of a name in free text or a file name: spaces, _ . - or nothing.
_NAME_GAP = r"[\s_.\-]*"
_PHONE_GAP = r"[\s.\-()]*"
MIN_NAME_KEY = 4
MAX_QUERY = 200


@dataclass(frozen=True)
class Place:
    """One model that holds personal data, and what of it.

    ``names``: groups of fields that together hold one person's name (("first_name",
    "last_name")); ``contacts``: the contact details held with that name in the same record,
    emptied when the name is erased; ``texts``: free text or captions that may mention the
    person; ``files``: file fields whose stored name may carry it; ``snapshots``: JSON fields,
    every string in them searched (an object's ``snapshot_contacts`` go with its
    ``snapshot_names``). ``describe(obj)`` says what the record is without personal data;
    ``after_erase(pks)`` lets the owning app follow (a book rebuilt, a search key refreshed).
    """

    model: type
    category: str
    names: tuple[tuple[str, ...], ...] = ()
    contacts: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    snapshots: tuple[str, ...] = ()
    snapshot_names: tuple[str, ...] = ("name",)
    snapshot_contacts: tuple[str, ...] = ("phone",)
    describe: Callable | None = None
    after_erase: Callable | None = None
    history_of: type | None = field(default=None, compare=False)

    @property
    def label(self) -> str:
        return f"{self.model._meta.app_label}.{self.model.__name__}"

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    def all_fields(self) -> list[str]:
        grouped = [name for group in self.names for name in group]
        return [*grouped, *self.contacts, *self.texts, *self.files, *self.snapshots]


_places: list[Place] = []


def register_personal_data(place: Place, *, history: bool = True) -> None:
    """An app declares a place; with ``history`` its simple-history table (old values kept
    for ever) is registered too, under change_history."""
    if place.category not in CATEGORIES:
        raise ValueError(f"unknown personal-data category {place.category!r}")
    if any(known.model is place.model for known in _places):
        return  # ready() may run twice (tests reload apps)
    _places.append(place)
    manager = getattr(place.model, "history", None)
    historical = getattr(manager, "model", None)
    if history and historical is not None:
        _places.append(_history_place(place, historical))


def _history_place(place: Place, historical) -> Place:
    present = {f.name for f in historical._meta.get_fields()}

    def keep(names):
        return tuple(name for name in names if name in present)

    return replace(
        place,
        model=historical,
        category="change_history",
        names=tuple(group for group in place.names if set(group) <= present),
        contacts=keep(place.contacts),
        texts=keep(place.texts),
        files=(),  # simple-history keeps the stored name as text: searched with the texts
        snapshots=keep(place.snapshots),
        describe=None,
        after_erase=None,
        history_of=place.model,
    )


def places() -> list[Place]:
    return list(_places)


def registered_fields() -> set[str]:
    """ "app_label.Model.field" for every registered field of every current (not history)
    model."""
    return {
        f"{place.label}.{name}"
        for place in _places
        if place.history_of is None
        for name in place.all_fields()
    }


# --- Recognising a person ------------------------------------------------------------------
def name_key(value) -> str:
    """What two spellings of one person's name share: the search key without an honorific
    ("นาย สมชาย  ใจดี", "สมชาย​ใจดี" and "สมชาย ใจดี" are one person)."""
    text = clean_text(value)
    return search_key(_TITLE.sub("", text, count=1))


def phone_key(value) -> str:
    """The digits of a phone number, Thai or Arabic, +66 written as 0."""
    digits = re.sub(r"\D", "", to_arabic_digits(clean_text(value)), flags=re.ASCII)
    if digits.startswith("66") and len(digits) in (10, 11):
        digits = "0" + digits[2:]
    return digits


class QueryError(ValueError):
    """A query that cannot name one person (empty, too short, too long): its message is
    Thai and shown as it is."""


@dataclass(frozen=True)
class Query:
    kind: str  # "name" or "phone"
    key: str
    pattern: re.Pattern
    # Stored file names lost their Thai vowel and tone marks and spaces on the way in
    # (Django's get_valid_filename keeps only \w, - and .): "สมชาย_ใจด.jpg".
    file_pattern: re.Pattern | None = None

    def finds(self, value) -> bool:
        return bool(value) and self.pattern.search(clean_text(value)) is not None

    def finds_in_file_name(self, name) -> bool:
        if not name:
            return False
        return self.finds(name) or bool(self.file_pattern and self.file_pattern.search(name))

    def is_whole(self, value) -> bool:
        """The value is this person and nothing more (so all of it is replaced)."""
        if self.kind == "phone":
            return phone_key(value) == self.key
        return name_key(value) == self.key

    def probes(self) -> list[str]:
        """Short pieces every stored spelling contains, for the database's first sieve."""
        if self.kind == "phone":
            tail = self.key[-3:]
            return [tail, tail.translate(str.maketrans("0123456789", THAI_DIGITS))]
        stripped = re.sub(r"[^\w]", "", self.key)  # as in stored file names
        return sorted({self.key[:3], stripped[:3]} - {""})


def parse_query(raw) -> Query:
    text = clean_text(raw)
    if not text:
        raise QueryError(_("กรุณาพิมพ์ชื่อ-สกุลหรือหมายเลขโทรศัพท์"))
    if len(text) > MAX_QUERY:
        raise QueryError(_("คำค้นยาวเกินไป"))
    if not re.search(r"[^\W\d_]", text) and 9 <= len(phone_key(text)) <= 10:
        return Query("phone", phone_key(text), _phone_pattern(phone_key(text)))
    key = name_key(text)
    if len(key) < MIN_NAME_KEY:
        raise QueryError(_("ชื่อสั้นเกินไป: พิมพ์ชื่อและนามสกุล"))
    stripped = re.sub(r"[^\w]", "", key)
    return Query("name", key, _name_pattern(key), _name_pattern(stripped) if stripped else None)


def _name_pattern(key: str) -> re.Pattern:
    title = r"(?:(?:" + "|".join(map(re.escape, TITLES)) + r")\s*)?"
    body = _NAME_GAP.join(_digit_class(char) if char.isdigit() else re.escape(char) for char in key)
    return re.compile(title + body, re.IGNORECASE)


def _digit_class(digit: str) -> str:
    return f"[{digit}{THAI_DIGITS[int(digit)]}]"


def _phone_pattern(key: str) -> re.Pattern:
    start = r"(?:\+?66" + _PHONE_GAP + r"|[0๐])" if key.startswith("0") else _digit_class(key[0])
    rest = _PHONE_GAP.join(_digit_class(digit) for digit in key[1:])
    return re.compile(r"(?<!\d)" + start + rest + r"(?!\d)")


def replace_in(value: str, query: Query, pseudonym: str) -> str:
    """``value`` with the person replaced by ``pseudonym`` (all of it when it is only them)."""
    if not value or not query.finds(value):
        return value
    if query.is_whole(value):
        return pseudonym
    return query.pattern.sub(pseudonym, clean_text(value))


def replace_in_file_name(name: str, query: Query, code: str) -> str:
    """A stored file's name with the person replaced by ``code`` (ASCII: it survives the
    storage's own cleaning unchanged)."""
    if query.finds(name):
        return query.pattern.sub(code, name)
    if query.file_pattern is not None:
        return query.file_pattern.sub(code, name)
    return name


def walk_snapshot(value, query: Query, place: Place, path: str = ""):
    """(path, text, kind) for every string of a JSON value where the person is found; a
    contact beside a found name counts too."""
    if isinstance(value, str):
        if query.finds(value):
            yield path, value, "snapshot"
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_snapshot(item, query, place, f"{path}[{index}]")
        return
    if not isinstance(value, dict):
        return
    named = any(query.finds(value.get(key)) for key in place.snapshot_names)
    for key, item in value.items():
        if named and key in place.snapshot_contacts and isinstance(item, str) and item:
            yield f"{path}.{key}", item, "contact"
        else:
            yield from walk_snapshot(item, query, place, f"{path}.{key}")


def erase_in_snapshot(value, query: Query, place: Place, pseudonym: str):
    """The JSON value with the person replaced, and contacts beside their name emptied."""
    if isinstance(value, str):
        return replace_in(value, query, pseudonym)
    if isinstance(value, list):
        return [erase_in_snapshot(item, query, place, pseudonym) for item in value]
    if not isinstance(value, dict):
        return value
    named = any(query.finds(value.get(key)) for key in place.snapshot_names)
    return {
        key: (
            ""
            if named and key in place.snapshot_contacts and isinstance(item, str)
            else erase_in_snapshot(item, query, place, pseudonym)
        )
        for key, item in value.items()
    }
