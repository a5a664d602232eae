from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    """Members' resources: the vignette library for Intervisions and the network's meetings
    (workshop resources and the events calendar come next)."""

    name = "resources"
    verbose_name = _("Ressources")

    def ready(self):
        from resources import signals  # noqa: F401
