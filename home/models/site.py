"""Site-wide values editors change without touching the code."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, TranslatableMixin

from home.blocks import SocialLinkBlock


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The association's public contact details and social links, shown in the footer."""

    organisation_name = models.CharField(_("nom de l'association"), max_length=120, default="Parentescence")
    address = models.TextField(_("adresse postale"), blank=True)
    email = models.EmailField(_("e-mail de contact"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())], blank=True, verbose_name=_("réseaux sociaux")
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                # Shown in the footer and on the contact page when filled in; the content
                # build knows only "Toulouse" (help texts on the panels: no migration).
                FieldPanel("address", help_text=_("À compléter : l'adresse postale complète (imprimée aussi sur les reçus).")),
                FieldPanel("email", help_text=_("À compléter : l'adresse e-mail publique de l'association.")),
                FieldPanel("phone", help_text=_("À compléter : un numéro que l'équipe peut décrocher. Vide : rien n'est affiché.")),
            ],
            heading=_("Coordonnées"),
        ),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = _("coordonnées du site")


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The main navigation: pages in the order shown. Each visitor sees the translation of
    each page in their language, with its translated title."""

    main_navigation = StreamField(
        [("page", blocks.PageChooserBlock(label=_("Page")))],
        blank=True,
        verbose_name=_("navigation principale"),
    )

    panels = [FieldPanel("main_navigation")]

    class Meta:
        verbose_name = _("navigation")


class FooterText(TranslatableMixin, models.Model):
    """The short text in the footer of every page, translated like the pages."""

    body = RichTextField(_("texte"), features=["bold", "italic", "link"])

    panels = [FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("texte de pied de page")
        verbose_name_plural = _("textes de pied de page")

    def __str__(self):
        return str(_("Pied de page (%(locale)s)") % {"locale": self.locale.language_code})

    @classmethod
    def for_active_locale(cls):
        """The footer text in the visitor's language, or in the default language."""
        locale = Locale.get_active()
        return cls.objects.filter(locale=locale).first() or cls.objects.filter(
            locale=Locale.get_default()
        ).first()
