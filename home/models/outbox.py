from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """A message waiting to be sent by the worker (see home/mail.py).

    Holds personal data (addresses, content) only as long as needed: deleted once
    delivered, and a failed message is deleted after a retention period.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("en attente")
        FAILED = "failed", _("abandonné")

    message = models.BinaryField(_("message"))
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    last_error = models.CharField(_("dernière erreur"), max_length=100, blank=True)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), default=timezone.now)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("e-mail en attente")
        verbose_name_plural = _("e-mails en attente")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"#{self.pk} ({self.get_status_display()})"

    def record_failure(self, error_kind):
        from home.mail import MAX_ATTEMPTS, RETRY_DELAYS

        self.attempts += 1
        self.last_error = error_kind[:100]
        if self.attempts >= MAX_ATTEMPTS:
            self.status = self.Status.FAILED
        else:
            self.next_attempt_at = timezone.now() + RETRY_DELAYS[min(self.attempts, len(RETRY_DELAYS)) - 1]
        self.save()
