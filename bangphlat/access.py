"""Rules for the kernel's own rows (background exports, photos kept from a failed form).

They ask only about the user, so the kernel stays free of domain apps.

One function per question, one condition per line, so the tests cover each branch.
"""


def can_view_export_job(user, job) -> bool:
    """An export holds what its owner could read when they asked: only they see it."""
    if not user.is_authenticated:
        return False
    return job.user_id == user.pk


def can_view_pending_photo(user, uploader_id) -> bool:
    """A photo kept from a form that failed is seen by its uploader only."""
    if not user.is_authenticated:
        return False
    return uploader_id == user.pk


def can_read_stored_file(user, stored) -> bool:
    """Every uploaded or generated file is served only after this answer: the owning app's
    rule for that file (``bangphlat.files.StoredFile``)."""
    if not user.is_authenticated:
        return False
    return stored.can_read(user)
