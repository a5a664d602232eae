from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from resources import access, library
from resources.admin_views import anonymisation_review, change_finding
from resources.models import Contribution, Event, IdentifyingTerm, VignettePage


class IdentifyingTermViewSet(SnippetViewSet):
    """Hospitals, maternity wards, structures whose name in a vignette would situate a family."""

    model = IdentifyingTerm
    icon = "warning"
    menu_label = _("Lieux et structures à repérer")
    list_display = ["name", "note"]
    search_fields = ["name"]
    copy_view_enabled = False


class EventViewSet(SnippetViewSet):
    """Prorencontres and Intervisions, with the vignettes discussed and the synthesis."""

    model = Event
    icon = "date"
    menu_label = _("Rencontres du réseau")
    list_display = ["title", "kind", "start"]
    list_filter = ["kind"]
    ordering = ["-start"]


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

    def get_add_url(self):
        return None


class LibraryViewSetGroup(SnippetViewSetGroup):
    items = (EventViewSet, ContributionViewSet, IdentifyingTermViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Bibliothèque")
    menu_name = "library"
    menu_order = 250


register_snippet(LibraryViewSetGroup)


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


@hooks.register("before_publish_page")
def refuse_identifying_vignette(request, page):
    """Publishing from the editor: the draft is saved, publication is refused while the
    check's findings are open (VignettePage.publish refuses every other way)."""
    if isinstance(page, VignettePage) and library.open_matches(page):
        messages.error(
            request,
            _("Version enregistrée, mais pas publiée : des éléments possiblement identifiants restent à traiter "
              "(modifiez le texte, ou marquez-les comme faux positifs dans la relecture d'anonymisation)."),
        )
        return redirect(reverse("resources_anonymisation_review", args=[page.pk]))
    return None


@hooks.register("before_serve_document", order=-100)
def serve_library_documents(document, request):
    """The library's documents (vignettes' attachments, meetings' syntheses) are served here,
    before Wagtail's own collection check, by the library's rule: current members (by the
    membership's end date, not the Members group, which a lapsed member keeps), editors and
    the commission. The collection's view restriction names editors and the commission only,
    so that API v3 never lists these documents to a member's token."""
    if not library.in_private_collection(document):
        return None
    if not access.can_read_library(request.user):
        return access.refuse(request)
    return access.private(library.document_response(document))
