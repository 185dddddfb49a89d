"""The OpenAPI 3 schema is valid and the documentation page loads its vendored files."""

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["openapi"].startswith("3.")
    for path in ["/api/v1/communities/", "/api/v1/activities/", "/api/v1/lessons/{id}/"]:
        assert path in schema["paths"], path


def test_the_schema_describes_endpoints_in_thai_and_english(client):
    schema = client.get("/api/v1/openapi.json").json()
    summary = schema["paths"]["/api/v1/communities/"]["get"]["summary"]
    assert "ชุมชน" in summary
    assert "Communities" in summary


def test_the_docs_page_uses_vendored_swagger_ui_and_no_inline_script(client):
    html = client.get("/api/v1/docs/").content.decode()
    assert "vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "<script>" not in html
    assert "http" not in html.split("swagger-ui")[0].split("<script")[-1]


def test_the_schema_declares_the_personal_token(client):
    schemes = client.get("/api/v1/openapi.json").json()["components"]["securitySchemes"]
    assert schemes["personalToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["personalToken"]["description"],
    }
