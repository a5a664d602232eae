"""The rules of membership periods (the Membership model is network.models.membership):
which period a payment pays for, what state a member is in.
- A paid membership is valid one year date to date (network.models.membership.one_year_from).
- On acceptance a member gets MEMBERSHIP_FIRST_FEE_DAYS to pay the first fee; the first
  payment after acceptance starts the first year on its date.
- A renewal paid before the end (the end date included) extends from the previous end date;
  one paid after a lapse starts on the payment date.
- The end date is the truth: a member lapses the day after it (Europe/Paris), whether or not a
  job has run since (network.models.MembershipQuerySet.current).
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models.membership import Membership, one_year_from

ENDING_SOON_DAYS = 30


class State:
    ACTIVE = "active"
    ENDING = "ending"
    AWAITING_FIRST_FEE = "awaiting"
    LAPSED = "lapsed"
    NONE = "none"

    LABELS = {
        ACTIVE: _("À jour"),
        ENDING: _("Se termine dans les 30 jours"),
        AWAITING_FIRST_FEE: _("Première cotisation à régler"),
        LAPSED: _("Adhésion terminée"),
        NONE: _("Jamais adhérent·e"),
    }


def first_fee_period(accepted_on):
    """(start, end) of the period a newly accepted member has to pay their first fee, listed
    in the directory meanwhile."""
    return accepted_on, accepted_on + datetime.timedelta(days=settings.MEMBERSHIP_FIRST_FEE_DAYS - 1)


def latest_membership(user):
    return user.memberships.order_by("-end_date").first()


def state_of(membership, today=None):
    """The state of a member whose latest membership period is `membership`."""
    today = today or timezone.localdate()
    if membership is None:
        return State.NONE
    if membership.end_date < today:
        return State.LAPSED
    if membership.start_date > today:  # a renewal recorded ahead never starts later than tomorrow
        return State.ACTIVE
    if membership.source == membership.Source.ACCEPTANCE:
        return State.AWAITING_FIRST_FEE
    if (membership.end_date - today).days < ENDING_SOON_DAYS:
        return State.ENDING
    return State.ACTIVE


def period_for_payment(latest, paid_on):
    """(start, end) of the period a payment made on `paid_on` pays for, given the member's
    latest membership period (None for someone who never was a member)."""
    if latest is not None and latest.source == Membership.Source.ACCEPTANCE:
        start = max(paid_on, latest.start_date)  # the first payment after acceptance
    elif latest is not None and latest.end_date >= paid_on:
        start = latest.end_date + datetime.timedelta(days=1)  # renewal before the end
    else:
        start = paid_on  # first membership, or renewal after a lapse
    return start, one_year_from(start)
