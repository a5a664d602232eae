"""The calendar page and the private calendar feeds' secret addresses.

A person's private feed address is /agenda/ical/<token>/, where the token is the user's
id and an HMAC, keyed with the site's SECRET_KEY, of a random nonce kept in
CalendarFeedKey: a copy of the database alone does not give the address. Resetting the
nonce makes a new address and the old one stops working at once. The feed's content is
decided when it is fetched (resources.events.audiences_for), never when the address was
made: a member whose membership lapses gets public events only from that day on."""

import secrets

from django.utils.crypto import constant_time_compare, salted_hmac

FEED_SALT = "resources.calendar.feed"
DIGEST_LENGTH = 32


def calendar_page(locale=None):
    """The live calendar page ("Agenda") of `locale` (default: the active language), or the
    French one, or any."""
    from wagtail.models import Locale

    from resources.models import EventCalendarPage

    pages = EventCalendarPage.objects.live().order_by("path")
    if locale is None:
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            locale = None
    page = pages.filter(locale=locale).first() if locale is not None else None
    return page or pages.filter(locale__language_code="fr").first() or pages.first()


def _digest(user_pk, nonce):
    return salted_hmac(FEED_SALT, f"{user_pk}:{nonce}", algorithm="sha256").hexdigest()[:DIGEST_LENGTH]


def _new_nonce():
    return secrets.token_urlsafe(32)


def feed_token(user):
    """The secret token of `user`'s private feed (its key is made the first time)."""
    from resources.models import CalendarFeedKey

    key, _created = CalendarFeedKey.objects.get_or_create(user=user, defaults={"nonce": _new_nonce()})
    return f"{user.pk}-{_digest(user.pk, key.nonce)}"


def user_for_token(token):
    """The active user whose feed token this is, or None (malformed, forged, reset)."""
    from resources.models import CalendarFeedKey

    pk, separator, digest = (token or "").partition("-")
    if not separator or not pk.isascii() or not pk.isdigit() or len(pk) > 12 or len(digest) != DIGEST_LENGTH:
        return None
    key = CalendarFeedKey.objects.select_related("user").filter(user_id=int(pk)).first()
    if key is None:
        return None
    if not constant_time_compare(digest, _digest(key.user_id, key.nonce)):
        return None
    if not key.user.is_active:
        return None
    return key.user


def reset_feed(user):
    """A new secret for `user`'s feed: the previous address stops working at once. Returns
    the new token."""
    from resources.models import CalendarFeedKey

    CalendarFeedKey.objects.update_or_create(user=user, defaults={"nonce": _new_nonce()})
    return feed_token(user)


def _base_url(request_or_page):
    """The calendar page and its absolute address, from a request (the calendar page of its
    language) or from a calendar page; (None, None) when the site has no calendar page."""
    from django.http import HttpRequest

    if isinstance(request_or_page, HttpRequest):
        request, page = request_or_page, calendar_page()
    else:
        request, page = None, request_or_page
    base = page.get_full_url(request) if page is not None else None
    return (page, base) if base else (None, None)


def private_feed_url(request_or_page, user):
    """The absolute address of `user`'s private feed, or None."""
    page, base = _base_url(request_or_page)
    return base + page.reverse_subpage("private_feed", kwargs={"token": feed_token(user)}) if page else None


def public_feed_url(request_or_page):
    """The absolute address of the public feed, or None."""
    page, base = _base_url(request_or_page)
    return base + page.reverse_subpage("public_feed") if page else None


def webcal(url):
    """The same address with the webcal: scheme, which calendar apps open as a subscription."""
    if not url:
        return url
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return "webcal://" + url[len(scheme):]
    return url
