"""An event's page on the calendar, with the registration form for parents, and the cancel
link's page. Reached through the calendar page (resources.models.EventCalendarPage)."""

import logging

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home.ratelimit import count_submission, over_rate_limit
from home.seo import canonical_url
from resources import access, events, registrations
from resources.forms import RegistrationForm
from resources.seo import event_meta
from resources.models import Event

logger = logging.getLogger(__name__)

SESSION_KEY = "resources.registered"
RATE_LIMIT = 10  # registrations per address per hour: a family, a few friends, not a script


def visible_event(request, pk):
    """The event, if this visitor may see it; otherwise 404, so a title never leaks."""
    event = get_object_or_404(Event.objects.select_related("venue", "resource"), pk=pk)
    if not events.can_see(request.user, event):
        raise Http404
    return event


def event_detail(request, page, pk):
    event = visible_event(request, pk)
    takes_parents = event.is_family_event and event.audience == Event.Audience.PUBLIC
    open_now = takes_parents and registrations.is_open(event)
    form = None
    if open_now:
        if request.method == "POST":
            form = RegistrationForm(request.POST)
            if form.is_valid() and form.cleaned_data["website"]:
                logger.info("event %s: a registration with the hidden field filled in was ignored", event.pk)
                return redirect(page.url + page.reverse_subpage("registered", args=[event.pk]))
            if form.is_valid() and over_rate_limit(request, "event-registration", RATE_LIMIT):
                form.add_error(None, _("Trop d'inscriptions ont été envoyées depuis votre connexion. Merci de "
                                       "réessayer dans une heure, ou de nous contacter : ce que vous avez saisi "
                                       "est conservé ci-dessous."))
            elif form.is_valid():
                count_submission(request, "event-registration")
                data = form.cleaned_data
                try:
                    registration = registrations.register(
                        event, name=data["name"], email=data["email"], phone=data["phone"], adults=data["adults"],
                        children=data["children"], child_age_band=data["child_age_band"], needs=data["needs"],
                        language=translation.get_language(),
                    )
                except registrations.RegistrationRefused as refusal:
                    form.add_error(None, str(refusal))
                else:
                    # Only this browser sees the outcome page of its own registration.
                    request.session[SESSION_KEY] = registration.pk
                    return redirect(page.url + page.reverse_subpage("registered", args=[event.pk]))
            messages.error(request, _("Le formulaire contient des erreurs : votre inscription n'est pas enregistrée."))
        else:
            form = RegistrationForm()
    elif request.method == "POST":
        messages.error(request, _("Les inscriptions à cet événement sont closes."))
    context = {
        "page": page,
        "event": event,
        "form": form,
        "takes_parents": takes_parents,
        "open_now": open_now,
        "places_left": registrations.places_left(event),
        "is_past": (event.end or event.start) < timezone.now(),
        "can_manage": events.can_manage_attendance(request.user, event),
    }
    context.update(event_meta(request, event, canonical_url(request), context["places_left"]))
    response = TemplateResponse(request, "resources/event_page.html", context)
    # A form sent back shows what the person typed; a logged-in visitor may see more.
    if event.audience != Event.Audience.PUBLIC or request.method == "POST" or request.user.is_authenticated:
        return access.private(response)
    return response


def registered(request, page, pk):
    """What became of the registration just sent: confirmed, or on the waiting list."""
    from resources.models import Registration

    event = visible_event(request, pk)
    registration = Registration.objects.filter(pk=request.session.get(SESSION_KEY), event=event).first()
    response = TemplateResponse(
        request, "resources/event_registered.html", {"page": page, "event": event, "registration": registration}
    )
    return access.private(response)


def cancel(request, page, token):
    """The cancel link of a registration's e-mails. GET asks for confirmation (mail scanners
    open links); POST cancels. A forged link, or one of an erased registration, finds
    nothing; a link used twice changes nothing the second time."""
    registration = registrations.registration_for_token(token)
    context = {"page": page, "registration": registration, "event": registration.event if registration else None}
    status = 200
    if registration is None:
        context["state"] = "unknown"
        status = 404
    elif registration.status == registration.Status.CANCELLED:
        context["state"] = "already"
    elif registration.event.start <= timezone.now():
        context["state"] = "past"  # begun: attendance is what counts now
    elif request.method == "POST":
        registrations.cancel(registration)
        context["state"] = "done"
    else:
        context["state"] = "confirm"
    response = access.private(TemplateResponse(request, "resources/event_cancel.html", context, status=status))
    response["X-Robots-Tag"] = "noindex"
    return response
