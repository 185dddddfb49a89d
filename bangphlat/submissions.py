"""Exactly-once create forms: a one-time submission key per form, claimed in the database.

Every create form carries a hidden random key (``{% submission_key %}`` from
``bangphlat/templatetags/submissions.py``); its view is decorated with ``@submit_once``. The
first POST with a key inserts ``Submission(key)`` in the same transaction as the view's
writes, so:

- a repeat after the first finished (a double click, a retry after a timeout, the back
  button) finds the key and is sent where the first one went (what it created), with a note;
- a repeat that arrives while the first is still saving waits on the key's unique index
  (PostgreSQL) or the write lock (SQLite) until the first commits, then does the same;
- a POST that saved nothing (the form had errors) rolls the key back with everything else,
  so the corrected form can be sent with it.

A view tells success from failure by its answer: a redirect is success, anything else
(a form shown again) is not; a view that redirects on failure marks the response with
``not_done(response)``.
"""

import datetime as dt
import re
import secrets
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from bangphlat.models import Submission

FIELD = "submission_key"
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def new_key() -> str:
    return secrets.token_urlsafe(24)


def not_done(response):
    """Mark a redirect that saved nothing: the key is released for another try."""
    response.submission_not_done = True
    return response


def _claim(key, user) -> Submission | None:
    """The new claim, or None when the key was claimed before (waits for a claim in flight)."""
    try:
        with transaction.atomic():
            return Submission.objects.create(key=key, user=user)
    except IntegrityError:
        return None


def _repeat(request, key):
    done = Submission.objects.filter(key=key, user=request.user).first()
    if done is not None and done.result_url:
        messages.info(request, _("รายการนี้บันทึกไว้แล้ว ระบบไม่บันทึกซ้ำ"))
        return redirect(done.result_url)
    messages.warning(request, _("ส่งแบบฟอร์มนี้ซ้ำไม่ได้ กรุณากรอกแบบฟอร์มใหม่อีกครั้ง"))
    return redirect(request.get_full_path())


def submit_once(view=None, *, key=None):
    """Apply a POST at most once per submission key. ``key(request, **view_kwargs)`` names the
    key instead of the form's hidden field (an import's upload token: once per file)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if key is not None:
                name = key(request, **kwargs)
            else:
                name = request.POST.get(FIELD, "")
                name = name if KEY_PATTERN.fullmatch(name) else ""
            if request.method != "POST" or not name or not request.user.is_authenticated:
                return view(request, *args, **kwargs)
            with transaction.atomic():
                claim = _claim(name, request.user)
                if claim is None:
                    return _repeat(request, name)
                response = view(request, *args, **kwargs)
                if response.status_code in (301, 302, 303) and not getattr(
                    response, "submission_not_done", False
                ):
                    claim.result_url = response["Location"][:500]
                    claim.save(update_fields=["result_url"])
                else:  # nothing was saved: neither is the key
                    transaction.set_rollback(True)
            return response

        return wrapper

    return decorate(view) if view is not None else decorate


def purge_older_than(days: int = 30) -> int:
    """Forget keys older than ``days``: no browser retries a form after that long."""
    cutoff = timezone.now() - dt.timedelta(days=days)
    deleted, _by_model = Submission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
