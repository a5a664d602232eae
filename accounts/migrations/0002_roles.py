"""Create the association's roles as groups with exactly the permissions each needs.

Wagtail's own migrations create "Editors" and "Moderators" groups and a default
"Moderators approval" workflow on the root page. We keep "Editors" (reset to our
permissions) and remove "Moderators" and that workflow: publication is the editors'
job, and moderation workflows are reserved for the commission's review.

Everything here is frozen, as migrations must be (no import of live code); accounts.roles
describes the current state and a test checks the database matches it.
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


def permission(apps, dotted):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".")
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise LookupError(f"permission {dotted} does not exist") from None


def ensure_permissions_exist(apps):
    """Create model permissions now: Django only creates them after all migrations ran."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, apps=apps, verbosity=0)
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")

    for workflow in Workflow.objects.filter(name="Moderators approval"):
        task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
        workflow.workflow_pages.all().delete()
        workflow.workflow_tasks.all().delete()
        workflow.delete()
        Task.objects.filter(pk__in=task_ids, workflow_tasks__isnull=True).delete()
    Group.objects.filter(name="Moderators").delete()

    ensure_permissions_exist(apps)
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    for name, perms in MODEL_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([permission(apps, p) for p in perms])
        GroupPagePermission.objects.filter(group=group).delete()
        for codename in PAGE_PERMISSIONS.get(name, ()):
            GroupPagePermission.objects.create(
                group=group,
                page=root_page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        for dotted in COLLECTION_PERMISSIONS.get(name, ()):
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=permission(apps, dotted)
            )


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
