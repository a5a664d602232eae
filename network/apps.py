from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The professional network: its charter and, as it grows, applications, the commission,
    member profiles, the directory and membership."""

    name = "network"
    verbose_name = _("Réseau professionnel")

    def ready(self):
        from network import signals  # noqa: F401
