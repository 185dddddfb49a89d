"""The front matter and the curriculum are written through handbook.services (the views only
call them): the strategy office writes, district staff are refused by the service itself, and
an edit through the page changes the row it opened."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from handbook import services
from handbook.models import FrontMatter
from tests.handbook.test_handbook_requests import module_data
from training.models import TrainingModule

pytestmark = pytest.mark.django_db


def module_fields(district, **overrides):
    fields = {**module_data(teaching_district=district, hours=3), "topics": [], "lessons": []}
    return {**fields, **overrides}


def test_district_staff_are_refused_by_the_services_too(staff_bangphlat, strategy, bangphlat):
    with pytest.raises(PermissionDenied):
        services.front_matter_save(key="foreword", by=staff_bangphlat, title="x", body="x")
    with pytest.raises(PermissionDenied):
        services.curriculum_module_save(by=staff_bangphlat, **module_fields(bangphlat))
    module = services.curriculum_module_save(by=strategy, **module_fields(bangphlat))
    with pytest.raises(PermissionDenied):
        services.curriculum_module_delete(module=module, by=staff_bangphlat)
    assert not FrontMatter.objects.exists()
    assert TrainingModule.objects.filter(pk=module.pk).exists()


def test_a_section_saved_twice_stays_one_row_with_its_writer(strategy):
    services.front_matter_save(key="foreword", by=strategy, title="คำนำ", body="ฉบับแรก")
    services.front_matter_save(key="foreword", by=strategy, title="คำนำ", body="ฉบับสอง")
    item = FrontMatter.objects.get()
    assert (item.body, item.updated_by) == ("ฉบับสอง", strategy)


def test_editing_a_module_on_its_page_changes_that_module(login, strategy, bangphlat):
    module = services.curriculum_module_save(by=strategy, **module_fields(bangphlat))
    response = login(strategy).post(
        reverse("handbook:module_edit", args=[module.pk]),
        module_data(teaching_district=bangphlat.pk, title="แผนที่ชุมชนฉบับปรับปรุง"),
    )
    assert response.status_code == 302
    assert list(TrainingModule.objects.values_list("pk", "title")) == [
        (module.pk, "แผนที่ชุมชนฉบับปรับปรุง")
    ]


def test_the_strategy_office_deletes_a_module_on_its_page(login, strategy, bangphlat):
    module = services.curriculum_module_save(by=strategy, **module_fields(bangphlat))
    response = login(strategy).post(reverse("handbook:module_delete", args=[module.pk]))
    assert response.status_code == 302
    assert not TrainingModule.objects.exists()
