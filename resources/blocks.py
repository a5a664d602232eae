"""Blocks of a clinical vignette. Plain text only: no image (Wagtail serves image renditions
publicly, whatever the collection) and no embed; text is what the anonymisation check reads."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ScenarioParagraphBlock(blocks.TextBlock):
    """A paragraph of the scenario, as the author wrote it (line breaks kept)."""

    class Meta:
        icon = "pilcrow"
        label = _("Paragraphe")
        template = "components/streamfield/scenario_paragraph_block.html"
        description = _("Un paragraphe du scénario, en texte simple.")
        preview_value = _("Mme B., 34 ans, attend son deuxième enfant. Elle dit se sentir seule depuis le déménagement.")


class ScenarioHeadingBlock(blocks.CharBlock):
    """A step of the scenario (e.g. "Au troisième mois")."""

    class Meta:
        icon = "title"
        label = _("Étape")
        template = "components/streamfield/scenario_heading_block.html"
        description = _("Un intertitre : une étape du scénario.")
        preview_value = _("Après la naissance")


class ScenarioBlock(blocks.StreamBlock):
    """The scenario of a vignette: steps and paragraphs of plain text."""

    heading = ScenarioHeadingBlock(max_length=120)
    paragraph = ScenarioParagraphBlock(rows=6)

    class Meta:
        block_counts = {"paragraph": {"min_num": 1}}


class QuestionBlock(blocks.TextBlock):
    """A question put to the network's professionals."""

    class Meta:
        icon = "help"
        label = _("Question")
        template = "components/streamfield/question_block.html"
        description = _("Une question posée aux professionnel·les du réseau.")
        preview_value = _("Qu'auriez-vous proposé à ce moment-là ?")
