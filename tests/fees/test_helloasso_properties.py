"""HelloAsso notifications in any order, checked against a plain reference written from the
rule (issue 18), through the real receiver and the fake API on loopback.

The rule (README, "Paiement en ligne (HelloAsso)", and docs/tresorerie-helloasso.md):
- each instalment HelloAsso reports as authorised is one payment, with its receipt, for the
  instalment's share of the fee; waiting for the bank records nothing yet; refunded, being
  refunded or contested cancels it (the row and its receipt stay, marked cancelled);
- what was received is the sum of the authorised instalments that are not cancelled, and the
  live receipts add up to it;
- the first instalment received opens the membership period; a later one never moves it; a
  payment never shortens a membership, only a cancellation does; a cancelled instalment hands
  the period to another live instalment of the same fee, else the period goes;
- the same notification twice is handled once.

Generated: a fee in 1 to 4 instalments, each going through HelloAsso's states along the
transitions HelloAsso makes (Pending → WaitingBankValidation/WaitingBankWithdraw →
Authorized or Refused; Authorized → Refunding → Refunded; Authorized → Contested →
Authorized or Refunded), with notifications (of the order or of one payment) arriving at any
moment, repeated or not. HelloAsso always notifies after a change, so the last step is one.
"""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accounts.factories import UserFactory
from fees.models import Payment
from network.models import Membership
from tests.fees.fake_helloasso import FakeHelloAsso
from tests.fees.helloasso_setup import PAYER_EMAIL, configure, iso, order_notification, post
from tests.properties import examples, rolled_back

pytestmark = pytest.mark.django_db

ORDER = "48400001"
CANCELLING = {"Refunded", "Refunding", "Contested"}
TRANSITIONS = {
    "Pending": {"WaitingBankValidation", "WaitingBankWithdraw", "Authorized", "Refused"},
    "WaitingBankValidation": {"Authorized", "Refused"},
    "WaitingBankWithdraw": {"Authorized", "Refused"},
    "Authorized": {"Refunding", "Refunded", "Contested"},
    "Refunding": {"Refunded"},
    "Contested": {"Authorized", "Refunded"},
    "Refused": set(),
    "Refunded": set(),
}
STATES = sorted(TRANSITIONS)

instalment_amounts = st.lists(st.integers(min_value=100, max_value=6000), min_size=1, max_size=4)
first_states = st.sampled_from(["Pending", "WaitingBankValidation", "WaitingBankWithdraw", "Authorized"])
step = st.one_of(
    st.tuples(st.just("change"), st.integers(0, 3), st.sampled_from(STATES)),
    st.tuples(st.just("notify"), st.one_of(st.none(), st.integers(0, 3)), st.just("")),
)


@pytest.fixture(scope="module")
def fake_server():
    server = FakeHelloAsso().start()
    yield server
    server.stop()


def observe(reference, states):
    """The reference's reading of one notification: HelloAsso's states as they stand."""
    for k, state in enumerate(states):
        live = reference["live"][k]
        if state == "Authorized" and not live:
            reference["live"][k] = True
            reference["receipts"] += 1
        elif state in CANCELLING and live:
            reference["live"][k] = False
            reference["cancelled"] += 1


def covered_days(user):
    return {
        (m.start_date, m.end_date) for m in Membership.objects.filter(user=user)
    }


@examples(40)
@given(amounts=instalment_amounts, starts=st.lists(first_states, min_size=4, max_size=4),
       steps=st.lists(step, min_size=1, max_size=14))
def test_what_is_recorded_is_what_was_received(client, settings, fake_server, amounts, starts, steps):
    configure(settings, fake_server)
    with rolled_back():
        member = UserFactory(username="payer", email=PAYER_EMAIL, groups=["Members"])
        today = datetime.date.today()
        first_day = today - datetime.timedelta(days=150)
        states = [starts[k] for k in range(len(amounts))]
        ids = [81000 + k for k in range(len(amounts))]
        fake_server.orders.clear()
        fake_server.instalment_order(ORDER, [
            (ids[k], amounts[k], states[k], iso(first_day + datetime.timedelta(days=30 * k)))
            for k in range(len(amounts))
        ])
        reference = {"live": [False] * len(amounts), "receipts": 0, "cancelled": 0}
        steps = [*steps, ("notify", None, "")]
        previous_period = None

        for action, k, target in steps:
            if action == "change":
                if k < len(amounts) and target in TRANSITIONS[states[k]]:
                    states[k] = target
                    fake_server.set_state(ORDER, ids[k], target)
                continue
            cancelled_before = reference["cancelled"]
            payload = (order_notification(ORDER) if k is None or k >= len(amounts)
                       else fake_server.payment_notification(ORDER, ids[k]))
            response = post(client, payload)
            observe(reference, states)
            if not any(s in {"Authorized", "WaitingBankValidation", "WaitingBankWithdraw"} | CANCELLING
                       for s in states) and reference["receipts"] == 0:
                # Nothing paid, on its way or refunded yet (only future or refused payments).
                assert response.status_code in (200, 400)
            else:
                assert response.status_code == 200, response.content

            # Sum received = the authorised instalments not cancelled; receipts add up to it.
            live = list(Payment.objects.filter(cancelled_at__isnull=True))
            expected = sum((Decimal(amounts[i]) / 100 for i, is_live in enumerate(reference["live"]) if is_live),
                           Decimal("0"))
            assert sum((p.amount for p in live), Decimal("0")) == expected
            assert {p.helloasso_payment_id for p in live} == {
                str(ids[i]) for i, is_live in enumerate(reference["live"]) if is_live}
            # Once per change: as many receipts as authorisations seen, as many cancelled as undone.
            assert Payment.objects.count() == reference["receipts"]
            assert Payment.objects.filter(cancelled_at__isnull=False).count() == reference["cancelled"]
            for payment in live:
                assert payment.amount == Decimal(amounts[ids.index(int(payment.helloasso_payment_id))]) / 100

            # One period, held by one live instalment, the others pointing at it; none without.
            periods = list(Membership.objects.filter(user=member))
            holders = [p for p in live if p.membership_id]
            if live:
                assert len(periods) == 1 and len(holders) == 1
                period = periods[0]
                assert all(p.instalment_period_id == period.pk for p in live if p is not holders[0])
                if previous_period is None:
                    # Opened by the first instalment received (the member had no period before).
                    opening = min(i for i, is_live in enumerate(reference["live"]) if is_live)
                    assert period.start_date == first_day + datetime.timedelta(days=30 * opening)
                # Never shortened by a payment: only a cancellation may take days away.
                if previous_period is not None and reference["cancelled"] == cancelled_before:
                    assert period.start_date <= previous_period[0] and period.end_date >= previous_period[1]
                previous_period = (period.start_date, period.end_date)
            else:
                assert periods == [] and holders == []
                previous_period = None
