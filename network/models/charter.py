"""The professional network's content: its charter of values and postures."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from network.blocks import CharterEntryBlock


class CharterPage(Page):
    """The charter of values and postures every professional of the network signs.

    Structured rather than free text so each value and posture can be shown, translated
    and, later, signed against a known version.
    """

    intro = models.TextField(_("introduction"), blank=True)
    version = models.CharField(
        _("version"),
        max_length=20,
        default="1",
        help_text=_("Changez-la quand le sens de la charte change : les signatures indiquent la version signée."),
    )
    version_date = models.DateField(_("date de la version"), null=True, blank=True)
    substantive = models.BooleanField(
        _("modification substantielle"),
        default=False,
        help_text=_(
            "Cochez-la avec une nouvelle version qui change le sens de la charte : chaque membre sera "
            "invité·e à la signer à sa prochaine visite."
        ),
    )
    values = StreamField(
        [("entry", CharterEntryBlock())], verbose_name=_("nos valeurs"), min_num=1
    )
    postures = StreamField(
        [("entry", CharterEntryBlock())], verbose_name=_("nos postures"), min_num=1
    )
    commitment = models.TextField(
        _("engagement"), help_text=_("Ce à quoi s'engage le/la professionnel·le signataire.")
    )

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("version"), FieldPanel("version_date"), FieldPanel("substantive")], heading=_("Version")
        ),
        FieldPanel("values"),
        FieldPanel("postures"),
        FieldPanel("commitment"),
    ]
    override_translatable_fields = [
        SynchronizedField("version"),
        SynchronizedField("version_date"),
        SynchronizedField("substantive"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("values"),
        index.SearchField("postures"),
        index.SearchField("commitment"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("version"),
        APIField("version_date"),
        APIField("values"),
        APIField("postures"),
        APIField("commitment"),
    ]

    class Meta:
        verbose_name = _("charte")
        verbose_name_plural = _("chartes")


class CharterVersion(models.Model):
    """A published version of the charter. Members must have signed the latest substantive
    one (see network.charter.required_version)."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    substantive = models.BooleanField(_("modification substantielle"), default=False)
    published_at = models.DateTimeField(_("publiée le"))

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("version de la charte")
        verbose_name_plural = _("versions de la charte")

    def __str__(self):
        return self.version
