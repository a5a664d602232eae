from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from django.contrib import messages

from network.admin_views import ApplicationChooserViewSet, ApplicationInspectView, not_own
from network.models import Application, CommissionMeeting, Profession


class ApplicationViewSet(SnippetViewSet):
    """Applications, for the commission: listing filtered by status, profession, date."""

    model = Application
    icon = "form"
    menu_label = _("Candidatures")
    list_display = ["__str__", "status", "submitted_at"]
    list_filter = ["status", "profession", "submitted_at", "meetings"]
    ordering = ["-submitted_at"]

    def get_queryset(self, request):
        return not_own(Application.objects.select_related("profession"), request.user)
    inspect_view_enabled = True
    inspect_view_class = ApplicationInspectView
    chooser_viewset_class = ApplicationChooserViewSet
    inspect_view_fields = [
        "first_name", "last_name", "profession", "registration_number", "structure", "commune", "postcode",
        "home_visits", "languages", "themes", "presentation", "email", "phone",
        "criterion_charter", "criterion_practice", "criterion_limits", "criterion_involvement",
        "charter_version", "charter_accepted_at", "status", "decision_reason", "decided_at", "submitted_at",
        "attachments",
        "commission_votes",
    ]
    add_to_admin_menu = False


class ProfessionViewSet(SnippetViewSet):
    model = Profession
    icon = "tag"
    menu_label = _("Professions")
    list_display = ["name", "registration_label", "sort_order"]


class CommissionMeetingViewSet(SnippetViewSet):
    """The commission's meetings: attendees, agenda, minutes, decisions taken in session."""

    model = CommissionMeeting
    icon = "date"
    menu_label = _("Réunions de la commission")
    list_display = ["__str__"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (ApplicationViewSet, CommissionMeetingViewSet, ProfessionViewSet)
    menu_icon = "group"
    menu_label = _("Réseau")
    menu_name = "network"


register_snippet(NetworkViewSetGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def apply_meeting_decisions(request, instance):
    if not isinstance(instance, CommissionMeeting):
        return
    from network.review import apply_meeting_decisions as apply

    applied, problems = apply(instance, request.user)
    if applied:
        messages.success(request, _("%(count)s décision(s) enregistrée(s) comme décision collective.") % {"count": applied})
    for problem in problems:
        messages.warning(request, problem)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("network.vote", _("Vote de la commission"), _("Vote de la commission"))
    actions.register_action(
        "network.meeting_decision", _("Décision en réunion"), _("Décision prise en réunion de la commission")
    )
    actions.register_action(
        "network.request_changes", _("Modifications demandées"), _("Modifications demandées par la commission")
    )
