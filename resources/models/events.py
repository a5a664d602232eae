"""The network's meetings, where vignettes are discussed."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string


class Event(models.Model):
    """A meeting of the network. Every quarter, alternately, a Prorencontre (members present
    their profession and how they work) and an Intervision (members of several professions
    discuss one or more anonymised vignettes). A meeting links to the vignettes discussed;
    afterwards a facilitator attaches a synthesis that only the library's readers see."""

    class Kind(models.TextChoices):
        INTERVISION = "intervision", _("Intervision")
        PRORENCONTRE = "prorencontre", _("Prorencontre")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=200)
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"), null=True, blank=True)
    facilitators = models.ManyToManyField(
        "accounts.User", blank=True, related_name="facilitated_events", verbose_name=_("animation"),
        limit_choices_to={"groups__name": "Members"},
        help_text=_("Les membres qui animent ; ils et elles peuvent joindre la synthèse après la rencontre."),
    )
    vignettes = models.ManyToManyField(
        "resources.VignettePage", blank=True, related_name="events", verbose_name=_("vignettes discutées")
    )
    synthesis = models.TextField(_("synthèse"), blank=True, max_length=10000)
    synthesis_document = models.ForeignKey(
        get_document_model_string(), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("synthèse (document)"),
    )
    synthesis_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    synthesis_updated_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("facilitators", widget=forms.SelectMultiple(attrs={"size": 8})),
        FieldPanel("vignettes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("synthesis"), FieldPanel("synthesis_document")], heading=_("Synthèse")),
    ]

    class Meta:
        ordering = ["-start"]
        verbose_name = _("rencontre du réseau")
        verbose_name_plural = _("rencontres du réseau")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        from resources.library import in_private_collection

        if self.synthesis_document_id and not in_private_collection(self.synthesis_document):
            raise ValidationError(
                {"synthesis_document": _("Choisissez un document de la collection privée « Vignettes ».")}
            )
        if self.end and self.end < self.start:
            raise ValidationError({"end": _("La fin doit suivre le début.")})
