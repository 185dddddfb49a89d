"""A pilot's course and run with sessions; Bang Phlat (1025, a pilot) hosts, Phra Nakhon
(1001, not a pilot) is invited."""

import datetime as dt
from decimal import Decimal

import pytest

from accounts.models import Role
from districts.models import District
from tests.conftest import make_user
from training import services
from training.models import Course, CourseModule, TrainingModule


@pytest.fixture
def other_pilot(db):
    return District.objects.pilots().exclude(code="1025").order_by("code").first()


@pytest.fixture
def outsider_district(db):
    """Neither the host nor invited: a non-pilot other than Phra Nakhon."""
    return District.objects.non_pilots().exclude(code="1001").order_by("code").first()


@pytest.fixture
def staff_outsider(outsider_district):
    return make_user("staff_out_t", Role.DISTRICT_STAFF, outsider_district)


@pytest.fixture
def staff_other_pilot(other_pilot):
    return make_user("staff_pilot2_t", Role.DISTRICT_STAFF, other_pilot)


@pytest.fixture
def course(bangphlat):
    course = Course.objects.create(title="การพัฒนาชุมชนตามศาสตร์พระราชา", district=bangphlat)
    for order, hours in enumerate([Decimal("6"), Decimal("3")], start=1):
        module = TrainingModule.objects.create(
            order=order,
            title=f"หน่วยที่ {order}",
            objectives="เข้าใจชุมชน",
            audience="เจ้าหน้าที่",
            hours=hours,
            outline="-",
            teaching_district=bangphlat,
        )
        CourseModule.objects.create(course=course, module=module, order=order)
    return course


@pytest.fixture
def run(course, bangphlat, phranakhon, staff_bangphlat):
    return services.course_run_create(
        by=staff_bangphlat,
        course=course,
        host=bangphlat,
        starts_on=dt.date(2025, 8, 4),
        ends_on=dt.date(2025, 8, 8),
        capacity=3,
        venue="สำนักงานเขตบางพลัด",
        target_districts=[phranakhon],
    )


@pytest.fixture
def sessions(run, staff_bangphlat):
    return [
        services.session_add(
            run=run, by=staff_bangphlat, date=dt.date(2025, 8, 4 + i), title=f"วันที่ {i + 1}"
        )
        for i in range(5)
    ]


@pytest.fixture
def leader(run, staff_bangphlat, phranakhon):
    return services.participant_enroll(
        run=run,
        by=staff_bangphlat,
        name="นางสมศรี ใจดี",
        role="ประธานชุมชน",
        district=phranakhon,
        consent=True,
    )
