"""Addresses of the calendar's pages, for e-mails and links outside a page's own request."""


def calendar_url(route, *args, full=False, language=None):
    """The address of one of the calendar page's routes ("event", "cancel", "event_ics") in
    `language` (default: the active one; else French), or "" when the site has no calendar."""
    from wagtail.models import Locale

    from resources.calendar import calendar_page

    locale = Locale.objects.filter(language_code=language[:2]).first() if language else None
    page = calendar_page(locale)
    if page is None:
        return ""
    base = page.get_full_url() if full else page.get_url()
    return base + page.reverse_subpage(route, args=args)
