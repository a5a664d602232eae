from django.core.management import call_command
from django.core.management.base import BaseCommand

from home.content.build import build_site


class Command(BaseCommand):
    help = "Build the association's site (French, then English translations) from its own texts. Idempotent."

    def handle(self, *args, **options):
        self.stdout.write("Building the site content…")
        build_site(log=self.stdout.write)
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Site content ready; search index updated."))
