"""Training (layer 10): the curriculum, courses, their runs, attendance, tests, certificates.

The 7 pilot districts train the other 43 (วิทยากรต้นแบบ). A ``Course`` (หลักสูตร) is an ordered
set of curriculum modules (``TrainingModule``, moved here from the handbook, which prints them)
with a pass mark and a short pre/post multiple-choice test. A ``CourseRun`` (รุ่น) is one
holding of a course by a pilot district for its invited districts; its people are
``Participant`` rows — portal users or people without an account (community leaders, with
consent recorded). Attendance per ``RunSession`` and the two ``Assessment`` scores decide who
gets a ``Certificate``, checked by anyone through its unguessable public code.

Trainers stay in ``mentoring.Trainer`` (the trainer pool, a lower layer). Every rule below is
in ``clean()`` and, where a row alone can tell, also a database ``CheckConstraint``. Writes go
through ``training.services``; reads through ``training.selectors``; who may do what is in
``training.access``.
"""

from training.models.courses import (
    SCORE_VALIDATORS,
    Choice,
    Course,
    CourseModule,
    Question,
    TrainingModule,
)
from training.models.runs import (
    RUN_TRANSITIONS,
    Assessment,
    AssessmentKind,
    Attendance,
    AttendanceSource,
    Certificate,
    CourseRun,
    CourseRunQuerySet,
    Participant,
    ParticipantKind,
    ParticipantStatus,
    RunSession,
    RunStatus,
    certificate_code,
)

__all__ = [
    "RUN_TRANSITIONS",
    "SCORE_VALIDATORS",
    "Assessment",
    "AssessmentKind",
    "Attendance",
    "AttendanceSource",
    "Certificate",
    "Choice",
    "Course",
    "CourseModule",
    "CourseRun",
    "CourseRunQuerySet",
    "Participant",
    "ParticipantKind",
    "ParticipantStatus",
    "Question",
    "RunSession",
    "RunStatus",
    "TrainingModule",
    "certificate_code",
]
