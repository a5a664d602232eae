"""Template tags shared by every page: navigation, language switcher, footer."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from home.models import FooterText, NavigationSettings

register = template.Library()


def _localized_live(page):
    """The visitor's-language version of a page, if it is live; else the page itself if live."""
    localized = page.localized
    if localized.live:
        return localized
    return page if page.live else None


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    site = Site.find_for_request(request)
    items = []
    current = context.get("page")
    language = translation.get_language()
    if site:
        nav = NavigationSettings.for_site(site)
        for block in nav.main_navigation:
            target = block.value and _localized_live(block.value)
            if target is None:
                continue
            target = target.specific
            is_current = bool(current and isinstance(current, Page) and (
                current.pk == target.pk or current.path.startswith(target.path)
            ))
            items.append(
                {
                    "page": target,
                    "current": is_current,
                    "exact": bool(current and current.pk == target.pk),
                    # A page not translated yet shows in its own language: say which.
                    "lang": target.locale.language_code if target.locale.language_code != language else "",
                }
            )
    return {"items": items, "request": request}


@register.simple_tag(takes_context=True)
def home_page(context):
    """The home page in the visitor's language (for the logo link)."""
    request = context["request"]
    site = Site.find_for_request(request)
    if not site:
        return None
    return _localized_live(site.root_page)


def language_versions(context):
    """[{code, name, url, current}] for each site language that has a version of this page."""
    request = context["request"]
    page = context.get("page")
    current_code = translation.get_language()
    versions = []
    if isinstance(page, Page):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().public().select_related("locale")
        }
        for code, name in settings.LANGUAGES:
            other = translations.get(code)
            if other is not None:
                versions.append(
                    {"code": code, "name": name, "url": other.get_url(request), "current": code == current_code}
                )
    else:
        for code, name in settings.LANGUAGES:
            versions.append(
                {
                    "code": code,
                    "name": name,
                    "url": translate_url(request.get_full_path(), code),
                    "current": code == current_code,
                }
            )
    for version in versions:
        version["absolute_url"] = request.build_absolute_uri(version["url"])
    return versions


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"versions": language_versions(context)}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    request = context["request"]
    return {"versions": language_versions(context), "request": request}


@register.simple_tag
def footer_text():
    return FooterText.for_active_locale()


@register.simple_tag
def active_locale():
    return Locale.get_active()
