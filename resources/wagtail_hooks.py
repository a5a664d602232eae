from django.contrib import messages
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.actions.publish_page_revision import PublishPagePermissionError, PublishPageRevisionAction
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from accounts import roles
from home import hooks as site_hooks
from resources import access, content, library, member_space, seo
from resources.admin_views import anonymisation_review, change_finding
from resources.event_admin import EventCreateView, EventEditView
from resources.models import (
    Contribution,
    Event,
    EventSeries,
    IdentifyingTerm,
    Venue,
    VignetteLibraryPage,
    VignettePage,
)


class IdentifyingTermViewSet(SnippetViewSet):
    """Hospitals, maternity wards, structures whose name in a vignette would situate a family."""

    model = IdentifyingTerm
    icon = "warning"
    menu_label = _("Lieux et structures à repérer")
    list_display = ["name", "note"]
    search_fields = ["name"]
    copy_view_enabled = False


class EventViewSet(SnippetViewSet):
    """Every event: parent discussion times and parent–child workshops, the network's
    Prorencontres and Intervisions (with the vignettes discussed and the synthesis), the
    commission's meetings."""

    model = Event
    icon = "date"
    menu_label = _("Événements")
    add_view_class = EventCreateView
    edit_view_class = EventEditView
    list_display = ["title", "kind", "start", "audience", "venue"]
    list_filter = ["kind", "audience"]
    ordering = ["-start"]
    copy_view_enabled = False


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Lieux")
    list_display = ["name", "commune"]
    search_fields = ["name", "commune"]
    copy_view_enabled = False


class EventSeriesViewSet(SnippetViewSet):
    model = EventSeries
    icon = "repeat"
    menu_label = _("Séries")
    list_display = ["title", "frequency"]
    copy_view_enabled = False


class EventsViewSetGroup(SnippetViewSetGroup):
    items = (EventViewSet, VenueViewSet, EventSeriesViewSet)
    menu_icon = "date"
    menu_label = _("Agenda")
    menu_name = "agenda"
    menu_order = 240


class ContributionViewSet(SnippetViewSet):
    """Members' views on vignettes, for the editors' moderation (hide with a reason, or delete)."""

    model = Contribution
    icon = "openquote"
    menu_label = _("Regards de professionnel·les")
    list_display = ["__str__", "created_at", "hidden"]
    list_filter = ["hidden"]
    ordering = ["-created_at"]
    add_view_enabled = False
    copy_view_enabled = False


class LibraryViewSetGroup(SnippetViewSetGroup):
    items = (ContributionViewSet, IdentifyingTermViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Bibliothèque")
    menu_name = "library"
    menu_order = 250


register_snippet(LibraryViewSetGroup)
register_snippet(EventsViewSetGroup)


@hooks.register("register_admin_urls")
def register_library_admin_urls():
    return [
        path("vignettes/<int:page_id>/anonymisation/", anonymisation_review, name="resources_anonymisation_review"),
        path(
            "vignettes/<int:page_id>/anonymisation/<int:finding_id>/",
            change_finding,
            name="resources_change_finding",
        ),
    ]


def publication_refusal(page, user):
    """Why `user` may not publish this vignette now, or None. Vignettes are published by a
    reviewer who did not write them, once no likely identifying element is open."""
    if not isinstance(page, VignettePage):
        return None
    if library.is_author(page, user):
        return _("Vous avez écrit cette vignette : une autre personne de l'équipe la relit et la publie "
                 "(« Soumettre à la modération »).")
    if library.open_matches(page):
        return _("Version enregistrée, mais pas publiée : des éléments possiblement identifiants restent à traiter "
                 "(modifiez le texte, ou marquez-les comme faux positifs dans la relecture d'anonymisation).")
    return None


@hooks.register("before_publish_page")
def refuse_identifying_vignette(request, page):
    """Publishing from the editor: the draft is saved, publication is refused while the
    check's findings are open, or to the vignette's authors."""
    refusal = publication_refusal(page, request.user)
    if refusal:
        messages.error(request, refusal)
        return redirect(reverse("resources_anonymisation_review", args=[page.pk]))
    return None


class CheckedPublishPageRevisionAction(PublishPageRevisionAction):
    """Wagtail's publish action, which API v3 uses (POST /api/v3/pages/<id>/actions/publish/),
    with the library's rule."""

    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        page = self.revision.content_object.specific
        if self.user is not None and publication_refusal(page, self.user):
            raise PublishPagePermissionError(str(publication_refusal(page, self.user)))


@hooks.register("register_actions", order=100)  # after Wagtail's own registrations
def register_checked_publish_action(registry):
    registry.register(Page, CheckedPublishPageRevisionAction)


@hooks.register("before_copy_page")
def no_copy_of_vignettes(request, page):
    """A copy would be published (or renamed) outside the anonymisation review."""
    if isinstance(page.specific, VignettePage):
        messages.error(request, _("Une vignette ne se copie pas : créez-en une nouvelle, qui passera en relecture."))
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


@hooks.register("before_bulk_action")
def no_bulk_publishing_of_vignettes(request, action_type, objects, action_class_instance):
    """Bulk publishing would skip the review (drafts with no finding included): vignettes are
    published one by one, by their reviewer."""
    if action_type != "publish":
        return None
    include_descendants = bool(getattr(action_class_instance, "include_descendants", False))
    for obj in objects:
        specific = getattr(obj, "specific_class", None)
        if specific in (VignettePage, VignetteLibraryPage) or (
            include_descendants and isinstance(obj, Page)
            and VignettePage.objects.descendant_of(obj).not_live().exists()
        ):
            messages.error(request, _("Les vignettes se publient une par une, après leur relecture d'anonymisation."))
            return redirect(request.META.get("HTTP_REFERER") or reverse("wagtailadmin_explore_root"))
    return None


@hooks.register("before_serve_document", order=-100)
def library_documents_from_their_pages_only(document, request):
    """The library's documents (vignettes' attachments, meetings' syntheses) have no open
    Wagtail URL: editors use it in the admin (the collection's restriction names them);
    readers download a document from the live vignette or the meeting that publishes it,
    where the membership's end date is checked (resources.models). The same for the
    members-only workshop resources' documents ("Ressources d'animation", resources.workshops)."""
    from resources import workshops

    if not (library.in_private_collection(document) or workshops.in_private_collection(document)):
        return None
    if request.user.is_authenticated and (
        request.user.is_superuser or request.user.groups.filter(name=roles.EDITORS).exists()
    ):
        return None
    return access.refuse(request) if not request.user.is_authenticated else access.private(HttpResponseForbidden())


from resources import report_hooks  # noqa: E402,F401 - the events' admin reports register their hooks


@hooks.register(site_hooks.DEMO_DATA, order=20)
def demo_library(password):
    from resources.demo import create_demo_library

    if create_demo_library():
        yield "The vignette library has two demo vignettes; Marie Membre's proposal awaits the editors' anonymisation review."


@hooks.register(site_hooks.DEMO_DATA, order=30)
def demo_events(password):
    from resources.demo import create_demo_events

    if create_demo_events():
        yield ("The calendar has demo events: discussion times, a full workshop with a waiting list, "
               "a past workshop with its attendance, a commission meeting.")


hooks.register(site_hooks.CONTENT_BUILD, content.venues_step, order=20)
hooks.register(site_hooks.CONTENT_BUILD, content.library_step, order=30)
hooks.register(site_hooks.CONTENT_BUILD, content.workshop_resources_step, order=40)
hooks.register(site_hooks.PUBLIC_PAGES, access.without_members_only)
hooks.register(site_hooks.SITEMAP_ENTRIES, seo.sitemap_entries)
hooks.register(site_hooks.MEMBER_SPACE_PANELS, member_space.library_panel)
hooks.register(site_hooks.MEMBER_SPACE_PANELS, member_space.events_panel)
hooks.register(site_hooks.MEMBER_DATA, member_space.member_data)
hooks.register(site_hooks.MEMBER_ERASURE, member_space.erase_member)
