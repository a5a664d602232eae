from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Who can log in, and the roles (groups) that say what each person may do."""

    name = "accounts"
    verbose_name = _("Comptes et rôles")
