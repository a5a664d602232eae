"""The rules of the individual support: a referral comes in, a coordinator assigns a field
referent, the referent records contacts, consents and steps, and closes the support.

E-mails about a family never name it: they give the family's reference and a link to the
record, which asks for the log-in and the second factor.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import COORDINATORS
from home.mail import send_to_user
from support.models import Consent, Contact, Family, Step

logger = logging.getLogger(__name__)


def _record_url(family):
    return settings.WAGTAILADMIN_BASE_URL + reverse("support:family", args=[family.pk])


@transaction.atomic
def refer(data, referrer=None, institution=None, by=None):
    """Record a referral and the family's agreement to be contacted, and tell the coordinators."""
    family = Family.objects.create(
        referrer=referrer,
        institution=institution or referrer.institution,
        language=data.get("language"),
        **{key: data.get(key) or "" for key in ("contact_name", "phone", "email", "address", "reason", "reason_note")},
    )
    Consent.objects.create(
        family=family, purpose=Consent.Purpose.CONTACT, given=True, recorded_by=by or (referrer and referrer.user)
    )
    coordinators = get_user_model().objects.filter(is_active=True, groups__name=COORDINATORS).distinct()
    for coordinator in coordinators:
        send_to_user(
            coordinator, "support/emails/new_referral.txt", {"family": family, "url": _record_url(family)},
            _("Nouvelle orientation %(reference)s"), {"reference": family.reference},
        )
    logger.info("support: referral %s received", family.pk)
    return family


class AlreadyClosed(Exception):
    """The support was closed meanwhile (by someone else, in another tab)."""


def _open_family(family):
    """The family's row, locked for the change; AlreadyClosed when it was closed meanwhile.
    Status changes go through the locked row, never through a copy loaded earlier."""
    if not Family.objects.select_for_update().filter(pk=family.pk).exclude(status=Family.Status.CLOSED).exists():
        raise AlreadyClosed


@transaction.atomic
def assign(family, referent):
    _open_family(family)
    family.referent, family.assigned_at = referent, timezone.now()
    Family.objects.filter(pk=family.pk).update(referent=referent, assigned_at=family.assigned_at)
    Family.objects.filter(pk=family.pk, status=Family.Status.RECEIVED).update(status=Family.Status.IN_PROGRESS)
    send_to_user(
        referent, "support/emails/assigned.txt", {"family": family, "url": _record_url(family)},
        _("Une famille vous est confiée (%(reference)s)"), {"reference": family.reference},
    )
    logger.info("support: family %s assigned", family.pk)


def can_record_steps(family):
    """Steps and the path need the family's agreement to be supported, recorded at the first
    contact; until then only contacts (the first one, where the question is asked) are kept."""
    return family.status != Family.Status.CLOSED and family.consent(Consent.Purpose.SUPPORT) is True


@transaction.atomic
def add_contact(family, data, by):
    _open_family(family)
    contact = Contact.objects.create(family=family, author=by, **data)
    Family.objects.filter(pk=family.pk, status=Family.Status.RECEIVED).update(status=Family.Status.IN_PROGRESS)
    return contact


@transaction.atomic
def add_step(family, data, by):
    _open_family(family)
    return Step.objects.create(family=family, recorded_by=by, **data)


def record_consent(family, purpose, given, by):
    return Consent.objects.create(family=family, purpose=purpose, given=given, recorded_by=by)


@transaction.atomic
def close(family, outcome, summary, share_summary, by):
    _open_family(family)
    family.status = Family.Status.CLOSED
    family.closed_at = timezone.now()
    family.outcome = outcome
    family.closing_summary = summary or ""
    family.save(update_fields=["status", "closed_at", "outcome", "closing_summary"])
    if summary:
        record_consent(family, Consent.Purpose.SHARE_SUMMARY, bool(share_summary), by)
    if family.referrer_id and family.referrer.user.is_active:
        send_to_user(
            family.referrer.user, "support/emails/closed.txt",
            {"family": family, "url": settings.WAGTAILADMIN_BASE_URL + reverse("support:home")},
            _("Orientation %(reference)s : accompagnement terminé"), {"reference": family.reference},
        )
    logger.info("support: family %s closed", family.pk)


def first_contact_date(family):
    return family.contacts.order_by("date").values_list("date", flat=True).first()


def export(family):
    """Everything stored about the family, for its right of access (what is handed over)."""
    return {
        "reference": family.reference,
        "referred_at": family.referred_at.isoformat(),
        "institution": family.institution.name,
        "contact_name": family.contact_name,
        "phone": family.phone,
        "email": family.email,
        "address": family.address,
        "language": family.language.name if family.language else "",
        "reason": str(family.get_reason_display()),
        "reason_note": family.reason_note,
        "status": str(family.get_status_display()),
        "referent": family.referent.get_full_name() if family.referent else "",
        "closed_at": family.closed_at.isoformat() if family.closed_at else None,
        "outcome": str(family.get_outcome_display()) if family.outcome else "",
        "closing_summary": family.closing_summary,
        "consents": [
            {"purpose": str(c.get_purpose_display()), "given": c.given, "recorded_at": c.recorded_at.isoformat()}
            for c in family.consents.all()
        ],
        "contacts": [
            {"date": c.date.isoformat(), "kind": str(c.get_kind_display()), "with": str(c.get_with_whom_display()), "note": c.note}
            for c in family.contacts.order_by("date", "pk")
        ],
        "steps": [
            {
                "date": s.date.isoformat(), "step": str(s.get_kind_display()),
                "event": s.event.title if s.event else "", "structure": s.structure.name if s.structure else "",
            }
            for s in family.steps.select_related("event", "structure")
        ],
        "requests": [
            {"kind": str(r.get_kind_display()), "received_on": r.received_on.isoformat(),
             "completed_at": r.completed_at.isoformat() if r.completed_at else None}
            for r in family.requests.all()
        ],
    }
