from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = pgettext_lazy("plural", "ชุมชน")
