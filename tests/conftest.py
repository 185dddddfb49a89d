"""Shared fixtures: one named user per role, so every view test covers allowed, read-only,
outsider and anonymous (Zulip's example users).

- ``portal_admin``      administrator (superuser)
- ``strategy``          the strategy office (reads everything)
- ``staff_bangphlat``   district staff of Bang Phlat (1025, the original pilot)
- ``staff_mentee``      district staff of Phra Nakhon (1001), a non-pilot district
- ``client`` (pytest-django) is the anonymous visitor.
"""

import re

import pytest

from accounts.models import Role, User
from districts.models import District

PASSWORD = "test-pass-1234"
# A CSRF token is new in each response: masked to compare a kept page with its first render.
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()  # local-memory caches outlive a test: start each one empty
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.AXES_ENABLED = True
    settings.LANGUAGE_CODE = "th"


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (browser tests, real concurrency) run in a flushed database: put the
    districts and other reference data back before each one."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        from bangphlat.reference import ensure_reference_data

        ensure_reference_data()


@pytest.fixture
def bangphlat(db):
    return District.objects.get(code="1025")


@pytest.fixture
def phranakhon(db):
    return District.objects.get(code="1001")


def make_user(username, role, district=None, **extra):
    user = User(username=username, role=role, district=district, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def portal_admin(db):
    return make_user("admin_t", Role.ADMIN, is_superuser=True, is_staff=True)


@pytest.fixture
def strategy(db):
    return make_user("strategy_t", Role.STRATEGY)


@pytest.fixture
def staff_bangphlat(bangphlat):
    return make_user("staff1025_t", Role.DISTRICT_STAFF, bangphlat)


@pytest.fixture
def staff_mentee(phranakhon):
    return make_user("staff1001_t", Role.DISTRICT_STAFF, phranakhon)


@pytest.fixture
def login(client):
    """``login(user)`` → a client logged in as that user (axes needs a request)."""

    def _login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


@pytest.fixture
def frozen(monkeypatch):
    """``frozen(datetime)`` stops the clock there (Bangkok time), for every timezone.now()."""
    import datetime as dt
    import zoneinfo

    from django.utils import timezone

    def _freeze(moment: dt.datetime):
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=zoneinfo.ZoneInfo("Asia/Bangkok"))
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return _freeze


@pytest.fixture
def latest_migrations_after():
    """For a test that migrates the database back: afterwards every app is migrated forward
    to its latest migration again. Migrating lessons back also unapplies every later app's
    migrations that depend on it (training, handbook, privacy…), and the tests that run next
    in the same process need those tables."""
    yield
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` a writer's transaction commits (the data versions change after
    it), as in production; a test's own transaction would never run the callbacks."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
