from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The public site: home page, standard pages, shared blocks, site settings, media."""

    name = "home"
    verbose_name = _("Site public")

    def ready(self):
        from home import chrome
        from home.models import FooterText, NavigationSettings, SiteSettings

        chrome.connect_pages()
        chrome.connect_settings(NavigationSettings, SiteSettings)
        chrome.connect(FooterText)
