"""The page tree's and the collections' roots named in French ("Root" otherwise shows in the
admin's explorer, breadcrumbs and choosers). Only the titles Wagtail itself gave them are
changed; a name an administrator chose is kept."""

from django.db import migrations

ROOT_PAGE = "Racine du site"
ROOT_COLLECTION = "Racine"


def name_roots(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title="Root").update(title=ROOT_PAGE, draft_title=ROOT_PAGE)
    Collection.objects.filter(depth=1, name="Root").update(name=ROOT_COLLECTION)


def unname_roots(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title=ROOT_PAGE).update(title="Root", draft_title="Root")
    Collection.objects.filter(depth=1, name=ROOT_COLLECTION).update(name="Root")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_social_link_label"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(name_roots, unname_roots)]
