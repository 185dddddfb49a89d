"""Production settings fail fast and say little: strict environment parsing, required secrets,
database time limits for web processes, one log line per request, a complete env example."""

import os
import re
import secrets
from pathlib import Path

import pytest
from django.db import connection

from tests.bangphlat.test_deploy_check import run_manage

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DJANGO_DEBUG", "Flase"),
        ("DJANGO_SECURE_SSL_REDIRECT", "yes please"),
        ("DJANGO_HSTS_SECONDS", "one year"),
        ("DJANGO_CONN_MAX_AGE", "-5"),
        ("DJANGO_LOG_LEVEL", "LOUD"),
        ("DJANGO_MEDIA_STORAGE", "ftp"),
    ],
)
def test_a_typo_in_a_setting_stops_start_up_naming_the_variable(name, value):
    result = run_manage("check", **(PRODUCTION | {name: value}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and name in result.stderr


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_without_a_secret_key_or_host_names_refuses_to_start(missing):
    result = run_manage("check", **(PRODUCTION | {missing: ""}))
    assert result.returncode != 0
    assert missing in result.stderr and "DJANGO_DEBUG=0" in result.stderr


def test_the_production_configuration_starts_with_valid_values():
    result = run_manage("check", **PRODUCTION)
    assert result.returncode == 0, result.stderr


def settings_variables() -> set[str]:
    source = (ROOT / "bangphlat" / "settings.py").read_text()
    calls = re.findall(r'(?:environ\.get|environ\[|env\w*)\(?\s*"([A-Z][A-Z0-9_]+)"', source)
    calls += re.findall(r'env="([A-Z_]+)"', source)
    return set(calls)


def test_the_environment_example_lists_every_variable_the_settings_read():
    variables = settings_variables()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_MEDIA_ACCEL_REDIRECT"} <= variables
    example = (ROOT / "deploy" / "env.example").read_text()
    listed = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", example, flags=re.M))
    assert variables - listed == set()


def test_each_request_is_logged_once_with_id_user_status_and_duration(
    client, login, staff_bangphlat, caplog
):
    caplog.set_level("INFO", logger="bangphlat.request")
    response = login(staff_bangphlat).get("/healthz", HTTP_X_REQUEST_ID="abc-123")
    assert response["X-Request-ID"] == "abc-123"
    lines = [r.getMessage() for r in caplog.records if r.name == "bangphlat.request"]
    assert len(lines) == 1
    assert re.fullmatch(
        rf"request_id=abc-123 user={staff_bangphlat.pk} method=GET path=/healthz "
        r"status=200 duration_ms=\d+",
        lines[0],
    )


def test_a_forged_request_id_is_not_written_into_the_log(client, caplog):
    caplog.set_level("INFO", logger="bangphlat.request")
    response = client.get("/healthz", HTTP_X_REQUEST_ID="x\nstatus=200 forged")
    assert "\n" not in caplog.records[-1].getMessage()
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db(transaction=True)
def test_web_processes_cancel_statements_that_run_too_long(settings):
    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    from django.db import OperationalError
    from django.db.backends.signals import connection_created

    from bangphlat.db import limit_statement_time, limit_web_processes

    settings.DB_STATEMENT_TIMEOUT = 1
    limit_web_processes()
    try:
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "1s"
            with pytest.raises(OperationalError):
                cursor.execute("SELECT pg_sleep(3)")
    finally:
        connection_created.disconnect(
            limit_statement_time, dispatch_uid="bangphlat-statement-timeout"
        )
        connection.close()


def test_postgresql_connections_give_up_after_a_few_seconds():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])",
        DATABASE_URL="postgres://nobody@127.0.0.1:5432/none",
    )
    assert "'connect_timeout': 5" in result.stdout, result.stderr


def production_value(expression: str, **env) -> str:
    result = run_manage(
        "shell", "-c", f"from django.conf import settings; print({expression})", **PRODUCTION, **env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def example_default(name: str) -> str:
    example = (ROOT / "deploy" / "env.example").read_text()
    return re.search(rf"^#{name}=(.*)$", example, flags=re.M).group(1)


def test_production_keeps_connections_with_a_health_check_as_the_example_says():
    database = "settings.DATABASES['default']"
    age = production_value(f"{database}['CONN_MAX_AGE']")
    assert int(age) >= 60
    assert age == example_default("DJANGO_CONN_MAX_AGE")
    assert production_value(f"{database}['CONN_HEALTH_CHECKS']") == "True"


def test_hsts_preload_is_off_unless_asked_for():
    assert production_value("settings.SECURE_HSTS_PRELOAD") == "False"
    assert example_default("DJANGO_HSTS_PRELOAD") == "0"
    assert production_value("settings.SECURE_HSTS_PRELOAD", DJANGO_HSTS_PRELOAD="1") == "True"


def test_check_deploy_passes_with_and_without_preload():
    for preload in ("0", "1"):
        result = run_manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            **PRODUCTION,
            DJANGO_HSTS_PRELOAD=preload,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_gunicorn_and_the_portal_log_in_one_time_zone(tmp_path):
    """gunicorn's master logs before Django sets TIME_ZONE; its config sets the same zone, and
    both write the offset in one format."""
    import select
    import signal
    import subprocess
    import sys
    import time

    from django.conf import settings

    env = {k: v for k, v in os.environ.items() if k not in ("TZ", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env |= PRODUCTION | {"GUNICORN_BIND": f"unix:{tmp_path}/g.sock", "GUNICORN_WORKERS": "1"}
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py", "bangphlat.wsgi"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = []
    try:
        # The master imports Django before its first line (preload_app): wait for the line.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any("Starting gunicorn" in x for x in lines):
            if select.select([gunicorn.stderr], [], [], 1)[0]:
                lines.append(gunicorn.stderr.readline())
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        lines += gunicorn.communicate(timeout=60)[1].splitlines()
    starting = next(line for line in lines if "Starting gunicorn" in line)
    assert re.match(r"\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0700\]", starting), starting
    assert settings.TIME_ZONE == "Asia/Bangkok"  # the zone deploy/gunicorn.conf.py sets
    assert settings.LOGGING["formatters"]["line"]["datefmt"] == "[%Y-%m-%d %H:%M:%S %z]"
