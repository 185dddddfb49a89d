"""The first administrator: ``createsuperuser`` on a fresh database gives a portal
administrator who needs no district, asked at the terminal or from DJANGO_SUPERUSER_*."""

import io

import pytest
from django.core.management import call_command

from accounts.models import Role, User

pytestmark = pytest.mark.django_db
PASSWORD = "first-admin-Bangphlat-2568"


class TerminalInput(io.StringIO):
    """Stands in for a person at a terminal (createsuperuser only prompts on a TTY)."""

    def isatty(self):
        return True


def log_in_and_open_the_user_admin(client, username):
    client.post(
        "/accounts/login/", {"username": username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    return client.get("/admin/accounts/user/")


def test_createsuperuser_without_prompts_reads_the_environment(monkeypatch, client):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "admin")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "admin@bangkok.go.th")
    out = io.StringIO()

    call_command("createsuperuser", interactive=False, stdout=out)

    admin = User.objects.get(username="admin")
    assert "Superuser created successfully" in out.getvalue()
    assert (admin.role, admin.district, admin.email) == (Role.ADMIN, None, "admin@bangkok.go.th")
    assert admin.is_superuser and admin.is_staff and admin.is_portal_admin
    assert log_in_and_open_the_user_admin(client, "admin").status_code == 200


def test_createsuperuser_at_the_terminal_asks_and_creates_an_administrator(monkeypatch, client):
    answers = iter(["admin2", "admin2@bangkok.go.th"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr(
        "django.contrib.auth.management.commands.createsuperuser.getpass.getpass",
        lambda prompt="": PASSWORD,
    )

    call_command("createsuperuser", interactive=True, stdin=TerminalInput(), stdout=io.StringIO())

    admin = User.objects.get(username="admin2")
    assert (admin.role, admin.district) == (Role.ADMIN, None)
    assert admin.check_password(PASSWORD)
    assert log_in_and_open_the_user_admin(client, "admin2").status_code == 200


def test_an_ordinary_new_user_is_still_district_staff_by_default(bangphlat):
    user = User.objects.create_user("staff", password=PASSWORD, district=bangphlat)
    assert user.role == Role.DISTRICT_STAFF and not user.is_superuser
