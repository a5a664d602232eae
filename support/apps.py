from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    """Individual support of vulnerable families: referrals from partner institutions,
    home visits by field referents, the path to collective spaces and local structures."""

    name = "support"
    verbose_name = _("Accompagnement des familles")
