"""The one block set editors use on every page body.

Each block has a template in templates/components/streamfield/, an icon, a short
description and a preview value for the block picker.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level keeps the page outline correct for screen readers."""

    text = blocks.CharBlock(label=_("Texte"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Titre de section (h2)")), ("h3", _("Sous-titre (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Titre")
        template = "components/streamfield/heading_block.html"
        description = _("Un titre de section ou de sous-section.")
        preview_value = {"text": "Les objectifs", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    """An image with the text alternative that describes it (required)."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Texte alternatif"),
        max_length=255,
        help_text=_("Décrivez ce que montre l'image, pour les personnes qui ne la voient pas."),
    )
    caption = blocks.CharBlock(label=_("Légende"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/streamfield/image_block.html"
        description = _("Une image avec son texte alternatif et une légende facultative.")


class QuoteBlock(blocks.StructBlock):
    """A quotation, for instance a parent's testimony."""

    text = blocks.TextBlock(label=_("Citation"))
    attribution = blocks.CharBlock(label=_("Auteur·rice"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "components/streamfield/quote_block.html"
        description = _("Une citation ou un témoignage.")
        preview_value = {
            "text": "Beaucoup de familles recherchent des lieux pour rencontrer d'autres parents.",
            "attribution": "Parentescence",
        }


class CallToActionBlock(blocks.StructBlock):
    """A highlighted invitation to act: join a workshop, contact us, apply to the network."""

    title = blocks.CharBlock(label=pgettext_lazy("call to action", "Titre"), max_length=120)
    text = blocks.TextBlock(label=_("Texte"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("ou adresse web"), required=False)
    button_label = blocks.CharBlock(label=_("Libellé du bouton"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Appel à l'action")
        template = "components/streamfield/call_to_action_block.html"
        description = _("Un encadré avec un bouton vers une page ou une adresse web.")
        preview_value = {
            "title": "Rejoindre un atelier",
            "text": "Les ateliers parents-enfants ont lieu à Toulouse.",
            "url": "https://example.org/",
            "button_label": "Voir les ateliers",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choisissez soit une page, soit une adresse web."))}
            )
        return value


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=255)
    answer = blocks.RichTextBlock(label=_("Réponse"), features=["bold", "italic", "ul", "ol", "link"])

    class Meta:
        icon = "help"
        label = _("Question")


class FAQBlock(blocks.StructBlock):
    """Questions and answers shown as an accordion (native <details>, works without JavaScript)."""

    title = blocks.CharBlock(label=pgettext_lazy("questions block", "Titre"), required=False, max_length=120)
    items = blocks.ListBlock(QuestionAnswerBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Questions fréquentes")
        template = "components/streamfield/faq_block.html"
        description = _("Des questions et leurs réponses, dépliables une à une.")
        preview_value = {
            "title": "Questions fréquentes",
            "items": [
                {"question": "Combien coûte l'adhésion ?", "answer": "<p>30 €, valable un an de date à date.</p>"}
            ],
        }


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document of the library (documents in private collections stay private)."""

    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(label=_("Libellé"), required=False, max_length=120)

    class Meta:
        icon = "doc-full"
        label = _("Lien vers un document")
        template = "components/streamfield/document_link_block.html"
        description = _("Un lien de téléchargement vers un document.")


class BodyBlock(blocks.StreamBlock):
    """The shared body of every page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Texte"),
        icon="pilcrow",
        template="components/streamfield/paragraph_block.html",
        description=_("Du texte mis en forme : paragraphes, listes, liens."),
        preview_value="<p>Replacer le parent au centre de sa parentalité.</p>",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
    document_link = DocumentLinkBlock()


class EntryPointBlock(blocks.StructBlock):
    """An entry point on the home page for one audience (parents, professionals, partners)."""

    audience = blocks.CharBlock(label=_("Public"), max_length=80)
    text = blocks.TextBlock(label=_("Texte"))
    page = blocks.PageChooserBlock(label=_("Page"))
    link_label = blocks.CharBlock(label=_("Libellé du lien"), max_length=80)

    class Meta:
        icon = "user"
        label = _("Entrée par public")
        template = "components/streamfield/entry_point_block.html"
        description = _("Une porte d'entrée pour un public : parents, professionnel·les, partenaires.")


SOCIAL_NETWORKS = [
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("linkedin", "LinkedIn"),
    ("youtube", "YouTube"),
    ("other", _("Autre")),
]


class SocialLinkValue(blocks.StructValue):
    def display_label(self):
        return self.get("label") or dict(SOCIAL_NETWORKS).get(self.get("network"), self.get("url"))


class SocialLinkBlock(blocks.StructBlock):
    """A link to one of the association's pages on a social network."""

    network = blocks.ChoiceBlock(label=_("Réseau"), choices=SOCIAL_NETWORKS)
    url = blocks.URLBlock(label=_("Adresse"))
    label = blocks.CharBlock(
        label=_("Libellé"), required=False, max_length=60, help_text=_("Obligatoire pour « Autre ».")
    )

    class Meta:
        icon = "link"
        label = _("Lien vers un réseau social")
        value_class = SocialLinkValue

    def clean(self, value):
        value = super().clean(value)
        if value.get("network") == "other" and not value.get("label"):
            raise StructBlockValidationError(
                block_errors={"label": ValidationError(_("Donnez un libellé à ce lien."))}
            )
        return value
