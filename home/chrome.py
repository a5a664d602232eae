"""What every public page shows around its content: the main navigation, the logo's link and the
footer. Built once per site and language, then kept in the cache until something it shows
changes, so that a page pays for its own content only (the navigation alone cost 23 queries).

What makes it stale, and bumps the generation every cached piece is keyed by: a page published,
unpublished, moved or deleted; a change to the navigation, the site's settings, the footer text,
a site or a locale (`connect` and `connect_settings` below; other apps connect their own
settings, as the contact app does). With a per-process cache (no Redis) another process does
not see the bump: the timeout bounds how long it may show the old navigation.

The site search's cached set of visible pages is keyed by the same generation
(home/search/backend.py's visible_ids): the network app connects memberships to it, which
decide whether a profile is listed.
"""

import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "chrome:generation"
CACHE_SECONDS = 10 * 60


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        value = cache.get(GENERATION_KEY, "")
    return value


def bump_generation(**_signal):
    """Make every cached piece stale: now (for this transaction's own reads) and again once the
    transaction commits (a request may have rebuilt a piece from the old rows meanwhile)."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, secrets.token_hex(8), None))


def key(request):
    """The site and the generation, for a cached template fragment ({% cache %})."""
    site = Site.find_for_request(request)
    return f"{site.pk if site else 0}:{generation()}"


def cached(name, site, build):
    """`build()`'s value for this site and the active language, from the cache when fresh."""
    key = f"chrome:{name}:{site.pk if site else 0}:{get_language()}:{generation()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value


def connect(*models):
    """Saving or deleting a row of any of `models` makes the cached pieces stale."""
    for model in models:
        post_save.connect(bump_generation, sender=model, weak=False, dispatch_uid=f"chrome-save-{model._meta.label}")
        post_delete.connect(
            bump_generation, sender=model, weak=False, dispatch_uid=f"chrome-delete-{model._meta.label}"
        )


def _setting_saved(sender, instance, created=False, **_signal):
    # BaseSiteSetting.for_site() creates a site's row with the defaults the first time it is
    # read, in the middle of a page's rendering: that shows nothing new. Editors' changes
    # (the admin's settings form, the content build) save that row again.
    if not created:
        bump_generation()


def connect_settings(*models):
    """Like `connect`, for site settings (BaseSiteSetting): their first, default row is not a change."""
    for model in models:
        post_save.connect(_setting_saved, sender=model, weak=False, dispatch_uid=f"chrome-save-{model._meta.label}")
        post_delete.connect(
            bump_generation, sender=model, weak=False, dispatch_uid=f"chrome-delete-{model._meta.label}"
        )


def connect_pages():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_generation, weak=False, dispatch_uid=f"chrome-{id(signal)}")
    # A page's deletion sends post_delete for wagtailcore.Page as well as for its own type.
    connect(Page, Site, Locale)


def localized_live(page):
    """The visitor's-language version of a page, if it is live; else the page itself if live."""
    localized = page.localized
    if localized.live:
        return localized
    return page if page.live else None


def navigation(request):
    """The main navigation's items for the request's site, in the active language:
    [{pk, path, url, title, lang}], `lang` set when the page has no version in that language."""
    from home.models import NavigationSettings

    site = Site.find_for_request(request)
    if site is None:
        return []

    def build():
        language = get_language()
        items = []
        for block in NavigationSettings.for_site(site).main_navigation:
            target = block.value and localized_live(block.value)
            if target is None:
                continue
            items.append({
                "pk": target.pk,
                "path": target.path,
                "url": target.get_url(request),
                "title": target.title,
                "lang": target.locale.language_code if target.locale.language_code != language else "",
            })
        return items

    return cached("navigation", site, build)


def home_url(request):
    """The address of the home page in the visitor's language (the logo's link)."""
    site = Site.find_for_request(request)
    if site is None:
        return "/"

    def build():
        home = localized_live(site.root_page)
        return (home.get_url(request) if home else None) or "/"

    return cached("home", site, build)
