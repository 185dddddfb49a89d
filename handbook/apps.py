from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandbookConfig(AppConfig):
    name = "handbook"
    verbose_name = _("คู่มือ")

    def ready(self):
        from bangphlat.files import register_file_owner
        from handbook import personal_data
        from handbook.files import edition_file
        from lessons.signals import consent_withdrawn

        register_file_owner("handbooks/", edition_file)
        personal_data.register()
        consent_withdrawn.connect(_forget_withdrawn_names, dispatch_uid="handbook-consent")


def _forget_withdrawn_names(sender, revisions, **kwargs):
    """A withdrawn consent reaches the books already printed (handbook/services.py)."""
    from handbook.services import forget_withdrawn_names

    forget_withdrawn_names(revisions=revisions)
