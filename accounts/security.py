"""Log-in attempts, limited per account and per address on both log-in pages (django-axes;
settings in config/settings/base.py, "Log-in attempts").

Axes records failed attempts (account, address, when) in the database for as long as they
count: an account or an address with AXES_FAILURE_LIMIT failures is refused for
AXES_COOLOFF_TIME, then forgotten. Nothing about it reaches the logs but counts.
"""

import logging

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.utils import timezone

from home.ratelimit import client_address

logger = logging.getLogger(__name__)


def attempted_account(request, credentials):
    """The account an attempt is for, whatever was typed: the username, or the e-mail
    address of an account (so that typing one then the other does not double the attempts),
    in lower case; what was typed, in lower case, when no account has it."""
    typed = ((credentials or {}).get("username") or request.POST.get("username") or "").strip().lower()
    if "@" in typed:
        username = get_user_model().objects.filter(email__iexact=typed).order_by("pk").values_list(
            "username", flat=True).first()
        return (username or typed).lower()
    return typed


def attempt_address(request):
    """The address an attempt comes from, as everywhere else (CLIENT_IP_HEADER behind a proxy)."""
    return client_address(request) or None


def locked_out(request, credentials=None):
    """The page a refused log-in gets (429), in the site's language and layout."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)


def unlock_account(username):
    """A new password chosen through the e-mailed link proves the account is its owner's:
    its failed attempts are forgotten (an address's stay)."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.filter(username=username.lower()).delete()


def no_personal_data(*args, **kwargs):
    """What axes writes in its log lines about a client: nothing that identifies it."""
    return "a client"


def forget_old_attempts():
    """Daily (worker): the failed attempts past their cool-off, with their address."""
    from axes.models import AccessAttempt

    limit = timezone.now() - settings.AXES_COOLOFF_TIME
    deleted = AccessAttempt.objects.filter(attempt_time__lt=limit).delete()[0]
    logger.info("log-in attempts: %s old records forgotten", deleted)
    return deleted


class AttemptLimitBackend(AxesStandaloneBackend):
    """django-axes' check, for log-ins made through a request (both log-in pages, every HTTP
    authentication). Code that authenticates without one (a management command, the test
    client's login()) has no address to count and is not a guessing attempt from outside."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
