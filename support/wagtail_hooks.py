"""The admin knows one thing of the family support programme: where the treasurer (for the
board) finds its anonymised statistics. No family data is registered with Wagtail.

The site's shared screens ask for the rest through the project's hooks (home/hooks.py): the
header's link to the programme's space, and where "Mon espace" sends a coordinator, referent
or partner who is not a member. Nothing outside this app imports it."""

from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext, gettext_lazy
from wagtail import hooks

from accounts import roles
from home.admin_menus import RestrictedMenuItem
from home.hooks import DEMO_DATA, HEADER_LINKS, MEMBER_SPACE_ENTRY, WORKPLACES, Workplace
from support import access


@hooks.register("register_reports_menu_item")
def register_support_statistics_menu_item():
    return RestrictedMenuItem(
        gettext_lazy("Accompagnement des familles (statistiques)"), reverse_lazy("support:statistics"),
        name="support-statistics", icon_name="table", order=830, allowed=access.sees_statistics,
    )


@hooks.register(HEADER_LINKS)
def support_header_link(request):
    """The programme's space, in the header of every page, for those who take part in it."""
    if access.has_support_role(request.user):
        return [(gettext("Accompagnement des familles"), reverse("support:home"))]
    return []


@hooks.register(MEMBER_SPACE_ENTRY)
def support_space_for_non_members(request):
    """A coordinator, referent or partner who is not a member: their space is the programme's."""
    return reverse("support:home") if access.has_support_role(request.user) else None


@hooks.register(DEMO_DATA, order=40)
def demo_families(password):
    from support.demo import DEMO_ACCOUNTS, create_demo_support

    families = create_demo_support(password)
    for username, _first, _last, role in DEMO_ACCOUNTS:
        note = "" if role == roles.REFERRERS else f"; second factor: `python manage.py demo_totp {username}`"
        yield f"{username:<12} {role} (family support{note})"
    if families:
        yield f"{families} demo families in the support programme (fictional)."


@hooks.register(WORKPLACES)
def support_workplace(user):
    """Coordinators, field referents and referring partners; not those who only read the
    statistics (the treasurer): theirs is in the reports menu."""
    if access.works_in_support(user):
        return Workplace(
            40, gettext_lazy("Accompagnement des familles"), reverse("support:home"),
            gettext_lazy("Orienter une famille, suivre les familles, les permanences."),
        )
    return None

