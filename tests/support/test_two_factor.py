"""Issue 8: a second factor (TOTP) is required of coordinators and field referents, not
optional; partners and the treasurer (anonymised statistics) log in with their password."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from support import two_factor


def code(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


@pytest.mark.parametrize("role", ["coordinator", "referent_a"])
def test_the_second_factor_is_required_and_set_up_at_first_visit(role, request, client, family_a):
    user = request.getfixturevalue(role)
    client.force_login(user)
    record = reverse("support:family", args=[family_a.pk])
    for url in (reverse("support:home"), record):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("support:setup_otp"))
    setup = client.get(reverse("support:setup_otp") + f"?next={record}")
    page = setup.content.decode()
    assert "<svg" in page and "no-store" in setup["Cache-Control"]
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    # A wrong code: a message, nothing confirmed.
    wrong = client.post(reverse("support:setup_otp"), {"code": "000000" if code(device) != "000000" else "111111", "next": record})
    assert "Ce code ne correspond pas" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()  # django-otp makes the next try wait after a failure
    response = client.post(reverse("support:setup_otp"), {"code": code(device), "next": record})
    assert response.status_code == 302 and response["Location"] == record
    assert client.get(record).status_code == 200
    # A working day later, the code is asked again.
    session = client.session
    session[two_factor.VERIFIED_AT] -= two_factor.VERIFIED_SESSION_SECONDS + 1
    session.save()
    assert client.get(record)["Location"].startswith(reverse("support:verify_otp"))


def test_a_new_session_asks_for_the_code_and_refuses_a_wrong_one(client, referent_a, family_a):
    device = TOTPDevice.objects.create(user=referent_a, name="app", confirmed=True)
    client.force_login(referent_a)
    record = reverse("support:family", args=[family_a.pk])
    response = client.get(record)
    assert response["Location"].startswith(reverse("support:verify_otp"))
    assert client.get(reverse("support:setup_otp"))["Location"].startswith(reverse("support:verify_otp"))  # no second device
    bad = client.post(reverse("support:verify_otp"), {"code": "12345", "next": record})
    assert bad.status_code == 200 and "error" in bad.content.decode()
    wrong = "000000" if code(device) != "000000" else "111111"
    assert "Ce code ne correspond pas" in client.post(reverse("support:verify_otp"), {"code": wrong, "next": record}).content.decode()
    assert client.get(record).status_code == 302
    # django-otp throttles after a failure: the right code is refused until the wait is over.
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(reverse("support:verify_otp"), {"code": code(device), "next": record})
    assert response.status_code == 302 and response["Location"] == record
    assert client.get(record).status_code == 200


def test_wrong_codes_are_throttled(client, referent_a):
    device = TOTPDevice.objects.create(user=referent_a, name="app", confirmed=True)
    client.force_login(referent_a)
    wrong = "000000" if code(device) != "000000" else "111111"
    client.post(reverse("support:verify_otp"), {"code": wrong})
    response = client.post(reverse("support:verify_otp"), {"code": code(device)})
    assert response.status_code == 200 and "Trop d&#x27;essais" in response.content.decode()


def test_the_next_address_stays_on_the_site(client, referent_a):
    device = TOTPDevice.objects.create(user=referent_a, name="app", confirmed=True)
    client.force_login(referent_a)
    response = client.post(reverse("support:verify_otp"), {"code": code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("support:home")


def test_partners_and_others_are_not_offered_the_set_up(client, partner_a, member):
    client.force_login(partner_a.user)
    assert client.get(reverse("support:home")).status_code == 200  # no second factor for status only
    assert client.get(reverse("support:setup_otp")).status_code == 403
    client.force_login(member)
    assert client.get(reverse("support:verify_otp")).status_code == 403
    client.logout()
    assert client.get(reverse("support:setup_otp")).status_code == 302


def test_a_coordinator_resets_a_lost_authenticator(verified_client, coordinator, referent_a):
    TOTPDevice.objects.create(user=referent_a, name="app", confirmed=True)
    browser = verified_client(coordinator)
    browser.post(reverse("support:account_action", args=[referent_a.pk]), {"action": "reset_otp"})
    assert not TOTPDevice.objects.filter(user=referent_a).exists()


def test_passing_the_second_factor_gives_a_new_session_key(client, referent_a):
    device = TOTPDevice.objects.create(user=referent_a, name="app", confirmed=True)
    client.force_login(referent_a)
    before = client.session.session_key
    client.post(reverse("support:verify_otp"), {"code": code(device)})
    assert client.session.session_key != before
    assert client.get(reverse("support:home")).status_code == 200


def test_each_guess_counts_even_from_copies_loaded_at_the_same_time(referent_a):
    """Two requests that loaded the device before either saved (parallel guesses): the second
    one sees the first one's failure, because the check reads the row again, locked."""
    device = TOTPDevice.objects.create(user=referent_a, name="app", confirmed=True)
    first, second = TOTPDevice.objects.get(pk=device.pk), TOTPDevice.objects.get(pk=device.pk)
    wrong = "000000" if code(device) != "000000" else "111111"
    assert two_factor._check(first, wrong)[0] == "wrong"
    assert second.throttling_failure_count == 0  # the stale copy knows nothing of it…
    assert two_factor._check(second, code(device))[0] == "throttled"  # …the check does
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
