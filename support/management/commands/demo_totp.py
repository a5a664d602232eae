from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Development only: print the current second-factor code of a demo account (once its "
        "authenticator was set up), for trying the coordinator and referent roles without a phone."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        if not settings.DEBUG:
            raise CommandError("For development only (DEBUG on).")
        user = get_user_model().objects.filter(username=username).first()
        device = TOTPDevice.objects.filter(user=user).order_by("-confirmed").first() if user else None
        if device is None:
            raise CommandError("This account has no authenticator yet: log in once, the set-up page creates it.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
        self.stdout.write(f"{code:0{device.digits}d}")
