"""The treasurer's rights over payments, and the daily membership notices on the worker."""

import datetime
import zoneinfo

from django.db import migrations
from django.utils import timezone

TREASURER_PERMISSIONS = [
    "fees.add_payment", "fees.view_payment", "fees.view_board_report", "fees.import_members",
    "fees.view_helloassoorder", "fees.change_helloassoorder",
    "network.view_membership", "fees.change_feesettings",
]
NOTICES_SCHEDULE = "Relances d'adhésion"


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
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.get(name="Treasurer")
    for dotted in TREASURER_PERMISSIONS:
        app_label, codename = dotted.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))

    paris = zoneinfo.ZoneInfo("Europe/Paris")
    tomorrow = timezone.now().astimezone(paris).date() + datetime.timedelta(days=1)
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        name=NOTICES_SCHEDULE,
        defaults={
            "func": "fees.notices.send_membership_notices",
            "schedule_type": "D",
            "repeats": -1,
            "next_run": datetime.datetime.combine(tomorrow, datetime.time(8, 0), tzinfo=paris),
        },
    )


def backwards(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NOTICES_SCHEDULE).delete()
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Treasurer").first()
    if group is not None:
        for dotted in TREASURER_PERMISSIONS:
            app_label, codename = dotted.split(".")
            group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("fees", "0001_initial"),
        ("accounts", "0002_roles"),
        ("network", "0012_membership_source"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
