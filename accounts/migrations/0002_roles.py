"""Create the association's roles as groups with exactly the permissions each needs.

Wagtail's own migrations create "Editors" and "Moderators" groups and a default
"Moderators approval" workflow on the root page. We keep "Editors" (reset to our
permissions) and remove "Moderators" and that workflow: publication is the editors'
job, and moderation workflows are reserved for the commission's review.

The permission lists are frozen here, as migrations must be; accounts.roles describes the
current state and a test checks the database matches it.
"""

from django.db import migrations

MODEL_PERMISSIONS = {
    "Editors": {
        "wagtailadmin.access_admin",
        "home.add_footertext",
        "home.change_footertext",
        "home.delete_footertext",
        "home.change_sitesettings",
        "home.change_navigationsettings",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "wagtail_localize.submit_translation",
    },
    "Commission": {"wagtailadmin.access_admin"},
    "Members": set(),
    "Treasurer": {"wagtailadmin.access_admin"},
}
PAGE_PERMISSIONS = {
    "Editors": {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"},
}
COLLECTION_PERMISSIONS = {
    "Editors": {
        # Wagtail checks image and document rights against its own models' permissions,
        # even with custom image and document models.
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
    },
}


def create_roles(apps, schema_editor):
    from accounts.roles import apply_roles

    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")

    for workflow in Workflow.objects.filter(name="Moderators approval"):
        tasks = Task.objects.filter(workflow_tasks__workflow=workflow)
        workflow.workflow_pages.all().delete()
        workflow.workflow_tasks.all().delete()
        workflow.delete()
        tasks.filter(workflow_tasks__isnull=True).delete()
    Group.objects.filter(name="Moderators").delete()

    apply_roles(apps, MODEL_PERMISSIONS, PAGE_PERMISSIONS, COLLECTION_PERMISSIONS)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Commission", "Members", "Treasurer"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("home", "0001_initial"),
        ("network", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
