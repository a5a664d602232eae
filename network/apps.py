from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The professional network: its charter and, as it grows, applications, the commission,
    member profiles, the directory and membership."""

    name = "network"
    verbose_name = _("Réseau professionnel")

    def ready(self):
        from home import chrome  # app loading: it reads models, ready only once every app is loaded
        from network import signals  # noqa: F401
        from network.models import Membership

        # A membership decides whether a profile is listed: the site search's cached set of
        # visible pages (home/search/backend.py) is keyed by the same generation.
        chrome.connect(Membership)
