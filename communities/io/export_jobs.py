"""The background export communities offer (registered in ``CommunitiesConfig.ready()``)."""

from django.http import QueryDict
from django.utils.translation import gettext as _

from bangphlat import exports
from communities import selectors
from communities.io.exporting import export_filename
from communities.io.resources import ActivityResource


def activities_export(user, query):
    # As communities/io/exporting.py's immediate export, for the same rows and file name.
    queryset = selectors.activities_for_export(user=user, query=query)
    district = QueryDict(query).get("district") or ""
    return exports.resource_exporter(
        ActivityResource(user=user),
        queryset,
        filename=export_filename("activities", {"district": district}),
        sheet_title=_("กิจกรรม"),
    )
