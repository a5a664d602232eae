"""Links the association e-mails to people about their account."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def set_password_link(user):
    """The full address where `user` chooses a password (valid PASSWORD_RESET_TIMEOUT): sent to
    an accepted member, and to the people of the family support programme."""
    return settings.WAGTAILADMIN_BASE_URL + reverse(
        "accounts:set_password",
        args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
    )
