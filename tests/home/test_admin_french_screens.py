"""The admin of the project's models reads as proper French, for every registered viewset,
snippet and page type (not a list of examples), and the translation screens show no English.

- Every override in home/admin_wording.py (locking, workflows, editing, history, deletion,
  wagtail-localize, counted phrases) has a French without "un(e)", "Le(la)", "ce(tte)",
  "créé(e)", "le/la"…, keeps Wagtail's placeholders, and keeps Wagtail's English in English.
- Every screen of the project's viewsets and page types (listing, add, edit, delete, history,
  usage) rendered for the superuser and for the role that works there has none of them.
- The translation editor names languages in French ("anglais", never "English"), writes its
  dates in French, and its JavaScript catalogue says "Publier en " (not "Publier dans").
"""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.admin.viewsets import viewsets
from wagtail.models import Page, get_page_models

from accounts.factories import UserFactory
from home import admin_wording

pytestmark = pytest.mark.django_db

# Wagtail's French for "any model": gender in brackets or with a slash.
GENDERED = re.compile(r"un\(e\)|[Ll]e\(la\)|\((?:e|es|s|le|la|tte|elle|ne)\)|\b[Ll]e/la\b|\bce/cette\b|\bil/elle\b")
ENGLISH_MONTH = re.compile(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|"
                           r"November|December) \d{4}\b")
PARAMS = {name: "candidature" for name in ("model_name", "snippet_type_name", "label", "object", "title", "task",
                                           "workflow", "rejector", "requester", "user", "locked_by", "locking_date",
                                           "created_at", "timestamp", "revision_id", "parent", "action", "instance",
                                           "locale", "source_page_title", "source_page_locale",
                                           "workflow_states_in_progress", "value_too_long")}
PARAMS.update(max_tag_length=100, count=2)
# On screens, the project's own inclusive writing ("le/la professionnel·le") is not Wagtail's.
ON_SCREEN = re.compile(r"un\(e\)|[Ll]e\(la\)|\((?:e|es|s|le|la|tte|elle|ne)\)|\bce/cette\b")
SINGLE = [phrase for group in ("LOCK_PHRASES", "WORKFLOW_PHRASES", "EDITING_PHRASES", "HISTORY_LABELS",
                               "DELETION_PHRASES", "LOCALIZE_PHRASES") for phrase in getattr(admin_wording, group)]


def fill(text):
    """A phrase with its placeholders filled, %-style or {}-style, as Wagtail fills them."""
    text = text % PARAMS if "%(" in text else text
    return re.sub(r"\{(\w+)\}", lambda match: "candidature", text)


def placeholders(text):
    return sorted(set(re.findall(r"%\((\w+)\)[sd]|\{(\w+)\}", text)))


@pytest.mark.parametrize("phrase", SINGLE)
def test_each_override_is_french_without_brackets_and_keeps_its_english(phrase):
    with translation.override("fr"):
        french = translation.gettext(phrase)
    with translation.override("en"):
        assert translation.gettext(phrase) == phrase
    assert french != phrase
    assert not GENDERED.search(fill(french)), french
    assert placeholders(french) == placeholders(phrase)


def counted_phrases():
    """The counted phrases of home/admin_wording.py, as (singular, plural), from the English
    catalogue (a lazy ngettext does not give its strings back)."""
    import polib

    catalogue = polib.pofile(str(Path(__file__).resolve().parents[2] / "locale/en/LC_MESSAGES/django.po"))
    return [(entry.msgid, entry.msgid_plural) for entry in catalogue
            if entry.msgid_plural and any(path == "home/admin_wording.py" for path, _ in entry.occurrences)]


def test_every_counted_phrase_is_in_the_catalogue():
    assert len(counted_phrases()) == len(admin_wording.PLURAL_PHRASES)


@pytest.mark.parametrize("singular, plural", counted_phrases())
@pytest.mark.parametrize("count", [0, 1, 2, 5])
def test_each_counted_override_is_french_in_both_forms(singular, plural, count):
    values = dict(PARAMS, count=count, usage_count=count, translation_count=count,
                  translation_descendant_count=count, descendant_count=count)
    with translation.override("fr"):
        french = translation.ngettext(singular, plural, count)
    with translation.override("en"):
        assert translation.ngettext(singular, plural, count) == (singular if count == 1 else plural)
    assert french not in (singular, plural)
    assert not GENDERED.search(french % values if "%(" in french else french), french


# --- Every screen of the project's models ------------------------------------------------------

def project_viewsets():
    """The admin viewsets of the project's own models (snippets and model viewsets), not
    Wagtail's nor their choosers."""
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if not isinstance(model, type) or model.__module__.split(".")[0] in ("wagtail", "django", "wagtail_localize"):
            continue
        if "chooser" in type(viewset).__name__.lower():
            continue
        yield viewset


def viewset_urls(viewset):
    urls = []
    for name in ("index", "list", "add"):
        try:
            urls.append(reverse(viewset.get_url_name(name)))
        except NoReverseMatch:
            pass
    instance = viewset.model._default_manager.first()
    if instance is not None:
        for name in ("edit", "delete", "history", "usage", "inspect"):
            try:
                urls.append(reverse(viewset.get_url_name(name), args=[instance.pk]))
            except NoReverseMatch:
                pass
    return urls


def role_for(viewset, superuser):
    """Someone who works on these screens: a user of a group with the model's change (or view)
    permission, else the superuser."""
    opts = viewset.model._meta
    permission = Permission.objects.filter(content_type__app_label=opts.app_label,
                                           codename__in=[f"change_{opts.model_name}", f"view_{opts.model_name}"],
                                           group__isnull=False).first()
    if permission is None:
        return superuser
    group = permission.group_set.first()
    return UserFactory(username=f"role-{group.pk}-{opts.model_name}", groups=[group.name])


def visible_text(html):
    """What a person reads: scripts and styles out, the admin's embedded JSON kept (menus)."""
    return re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)


def check(client, url, problems):
    response = client.get(url, follow=True)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return False
    text = visible_text(response.content.decode())
    for match in ON_SCREEN.finditer(text):
        problems.append((url, text[max(0, match.start() - 60):match.end() + 30]))
    for match in ENGLISH_MONTH.finditer(text):
        problems.append((url, match.group()))
    return True


def test_every_project_viewset_reads_as_french(client, home_page, superuser):
    checked, problems = 0, []
    for viewset in project_viewsets():
        for user in {superuser, role_for(viewset, superuser)}:
            client.force_login(user)
            for url in viewset_urls(viewset):
                checked += check(client, url, problems)
    assert checked >= 20
    assert problems == []


def test_every_page_type_reads_as_french(client, home_page, superuser):
    client.force_login(superuser)
    checked, problems = 0, []
    for url in ("/admin/pages/", f"/admin/pages/{home_page.pk}/", f"/admin/pages/{home_page.pk}/edit/",
                f"/admin/pages/{home_page.pk}/delete/", f"/admin/pages/{home_page.pk}/history/",
                f"/admin/pages/{home_page.pk}/usage/", f"/admin/pages/{home_page.pk}/unpublish/",
                "/admin/pages/search/", "/admin/reports/locked/", "/admin/workflows/list/"):
        checked += check(client, url, problems)
    parent = Page.objects.get(depth=1)
    for model in get_page_models():
        if model.__module__.split(".")[0] == "wagtail" or not model.is_creatable:
            continue
        opts = model._meta
        for candidate in (home_page, parent):
            if model.can_create_at(candidate):
                checked += check(client, f"/admin/pages/add/{opts.app_label}/{opts.model_name}/{candidate.pk}/", problems)
                break
    assert checked >= 12
    assert problems == []


def test_the_lock_and_workflow_messages_read_as_french(client, home_page, superuser):
    client.force_login(superuser)
    home_page.locked, home_page.locked_by, home_page.locked_at = True, superuser, datetime.datetime.now(datetime.UTC)
    home_page.save()
    html = client.get(f"/admin/pages/{home_page.pk}/edit/").content.decode()
    assert "Verrou posé par <b>vous</b>" in html or "Verrou posé par vous" in html
    assert "Verrou posé" in html and not ON_SCREEN.search(visible_text(html))
    response = client.post(f"/admin/pages/{home_page.pk}/unlock/", follow=True)
    html = response.content.decode()
    assert "déverrouillée" in html and not ON_SCREEN.search(visible_text(html))


# --- The translation screens (wagtail-localize) --------------------------------------------------

def test_languages_are_named_in_french_in_the_admin(client, home_page, english_home, superuser):
    client.force_login(superuser)
    for url in ("/admin/pages/", f"/admin/pages/{home_page.pk}/", f"/admin/pages/{english_home.pk}/",
                "/admin/localize/reports/translations/"):
        text = visible_text(client.get(url).content.decode())
        assert "English" not in text, url
    assert "anglais" in visible_text(client.get(f"/admin/pages/{home_page.pk}/").content.decode())


def test_the_translation_editor_speaks_french(client, home_page, locales, superuser):
    from wagtail_localize.models import Translation, TranslationSource

    source, _ = TranslationSource.get_or_create_from_instance(home_page)
    target = Translation.objects.create(source=source, target_locale=locales[1])
    target.save_target(publish=True)
    english = home_page.get_translation(locales[1])  # its dates: test_localized_dates_… below
    client.force_login(superuser)
    html = client.get(f"/admin/pages/{english.pk}/edit/").content.decode()
    assert "js-translation-editor" in html
    assert "English" not in html and not ENGLISH_MONTH.search(html)
    assert "&quot;displayName&quot;: &quot;anglais&quot;" in html
    assert 'data-segments-title="Traduction\u00a0: français → anglais"' in html
    catalogue = client.get(reverse("wagtail_localize:javascript_catalog")).content.decode()
    assert '"Publish in ": "Publier en "' in catalogue
    assert '"Uses %s version": "Version en %s utilis\\u00e9e"' in catalogue or "Version en %s utilisée" in catalogue


def test_localized_dates_rewrites_strftime_english_only():
    props = ('{"comment": "Traduit manuellement le 7 December 2026", "lastPublishedDate": "1 June 2026", '
             '"title": "7 May 2026 au 1 June", "n": 3}')
    with translation.override("fr"):
        assert admin_wording.localized_dates(props) == (
            '{"comment": "Traduit manuellement le 7 d\\u00e9cembre 2026", "lastPublishedDate": "1 juin 2026", '
            '"title": "7 May 2026 au 1 June", "n": 3}'
        )
    with translation.override("en"):
        assert "7 December 2026" in admin_wording.localized_dates(props)


def test_the_editors_text_is_never_rewritten():
    """Segments and their translations are the editors' words: an English translation that
    says "7 December 2026" keeps it, at any depth, whatever the key."""
    import json

    props = {
        "segments": [{"source": "Le 7 décembre 2026", "value": "7 December 2026"}],
        "initialStringTranslations": [{"data": "On 7 December 2026", "comment": "Translated manually on 2 May 2026"}],
    }
    with translation.override("fr"):
        result = json.loads(admin_wording.localized_dates(json.dumps(props)))
    assert result["segments"] == props["segments"]
    assert result["initialStringTranslations"][0]["data"] == "On 7 December 2026"
    assert result["initialStringTranslations"][0]["comment"] == "Translated manually on 2 mai 2026"


def test_wagtails_admin_javascript_says_are_you_sure_in_french(client, superuser):
    client.force_login(superuser)
    catalogue = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    assert "Voulez-vous vraiment continuer" in catalogue and "sûr(e)" not in catalogue
