"""The public directory: pages families use to find a professional of the network."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index


class DirectoryIndexPage(Page):
    """The list of the network's professionals, filterable by profession."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["network.MemberProfilePage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("annuaire")
        verbose_name_plural = _("annuaires")

    def get_context(self, request, *args, **kwargs):
        from network.models import Profession

        context = super().get_context(request, *args, **kwargs)
        # Profiles are published once, under the default-language directory; every language's
        # directory lists them.
        source = self.get_translations(inclusive=True).filter(locale__language_code=settings.LANGUAGE_CODE).first()
        profiles = (
            MemberProfilePage.objects.child_of(source or self)
            .live()
            .public()
            .select_related("profession")
            .order_by("title")
        )
        professions = Profession.objects.filter(memberprofilepage__in=profiles).distinct()
        chosen = request.GET.get("profession", "")
        if chosen.isdigit():
            profiles = profiles.filter(profession_id=int(chosen))
        context.update(profiles=profiles, professions=professions, chosen_profession=chosen)
        return context


class MemberProfilePage(Page):
    """A member's public profile in the directory. Public fields only: the member's
    contact details and application stay private."""

    member = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="profile_pages"
    )
    profession = models.ForeignKey("network.Profession", on_delete=models.PROTECT, verbose_name=_("profession"))
    structure = models.CharField(_("structure d'exercice"), max_length=200, blank=True)
    commune = models.CharField(_("commune"), max_length=100)
    postcode = models.CharField(_("code postal"), max_length=5)
    home_visits = models.BooleanField(_("visites à domicile"), default=False)
    languages = models.CharField(_("langues parlées"), max_length=200, blank=True)
    themes = models.CharField(_("thèmes"), max_length=300, blank=True)
    presentation = models.TextField(_("présentation"), blank=True)

    parent_page_types = ["network.DirectoryIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("profession"),
        FieldPanel("structure"),
        FieldPanel("commune"),
        FieldPanel("postcode"),
        FieldPanel("home_visits"),
        FieldPanel("languages"),
        FieldPanel("themes"),
        FieldPanel("presentation"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("presentation"),
        index.SearchField("themes"),
        index.SearchField("commune"),
        index.FilterField("profession"),
    ]
    api_fields = [
        APIField("profession_name"),
        APIField("structure"),
        APIField("commune"),
        APIField("postcode"),
        APIField("home_visits"),
        APIField("languages"),
        APIField("themes"),
        APIField("presentation"),
    ]

    class Meta:
        verbose_name = _("fiche de membre")
        verbose_name_plural = _("fiches de membres")

    @property
    def profession_name(self):
        return self.profession.name
