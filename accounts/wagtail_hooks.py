"""Where editors land after logging in (home/hooks.py, WORKPLACES)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts import roles
from home import hooks as site_hooks


@hooks.register(site_hooks.WORKPLACES)
def editors_workplace(user):
    if user.is_superuser or user.groups.filter(name=roles.EDITORS).exists():
        return site_hooks.Workplace(
            10, _("Administration du site"), reverse("wagtailadmin_home"),
            _("Pages, actualités, traductions, médias, relectures."),
        )
    return None
