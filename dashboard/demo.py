"""Demo targets for the current fiscal year: the pilots aim higher than the others."""

from bangphlat.versions import bump as bump_version
from dashboard.models import DistrictTarget
from dashboard.selectors import current_fiscal_year
from districts.models import District


def seed(*, scale, rng, stdout) -> str:
    fy = current_fiscal_year()
    created = 0
    for district in District.objects.all():
        _target, was_created = DistrictTarget.objects.get_or_create(
            district=district,
            fiscal_year=fy,
            defaults={
                "communities_engaged": rng.randint(10, 30)
                if district.is_pilot
                else rng.randint(2, 8),
                "activities": rng.randint(40, 120) if district.is_pilot else rng.randint(5, 30),
                "lessons_approved": 3 if district.is_pilot else 1,
            },
        )
        created += was_created
    bump_version()  # the seeders' bulk inserts send no signals
    return f"{created} targets for FY {fy}"
