"""The directory's editable vocabularies: the needs families come with, the languages
professionals speak. Short terms, each with its English label in the same row, so that
filters and their counts stay one query in either language."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def localised(french, english):
    """The English text on the English site when there is one, the French one otherwise."""
    if english and (get_language() or "").startswith("en"):
        return english
    return french
from wagtail.admin.panels import FieldPanel


class Labelled(models.Model):
    """A term with a French name and an optional English name."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    name_en = models.CharField(
        _("nom en anglais"), max_length=100, blank=True, help_text=_("Affiché sur le site anglais ; le nom français sinon.")
    )
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def label(self):
        return localised(self.name, self.name_en)


class Theme(Labelled):
    """A need or theme parents come with (allaitement, sommeil, deuil périnatal…), and the
    professions that answer it: the guided entry "Je cherche de l'aide pour…" reads it."""

    slug = models.SlugField(_("identifiant"), max_length=60, unique=True, help_text=_("Utilisé dans les liens de l'annuaire."))
    description = models.CharField(_("description"), max_length=300, blank=True)
    description_en = models.CharField(_("description en anglais"), max_length=300, blank=True)
    professions = models.ManyToManyField(
        "network.Profession",
        blank=True,
        related_name="themes",
        verbose_name=_("professions qui y répondent"),
        help_text=_("Proposées au parent qui choisit ce besoin."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("description_en"),
        FieldPanel("professions"),
        FieldPanel("sort_order"),
    ]

    class Meta(Labelled.Meta):
        verbose_name = _("besoin ou thème")
        verbose_name_plural = _("besoins et thèmes")

    @property
    def description_label(self):
        return localised(self.description, self.description_en)


class Language(Labelled):
    """A language a professional can work in."""

    code = models.SlugField(_("code"), max_length=20, unique=True)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("code"), FieldPanel("sort_order")]

    class Meta(Labelled.Meta):
        verbose_name = _("langue")
        verbose_name_plural = _("langues")
