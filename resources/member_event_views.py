"""Mon espace: the network's meetings a member registers to, the events they facilitate,
and, for facilitators and editors, an event's registrants and their attendance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.models import Membership
from resources import access, events, registrations
from resources.calendar import private_feed_url
from resources.calendar_urls import calendar_url
from resources.models import Event, Registration


@login_required
def my_events(request):
    user = request.user
    member = Membership.objects.held_by(user)
    meetings = events.upcoming(Event.objects.filter(kind__in=Event.NETWORK_KINDS)) if member else Event.objects.none()
    mine = {
        registration.event_id: registration
        for registration in user.event_registrations.exclude(status=Registration.Status.CANCELLED)
    }
    rows = []
    for event in meetings.select_related("venue"):
        rows.append({
            "event": event,
            "registration": mine.get(event.pk),
            "open": registrations.is_open(event),
            "places_left": registrations.places_left(event),
            "url": calendar_url("event", event.pk),
        })
    attended = (
        user.event_registrations.filter(attended=True, event__kind__in=Event.NETWORK_KINDS)
        .select_related("event").order_by("-event__start")
    )
    # What they facilitate, while they may still see it (a lapsed facilitator: nothing).
    mine_to_run = user.facilitated_events.filter(audience__in=events.audiences_for(user)) if member else Event.objects.none()
    facilitated = events.upcoming(mine_to_run)
    past_facilitated = mine_to_run.filter(start__lt=timezone.now()).order_by("-start")[:10]
    context = {
        "member": member,
        "rows": rows,
        "attended": attended,
        "facilitated": facilitated,
        "past_facilitated": past_facilitated,
        "calendar_feed_url": private_feed_url(request, user),
    }
    return access.private(TemplateResponse(request, "resources/member/my_events.html", context))


def member_meeting(request, pk):
    event = get_object_or_404(Event, pk=pk, kind__in=Event.NETWORK_KINDS)
    if not Membership.objects.held_by(request.user):
        raise PermissionDenied
    return event


@login_required
@require_POST
def register(request, pk):
    event = member_meeting(request, pk)
    try:
        registration = registrations.register(event, name="", user=request.user,
                                              language=request.user.preferred_language or None)
    except registrations.RegistrationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("Vous êtes inscrit·e à « %(title)s ».") % {"title": event.title})
        else:
            messages.warning(request, _("« %(title)s » est complet : vous êtes sur la liste d'attente ; vous serez "
                                        "prévenu·e par e-mail si une place se libère.") % {"title": event.title})
    return redirect("events:my_events")


@login_required
@require_POST
def unregister(request, pk):
    event = get_object_or_404(Event, pk=pk, kind__in=Event.NETWORK_KINDS)
    registration = request.user.event_registrations.filter(event=event).exclude(
        status=Registration.Status.CANCELLED).first()
    if registration is None:
        messages.error(request, _("Vous n'êtes pas inscrit·e à cette rencontre."))
    elif registrations.cancel(registration):
        messages.success(request, _("Votre inscription à « %(title)s » est annulée.") % {"title": event.title})
    else:
        messages.error(request, _("La rencontre a commencé : l'inscription ne peut plus être annulée."))
    return redirect("events:my_events")


@login_required
def attendance(request, pk):
    """The registrants of an event, for its facilitators and the editors; once the event
    has begun, they mark who came and count those who came without registering."""
    event = get_object_or_404(Event.objects.select_related("venue"), pk=pk)
    if not events.can_manage_attendance(request.user, event):
        raise PermissionDenied
    started = event.start <= timezone.now()
    typed = None
    active = event.registrations.exclude(status=Registration.Status.CANCELLED).select_related("user")
    if request.method == "POST":
        if not started:
            messages.error(request, _("Les présences se notent une fois l'événement commencé."))
            return redirect("events:attendance", event.pk)
        errors = save_attendance(event, request.POST)
        if errors:
            messages.error(request, errors)
            typed = {"walk_in_adults": request.POST.get("walk_in_adults", ""),
                     "walk_in_children": request.POST.get("walk_in_children", "")}
        else:
            messages.success(request, _("Les présences sont enregistrées."))
            return redirect("events:attendance", event.pk)
    confirmed = [r for r in active if r.status == Registration.Status.CONFIRMED]
    context = {
        "event": event,
        "started": started,
        "confirmed": confirmed,
        "waiting": [r for r in active if r.status == Registration.Status.WAITING],
        "cancelled_count": event.registrations.filter(status=Registration.Status.CANCELLED).count(),
        "places_left": registrations.places_left(event),
        "present_adults": sum(r.adults for r in confirmed if r.attended) + event.walk_in_adults,
        "present_children": sum(r.children for r in confirmed if r.attended) + event.walk_in_children,
        "event_url": calendar_url("event", event.pk),
        "walk_ins": typed or {"walk_in_adults": event.walk_in_adults, "walk_in_children": event.walk_in_children},
    }
    return access.private(TemplateResponse(request, "resources/member/attendance.html", context))


def walk_in_numbers(data):
    """The numbers of adults and children who came without registering, or an error."""
    try:
        adults = int(data.get("walk_in_adults") or 0)
        children = int(data.get("walk_in_children") or 0)
    except ValueError:
        return None, _("Les nombres de personnes venues sans inscription doivent être des nombres entiers : "
                       "les présences sont enregistrées, corrigez ces nombres.")
    if not (0 <= adults <= 500 and 0 <= children <= 500):
        return None, _("Les nombres de personnes venues sans inscription doivent être entre 0 et 500 : "
                       "les présences sont enregistrées, corrigez ces nombres.")
    return (adults, children), ""


def save_attendance(event, data):
    """Record who came (present / absent / not recorded) and the walk-ins. The marks are
    saved even when the walk-in numbers are wrong (nothing typed is lost). Returns an error
    message, or "" when everything is saved."""
    walk_ins, error = walk_in_numbers(data)
    values = {"present": True, "absent": False, "": None}
    with transaction.atomic():
        for registration in event.registrations.select_for_update().filter(status=Registration.Status.CONFIRMED):
            choice = data.get(f"attended-{registration.pk}")
            if choice in values and registration.attended != values[choice]:
                registration.attended = values[choice]
                registration.save(update_fields=["attended"])
        if walk_ins is not None:
            Event.objects.filter(pk=event.pk).update(walk_in_adults=walk_ins[0], walk_in_children=walk_ins[1])
            event.walk_in_adults, event.walk_in_children = walk_ins
    return error
