"""Custom image and document models, in place from the first migration."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.models import Image as WagtailImage

from home.storage import private_storage


class CustomImage(AbstractImage):
    """An image of the public site. Renditions are served publicly whatever the collection
    (Wagtail issue #3880), so confidential material never goes into images: use documents
    in a private collection instead."""

    default_alt_text = models.CharField(
        _("texte alternatif par défaut"),
        max_length=255,
        blank=True,
        help_text=_("Décrit l'image pour les personnes qui ne la voient pas."),
    )

    admin_form_fields = WagtailImage.admin_form_fields + ("default_alt_text",)

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(AbstractDocument):
    """A document (PDF, office file). Stored where no URL reaches it and served only through
    Wagtail's view, so documents in a private collection stay private
    (WAGTAILDOCS_SERVE_METHOD = "serve_view")."""

    file = models.FileField(upload_to="documents", storage=private_storage, verbose_name=_("fichier"))

    admin_form_fields = WagtailDocument.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
