"""Membership periods (fees.membership.record_payment, network.models.Membership), checked
against a plain reference written from the rule.

The rule (README, "Adhésions et cotisations", and fees/membership.py):
- The membership (30 €) is valid one year date to date: paid on 15 March, it runs until
  14 March inclusive; paid on 29 February, until 28 February.
- On acceptance the member gets a 30-day period to pay the first fee; the first payment
  replaces it by a year from the day of the payment.
- A renewal paid before the end (the end date included) runs from the day after the end: no
  day is lost. Paid after the end, it runs from the day of the payment.
- Dates are Paris dates: the day after the end date (Europe/Paris) the person is no longer a
  member, and is again as soon as the payment is recorded; a payment cannot be dated later
  than today in Paris; receipts are numbered per year (the year of issue, in Paris).

Invariants: a payment never shortens a membership (the end date never moves earlier, no day
already paid for is lost); paid periods never overlap; a renewal paid before the end follows
the previous period with neither gap nor overlap.

The first payment after acceptance is generated on or after the acceptance date (the rule
speaks of a payment *after* acceptance). Times are generated in UTC around midnight, so that
the Paris date is often the next day (23:30 UTC on 31 December is 1 January in Paris), and
around 29 February, year ends and the clock changes.
"""

import datetime
from decimal import Decimal
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from accounts.factories import UserFactory
from fees import membership as rules
from fees.models import Payment
from network.models import Membership
from tests.properties import examples, rolled_back

pytestmark = pytest.mark.django_db

UTC = datetime.timezone.utc
PARIS = ZoneInfo("Europe/Paris")
DAY = datetime.timedelta(days=1)
FEE = Decimal("30.00")
D = datetime.date

# -- The reference, from the rule alone ---------------------------------------------------


def paris_date(moment):
    return moment.astimezone(PARIS).date()


def year_end(start):
    """Date to date: the day before the first anniversary of `start` (the anniversary of
    29 February, in a year without one, is 1 March)."""
    try:
        anniversary = D(start.year + 1, start.month, start.day)
    except ValueError:
        anniversary = D(start.year + 1, 3, 1)
    return anniversary - DAY


class Reference:
    """A member's periods as the rule makes them: dicts with start, end and source."""

    def __init__(self, accepted_on=None):
        self.periods = []
        if accepted_on is not None:
            self.periods.append({"start": accepted_on, "end": accepted_on + 29 * DAY, "source": "acceptance"})

    def latest(self):
        return max(self.periods, key=lambda p: p["end"]) if self.periods else None

    def pay(self, paid_on):
        latest = self.latest()
        if latest is not None and latest["source"] == "acceptance":
            self.periods.remove(latest)  # the first payment: a year from its day
            start = paid_on
        elif latest is not None and paid_on <= latest["end"]:
            start = latest["end"] + DAY  # a renewal before the end: from the day after it
        else:
            start = paid_on  # the first membership, or after the end
        period = {"start": start, "end": year_end(start), "source": "payment"}
        self.periods.append(period)
        return period

    def member_on(self, day):
        return any(p["start"] <= day <= p["end"] for p in self.periods)

    def rows(self):
        return sorted((p["start"], p["end"], p["source"]) for p in self.periods)


def covered(day, periods):
    return any(start <= day <= end for start, end in periods)


def paid_days_kept(before, after):
    """Every day of the `before` periods is in one of the `after` periods: checked on the
    first and last days of each period and the days where an `after` period starts or ends."""
    for start, end in before:
        edges = {start, end} | {d for s, e in after for d in (s - DAY, s, e, e + DAY) if start <= d <= end}
        if not all(covered(day, after) for day in edges):
            return False
    return True


# -- Generated histories ------------------------------------------------------------------

ANCHORS = [D(2023, 12, 31), D(2024, 2, 28), D(2024, 2, 29), D(2025, 2, 28), D(2026, 3, 29), D(2026, 10, 25),
           D(2026, 12, 31), D(2027, 2, 28), D(2028, 2, 29)]
# UTC times: 22:30 and 23:30 UTC are already the next day in Paris (in summer, or all year).
TIMES = [datetime.time(0, 30), datetime.time(12), datetime.time(21, 30), datetime.time(22, 30), datetime.time(23, 30)]
LAGS = [0, 0, 0, 1, 2, 31]  # days between the payment and its recording (a cheque typed in later)

step = st.tuples(
    st.one_of(
        # Recorded some days after the previous payment was: the same day, a year on, later...
        st.tuples(st.just("after"), st.one_of(st.sampled_from([0, 1, 30, 364, 365, 366, 367]), st.integers(0, 800))),
        # Recorded (Paris date) on the day before the end, the end date, the day after.
        st.tuples(st.just("end"), st.sampled_from([-1, 0, 1])),
    ),
    st.sampled_from(TIMES),
    st.sampled_from(LAGS),
)
history = st.fixed_dictionaries({
    "first_day": st.tuples(st.sampled_from(ANCHORS), st.integers(-2, 2)).map(lambda a: a[0] + a[1] * DAY),
    "first_time": st.sampled_from(TIMES),
    "first_lag": st.sampled_from(LAGS),
    # Accepted this many days before the first recording (30 or more: the first fee is late).
    "accepted": st.one_of(st.none(), st.sampled_from([0, 1, 29, 30, 45])),
    "steps": st.lists(step, max_size=4),
})


def moment_on(paris_day, utc_time):
    """The moment at `utc_time` (UTC) whose Paris date is `paris_day`."""
    for utc_day in (paris_day - DAY, paris_day):
        moment = datetime.datetime.combine(utc_day, utc_time, tzinfo=UTC)
        if paris_date(moment) == paris_day:
            return moment
    raise AssertionError("no such moment")


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def db_rows(user):
    return sorted(Membership.objects.filter(user=user).values_list("start_date", "end_date", "source"))


@examples(30)
@given(h=history)
def test_payments_make_the_periods_the_rule_makes(h):
    """Payment after payment (first one, after acceptance, renewals before and after the
    end, on the end date), each recorded at its moment: the member's periods are the
    reference's; the payment pays for the period the reference gives it, its receipt is
    numbered in the Paris year; the member is a member at that moment; the end never moves
    earlier, no paid day is lost, paid periods never overlap, and a renewal paid before the
    end follows the previous period without gap or overlap."""
    with rolled_back():
        user = UserFactory()
        moment = datetime.datetime.combine(h["first_day"], h["first_time"], tzinfo=UTC)
        accepted_on = None if h["accepted"] is None else paris_date(moment) - h["accepted"] * DAY
        reference = Reference(accepted_on)
        if accepted_on is not None:
            Membership.objects.create(user=user, start_date=accepted_on, end_date=accepted_on + 29 * DAY,
                                      source=Membership.Source.ACCEPTANCE)

        plan = [(None, h["first_lag"])] + [((kind, time), lag) for kind, time, lag in h["steps"]]
        for how, lag in plan:
            if how is not None:
                (kind, value), utc_time = how
                if kind == "after":
                    moment = datetime.datetime.combine(moment.date() + value * DAY, utc_time, tzinfo=UTC)
                else:
                    moment = moment_on(reference.latest()["end"] + value * DAY, utc_time)
            today = paris_date(moment)
            paid_on = today - lag * DAY
            if accepted_on is not None and paid_on < accepted_on:
                paid_on = accepted_on  # a payment after acceptance (see the docstring)

            before = db_rows(user)
            end_before = max((end for _, end, _ in before), default=None)
            paid_before = [(s, e) for s, e, source in before if source == "payment"]
            latest_before = reference.latest()

            with at(moment):
                payment = rules.record_payment(user, paid_on=paid_on, amount=FEE, method="cheque")
            expected = reference.pay(paid_on)

            after = db_rows(user)
            assert after == reference.rows()
            payment.refresh_from_db()
            assert (payment.membership.start_date, payment.membership.end_date) == (expected["start"], expected["end"])
            assert payment.receipt_year == today.year
            with at(moment):
                assert Membership.objects.held_by(user) is reference.member_on(today) is True

            # The invariants, whatever the reference says.
            end_after = max(end for _, end, _ in after)
            assert end_before is None or end_after >= end_before
            paid_after = [(s, e) for s, e, source in after if source == "payment"]
            assert paid_days_kept(paid_before, paid_after)
            ordered = sorted(paid_after)
            assert all(previous[1] < following[0] for previous, following in zip(ordered, ordered[1:]))
            if latest_before is not None and latest_before["source"] == "payment" and paid_on <= latest_before["end"]:
                assert payment.membership.start_date == latest_before["end"] + DAY
            assert payment.membership.end_date == year_end(payment.membership.start_date)


@examples(20)
@given(day=st.tuples(st.sampled_from(ANCHORS), st.integers(-1, 1)).map(lambda a: a[0] + a[1] * DAY),
       utc_time=st.sampled_from(TIMES))
def test_a_payment_is_dated_in_paris(day, utc_time):
    """At any moment, a payment dated today in Paris is recorded (even when it is still
    yesterday in UTC) and starts a year on that day; one dated tomorrow in Paris is refused,
    and nothing is stored."""
    moment = datetime.datetime.combine(day, utc_time, tzinfo=UTC)
    today = paris_date(moment)
    with rolled_back():
        user = UserFactory()
        with at(moment):
            with pytest.raises(ValidationError):
                rules.record_payment(user, paid_on=today + DAY, amount=FEE, method="cash")
            assert not Payment.objects.filter(user=user).exists() and db_rows(user) == []

            payment = rules.record_payment(user, paid_on=today, amount=FEE, method="cash")
            assert (payment.membership.start_date, payment.membership.end_date) == (today, year_end(today))
            assert payment.receipt_year == today.year
            assert Membership.objects.held_by(user)


def test_examples():
    """The README's examples, and 23:30 UTC on 31 December (1 January in Paris)."""
    assert year_end(D(2026, 3, 15)) == D(2027, 3, 14)
    assert year_end(D(2024, 2, 29)) == D(2025, 2, 28)
    assert year_end(D(2023, 3, 1)) == D(2024, 2, 29)
    assert year_end(D(2026, 1, 1)) == D(2026, 12, 31)

    user = UserFactory()
    new_year_eve = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    with at(new_year_eve):
        first = rules.record_payment(user, paid_on=D(2027, 1, 1), amount=FEE, method="cheque")
        renewal = rules.record_payment(user, paid_on=D(2027, 1, 1), amount=FEE, method="cheque")
    assert (first.membership.start_date, first.membership.end_date) == (D(2027, 1, 1), D(2027, 12, 31))
    assert (renewal.membership.start_date, renewal.membership.end_date) == (D(2028, 1, 1), D(2028, 12, 31))
    assert (first.receipt_number, renewal.receipt_number) == ("2027-0001", "2027-0002")
