from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import roles

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
        from network.demo import create_demo_members

        members = create_demo_members(DEMO_PASSWORD)
        self.stdout.write(f"  {'membre':<12} {roles.MEMBERS} (a published profile)")
        if members:
            self.stdout.write(f"  {members} demo member(s) published in the directory.")
        from resources.demo import create_demo_library

        if create_demo_library():
            self.stdout.write("  The vignette library has two demo vignettes; Marie Membre's proposal awaits the editors' anonymisation review.")
        from resources.demo import create_demo_events

        if create_demo_events():
            self.stdout.write("  The calendar has demo events: discussion times, a full workshop with a waiting list, "
                              "a past workshop with its attendance, a commission meeting.")
        from support.demo import DEMO_ACCOUNTS as SUPPORT_ACCOUNTS
        from support.demo import create_demo_support

        families = create_demo_support(DEMO_PASSWORD)
        for username, _first, _last, role in SUPPORT_ACCOUNTS:
            note = "" if role == roles.REFERRERS else f"; second factor: `python manage.py demo_totp {username}`"
            self.stdout.write(f"  {username:<12} {role} (family support{note})")
        if families:
            self.stdout.write(f"  {families} demo families in the support programme (fictional).")
        created = create_demo_applications()
        if created:
            self.stdout.write(f"  {created} demo application(s) await the commission's vote.")


DEMO_APPLICATIONS = [
    ("Léa", "Martin", "Sage-femme", "Toulouse", "31000"),
    ("Samir", "Haddad", "Psychologue", "Colomiers", "31770"),
    ("Julie", "Roux", "Consultant·e en lactation IBCLC", "Blagnac", "31700"),
]


@transaction.atomic
def create_demo_applications():
    """A few applications in review, so the commission's vote can be tried at once."""
    from django.utils import timezone
    from django.utils.text import slugify

    from network import review
    from network.models import Application, CharterPage, Profession

    if Application.objects.exists():
        return 0
    charter = CharterPage.objects.live().filter(locale__language_code="fr").first()
    for first_name, last_name, profession, commune, postcode in DEMO_APPLICATIONS:
        application = Application.objects.create(
            first_name=first_name,
            last_name=last_name,
            profession=Profession.objects.get(name=profession),
            registration_number="10000000000" if Profession.objects.get(name=profession).registration_label else "",
            commune=commune,
            postcode=postcode,
            home_visits=True,
            languages="français",
            themes="périnatalité",
            presentation=f"{profession} à {commune}, j'accompagne les parents pendant la période périnatale.",
            email=f"{slugify(first_name)}.{slugify(last_name)}@demo.parentescence.invalid",
            criterion_charter="Je fais vivre la bienveillance et l'écoute dans chaque accompagnement.",
            criterion_practice="Je participe à un groupe d'analyse de pratique chaque mois.",
            criterion_limits="J'oriente vers d'autres professionnel·les quand une demande dépasse ma pratique.",
            criterion_involvement="Je souhaite participer aux Intervisions et co-animer des ateliers.",
            charter_version=charter.version if charter else "1",
            charter_accepted_at=timezone.now(),
            live=False,
        )
        review.submit(application)
    return len(DEMO_APPLICATIONS)
