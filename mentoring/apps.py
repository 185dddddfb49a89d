from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = _("พี่เลี้ยงและการขยายผล")

    def ready(self):
        from mentoring import personal_data

        personal_data.register()
        from bangphlat.versions import district_key, mark_on_change
        from mentoring.models import StageChange

        # Decided stage changes and proposals are on the district's page.
        mark_on_change(StageChange, lambda change: {district_key(change.district_id)})
