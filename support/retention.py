"""Erasing families' data on schedule (a daily worker job) or on request.

- A closed support: SUPPORT_CLOSED_RETENTION_MONTHS (default 24) after its closure; a support
  left in progress without any activity for as long, likewise.
- A referral the family refused or never answered (closed as refused or unreachable, or never
  taken up): SUPPORT_UNANSWERED_RETENTION_MONTHS (default 6) after closure or referral.
- The read log: SUPPORT_ACCESS_LOG_RETENTION_MONTHS (default 24).
An erased family leaves an `AnonymisedSupport` row (months, category, counts) for the
statistics, nothing else. The job reports counts only (its log line and an `ErasureRun`).
"""

import calendar
import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from support.models import AccessLog, AnonymisedSupport, Consent, Contact, DataRequest, ErasureRun, Family, Step
from support.statistics import anonymised_facts

logger = logging.getLogger(__name__)


def months_after(day, months):
    """The same day `months` months later (earlier when negative); the month's last day when
    it is shorter."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def months_before(moment, months):
    """Midnight (Paris) of the same day `months` months before `moment`."""
    return timezone.make_aware(datetime.combine(months_after(timezone.localdate(moment), -months), time.min))


def period_start(moment, months):
    """Midnight (Paris) of the first day still within a period of `months` months on `moment`'s
    day: what is dated before it is past its period (its day + `months` months is over). When
    that day was shortened to a month's end (31 August - 6 months: 28 February), the month's
    last day is past too (28 February + 6 months is 28 August), so the period starts the day
    after."""
    today = timezone.localdate(moment)
    day = months_after(today, -months)
    if day.day < today.day:
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time.min))


@transaction.atomic
def erase(family_pk, on_request=False):
    """Erase a family's record (contacts, steps, consents, requests go with it), keeping the
    anonymised numbers; the read log keeps the reference only. Nothing encrypted is read, so a
    record a lost key cannot open is still erased. False when it was erased already (a double
    click, the job at the same moment): the numbers are kept once."""
    family = (
        Family.objects.select_for_update(of=("self",)).filter(pk=family_pk)
        .only("pk", "referred_at", "institution_id", "reason", "closed_at", "outcome")
        .prefetch_related(
            Prefetch("contacts", Contact.objects.only("pk", "family_id", "date")),
            Prefetch("steps", Step.objects.only("pk", "family_id", "kind")),
        )
        .first()
    )
    if family is None:
        return False
    AnonymisedSupport.objects.create(**anonymised_facts(family), erased_on_request=on_request)
    # Deleting loads the rows it cascades through: primary keys only, never an encrypted column.
    for model in (Contact, Step, Consent, DataRequest):
        model.objects.filter(family_id=family_pk).only("pk").delete()
    AccessLog.objects.filter(family_id=family_pk).update(family=None)
    Family.objects.filter(pk=family_pk).only("pk").delete()
    return True


def due_for_erasure(now=None):
    """(closed, unanswered) querysets of families past their retention period. A support left
    in progress with no activity (referral, assignment, contact) for the closed period counts
    as closed: an abandoned record is not kept forever."""
    now = now or timezone.now()
    closed_before = period_start(now, settings.SUPPORT_CLOSED_RETENTION_MONTHS)
    unanswered_before = period_start(now, settings.SUPPORT_UNANSWERED_RETENTION_MONTHS)
    unanswered = Family.objects.filter(
        Q(status=Family.Status.CLOSED, outcome__in=Family.UNANSWERED_OUTCOMES, closed_at__lt=unanswered_before)
        | Q(status=Family.Status.RECEIVED, referred_at__lt=unanswered_before, contacts__isnull=True)
    )
    recent_contact = Contact.objects.filter(family=OuterRef("pk"), date__gte=timezone.localdate(closed_before))
    closed = Family.objects.filter(
        Q(status=Family.Status.CLOSED, closed_at__lt=closed_before) & ~Q(outcome__in=Family.UNANSWERED_OUTCOMES)
        | Q(status=Family.Status.IN_PROGRESS, referred_at__lt=closed_before)
        & (Q(assigned_at__isnull=True) | Q(assigned_at__lt=closed_before)) & ~Exists(recent_contact)
    )
    return closed, unanswered


def erase_expired():
    """Worker job (daily): erase what is past its retention period; report counts only."""
    now = timezone.now()
    closed, unanswered = due_for_erasure(now)
    counts = {"closed": 0, "unanswered": 0}
    for key, queryset in (("closed", closed), ("unanswered", unanswered)):
        for pk in set(queryset.values_list("pk", flat=True)):
            counts[key] += erase(pk)
    log_before = period_start(now, settings.SUPPORT_ACCESS_LOG_RETENTION_MONTHS)
    log_entries = AccessLog.objects.filter(at__lt=log_before).delete()[0]
    ErasureRun.objects.create(ran_at=now, closed=counts["closed"], unanswered=counts["unanswered"], log_entries=log_entries)
    report = (
        f"support retention: erased {counts['closed']} closed supports, {counts['unanswered']} unanswered "
        f"or refused referrals, {log_entries} read-log entries"
    )
    logger.info(report)
    return report
