"""The background export communities offer (registered in ``CommunitiesConfig.ready()``)."""

from django.utils.translation import gettext as _

from bangphlat import exports
from communities import selectors
from communities.io.resources import ActivityResource


def activities_export(user, query):
    # As communities/io/exporting.py's immediate export, for the same rows.
    queryset = selectors.activities_for_export(user=user, query=query)
    return exports.resource_exporter(
        ActivityResource(user=user), queryset, filename="activities", sheet_title=_("กิจกรรม")
    )
