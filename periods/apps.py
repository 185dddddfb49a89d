from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeriodsConfig(AppConfig):
    name = "periods"
    verbose_name = _("รอบรายงาน")

    def ready(self):
        from bangphlat.thai import fiscal_year_of
        from bangphlat.versions import district_key, mark_on_change
        from periods.models import ReportingDeadline, ReportingMonth
        from periods.selectors import MONTHS_VERSION_KEY

        # A month's state (submitted, checked, returned, approved) is on the district's
        # page and in the dashboard's "approved only" figures; a deadline moves every
        # district's due dates.
        mark_on_change(
            ReportingMonth,
            lambda period: {
                district_key(period.district_id, fiscal_year_of(period.month)),
                MONTHS_VERSION_KEY,
            },
        )
        mark_on_change(ReportingDeadline, lambda deadline: {"epoch"})
