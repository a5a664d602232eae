"""Per-address rate limits for the public forms (applications, contact messages, workshop
registrations, password resets). Only a hash of the address is kept, in the cache, for the
window; nothing is written to the database or the logs."""

import hashlib

from django.conf import settings
from django.core.cache import cache

RATE_LIMIT = 5  # forms of one kind per address per window
RATE_WINDOW = 60 * 60


def client_address(request):
    """The visitor's address. Behind a proxy (production), CLIENT_IP_HEADER names the header
    the proxy sets (e.g. HTTP_X_FORWARDED_FOR); its last entry is the one the proxy saw."""
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _rate_key(request, scope):
    return f"{scope}-rate:" + hashlib.sha256(client_address(request).encode()).hexdigest()[:32]


def over_rate_limit(request, scope="join", limit=None):
    """Whether this address sent `limit` forms of this kind (`scope`) within the window
    (default: RATE_LIMIT)."""
    return cache.get(_rate_key(request, scope), 0) >= (RATE_LIMIT if limit is None else limit)


def count_submission(request, scope="join", window=RATE_WINDOW):
    """One more form of this kind from this address, and how many there were in the window
    (which counts from the first one)."""
    key = _rate_key(request, scope)
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired in between
        cache.add(key, 1, window)
        return 1
