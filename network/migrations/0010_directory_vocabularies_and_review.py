"""The directory's vocabularies (needs and themes with the professions that answer them,
languages, English names of professions), the "Relecture des fiches" workflow for the
reviewed parts of member profiles, the rights editors and the treasurer need for them,
and the charter version already published. Frozen data: editors change it afterwards."""

from django.db import migrations
from django.utils import timezone

PROFESSION_NAMES_EN = {
    "Sage-femme": "Midwife",
    "Psychologue": "Psychologist",
    "Consultant·e en lactation IBCLC": "IBCLC lactation consultant",
    "Ostéopathe": "Osteopath",
    "Éducateur·rice de jeunes enfants": "Early childhood educator",
    "Auxiliaire de puériculture": "Childcare assistant",
    "Puériculteur·rice": "Paediatric nurse",
    "Infirmier·e": "Nurse",
    "Kinésithérapeute": "Physiotherapist",
    "Chiropracteur·rice": "Chiropractor",
    "Éducateur·rice spécialisé·e": "Specialised educator",
    "Psychomotricien·ne": "Psychomotor therapist",
    "Doula": "Doula",
    "Médecin": "Doctor",
    "Orthophoniste": "Speech therapist",
    "Autre profession de la périnatalité": "Other perinatal profession",
}

THEMES = [
    # slug, French, English, French description, English description, professions that answer it
    ("allaitement", "Allaitement", "Breastfeeding",
     "Démarrer, poursuivre ou arrêter l'allaitement, douleurs, tire-lait.",
     "Starting, continuing or stopping breastfeeding, pain, breast pumps.",
     ["Consultant·e en lactation IBCLC", "Sage-femme", "Puériculteur·rice", "Auxiliaire de puériculture", "Médecin"]),
    ("sommeil", "Sommeil", "Sleep",
     "Le sommeil du bébé et celui des parents.", "Baby's sleep and the parents' sleep.",
     ["Puériculteur·rice", "Psychologue", "Éducateur·rice de jeunes enfants", "Auxiliaire de puériculture", "Ostéopathe"]),
    ("pleurs", "Pleurs", "Crying",
     "Des pleurs difficiles à comprendre ou à apaiser.", "Crying that is hard to understand or to soothe.",
     ["Puériculteur·rice", "Ostéopathe", "Chiropracteur·rice", "Psychologue", "Auxiliaire de puériculture"]),
    ("grossesse", "Grossesse", "Pregnancy",
     "Le suivi et le vécu de la grossesse, la préparation à la naissance.",
     "Pregnancy follow-up and experience, preparing for birth.",
     ["Sage-femme", "Doula", "Médecin", "Ostéopathe", "Kinésithérapeute"]),
    ("post-partum", "Post-partum", "Postpartum",
     "Les semaines après la naissance : récupération, fatigue, moral.",
     "The weeks after birth: recovery, tiredness, mood.",
     ["Sage-femme", "Psychologue", "Doula", "Kinésithérapeute", "Infirmier·e"]),
    ("deuil-perinatal", "Deuil périnatal", "Perinatal bereavement",
     "Traverser la perte d'un bébé pendant la grossesse ou après la naissance.",
     "Going through the loss of a baby during pregnancy or after birth.",
     ["Psychologue", "Sage-femme", "Doula"]),
    ("lien-attachement", "Lien d'attachement", "Attachment bond",
     "Construire et renforcer le lien entre parents et enfant.",
     "Building and strengthening the bond between parents and child.",
     ["Psychologue", "Éducateur·rice de jeunes enfants", "Psychomotricien·ne", "Puériculteur·rice"]),
    ("prematurite", "Prématurité", "Prematurity",
     "Accompagner un bébé né prématurément et ses parents.",
     "Supporting a baby born prematurely and the parents.",
     ["Puériculteur·rice", "Psychomotricien·ne", "Kinésithérapeute", "Psychologue", "Infirmier·e"]),
    ("developpement", "Développement de l'enfant", "Child development",
     "Motricité, langage, éveil du tout-petit.", "Motor skills, language and early learning.",
     ["Psychomotricien·ne", "Éducateur·rice de jeunes enfants", "Orthophoniste", "Kinésithérapeute"]),
    ("difficultes-parentales", "Difficultés parentales", "Parenting difficulties",
     "Se sentir dépassé·e, épuisé·e ou en doute dans son rôle de parent.",
     "Feeling overwhelmed, exhausted or unsure in one's role as a parent.",
     ["Psychologue", "Éducateur·rice spécialisé·e", "Éducateur·rice de jeunes enfants", "Doula"]),
]

LANGUAGES = [
    ("fr", "Français", "French"), ("en", "Anglais", "English"), ("es", "Espagnol", "Spanish"),
    ("ar", "Arabe", "Arabic"), ("pt", "Portugais", "Portuguese"), ("it", "Italien", "Italian"),
    ("de", "Allemand", "German"), ("oc", "Occitan", "Occitan"), ("lsf", "Langue des signes française", "French Sign Language"),
    ("tr", "Turc", "Turkish"), ("ro", "Roumain", "Romanian"), ("ru", "Russe", "Russian"),
    ("ber", "Tamazight (berbère)", "Tamazight (Berber)"), ("wo", "Wolof", "Wolof"), ("zh", "Chinois", "Chinese"),
    ("fa", "Persan", "Persian"),
]

WORKFLOW_NAME = "Relecture des fiches"
SCHEDULE_NAME = "Fiches des adhésions échues"
EDITOR_PERMISSIONS = [
    "network.add_theme", "network.change_theme", "network.delete_theme",
    "network.add_language", "network.change_language", "network.delete_language",
    "network.add_partnerstructure", "network.change_partnerstructure", "network.delete_partnerstructure",
    "network.change_profileupdate", "network.view_charterversion",
]
TREASURER_PERMISSIONS = ["network.view_erasurerequest", "network.change_erasurerequest"]


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
    Theme = apps.get_model("network", "Theme")
    Language = apps.get_model("network", "Language")
    for name, name_en in PROFESSION_NAMES_EN.items():
        Profession.objects.filter(name=name, name_en="").update(name_en=name_en)
    for order, (slug, name, name_en, description, description_en, professions) in enumerate(THEMES):
        theme, created = Theme.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "description": description,
                      "description_en": description_en, "sort_order": order},
        )
        if created:
            theme.professions.set(Profession.objects.filter(name__in=professions))
    for order, (code, name, name_en) in enumerate(LANGUAGES):
        Language.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en, "sort_order": order})

    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, dotted_names in (("Editors", EDITOR_PERMISSIONS), ("Treasurer", TREASURER_PERMISSIONS)):
        group = Group.objects.get(name=group_name)
        for dotted in dotted_names:
            app_label, codename = dotted.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))

    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    task, _created = Task.objects.get_or_create(
        name="Relecture par l'équipe éditoriale",
        defaults={"content_type": ContentType.objects.get(app_label="wagtailcore", model="groupapprovaltask"), "active": True},
    )
    task.groups.set([Group.objects.get(name="Editors")])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    update_type = ContentType.objects.get(app_label="network", model="profileupdate")
    WorkflowContentType.objects.update_or_create(content_type=update_type, defaults={"workflow": workflow})

    # The charter already published is the first version members have signed.
    CharterPage = apps.get_model("network", "CharterPage")
    CharterVersion = apps.get_model("network", "CharterVersion")
    charter = CharterPage.objects.filter(live=True, locale__language_code="fr").first()
    if charter is not None and not CharterVersion.objects.exists():
        CharterVersion.objects.create(version=charter.version, substantive=True, published_at=timezone.now())


    # Just after midnight (Paris), when memberships end: lapsed profiles leave the directory.
    import datetime
    import zoneinfo

    paris = zoneinfo.ZoneInfo("Europe/Paris")
    tomorrow = timezone.now().astimezone(paris).date() + datetime.timedelta(days=1)
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        name=SCHEDULE_NAME,
        defaults={
            "func": "network.member_space.unpublish_lapsed_profiles",
            "schedule_type": "D",
            "repeats": -1,
            "next_run": datetime.datetime.combine(tomorrow, datetime.time(0, 1), tzinfo=paris),
        },
    )


def backwards(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0009_directory_and_member_space"),
        ("wagtailcore", "0098_apitoken"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
