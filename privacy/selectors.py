"""Finding one person's data over every registered place (bangphlat/personal_data.py):
current rows, change-history rows, revision and handbook snapshots, notices and the metadata
of uploaded files. Reads only."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bangphlat.personal_data import Place, Query, places, walk_snapshot
from bangphlat.thai import format_date_th

# More places than this is not one person (a very common name): the page says so.
MAX_HITS = 1000


@dataclass(frozen=True)
class Hit:
    """One field of one record where the person is found."""

    place: Place
    pk: int
    field: str  # "chair_name", "first_name+last_name", "interviewees[0].name", "image"
    value: str
    kind: str  # name, contact, text, file, snapshot
    record: str  # what the record is, without personal data

    def as_json(self) -> dict:
        return {
            "category": self.place.category,
            "model": self.place.label,
            "table": self.place.table,
            "record": self.pk,
            "field": self.field,
            "kind": self.kind,
            "value": self.value,
            "record_label": self.record,
        }

    @property
    def model_label(self) -> str:
        return str(self.place.model._meta.verbose_name)

    @property
    def field_label(self) -> str:
        """The field's own label where it has one ("ชื่อประธานกรรมการชุมชน")."""
        name = self.field.split("+")[0].split("[")[0].split(".")[0]
        try:
            return str(self.place.model._meta.get_field(name).verbose_name)
        except Exception:  # noqa: BLE001 - a JSON path or an odd name: the field name says it
            return self.field


@dataclass(frozen=True)
class Found:
    query: Query
    hits: list[Hit]
    truncated: bool

    def categories(self) -> dict[str, int]:
        """{category: records} for the log and the summary."""
        records = {(hit.place.category, hit.place.label, hit.pk) for hit in self.hits}
        return dict(Counter(category for category, _label, _pk in records))

    def records(self) -> int:
        return len({(hit.place.label, hit.pk) for hit in self.hits})

    def by_category(self) -> list[tuple[str, list[Hit]]]:
        grouped: dict[str, list[Hit]] = {}
        for hit in self.hits:
            grouped.setdefault(hit.place.category, []).append(hit)
        return list(grouped.items())


def find_person(query: Query, *, limit: int = MAX_HITS) -> Found:
    hits: list[Hit] = []
    for place in places():
        for obj in candidate_rows(place, query):
            hits.extend(record_hits(place, obj, query))
            if len(hits) > limit:
                return Found(query, hits[:limit], truncated=True)
    return Found(query, hits, truncated=False)


def candidate_rows(place: Place, query: Query):
    """The rows that may hold the person. Text columns are sieved by the database on a short
    piece every spelling shares; JSON is read whole (SQLite stores it with \\u escapes)."""
    rows = place.model._base_manager.order_by("pk")
    if not place.snapshots:
        sieve = Q()
        for name in _text_columns(place):
            for probe in query.probes():
                sieve |= Q(**{f"{name}__icontains": probe})
        rows = rows.filter(sieve)
    return rows.iterator(chunk_size=500)


def _text_columns(place: Place) -> list[str]:
    grouped = [name for group in place.names for name in group]
    return [*grouped, *place.contacts, *place.texts, *place.files]


def joined(obj, group) -> str:
    return " ".join(part for name in group if (part := getattr(obj, name) or "")).strip()


def record_hits(place: Place, obj, query: Query) -> list[Hit]:
    """Every field of ``obj`` that holds the person: a found name brings the contacts held
    with it, a found phone the name held with it."""
    found: list[tuple[str, str, str]] = []
    named = [group for group in place.names if query.finds(joined(obj, group))]
    phoned = any(query.finds(getattr(obj, name)) for name in place.contacts)
    for group in place.names:
        if group in named or (phoned and joined(obj, group)):
            found.append(("+".join(group), joined(obj, group), "name"))
    for name in place.contacts:
        value = getattr(obj, name) or ""
        if value and (named or query.finds(value)):
            found.append((name, value, "contact"))
    for name in place.texts:
        if query.finds(getattr(obj, name)):
            found.append((name, getattr(obj, name), "text"))
    for name in place.files:
        if query.finds_in_file_name(getattr(obj, name).name):
            found.append((name, getattr(obj, name).name, "file"))
    for name in place.snapshots:
        for path, value, kind in walk_snapshot(getattr(obj, name), query, place):
            found.append((f"{name}{path}", value, kind))
    if not found:
        return []
    record = describe(place, obj)
    return [Hit(place, obj.pk, name, value, kind, record) for name, value, kind in found]


def describe(place: Place, obj) -> str:
    try:
        if place.describe is not None:
            return place.describe(obj)
        if place.history_of is not None:
            return _("ประวัติการแก้ไข %(model)s รายการที่ %(id)s เมื่อ %(date)s") % {
                "model": place.history_of._meta.verbose_name,
                "id": obj.id,
                "date": format_date_th(timezone.localdate(obj.history_date)),
            }
    except Exception:  # noqa: BLE001 - a broken related row must not hide the finding
        pass
    return f"{place.model._meta.verbose_name} #{obj.pk}"
