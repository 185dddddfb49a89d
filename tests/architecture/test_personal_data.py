"""No model holds a person's name or phone where privacy/ cannot find and erase it: every
name-like text field of the project's models is registered (bangphlat/personal_data.py,
from the owning app's ready()) or exempted here with the reason it is not about a person."""

import re

from django.apps import apps
from django.db import models

from bangphlat.personal_data import CATEGORIES, places, registered_fields

NAME_LIKE = re.compile(r"name|phone|contact|interviewee|participant|email|caption")
NOT_PERSONAL = {
    "accounts.User.username": "the login name: renamed or deactivated by an administrator",
    "api.ApiToken.name": "a token's label chosen by its owner",
    "communities.Community.name": "a community's name",
    "communities.ActivityType.name_th": "a type of activity",
    "communities.ActivityType.name_en": "a type of activity",
    "districts.District.name_th": "a district's name",
    "districts.District.name_en": "a district's name",
    "districts.ZoneGroup.name_th": "a zone group's name",
    "districts.ZoneGroup.name_en": "a zone group's name",
    "lessons.Topic.name_th": "a lesson topic",
    "lessons.Topic.name_en": "a lesson topic",
}
PROJECT_APPS = {"accounts", "api", "communities", "dashboard", "districts", "evaluation"} | {
    "handbook", "lessons", "mentoring", "notices", "opendata", "ops", "periods", "privacy",
    "reporting", "training", "bangphlat",
}  # fmt: skip


def name_like_fields() -> set[str]:
    found = set()
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            text = isinstance(field, models.CharField | models.TextField | models.JSONField)
            if text and not field.is_relation and NAME_LIKE.search(field.name):
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_every_name_like_field_is_registered_or_exempted_with_a_reason():
    unaccounted = name_like_fields() - registered_fields() - set(NOT_PERSONAL)
    assert unaccounted == set(), "register these in the app's personal_data.py, or exempt them"


def test_every_exemption_still_names_a_field():
    assert set(NOT_PERSONAL) <= name_like_fields()


def test_every_place_carries_a_known_category():
    assert places() and {place.category for place in places()} <= set(CATEGORIES)
