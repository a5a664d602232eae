"""Wagtail's and wagtail-localize's generic admin phrases in proper French.

Wagtail's French catalogue writes its generic phrases for every model at once, with "un(e)",
"Le(la)", "ce(tte)", "créé(e)", "le/la" ("Ajouter un(e) paiement", "Ce(tte) candidature est
modifiable par tous. Verrouillez le/la…"), and "Guide du redacteur" without its accent. The
project's catalogue (locale/fr) comes first in Django's lookup, so it gives these phrases a
wording that reads right for any model: the model's name in brackets after "cet élément", a
label before a colon ("Verrou posé : candidature « … »"), or a noun ("Création", "Publication").
They are listed here so that `make messages` keeps them; their French is in locale/fr, and
locale/en keeps Wagtail's English.

The JavaScript strings (wagtail-localize's editor, Wagtail's "Are you sure?") are in the
djangojs catalogues, locale/*/LC_MESSAGES/djangojs.po, edited by hand: `make messages` only
extracts the "django" domain and leaves them alone.

wagtail-localize writes dates with `strftime("%-d %B %Y")`, which speaks the C library's English
whatever the language ("Traduit manuellement le 7 December 2026"): `localized_dates` rewrites
them in the translation editor's data (templates/wagtail_localize/admin/edit_translation.html).
"""

import datetime
import json
import re

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext_noop, ngettext_lazy

register = template.Library()

WAGTAIL_PHRASES = [
    gettext_noop("Editor Guide"),
    gettext_noop("Add %(label)s"),
    gettext_noop("Add %(model_name)s"),
    gettext_noop("Create a new %(model_name)s"),
    gettext_noop("Are you sure you want to delete this %(model_name)s?"),
    gettext_noop("%(model_name)s '%(object)s' created."),
    gettext_noop("%(model_name)s '%(object)s' updated."),
    gettext_noop("%(model_name)s '%(object)s' deleted."),
    gettext_noop("No %(model_name)s match your query."),
    gettext_noop("The %(model_name)s could not be created due to errors."),
    gettext_noop("The %(model_name)s could not be saved due to errors."),
]

# Locking (pages and snippets: the side panel, the lock button, messages).
LOCK_PHRASES = [
    gettext_noop("Locked"),
    gettext_noop("Unlocked"),
    gettext_noop("Locked by you"),
    gettext_noop("Locked by another user"),
    gettext_noop("Locked by workflow"),
    gettext_noop("Locked by schedule"),
    gettext_noop("Currently locked and will go live on the scheduled date"),
    gettext_noop("Locked by <b>you</b> at <b>%(locking_date)s</b>"),
    gettext_noop("Locked by <b>%(locked_by)s</b> at <b>%(locking_date)s</b>"),
    gettext_noop("Locked at <b>%(locking_date)s</b>"),
    gettext_noop("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
    gettext_noop("Anyone can edit this %(model_name)s"),
    gettext_noop(
        "Reviewers can edit this %(model_name)s – lock it to prevent other reviewers from editing"
    ),
    gettext_noop("No one can make changes while the %(model_name)s is locked"),
    gettext_noop("Only you can make changes while the %(model_name)s is locked"),
    gettext_noop("Only %(user)s can make changes while the %(model_name)s is locked"),
    gettext_noop("<b>'{title}' was locked</b> by <b>you</b> on <b>{datetime}</b>."),
    gettext_noop("<b>'{title}' is locked</b> by <b>you</b>."),
    gettext_noop("<b>'{title}' was locked</b> by <b>{user}</b> on <b>{datetime}</b>."),
    gettext_noop("<b>'{title}' is locked</b>."),
    gettext_noop("%(model_name)s '%(title)s' is now unlocked."),
    gettext_noop("The %(model_name)s could not be saved as it is locked"),
    gettext_noop(
        "{model_name} '{title}' is locked and has been scheduled to go live at {datetime}"
    ),
]

# Workflows (the commission's review of applications, pages in moderation).
WORKFLOW_PHRASES = [
    gettext_noop(
        "This %(model_name)s was marked as needing changes at <strong>%(task)s</strong> in "
        "<strong>%(workflow)s</strong>."
    ),
    gettext_noop(
        "This %(model_name)s is currently at <strong>%(task)s</strong> in "
        "<strong>%(workflow)s</strong>."
    ),
    gettext_noop("Publishing this %(model_name)s will cancel the current workflow."),
    gettext_noop("Would you still like to publish this %(model_name)s?"),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been approved in moderation stage "%(task)s".'
    ),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in "%(task)s".'),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected in moderation stage "%(task)s".'
    ),
    gettext_noop('The %(model_name)s "%(title)s" has been rejected during "%(task)s".'),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage '
        '"%(task)s".'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval to moderation stage '
        '"%(task)s".'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage '
        '"%(task)s"'
    ),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in "%(workflow)s".'),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow '
        '"%(workflow)s" by %(rejector)s.'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow '
        '"%(workflow)s".'
    ),
    gettext_noop('The %(model_name)s "%(title)s" has been rejected during "%(workflow)s".'),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow '
        '"%(workflow)s" by %(requester)s.'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow '
        '"%(workflow)s".'
    ),
    gettext_noop('The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"'),
    gettext_noop("This %(model_name)s is currently awaiting moderation."),
    gettext_noop(
        "This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> "
        "workflow."
    ),
    gettext_noop("Only reviewers for this task can edit the %(model_name)s."),
    gettext_noop("This %(model_name)s hasn't been submitted for moderation yet"),
    gettext_noop("%(model_name)s '%(object)s' has been submitted for moderation."),
    gettext_noop("%(model_name)s '%(object)s' created and submitted for moderation."),
    gettext_noop(
        "This workflow is currently in progress on %(workflow_states_in_progress)s pages. "
        "Deleting this workflow will cancel moderation on these page. Are you sure you want to "
        "delete this workflow?"
    ),
    gettext_noop("Are you sure you want to disable this workflow?"),
    gettext_noop("Are you sure you want to disable this task?"),
    gettext_noop("Disabled"),
]

# Editing, publishing and scheduling.
EDITING_PHRASES = [
    gettext_noop("Are you sure you want to unpublish this %(model_name)s?"),
    gettext_noop("Choose when this %(model_name)s should go live and/or expire"),
    gettext_noop("You can preview the %(model_name)s here:"),
    gettext_noop("Edit this %(object)s"),
    gettext_noop("New: %(model_name)s"),
    gettext_noop("Choose another"),
    gettext_noop("(Private %(object)s)"),
    gettext_noop("%(model_name)s '%(object)s' created and scheduled for publishing."),
    gettext_noop(
        "%(model_name)s '%(object)s' is live and this version has been scheduled for publishing."
    ),
    gettext_noop("%(model_name)s '%(object)s' updated and published."),
    gettext_noop("%(model_name)s '%(object)s' created and published."),
    gettext_noop(
        "You are viewing a previous version of this %(model_name)s from <b>%(created_at)s</b> by "
        "%(user)s"
    ),
    gettext_noop(
        "%(model_name)s '%(object)s' has been replaced with version from %(timestamp)s."
    ),
    gettext_noop(
        "Version from %(timestamp)s of %(model_name)s '%(object)s' has been scheduled for "
        "publishing."
    ),
    gettext_noop("'%(object)s' unpublished."),
    gettext_noop('Version %(revision_id)s of "%(object)s" unscheduled.'),
    gettext_noop("Cannot overwrite a revision that is not the latest for this %(model_name)s."),
    gettext_noop("Tag(s) %(value_too_long)s are over %(max_tag_length)d characters."),
    gettext_noop("Unknown %(action)s"),
    gettext_noop(
        'Why not <a class="create-one-now" href="#tab-new" data-action="w-tabs#select:prevent" '
        'data-w-tabs-target="trigger" data-w-tabs-focus-param="true">create one now</a>?'
    ),
    gettext_noop(
        'Why not <a class="upload-one-now" href="#tab-upload" data-action="w-tabs#select:prevent" '
        'data-w-tabs-target="trigger" data-w-tabs-focus-param="true">upload one now</a>?'
    ),
    gettext_noop("None"),
]

# Actions as the history and the reports name them.
HISTORY_LABELS = [
    gettext_noop("Published"),
    gettext_noop("Created"),
    gettext_noop("Renamed"),
    gettext_noop("Moved"),
    gettext_noop("Reordered"),
    gettext_noop("Reordered under '%(parent)s'"),
]

# Confirmations before deleting, moving or unpublishing.
DELETION_PHRASES = [
    gettext_noop("Yes, delete it"),
    gettext_noop("No, don't delete it"),
    gettext_noop("Are you sure you want to delete these pages?"),
    gettext_noop("Are you sure you want to move these pages?"),
    gettext_noop("Are you sure you want to publish these pages?"),
    gettext_noop("Are you sure you want to unpublish these pages?"),
    gettext_noop("Are you sure you want to convert this alias into an ordinary page?"),
    gettext_noop("Are you sure you want to delete this page?"),
    gettext_noop("Are you sure you want to move this page into '%(title)s'?"),
    gettext_noop(
        "Are you sure you want to move this page and all of its children into '%(title)s'?"
    ),
    gettext_noop("Are you sure you want to unpublish this page?"),
    gettext_noop("Would you still like to publish this page?"),
    gettext_noop("Are you sure you want to delete this collection?"),
    gettext_noop("One or more references to this %(model_name)s prevent it from being deleted."),
    gettext_noop("the %(model_name)s will also be deleted"),
    gettext_noop("will be set to the default %(model_name)s"),
    gettext_noop("will be set to a %(model_name)s specified by the system"),
    gettext_noop("Are you sure you want to delete this %(snippet_type_name)s?"),
    gettext_noop("Are you sure you want to delete %(count)s %(snippet_type_name)s?"),
    gettext_noop("You don't have permission to delete this %(snippet_type_name)s"),
    gettext_noop("Are you sure you want to delete this locale?"),
    gettext_noop("Are you sure you want to delete this group?"),
    gettext_noop("Are you sure you want to revoke this API token?"),
    gettext_noop("Are you sure you want to delete this site?"),
    gettext_noop("Are you sure you want to delete this redirect?"),
]

# wagtail-localize (the translation screens).
LOCALIZE_PHRASES = [
    gettext_noop("Sync translated %(model_name)s"),
    gettext_noop(
        "Are you sure you want to convert this page into an alias? This will overwrite the "
        "content of the page with the content of '%(source_page_title)s' (%(source_page_locale)s)"
    ),
    gettext_noop("Published '{object}' in {locale} with missing translations - see below."),
    gettext_noop("Published '{object}' in {locale}."),
    gettext_noop(
        "The {model_name} '{object}' was successfully submitted for translation into {locales}"
    ),
    gettext_noop("Translation of %(instance)s into %(locale)s"),
]

# Counted phrases (the count's name is the placeholder Wagtail fills).
PLURAL_PHRASES = [
    ngettext_lazy(
        "Used %(usage_count)s time",
        "Used %(usage_count)s times",
        "usage_count",
    ),
    ngettext_lazy(
        "Referenced %(count)s time",
        "Referenced %(count)s times",
        "count",
    ),
    ngettext_lazy(
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
        "usage_count",
    ),
    ngettext_lazy(
        "%(count)d %(model_name)s deleted.",
        "%(count)d %(model_name)s deleted.",
        "count",
    ),
    ngettext_lazy(
        "It will also delete 1 translation and its combined %(translation_descendant_count)s "
            "translated child page.",
        "It will also delete 1 translation and its combined %(translation_descendant_count)s "
            "translated child pages.",
        "translation_descendant_count",
    ),
    ngettext_lazy(
        "It will also delete %(translation_count)s translations and their combined "
            "%(translation_descendant_count)s translated child page.",
        "It will also delete %(translation_count)s translations and their combined "
            "%(translation_descendant_count)s translated child pages.",
        "translation_descendant_count",
    ),
    ngettext_lazy(
        "Deleting this page will also delete 1 translation and its combined "
            "%(translation_descendant_count)s translated child page.",
        "Deleting this page will also delete 1 translation and its combined "
            "%(translation_descendant_count)s translated child pages.",
        "translation_descendant_count",
    ),
    ngettext_lazy(
        "Deleting this page will also delete %(translation_count)s translations and their "
            "combined %(translation_descendant_count)s translated child page.",
        "Deleting this page will also delete %(translation_count)s translations and their "
            "combined %(translation_descendant_count)s translated child pages.",
        "translation_descendant_count",
    ),
    ngettext_lazy(
        "Deleting this page will also delete %(translation_count)s translation of this page.",
        "This will also delete %(descendant_count)s more child pages. Deleting this page will "
            "also delete %(translation_count)s translations of this page.",
        "translation_count",
    ),
    ngettext_lazy(
        "Are you sure you want to tag the following document?",
        "Are you sure you want to tag the following documents?",
        "count",
    ),
    ngettext_lazy(
        "Are you sure you want to add the following document to the selected collection?",
        "Are you sure you want to add the following documents to the selected collection?",
        "count",
    ),
    ngettext_lazy(
        "Are you sure you want to delete this document?",
        "Are you sure you want to delete these documents?",
        "count",
    ),
    ngettext_lazy(
        "Are you sure you want to tag the following image?",
        "Are you sure you want to tag the following images?",
        "count",
    ),
    ngettext_lazy(
        "Are you sure you want to add the following image to the selected collection?",
        "Are you sure you want to add the following images to the selected collection?",
        "count",
    ),
    ngettext_lazy(
        "Are you sure you want to delete this image?",
        "Are you sure you want to delete these images?",
        "count",
    ),
    ngettext_lazy(
        "Are you sure you want to delete this form submission?",
        "Are you sure you want to delete these form submissions?",
        "count",
    ),
]


ENGLISH_MONTHS = (
    "January February March April May June July August September October November December".split()
)
ENGLISH_DATE = re.compile(r"\b(\d{1,2}) (%s) (\d{4})\b" % "|".join(ENGLISH_MONTHS))


# The only places wagtail-localize writes a date with strftime: a string translation's
# "comment" ("Translated manually on 7 December 2026") and the object's "lastPublishedDate".
# Nothing else is touched: segments and translations are the editors' own text, and an
# English translation that says "7 December 2026" must stay exactly as written.
DATE_KEYS = {"comment", "lastPublishedDate"}


def _french_date(text):
    return ENGLISH_DATE.sub(
        lambda match: date_format(
            datetime.date(int(match[3]), ENGLISH_MONTHS.index(match[2]) + 1, int(match[1])), "j F Y"
        ),
        text,
    )


def _localize_dates(value):
    if isinstance(value, list):
        return [_localize_dates(item) for item in value]
    if isinstance(value, dict):
        return {
            key: _french_date(item) if key in DATE_KEYS and isinstance(item, str) else _localize_dates(item)
            for key, item in value.items()
        }
    return value


@register.filter
def localized_dates(props):
    """The translation editor's JSON data with wagtail-localize's English dates ("7 December
    2026", from strftime) written in the active language ("7 décembre 2026")."""
    return json.dumps(_localize_dates(json.loads(props)))
