"""What the library and the events add to the members' space, through the project's hooks
(home/hooks.py): their cards in "Mon espace", their sections of a member's data export, and
their step of a member's erasure."""

from django.utils import timezone

from home.hooks import Panel
from network.models import Membership
from resources import registrations
from resources.library import library_page, questions_text, scenario_text
from resources.models import Registration


def library_panel(request):
    library = library_page()
    if library is None:
        return None
    return Panel(40, "resources/member_space/library_panel.html", {
        "library": library,
        "membership_current": Membership.objects.held_by(request.user),
    })


def events_panel(request):
    return Panel(50, "resources/member_space/events_panel.html")


def member_data(user):
    """What the member wrote in the library, and the meetings they registered to."""
    return {
        "vignette_contributions": [
            {"vignette": c.vignette.title, "text": c.text, "created_at": c.created_at.isoformat(),
             "updated_at": c.updated_at.isoformat(), "hidden": c.hidden}
            for c in user.vignette_contributions.select_related("vignette")
        ],
        "vignettes_proposed": [
            {"title": v.title, "live": v.live, "scenario": scenario_text(v), "questions": questions_text(v)}
            for v in user.vignettes.all()
        ],
        "event_registrations": [
            {"event": r.event.title, "kind": r.event.kind, "start": r.event.start.isoformat(), "status": r.status,
             "attended": r.attended, "registered_at": r.created_at.isoformat()}
            for r in user.event_registrations.select_related("event").order_by("event__start")
        ],
    }


def erase_member(user):
    """Contributions go with the account (their foreign key cascades); registrations stay for
    the attendance figures, without who the member was, as the registrants' retention job
    leaves them (resources.registrations.erase_past_registrants)."""
    registrations.blank_registrants(list(Registration.objects.filter(user=user)), timezone.now())
