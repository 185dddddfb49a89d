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
