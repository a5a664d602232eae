"""Blocks of the network's pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class CharterEntryBlock(blocks.StructBlock):
    """One value or posture of the charter: its name and what it means in practice."""

    name = blocks.CharBlock(label=_("Nom"), max_length=120)
    definition = blocks.TextBlock(label=_("Définition"))

    class Meta:
        icon = "tick-inverse"
        label = _("Entrée de la charte")
        template = "components/streamfield/charter_entry_block.html"
        description = _("Une valeur ou une posture de la charte, avec sa définition.")
        preview_value = {
            "name": "Écoute",
            "definition": "Prêter attention à ce que l'autre dit, pour l'entendre et le comprendre.",
        }
