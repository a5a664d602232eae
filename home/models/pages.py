"""The public pages of the association's site."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock, EntryPointBlock


# What can be added under the home page or a standard page.
CONTENT_PAGE_TYPES = [
    "home.StandardPage",
    "network.CharterPage",
    "network.DirectoryIndexPage",
    "network.JoinPage",
    "network.HelpFinderPage",
    "network.PartnerDirectoryPage",
    "resources.VignetteLibraryPage",
    "resources.EventCalendarPage",
    "resources.WorkshopResourceIndexPage",
    "contact.ContactPage",  # under the home page only (its parent_page_types)
]


class HomePage(Page):
    """The first page a visitor sees: what the association does, and one entry point each
    for parents, professionals and partner institutions. One per language."""

    intro = models.TextField(_("introduction"), blank=True)
    entry_points = StreamField(
        [("entry_point", EntryPointBlock())],
        blank=True,
        max_num=4,
        verbose_name=_("entrées par public"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("contenu"))

    # One home page per locale tree: max_count would forbid the English translation.
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = CONTENT_PAGE_TYPES

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("entry_points"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("entry_points"), APIField("body")]

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")


class StandardPage(Page):
    """A page of content: who we are, collective actions, individual support, the network…"""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("Un court chapeau sous le titre."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("contenu"))

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = CONTENT_PAGE_TYPES

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("page standard")
        verbose_name_plural = _("pages standard")
