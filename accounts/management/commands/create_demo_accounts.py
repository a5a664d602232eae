from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import roles
from home import hooks as site_hooks

# Development only: fixed, publicly known passwords so a newcomer can try every role.
DEMO_PASSWORD = "parentescence-demo"
DEMO_ACCOUNTS = [
    # username, first name, last name, group (None: superuser)
    ("admin", "Camille", "Admin", None),
    ("editrice", "Élise", "Éditrice", roles.EDITORS),
    ("commission", "Claire", "Commission", roles.COMMISSION),
    ("commission2", "Hugo", "Commission", roles.COMMISSION),
    ("commission3", "Inès", "Commission", roles.COMMISSION),
    ("tresorier", "Thomas", "Trésorier", roles.TREASURER),
]


class Command(BaseCommand):
    help = (
        "Create the demo accounts (one per role, three commission members) and a few pending "
        "applications (development only: refuses to run when DEBUG is off or the database is remote)."
    )

    def handle(self, *args, **options):
        database = settings.DATABASES["default"]
        if not settings.DEBUG or database.get("HOST") not in (None, "", "localhost", "127.0.0.1", "::1"):
            raise CommandError("Demo accounts are for development only (DEBUG on, local database).")
        User = get_user_model()
        rows = []
        for username, first_name, last_name, group_name in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first_name,
                    "last_name": last_name,
                    "email": f"{username}@demo.parentescence.invalid",
                    "is_superuser": group_name is None,
                    "is_staff": group_name is None,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                if group_name:
                    user.groups.add(Group.objects.get(name=group_name))
            rows.append((username, group_name or "superuser"))
        self.stdout.write("\nDemo accounts (development only), password: %s" % DEMO_PASSWORD)
        for username, role in rows:
            self.stdout.write(f"  {username:<12} {role}")
        # Each app adds its own demo data (members, library, events, families, applications),
        # in the hooks' order (home/hooks.py's DEMO_DATA).
        for line in site_hooks.create_demo_data(DEMO_PASSWORD):
            self.stdout.write(f"  {line}")
