from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from network.models import Application, Profession


class ApplicationViewSet(SnippetViewSet):
    """Applications, for the commission: listing filtered by status, profession, date."""

    model = Application
    icon = "form"
    menu_label = _("Candidatures")
    list_display = ["__str__", "status", "submitted_at"]
    list_filter = ["status", "profession", "submitted_at"]
    ordering = ["-submitted_at"]
    inspect_view_enabled = True
    add_to_admin_menu = False


class ProfessionViewSet(SnippetViewSet):
    model = Profession
    icon = "tag"
    menu_label = _("Professions")
    list_display = ["name", "registration_label", "sort_order"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (ApplicationViewSet, ProfessionViewSet)
    menu_icon = "group"
    menu_label = _("Réseau")
    menu_name = "network"


register_snippet(NetworkViewSetGroup)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("network.vote", _("Vote de la commission"), _("Vote de la commission"))
    actions.register_action(
        "network.request_changes", _("Modifications demandées"), _("Modifications demandées par la commission")
    )
