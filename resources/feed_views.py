"""Mon espace: the person's private calendar feed (/reseau/mon-espace/agenda/flux/): its
address, what it carries for them, how to subscribe, and resetting the address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import roles
from resources import calendar as calendar_rules
from resources.access import private
from resources.events import FEED_HISTORY_DAYS, audiences_for
from resources.models import Event


def feed_context(request):
    user = request.user
    audiences = audiences_for(user)
    page = calendar_rules.calendar_page()
    url = calendar_rules.private_feed_url(page, user) if page is not None else None
    return {
        "page": page,
        "feed_url": url,
        "feed_webcal": calendar_rules.webcal(url),
        "public_feed_url": calendar_rules.public_feed_url(page) if page is not None else None,
        "members_events": Event.Audience.MEMBERS in audiences,
        "commission_events": Event.Audience.COMMISSION in audiences,
        # In the Members group but not (or no longer) a current member: the network's
        # meetings come back to the feed as soon as the membership is renewed.
        "lapsed": Event.Audience.MEMBERS not in audiences and user.groups.filter(name=roles.MEMBERS).exists(),
        "history_days": FEED_HISTORY_DAYS,
    }


@login_required
def feed_settings(request):
    response = render(request, "resources/feed_settings.html", feed_context(request))
    response["X-Robots-Tag"] = "noindex, nofollow"
    return private(response)


@require_POST
@login_required
def reset_feed(request):
    calendar_rules.reset_feed(request.user)
    messages.success(
        request,
        _("Votre adresse d'abonnement est renouvelée : l'ancienne ne fonctionne plus. "
          "Ajoutez la nouvelle adresse à votre agenda."),
    )
    return private(redirect("events:feed"))
