import unicodedata

from django.db import migrations, models


def normalise(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fill(apps, schema_editor):
    """The sort name, and a search text that now also holds the commune and the languages."""
    MemberProfilePage = apps.get_model("network", "MemberProfilePage")
    profiles = MemberProfilePage.objects.select_related("profession").prefetch_related(
        "other_professions", "themes", "languages"
    )
    for profile in profiles.iterator(chunk_size=500):
        words = [profile.title, profile.presentation, profile.structure, profile.commune]
        for term in [profile.profession, *profile.other_professions.all(), *profile.themes.all(), *profile.languages.all()]:
            words += [term.name, term.name_en]
        MemberProfilePage.objects.filter(pk=profile.pk).update(
            sort_name=normalise(profile.title)[:255], search_text=normalise(" ".join(w for w in words if w))
        )


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0013_membership_profession"),
    ]

    operations = [
        migrations.AddField(
            model_name="memberprofilepage",
            name="sort_name",
            field=models.CharField(blank=True, editable=False, max_length=255),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
