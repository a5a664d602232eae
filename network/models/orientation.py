"""Orienting families: the guided entry "Je cherche de l'aide pour…" and the directory of
partner and local structures (PMI, LAEP, centres sociaux…), both maintained by editors."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from home.seo import canonical_url
from network.models.place import Located


class IntroPage(Page):
    """A page with an introduction, once per parent, that lists something editors keep
    elsewhere (themes, structures)."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True


class HelpFinderPage(IntroPage):
    """"Je cherche de l'aide pour…": a parent picks a need, sees which professions answer
    it (the editable mapping on each theme) and lands on the directory already filtered."""

    class Meta:
        verbose_name = _("orientation des parents")
        verbose_name_plural = _("orientation des parents")

    def get_context(self, request, *args, **kwargs):
        from network.models import DirectoryIndexPage, Theme

        context = super().get_context(request, *args, **kwargs)
        themes = Theme.objects.prefetch_related("professions")
        slug = request.GET.get("besoin", "").replace("\x00", "")[:60]
        chosen = themes.filter(slug=slug).first() if slug else None
        directory = DirectoryIndexPage.objects.live().filter(locale=self.locale).first()
        context.update(themes=themes, chosen=chosen, directory=directory)
        if chosen and directory:
            context.update(need_answers(directory, chosen))
        return context


def need_answers(directory, theme, today=None):
    """For a need: how many listed members cover it, and the professions that answer it,
    each with the number of listed members of that profession who cover the need (the
    directory's count for the need and the profession together): the editors' mapping
    first, then the other professions whose members cover it. The mapping's professions
    with nobody for it yet are returned apart, to say so without a link to an empty list."""
    from django.http import QueryDict
    from django.utils.http import urlencode

    from network.directory import DirectoryQuery, listed_profiles, value_counts

    query = DirectoryQuery(QueryDict(urlencode({"besoin": theme.slug})))
    answering = query.apply(listed_profiles(directory.source_index(), today))
    counts = value_counts("profession", answering, query)
    mapped = list(theme.professions.all())
    others = [p for pk, p in query.professions.items() if counts.get(str(pk)) and p not in mapped]
    return {
        "need_total": answering.count(),
        "answering_professions": [(p, counts[str(p.pk)]) for p in mapped + others if counts.get(str(p.pk))],
        "missing_professions": [p for p in mapped if not counts.get(str(p.pk))],
    }


class PartnerStructure(Located, models.Model):
    """A partner or local structure families can be oriented to: "structures du secteur
    d'habitation des familles". Public information about an institution, no person."""

    class Kind(models.TextChoices):
        PMI = "pmi", _("PMI (protection maternelle et infantile)")
        LAEP = "laep", _("LAEP (lieu d'accueil enfants-parents)")
        SOCIAL_CENTRE = "centre_social", _("Centre social, maison de quartier")
        RPE = "rpe", _("RPE (relais petite enfance)")
        MATERNITY = "maternite", _("Maternité, service hospitalier")
        MDS = "mds", _("Maison des solidarités (MDS)")
        UDAF = "udaf", _("UDAF, association familiale")
        HOUSING = "hebergement", _("Hébergement d'urgence")
        OTHER = "autre", _("Autre structure")

    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("ce qu'elle propose"), blank=True, max_length=800)
    description_en = models.TextField(_("ce qu'elle propose, en anglais"), blank=True, max_length=800)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, validators=[RegexValidator(r"^\d{5}$", _("Cinq chiffres."))])
    commune = models.CharField(_("commune"), max_length=100)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    website = models.URLField(_("site web"), blank=True)
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("description_en"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("commune")]),
        FieldPanel("phone"),
        FieldPanel("website"),
    ]

    class Meta:
        ordering = ["commune", "name"]
        verbose_name = _("structure partenaire")
        verbose_name_plural = _("structures partenaires")

    def __str__(self):
        return f"{self.name} ({self.commune})"

    @property
    def description_label(self):
        from network.models.taxonomy import localised

        return localised(self.description, self.description_en)


class PartnerDirectoryPage(IntroPage):
    """The partner and local structures, by commune and type, nearest first from a postcode."""

    class Meta:
        verbose_name = _("annuaire des structures partenaires")
        verbose_name_plural = _("annuaires des structures partenaires")

    def get_context(self, request, *args, **kwargs):
        from network.directory import search_structures

        context = super().get_context(request, *args, **kwargs)
        structures = search_structures(request.GET)
        context["structures"] = structures
        # A filtered list points to the unfiltered one; the unfiltered list's page N to itself.
        filtered = any(option.selected for option in structures["kinds"]) or any(
            option.selected for option in structures["communes"]) or structures["postcode"]
        context["canonical_url"] = canonical_url(request, None if filtered else structures["page"].number)
        return context
