from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    """Members' resources: the vignette library for Intervisions, workshop resources, events."""

    name = "resources"
    verbose_name = _("Ressources")
