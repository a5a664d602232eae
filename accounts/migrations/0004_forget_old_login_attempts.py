"""The daily job that forgets failed log-in attempts past their cool-off (accounts.security)."""

import datetime
import zoneinfo

from django.db import migrations
from django.utils import timezone

NAME = "Oubli des tentatives de connexion échouées"


def forwards(apps, schema_editor):
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    tomorrow = timezone.now().astimezone(paris).date() + datetime.timedelta(days=1)
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        name=NAME,
        defaults={
            "func": "accounts.security.forget_old_attempts",
            "schedule_type": "D",
            "repeats": -1,
            "next_run": datetime.datetime.combine(tomorrow, datetime.time(4, 10), tzinfo=paris),
        },
    )


def backwards(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_phone"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
