"""Wagtail's generic admin phrases in proper French.

Wagtail's French catalogue writes its generic phrases for every model at once, with "un(e)",
"Le(la)", "créé(e)" ("Ajouter un(e) paiement", "Le(la) paiement n'a pas pu être créé(e)"),
and "Guide du redacteur" without its accent. The project's catalogue (locale/fr) comes first
in Django's lookup, so it gives these phrases a wording that reads right for any model. They
are listed here so that `make messages` keeps them; their French is in locale/fr, and
locale/en keeps Wagtail's English.
"""

from django.utils.translation import gettext_noop

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
