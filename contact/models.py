"""Writing to the association: its public contact details, the "Nous contacter" page and the
messages that page receives."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

TO_FILL = _("À compléter par l'association.")


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """Where and when families can meet the association, and who reads the messages sent from
    the contact page. Shown in the footer and on the contact page; an empty field is simply
    not shown. The postal address, e-mail and phone stay in "Coordonnées du site"
    (home.SiteSettings): receipts and the board's e-mails already read them there."""

    permanences_place = models.CharField(
        _("lieu des permanences familles"),
        max_length=200,
        blank=True,
        help_text=_("Où les parents rencontrent l'association en individuel, par exemple « Udaf 31, Toulouse »."),
    )
    permanences_hours = models.CharField(
        _("jours et horaires des permanences (français)"),
        max_length=200,
        blank=True,
        help_text=_("À compléter : par exemple « le mardi de 14 h à 17 h, sur rendez-vous ». Vide : rien n'est affiché."),
    )
    permanences_hours_en = models.CharField(
        _("jours et horaires des permanences (anglais)"),
        max_length=200,
        blank=True,
        help_text=_("À compléter : la même chose en anglais, par exemple « Tuesdays 2–5 pm, by appointment »."),
    )
    workshops_place = models.CharField(
        _("lieu des ateliers et temps d'échange"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple « Maison de quartier des Arènes romaines, Toulouse »."),
    )
    messages_recipient = models.EmailField(
        _("adresse qui reçoit les messages du formulaire"),
        blank=True,
        help_text=_(
            "À compléter. Vide : l'e-mail de contact des « Coordonnées du site », ou à défaut l'adresse "
            "d'envoi du site. Les messages restent aussi dans « Messages reçus »."
        ),
    )

    panels = [
        HelpPanel(
            _(
                "L'adresse postale, l'e-mail et le téléphone publics de l'association se règlent dans "
                "« Paramètres → Coordonnées du site »."
            )
        ),
        MultiFieldPanel(
            [FieldPanel("permanences_place"), FieldPanel("permanences_hours"), FieldPanel("permanences_hours_en")],
            heading=_("Permanences familles"),
        ),
        FieldPanel("workshops_place"),
        FieldPanel("messages_recipient"),
    ]

    class Meta:
        verbose_name = _("permanences et messages")

    def permanences_hours_for(self, language_code):
        """The opening hours in the visitor's language (French when no English is given)."""
        if language_code == "en" and self.permanences_hours_en:
            return self.permanences_hours_en
        return self.permanences_hours


class ContactPage(Page):
    """"Nous contacter": a parent, a professional or a partner institution writes to the
    association, possibly about one professional of the directory. One per language tree."""

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul"], blank=True)
    thank_you = RichTextField(_("message de confirmation"), features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    # One per home page, so one per language. `max_count = 1` would count the English
    # translation too and forbid it (see home.HomePage).
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("thank_you")]

    class Meta:
        verbose_name = _("page « Nous contacter »")
        verbose_name_plural = _("pages « Nous contacter »")

    def serve(self, request, *args, **kwargs):
        from contact.views import serve_contact_page

        return serve_contact_page(self, request)


class ContactMessage(models.Model):
    """A message a visitor sent from the contact page: kept here first (nothing is lost when
    the mail server is down), e-mailed to the association, read and handled by the editors in
    "Messages reçus", erased RETENTION after it was handled (contact.inbox.erase_handled)."""

    class SenderKind(models.TextChoices):
        PARENT = "parent", _("Parent ou futur parent")
        PROFESSIONAL = "professional", _("Professionnel·le de la périnatalité")
        INSTITUTION = "institution", _("Institution ou structure partenaire")
        OTHER = "other", _("Autre")

    class Status(models.TextChoices):
        NEW = "new", _("nouveau")
        HANDLED = "handled", _("traité")

    received_at = models.DateTimeField(_("reçu le"), default=timezone.now, editable=False, db_index=True)
    name = models.CharField(_("nom"), max_length=120)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    sender_kind = models.CharField(_("vous êtes"), max_length=20, choices=SenderKind.choices)
    message = models.TextField(_("message"), max_length=5000)
    about = models.ForeignKey(
        "network.MemberProfilePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # an erased member's profile leaves no name behind
        related_name="+",
        verbose_name=_("au sujet de"),
    )
    language = models.CharField(_("langue"), max_length=8, default="fr", editable=False)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    handled_at = models.DateTimeField(_("traité le"), null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("traité par"),
    )

    class Meta:
        verbose_name = _("message reçu")
        verbose_name_plural = _("messages reçus")
        ordering = ["-received_at"]
        permissions = [("handle_contactmessage", "Can mark a message as handled")]

    def __str__(self):
        return str(_("Message de %(name)s du %(date)s")) % {
            "name": self.name,
            "date": timezone.localtime(self.received_at).strftime("%d/%m/%Y %H:%M"),
        }

    @property
    def about_title(self):
        return self.about.title if self.about_id else ""

    def mark_handled(self, user, now=None):
        """Handled by `user`: recorded with the moment. Handling it again changes nothing."""
        if self.status == self.Status.HANDLED:
            return False
        self.status = self.Status.HANDLED
        self.handled_at = now or timezone.now()
        self.handled_by = user
        self.save(update_fields=["status", "handled_at", "handled_by"])
        return True
