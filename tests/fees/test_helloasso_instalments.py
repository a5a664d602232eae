"""HelloAsso money recorded as it was paid (issue 18), driven through the real receiver
against the fake API on loopback speaking HelloAsso's v5 shapes:
- a fee paid in several instalments: each authorised instalment is a payment with its own
  receipt for what was received; the first opens the period, the later ones never move it;
- refunded, refunding and contested payments cancel the recorded payment (kept, marked
  cancelled with the reason, receipt marked ANNULÉ, period adjusted, member and treasurer
  told); payments waiting for the bank wait (pending, no receipt) until authorised;
- a 403 from HelloAsso is a configuration error shown on the treasurer's screens."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from fees import helloasso
from fees import membership as rules
from fees.models import HelloAssoApiProblem, HelloAssoInstalment, HelloAssoOrder, Payment
from network.models import Membership
from network.models.membership import one_year_from
from tests.fees.fake_helloasso import FakeHelloAsso
from tests.fees.helloasso_setup import (
    PAYER_EMAIL,
    configure,
    iso,
    order_notification,
    pdf_text,
    post,
    receipt_text,
)

ORDER = "48300001"
TODAY = timezone.localdate()
D1, D2, D3 = TODAY - datetime.timedelta(days=60), TODAY - datetime.timedelta(days=30), TODAY


@pytest.fixture
def fake(settings):
    server = FakeHelloAsso().start()
    configure(settings, server)
    yield server
    server.stop()


@pytest.fixture
def camille(db):
    return UserFactory(username="camille", first_name="Camille", last_name="Durand", email=PAYER_EMAIL,
                       groups=["Members"])


@pytest.fixture
def treasurer_with_mail(db):
    return UserFactory(username="tresoriere", first_name="Thérèse", email="tresoriere@example.org",
                       groups=["Treasurer"])


@pytest.fixture
def run_on_commit(monkeypatch, django_capture_on_commit_callbacks):
    """Each request's on-commit work (the outbox's delivery) runs as it would after the
    request's transaction: e-mails are in mail.outbox at once."""
    from django.test import Client

    original = Client.request

    def request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)


def three_instalments(fake, states=("Authorized", "Pending", "Pending")):
    return fake.instalment_order(ORDER, [
        (70001, 3000, states[0], iso(D1)),
        (70002, 3000, states[1], iso(D2)),
        (70003, 3000, states[2], iso(D3)),
    ])


def live_payments():
    return list(Payment.objects.filter(cancelled_at__isnull=True).order_by("instalment_number", "pk"))


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]


# --- Instalments ---------------------------------------------------------------------------

def test_each_instalment_is_a_payment_with_a_receipt_for_what_was_received(client, fake, camille, run_on_commit):
    three_instalments(fake)
    response = post(client, order_notification(ORDER))
    assert (response.status_code, response.content) == (200, b"recorded")

    first = Payment.objects.get()
    assert first.amount == Decimal("30.00")  # not the item's 90 €
    assert first.instalment_number == 1 and first.paid_on == D1
    period = first.membership
    assert (period.start_date, period.end_date) == (D1, one_year_from(D1))
    text = receipt_text(first)
    assert "30,00 €" in text and "trente euros" in text and "90,00" not in text
    assert "échéance n° 1" in text
    receipt_mail = mails_to(PAYER_EMAIL)[0]
    assert pdf_text(receipt_mail.attachments[0][1]).count("30,00 €") == 1

    # The second instalment is taken: its own payment, its own receipt, the same period.
    fake.set_state(ORDER, 70002, "Authorized")
    response = post(client, fake.payment_notification(ORDER, 70002))
    assert response.content == b"recorded"
    second = Payment.objects.get(helloasso_payment_id="70002")
    assert (second.amount, second.instalment_number, second.paid_on, second.membership) == (
        Decimal("30.00"), 2, D2, None)
    assert second.period_membership == period
    period.refresh_from_db()
    assert (period.start_date, period.end_date) == (D1, one_year_from(D1))  # never extended
    assert Membership.objects.filter(user=camille).count() == 1
    text = receipt_text(second)
    assert "30,00 €" in text and "échéance n° 2" in text
    assert f"Adhésion valable du {D1.day}" in text

    # The same notifications again record nothing new.
    sent = len(mail.outbox)
    for payload in (order_notification(ORDER), fake.payment_notification(ORDER, 70002)):
        assert post(client, payload).content == b"duplicate"
    assert Payment.objects.count() == 2 and len(mail.outbox) == sent

    fake.set_state(ORDER, 70003, "Authorized")
    post(client, fake.payment_notification(ORDER, 70003))
    assert sum(p.amount for p in live_payments()) == Decimal("90.00")
    assert HelloAssoOrder.objects.get().amount == Decimal("90.00")
    assert [m.subject for m in mails_to(PAYER_EMAIL)] == [
        f"Votre reçu d'adhésion n° {p.receipt_number}" for p in live_payments()]


def test_an_order_paid_at_once_is_not_an_instalment(client, fake, camille):
    fake.add_order()
    post(client, order_notification("48213567"))
    payment = Payment.objects.get()
    assert payment.instalment_number is None
    assert "échéance" not in receipt_text(payment)


def test_instalments_of_a_queued_order_are_recorded_when_the_treasurer_attaches_it(
    client, fake, member, treasurer, run_on_commit
):
    three_instalments(fake, ("Authorized", "Authorized", "WaitingBankValidation"))
    assert post(client, order_notification(ORDER)).content == b"unmatched"
    assert Payment.objects.count() == 0
    entry = HelloAssoOrder.objects.get()
    client.force_login(treasurer)
    page = client.get(reverse("fees_helloasso:edit", args=[entry.pk])).content.decode()
    assert "En attente de validation par la banque" in page
    client.post(reverse("fees_helloasso:edit", args=[entry.pk]), {"user": member.pk, "action": "record"})
    assert [(p.user, p.amount, p.instalment_number) for p in live_payments()] == [
        (member, Decimal("30.00"), 1), (member, Decimal("30.00"), 2)]
    # The third is taken later: recorded for the member the treasurer chose.
    fake.set_state(ORDER, 70003, "Authorized")
    assert post(client, fake.payment_notification(ORDER, 70003)).content == b"recorded"
    assert Payment.objects.get(helloasso_payment_id="70003").user == member


# --- Refunds and disputes ------------------------------------------------------------------

@pytest.mark.parametrize("state, reason", [
    ("Refunded", "Remboursé sur HelloAsso"),
    ("Refunding", "Remboursement en cours sur HelloAsso"),
    ("Contested", "Paiement contesté auprès de la banque"),
])
def test_a_refunded_or_contested_payment_is_cancelled_and_everyone_told(
    client, fake, camille, treasurer_with_mail, run_on_commit, state, reason
):
    fake.add_order()
    assert post(client, order_notification("48213567")).content == b"recorded"
    payment = Payment.objects.get()
    assert Membership.objects.filter(user=camille).exists()
    mail.outbox.clear()

    fake.set_state("48213567", payment.helloasso_payment_id, state)
    response = post(client, fake.payment_notification("48213567", payment.helloasso_payment_id))
    assert (response.status_code, response.content) == (200, b"cancelled")

    payment.refresh_from_db()
    assert payment.cancelled and payment.cancellation_reason == reason and payment.cancelled_by is None
    assert payment.membership is None
    assert not Membership.objects.filter(user=camille).exists()  # the period it opened is gone
    text = receipt_text(payment)
    assert "ANNULÉ" in text and reason in text and "30,00 €" in text
    to_member, to_treasurer = mails_to(PAYER_EMAIL), mails_to("tresoriere@example.org")
    assert len(to_member) == 1 and reason in to_member[0].body
    assert "ANNULÉ" in pdf_text(to_member[0].attachments[0][1])
    assert len(to_treasurer) == 1 and payment.receipt_number in to_treasurer[0].subject
    assert "Camille Durand" in to_treasurer[0].body

    # HelloAsso notifies again: nothing more.
    assert post(client, order_notification("48213567")).content == b"duplicate"
    assert len(mail.outbox) == 2

    client.force_login(camille)
    space = client.get(reverse("network:member_space")).content.decode()
    assert "annulé le" in space and reason in space


def test_a_refunded_first_instalment_hands_the_period_to_the_next_one(client, fake, camille, run_on_commit):
    three_instalments(fake, ("Authorized", "Authorized", "Pending"))
    post(client, order_notification(ORDER))
    first, second = live_payments()
    period = first.membership
    dates = (period.start_date, period.end_date)

    fake.set_state(ORDER, 70001, "Refunded")
    assert post(client, fake.payment_notification(ORDER, 70001)).content == b"cancelled"
    second.refresh_from_db()
    assert second.membership == period and second.instalment_period is None
    period.refresh_from_db()
    assert (period.start_date, period.end_date) == dates  # covered by the second: unchanged
    # The second one refunded as well: the period goes.
    fake.set_state(ORDER, 70002, "Refunded")
    post(client, fake.payment_notification(ORDER, 70002))
    assert not Membership.objects.filter(user=camille).exists()
    assert live_payments() == []


def test_a_refunded_later_instalment_leaves_the_period(client, fake, camille, run_on_commit):
    three_instalments(fake, ("Authorized", "Authorized", "Authorized"))
    post(client, order_notification(ORDER))
    period = Membership.objects.get(user=camille)
    fake.set_state(ORDER, 70002, "Contested")
    post(client, fake.payment_notification(ORDER, 70002))
    assert [p.instalment_number for p in live_payments()] == [1, 3]
    assert Membership.objects.get(user=camille) == period
    assert Payment.objects.get(helloasso_payment_id="70002").cancellation_reason == "Paiement contesté auprès de la banque"


def test_a_refund_after_acceptance_brings_back_the_period_to_pay(client, fake, camille, run_on_commit):
    from network.factories import ApplicationFactory
    from network.models import Application

    accepted = timezone.now() - datetime.timedelta(days=5)
    application = ApplicationFactory(member=camille, status=Application.Status.ACCEPTED, decided_at=accepted)
    start = timezone.localdate(accepted)
    Membership.objects.create(user=camille, start_date=start, end_date=start + datetime.timedelta(days=29),
                              source=Membership.Source.ACCEPTANCE, application=application)
    fake.instalment_order(ORDER, [(70001, 3000, "Authorized", iso(TODAY)), (70002, 3000, "Pending", iso(TODAY))])
    post(client, order_notification(ORDER))
    assert Membership.objects.get(user=camille).source == Membership.Source.PAYMENT
    fake.set_state(ORDER, 70001, "Refunded")
    post(client, order_notification(ORDER))
    membership = Membership.objects.get(user=camille)
    assert (membership.source, membership.start_date, membership.end_date) == (
        Membership.Source.ACCEPTANCE, start, start + datetime.timedelta(days=29))


def test_a_refund_of_an_order_never_recorded_records_nothing(client, fake, camille):
    order = fake.add_order()
    order["payments"][0]["state"] = "Refunded"
    response = post(client, order_notification("48213567"))
    assert response.status_code == 200
    assert Payment.objects.count() == 0
    assert HelloAssoInstalment.objects.get().status == HelloAssoInstalment.Status.CANCELLED


# --- Waiting for the bank ------------------------------------------------------------------

@pytest.mark.parametrize("waiting", ["WaitingBankValidation", "WaitingBankWithdraw"])
def test_a_payment_waiting_for_the_bank_waits_then_becomes_a_payment(client, fake, camille, run_on_commit, waiting):
    order = fake.add_order()
    order["payments"][0]["state"] = waiting
    response = post(client, order_notification("48213567"))
    assert (response.status_code, response.content) == (200, b"pending")
    assert Payment.objects.count() == 0 and mail.outbox == []
    assert not Membership.objects.filter(user=camille).exists()
    assert HelloAssoInstalment.objects.get().status == HelloAssoInstalment.Status.PENDING
    assert post(client, order_notification("48213567")).content == b"duplicate"

    client.force_login(camille)
    assert "en attente de validation par la banque" in client.get(reverse("network:member_space")).content.decode()

    fake.set_state("48213567", order["payments"][0]["id"], "Authorized")
    assert post(client, order_notification("48213567")).content == b"recorded"
    payment = Payment.objects.get()
    assert payment.amount == Decimal("30.00") and payment.membership is not None
    assert len(mails_to(PAYER_EMAIL)) == 1


def test_a_payment_the_bank_refuses_after_waiting_records_nothing(client, fake, camille):
    order = fake.add_order()
    order["payments"][0]["state"] = "WaitingBankWithdraw"
    post(client, order_notification("48213567"))
    fake.set_state("48213567", order["payments"][0]["id"], "Refused")
    assert post(client, order_notification("48213567")).status_code == 200
    assert Payment.objects.count() == 0
    assert HelloAssoInstalment.objects.get().status == HelloAssoInstalment.Status.FAILED


# --- 403: a right missing on HelloAsso -----------------------------------------------------

def test_a_403_is_a_configuration_error_shown_to_the_treasurer_until_fixed(
    client, fake, camille, treasurer, run_on_commit
):
    fake.add_order()
    fake.forbidden.add("/v5/orders/")
    response = post(client, order_notification("48213567"))
    assert response.status_code == 503
    assert b"configuration" in response.content and b"try again" not in response.content
    assert Payment.objects.count() == 0
    assert HelloAssoApiProblem.objects.get().waiting_order_ids == ["48213567"]

    client.force_login(treasurer)
    for url in (reverse("fees_helloasso:index"), reverse("payments:index"), reverse("fees_members:index"),
                reverse("wagtailadmin_home")):
        html = client.get(url).content.decode()
        assert "La clé API HelloAsso n&#x27;a pas le droit de lire les commandes" in html, url
        assert "à corriger dans les réglages" in html
        assert "réessayez plus tard" not in html.lower()

    # Still refused: the treasurer is told so, the order kept.
    client.post(reverse("fees_helloasso_retry"))
    assert HelloAssoApiProblem.objects.exists()
    # Fixed on HelloAsso: the kept order is read and recorded, the message goes.
    fake.forbidden.clear()
    response = client.post(reverse("fees_helloasso_retry"), follow=True)
    assert "1 commande relue" in response.content.decode()
    assert Payment.objects.get().user == camille
    assert not HelloAssoApiProblem.objects.exists()
    assert "n&#x27;a pas le droit" not in client.get(reverse("payments:index")).content.decode()


def test_only_the_treasurer_may_retry(client, fake, member):
    HelloAssoApiProblem.objects.create(right="orders", waiting_order_ids=["1"])
    client.force_login(member)
    assert client.post(reverse("fees_helloasso_retry")).status_code in (302, 403)
    assert HelloAssoApiProblem.objects.exists()


# --- The treasurer's listing, inspect view and exports --------------------------------------

def test_the_treasurer_sees_the_cancelled_state_and_reason(client, fake, camille, treasurer, run_on_commit):
    three_instalments(fake, ("Authorized", "Authorized", "Pending"))
    post(client, order_notification(ORDER))
    fake.set_state(ORDER, 70002, "Refunded")
    post(client, order_notification(ORDER))
    cancelled = Payment.objects.get(helloasso_payment_id="70002")
    day = timezone.localdate(cancelled.cancelled_at)
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
    date = f"{day.day} {months[day.month - 1]} {day.year}"

    client.force_login(treasurer)
    listing = client.get(reverse("payments:index")).content.decode()
    assert f"Annulé le {date} : Remboursé sur HelloAsso" in listing
    assert "Échéance n° 2" in listing
    inspect = client.get(reverse("payments:inspect", args=[cancelled.pk])).content.decode()
    assert "Remboursé sur HelloAsso" in inspect and "Échéance n° 2" in inspect
    export = client.get(reverse("payments:index") + "?export=csv")
    csv = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = [line.split(";") for line in csv.splitlines()]
    assert "État" in rows[0] and "Motif de l'annulation" in rows[0]
    row = next(r for r in rows if r[0] == cancelled.receipt_number)
    assert f"Annulé le {date} : Remboursé sur HelloAsso" in row and "Échéance n° 2" in row
    order_page = client.get(reverse("fees_helloasso:edit", args=[HelloAssoOrder.objects.get().pk])).content.decode()
    assert "Remboursé ou contesté" in order_page and cancelled.receipt_number in order_page


def test_an_order_sent_back_to_the_queue_never_hands_one_member_s_period_to_another(
    client, fake, camille, member, treasurer, run_on_commit
):
    """The treasurer cancels the first instalment by hand (recorded for the wrong member):
    the order goes back to the queue while the second stays recorded for the first member.
    Attached then to someone else, the next instalment opens that person's own period."""
    three_instalments(fake, ("Authorized", "Authorized", "Pending"))
    post(client, order_notification(ORDER))
    first, _second = live_payments()
    camille_period = first.membership
    rules.cancel_payment(first, by=treasurer, reason="Mauvais·e membre")
    entry = HelloAssoOrder.objects.get()
    assert entry.member_id is None
    entry.member = member
    entry.status = entry.Status.RECORDED
    entry.save()
    fake.set_state(ORDER, 70003, "Authorized")
    post(client, fake.payment_notification(ORDER, 70003))
    third = Payment.objects.get(helloasso_payment_id="70003")
    assert third.user == member
    period = third.period_membership
    assert period is not None and period.user == member and period != camille_period


def test_a_refused_attempt_then_a_payment_is_a_payment_at_once(client, fake, camille):
    """The card was refused, the payer tried again: one payment at once, for the item's amount,
    with a receipt that speaks of no instalment."""
    import copy

    order = fake.add_order()
    refused = copy.deepcopy(order["payments"][0])
    refused.update(id=69999, state="Refused", items=[])
    order["payments"].insert(0, refused)
    assert post(client, order_notification(str(order["id"]))).status_code == 200
    payment = Payment.objects.get()
    assert payment.instalment_number is None
    assert payment.amount == Decimal(order["items"][0]["amount"]) / 100
    assert "échéance" not in receipt_text(payment)


def test_a_notification_racing_another_for_a_new_order_is_not_lost(client, fake, camille, monkeypatch):
    """Two notifications for an order not seen yet: the second finds no row, then fails to
    insert it (the first committed meanwhile). It tries once more and records what it
    carried, here the instalment the bank has just validated."""
    three_instalments(fake, ("WaitingBankValidation", "Pending", "Pending"))
    post(client, order_notification(ORDER))
    assert Payment.objects.count() == 0
    fake.set_state(ORDER, 70001, "Authorized")
    real = HelloAssoOrder.objects.select_for_update
    calls = []

    def racing(*args, **kwargs):
        calls.append(1)
        # The first look happens before the other notification's row is visible.
        return real(*args, **kwargs).none() if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(HelloAssoOrder.objects, "select_for_update", racing)
    assert post(client, fake.payment_notification(ORDER, 70001)).content == b"recorded"
    assert len(calls) == 2
    assert [(p.amount, p.instalment_number) for p in live_payments()] == [(Decimal("30.00"), 1)]
