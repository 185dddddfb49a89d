"""Tells drf-spectacular how the personal tokens authenticate (shown in the schema and the
documentation page's "Authorize" dialog)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "โทเคนส่วนตัวจาก /accounts/tokens/ / a personal token from "
            "/accounts/tokens/ (Authorization: Bearer bp_…)",
        }


def activity_step_choices():
    """The steps an activity may support (a subset of the community's model steps): one enum
    name in the schema (settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"])."""
    from communities.models import ACTIVITY_STEPS

    return [(step.value, step.label) for step in ACTIVITY_STEPS]
