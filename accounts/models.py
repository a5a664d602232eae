from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in: an editor, a commission member, a network member, the treasurer.

    Custom from the first migration so later capabilities can add to it without pain.
    Contact details here are private: never shown on public pages, never logged.
    """

    preferred_language = models.CharField(
        _("langue préférée"),
        max_length=8,
        choices=[("fr", "Français"), ("en", "English")],
        default="fr",
        help_text=_("Langue des e-mails envoyés à cette personne."),
    )

    phone = models.CharField(
        _("téléphone"),
        max_length=30,
        blank=True,
        help_text=_("Privé : affiché sur la fiche de l'annuaire seulement si le/la membre le choisit."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("utilisateur·rice")
        verbose_name_plural = _("utilisateur·rices")
