from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models import fields
from django.utils.translation import gettext_lazy as _

LEGACY_THAI_COLLATION = "th-TH-x-icu"


def _register_thai_collation(sender, connection, **kwargs):
    """Give SQLite the same Thai dictionary order PostgreSQL gets from ICU."""
    if connection.vendor != "sqlite":
        return
    from django.conf import settings

    from bangphlat.thai import thai_compare

    connection.connection.create_collation(settings.THAI_COLLATION, thai_compare)
    # The name PostgreSQL's predefined ICU collation has: the models' state in the migrations
    # before bangphlat/0004 orders by it, and a data migration's query must still run.
    connection.connection.create_collation(LEGACY_THAI_COLLATION, thai_compare)


def _register_similarity(sender, connection, **kwargs):
    """pg_trgm's similarity() for SQLite, so search ranks alike on both databases."""
    if connection.vendor != "sqlite":
        return
    from bangphlat.thai import trigram_similarity

    connection.connection.create_function("similarity", 2, trigram_similarity, deterministic=True)


class BangphlatConfig(AppConfig):
    name = "bangphlat"
    verbose_name = "Bang Phlat Model Portal"

    def ready(self):
        connection_created.connect(_register_thai_collation, dispatch_uid="thai_collation")
        connection_created.connect(_register_similarity, dispatch_uid="trigram_similarity")
        # Django's own "- Select an option -" has no Thai translation and would show in the
        # Thai UI; Django documents overriding it here.
        fields.BLANK_CHOICE_LABEL = _("— เลือก —")
        from bangphlat.choices import install_quick_displays

        install_quick_displays()
        from bangphlat.files import pending_photo_file, register_file_owner

        register_file_owner("pending/", pending_photo_file)
