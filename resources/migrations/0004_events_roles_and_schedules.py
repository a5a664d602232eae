"""Events: the network's existing meetings become members-only; the editors' rights on
venues, series and registrations (accounts/roles.py describes them); the worker's daily
jobs for reminders (the day before) and for erasing registrants' personal data."""

import datetime
import zoneinfo

from django.db import migrations
from django.utils import timezone

EDITOR_PERMISSIONS = [
    "resources.add_venue", "resources.change_venue", "resources.delete_venue",
    "resources.add_eventseries", "resources.change_eventseries", "resources.delete_eventseries",
    "resources.view_registration", "resources.change_registration",
]
SCHEDULES = {
    # name: (function, hour in Paris)
    "Rappels des événements du lendemain": ("resources.registrations.send_reminders", 10),
    "Effacement des données des inscrit·es": ("resources.registrations.erase_past_registrants", 3),
}


def ensure_permissions_exist(apps):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, apps=apps, verbosity=0)
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def forwards(apps, schema_editor):
    ensure_permissions_exist(apps)
    Event = apps.get_model("resources", "Event")
    Event.objects.filter(kind__in=["intervision", "prorencontre"]).update(audience="members")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.get(name="Editors")
    for dotted in EDITOR_PERMISSIONS:
        app_label, codename = dotted.split(".")
        editors.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    tomorrow = timezone.now().astimezone(paris).date() + datetime.timedelta(days=1)
    for name, (func, hour) in SCHEDULES.items():
        apps.get_model("django_q", "Schedule").objects.get_or_create(
            name=name,
            defaults={
                "func": func,
                "schedule_type": "D",
                "repeats": -1,
                "next_run": datetime.datetime.combine(tomorrow, datetime.time(hour, 0), tzinfo=paris),
            },
        )


def backwards(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=list(SCHEDULES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0003_events_registrations_workshops"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
