"""The commission's meetings (about every two months), and the decisions taken there."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable


class CommissionMeeting(ClusterableModel):
    """A meeting of the commission: who was there, the applications on the agenda, the
    minutes, and the decisions taken in session (recorded as the collective decision)."""

    date = models.DateField(_("date"))
    attendees = ParentalManyToManyField(
        "accounts.User", blank=True, related_name="commission_meetings", verbose_name=_("présent·es"),
        limit_choices_to={"groups__name": "Commission", "is_active": True},
    )
    agenda = ParentalManyToManyField(
        "network.Application", blank=True, related_name="meetings", verbose_name=_("ordre du jour"),
    )
    minutes = models.TextField(_("compte rendu"), blank=True)

    panels = [
        FieldPanel("date"),
        FieldPanel("attendees", widget=forms.CheckboxSelectMultiple),
        FieldPanel("agenda", widget=forms.CheckboxSelectMultiple),
        FieldPanel("minutes"),
        InlinePanel("decisions", heading=_("Décisions prises en réunion"), label=_("Décision")),
    ]

    class Meta:
        ordering = ["-date"]
        verbose_name = _("réunion de la commission")
        verbose_name_plural = _("réunions de la commission")

    def __str__(self):
        return str(_("Réunion du %(date)s") % {"date": self.date.strftime("%d/%m/%Y")})


class MeetingDecision(Orderable):
    """A decision the commission took together in session on one application."""

    class Outcome(models.TextChoices):
        ACCEPT = "accept", _("acceptée")
        REJECT = "reject", _("refusée")
        CHANGES = "changes", _("modifications demandées")

    meeting = ParentalKey(CommissionMeeting, on_delete=models.CASCADE, related_name="decisions")
    application = models.ForeignKey(
        "network.Application", on_delete=models.CASCADE, related_name="meeting_decisions",
        verbose_name=_("candidature"),
    )
    outcome = models.CharField(_("décision"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(
        _("motif"), blank=True, help_text=_("Obligatoire en cas de refus ou de modifications demandées.")
    )
    applied_at = models.DateTimeField(_("appliquée le"), null=True, blank=True, editable=False)

    panels = [FieldPanel("application"), FieldPanel("outcome"), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = _("décision de réunion")
        verbose_name_plural = _("décisions de réunion")

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.outcome in (self.Outcome.REJECT, self.Outcome.CHANGES) and not self.reason.strip():
            raise ValidationError({"reason": _("Indiquez le motif : il est communiqué à la personne candidate.")})
