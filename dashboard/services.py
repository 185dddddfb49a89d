"""Writes for the dashboard: the strategy office's yearly targets."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from dashboard.access import can_set_targets
from dashboard.models import DistrictTarget


@transaction.atomic
def targets_save(*, fiscal_year: int, targets: dict, by) -> list[DistrictTarget]:
    """Save every district's targets for a fiscal year, all or none: ``targets`` maps a
    district to ``{"communities_engaged": …, "activities": …, "lessons_approved": …}``."""
    if not can_set_targets(by):
        raise PermissionDenied
    existing = {t.district_id: t for t in DistrictTarget.objects.filter(fiscal_year=fiscal_year)}
    saved = []
    for district, values in targets.items():
        target = existing.get(district.pk) or DistrictTarget(
            district=district, fiscal_year=fiscal_year
        )
        for name, value in values.items():
            setattr(target, name, value)
        target.full_clean()
        target.save()
        saved.append(target)
    return saved
