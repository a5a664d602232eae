"""Addresses of the calendar's pages, for e-mails and links outside a page's own request."""

from django.utils import translation


def calendar_page(language=None):
    """The live calendar page in `language` (default: the active one), else the French one."""
    from wagtail.models import Locale

    from resources.models import EventCalendarPage

    pages = EventCalendarPage.objects.live().select_related("locale")
    code = (language or translation.get_language() or "fr")[:2]
    locale = Locale.objects.filter(language_code=code).first()
    page = pages.filter(locale=locale).first() if locale else None
    return page or pages.filter(locale__language_code="fr").first() or pages.first()


def event_page_url(event, route, *args, full=False, language=None):
    """The address of one of the calendar page's routes ("event", "cancel", "event_ics"),
    or "" when the site has no calendar page."""
    page = calendar_page(language)
    if page is None:
        return ""
    base = page.get_full_url() if full else page.get_url()
    return base + page.reverse_subpage(route, args=args)
