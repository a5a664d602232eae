"""The editors read and handle the messages and edit "Permanences et messages"
(accounts/roles.py describes it); the worker's daily job erasing handled messages once the
retention period is over (contact.inbox.erase_handled, 03:45 Paris)."""

import datetime
import zoneinfo

from django.db import migrations
from django.utils import timezone

EDITOR_PERMISSIONS = [
    "view_contactmessage",
    "handle_contactmessage",
    "delete_contactmessage",
    "change_contactsettings",
]
SCHEDULE = "Effacement des messages traités (page « Nous contacter »)"


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, apps=apps, verbosity=0)
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _created = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *[Permission.objects.get(content_type__app_label="contact", codename=codename) for codename in EDITOR_PERMISSIONS]
    )
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    tomorrow = timezone.now().astimezone(paris).date() + datetime.timedelta(days=1)
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        name=SCHEDULE,
        defaults={
            "func": "contact.inbox.erase_handled",
            "schedule_type": "D",
            "repeats": -1,
            "next_run": datetime.datetime.combine(tomorrow, datetime.time(3, 45), tzinfo=paris),
        },
    )


def backwards(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_initial"),
        ("accounts", "0002_roles"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
