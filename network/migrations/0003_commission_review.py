"""The commission's review: the professions list, the "Commission review" workflow with its
collective vote task, and the rights the commission and the editors need for it."""

from django.db import migrations

PROFESSIONS = [
    # name, registration number (RPPS/ADELI) or ""
    ("Sage-femme", "RPPS"),
    ("Psychologue", "ADELI"),
    ("Consultant·e en lactation IBCLC", ""),
    ("Ostéopathe", "ADELI"),
    ("Éducateur·rice de jeunes enfants", ""),
    ("Auxiliaire de puériculture", ""),
    ("Puériculteur·rice", "RPPS"),
    ("Infirmier·e", "RPPS"),
    ("Kinésithérapeute", "RPPS"),
    ("Chiropracteur·rice", "ADELI"),
    ("Éducateur·rice spécialisé·e", ""),
    ("Psychomotricien·ne", "ADELI"),
    ("Doula", ""),
    ("Médecin", "RPPS"),
    ("Orthophoniste", "RPPS"),
    ("Autre profession de la périnatalité", ""),
]

WORKFLOW_NAME = "Examen par la commission"

# Frozen copy of the rights this capability adds (accounts.roles describes the current state).
COMMISSION_PERMISSIONS = ["network.view_application"]
EDITOR_PERMISSIONS = ["network.add_profession", "network.change_profession", "network.delete_profession"]


def ensure_permissions_exist(apps):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, apps=apps, verbosity=0)
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def forwards(apps, schema_editor):
    Profession = apps.get_model("network", "Profession")
    for order, (name, label) in enumerate(PROFESSIONS):
        Profession.objects.get_or_create(name=name, defaults={"registration_label": label, "sort_order": order})

    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    CommissionVoteTask = apps.get_model("network", "CommissionVoteTask")

    commission = Group.objects.get(name="Commission")
    editors = Group.objects.get(name="Editors")
    for group, dotted_names in ((commission, COMMISSION_PERMISSIONS), (editors, EDITOR_PERMISSIONS)):
        for dotted in dotted_names:
            app_label, codename = dotted.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))

    task_content_type = ContentType.objects.get(app_label="network", model="commissionvotetask")
    task, _created = CommissionVoteTask.objects.get_or_create(
        name="Vote de la commission",
        defaults={"content_type": task_content_type, "min_voters": 3, "active": True},
    )
    task.groups.set([commission])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    # Trap: workflow.workflow_tasks.create() does not save (ParentalKey): create the row.
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    application_type = ContentType.objects.get(app_label="network", model="application")
    WorkflowContentType.objects.update_or_create(content_type=application_type, defaults={"workflow": workflow})


def backwards(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0002_directoryindexpage_joinpage_profession_application_and_more"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
