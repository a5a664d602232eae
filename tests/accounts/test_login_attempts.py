"""Log-in attempts are limited per account and per address, on both log-in pages
(django-axes, accounts/security.py): a clear page, no personal data in the logs, an unlock
for administrators, and a new password through the e-mailed link unlocks the account."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accounts.factories import UserFactory
from accounts.security import forget_old_attempts
from tests.properties import examples, rolled_back

pytestmark = pytest.mark.django_db

PASSWORD = "password-for-tests"
PAGES = {"members": "accounts:login", "admin": "wagtailadmin_login"}


@pytest.fixture(autouse=True)
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)


def attempt(client, page, username, password, address="203.0.113.7"):
    return client.post(reverse(PAGES[page]), {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(response):
    return response.status_code == 302


@pytest.mark.parametrize("page", list(PAGES))
def test_after_too_many_wrong_passwords_even_the_right_one_is_refused_with_a_clear_page(client, page, caplog):
    user = UserFactory(username="camille", email="camille@example.org", groups=["Editors"])
    caplog.set_level(logging.DEBUG)
    for _ in range(25):
        response = attempt(client, page, "camille", "wrong")
        assert not logged_in(response)
    response = attempt(client, page, "camille", PASSWORD)
    assert response.status_code == 429
    content = response.content.decode()
    assert "Trop de tentatives de connexion" in content and "Réessayez dans 15 minutes" in content
    assert reverse("accounts:password_reset") in content
    # Nothing identifying in the logs: not the account, not the address.
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "camille" not in logged and "203.0.113.7" not in logged and user.email not in logged


def test_the_username_and_the_email_count_for_the_same_account(client):
    UserFactory(username="camille", email="Camille@Example.org")
    for typed in ["camille", "camille@example.org", "CAMILLE", "Camille@Example.org", "camille "]:
        attempt(client, "members", typed, "wrong", address=f"198.51.100.{len(typed)}")
    assert attempt(client, "members", "camille", PASSWORD, address="192.0.2.1").status_code == 429


def test_an_address_trying_many_accounts_is_refused_and_others_are_not(client):
    UserFactory(username="target")
    for n in range(5):
        attempt(client, "admin", f"nobody{n}", "wrong")
    assert attempt(client, "admin", "target", PASSWORD).status_code == 429
    assert logged_in(attempt(client, "admin", "target", PASSWORD, address="192.0.2.99"))


def test_a_success_resets_the_accounts_count(client):
    UserFactory(username="camille")
    for _ in range(4):
        attempt(client, "members", "camille", "wrong", address="192.0.2.1")
    assert logged_in(attempt(client, "members", "camille", PASSWORD, address="192.0.2.1"))
    client.logout()
    for _ in range(4):
        attempt(client, "members", "camille", "wrong", address="192.0.2.2")
    assert logged_in(attempt(client, "members", "camille", PASSWORD, address="192.0.2.3"))


def test_the_lock_ends_after_the_cool_off_and_old_records_are_forgotten(client):
    UserFactory(username="camille")
    for _ in range(5):
        attempt(client, "members", "camille", "wrong")
    assert attempt(client, "members", "camille", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - datetime.timedelta(minutes=16))
    assert forget_old_attempts() >= 1 and not AccessAttempt.objects.exists()
    assert logged_in(attempt(client, "members", "camille", PASSWORD))


def test_an_administrator_unlocks_an_account_and_nobody_else_sees_the_screen(client):
    UserFactory(username="camille")
    for _ in range(5):
        attempt(client, "members", "camille", "wrong")
    index = reverse("login_attempts:index")
    client.force_login(UserFactory(username="editor2", groups=["Editors"]))
    assert client.get(index).status_code in (302, 403)
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    page = client.get(index).content.decode()
    record = AccessAttempt.objects.get(username="camille")
    assert f'href="{reverse("login_attempts:delete", args=[record.pk])}"' in page  # the account's link unlocks
    assert client.post(reverse("login_attempts:delete", args=[record.pk])).status_code == 302
    client.logout()
    assert logged_in(attempt(client, "members", "camille", PASSWORD))


def test_a_new_password_through_the_emailed_link_unlocks_the_account(client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = UserFactory(username="camille")
    for _ in range(5):
        attempt(client, "members", "camille", "wrong")
    url = reverse("accounts:set_password", args=[urlsafe_base64_encode(force_bytes(user.pk)),
                                                  default_token_generator.make_token(user)])
    form_url = client.get(url)["Location"]
    new = "un-nouveau-mot-de-passe-solide-42"
    assert client.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    assert logged_in(attempt(client, "members", "camille", new))


# -- The rule, against a plain reference -----------------------------------------------------

step = st.tuples(st.sampled_from(["ana", "ben", "ana@example.org"]), st.sampled_from(["192.0.2.1", "192.0.2.2"]),
                 st.booleans())


@examples(40)
@given(steps=st.lists(step, max_size=14))
def test_property_an_account_or_an_address_at_the_limit_is_refused(client, settings, steps):
    """Reference, written from the rule: failures are counted per (account, address); an
    account's count is the sum over its addresses, an address's over its accounts. An attempt
    is refused when either count is at the limit; a failure counts, and the failure that
    reaches the limit is refused already; a refused attempt counts nothing more; a success
    forgets the failures of its account and of its address."""
    limit = settings.AXES_FAILURE_LIMIT = 3
    with rolled_back():
        client.logout()
        UserFactory(username="ana", email="ana@example.org")
        UserFactory(username="ben", email="ben@example.org")
        failures = {}  # (account, address) -> count

        def count(account=None, address=None):
            return sum(n for (acc, addr), n in failures.items() if acc == account or addr == address)

        for typed, address, right in steps:
            account = "ana" if typed.startswith("ana") else "ben"
            refused = count(account=account) >= limit or count(address=address) >= limit
            response = attempt(client, "members", typed, PASSWORD if right else "wrong", address=address)
            client.logout()
            where = (typed, address, right, dict(failures))
            if refused:
                assert response.status_code == 429, where
            elif right:
                assert logged_in(response), where
                failures = {key: n for key, n in failures.items() if key[0] != account and key[1] != address}
            else:
                failures[account, address] = failures.get((account, address), 0) + 1
                at_limit = count(account=account) >= limit or count(address=address) >= limit
                assert response.status_code == (429 if at_limit else 200), where


def test_code_that_logs_in_without_a_request_is_not_counted_nor_refused(client):
    """The test client's login() and management commands authenticate without a request:
    no address to count, and not an attempt from outside."""
    UserFactory(username="camille")
    assert not client.login(username="camille", password="wrong")
    assert client.login(username="camille", password=PASSWORD)
    assert not AccessAttempt.objects.exists()
