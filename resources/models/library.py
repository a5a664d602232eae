"""The members' library of anonymised clinical vignettes, the material of Intervisions."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from resources.blocks import QuestionBlock, ScenarioBlock
from resources.panels import AnonymisationPanel


class MembersOnlyMixin:
    """Served only to who may read the library (resources.access), never cached."""

    def serve(self, request, *args, **kwargs):
        from resources import access

        if not access.can_read_library(request.user):
            return access.refuse(request)
        return access.private(super().serve(request, *args, **kwargs))

    def serve_preview(self, request, mode_name):
        from resources import access

        return access.private(super().serve_preview(request, mode_name))

    def get_sitemap_urls(self, request=None):
        return []  # never in the sitemap, even if its view restriction were removed


class VignetteLibraryPage(MembersOnlyMixin, RoutablePageMixin, Page):
    """The library of clinical vignettes: members search it, read the vignettes and the
    meetings where they were discussed. Readable by current members, editors and the
    commission only (a view restriction, plus the membership's end date on every request)."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["resources.VignettePage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = []  # nothing of it in the site search
    api_fields = []

    class Meta:
        verbose_name = _("bibliothèque de vignettes")
        verbose_name_plural = _("bibliothèques de vignettes")

    @path("")
    def index(self, request):
        from resources import views

        return views.library_index(request, self)

    @path("rencontres/<int:pk>/")
    def meeting(self, request, pk):
        from resources import views

        return views.meeting_detail(request, self, pk)

    @path("rencontres/<int:pk>/synthese/", name="synthesis_document")
    def synthesis_document(self, request, pk):
        from django.http import Http404
        from django.shortcuts import get_object_or_404

        from resources.library import document_response, meetings

        event = get_object_or_404(meetings(), pk=pk)
        if event.synthesis_document is None:
            raise Http404
        return document_response(event.synthesis_document)


class VignettePage(MembersOnlyMixin, RoutablePageMixin, Page):
    """A clinical vignette: a practical case, anonymised and built as a scenario beforehand,
    with one or more questions, proposed by one or two professionals of the network. In an
    Intervision, each member brings the view of their own speciality ("mon regard de
    professionnel·le"): the contributions, grouped by profession.

    No images (renditions are public) and no free uploads: attachments are documents of the
    private "Vignettes" collection. Before any member reads it, a vignette goes through the
    "Relecture d'anonymisation" workflow; publication is refused while an automated finding
    of likely identifying data is open (resources.library)."""

    class Period(models.TextChoices):
        PREGNANCY = "pregnancy", _("Grossesse")
        BIRTH = "birth", _("Naissance")
        POSTPARTUM = "postpartum", _("Post-partum")
        EARLY_YEARS = "early_years", _("0–3 ans")

    period = models.CharField(_("période"), max_length=20, choices=Period.choices)
    scenario = StreamField(ScenarioBlock(), verbose_name=_("scénario"))
    questions = StreamField(
        [("question", QuestionBlock())],
        verbose_name=_("questions posées au réseau"),
        min_num=1,
    )
    themes = ParentalManyToManyField(
        "network.Theme", blank=True, related_name="vignettes", verbose_name=_("thèmes")
    )
    author_professions = ParentalManyToManyField(
        "network.Profession", blank=True, related_name="+", verbose_name=_("professions des auteur·es"),
        help_text=_("Seules les professions sont montrées aux membres, pas les noms."),
    )
    # Who may change the vignette from "Mon espace"; not shown to readers.
    authors = ParentalManyToManyField(
        "accounts.User", blank=True, related_name="vignettes", verbose_name=_("auteur·es"),
        help_text=_("Les membres qui ont proposé la vignette ; leurs noms ne sont pas affichés."),
    )
    attachments = StreamField(
        [("document", DocumentChooserBlock(label=_("document")))],
        blank=True,
        verbose_name=_("pièces jointes"),
        help_text=_("Uniquement des documents de la collection privée « Vignettes »."),
    )

    parent_page_types = ["resources.VignetteLibraryPage"]
    subpage_types = []
    content_panels = [
        AnonymisationPanel(heading=_("Relecture d'anonymisation")),
        FieldPanel("title"),
        FieldPanel("period"),
        FieldPanel("scenario"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
             FieldPanel("author_professions", widget=forms.CheckboxSelectMultiple)],
            heading=_("Thèmes et auteur·es"),
        ),
        FieldPanel("attachments"),
    ]
    # No promote tab: the address is neutral (see full_clean), and the library is not in
    # menus, search engines or the sitemap.
    promote_panels = []
    search_fields = Page.search_fields + [
        index.SearchField("scenario"),
        index.SearchField("questions"),
        index.FilterField("period"),
    ]
    api_fields = []

    class Meta:
        verbose_name = _("vignette clinique")
        verbose_name_plural = _("vignettes cliniques")

    def full_clean(self, *args, **kwargs):
        """A neutral address, whatever the title (resources.library.neutral_slug)."""
        import re

        from resources.library import NEUTRAL_SLUG, neutral_slug

        if not re.fullmatch(NEUTRAL_SLUG, self.slug or ""):
            self.slug = neutral_slug(self.get_parent() if self.pk or self.path else None)
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        from resources.library import documents_outside_private_collection

        outside = documents_outside_private_collection(self)
        if outside:
            raise ValidationError(
                {"attachments": _("Ces documents ne sont pas dans la collection privée « Vignettes » : %(titles)s.")
                 % {"titles": ", ".join(doc.title for doc in outside)}}
            )

    def publish(self, revision, *args, **kwargs):
        """Every way of publishing (workflow approval, bulk action, schedule) comes here:
        refused while a likely identifying element of this revision is open."""
        import logging

        from resources.library import AnonymisationBlocked, open_matches

        if open_matches(self, revision.as_object()):
            if revision.approved_go_live_at is not None:
                # Scheduled publishing (manage.py publish_scheduled) goes on with the other
                # pages: this one is unscheduled, and stays in review.
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])
                logging.getLogger(__name__).warning("vignette %s not published as scheduled: open findings", self.pk)
                return None
            raise AnonymisationBlocked(_("Des éléments possiblement identifiants restent à traiter."))
        return super().publish(revision, *args, **kwargs)

    @path("")
    def read(self, request):
        from resources import views

        return views.vignette_detail(request, self)

    @path("piece-jointe/<int:document_id>/", name="attachment")
    def attachment(self, request, document_id):
        from django.http import Http404

        from resources.library import attachment, document_response

        document = attachment(self, document_id)  # among the published version's attachments
        if document is None:
            raise Http404
        return document_response(document)

    @path("regards/<int:pk>/", name="edit_contribution")
    def edit_contribution(self, request, pk):
        from resources import views

        return views.edit_contribution(request, self, pk)

    @path("regards/<int:pk>/supprimer/", name="delete_contribution")
    def delete_contribution(self, request, pk):
        from resources import views

        return views.delete_contribution(request, self, pk)
