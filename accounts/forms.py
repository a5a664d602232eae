"""Log-in and forgotten-password forms of the public site."""

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from home.ratelimit import count_submission

RESET_LIMIT = 5  # requests per address per hour
RESET_WINDOW = 60 * 60


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Identifiant ou adresse e-mail")


class MemberPasswordResetForm(PasswordResetForm):
    """Also for members who never chose a password (accepted members get a set-password
    link valid 14 days; once it has expired, this is how they get a new one)."""

    def get_users(self, email):
        from accounts import roles

        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        for user in users:
            if user.has_usable_password() or user.groups.filter(name=roles.MEMBERS).exists():
                yield user


def reset_requests_exceeded(request):
    """At most RESET_LIMIT requests an hour from one address (only a hash of it is kept)."""

    return count_submission(request, "reset", RESET_WINDOW) > RESET_LIMIT
