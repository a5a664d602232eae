"""What membership of the network rests on: the signed charter and the yearly membership."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CharterSignature(models.Model):
    """A member's signature of one version of the charter of values and postures."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="charter_signatures")
    charter_version = models.CharField(_("version de la charte"), max_length=20)
    signed_at = models.DateTimeField(_("signée le"))
    application = models.ForeignKey(
        "network.Application", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-signed_at"]
        verbose_name = _("signature de la charte")
        verbose_name_plural = _("signatures de la charte")
        constraints = [
            models.UniqueConstraint(fields=["user", "charter_version"], name="one_signature_per_version")
        ]

    def __str__(self):
        return f"{self.user} — {self.charter_version}"


def one_year_from(start):
    """Membership is valid one year date to date: from 15 March to 14 March next year."""
    try:
        same_day_next_year = start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        same_day_next_year = start.replace(year=start.year + 1, day=28) + datetime.timedelta(days=1)
    return same_day_next_year - datetime.timedelta(days=1)


class MembershipQuerySet(models.QuerySet):
    def current(self, today=None):
        """Memberships valid today (the day they end included)."""
        today = today or timezone.localdate()
        return self.filter(start_date__lte=today, end_date__gte=today)

    def held_by(self, user, today=None):
        """Whether `user` has a membership valid today (Europe/Paris dates)."""
        return self.current(today).filter(user=user).exists()


class Membership(models.Model):
    """A period of membership of the network. A paid period is one year date to date (30 €);
    on acceptance a member gets a short period to pay their first fee, which the first
    payment replaces by a full year from its date (network.membership holds the rules).
    Access checks compute from the end date: a member lapses the day after it."""

    class Source(models.TextChoices):
        ACCEPTANCE = "acceptance", _("Admission, première cotisation à régler")
        PAYMENT = "payment", _("Cotisation payée")
        IMPORT = "import", _("Reprise des adhésions existantes")

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="memberships")
    source = models.CharField(_("origine"), max_length=20, choices=Source.choices, default=Source.PAYMENT)
    start_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"))
    application = models.ForeignKey(
        "network.Application", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Given for members imported from the former register, who have no profile yet.
    profession = models.ForeignKey(
        "network.Profession", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("profession"),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("adhésion")
        verbose_name_plural = _("adhésions")

    def __str__(self):
        return f"{self.user} {self.start_date:%d/%m/%Y} → {self.end_date:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        if not self.end_date:
            self.end_date = one_year_from(self.start_date)
        super().save(*args, **kwargs)
