from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import admin_display
from home.models import FooterText

# Inspect views show "Oui", "—" and "7 décembre 2026", not True, None and ISO dates.
admin_display.register()


class FooterTextViewSet(SnippetViewSet):
    model = FooterText
    icon = "doc-full"
    menu_label = _("Pied de page")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "locale"]


register_snippet(FooterTextViewSet)
