"""Resources for the facilitators of the association's actions for families: how a parent
discussion time or a parent–child workshop is run. A few are public (flyers,
presentations); most are for the network's members."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from resources.blocks import ScenarioBlock


class WorkshopResourceIndexPage(RoutablePageMixin, Page):
    """The facilitators' resources: public resources for everyone, the others for members
    whose membership is current (and editors, the commission). Filters by audience, theme
    and format."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["resources.WorkshopResourcePage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("ressources d'animation")
        verbose_name_plural = _("ressources d'animation")

    @path("")
    def index(self, request):
        from resources import workshop_views

        return workshop_views.resource_index(request, self)


class WorkshopResourcePage(RoutablePageMixin, Page):
    """A resource for facilitators: objectives, audience, duration, group size, materials,
    how a session unfolds, points of vigilance, related professions, documents."""

    class Action(models.TextChoices):
        DISCUSSION = "discussion", _("Temps d'échange entre parents")
        WORKSHOP = "workshop", _("Atelier parents-enfants")

    class Period(models.TextChoices):
        PREGNANCY = "pregnancy", _("Grossesse")
        FIRST_YEAR = "first_year", _("0–1 an")
        ALL = "all", _("De la grossesse aux 3 ans")

    class Participants(models.TextChoices):
        PARENTS = "parents", _("Parents seuls")
        PARENT_CHILD = "parent_child", _("Parents et enfants")

    class Format(models.TextChoices):
        GUIDE = "guide", _("Fiche d'animation")
        PRESENTATION = "presentation", pgettext_lazy("resource format", "Présentation")
        FLYER = "flyer", _("Flyer")
        HANDOUT = "handout", _("Document pour les parents")

    members_only = models.BooleanField(
        _("réservée aux membres"), default=True,
        help_text=_("Décochez seulement pour un flyer ou une présentation que tout le monde peut lire."),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.GUIDE)
    period = models.CharField(_("période"), max_length=20, choices=Period.choices, default=Period.ALL)
    participants = models.CharField(_("participant·es"), max_length=20, choices=Participants.choices)
    summary = models.TextField(_("en bref"), max_length=400, help_text=_("Une ou deux phrases, montrées dans la liste."))
    objectives = models.TextField(_("objectifs"), blank=True)
    duration = models.PositiveSmallIntegerField(_("durée (minutes)"), null=True, blank=True)
    group_size = models.CharField(_("taille du groupe"), max_length=100, blank=True,
                                  help_text=_("Par exemple : 4 à 8 familles."))
    materials = models.TextField(_("matériel"), blank=True)
    unfolding = StreamField(ScenarioBlock(), blank=True, verbose_name=_("déroulé d'une séance"))
    vigilance = models.TextField(_("points de vigilance"), blank=True)
    professions = ParentalManyToManyField(
        "network.Profession", blank=True, related_name="workshop_resources", verbose_name=_("professions associées")
    )
    themes = ParentalManyToManyField(
        "network.Theme", blank=True, related_name="workshop_resources", verbose_name=_("thèmes")
    )
    documents = StreamField(
        [("document", DocumentChooserBlock(label=_("document")))],
        blank=True,
        verbose_name=_("documents"),
        help_text=_("Ressource réservée aux membres : uniquement des documents de la collection privée "
                    "« Ressources d'animation »."),
    )

    parent_page_types = ["resources.WorkshopResourceIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("members_only"),
        FieldRowPanel([FieldPanel("action"), FieldPanel("format")]),
        FieldRowPanel([FieldPanel("period"), FieldPanel("participants")]),
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldRowPanel([FieldPanel("duration"), FieldPanel("group_size")]),
        FieldPanel("materials"),
        FieldPanel("unfolding"),
        FieldPanel("vigilance"),
        MultiFieldPanel(
            [FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
             FieldPanel("professions", widget=forms.CheckboxSelectMultiple)],
            heading=_("Thèmes et professions"),
        ),
        FieldPanel("documents"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("objectives"),
        index.FilterField("members_only"),
        index.FilterField("action"),
        index.FilterField("format"),
        index.FilterField("period"),
        index.FilterField("participants"),
    ]
    api_fields = []

    class Meta:
        verbose_name = _("ressource d'animation")
        verbose_name_plural = _("ressources d'animation")

    def clean(self):
        """A members-only resource publishes documents of the private collection only; a
        public one, none of a restricted collection (resources.workshops)."""
        super().clean()
        from django.core.exceptions import ValidationError

        from resources import workshops as workshop_rules

        error = workshop_rules.documents_error(self)
        if error:
            raise ValidationError({"documents": error})

    def save(self, *args, **kwargs):
        """The row holds the live content (drafts are revisions): when its `members_only`
        is written, the view restriction follows it (resources.workshops)."""
        from resources import workshops as workshop_rules

        result = super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "members_only" in update_fields:
            workshop_rules.sync_view_restriction(self)
        return result

    def serve_preview(self, request, mode_name):
        from resources import access

        response = super().serve_preview(request, mode_name)
        return access.private(response) if self.members_only else response

    def get_sitemap_urls(self, request=None):
        if self.members_only:
            return []  # never in the sitemap (home.sitemaps leaves it out too)
        return super().get_sitemap_urls(request)

    @path("")
    def read(self, request):
        from resources import workshop_views

        return workshop_views.resource_detail(request, self)

    @path("document/<int:document_id>/", name="document")
    def document(self, request, document_id):
        from resources import workshop_views

        return workshop_views.resource_document(request, self, document_id)

