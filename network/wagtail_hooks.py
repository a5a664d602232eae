from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from django.contrib import messages

from django.urls import path, reverse

from accounts import roles
from home import hooks as site_hooks
from home.admin_menus import RestrictedMenuItem
from network import content, directory, member_panels
from network.admin_views import ApplicationChooserViewSet, ApplicationURLFinder, charter_signatures, erase_member, not_own
from network.review_views import ApplicationReviewView
from network.panels import ErasurePanel
from network.models import (
    Application,
    CommissionMeeting,
    ErasureRequest,
    Language,
    PartnerStructure,
    Profession,
    ProfileUpdate,
    Theme,
)


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
    # The commission's review page: everything to read, and the vote (network/review_views.py).
    inspect_view_class = ApplicationReviewView
    url_finder_class = ApplicationURLFinder
    chooser_viewset_class = ApplicationChooserViewSet
    add_to_admin_menu = False


class ProfessionViewSet(SnippetViewSet):
    model = Profession
    icon = "tag"
    menu_label = _("Professions")
    list_display = ["name", "name_en", "registration_label", "sort_order"]


class ThemeViewSet(SnippetViewSet):
    """Needs and themes, and which professions answer each (the guided entry for parents)."""

    model = Theme
    icon = "tag"
    menu_label = _("Besoins et thèmes")
    list_display = ["name", "name_en", "slug", "sort_order"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    menu_label = _("Langues")
    list_display = ["name", "name_en", "code", "sort_order"]


class PartnerStructureViewSet(SnippetViewSet):
    model = PartnerStructure
    icon = "site"
    menu_label = _("Structures partenaires")
    list_display = ["name", "kind", "commune"]
    list_filter = ["kind"]
    search_fields = ["name", "commune"]


class ProfileUpdateViewSet(SnippetViewSet):
    """Members' new presentations and photos, for the editors' review."""

    model = ProfileUpdate
    icon = "user"
    menu_label = _("Fiches à relire")
    list_display = ["__str__", "created_at", "applied_at"]
    ordering = ["-created_at"]


class ErasureRequestViewSet(SnippetViewSet):
    """Members' requests to erase their data, carried out by the board."""

    model = ErasureRequest
    icon = "bin"
    menu_label = _("Demandes d'effacement")
    list_display = ["__str__", "requested_at", "completed_at"]
    panels = [ErasurePanel(heading=_("Effacement"))]


class CommissionMeetingViewSet(SnippetViewSet):
    """The commission's meetings: attendees, agenda, minutes, decisions taken in session."""

    model = CommissionMeeting
    icon = "date"
    menu_label = _("Réunions de la commission")
    list_display = ["__str__"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (
        ApplicationViewSet,
        CommissionMeetingViewSet,
        ProfileUpdateViewSet,
        ProfessionViewSet,
        ThemeViewSet,
        LanguageViewSet,
        PartnerStructureViewSet,
        ErasureRequestViewSet,
    )
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
    actions.register_action("network.erasure", _("Effacement effectué"), _("Données d'un·e membre effacées"))
    actions.register_action(
        "network.request_changes", _("Modifications demandées"), _("Modifications demandées par la commission")
    )


@hooks.register("register_admin_urls")
def register_network_admin_urls():
    return [
        path("reseau/effacement/<int:pk>/", erase_member, name="network_erase_member"),
        path("reseau/signatures-charte/", charter_signatures, name="network_charter_signatures"),
    ]


@hooks.register("register_reports_menu_item")
def register_charter_signatures_report():
    return RestrictedMenuItem(
        _("Signatures de la charte"), reverse("network_charter_signatures"), icon_name="doc-full", order=800,
        permission="network.view_charterversion",
    )


@hooks.register(site_hooks.DEMO_DATA, order=10)
def demo_members(password):
    from network.demo import create_demo_members

    members = create_demo_members(password)
    yield f"{'membre':<12} {roles.MEMBERS} (a published profile)"
    if members:
        yield f"{members} demo member(s) published in the directory."


@hooks.register(site_hooks.DEMO_DATA, order=90)
def demo_applications(password):
    from network.demo import create_demo_applications

    created = create_demo_applications()
    if created:
        yield f"{created} demo application(s) await the commission's vote."


hooks.register(site_hooks.CONTENT_BUILD, content.partner_structures_step, order=10)
hooks.register(site_hooks.MEMBER_SPACE_PANELS, member_panels.charter_panel)
hooks.register(site_hooks.PAGE_NOTICES, member_panels.charter_notice)
hooks.register(site_hooks.MEMBER_SPACE_PANELS, member_panels.profile_panel)


@hooks.register(site_hooks.PUBLIC_PAGES)
def without_lapsed_profiles(pages):
    """Lapsed members' profiles, until the nightly job unpublishes them."""
    return pages.exclude(id__in=directory.unlisted_profile_ids())


@hooks.register(site_hooks.WORKPLACES)
def commission_workplace(user):
    if user.groups.filter(name=roles.COMMISSION).exists():
        # The applications in review; each opens on its review page, where the vote is.
        return site_hooks.Workplace(
            20, _("Candidatures à examiner"), reverse("wagtailsnippets_network_application:list") + "?status=in_review",
            _("La commission d'admission : lire les candidatures et voter."),
        )
    return None


@hooks.register(site_hooks.WORKPLACES)
def member_workplace(user):
    from network.membership import latest_membership

    if user.groups.filter(name=roles.MEMBERS).exists() or latest_membership(user) or user.profile_pages.exists():
        return site_hooks.Workplace(
            50, _("Mon espace"), reverse("network:member_space"),
            _("Votre adhésion, votre fiche dans l'annuaire, la charte, la bibliothèque, les rencontres."),
        )
    return None

