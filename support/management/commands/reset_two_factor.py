from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from support import two_factor


class Command(BaseCommand):
    help = "Forget a person's authenticator app (lost phone): they set up a new one at their next log-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError("No such account.")
        removed = two_factor.reset(user)
        self.stdout.write(f"{removed} device(s) removed; a new one is set up at the next log-in.")
