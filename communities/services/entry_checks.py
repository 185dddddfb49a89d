"""Plausibility checks of an activity at entry: participants against the community's
population, and against the district's usual figure for the type (confirmed outliers)."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import selectors
from communities.models import ConfirmedOutlier


def check_population(activity) -> None:
    """Participants never above the community's population, when the population is known."""
    population = activity.community.population
    total = activity.participants_total
    if population and total is not None and total > population:
        raise ValidationError(
            {
                "participants_total": _(
                    "ผู้เข้าร่วม (%(total)s คน) มากกว่าจำนวนประชากรของชุมชน (%(population)s คน)"
                )
                % {"total": total, "population": population}
            }
        )


def check_activity_entry(*, activity, confirmed: bool | None = None, by=None) -> None:
    """Plausibility of a saved activity, called by the activity writers inside their
    transaction (an error rolls the save back):

    - participants never above the community's population (``check_population``);
    - participants more than three times the district's median for that activity type (over
      at least five other activities) are refused unless the user ticked "ยืนยันว่าถูกต้อง"
      (``confirmed``); confirmed ones are listed for the strategy office. Writers that cannot
      ask (``confirmed`` None) skip this warning; imports ask in their preview
      (``communities.io.import_activities_plan``) and pass the row's tick."""
    check_population(activity)
    total = activity.participants_total
    usual = selectors.district_median(
        district_id=activity.district_id,
        activity_type_id=activity.activity_type_id,
        exclude_pk=activity.pk,
    )
    if not selectors.is_outlier(total, usual):
        ConfirmedOutlier.objects.filter(activity=activity).delete()
        return
    if confirmed is None:
        return  # a writer that cannot ask: no warning
    if not confirmed:
        raise outlier_error(total, usual)
    ConfirmedOutlier.objects.update_or_create(
        activity=activity,
        defaults={"participants": total, "district_median": round(usual), "confirmed_by": by},
    )


def outlier_error(total: int, usual: float) -> ValidationError:
    return ValidationError(
        {
            "confirm_outlier": _(
                "ผู้เข้าร่วม %(total)s คน สูงกว่า 3 เท่าของค่ากลางของเขตสำหรับกิจกรรมประเภทนี้ "
                "(%(median)s คน) โปรดตรวจตัวเลขอีกครั้ง หากถูกต้องให้ติ๊ก "
                "“ยืนยันว่าถูกต้อง” แล้วบันทึกอีกครั้ง"
            )
            % {"total": total, "median": round(usual)}
        }
    )


def outliers_confirmed(*, activities_and_medians, by) -> None:
    """Record activities saved in a batch (an import) whose outlier the user confirmed; a
    changed activity confirmed before gets the new figures."""
    ConfirmedOutlier.objects.bulk_create(
        [
            ConfirmedOutlier(
                activity=activity,
                participants=activity.participants_total,
                district_median=round(usual),
                confirmed_by=by,
                confirmed_at=timezone.now(),
            )
            for activity, usual in activities_and_medians
        ],
        update_conflicts=True,
        unique_fields=["activity"],
        update_fields=["participants", "district_median", "confirmed_by", "confirmed_at"],
    )
