from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    """Writing to the association: the "Nous contacter" page, the messages it receives (the
    editors' inbox in the admin) and the association's public contact details."""

    name = "contact"
    verbose_name = _("Messages reçus")

    def ready(self):
        from contact.models import ContactSettings
        from home import chrome  # app loading: it reads models, ready only once every app is loaded

        # The footer shows the drop-in and workshop places.
        chrome.connect_settings(ContactSettings)
