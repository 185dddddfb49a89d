"""Writes for training (keyword-only, validated, atomic): a package of a module per subject;
the names below are its public face (``from training import services``).

Every write checks ``training.access`` itself (a view, the API, a command and the admin all
pass here) and raises ``PermissionDenied``. Attendance and scores are exactly once: a
submission key (an offline queue resends it) is stored on the row it created (unique), so the
same key again returns that row instead of writing a second one; without a key the unique
(session, participant) / (participant, kind) row is updated, never duplicated.
"""

from training.services.courses import (
    course_create,
    course_modules_set,
)
from training.services.runs import (
    ATTENDANCE_DENOMINATOR,
    ATTENDANCE_NUMERATOR,
    CHECKIN_CODE_LENGTH,
    CHECKIN_MINUTES,
    CODE_ALPHABET,
    PERSONAL_CODE_LENGTH,
    KeyConflict,
    assessment_record,
    attendance_record,
    certificate_revoke,
    checkin_by_code,
    checkin_close,
    checkin_open,
    course_run_complete,
    course_run_create,
    course_run_transition,
    new_personal_code,
    open_session_for_code,
    participant_enroll,
    participant_withdraw,
    qualifies,
    record_score,
    session_add,
)

__all__ = [
    "ATTENDANCE_DENOMINATOR",
    "ATTENDANCE_NUMERATOR",
    "CHECKIN_CODE_LENGTH",
    "CHECKIN_MINUTES",
    "CODE_ALPHABET",
    "KeyConflict",
    "PERSONAL_CODE_LENGTH",
    "assessment_record",
    "attendance_record",
    "certificate_revoke",
    "checkin_by_code",
    "checkin_close",
    "checkin_open",
    "course_create",
    "course_modules_set",
    "course_run_complete",
    "course_run_create",
    "course_run_transition",
    "new_personal_code",
    "open_session_for_code",
    "participant_enroll",
    "participant_withdraw",
    "qualifies",
    "record_score",
    "session_add",
]
