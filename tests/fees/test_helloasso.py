"""Online payment through HelloAsso: the notification receiver checks every order with
HelloAsso's API (a fake one on loopback here), matches the member, records each payment
once, and leaves the rest to the treasurer's queue."""

import copy
import datetime
import json
import logging
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from accounts.factories import UserFactory
from fees import helloasso
from fees import membership as rules
from fees.models import HelloAssoOrder, Payment
from network.models import Membership
from tests.fees.fake_helloasso import FakeHelloAsso, sample

NOTIFY_URL = "/cotisation/helloasso/notification/"
ORDER_ID = "48213567"
PAYMENT_ID = "39811234"
PAYER_EMAIL = "camille.durand@example.org"
PAYER_NAMES = ("Camille", "Durand")


@pytest.fixture
def fake_helloasso(settings):
    fake = FakeHelloAsso().start()
    settings.HELLOASSO_API_URL = fake.url
    settings.HELLOASSO_CLIENT_ID = fake.client_id
    settings.HELLOASSO_CLIENT_SECRET = fake.client_secret
    settings.HELLOASSO_ORGANIZATION_SLUG = "parentescence"
    settings.HELLOASSO_FORM_URL = "https://www.helloasso.com/associations/parentescence/adhesions/adhesion-au-reseau"
    fake.add_order()
    yield fake
    fake.stop()


@pytest.fixture
def camille(db):
    """A member whose account e-mail is the one given to HelloAsso (in another case)."""
    return UserFactory(username="camille", first_name="Camille", last_name="Durand", email=PAYER_EMAIL,
                       groups=["Members"])


def notify(client, payload=None, **kwargs):
    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload or sample("notification_order"))
    return client.post(NOTIFY_URL, data=body, content_type="application/json", **kwargs)


def order_notification(order_id):
    payload = sample("notification_order")
    payload["data"]["id"] = int(order_id)
    return payload


def assert_nothing_recorded():
    assert Payment.objects.count() == 0
    assert HelloAssoOrder.objects.count() == 0
    assert Membership.objects.count() == 0


# --- Recorded and matched --------------------------------------------------------------

def test_payment_matched_by_email_is_recorded_with_the_api_figures(
    client, fake_helloasso, camille, django_capture_on_commit_callbacks
):
    # The notification claims 1 000 € on another date: only the API's figures count.
    payload = sample("notification_order")
    payload["data"]["items"][0]["amount"] = 100000
    payload["data"]["payments"][0]["date"] = "2026-01-01T09:00:00+01:00"
    with django_capture_on_commit_callbacks(execute=True):
        response = notify(client, payload)

    assert response.status_code == 200
    assert response.content == b"recorded"
    payment = Payment.objects.get()
    assert payment.user == camille
    assert payment.method == Payment.Method.HELLOASSO
    assert payment.amount == Decimal("30.00")  # the membership item, without HelloAsso's tip
    assert payment.paid_on == datetime.date(2026, 3, 14)
    assert payment.reference == ORDER_ID
    assert payment.helloasso_payment_id == PAYMENT_ID
    assert payment.membership.start_date == datetime.date(2026, 3, 14)

    order = HelloAssoOrder.objects.get()
    assert order.status == HelloAssoOrder.Status.RECORDED
    assert order.payment == payment
    assert order.resolved_at is not None
    assert (order.payer_name, order.payer_email) == ("", "")

    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == [PAYER_EMAIL]
    assert receipt.attachments and receipt.attachments[0][2] == "application/pdf"


def test_payment_notification_finds_its_order(client, fake_helloasso, camille):
    response = notify(client, sample("notification_payment"))
    assert response.status_code == 200
    assert Payment.objects.get().helloasso_payment_id == PAYMENT_ID
    assert fake_helloasso.api_requests("/v5/orders/") == [f"/v5/orders/{ORDER_ID}"]


def test_member_matched_by_signed_metadata_of_a_checkout(client, fake_helloasso, camille):
    # A checkout started from our site: the payer typed another e-mail address.
    order = sample("order")
    order.update(formType="Checkout", checkoutIntentId=7781)
    order["payer"]["email"] = "someone.else@example.net"
    fake_helloasso.add_order(order)
    intent = sample("checkout_intent")
    intent["metadata"]["member"] = helloasso.member_reference(camille)
    fake_helloasso.checkout_intents["7781"] = intent

    response = notify(client)

    assert response.status_code == 200
    assert Payment.objects.get().user == camille
    assert fake_helloasso.api_requests("/v5/organizations/parentescence/checkout-intents/") == [
        "/v5/organizations/parentescence/checkout-intents/7781"
    ]


def test_tampered_member_reference_is_not_trusted(client, fake_helloasso, camille, member):
    order = sample("order")
    order.update(formType="Checkout", checkoutIntentId=7781)
    order["payer"]["email"] = "someone.else@example.net"
    fake_helloasso.add_order(order)
    intent = sample("checkout_intent")
    reference = helloasso.member_reference(camille)
    intent["metadata"]["member"] = reference.replace(reference.split(":")[0], str(member.pk), 1)
    fake_helloasso.checkout_intents["7781"] = intent

    response = notify(client)

    assert response.status_code == 200
    assert response.content == b"unmatched"
    assert Payment.objects.count() == 0
    assert HelloAssoOrder.objects.get().status == HelloAssoOrder.Status.UNMATCHED


@pytest.mark.parametrize("changes", [{"formType": "Checkout"}, {"formType": "Event"}])
def test_order_for_something_else_is_acknowledged_and_ignored(client, fake_helloasso, camille, changes):
    # A checkout without our member reference, or an order the payload said was a membership.
    fake_helloasso.add_order(**changes)
    response = notify(client)
    assert (response.status_code, response.content) == (200, b"ignored")
    assert_nothing_recorded()


# --- The treasurer's queue -------------------------------------------------------------

def test_unknown_payer_waits_in_the_queue_then_the_treasurer_matches_it(
    client, fake_helloasso, member, treasurer, django_capture_on_commit_callbacks
):
    response = notify(client)
    assert response.status_code == 200
    assert response.content == b"unmatched"
    assert Payment.objects.count() == 0
    queued = HelloAssoOrder.objects.get()
    assert queued.status == HelloAssoOrder.Status.UNMATCHED
    assert queued.payer_email == "Camille.Durand@Example.org"
    assert queued.amount == Decimal("30.00")
    assert len(mail.outbox) == 0

    client.force_login(treasurer)
    listing = client.get(reverse("fees_helloasso:index"))
    assert listing.status_code == 200
    assert ORDER_ID in listing.content.decode()
    page = client.get(reverse("fees_helloasso:edit", args=[queued.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Camille.Durand@Example.org" in html
    assert f'value="{member.pk}"' in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("fees_helloasso:edit", args=[queued.pk]), {"user": member.pk, "action": "record"}
        )
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert payment.user == member
    assert payment.recorded_by == treasurer
    assert payment.method == Payment.Method.HELLOASSO
    assert payment.helloasso_payment_id == PAYMENT_ID
    assert payment.paid_on == datetime.date(2026, 3, 14)
    queued.refresh_from_db()
    assert queued.status == HelloAssoOrder.Status.RECORDED
    assert queued.payment == payment
    assert (queued.payer_name, queued.payer_email) == ("", "")
    assert [message.to for message in mail.outbox] == [[member.email]]

    # Matching it again (a second tab, a double click) records nothing more.
    client.post(reverse("fees_helloasso:edit", args=[queued.pk]), {"user": member.pk, "action": "record"})
    assert Payment.objects.count() == 1
    # And HelloAsso notifying it again neither.
    assert notify(client).status_code == 200
    assert Payment.objects.count() == 1


def test_matching_requires_a_member(client, fake_helloasso, treasurer):
    notify(client)
    queued = HelloAssoOrder.objects.get()
    client.force_login(treasurer)
    response = client.post(reverse("fees_helloasso:edit", args=[queued.pk]), {"user": "", "action": "record"})
    assert response.status_code == 200
    assert "Choisissez le ou la membre." in response.content.decode()
    queued.refresh_from_db()
    assert queued.status == HelloAssoOrder.Status.UNMATCHED
    assert Payment.objects.count() == 0


def test_treasurer_sets_an_order_aside(client, fake_helloasso, treasurer):
    notify(client)
    queued = HelloAssoOrder.objects.get()
    client.force_login(treasurer)
    response = client.post(reverse("fees_helloasso:edit", args=[queued.pk]), {"action": "ignore"})
    assert response.status_code == 302
    queued.refresh_from_db()
    assert queued.status == HelloAssoOrder.Status.IGNORED
    assert (queued.payer_name, queued.payer_email) == ("", "")
    assert queued.resolved_at is not None
    assert Payment.objects.count() == 0


def test_queue_lists_unmatched_orders_first(client, fake_helloasso, camille, treasurer):
    notify(client)  # recorded (camille)
    fake_helloasso.add_order(id=48213999, payer={"email": "nobody@example.net", "firstName": "A", "lastName": "B"},
                             payments=[dict(sample("order")["payments"][0], id=39819999)])
    notify(client, order_notification("48213999"))
    client.force_login(treasurer)
    html = client.get(reverse("fees_helloasso:index")).content.decode()
    assert html.index("48213999") < html.index(ORDER_ID)
    assert reverse("fees_helloasso:add") not in html


def test_queue_is_in_the_treasurer_menu_only(client, treasurer, editor):
    client.force_login(treasurer)
    assert reverse("fees_helloasso:index") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(editor)
    assert reverse("fees_helloasso:index") not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("who", ["member", "editor"])
def test_queue_refused_to_members_and_editors(client, fake_helloasso, db, request, who):
    notify(client)
    queued = HelloAssoOrder.objects.get()
    client.force_login(request.getfixturevalue(who))
    for url in (reverse("fees_helloasso:index"), reverse("fees_helloasso:edit", args=[queued.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Camille" not in response.content.decode()
    response = client.post(reverse("fees_helloasso:edit", args=[queued.pk]), {"action": "ignore"})
    assert response.status_code in (302, 403)
    queued.refresh_from_db()
    assert queued.status == HelloAssoOrder.Status.UNMATCHED


def test_nobody_adds_or_deletes_orders_in_the_admin(client, fake_helloasso, superuser):
    notify(client)
    queued = HelloAssoOrder.objects.get()
    client.force_login(superuser)
    assert client.get(reverse("fees_helloasso:add")).status_code in (302, 403)
    client.post(reverse("fees_helloasso:delete", args=[queued.pk]))
    assert HelloAssoOrder.objects.filter(pk=queued.pk).exists()


# --- Once, however many times it is notified ------------------------------------------

def test_duplicate_notification_records_one_payment(
    client, fake_helloasso, camille, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(client)
        second = notify(client)
        third = notify(client, sample("notification_payment"))
    assert first.content == b"recorded"
    assert (second.status_code, second.content) == (200, b"duplicate")
    assert (third.status_code, third.content) == (200, b"duplicate")
    assert Payment.objects.count() == 1
    assert HelloAssoOrder.objects.count() == 1
    assert Membership.objects.filter(user=camille).count() == 1
    assert len(mail.outbox) == 1


def test_concurrent_duplicate_loses_on_the_unique_order(client, fake_helloasso, camille, monkeypatch):
    """Two notifications of one order at once both pass the 'already recorded?' check; the
    database's unique order id (and payment id) lets only one through."""
    assert notify(client).content == b"recorded"
    monkeypatch.setattr(helloasso, "already_recorded", lambda order: False)
    response = notify(client)
    assert (response.status_code, response.content) == (200, b"duplicate")
    assert Payment.objects.count() == 1
    assert Membership.objects.filter(user=camille).count() == 1


# --- Forged and bad input --------------------------------------------------------------

def test_forged_notification_of_an_unknown_order_is_rejected_and_logged_without_personal_data(
    client, fake_helloasso, camille, caplog
):
    payload = order_notification("99999999")
    with caplog.at_level(logging.INFO):
        response = notify(client, payload)
    assert response.status_code == 400
    assert_nothing_recorded()
    assert "unknown order" in caplog.text
    for personal in (PAYER_EMAIL, *PAYER_NAMES, "30,00", "30.00"):
        assert personal.lower() not in caplog.text.lower()


def test_order_of_another_organisation_is_rejected(client, fake_helloasso, camille, caplog):
    fake_helloasso.add_order(organizationSlug="une-autre-association")
    with caplog.at_level(logging.INFO):
        response = notify(client)
    assert response.status_code == 400
    assert_nothing_recorded()
    assert "another organisation" in caplog.text
    assert PAYER_EMAIL not in caplog.text.lower()


@pytest.mark.parametrize("cents", [0, -3000])
def test_zero_or_negative_amount_is_rejected(client, fake_helloasso, camille, cents):
    order = sample("order")
    order["items"][0]["amount"] = cents
    order["payments"][0]["amount"] = cents
    fake_helloasso.add_order(order)
    response = notify(client)
    assert response.status_code == 400
    assert_nothing_recorded()


def test_unpaid_order_is_rejected(client, fake_helloasso, camille):
    order = sample("order")
    order["payments"][0]["state"] = "Refused"
    fake_helloasso.add_order(order)
    assert notify(client).status_code == 400
    assert_nothing_recorded()


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        b"\xff\xfe",
        "[]",
        json.dumps({"eventType": "Order"}),
        json.dumps({"eventType": "Order", "data": {"id": "../../oauth2/token"}}),
        json.dumps({"eventType": "Order", "data": {"id": True}}),
    ],
)
def test_malformed_notification_is_rejected(client, fake_helloasso, camille, body):
    response = notify(client, body)
    assert response.status_code == 400
    assert_nothing_recorded()
    assert fake_helloasso.requests == []


def test_receiver_accepts_only_post(client, fake_helloasso):
    assert client.get(NOTIFY_URL).status_code == 405


def test_events_about_other_things_are_acknowledged_and_ignored(client, fake_helloasso, camille):
    form_event = sample("notification_form")
    event_order = order_notification(ORDER_ID)
    event_order["data"]["formType"] = "Event"
    for payload in (form_event, event_order):
        response = notify(client, payload)
        assert (response.status_code, response.content) == (200, b"ignored")
    assert_nothing_recorded()
    assert fake_helloasso.requests == []


def test_unreachable_api_asks_helloasso_to_try_again(client, fake_helloasso, camille, settings):
    fake_helloasso.stop()
    response = notify(client)
    assert response.status_code == 503
    assert_nothing_recorded()
    fake_helloasso.start()  # for the fixture's teardown


# --- Token -----------------------------------------------------------------------------

def test_token_is_cached_between_notifications(client, fake_helloasso, camille):
    second = copy.deepcopy(sample("order"))
    second["id"] = 48213999
    second["payments"][0]["id"] = 39819999
    second["payer"]["email"] = "nobody@example.net"
    fake_helloasso.add_order(second)

    assert notify(client).status_code == 200
    assert notify(client, order_notification("48213999")).status_code == 200
    assert fake_helloasso.token_requests == 1
    assert len(fake_helloasso.api_requests("/v5/orders/")) == 2


def test_refused_token_is_renewed_once(client, fake_helloasso, camille):
    assert helloasso.access_token() == "fake-access-token-1"
    fake_helloasso.revoked = True
    assert notify(client).status_code == 200
    assert fake_helloasso.token_requests == 2
    assert Payment.objects.count() == 1


def test_wrong_credentials_are_an_api_error(client, fake_helloasso, camille, settings):
    settings.HELLOASSO_CLIENT_SECRET = "wrong"
    assert notify(client).status_code == 503
    assert_nothing_recorded()


# --- Not configured --------------------------------------------------------------------

def test_without_credentials_online_payment_is_not_offered(client, settings, home_page, camille):
    settings.HELLOASSO_CLIENT_ID = ""
    settings.HELLOASSO_CLIENT_SECRET = ""
    settings.HELLOASSO_FORM_URL = "https://www.helloasso.com/associations/parentescence/adhesions/adhesion-au-reseau"
    assert notify(client).status_code == 404
    assert_nothing_recorded()

    client.force_login(camille)
    page = client.get(reverse("network:member_space"))
    assert page.status_code == 200
    assert "helloasso.com" not in page.content.decode()


def test_with_credentials_the_member_space_offers_the_form(client, fake_helloasso, home_page, camille):
    client.force_login(camille)
    page = client.get(reverse("network:member_space"))
    assert page.status_code == 200
    assert "https://www.helloasso.com/associations/parentescence/adhesions/adhesion-au-reseau" in page.content.decode()


def test_a_cancelled_helloasso_payment_goes_back_to_the_queue_and_is_recorded_once_again(
    client, fake_helloasso, camille, treasurer, django_capture_on_commit_callbacks
):
    """Matched by e-mail to the wrong person: the treasurer cancels it, the order waits
    again, a repeated notification still records nothing, and the treasurer attaches it."""
    with django_capture_on_commit_callbacks(execute=True):
        notify(client)
    payment = Payment.objects.get()
    rules.cancel_payment(payment, by=treasurer, reason="Payé pour une collègue")
    order = HelloAssoOrder.objects.get()
    assert order.status == HelloAssoOrder.Status.UNMATCHED and order.payment is None
    assert notify(client).content == b"duplicate"
    assert Payment.objects.filter(cancelled_at__isnull=True).count() == 0
    colleague = UserFactory(username="colleague", groups=["Members"])
    again = helloasso.resolve_by_hand(order, colleague, recorded_by=treasurer)
    assert again.user == colleague and again.helloasso_payment_id == payment.helloasso_payment_id
    assert Payment.objects.filter(cancelled_at__isnull=True).count() == 1
