from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The public site: home page, standard pages, shared blocks, site settings, media."""

    name = "home"
    verbose_name = _("Site public")

    def ready(self):
        from django_q.signals import post_execute

        from home.mail import forget_delivered

        post_execute.connect(forget_delivered, dispatch_uid="home.mail.forget_delivered")
