from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandbookConfig(AppConfig):
    name = "handbook"
    verbose_name = _("คู่มือ")

    def ready(self):
        from bangphlat.files import register_file_owner
        from handbook.files import edition_file

        register_file_owner("handbooks/", edition_file)
