"""Who may read the members' library: members whose membership is current today (Europe/Paris),
editors, the commission and superusers.

Wagtail's page privacy (the Members, Editors and Commission groups) is the first gate; it is
not enough on its own, because a member whose membership has lapsed keeps the Members group.
The membership's end date decides, on every request, with no job needed.
"""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from accounts import roles
from network.models import Membership

STAFF_GROUPS = (roles.EDITORS, roles.COMMISSION)


def can_read_library(user, today=None):

    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.groups.filter(name__in=STAFF_GROUPS).exists():
        return True
    today = today or timezone.localdate()
    return Membership.objects.held_by(user, today)


def is_library_staff(user):
    """Editors, the commission and superusers: they read everything and moderate."""
    return user.is_authenticated and (user.is_superuser or user.groups.filter(name__in=STAFF_GROUPS).exists())


def private(response):
    """Members-only responses are never stored by a browser or a shared cache."""
    add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
    return response


def refuse(request):
    """Anonymous visitors go to the log-in page; others learn why they may not read."""
    if not request.user.is_authenticated:
        return private(redirect_to_login(request.get_full_path()))
    return private(render(request, "resources/members_only.html", status=403))


def without_library(pages):
    """Pages, less the library and its vignettes: never in the site search, the sitemap or
    API v2, even if the library's view restriction were removed by mistake."""
    from resources.models import VignetteLibraryPage, VignettePage

    return pages.not_type(VignetteLibraryPage, VignettePage)


def without_members_only(pages):
    """Pages, less the library (without_library) and the members-only workshop resources:
    public workshop resources stay. For the site search, the sitemap and API v2, session or
    not; the members read them on the site, where the membership's end date is checked."""
    from resources.models import WorkshopResourcePage

    members_only = WorkshopResourcePage.objects.filter(members_only=True).values("pk")
    return without_library(pages).exclude(id__in=members_only)
