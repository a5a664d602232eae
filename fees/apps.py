from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeesConfig(AppConfig):
    """The treasurer's side of membership: payments and receipts, online payment through
    HelloAsso, reminders before and after a membership ends, and the board's reports."""

    name = "fees"
    verbose_name = _("Cotisations")
