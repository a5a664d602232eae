"""Messages around the end of a membership, sent by a daily job on the worker.

Each membership period gets at most one message of each kind, and only the one that fits
today: a worker stopped for days sends, when it comes back, the single message that is due
now (never the ones it missed), and nothing about periods that ended long ago. A message
and the record that it was sent are written in one transaction, under a unique constraint,
so two runs at once cannot send the same message twice.

- ENDS_IN_30: 30 to 8 days before the end (not for the short period to pay a first fee)
- ENDS_IN_7: 7 days before the end to the end date
- LAPSED: the day after the end until 13 days after: the profile has left the directory
- LAPSED_14: 14 to 30 days after the end, a last reminder
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fees.membership import how_to_pay
from home.mail import send_to_user
from network.models import Membership

logger = logging.getLogger(__name__)

# kind: (first, last) value of (end date - today) in days when it is due
WINDOWS = {
    "ends_in_30": (30, 8),
    "ends_in_7": (7, 0),
    "lapsed": (-1, -13),
    "lapsed_14": (-14, -30),
}
ORDER = list(WINDOWS)
REACH = max(abs(days) for window in WINDOWS.values() for days in window)  # 30 days either side


def due_kind(membership, today):
    days_left = (membership.end_date - today).days
    for kind, (first, last) in WINDOWS.items():
        if last <= days_left <= first:
            if kind == "ends_in_30" and (membership.end_date - membership.start_date).days < 30:
                return None
            return kind
    return None


def candidates(today):
    """Each member's latest membership period, when it ends around today."""

    later = Membership.objects.filter(user_id=OuterRef("user_id"), end_date__gt=OuterRef("end_date"))
    return (
        Membership.objects.filter(
            end_date__gte=today - datetime.timedelta(days=REACH),
            end_date__lte=today + datetime.timedelta(days=REACH),
            user__is_active=True,
        )
        .exclude(user__email="")
        .exclude(Exists(later))
        .select_related("user")
        .prefetch_related("notices")
    )


SUBJECTS = {
    "ends_in_30": _("Votre adhésion au réseau Parentescence se termine bientôt"),
    "ends_in_7": _("Votre adhésion au réseau Parentescence se termine dans quelques jours"),
    "lapsed": _("Votre adhésion au réseau Parentescence est terminée"),
    "lapsed_14": _("Renouveler votre adhésion au réseau Parentescence"),
}


def notice_context(membership, shared=None):
    return {
        **(shared or how_to_pay()),
        "membership": membership,
        "first_fee": membership.source == membership.Source.ACCEPTANCE,
        "base_url": settings.WAGTAILADMIN_BASE_URL,
    }


def send_notice(membership, kind, today, shared=None):
    """Record and send one notice; False when another run already did."""
    from fees.models import MembershipNotice

    try:
        with transaction.atomic():
            MembershipNotice.objects.create(membership=membership, kind=kind, sent_on=today)
            send_to_user(
                membership.user, f"fees/emails/notice_{kind}.txt", notice_context(membership, shared), SUBJECTS[kind]
            )
    except IntegrityError:
        return False
    return True


def send_membership_notices(today=None):
    """Daily job. Logs counts only."""
    today = today or timezone.localdate()
    sent = 0
    shared = how_to_pay()  # the same for every notice of the run
    for membership in candidates(today):
        kind = due_kind(membership, today)
        if kind is None:
            continue
        already = {notice.kind for notice in membership.notices.all()}
        if any(k in already for k in ORDER[ORDER.index(kind):]):
            continue
        sent += send_notice(membership, kind, today, shared)
    logger.info("Membership notices: %s sent.", sent)
    return sent
