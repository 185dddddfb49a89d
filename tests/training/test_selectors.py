"""training.selectors with known numbers: paired gain and its 95 % t-interval, masked
participant rows, visible runs and coverage per district, in a fixed number of queries."""

import datetime as dt
import math
from decimal import Decimal

import pytest

from districts.models import District
from mentoring.models import Trainer
from training import selectors, services
from training.models import Certificate, RunStatus

pytestmark = pytest.mark.django_db


def test_the_gain_of_three_pairs_has_the_textbook_interval():
    gain = selectors.mean_gain([10, 20, 30])
    half = 4.303 * 10 / math.sqrt(3)  # t(0.975, 2) × sd / √n
    assert gain.enough
    assert (gain.pairs, gain.mean) == (3, 20.0)
    assert gain.low == pytest.approx(20 - half) == pytest.approx(-4.843, abs=1e-3)
    assert gain.high == pytest.approx(20 + half)


def test_under_two_pairs_the_gain_is_too_few_to_tell():
    for values in ([], [12]):
        gain = selectors.mean_gain(values)
        assert (gain.enough, gain.mean, gain.low, gain.high) == (False, None, None, None)
        assert gain.pairs == len(values)


def test_identical_gains_have_a_zero_width_interval():
    gain = selectors.mean_gain([Decimal("5.5"), Decimal("5.5")])
    assert (gain.mean, gain.low, gain.high) == (5.5, 5.5, 5.5)


@pytest.mark.parametrize(
    ("df", "t"),
    [(1, 12.706), (10, 2.228), (30, 2.042), (35, 2.042), (60, 2.0), (119, 2.0), (121, 1.96)],
)
def test_t_critical_values(df, t):
    assert selectors.t_critical_95(df) == t


def test_t_needs_one_degree_of_freedom():
    with pytest.raises(ValueError):
        selectors.t_critical_95(0)


def test_the_run_gain_pairs_post_and_pre_of_the_same_person(
    run, staff_bangphlat, phranakhon, leader
):
    others = [
        services.participant_enroll(run=run, by=staff_bangphlat, name=f"ค{i}", district=phranakhon, consent=True)
        for i in range(2)
    ]  # fmt: skip
    for person, pre, post in [(leader, 40, 70), (others[0], 50, 60), (others[1], 30, None)]:
        services.assessment_record(participant=person, kind="pre", score=pre, by=staff_bangphlat)
        if post is not None:
            services.assessment_record(
                participant=person, kind="post", score=post, by=staff_bangphlat
            )
    assert selectors.participant_gains(run=run) == {
        leader.pk: Decimal(30),
        others[0].pk: Decimal(10),
    }
    gain = selectors.run_gain(run=run)
    assert (gain.pairs, gain.mean) == (2, 20.0)
    # sd of (30, 10) = 14.142…; t(1) = 12.706 → half-width 127.06
    assert gain.high - gain.mean == pytest.approx(12.706 * math.sqrt(200) / math.sqrt(2))


def test_participant_rows_name_only_whom_the_user_may_see(
    run, leader, strategy, staff_mentee, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):  # the run's targets are not needed; one list query
        rows = selectors.participant_rows(user=strategy, run=run)
    assert [(r.name, r.shown) for r in rows] == [(None, False)]
    (row,) = selectors.participant_rows(user=staff_mentee, run=run)
    assert (row.name, row.participant.pk) == ("นางสมศรี ใจดี", leader.pk)


def test_run_list_counts_enrolled_and_waitlisted(
    run, staff_bangphlat, phranakhon, staff_mentee, staff_outsider
):
    for i in range(4):
        services.participant_enroll(
            run=run, by=staff_bangphlat, name=f"ค{i}", district=phranakhon, consent=True
        )
    (row,) = selectors.run_list(user=staff_mentee)
    assert (row.enrolled, row.waitlisted) == (3, 1)
    assert list(selectors.run_list(user=staff_outsider)) == []
    assert list(selectors.run_list(user=staff_mentee, filters={"status": "open"})) == []
    assert list(selectors.run_list(user=staff_mentee, filters={"host": "1001"})) == []


def _certify(run, sessions, people, by):
    for person in people:
        for session in sessions:
            services.attendance_record(session=session, participant=person, present=True, by=by)
        services.assessment_record(participant=person, kind="post", score=90, by=by)
    return services.course_run_complete(run=run, by=by)


def test_coverage_counts_trained_people_runs_and_trainer_hours(
    run,
    sessions,
    staff_bangphlat,
    staff_mentee,
    leader,
    bangphlat,
    phranakhon,
    course,
    django_assert_max_num_queries,
):
    trainer = Trainer.objects.create(name="วิทยากร ก", district=bangphlat, position="-", topics="-")
    run.trainers.set([trainer])
    cancelled = services.course_run_create(
        by=staff_bangphlat,
        course=course,
        host=bangphlat,
        starts_on=run.starts_on,
        ends_on=run.ends_on,
        capacity=5,
        venue="ห้อง",
        trainers=[trainer],
    )
    services.course_run_transition(run=cancelled, to=RunStatus.CANCELLED, by=staff_bangphlat)
    staff = services.participant_enroll(run=run, by=staff_bangphlat, user=staff_mentee)
    revoked = services.participant_enroll(
        run=run, by=staff_bangphlat, name="เพิกถอน", district=phranakhon, consent=True
    )
    _certify(run, sessions, [leader, staff, revoked], staff_bangphlat)
    services.certificate_revoke(
        certificate=Certificate.objects.get(participant=revoked), by=staff_bangphlat, reason="ผิด"
    )
    districts = District.objects.filter(code__in=["1001", "1025", "1046"]).order_by("code")
    with django_assert_max_num_queries(5):
        rows = {row["district"].code: row for row in selectors.coverage(districts=districts)}
    assert (rows["1001"]["staff_trained"], rows["1001"]["leaders_trained"]) == (1, 1)
    assert rows["1001"]["nobody_trained"] is False
    assert rows["1025"]["runs_hosted"] == 1  # the cancelled run does not count
    assert rows["1025"]["trainer_hours"] == Decimal("9")  # 6 + 3 hours of one run taught
    assert rows["1025"]["nobody_trained"] is True
    assert [d.code for d in selectors.untrained_districts(rows=list(rows.values()))] == [
        "1025",
        "1046",
    ]


def test_coverage_of_every_district_is_bounded(django_assert_max_num_queries, db):
    with django_assert_max_num_queries(5):
        rows = selectors.coverage()
    assert len(rows) == 50
    assert all(row["nobody_trained"] for row in rows)


def test_course_list_prefetches_modules_in_order(course, django_assert_num_queries):
    with django_assert_num_queries(2):
        (listed,) = selectors.course_list()
        titles = [cm.module.title for cm in listed.course_modules.all()]
    assert titles == ["หน่วยที่ 1", "หน่วยที่ 2"]


def test_a_late_session_date_is_kept_in_order(run, staff_bangphlat):
    late = services.session_add(run=run, by=staff_bangphlat, date=dt.date(2025, 8, 8), title="ท้าย")
    early = services.session_add(run=run, by=staff_bangphlat, date=dt.date(2025, 8, 4), title="ต้น")
    assert list(run.sessions.all()) == [early, late]


def test_the_handbook_lists_courses_with_the_runs_held(
    run, sessions, leader, staff_bangphlat, course, django_assert_num_queries
):
    _certify(run, sessions, [leader], staff_bangphlat)
    with django_assert_num_queries(3):
        (listed,) = selectors.courses_with_runs()
        (held,) = listed.held_runs
        modules = [cm.module.title for cm in listed.course_modules.all()]
    assert (held.pk, held.host.code, held.enrolled, held.certified) == (run.pk, "1025", 1, 1)
    assert modules == ["หน่วยที่ 1", "หน่วยที่ 2"]
