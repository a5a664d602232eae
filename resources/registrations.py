"""Registrations to events: within capacity, then a waiting list promoted in order when a
place frees up; the e-mails of each transition; the reminders the day before and the erasure
of registrants' personal data after the event (both scheduled daily on the worker).

Capacity counts people (adults and children). Every change to an event's registrations
locks the event's row first (select_for_update), so simultaneous registrations are decided
one after the other and an event never overbooks. When places free up, waiting
registrations are confirmed in order of arrival, each one that fits in what is free.

The cancel link carries a token derived from the registration's random secret with the
site's secret key: a forged link matches nothing, a replayed one finds the registration
already cancelled and changes nothing. Logs carry ids only.
"""

import datetime
import logging
import secrets

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from home.mail import send_to_user
from resources import events

logger = logging.getLogger(__name__)

TOKEN_SALT = "resources.registrations.cancel"


class RegistrationRefused(Exception):
    """A registration that cannot be taken; the message says why, for the person."""


# --- Places -----------------------------------------------------------------------------

def confirmed_places(event):
    from resources.models import Registration

    totals = event.registrations.filter(status=Registration.Status.CONFIRMED).aggregate(
        adults=Sum("adults"), children=Sum("children")
    )
    return (totals["adults"] or 0) + (totals["children"] or 0)


def places_left(event):
    """Places still free (0 when full), or None when the event has no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - confirmed_places(event), 0)


def is_open(event, now=None):
    """Registrations are taken until the event begins, if the editors opened them."""
    from resources.models import Event

    now = now or timezone.now()
    return event.registration_open and event.kind != Event.Kind.COMMISSION and event.start > now


# --- Tokens -----------------------------------------------------------------------------

def cancel_token(registration):
    digest = salted_hmac(TOKEN_SALT, registration.secret, algorithm="sha256").hexdigest()[:40]
    return f"{registration.pk}-{digest}"


def registration_for_token(token):
    """The registration a cancel link names, or None for a forged or outdated link."""
    from resources.models import Registration

    pk, _sep, _digest = (token or "").partition("-")
    if not (pk.isascii() and pk.isdigit() and len(pk) <= 12):
        return None
    registration = Registration.objects.filter(pk=int(pk), erased_at__isnull=True).first()
    if registration is None or not constant_time_compare(cancel_token(registration), token):
        return None
    return registration


def cancel_url(registration):
    from resources.calendar_urls import calendar_url

    return calendar_url("cancel", cancel_token(registration), full=True, language=registration.language)


# --- Transitions ------------------------------------------------------------------------

def _locked(event):
    from resources.models import Event

    return Event.objects.select_for_update().get(pk=event.pk)


def register(event, *, name, email="", phone="", adults=1, children=0, child_age_band="", needs="",
             language=None, user=None, now=None):
    """Take a registration: confirmed if it fits in the places left, else on the waiting
    list. Raises RegistrationRefused (closed, too many people, already registered)."""
    from resources.models import Registration

    with transaction.atomic():
        event = _locked(event)
        if not is_open(event, now):
            raise RegistrationRefused(_("Les inscriptions à cet événement sont closes."))
        places = adults + children
        if event.capacity is not None and places > event.capacity:
            raise RegistrationRefused(
                _("Cet événement compte %(capacity)s places : inscrivez moins de personnes, ou contactez-nous.")
                % {"capacity": event.capacity}
            )
        active = event.registrations.exclude(status=Registration.Status.CANCELLED)
        if user is not None and active.filter(user=user).exists():
            raise RegistrationRefused(_("Vous êtes déjà inscrit·e à cet événement."))
        left = places_left(event)
        status = Registration.Status.CONFIRMED if left is None or places <= left else Registration.Status.WAITING
        position = (event.registrations.aggregate(last=Max("position"))["last"] or 0) + 1
        registration = Registration.objects.create(
            event=event, user=user, name=name, email=email, phone=phone, adults=adults, children=children,
            child_age_band=child_age_band, needs=needs, status=status, position=position,
            language=language or translation.get_language() or settings.LANGUAGE_CODE,
            secret=secrets.token_hex(16),
        )
        notify(registration, "confirmed" if status == Registration.Status.CONFIRMED else "waiting")
    logger.info("event %s: registration %s %s", event.pk, registration.pk, status)
    return registration


def cancel(registration, now=None):
    """Cancel a registration (its own link, or a member from Mon espace). Cancelling twice
    changes nothing. A confirmed place freed goes to the waiting list. True if it was
    cancelled now."""
    from resources.models import Registration

    with transaction.atomic():
        event = _locked(registration.event)
        registration = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED or event.start <= (now or timezone.now()):
            return False  # already cancelled; or the event has begun: attendance is what counts now
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now or timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        notify(registration, "cancelled")
        promoted = promote(event, now) if was_confirmed else []
    logger.info("event %s: registration %s cancelled, %s promoted", event.pk, registration.pk, len(promoted))
    return True


def promote(event, now=None):
    """Confirm waiting registrations, in order of arrival, each one that fits in the places
    now free; each is told by e-mail. The caller holds the event's lock. Nobody is promoted
    once the event has begun."""
    from resources.models import Registration

    now = now or timezone.now()
    if event.start <= now:
        return []
    left = places_left(event)
    promoted = []
    waiting = event.registrations.filter(status=Registration.Status.WAITING).order_by("position", "pk")
    for registration in waiting:
        if left is not None and registration.places > left:
            continue
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        notify(registration, "promoted")
        promoted.append(registration)
        if left is not None:
            left -= registration.places
    return promoted


def tell_registrants(event, kind, now=None):
    """Tell every active registrant of an event to come that it changed ("changed": date,
    time or place) or will not take place ("event_cancelled": deleted, before its
    registrations go with it). Returns how many were e-mailed."""
    from resources.models import Registration

    if event.start <= (now or timezone.now()):
        return 0
    told = 0
    for registration in event.registrations.exclude(status=Registration.Status.CANCELLED).select_related("user"):
        told += bool(notify(registration, kind))
    logger.info("event %s %s: %s registrants told", event.pk, kind, told)
    return told


def capacity_changed(event):
    """After an editor raised the capacity (or removed it): promote who now fits."""
    with transaction.atomic():
        return promote(_locked(event))


# --- E-mails ----------------------------------------------------------------------------

SUBJECTS = {
    "confirmed": _("Inscription confirmée : %(title)s"),
    "waiting": _("Liste d'attente : %(title)s"),
    "promoted": _("Une place s'est libérée : vous êtes inscrit·e à %(title)s"),
    "cancelled": _("Inscription annulée : %(title)s"),
    "reminder": _("Rappel : %(title)s, demain"),
    "changed": _("Changement de date ou de lieu : %(title)s"),
    "event_cancelled": _("Événement annulé : %(title)s"),
}


def notify(registration, kind):
    """E-mail the registrant about a transition, in their language, through the outbox
    (sent by the worker once the transaction commits, retried if the server fails). Parents
    who left only a phone number get no e-mail: the team calls them."""
    from resources.calendar_urls import calendar_url

    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "kind": kind,
        "cancel_url": cancel_url(registration) if kind not in ("cancelled", "event_cancelled") else "",
        "event_url": "" if kind == "event_cancelled" else calendar_url(
            "event", event.pk, full=True, language=registration.language),
    }
    subject = SUBJECTS[kind]
    if registration.user_id is not None:
        user = registration.user
        if kind in ("confirmed", "cancelled"):
            return False  # a member acts from Mon espace and sees the result there
        if event.audience != event.Audience.PUBLIC and not events.can_see(user, event):
            return False  # a lapsed membership: nothing more about the network's meetings
        with timezone.override(settings.TIME_ZONE):
            return send_to_user(user, f"resources/emails/registration_{kind}.txt", context, subject,
                                {"title": event.title})
    if not registration.email:
        return False
    # Paris times, whatever time zone the editor who triggered it chose for the admin.
    with translation.override(registration.language or settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        body = render_to_string(f"resources/emails/registration_{kind}.txt", context)
        EmailMessage(str(subject) % {"title": event.title}, body, to=[registration.email]).send()
    return True


# --- Scheduled jobs (the worker) -----------------------------------------------------------

def send_reminders(today=None):
    """Daily: remind every confirmed registrant of tomorrow's events (Paris dates). Each
    registration is reminded once, even if the job runs twice."""
    from resources.models import Event, Registration

    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    sent = 0
    for event in Event.objects.filter(start__gte=start, start__lt=end).select_related("venue"):
        with transaction.atomic():
            due = list(event.registrations.select_for_update(of=("self",)).select_related("user").filter(
                status=Registration.Status.CONFIRMED, reminded_at__isnull=True, erased_at__isnull=True
            ))
            for registration in due:
                registration.event = event  # one venue query for all
                if notify(registration, "reminder"):
                    sent += 1
            Registration.objects.filter(pk__in=[r.pk for r in due]).update(reminded_at=timezone.now())
    logger.info("event reminders: %s sent", sent)
    return sent


def blank_registrants(registrations, now):
    """Blank who registered (account, name, e-mail, phone, needs), keeping the numbers for
    the reports; the cancel links die with the secret."""
    from resources.models import Registration

    for registration in registrations:
        registration.user = None
        registration.name = registration.email = registration.phone = registration.needs = ""
        registration.secret = secrets.token_hex(16)
        registration.erased_at = now
    Registration.objects.bulk_update(
        registrations, ["user", "name", "email", "phone", "needs", "secret", "erased_at"], batch_size=500
    )


def erase_past_registrants(now=None):
    """Daily: blank the personal data of the registrations of events that ended more than
    EVENT_REGISTRANTS_RETENTION_DAYS ago. The numbers (adults, children, age band, status,
    attendance) stay for the annual report; the cancel links die with the secret."""
    from django.db.models.functions import Coalesce

    from resources.models import Event, Registration

    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.EVENT_REGISTRANTS_RETENTION_DAYS)
    events = Event.objects.alias(over=Coalesce("end", "start")).filter(over__lt=limit, registrants_erased_at__isnull=True)
    erased = 0
    for event in events.only("pk"):
        with transaction.atomic():
            # Members' registrations hold no personal field (their account does): their
            # participation in the network's meetings is part of their membership record.
            parents = list(Registration.objects.select_for_update().filter(
                event_id=event.pk, erased_at__isnull=True, user__isnull=True).only("pk"))
            blank_registrants(parents, now)
            erased += len(parents)
            Event.objects.filter(pk=event.pk).update(registrants_erased_at=now)
    logger.info("event registrants: %s registrations erased", erased)
    return erased
