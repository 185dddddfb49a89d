"""The lock-out behind nginx: the client's address comes from the proxy's X-Forwarded-For,
and failures are counted per person at an address, per account and per address, each with
its own limit (accounts/lockout.py)."""

import pytest
from django.test import RequestFactory

from accounts.models import Role
from bangphlat.client_ip import client_ip
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
LOCKED = "บัญชีถูกล็อกชั่วคราว"


def limits(settings):
    return {tuple(parameters): limit for parameters, limit in settings.LOGIN_LOCKOUT_LIMITS}


def via_nginx(client, username, password, address, *, forged=None):
    """A login as gunicorn sees it behind nginx on the unix socket: no REMOTE_ADDR, and the
    address nginx saw appended to whatever X-Forwarded-For the client sent."""
    forwarded = f"{forged}, {address}" if forged else address
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR="",
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def request_from(remote_addr, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **extra)


# --- The client's address ------------------------------------------------------------------
def test_behind_the_unix_socket_the_address_nginx_saw_is_the_client():
    assert client_ip(request_from("", "203.0.113.7")) == "203.0.113.7"


def test_a_forged_forwarded_for_entry_is_ignored_in_favour_of_nginxs_own():
    assert client_ip(request_from("", "10.9.9.9, 203.0.113.7")) == "203.0.113.7"


def test_a_loopback_proxy_is_trusted_like_the_socket():
    assert client_ip(request_from("127.0.0.1", "198.51.100.4")) == "198.51.100.4"


def test_a_direct_visitor_cannot_choose_their_address_with_the_header():
    assert client_ip(request_from("198.51.100.4", "10.0.0.1")) == "198.51.100.4"


def test_a_garbled_header_falls_back_to_the_peer_and_never_crashes():
    assert client_ip(request_from("127.0.0.1", "not-an-address")) == "127.0.0.1"
    assert client_ip(request_from("", "<script>")) is None
    assert client_ip(request_from("", None)) is None


def test_ipv6_addresses_are_kept_normalised():
    assert client_ip(request_from("", "2001:DB8::1")) == "2001:db8::1"


def test_only_configured_peers_are_trusted(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    assert client_ip(request_from("10.0.0.2", "203.0.113.7")) == "203.0.113.7"
    assert client_ip(request_from("127.0.0.1", "203.0.113.7")) == "127.0.0.1"


# --- Locking out behind nginx --------------------------------------------------------------
def test_behind_nginx_repeated_failures_lock_the_account_even_with_the_right_password(
    client, staff_bangphlat, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        via_nginx(client, staff_bangphlat.username, "wrong", "203.0.113.7")
    response = via_nginx(client, staff_bangphlat.username, PASSWORD, "203.0.113.7")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_person_locked_out_does_not_lock_their_office_colleagues(
    client, staff_bangphlat, staff_mentee, settings
):
    office = "203.0.113.7"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        via_nginx(client, staff_bangphlat.username, "wrong", office)
    assert via_nginx(client, staff_mentee.username, PASSWORD, office).status_code == 302


def test_forging_the_forwarded_header_does_not_escape_the_lock(client, staff_bangphlat, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        via_nginx(client, staff_bangphlat.username, "wrong", "203.0.113.7", forged=f"10.0.0.{n}")
    response = via_nginx(
        client, staff_bangphlat.username, PASSWORD, "203.0.113.7", forged="10.0.0.99"
    )
    assert response.status_code == 429


def test_one_account_guessed_from_many_addresses_is_locked_at_its_own_limit(
    client, staff_bangphlat, settings
):
    account_limit = limits(settings)[("username",)]
    assert account_limit > settings.AXES_FAILURE_LIMIT
    for n in range(account_limit - 1):
        via_nginx(client, staff_bangphlat.username, "wrong", f"198.51.100.{n}")
    assert via_nginx(client, staff_bangphlat.username, PASSWORD, "192.0.2.1").status_code == 302
    client.logout()
    for n in range(account_limit):
        via_nginx(client, staff_bangphlat.username, "wrong", f"198.51.100.{n}")
    response = via_nginx(client, staff_bangphlat.username, PASSWORD, "192.0.2.1")
    assert response.status_code == 429


def test_one_password_sprayed_over_many_accounts_locks_that_address(client, bangphlat, settings):
    address_limit = limits(settings)[("ip_address",)]
    victims = [make_user(f"staff_spray{n}", Role.DISTRICT_STAFF, bangphlat) for n in range(25)]
    for victim in victims[:address_limit]:
        via_nginx(client, victim.username, "Password1", "203.0.113.66")
    # Even the right password of an untouched account is refused from that address ...
    response = via_nginx(client, victims[-1].username, PASSWORD, "203.0.113.66")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    # ... while the same account logs in from elsewhere.
    assert via_nginx(client, victims[-1].username, PASSWORD, "192.0.2.1").status_code == 302


def test_a_few_typos_across_an_office_lock_nobody(client, bangphlat, settings):
    """A busy office behind one NAT address: each person mistypes once or twice."""
    office = "203.0.113.7"
    staff = [make_user(f"staff_office{n}", Role.DISTRICT_STAFF, bangphlat) for n in range(8)]
    for person in staff:
        via_nginx(client, person.username, "typo", office)
        via_nginx(client, person.username, "typo again", office)
    response = via_nginx(client, staff[0].username, PASSWORD, office)
    assert response.status_code == 302


def test_a_sprayer_owning_one_account_cannot_clear_their_address_by_logging_in(
    client, bangphlat, staff_bangphlat, settings
):
    address_limit = limits(settings)[("ip_address",)]
    victims = [make_user(f"staff_v{n}", Role.DISTRICT_STAFF, bangphlat) for n in range(20)]
    for victim in victims[: address_limit - 1]:
        via_nginx(client, victim.username, "Password1", "203.0.113.66")
    # Their own account logs in (the count stays: only that user's failures are cleared) ...
    assert via_nginx(client, staff_bangphlat.username, PASSWORD, "203.0.113.66").status_code == 302
    client.logout()
    via_nginx(client, victims[-1].username, "Password1", "203.0.113.66")
    # ... so the next failure reaches the address's limit.
    response = via_nginx(client, staff_bangphlat.username, PASSWORD, "203.0.113.66")
    assert response.status_code == 429


def test_a_successful_login_clears_that_persons_earlier_typos(client, staff_bangphlat, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        via_nginx(client, staff_bangphlat.username, "wrong", "203.0.113.7")
    assert via_nginx(client, staff_bangphlat.username, PASSWORD, "203.0.113.7").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        via_nginx(client, staff_bangphlat.username, "wrong", "203.0.113.7")
    assert via_nginx(client, staff_bangphlat.username, PASSWORD, "203.0.113.7").status_code == 302
