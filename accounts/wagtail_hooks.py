"""Where editors land after logging in (home/hooks.py, WORKPLACES); the administrators'
screen of refused log-ins."""

from axes.models import AccessAttempt
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

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


class SuperuserOnlyPolicy(ModelPermissionPolicy):
    """Administrators (superusers) only, whatever the groups' permissions."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return user.is_active and user.is_superuser


register_permission_policy(AccessAttempt, SuperuserOnlyPolicy(AccessAttempt))


class LoginAttemptViewSet(ModelViewSet):
    """Accounts and addresses refused after too many wrong passwords (accounts/security.py):
    an administrator unlocks one by deleting its record."""

    model = AccessAttempt
    icon = "lock"
    menu_label = _("Tentatives de connexion")
    add_to_settings_menu = True
    url_prefix = "tentatives-de-connexion"
    list_display = [
        # The account links to the confirmation that unlocks it (deletes the record).
        TitleColumn("username", label=_("Compte (débloquer)"), url_name="login_attempts:delete"),
        Column("ip_address", label=_("Adresse")),
        Column("failures_since_start", label=_("Échecs")),
        Column("attempt_time", label=_("Dernier échec")),
    ]
    list_filter = []
    search_fields = ["username"]
    ordering = ["-attempt_time"]
    inspect_view_enabled = False
    copy_view_enabled = False
    form_fields = []  # never edited: listed, then deleted to unlock

    def get_index_view_kwargs(self, **kwargs):
        view_kwargs = super().get_index_view_kwargs(**kwargs)
        view_kwargs["add_url_name"] = None  # records are made by failed log-ins only
        return view_kwargs


@hooks.register("register_admin_viewset")
def register_login_attempts():
    return LoginAttemptViewSet("login_attempts")
