from django.db import migrations

# Frozen copy (accounts.roles describes the current state).
COMMISSION_PERMISSIONS = ["add_commissionmeeting", "change_commissionmeeting", "view_commissionmeeting"]


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    app_config = apps.get_app_config("network")
    app_config.models_module = True
    create_contenttypes(app_config, apps=apps, verbosity=0)
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Commission").permissions.add(
        *Permission.objects.filter(content_type__app_label="network", codename__in=COMMISSION_PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [("network", "0006_commission_meetings"), ("network", "0005_retention_schedule")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
