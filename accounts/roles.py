"""The association's roles, as Django groups, and exactly the permissions each needs.

The groups are created by the migration `accounts.0002_roles`; this module is the single
description of what each role may do, used by that migration and by the tests that check
the database matches it. A later capability that gives a role more rights adds a migration
and updates this description in the same commit.
"""

from django.utils.translation import gettext_lazy as _

EDITORS = "Editors"
COMMISSION = "Commission"
MEMBERS = "Members"
TREASURER = "Treasurer"

ROLE_DESCRIPTIONS = {
    EDITORS: _("Publient et traduisent les pages, images et documents du site."),
    COMMISSION: _("Examinent collectivement les candidatures au réseau."),
    MEMBERS: _("Professionnel·les adhérent·es du réseau : espace membres."),
    TREASURER: _("Suivent les adhésions et les cotisations."),
}

# Model permissions ("app_label.codename") per role.
MODEL_PERMISSIONS = {
    EDITORS: {
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
    COMMISSION: {"wagtailadmin.access_admin"},
    MEMBERS: set(),
    TREASURER: {"wagtailadmin.access_admin"},
}

# Page permissions given on the root page (so on every locale's tree).
PAGE_PERMISSIONS = {
    EDITORS: {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"},
    COMMISSION: set(),
    MEMBERS: set(),
    TREASURER: set(),
}

# Collection permissions given on the root collection, for images and documents.
COLLECTION_PERMISSIONS = {
    EDITORS: {
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
    COMMISSION: set(),
    MEMBERS: set(),
    TREASURER: set(),
}


def _permission(apps, dotted):
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


def apply_roles(apps, model_permissions, page_permissions, collection_permissions):
    """Make each role's group hold exactly the given permissions (used by migrations)."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Permission = apps.get_model("auth", "Permission")

    ensure_permissions_exist(apps)
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    for name, perms in model_permissions.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(apps, p) for p in perms])

        GroupPagePermission.objects.filter(group=group).delete()
        for codename in page_permissions.get(name, ()):
            GroupPagePermission.objects.create(
                group=group,
                page=root_page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )

        GroupCollectionPermission.objects.filter(group=group).delete()
        for dotted in collection_permissions.get(name, ()):
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=_permission(apps, dotted)
            )
