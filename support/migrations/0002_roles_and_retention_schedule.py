"""The family support programme's roles (accounts/roles.py describes them): coordinators,
field referents, referring professionals of partner institutions; the treasurer reads the
anonymised statistics for the board. And the worker's daily retention job (03:30 Paris)."""

import datetime
import zoneinfo

from django.db import migrations
from django.utils import timezone

ROLES = {
    "Coordinators": ["coordinate_support", "view_support_statistics"],
    "FieldReferents": ["follow_families"],
    "Referrers": ["refer_families"],
}
SCHEDULE = "Effacement des données des familles (accompagnement)"


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

    def permission(codename):
        return Permission.objects.get(content_type__app_label="support", codename=codename)

    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*[permission(codename) for codename in codenames])
    Group.objects.get(name="Treasurer").permissions.add(permission("view_support_statistics"))
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    tomorrow = timezone.now().astimezone(paris).date() + datetime.timedelta(days=1)
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        name=SCHEDULE,
        defaults={
            "func": "support.retention.erase_expired",
            "schedule_type": "D",
            "repeats": -1,
            "next_run": datetime.datetime.combine(tomorrow, datetime.time(3, 30), tzinfo=paris),
        },
    )


def backwards(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0001_initial"),
        ("accounts", "0002_roles"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
