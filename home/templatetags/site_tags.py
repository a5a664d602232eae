"""Template tags shared by every page: navigation, language switcher, footer."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from home import chrome
from home.models import FooterText

register = template.Library()


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The cached navigation (home/chrome.py), with this request's current page marked."""
    request = context["request"]
    current = context.get("page")
    current = current if isinstance(current, Page) else None
    items = [
        {
            **item,
            "current": bool(current and (current.pk == item["pk"] or current.path.startswith(item["path"]))),
            "exact": bool(current and current.pk == item["pk"]),
        }
        for item in chrome.navigation(request)
    ]
    return {"items": items, "request": request}


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page's address in the visitor's language (for the logo link)."""
    return chrome.home_url(context["request"])


@register.simple_tag(takes_context=True)
def chrome_key(context):
    """What the footer's cached fragment varies on besides the language: the site and the
    generation of the cached pieces."""
    return chrome.key(context["request"])


def language_versions(context):
    """[{code, name, url, current}] for each site language that has a version of this page.
    Read once per request (the switcher and the hreflang links both show it)."""
    request = context["request"]
    page = context.get("page")
    current_code = translation.get_language()
    memo = request.__dict__.setdefault("_language_versions", {})
    key = (page.pk if isinstance(page, Page) else None, current_code)
    if key not in memo:
        memo[key] = _language_versions(request, page, current_code)
    return memo[key]


def _language_versions(request, page, current_code):
    versions = []
    if isinstance(page, Page):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().public().select_related("locale")
        }
        # A routable page's sub-page (an event of the calendar, a month) has its versions
        # at the same place under each translation, not at the translation itself.
        own_url = page.get_url(request) or ""
        suffix = ""
        if own_url.startswith("/") and request.path.startswith(own_url):
            suffix = request.path[len(own_url):]
        for code, name in settings.LANGUAGES:
            other = translations.get(code)
            if other is not None:
                url = other.get_url(request)
                versions.append(
                    {"code": code, "name": name, "url": url + suffix if url else url, "current": code == current_code}
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


@register.simple_tag(takes_context=True)
def header_links(context):
    """What the apps add to the header for this visitor (home/hooks.py's HEADER_LINKS)."""
    from home import hooks

    return hooks.header_links(context["request"])


@register.simple_tag(takes_context=True)
def page_notices(context):
    """What the apps announce on every page to this signed-in visitor (home/hooks.py's
    PAGE_NOTICES), rendered."""
    from django.utils.safestring import mark_safe

    from home import hooks

    request = context.get("request")
    if request is None or not getattr(request, "user", None) or not request.user.is_authenticated:
        return ""
    return mark_safe("".join(hooks.page_notices(request)))


@register.simple_tag
def footer_text():
    return FooterText.for_active_locale()


@register.simple_tag
def active_locale():
    return Locale.get_active()


@register.simple_tag
def legal_pages():
    """The live legal pages the content build made (legal notice, privacy, accessibility), in
    the visitor's language, in the footer's order. Found by their build records, so an editor
    may rename or move them; one deleted or unpublished is left out. Only read when the footer's
    cached fragment is rebuilt (publishing, moving or deleting a page makes it stale)."""
    from home.content.legal import LEGAL_PAGE_KEYS
    from home.models import ContentRecord

    records = {
        record.key: record.page
        for record in ContentRecord.objects.filter(
            key__in=[f"page:{key}" for key in LEGAL_PAGE_KEYS], page__isnull=False
        ).select_related("page")
    }
    pages = []
    for key in LEGAL_PAGE_KEYS:
        page = records.get(f"page:{key}")
        target = page and chrome.localized_live(page)
        if target is not None:
            pages.append(target)
    return pages
