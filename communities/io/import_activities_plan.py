"""Planning and applying an activity import (see communities.io.import_plan): each row's
community is found by รหัสชุมชน, else its name, else (older files) its number; an activity is
the same when its community, date and title are; new activities are saved in one batch."""

import copy

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from bangphlat.thai import clean_text
from communities import services
from communities.io.import_plan import (
    EXAMPLE_ACTIVITY_TITLE,
    Lookups,
    PlannedRow,
    RowStatus,
    add_validation_error,
    blank,
    display,
    not_allowed,
    read_cells,
    validate_candidate,
    written_values,
)
from communities.io.resources import (
    ACTIVITY_COLUMNS,
    ChoiceLabelWidget,
    PrinciplesWidget,
    ThaiDateWidget,
    ThaiDecimalWidget,
    ThaiIntegerWidget,
)
from communities.models import ACTIVITY_STEPS, Activity, ActivityType, FundingSource
from communities.selectors import is_outlier, median_without, participants_by_district_and_type
from communities.services.entry_checks import check_population
from periods.selectors import locked_months, month_start
from periods.services import locked_month_error

ACTIVITY_PARSERS = {
    "date": ThaiDateWidget(required=True),
    "model_step": ChoiceLabelWidget([(s.value, s.label) for s in ACTIVITY_STEPS]),
    "principles": PrinciplesWidget(),
    "participants_total": ThaiIntegerWidget(),
    "participants_women": ThaiIntegerWidget(),
    "participants_elderly": ThaiIntegerWidget(),
    "participants_disabled": ThaiIntegerWidget(),
    "participants_youth": ThaiIntegerWidget(),
    "participants_welfare_card": ThaiIntegerWidget(),
    "budget": ThaiDecimalWidget(),
    "funding_source": ChoiceLabelWidget(FundingSource.choices, default="none"),
}
ACTIVITY_WRITABLE = ["title", "outcome", "activity_type", *ACTIVITY_PARSERS]
ACTIVITY_DEFAULTS = {
    "participants_women": 0,
    "participants_elderly": 0,
    "participants_disabled": 0,
    "participants_youth": 0,
    "participants_welfare_card": 0,
    "principles": [],
    "funding_source": FundingSource.NONE,
}


def _activity_types():
    types = list(ActivityType.objects.all())
    lookup = {}
    for activity_type in types:
        lookup[clean_text(activity_type.name_th)] = activity_type
        lookup[clean_text(activity_type.name_en).lower()] = activity_type
    names = ", ".join(t.name_th for t in types if t.is_active)
    return lookup, names


def _parse_activity(cells, plan, types, type_names) -> dict:
    values = {}
    for key in ACTIVITY_WRITABLE:
        raw = cells.get(key)
        if blank(raw) and key != "principles":
            continue
        if key == "principles" and key not in cells:
            continue
        try:
            if key == "title":
                values[key] = clean_text(raw)
            elif key == "outcome":
                values[key] = clean_text(raw, multiline=True)
            elif key == "activity_type":
                text = clean_text(raw)
                match = types.get(text) or types.get(text.lower())
                if match is None:
                    raise ValueError(
                        _("ไม่รู้จักประเภทกิจกรรม “%(value)s” (เลือกจาก: %(names)s)")
                        % {"value": text, "names": type_names}
                    )
                values[key] = match
            else:
                values[key] = ACTIVITY_PARSERS[key].clean(raw)
        except ValueError as exc:
            plan.problems.append((ACTIVITY_COLUMNS[key], str(exc)))
    return values


def plan_activities(
    mapped, body, *, user, default_district=None, validate=True
) -> list[PlannedRow]:
    """Without ``validate`` (applying after a preview) the model's rules are left to the
    services, which check each row again anyway."""
    if not {"community_code", "community_name", "community_number"} & set(mapped):
        from communities.io.reading import ImportFileError

        raise ImportFileError(
            _("ไม่พบคอลัมน์ที่ระบุชุมชน: %(columns)s (อย่างน้อยหนึ่งคอลัมน์)")
            % {
                "columns": ", ".join(
                    [ACTIVITY_COLUMNS["community_code"], ACTIVITY_COLUMNS["community_name"]]
                )
            }
        )
    lookups = Lookups([read_cells(mapped, row) for _n, row in body], default_district)
    types, type_names = _activity_types()
    community_ids = [c.pk for c in lookups.communities if not c.is_deleted]
    existing = {}
    for activity in (
        Activity.objects.alive()
        .filter(community_id__in=community_ids)
        .select_related("activity_type")
    ):
        existing.setdefault(
            (activity.community_id, activity.date, clean_text(activity.title)), activity
        )
    plans, seen = [], {}
    for number, row in body:
        cells = read_cells(mapped, row)
        plan = PlannedRow(number=number, label=clean_text(cells.get("title")))
        plan.values = {ACTIVITY_COLUMNS.get(k, k): v for k, v in cells.items()}
        plans.append(plan)
        _plan_activity(
            plan,
            cells,
            lookups,
            types,
            type_names,
            existing,
            user=user,
            default_district=default_district,
            validate=validate,
        )
        if plan.key is not None and not plan.problems:
            if plan.key in seen:
                plan.problems.append(
                    (_("ทั้งแถว"), _("ซ้ำกับแถวที่ %(row)s ในไฟล์เดียวกัน") % {"row": seen[plan.key]})
                )
            else:
                seen[plan.key] = number
        if plan.problems:
            plan.status = RowStatus.ERROR
    # Approved months are locked (reporting): shown in the preview, refused again on apply.
    locked = locked_months({plan.district.pk for plan in plans if plan.district is not None})
    for plan in plans:
        if plan.status in (RowStatus.NEW, RowStatus.UPDATE) and (
            (plan.district.pk, month_start(plan.key[1])) in locked
        ):
            plan.problems.append(
                (ACTIVITY_COLUMNS["date"], " ".join(locked_month_error(plan.key[1]).messages))
            )
            plan.status = RowStatus.ERROR
    _flag_outliers(plans)
    return plans


def _flag_outliers(plans) -> None:
    """Rows whose participants are far above the district's usual for the type (the same
    check as the form's, against the activities saved before the file): warned in the
    preview, imported only when ticked. Rows that change neither the number nor the type
    are not asked again. One query for the file."""
    rows = [
        plan
        for plan in plans
        if plan.status == RowStatus.NEW
        or (
            plan.status == RowStatus.UPDATE
            and {"participants_total", "activity_type"} & set(plan.fields)
        )
    ]
    if not rows:
        return
    usual_figures = participants_by_district_and_type({plan.district.pk for plan in rows})
    for plan in rows:
        current = plan.target
        activity_type = plan.fields.get("activity_type") or current.activity_type
        total = plan.fields.get("participants_total", current and current.participants_total)
        left_out = None
        if current is not None and current.activity_type_id == activity_type.pk:
            left_out = current.participants_total  # compared with the others, not itself
        usual = median_without(
            usual_figures.get((plan.district.pk, activity_type.pk), []), left_out
        )
        if is_outlier(total, usual):
            plan.outlier = (total, usual)


def _plan_activity(
    plan, cells, lookups, types, type_names, existing, *, user, default_district, validate
):
    try:
        district = lookups.district(cells, default_district)
        community, _found_by = lookups.community(cells, district)
    except ValueError as exc:
        plan.problems.append((pgettext("singular", "ชุมชน"), str(exc)))
        return
    if community is None:
        named = clean_text(
            cells.get("community_code")
            or cells.get("community_name")
            or cells.get("community_number")
        )
        plan.problems.append(
            (
                pgettext("singular", "ชุมชน"),
                _("ไม่พบชุมชน “%(name)s” ในเขต %(code)s") % {"name": named, "code": district.code},
            )
        )
        return
    plan.district = district
    values = _parse_activity(cells, plan, types, type_names)
    if values.get("title") == EXAMPLE_ACTIVITY_TITLE:
        plan.problems.append((ACTIVITY_COLUMNS["title"], _("แถวตัวอย่างจากแม่แบบ: ลบออกก่อนนำเข้า")))
        return
    for key in ("title", "date"):
        if key not in values and not any(c == ACTIVITY_COLUMNS[key] for c, _m in plan.problems):
            plan.problems.append((ACTIVITY_COLUMNS[key], _("ต้องกรอก")))
    if plan.problems:
        return
    plan.key = (community.pk, values["date"], values["title"])
    activity = existing.get(plan.key)
    plan.target = activity
    plan.label = f"{values['title']} · {community.name}"
    if activity is None:
        for key in ("activity_type", "model_step", "participants_total"):
            if key not in values:
                plan.problems.append((ACTIVITY_COLUMNS[key], _("ต้องกรอก")))
        if plan.problems:
            return
        plan.status = RowStatus.NEW
        plan.fields = {"community": community, **ACTIVITY_DEFAULTS, **values}
        plan.written = written_values(Activity, ACTIVITY_COLUMNS, values)
    else:
        changed = {}
        for key, value in values.items():
            if key in ("title", "date"):
                continue
            current = getattr(activity, key)
            if value != current:
                changed[key] = value
                plan.changes.append(
                    (
                        ACTIVITY_COLUMNS[key],
                        display(Activity, key, current),
                        display(Activity, key, value),
                    )
                )
        plan.fields = changed
        plan.status = RowStatus.UPDATE if changed else RowStatus.SKIP
    if plan.status != RowStatus.SKIP and validate:  # (applying: the services check every row)
        if activity is None:
            candidate = Activity(district_id=community.district_id, **plan.fields)
        else:
            candidate = copy.copy(activity)
            for key, value in plan.fields.items():
                setattr(candidate, key, value)
        validate_candidate(plan, "activities", candidate, only=plan.fields)
        try:
            check_population(candidate)  # as the form: a row error, not a warning
        except ValidationError as error:
            add_validation_error(plan, "activities", error)
    if plan.problems:
        return
    not_allowed(plan, user, district, ACTIVITY_COLUMNS["district"])


def apply_activities(plans, *, user, apply_renames: bool = False) -> None:
    """New activities in one batch (services.activity_create_many), changed ones in another
    (services.activity_update_many): the same checks as the form for every row, a few
    queries for the whole file."""
    new = [plan for plan in plans if plan.status == RowStatus.NEW]
    changed = [plan for plan in plans if plan.status == RowStatus.UPDATE]
    for batch, write in (
        (new, lambda: services.activity_create_many(by=user, rows=[p.fields for p in new])),
        (
            changed,
            lambda: services.activity_update_many(
                by=user, changes=[(p.target, p.fields) for p in changed]
            ),
        ),
    ):
        if not batch:
            continue
        try:
            saved = write()
        except services.RowError as error:
            add_validation_error(batch[error.index], "activities", error)
            batch[error.index].status = RowStatus.ERROR
            return
        except services.StaleEdit:
            for plan in batch:  # someone saved one of them since the file was read
                plan.problems.append((_("ทั้งแถว"), _("ข้อมูลถูกแก้ไขระหว่างนำเข้า กรุณาตรวจสอบอีกครั้ง")))
                plan.status = RowStatus.ERROR
            return
        except PermissionDenied:
            for plan in batch:
                plan.problems.append((_("ทั้งแถว"), _("คุณไม่มีสิทธิ์แก้ไขข้อมูลของเขตนี้")))
                plan.status = RowStatus.ERROR
            return
        for plan, activity in zip(batch, saved, strict=True):
            plan.target = activity
