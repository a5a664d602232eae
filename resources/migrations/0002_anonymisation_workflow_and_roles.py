"""The "Relecture d'anonymisation" workflow (one task, for the Editors group) and the editors'
rights on the library's admin screens (accounts/roles.py describes them)."""

from django.db import migrations

WORKFLOW_NAME = "Relecture d'anonymisation"
TASK_NAME = "Relecture d'anonymisation par l'équipe éditoriale"
EDITOR_PERMISSIONS = [
    "resources.add_identifyingterm", "resources.change_identifyingterm", "resources.delete_identifyingterm",
    "resources.add_event", "resources.change_event", "resources.delete_event",
    "resources.change_contribution", "resources.delete_contribution",
]


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
    editors = Group.objects.get(name="Editors")
    for dotted in EDITOR_PERMISSIONS:
        app_label, codename = dotted.split(".")
        editors.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))

    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("resources", "AnonymisationReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    task, _created = Task.objects.get_or_create(
        name=TASK_NAME,
        defaults={
            "content_type": ContentType.objects.get(app_label="resources", model="anonymisationreviewtask"),
            "active": True,
        },
    )
    task.groups.set([editors])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    # A Workflow's tasks are a ParentalKey: create the rows, not workflow.workflow_tasks.create().
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def backwards(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("resources", "AnonymisationReviewTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_initial"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("network", "0010_directory_vocabularies_and_review"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
